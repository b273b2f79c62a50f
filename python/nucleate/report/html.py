"""report.html: one self-contained page (inline CSS, figures as base64 PNG, no external URL)
with every number of summary.json in a table, the figures and their captions."""

import base64
import html
import math
import os

TITLES = {"fes": "Free-energy surface and committor", "its": "Implied timescales",
          "ck": "Chapman–Kolmogorov test", "flux_network": "Macrostate flux network",
          "pathways": "Microstate pathways"}

CSS = """
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; border-bottom: 2px solid #1f5fbf; padding-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.8em; }
table { border-collapse: collapse; font-size: 0.92em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em; text-align: left; vertical-align: top; }
th { background: #f0f3f8; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1em 0 2em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #444; margin-top: 0.4em; }
.note { background: #fff6e0; border-left: 4px solid #e0a000; padding: 0.5em 0.8em; }
"""


def num(x):
    """Numbers as the table shows them: 4 significant digits, integers as they are."""
    if x is None:
        return "–"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return f"{x:.4g}" if math.isfinite(x) else "–"
    return html.escape(str(x))


def interval(d):
    lo, hi = d.get("lower"), d.get("upper")
    if lo is None and hi is None:
        return "not computed"
    return f"[{num(lo)}, {num(hi)}]"


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, value, ci="", unit=""):
        self.rows.append((what, value, ci, unit))

    def render(self):
        out = ["<table>", "<tr><th>quantity</th><th>value</th><th>95% interval</th><th>units</th></tr>"]
        for what, value, ci, unit in self.rows:
            out.append(f"<tr><td>{what}</td><td class='num'>{value}</td><td class='num'>{ci}</td>"
                       f"<td>{html.escape(unit)}</td></tr>")
        out.append("</table>")
        return "\n".join(out)


def arrow(seq):
    return " → ".join(str(s) for s in seq)


def summary_table(s, dt, coarse_names=None):
    """Every number of summary.json, known keys first with their meaning and units, then any other
    key generically, so that nothing the pipeline writes is left out. coarse_names: the names the
    flux-network figure gives the coarse parts (A1, I0, ...)."""
    t = Table()
    tu = s.get("time_unit") or ("time units" if dt is not None else "frames")
    done = set()

    def take(key):
        done.add(key)
        return s.get(key)

    for key, what, unit in (("trajectories", "trajectories", ""), ("frames", "frames", ""),
                            ("n_states", "microstates (MSM)", ""),
                            ("connected_frames_fraction", "frames in the connected set", "fraction")):
        if key in s:
            t.add(what, num(take(key)), "", unit)
    for key, what in (("connected_states", "states in the connected set"),
                      ("dropped_states", "states dropped (outside the largest strongly connected set)")):
        d = s.get(key)
        if isinstance(d, dict) and (key == "connected_states" or d.get("states")):
            take(key)
            t.add(what, num(d.get("states")), "", "states")
            for cv, r in (d.get("cv_ranges") or {}).items():
                t.add(f"&nbsp;&nbsp;their centres' {html.escape(cv)}", f"{num(r[0])} – {num(r[1])}", "", "")
        elif isinstance(d, dict):
            take(key)
    if "dt" in s:
        t.add("time between frames Δt", num(take("dt")), "", tu)
    if "lag" in s:
        lag = take("lag")
        extra = f" = {num(lag * s['dt'])} {html.escape(tu)}" if s.get("dt") is not None and lag is not None else ""
        t.add("MSM lag time τ", f"{num(lag)} frames{extra}", "", "")
    if "time_unit" in s:
        t.add("time unit", num(take("time_unit")), "", "")
    if "report_cvs" in s:
        t.add("CVs of the figures", html.escape(", ".join(take("report_cvs") or [])), "", "")
    for n, ts in enumerate(take("timescales") or [], 1):
        t.add(f"implied timescale t<sub>{n}</sub>", num(ts.get("value")), interval(ts), tu)
    for key, what, unit in (("mfpt", "mean first passage time A → B", tu),
                            ("mfpt_reverse", "mean first passage time B → A", tu),
                            ("rate", "rate k<sub>AB</sub>", f"{tu}^-1")):
        if isinstance(s.get(key), dict):
            d = take(key)
            t.add(what, num(d.get("value")), interval(d), d.get("units") or unit)
    if isinstance(s.get("nucleation_rate"), dict):
        d = take("nucleation_rate")
        t.add("nucleation rate J = 1/(t V)", num(d.get("value")), interval(d), d.get("units") or "")
    for n, p in enumerate(take("pathways") or [], 1):
        t.add(f"pathway {n}: states {html.escape(arrow(p.get('states', [])))}", num(p.get("fraction")), "",
              "fraction of flux")
    for n, p in enumerate(take("coarse_pathways") or [], 1):
        sets = p.get("sets", [])
        what = f"coarse pathway {n}: parts {arrow(sets)}"
        if coarse_names and all(isinstance(i, int) and 0 <= i < len(coarse_names) for i in sets):
            what += f" ({arrow(coarse_names[i] for i in sets)})"
        t.add(html.escape(what), num(p.get("fraction")), "", "fraction of flux")
    ts = take("transition_states")
    if isinstance(ts, dict):
        states = ts.get("states")
        t.add("transition states (q⁺ in band)", num(len(states) if isinstance(states, list) else states), "",
              "states")
        for cv, v in (ts.get("frame_averages") or {}).items():
            t.add(f"⟨{html.escape(cv)}⟩ over transition-state frames", num(v), "", "")
        for k, v in ts.items():
            if k not in ("states", "frame_averages"):
                _generic(t, f"transition_states.{k}", v)
    take("name")
    take("report")
    take("cv_units")
    for key in s:
        if key not in done:
            _generic(t, key, s[key])
    return t.render()


