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
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from helpers import plotting
from helpers.catalog import Menu, Param, RangeParam

__all__ = [
    "Param",
    "LiveFigure",
    "LiveWidget",
    "Explorer",
    "slider",
    "explorer",
    "point_explorer",
    "chain_explorer",
    "RangeParam",
    "range_slider",
    "COMPARE_COLOR",
    "Playground",
    "playground",
    "elu_explorer",
    "softmax_explorer",
    "dead_units_explorer",
    "leaky_relu_explorer",
    "prelu_learning_explorer",
    "ButtonLiveWidget",
    "rrelu_explorer",
    "INIT_OPTIONS",
    "vanishing_explorer",
    "race_explorer",
]


def _decimals(step: float) -> int:
    """How many decimals a slider's readout needs to show its step (0.05 -> 2)."""
    return max(0, -int(np.floor(np.log10(step)))) if step < 1 else 0


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
    decimals = _decimals(spec.step)
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


def _int_slider(spec: Param | Sequence[Any], width: str = "300px") -> widgets.IntSlider:
    """An integer slider for a :class:`Param` that streams while dragged."""
    spec = Param(*spec)
    return widgets.IntSlider(
        value=int(spec.value),
        min=int(spec.min),
        max=int(spec.max),
        step=int(spec.step),
        description=spec.label or spec.name,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
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

    def redraw_background(self, *, relayout: bool = False) -> None:
        """Draw the figure in full again and cache the new background.

        Call this after changing something that is not animated (axis limits, labels, a legend,
        a static line), e.g. when a menu selects another function; never on a slider step,
        which only moves the animated artists. With ``relayout=True`` a constrained-layout
        figure is laid out again first (new tick labels may need more room); the figure keeps
        its size in pixels. Call :meth:`refresh` afterwards to show the result.
        """
        if relayout:
            self.figure.set_layout_engine("constrained")
        self.canvas.draw()
        self.figure.set_layout_engine("none")
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)


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

    control = _int_slider(spec, width="360px")
    return LiveWidget(fig, [cursor, *moving.values()], {spec.name: control}, update, name="chain")


# --- used by 10-playground ---


def range_slider(spec: RangeParam | Sequence[Any]) -> widgets.FloatRangeSlider:
    """A two-handle slider for a :class:`RangeParam`: its low handle cannot pass its high one.

    Examples
    --------
    >>> s = range_slider((("lower", "upper"), 1.0, 10.0, 0.5, (3.0, 8.0)))
    >>> (s.description, s.value, s.continuous_update)
    ('lower, upper', (3.0, 8.0), True)
    """
    spec = RangeParam(*spec)
    low, high = spec.value
    if not spec.min <= low <= high <= spec.max:
        raise ValueError(f"default {spec.names}={spec.value} is not ordered within the range")
    decimals = _decimals(spec.step)
    return widgets.FloatRangeSlider(
        value=(low, high),
        min=spec.min,
        max=spec.max,
        step=spec.step,
        description=spec.label or ", ".join(spec.names),
        continuous_update=True,
        readout_format=f".{decimals}f",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="360px"),
    )


#: Colour of the second activation in the playground (Okabe-Ito bluish green).
COMPARE_COLOR = plotting.COLORS[2]


