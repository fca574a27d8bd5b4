"""The explorers that several notebooks share, built on :mod:`helpers.live`.

- :func:`chain_explorer` -- the factor on an error after n layers (01, 02);
- :func:`softmax_explorer` -- three scores and a temperature (07, 10);
- :func:`playground` -- any activation of the catalogue, and a second one to compare (10, the
  Voilà page).

A notebook's own explorer lives in that notebook, built in the open on :mod:`helpers.live`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.ticker import MaxNLocator

from helpers import activations as act
from helpers import plotting
from helpers.catalog import ACTIVATIONS, Menu, Param, RangeParam, param_settings
from helpers.live import LiveWidget, control, readout


def chain_explorer(
    factors: Mapping[str, float],
    *,
    layers: Param | Sequence[Any] = ("n", 1, 20, 1, 5, "layers n"),
    title: str = "Best-case factor on the error after n layers",
    name: str = "chain",
) -> LiveWidget:
    """A slider for the number of layers n; each label's factor to the power n, on a log scale.

    ``factors`` maps a label to the largest factor one layer applies to a backpropagated error
    (0.25 for the sigmoid, 1 for ReLU on its active side)."""
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
    ax.set(xlabel="number of layers $n$", ylabel="factor on the error", title=title)
    ax.set_xlim(0.5, spec.max + 0.5)
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
        return readout({"n": str(n)} | {label: float(v[n - 1]) for label, v in products.items()})

    spec = spec._replace(kind="int")
    return LiveWidget(fig, [cursor, *moving.values()], {spec.name: spec}, update, name=name)


def softmax_explorer(
    logits: Sequence[float] = (3.0, 0.7, 0.5),
    temperature: float = 1.0,
    *,
    zrange: tuple[float, float] = (-4.0, 4.0),
    trange: tuple[float, float] = (0.1, 5.0),
    title: str | None = None,
    name: str = "softmax",
) -> LiveWidget:
    """Sliders for three scores and a temperature T; bars of the scores and of softmax(z / T).

    T moves on a log scale (0.1 to 5), as easily from 0.1 to 1 as from 1 to 5, never to 0; dashed
    outlines show softmax(z) at T = 1. The readout gives the probabilities and their entropy.

    >>> ex = softmax_explorer()
    >>> ex.set(z1=0.0, z2=0.0, z3=0.0)
    >>> [round(float(b.get_height()), 3) for b in ex.bars]
    [0.333, 0.333, 0.333]
    """
    softmax = act.softmax
    z0 = np.asarray(logits, dtype=float)
    if z0.shape != (3,):
        raise ValueError(f"softmax_explorer takes three scores, got {z0.shape}")
    low, high = zrange
    if not (np.all(low <= z0) and np.all(z0 <= high)):
        raise ValueError(f"scores {z0.tolist()} must lie in {zrange}")
    if not 0 < trange[0] <= temperature <= trange[1]:
        raise ValueError(f"temperature {temperature} must lie in {trange}, above 0")
    fig = Figure(figsize=(7.2, 3.3), layout="constrained")
    pad = 0.2 * (high - low)  # room above the tallest bar for its value
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
        return readout(
            {
                "z": "[" + ", ".join(f"{v:.1f}" for v in z) + "]",
                "T": T,
                "softmax(z/T)": "[" + ", ".join(f"{v:.3f}" for v in p) + "]",
                "entropy H": f"{h:.3f} nats (max ln 3 = {np.log(3):.3f})",
            }
        )

    controls = {
        f"z{j}": Param(f"z{j}", low, high, 0.1, float(z0[j - 1]), f"$z_{j}$") for j in classes
    }
    controls["T"] = Param("T", trange[0], trange[1], 0.01, temperature, "temperature $T$", "log")
    artists = [
        *drawn["logit_bars"],
        *drawn["probability_bars"],
        *reference,
        *drawn["logit_labels"],
        *drawn["probability_labels"],
        info,
    ]
    live = LiveWidget(fig, artists, controls, update, name=name)
    live.bars = drawn["probability_bars"]
    return live


#: Colour of the second activation in the playground (Okabe-Ito bluish green).
COMPARE_COLOR = plotting.COLORS[2]


class Playground(LiveWidget):
    """Any activation of a catalogue with its sliders, and a second one to compare (built by
    :func:`playground`). Controls: the menus ``"activation"`` and ``"compare"``, and a slider per
    parameter of every entry, ``<key>_<parameter>`` and ``compare_<key>_<parameter>`` (a range
    slider joins its names: ``rrelu_lower_upper``); only the selected entries' sliders show. A
    slider step moves the four curves (blitting); a menu change sets limits that hold both
    functions over all their settings, a new legend, and redraws in full once."""

    def __init__(
        self, catalog: Mapping[str, Any], activation: str, compare: str, name: str = "playground"
    ):
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

        options = tuple((entry.name, key) for key, entry in self.catalog.items())
        menus = {
            "activation": control(Menu("activation", options, activation)),
            "compare": control(
                Menu("compare", (("none", "none"), *options), compare, "compare with")
            ),
        }
        self._specs: dict[str, tuple[str, str, Any]] = {}  # control -> (role, key, spec)
        sliders: dict[str, widgets.ValueWidget] = {}
        for role in ("", "compare_"):
            for key, entry in self.catalog.items():
                for spec in entry.params:
                    names = spec.names if isinstance(spec, RangeParam) else (spec.name,)
                    slider_name = f"{role}{key}_{'_'.join(names)}"
                    self._specs[slider_name] = (role, key, spec)
                    sliders[slider_name] = control(spec)
        row = {"flex_flow": "row wrap", "align_items": "center"}
        self._rows = {role: widgets.HBox(layout=row) for role in ("", "compare_")}
        self._menus = {"": menus["activation"], "compare_": menus["compare"]}
        self._no_params = {
            role: widgets.HTML("<i>no parameters</i>", layout={"margin": "0 1em"})
            for role in ("", "compare_")
        }
        self._selection = (activation, compare)
        self._arrange(activation, compare, sliders)
        moving = [f_line, d_line, *self._lines["compare_"]]
        super().__init__(fig, moving, menus | sliders, self._draw, name=name)
        self.children = [widgets.VBox(list(self._rows.values())), *self.children[1:]]
        self.owned = [self.row, *self._no_params.values()]

    def shown_with(self, key: str) -> dict[str, Any]:
        """The menu choice under which slider ``key`` is shown (``elu_alpha``: ELU first)."""
        if key not in self._specs:
            return {}
        role, entry, _ = self._specs[key]
        return {"compare" if role else "activation": entry}

    def _params(self, role: str, key: str, values: Mapping[str, Any]) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for name, (r, k, spec) in self._specs.items():
            if r == role and k == key:
                value = values[name]
                if isinstance(spec, RangeParam):
                    params.update(zip(spec.names, map(float, value), strict=True))
                elif isinstance(spec, Menu):
                    params[spec.name] = value  # a menu's option, e.g. GELU's form "tanh"
                else:
                    params[spec.name] = float(value)
        return params

    def _arrange(self, activation: str, compare: str, sliders=None) -> None:
        """Show the selected entries' sliders; set limits, ghosts and legends (not drawn yet)."""
        sliders = self.controls if sliders is None else sliders
        selected = {"": activation, "compare_": compare}
        for role, key in selected.items():
            shown = [c for c, (r, k, _) in self._specs.items() if r == role and k == key]
            extra = [sliders[c] for c in shown]
            if key != "none" and not shown:
                extra = [self._no_params[role]]
            self._rows[role].children = [self._menus[role], *extra]

        entries = [self.catalog[k] for k in selected.values() if k != "none"]
        for panel, ax in enumerate(self._axes):
            curves = [
                (entry.func, entry.derivative)[panel](self._x, **setting)
                for entry in entries
                for setting in param_settings(entry.params)
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
        pairs = {"handler_map": {tuple: HandlerTuple(ndivide=None, pad=0.6)}, "handlelength": 4}
        self._legend = self.figure.legend(
            handles, labels, loc="outside upper center", ncols=len(labels), frameon=False,
            fontsize=self._legend_size, **pairs,
        )  # fmt: skip

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
            named = [p for p in entry.params if isinstance(p, Param | Menu) and p.label]
            labels = {p.name: p.label for p in named}
            pairs = {labels.get(name, name): value for name, value in params.items()}
            pairs["f′ on [−6, 6]"] = f"{float(slope.min()):.3g} to {float(slope.max()):.3g}"
            lines.append(f"<b>{html.escape(entry.name)}</b> &nbsp; {readout(pairs)}")
        return "<br>".join(lines)


def playground(
    activation: str = "elu",
    compare: str = "none",
    *,
    catalog: Mapping[str, Any] | None = None,
    name: str = "playground",
) -> Playground:
    """Pick an activation from a menu; its sliders appear and its curves follow them.

    ``catalog``: keys to :class:`helpers.catalog.Activation` entries (default: the series'
    :data:`helpers.catalog.ACTIVATIONS`); ``compare``: a second entry, drawn in green, or "none".

    >>> pg = playground("leaky_relu", compare="elu")
    >>> pg.set(leaky_relu_slope=0.2, compare_elu_alpha=0.5)
    >>> pg.values["activation"], pg.values["compare"], pg.values["leaky_relu_slope"]
    ('leaky_relu', 'elu', 0.2)
    >>> pg.set(activation="rrelu", rrelu_lower_upper=(2.0, 4.0))
    >>> float(pg.live.artists[1].get_ydata()[0])  # the slope for x < 0 is 2 / (2 + 4)
    0.3333333333333333
    """
    return Playground(ACTIVATIONS if catalog is None else catalog, activation, compare, name)
