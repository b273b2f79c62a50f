"""Clustering through the module equals `nucleate cluster` on PLUMED's COLVAR of the NaCl run."""

import json
import subprocess

import numpy as np
import pytest

import nucleate

CVS = ["ncn", "vcns"]


@pytest.fixture(scope="module")
def colvar(data_dir):
    return data_dir / "plumed-nacl" / "COLVAR_sol"


def nucleate_cluster(executable, tmp_path, colvar, *method):
    out = tmp_path / "clusters.json"
    subprocess.run([executable, "cluster", colvar, *map(str, method), "--cvs", ",".join(CVS), "-o", out,
                    "--dtraj-dir", tmp_path / "dtraj"], check=True, capture_output=True)
    return np.array(json.loads(out.read_text())["centers"]), nucleate.read_dtraj(tmp_path / "dtraj" / "COLVAR_sol.dtraj")


@pytest.mark.parametrize("method", [("--kmeans", 8, "--seed", 3), ("--kcenters", 8, "--seed", 3),
                                    ("--regspace", 0.05)])
def test_centres_and_states_equal_the_command_line(colvar, executable, tmp_path, method):
    table = nucleate.read_colvar(colvar)
    data = np.column_stack([table[c] for c in CVS])
    assert data.shape == (261, 2)
    if method[0] == "--kmeans":
        centers = nucleate.kmeans(data, 8, seed=3)
    elif method[0] == "--kcenters":
        centers = nucleate.kcenters(data, 8, seed=3)
    else:
        centers = nucleate.regspace(data, 0.05)
    expected_centers, expected_dtraj = nucleate_cluster(executable, tmp_path, colvar, *method)
    np.testing.assert_allclose(centers, expected_centers, rtol=1e-15, atol=0)  # JSON round-trips doubles
    dtraj = nucleate.assign(data, centers)
    assert dtraj.dtype == np.int32
    np.testing.assert_array_equal(dtraj, expected_dtraj)
    assert len(np.unique(dtraj)) == len(centers) > 1


def test_geometry_of_each_method():
    rng = np.random.default_rng(1)
    points = rng.normal(size=(2000, 3))
    reg = nucleate.regspace(points, 1.0)
    d = np.linalg.norm(reg[:, None] - reg[None], axis=-1)
    assert d[np.triu_indices(len(reg), 1)].min() > 1.0  # centres pairwise farther than dmin
    nearest = np.linalg.norm(points[:, None] - reg[None], axis=-1).min(axis=1)
    assert nearest.max() <= 1.0  # every point within dmin of a centre
    with pytest.warns(RuntimeWarning, match="max_centers"):
        assert len(nucleate.regspace(points, 0.1, max_centers=5)) == 5
    km = nucleate.kmeans(points, 5, seed=0)
    labels = nucleate.assign(points, km)
    for k in range(5):  # Lloyd's fixed point: each centre is the mean of its points
        np.testing.assert_allclose(km[k], points[labels == k].mean(axis=0), atol=1e-3)
    # Several trajectories: clustered together, assigned one by one.
    parts = [points[:700], points[700:]]
    np.testing.assert_array_equal(nucleate.kmeans(parts, 5, seed=0), km)
    split = nucleate.assign(parts, km)
    np.testing.assert_array_equal(np.concatenate(split), labels)


def test_clustering_errors_are_value_errors():
    with pytest.raises(ValueError):
        nucleate.assign(np.zeros((4, 2)), np.zeros((3, 3)))  # dimensions differ
    with pytest.raises(ValueError):
        nucleate.regspace(np.zeros((4, 2)), -1.0)


def test_nested_lists_are_one_array_as_numpy_reads_them():
    # Issue 14, case 15: X.tolist() was taken as one 1-D trajectory per row.
    rng = np.random.default_rng(2)
    points = rng.normal(size=(300, 2))
    km = nucleate.kmeans(points, 3, seed=0)
    from_lists = nucleate.kmeans(points.tolist(), 3, seed=0)
    assert from_lists.shape == (3, 2)
    np.testing.assert_array_equal(from_lists, km)
    np.testing.assert_array_equal(nucleate.assign(points.tolist(), km.tolist()), nucleate.assign(points, km))
    # A plain list of numbers is still one 1-D trajectory.
    assert nucleate.kmeans([0.0, 0.1, 5.0, 5.1], 2, seed=0).shape == (2, 1)


def test_assign_refuses_non_finite_points():
    # Issue 14, case 15: a NaN point used to be assigned to state 0.
    data = np.array([[0.0, 0.0], [np.nan, 1.0], [2.0, 2.0]])
    with pytest.raises(RuntimeError, match="point 1 has a non-finite value in column 0"):
        nucleate.assign(data, np.zeros((2, 2)))
    with pytest.raises(RuntimeError, match="centres"):
        nucleate.assign(np.zeros((3, 2)), np.array([[0.0, np.inf]]))


def test_states_in_region_reads_the_tpt_region_language():
    centers = np.array([[1.0, 5.0], [3.0, 2.0], [8.0, 9.0]])
    assert nucleate.states_in_region(centers, ["a", "b"], "a < 4 and b > 3").tolist() == [0]
    assert nucleate.states_in_region(centers, ["a", "b"], "a > 2 or b < 3").tolist() == [1, 2]
    assert nucleate.states_in_region(centers, ["a", "b"], "not (a < 2) and a + b < 10").tolist() == [1]
    with pytest.raises(ValueError, match="c"):
        nucleate.states_in_region(centers, ["a", "b"], "c < 1")