class Playground(LiveWidget):
    """Any activation of a catalogue with its parameter sliders, and a second one to compare.

    Built by :func:`playground`. The controls are two menus (``"activation"`` and ``"compare"``)
    and one slider per parameter of every entry, named ``<key>_<parameter>`` for the chosen
    activation and ``compare_<key>_<parameter>`` for the second one (a range slider joins its
    two names: ``rrelu_lower_upper``). Only the sliders of the selected entries are shown.

    A slider step moves the four curves only (blitting). A menu change sets new fixed y limits
    that hold both selected functions over every setting of their sliders, rebuilds the legend
    and redraws the figure in full once (:meth:`LiveFigure.redraw_background`).
    """

    def __init__(self, catalog: Mapping[str, Any], activation: str, compare: str):
        from matplotlib import rcParams

        unknown = {activation, compare} - set(catalog) - {"none"}
        if unknown or activation == "none":
            raise KeyError(f"unknown activation {sorted(unknown)}; have {list(catalog)}")
        self.catalog = dict(catalog)
        self._x = plotting.x_grid()
        first = self.catalog[activation]
        fig = Figure(layout="constrained")
        fig, axes, (f_line, d_line) = plotting.function_and_derivative(
            first.func, first.derivative, symbol="f", params=first.defaults, fig=fig
        )
        self._axes = axes
        self._lines = {"": (f_line, d_line)}
        # the second activation is drawn on top, thinner, so the first shows where they overlap
        thin = 0.6 * rcParams["lines.linewidth"]
        self._lines["compare_"] = tuple(
            ax.plot(self._x, 0 * self._x, color=COMPARE_COLOR, linestyle=style, linewidth=thin)[0]
            for ax, style in ((axes[0], "-"), (axes[1], "--"))
        )
        self._ghosts = tuple(
            ax.plot(self._x, np.zeros_like(self._x), color="0.7", linewidth=1.2, zorder=2)[0]
            for ax in axes
        )
        self._legend_size = rcParams["legend.fontsize"]  # read once, like every other size
        self._legend = None
        self.figure = fig  # LiveWidget sets it too; _arrange needs it first
        for ax in axes:
            ax.get_legend().remove()

        options = [(entry.name, key) for key, entry in self.catalog.items()]
        menu_style = {
            "style": {"description_width": "initial"},
            "layout": widgets.Layout(width="250px"),
        }
        menus = {
            "activation": widgets.Dropdown(
                options=options, value=activation, description="activation", **menu_style
            ),
            "compare": widgets.Dropdown(
                options=[("none", "none"), *options],
                value=compare,
                description="compare with",
                **menu_style,
            ),
        }
        self._specs: dict[str, tuple[str, str, Any]] = {}  # control -> (role, key, spec)
        sliders: dict[str, widgets.ValueWidget] = {}
        for role in ("", "compare_"):
            for key, entry in self.catalog.items():
                for spec in entry.params:
                    names = spec.names if isinstance(spec, RangeParam) else (spec.name,)
                    control = f"{role}{key}_{'_'.join(names)}"
                    self._specs[control] = (role, key, spec)
                    if isinstance(spec, Menu):  # GELU's form: the live layer's drop-down
                        from helpers.live import control as live_control

                        sliders[control] = live_control(spec)
                    else:
                        sliders[control] = (
                            range_slider(spec) if isinstance(spec, RangeParam) else slider(spec)
                        )
        self._rows = {
            "": widgets.HBox(layout={"flex_flow": "row wrap", "align_items": "center"}),
            "compare_": widgets.HBox(layout={"flex_flow": "row wrap", "align_items": "center"}),
        }
        self._menus = {"": menus["activation"], "compare_": menus["compare"]}
        self._selection = (activation, compare)
        self._arrange(activation, compare, sliders)
        super().__init__(
            fig,
            [f_line, d_line, *self._lines["compare_"]],
            menus | sliders,
            self._draw,
            name="playground",
        )
        self.children = [widgets.VBox(list(self._rows.values())), *self.children[1:]]

    def _params(self, role: str, key: str, values: Mapping[str, Any]) -> dict[str, float]:
        params: dict[str, float] = {}
        for control, (r, k, spec) in self._specs.items():
            if r == role and k == key:
                value = values[control]
                if isinstance(spec, RangeParam):
                    params.update(zip(spec.names, map(float, value), strict=True))
                elif isinstance(spec, Menu):
                    params[spec.name] = value
                else:
                    params[spec.name] = float(value)
        return params

    def _arrange(self, activation: str, compare: str, sliders=None) -> None:
        """Show the selected entries' sliders; set limits, ghosts and legends (not drawn yet)."""
        from matplotlib.legend_handler import HandlerTuple

        sliders = self.controls if sliders is None else sliders
        selected = {"": activation, "compare_": compare}
        for role, key in selected.items():
            shown = [c for c, (r, k, _) in self._specs.items() if r == role and k == key]
            extra = [sliders[c] for c in shown]
            if key != "none" and not shown:
                extra = [widgets.HTML("<i>no parameters</i>", layout={"margin": "0 1em"})]
            self._rows[role].children = [self._menus[role], *extra]

        entries = [self.catalog[k] for k in selected.values() if k != "none"]
        for panel, ax in enumerate(self._axes):
            curves = [
                (entry.func, entry.derivative)[panel](self._x, **setting)
                for entry in entries
                for setting in _param_settings(entry.params)
            ]
            ax.set_ylim(plotting.data_limits(curves))

        main = self.catalog[activation]
        for ghost, curve in zip(self._ghosts, (main.func, main.derivative), strict=True):
            ghost.set_ydata(curve(self._x, **main.defaults))
            ghost.set_visible(bool(main.params))
        handles, labels = [], []
        for role, key in selected.items():
            for line in self._lines[role]:
                line.set_visible(key != "none")
            if key != "none":
                handles.append(self._lines[role])
                labels.append(self.catalog[key].name)
        if main.params:
            handles.append(self._ghosts[0])
            labels.append("default")
        # one legend above both panels, outside the axes: it never hides a curve; each entry
        # shows the function (solid) and derivative (dashed) line of one activation
        if self._legend is not None:
            self._legend.remove()
        self._legend = self.figure.legend(
            handles,
            labels,
            loc="outside upper center",
            ncols=len(labels),
            handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)},
            handlelength=4.0,
            fontsize=self._legend_size,
            frameon=False,
        )

    def _draw(self, activation: str, compare: str, **values: Any) -> str:
        if (activation, compare) != self._selection:
            self._selection = (activation, compare)
            self._arrange(activation, compare)
            self.live.redraw_background(relayout=True)
        lines = []
        for role, key in (("", activation), ("compare_", compare)):
            if key == "none":
                continue
            entry, params = self.catalog[key], self._params(role, key, values)
            f_line, d_line = self._lines[role]
            f_line.set_ydata(entry.func(self._x, **params))
            slope = entry.derivative(self._x, **params)
            d_line.set_ydata(slope)
            labels = {p.name: p.label for p in entry.params if isinstance(p, Param) and p.label}
            pairs = {labels.get(name, name): value for name, value in params.items()}
            pairs["f′ on [−6, 6]"] = f"{float(slope.min()):.3g} to {float(slope.max()):.3g}"
            lines.append(f"<b>{html.escape(entry.name)}</b> &nbsp; {_readout(pairs)}")
        return "<br>".join(lines)


def _param_settings(params: Sequence[Param | RangeParam], n: int = 5) -> list[dict[str, float]]:
    """Keyword settings across every slider's range (see :func:`helpers.catalog.param_settings`)."""
    from helpers.catalog import param_settings

    return param_settings(tuple(params), n)


def playground(
    activation: str = "elu", compare: str = "none", *, catalog: Mapping[str, Any] | None = None
) -> Playground:
    """Pick an activation from a menu; its sliders appear and its curves follow them.

    ``catalog`` maps keys to :class:`helpers.catalog.Activation` entries (default: the series'
    :data:`helpers.catalog.ACTIVATIONS`). ``compare`` names a second entry drawn in green over
    the first, with its own sliders, or ``"none"``.

    Examples
    --------
    >>> pg = playground("leaky_relu", compare="elu")
    >>> pg.set(leaky_relu_slope=0.2, compare_elu_alpha=0.5)
    >>> pg.values["activation"], pg.values["compare"], pg.values["leaky_relu_slope"]
    ('leaky_relu', 'elu', 0.2)
    >>> pg.set(activation="rrelu", rrelu_lower_upper=(2.0, 4.0))
    >>> float(pg.live.artists[1].get_ydata()[0])  # the slope for x < 0 is 2 / (2 + 4)
    0.3333333333333333
    """
    if catalog is None:
        from helpers.catalog import ACTIVATIONS as catalog
    return Playground(catalog, activation, compare)


