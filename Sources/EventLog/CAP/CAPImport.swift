import CommandModel
import Foundation

/// What importing one CAP file did.
public enum CAPImportResult: Sendable, Equatable {
    /// On the record now: the receipt and the events it took.
    case applied(CAPReceipt, [RecordedEvent])
    /// The same alert (sender and identifier) was applied before: nothing changed.
    case alreadyOnRecord(CAPKey)
    /// Not a warning for this centre (status Exercise/Test/System/Draft, an Ack or Error).
    case ignored(Bilingual)
    /// A well-formed alert the record refuses (outside the map, expired, out of bounds).
    case refused(Bilingual)
    /// Not a CAP 1.2 alert, or not well-formed XML: where, and why. Nothing was applied.
    case malformed(XMLError)
    /// The file could not be read.
    case unreadable(Bilingual)
}

/// One file's outcome, said in both languages.
public struct CAPImportOutcome: Sendable, Equatable {
    public var file: String
    public var result: CAPImportResult

    /// `file: what happened`; a malformed file as `file:line:column: why`.
    public func text(_ language: Language) -> String {
        switch result {
        case let .applied(r, _):
            var parts: [Bilingual] = [CAPImportOutcome.did(r)]
            if !r.unknownReferences.isEmpty {
                let ids = r.unknownReferences.map(\.identifier).joined(separator: ", ")
                parts.append(Bilingual("references not on the record: \(ids)", "引用的警报不在记录中：\(ids)"))
            }
            if !r.unknownCodes.isEmpty {
                let codes = r.unknownCodes.joined(separator: ", ")
                parts.append(Bilingual("unknown geocodes (not drawn): \(codes)", "未知地理编码（未绘制）：\(codes)"))
            }
            return "\(file): " + parts.map { $0(language) }.joined(separator: language == .en ? "; " : "；")
        case let .alreadyOnRecord(key):
            return "\(file): " + Bilingual("\(key.identifier) already on record; nothing changed", "\(key.identifier) 已在记录中；未作更改")(language)
        case let .ignored(why):
            return "\(file): " + Bilingual("ignored: ", "已忽略：")(language) + why(language)
        case let .refused(why):
            return "\(file): " + Bilingual("refused: ", "已拒收：")(language) + why(language)
        case let .malformed(e):
            return "\(file):\(e.line):\(e.column): " + Bilingual("refused, nothing applied: ", "已拒收，未应用任何内容：")(language) + e.reason(language)
        case let .unreadable(why):
            return "\(file): " + why(language)
        }
    }

    static func did(_ r: CAPReceipt) -> Bilingual {
        let changed = r.changed.map(\.description).joined(separator: ", ")
        switch r.msgType {
        case .cancel:
            return r.changed.isEmpty
                ? Bilingual("Cancel \(r.identifier): no warning of its references in force; kept on the record", "取消 \(r.identifier)：其引用的预警均不在生效中；已记录")
                : Bilingual("Cancel \(r.identifier) lifted \(changed)", "取消 \(r.identifier)：已解除 \(changed)")
        case .alert, .update, .ack, .error:
            if let later = r.overtakenBy {
                return Bilingual(
                    "\(r.msgType.rawValue) \(r.identifier) arrived after \(later), which replaced or cancelled it: kept on the record, no warning",
                    "\(r.msgType.rawValue) \(r.identifier) 晚于已更新或取消它的 \(later) 到达：已记录，不发布预警")
            }
            guard let w = r.warning else {
                return Bilingual("\(r.msgType.rawValue) \(r.identifier) lifted \(changed) (now outside the map)", "\(r.msgType.rawValue) \(r.identifier)：已解除 \(changed)（已移出地图）")
            }
            return r.changed.isEmpty
                ? Bilingual("\(r.msgType.rawValue) \(r.identifier) issued \(w)", "\(r.msgType.rawValue) \(r.identifier)：已发布 \(w)")
                : Bilingual("\(r.msgType.rawValue) \(r.identifier) issued \(w), replacing \(changed)", "\(r.msgType.rawValue) \(r.identifier)：已发布 \(w)，取代 \(changed)")
        }
    }

    public var applied: Bool {
        if case .applied = result { return true }
        return false
    }

    /// A file refused as malformed or unreadable (the exit status says so).
    public var failed: Bool {
        switch result {
        case .malformed, .unreadable: true
        case .applied, .alreadyOnRecord, .ignored, .refused: false
        }
    }
}

/// Applies CAP 1.2 files to the record, each alert in one command (its warning events and its
/// receipt together, or nothing): read by the strict ``XMLReader`` (no DTD, no entities, at
/// most ``XMLReader/maxBytes``), placed on the ledger's map, coloured by the alert or the
/// centre's table, then decided (``CAPCommand``). The record is the memory: an alert applied
/// before is "already on record", whatever file or run brings it again.
public final class CAPImport {
    public let ledger: Ledger
    public let operatorName: String
    public let colours: CAPColourTable
    /// The clock the alerts are decided at (tests fix it).
    public var now: () -> Date = Date.init

