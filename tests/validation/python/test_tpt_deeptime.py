"""ReactiveFlux against deeptime 0.4.5 on its reference chain, A = {0,1,2}, B = {15,16,17}."""

import numpy as np
import pytest

import nucleate


@pytest.fixture(scope="module")
def case(deeptime_small):
    dtrajs, ref = deeptime_small
    model = nucleate.estimate_markov_model(dtrajs, lagtime=5)
    return model, model.reactive_flux(ref["A_active_idx"], ref["B_active_idx"]), ref


def test_committors(case):
    _, flux, ref = case
    np.testing.assert_allclose(flux.forward_committor, ref["tpt"]["forward_committor"], rtol=0, atol=1e-7)
    np.testing.assert_allclose(flux.backward_committor, ref["tpt"]["backward_committor"], rtol=0, atol=1e-7)
    assert flux.source_states.tolist() == [0, 1, 2] and flux.target_states.tolist() == [15, 16, 17]
    assert flux.intermediate_states.tolist() == list(range(3, 15))


def test_fluxes_and_rate(case):
    _, flux, ref = case
    tpt = ref["tpt"]
    total = tpt["total_flux"]  # 0.0079953
    assert flux.total_flux == pytest.approx(total, rel=1e-6)
    np.testing.assert_allclose(flux.net_flux, tpt["net_flux"], rtol=0, atol=1e-6 * total)
    assert flux.rate == pytest.approx(tpt["rate_per_lag"], rel=1e-6)  # 0.016182 per lag step
    assert flux.mfpt * flux.lagtime == pytest.approx(tpt["inverse_rate_frames"], rel=1e-6)  # 308.985 frames
    gross = flux.gross_flux
    np.testing.assert_allclose(flux.net_flux, np.maximum(gross - gross.T, 0.0), atol=1e-15)
    np.testing.assert_array_equal(flux.net_flux_sparse.toarray(), flux.net_flux)
    # Conservation at intermediate states.
    mid = flux.intermediate_states
    np.testing.assert_allclose(flux.net_flux[mid].sum(axis=1), flux.net_flux[:, mid].sum(axis=0), atol=1e-12)


def test_pathways_at_ninety_percent_are_deeptimes(case):
    _, flux, ref = case
    paths, capacities = flux.pathways(fraction=0.9)
    expected = ref["tpt"]["pathways_active_idx"]
    assert len(paths) == len(expected) == 45
    assert [p.tolist() for p in paths] == expected
    np.testing.assert_allclose(capacities, ref["tpt"]["pathway_capacities"], rtol=1e-6)
    assert sum(capacities) / flux.total_flux == pytest.approx(0.9015857718925103, abs=1e-7)
    everything, caps = flux.pathways()
    assert sum(caps) == pytest.approx(flux.total_flux, rel=1e-12)
    assert len(flux.pathways(fraction=0.9, maxiter=3)[0]) == 3


def test_coarse_grain_onto_rows_of_the_grid(case):
    _, flux, _ = case
    blocks = [[3 * b, 3 * b + 1, 3 * b + 2] for b in range(6)]
    sets, coarse = flux.coarse_grain(blocks)
    assert [s.tolist() for s in sets] == blocks  # A = block 0 first, B = block 5 last
    assert coarse.source_states.tolist() == [0] and coarse.target_states.tolist() == [5]
    assert coarse.total_flux == pytest.approx(flux.total_flux, rel=1e-12)
    assert coarse.rate == pytest.approx(flux.rate, rel=1e-12)
    np.testing.assert_allclose(coarse.stationary_distribution.sum(), 1.0, atol=1e-12)
    paths, caps = coarse.pathways()
    assert sum(caps) == pytest.approx(coarse.total_flux, rel=1e-12)
    with pytest.raises(ValueError):
        flux.coarse_grain(blocks[:-1])  # state 15.. in no set


def test_transition_states_currents_and_fraction_through(case):
    _, flux, _ = case
    # deeptime's committors of the middle rows: 0.378 0.374 0.369 | 0.674 0.658 0.659.
    assert flux.transition_states(0.3, 0.7).tolist() == [6, 7, 8, 9, 10, 11]
    assert flux.transition_states().tolist() == []
    current = flux.state_current()
    mid = flux.intermediate_states
    np.testing.assert_allclose(current[mid], flux.net_flux[mid].sum(axis=1), atol=1e-15)
    # Reactive paths leave A along the gross flux; those that jump straight into B
    # (possible at lag 5 on this grid) miss every intermediate state.
    gross, A, B = flux.gross_flux, flux.source_states, flux.target_states
    leaving = gross[A][:, np.setdiff1d(np.arange(18), A)].sum()
    direct = gross[A][:, B].sum()
    assert direct > 0
    assert flux.fraction_through(mid) == pytest.approx(1.0 - direct / leaving, rel=1e-10)  # 0.99875


def test_bad_state_sets_raise_value_error(case):
    model, _, _ = case
    with pytest.raises(ValueError, match="18"):
        model.reactive_flux([0], [18])
    with pytest.raises(ValueError):
        model.reactive_flux([0, 1], [1, 2])  # overlapping
    with pytest.raises(ValueError, match="empty"):
        model.mfpt([], [3])
