"""Collective variables per frame, computed by the engine behind `nucleate cv`."""

import os

from . import _nucleate, options as _options


def compute_cvs(trajectory_path, groups=None, **options):
    """The columns `nucleate cv` would write for one trajectory: a dict name -> float64 array.

    Give one of ``preset`` (a name from ``cv_presets()``) or ``config`` (a CV
    definition TOML file). ``groups`` replaces group selections, e.g.
    ``{"oxygen": "type 1"}`` (``--group``). The first key is ``time`` (ps for
    GROMACS files; step x ``timestep`` when that is given). ``threads`` sets
    the OpenMP threads for this call only. The options, with their defaults:

{options}
    """
    for key in ("config", "top"):
        if options.get(key) is not None:
            options[key] = os.fspath(options[key])
        else:
            options.pop(key, None)
    if options.get("preset") is None:
        options.pop("preset", None)
    for key in ("threads", "timestep", "end"):
        if key in options and options[key] is None:
            del options[key]
    if isinstance(groups, dict):
        groups = [f"{name}={selection}" for name, selection in groups.items()]
    if groups:
        options["groups"] = list(groups)
    names, columns = _nucleate.compute_cvs(os.fspath(trajectory_path), _options.make("cv", options))
    return dict(zip(names, columns))


_options.document(compute_cvs, "cv")


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
