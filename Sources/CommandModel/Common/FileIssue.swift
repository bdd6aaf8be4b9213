/// A problem found in a file a person wrote by hand: where it is, which field, what is wrong.
///
/// Loaders collect every issue and keep every good record; they never stop at the first.
public struct FileIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The field's path, e.g. `criteria[1].levels.II.deaths`.
    public var field: String
    public var message: Bilingual

    public init(file: String, line: Int, column: Int, field: String, message: Bilingual) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public func text(_ language: Language) -> String {
        let place = field.isEmpty ? "" : " \(field):"
        return "\(file):\(line):\(column):\(place) \(message(language))"
    }

    public var description: String { text(.en) }
}

/// Every issue found in one or more files, as one error.
public struct FileIssues: Error, Sendable, CustomStringConvertible {
    public var issues: [FileIssue]
    public init(_ issues: [FileIssue]) { self.issues = issues }
    public func text(_ language: Language) -> String { issues.map { $0.text(language) }.joined(separator: "\n") }
    public var description: String { text(.en) }
}

/// The checks every hand-written file passes before a reader parses it: valid UTF-8 (refused,
/// never replaced), no NUL, no control character other than tab, line feed and carriage
/// return. Each problem names its line and column (both from 1; a column counts characters,
/// as the YAML reader's do), so a reader's own positions and these agree.
extension FileIssue {
    /// The most problems reported per file: a binary file would otherwise list thousands.
    public static let reportedPerFile = 20

    /// Decodes a file's bytes as UTF-8 text; invalid UTF-8, NUL and control characters are
    /// issues with their positions, and then the text is nil.
    public static func decode(_ bytes: some Sequence<UInt8>, file: String) -> (text: String?, issues: [FileIssue]) {
        // The usual case, fast: valid UTF-8 with no control character (checked on the bytes:
        // C0 controls but tab, newline and return, DEL, and C1 controls, which UTF-8 writes as
        // 0xC2 0x80…0x9F). Anything else takes the careful path below, which names the place.
        let all = Array(bytes)
        if let text = String(validating: all, as: UTF8.self) {
            var clean = true
            var previous: UInt8 = 0
            for b in all {
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) {
                    clean = false
                    break
                }
                previous = b
            }
            if clean { return (text, []) }
        }
        return decodeCarefully(all, file: file)
    }

    /// Scalar by scalar, with line and column, for a file that is not clean UTF-8 text.
    static func decodeCarefully(_ bytes: [UInt8], file: String) -> (text: String?, issues: [FileIssue]) {
        var issues: [FileIssue] = []
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var line = 1, column = 1
        loop: while true {
            switch parser.parseScalar(from: &input) {
            case let .valid(encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if let problem = controlProblem(scalar) {
                    issues.append(FileIssue(file: file, line: line, column: column, field: "", message: problem))
                }
                scalars.append(scalar)
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            case let .error(length):
                issues.append(
                    FileIssue(
                        file: file, line: line, column: column, field: "",
                        message: Bilingual(
                            "invalid UTF-8 (\(length) byte\(length == 1 ? "" : "s") that are not a character); save the file as UTF-8 text",
                            "无效的 UTF-8（\(length) 个字节不构成字符）；请将文件另存为 UTF-8 文本")))
                scalars.append("\u{FFFD}")
                column += 1
            case .emptyInput:
                break loop
            }
            if issues.count >= reportedPerFile { break }
        }
        return issues.isEmpty ? (String(scalars), []) : (nil, issues)
    }

    /// NUL and control characters in text already decoded, with their positions.
    public static func controlCharacters(in text: String, file: String) -> [FileIssue] {
        var issues: [FileIssue] = []
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if let problem = controlProblem(scalar) {
                issues.append(FileIssue(file: file, line: line, column: column, field: "", message: problem))
                if issues.count >= reportedPerFile { break }
            }
            if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return issues
    }

    /// What is wrong with a character in a hand-written file, if anything.
    static func controlProblem(_ scalar: Unicode.Scalar) -> Bilingual? {
        let v = scalar.value
        if v == 0 {
            return Bilingual("a NUL byte: the file is binary or damaged; save it as plain UTF-8 text", "NUL 字节：文件为二进制或已损坏；请另存为纯 UTF-8 文本")
        }
        let isControl = v < 0x20 || (0x7F...0x9F).contains(v)
        guard isControl, v != 0x09, v != 0x0A, v != 0x0D else { return nil }
        let hex = String(v, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return Bilingual("control character \(code) is not allowed; delete it (an editor may not show it)", "不允许控制字符 \(code)；请删除（编辑器可能不显示它）")
    }
}