# --- used by 06-elu ---


def _elu_mean_standard_normal(alpha: float) -> float:
    r"""Mean of ELU(z) for z ~ N(0, 1): :math:`1/\sqrt{2\pi} + \alpha(\sqrt{e}\,\Phi(-1) - 1/2)`."""
    import math

    phi_minus_one = 0.5 * math.erfc(1 / math.sqrt(2))
    return 1 / math.sqrt(2 * math.pi) + alpha * (math.exp(0.5) * phi_minus_one - 0.5)


def elu_explorer(
    alpha: Param | Sequence[Any] = ("alpha", 0.0, 3.0, 0.05, 1.0, "α"),
    *,
    title: str | None = None,
) -> LiveWidget:
    """ELU with a slider for alpha: its floor at -alpha and the jump of its slope at 0.

    Left: the function with a dotted line at its floor :math:`-\\alpha`. Right: the derivative
    :math:`\\alpha e^x` (x <= 0) and 1 (x > 0), broken at 0, with a filled dot at the value
    taken at 0 (``alpha``) and an open dot at the right-hand limit 1; they meet only for
    alpha = 1. The slider cannot go below 0, where ELU is not defined. The readout gives the
    floor, both one-sided slopes at 0 and the mean output for standard-normal inputs.

    Examples
    --------
    >>> ex = elu_explorer()
    >>> ex.set(alpha=2.0)
    >>> ex.controls["alpha"].min, ex.values
    (0.0, {'alpha': 2.0})
    """
    from helpers.activations import elu, elu_derivative

    spec = Param(*alpha)
    if spec.min < 0:
        raise ValueError(f"alpha must not be negative; the slider starts at {spec.min}")
    x = plotting.x_grid()
    xb = plotting.x_grid_with_break()
    fig = Figure(layout="constrained")
    fig, axes, (f_line, d_line) = plotting.function_and_derivative(
        elu,
        elu_derivative,
        symbol="f",
        title=title,
        params={"alpha": spec.value},
        ylim=_limits_over(elu, x, [spec]),
        dylim=plotting.data_limits([[spec.max, 1.0]], pad=0.08),
        fig=fig,
    )
    d_line.set_data(xb, elu_derivative(xb, alpha=spec.value))
    for ax, curve, grid in ((axes[0], elu, x), (axes[1], elu_derivative, xb)):
        ax.plot(
            grid,
            curve(grid, alpha=spec.value),
            color="0.7",
            linewidth=1.2,
            zorder=2,
            label="default",
        )
    floor = axes[0].axhline(
        -spec.value,
        color=plotting.FUNCTION_COLOR,
        linewidth=1.2,
        linestyle=":",
        label=r"floor $-\alpha$",
    )
    floor_text = axes[0].text(
        plotting.X_RANGE[1] - 0.3,
        -spec.value,
        "",
        va="top",
        ha="right",
        color=plotting.FUNCTION_COLOR,
    )
    filled, hollow = plotting.mark_jump(axes[1], 0.0, spec.value, 1.0)
    filled.set_label(r"$f'(0) = \alpha$")
    hollow.set_label(r"$f'(0^+) = 1$")
    axes[0].legend(loc="upper left", fontsize="small")
    # upper right, short labels: the legend stays clear of the dot at (0, alpha) for every alpha
    axes[1].legend(
        handles=[d_line, filled, hollow], loc="upper right", fontsize="small", handlelength=1.5
    )

    def update(alpha: float) -> str:
        f_line.set_ydata(elu(x, alpha=alpha))
        d_line.set_ydata(elu_derivative(xb, alpha=alpha))
        floor.set_ydata([-alpha, -alpha])
        floor_text.set_position((plotting.X_RANGE[1] - 0.3, -alpha - 0.1))
        floor_text.set_text(f"$-\\alpha = {-alpha + 0.0:.2f}$")
        filled.set_data([0.0], [alpha])
        return _readout(
            {
                "α": alpha,
                "floor −α": -alpha + 0.0,
                "f′(0⁻)": alpha,
                "f′(0⁺)": 1.0,
                "jump": abs(1.0 - alpha),
                "mean of f(z), z ~ N(0, 1)": _elu_mean_standard_normal(alpha),
            }
        )

    return LiveWidget(
        fig,
        [f_line, d_line, floor, floor_text, filled],
        {spec.name: slider(spec)},
        update,
        name="elu",
    )


# --- used by 07-softmax ---


