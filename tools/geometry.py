"""Does a figure read well? A check by geometry (the renderer's boxes), not by pixels.

:func:`problems` draws a figure and lists, as readable strings,

- **overlapping texts**: two visible texts (tick labels, axis labels, titles, legend texts,
  annotations, bar labels, the moving labels of a live figure), or a text and a legend that is
  not its own, whose boxes overlap by more than :data:`TOLERANCE` px in every direction (a box
  as high as the text's ink, not its line; rotated texts as rotated rectangles);
- **clipped texts**: a text that sticks out of the figure by more than :data:`TOLERANCE` px;
- **legends over data**: a legend that hides part of a data curve (a line in data coordinates,
  as wide as it is drawn), a bar, the outline of a histogram or a band, or scatter points in an
  axes it overlaps (lines and spans across the axes are references, not data);
- **squeezed axes**: an axes less than half as wide or as high as its share of the figure (its
  cells of the grid), e.g. eaten by a legend placed outside.

In a notebook's kernel, :func:`install` checks every figure the notebook displays and every live
explorer as it is shown; :func:`check_live` checks an explorer at its current setting (the probe
calls it at every setting it moves to), and :func:`report` prints what was found as one line.
``tools/probe.py`` (normal mode) and ``tests/test_lecture_mode.py`` (lecture mode) run the
notebooks that way: :func:`with_hook` adds the cells, :func:`collect` reads the result.

>>> from matplotlib.figure import Figure
>>> fig = Figure(figsize=(3, 2), layout="constrained")
>>> ax = fig.subplots()
>>> _ = ax.set(title="a title", xlabel="x")
>>> problems(fig, where="clean")
[]
>>> _ = ax.text(0.5, 0.5, "one", transform=ax.transAxes)
>>> _ = ax.text(0.5, 0.5, "two", transform=ax.transAxes)
>>> problems(fig, where="demo")
["demo: overlapping texts: text 'one' and text 'two' (axes 'a title') overlap 25×8 px"]
"""

from __future__ import annotations

import functools
import json
import math
import re
import warnings
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure, SubFigure
from matplotlib.gridspec import GridSpecFromSubplotSpec
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

#: Overlap (px, in every direction) or overhang that counts: anti-aliasing is allowed for.
TOLERANCE = 1.0

#: An axes narrower or lower than this share of its grid cells is squeezed.
MIN_SHARE = 0.5

#: The four kinds of problem, as each report line names them.
KINDS = ("overlapping texts", "clipped text", "legend over data", "squeezed axes")

ROOT = Path(__file__).resolve().parents[1]


# --- boxes --------------------------------------------------------------------------------------


def _corners(text: Text, renderer) -> np.ndarray:
    """The text's box as a 4 x 2 polygon in display pixels, turned with the text; the height of
    its ink (a digit has no descender: the space matplotlib keeps below the line for one is not
    counted), or the box drawn around it."""
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    if patch is not None and patch.get_visible():
        text.update_bbox_position_size(renderer)
        return _box_corners(Bbox.union([box, patch.get_window_extent(renderer)]))
    angle = text.get_rotation() % 360.0
    quarter = round(angle / 90.0)
    if abs(angle - 90.0 * quarter) < 0.01:  # upright or a quarter turn: the box is exact
        w, h = (box.width, box.height) if quarter % 2 == 0 else (box.height, box.width)
    else:  # the size of the same text unrotated (a copy never added to the figure)
        upright = Text(
            0, 0, text.get_text(), fontproperties=text.get_fontproperties(),
            linespacing=text.get_linespacing(), usetex=text.get_usetex(),
            parse_math=text.get_parse_math(),
        )  # fmt: skip
        upright.set_figure(text.get_figure(root=True))
        size = upright.get_window_extent(renderer)
        w, h = size.width, size.height
    bottom, top = _ink_trims(text, renderer, h)
    upright_box = np.array(
        [[-w / 2, bottom - h / 2], [w / 2, bottom - h / 2], [w / 2, h / 2 - top]]
    )
    upright_box = np.vstack([upright_box, [-w / 2, h / 2 - top]])
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    turned = upright_box @ np.array([[c, s], [-s, c]])  # around the centre of the box
    return turned + np.array([box.x0 + box.x1, box.y0 + box.y1]) / 2.0