def _generic(t, name, v):
    if isinstance(v, dict) and "value" in v:
        t.add(html.escape(name), num(v["value"]), interval(v), v.get("units") or "")
    elif isinstance(v, dict):
        for k, x in v.items():
            _generic(t, f"{name}.{k}", x)
    elif isinstance(v, list) and all(isinstance(x, (int, float)) or x is None for x in v):
        t.add(html.escape(name), ", ".join(num(x) for x in v))
    elif isinstance(v, list):
        for n, x in enumerate(v):
            _generic(t, f"{name}[{n}]", x)
    else:
        t.add(html.escape(name), num(v))


def figure_html(name, caption, note, figdir):
    out = [f"<h2 id='{name}'>{TITLES[name]}</h2>"]
    if caption is None:
        out.append(f"<p class='note'>Figure <code>{name}</code> {html.escape(note)}.</p>")
        return "\n".join(out)
    with open(os.path.join(figdir, name + ".png"), "rb") as f:
        png = base64.b64encode(f.read()).decode("ascii")
    out.append(f"<figure><img alt='{TITLES[name]}' src='data:image/png;base64,{png}'>"
               f"<figcaption>{caption} Vector version: <a href='figures/{name}.svg'>figures/{name}.svg</a>."
               "</figcaption></figure>")
    return "\n".join(out)


def render(summary, results, figdir, dt, coarse_names=None):
    title = "Nucleation report" + (f": {html.escape(str(summary['name']))}" if summary and summary.get("name") else "")
    parts = ["<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>", f"<title>{title}</title>",
             f"<style>{CSS}</style></head><body>", f"<h1>{title}</h1>"]
    parts.append("<p>Made by <code>nucleate report</code> from the files of this directory. Intervals are "
                 "95% intervals over Bayesian MSM samples where they were computed.</p>")
    parts.append("<h2 id='summary'>Summary</h2>")
    if summary:
        parts.append(summary_table(summary, dt, coarse_names))
    else:
        parts.append("<p class='note'>summary.json not found: no table of headline numbers.</p>")
    parts.append("<p>Figures: " + ", ".join(f"<a href='#{n}'>{TITLES[n]}</a>" for n in results) + "</p>")
    for name, (caption, note) in results.items():
        parts.append(figure_html(name, caption, note, figdir))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
