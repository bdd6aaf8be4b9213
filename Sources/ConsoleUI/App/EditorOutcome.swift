import CommandModel

/// What the officer's editor gave back: the text saved, or why nothing is recorded (no editor,
/// one that failed, a file emptied).
public enum EditorOutcome: Hashable, Sendable {
    case saved(String)
    case nothingRecorded(Bilingual)
}
