"""Reading a `nucleate run` output directory and deriving what the report plots.

Stand-alone (numpy only): the report must run where the compiled extension is not built.
The layout of OUTDIR is the one `nucleate run` writes (cv/, dtraj/, *.json).
"""

import glob
import json
import os

import numpy as np


class MissingInput(Exception):
    """A file a figure needs is not in OUTDIR: the figure is skipped with a note, not an error."""


def load_json(outdir, name, required=True):
    path = os.path.join(outdir, name)
    if not os.path.exists(path):
        if required:
            raise MissingInput(f"{name} not found")
        return None
    with open(path) as f:
        return json.load(f)


def floats(values):
    """JSON numbers (with null for 'not computed') -> float array with NaN."""
    return np.array([[np.nan if v is None else v for v in row] if isinstance(row, list)
                     else (np.nan if row is None else row) for row in values], dtype=float)


def read_colvar(path):
    """A PLUMED COLVAR file -> (column names, 2-D array). Names come from `#! FIELDS`; other `#`
    lines (SET lines, comments, a repeated header after a restart) are skipped."""
    names = None
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("#! FIELDS"):
                fields = line.split()[2:]
                if names is not None and fields != names:
                    raise ValueError(f"{path}:{lineno}: FIELDS changes mid-file")
                names = fields
    if names is None:
        raise ValueError(f"{path}: no '#! FIELDS' header")
    data = np.loadtxt(path, comments="#", ndmin=2)
    if data.size == 0:
        data = np.zeros((0, len(names)))
    if data.shape[1] != len(names):
        raise ValueError(f"{path}: {data.shape[1]} columns but FIELDS names {len(names)}")
    return names, data


def read_dtraj(path):
    if path.endswith(".npy"):
        return np.load(path).astype(np.int64).ravel()
    return np.loadtxt(path, dtype=np.int64, ndmin=1)


class Frames:
    """All frames of OUTDIR: the CV values of cv/<stem>.colvar and the state of dtraj/<stem>.dtraj."""

    def __init__(self, outdir):
        colvars = sorted(glob.glob(os.path.join(outdir, "cv", "*.colvar")))
        if not colvars:
            raise MissingInput("no cv/*.colvar files")
        self.names = None
        values, states, self.skipped = [], [], []
        for path in colvars:
            stem = os.path.splitext(os.path.basename(path))[0]
            dpath = self._dtraj_path(outdir, stem)
            if dpath is None:
                self.skipped.append(stem)
                continue
            names, data = read_colvar(path)
            labels = read_dtraj(dpath)
            if len(labels) != len(data):
                raise ValueError(f"{dpath}: {len(labels)} states but {path} has {len(data)} frames")
            if self.names is None:
                self.names = names
            elif names != self.names:
                raise ValueError(f"{path}: columns {names} differ from {self.names}")
            values.append(data)
            states.append(labels)
        if not values:
            raise MissingInput("no cv/*.colvar has a matching dtraj/*.dtraj")
        self.values = np.concatenate(values)
        self.states = np.concatenate(states)
        self.n_trajectories = len(values)

    @staticmethod
    def _dtraj_path(outdir, stem):
        for ext in (".dtraj", ".npy"):
            p = os.path.join(outdir, "dtraj", stem + ext)
            if os.path.exists(p):
                return p
        return None

    def column(self, name):
        if name not in self.names:
            raise ValueError(f"CV '{name}' is not a column of cv/*.colvar (columns: {', '.join(self.names)})")
        return self.values[:, self.names.index(name)]

    def weights(self, msm):
        """Per-frame weight pi_s / N_s: each state's frames share its stationary probability, so
        the histogram of the weighted frames is the MSM's equilibrium distribution projected on the
        CVs (frames of states outside the active set weigh 0)."""
        pi = np.zeros(max(int(self.states.max()) + 1, max(msm["active_set"]) + 1))
        pi[np.asarray(msm["active_set"], dtype=np.int64)] = msm["stationary_distribution"]
        ok = self.states >= 0
        counts = np.bincount(self.states[ok], minlength=len(pi))
        w = np.zeros(len(self.states))
        s = self.states[ok]
        w[ok] = np.where(counts[s] > 0, pi[s] / np.maximum(counts[s], 1), 0.0)
        return w


def report_cvs(summary, clusters):
    """The CVs of the plane: summary.json `report_cvs`, else the first two clustering CVs."""
    cvs = (summary or {}).get("report_cvs") or []
    if not cvs and clusters:
        cvs = clusters.get("cvs", [])[:2]
    if not cvs:
        raise MissingInput("neither summary.json report_cvs nor clusters.json cvs name the CVs")
    return list(cvs[:2])


