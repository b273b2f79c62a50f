#!/usr/bin/python3
"""Lennard-Jones crystal nucleation, from trajectories to a nucleation rate, with the
nucleate Python module: the LJ example's headline, reproduced one step at a time.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/lj_tutorial.py \\
        [examples/lj-nucleation/pipeline.toml] [--compare OUTDIR/summary.json]

Each step is the library call the matching stage of `nucleate run` makes, with
the options of the pipeline file ([input], [cv], [cluster], [msm], [pcca],
[tpt]; nucleate.describe_options lists them with their defaults), so it
computes the numbers `nucleate run` writes to summary.json; --compare prints
the two side by side. LJ units: lengths in sigma (stored as "nm" in the XTC
files), times in tau.
"""

import argparse
import glob
import json
import pathlib
import sys
import tomllib
import warnings

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
try:
    import nucleate
except ImportError:  # a source checkout built in build/
    sys.path.insert(0, str(ROOT / "build" / "python"))
    import nucleate


def read_pipeline(path):
    """The pipeline file's tables and its trajectories (globs relative to the file)."""
    config = tomllib.loads(path.read_text())
    tables = {name: config.get(name, {}) for name in ("input", "cv", "cluster", "msm", "pcca", "tpt")}
    patterns = tables["input"]["trajectories"]
    tables["paths"] = [p for pattern in patterns for p in sorted(glob.glob(str(path.parent / pattern)))]
    tables["name"] = config.get("name", path.stem)
    return tables


def summary_value(summary, key):
    """A headline number of summary.json: plain, or the value of {value, lower, upper}."""
    entry = summary.get(key)
    return entry.get("value") if isinstance(entry, dict) else entry


