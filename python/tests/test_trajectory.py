"""read_trajectory against GROMACS' own decoding (`gmx dump`) and against `nucleate info --json`."""

import collections
import re

import numpy as np
import pytest

import nucleate


def read_gmx_dump(path):
    """Frames of `gmx dump -f FILE.xtc` text: natoms, step, time, box (3x3) and x (atoms x 3) where printed."""
    frames = []
    header = re.compile(r"natoms=\s*(\d+)\s+step=\s*(-?\d+)\s+time=\s*(\S+)")
    vector = re.compile(r"^\s*(\w+)\[\s*(\d+)\]=\{\s*(\S+),\s*(\S+),\s*(\S+)\}")
    for line in open(path):
        if line.rstrip().endswith(":") and " frame " in line:
            frames.append({"box": np.zeros((3, 3)), "x": {}})
        elif m := header.search(line):
            frames[-1].update(natoms=int(m[1]), step=int(m[2]), time=float(m[3]))
        elif m := vector.search(line):
            v = [float(m[3]), float(m[4]), float(m[5])]
            if m[1] == "box":
                frames[-1]["box"][int(m[2])] = v
            elif m[1] == "x":
                frames[-1]["x"][int(m[2])] = v
    return frames


# gmx dump prints %12.5e: half a unit of the sixth significant digit is at most 5e-6 relative.
PRINTED = dict(rtol=5e-6, atol=1e-9)


@pytest.mark.parametrize("name", ["tric.xtc", "water.xtc", "few9.xtc"])
def test_positions_box_time_as_gromacs_decodes_them(data_dir, name):
    traj = nucleate.read_trajectory(data_dir / "xtc" / name)
    frames = read_gmx_dump(data_dir / "xtc" / f"{name}.dump.txt")
    assert traj.format == "xtc" and traj.length_unit == "nm"
    assert traj.positions.dtype == np.float32 and traj.positions.flags.c_contiguous
    assert traj.positions.shape == (len(frames), frames[0]["natoms"], 3)
    for k, frame in enumerate(frames):
        assert traj.step[k] == frame["step"]
        assert traj.time[k] == pytest.approx(frame["time"], rel=1e-7, abs=1e-9)
        np.testing.assert_allclose(traj.box[k], frame["box"], **PRINTED)
        expected = np.array([frame["x"][i] for i in range(frame["natoms"])])
        np.testing.assert_allclose(traj.positions[k], expected, **PRINTED)
    assert traj.has_box.all()


def test_nacl_run_agrees_with_nucleate_info(data_dir, run_json):
    xtc = data_dir / "plumed-nacl" / "sol_prod_ions.xtc"
    gro = data_dir / "plumed-nacl" / "sol_ions_ref.gro"
    info = run_json("info", "--json", xtc, "--top", gro)
    traj = nucleate.read_trajectory(xtc, top=gro)
    assert (traj.n_frames, traj.n_atoms) == (info["frames"], info["atoms"]) == (261, 240)
    assert traj.time[0] == info["time_first"] and traj.time[-1] == info["time_last"] == 260.0
    np.testing.assert_array_equal(traj.box[0], info["box_first"])
    assert traj.volume.mean() == pytest.approx(info["volume_mean"], rel=1e-12)  # 25.288 nm^3
    assert dict(collections.Counter(traj.names)) == info["species"]  # NA 120, CL 120
    # Frames 0, 1, 2, 130, 260 as GROMACS decodes them.
    dump = read_gmx_dump(data_dir / "xtc" / "nacl_ions.xtc.dump.txt")
    assert len(dump) == 261
    for k in (0, 130, 260):
        expected = np.array([dump[k]["x"][i] for i in range(240)])
        np.testing.assert_allclose(traj.positions[k], expected, **PRINTED)


def test_frame_range_and_names(data_dir):
    xtc = data_dir / "plumed-nacl" / "sol_prod_ions.xtc"
    whole = nucleate.read_trajectory(xtc)
    assert whole.names == []  # XTC carries no names and no top was given
    part = nucleate.read_trajectory(xtc, begin=10, end=50, stride=7)
    np.testing.assert_array_equal(part.positions, whole.positions[10:50:7])
    np.testing.assert_array_equal(part.time, whole.time[10:50:7])
    np.testing.assert_array_equal(part.box, whole.box[10:50:7])
    gro = nucleate.read_trajectory(data_dir / "plumed-nacl" / "sol_ions_ref.gro")
    assert gro.format == "gro" and gro.names[:2] == ["NA", "NA"] and gro.names[-1] == "CL"
    # GRO stores 3 decimals; the XTC frame 0 was written at precision 1000.
    np.testing.assert_allclose(gro.positions[0], whole.positions[0], atol=1.5e-3)
    na = nucleate.select_atoms(data_dir / "plumed-nacl" / "sol_ions_ref.gro", "name NA")
    np.testing.assert_array_equal(na, np.arange(120))
