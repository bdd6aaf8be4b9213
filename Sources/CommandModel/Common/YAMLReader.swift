import Foundation
import Yams

/// Walks a YAML document keeping the file, line and field of every node, so that a loader
/// can say exactly where a hand-written file is wrong and carry on with the rest.
public struct YAMLReader {
    public let file: String
    public private(set) var issues: [FileIssue] = []

    public init(file: String) { self.file = file }

    /// A node and the path that led to it.
    public struct Located {
        public let node: Node
        public let path: String

        public var line: Int { node.mark?.line ?? 1 }
        public var column: Int { node.mark?.column ?? 1 }
    }

    /// Every scalar is read as its text (`string`, then converted where a field is a number):
    /// resolving YAML 1.1 tags (bools, ints, timestamps, merge keys) would run Foundation's
    /// regular expressions over every scalar, a quarter of a short `exec`'s parse of the plans.
    static let resolver = Resolver.basic

    /// Parses the text; a syntax error becomes an issue and the result is nil. NUL and control
    /// characters, duplicate keys and every other error are reported at their line and column.
    public mutating func root(_ text: String) -> Located? {
        let control = FileIssue.controlCharacters(in: text, file: file)
        guard control.isEmpty else {
            issues += control
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text, Self.resolver) else {
                fail(nil, "", Bilingual("the file is empty", "文件为空"))
                return nil
            }
            return Located(node: node, path: "")
        } catch let error as YamlError {
            var line = 1, column = 1
            var message = Bilingual("YAML syntax: \(error)", "YAML 语法错误：\(error)")
            switch error {
            case let .scanner(_, p, mark, _), let .parser(_, p, mark, _), let .composer(_, p, mark, _):
                (line, column) = (mark.line, mark.column)
                message = Bilingual("YAML syntax: \(p)", "YAML 语法错误：\(p)")
            case let .reader(p, offset, _, _):
                (line, column) = Self.position(ofCharacter: offset ?? 0, in: text)
                message = Bilingual("YAML cannot read this character: \(p)", "YAML 无法读取此字符：\(p)")
            case let .duplicatedKeysInMapping(duplicates, context):
                let key = duplicates.first ?? ""
                let first = (line: context.mark.line, column: context.mark.column)
                (line, column) = Self.repeatedKey(key, after: first, in: text) ?? first
                message = Bilingual(
                    "the key '\(key)' appears twice in one mapping (first at line \(first.line)); keep one",
                    "键“\(key)”在同一映射中出现两次（第一次在第 \(first.line) 行）；请只保留一个")
            case .no, .memory, .writer, .emitter, .representer, .dataCouldNotBeDecoded:
                break
            }
            issues.append(FileIssue(file: file, line: line, column: column, field: "", message: message))
            return nil
        } catch {
            fail(nil, "", Bilingual("cannot read YAML: \(error)", "无法读取 YAML：\(error)"))
            return nil
        }
    }

    /// The line and column (from 1) of the character at `offset` (counted in characters, as
    /// Yams counts a reader error's offset).
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for ch in text.prefix(max(0, offset)) {
            if ch == "\n" || ch == "\r\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return (line, column)
    }

    /// Where a key that Yams found twice appears the second time: the next line that starts at
    /// the first one's column with the same key, before the mapping ends (a line indented less);
    /// nil when it is not that simple (a flow mapping), and the first place is reported.
    static func repeatedKey(_ key: String, after first: (line: Int, column: Int), in text: String) -> (line: Int, column: Int)? {
        guard !key.isEmpty else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var n = first.line
        while n < lines.count {
            let scalars = Array(lines[n].unicodeScalars)
            n += 1
            guard let start = scalars.firstIndex(where: { $0 != " " }), scalars[start] != "#", scalars[start] != "\r" else { continue }
            let column = start + 1
            if column < first.column { return nil }
            guard column == first.column else { continue }
            let rest = String(String.UnicodeScalarView(scalars[start...]))
            for spelled in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelled) {
                if rest.dropFirst(spelled.count).drop(while: { $0 == " " }).first == ":" { return (n, column) }
            }
        }
        return nil
    }

    public mutating func fail(_ at: Located?, _ field: String, _ message: Bilingual) {
        // A problem with no node (an empty file) is at the start of the file.
        issues.append(FileIssue(file: file, line: at?.line ?? 1, column: at?.column ?? 1, field: field, message: message))
    }

    /// A child of a mapping; a missing required child is an issue.
    public mutating func child(_ parent: Located, _ key: String, required: Bool = true) -> Located? {
        let path = parent.path.isEmpty ? key : parent.path + "." + key
        guard case .mapping = parent.node else {
            fail(parent, parent.path, Bilingual("expected a mapping with '\(key)'", "此处应为包含“\(key)”的映射"))
            return nil
        }
        guard let n = parent.node[key] else {
            if required { fail(parent, path, Bilingual("missing field '\(key)'", "缺少字段“\(key)”")) }
            return nil
        }
        return Located(node: n, path: path)
    }

    /// The entries of a sequence; anything else is an issue.
    public mutating func items(_ at: Located) -> [Located] {
        guard case let .sequence(seq) = at.node else {
            fail(at, at.path, Bilingual("expected a list", "此处应为列表"))
            return []
        }
        return seq.enumerated().map { Located(node: $1, path: "\(at.path)[\($0)]") }
    }

    /// The key/value pairs of a mapping, keys as strings.
    public mutating func pairs(_ at: Located) -> [(key: String, value: Located)] {
        guard case let .mapping(map) = at.node else {
            fail(at, at.path, Bilingual("expected a mapping", "此处应为映射"))
            return []
        }
        return map.map { pair in
            let k = pair.key.string ?? ""
            return (k, Located(node: pair.value, path: at.path.isEmpty ? k : at.path + "." + k))
        }
    }

    /// The key/value pairs of a mapping with each key as a node of its own, so that a bad key
    /// is named where it is written (its line and column, not its value's).
    public mutating func keyedPairs(_ at: Located) -> [(key: Located, value: Located)] {
        guard case let .mapping(map) = at.node else {
            fail(at, at.path, Bilingual("expected a mapping", "此处应为映射"))
            return []
        }
        return map.map { pair in
            let k = pair.key.string ?? ""
            let path = at.path.isEmpty ? k : at.path + "." + k
            return (Located(node: pair.key, path: path), Located(node: pair.value, path: path))
        }
    }

    public mutating func string(_ at: Located) -> String? {
        guard case let .scalar(s) = at.node else {
            fail(at, at.path, Bilingual("expected text", "此处应为文本"))
            return nil
        }
        return s.string
    }

    public mutating func int(_ at: Located, min: Int = 0) -> Int? {
        guard case let .scalar(s) = at.node, let v = Int(s.string.replacingOccurrences(of: "_", with: "")) else {
            fail(at, at.path, Bilingual("expected a whole number", "此处应为整数"))
            return nil
        }
        guard v >= min else {
            fail(at, at.path, Bilingual("must be at least \(min), got \(v)", "不得小于 \(min)，实际为 \(v)"))
            return nil
        }
        return v
    }

    public mutating func double(_ at: Located) -> Double? {
        guard case let .scalar(s) = at.node, let v = Double(s.string) else {
            fail(at, at.path, Bilingual("expected a number", "此处应为数字"))
            return nil
        }
        return v
    }

    /// A bilingual name: `{en: ..., zh: ...}`.
    public mutating func bilingual(_ at: Located) -> Bilingual? {
        guard let en = child(at, "en").flatMap({ string($0) }), let zh = child(at, "zh").flatMap({ string($0) }) else { return nil }
        return Bilingual(en, zh)
    }

    /// A value parsed by `parse`, with the list of accepted words in the issue.
    public mutating func value<T>(_ at: Located, _ what: String, accepted: [String], _ parse: (String) -> T?) -> T? {
        guard let s = string(at) else { return nil }
        guard let v = parse(s) else {
            fail(at, at.path, Bilingual("unknown \(what) '\(s)'; expected one of: \(accepted.joined(separator: ", "))", "未知的\(what)“\(s)”；可选：\(accepted.joined(separator: "、"))"))
            return nil
        }
        return v
    }
}
