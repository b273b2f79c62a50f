"""Markov state models: estimation from discrete trajectories and the model's analyses."""

import json
import os
import warnings

import numpy as np

from . import _convert, _nucleate, options as _options


def _warn(messages):
    for message in messages:
        warnings.warn(message, RuntimeWarning, stacklevel=3)


class PCCAModel:
    """PCCA+ of a model (Röblitz & Weber 2013), deeptime's names.

    memberships (n_states, n_metastable), rows sum to 1; assignments: the set
    of largest membership per state; sets: state indices of each set;
    coarse_grained_transition_matrix (Kube & Weber 2007) and
    coarse_grained_stationary_probability (chi^T pi).
    """

    def __init__(self, data, stationary_distribution):
        self.memberships = data["memberships"]
        self.assignments = data["assignments"]
        self.coarse_grained_transition_matrix = data["coarse_grained_transition_matrix"]
        self.coarse_grained_stationary_probability = data["coarse_grained_stationary_probability"]
        self.converged = data["converged"]
        self.n_metastable = self.memberships.shape[1]
        self.sets = [np.flatnonzero(self.assignments == k).astype(np.int32) for k in range(self.n_metastable)]
        self._pi = stationary_distribution

    @property
    def metastable_distributions(self):
        """(n_metastable, n_states): p(state | set) = chi_ik pi_i / sum_j chi_jk pi_j."""
        weighted = self.memberships * self._pi[:, None]
        return (weighted / weighted.sum(axis=0)).T