def softmax_explorer(
    logits: Sequence[float] = (3.0, 0.7, 0.5),
    temperature: float = 1.0,
    *,
    zrange: tuple[float, float] = (-4.0, 4.0),
    trange: tuple[float, float] = (0.1, 5.0),
    title: str | None = None,
) -> LiveWidget:
    """Sliders for three scores and a temperature T; bars of the scores and of softmax(z / T).

    The temperature slider moves on a log scale (0.1 to 5 by default), so it is as easy to go
    from 0.1 to 1 as from 1 to 5, and it can never reach 0. Dashed outlines show softmax(z) at
    T = 1 for comparison. The readout gives the probabilities and their entropy.

    Examples
    --------
    >>> ex = softmax_explorer()
    >>> ex.set(z1=0.0, z2=0.0, z3=0.0)
    >>> [round(float(b.get_height()), 3) for b in ex.bars]
    [0.333, 0.333, 0.333]
    """
    from helpers.activations import softmax

    z0 = np.asarray(logits, dtype=float)
    if z0.shape != (3,):
        raise ValueError(f"softmax_explorer takes three scores, got {z0.shape}")
    low, high = zrange
    if not (np.all(low <= z0) and np.all(z0 <= high)):
        raise ValueError(f"scores {z0.tolist()} must lie in {zrange}")
    if not 0 < trange[0] <= temperature <= trange[1]:
        raise ValueError(f"temperature {temperature} must lie in {trange}, above 0")
    fig = Figure(figsize=(7.2, 3.3), layout="constrained")
    pad = 0.15 * (high - low)
    fig, axes, drawn = plotting.logits_and_probabilities(
        z0, probabilities=softmax(z0 / temperature), zlim=(low - pad, high + pad), fig=fig
    )
    if title:
        fig.suptitle(title)
    axes[1].set_ylabel(r"$\mathrm{softmax}(z/T)_j$")
    info = axes[1].title  # animated: it shows T and the entropy
    classes = np.arange(1, 4)
    reference = list(
        axes[1].bar(
            classes,
            softmax(z0),
            width=0.7,
            fill=False,
            edgecolor="0.25",
            linestyle="--",
            linewidth=1.4,
        )
    )
    fig.legend(
        handles=[reference[0]],
        labels=["softmax$(z)$ at $T = 1$, for comparison"],
        loc="outside lower right",
        fontsize="small",
        frameon=False,
    )
    zspan, pspan = (high - low) + 2 * pad, 1.15

    def place(label, value: float, span: float, text: str) -> None:
        y, va = plotting.bar_label_position(value, span)
        label.set_y(y)
        label.set_verticalalignment(va)
        label.set_text(text)

    def update(z1: float, z2: float, z3: float, T: float) -> str:
        z = np.array([z1, z2, z3])
        p = softmax(z / T)
        p1 = softmax(z)
        for j in range(3):
            drawn["logit_bars"][j].set_height(z[j])
            place(drawn["logit_labels"][j], z[j], zspan, f"{z[j]:.1f}")
            drawn["probability_bars"][j].set_height(p[j])
            place(drawn["probability_labels"][j], p[j], pspan, f"{p[j]:.3f}")
            reference[j].set_height(p1[j])
        h = float(plotting.entropy(p))
        info.set_text(f"$T = {T:.2f}$,  $H = {h:.2f}$")
        return _readout(
            {
                "z": "[" + ", ".join(f"{v:.1f}" for v in z) + "]",
                "T": T,
                "softmax(z/T)": "[" + ", ".join(f"{v:.3f}" for v in p) + "]",
                "entropy H": f"{h:.3f} nats (max ln 3 = {np.log(3):.3f})",
            }
        )

    controls = {
        f"z{j}": slider((f"z{j}", low, high, 0.1, float(z0[j - 1]), f"$z_{j}$")) for j in classes
    }
    controls["T"] = widgets.FloatLogSlider(
        value=temperature,
        base=10,
        min=float(np.log10(trange[0])),
        max=float(np.log10(trange[1])),
        step=0.01,
        description="temperature $T$",
        continuous_update=True,
        readout_format=".2f",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="360px"),
    )
    artists = [
        *drawn["logit_bars"],
        *drawn["probability_bars"],
        *reference,
        *drawn["logit_labels"],
        *drawn["probability_labels"],
        info,
    ]
    live = LiveWidget(fig, artists, controls, update, name="softmax")
    live.bars = drawn["probability_bars"]
    return live


# --- used by 02-relu ---


def dead_units_explorer(
    shift: Param | Sequence[Any] = ("b", -4.0, 2.0, 0.1, 0.0, "bias shift b"),
    *,
    units: int = 2000,
    seed: int = 2011,
) -> LiveWidget:
    """A ReLU layer whose pre-activations are standard normal plus a shift b: who gets no gradient.

    Left: the histogram of the pre-activations of ``units`` units (a seeded standard-normal
    sample plus b), the bars left of 0 grey (those units output 0 and pass back no gradient),
    with the normal density and the share with zero gradient written on the figure. Right: that
    share, :math:`\\Phi(-b)`, against b, with a marker at the current b. The readout gives the
    share from the normal CDF and as counted in the sample. Taught in 02-relu.ipynb.

    Examples
    --------
    >>> ex = dead_units_explorer()
    >>> ex.set(b=-2.0)
    >>> "97.7%" in ex.readout.value
    True
    """
    from statistics import NormalDist

    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    spec = Param(*shift)
    normal = NormalDist()
    z0 = np.random.default_rng(seed).standard_normal(units)
    width = 0.25
    # edges -8, -7.75, ..., 6 exactly: 0 is an edge, so every bar is wholly dead or wholly alive
    edges = np.arange(-32, 25) * width
    dead_color, alive_color = "0.62", plotting.FUNCTION_COLOR
    colors = [dead_color if left < 0 else alive_color for left in edges[:-1]]
    z_fine = np.linspace(edges[0], edges[-1], 561)
    pdf = np.exp(-0.5 * z_fine**2) / np.sqrt(2 * np.pi)  # density at b = 0, shifted by b below
    bs = np.linspace(spec.min, spec.max, 241)
    share_curve = 100 * np.array([normal.cdf(-b) for b in bs])

    fig = Figure(figsize=(7.2, 3.6), layout="constrained")
    ax_h, ax_s = fig.subplots(1, 2, width_ratios=(1.7, 1))
    bars = ax_h.bar(
        edges[:-1],
        np.zeros(edges.size - 1),
        width=width,
        align="edge",
        color=colors,
        edgecolor="white",
        linewidth=0.5,
        alpha=0.8,
    )
    (density,) = ax_h.plot(z_fine, pdf, color="0.15", linewidth=1.6)
    ax_h.axvline(0.0, color="0.3", linewidth=1.0, zorder=1)
    ax_h.set(
        xlim=(edges[0], edges[-1]),
        ylim=(0.0, 0.7),
        xlabel="pre-activation $z$",
        ylabel="density",
        title=f"{units} units, $z$ = standard normal + $b$",
    )
    ax_h.legend(
        handles=[
            Patch(color=dead_color, label="$z < 0$: zero gradient"),
            Patch(color=alive_color, alpha=0.8, label="$z > 0$: active"),
            Line2D([], [], color="0.15", linewidth=1.6, label="normal density"),
        ],
        loc="upper right",
        fontsize="small",
    )
    ax_s.plot(bs, share_curve, color=plotting.COLORS[6], linewidth=1.6)
    (guide,) = ax_s.plot([], [], color="0.35", linewidth=1.0, linestyle=":")
    marker = plotting.mark_point(ax_s, spec.value, 100 * normal.cdf(-spec.value))
    # top left, above the tallest bar and beside the legend
    share_text = ax_h.text(
        0.03,
        0.96,
        "",
        transform=ax_h.transAxes,
        ha="left",
        va="top",
        fontsize="large",
        bbox={"boxstyle": "round", "fc": "white", "ec": "0.7"},
    )
    ax_s.set(
        xlim=(spec.min - 0.25, spec.max + 0.25),
        ylim=(-4.0, 104.0),
        xlabel="bias shift $b$",
        ylabel="units with zero gradient (%)",
        title=r"share $\Phi(-b)$",
    )

    def update(b: float) -> str:
        counts, _ = np.histogram(z0 + b, bins=edges)
        for bar, height in zip(bars, counts / (units * width), strict=True):
            bar.set_height(height)
        density.set_ydata(np.exp(-0.5 * (z_fine - b) ** 2) / np.sqrt(2 * np.pi))
        exact = normal.cdf(-b)
        counted = float(np.mean(z0 + b < 0))
        shown = f"{exact:.3%}" if 0.999 < exact < 1 else f"{exact:.1%}"
        share_text.set_text(f"{shown}\nzero gradient")
        marker.set_data([b], [100 * exact])
        guide.set_data([spec.min - 0.25, b, b], [100 * exact, 100 * exact, -4.0])
        return _readout(
            {
                "b": b,
                "zero gradient (normal CDF)": shown,
                f"counted in the {units} units": f"{counted:.1%}",
            }
        )

    return LiveWidget(
        fig,
        [*bars, density, share_text, guide, marker],
        {spec.name: slider(spec)},
        update,
        name="dead units",
    )


