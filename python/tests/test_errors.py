"""Bad inputs raise Python exceptions carrying the library's message, which names the file."""

import pytest

import nucleate


def test_missing_trajectory_is_an_os_error_naming_it(tmp_path):
    missing = tmp_path / "absent.xtc"
    with pytest.raises(OSError, match="absent.xtc"):
        nucleate.read_trajectory(missing)


def test_truncated_xtc_names_file_and_frame(data_dir, tmp_path):
    cut = tmp_path / "cut.xtc"
    cut.write_bytes((data_dir / "xtc" / "water.xtc").read_bytes()[:5000])
    with pytest.raises(OSError, match=r"cut\.xtc.*frame"):
        nucleate.read_trajectory(cut)
    with pytest.raises(OSError, match=r"cut\.xtc"):
        nucleate.compute_cvs(cut, preset="q6-nn12")


def test_unknown_format_and_wrong_topology(data_dir, tmp_path):
    odd = tmp_path / "frames.abc"
    odd.write_text("nothing")
    with pytest.raises(OSError, match="frames.abc"):
        nucleate.read_trajectory(odd)
    with pytest.raises(OSError, match="sol_ions_ref.gro"):  # 240 atoms for a 300-atom trajectory
        nucleate.read_trajectory(data_dir / "xtc" / "water.xtc", top=data_dir / "plumed-nacl" / "sol_ions_ref.gro")


def test_bad_config_dtraj_and_colvar_files(data_dir, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[groups]\nall = "all"\n[[atom]]\nname = "q"\nkind = "steinhardt"\nwrong_key = 1\n')
    with pytest.raises(OSError, match=r"bad\.toml.*wrong_key|wrong_key.*bad\.toml"):
        nucleate.compute_cvs(data_dir / "xtc" / "water.xtc", config=config)
    dtraj = tmp_path / "states.dtraj"
    dtraj.write_text("0\n1\nx\n")
    with pytest.raises(OSError, match=r"states\.dtraj.*line 3"):
        nucleate.estimate_markov_model(dtraj, lagtime=1)
    with pytest.raises(OSError, match="no.colvar"):
        nucleate.read_colvar(tmp_path / "no.colvar")


def test_usage_errors_are_value_errors():
    with pytest.raises(ValueError, match="lag 50"):
        nucleate.estimate_markov_model([0, 1, 0, 1], lagtime=50)
    with pytest.raises(ValueError, match="integers"):
        nucleate.estimate_markov_model([0.5, 1.0], lagtime=1)
    with pytest.raises(ValueError, match="tau"):
        nucleate.nucleation_rate(1.0, 1.0, "tau", "nm")
    value, units = nucleate.nucleation_rate(250.0, 2000.0, "tau", "sigma")
    assert value == pytest.approx(2e-6) and units == "sigma^-3 tau^-1"