class MarkovStateModel:
    """A Markov state model, deeptime-style.

    Either estimated (``estimate_markov_model``) or built from a row-stochastic
    matrix: ``MarkovStateModel(T, stationary_distribution=None, lagtime=1)``.
    Times (timescales, mfpt) are in frames, i.e. steps of the discrete
    trajectories; state sets are indices into ``active_set``.
    """

    def __init__(self, transition_matrix, stationary_distribution=None, lagtime=1, reversible=None):
        t = np.ascontiguousarray(transition_matrix, dtype=np.float64)
        pi = None if stationary_distribution is None else np.ascontiguousarray(stationary_distribution, np.float64)
        if reversible is None:
            core = _nucleate.model_from_transition_matrix(t, lagtime, pi, False)
            p = core.stationary_distribution
            flow = p[:, None] * t
            reversible = bool(np.allclose(flow, flow.T, rtol=0.0, atol=1e-12))
        self._core = _nucleate.model_from_transition_matrix(t, lagtime, pi, reversible)
        self._cache = {}

    @classmethod
    def _from_core(cls, core):
        model = cls.__new__(cls)
        model._core = core
        model._cache = {}
        return model

    # ---- what the model is ------------------------------------------------
    @property
    def lagtime(self):
        return self._core.lag

    @property
    def n_states(self):
        return self._core.n_states

    @property
    def reversible(self):
        return self._core.reversible

    @property
    def active_set(self):
        """Original state labels of the model's states (the largest strongly connected set)."""
        return self._cached("active_set", lambda: self._core.active_set)

    @property
    def dropped_states(self):
        """Visited labels outside the active set."""
        return self._core.dropped_states

    @property
    def transition_matrix(self):
        return self._cached("T", lambda: self._core.transition_matrix)

    @property
    def transition_matrix_sparse(self):
        """The transition matrix as scipy.sparse.csr_matrix (needs scipy)."""
        import scipy.sparse

        data, indices, indptr, shape = self._core.transition_matrix_csr
        return scipy.sparse.csr_matrix((data, indices, indptr), shape=shape)

    @property
    def stationary_distribution(self):
        return self._cached("pi", lambda: self._core.stationary_distribution)

    @property
    def count_matrix(self):
        """Counts at the lag on the active set (None for a model given by its matrix)."""
        return self._core.count_matrix if self._core.has_counts else None

    @property
    def count_matrix_full(self):
        """Counts at the lag over every label seen (None for a model given by its matrix)."""
        return self._core.count_matrix_full if self._core.has_counts else None

    @property
    def converged(self):
        return self._core.converged

    @property
    def warnings(self):
        return list(self._core.warnings)

    def states_of(self, labels):
        """Indices into the model of original state labels (ValueError for a label outside the active set)."""
        labels = np.atleast_1d(np.asarray(labels))
        index = np.searchsorted(self.active_set, labels)
        inside = (index < self.n_states) & (self.active_set[np.minimum(index, self.n_states - 1)] == labels)
        if not inside.all():
            raise ValueError(f"state {int(labels[~inside][0])} is not in the model's active set")
        return index.astype(np.int32)

    # ---- spectral ---------------------------------------------------------
    def eigenvalues(self, k=None):
        """The k eigenvalues of largest modulus (all when k is None), largest first."""
        return self._cached(("ev", k), lambda: self._core.eigenvalues(0 if k is None else k))

    def timescales(self, k=None):
        """Implied timescales -lagtime / ln|lambda_i|, i = 1..k, in frames (all n - 1 when k is None)."""
        def compute():
            values, messages = self._core.timescales(0 if k is None else k)
            _warn(messages)
            return values

        return self._cached(("its", k), compute)

    # ---- analyses ---------------------------------------------------------
    def mfpt(self, A, B):
        """Mean first passage time from set A to set B in frames, pi-weighted over A (deeptime's msm.mfpt)."""
        n = self.n_states
        return self._core.mfpt(_convert.states(A, n, "A"), _convert.states(B, n, "B"))

    def pcca(self, n):
        """PCCA+ into n metastable sets."""
        model = PCCAModel(self._core.pcca(n), self.stationary_distribution)
        model.active_set = self.active_set
        return model

    def reactive_flux(self, source_states, target_states):
        """Transition path theory from source to target states (indices): a ReactiveFlux."""
        from .tpt import ReactiveFlux

        n = self.n_states
        return ReactiveFlux._from_core(
            _nucleate.reactive_flux(self._core, _convert.states(source_states, n, "source_states"),
                                    _convert.states(target_states, n, "target_states")),
            lagtime=self.lagtime)

    def simulate(self, n_steps, start=None, seed=0):
        """A trajectory of n_steps state indices from ``start`` (drawn from pi with seed when None)."""
        if start is None:
            start = int(np.random.default_rng(seed).choice(self.n_states, p=self.stationary_distribution))
        return self._core.simulate(n_steps, int(start), seed)

    def _cached(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def __repr__(self):
        return f"<MarkovStateModel: {self.n_states} states, lagtime {self.lagtime}, reversible={self.reversible}>"


# deeptime's keyword names, the library's defaults (the options `nucleate msm estimate` has).
_ESTIMATE = _nucleate.MsmEstimateOptions()


def estimate_markov_model(dtrajs, lagtime, reversible=not _ESTIMATE.nonreversible, count_mode="sliding",
                          connectivity_threshold=float(_ESTIMATE.connectivity_threshold),
                          maxerr=_ESTIMATE.tolerance, maxiter=1000000, stationary_distribution_constraint=None):
    """Counts at lagtime, the largest strongly connected set, and the (reversible) MLE transition matrix.

    As deeptime's TransitionCountEstimator + MaximumLikelihoodMSM (the call
    `nucleate msm estimate` makes): ``count_mode``
    'sliding' or 'sample'; ``maxerr``/``maxiter`` bound the reversible fixed-point
    iteration; ``connectivity_threshold`` is a count or a convention by name
    ("1/n" or "pyemma", "msmbuilder"); ``stationary_distribution_constraint`` (by original label) fixes
    pi. dtrajs: one or several integer arrays (negative = unassigned frame) or
    dtraj file paths.
    """
    dtrajs = _convert.dtrajs(dtrajs)
    if isinstance(connectivity_threshold, str):  # a convention by name: "1/n", "pyemma", "msmbuilder"
        connectivity_threshold = _nucleate.connectivity_threshold(connectivity_threshold, dtrajs)
    pi = None
    if stationary_distribution_constraint is not None:
        pi = np.ascontiguousarray(stationary_distribution_constraint, dtype=np.float64)
    core = _nucleate.estimate_markov_model(dtrajs, lagtime, reversible, count_mode,
                                           connectivity_threshold, maxerr, maxiter, pi)
    _warn(core.warnings)
    return MarkovStateModel._from_core(core)


def load_model(path):
    """The model of an msm.json (`nucleate msm estimate`, `nucleate run`), read by the library.

    Its ``dt`` attribute is the time between frames the file records (None:
    times in frames).
    """
    core, dt, _ = _nucleate.read_model_file(os.fspath(path))
    model = MarkovStateModel._from_core(core)
    model.dt = dt
    return model


def implied_timescales(dtrajs, **options):
    """Implied timescales against the lag time (`nucleate msm its`): the dict its.json holds.

    The options, with their defaults:

{its}
    """
    return json.loads(_nucleate.implied_timescales_scan(_convert.dtrajs(dtrajs), _options.make("its", options)))


_options.document(implied_timescales, "its", "{its}")


def ck_test(dtrajs, pcca, **options):
    """Chapman-Kolmogorov test on PCCA+ sets (`nucleate msm cktest`): the dict ck.json holds.

    pcca: the PCCAModel of a model (``model.pcca(n)``) whose memberships are
    tested; its model's ``active_set`` gives the states they belong to. The
    options, with their defaults:

{ck}
    """
    labels = [int(s) for s in pcca.active_set]
    return json.loads(_nucleate.chapman_kolmogorov(_convert.dtrajs(dtrajs), _options.make("cktest", options),
                                                   labels, np.ascontiguousarray(pcca.memberships)))


_options.document(ck_test, "cktest", "{ck}")
