import CommandModel
import EventLog
import Foundation
import Testing

/// Runs sqlite3 in JSON mode and returns the rows (as an auditor or an attacker reads them).
func sqliteRows(_ path: String, _ sql: String) throws -> [[String: Any]] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = ["-json", path, sql]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    if data.isEmpty { return [] }
    return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
}

func int64(_ value: Any?) -> Int64 {
    if let n = value as? NSNumber { return n.int64Value }
    if let i = value as? Int { return Int64(i) }
    return -1
}

/// SQL text literal.
func quoted(_ s: String?) -> String {
    guard let s else { return "NULL" }
    return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
}

/// What an attacker with sqlite3 and this project's own hash function does after editing rows:
/// recomputes every event's hash and link, and sets the head to match. Returns the new head hash.
@discardableResult
func recomputeChain(_ path: String) throws -> String {
    let rows = try sqliteRows(path, "SELECT seq, id, at, operator, kind, incident, payload, exercise FROM events ORDER BY seq")
    var previous = EventCodec.genesis
    var sql = "DROP TRIGGER IF EXISTS events_no_update; BEGIN;"
    var last: Int64 = 0
    for r in rows {
        let seq = int64(r["seq"])
        let hash = EventCodec.hash(
            sequence: seq, id: r["id"] as? String ?? "", at: r["at"] as? String ?? "", by: r["operator"] as? String ?? "", kind: r["kind"] as? String ?? "",
            incident: r["incident"] as? String, payload: r["payload"] as? String ?? "", exercise: r["exercise"] as? String, previous: previous)
        sql += "UPDATE events SET prev_hash = '\(previous)', hash = '\(hash)' WHERE seq = \(seq);"
        previous = hash
        last = seq
    }
    sql += "UPDATE head SET seq = \(last), hash = '\(previous)'; COMMIT;"
    let out = try sqlite(path, sql)
    #expect(out.isEmpty, "sqlite3: \(out)")
    return previous
}

/// A store with a signing key beside it (`s.sqlite.key`): the 30 example events appended in
/// three batches of ten with a checkpoint every ten events (at 10, 20 and 30).
func signedStore(_ dir: TempDir) throws -> (store: SQLiteEventStore, path: String, key: SigningKey) {
    let path = dir.path("s.sqlite")
    let key = try SigningKey.create(path: path + ".key")
    let store = try SQLiteEventStore.create(path: path)
    store.checkpointEvery = 10
    let pending = StoreTests.everyKind.enumerated().map {
        PendingEvent(id: "e\($0.offset)", at: t0.addingTimeInterval(Double($0.offset)), by: "li.na", exercise: nil, event: $0.element)
    }
    var head: Int64 = 0
    for batch in stride(from: 0, to: pending.count, by: 10) {
        guard case let .appended(recorded) = try store.append(Array(pending[batch..<min(pending.count, batch + 10)]), expectedHead: head) else {
            Issue.record("append failed")
            break
        }
        head += Int64(recorded.count)
    }
    return (store, path, key)
}

/// The octal permission bits of a file, as `stat` prints them.
func mode(_ path: String) throws -> String {
    try runProcess("/usr/bin/stat", ["-c", "%a", path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}
