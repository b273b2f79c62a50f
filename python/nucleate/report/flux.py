"""Flux figures of the report: the coarse-grained (PCCA+) flux network and the top microstate
pathways, both drawn on the plane of the report CVs over the free-energy surface."""

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.patheffects as pe  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from .plots import OTHER, SINK, SOURCE, cv_label, fes_layer, plane  # noqa: E402

# on the viridis FES a white path stands out; without it, green
PATH_COLOURS = ["#e41a1c", "#ff7f00", "#ffffff", "#f781bf", "#111111"]
PATH_COLOURS_PLAIN = ["#e41a1c", "#ff7f00", "#4daf4a", "#f781bf", "#111111"]


def coarse_nodes(coarse):
    """Names of the coarse parts: A/B/I for source/sink/intermediate, then the PCCA+ set they
    were split from (deeptime's coarse_grain splits each set into its A, middle and B parts)."""
    given = coarse.get("given_set") or list(range(len(coarse["sets"])))
    src, snk = set(coarse["source"]), set(coarse["sink"])
    kinds = ["A" if i in src else "B" if i in snk else "I" for i in range(len(coarse["sets"]))]
    return [f"{k}{g}" for k, g in zip(kinds, given)], kinds


def coarse_positions(coarse, states):
    """Each part at the pi-weighted mean of its member states' centres on the CV plane."""
    pos, weight = [], []
    for members in coarse["sets"]:
        m = [s for s in members if s in states.centres]
        w = np.array([states.pi.get(s, 0.0) for s in m])
        xy = states.xy(m)
        if not len(m):
            pos.append([np.nan, np.nan])
        elif w.sum() > 0:
            pos.append((w[:, None] * xy).sum(0) / w.sum())
        else:
            pos.append(xy.mean(0))
        weight.append(w.sum())
    return np.array(pos), np.array(weight)


def _arc_point(ax, p1, p2, rad, t):
    """Point at parameter t of matplotlib's arc3 curve from p1 to p2 (a quadratic Bezier whose
    control point is the chord midpoint offset by rad * (dy, -dx) in display space), in display
    coordinates."""
    a, b = ax.transData.transform(p1), ax.transData.transform(p2)
    d = b - a
    ctrl = 0.5 * (a + b) + rad * np.array([d[1], -d[0]])
    return (1 - t) ** 2 * a + 2 * t * (1 - t) * ctrl + t ** 2 * b


def _label_point(ax, p1, p2, rad, nodes_px, radii_px, placed):
    """Where on the arc to put its label: the point nearest the middle that sits on no node
    (centres nodes_px, radii radii_px) and no label placed before, else the point farthest from
    them (display units)."""
    best, best_score = None, -np.inf
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85):
        p = _arc_point(ax, p1, p2, rad, t)
        score = np.min(np.hypot(*(nodes_px - p).T) - radii_px - 12, initial=np.inf)
        for q in placed:
            score = min(score, max(abs(p[0] - q[0]) - 40, abs(p[1] - q[1]) - 17))
        if score > 0:
            best = p
            break
        if score > best_score:
            best, best_score = p, score
    placed.append(best)
    return ax.transData.inverted().transform(best)


