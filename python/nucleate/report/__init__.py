"""nucleate.report: figures and a self-contained report.html from a `nucleate run` OUTDIR.

    python3 -m nucleate.report OUTDIR        (what `nucleate run` runs after its stages)
    nucleate.report.build(OUTDIR)

Writes OUTDIR/figures/{fes,its,ck,flux_network,pathways}.{svg,png} and OUTDIR/report.html. Reads
the run's results through the nucleate module (COLVAR, discrete trajectories and the model by the
library's readers; the FES by its histograms). A figure whose inputs are missing is skipped with a
note.
"""

import copy
import os
import sys

from . import data, flux, html, plots

import numpy as np
import matplotlib.pyplot as plt

FIGURES = ["fes", "its", "ck", "flux_network", "pathways"]
PNG_DPI = 170


class Inputs:
    """OUTDIR's files, each read on first use; a missing one raises data.MissingInput."""

    def __init__(self, outdir):
        self.outdir = outdir
        self.summary = data.load_json(outdir, "summary.json", required=False)
        self.clusters = data.load_json(outdir, "clusters.json", required=False)
        self._cache = {}
        self.units = (self.summary or {}).get("cv_units") or {}

    def json(self, name):
        if name not in self._cache:
            self._cache[name] = data.load_json(self.outdir, name)
        return self._cache[name]

    def optional(self, name):
        try:
            return self.json(name)
        except data.MissingInput:
            return None

    @property
    def frames(self):
        if "frames" not in self._cache:
            self._cache["frames"] = data.Frames(self.outdir)
        return self._cache["frames"]

    @property
    def cvs(self):
        return data.report_cvs(self.summary, self.clusters)

    @property
    def dt(self):
        for src in (self.summary, self.optional("msm.json")):
            if src and src.get("dt") is not None:
                return float(src["dt"])
        return None

    @property
    def unit(self):
        return data.time_unit(self.summary, self.dt)

    @property
    def model(self):
        if "model" not in self._cache:
            self._cache["model"] = data.model(self.outdir)
        return self._cache["model"]

    def fes(self):
        """(F, edges, weights) on the report CVs, computed once."""
        if "fes" not in self._cache:
            w = self.frames.weights(self.model)
            f, edges = data.free_energy(self.frames, w, self.cvs)
            self._cache["fes"] = (f, edges, w)
        return self._cache["fes"]

    def states(self):
        if "states" not in self._cache:
            try:
                frames = self.frames
            except data.MissingInput:
                frames = None
            self._cache["states"] = data.States(frames, self.model, self.optional("tpt.json"),
                                                self.clusters, self.cvs)
        return self._cache["states"]


def _tpt_per_state(inp):
    """Centres, forward committor, state current and A/B/- flags of the active states with centres."""
    tpt = inp.json("tpt.json")
    states = inp.states()
    active = states.active.tolist()
    keep = [n for n, s in enumerate(active) if s in states.centres]
    labels = [active[n] for n in keep]
    src, snk = set(tpt["source"]), set(tpt["sink"])
    ends = ["A" if s in src else "B" if s in snk else "-" for s in labels]
    return (states.xy(labels), np.asarray(tpt["forward_committor"], dtype=float)[keep],
            np.asarray(tpt["state_current"], dtype=float)[keep], ends)


def fig_fes(inp):
    f, edges, w = inp.fes()
    cvs = inp.cvs
    xy = current = ends = q_grid = ts_xy = None
    tpt = inp.optional("tpt.json")
    extra = "No tpt.json: committor and state current are not shown."
    if tpt is not None:
        xy, _, current, ends = _tpt_per_state(inp)
        ts_xy = inp.states().xy(tpt.get("transition_states", {}).get("states", []))
        q_grid = data.committor_binned(inp.frames, w, cvs, edges,
                                       dict(zip(inp.states().active.tolist(), tpt["forward_committor"])))
        how = "the π-weighted mean of q⁺ over the frames in each bin"
        if len(cvs) == 1:
            extra = (f"Dashed (right axis): forward committor q⁺, {how}; shaded: bins with q⁺ between "
                     "0.4 and 0.6.")
        else:
            extra = (f"Light band between white lines: forward committor q⁺ between 0.4 and 0.6 (dashed: "
                     f"0.5), {how}; orange diamonds: centres of the transition-state ensemble; "
                     "circles: state centres, area ∝ state current ½ Σⱼ|f⁺ᵢⱼ| (source A blue, sink B red).")
    fig = plots.fes_figure(f, edges, cvs, inp.units, xy, current, q_grid, ts_xy, ends)
    used = int((w > 0).sum())
    bins = " × ".join(str(len(e) - 1) for e in edges)
    caption = (f"Free energy F = −ln p (kT, minimum 0) on {', '.join(cvs)}: a histogram ({bins} bins) of "
               f"{used} frames of {inp.frames.n_trajectories} trajectories, each frame weighted by "
               "π<sub>s</sub>/N<sub>s</sub> of its state s (MSM stationary probability over the "
               "state's frame count; frames outside the active set weigh 0), so it is the MSM's "
               f"equilibrium projected on the CVs. White: no weighted frame. {extra}")
    return fig, caption


