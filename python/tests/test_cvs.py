"""compute_cvs gives the numbers `nucleate cv` writes (same engine, shortest round-trip text)."""

import subprocess

import numpy as np
import pytest

import nucleate


def nucleate_cv(executable, tmp_path, *args):
    out = tmp_path / "cv.colvar"
    subprocess.run([executable, "cv", *map(str, args), "-o", out], check=True, capture_output=True)
    return nucleate.read_colvar(out)


@pytest.fixture(scope="module")
def nacl(data_dir):
    folder = data_dir / "plumed-nacl"
    return folder / "sol_prod_ions.xtc", folder / "sol_ions_ref.gro"


def test_nacl_preset_equals_the_command_line(nacl, executable, tmp_path):
    xtc, gro = nacl
    ours = nucleate.compute_cvs(xtc, preset="nacl-finney2022", top=gro, stride=3, threads=2)
    theirs = nucleate_cv(executable, tmp_path, "--preset", "nacl-finney2022", xtc, "--top", gro, "--stride", 3)
    assert list(ours) == list(theirs) == ["time", "n", "nq6", "nsph", "nsphq6", "cn_mean"]
    assert len(ours["time"]) == 87  # frames 0, 3, ..., 258
    for name in theirs:
        np.testing.assert_array_equal(ours[name], theirs[name], err_msg=name)
    # Real values, not zeros: mean Na-Cl coordination ~1.5 in this 1.2 M solution.
    assert 1.0 < ours["cn_mean"].mean() < 2.0 and ours["n"].max() > 0.5


def test_config_file_with_group_override_equals_the_command_line(nacl, executable, tmp_path):
    xtc, gro = nacl
    config = tmp_path / "q6.toml"
    config.write_text(nucleate.cv_preset_text("q6-nn12"))
    ours = nucleate.compute_cvs(xtc, config=config, top=gro, groups={"all": "name NA"}, begin=5, end=40)
    theirs = nucleate_cv(executable, tmp_path, "-c", config, xtc, "--top", gro, "--group", "all=name NA",
                         "--begin", 5, "--end", 40)
    assert len(ours["time"]) == 35 and ours["time"][0] == 5.0
    for name in ("time", "q4_mean", "q6_mean"):
        np.testing.assert_array_equal(ours[name], theirs[name], err_msg=name)
    # Only sodium: not the same numbers as over all ions.
    everything = nucleate.compute_cvs(xtc, config=config, top=gro, begin=5, end=40)
    assert not np.allclose(everything["q6_mean"], ours["q6_mean"])


def test_presets_and_usage_errors(nacl):
    xtc, gro = nacl
    assert {"nacl-finney2022", "lj-tenwolde", "q6-nn12", "ice-hin"} <= set(nucleate.cv_presets())
    with pytest.raises(ValueError, match="no-such-preset"):
        nucleate.compute_cvs(xtc, preset="no-such-preset")
    with pytest.raises(ValueError, match="exactly one"):
        nucleate.compute_cvs(xtc)
    with pytest.raises(ValueError, match="oxygen"):
        nucleate.compute_cvs(xtc, preset="nacl-finney2022", top=gro, groups={"oxygen": "name OW"})