    public init(ledger: Ledger, operatorName: String, colours: CAPColourTable) {
        self.ledger = ledger
        self.operatorName = operatorName
        self.colours = colours
    }

    /// Reads and applies one file; a store failure is thrown (nothing of the file applied).
    public func importFile(_ path: String) throws -> CAPImportOutcome {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return CAPImportOutcome(file: path, result: .unreadable(Bilingual("cannot be read", "无法读取")))
        }
        defer { try? handle.close() }
        // Never more than the limit and one byte: a 50 MB file is refused unread.
        let data: Data
        do { data = try handle.read(upToCount: XMLReader.maxBytes + 1) ?? Data() } catch {
            return CAPImportOutcome(file: path, result: .unreadable(Bilingual("cannot be read (\(error.localizedDescription))", "无法读取（\(error.localizedDescription)）")))
        }
        if data.count > XMLReader.maxBytes {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? Int64(data.count)
            return CAPImportOutcome(
                file: path,
                result: .malformed(XMLError(line: 1, column: 1, Bilingual("the file is \(size) bytes, more than \(XMLReader.maxBytes)", "文件 \(size) 字节，超过 \(XMLReader.maxBytes)"))))
        }
        return try importBytes(Array(data), name: path)
    }

    /// Applies one document.
    public func importBytes(_ bytes: [UInt8], name: String) throws -> CAPImportOutcome {
        let alert: CAPAlert
        do throws(XMLError) { alert = try CAPAlert.read(bytes) } catch { return CAPImportOutcome(file: name, result: .malformed(error)) }
        return CAPImportOutcome(file: name, result: try apply(alert))
    }

    /// Applies one alert read.
    public func apply(_ alert: CAPAlert) throws -> CAPImportResult {
        guard let grid = ledger.grid else { return .refused(Bilingual("no map is loaded to place the alert on", "未加载地图，无法定位警报")) }
        let message = alert.message(on: grid, colours: colours)
        let recorded: [RecordedEvent]
        do throws(ExecutionError) {
            recorded = try ledger.execute([.cap(.receive(message))], operatorName: operatorName, now: now)
        } catch {
            guard case let .rejected(rejection) = error else { throw error }
            if case let .capAlreadyOnRecord(key) = rejection { return .alreadyOnRecord(key) }
            if case .capNotActual = rejection { return .ignored(rejection.message) }
            if case .capNotAWarning = rejection { return .ignored(rejection.message) }
            return .refused(rejection.message)
        }
        for r in recorded {
            if case let .capAlertReceived(receipt) = r.event { return .applied(receipt, recorded) }
        }
        preconditionFailure("a CAP alert applied without its receipt: \(recorded.map(\.event.kind))")
    }

    /// The alert files of a folder, in name order: `*.xml`, not hidden, not partial
    /// (`.tmp`, `.part`), so a writer that renames a finished file into place is read whole.
    public static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter(isAlertFile).sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    static func isAlertFile(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.lowercased().hasSuffix(".xml")
    }
}

extension ResourceFiles {
    /// The centre's CAP colour ladder (`cap/colour-ladder.txt`), checked: every problem with its
    /// line.
    public func capColours() throws(FileIssues) -> CAPColourTable {
        let path = root.appendingPathComponent("cap/colour-ladder.txt").path
        let (text, readIssues) = SourceFile.read(path)
        guard let text else { throw FileIssues(readIssues) }
        let (table, issues) = CAPColourTable.parse(text, file: path)
        guard let table, readIssues.isEmpty else { throw FileIssues(readIssues + issues) }
        return table
    }
}

/// Which alert files of a folder are complete and new: a file is taken once its size and
/// modification time stayed the same between two looks (a writer still appending changes
/// them; one that renames a finished file into place is taken at the next look but one). Each
/// version of a file is handed out once per process; across restarts the record remembers
/// (an alert applied before is "already on record").
public final class CAPFolderWatch {
    public let folder: String
    private struct Seen: Equatable {
        var size: UInt64
        var modified: Date
    }
    private var last: [String: Seen] = [:]
    private var taken: [String: Seen] = [:]

    public init(folder: String) { self.folder = folder }

    /// The files complete since the last look (in name order).
    public func ready() throws -> [String] {
        var now: [String: Seen] = [:]
        for path in try CAPImport.files(in: folder) {
            guard let a = try? FileManager.default.attributesOfItem(atPath: path), (a[.type] as? FileAttributeType) == .typeRegular,
                let size = (a[.size] as? NSNumber)?.uint64Value, let modified = a[.modificationDate] as? Date
            else { continue }
            now[path] = Seen(size: size, modified: modified)
        }
        var out: [String] = []
        for (path, seen) in now.sorted(by: { $0.key < $1.key }) where last[path] == seen && taken[path] != seen {
            taken[path] = seen
            out.append(path)
        }
        last = now
        return out
    }
}
