#!/usr/bin/python3
"""Lennard-Jones crystal nucleation, from trajectories to a nucleation rate, with the
nucleate Python module: the LJ example's headline, reproduced one step at a time.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/lj_tutorial.py \
        [examples/lj-nucleation/pipeline.toml] [--compare OUTDIR/summary.json]

It follows the settings of the pipeline file `nucleate run` reads ([input], [cv],
[cluster], [msm], [pcca], [tpt]; see src/pipeline/pipeline_config.h), so it
computes the numbers `nucleate run` writes to summary.json; --compare prints the
two side by side. LJ units: lengths in sigma (stored as "nm" in the XTC files),
times in tau.
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
    """The pipeline file's tables, with the defaults `nucleate run` uses."""
    config = tomllib.loads(path.read_text())
    tables = {name: config.get(name, {}) for name in ("input", "cv", "cluster", "msm", "pcca", "tpt")}
    patterns = tables["input"]["trajectories"]
    tables["paths"] = [p for pattern in patterns for p in sorted(glob.glob(str(path.parent / pattern)))]
    tables["name"] = config.get("name", path.stem)
    # [cluster] seed drives the clustering, [msm] seed the Bayesian sampling, as in `nucleate run`.
    tables["cluster_seed"] = tables["cluster"].get("seed", 1)
    tables["msm_seed"] = tables["msm"].get("seed", 1)
    return tables


def summary_value(summary, key):
    """A headline number of summary.json: plain, or the value of {value, lower, upper}."""
    entry = summary.get(key)
    return entry.get("value") if isinstance(entry, dict) else entry