def _ink_trims(text: Text, renderer, height: float) -> tuple[float, float]:
    """How far (px) a one-line text's ink stays inside its line box, below and above: matplotlib
    makes every line as high as "lp" (an ascender and a descender)."""
    if "\n" in text.get_text() or text.get_usetex():
        return 0.0, 0.0
    try:
        line, ismath = text._preprocess_math(text.get_text())
        prop = text.get_fontproperties()
        _, h, d = renderer.get_text_width_height_descent(line, prop, ismath=ismath)
        _, lp_h, lp_d = renderer.get_text_width_height_descent("lp", prop, ismath=False)
    except (AttributeError, TypeError, ValueError):  # private API gone: the whole box
        return 0.0, 0.0
    box_h, box_d = max(h, lp_h), max(d, lp_d)
    bottom, top = box_d - d, (box_h - box_d) - (h - d)
    if not (0 <= bottom and 0 <= top and bottom + top < height and abs(box_h - height) < 1):
        return 0.0, 0.0  # not the layout assumed here: the whole box
    return bottom, top


def _box_corners(bbox) -> np.ndarray:
    return np.array(
        [[bbox.x0, bbox.y0], [bbox.x1, bbox.y0], [bbox.x1, bbox.y1], [bbox.x0, bbox.y1]]
    )


def _depth(a: np.ndarray, b: np.ndarray) -> float:
    """How deep two convex polygons overlap: the least overlap of their projections on the
    normals of their edges (separating axes); 0 or less when they do not overlap.

    >>> square = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], dtype=float)
    >>> float(_depth(square, square + [7, 4])), float(_depth(square, square + [12, 0])) < 0
    (3.0, True)
    """
    depth = np.inf
    for poly in (a, b):
        edges = np.roll(poly, -1, axis=0) - poly
        normals = np.column_stack([-edges[:, 1], edges[:, 0]])
        lengths = np.hypot(normals[:, 0], normals[:, 1])
        for n in normals[lengths > 0] / lengths[lengths > 0, None]:
            pa, pb = a @ n, b @ n
            depth = min(depth, min(pa.max(), pb.max()) - max(pa.min(), pb.min()))
            if depth <= 0:
                return float(depth)
    return float(depth)


def _clip(subject: np.ndarray, clip: np.ndarray) -> np.ndarray:
    """The intersection of two convex polygons (Sutherland-Hodgman); counter-clockwise clip."""
    if _signed_area(clip) < 0:
        clip = clip[::-1]
    out = list(subject)
    for p, q in zip(clip, np.roll(clip, -1, axis=0), strict=True):
        if not out:
            break
        inside = [(q[0] - p[0]) * (v[1] - p[1]) - (q[1] - p[1]) * (v[0] - p[0]) >= 0 for v in out]
        kept = []
        for i, v in enumerate(out):
            u, u_in = out[i - 1], inside[i - 1]
            if inside[i] != u_in:
                d = v - u
                denom = (q[0] - p[0]) * d[1] - (q[1] - p[1]) * d[0]
                t = ((q[0] - p[0]) * (p[1] - u[1]) - (q[1] - p[1]) * (p[0] - u[0])) / denom
                kept.append(u + t * d)
            if inside[i]:
                kept.append(v)
        out = kept
    return np.array(out).reshape(-1, 2)


def _signed_area(poly: np.ndarray) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float] | None:
    """Width and height of the overlap of two boxes, or None when it is within the tolerance."""
    if _depth(a, b) <= TOLERANCE:
        return None
    common = _clip(a, b)
    if len(common) < 3:
        return None
    size = common.max(axis=0) - common.min(axis=0)
    return float(size[0]), float(size[1])


# --- what a text is ----------------------------------------------------------------------------


def _short(text: str, n: int = 40) -> str:
    text = " / ".join(part.strip() for part in text.strip().splitlines())
    return text if len(text) <= n else text[: n - 1] + "…"


def _axes_name(ax: Axes | None, fig: Figure) -> str:
    if ax is None:
        return ""
    title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
    if title:
        return f" (axes '{_short(title, 30)}')"
    axes = _all_axes(fig)
    return f" (axes {axes.index(ax) + 1} of {len(axes)})" if ax in axes else ""