# --- used by 03-leaky-relu ---


def leaky_relu_explorer(
    slope: Param | Sequence[Any] = ("slope", 0.0, 0.5, 0.01, 0.01, "slope α"),
    *,
    marks: dict[str, float] | None = None,
    title: str | None = None,
) -> LiveWidget:
    """Leaky ReLU with a slider for its negative slope, against marked reference slopes.

    Left: the function; right: its derivative, broken at 0, with a filled dot at the value
    taken at 0 (1, as in :func:`helpers.activations.leaky_relu_derivative`) and an open dot at
    the left-hand limit (the slope). Each entry of ``marks`` (a label and a slope, by default
    Maas et al.'s 0.01 and Xu et al.'s 1/5.5) stays as a thin reference curve. The slider
    cannot leave [0, 0.5]: at 0 the function is ReLU, and a slope of 1 would make it linear.
    The readout gives the slope, f(-6) and the share of the gradient kept for x < 0.
    Taught in 03-leaky-relu.ipynb.

    Examples
    --------
    >>> ex = leaky_relu_explorer()
    >>> ex.set(slope=0.2)
    >>> ex.values, "20%" in ex.readout.value
    ({'slope': 0.2}, True)
    """
    from helpers.activations import leaky_relu, leaky_relu_derivative

    spec = Param(*slope)
    if not 0.0 <= spec.min <= spec.max < 1.0:
        raise ValueError(f"the slope must stay in [0, 1); the slider spans {spec.min}..{spec.max}")
    if marks is None:
        marks = {"0.01 (Maas et al.)": 0.01, "1/5.5 (Xu et al.)": 1 / 5.5}
    x = plotting.x_grid()
    xb = plotting.x_grid_with_break(side="right")  # at 0 the derivative takes its right value
    fig = Figure(layout="constrained")
    fig, axes, (f_line, d_line) = plotting.function_and_derivative(
        leaky_relu,
        leaky_relu_derivative,
        symbol=r"\mathrm{LReLU}",
        title=title,
        params={"slope": spec.value},
        ylim=_limits_over(leaky_relu, x, [spec]),
        dylim=(-0.08, 1.12),
        fig=fig,
    )
    d_line.set_data(xb, leaky_relu_derivative(xb, slope=spec.value))
    styles = (":", "-.", (0, (5, 2, 1, 2)))
    for k, (label, value) in enumerate(marks.items()):
        color = plotting.COLORS[(2 + k) % len(plotting.COLORS)]
        kw = {"color": color, "linewidth": 1.5, "linestyle": styles[k % 3], "zorder": 2}
        axes[0].plot(x, leaky_relu(x, slope=value), label=f"$\\alpha$ = {label}", **kw)
        axes[1].plot(xb, leaky_relu_derivative(xb, slope=value), **kw)
    filled, hollow = plotting.mark_jump(axes[1], 0.0, 1.0, spec.value)
    filled.set_label("value at 0 (this series)")
    hollow.set_label(r"limit from the left: $\alpha$")
    for ax in axes:
        ax.legend(loc="upper left", fontsize="small")

    def update(slope: float) -> str:
        f_line.set_ydata(leaky_relu(x, slope=slope))
        d_line.set_ydata(leaky_relu_derivative(xb, slope=slope))
        hollow.set_data([0.0], [slope])
        return _readout(
            {
                "α": f"{slope:.2f}" + (" (ReLU)" if slope == 0 else ""),
                "f(−6)": float(leaky_relu(-6.0, slope=slope)) + 0.0,
                "gradient kept for x < 0": f"{slope:.0%}",
            }
        )

    return LiveWidget(
        fig,
        [f_line, d_line, hollow],
        {spec.name: slider(spec)},
        update,
        name="leaky_relu",
    )


# --- used by 04-prelu ---


