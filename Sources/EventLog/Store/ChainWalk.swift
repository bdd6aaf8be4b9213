import CommandModel

/// The log's hash chain checked row by row, the same for every store (`verify`): numbering
/// without gaps, each row linked to the one before, its hash recomputed, its payload readable
/// and of the kind it says. Keeps the hashes at the positions checkpoints name.
struct ChainWalk {
    /// The sequence the next row should have, and the hash it should link to.
    private(set) var expected: Int64 = 1
    private(set) var previous = EventCodec.genesis
    /// The chain's hash at each wanted position (0: before the first event).
    private(set) var hashAt: [Int64: String] = [0: EventCodec.genesis]
    let wanted: Set<Int64>
    let codec = EventCodec()

    init(wanted: Set<Int64>) { self.wanted = wanted }

    /// The last event seen (0 for none).
    var last: Int64 { expected - 1 }

    /// Checks one stored event row; every problem goes to `bad` with the sequence it names.
    mutating func check(
        seq: Int64, id: String, at: String, by: String, kind: String, incident: String?, payload: String, exercise: String?, prev: String, hash: String,
        _ bad: (Int64, Bilingual) -> Void
    ) {
        if seq != expected {
            bad(expected, Bilingual("event \(expected) is missing (next stored is \(seq)): deleted rows", "事件 \(expected) 缺失（下一条为 \(seq)）：有记录被删除"))
            expected = seq
        }
        if prev != previous { bad(seq, Bilingual("event \(seq) does not link to the event before it: rows deleted, inserted or reordered", "事件 \(seq) 与前一条不相连：记录被删除、插入或调换")) }
        let computed = EventCodec.hash(sequence: seq, id: id, at: at, by: by, kind: kind, incident: incident, payload: payload, exercise: exercise, previous: prev)
        if computed != hash { bad(seq, Bilingual("event \(seq) was altered after it was written (hash mismatch)", "事件 \(seq) 写入后被修改（哈希不符）")) }
        if let decoded = try? codec.event(from: payload) {
            if decoded.kind.rawValue != kind { bad(seq, Bilingual("event \(seq) says kind \(kind) but holds \(decoded.kind)", "事件 \(seq) 标明类型 \(kind)，实际为 \(decoded.kind)")) }
        } else {
            bad(seq, Bilingual("event \(seq) has a payload this build cannot read", "事件 \(seq) 的内容无法被本版本读取"))
        }
        previous = hash
        expected = seq + 1
        if wanted.contains(seq) { hashAt[seq] = hash }
    }
}
