import Foundation

/// Where the centres of a region keep their stores, and whom each means to share its board
/// with: the centres file (`--centres FILE` or `DECISION_HUB_CENTRES`; a sample is
/// `Resources/centres.yaml`).
///
/// ```yaml
/// version: 1
/// centres:
///   beijing:
///     name: {en: Beijing, zh: 北京}            # optional
///     store: /srv/hub/beijing.sqlite         # a file (relative to this one), or postgresql://…?centre=beijing
///     share-board: [tianjin]                 # optional
///   tianjin:
///     store: postgresql://dh@/hub?host=/run/postgresql&centre=tianjin
/// ```
///
/// Guarantees: every name is a valid centre name; every store is given; `share-board` names
/// only other centres of the file. Every problem is an issue with its line and column.
public struct CentreDirectory: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: Bilingual?
        /// The store as written (a path is resolved against the file's folder by the reader).
        public var store: String
        /// Whom the file says this centre shares its board with (nil: the file does not say).
        public var shareBoard: [String]?
        public var line: Int
    }

    public var file: String
    public var entries: [String: Entry]

    public init(file: String, entries: [String: Entry]) {
        self.file = file
        self.entries = entries
    }

    /// The centres' names, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// Reads a centres file; nil with the issues when anything is wrong (a relay must not run
    /// on half a directory).
    public static func parse(_ text: String, file: String) -> (CentreDirectory?, [FileIssue]) {
        var r = YAMLReader(file: file)
        guard let root = r.root(text) else { return (nil, r.issues) }
        var entries: [String: Entry] = [:]
        var shareNodes: [(String, YAMLReader.Located, String)] = []
        var sawCentres = false
        for (key, value) in r.pairs(root) {
            switch key {
            case "version":
                if let v = r.int(value, min: 1), v != 1 { r.fail(value, "version", Bilingual("version \(v) is not known; this build reads version 1", "未知版本 \(v)；本版本读取 version 1")) }
            case "centres":
                sawCentres = true
                for (keyNode, item) in r.keyedPairs(value) {
                    let id = keyNode.node.string ?? ""
                    guard CentreName.isValid(id) else {
                        r.fail(
                            keyNode, item.path,
                            Bilingual(
                                "'\(id)' is not a centre name: lower-case letters, digits and _, starting with a letter (beijing)", "“\(id)”不是中心名：应为小写字母、数字和 _，以字母开头（如 beijing）"))
                        continue
                    }
                    var entry = Entry(id: id, name: nil, store: "", shareBoard: nil, line: item.line)
                    var hasStore = false
                    for (field, v) in r.pairs(item) {
                        switch field {
                        case "name": entry.name = r.bilingual(v)
                        case "store":
                            if let s = r.string(v) {
                                if s.trimmingCharacters(in: .whitespaces).isEmpty {
                                    r.fail(v, v.path, Bilingual("the store is empty: a file or a postgresql:// URL", "事件库为空：应为文件或 postgresql:// 地址"))
                                } else {
                                    entry.store = s
                                    hasStore = true
                                }
                            }
                        case "share-board":
                            var list: [String] = []
                            for n in r.items(v) {
                                if let s = r.string(n) {
                                    list.append(s)
                                    shareNodes.append((id, n, s))
                                }
                            }
                            entry.shareBoard = list
                        default:
                            r.fail(v, v.path, Bilingual("unknown field '\(field)'; fields: name, store, share-board", "未知字段“\(field)”；可用：name、store、share-board"))
                        }
                    }
                    if !hasStore, r.issues.allSatisfy({ !$0.field.hasPrefix(item.path + ".store") }) {
                        r.fail(item, item.path, Bilingual("missing field 'store' (a file or a postgresql:// URL)", "缺少字段“store”（文件或 postgresql:// 地址）"))
                    }
                    entries[id] = entry
                }
            default:
                r.fail(value, key, Bilingual("unknown field '\(key)'; fields: version, centres", "未知字段“\(key)”；可用：version、centres"))
            }
        }
        if !sawCentres, r.issues.isEmpty { r.fail(root, "", Bilingual("missing field 'centres'", "缺少字段“centres”")) }
        for (id, node, other) in shareNodes {
            if other == id {
                r.fail(node, node.path, Bilingual("a centre does not share its board with itself", "中心无需向自己共享态势"))
            } else if entries[other] == nil {
                r.fail(
                    node, node.path,
                    Bilingual(
                        "'\(other)' is not a centre of this file; centres: \(entries.keys.sorted().joined(separator: ", "))", "“\(other)”不是本文件中的中心；现有：\(entries.keys.sorted().joined(separator: "、"))"))
            }
        }
        guard r.issues.isEmpty else { return (nil, r.issues) }
        return (CentreDirectory(file: file, entries: entries), [])
    }
}
