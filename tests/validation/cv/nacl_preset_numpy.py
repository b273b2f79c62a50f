#!/usr/bin/python3
"""Independent NumPy implementation of the nacl-finney2022 preset's five columns.

Reads the trajectory with mdtraj (not nucleate) and computes, frame by frame, from the
PLUMED 2 definitions used by the authors' input (PLUMED-NEST plumID:21.044; the same
construction as tests/data/plumed-nacl/plumed_sol.dat); run by nacl_seed_check.sh:

  s(r)    RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0, stretched as PLUMED does when D_MAX is
          given: (s0(r) - s0(D_MAX)) / (s0(0) - s0(D_MAX)) for r <= D_MAX, else 0
  c_i     sum_j s(r_ij), j over ions of the opposite charge   (COORDINATIONNUMBER)
  q6m(i)  sum_j s(r_ij) Y6m(r_ij) / sum_j s(r_ij), j opposite charge     (Q6 SPECIESA/B)
  S_i     sum_j s(r_ij) Re(qhat6(i) . conj(qhat6(j))) / sum_j s(r_ij), j same charge,
          j != i, qhat = q6 / sqrt(sum_{m=-6..6} |q6m|^2)         (LOCAL_Q6 SPECIES=q6)
  f_i     1 - g(S_i), g = GAUSSIAN R_0=0.55 D_MAX=0.56 stretched   (MFILTER_MORE)
  cq_i    f_i sum_j f_j s(r_ij), j opposite charge (COORDINATIONNUMBER SPECIESA=filter:
          PLUMED's MultiColvarBase::accumulateSymmetryFunction multiplies each term by
          the weights of both atoms)
  m(x)    1 - RATIONAL(x; R_0=5, NN=6, MM=12), no D_MAX so never stretched (MORE_THAN)
  w_i     1 - tanh(|r_i - box centre| / 1.5) (INSPHERE RADIUS={TANH R_0=1.5})

  n = (sum_i m(c_i))^(1/3)      nq6 = (sum_i m(cq_i))^(1/3)
  nsph = (sum_i w_i m(c_i))^(1/3)   nsphq6 = (sum_i w_i m(cq_i))^(1/3)   cn_mean = mean c_i

Distances use the minimum image of an orthorhombic box. Y6m are scipy's orthonormal
spherical harmonics (Condon-Shortley phase), the functions PLUMED's Steinhardt builds
from Legendre polynomials; LOCAL_Q6 is independent of the overall scale of q6 and of
any per-m phase applied to both atoms alike, but not of the relative size of the m terms.

usage: nacl_preset_numpy.py TRAJ.xtc TOP.gro [-o OUT] [--compare NUCLEATE.colvar]
"""
import argparse
import sys
import time

import numpy as np
import mdtraj
from scipy.special import sph_harm

L = 6
R0, D_MAX = 0.38, 1.0  # nm, coordination/Q6/LOCAL_Q6 switch
G_R0, G_DMAX = 0.55, 0.56  # GAUSSIAN filter on LOCAL_Q6
FIVE = 5.0  # MORE_THAN threshold on coordination
SPHERE_R0 = 1.5  # nm, TANH sphere weight
COLUMNS = ["n", "nq6", "nsph", "nsphq6", "cn_mean"]
REL_TOL, ABS_TOL = 1e-4, 1e-6
LONELY_COUNT = [0]  # ions (summed over frames) without a same-charge ion within D_MAX


def rational_6_12(x):
    """PLUMED RATIONAL with NN=6, MM=12: (1 - x^6) / (1 - x^12) = 1 / (1 + x^6)."""
    return 1.0 / (1.0 + x**6)


def switch_s(r):
    """RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0, stretched to reach 0 at D_MAX."""
    s0 = rational_6_12(r / R0)
    s_max = rational_6_12(D_MAX / R0)
    out = (s0 - s_max) / (1.0 - s_max)  # s0(0) = 1
    return np.where(r <= D_MAX, out, 0.0)


