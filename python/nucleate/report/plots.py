"""The report's figures: each function takes the loaded inputs and returns a matplotlib figure.

Style is set once (style()); colours: FES viridis, source blue, sink red, pathways tab10.
"""

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.patheffects as pe  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

SOURCE = "#1f5fbf"
SINK = "#c8102e"
OTHER = "#9a9a9a"
TS = "#ff9f1c"
FES_CMAP = "viridis"


def style():
    plt.rcParams.update({
        "font.family": "DejaVu Sans", "font.size": 10, "axes.labelsize": 11, "axes.titlesize": 11,
        "xtick.labelsize": 9, "ytick.labelsize": 9, "legend.fontsize": 9, "legend.framealpha": 0.85,
        "axes.spines.top": False, "axes.spines.right": False, "axes.linewidth": 0.8,
        "savefig.bbox": "tight", "savefig.pad_inches": 0.05,
        "svg.hashsalt": "nucleate-report", "svg.fonttype": "none", "image.cmap": FES_CMAP,
    })


def cv_label(name, units):
    u = (units or {}).get(name)
    return f"{name} ({u})" if u else name


def plane(side=2.0, width=9.0, height=4.8):
    """A CV-plane figure: plot axes, a colour-bar axes and a side panel for legends and text,
    laid out by constrained layout so labels never overlap."""
    fig = plt.figure(figsize=(width, height), layout="constrained")
    gs = fig.add_gridspec(1, 3, width_ratios=[5.0, 0.18, side])
    ax, cax, side_ax = fig.add_subplot(gs[0]), fig.add_subplot(gs[1]), fig.add_subplot(gs[2])
    side_ax.axis("off")
    return fig, ax, cax, side_ax


def fes_layer(ax, cax, fes, edges, alpha=1.0):
    """F on the plane as cells of the histogram with a colour bar (unpopulated bins left white)."""
    mesh = ax.pcolormesh(edges[0], edges[1], np.ma.masked_invalid(fes.T), cmap=FES_CMAP, shading="flat",
                         alpha=alpha, rasterized=True, vmin=0.0)
    cb = ax.figure.colorbar(mesh, cax=cax)
    cb.set_label("free energy F (kT)")
    cb.solids.set_alpha(1.0 if alpha == 1.0 else alpha)
    return mesh


def size_handles(values, scale, fmt="{:.2g}"):
    """Legend entries mapping marker area to value: the largest value and fractions of it."""
    vmax = float(np.max(values))
    return [Line2D([], [], ls="", marker="o", mfc="white", mec="black", ms=np.sqrt(scale * frac),
                   label=fmt.format(frac * vmax)) for frac in (1.0, 0.5, 0.1)]


def band_lines(ax, x, y, q, level_style):
    """Committor iso-lines in white with a dark edge, visible on every colour of the FES."""
    edge = [pe.Stroke(linewidth=2.8, foreground="black"), pe.Normal()]
    for level, ls in level_style:
        cs = ax.contour(x, y, q, levels=[level], colors="white", linewidths=1.4, linestyles=ls)
        for c in cs.collections:
            c.set_path_effects(edge)