def _roles(fig: Figure) -> dict[int, str]:
    """What each text of the figure is, by id: 'x tick', 'title', 'legend text', ..."""
    roles: dict[int, str] = {}
    for figure in _all_figures(fig):
        for name in ("_suptitle", "_supxlabel", "_supylabel"):
            if getattr(figure, name, None) is not None:
                roles[id(getattr(figure, name))] = name.lstrip("_")
    for ax in _all_axes(fig):
        for t in (ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)):
            if t is not None:
                roles[id(t)] = "title"
        for letter, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            roles[id(axis.label)] = f"{letter} label"
            roles[id(axis.offsetText)] = f"{letter} offset"
            for tick in [*axis.majorTicks, *axis.minorTicks]:
                roles[id(tick.label1)] = roles[id(tick.label2)] = f"{letter} tick"
    for legend in _legends(fig):
        for t in legend.texts:
            roles[id(t)] = "legend text"
        roles[id(legend.get_title())] = "legend title"
    return roles


def _describe(text: Text, roles: dict[int, str], fig: Figure, *, axes: bool = True) -> str:
    role = roles.get(id(text), "annotation" if isinstance(text, Annotation) else "text")
    name = _axes_name(_axes_of(text, roles), fig) if axes else ""
    return f"{role} '{_short(text.get_text())}'{name}"


def _axes_of(text: Text, roles: dict[int, str]) -> Axes | None:
    return None if roles.get(id(text), "").startswith("sup") else text.axes


# --- what a figure holds ------------------------------------------------------------------------


def _all_figures(fig: Figure) -> list[Figure | SubFigure]:
    out, todo = [], [fig]
    while todo:
        figure = todo.pop(0)
        out.append(figure)
        todo.extend(getattr(figure, "subfigs", []))
    return out


def _all_axes(fig: Figure) -> list[Axes]:
    return [ax for figure in _all_figures(fig) for ax in figure.axes]


def _legends(fig: Figure) -> list[Legend]:
    found = fig.findobj(lambda a: isinstance(a, Legend) and a.get_visible())
    return list(dict.fromkeys(found))  # once each, in order


def _shown(artist) -> bool:
    """Visible, and so are the axes and (sub)figures it belongs to."""
    seen: set[int] = set()
    while artist is not None and id(artist) not in seen:
        seen.add(id(artist))
        if not artist.get_visible():
            return False
        ax = getattr(artist, "axes", None)
        ax = ax if isinstance(ax, Axes) and ax is not artist else None
        artist = ax if ax is not None else artist.get_figure(root=False)
    return True


@contextmanager
def _recording_texts() -> Iterator[list[Text]]:
    """Every :class:`Text` drawn while inside: exactly what the picture shows."""
    drawn: list[Text] = []
    original = Text.draw

    @functools.wraps(original)
    def draw(self, renderer):
        drawn.append(self)
        return original(self, renderer)

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


#: A live figure's still part, by figure: (key, renderer, boxes of its still texts). Its layout
#: and limits are frozen, so the still texts need measuring once per background it caches.
_STILL: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _draw(fig: Figure, live: Any = None) -> tuple[Any, list[tuple[Text, np.ndarray]]]:
    """Draw ``fig`` in full; return the renderer and the texts drawn or animated (not drawn by a
    full draw, but shown over it by blitting), each with its box (:func:`_corners`). ``live``: the
    :class:`helpers.live.LiveFigure` that shows ``fig``: drawn its own way (in the style it was
    built in), once per background it caches (only the animated artists move in between)."""
    cached = _STILL.get(fig)
    if live is not None and cached is not None and cached[0] is live._background:
        renderer, boxes = cached[1], list(cached[2])
    else:
        if not hasattr(fig.canvas, "get_renderer"):  # a Figure() never shown: give it a canvas
            FigureCanvasAgg(fig)
        with _recording_texts() as drawn, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the check prints nothing: the notebook's output
            if live is not None:
                live.redraw_background()
            else:
                fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = [(t, _corners(t, renderer)) for t in _kept(drawn, renderer)]
        if live is not None:
            _STILL[fig] = (live._background, renderer, list(boxes))
    moving = [t for a in fig.findobj(lambda a: a.get_animated()) for t in a.findobj(Text)]
    boxes += [(t, _corners(t, renderer)) for t in _kept(moving, renderer)]
    return renderer, boxes


def _kept(texts: list[Text], renderer) -> list[Text]:
    """The texts that show: visible, not empty, on screen, each once."""
    return [
        t
        for t in dict.fromkeys(texts)
        if t.get_visible()
        and t.get_text().strip()
        and _shown(t)
        and _on_screen(t, renderer)
        and (not isinstance(t, Annotation) or _annotated(t, renderer))
    ]


def _annotated(note: Annotation, renderer) -> bool:
    """False for an annotation whose point is out of view: matplotlib does not draw it."""
    try:
        return bool(note._check_xy(renderer))
    except (AttributeError, TypeError):  # private API gone: assume it is drawn
        return True