def prelu_learning_explorer(
    x: np.ndarray,
    target: np.ndarray,
    *,
    teacher: Sequence[float] | None = None,
    iterations: int = 200,
    lr: Param | Sequence[Any] = ("lr", 0.02, 0.3, 0.01, 0.1, "learning rate ε"),
    momentum: Param | Sequence[Any] = ("momentum", 0.0, 0.95, 0.05, 0.9, "momentum μ"),
    weight_decay: Param | Sequence[Any] = ("weight_decay", 0.0, 0.3, 0.01, 0.0, "weight decay λ"),
    ylim: tuple[float, float] = (-0.3, 1.3),
) -> LiveWidget:
    """Sliders for the learning rate, the momentum and the weight decay of PReLU's slopes.

    Every change trains the slopes again from 0.25 on ``(x, target)`` (see
    :func:`helpers.training.learn_prelu`): one slope per channel (solid lines) and one shared
    slope (dashed). The triangles at the right mark where each run settles for the current
    weight decay (:func:`helpers.training.optimal_slopes`); decay pulls them toward 0.

    Examples
    --------
    >>> from helpers import training
    >>> x, y = training.teacher_data([0.1, 0.6], rng=0)
    >>> w = prelu_learning_explorer(x, y, iterations=50)
    >>> w.set(weight_decay=0.2)
    >>> sorted(w.values)
    ['lr', 'momentum', 'weight_decay']
    """
    from helpers import training

    specs = [Param(*p) for p in (lr, momentum, weight_decay)]
    x, target = np.asarray(x, dtype=float), np.asarray(target, dtype=float)
    channels = x.shape[1]
    flat = np.zeros((iterations + 1, channels))
    fig = Figure(figsize=(7.2, 3.7), layout="constrained")
    ax = fig.subplots()
    drawn = plotting.prelu_slope_paths(
        flat,
        flat[:, 0],
        ax,
        settle=(np.zeros(channels), 0.0),
        teacher=teacher,
        ylim=ylim,
        title="PReLU's slopes learned by gradient descent with momentum",
    )
    fig.legend(loc="outside right center")

    def update(lr: float, momentum: float, weight_decay: float) -> str:
        settings = {"lr": lr, "momentum": momentum, "weight_decay": weight_decay}
        own = training.learn_prelu(x, target, iterations=iterations, **settings)
        one = training.learn_prelu(x, target, shared=True, iterations=iterations, **settings)
        for line, path in zip(drawn.channelwise, own.a.T, strict=True):
            line.set_ydata(path)
        drawn.shared.set_ydata(one.a[:, 0])
        best = [
            *training.optimal_slopes(x, target, weight_decay=weight_decay),
            *training.optimal_slopes(x, target, shared=True, weight_decay=weight_decay),
        ]
        for marker, value in zip(drawn.settle, best, strict=True):
            marker.set_ydata([value])
        return _readout(
            {
                "ε": lr,
                "μ": momentum,
                "λ": weight_decay,
                f"after {iterations} steps: channel-wise a": ", ".join(
                    f"{v:.3f}" for v in own.a[-1]
                ),
                "shared a": f"{one.a[-1, 0]:.3f}",
                "error (channel-wise, shared)": f"{own.loss[-1]:.2g}, {one.loss[-1]:.2g}",
            }
        )

    return LiveWidget(
        fig,
        [*drawn.channelwise, drawn.shared, *drawn.settle],
        {p.name: slider(p) for p in specs},
        update,
        name="prelu-learning",
    )


# --- used by 05-rrelu ---


class ButtonLiveWidget(LiveWidget):
    """A :class:`LiveWidget` with buttons beside its controls.

    ``buttons`` maps a button's label to an action (a function without arguments, e.g. one
    that draws new random numbers); a click runs the action and redraws with the controls'
    current values. :meth:`press` does the same from code.
    """

    def __init__(
        self,
        figure: Figure,
        artists: Sequence[Artist],
        controls: Mapping[str, widgets.ValueWidget],
        update: Callable[..., str | None],
        buttons: Mapping[str, Callable[[], None]],
        *,
        name: str = "explorer",
    ):
        super().__init__(figure, artists, controls, update, name=name)
        self._actions = dict(buttons)
        self.buttons = {}
        for label in self._actions:
            button = widgets.Button(description=label, layout=widgets.Layout(width="auto"))
            button.on_click(lambda _button, label=label: self.press(label))
            self.buttons[label] = button
        row = self.children[0]
        row.children = [*row.children, *self.buttons.values()]

    def press(self, label: str) -> None:
        """Run the action of the button ``label`` and redraw, as a click does."""
        self._actions[label]()
        self.refresh()


