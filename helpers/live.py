"""The live-figure layer: sliders that redraw one persistent figure in place, fast.

How a redraw stays fast (taught by hand in 01-sigmoid.ipynb, "How the sliders stay fast"): the
figure is drawn in full **once**, without the artists that move (marked *animated*), and that
**background** is cached (``canvas.copy_from_bbox``); on every slider step it is restored and only
the moving artists are drawn over it (``restore_region``, ``draw_artist``: about a millisecond),
and the pixels go to the browser as a PNG in an :class:`ipywidgets.Image`. The axis limits and
the layout never change, so the background stays valid and every setting is seen on one scale.
A notebook builds its own explorer on this layer: a figure, the artists that move,
``update(**values)`` and the controls, handed to :class:`LiveWidget`.

>>> import numpy as np
>>> from matplotlib.figure import Figure
>>> from helpers.catalog import Param
>>> fig = Figure(figsize=(4, 3), layout="constrained")
>>> x = np.linspace(-6, 6, 101)
>>> (line,) = fig.subplots(subplot_kw={"ylim": (-3.2, 3.2)}).plot(x, np.tanh(x))
>>> def update(k):
...     line.set_ydata(k * np.tanh(x))
...     return readout({"k": k})
>>> w = LiveWidget(fig, [line], {"k": Param("k", 0.0, 3.0, 0.1, 1.0)}, update, name="doc")
>>> w.set(k=2.5)
>>> float(line.get_ydata().max()) == 2.5 * float(np.tanh(6.0))
True
>>> w.close()
"""

from __future__ import annotations

import base64
import html
import math
import struct
import weakref
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib import rc_context, rcParams
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.catalog import Menu, Param, RangeParam
from helpers.plotting import data_limits

#: Width of one slider or menu, at the normal font size (lecture mode scales it).
CONTROL_WIDTH_EM = 27


def _decimals(step: float) -> int:
    """How many decimals a readout needs to show a slider's step (0.05 -> 2)."""
    return max(0, -int(np.floor(np.log10(step)))) if step < 1 else 0


def _font_scale() -> float:
    """How much larger the figure text is than normal: widgets grow with it (lecture mode)."""
    size = rcParams["font.size"]
    return max(1.0, float(size) / 10.0) if isinstance(size, int | float) else 1.0


def control(spec: Param | RangeParam | Menu) -> widgets.ValueWidget:
    """The widget for a control spec: a float, integer or log slider, a range slider or a menu.

    Sliders stream while dragged (``continuous_update=True``): a redraw costs milliseconds.

    >>> s = control(Param("alpha", 0.0, 3.0, 0.1, 1.0, "α"))
    >>> (type(s).__name__, s.description, s.value, s.readout_format)
    ('FloatSlider', 'α', 1.0, '.1f')
    >>> t = control(Param("T", 0.1, 5.0, 0.01, 1.0, kind="log"))
    >>> (type(t).__name__, t.min, t.max)
    ('FloatLogSlider', -1.0, 0.69897)
    """
    width = f"{round(CONTROL_WIDTH_EM * _font_scale())}em"
    names = ", ".join(spec.names) if isinstance(spec, RangeParam) else spec.name
    common = {"description": spec.label or names, "style": {"description_width": "initial"}}
    common["layout"] = widgets.Layout(width=width)
    if isinstance(spec, Menu):
        values = [value for _, value in spec.options]
        if spec.value not in values:
            raise ValueError(f"default {spec.name}={spec.value!r} is not one of {values}")
        return widgets.Dropdown(options=list(spec.options), value=spec.value, **common)
    common |= {"continuous_update": True, "step": spec.step}
    common["readout_format"] = f".{_decimals(spec.step)}f"
    if isinstance(spec, RangeParam):
        low, high = spec.value
        if not spec.min <= low <= high <= spec.max:
            raise ValueError(f"default {names}={spec.value} is not ordered in the slider's range")
        return widgets.FloatRangeSlider(value=(low, high), min=spec.min, max=spec.max, **common)
    if not spec.min <= spec.value <= spec.max:
        raise ValueError(f"default {names}={spec.value} lies outside [{spec.min}, {spec.max}]")
    if spec.kind == "int":
        common |= {"step": int(spec.step), "readout_format": "d"}
        return widgets.IntSlider(value=spec.value, min=spec.min, max=spec.max, **common)
    if spec.kind == "log":
        if spec.min <= 0:
            raise ValueError(f"a log slider needs min > 0, got {names} min={spec.min}")
        low, high = (round(math.log10(v), 6) for v in (spec.min, spec.max))
        common["readout_format"] = ".2f"
        return widgets.FloatLogSlider(value=spec.value, base=10, min=low, max=high, **common)
    if spec.kind != "float":
        raise ValueError(f"unknown slider kind {spec.kind!r} for {names}")
    return widgets.FloatSlider(value=spec.value, min=spec.min, max=spec.max, **common)


