"""The stage calls of the module are the command line's: same options and defaults, same numbers.

Each case runs the command and the module on the same inputs (PLUMED's COLVAR of the NaCl run,
tests/data/plumed-nacl) and compares what they write.
"""

import json
import subprocess

import numpy as np
import pytest

import nucleate


def run(executable, *args):
    subprocess.run([executable, *map(str, args)], check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def colvar(data_dir):
    return data_dir / "plumed-nacl" / "COLVAR_sol"


def test_options_come_from_the_librarys_tables():
    tpt = {o["name"]: o for o in nucleate.describe_options("tpt")}
    assert tpt["flux_fraction"]["default"] == pytest.approx(0.95)
    assert tpt["volume_over"]["default"] == "source" and tpt["volume_over"]["choices"] == ["source", "all"]
    assert {o["name"]: o["required"] for o in nucleate.describe_options("msm")}["lag"]
    assert "flux_fraction (default 0.95)" in nucleate.analyse_tpt.__doc__
    with pytest.raises(TypeError, match="unknown option 'fluxfraction'"):
        nucleate.implied_timescales([[0, 1, 0, 1]], lags=[1], fluxfraction=1)
    with pytest.raises(ValueError, match="samples|lags"):
        nucleate.implied_timescales([[0, 1, 0, 1]], lags=[0])


def test_decompose_is_nucleate_cluster(colvar, executable, tmp_path):
    options = dict(cvs=["ncn", "vcns"], method="kmeans", k=6, scale="ncn=1,vcns=3", seed=2, stride=3)
    run(executable, "cluster", colvar, "--method", "kmeans", "--k", 6, "--cvs", "ncn,vcns", "--scale",
        "ncn=1,vcns=3", "--seed", 2, "--stride", 3, "-o", tmp_path / "c.json", "--dtraj-dir", tmp_path)
    ours = nucleate.decompose([nucleate.read_colvar(colvar)], **options)
    theirs = json.loads((tmp_path / "c.json").read_text())
    np.testing.assert_array_equal(ours.centers, np.array(theirs["centers"]))
    np.testing.assert_array_equal(ours.dtrajs[0], nucleate.read_dtraj(tmp_path / "COLVAR_sol.dtraj"))
    assert ours.fitted_frames == 87  # every third of 261 frames
    ours.save(tmp_path / "ours.json")
    again = nucleate.load_states(tmp_path / "ours.json")
    np.testing.assert_array_equal(again.assign([nucleate.read_colvar(colvar)])[0], ours.dtrajs[0])
    with pytest.raises(ValueError, match="k applies to kmeans and kcenters, not to regspace"):
        nucleate.decompose([nucleate.read_colvar(colvar)], cvs=["ncn"], method="regspace", dmin=0.1, k=3)


def test_analyse_tpt_is_nucleate_tpt(colvar, data_dir, executable, tmp_path):
    """The whole TPT with J over the source frames' volume and Bayesian bounds, both ways."""
    xtc = data_dir / "plumed-nacl" / "sol_prod_ions.xtc"
    run(executable, "cluster", colvar, "--grid", "0.35:1.2:6", "--cvs", "ncn", "-o", tmp_path / "c.json",
        "--dtraj-dir", tmp_path)
    dtraj = tmp_path / "COLVAR_sol.dtraj"
    run(executable, "msm", "estimate", dtraj, "--lag", 1, "--dt", 1, "-o", tmp_path / "msm.json")
    run(executable, "tpt", "--msm", tmp_path / "msm.json", "--clusters", tmp_path / "c.json", "--source-region",
        "ncn < 0.6", "--sink-region", "ncn > 0.9", "--samples", 20, "--seed", 4, "--dtraj", dtraj,
        "--volume-from", xtc, "-o", tmp_path / "tpt.json")
    theirs = json.loads((tmp_path / "tpt.json").read_text())

    model = nucleate.load_model(tmp_path / "msm.json")
    states = nucleate.load_states(tmp_path / "c.json")
    dtrajs = [nucleate.read_dtraj(dtraj)]
    ends = dict(source_region="ncn < 0.6", sink_region="ncn > 0.9")
    source, sink = nucleate.resolve_endpoints(model, states=states, **ends)
    volume = nucleate.mean_box_volume([xtc], "nm", dtrajs=dtrajs, states=model.active_set[source])
    ours = nucleate.analyse_tpt(model, dt=model.dt, states=states, dtrajs=dtrajs, volume=volume, samples=20, seed=4,
                                **ends)
    assert ours["nucleation_rate"]["volume"] == pytest.approx(theirs["nucleation_rate"]["volume"], rel=1e-12)
    for key in ("mfpt", "mfpt_reverse", "rate", "total_flux"):
        assert ours[key] == pytest.approx(theirs[key], rel=1e-12)
    for key in ("value", "lower", "upper"):
        assert ours["nucleation_rate"][key] == pytest.approx(theirs["nucleation_rate"][key], rel=1e-12)
    assert ours["pathways"] == theirs["pathways"]
    # Every frame's box, for comparison: the source frames' mean differs from it.
    boxes = nucleate.read_trajectory(xtc).volume
    assert nucleate.mean_box_volume([xtc], "nm") == pytest.approx(boxes.mean(), rel=1e-12)
    assert volume == pytest.approx(boxes[np.isin(dtrajs[0], model.active_set[source])].mean(), rel=1e-12)


def test_fes_weights_are_the_models_equilibrium(colvar):
    table = nucleate.read_colvar(colvar)
    states = nucleate.decompose([table], cvs=["ncn"], method="grid", grid=["0.35:1.2:6"])
    model = nucleate.estimate_markov_model(states.dtrajs, lagtime=1)
    (w,) = nucleate.frame_weights(states.dtrajs, model)
    assert w.sum() == pytest.approx(1.0)
    f, edges = nucleate.free_energy_surface([table["ncn"]], w, bins=12)
    assert len(edges[0]) == 13 and np.nanmin(f) == 0.0
    hist, _ = np.histogram(table["ncn"], bins=edges[0], weights=w)
    with np.errstate(divide="ignore"):
        expected = -np.log(hist / hist.sum())
    expected -= expected[np.isfinite(expected)].min()
    np.testing.assert_allclose(f[np.isfinite(expected)], expected[np.isfinite(expected)], rtol=1e-12, atol=1e-12)
    assert np.isnan(f[~np.isfinite(expected)]).all()
