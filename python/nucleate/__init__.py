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

State sets (mfpt, reactive_flux, pcca sets, pathways) are indices into the
model's active set, as in deeptime; ``msm.states_of(labels)`` turns cluster
labels into such indices. Errors from the library keep its message:
ValueError for bad arguments, OSError for unreadable
input, RuntimeError otherwise.
"""

from . import _nucleate
from .bayesian import BayesianMSM, bayesian_msm
from .clustering import assign, kcenters, kmeans, regspace, states_in_region
from .cvs import compute_cvs, cv_preset_text, cv_presets, read_colvar
from .msm import MarkovStateModel, PCCAModel, estimate_markov_model
from .rates import nucleation_rate
from .trajectory import Trajectory, read_dtraj, read_trajectory, select_atoms
from .tpt import ReactiveFlux

__all__ = [
    "BayesianMSM",
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