def _on_screen(text: Text, renderer) -> bool:
    """False for a text clipped away by its axes (``clip_on``) or placed at NaN."""
    box = text.get_window_extent(renderer)
    if not np.all(np.isfinite(box.get_points())):
        return False
    clip = text.get_clip_box() if text.get_clip_on() else None
    return clip is None or box.overlaps(clip)


# --- the four checks ----------------------------------------------------------------------------


def _text_problems(fig: Figure, renderer, boxes: list, where: str) -> list[str]:
    roles = _roles(fig)
    found = []
    figure_box = fig.bbox
    for t, box in boxes:
        out = {
            "left": figure_box.x0 - box[:, 0].min(),
            "right": box[:, 0].max() - figure_box.x1,
            "bottom": figure_box.y0 - box[:, 1].min(),
            "top": box[:, 1].max() - figure_box.y1,
        }
        sides = [f"{px:.0f} px on the {side}" for side, px in out.items() if px > TOLERANCE]
        if sides:
            found.append(
                f"{where}: clipped text: {_describe(t, roles, fig)} sticks out of the figure by "
                + " and ".join(sides)
            )
    legend_of = {id(t): k for k, leg in enumerate(_legends(fig)) for t in leg.texts}
    legend_of |= {id(leg.get_title()): k for k, leg in enumerate(_legends(fig))}
    lows = np.array([b.min(axis=0) for _, b in boxes]).reshape(-1, 2)
    highs = np.array([b.max(axis=0) for _, b in boxes]).reshape(-1, 2)
    for i in range(len(boxes)):
        near = np.flatnonzero(
            np.all(lows[i + 1 :] < highs[i] - TOLERANCE, axis=1)
            & np.all(highs[i + 1 :] > lows[i] + TOLERANCE, axis=1)
        )
        for j in near + i + 1:
            (s, _), (t, _) = boxes[i], boxes[j]
            if legend_of.get(id(s)) != legend_of.get(id(t)):
                continue  # a legend's text against any other: the legend's frame is checked
            size = _overlap(boxes[i][1], boxes[j][1])
            if size is not None:
                same = _axes_of(s, roles) is _axes_of(t, roles)
                a = _describe(s, roles, fig, axes=not same)
                b = _describe(t, roles, fig, axes=not same)
                common = _axes_name(_axes_of(s, roles), fig) if same else ""
                found.append(
                    f"{where}: overlapping texts: {a} and {b}{common} overlap "
                    f"{size[0]:.0f}×{size[1]:.0f} px"
                )
    for legend in _legends(fig):
        frame = _box_corners(_legend_box(legend, renderer))
        own = {id(t) for t in legend.texts} | {id(legend.get_title())}
        for t, box in boxes:
            if id(t) in own:
                continue
            size = _overlap(frame, box)
            if size is not None:
                found.append(
                    f"{where}: overlapping texts: {_describe(t, roles, fig)} under the legend "
                    f"{_legend_name(legend)} by {size[0]:.0f}×{size[1]:.0f} px"
                )
    return found


def _legend_box(legend: Legend, renderer):
    frame = legend.get_frame()
    if legend.get_frame_on() and frame.get_visible():
        return frame.get_window_extent(renderer)
    return legend.get_window_extent(renderer)


def _legend_name(legend: Legend) -> str:
    names = [_short(t.get_text(), 20) for t in legend.texts[:3]]
    more = ", …" if len(legend.texts) > 3 else ""
    return "(" + ", ".join(f"'{n}'" for n in names) + more + ")"


def _hidden_length(points: np.ndarray, box, joined: bool, width: float = 0.0) -> float:
    """Length (px) of the polyline ``points`` (or, not joined, 1 px per point) inside ``box``;
    ``width``: the line's (px), whose edge may reach under the box while its middle does not."""

    def inside(p: np.ndarray) -> np.ndarray:
        grow = width / 2 - TOLERANCE
        x0, y0, x1, y1 = box.x0 - grow, box.y0 - grow, box.x1 + grow, box.y1 + grow
        return (p[:, 0] > x0) & (p[:, 0] < x1) & (p[:, 1] > y0) & (p[:, 1] < y1)

    finite = np.all(np.isfinite(points), axis=1)
    if not joined or len(points) < 2:
        return float(np.count_nonzero(inside(points[finite])))
    a, b = points[:-1], points[1:]
    ok = finite[:-1] & finite[1:]  # a NaN breaks the line
    a, b = a[ok], b[ok]
    steps = np.maximum(1, np.ceil(np.hypot(*(b - a).T) / 0.5).astype(int))  # 0.5 px samples
    steps = np.minimum(steps, 4000)
    seg = np.repeat(np.arange(len(a)), steps)
    frac = (np.arange(steps.sum()) - np.repeat(np.cumsum(steps) - steps, steps) + 0.5) / np.repeat(
        steps, steps
    )
    mid = a[seg] + (b[seg] - a[seg]) * frac[:, None]
    piece = np.hypot(*(b - a).T)[seg] / np.repeat(steps, steps)
    return float(piece[inside(mid)].sum())


