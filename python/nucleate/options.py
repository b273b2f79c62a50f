"""The options of each stage, from the library's own tables.

Every option has one definition in nucleate's C++ library: its name, default,
unit and help text. The command line (``--flux-fraction``), the pipeline file
(``flux_fraction = 0.9``) and these Python functions (``flux_fraction=0.9``)
are all made from it, so none can differ::

    >>> nucleate.describe_options("tpt")[0]
    {'name': 'source', 'default': '', 'unit': '', 'help': 'Source set A: ...', ...}
"""

from . import _nucleate

_CLASSES = {
    "cv": _nucleate.CvOptions,
    "cluster": _nucleate.StateDecompositionOptions,
    "msm": _nucleate.MsmEstimateOptions,
    "its": _nucleate.ItsOptions,
    "bayes": _nucleate.BayesianMsmOptions,
    "pcca": _nucleate.PccaOptions,
    "cktest": _nucleate.CkOptions,
    "gmrq": _nucleate.GmrqOptions,
    "tpt": _nucleate.TptOptions,
}


def describe_options(stage):
    """[{name, default, unit, help, choices, required}] of a stage's options.

    stage: cv, cluster, msm, its, bayes, pcca, cktest, gmrq or tpt.
    """
    try:
        return _CLASSES[stage].describe()
    except KeyError:
        raise ValueError(f"unknown stage {stage!r} (one of {', '.join(_CLASSES)})") from None


def make(stage, options):
    """The library's options object of a stage from keywords (TypeError for an unknown one)."""
    return _CLASSES[stage](**options)


def doc(stage):
    """The options of a stage as docstring lines: name (default, unit): help."""
    lines = []
    for o in describe_options(stage):
        default = "required" if o["required"] else f"default {o['default']!r}"
        unit = f", {o['unit']}" if o["unit"] else ""
        lines.append(f"    {o['name']} ({default}{unit}): {o['help']}")
    return "\n".join(lines)


def document(function, stage, placeholder="{options}"):
    """Puts a stage's options (doc) into a function's docstring at `placeholder`."""
    function.__doc__ = function.__doc__.replace(placeholder, doc(stage))
    return function