def rrelu_explorer(
    bounds: RangeParam | Sequence[Any] = (
        ("lower", "upper"),
        1.5,
        12.0,
        0.1,
        (3.0, 8.0),
        "divisor bounds l, u",
    ),
    *,
    n_points: int = 79,
    n_draws: int = 5000,
    seed: int = 2015,
    hist_ylim: tuple[float, float] = (0.0, 16.0),
) -> ButtonLiveWidget:
    """RReLU in training: a range slider for the divisor's bounds l, u and a resample button.

    Left: the band that training outputs fill for x < 0 (between x/l and x/u), one random draw
    of outputs at fixed inputs, and the evaluation line with slope 2/(l + u). Right: a
    histogram of ``n_draws`` sampled slopes 1/a with their exact density, the evaluation slope
    and the mean training slope E[1/a]. The range slider cannot set l above u.

    The random numbers come from one generator seeded with ``seed``: "resample" advances it, so
    the sequence of draws is the same in every run. Moving the slider keeps the draws (the same
    uniform numbers are rescaled to the new bounds), so the points move smoothly.

    Examples
    --------
    >>> w = rrelu_explorer()
    >>> w.set(bounds=(2.0, 4.0))
    >>> w.press("resample")
    >>> w.state["draws"]
    2
    """
    from helpers import activations as act
    from helpers import training

    spec = RangeParam(*bounds)
    generator = np.random.default_rng(seed)
    xs = np.linspace(plotting.X_RANGE[0], plotting.X_RANGE[1], n_points + 2)[1:-1]
    state: dict[str, Any] = {}

    def resample() -> None:
        state["u_points"] = generator.random(xs.size)
        state["u_hist"] = generator.random(n_draws)
        state["draws"] = state.get("draws", 0) + 1

    resample()
    low0, high0 = spec.value
    x = plotting.x_grid()
    fig = Figure(figsize=(7.2, 3.7), layout="constrained")
    ax_f, ax_h = fig.subplots(1, 2)
    plotting.zero_axes(ax_f)
    band = plotting.rrelu_band(ax_f, low0, high0, label="training band")
    (eval_line,) = ax_f.plot(
        x, act.rrelu(x, low0, high0), color=plotting.FUNCTION_COLOR, label="evaluation"
    )
    (points,) = ax_f.plot(
        xs, xs, "o", color=plotting.COLORS[6], markersize=3.5, label="one training draw"
    )
    smallest = min(spec.min, low0)
    ax_f.set(
        xlim=plotting.X_RANGE,
        ylim=(plotting.X_RANGE[0] / smallest * 1.1, plotting.X_RANGE[1] * 1.05),
        xlabel="$x$",
        ylabel="$f(x)$",
        title="outputs",
    )
    hist = plotting.slope_histogram(
        np.zeros(n_draws), ax_h, eval_slope=0.0, mean_slope=0.0, ylim=hist_ylim, title="slopes 1/a"
    )
    ax_f.legend(loc="upper left", fontsize="small")
    ax_h.legend(loc="upper right", fontsize="small")
    note = ax_h.text(
        0.97, 0.45, "", transform=ax_h.transAxes, ha="right", va="top", fontsize="small"
    )

    def update(bounds: tuple[float, float]) -> str:
        lower, upper = (float(v) for v in bounds)
        divisors = lower + (upper - lower) * state["u_points"]
        points.set_data(xs, np.where(xs < 0, xs / divisors, xs))
        band.set_xy(plotting.rrelu_band_vertices(lower, upper))
        eval_slope = 2 / (lower + upper)
        eval_line.set_ydata(act.rrelu(x, lower, upper))
        slopes = 1 / (lower + (upper - lower) * state["u_hist"])
        heights = plotting.histogram_density(slopes)
        hist.bars.set_data(heights)
        if upper > lower:
            s = np.linspace(1 / upper, 1 / lower, 200)
            hist.density.set_data(s, training.rrelu_slope_density(s, lower, upper))
        else:
            hist.density.set_data([], [])
        mean_slope = training.rrelu_mean_slope(lower, upper)
        hist.eval_line.set_xdata([eval_slope] * 2)
        hist.mean_line.set_xdata([mean_slope] * 2)
        peak = float(heights.max())
        note.set_text(f"tallest bar: {peak:.0f}\n(above the frame)" if peak > hist_ylim[1] else "")
        return _readout(
            {
                "l": lower,
                "u": upper,
                "evaluation slope 2/(l+u)": eval_slope,
                "mean training slope E[1/a]": mean_slope,
                f"mean of draw {state['draws']}": float(slopes.mean()),
            }
        )

    widget = ButtonLiveWidget(
        fig,
        [band, eval_line, points, *hist, note],
        {"bounds": range_slider(spec)},
        update,
        {"resample": resample},
        name="rrelu",
    )
    widget.state = state  # the current uniform numbers and the number of draws so far
    return widget


# --- used by 08-vanishing-gradients ---


#: The initialisations offered by :func:`vanishing_explorer`: (menu label, name).
INIT_OPTIONS = (("Glorot / Xavier", "glorot"), ("He", "he"), ("plain normal N(0, 1)", "normal"))


def _relative_to_last(values: np.ndarray) -> np.ndarray:
    """``values / values[-1]``, NaN everywhere if the last value is 0."""
    values = np.asarray(values, dtype=float)
    last = values[-1]
    if not (np.isfinite(last) and last > 0):
        return np.full(values.shape, np.nan)
    return values / last


def vanishing_explorer(
    stack: Any = None,
    *,
    activations: Sequence[str] = ("sigmoid", "tanh", "relu", "leaky_relu", "elu"),
    depth: Param | Sequence[Any] = ("depth", 2, 30, 1, 10, "hidden layers"),
    width: Param | Sequence[Any] = ("width", 8, 64, 8, 64, "units per layer"),
    scale: Param | Sequence[Any] = ("scale", 0.25, 2.0, 0.05, 1.0, "weight scale"),
    init: str = "glorot",
    ylim: tuple[float, float] = (1e-20, 1e4),
) -> LiveWidget:
    """Gradient norms through a deep stack: sliders for depth, width and weight scale (08).

    One seeded batch goes forward and backward through ``depth`` fully connected layers of
    ``width`` units, once per activation, all with the same weights (``stack``, a
    :class:`helpers.networks.DeepStack`; a default one is made). The weights are normal with
    the standard deviation of the chosen initialisation times ``scale``. The figure shows each
    hidden layer's :math:`\\lVert \\partial E/\\partial W_l \\rVert` relative to the last
    hidden layer's, on fixed log axes (values beyond them are clipped), with the sigmoid's best
    case :math:`0.25^{L-l}`. The readout gives the ratio of the first layer to the last.

    Examples
    --------
    >>> w = vanishing_explorer()
    >>> w.set(depth=20, init="he")
    >>> w.ratios["sigmoid"] < 1e-6 < 0.1 < w.ratios["ReLU"]
    True
    """
    from helpers import networks

    stack = networks.DeepStack() if stack is None else stack
    specs = {"depth": Param(*depth), "width": Param(*width), "scale": Param(*scale)}
    labels = {name: networks.LABELS[name] for name in activations}
    max_depth = int(specs["depth"].max)
    fig = Figure(figsize=(7.2, 4.2), layout="constrained")
    ax = fig.subplots()
    start = stack.norms(int(specs["depth"].value), int(specs["width"].value), activations, init)
    profile = plotting.gradient_profile(
        {labels[name]: values for name, values in start.items()},
        ax,
        max_depth=max_depth,
        ylim=ylim,
        title="Gradient norm of each layer, relative to the last hidden layer",
    )
    ax.axhline(1.0, color="0.45", linewidth=0.9, zorder=1)
    ratios: dict[str, float] = {}

    def update(depth: int, width: int, init: str, scale: float) -> str:
        depth, width = int(depth), int(width)
        layers = np.arange(1, depth + 1)
        norms = stack.norms(depth, width, activations, init, float(scale))
        for name, values in norms.items():
            relative = _relative_to_last(values)
            profile.lines[labels[name]].set_data(layers, plotting.clip_to(relative, ylim))
            ratios[labels[name]] = float(relative[0])
        profile.bound.set_data(layers, plotting.clip_to(0.25 ** (depth - layers), ylim))
        init_label = dict((v, k) for k, v in INIT_OPTIONS)[init]
        first = " &nbsp; ".join(
            f"{html.escape(label)} {value:.2g}" for label, value in ratios.items()
        )
        return (
            _readout({"depth": str(depth), "width": str(width), "init": init_label, "scale": scale})
            + f"<br><span style='font-size:1.05em'><b>layer 1 / layer {depth}</b>: {first}</span>"
        )

    controls = {
        "depth": _int_slider(specs["depth"]),
        "width": _int_slider(specs["width"]),
        "init": widgets.Dropdown(
            options=list(INIT_OPTIONS),
            value=init,
            description="initialisation",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="300px"),
        ),
        "scale": slider(specs["scale"]),
    }
    widget = LiveWidget(
        fig, [*profile.lines.values(), profile.bound], controls, update, name="vanishing"
    )
    widget.ratios = ratios
    return widget