def _legend_problems(fig: Figure, renderer, where: str) -> list[str]:
    """One line per legend and axes it hides data of: what it hides, curve by curve."""
    found = []
    for legend in _legends(fig):
        if not _shown(legend):
            continue
        box = _legend_box(legend, renderer)
        for ax in _all_axes(fig):
            if ax.get_visible() and box.overlaps(ax.bbox):
                hidden = _hidden_data(ax, box, renderer)
                if hidden:
                    found.append(
                        f"{where}: legend over data: the legend {_legend_name(legend)} hides "
                        + ", ".join(hidden)
                        + _axes_name(ax, fig)
                    )
    return found


def _hidden_data(ax: Axes, box, renderer) -> list[str]:
    """What of the data of ``ax`` lies under ``box``: curves (px of length), points, bars."""
    hidden = []
    for line in ax.lines:
        if not line.get_visible() or line.get_transform() != ax.transData:
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        xy = _clip_to(xy, line.get_clip_box() if line.get_clip_on() else None)
        joined = line.get_linestyle() not in ("None", "none", " ", "")
        marked = line.get_marker() not in (None, "None", "none", " ", "")
        px = ax.get_figure(root=True).dpi / 72
        length = _hidden_length(xy, box, True, line.get_linewidth() * px) if joined else 0.0
        dots = _hidden_length(xy, box, False, line.get_markersize() * px) if marked else 0.0
        if length > TOLERANCE:
            hidden.append(f"{length:.0f} px of '{_line_name(line)}'")
        elif dots:
            hidden.append(f"{dots:.0f} points of '{_line_name(line)}'")
    bars, outline = 0, 0.0
    for patch in ax.patches:
        if not patch.get_visible() or patch.get_data_transform() != ax.transData:
            continue  # a span across the axes, a background: not data
        if isinstance(patch, Rectangle):
            bar = Bbox.intersection(patch.get_window_extent(renderer), ax.bbox)
            bars += bar is not None and _overlap(_box_corners(box), _box_corners(bar)) is not None
        else:  # a histogram's steps, a filled band: their outline
            outline += _hidden_outline(patch.get_path(), patch.get_transform(), ax, box)
    for shape in ax.collections:
        if isinstance(shape, PolyCollection) and shape.get_visible():
            if shape.get_transform() == ax.transData:  # fill_between's band: its outline
                outline += sum(_hidden_outline(p, ax.transData, ax, box) for p in shape.get_paths())
    if bars:
        hidden.append(f"{bars} bar{'s' if bars > 1 else ''}")
    if outline > TOLERANCE:
        hidden.append(f"{outline:.0f} px of the outline of a histogram or band")
    for points in ax.collections:
        if not isinstance(points, PathCollection) or not points.get_visible():
            continue
        if points.get_offset_transform() != ax.transData:
            continue
        xy = ax.transData.transform(np.asarray(points.get_offsets(), dtype=float))
        n = _hidden_length(_clip_to(xy, ax.bbox), box, joined=False)
        if n:
            hidden.append(f"{n:.0f} scatter points")
    return hidden


def _hidden_outline(path, transform, ax: Axes, box) -> float:
    """Length (px) of a patch's outline under ``box``, inside the axes."""
    return sum(
        _hidden_length(_clip_to(np.asarray(poly), ax.bbox), box, True, 1.0)
        for poly in path.to_polygons(transform, closed_only=False)
    )


def _clip_to(xy: np.ndarray, clip) -> np.ndarray:
    """Points outside ``clip`` (a box, or None) become NaN: they are not drawn."""
    if clip is None:
        return xy
    out = (
        (xy[:, 0] < clip.x0 - TOLERANCE)
        | (xy[:, 0] > clip.x1 + TOLERANCE)
        | (xy[:, 1] < clip.y0 - TOLERANCE)
        | (xy[:, 1] > clip.y1 + TOLERANCE)
    )
    xy = xy.copy()
    xy[out] = np.nan
    return xy


