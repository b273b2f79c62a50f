#!/usr/bin/env bash
# k-means against scikit-learn (Debian's python3-sklearn) on the same 10^6
# random 2-D points, K = 100, one core each:
#   bench/cluster_vs_sklearn.sh [BUILD_DIR] [ITERATIONS]
# 1. k-means++ seeding: nucleate's kmeans_plus_plus against
#    sklearn.cluster.kmeans_plusplus (both the greedy variant with
#    2 + ln K local trials).
# 2. Lloyd iterations from the same start (the centres nucleate's seeding
#    chose, saved to .npy): exactly ITERATIONS (default 30) on both sides
#    (tolerance 0; sklearn: tol=0, algorithm="lloyd", n_init=1), so the work
#    is the same; the final inertias must agree (same start, same algorithm).
# deeptime, whose KMeans nucleate follows, is not installable here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
iterations=${2:-30}
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  echo "python3-sklearn is not installed (apt-get install python3-sklearn): nothing to compare" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

taskset -c 0 "$build/bench/bench_cluster_points" --only kmeans --kmeans-iterations "$iterations" \
  --save-points "$work/points.npy" --save-init "$work/init.npy" | tee "$work/nucleate.txt"

taskset -c 0 /usr/bin/python3 - "$work" "$iterations" <<'PY' | tee "$work/sklearn.txt"
import sys, time
import numpy as np
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus
work, iterations = sys.argv[1], int(sys.argv[2])
points = np.load(f"{work}/points.npy")
init = np.load(f"{work}/init.npy")
n = len(points)
t0 = time.perf_counter()
kmeans_plusplus(points, n_clusters=100, random_state=0)
seed_s = time.perf_counter() - t0
print(f"sklearn {sklearn.__version__} k-means++ seeding K=100 {seed_s:8.3f} s  {n / seed_s:10.3g} points/s")
t0 = time.perf_counter()
km = KMeans(n_clusters=100, init=init, n_init=1, max_iter=iterations, tol=0.0, algorithm="lloyd").fit(points)
lloyd_s = time.perf_counter() - t0
print(f"sklearn {sklearn.__version__} k-means Lloyd K=100 {lloyd_s:8.3f} s  {n / lloyd_s:10.3g} points/s  "
      f"{km.n_iter_} iterations ({lloyd_s / km.n_iter_:.4f} s each), inertia_ {km.inertia_:.10g}")
PY

/usr/bin/python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
ours, theirs = open(f"{work}/nucleate.txt").read(), open(f"{work}/sklearn.txt").read()
def seconds(text, label):
    return float(re.search(re.escape(label) + r"\s+([0-9.]+) s", text).group(1))
def number(text, pattern):
    return float(re.search(pattern, text).group(1))
for label in ("k-means++ seeding K=100", "k-means Lloyd K=100"):
    a, b = seconds(ours, label), seconds(theirs, label)
    print(f"{label}: nucleate {a:.3f} s, sklearn {b:.3f} s: nucleate is {b / a:.2f}x faster")
per_a = number(ours, r"\(([0-9.]+) s each\)")
per_b = number(theirs, r"\(([0-9.]+) s each\)")
mine = number(ours, r"reassigned ([0-9.e+-]+)")
sk = number(theirs, r"inertia_ ([0-9.e+-]+)")
print(f"  per Lloyd iteration: nucleate {per_a:.4f} s, sklearn {per_b:.4f} s ({per_b / per_a:.2f}x); "
      f"final inertia (labels reassigned, sklearn's inertia_): relative difference {abs(mine - sk) / sk:.1e}")
PY
