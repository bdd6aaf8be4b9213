#!/usr/bin/env python3
"""The joint plan's peer: the same instance solved with scipy.

Reads an instance written by `decision-hub debug export-plan --out FILE` and solves it as the
console's joint plan does, level by level: shortest paths over the 8-neighbour grid
(scipy.sparse.csgraph.dijkstra, rooted on the smaller side, stopping at the limit), a dense
matrix of minutes per need and team (1e9 where the team lacks the capability or is out of
reach) and scipy.optimize.linear_sum_assignment. Prints the needs filled and the total minutes,
which must agree with `decision-hub debug plan --instance FILE` (to within rounding: this side
sums float64 minutes, Decision Hub sums 1/4096-minute units).

Usage: python3 benchmarks/joint_plan_peer.py FILE
"""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

FORBIDDEN = 1e9


def read(path):
    with open(path) as f:
        lines = f.read().split("\n")
    it = iter(lines)
    g = next(it).split()
    w, h, dx, dy = int(g[1]), int(g[2]), float(g[3]), float(g[4])
    limit = float(next(it).split()[1])
    next(it)  # terrain
    next(it)  # road
    cost = np.array(next(it).split()[1:], dtype=np.float64)
    n_teams = int(next(it).split()[1])
    teams = []
    for _ in range(n_teams):
        tid, x, y, caps = next(it).split()
        teams.append((tid, int(y) * w + int(x), set(caps.split(","))))
    tiers = []
    for line in it:
        if not line:
            continue
        count = int(line.split()[1])
        tier = []
        for _ in range(count):
            inc, x, y, cap = next(it).split()
            tier.append((inc, int(y) * w + int(x), cap))
        tiers.append(tier)
    return w, h, dx, dy, limit, cost, teams, tiers


def graph(w, h, dx, dy, cost, targets):
    """Directed edges i -> j: i passable, j passable or a target (a need's cell in water, entered
    but never left). A step costs the mean of the two cells' minutes per km times its length,
    an impassable cell counting as 0, as in Decision Hub."""
    passable = cost >= 0
    c = np.where(passable, cost, 0.0)
    enterable = passable.copy()
    enterable[list(targets)] = True
    diag = (dx * dx + dy * dy) ** 0.5
    xs, ys = np.meshgrid(np.arange(w), np.arange(h))
    xs, ys = xs.ravel(), ys.ravel()
    rows, cols, vals = [], [], []
    for sx, sy, length in [(1, 0, dx), (-1, 0, dx), (0, 1, dy), (0, -1, dy), (1, 1, diag), (1, -1, diag), (-1, 1, diag), (-1, -1, diag)]:
        nx, ny = xs + sx, ys + sy
        ok = (nx >= 0) & (ny >= 0) & (nx < w) & (ny < h)
        i = (ys * w + xs)[ok]
        j = (ny * w + nx)[ok]
        keep = passable[i] & enterable[j]
        i, j = i[keep], j[keep]
        rows.append(i)
        cols.append(j)
        vals.append((c[i] + c[j]) * 0.5 * length)
    n = w * h
    return csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def main():
    t0 = time.perf_counter()
    w, h, dx, dy, limit, cost, teams, tiers = read(sys.argv[1])
    t1 = time.perf_counter()
    g = graph(w, h, dx, dy, cost, {cell for tier in tiers for _, cell, _ in tier})
    free = list(teams)
    filled, total = 0, 0.0
    for tier in tiers:
        caps = {cap for _, _, cap in tier}
        pool = [t for t in free if t[2] & caps]
        if not pool:
            continue
        cells = sorted({cell for _, cell, _ in tier})
        if len(pool) <= len(cells):
            d = dijkstra(g, indices=[t[1] for t in pool], limit=limit)  # team x cell
            minutes = d[:, [cell for _, cell, _ in tier]].T  # need x team
        else:
            # Rooted at the need cells, along reversed edges (the time to the need).
            d = dijkstra(g.T.tocsr(), indices=cells, limit=limit)
            at = {cell: k for k, cell in enumerate(cells)}
            minutes = d[[at[cell] for _, cell, _ in tier]][:, [t[1] for t in pool]]
        can = np.array([[cap in t[2] for t in pool] for _, _, cap in tier])
        m = np.where(can & np.isfinite(minutes) & (minutes <= limit), minutes, FORBIDDEN)
        r, c = linear_sum_assignment(m)
        used = set()
        for i, j in zip(r, c):
            if m[i, j] < FORBIDDEN:
                filled += 1
                total += m[i, j]
                used.add(pool[j][0])
        free = [t for t in free if t[0] not in used]
    t2 = time.perf_counter()
    needs = sum(len(t) for t in tiers)
    print(f"filled {filled} of {needs} needs, total {total:.3f} min; read {1000 * (t1 - t0):.0f} ms, solve {1000 * (t2 - t1):.0f} ms")


if __name__ == "__main__":
    main()