def _line_name(line: Line2D) -> str:
    label = line.get_label()
    return _short(label) if label and not label.startswith("_") else f"a line ({line.get_color()})"


def _share(spec, width: float, height: float) -> tuple[float, float]:
    """The width and height of the grid cells ``spec`` spans, in a parent of that size."""
    grid = spec.get_gridspec()
    if isinstance(grid, GridSpecFromSubplotSpec):
        width, height = _share(grid._subplot_spec, width, height)
    nrows, ncols = grid.get_geometry()
    wr = np.asarray(grid.get_width_ratios() or [1] * ncols, dtype=float)
    hr = np.asarray(grid.get_height_ratios() or [1] * nrows, dtype=float)
    cols, rows = spec.colspan, spec.rowspan
    return (
        width * wr[cols.start : cols.stop].sum() / wr.sum(),
        height * hr[rows.start : rows.stop].sum() / hr.sum(),
    )


def _squeeze_problems(fig: Figure, where: str) -> list[str]:
    found = []
    for ax in _all_axes(fig):
        spec = ax.get_subplotspec()
        if spec is None or not ax.get_visible():
            continue
        parent = ax.get_figure(root=False)
        shown = ax.get_position(original=True).transformed(parent.transSubfigure)
        share_w, share_h = _share(spec, parent.bbox.width, parent.bbox.height)
        if shown.width < MIN_SHARE * share_w or shown.height < MIN_SHARE * share_h:
            found.append(
                f"{where}: squeezed axes: axes{_axes_name(ax, fig) or ''} is "
                f"{shown.width:.0f}×{shown.height:.0f} px, its share of the figure "
                f"{share_w:.0f}×{share_h:.0f} px"
            )
    return found


def problems(fig: Figure, *, where: str = "") -> list[str]:
    """Draw ``fig`` and list what does not read well: overlapping and clipped texts, legends
    over data, squeezed axes (see the module's docstring). ``where`` names the figure in each
    line. A live figure (blitted) is checked with its moving artists where they are now."""
    return _problems(fig, where=where)


def _problems(fig: Figure, *, where: str = "", live: Any = None) -> list[str]:
    where = where or "figure"
    renderer, boxes = _draw(fig, live)
    return (
        _text_problems(fig, renderer, boxes, where)
        + _legend_problems(fig, renderer, where)
        + _squeeze_problems(fig, where)
    )


def _found(fig: Figure, live: Any = None) -> list[str]:
    """:func:`problems` without the figure's name: ``"kind: what"``."""
    return [p.removeprefix("<>: ") for p in _problems(fig, where="<>", live=live)]


# --- in a notebook's kernel ---------------------------------------------------------------------

_STATE: dict[str, Any] = {
    "notebook": "", "cell": 0, "figures": 0, "live": 0, "found": {}, "start": {}
}  # fmt: skip

#: Figures already checked in this kernel (not checked again as figures kept in a variable).
_CHECKED: weakref.WeakSet = weakref.WeakSet()


def _figure_name(fig: Figure) -> str:
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if not title:
        title = " | ".join(t for t in (ax.get_title() for ax in _all_axes(fig)) if t)
    return f"'{_short(title, 50)}'" if title else f"({len(_all_axes(fig))} axes)"


def _record(subject: str, setting: str, found: list[str]) -> None:
    """Remember each problem once per subject, with the settings (of a live explorer) where it
    shows; the same problem by other amounts (px) at other settings counts as the same."""
    for problem in found:
        key = (subject, re.sub(r"\d+(×\d+)? (px|points)", "# px", problem))
        first, settings = _STATE["found"].setdefault(key, (problem, []))
        if setting not in settings:
            settings.append(setting)


def _lines() -> list[str]:
    """The problems found so far, one line each: subject, settings (a few), kind and what (the
    amounts at the first setting)."""
    lines = []
    for (subject, _), (problem, settings) in _STATE["found"].items():
        shown = [s for s in settings if s]
        at = "; ".join(shown[:3]) + (f"; … ({len(shown)} settings)" if len(shown) > 3 else "")
        lines.append(f"{subject}{' ' + at if at else ''}: {problem}")
    return lines


def _cell() -> str:
    return f"{_STATE['notebook']} code cell {_STATE['cell']}"


