"""Bayesian MSM: reversible transition matrices sampled from their posterior
(Trendelkamp-Schroer et al. 2015, deeptime 0.4.5's BayesianMSM sampler)."""

import numpy as np

from . import _convert, _nucleate
from .msm import MarkovStateModel, _warn


class BayesianMSM:
    """The posterior of a Bayesian MSM.

    prior: the MLE model the chain starts from; samples: one MarkovStateModel
    per sample (built on first use); timescales_mean/std/lower/upper (frames;
    lower/upper are the 2.5/97.5 percentiles at confidence 0.95) and
    timescales_confidence_interval (deeptime's interval, centred on the mean);
    the same for the stationary distribution.
    """

    def __init__(self, core, confidence):
        self._core = core
        self.confidence = confidence
        self.lagtime = core.lag
        self.n_steps = core.n_steps
        self.active_set = core.active_set
        self.count_matrix = core.count_matrix
        self.prior = MarkovStateModel._from_core(core.prior())
        self._samples = None
        its = core.timescales_summary()
        self.timescales_mean = its["mean"]
        self.timescales_std = its["std"]
        self.timescales_lower = its["lower"]
        self.timescales_upper = its["upper"]
        self.timescales_confidence_interval = (its["deeptime_lower"], its["deeptime_upper"])
        pi = core.stationary_summary()
        self.stationary_distribution_mean = pi["mean"]
        self.stationary_distribution_std = pi["std"]
        self.stationary_distribution_lower = pi["lower"]
        self.stationary_distribution_upper = pi["upper"]

    @property
    def n_samples(self):
        return self._core.n_samples

    @property
    def samples(self):
        if self._samples is None:
            self._samples = [MarkovStateModel._from_core(self._core.sample(i)) for i in range(self.n_samples)]
        return self._samples

    @property
    def sample_timescales(self):
        """(n_samples, k) implied timescales of each sample, frames."""
        return self._core.sample_timescales()

    def reactive_flux_samples(self, source_states, target_states):
        """TPT on every sample: dict of per-sample arrays.

        rate (per lag step), total_flux, mfpt and mfpt_reverse (pi-weighted
        set-to-set MFPTs A -> B and B -> A, frames), slowest_timescale (frames).
        """
        n = len(self.active_set)
        values = _nucleate.sample_tpt(self._core, _convert.states(source_states, n, "source_states"),
                                      _convert.states(target_states, n, "target_states"))
        values["mfpt"] = values["mfpt"] * self.lagtime
        values["mfpt_reverse"] = values["mfpt_reverse"] * self.lagtime
        return values

    def __repr__(self):
        return (f"<BayesianMSM: {self.n_samples} samples, {len(self.active_set)} states, lagtime {self.lagtime}, "
                f"slowest timescale {self.timescales_mean[0]:.4g} [{self.timescales_lower[0]:.4g}, "
                f"{self.timescales_upper[0]:.4g}] frames>" if len(self.timescales_mean) else "<BayesianMSM>")


# deeptime's keyword names, the library's defaults (the options `nucleate msm bayes` has).
_BAYES = _nucleate.BayesianMsmOptions()


def bayesian_msm(dtrajs, lagtime, n_samples=_BAYES.samples, seed=_BAYES.seed, count_mode=_BAYES.count_mode,
                 n_steps=None, confidence=0.95,
                 n_timescales=None, keep_samples=True):
    """Samples the posterior over reversible transition matrices at lagtime.

    count_mode 'effective' (deeptime's statistically uncorrelated counts, the
    default and right for error bars) or 'sliding'; n_steps Gibbs sweeps
    between samples (default floor(sqrt(states)), as deeptime); the same seed
    gives the same samples. n_timescales: timescales kept per sample (all when
    None). keep_samples=False keeps only pi and timescales of each sample.
    """
    core = _nucleate.bayesian_msm(_convert.dtrajs(dtrajs), lagtime, n_samples, seed, count_mode, n_steps,
                                  0 if n_timescales is None else n_timescales, confidence, keep_samples)
    _warn(core.warnings)
    return BayesianMSM(core, confidence)
