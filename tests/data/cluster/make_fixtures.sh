#!/usr/bin/env bash
# k-means reference from Debian's scikit-learn (python3-sklearn 1.2.1): the
# same data and the same initial centres given to sklearn's Lloyd k-means and
# to nucleate's must end at the same centres and inertia.
# Run from anywhere: tests/data/cluster/make_fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 - <<'PY'
import json
import numpy as np
import sklearn
from sklearn.cluster import KMeans

# 5 overlapping 2-D Gaussian blobs, 120 points each, shuffled: Lloyd needs
# several iterations from the chosen start.
rng = np.random.default_rng(7)
means = np.array([[0.0, 0.0], [2.5, 0.5], [1.0, 2.5], [-1.5, 2.0], [3.0, 3.0]])
points = np.concatenate([m + rng.normal(scale=0.8, size=(120, 2)) for m in means])
points = points[rng.permutation(len(points))]
# Initial centres: data rows 0..4 (whatever blob they came from).
init = points[:5].copy()
np.save("kmeans_points.npy", points)
np.save("kmeans_init.npy", init)

# tol=0: sklearn stops only when no label changes (its "strict convergence").
km = KMeans(n_clusters=5, init=init, n_init=1, max_iter=1000, tol=0.0, algorithm="lloyd").fit(points)
np.save("kmeans_sklearn_centers.npy", km.cluster_centers_)
with open("kmeans_sklearn.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
               "labels_head": [int(x) for x in km.labels_[:20]]}, f, indent=1)
    f.write("\n")
print("sklearn", sklearn.__version__, "inertia", repr(km.inertia_), "iterations", km.n_iter_)
PY