def check_figure(fig: Figure, how: str = "") -> None:
    """Check a figure the notebook displays; remember the problems (see :func:`report`)."""
    _STATE["figures"] += 1
    _CHECKED.add(fig)
    subject = f"{_cell()}, figure {_figure_name(fig)}{how}"
    try:
        _record(subject, "", _found(fig))
    except Exception as error:  # a broken check must show, not break the notebook
        _record(subject, "", [f"the geometry check failed: {error!r}"])


def check_live(widget, setting: str = "") -> None:
    """Check a live explorer (:class:`helpers.live.LiveWidget`) at its current setting; name the
    setting by the controls' values unless ``setting`` is given."""
    _STATE["live"] += 1
    _CHECKED.add(widget.figure)
    start = _STATE["start"].setdefault(widget._name, dict(widget.values))
    changed = {k: v for k, v in widget.values.items() if start.get(k) != v}
    setting = setting or "at " + (
        ", ".join(f"{k}={v!r}" for k, v in changed.items()) or "its start"
    )
    subject = f"{_STATE['notebook']} live '{widget._name}'"
    try:
        _record(subject, setting, _found(widget.figure, widget.live))
    except Exception as error:
        _record(subject, setting, [f"the geometry check failed: {error!r}"])


def _check_kept(shell) -> None:
    """Figures not shown by pyplot nor by a live explorer, kept in a variable of the notebook
    and shown another way (01's hand-made blit, as a PNG): checked once, after their cell."""
    import sys

    live = sys.modules.get("helpers.live")
    owned = {id(w.figure) for w in live.live_widgets().values()} if live is not None else set()
    for name, value in list(shell.user_ns.items()):
        if not isinstance(value, Figure) or value in _CHECKED or id(value) in owned:
            continue
        if value.canvas.manager is not None:
            continue  # pyplot's: the inline backend shows it, right after this
        check_figure(value, f" (kept in '{name}')")


def _wrap_formatters(shell) -> None:
    """Check every figure that goes through IPython's PNG formatter (the inline backend's
    figures at the end of a cell, ``display(fig)``, a figure as a cell's value) and every live
    explorer shown. Wrapped again whenever pyplot's inline set-up has replaced the formatter."""
    png = shell.display_formatter.formatters["image/png"]
    printer = png.type_printers.get(Figure)
    if printer is not None and not getattr(printer, "_geometry", False):

        def checked(fig, *args, **kwargs):
            data = printer(fig, *args, **kwargs)
            check_figure(fig)
            return data

        checked._geometry = True
        png.for_type(Figure, checked)
    import sys

    live = sys.modules.get("helpers.live")
    if live is not None and not getattr(live.LiveWidget._repr_mimebundle_, "_geometry", False):
        shown = live.LiveWidget._repr_mimebundle_

        def bundle(self, **kwargs):
            data = shown(self, **kwargs)
            if data is not None:
                check_live(self, f"as shown in code cell {_STATE['cell']}")
            return data

        bundle._geometry = True
        live.LiveWidget._repr_mimebundle_ = bundle


def install(notebook: str) -> None:
    """Check every figure this kernel displays from now on (run first in a notebook's kernel)."""
    from IPython import get_ipython

    shell = get_ipython()
    _STATE.update(notebook=notebook, cell=0, figures=0, live=0, found={}, start={})

    def before(info=None) -> None:
        _STATE["cell"] += 1
        _wrap_formatters(shell)

    def after() -> None:
        _check_kept(shell)
        _wrap_formatters(shell)

    shell.events.register("pre_run_cell", before)
    # registered before the inline backend's flush_figures, so it runs first after a cell
    shell.events.register("post_execute", after)
    _wrap_formatters(shell)


def trial_values(widget) -> list:
    """The values a probe sets a control to: every menu option; a slider's two ends (where its
    curves reach furthest and its readout is longest; a range slider: both ends together, then
    its widest range)."""
    kind = type(widget).__name__
    if kind == "Dropdown":
        pairs = isinstance(widget.options[0], tuple)
        return [value for _, value in widget.options] if pairs else list(widget.options)
    if kind == "FloatRangeSlider":
        return [(widget.max, widget.max), (widget.min, widget.max)]
    if kind == "FloatLogSlider":
        return [widget.base**widget.min, widget.base**widget.max]
    return [widget.min, widget.max]


