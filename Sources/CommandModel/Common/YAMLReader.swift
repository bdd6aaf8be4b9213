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

        public var line: Int { node.mark?.line ?? 0 }
        public var column: Int { node.mark?.column ?? 0 }
    }

    /// Parses the text; a syntax error becomes an issue and the result is nil.
    public mutating func root(_ text: String) -> Located? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                fail(nil, "", Bilingual("the file is empty", "文件为空"))
                return nil
            }
            return Located(node: node, path: "")
        } catch let error as YamlError {
            var line = 0, column = 0
            var problem = "\(error)"
            switch error {
            case let .scanner(_, p, mark, _), let .parser(_, p, mark, _), let .composer(_, p, mark, _):
                line = mark.line
                column = mark.column
                problem = p
            default: break
            }
            issues.append(FileIssue(file: file, line: line, column: column, field: "", message: Bilingual("YAML syntax: \(problem)", "YAML 语法错误：\(problem)")))
            return nil
        } catch {
            fail(nil, "", Bilingual("cannot read YAML: \(error)", "无法读取 YAML：\(error)"))
            return nil
        }
    }

    public mutating func fail(_ at: Located?, _ field: String, _ message: Bilingual) {
        issues.append(FileIssue(file: file, line: at?.line ?? 0, column: at?.column ?? 0, field: field, message: message))
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
