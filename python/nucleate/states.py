"""State decompositions: CV time series into MSM states, the call `nucleate cluster` makes.

The same options, defaults and results as the command and the ``[cluster]``
section of a pipeline: scaling before distances are measured, fitting on
every ``stride``-th frame while assigning every frame, and the saved form
(clusters.json) to reuse one decomposition on new data.
"""

import json
import os
import warnings

import numpy as np

from . import _nucleate, options as _options


def _columns(data, cvs):
    """A list of (frames, CVs) float arrays from arrays, or from dicts of columns (compute_cvs)."""
    if isinstance(data, (np.ndarray, dict)):
        data = [data]
    out = []
    for k, d in enumerate(data):
        if isinstance(d, dict):
            missing = [c for c in cvs if c not in d]
            if missing:
                raise ValueError(f"data[{k}] has no column {missing[0]!r} (columns: {', '.join(d)})")
            d = np.column_stack([np.asarray(d[c], dtype=np.float64) for c in cvs])
        d = np.asarray(d, dtype=np.float64)
        out.append(d[:, None] if d.ndim == 1 else d)
    return out


class StateDecomposition:
    """A fitted decomposition: ``centers`` (states x CVs, in the CVs' own units), ``cvs``,
    ``scale``, ``method``, ``n_states``; ``dtrajs`` (one int32 array per trajectory fitted on)
    when it was fitted here; ``assign(data)`` for new data; ``save(path)`` writes clusters.json."""

    def __init__(self, core, dtrajs=None, fitted_frames=None):
        self._core = core
        self.dtrajs = dtrajs
        self.fitted_frames = fitted_frames

    method = property(lambda self: self._core.method)
    cvs = property(lambda self: list(self._core.cvs))
    scale = property(lambda self: list(self._core.scale))
    centers = property(lambda self: self._core.centers)
    n_states = property(lambda self: self._core.n_states)

    def assign(self, data, names=None):
        """The state of every frame of ``data`` (arrays or dicts of columns), a list of int32 arrays."""
        columns = _columns(data, self.cvs)
        names = names or [f"trajectory {k}" for k in range(len(columns))]
        return list(_nucleate.assign_states(self._core, columns, list(names)))

    def states_in_region(self, expression):
        """States whose centre satisfies an expression over the CVs (`nucleate tpt --source-region`)."""
        return _nucleate.states_in_region(self.cvs, self.centers, expression)

    def to_dict(self):
        """clusters.json's fields for this decomposition."""
        return json.loads(self._core.to_json())

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, indent=2)
            f.write("\n")

    def __repr__(self):
        return f"<StateDecomposition: {self.method}, {self.n_states} states on {', '.join(self.cvs)}>"


def decompose(data, names=None, **options):
    """Fits a decomposition on ``data`` and assigns every frame: `nucleate cluster` in memory.

    data: one or several trajectories, each a (frames, CVs) array with the
    columns in the order of ``cvs``, or a dict of columns as compute_cvs
    returns (then ``cvs`` picks them). names: what warnings call the
    trajectories. The options, with their defaults:

{options}
    """
    columns = _columns(data, list(options.get("cvs") or []))
    if not options.get("cvs"):
        options["cvs"] = [str(k) for k in range(columns[0].shape[1])]
    names = list(names or [f"trajectory {k}" for k in range(len(columns))])
    core, fitted, messages = _nucleate.fit_states(columns, _options.make("cluster", options), names)
    for message in messages:
        warnings.warn(message, RuntimeWarning, stacklevel=2)
    dtrajs = list(_nucleate.assign_states(core, columns, names))
    return StateDecomposition(core, dtrajs, fitted)


_options.document(decompose, "cluster")


def load_states(path):
    """A saved decomposition (clusters.json of `nucleate cluster` or `nucleate run`)."""
    return StateDecomposition(_nucleate.read_decomposition_file(os.fspath(path)))