def percentiles(samples):
    """The 2.5 and 97.5 percentiles, as nucleate's Bayesian summaries report them."""
    low, high = np.percentile(samples, [2.5, 97.5])
    return float(low), float(high)


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

    # 1. Collective variables, frame by frame: here the size of the largest
    #    crystalline cluster and the number of solid-like atoms (ten Wolde et al.).
    options = {"preset": cv.get("preset"), "config": cv.get("config"), "top": inp.get("topology"),
               "groups": dict(g.split("=", 1) for g in cv.get("groups", [])), "stride": cv.get("stride", 1),
               "threads": cv.get("threads"), "timestep": inp.get("timestep"), "begin": cv.get("begin", 0)}
    tables = [nucleate.compute_cvs(path, **options) for path in p["paths"]]
    frames = sum(len(t["time"]) for t in tables)
    dt = ms.get("dt", tables[0]["time"][1] - tables[0]["time"][0])
    print(f"1. {len(tables)} trajectories, {frames} frames {dt:g} {time_unit} apart; CVs {', '.join(tables[0])}")

    # 2. Microstates: cluster the frames on the chosen CVs (scaled for distances).
    cvs = cl["cvs"]
    scale = dict((k, float(v)) for k, v in (item.split("=") for item in cl.get("scale", "").split(",") if item))
    factor = np.array([scale.get(c, 1.0) for c in cvs])
    data = [np.column_stack([t[c] for c in cvs]) * factor for t in tables]
    method = cl.get("method", "kmeans")
    if method == "kmeans":
        centers = nucleate.kmeans(data, cl["k"], seed=p["cluster_seed"])
    elif method == "kcenters":
        centers = nucleate.kcenters(data, cl["k"], seed=p["cluster_seed"])
    elif method == "regspace":
        centers = nucleate.regspace(data, cl["dmin"])
    else:
        sys.exit(f"[cluster] method {method!r}: this tutorial covers kmeans, kcenters and regspace")
    dtrajs = nucleate.assign(data, centers)
    centers = centers / factor  # back in the CVs' own units
    print(f"2. {method}: {len(centers)} microstates on {', '.join(cvs)}")

    # 3. A Markov state model at the lag, with Bayesian error bars.
    lag = ms["lag"]
    msm = nucleate.estimate_markov_model(dtrajs, lagtime=lag)
    bayes = nucleate.bayesian_msm(dtrajs, lagtime=lag, n_samples=ms.get("samples", 100), seed=p["msm_seed"],
                                  n_timescales=ms.get("nits", 5))
    connected = sum(np.isin(d, msm.active_set).sum() for d in dtrajs) / frames
    print(f"3. MSM at lag {lag} frames = {lag * dt:g} {time_unit}: {msm.n_states} states "
          f"({connected:.1%} of frames connected)")

    # 4. Transition path theory from the liquid (A) to the crystal (B).
    pcca = msm.pcca(p["pcca"].get("sets", 2))

    def endpoint(which):
        if which in tp:  # state labels, "0,1,5-7"
            labels = [s for part in tp[which].split(",") for s in range(int(part.split("-")[0]),
                                                                         int(part.split("-")[-1]) + 1)]
        elif f"{which}_region" in tp:  # a CV region on the state centres
            labels = nucleate.states_in_region(centers, cvs, tp[f"{which}_region"])
        else:  # PCCA+ macrostates
            labels = msm.active_set[np.concatenate([pcca.sets[int(k)] for k in tp[f"{which}_macro"].split(",")])]
        return msm.states_of(np.intersect1d(labels, msm.active_set))

    A, B = endpoint("source"), endpoint("sink")
    flux = msm.reactive_flux(A, B)
    mfpt, mfpt_back = msm.mfpt(A, B) * dt, msm.mfpt(B, A) * dt  # frames -> time
    rate = flux.rate / (lag * dt)  # per lag step -> per time unit
    # The posterior of the same lag and seed, with TPT on every sample (`nucleate tpt --bayes`).
    sampled = nucleate.bayesian_msm(dtrajs, lagtime=lag, n_samples=tp.get("samples", 100), seed=p["msm_seed"],
                                    n_timescales=1).reactive_flux_samples(A, B)
    # J = 1/(t V) with V the mean box of the frames in A (the liquid nuclei form in), as `nucleate run`
    # does unless [tpt] volume is a number or "all".
    volume = tp.get("volume", "source")
    if isinstance(volume, str):
        boxes = [nucleate.read_trajectory(t).volume[options["begin"]::options["stride"]] for t in p["paths"]]
        if volume == "source":
            boxes = [b[np.isin(d, msm.active_set[A])] for b, d in zip(boxes, dtrajs)]
        volume = np.mean(np.concatenate(boxes))
    j, j_units = nucleate.nucleation_rate(mfpt, volume, time_unit, length_unit)
    j_samples = [nucleate.nucleation_rate(t * dt, volume, time_unit, length_unit)[0] for t in sampled["mfpt"]]

    print(f"\n{p['name']}: the headline")
    its = msm.timescales(3) * dt
    for k in range(len(its)):
        show(f"implied timescale {k + 1}", its[k],
             (bayes.timescales_lower[k] * dt, bayes.timescales_upper[k] * dt), time_unit)
    show("MFPT liquid -> crystal", mfpt, percentiles(sampled["mfpt"] * dt), time_unit)
    show("MFPT crystal -> liquid", mfpt_back, percentiles(sampled["mfpt_reverse"] * dt), time_unit)
    show("TPT rate k_AB", rate, percentiles(sampled["rate"] / (lag * dt)), f"per {time_unit}")
    show(f"mean volume ({length_unit}^3)", volume)
    show("nucleation rate J", j, percentiles(j_samples), j_units)
    paths, capacities = flux.pathways(fraction=tp.get("flux_fraction", 0.95))
    for k, (path, c) in enumerate(zip(paths[:3], capacities)):
        print(f"  pathway {k + 1}: {c / flux.total_flux:5.1%}  {' '.join(map(str, msm.active_set[path]))}")
    parts, coarse = flux.coarse_grain(pcca.sets)
    for path, c in zip(*coarse.pathways(fraction=tp.get("flux_fraction", 0.95))):
        print(f"  macrostate pathway {c / coarse.total_flux:5.1%}  {' -> '.join(map(str, path))}")
    band = flux.transition_states(*tp.get("band", [0.4, 0.6]))
    if len(band):
        pi = flux.stationary_distribution[band]
        typical = pi @ centers[msm.active_set[band]] / pi.sum()
        print(f"  transition states: {len(band)}, typical centre "
              + ", ".join(f"{c} = {v:.3g}" for c, v in zip(cvs, typical)))

    if args.compare:
        mismatches = []
        summary = json.loads(args.compare.read_text())
        print(f"\n  {'':26}{'tutorial':>12}{'nucleate run':>14}")
        for name, ours, key in (("states", msm.n_states, "n_states"), ("MFPT A -> B", mfpt, "mfpt"),
                                ("MFPT B -> A", mfpt_back, "mfpt_reverse"), ("rate", rate, "rate"),
                                ("nucleation rate", j, "nucleation_rate")):
            theirs = summary_value(summary, key)
            print(f"  {name:<26}{ours:>12.5g}{'' if theirs is None else format(theirs, '.5g'):>14}")
            if theirs is None or abs(ours - theirs) > 1e-6 * abs(theirs):
                mismatches.append(name)
        if mismatches:
            print(f"\n  differs from nucleate run: {', '.join(mismatches)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