def show(name, value, bounds=None, unit=""):
    interval = f"  [{bounds[0]:.4g}, {bounds[1]:.4g}]" if bounds is not None else ""
    print(f"  {name:<26}{value:.4g}{interval} {unit}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pipeline", nargs="?", type=pathlib.Path,
                        default=ROOT / "examples" / "lj-nucleation" / "pipeline.toml")
    parser.add_argument("--compare", type=pathlib.Path, help="summary.json of `nucleate run` on the same file")
    args = parser.parse_args()
    # The library's warnings (e.g. states dropped outside the connected set) as one line each.
    warnings.formatwarning = lambda message, *_, **__: f"  warning: {message}\n"
    p = read_pipeline(args.pipeline)
    inp, cv, cl, ms, tp = p["input"], p["cv"], p["cluster"], p["msm"], p["tpt"]
    time_unit, length_unit = inp.get("time_unit", "ps"), inp.get("length_unit", "nm")
    seed = ms.get("seed", 0)  # [msm] seed: every Bayesian sampling, as in `nucleate run`

    # 1. Collective variables, frame by frame: here the size of the largest
    #    crystalline cluster and the number of solid-like atoms (ten Wolde et al.).
    cv_options = {key: cv[key] for key in ("preset", "config", "groups", "begin", "end", "stride", "threads")
                  if key in cv}
    if "topology" in inp:
        cv_options["top"] = inp["topology"]
    if "timestep" in inp:
        cv_options["timestep"] = inp["timestep"]
    tables = [nucleate.compute_cvs(path, **cv_options) for path in p["paths"]]
    frames = sum(len(t["time"]) for t in tables)
    dt = ms.get("dt", tables[0]["time"][1] - tables[0]["time"][0])
    print(f"1. {len(tables)} trajectories, {frames} frames {dt:g} {time_unit} apart; CVs {', '.join(tables[0])}")

    # 2. Microstates: the decomposition `nucleate cluster` fits (its scaling, seed and stride).
    states = nucleate.decompose(tables, names=p["paths"], **cl)
    dtrajs = states.dtrajs
    print(f"2. {states.method}: {states.n_states} microstates on {', '.join(states.cvs)}")

    # 3. A Markov state model at the lag, with Bayesian error bars on its timescales.
    lag = ms["lag"]
    msm = nucleate.estimate_markov_model(dtrajs, lagtime=lag)
    bayes = nucleate.bayesian_msm(dtrajs, lagtime=lag, n_samples=ms.get("samples", 100), seed=seed,
                                  n_timescales=ms.get("nits", 5))
    connected = sum(np.isin(d, msm.active_set).sum() for d in dtrajs) / frames
    print(f"3. MSM at lag {lag} frames = {lag * dt:g} {time_unit}: {msm.n_states} states "
          f"({connected:.1%} of frames connected)")

    # 4. Transition path theory from the liquid (A) to the crystal (B), with the nucleation rate
    #    J = 1/(t V): V is the mean box over the frames in A (the liquid nuclei form in) unless
    #    [tpt] volume is a number or "all", as in `nucleate run`.
    pcca = msm.pcca(p["pcca"].get("sets", 2))
    tpt_options = {key: tp[key] for key in ("source", "source_region", "source_macro", "sink", "sink_region",
                                            "sink_macro", "coarse_sets", "through", "flux_fraction",
                                            "max_pathways", "band", "samples", "rate_time") if key in tp}
    tpt_options.update(seed=seed, time_unit=time_unit, length_unit=length_unit)
    volume = tp.get("volume", "source")
    if isinstance(volume, str):
        source, _ = nucleate.resolve_endpoints(msm, states=states, macrostates=pcca, **tpt_options)
        volume = nucleate.mean_box_volume(
            p["paths"], length_unit, dtrajs=dtrajs if volume == "source" else None,
            states=msm.active_set[source], begin=cv.get("begin", 0), stride=cv.get("stride", 1))
    tpt = nucleate.analyse_tpt(msm, dt=dt, states=states, macrostates=pcca, dtrajs=dtrajs, volume=volume,
                               **tpt_options)
    bayes_tpt = tpt.get("bayes", {})

    def bounds(key):
        return (bayes_tpt[key]["lower"], bayes_tpt[key]["upper"]) if key in bayes_tpt else None

    print(f"\n{p['name']}: the headline")
    for k, t in enumerate(msm.timescales(3) * dt):
        show(f"implied timescale {k + 1}", t,
             (bayes.timescales_lower[k] * dt, bayes.timescales_upper[k] * dt), time_unit)
    show("MFPT liquid -> crystal", tpt["mfpt"], bounds("mfpt"), time_unit)
    show("MFPT crystal -> liquid", tpt["mfpt_reverse"], bounds("mfpt_reverse"), time_unit)
    show("TPT rate k_AB", tpt["rate"], bounds("rate"), f"per {time_unit}")
    show(f"mean volume ({length_unit}^3)", volume)
    j = tpt["nucleation_rate"]
    show("nucleation rate J", j["value"], (j["lower"], j["upper"]) if j["lower"] is not None else None,
         j["units"])
    for k, path in enumerate(tpt["pathways"][:3]):
        print(f"  pathway {k + 1}: {path['fraction']:5.1%}  {' '.join(map(str, path['states']))}")
    for path in tpt.get("coarse", {}).get("pathways", []):
        print(f"  macrostate pathway {path['fraction']:5.1%}  {' -> '.join(map(str, path['sets']))}")
    ts = tpt["transition_states"]
    if ts["states"]:
        print(f"  transition states: {len(ts['states'])}, typical centre "
              + ", ".join(f"{c} = {v:.3g}" for c, v in ts["center_means"].items()))

    if args.compare:
        mismatches = []
        summary = json.loads(args.compare.read_text())
        print(f"\n  {'':26}{'tutorial':>12}{'nucleate run':>14}")
        for name, ours, key in (("states", msm.n_states, "n_states"), ("MFPT A -> B", tpt["mfpt"], "mfpt"),
                                ("MFPT B -> A", tpt["mfpt_reverse"], "mfpt_reverse"), ("rate", tpt["rate"], "rate"),
                                ("nucleation rate", j["value"], "nucleation_rate")):
            theirs = summary_value(summary, key)
            print(f"  {name:<26}{ours:>12.5g}{'' if theirs is None else format(theirs, '.5g'):>14}")
            if theirs is None or abs(ours - theirs) > 1e-6 * abs(theirs):
                mismatches.append(name)
        for name, ours, key in (("MFPT A -> B", bounds("mfpt"), "mfpt"),
                                ("nucleation rate", (j["lower"], j["upper"]), "nucleation_rate")):
            theirs = (summary[key]["lower"], summary[key]["upper"])
            print(f"  {name + ' 95%':<26}{ours[0]:>12.5g}{theirs[0]:>14.5g}   {ours[1]:.5g} / {theirs[1]:.5g}")
            if any(abs(a - b) > 1e-6 * abs(b) for a, b in zip(ours, theirs)):
                mismatches.append(name + " interval")
        if mismatches:
            print(f"\n  differs from nucleate run: {', '.join(mismatches)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
