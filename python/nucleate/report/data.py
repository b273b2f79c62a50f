"""Reading a `nucleate run` output directory and deriving what the report plots.

The layout of OUTDIR is the one `nucleate run` writes (cv/, dtraj/, *.json). COLVAR files,
discrete trajectories and msm.json are read by the library (through the nucleate module), and the
FES comes from its histograms, so the report shows what the library computes.
"""

import glob
import json
import os

import numpy as np

from .. import fes as _fes
from ..cvs import read_colvar as _read_colvar
from ..msm import load_model
from ..trajectory import read_dtraj


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
    """A COLVAR file as (column names, 2-D array), read by the library."""
    columns = _read_colvar(path)
    names = list(columns)
    if not names:
        return names, np.zeros((0, 0))
    return names, np.column_stack([columns[n] for n in names])


def model(outdir):
    """The MSM of OUTDIR/msm.json, read by the library."""
    path = os.path.join(outdir, "msm.json")
    if not os.path.exists(path):
        raise MissingInput("msm.json not found")
    return load_model(path)


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
        """Per-frame weight pi_s / N_s (the library's frame_weights): each state's frames share its
        stationary probability, so the histogram of the weighted frames is the MSM's equilibrium
        distribution projected on the CVs (frames of states outside the active set weigh 0)."""
        return _fes.frame_weights([self.states], msm)[0]


def report_cvs(summary, clusters):
    """The CVs of the plane: summary.json `report_cvs`, else the first two clustering CVs."""
    cvs = (summary or {}).get("report_cvs") or []
    if not cvs and clusters:
        cvs = clusters.get("cvs", [])[:2]
    if not cvs:
        raise MissingInput("neither summary.json report_cvs nor clusters.json cvs name the CVs")
    return list(cvs[:2])


def free_energy(frames, weights, cvs, bins=None):
    """F = -ln p in kT, minimum 0, NaN where no weight, on the report CVs: (F, edges per CV), by the
    library's weighted histogram (Rice's rule for the bin count unless `bins` is given)."""
    if not (weights > 0).any():
        raise ValueError("no frame has weight: the MSM's active set holds none of the frames")
    return _fes.free_energy_surface([frames.column(c) for c in cvs], weights, bins or 0)


class States:
    """Per-state quantities in original labels: centres on the report CVs, pi, and TPT arrays."""

    def __init__(self, frames, msm, tpt, clusters, cvs):
        self.active = np.asarray(msm.active_set, dtype=np.int64)
        self.pi = dict(zip(self.active.tolist(), msm.stationary_distribution))
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
    frames' states (the equilibrium average of q+ at those CV values; the library's binned_mean);
    NaN in bins without weight. Defined on exactly the bins the FES is, unlike an interpolation
    between state centres, whose convex hull misses the rim of the populated region (a fifth of the
    bins in the NaCl test, half when two CVs are as correlated as `largest` and `nsolid`)."""
    q = np.array([q_by_label.get(int(s), np.nan) for s in frames.states])
    return _fes.binned_mean(edges, [frames.column(c) for c in cvs], weights, q)


def time_unit(summary, dt):
    """Label of the model's time: summary.json time_unit when dt is known, else frames."""
    if dt is None:
        return "frames"
    return (summary or {}).get("time_unit") or "time units"
