"""Interactive explorers: sliders that redraw one persistent figure in place.

How a redraw stays fast
-----------------------
A figure is drawn in full once, with the moving artists (lines, markers, labels) left out, and
that background is cached. When a slider moves, only the moving artists are drawn again over the
cached background (blitting, about a millisecond instead of a full draw), and the pixels are sent
to the browser as a PNG in an :class:`ipywidgets.Image`. The axis limits never change, so the
cached background stays valid, and the learner sees every setting on the same scale.

Every builder returns a :class:`LiveWidget` (an ``ipywidgets.VBox``): the controls, the image of
the figure, and a readout line computed in the kernel.
"""

from __future__ import annotations

import html
import io
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from helpers import plotting

__all__ = [
    "Param",
    "LiveFigure",
    "LiveWidget",
    "Explorer",
    "slider",
    "explorer",
    "point_explorer",
    "chain_explorer",
]


class Param(NamedTuple):
    """A slider: the keyword it sets, its range, step and default, and an optional label."""

    name: str
    min: float
    max: float
    step: float
    value: float
    label: str | None = None

    def grid(self, n: int = 5) -> np.ndarray:
        """``n`` values across the slider's range, its default included."""
        return np.unique(np.append(np.linspace(self.min, self.max, n), self.value))


def slider(spec: Param | Sequence[Any]) -> widgets.FloatSlider:
    """A float slider for a :class:`Param` (or a tuple of its fields) that streams while dragged.

    Examples
    --------
    >>> s = slider(("alpha", 0.0, 3.0, 0.1, 1.0))
    >>> (s.description, s.min, s.max, s.value, s.continuous_update)
    ('alpha', 0.0, 3.0, 1.0, True)
    """
    spec = Param(*spec)
    if not spec.min <= spec.value <= spec.max:
        raise ValueError(f"default {spec.name}={spec.value} lies outside [{spec.min}, {spec.max}]")
    decimals = max(0, -int(np.floor(np.log10(spec.step)))) if spec.step < 1 else 0
    return widgets.FloatSlider(
        value=spec.value,
        min=spec.min,
        max=spec.max,
        step=spec.step,
        description=spec.label or spec.name,
        continuous_update=True,
        readout_format=f".{decimals}f",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="360px"),
    )