def readout(pairs: Mapping[str, float | str]) -> str:
    """One line of HTML: ``name = value`` pairs, numbers to four significant digits.

    >>> readout({"α": 1.5, "floor": "−1.5"})
    "<span class='live-readout'><b>α</b> = 1.5 &nbsp; <b>floor</b> = −1.5</span>"
    """
    parts = []
    for key, value in pairs.items():
        shown = value if isinstance(value, str) else f"{value:.4g}"
        parts.append(f"<b>{html.escape(key)}</b> = {html.escape(shown)}")
    return "<span class='live-readout'>" + " &nbsp; ".join(parts) + "</span>"


def limits_over(
    func: Callable[..., np.ndarray],
    x: np.ndarray,
    settings: Sequence[Mapping[str, float]],
    *,
    pad: float = 0.08,
) -> tuple[float, float]:
    """Fixed y limits that hold ``func(x, **s)`` for every setting ``s`` (and y = 0).

    >>> limits_over(lambda x, k: k * x, np.array([0.0, 1.0]), [{"k": 1.0}, {"k": 2.0}], pad=0)
    (0.0, 2.0)
    """
    return data_limits([func(x, **s) for s in settings], pad=pad)


def png_bytes(rgba: np.ndarray) -> bytes:
    """Pixels ``(height, width, 3 or 4)`` as RGB PNG bytes, rows unfiltered and deflated at zlib's
    fastest level: 7 ms for 792 x 484 pixels where Pillow took 17, the most of a slider step."""
    height, width = rgba.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # each row: 0, then R G B R G B ...
    rows[:, 1:] = rgba[..., :3].reshape(height, 3 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    chunks = ((b"IHDR", header), (b"IDAT", zlib.compress(rows, 1)), (b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        for kind, data in chunks
    )


class LiveFigure:
    """A matplotlib figure shown as an :class:`ipywidgets.Image`, redrawn by blitting.

    ``figure`` is not registered with pyplot (``matplotlib.figure.Figure(...)``) and has fixed
    axis limits; ``artists`` move: they are marked animated and drawn over the background.
    """

    def __init__(self, figure: Figure, artists: Sequence[Artist]):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self.artists = list(artists)
        for artist in self.artists:
            artist.set_animated(True)
        width, height = (int(round(v)) for v in figure.bbox.size)
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px")
        )
        self.frames = 0
        self._style = {k: v for k, v in rcParams.copy().items() if k != "backend"}
        self.canvas.draw()  # the one full draw: everything except the animated artists
        self.figure.set_layout_engine("none")  # freeze the layout: the background stays valid
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    def render(self) -> bytes:
        """Draw the animated artists over the cached background; return the PNG bytes."""
        self.canvas.restore_region(self._background)
        for artist in self.artists:
            self.figure.draw_artist(artist)
        return png_bytes(np.asarray(self.canvas.buffer_rgba()))

    def refresh(self) -> None:
        """Redraw and send the new picture to the browser."""
        self.image.value = self.render()
        self.frames += 1

    def redraw_background(self, *, relayout: bool = False) -> None:
        """Draw in full again, in the style it was built in (ticks follow font sizes), and cache
        the background, after a change to something not animated (limits, a legend: a menu's
        choice), never on a slider step; ``relayout``: lay out again first."""
        if relayout:
            self.figure.set_layout_engine("constrained")
        with rc_context(self._style):
            self.canvas.draw()
        self.figure.set_layout_engine("none")
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)


#: The live widgets of this kernel by name: building one again under a name closes the old one.
_LIVE: dict[str, weakref.ref] = {}


def live_widgets() -> dict[str, LiveWidget]:
    """The live widgets open in this kernel, by name (the last one built under each name)."""
    alive = {name: ref() for name, ref in _LIVE.items()}
    return {name: w for name, w in alive.items() if w is not None and not w._closed}


def _valid(widget: widgets.ValueWidget, value: Any) -> bool:
    """Whether ``value`` is a state the control can show (no NaN, no None, a known option)."""
    if isinstance(widget, widgets.Dropdown):
        return any(value == option for option in widget.options) or value in [
            v for _, v in getattr(widget, "_options_full", [])
        ]
    items = value if isinstance(value, tuple | list) else (value,)
    try:
        return all(
            not isinstance(v, bool) and v is not None and math.isfinite(float(v)) for v in items
        )
    except (TypeError, ValueError):
        return False


