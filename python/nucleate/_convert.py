"""Argument coercion shared by the modules: discrete trajectories and state sets."""

import os

import numpy as np

from . import _nucleate


def _as_labels(values, what):
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{what}: expected a 1-D sequence of integer states, got shape {array.shape}")
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"{what}: states must be integers, got dtype {array.dtype}")
    if array.size and (array.min() < np.iinfo(np.int32).min or array.max() > np.iinfo(np.int32).max):
        raise ValueError(f"{what}: states must fit in 32 bits")
    return np.ascontiguousarray(array, dtype=np.int32)


def dtrajs(values):
    """One or several discrete trajectories (arrays, lists or file paths) as a list of int32 arrays."""
    if isinstance(values, (str, os.PathLike)):
        return [_nucleate.read_dtraj(os.fspath(values))]
    if isinstance(values, np.ndarray) and values.ndim == 1:
        return [_as_labels(values, "dtrajs")]
    values = list(values)
    if not values:
        raise ValueError("no discrete trajectory given")
    if all(np.ndim(d) == 0 and not isinstance(d, (str, os.PathLike)) for d in values):
        return [_as_labels(values, "dtrajs")]  # a plain list of ints: one trajectory
    out = []
    for k, d in enumerate(values):
        if isinstance(d, (str, os.PathLike)):
            out.append(_nucleate.read_dtraj(os.fspath(d)))
        else:
            out.append(_as_labels(d, f"dtrajs[{k}]"))
    return out


def states(values, n_states, what):
    """A set of state indices (one int or a sequence) as a sorted list, checked against n_states."""
    array = np.atleast_1d(np.asarray(values))
    if array.size == 0:
        raise ValueError(f"{what}: the set is empty")
    if not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"{what}: state indices must be integers, got dtype {array.dtype}")
    bad = array[(array < 0) | (array >= n_states)]
    if bad.size:
        raise ValueError(f"{what}: state {int(bad[0])} is not one of the model's {n_states} states")
    return sorted(int(s) for s in np.unique(array))