def fes_figure(fes, edges, cvs, units, states=None, current=None, q_grid=None, ts_xy=None,
               ends=None):
    """FES with the committor band 0.4-0.6 and the state current as marker area."""
    if len(cvs) == 1:
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        return _fes_1d(fig, ax, fes, edges, cvs, units, states, current, q_grid)
    fig, ax, cax, side = plane()
    fes_layer(ax, cax, fes, edges)
    handles = []
    if q_grid is not None and np.isfinite(q_grid).any():
        xc = 0.5 * (edges[0][1:] + edges[0][:-1])
        yc = 0.5 * (edges[1][1:] + edges[1][:-1])
        qm = np.ma.masked_invalid(q_grid.T)
        ax.contourf(xc, yc, qm, levels=[0.4, 0.6], colors="white", alpha=0.35)
        band_lines(ax, xc, yc, qm, [(0.4, "-"), (0.5, "--"), (0.6, "-")])
        handles += [Patch(facecolor="#e8e8e8", edgecolor="black", label="committor q⁺ 0.4–0.6"),
                    Line2D([], [], color="white", ls="--", lw=1.4, label="q⁺ = 0.5",
                           path_effects=[pe.Stroke(linewidth=2.8, foreground="black"), pe.Normal()])]
    if ts_xy is not None and len(ts_xy):
        ax.scatter(ts_xy[:, 0], ts_xy[:, 1], marker="D", s=34, c=TS, edgecolors="black",
                   linewidths=0.7, zorder=5)
        handles.append(Line2D([], [], ls="", marker="D", mfc=TS, mec="black", label="transition states"))
    if states is not None and current is not None and len(states):
        scale = 250.0 * min(1.0, np.sqrt(60.0 / len(states)))  # keep hundreds of states readable
        area = scale * np.asarray(current) / max(float(np.max(current)), 1e-300)
        colours = [SOURCE if e == "A" else SINK if e == "B" else "white" for e in ends]
        ax.scatter(states[:, 0], states[:, 1], s=np.maximum(area, 4), c=colours, edgecolors="black",
                   linewidths=0.7, alpha=0.85, zorder=4)
        handles += [Line2D([], [], ls="", marker="o", mfc=SOURCE, mec="black", label="source A state"),
                    Line2D([], [], ls="", marker="o", mfc=SINK, mec="black", label="sink B state")]
        sizes = side.legend(handles=size_handles(current, scale), title="state current\n(per lag step)",
                            loc="lower left", bbox_to_anchor=(0.0, 0.0), labelspacing=1.1, borderpad=0.8)
        side.add_artist(sizes)
    if handles:
        side.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 1.0))
    ax.set_xlabel(cv_label(cvs[0], units))
    ax.set_ylabel(cv_label(cvs[1], units))
    ax.set_title("Free-energy surface (MSM-reweighted)")
    return fig


def _fes_1d(fig, ax, fes, edges, cvs, units, states, current, q_grid):
    """Profile F(cv), with the committor along the CV on a second axis when known."""
    xc = 0.5 * (edges[0][1:] + edges[0][:-1])
    width = edges[0][1] - edges[0][0]
    handles = ax.plot(xc, fes, "o-", color="black", lw=1.8, ms=3.5, label="free energy F")
    ax.set_xlabel(cv_label(cvs[0], units))
    ax.set_ylabel("free energy F (kT)")
    ax.set_ylim(bottom=0)
    if q_grid is not None and np.isfinite(q_grid).any():
        qax = ax.twinx()
        qax.spines["right"].set_visible(True)
        handles += qax.plot(xc, q_grid, "s--", color=SINK, lw=1.4, ms=3, label="committor q⁺")
        qax.set_ylim(-0.02, 1.02)
        qax.set_ylabel("forward committor q⁺", color=SINK)
        band = (q_grid >= 0.4) & (q_grid <= 0.6)
        for x in xc[band]:
            ax.axvspan(x - width / 2, x + width / 2, color=TS, alpha=0.3, lw=0)
        if band.any():
            handles.append(Patch(color=TS, alpha=0.3, label="q⁺ 0.4–0.6"))
    ax.legend(handles=handles, loc="upper center")
    ax.set_title("Free-energy profile (MSM-reweighted)")
    return fig