def fig_its(inp):
    its = inp.json("its.json")
    msm = inp.optional("msm.json")
    dt = its.get("dt") if its.get("dt") is not None else None
    unit = data.time_unit(inp.summary, dt)
    mle = data.floats(its["timescales"])
    lower = data.floats(its["timescales_lower"]) if its.get("timescales_lower") else None
    upper = data.floats(its["timescales_upper"]) if its.get("timescales_upper") else None
    lag = msm["lag"] if msm else None
    fig = plots.its_figure(its["lags"], dt, mle, lower, upper, lag, unit)
    bands = (f"Shaded bands: {its.get('bayesian', {}).get('interval', '95%')} intervals over "
             f"{its.get('bayesian', {}).get('samples', '?')} Bayesian MSM samples per lag. "
             if lower is not None else "")
    model = "reversible maximum-likelihood" if its.get("reversible", True) else "non-reversible"
    caption = (f"Implied timescales tᵢ = −τ/ln|λᵢ| of the {model} MSM against the lag time τ "
               f"(log scale, {unit}). {bands}Grey: tᵢ < τ, where a process decays within one lag and is "
               "not resolved. Dashed: the lag of the model used (msm.json); the timescales should be "
               "flat from there on.")
    return fig, caption


def fig_ck(inp):
    ck = inp.json("ck.json")
    dt = inp.dt
    fig = plots.ck_figure(ck, dt, inp.unit)
    caption = ("Chapman–Kolmogorov test: for each pair of PCCA+ sets i, j, the probability to be in "
               "set j (membership-weighted) a time kτ after starting in local equilibrium in set i "
               "(π weighted by the memberships of i), predicted by the lag-τ model as T(τ)ᵏ (line) and "
               f"estimated from a model at lag kτ (points), τ = {ck.get('lag', '?')} frames. Agreement "
               "within the bands supports a Markovian model at this lag.")
    if "predicted_lower" in ck:
        caption += " Band and error bars: 95% intervals over Bayesian samples."
    return fig, caption


def flux_plane(inp):
    """(states, F, edges, axis names) of the plane the flux figures are drawn on: the two report
    CVs over the FES, or with one CV, that CV against the forward committor (no FES behind)."""
    cvs = inp.cvs
    states = inp.states()
    if len(cvs) == 2:
        try:
            f, edges, _ = inp.fes()
        except data.MissingInput:
            f = edges = None
        return states, f, edges, cvs
    tpt = inp.json("tpt.json")
    q = dict(zip(states.active.tolist(), tpt["forward_committor"]))
    states = copy.copy(states)
    states.centres = {s: np.array([c[0], q[s]]) for s, c in states.centres.items() if s in q}
    return states, None, None, [cvs[0], "forward committor q⁺"]


def fig_flux(inp):
    tpt = inp.json("tpt.json")
    if not tpt.get("coarse"):
        raise data.MissingInput("tpt.json has no 'coarse' flux (run tpt with --pcca or --coarse-sets)")
    states, f, edges, axes = flux_plane(inp)
    fig = flux.flux_network_figure(tpt["coarse"], states, f, edges, axes, inp.units)
    caption = ("Net reactive flux A → B summed onto the PCCA+ macrostates (each split into its parts "
               "in A, between, and in B, as deeptime's coarse_grain). Node: π-weighted mean of its "
               "states' centres on the CV plane, area ∝ stationary weight; arrow width ∝ net flux, "
               "label = share of the total flux A → B. The list gives the coarse pathways with the "
               "share of flux each carries. Background: the FES.")
    return fig, caption


def fig_pathways(inp):
    tpt = inp.json("tpt.json")
    if not tpt.get("pathways"):
        raise data.MissingInput("tpt.json has no pathways")
    states, f, edges, axes = flux_plane(inp)
    fig = flux.pathways_figure(tpt["pathways"], states, f, edges, axes, inp.units, tpt["source"], tpt["sink"])
    caption = ("The five strongest microstate pathways of the reactive flux (TPT pathway "
               "decomposition: the widest path, its flux removed, repeated) drawn through their "
               "states' centres over the FES; line width ∝ share of the total flux A → B, given in "
               "the legend with the number of states on the path.")
    return fig, caption


BUILDERS = {"fes": fig_fes, "its": fig_its, "ck": fig_ck, "flux_network": fig_flux, "pathways": fig_pathways}


def save(fig, figdir, name):
    """SVG without a date (same input, same bytes) and PNG at PNG_DPI."""
    fig.savefig(os.path.join(figdir, name + ".svg"), metadata={"Date": None})
    fig.savefig(os.path.join(figdir, name + ".png"), dpi=PNG_DPI)
    plt.close(fig)


def build(outdir):
    """Writes the figures and report.html; returns {figure: (caption, None) or (None, note)}
    and how many figures failed for a reason other than a missing input. When one failed,
    report.html is not written (an earlier one stays as it was)."""
    plots.style()
    inp = Inputs(outdir)
    figdir = os.path.join(outdir, "figures")
    os.makedirs(figdir, exist_ok=True)
    results, failed = {}, 0
    for name in FIGURES:
        try:
            fig, caption = BUILDERS[name](inp)
            save(fig, figdir, name)
            results[name] = (caption, None)
        except data.MissingInput as e:
            results[name] = (None, f"skipped: {e}")
        except Exception as e:  # one broken figure must not cost the whole report
            plt.close("all")
            failed += 1
            results[name] = (None, f"could not be drawn: {type(e).__name__}: {e}")
            print(f"nucleate report: {name}: {type(e).__name__}: {e}", file=sys.stderr)
    if failed:
        # A report with holes must not replace a complete one from an earlier run.
        return results, failed
    tpt = inp.optional("tpt.json")
    names = flux.coarse_nodes(tpt["coarse"])[0] if tpt and tpt.get("coarse") else None
    page = html.render(inp.summary, results, figdir, inp.dt, names)
    # Written whole under another name, then renamed: never half a page.
    target = os.path.join(outdir, "report.html")
    partial = target + ".partial"
    with open(partial, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(partial, target)
    return results, failed