def gaussian_filter_switch(x):
    """GAUSSIAN R_0=0.55 D_MAX=0.56 (D_0=0), stretched; 1 for x <= 0 as in PLUMED."""
    g0 = np.where(x <= 0.0, 1.0, np.exp(-0.5 * (x / G_R0) ** 2))
    g_max = np.exp(-0.5 * (G_DMAX / G_R0) ** 2)
    out = (g0 - g_max) / (1.0 - g_max)
    return np.where(x <= G_DMAX, out, 0.0)


def more_than_five(x):
    """MORE_THAN={RATIONAL R_0=5.0}: 1 - 1/(1 + (x/5)^6)."""
    return 1.0 - rational_6_12(x / FIVE)


def box_lengths(vectors):
    """Edge lengths of an orthorhombic box; anything else is outside this script."""
    off = vectors - np.diag(np.diag(vectors))
    if np.any(np.abs(off) > 1e-6):
        raise SystemExit("nacl_preset_numpy.py: only orthorhombic boxes are handled")
    return np.diag(vectors).astype(np.float64)


def separations(a, b, lengths):
    """Minimum-image vectors b_j - a_i, shape (len(a), len(b), 3)."""
    d = b[None, :, :] - a[:, None, :]
    return d - lengths * np.round(d / lengths)


def q6_vectors(centres, neighbours, lengths):
    """q6m(i) for m = -6..6 over neighbours weighted by s, and the switch matrix."""
    d = separations(centres, neighbours, lengths)
    r = np.linalg.norm(d, axis=2)
    s = switch_s(r)
    polar = np.arccos(np.clip(d[..., 2] / r, -1.0, 1.0))
    azimuth = np.arctan2(d[..., 1], d[..., 0])
    q = np.empty((len(centres), 2 * L + 1), dtype=np.complex128)
    for k, m in enumerate(range(-L, L + 1)):
        # scipy's argument order: sph_harm(m, l, azimuthal angle, polar angle)
        q[:, k] = (s * sph_harm(m, L, azimuth, polar)).sum(axis=1)
    weight = s.sum(axis=1)
    if np.any(weight == 0.0):
        # PLUMED and nucleate each have their own convention for an ion with no
        # opposite-charge ion within D_MAX; this fixture has none, so refuse rather than guess.
        raise SystemExit("nacl_preset_numpy.py: an ion has no opposite-charge ion within D_MAX")
    return q / weight[:, None], s


def local_q6(qhat, positions, lengths):
    """LOCAL_Q6 among atoms of one species (j != i) from normalised q6 vectors."""
    r = np.linalg.norm(separations(positions, positions, lengths), axis=2)
    s = switch_s(r)
    np.fill_diagonal(s, 0.0)
    dots = np.real(qhat @ qhat.conj().T)  # Re sum_m qhat_i,m conj(qhat_j,m)
    denom = s.sum(axis=1)
    # An ion with no same-charge ion within D_MAX has 0/0 here: PLUMED either skips it
    # (no atom in its link cells, so the filter gives it weight 0) or gets NaN; like
    # nucleate we set S = 0, which the filter maps to f = 0 (not crystal-like).
    lonely = denom == 0.0
    LONELY_COUNT[0] += int(lonely.sum())
    return np.where(lonely, 0.0, (s * dots).sum(axis=1) / np.where(lonely, 1.0, denom))


def frame_columns(x, vectors, is_na, is_cl):
    lengths = box_lengths(vectors)
    na, cl = x[is_na], x[is_cl]
    q_na, s_nc = q6_vectors(na, cl, lengths)  # s_nc[i, j]: Na i, Cl j
    q_cl, _ = q6_vectors(cl, na, lengths)
    c = np.concatenate([s_nc.sum(axis=1), s_nc.sum(axis=0)])

    qhat_na = q_na / np.linalg.norm(q_na, axis=1)[:, None]
    qhat_cl = q_cl / np.linalg.norm(q_cl, axis=1)[:, None]
    f_na = 1.0 - gaussian_filter_switch(local_q6(qhat_na, na, lengths))
    f_cl = 1.0 - gaussian_filter_switch(local_q6(qhat_cl, cl, lengths))
    cq = np.concatenate([f_na * (s_nc @ f_cl), f_cl * (s_nc.T @ f_na)])

    centre = 0.5 * vectors.sum(axis=0)
    dist = np.linalg.norm(separations(centre[None, :], np.concatenate([na, cl]), lengths)[0], axis=1)
    w = 1.0 - np.tanh(dist / SPHERE_R0)

    m_c, m_cq = more_than_five(c), more_than_five(cq)
    return [np.cbrt(m_c.sum()), np.cbrt(m_cq.sum()), np.cbrt((w * m_c).sum()), np.cbrt((w * m_cq).sum()), c.mean()]