def bin_count(n_frames):
    """Rice's rule 2 n^(1/3) per axis, kept between 15 and 80 bins."""
    return int(min(80, max(15, round(2.0 * n_frames ** (1.0 / 3.0)))))


def free_energy(frames, weights, cvs, bins=None):
    """Weighted histogram on the CVs -> F = -ln p in kT, shifted to min 0; NaN where no weight.
    Returns (F, edges per CV)."""
    cols = [frames.column(c) for c in cvs]
    used = weights > 0
    if not used.any():
        raise ValueError("no frame has weight: the MSM's active set holds none of the frames")
    nb = bins or bin_count(int(used.sum()))
    edges = []
    for x in cols:
        lo, hi = float(x[used].min()), float(x[used].max())
        pad = 0.02 * (hi - lo) if hi > lo else 0.5
        edges.append(np.linspace(lo - pad, hi + pad, nb + 1))
    if len(cvs) == 1:
        hist, _ = np.histogram(cols[0], bins=edges[0], weights=weights)
    else:
        hist, _, _ = np.histogram2d(cols[0], cols[1], bins=edges, weights=weights)
    with np.errstate(divide="ignore"):
        f = -np.log(hist / hist.sum())
    f[~np.isfinite(f)] = np.nan
    f -= np.nanmin(f)
    return f, edges


class States:
    """Per-state quantities in original labels: centres on the report CVs, pi, and TPT arrays."""

    def __init__(self, frames, msm, tpt, clusters, cvs):
        self.active = np.asarray(msm["active_set"], dtype=np.int64)
        self.pi = dict(zip(self.active.tolist(), msm["stationary_distribution"]))
        self.centres = self._centres(frames, tpt, clusters, cvs)

    @staticmethod
    def _pick(cv_names, rows, cvs):
        if not all(c in cv_names for c in cvs):
            return None
        idx = [cv_names.index(c) for c in cvs]
        return np.asarray(rows, dtype=float)[:, idx]

    def _centres(self, frames, tpt, clusters, cvs):
        """State centres on the report CVs: the clustering centres when clustered on them (TPT's
        state_map, else clusters.json), otherwise the mean of each state's frames."""
        if tpt and "state_map" in tpt:
            c = self._pick(tpt["state_map"].get("cvs", []), tpt["state_map"]["centers"], cvs)
            if c is not None and len(c) == len(self.active):
                return dict(zip(self.active.tolist(), c))
        if clusters and "centers" in clusters:
            c = self._pick(clusters.get("cvs", []), clusters["centers"], cvs)
            if c is not None:
                return {s: c[s] for s in self.active.tolist() if s < len(c)}
        if frames is None:
            return {}
        cols = np.stack([frames.column(c) for c in cvs], axis=1)
        out = {}
        for s in self.active.tolist():
            sel = frames.states == s
            if sel.any():
                out[s] = cols[sel].mean(axis=0)
        return out

    def xy(self, labels):
        return np.array([self.centres[s] for s in labels if s in self.centres], dtype=float)


def committor_binned(frames, weights, cvs, edges, q_by_label):
    """Forward committor projected on the CVs: in each bin, the pi-weighted mean of q+ over the
    frames' states (the equilibrium average of q+ at those CV values); NaN in bins without weight.
    Defined on exactly the bins the FES is, unlike an interpolation between state centres, whose
    convex hull misses the rim of the populated region (a fifth of the bins in the NaCl test, half
    when two CVs are as correlated as `largest` and `nsolid`)."""
    q = np.array([q_by_label.get(int(s), np.nan) for s in frames.states])
    ok = (weights > 0) & np.isfinite(q)
    cols = [frames.column(c)[ok] for c in cvs]
    if len(cvs) == 1:
        num, _ = np.histogram(cols[0], bins=edges[0], weights=weights[ok] * q[ok])
        den, _ = np.histogram(cols[0], bins=edges[0], weights=weights[ok])
    else:
        num, _, _ = np.histogram2d(cols[0], cols[1], bins=edges, weights=weights[ok] * q[ok])
        den, _, _ = np.histogram2d(cols[0], cols[1], bins=edges, weights=weights[ok])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def time_unit(summary, dt):
    """Label of the model's time: summary.json time_unit when dt is known, else frames."""
    if dt is None:
        return "frames"
    return (summary or {}).get("time_unit") or "time units"