def signature(widget) -> tuple:
    """What makes two live explorers draw the same pictures at the same settings: the code of
    their ``update``, their class, their controls with their options and ranges, the figure's
    size and the type size they were built with. (12's lecture shows the same playground three
    times, with different activations chosen; two explorers written in different cells differ.)"""
    controls = tuple(
        (
            key,
            repr(getattr(control, "options", ())),
            repr(getattr(control, "min", None)),
            repr(getattr(control, "max", None)),
        )
        for key, control in widget.controls.items()
    )
    style = getattr(widget.live, "_style", {})
    size = tuple(round(float(v), 3) for v in widget.figure.get_size_inches())
    code = getattr(widget._update, "__code__", None)
    return (code, type(widget).__name__, controls, size, repr(style.get("font.size")))


_WALKED: set[tuple] = set()


def first_walk(widget) -> bool:
    """True the first time an explorer of this :func:`signature` is walked in this kernel."""
    key = signature(widget)
    if key in _WALKED:
        return False
    _WALKED.add(key)
    return True


def walk(widget, visit: Callable[[str, Any, bool, bool], None] | None = None) -> None:
    """Check a live explorer at every setting a probe moves it to (each control across its
    range, the others at the start, or as :meth:`shown_with` needs them), then set it back.

    ``visit(key, value, first, last)`` runs at each control's start (``value`` None) and after
    each of its settings (``last``: its last one); ``first``: no explorer of the same
    :func:`signature` was walked before. One that was gets only its start checked, and with
    ``visit`` each control moved to its first two values (they must still answer)."""
    start = dict(widget.values)
    check_live(widget)
    first = first_walk(widget)
    if not (first or visit):
        return
    for key, control in widget.controls.items():
        # back to the start, as this control needs it shown, in one go: a menu that the next
        # control needs changed anyway is not first put back (a menu change redraws everything)
        widget.set(**(start | widget.shown_with(key)))
        if visit:
            visit(key, None, first, False)
        values = trial_values(control) if first else trial_values(control)[:2]
        for i, value in enumerate(values):
            widget.set(**{key: value})
            if first:
                check_live(widget)
            if visit:
                visit(key, value, first, i == len(values) - 1)
    widget.set(**start)


def report(*, live: bool = True, walk_live: bool = False) -> None:
    """Print what was found as one line ``GEOMETRY {json}``. ``live``: first check every live
    explorer still open at its current setting; ``walk_live``: at every setting (:func:`walk`)."""
    if live or walk_live:
        from helpers.live import live_widgets

        for widget in live_widgets().values():
            if walk_live:
                walk(widget)
            else:
                check_live(widget)
    summary = {"figures": _STATE["figures"], "live": _STATE["live"], "problems": _lines()}
    print("GEOMETRY " + json.dumps(summary))


def hook_cell(notebook: str) -> str:
    """Source of the first cell: put this repository on the path, :func:`install`."""
    return (
        f"import sys\nsys.path.append({str(ROOT)!r})\nfrom tools import geometry as _geometry\n"
        f"_geometry.install({notebook!r})"
    )


def with_hook(nb, notebook: str, last: str = "_geometry.report()"):
    """``nb`` with :func:`hook_cell` first and ``last`` (code that calls :func:`report`) last."""
    import nbformat

    nb = nbformat.from_dict(nb)
    nb.cells.insert(0, nbformat.v4.new_code_cell(hook_cell(notebook)))
    nb.cells.append(nbformat.v4.new_code_cell(last))
    return nb


def collect(nb) -> dict[str, Any]:
    """Take the hook's two cells out of an executed :func:`with_hook` notebook again; return the
    report: ``figures`` and ``live`` (how many checked) and ``problems``."""
    nb.cells.pop(0)
    last = nb.cells.pop()
    text = "".join(o.get("text", "") for o in last.outputs if o.output_type == "stream")
    line = next(line for line in text.splitlines() if line.startswith("GEOMETRY "))
    return json.loads(line[len("GEOMETRY ") :])


def count(found: list[str]) -> dict[str, int]:
    """How many problems of each kind (:data:`KINDS`) a list holds."""
    return {kind: sum(f": {kind}:" in p for p in found) for kind in KINDS}


def summary(report: dict[str, Any]) -> str:
    """A test's failure message: the counts, then every problem on its own line."""
    counts = ", ".join(f"{n} {kind}" for kind, n in count(report["problems"]).items() if n)
    head = f"{report['figures']} figures and {report['live']} explorer settings checked: {counts}"
    return "\n".join([head, *report["problems"]])