# --- used by 09-training-race ---


def race_explorer(
    run: Callable[[int], Mapping[str, np.ndarray]],
    *,
    epochs: int,
    seed: int = 0,
    target: Param | Sequence[Any] = ("target", 0.02, 1.0, 0.01, 0.3, "target loss"),
    ylim: tuple[float, float] = (1e-2, 3.0),
    initial: Mapping[str, np.ndarray] | None = None,
) -> ButtonLiveWidget:
    """The training race: loss curves, and a bar per entry for the epochs to a target loss (09).

    ``run(seed)`` trains every entry for ``epochs`` epochs and returns label -> loss per epoch
    (NaN after a divergence). The slider moves the target loss (instantly: the curves are
    kept); the button "new seed" trains again with the next seed (a second or two), so the
    learner sees which conclusions survive new data and new initial weights. ``initial`` are
    the curves for ``seed`` if they are already computed (then ``run`` is not called for it).

    Examples
    --------
    >>> fake = lambda seed: {"ReLU": np.geomspace(1.0, 0.01 * (seed + 1), 50)}
    >>> w = race_explorer(fake, epochs=50)
    >>> w.set(target=0.1)
    >>> w.reached["ReLU"]
    25
    >>> w.press("new seed")
    >>> w.state["seed"], w.reached["ReLU"]
    (1, 29)
    """
    from helpers.networks import epochs_to

    spec = Param(*target)
    state: dict[str, Any] = {"seed": seed, "losses": dict(initial or run(seed))}
    labels = list(state["losses"])
    fig = Figure(figsize=(7.2, 3.9), layout="constrained")
    ax_loss, ax_bar = fig.subplots(1, 2, width_ratios=(1.25, 1))
    race = plotting.race_losses(
        state["losses"], ax_loss, target=spec.value, epochs=epochs, ylim=ylim, legend=False
    )
    ax_loss.set_title("loss while training")
    seed_text = ax_loss.text(0.04, 0.04, "", transform=ax_loss.transAxes, ha="left", va="bottom")
    positions = np.arange(len(labels))[::-1]
    styles = [plotting.lab_style(label, k) for k, label in enumerate(labels)]
    bars = ax_bar.barh(
        positions,
        np.zeros(len(labels)),
        color=[s["color"] for s in styles],
        hatch=["//" if s["linestyle"] != "-" else None for s in styles],
        edgecolor="white",
        height=0.7,
    )
    texts = [ax_bar.text(0, y, "", va="center", ha="left", fontsize="small") for y in positions]
    ax_bar.set(
        yticks=positions,
        yticklabels=labels,
        xlim=(0, epochs * 1.32),
        ylim=(-0.6, len(labels) - 0.4),
        xlabel="epochs",
        title="epochs to the target",
    )
    ax_bar.grid(False, axis="y")
    reached: dict[str, int | None] = {}

    def update(target: float) -> str:
        race.target.set_ydata([target, target])
        for label, line in race.lines.items():
            values = np.asarray(state["losses"][label], dtype=float)
            shown = np.where(np.isfinite(values), np.clip(values, *ylim), np.nan)
            line.set_data(np.arange(values.size), shown)
        for label, bar, text in zip(labels, bars, texts, strict=True):
            values = np.asarray(state["losses"][label], dtype=float)
            hit = epochs_to(values, target)
            reached[label] = hit
            bar.set_width(epochs if hit is None else hit)
            bar.set_alpha(1.0 if hit is not None else 0.25)
            diverged = not np.all(np.isfinite(values))
            if hit is not None:
                text.set_text(f"{hit}, then diverged" if diverged else str(hit))
            else:
                text.set_text("diverged" if diverged else f"> {epochs}")
            text.set_x((epochs if hit is None else hit) + epochs * 0.02)
        seed_text.set_text(f"seed {state['seed']}")
        table = " &nbsp; ".join(
            f"{html.escape(label)} {html.escape(text.get_text())}"
            for label, text in zip(labels, texts, strict=True)
        )
        return (
            _readout({"seed": str(state["seed"]), "target loss": target})
            + f"<br><span style='font-size:1.05em'><b>epochs</b>: {table}</span>"
        )

    def new_seed() -> None:
        state["seed"] += 1
        if "widget" in state:  # a note while the kernel trains (sent at once, before the result)
            state["widget"].readout.value = f"training again with seed {state['seed']} ..."
        state["losses"] = dict(run(state["seed"]))

    widget = ButtonLiveWidget(
        fig,
        [*race.lines.values(), race.target, *bars, *texts, seed_text],
        {"target": slider(spec)},
        update,
        {"new seed": new_seed},
        name="race",
    )
    state["widget"] = widget
    widget.state = state
    widget.reached = reached
    return widget
