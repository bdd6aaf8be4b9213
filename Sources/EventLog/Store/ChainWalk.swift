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

extension ChainWalk {
    /// The head record against where the log ends: a mismatch names both numbers.
    func checkHead(seq: Int64, hash: String, _ bad: (Int64, Bilingual) -> Void) {
        guard seq != last || hash != previous else { return }
        bad(
            min(seq, last) + 1,
            Bilingual(
                "the head record says \(seq) but the log ends at \(last): events deleted from the end or the head edited", "头记录为 \(seq)，但日志止于 \(last)：末尾事件被删除或头记录被修改"))
    }
}

/// The drill journal's own chain checked entry by entry, the same for every store: numbering,
/// links, hashes, each entry after a log event that exists, payloads readable (sealed entries
/// included: their box is checked by the chain, not opened). A broken journal leaves the log's
/// numbering alone: its problems are reported without a sequence.
struct JournalWalk {
    private(set) var expected: Int64 = 1
    private(set) var previous = EventCodec.genesis
    /// The journal's hash at each wanted position (0: before the first entry).
    private(set) var hashAt: [Int64: String] = [0: EventCodec.genesis]
    let wanted: Set<Int64>
    /// The log's last event: an entry may follow only an event up to it.
    let logEnd: Int64
    let codec = EventCodec()

    init(wanted: Set<Int64>, logEnd: Int64) {
        self.wanted = wanted
        self.logEnd = logEnd
    }

    /// The last entry seen (0 for none).
    var last: Int64 { expected - 1 }

    mutating func check(
        seq: Int64, after: Int64, id: String, at: String, by: String, kind: String, drill: String, payload: String, prev: String, hash: String, _ bad: (Bilingual) -> Void
    ) {
        if seq != expected || prev != previous {
            bad(Bilingual("drill journal entry \(seq) does not follow entry \(expected - 1): entries deleted, inserted or reordered", "演练日志第 \(seq) 条与前一条不相连：记录被删除、插入或调换"))
        }
        let computed = EventCodec.hash(sequence: seq, id: id, at: at, by: by, kind: kind, incident: String(after), payload: payload, exercise: drill, previous: prev)
        if computed != hash { bad(Bilingual("drill journal entry \(seq) was altered after it was written (hash mismatch)", "演练日志第 \(seq) 条写入后被修改（哈希不符）")) }
        if after > logEnd { bad(Bilingual("drill journal entry \(seq) follows event \(after), which is not in the log", "演练日志第 \(seq) 条所跟随的事件 \(after) 不在日志中")) }
        if (try? codec.event(from: payload)) == nil { bad(Bilingual("drill journal entry \(seq) has a payload this build cannot read", "演练日志第 \(seq) 条的内容无法被本版本读取")) }
        previous = hash
        expected = seq + 1
        if wanted.contains(seq) { hashAt[seq] = hash }
    }

    /// The head record's journal end against where the journal ends.
    func checkHead(seq: Int64, hash: String, _ bad: (Bilingual) -> Void) {
        guard seq != last || hash != previous else { return }
        bad(
            Bilingual(
                "the head record says the drill journal ends at \(seq) but it ends at \(last): entries deleted from the end or the head edited",
                "头记录称演练日志止于 \(seq)，实际止于 \(last)：末尾记录被删除或头记录被修改"))
    }
}
