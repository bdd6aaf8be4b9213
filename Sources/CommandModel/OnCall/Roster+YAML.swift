import Foundation

extension Roster {
    /// A yes/no setting, as people write it.
    static let yesNo = ["true": true, "false": false, "yes": true, "no": false]

    /// Reads a roster file. Every problem is reported with its line and field; good people,
    /// rotations and overrides are kept.
    public static func load(_ text: String, file: String) -> (roster: Roster, issues: [FileIssue]) {
        var r = YAMLReader(file: file)
        var roster = Roster(timeZone: Grammar.centreTimeZone, people: [], rotations: [], overrides: [])
        guard let root = r.root(text) else { return (roster, r.issues) }
        let roleWords = DutyRole.allCases.map(\.rawValue)
        func role(_ at: YAMLReader.Located) -> DutyRole? { r.value(at, "role", accepted: roleWords) { DutyRole(rawValue: $0) } }
        let sections = ["version", "timezone", "people", "rotations", "overrides", "authority", "escalation", "allow-operator", "notify-roles"]
        if let n = r.child(root, "notify-roles", required: false) {
            for (key, value) in r.pairs(n) {
                guard let role = DutyRole(rawValue: key) else {
                    r.fail(value, value.path, Bilingual("unknown role '\(key)'; expected one of: \(roleWords.joined(separator: ", "))", "未知角色“\(key)”；可选：\(roleWords.joined(separator: "、"))"))
                    continue
                }
                if let command = r.string(value) { roster.roleNotify[role] = command.split(separator: " ").map(String.init) }
            }
        }
        if let allow = r.child(root, "allow-operator", required: false) {
            roster.allowsOperatorFlag = r.value(allow, "yes/no", accepted: ["true", "false", "yes", "no"]) { Self.yesNo[$0.lowercased()] } ?? false
        }
        for (key, value) in r.pairs(root) where !sections.contains(key) {
            r.fail(value, key, Bilingual("unknown section '\(key)'; expected one of: \(sections.joined(separator: ", "))", "未知的段“\(key)”；可选：\(sections.joined(separator: "、"))"))
        }
        if let auth = r.child(root, "authority", required: false) {
            func table(_ key: String) -> [ResponseLevel: Set<DutyRole>]? {
                guard let node = r.child(auth, key, required: false) else { return nil }
                var out: [ResponseLevel: Set<DutyRole>] = [:]
                for (levelText, rolesNode) in r.pairs(node) {
                    guard let level = ResponseLevel(parsing: levelText) else {
                        r.fail(rolesNode, rolesNode.path, Bilingual("unknown level '\(levelText)'; expected I, II, III, IV or none", "未知级别“\(levelText)”；可选：I、II、III、IV、none"))
                        continue
                    }
                    out[level] = Set(r.items(rolesNode).compactMap { role($0) })
                }
                return out
            }
            var matrix = AuthorityMatrix.standard
            if let levels = table("levels") { matrix.levels.merge(levels) { $1 } }
            if let close = table("close") { matrix.close.merge(close) { $1 } }
            roster.authority = matrix
        }
        if let tz = r.child(root, "timezone", required: false) {
            if let name = r.string(tz) {
                if let zone = TimeZone(identifier: name) {
                    roster.timeZone = zone
                } else {
                    r.fail(tz, "timezone", Bilingual("unknown time zone '\(name)'; e.g. Asia/Shanghai", "未知时区“\(name)”；例如 Asia/Shanghai"))
                }
            }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = roster.timeZone
        func date(_ at: YAMLReader.Located, formats: [String]) -> Date? {
            guard let text = r.string(at) else { return nil }
            for f in formats {
                formatter.dateFormat = f
                if let d = formatter.date(from: text) { return d }
            }
            r.fail(
                at, at.path,
                Bilingual("'\(text)' is not a time; write \(formats[0].replacingOccurrences(of: "'", with: ""))", "“\(text)”不是时间；应写作 \(formats[0].replacingOccurrences(of: "'", with: ""))"))
            return nil
        }
        if let list = r.child(root, "people") {
            for item in r.items(list) {
                guard let id = r.child(item, "id").flatMap({ r.string($0) }), let name = r.child(item, "name").flatMap({ r.bilingual($0) }) else { continue }
                let logins = r.child(item, "logins", required: false).map { r.items($0).compactMap { r.string($0) } } ?? []
                let contact = r.child(item, "contact", required: false).flatMap { r.string($0) }
                let roles = r.child(item, "roles", required: false).map { r.items($0).compactMap { role($0) } } ?? []
                if roster.people.contains(where: { $0.id == id }) {
                    r.fail(item, item.path + ".id", Bilingual("person '\(id)' is listed twice", "人员“\(id)”重复"))
                    continue
                }
                var person = Person(id: id, name: name, logins: logins, contact: contact, roles: roles)
                if let n = r.child(item, "notify", required: false).flatMap({ r.string($0) }) {
                    person.notify = n.split(separator: " ").map(String.init)
                }
                if let act = r.child(item, "act-for-others", required: false) {
                    person.actsForOthers = r.value(act, "yes/no", accepted: ["true", "false", "yes", "no"]) { Self.yesNo[$0.lowercased()] } ?? false
                }
                roster.people.append(person)
            }
        }
        let known = Set(roster.people.map(\.id))
        func member(_ at: YAMLReader.Located) -> String? {
            guard let id = r.string(at) else { return nil }
            guard known.contains(id) else {
                r.fail(at, at.path, Bilingual("no person '\(id)' in people", "people 中没有“\(id)”"))
                return nil
            }
            return id
        }
        if let list = r.child(root, "rotations", required: false) {
            for item in r.items(list) {
                let before = r.issues.count
                guard let role = r.child(item, "role").flatMap({ role($0) }), let handoff = r.child(item, "handoff"), let text = r.string(handoff),
                    let startNode = r.child(item, "start"), let membersNode = r.child(item, "members")
                else { continue }
                // "daily 08:30" or "weekly monday 09:00"
                let words = text.lowercased().split(separator: " ").map(String.init)
                var period: Rotation.Period?
                var time: String?
                var weekday: Int?
                if words.count == 2, words[0] == "daily" { period = .daily; time = words[1] }
                let days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
                if words.count == 3, words[0] == "weekly", let d = days.firstIndex(of: words[1]) { period = .weekly; weekday = d + 1; time = words[2] }
                guard let period, let time else {
                    r.fail(handoff, handoff.path, Bilingual("write the hand-off as 'daily 08:30' or 'weekly monday 09:00'", "交接应写作“daily 08:30”或“weekly monday 09:00”"))
                    continue
                }
                guard let day = r.string(startNode),
                    let start = { () -> Date? in
                        formatter.dateFormat = "yyyy-MM-dd HH:mm"
                        return formatter.date(from: "\(day) \(time)")
                    }()
                else {
                    r.fail(startNode, startNode.path, Bilingual("write the start as a date, 2026-11-01, and the hand-off time as HH:MM", "开始日期应写作 2026-11-01，交接时间为 HH:MM"))
                    continue
                }
                if let weekday, roster.calendar.component(.weekday, from: start) != weekday {
                    r.fail(startNode, startNode.path, Bilingual("the start date must fall on the hand-off's weekday (\(days[weekday - 1]))", "开始日期必须是交接所在的星期（\(days[weekday - 1])）"))
                    continue
                }
                let members = r.items(membersNode).compactMap { member($0) }
                if members.isEmpty && r.issues.count == before { r.fail(membersNode, membersNode.path, Bilingual("a rotation needs at least one member", "轮值至少需要一人")) }
                guard r.issues.count == before else { continue }
                roster.rotations.append(Rotation(role: role, period: period, start: start, members: members))
            }
        }
        if let list = r.child(root, "overrides", required: false) {
            for item in r.items(list) {
                let before = r.issues.count
                guard let role = r.child(item, "role").flatMap({ role($0) }),
                    let from = r.child(item, "from").flatMap({ date($0, formats: ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"]) }),
                    let to = r.child(item, "to").flatMap({ date($0, formats: ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"]) })
                else { continue }
                // No person: leave without a replacement (a gap, unless someone else covers).
                let who = r.child(item, "person", required: false).flatMap { node -> String? in
                    if case let .scalar(s) = node.node, s.string == "~" || s.string.isEmpty || s.string == "null" { return nil }
                    return member(node)
                }
                let reason = r.child(item, "reason", required: false).flatMap { r.string($0) } ?? ""
                if to <= from { r.fail(item, item.path + ".to", Bilingual("'to' must be after 'from'", "“to”必须晚于“from”")) }
                guard r.issues.count == before else { continue }
                roster.overrides.append(Override(role: role, person: who, from: from, to: to, reason: reason))
            }
        }
        if let list = r.child(root, "escalation", required: false) {
            for item in r.items(list) {
                let before = r.issues.count
                guard let name = r.child(item, "name").flatMap({ r.string($0) }),
                    let trigger = r.child(item, "trigger").flatMap({ r.value($0, "trigger", accepted: EscalationTrigger.allCases.map(\.rawValue)) { EscalationTrigger(rawValue: $0) } }),
                    let stepsNode = r.child(item, "steps")
                else { continue }
                let after = r.child(item, "after-minutes", required: false).flatMap { r.int($0) } ?? 0
                let repeats = r.child(item, "repeat", required: false).flatMap { r.int($0, min: 1) } ?? 1
                let timeout = r.child(item, "ack-timeout-minutes", required: false).flatMap { r.int($0, min: 1) }
                let levels =
                    r.child(item, "levels", required: false).map { r.items($0).compactMap { r.value($0, "level", accepted: ["none", "IV", "III", "II", "I"]) { ResponseLevel(parsing: $0) } } } ?? []
                let categories =
                    r.child(item, "categories", required: false).map {
                        r.items($0).compactMap { r.value($0, "category", accepted: IncidentCategory.allCases.map(\.rawValue)) { IncidentCategory(rawValue: $0) } }
                    } ?? []
                var steps: [EscalationStep] = []
                for s in r.items(stepsNode) {
                    guard let target = r.child(s, "page").flatMap({ r.string($0) }) else { continue }
                    let wait = r.child(s, "wait-minutes", required: false).flatMap { r.int($0) } ?? 0
                    if target.hasPrefix("person:") {
                        let id = String(target.dropFirst(7))
                        if known.contains(id) {
                            steps.append(EscalationStep(target: .person(id), waitMinutes: wait))
                        } else {
                            r.fail(s, s.path + ".page", Bilingual("no person '\(id)' in people", "people 中没有“\(id)”"))
                        }
                    } else if let role = DutyRole(rawValue: target) {
                        steps.append(EscalationStep(target: .role(role), waitMinutes: wait))
                    } else {
                        r.fail(
                            s, s.path + ".page",
                            Bilingual("page a role (\(roleWords.joined(separator: ", "))) or person:ID, not '\(target)'", "应寻呼角色（\(roleWords.joined(separator: "、"))）或 person:编号，而不是“\(target)”"))
                    }
                }
                guard r.issues.count == before, !steps.isEmpty else { continue }
                roster.escalation.append(
                    EscalationPolicy(name: name, trigger: trigger, levels: Set(levels), categories: Set(categories), afterMinutes: after, steps: steps, repeats: repeats, ackTimeoutMinutes: timeout))
            }
        }
        return (roster, r.issues)
    }
}
