#!/bin/sh
# A script's loop: runs the command N times, one process after another, its output dropped.
#   benchmarks/loop.sh 250 decision-hub exec --store S 'report fire at chaoyang'
n=$1
shift
i=0
while [ "$i" -lt "$n" ]; do
  "$@" >/dev/null
  i=$((i + 1))
done