def flux_network_figure(coarse, states, fes, edges, cvs, units, min_percent=0.5):
    names, kinds = coarse_nodes(coarse)
    pos, _ = coarse_positions(coarse, states)
    pi = np.asarray(coarse.get("stationary_distribution") or np.ones(len(names)), dtype=float)
    total = float(coarse.get("total_flux") or sum(v for i, j, v in coarse["net_flux"] if i in coarse["source"]))
    fig, ax, cax, text_ax = plane(side=2.6, width=10.4)
    if fes is not None:
        fes_layer(ax, cax, fes, edges, alpha=0.45)
    else:
        cax.axis("off")
    finite = np.isfinite(pos).all(1)
    span = np.ptp(pos[finite], axis=0) if finite.sum() > 1 else np.ones(2)
    span[span == 0] = 1.0
    if fes is None:
        lo, hi = pos[finite].min(0) - 0.15 * span, pos[finite].max(0) + 0.15 * span
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
    area = 150.0 + 1800.0 * pi / pi.max()
    colours = [SOURCE if k == "A" else SINK if k == "B" else OTHER for k in kinds]
    ax.scatter(pos[finite, 0], pos[finite, 1], s=area[finite], c=np.array(colours)[finite],
               edgecolors="black", linewidths=1.0, zorder=4)
    for n, (x, y) in enumerate(pos):
        if finite[n]:
            ax.text(x, y, names[n], ha="center", va="center", fontsize=9, fontweight="bold",
                    color="white", zorder=6, path_effects=[pe.withStroke(linewidth=2, foreground="black")])
    flows = [(i, j, v) for i, j, v in coarse["net_flux"] if v > 0 and finite[i] and finite[j]]
    vmax = max((v for _, _, v in flows), default=1.0)
    ax.set_xlabel(cv_label(cvs[0], units))
    ax.set_ylabel(cv_label(cvs[1], units))
    ax.set_title("Net reactive flux between PCCA+ macrostates")
    hidden, labels, rad = 0, [], 0.18
    for i, j, v in sorted(flows, key=lambda f: f[2]):
        percent = 100.0 * v / total if total > 0 else 0.0
        if percent < min_percent:
            hidden += 1
            continue
        lw = 1.0 + 7.0 * v / vmax
        ax.add_patch(FancyArrowPatch(pos[i], pos[j], connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                                     mutation_scale=10 + 2.0 * lw, lw=lw, color="#333333", alpha=0.85,
                                     shrinkA=np.sqrt(area[i]) / 2 + 1, shrinkB=np.sqrt(area[j]) / 2 + 2,
                                     zorder=3))
        labels.append((i, j, f"{percent:.0f}%" if percent >= 10 else f"{percent:.1f}%"))
    # the arcs bend in display space, which is final only once the layout has run
    fig.canvas.draw()
    nodes_px = ax.transData.transform(np.where(finite[:, None], pos, 0.0))[finite]
    radii_px = np.sqrt(area[finite]) / 2 * fig.dpi / 72.0
    placed = []
    for i, j, text in labels[::-1]:  # the strongest flows choose first
        mx, my = _label_point(ax, pos[i], pos[j], rad, nodes_px, radii_px, placed)
        ax.text(mx, my, text, ha="center", va="center", fontsize=8.5, zorder=3.5,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    lines = ["Coarse pathways (share of total flux A → B)"]
    for p in coarse.get("pathways", [])[:8]:
        lines.append(f"{100 * p['fraction']:5.1f}%  " + " → ".join(names[s] for s in p["sets"]))
    lines += ["", "Nodes (π = stationary weight)"]
    for n, members in enumerate(coarse["sets"]):
        lines.append(f"{names[n]:>4}: {len(members)} state{'s' if len(members) != 1 else ''}, π = {pi[n]:.3f}")
    lines += ["", "A: source, B: sink, I: between;", "digit: the PCCA+ set the part is from", "arrow label: share of total flux"]
    if hidden:
        lines.append(f"{hidden} edge(s) under {min_percent}% of the flux not drawn")
    text_ax.text(0.0, 1.0, "\n".join(lines), va="top", ha="left", fontsize=8.5, family="DejaVu Sans Mono",
                 transform=text_ax.transAxes)
    return fig


def pathways_figure(pathways, states, fes, edges, cvs, units, source, sink, top=5):
    """The `top` strongest microstate pathways traced through the state centres over the FES."""
    fig, ax, cax, side = plane(side=1.9)
    if fes is not None:
        fes_layer(ax, cax, fes, edges)
    else:
        cax.axis("off")
    shown = pathways[:top]
    fmax = max((p["fraction"] for p in shown), default=1.0)
    handles = []
    for rank, p in reversed(list(enumerate(shown))):
        xy = states.xy(p["states"])
        if len(xy) < 2:
            continue
        lw = 1.2 + 5.0 * p["fraction"] / fmax
        palette = PATH_COLOURS if fes is not None else PATH_COLOURS_PLAIN
        colour = palette[rank % len(palette)]
        outline = [pe.Stroke(linewidth=lw + 1.6, foreground="black"), pe.Normal()]
        ax.plot(xy[:, 0], xy[:, 1], "-", color=colour, lw=lw, solid_capstyle="round", zorder=3 + 0.1 * (top - rank),
                path_effects=outline)
        ax.plot(xy[:, 0], xy[:, 1], "o", color=colour, mec="black", ms=3.5, zorder=3.5 + 0.1 * (top - rank))
        handles.append(Line2D([], [], color=colour, lw=lw, path_effects=outline,
                              label=f"{rank + 1}: {100 * p['fraction']:.1f}% ({len(p['states'])} states)"))
    handles = handles[::-1]
    for labels, colour in ((source, SOURCE), (sink, SINK)):
        xy = states.xy(labels)
        if len(xy):
            ax.scatter(xy[:, 0], xy[:, 1], s=55, c=colour, edgecolors="white", linewidths=1.0, zorder=6)
    handles += [Line2D([], [], ls="", marker="o", mfc=SOURCE, mec="white", ms=8, label="source A state"),
                Line2D([], [], ls="", marker="o", mfc=SINK, mec="white", ms=8, label="sink B state")]
    side.legend(handles=handles, title="pathway: share of flux", loc="upper left", bbox_to_anchor=(0.0, 1.0))
    ax.set_xlabel(cv_label(cvs[0], units))
    ax.set_ylabel(cv_label(cvs[1], units))
    ax.set_title(f"Top {len(shown)} microstate pathways A → B")
    return fig