class LiveFigure:
    """A matplotlib figure shown as an :class:`ipywidgets.Image`, redrawn by blitting.

    Parameters
    ----------
    figure : a figure not registered with pyplot (``matplotlib.figure.Figure(...)``), with fixed
        axis limits.
    artists : the artists that change; they are marked animated and drawn over the background.
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
        self.canvas.draw()  # the one full draw: everything except the animated artists
        self.figure.set_layout_engine("none")  # freeze the layout: the background stays valid
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    def render(self) -> bytes:
        """Draw the animated artists over the cached background; return the PNG bytes."""
        self.canvas.restore_region(self._background)
        for artist in self.artists:
            self.figure.draw_artist(artist)
        rgba = np.asarray(self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def refresh(self) -> None:
        """Redraw and send the new picture to the browser."""
        self.image.value = self.render()
        self.frames += 1


class LiveWidget(widgets.VBox):
    """Controls, a :class:`LiveFigure` and a readout, wired together.

    ``update(**values)`` is called with the controls' values whenever one changes; it moves the
    animated artists (``set_data``, ``set_text``, ...) and may return an HTML readout string.
    """

    def __init__(
        self,
        figure: Figure,
        artists: Sequence[Artist],
        controls: Mapping[str, widgets.ValueWidget],
        update: Callable[..., str | None],
        *,
        name: str = "explorer",
    ):
        self.figure = figure
        self.controls = dict(controls)
        self.live = LiveFigure(figure, artists)
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self._update = update
        self._name = name
        super().__init__(
            children=[
                widgets.HBox(list(self.controls.values()), layout={"flex_flow": "row wrap"}),
                self.live.image,
                self.readout,
            ]
        )
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    @property
    def values(self) -> dict[str, Any]:
        """The controls' current values."""
        return {key: control.value for key, control in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set controls by name, as a learner would by moving them."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"no control named {sorted(unknown)}; have {sorted(self.controls)}")
        for key, value in values.items():
            self.controls[key].value = value

    def refresh(self) -> None:
        """Run the update with the current values and redraw."""
        text = self._update(**self.values)
        if text is not None:
            self.readout.value = text
        self.live.refresh()

    def snapshot(self):
        """The figure as it is now, as a static image (for readers without a running kernel)."""
        from IPython.display import Image as StaticImage

        return StaticImage(data=self.live.render(), format="png")

    def _on_change(self, change: dict) -> None:
        self.refresh()

    def __repr__(self) -> str:
        # The text a notebook stores for this widget; short and stable, unlike VBox's repr.
        return f"{type(self).__name__}({self._name!r}, controls={list(self.controls)})"


_GREEK = {r"\sigma": "σ", r"\alpha": "α", r"\tanh": "tanh", r"\operatorname": ""}


def _plain(symbol: str) -> str:
    """A LaTeX symbol as plain text for an HTML readout: ``\\sigma`` -> ``σ``."""
    for latex, text in _GREEK.items():
        symbol = symbol.replace(latex, text)
    return symbol.replace("\\", "").replace("{", "").replace("}", "")


def _readout(pairs: Mapping[str, float | str]) -> str:
    parts = []
    for key, value in pairs.items():
        shown = value if isinstance(value, str) else f"{value:.4g}"
        parts.append(f"<b>{html.escape(key)}</b> = {html.escape(shown)}")
    return "<span style='font-size:1.1em'>" + " &nbsp; ".join(parts) + "</span>"


def _limits_over(
    func: Callable[..., np.ndarray], x: np.ndarray, params: Sequence[Param]
) -> tuple[float, float]:
    """y limits that hold ``func`` for every combination of parameters on a grid of the sliders."""
    curves = [
        func(x, **dict(zip([p.name for p in params], combo, strict=True)))
        for combo in itertools.product(*(p.grid() for p in params))
    ]
    return plotting.data_limits(curves)


class Explorer(LiveWidget):
    """A function and its derivative, with a slider per parameter (see :func:`explorer`)."""


def explorer(
    func: Callable[..., np.ndarray],
    derivative: Callable[..., np.ndarray],
    params: Sequence[Param | Sequence[Any]],
    *,
    symbol: str = "f",
    title: str | None = None,
    ylim: tuple[float, float] | None = None,
    dylim: tuple[float, float] | None = None,
) -> Explorer:
    """Sliders for the parameters of ``func``; its curve and its derivative follow them.

    The curves at the default parameters stay in the background as thin grey lines, so every
    change is seen against where it started. The y limits are fixed so that the whole range of
    every slider stays in view.

    Examples
    --------
    >>> from helpers.activations import elu, elu_derivative
    >>> ex = explorer(elu, elu_derivative, [("alpha", 0.0, 2.0, 0.1, 1.0)], symbol="f")
    >>> ex.set(alpha=0.5)
    >>> ex.values
    {'alpha': 0.5}
    """
    specs = [Param(*p) for p in params]
    x = plotting.x_grid()
    defaults = {p.name: p.value for p in specs}
    fig = Figure(layout="constrained")
    fig, axes, (f_line, d_line) = plotting.function_and_derivative(
        func,
        derivative,
        symbol=symbol,
        title=title,
        params=defaults,
        ylim=ylim or _limits_over(func, x, specs),
        dylim=dylim or _limits_over(derivative, x, specs),
        fig=fig,
    )
    for ax, curve in ((axes[0], func), (axes[1], derivative)):
        ax.plot(x, curve(x, **defaults), color="0.7", linewidth=1.2, zorder=2, label="default")
        ax.legend(loc="upper left")

    def update(**values: float) -> str:
        f_line.set_ydata(func(x, **values))
        d_line.set_ydata(derivative(x, **values))
        return _readout(values)

    return Explorer(
        fig,
        [f_line, d_line],
        {p.name: slider(p) for p in specs},
        update,
        name=getattr(func, "__name__", "function"),
    )


def point_explorer(
    func: Callable[[np.ndarray], np.ndarray],
    derivative: Callable[[np.ndarray], np.ndarray],
    *,
    symbol: str = "f",
    z: Param | Sequence[Any] = ("z", -6.0, 6.0, 0.1, 2.0),
    title: str | None = None,
) -> LiveWidget:
    """A slider for the pre-activation z: a point on the function and on its derivative.

    The readout gives f(z) and f'(z), the factor by which the unit scales an error passing back
    through it.
    """
    spec = Param(*z)
    fig = Figure(layout="constrained")
    fig, axes, _ = plotting.function_and_derivative(
        func, derivative, symbol=symbol, title=title, fig=fig
    )
    # fix the limits as they are now: the markers move, the axes do not
    for ax in axes:
        ax.set_ylim(ax.get_ylim())
    guides = [ax.axvline(spec.value, color="0.35", linewidth=1, linestyle=":") for ax in axes]
    points = [plotting.mark_point(ax, spec.value, 0.0) for ax in axes]
    labels = [
        ax.annotate(
            "",
            (spec.value, 0.0),
            xytext=(10, -20),
            textcoords="offset points",
            fontsize="large",
            bbox={"boxstyle": "round", "fc": "white", "ec": "0.7"},
        )
        for ax in axes
    ]

    def update(z: float) -> str:
        fz, dz = float(func(z)), float(derivative(z))
        for guide, point, label, y in zip(guides, points, labels, (fz, dz), strict=True):
            guide.set_xdata([z, z])
            point.set_data([z], [y])
            label.xy = (z, y)
            label.set_text(f"{y:.3g}")
        name = _plain(symbol)
        return _readout({spec.name: z, f"{name}(z)": fz, f"{name}'(z)": dz})

    return LiveWidget(
        fig, [*guides, *points, *labels], {spec.name: slider(spec)}, update, name="point"
    )


def chain_explorer(
    factors: Mapping[str, float],
    *,
    layers: Param | Sequence[Any] = ("n", 1, 20, 1, 5, "layers n"),
    title: str = "Best-case factor on the error after n layers",
) -> LiveWidget:
    """A slider for the number of layers; the product of per-layer factors on a log scale.

    ``factors`` maps a label to the largest factor one layer can apply to a backpropagated error
    (0.25 for the sigmoid, 1 for ReLU on its active side). The readout gives each product.
    """
    spec = Param(*layers)
    n_all = np.arange(1, int(spec.max) + 1)
    fig = Figure(figsize=(7.2, 3.6), layout="constrained")
    ax = fig.subplots()
    products = {label: float(factor) ** n_all for label, factor in factors.items()}
    colors = dict(zip(factors, plotting.COLORS, strict=False))
    for label, values in products.items():
        ax.plot(n_all, values, color=colors[label], linewidth=1.2, alpha=0.45)
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(
        xlabel="number of layers $n$",
        ylabel="factor on the error",
        title=title,
        xlim=(0.5, spec.max + 0.5),
    )
    low = min(float(v.min()) for v in products.values())
    ax.set_ylim(low / 10, 10.0)
    moving = {
        label: ax.plot([], [], "o-", color=colors[label], label=label)[0] for label in products
    }
    ax.legend(loc="lower left")
    cursor = ax.axvline(spec.value, color="0.35", linewidth=1, linestyle=":")

    def update(n: float) -> str:
        n = int(n)
        cursor.set_xdata([n, n])
        for label, line in moving.items():
            line.set_data(n_all[:n], products[label][:n])
        return _readout({"n": str(n)} | {label: float(v[n - 1]) for label, v in products.items()})

    control = widgets.IntSlider(
        value=int(spec.value),
        min=int(spec.min),
        max=int(spec.max),
        step=int(spec.step),
        description=spec.label or spec.name,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="360px"),
    )
    return LiveWidget(fig, [cursor, *moving.values()], {spec.name: control}, update, name="chain")
