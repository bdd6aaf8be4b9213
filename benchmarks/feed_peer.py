#!/usr/bin/env python3
"""The peer for `decision-hub feed`: the same feed into SQLite, as durably, in plain Python.

Reads the JSON lines, keeps a dict of (source, id) -> version for idempotency, and appends per
line the same rows the hub writes (a report and its receipt, or figures and a note, JSON
payloads, a SHA-256 hash chain over every column), 500 lines per transaction, then the feed's
position, in WAL mode with synchronous=FULL (the hub's pragmas). It does no map work (no district
or point attribution): the hub's figure includes that, the peer's does not.
Usage: benchmarks/feed_peer.py /tmp/hotline.jsonl /tmp/peer.sqlite
"""
import hashlib
import json
import os
import sqlite3
import sys
import time

path, db = sys.argv[1], sys.argv[2]
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=FULL")
con.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT, at INTEGER, operator TEXT, kind TEXT, incident TEXT, payload TEXT, exercise TEXT, prev_hash TEXT, hash TEXT)")
con.execute("CREATE INDEX events_incident ON events (incident)")
seen = {}
seq, head, incidents = 0, "0" * 64, 0
counts = dict(applied=0, duplicates=0, updated=0, rejected=0)
start = time.monotonic()


def add(rows, kind, incident, payload):
    global seq, head
    seq += 1
    at = int(time.time() * 1000)
    body = json.dumps({kind: payload}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    h = hashlib.sha256("|".join([str(seq), "e%d" % seq, str(at), "feed", kind, incident or "", body, "", head]).encode()).hexdigest()
    rows.append((seq, "e%d" % seq, at, "feed", kind, incident, body, None, head, h))
    head = h


def flush(rows, line):
    add(rows, "feedAdvanced", None, {"position": {"feed": path, "line": line, **counts}})
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    con.execute("COMMIT")
    rows.clear()


rows = []
line_no = 0
with open(path, encoding="utf-8") as f:
    for line_no, line in enumerate(f, 1):
        try:
            r = json.loads(line)
            key = (r["source"], r["id"])
            version = (r["time"], json.dumps(r.get("figures"), sort_keys=True), r.get("text"))
        except (ValueError, KeyError):
            counts["rejected"] += 1
            continue
        old = seen.get(key)
        if old is None:
            incidents += 1
            inc = "INC-%04d" % incidents
            add(rows, "incidentReported", inc, {"report": r})
            add(rows, "feedReceived", inc, {"receipt": {"incident": inc, "source": key[0], "external": key[1]}})
            seen[key] = (inc, version)
            counts["applied"] += 1
        elif old[1] == version or version[0] < old[1][0]:
            counts["duplicates"] += 1
        else:
            inc = old[0]
            add(rows, "figuresUpdated", inc, {"figures": r.get("figures")})
            add(rows, "noteAdded", inc, {"text": r.get("text")})
            add(rows, "feedReceived", inc, {"receipt": {"incident": inc, "source": key[0], "external": key[1]}})
            seen[key] = (inc, version)
            counts["updated"] += 1
        if line_no % 500 == 0:
            flush(rows, line_no)
if rows or line_no % 500:
    flush(rows, line_no)
elapsed = time.monotonic() - start
print("%d lines in %.3f s: %.0f lines/s %s" % (line_no, elapsed, line_no / elapsed, counts))
