#!/usr/bin/env python3
"""The assignment step's peer: scipy on the matrix `decision-hub debug assign --out FILE` wrote.

scipy.optimize.linear_sum_assignment on the dense matrix (1e12 where a row cannot take a
column), and scipy.sparse.csgraph.min_weight_full_bipartite_matching on the sparse one when a
full matching exists. Prints the totals (they must equal Decision Hub's) and the median
in-process time of each over the runs.

Usage: python3 benchmarks/assignment_peer.py FILE [RUNS]
"""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

FORBIDDEN = 1e12


def main():
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    data = np.loadtxt(sys.argv[1], dtype=np.int64, skiprows=1)
    with open(sys.argv[1]) as f:
        rows, cols = map(int, f.readline().split())
    r, c, v = data[:, 0], data[:, 1], data[:, 2].astype(np.float64)
    dense = np.full((rows, cols), FORBIDDEN)
    dense[r, c] = v
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        rr, cc = linear_sum_assignment(dense)
        times.append(1000 * (time.perf_counter() - t))
    ok = dense[rr, cc] < FORBIDDEN
    print(f"linear_sum_assignment (dense): assigned {ok.sum()} of {rows} rows, total {int(dense[rr, cc][ok].sum())}; median {sorted(times)[runs // 2]:.2f} ms of {runs} runs")
    sparse = csr_matrix((v, (r, c)), shape=(rows, cols))
    times = []
    try:
        for _ in range(runs):
            t = time.perf_counter()
            rr, cc = min_weight_full_bipartite_matching(sparse)
            times.append(1000 * (time.perf_counter() - t))
        total = int(np.asarray(sparse[rr, cc]).sum())
        print(f"min_weight_full_bipartite_matching (sparse): total {total}; median {sorted(times)[runs // 2]:.2f} ms of {runs} runs")
    except ValueError as e:
        print(f"min_weight_full_bipartite_matching (sparse): {e}")


if __name__ == "__main__":
    main()
