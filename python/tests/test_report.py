"""Tests of nucleate.report on a real OUTDIR: PLUMED's COLVAR of a GROMACS NaCl run
(tests/data/plumed-nacl), split into three trajectories and taken through the nucleate commands
a `nucleate run` chains (cluster, msm its/estimate/bayes/pcca/cktest, tpt).

The binary is $NUCLEATE_EXECUTABLE, else /work/tools-bin/nucleate, else build/nucleate.
"""

import json
import os
import re
import shutil
import struct
import subprocess
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data", "plumed-nacl")
FIGURES = ["fes", "its", "ck", "flux_network", "pathways"]


def nucleate_binary():
    for candidate in (os.environ.get("NUCLEATE_EXECUTABLE"), "/work/tools-bin/nucleate",
                      os.path.join(ROOT, "build", "nucleate")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("no nucleate executable (set NUCLEATE_EXECUTABLE)")


def report(outdir):
    """`python3 -m nucleate.report OUTDIR`, as `nucleate run` runs it, with this test's nucleate."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run(["/usr/bin/python3", "-m", "nucleate.report", str(outdir)], capture_output=True,
                          text=True, env=env)


def run(*args, cwd):
    subprocess.run([str(a) for a in args], cwd=cwd, check=True, capture_output=True, text=True)


def split_colvar(src, dst_dir, parts):
    """The 261 frames of COLVAR_sol as `parts` consecutive trajectories, each with the header."""
    with open(src) as f:
        lines = f.readlines()
    header = [ln for ln in lines if ln.startswith("#")]
    rows = [ln for ln in lines if not ln.startswith("#")]
    size = -(-len(rows) // parts)
    os.makedirs(dst_dir, exist_ok=True)
    for p in range(parts):
        with open(os.path.join(dst_dir, f"part{p}.colvar"), "w") as f:
            f.writelines(header + rows[p * size:(p + 1) * size])
    return len(rows)


def write_summary(outdir, report_cvs, time_unit="ps"):
    """summary.json from the commands' outputs, in the schema `nucleate run` writes."""
    def load(name):
        with open(os.path.join(outdir, name)) as f:
            return json.load(f)

    msm, bayes, tpt, clusters = load("msm.json"), load("bayes.json"), load("tpt.json"), load("clusters.json")
    frames = sum(i["frames"] for i in clusters["inputs"])

    def with_ci(value, b):
        return {"value": value, "lower": b["lower"], "upper": b["upper"]}

    def states(labels):
        centers = [c for k, c in enumerate(clusters["centers"]) if k in labels]
        return {"states": len(centers), "cv_ranges": {cv: [min(c[i] for c in centers), max(c[i] for c in centers)]
                                                      for i, cv in enumerate(clusters["cvs"])} if centers else {}}

    summary = {
        "name": "plumed-nacl-test", "trajectories": len(clusters["inputs"]), "frames": frames,
        "lag": msm["lag"], "dt": msm["dt"], "time_unit": time_unit, "n_states": len(msm["active_set"]),
        "connected_frames_fraction": 1.0 - msm["dropped_frames"] / frames, "report_cvs": report_cvs,
        "connected_states": states(msm["active_set"]), "dropped_states": states(msm["dropped_states"]),
        "timescales": [{"value": v, "lower": lo, "upper": hi} for v, lo, hi in
                       zip(msm["timescales"][:3], bayes["timescales_lower"], bayes["timescales_upper"])],
        "mfpt": with_ci(tpt["mfpt"], tpt["bayes"]["mfpt"]),
        "mfpt_reverse": with_ci(tpt["mfpt_reverse"], tpt["bayes"]["mfpt_reverse"]),
        "rate": with_ci(tpt["rate"], tpt["bayes"]["rate"]),
        "nucleation_rate": {k: tpt["nucleation_rate"][k] for k in ("value", "lower", "upper", "units")},
        "pathways": [{"states": p["states"], "fraction": p["fraction"]} for p in tpt["pathways"][:5]],
        "coarse_pathways": [{"sets": p["sets"], "fraction": p["fraction"]} for p in tpt["coarse"]["pathways"]],
        "transition_states": {"states": len(tpt["transition_states"]["states"]),
                              "frame_averages": {c: v for c, v in tpt["transition_states"].get(
                                  "frame_averages", {}).items() if c in report_cvs}},
        "report": "report.html",
    }
    with open(os.path.join(outdir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    return summary


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    """A real OUTDIR: 3 trajectories x 87 frames, k-means 30 states on the Na-Cl coordination ncn and
    a Steinhardt q6 average (two nearly independent CVs), lag 2 ps."""
    nuc = nucleate_binary()
    out = tmp_path_factory.mktemp("report") / "out"
    n = split_colvar(os.path.join(DATA, "COLVAR_sol"), out / "cv", 3)
    assert n == 261
    cvs = sorted(str(p) for p in (out / "cv").glob("*.colvar"))
    run(nuc, "cluster", "--kmeans", 30, "--cvs", "ncn,xq6na.mean", "--scale", "ncn=1,xq6na.mean=12", "--seed", 1,
        *cvs, "-o", out / "clusters.json",
        "--dtraj-dir", out / "dtraj", cwd=out)
    dtrajs = sorted(str(p) for p in (out / "dtraj").glob("*.dtraj"))
    run(nuc, "msm", "its", *dtrajs, "--lags", "1,2,3,5,8", "--dt", 1, "--bayesian", 40, "--seed", 1,
        "-o", out / "its.json", cwd=out)
    run(nuc, "msm", "estimate", *dtrajs, "--lag", 2, "--dt", 1, "-o", out / "msm.json", cwd=out)
    run(nuc, "msm", "bayes", *dtrajs, "--lag", 2, "--samples", 40, "--seed", 1, "-o", out / "bayes.json", cwd=out)
    run(nuc, "msm", "pcca", "--msm", out / "msm.json", "--n-sets", 3, "-o", out / "pcca.json", cwd=out)
    run(nuc, "msm", "cktest", *dtrajs, "--lag", 2, "--pcca", out / "pcca.json", "--mlags", 4,
        "--bayesian", 30, "--seed", 1, "-o", out / "ck.json", cwd=out)
    run(nuc, "tpt", "--msm", out / "msm.json", "--clusters", out / "clusters.json", "--pcca", out / "pcca.json",
        "--source-region", "ncn < 0.6", "--sink-region", "ncn > 0.95", "--bayes", 20, "--seed", 1,
        "--dtraj", *dtrajs, "--colvar", *cvs, "--volume-over", "all", "--volume-from", os.path.join(DATA, "sol_prod_ions.xtc"),
        "-o", out / "tpt.json", cwd=out)
    write_summary(str(out), ["ncn", "xq6na.mean"])
    proc = report(out)
    assert proc.returncode == 0, proc.stderr
    return out


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_every_figure_as_svg_and_png(outdir):
    for name in FIGURES:
        png = outdir / "figures" / f"{name}.png"
        svg = outdir / "figures" / f"{name}.svg"
        w, h = png_size(png)
        # 150-200 dpi of a figure several inches wide
        assert 700 <= w <= 4000 and 400 <= h <= 4000, (name, w, h)
        assert 20_000 < png.stat().st_size < 3_000_000, name
        text = svg.read_text()
        assert "<svg" in text and text.rstrip().endswith("</svg>"), name
        assert svg.stat().st_size > 10_000, name


def test_html_is_self_contained_and_complete(outdir):
    page = (outdir / "report.html").read_text()
    assert not re.search(r"https?://", page)
    srcs = re.findall(r"src\s*=\s*['\"]([^'\"]*)", page)
    assert len(srcs) == len(FIGURES)
    assert all(s.startswith("data:image/png;base64,") for s in srcs)
    for href in re.findall(r"href\s*=\s*['\"]([^'\"]*)", page):
        assert href.startswith("#") or (outdir / href).is_file(), href
    for name in FIGURES:
        assert f"id='{name}'" in page and f"figures/{name}.svg" in page
    assert "skipped" not in page and "could not" not in page


def test_html_holds_the_summary_numbers(outdir):
    page = (outdir / "report.html").read_text()
    s = json.loads((outdir / "summary.json").read_text())
    numbers = [s["mfpt"]["value"], s["mfpt"]["lower"], s["mfpt"]["upper"], s["mfpt_reverse"]["value"],
               s["rate"]["value"], s["rate"]["upper"], s["nucleation_rate"]["value"],
               s["nucleation_rate"]["lower"], s["connected_frames_fraction"], s["dt"]]
    numbers += [t[k] for t in s["timescales"] for k in ("value", "lower", "upper")]
    numbers += [p["fraction"] for p in s["pathways"] + s["coarse_pathways"]]
    numbers += list(s["transition_states"]["frame_averages"].values())
    numbers += [x for r in s["connected_states"]["cv_ranges"].values() for x in r]
    for x in numbers:
        assert f"{x:.4g}" in page, x
    for x in (s["frames"], s["trajectories"], s["n_states"], s["lag"]):
        assert f">{x}" in page, x
    assert s["nucleation_rate"]["units"] in page
    assert " → ".join(map(str, s["pathways"][0]["states"])) in page


def test_fes_is_the_msm_equilibrium_on_the_cvs(outdir):
    """F = -ln p with p the per-state sum of pi_s * (share of s's frames in the bin)."""
    from nucleate.report import data

    frames = data.Frames(str(outdir))
    msm = json.loads((outdir / "msm.json").read_text())
    w = frames.weights(data.model(str(outdir)))
    f, edges = data.free_energy(frames, w, ["ncn", "xq6na.mean"])
    assert np.nanmin(f) == 0.0
    assert np.isfinite(f).sum() > 20
    x, y = frames.column("ncn"), frames.column("xq6na.mean")
    p = np.zeros(f.shape)
    for s, pi in zip(msm["active_set"], msm["stationary_distribution"]):
        sel = frames.states == s
        h, _, _ = np.histogram2d(x[sel], y[sel], bins=edges)
        p += pi * h / sel.sum()
    assert np.array_equal(np.isfinite(f), p > 0)
    np.testing.assert_allclose(f[p > 0], -np.log(p[p > 0] / p.sum()) - np.min(-np.log(p[p > 0] / p.sum())),
                               atol=1e-10)
    assert w.sum() == pytest.approx(1.0)
    assert (w[~np.isin(frames.states, msm["active_set"])] == 0).all()
    assert (w[np.isin(frames.states, msm["active_set"])] > 0).all()


def test_missing_inputs_skip_figures_with_a_note(outdir, tmp_path):
    partial = tmp_path / "partial"
    shutil.copytree(outdir, partial, ignore=shutil.ignore_patterns("figures", "report.html"))
    (partial / "ck.json").unlink()
    (partial / "tpt.json").unlink()
    proc = report(partial)
    assert proc.returncode == 0, proc.stderr
    page = (partial / "report.html").read_text()
    assert "ck.json not found" in page and "tpt.json not found" in page
    for name in ("fes", "its"):
        assert (partial / "figures" / f"{name}.png").is_file()
    for name in ("ck", "flux_network", "pathways"):
        assert not (partial / "figures" / f"{name}.png").exists()
    assert len(re.findall(r"<img ", page)) == 2


def test_one_cv_gives_a_profile_and_same_input_same_bytes(outdir, tmp_path):
    one = tmp_path / "one"
    shutil.copytree(outdir, one, ignore=shutil.ignore_patterns("figures", "report.html"))
    write_summary(str(one), ["ncn"])
    svgs = []
    for _ in range(2):
        proc = report(one)
        assert proc.returncode == 0, proc.stderr
        svgs.append((one / "figures" / "fes.svg").read_bytes())
    assert svgs[0] == svgs[1]
    # a profile: F on the y axis, one CV on x, no colour bar
    assert b"free energy F (kT)" in svgs[0] and b"xq6na.mean" not in svgs[0]
    caption = (one / "report.html").read_text().split("id='fes'")[1].split("</figcaption>")[0]
    assert re.search(r"on ncn: a histogram \(\d+ bins\)", caption)


def test_binned_committor_is_0_in_a_and_1_in_b(outdir):
    """The pi-weighted bin average of q+ is defined exactly on the populated bins, lies in [0, 1],
    and is 0 (1) in bins holding only frames of source (sink) states."""
    from nucleate.report import data

    frames = data.Frames(str(outdir))
    msm = json.loads((outdir / "msm.json").read_text())
    tpt = json.loads((outdir / "tpt.json").read_text())
    w = frames.weights(data.model(str(outdir)))
    cvs = ["ncn", "xq6na.mean"]
    f, edges = data.free_energy(frames, w, cvs)
    q = data.committor_binned(frames, w, cvs, edges, dict(zip(msm["active_set"], tpt["forward_committor"])))
    assert np.array_equal(np.isfinite(q), np.isfinite(f))
    assert np.nanmin(q) >= 0.0 and np.nanmax(q) <= 1.0
    ix = np.clip(np.digitize(frames.column(cvs[0]), edges[0]) - 1, 0, len(edges[0]) - 2)
    iy = np.clip(np.digitize(frames.column(cvs[1]), edges[1]) - 1, 0, len(edges[1]) - 2)
    checked = {0.0: 0, 1.0: 0}
    for (i, j) in set(zip(ix[w > 0], iy[w > 0])):
        states = set(frames.states[(ix == i) & (iy == j) & (w > 0)].tolist())
        for ends, value in ((tpt["source"], 0.0), (tpt["sink"], 1.0)):
            if states <= set(ends):
                assert q[i, j] == pytest.approx(value, abs=1e-12)
                checked[value] += 1
    assert checked[0.0] >= 2 and checked[1.0] >= 2
