"""Collective variables per frame, computed by the engine behind `nucleate cv`."""

import os

from . import _nucleate


def compute_cvs(trajectory_path, preset=None, config=None, top=None, groups=None, stride=1, threads=None,
                begin=0, end=None, timestep=None):
    """The columns `nucleate cv` would write for one trajectory: a dict name -> float64 array.

    Give one of ``preset`` (a name from ``cv_presets()``) or ``config`` (a CV
    definition TOML file). ``groups`` replaces group selections, e.g.
    ``{"oxygen": "type 1"}`` (``--group``). The first key is ``time`` (ps for
    GROMACS files; step x ``timestep`` when that is given). ``threads`` sets
    the OpenMP threads for this call only.
    """
    names, columns = _nucleate.compute_cvs(
        os.fspath(trajectory_path),
        preset=preset or "",
        config=os.fspath(config) if config is not None else "",
        top=os.fspath(top) if top is not None else "",
        groups=dict(groups or {}),
        begin=begin,
        end=end,
        stride=stride,
        timestep=timestep,
        threads=threads,
    )
    return dict(zip(names, columns))


def cv_presets():
    """Names of the CV presets compiled into nucleate."""
    return list(_nucleate.cv_presets())


def cv_preset_text(name):
    """The TOML text of a preset: a starting point for a configuration of one's own."""
    return _nucleate.cv_preset_text(name)


def read_colvar(path):
    """A PLUMED COLVAR file (PLUMED's or nucleate's) as a dict field -> float64 array, in file order."""
    fields, columns, _ = _nucleate.read_colvar(os.fspath(path))
    return dict(zip(fields, columns))
