"""Transition path theory: committors, reactive fluxes, pathways, coarse-graining."""

import json

import numpy as np

from . import _convert, _nucleate, options as _options


def _csr(parts):
    import scipy.sparse

    data, indices, indptr, shape = parts
    return scipy.sparse.csr_matrix((data, indices, indptr), shape=shape)


class ReactiveFlux:
    """Reactive flux from A (source_states) to B (target_states), deeptime 0.4.5's definitions.

    forward_committor q+ (0 on A, 1 on B), backward_committor q-, gross_flux
    f_ij = pi_i q-_i T_ij q+_j, net_flux max(0, f_ij - f_ji) (dense arrays;
    ``*_sparse`` as scipy CSR), total_flux, rate = total_flux / sum_i pi_i q-_i
    per step of the transition matrix (one lag time; divide by ``lagtime``
    for a rate per frame), mfpt = 1 / rate in lag steps. Made by
    ``MarkovStateModel.reactive_flux``.
    """

    @classmethod
    def _from_core(cls, core, lagtime=1):
        flux = cls.__new__(cls)
        flux._core = core
        flux.lagtime = lagtime
        flux._cache = {}
        return flux

    def _get(self, name):
        if name not in self._cache:
            self._cache[name] = getattr(self._core, name)
        return self._cache[name]

    source_states = property(lambda self: self._get("source_states"))
    target_states = property(lambda self: self._get("target_states"))
    stationary_distribution = property(lambda self: self._get("stationary_distribution"))
    forward_committor = property(lambda self: self._get("forward_committor"))
    backward_committor = property(lambda self: self._get("backward_committor"))
    gross_flux = property(lambda self: self._get("gross_flux"))
    net_flux = property(lambda self: self._get("net_flux"))
    gross_flux_sparse = property(lambda self: _csr(self._core.gross_flux_csr))
    net_flux_sparse = property(lambda self: _csr(self._core.net_flux_csr))
    total_flux = property(lambda self: self._core.total_flux)
    rate = property(lambda self: self._core.rate)

    @property
    def n_states(self):
        return self.stationary_distribution.shape[0]

    @property
    def intermediate_states(self):
        inside = np.zeros(self.n_states, dtype=bool)
        inside[self.source_states] = True
        inside[self.target_states] = True
        return np.flatnonzero(~inside).astype(np.int32)

    @property
    def mfpt(self):
        """1 / rate: the TPT mean first passage time A -> B in lag steps."""
        return 1.0 / self.rate

    def pathways(self, fraction=1.0, maxiter=1000):
        """Widest-path decomposition of the net flux, as deeptime: (list of state arrays, list of capacities).

        Stops once the capacities explain ``fraction`` of the total flux, or after maxiter pathways.
        """
        paths, capacities = self._core.pathways(fraction, maxiter)
        return list(paths), list(capacities)

    def coarse_grain(self, user_sets):
        """The flux on sets of states (each split into its A, intermediate and B parts), as deeptime.

        Returns (sets, coarse ReactiveFlux); sets are state indices, A parts first, B parts last.
        """
        n = self.n_states
        sets = [_convert.states(s, n, f"user_sets[{k}]") for k, s in enumerate(user_sets)]
        parts, core = self._core.coarse_grain(sets)
        return list(parts), ReactiveFlux._from_core(core, self.lagtime)

    def state_current(self):
        """Reactive current through each state, 1/2 sum_j (f+_ij + f+_ji)."""
        return self._core.state_current()

    def fraction_through(self, states):
        """Fraction of reactive trajectories that visit any of ``states`` on their way from A to B."""
        return self._core.fraction_through(_convert.states(states, self.n_states, "states"))

    def transition_states(self, lower=0.4, upper=0.6):
        """Indices of states whose forward committor lies in [lower, upper]."""
        q = self.forward_committor
        return np.flatnonzero((q >= lower) & (q <= upper)).astype(np.int32)

    def __repr__(self):
        return (f"<ReactiveFlux: {self.n_states} states, |A| = {len(self.source_states)}, "
                f"|B| = {len(self.target_states)}, rate {self.rate:.4g} per lag step>")


def _macrostate_sets(macrostates, model):
    """PCCA+ sets as original labels: from a PCCAModel of `model`, or lists of labels."""
    if macrostates is None:
        return None
    if hasattr(macrostates, "sets"):
        return [[int(model.active_set[i]) for i in s] for s in macrostates.sets]
    return [[int(s) for s in group] for group in macrostates]


def resolve_endpoints(model, states=None, macrostates=None, **options):
    """The source and sink sets as indices into the model, named as `nucleate tpt` names them:
    ``source``/``sink`` (labels "0,1,5-7"), ``source_region``/``sink_region`` (CV expressions on
    the centres of ``states``, a StateDecomposition) or ``source_macro``/``sink_macro`` (PCCA+ set
    ids of ``macrostates``, a PCCAModel)."""
    core = states._core if states is not None else None
    return _nucleate.resolve_endpoints(model._core, _options.make("tpt", options), core,
                                       _macrostate_sets(macrostates, model))


def analyse_tpt(model, dt=None, states=None, macrostates=None, dtrajs=None, volume=None, **options):
    """The whole TPT analysis of `nucleate tpt` and `nucleate run` (the same library call): the dict
    tpt.json holds — committors, fluxes, rate, MFPTs, pathways, coarse pathways (onto
    ``macrostates``), transition states, the nucleation rate J = 1/(t V) when ``volume`` (or the
    option ``volume``) is given, and with ``samples`` > 0 and the model's ``dtrajs`` the Bayesian
    error bars (``["bayes"]``, and J's ``lower``/``upper``).

    dt: time between frames (times in its unit, else in frames); states: the StateDecomposition
    (for CV regions and per-state centres); macrostates: a PCCAModel of the model (or lists of
    labels). The options, with their defaults:

{tpt}
    """
    core = states._core if states is not None else None
    sampled = _convert.dtrajs(dtrajs) if dtrajs is not None else None
    text = _nucleate.analyse_tpt(model._core, dt, _options.make("tpt", options), core,
                                 _macrostate_sets(macrostates, model), sampled, volume)
    return json.loads(text)


_options.document(analyse_tpt, "tpt", "{tpt}")
