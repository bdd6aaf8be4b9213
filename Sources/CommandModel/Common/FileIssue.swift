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