def compute(traj_path, top_path):
    traj = mdtraj.load(traj_path, top=top_path)  # nm, ps
    names = np.array([a.name.upper() for a in traj.topology.atoms])
    is_na, is_cl = names == "NA", names == "CL"
    if not is_na.any() or not is_cl.any():
        raise SystemExit(f"nacl_preset_numpy.py: no NA/CL atoms named in {top_path}")
    rows = []
    for k in range(traj.n_frames):
        x = traj.xyz[k].astype(np.float64)
        vectors = traj.unitcell_vectors[k].astype(np.float64)
        rows.append([float(traj.time[k])] + frame_columns(x, vectors, is_na, is_cl))
    return np.array(rows)


def read_colvar(path):
    fields, rows = None, []
    with open(path) as fh:
        for line in fh:
            if line.startswith("#! FIELDS"):
                fields = line.split()[2:]
            elif line.strip() and not line.startswith("#"):
                rows.append([float(v) for v in line.split()])
    if fields is None:
        raise SystemExit(f"nacl_preset_numpy.py: {path} has no '#! FIELDS' line")
    return fields, np.array(rows)


def compare(ours, path):
    fields, theirs = read_colvar(path)
    if theirs.shape[0] != ours.shape[0]:
        print(f"FAIL: {path} has {theirs.shape[0]} rows, NumPy computed {ours.shape[0]}")
        return False
    ok = True
    if np.max(np.abs(theirs[:, fields.index("time")] - ours[:, 0])) > 1e-6:
        print("FAIL: times differ")
        ok = False
    print(f"{'column':8s} {'max|diff|':>12s} {'max rel diff':>12s} {'worst/tol':>10s}  range (NumPy)")
    for k, name in enumerate(COLUMNS, start=1):
        a, b = ours[:, k], theirs[:, fields.index(name)]
        diff = np.abs(a - b)
        rel = diff / np.maximum(np.abs(a), np.finfo(float).tiny)
        # pass when within REL_TOL relative or ABS_TOL absolute (near-zero values)
        ratio = diff / np.maximum(REL_TOL * np.abs(a), ABS_TOL)
        status = "ok" if ratio.max() <= 1.0 else "FAIL"
        ok &= status == "ok"
        print(f"{name:8s} {diff.max():12.3e} {rel.max():12.3e} {ratio.max():10.3g}  "
              f"[{a.min():.6f}, {a.max():.6f}] {status}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("traj")
    ap.add_argument("top")
    ap.add_argument("-o", "--output", help="write the COLVAR table here (default: stdout unless --compare)")
    ap.add_argument("--compare", metavar="FILE.colvar", help="nucleate's COLVAR to check against")
    args = ap.parse_args()

    start = time.perf_counter()
    ours = compute(args.traj, args.top)
    elapsed = time.perf_counter() - start
    print(f"nacl_preset_numpy.py: {ours.shape[0]} frames in {elapsed:.2f} s; "
          f"{LONELY_COUNT[0]} ion-frames without a same-charge ion within {D_MAX} nm (S = 0)",
          file=sys.stderr)

    table = "#! FIELDS time " + " ".join(COLUMNS) + "\n"
    table += "".join(" ".join(f"{v:.12g}" for v in row) + "\n" for row in ours)
    if args.output:
        with open(args.output, "w") as fh:
            fh.write(table)
    elif not args.compare:
        sys.stdout.write(table)
    if args.compare:
        sys.exit(0 if compare(ours, args.compare) else 1)


if __name__ == "__main__":
    main()
