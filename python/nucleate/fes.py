"""Free-energy surfaces from weighted frames, by the library's histograms (fes layer).

The FES of a `nucleate run` report weighs every frame by pi_s / N_s of its MSM
state (``frame_weights``), so the histogram is the model's equilibrium on the
CVs. Bins follow NumPy's histogram convention.
"""

import numpy as np

from . import _convert, _nucleate


def frame_weights(dtrajs, model):
    """Per-frame weights pi_s / N_s for the frames of ``dtrajs`` (a list of arrays, as given);
    0 for frames outside the model's active set."""
    return list(_nucleate.frame_weights(_convert.dtrajs(dtrajs), [int(s) for s in model.active_set],
                                        np.ascontiguousarray(model.stationary_distribution)))


def _shape(edges):
    return tuple(len(e) - 1 for e in edges)


def free_energy_surface(columns, weights, bins=0, padding=0.02):
    """F = -ln p (kT, minimum 0) of weighted points on one or two CVs: (F, edges).

    columns: a list of 1-D arrays (one per CV); weights: one per point. The
    grid spans the weighted points' range widened by ``padding`` of it on
    each side, with ``bins`` per axis (0: Rice's rule, 15 to 80). F is NaN
    where no weight fell.
    """
    cols = [np.ascontiguousarray(c, dtype=np.float64) for c in columns]
    w = np.ascontiguousarray(weights, dtype=np.float64)
    edges = [np.asarray(e) for e in _nucleate.histogram_grid(cols, w, bins, padding)]
    histogram = _nucleate.weighted_histogram(edges, cols, w)
    f = np.asarray(_nucleate.free_energy(histogram), dtype=float).reshape(_shape(edges))
    f[~np.isfinite(f)] = np.nan
    return f, edges


def binned_mean(edges, columns, weights, values):
    """Per bin of ``edges``, the weighted mean of ``values`` over the points in it; NaN where none."""
    cols = [np.ascontiguousarray(c, dtype=np.float64) for c in columns]
    out = np.asarray(_nucleate.binned_mean([np.asarray(e) for e in edges], cols,
                                           np.ascontiguousarray(weights, dtype=np.float64),
                                           np.ascontiguousarray(values, dtype=np.float64)),
                     dtype=float).reshape(_shape(edges))
    out[~np.isfinite(out)] = np.nan
    return out
