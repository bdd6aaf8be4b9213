#!/usr/bin/env python3
"""Writes a hotline feed of N JSON lines (docs/FEEDS.md) for `decision-hub feed` and its peer.

Every 50th line replays the line before it, every 70th is a newer version of an earlier report,
every 97th is broken; half the reports carry a point, half a district.
Usage: benchmarks/feed_gen.py 10000 > /tmp/hotline.jsonl
"""
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
districts = ["dongcheng", "xicheng", "chaoyang", "fengtai", "haidian", "fangshan", "mentougou", "tongzhou", "shunyi", "changping", "daxing"]
points = [(39.9289, 116.4160), (39.9123, 116.3660), (39.9219, 116.4436), (39.8585, 116.2865), (39.9599, 116.2982), (39.7351, 115.9893), (39.9404, 116.1020)]
prev = None


def report(k, minute, evacuated):
    r = {"source": "12345", "id": "H-%d" % k, "time": "2026-07-31T02:%02d:00+08:00" % minute, "type": "waterlogging",
         "figures": {"evacuated": evacuated}, "text": "caller %d: water in the yard" % k}
    if k % 2:
        lat, lon = points[k % len(points)]
        r["lat"], r["lon"] = lat, lon
    else:
        r["district"] = districts[k % len(districts)]
    return json.dumps(r, ensure_ascii=False, separators=(",", ":"))


for i in range(1, n + 1):
    if i % 97 == 0:
        print('{"source":"12345","id":"H-%d", broken' % i)
    elif i % 50 == 0 and prev:
        print(prev)
    elif i % 70 == 0:
        print(report(i - 35, 59, 40))
    else:
        prev = report(i, 0, 1)
        print(prev)