class LiveWidget(widgets.VBox):
    """Controls, a :class:`LiveFigure` and a readout, wired together: one live explorer.

    ``controls`` maps names to specs (``Param``, ``RangeParam``, ``Menu``) or ready widgets;
    ``update(**values)`` is called with every control's value when one changes, moves the
    animated artists and may return an HTML readout (:func:`readout`). ``name`` identifies the
    explorer in the kernel: building another under the same name (a re-run cell) closes this one.

    Displayed, a live widget carries its current picture as ``image/png`` beside the widget view:
    JupyterLab and Voilà show the live explorer, a page rendered without a kernel the picture.
    """

    def __init__(
        self,
        figure: Figure,
        artists: Sequence[Artist],
        controls: Mapping[str, Param | RangeParam | Menu | widgets.ValueWidget],
        update: Callable[..., str | None],
        *,
        name: str = "explorer",
    ):
        previous = _LIVE.get(name)
        if previous is not None and previous() is not None:
            previous().close()
        self.figure = figure
        self.controls = {
            key: spec if isinstance(spec, widgets.Widget) else control(spec)
            for key, spec in controls.items()
        }
        self.live = LiveFigure(figure, artists)
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        scale = _font_scale()
        if scale > 1:
            self.readout.style.font_size = f"{round(14 * scale)}px"
        self._update = update
        self._name = name
        self._busy = False
        self._closed = False
        self.row = widgets.HBox(list(self.controls.values()), layout={"flex_flow": "row wrap"})
        super().__init__(children=[self.row, self.live.image, self.readout])
        for widget in self.controls.values():
            widget.observe(self._on_change, names="value")
        self.refresh()
        _LIVE[name] = weakref.ref(self)

    @property
    def values(self) -> dict[str, Any]:
        """The controls' current values."""
        return {key: widget.value for key, widget in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set controls by name, as a learner would; NaN, None or an unknown menu option is
        refused with ``ValueError`` before anything changes."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"no control named {sorted(unknown)}; have {sorted(self.controls)}")
        for key, value in values.items():
            if not _valid(self.controls[key], value):
                raise ValueError(f"{self._name}: {key} cannot be set to {value!r}")
        for key, value in values.items():
            self.controls[key].value = value

    def refresh(self) -> None:
        """Run ``update`` with the current values and redraw."""
        text = self._update(**self.values)
        if text is not None:
            self.readout.value = text
        self.live.refresh()

    def shown_with(self, key: str) -> dict[str, Any]:
        """Values of other controls under which control ``key`` is shown (the playground's)."""
        return {}

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes."""
        return self.live.render()

    def _on_change(self, change: dict) -> None:
        if self._busy:
            return
        if not _valid(change["owner"], change["new"]):
            self._busy = True  # put the old value back without redrawing
            try:
                change["owner"].value = change["old"]
            finally:
                self._busy = False
            raise ValueError(f"{self._name}: refused {change['new']!r}; kept {change['old']!r}")
        self.refresh()

    def close(self) -> None:
        """Close this widget and every widget it owns; release the figure."""
        if getattr(self, "_closed", True):  # already closed, or never fully built
            return
        self._closed = True
        for widget in self.controls.values():
            widget.unobserve(self._on_change, names="value")
        owned = [*self.children, *self.controls.values(), self.readout, self.live.image]
        owned += list(getattr(self, "owned", ()))  # widgets not shown right now
        seen: set[int] = set()
        while owned:
            widget = owned.pop()
            if id(widget) in seen or widget is self:
                continue
            seen.add(id(widget))
            owned.extend(getattr(widget, "children", ()))
            owned.extend(
                part
                for part in (getattr(widget, "layout", None), getattr(widget, "style", None))
                if isinstance(part, widgets.Widget)
            )
            widget.close()
        for part in (getattr(self, "layout", None), getattr(self, "style", None)):
            if isinstance(part, widgets.Widget):
                part.close()
        self._update = lambda **values: None
        self.live.artists = []
        if _LIVE.get(self._name) is not None and _LIVE[self._name]() is self:
            del _LIVE[self._name]
        super().close()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:  # closed
            return None
        bundle["image/png"] = base64.b64encode(self.png()).decode("ascii")
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        # The text a notebook stores for this widget, read where neither widget nor picture shows.
        names = ", ".join(list(self.controls)[:4]) or "no controls"
        if len(self.controls) > 4:
            names += f", … {len(self.controls)} controls"
        return f"[live explorer '{self._name}' ({names}): run the notebook to move it]"
