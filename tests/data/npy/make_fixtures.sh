#!/usr/bin/env bash
# Writes the .npy fixtures with Debian's numpy (python3-numpy 1.24), so the
# reader is tested against files numpy itself made. Values follow simple
# formulas the tests recompute. Run from anywhere: tests/data/npy/make_fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 - <<'PY'
import numpy as np
from numpy.lib import format as npf

# (5, 3) float64: value (i, j) = (3 i + j) / 3 - 2, plus two awkward values.
a = (np.arange(15, dtype=np.float64).reshape(5, 3)) / 3.0 - 2.0
a[4, 2] = 1e-300
a[0, 1] = -0.0
np.save("f8_2d.npy", a)
# The same array as float32 (rounded by numpy), 1-D int64 and int32.
np.save("f4_2d.npy", a.astype(np.float32))
np.save("i8_1d.npy", np.array([0, -1, 2**40, -(2**53), 7], dtype=np.int64))
np.save("i4_1d.npy", np.array([3, 1, 4, 1, 5, 9, -2], dtype=np.int32))
np.save("f8_empty.npy", np.zeros((0, 3)))
# Format versions 2.0 and 3.0 (4-byte header length; 3.0 allows utf-8 names).
for version in ((2, 0), (3, 0)):
    with open("f8_v%d.npy" % version[0], "wb") as f:
        npf.write_array(f, a, version=version)
# What nucleate refuses, each for one reason.
np.save("fortran.npy", np.asfortranarray(a))
np.save("big_endian.npy", a.astype(">f8"))
np.save("uint8.npy", np.arange(4, dtype=np.uint8))
np.save("three_d.npy", np.zeros((2, 2, 2)))

# A small CV table for `nucleate cluster` with a .npy input: 120 rows, three
# columns; columns 0 and 2 hold three well separated Gaussian blobs (centres
# (0,0), (4,0), (0,4), sd 0.3), column 1 is noise. Fixed seed.
rng = np.random.default_rng(20261201)
centres = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
blob = np.repeat(np.arange(3), 40)
xy = centres[blob] + rng.normal(scale=0.3, size=(120, 2))
table = np.column_stack([xy[:, 0], rng.uniform(size=120), xy[:, 1]])
np.save("cvs_blobs.npy", table)
PY
ls -l *.npy
