"""Bayesian MSM against deeptime 0.4.5's posterior summary on the reference chain
(effective counts, lag 5: slowest timescale MLE 139.41, mean 139.19, std 4.12 frames)."""

import numpy as np
import pytest

import nucleate


def test_posterior_matches_deeptime(deeptime_small):
    dtrajs, ref = deeptime_small
    bayes = ref["bayes"]
    posterior = nucleate.bayesian_msm(dtrajs, lagtime=5, n_samples=1000, seed=42, n_timescales=3, keep_samples=False)
    assert posterior.n_steps == bayes["n_steps"] == 4  # floor(sqrt(18)) sweeps between samples
    assert len(posterior.active_set) == bayes["n_states_active"]
    assert posterior.prior.timescales(1)[0] == pytest.approx(bayes["slowest_timescale_mle"], rel=1e-6)
    assert posterior.timescales_mean[0] == pytest.approx(bayes["slowest_timescale_mean"], abs=1.5)
    # The C++ test explains why only 30% is held for the spread.
    assert bayes["slowest_timescale_std"] / 1.3 < posterior.timescales_std[0] < bayes["slowest_timescale_std"] * 1.3
    low, high = bayes["slowest_timescale_percentile_2.5_97.5"]  # 131.76, 147.29
    assert posterior.timescales_lower[0] == pytest.approx(low, abs=3.0)
    assert posterior.timescales_upper[0] == pytest.approx(high, abs=3.0)
    assert posterior.sample_timescales.shape == (1000, 3)
    np.testing.assert_allclose(posterior.timescales_mean, posterior.sample_timescales.mean(axis=0), rtol=1e-12)


def test_samples_are_reversible_models_and_seeded(deeptime_small):
    dtrajs, _ = deeptime_small
    first = nucleate.bayesian_msm(dtrajs, lagtime=5, n_samples=5, seed=3)
    again = nucleate.bayesian_msm(dtrajs, lagtime=5, n_samples=5, seed=3)
    other = nucleate.bayesian_msm(dtrajs, lagtime=5, n_samples=5, seed=4)
    assert len(first.samples) == 5
    for a, b in zip(first.samples, again.samples):
        np.testing.assert_array_equal(a.transition_matrix, b.transition_matrix)
    assert not np.array_equal(first.samples[0].transition_matrix, other.samples[0].transition_matrix)
    for s in first.samples:
        t, pi = s.transition_matrix, s.stationary_distribution
        np.testing.assert_allclose(t.sum(axis=1), 1.0, atol=1e-12)
        np.testing.assert_allclose(pi[:, None] * t, (pi[:, None] * t).T, atol=1e-14)
        assert s.lagtime == 5 and s.timescales(1)[0] > 100
    flux = first.reactive_flux_samples([0, 1, 2], [15, 16, 17])
    assert flux["rate"].shape == (5,)
    # deeptime's point estimates: rate 0.01618 per lag, MFPT A->B 309 frames.
    assert np.all(np.abs(flux["rate"] / 0.016182 - 1) < 0.15)
    assert np.all(np.abs(flux["mfpt"] / 309.0 - 1) < 0.15)


def test_bad_count_mode_is_a_value_error(deeptime_small):
    dtrajs, _ = deeptime_small
    with pytest.raises(ValueError, match="count_mode"):
        nucleate.bayesian_msm(dtrajs, lagtime=5, count_mode="window")
