"""Plotly figures drawn from the body geometry: referral overlays and quiz results.

No Streamlit here: each function returns a `plotly.graph_objects.Figure` that a page
shows with `st.plotly_chart` and a test can inspect trace by trace.

Coordinates are those of `BodyGeometry` (200 x 440 per view, y pointing down); the
views sit side by side exactly as on the clickable SVG map, so a zone looks the same in
both pictures.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from textwrap import wrap

import plotly.graph_objects as go
from plotly.colors import hex_to_rgb

from .body_svg import canvas_size, view_offsets
from ..content import Content
from ..geometry import VIEW_NAMES, VIEWS, BodyGeometry, instance_id, marker_position
from ..palette import PALETTE, SERIES
from ..picture import combined_overlay, focus_band, views_used
from ..quiz import RegionResult

MAX_COMPARE = 4
# A focused figure opens on the zones with this much body around them, and at least this much;
# roomier than a small SVG picture, since the reader can zoom in.
FOCUS_PAD = 22
FOCUS_MIN_SPAN = 170
ESSENTIAL_OPACITY = 0.55
SPILLOVER_OPACITY = 0.16
FONT = "system-ui, -apple-system, Segoe UI, sans-serif"


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = hex_to_rgb(hex_colour)
    return f"rgba({r},{g},{b},{alpha})"


def _ring_xy(rings: Iterable[Sequence[tuple[float, float]]], dx: float) -> tuple[list, list]:
    """Several closed rings as one x/y list, separated by None (Plotly fills each)."""
    xs: list = []
    ys: list = []
    for ring in rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [x + dx for x, _ in ring]
        ys += [y for _, y in ring]
    return xs, ys


def _wrap(text: str, width: int = 48) -> str:
    return "<br>".join(escape(line) for line in wrap(text, width)) or escape(text)


def _body(fig: go.Figure, geometry: BodyGeometry, views: Sequence[str]) -> dict[str, float]:
    """Silhouette, drawing lines and faint area outlines for each view; returns x offsets."""
    offsets = view_offsets(geometry, tuple(views))
    for view in views:
        dx = offsets[view]
        xs, ys = _ring_xy(geometry.outlines[view], dx)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=PALETTE["skin"],
            line=dict(color=PALETTE["outline"], width=1.2), hoverinfo="skip", showlegend=False,
            name=f"body ({view})", meta={"role": "silhouette", "view": view},
        ))
        lx: list = []
        ly: list = []
        for line in geometry.details[view]:
            lx += [x + dx for x, _ in line] + [None]
            ly += [y for _, y in line] + [None]
        for shape in geometry.areas.values():
            if shape.view == view:
                for ring in shape.rings:
                    lx += [x + dx for x, _ in ring] + [None]
                    ly += [y for _, y in ring] + [None]
        fig.add_trace(go.Scatter(
            x=lx, y=ly, mode="lines", line=dict(color=PALETTE["detail"], width=0.7),
            hoverinfo="skip", showlegend=False, name=f"details ({view})", meta={"role": "details", "view": view},
        ))
    return offsets


def _layout(fig: go.Figure, geometry: BodyGeometry, views: Sequence[str], offsets: dict[str, float], *,
            height: int, title: str | None, legend: bool, y_range: tuple[float, float] | None = None) -> None:
    """No axes, equal scales, view titles and side labels in a row above the bodies.

    `y_range` (top, bottom) in map units shows only that band of the body; the reader
    can still pan and zoom out to the whole figure.
    """
    width, _ = canvas_size(geometry, tuple(views))
    top, bottom = y_range or _whole_body(geometry)
    annotations = []
    for view in views:
        dx = offsets[view]
        row = dict(yref="paper", y=1.0, yanchor="bottom", showarrow=False)
        annotations.append(dict(x=dx + geometry.width / 2, text=f"<b>{VIEW_NAMES.get(view, view)}</b>",
                                font=dict(size=13, color=PALETTE["text"]), **row))
        left, right = geometry.sides_left_to_right(view)
        for x, side in ((dx + 22, left), (dx + geometry.width - 22, right)):
            annotations.append(dict(x=x, text=side.title(), font=dict(size=11, color=PALETTE["muted"]), **row))
    fig.update_layout(
        height=height,
        margin=dict(l=4, r=4, t=(80 if title else 54), b=4),  # room for the mode bar above the labels
        title=dict(text=escape(title), x=0.01, y=0.995, yanchor="top", font=dict(size=15)) if title else None,
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=dict(family=FONT, color=PALETTE["text"]),
        showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, font=dict(size=12)),
        hovermode="closest",
        hoverlabel=dict(font=dict(family=FONT, size=13), align="left"),
        annotations=annotations,
        dragmode="pan",
    )
    fig.update_xaxes(visible=False, range=[-6, width + 6], constrain="domain")
    fig.update_yaxes(visible=False, range=[bottom, top], scaleanchor="x", scaleratio=1, constrain="domain")


def _whole_body(geometry: BodyGeometry) -> tuple[float, float]:
    """(top, bottom) in map units of a figure showing the whole body, with a hair of margin."""
    return -4.0, geometry.height + 6.0


def referral_figure(content: Content, geometry: BodyGeometry, muscle_ids: Sequence[str], side: str = "right", *,
                    height: int | None = None, title: str | None = None, anonymous: bool = False,
                    views: Sequence[str] | None = None, focus: bool = True) -> go.Figure:
    """One to four muscles' referral zones and trigger points on one figure.

    Each muscle has its own colour from SERIES. Essential zones are filled; spillover
    zones are hatched with a dashed outline, so the two read apart without colour.
    Hovering an area names the area and every shown muscle that refers there.
    `anonymous=True` hides the muscle names (for a quiz picture). `focus=True` opens the
    figure on the band of the body the zones use (pan or zoom out for the rest); without
    a given `height`, the height follows that band. By default the figure shows the front
    and the back, and a side view where a zone lies on it (the temple, the outer hip).
    """
    muscles = [content.muscles[m] for m in muscle_ids][:MAX_COMPARE]
    if views is None:
        used = views_used(geometry, combined_overlay(geometry, muscles, side))
        views = tuple(v for v in geometry.views if v in VIEWS or v in used)
    fig = go.Figure()
    offsets = _body(fig, geometry, views)

    # Which shown muscles cover each area instance, for the hover text.
    cover: dict[str, list[tuple[str, str]]] = {}
    names = {m.id: ("this muscle" if anonymous else m.name) for m in muscles}
    for m in muscles:
        for kind, zone in (("essential", m.referral.essential), ("spillover", m.referral.spillover)):
            for area in zone:
                cover.setdefault(instance_id(area, side), []).append((names[m.id], kind))

    def hover(iid: str) -> str:
        lines = [f"<b>{escape(geometry.areas[iid].label)}</b>"]
        lines += [f"{escape(name)}: {kind} zone" for name, kind in cover[iid]]
        return "<br>".join(lines)

    for i, m in enumerate(muscles):
        colour = SERIES[i % len(SERIES)]
        label = names[m.id]
        group = f"muscle-{m.id}"
        legend_name = "Referral zone" if anonymous else escape(m.name)
        # Legend entries: one per muscle and kind, drawn as a swatch.
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="lines", fill="toself", fillcolor=_rgba(colour, ESSENTIAL_OPACITY),
            line=dict(color=colour, width=2), name=f"{legend_name}: essential", legendgroup=group,
            showlegend=True, hoverinfo="skip", meta={"role": "legend", "muscle": m.id, "kind": "essential"},
        ))
        if m.referral.spillover:
            fig.add_trace(go.Scatter(
                x=[None], y=[None], mode="lines", fill="toself", fillcolor=_rgba(colour, SPILLOVER_OPACITY),
                fillpattern=dict(shape="/", fgcolor=colour, size=6, solidity=0.35),
                line=dict(color=colour, width=2, dash="dash"), name=f"{legend_name}: spillover",
                legendgroup=group, showlegend=True, hoverinfo="skip",
                meta={"role": "legend", "muscle": m.id, "kind": "spillover"},
            ))
        for kind, zone in (("spillover", m.referral.spillover), ("essential", m.referral.essential)):
            for area in zone:
                iid = instance_id(area, side)
                shape = geometry.areas.get(iid)
                if shape is None or shape.view not in offsets:
                    continue
                xs, ys = _ring_xy(shape.rings, offsets[shape.view])
                style: dict = dict(fillcolor=_rgba(colour, ESSENTIAL_OPACITY), line=dict(color=colour, width=1.3))
                if kind == "spillover":
                    style = dict(
                        fillcolor=_rgba(colour, SPILLOVER_OPACITY),
                        fillpattern=dict(shape="/", fgcolor=colour, size=6, solidity=0.35),
                        line=dict(color=colour, width=1.6, dash="dash"),
                    )
                fig.add_trace(go.Scatter(
                    x=xs, y=ys, mode="lines", fill="toself", hoveron="fills", text=hover(iid), hoverinfo="text",
                    name=f"{shape.label}: {label} ({kind})", legendgroup=group, showlegend=False,
                    hoverlabel=dict(bgcolor="white", bordercolor=colour),
                    meta={"role": "zone", "muscle": m.id, "kind": kind, "area": iid}, **style,
                ))
    for i, m in enumerate(muscles):
        colour = SERIES[i % len(SERIES)]
        xs, ys, texts = [], [], []
        for n, tp in enumerate(m.trigger_points, start=1):
            view, x, y = marker_position(geometry, tp.area, side, tp.dx, tp.dy)
            if view not in offsets:
                continue
            xs.append(x + offsets[view])
            ys.append(y)
            who = "Trigger point" if anonymous else f"{escape(m.name)}: trigger point"
            texts.append(f"<b>{who} {n}</b><br>{_wrap(tp.description)}")
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", hovertext=texts, hoverinfo="text",
            marker=dict(symbol="x", size=13, color=colour, line=dict(color=PALETTE["trigger"], width=1.5)),
            name="Trigger points" if anonymous else f"{escape(m.name)}: trigger points", legendgroup=f"muscle-{m.id}",
            showlegend=True, hoverlabel=dict(bgcolor="white", bordercolor=colour),
            meta={"role": "trigger_points", "muscle": m.id},
        ))
    band = None
    if focus:
        band = focus_band(geometry, combined_overlay(geometry, muscles, side), views, pad=FOCUS_PAD,
                          min_span=FOCUS_MIN_SPAN, limits=_whole_body(geometry))
    if height is None:
        span = (band[1] - band[0]) if band else geometry.height
        width, _ = canvas_size(geometry, tuple(views))
        # About 760 px of plot width on a desktop; the legend needs a line per muscle and kind.
        height = int(min(720, max(380, 760 * span / width + 60 + 24 * len(muscles))))
    _layout(fig, geometry, views, offsets, height=height, title=title, legend=True, y_range=band)
    return fig


def quiz_results_figure(results: Sequence[RegionResult], *, height: int | None = None) -> go.Figure:
    """Correct and missed answers per region, as stacked horizontal bars."""
    names = [escape(r.name) for r in results]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=names, x=[r.correct for r in results], orientation="h", name="Correct", marker_color=SERIES[0], width=0.6,
        text=[str(r.correct) if r.correct else "" for r in results], textposition="inside",
        hovertemplate="%{y}: %{x} correct<extra></extra>", meta={"role": "correct"},
    ))
    fig.add_trace(go.Bar(
        y=names, x=[r.missed for r in results], orientation="h", name="Missed", marker_color=SERIES[4], width=0.6,
        marker_pattern=dict(shape="/", fgcolor="#7a5200", bgcolor=SERIES[4], solidity=0.25),
        text=[str(r.missed) if r.missed else "" for r in results], textposition="inside",
        hovertemplate="%{y}: %{x} missed<extra></extra>", meta={"role": "missed"},
    ))
    most = max((r.answered for r in results), default=1) or 1
    fig.update_layout(
        barmode="stack", height=height or 46 * len(results) + 120, margin=dict(l=8, r=8, t=40, b=8),
        title=dict(text="Your answers by region (this session)", x=0.01, font=dict(size=15)),
        font=dict(family=FONT, color=PALETTE["text"]), plot_bgcolor="white", paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=1, xanchor="right", traceorder="normal"),
    )
    fig.update_xaxes(title="Questions", dtick=1 if most <= 12 else None, gridcolor="#eeeeee", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return fig
