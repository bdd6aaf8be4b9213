#!/usr/bin/env python3
"""Consoles following a writer: CPU of each console, the writer's latency, and how soon a
console sees another's change.

Starts N real consoles (ncurses, each in its own tmux session of 200x60) on one store (a SQLite
file, or a PostgreSQL URL with `centre=`), then a writer, `decision-hub exec --stdin`, fed RATE
commands a second (notes on open incidents) for SECONDS; each line's latency is the time from
writing it to reading its answer (the answer comes after the append is durable). Prints the
consoles' CPU (user + system, from /proc) as a share of one core over the window, and the
writer's p50/p99; run it with N=0 for the writer alone. With consoles, it then reports 10 new
incidents through the writer, one at a time, and times each from the writer's answer until the
first console's header counts it ("Incidents N"): the time until another console sees a change
(read by `tmux capture-pane` every 10 ms, so about 10 ms coarse).

    python3 benchmarks/followers.py BINARY STORE N [RATE] [SECONDS]
"""
import os
import random
import re
import shlex
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

binary, store, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rate = float(sys.argv[4]) if len(sys.argv) > 4 else 50
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 30
tick = os.sysconf("SC_CLK_TCK")

OPEN_IDS = ("SELECT incident FROM events WHERE kind = 'incidentReported' AND incident NOT IN "
            "(SELECT incident FROM events WHERE kind IN ('incidentClosed', 'incidentCancelled')) LIMIT 2000")
if store.startswith("postgresql://"):
    # psql does not know `centre=`: it names the schema (dh_CENTRE).
    url = urllib.parse.urlsplit(store)
    query = urllib.parse.parse_qsl(url.query)
    centre = dict(query).get("centre", "main")
    plain = urllib.parse.urlunsplit(url._replace(query=urllib.parse.urlencode([q for q in query if q[0] != "centre"])))
    out = subprocess.run(["psql", plain, "-At", "-c", OPEN_IDS], capture_output=True, text=True, check=True,
                         env={**os.environ, "PGOPTIONS": f"-c search_path=dh_{centre}"}).stdout
    open_ids = [line for line in out.splitlines() if line]
else:
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    open_ids = [r[0] for r in db.execute(OPEN_IDS)]
    db.close()
if not open_ids:
    sys.exit("no open incident in the store")


def pane(session):
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def counted(session):
    """The open incidents the console's list header counts, or None while it is not drawn."""
    m = re.search(r"Incidents (\d+)", pane(session))
    return int(m.group(1)) if m else None


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


sessions = [f"follow{i}" for i in range(n)]
pids = []
for s in sessions:
    subprocess.run(["tmux", "kill-session", "-t", s], stderr=subprocess.DEVNULL)
    subprocess.run(["tmux", "new-session", "-d", "-s", s, "-x", "200", "-y", "60",
                    f"exec {shlex.quote(binary)} console --store {shlex.quote(store)}"], check=True)
try:
    # Wait until every console has drawn (its pane holds the header), then let them settle.
    deadline = time.time() + 120
    for s in sessions:
        while time.time() < deadline:
            out = subprocess.run(["tmux", "capture-pane", "-p", "-t", s], capture_output=True, text=True).stdout
            if "INC-" in out:
                break
            time.sleep(0.5)
        else:
            sys.exit(f"console {s} did not start")
        pid = subprocess.run(["tmux", "display", "-p", "-t", s, "#{pane_pid}"], capture_output=True, text=True).stdout.strip()
        pids.append(int(pid))
    time.sleep(3)

    writer = subprocess.Popen([binary, "exec", "--stdin", "--store", store], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, bufsize=1)
    before = [cpu(p) for p in pids]
    start = time.time()
    latencies = []
    k = 0
    while time.time() - start < seconds:
        due = start + k / rate
        now = time.time()
        if due > now:
            time.sleep(due - now)
        line = f"note {random.choice(open_ids)} follower load {k}\n"
        t = time.perf_counter()
        writer.stdin.write(line)
        writer.stdin.flush()
        answer = writer.stdout.readline()
        latencies.append((time.perf_counter() - t) * 1000)
        if answer.startswith("✗"):
            sys.exit(f"refused: {answer}")
        k += 1
    window = time.time() - start
    after = [cpu(p) for p in pids]
    # How soon the first console sees a new incident another process reported.
    seen = []
    for probe in range(10 if pids else 0):
        time.sleep(0.5)
        was = counted(sessions[0])
        writer.stdin.write(f'report fire at chaoyang title "probe {probe}"\n')
        writer.stdin.flush()
        answer = writer.stdout.readline()
        t = time.perf_counter()
        if answer.startswith("✗"):
            sys.exit(f"refused: {answer}")
        while counted(sessions[0]) == was and time.perf_counter() - t < 5:
            time.sleep(0.01)
        seen.append((time.perf_counter() - t) * 1000)
    writer.stdin.close()
    writer.wait()
finally:
    for s in sessions:
        subprocess.run(["tmux", "kill-session", "-t", s], stderr=subprocess.DEVNULL)

shares = [(a - b) / window * 100 for a, b in zip(after, before)]
latencies.sort()
print(f"{n} consoles, {k} commands in {window:.1f} s ({k / window:.1f}/s)")
if shares:
    print(f"consoles' CPU: {sum(shares):.1f}% of one core in all, {statistics.mean(shares):.2f}% each "
          f"(min {min(shares):.2f}, max {max(shares):.2f})")
print(f"writer latency: p50 {latencies[len(latencies) // 2]:.2f} ms, p99 {latencies[int(len(latencies) * 0.99)]:.2f} ms")
if seen:
    seen.sort()
    print(f"a new incident seen by another console: median {statistics.median(seen):.0f} ms, max {seen[-1]:.0f} ms "
          f"(10 probes, read every 10 ms)")
