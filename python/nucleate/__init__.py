"""nucleate: nucleation pathways and rates from MD trajectories.

The Python face of nucleate's C++ library, with deeptime's names where a
deeptime user would look for them::

    import nucleate
    traj = nucleate.read_trajectory("run.xtc", top="conf.gro")
    cvs = nucleate.compute_cvs("run.xtc", preset="nacl-finney2022", top="conf.gro")
    centers = nucleate.kmeans(np.column_stack([cvs["n"], cvs["nq6"]]), k=50)
    dtraj = nucleate.assign(np.column_stack([cvs["n"], cvs["nq6"]]), centers)
    msm = nucleate.estimate_markov_model([dtraj], lagtime=10)
    flux = msm.reactive_flux([0], [7])
    paths, capacities = flux.pathways(fraction=0.9)

The stages of `nucleate run` are one call each, the very library calls the
command line makes, with the same options and defaults (``describe_options``):
``compute_cvs``, ``decompose`` (`nucleate cluster`), ``estimate_markov_model``,
``implied_timescales``, ``bayesian_msm``, ``model.pcca``, ``ck_test``,
``analyse_tpt`` (`nucleate tpt`, with J and its error bars), and
``nucleate.report`` draws the figures of a run's output directory.

State sets (mfpt, reactive_flux, pcca sets, pathways) are indices into the
model's active set, as in deeptime; ``msm.states_of(labels)`` turns cluster
labels into such indices. Errors from the library keep its message:
ValueError for bad arguments, OSError for unreadable
input, RuntimeError otherwise.
"""

import os as _os

# OpenMP reads OMP_WAIT_POLICY once, when its library loads with _nucleate:
# unless the user chose, idle threads sleep instead of spinning, so they take
# no core from other work on a shared machine (as the command line does).
_os.environ.setdefault("OMP_WAIT_POLICY", "passive")

from . import _nucleate
from .bayesian import BayesianMSM, bayesian_msm
from .clustering import assign, kcenters, kmeans, regspace, states_in_region
from .cvs import compute_cvs, cv_preset_text, cv_presets, read_colvar
from .fes import binned_mean, frame_weights, free_energy_surface
from .msm import MarkovStateModel, PCCAModel, ck_test, estimate_markov_model, implied_timescales, load_model
from .options import describe_options
from .rates import nucleation_rate
from .states import StateDecomposition, decompose, load_states
from .trajectory import Trajectory, mean_box_volume, read_dtraj, read_trajectory, select_atoms
from .tpt import ReactiveFlux, analyse_tpt, resolve_endpoints

__version__ = _nucleate.__version__

__all__ = [
    "BayesianMSM",
    "StateDecomposition",
    "analyse_tpt",
    "binned_mean",
    "ck_test",
    "decompose",
    "describe_options",
    "frame_weights",
    "free_energy_surface",
    "implied_timescales",
    "load_model",
    "load_states",
    "mean_box_volume",
    "resolve_endpoints",
    "MarkovStateModel",
    "PCCAModel",
    "ReactiveFlux",
    "Trajectory",
    "assign",
    "bayesian_msm",
    "compute_cvs",
    "cv_preset_text",
    "cv_presets",
    "estimate_markov_model",
    "kcenters",
    "kmeans",
    "nucleation_rate",
    "read_colvar",
    "read_dtraj",
    "read_trajectory",
    "regspace",
    "select_atoms",
    "states_in_region",
]
