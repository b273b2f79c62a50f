"""Discretisation of CV time series into states, as deeptime's clustering does it.

``data`` is one array (frames, CVs), a 1-D array (one CV), or a list of such
numpy arrays (several trajectories, clustered together in order). Nested
Python lists are one array, as ``numpy.asarray`` reads them. Each function
returns the centres (n_centers, CVs); ``assign`` turns data into states.
Distances are Euclidean on the values as given: scale CVs first if their
units differ.
"""

import warnings

import numpy as np

from . import _nucleate


def _is_trajectory_list(data):
    """A list (or tuple) holding numpy arrays: several trajectories. Anything else, nested Python
    lists included, is one array as numpy reads it, so that ``X.tolist()`` means ``X``."""
    return isinstance(data, (list, tuple)) and any(isinstance(d, np.ndarray) for d in data)


def _stack(data):
    if not _is_trajectory_list(data):
        return np.asarray(data, dtype=np.float64)
    parts = [np.asarray(d, dtype=np.float64) for d in data]
    if not parts:
        raise ValueError("data: no trajectory given")
    parts = [p[:, None] if p.ndim == 1 else p for p in parts]
    return np.concatenate(parts, axis=0)


# The library's defaults (the options of `nucleate cluster`).
_STATES = _nucleate.StateDecompositionOptions()


def regspace(data, dmin, max_centers=_STATES.max_centers):
    """Regular-space centres: every point farther than dmin from all earlier centres becomes one.

    Like deeptime, reaching max_centers warns and keeps the centres found so far.
    """
    centers, _, reached = _nucleate.regspace(_stack(data), dmin, max_centers)
    if reached is not None:
        warnings.warn(f"Maximum number of cluster centers reached ({max_centers}, at point {reached}). "
                      "Consider increasing max_centers or choose a larger minimum distance, dmin.",
                      RuntimeWarning, stacklevel=2)
    return centers


def kcenters(data, k, seed=_STATES.seed):
    """k centres by farthest-point traversal (Gonzalez 1985; MSMBuilder's KCenters), the first drawn with seed."""
    centers, _, _ = _nucleate.kcenters(_stack(data), k, seed)
    return centers


def kmeans(data, k, seed=_STATES.seed, max_iter=500, tolerance=1e-5):
    """k-means++ seeding then Lloyd iterations, with deeptime's defaults and stopping rule."""
    result = _nucleate.kmeans(_stack(data), k, seed, tolerance, max_iter)
    if not result["converged"]:
        warnings.warn(f"k-means did not converge in {max_iter} iterations", RuntimeWarning, stacklevel=2)
    if result["empty_clusters"]:
        warnings.warn(f"k-means left {result['empty_clusters']} centres without points", RuntimeWarning,
                      stacklevel=2)
    return result["centers"]


def assign(data, centers):
    """The nearest centre of each point (lowest index on ties) as int32 states.

    A list of trajectories gives a list of discrete trajectories.
    """
    centers = np.asarray(centers, dtype=np.float64)
    if not _is_trajectory_list(data):
        return _nucleate.assign(_stack(data), centers)
    return [_nucleate.assign(_stack([np.asarray(d, dtype=np.float64)]), centers) for d in data]


def states_in_region(centers, cvs, expression):
    """States whose centre satisfies an expression over the CV names, e.g. "largest < 10 and nsolid < 30".

    The language and meaning of ``nucleate tpt --source-region`` (the same
    library call): numbers, CV names, + - * /, comparisons, and, or, not,
    parentheses; a state is in the region when the expression is > 0.5 at its
    centre. Returns the state labels (row indices of ``centers``).
    """
    centers = np.asarray(centers, dtype=np.float64).reshape(len(centers), -1)
    return _nucleate.states_in_region(list(cvs), centers, expression)