def its_figure(lags, dt, mle, lower, upper, msm_lag, unit):
    """Implied timescales vs lag, 95% Bayesian bands, the model's lag, and t < lag greyed out."""
    fig, ax = plt.subplots(figsize=(6.0, 4.4))
    step = dt if dt else 1.0
    tau = np.asarray(lags, dtype=float) * step
    colours = plt.get_cmap("tab10").colors
    for k in range(mle.shape[1]):
        c = colours[k % 10]
        if lower is not None and np.isfinite(lower[:, k]).any():
            ax.fill_between(tau, lower[:, k], upper[:, k], color=c, alpha=0.2, lw=0)
        ax.plot(tau, mle[:, k], "o-", color=c, ms=4, lw=1.6, label=f"$t_{{{k + 1}}}$")
    ymin = np.nanmin([np.nanmin(mle), np.nanmin(lower) if lower is not None else np.inf])
    ymax = np.nanmax([np.nanmax(mle), np.nanmax(upper) if upper is not None else -np.inf])
    lo, hi = max(min(ymin, tau.min()) * 0.5, 1e-12), ymax * 2.0
    xs = np.linspace(0.0, tau.max() * 1.05, 200)
    ax.fill_between(xs, lo, np.maximum(xs, lo), color="0.55", alpha=0.35, lw=0,
                    label="$t_i$ < lag (not resolved)")
    if msm_lag is not None:
        ax.axvline(msm_lag * step, color="black", ls="--", lw=1.2, label=f"model lag {msm_lag * step:g} {unit}")
    ax.set_yscale("log")
    ax.set_ylim(lo, hi)
    ax.set_xlim(0.0, tau.max() * 1.05)
    ax.set_xlabel(f"lag time $\\tau$ ({unit})")
    ax.set_ylabel(f"implied timescale $t_i$ ({unit})")
    ax.set_title("Implied timescales" + (" with 95% Bayesian bands" if lower is not None else ""))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return fig


def ck_figure(ck, dt, unit):
    """K x K panels: set-to-set probability predicted by the lag-τ model vs estimated at kτ."""
    pred = np.asarray(ck["predicted"], dtype=float)
    est = np.asarray(ck["estimated"], dtype=float)
    k = pred.shape[1]
    tau = np.asarray(ck["lags"], dtype=float) * (dt if dt else 1.0)
    size = min(2.1 * k + 0.8, 16.0)
    fig, axes = plt.subplots(k, k, figsize=(size, size * 0.9), sharex=True, sharey=True, squeeze=False)
    band = "predicted_lower" in ck and ck["predicted_lower"] is not None
    for i in range(k):
        for j in range(k):
            ax = axes[i, j]
            if band:
                lo = np.asarray(ck["predicted_lower"], dtype=float)[:, i, j]
                hi = np.asarray(ck["predicted_upper"], dtype=float)[:, i, j]
                ax.fill_between(tau, lo, hi, color="#1f77b4", alpha=0.25, lw=0)
            ax.plot(tau, pred[:, i, j], "-", color="#1f77b4", lw=1.6)
            if "estimated_lower" in ck and ck["estimated_lower"] is not None:
                elo = np.asarray(ck["estimated_lower"], dtype=float)[:, i, j]
                ehi = np.asarray(ck["estimated_upper"], dtype=float)[:, i, j]
                yerr = [est[:, i, j] - elo, ehi - est[:, i, j]]
                ax.errorbar(tau, est[:, i, j], yerr=np.maximum(yerr, 0), fmt="o", color="#d62728",
                            ms=3.5, lw=1.0, capsize=2)
            else:
                ax.plot(tau, est[:, i, j], "o", color="#d62728", ms=3.5)
            ax.set_title(f"{i} → {j}", fontsize=9, pad=2)
            ax.set_ylim(-0.03, 1.03)
            ax.set_xlim(0, tau.max() * 1.08)
            ax.tick_params(labelsize=8)
    fig.supxlabel(f"lag time ({unit})", y=0.1 / fig.get_size_inches()[1], va="bottom")
    fig.supylabel("probability P(set i → set j)", x=0.1 / fig.get_size_inches()[0], ha="left")
    handles = [Line2D([], [], color="#1f77b4", lw=1.6, label="predicted  T(τ)ᵏ"),
               Line2D([], [], ls="", marker="o", color="#d62728", label="estimated  T(kτ)")]
    if band:
        handles.append(Patch(color="#1f77b4", alpha=0.25, label="95% Bayesian band"))
    width, height = fig.get_size_inches()
    # fixed margins in inches: title and legend above, shared axis labels left and below
    fig.subplots_adjust(left=0.95 / width, right=1.0 - 0.15 / width, bottom=0.65 / height,
                        top=1.0 - 0.95 / height, wspace=0.12, hspace=0.35)
    fig.suptitle("Chapman–Kolmogorov test on the PCCA+ sets", y=1.0 - 0.08 / height, va="top")
    fig.legend(handles=handles, loc="upper center", ncol=3, bbox_to_anchor=(0.5, 1.0 - 0.35 / height),
               frameon=False)
    return fig
