"""The MSM API against deeptime 0.4.5 on its 18-state reference chain
(tests/data/deeptime-msm-small: 5 x 20,000 frames, lag 5, reversible MLE)."""

import numpy as np
import pytest

import nucleate


@pytest.fixture(scope="module")
def model(deeptime_small):
    dtrajs, ref = deeptime_small
    return nucleate.estimate_markov_model([np.array(d) for d in dtrajs], lagtime=ref["options"]["lag"])


def test_counts_matrix_and_stationary_distribution(model, deeptime_small):
    _, ref = deeptime_small
    assert model.n_states == 18 and model.lagtime == 5 and model.reversible
    np.testing.assert_array_equal(model.active_set, ref["connected_set"])
    np.testing.assert_array_equal(model.count_matrix, np.array(ref["count_matrix"]))
    np.testing.assert_allclose(model.transition_matrix, np.array(ref["transition_matrix"]), rtol=0, atol=1e-6)
    np.testing.assert_allclose(model.stationary_distribution, ref["stationary_distribution"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(model.transition_matrix.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    assert model.transition_matrix.dtype == np.float64 and model.transition_matrix.flags.c_contiguous


def test_sparse_transition_matrix_is_the_dense_one(model):
    sparse = model.transition_matrix_sparse
    assert sparse.format == "csr" and sparse.shape == (18, 18)
    np.testing.assert_array_equal(sparse.toarray(), model.transition_matrix)


def test_eigenvalues_and_timescales_in_frames(model, deeptime_small):
    _, ref = deeptime_small
    np.testing.assert_allclose(model.eigenvalues(6), ref["eigenvalues"], rtol=0, atol=1e-6)
    its = ref["implied_timescales"]  # deeptime: 139.76, 4.537, 3.504, 3.276, 2.470 frames
    np.testing.assert_allclose(model.timescales(5), its, rtol=1e-6)
    assert model.eigenvalues().shape == (18,) and model.timescales().shape == (17,)
    np.testing.assert_allclose(model.timescales()[:5], its, rtol=1e-6)


def test_mfpt_in_frames(model, deeptime_small):
    _, ref = deeptime_small
    A, B = ref["A_active_idx"], ref["B_active_idx"]
    assert model.mfpt(A, B) == pytest.approx(ref["mfpt_A_to_B_frames"], rel=1e-6)  # 308.996
    assert model.mfpt(B, A) == pytest.approx(ref["mfpt_B_to_A_frames"], rel=1e-6)  # 316.382


def test_pcca_memberships_and_sets(model, deeptime_small):
    _, ref = deeptime_small
    pcca = model.pcca(2)
    np.testing.assert_allclose(pcca.memberships, ref["pcca"]["memberships"], rtol=0, atol=1e-6)
    np.testing.assert_array_equal(pcca.assignments, ref["pcca"]["assignments"])
    assert [s.tolist() for s in pcca.sets] == ref["pcca"]["sets_active_idx"]
    np.testing.assert_allclose(pcca.coarse_grained_transition_matrix.sum(axis=1), 1.0, atol=1e-10)
    chi, pi = pcca.memberships, model.stationary_distribution
    np.testing.assert_allclose(pcca.coarse_grained_stationary_probability, chi.T @ pi, atol=1e-12)
    np.testing.assert_allclose(pcca.metastable_distributions.sum(axis=1), 1.0, atol=1e-12)


def test_states_of_maps_labels_to_indices(deeptime_small):
    dtrajs, _ = deeptime_small
    # Relabel 0..17 as 100, 102, ...: indices stay, labels change.
    model = nucleate.estimate_markov_model([100 + 2 * np.array(d) for d in dtrajs], lagtime=5)
    assert model.active_set[:3].tolist() == [100, 102, 104]
    np.testing.assert_array_equal(model.states_of([104, 100]), [2, 0])
    with pytest.raises(ValueError, match="101"):
        model.states_of([101])
    assert model.count_matrix_full.shape == (135, 135)


def test_model_from_a_matrix_and_simulation(model):
    rebuilt = nucleate.MarkovStateModel(model.transition_matrix, lagtime=5)
    assert rebuilt.reversible and rebuilt.count_matrix is None
    np.testing.assert_allclose(rebuilt.stationary_distribution, model.stationary_distribution, atol=1e-10)
    np.testing.assert_allclose(rebuilt.timescales(3), model.timescales(3), rtol=1e-8)
    path = model.simulate(200000, start=0, seed=7)
    assert path.dtype == np.int32 and path.shape == (200000,) and path[0] == 0
    np.testing.assert_array_equal(path, model.simulate(200000, start=0, seed=7))
    assert not np.array_equal(path, model.simulate(200000, start=0, seed=8))
    # The chain's own statistics: visit frequencies approach pi.
    visits = np.bincount(path, minlength=18) / path.size
    np.testing.assert_allclose(visits, model.stationary_distribution, atol=0.02)


def test_nonreversible_and_sample_counts(deeptime_small):
    dtrajs, _ = deeptime_small
    plain = nucleate.estimate_markov_model(dtrajs, lagtime=5, reversible=False)
    c = plain.count_matrix
    np.testing.assert_allclose(plain.transition_matrix, c / c.sum(axis=1, keepdims=True), atol=1e-14)
    sample = nucleate.estimate_markov_model(dtrajs, lagtime=5, count_mode="sample")
    # Non-overlapping windows: (20000 - 1) // 5 = 3999 counts per trajectory.
    assert sample.count_matrix.sum() == 5 * 3999


def test_fixed_stationary_distribution(deeptime_small):
    dtrajs, _ = deeptime_small
    uniform = np.full(18, 1 / 18)
    model = nucleate.estimate_markov_model(dtrajs, lagtime=5, stationary_distribution_constraint=uniform)
    t = model.transition_matrix
    # Detailed balance with a uniform pi: T is symmetric, and pi is what was asked.
    np.testing.assert_allclose(t, t.T, atol=1e-10)
    np.testing.assert_allclose(t.sum(axis=1), 1.0, atol=1e-10)
    np.testing.assert_allclose(uniform @ t, uniform, atol=1e-10)
