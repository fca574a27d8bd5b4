"""The series' one look: style, colours and the figures every notebook shares.

Every function takes ``ax=None`` (or ``fig=None``), draws, and returns what it drew. Nothing here
calls ``plt.show()`` or touches global state, except :func:`use_style` and :func:`lecture_mode`,
which a notebook calls once in its setup cell.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from itertools import cycle
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from numpy.typing import ArrayLike

from helpers.activations import softmax

#: The style sheet applied by :func:`use_style`.
STYLE_PATH = Path(__file__).with_name("series.mplstyle")

#: Okabe-Ito colours, distinguishable by colour-blind readers and in greyscale with the dashes.
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

FUNCTION_COLOR, DERIVATIVE_COLOR = COLORS[0], COLORS[1]

#: The x range of every plot of an activation in the series.
X_RANGE = (-6.0, 6.0)

#: Fonts and lines for a projector; the figure sizes stay the same (nbval compares them).
_LECTURE_RC = {
    "font.size": 16,
    "axes.titlesize": 17,
    "axes.labelsize": 17,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 14,
    "lines.linewidth": 3.4,
    "lines.markersize": 11,
}


def x_grid(n: int = 601) -> np.ndarray:
    """The series' x grid over :data:`X_RANGE` (601 points include x = 0 exactly).

    >>> x = x_grid()
    >>> float(x[0]), float(x[300]), float(x[-1])
    (-6.0, 0.0, 6.0)
    """
    return np.linspace(X_RANGE[0], X_RANGE[1], n)


def use_style() -> None:
    """Apply the series' style sheet (:data:`STYLE_PATH`); in lecture mode as well when the
    environment variable ``LECTURE_MODE`` is ``1`` (the switch for a whole classroom session).
    In Jupyter's inline backend, each figure is then drawn once, at its own size."""
    plt.style.use(STYLE_PATH)
    if os.environ.get("LECTURE_MODE", "").strip() == "1":
        plt.rcParams.update(_LECTURE_RC)
    if plt.get_backend().endswith("inline"):
        # Jupyter's inline backend draws a figure into the PNG it shows; pyplot's REPL hook drew
        # it once before, unseen (it serves windows that redraw themselves), and a crop pass once
        # more. Remove both (loading the backend installs the hook): one layout, one drawing.
        plt.switch_backend(plt.get_backend())
        plt.uninstall_repl_displayhook()
        from matplotlib_inline.config import InlineBackend

        InlineBackend.instance().print_figure_kwargs = {"bbox_inches": None}  # size: figsize


def lecture_mode(on: bool = True) -> None:
    """Larger fonts and thicker lines for a projector, or back to the normal style; the figure
    sizes do not change, so the notebooks' stored outputs stay the same."""
    plt.style.use(STYLE_PATH)
    if on:
        plt.rcParams.update(_LECTURE_RC)


def new_figure(
    ncols: int = 2, *, nrows: int = 1, figsize: tuple[float, float] | None = None
) -> tuple[Figure, np.ndarray]:
    """A constrained-layout pyplot figure and a flat array of its axes."""
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained", squeeze=False)
    return fig, axes.ravel()


def two_panels(fig: Figure | None, figsize: tuple[float, float] | None = None) -> tuple:
    """Two axes side by side in ``fig`` (a live explorer's), or in a new :func:`new_figure`."""
    if fig is None:
        return new_figure(2, figsize=figsize)
    return fig, np.asarray(fig.subplots(1, 2)).ravel()


def zero_axes(ax: Axes) -> tuple[Line2D, Line2D]:
    """Thin grey lines at x = 0 and y = 0; returns them."""
    kw = {"color": "0.45", "linewidth": 0.9, "zorder": 1}
    return ax.axhline(0.0, **kw), ax.axvline(0.0, **kw)


def function_and_derivative(
    func: Callable[..., np.ndarray],
    derivative: Callable[..., np.ndarray],
    *,
    symbol: str = "f",
    title: str | None = None,
    params: dict[str, float] | None = None,
    ylim: tuple[float, float] | None = None,
    dylim: tuple[float, float] | None = None,
    fig: Figure | None = None,
) -> tuple[Figure, np.ndarray, tuple[Line2D, Line2D]]:
    """The series' standard figure: the function (left, solid) and its derivative (right, dashed).

    ``symbol``: LaTeX (``r"\\sigma"`` labels ``$\\sigma(x)$``); ``params``: keyword parameters;
    ``ylim``/``dylim``: fixed limits; ``fig``: an empty figure to draw into (default: pyplot's).
    Returns ``fig, axes, (function_line, derivative_line)``.

    >>> from helpers.activations import sigmoid, sigmoid_derivative
    >>> fig, axes, lines = function_and_derivative(sigmoid, sigmoid_derivative, symbol=r"\\sigma")
    >>> [ax.get_ylabel() for ax in axes]
    ['$\\\\sigma(x)$', "$\\\\sigma'(x)$"]
    >>> plt.close(fig)
    """
    params = params or {}
    fig, axes = two_panels(fig)
    f_label, d_label = f"${symbol}(x)$", f"${symbol}'(x)$"
    x = x_grid()
    (f_line,) = axes[0].plot(x, func(x, **params), color=FUNCTION_COLOR, label=f_label)
    (d_line,) = axes[1].plot(
        x, derivative(x, **params), color=DERIVATIVE_COLOR, linestyle="--", label=d_label
    )
    names, labels, limits = ("function", "derivative"), (f_label, d_label), (ylim, dylim)
    for ax, name, label, lim in zip(axes, names, labels, limits, strict=True):
        zero_axes(ax)
        ax.set(title=name, xlabel="$x$", ylabel=label, xlim=X_RANGE)
        if lim is not None:
            ax.set_ylim(lim)
        ax.legend(loc="best")
    if title:
        fig.suptitle(title)
    return fig, axes, (f_line, d_line)


def shade_where(
    ax: Axes, x: ArrayLike, mask: ArrayLike, *, label: str | None = None, color: str = "0.6"
) -> list:
    """Shade the x intervals where ``mask`` is true (e.g. a saturated region); returns the spans."""
    x, mask = np.asarray(x), np.asarray(mask, dtype=bool)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.view(np.int8), [0]))))
    return [
        ax.axvspan(x[a], x[b - 1], color=color, alpha=0.22, lw=0, label=None if k else label)
        for k, (a, b) in enumerate(zip(edges[::2], edges[1::2], strict=True))
    ]


def mark_point(ax: Axes, x: float, y: float, *, color: str = COLORS[6], **kw) -> Line2D:
    """A round marker at (x, y); returns it (move it with ``set_data([x], [y])``)."""
    (marker,) = ax.plot([x], [y], "o", color=color, zorder=5, **kw)
    return marker


def data_limits(
    curves: Sequence[ArrayLike], *, pad: float = 0.08, include: Sequence[float] = (0.0,)
) -> tuple[float, float]:
    """y limits that keep every curve in view, padded by a fraction of the span.

    >>> data_limits([[0.0, 1.0], [-1.0, 0.5]], pad=0.1)
    (-1.2, 1.2)
    """
    values = np.concatenate([np.ravel(np.asarray(c, dtype=float)) for c in curves] + [include])
    values = values[np.isfinite(values)]
    low, high = float(values.min()), float(values.max())
    span = high - low if high > low else 1.0
    return low - pad * span, high + pad * span


def overlay(
    curves: Sequence[tuple],
    *,
    title: str | None = None,
    ylim: tuple[float, float] = (-2.0, 6.0),
    dylim: tuple[float, float] = (-0.1, 1.2),
    legend: str | None = "upper left",
    fig: Figure | None = None,
) -> tuple[Figure, np.ndarray, list[tuple[Line2D, Line2D]]]:
    """Several activations (left) and their derivatives (right, dashed) on one pair of axes.

    ``curves``: ``(label, function, derivative[, color[, linestyle]])``, called with defaults;
    ``legend``: the key's place on the left axes or, ``"outside ..."``, beside both panels, where
    it hides no curve (None: no key). Returns the figure, its axes and each (f, f') line pair."""
    fig, axes = two_panels(fig, (7.2, 3.8))
    x, drawn = x_grid(), []
    for curve, default_color in zip(curves, COLORS * len(curves), strict=False):
        label, func, derivative = curve[:3]
        color = curve[3] if len(curve) > 3 else default_color
        style = curve[4] if len(curve) > 4 else "-"
        (f_line,) = axes[0].plot(x, func(x), color=color, linestyle=style, label=label)
        (d_line,) = axes[1].plot(x, derivative(x), color=color, linestyle="--", label=label)
        drawn.append((f_line, d_line))
    names, labels, limits = ("functions", "derivatives"), ("$f(x)$", "$f'(x)$"), (ylim, dylim)
    for ax, name, label, lim in zip(axes, names, labels, limits, strict=True):
        zero_axes(ax)
        ax.set(title=name, xlabel="$x$", ylabel=label, xlim=X_RANGE, ylim=lim)
    if legend and legend.startswith("outside"):
        fig.legend(handles=[f for f, _ in drawn], loc=legend, fontsize="small")
    elif legend:
        axes[0].legend(loc=legend, fontsize="small")
    if title:
        fig.suptitle(title)
    return fig, axes, drawn


def x_grid_with_break(at: float = 0.0, n: int = 601, *, side: str = "left") -> np.ndarray:
    """:func:`x_grid` with a NaN at ``at`` (every activation passes it on: the line breaks), so
    that a curve that jumps there is not joined up. ``side``: the piece the point ``at`` belongs
    to, ``"left"`` for a derivative that takes its left-hand value there (ELU's), ``"right"`` for
    one that takes its right-hand value (the ReLU family's, 1 at 0).

    >>> x = x_grid_with_break()
    >>> x.size, float(x[300]), bool(np.isnan(x[301])), bool(0.0 < x[302] < 1e-300)
    (603, 0.0, True, True)
    """
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    x = x_grid(n)
    i = int(np.searchsorted(x, at, side="right"))
    if i == 0 or x[i - 1] != at:
        raise ValueError(f"the grid of {n} points does not contain {at}")
    if side == "left":
        return np.concatenate((x[:i], [np.nan, np.nextafter(at, np.inf)], x[i:]))
    return np.concatenate((x[: i - 1], [np.nan], x[i - 1 :]))


def mark_jump(
    ax: Axes, x: float, attained: float, limit: float, *, color: str = DERIVATIVE_COLOR
) -> tuple[Line2D, Line2D]:
    """Mark a jump at ``x``: a filled dot at the value taken there, an open dot at the other
    limit. Returns the two markers (move them with ``set_data([x], [y])``)."""
    (filled,) = ax.plot([x], [attained], "o", color=color, zorder=6)
    (hollow,) = ax.plot(
        [x], [limit], "o", markerfacecolor="white", markeredgecolor=color, mew=2, zorder=6
    )
    return filled, hollow


def mark_kink(
    ax: Axes,
    x0: float,
    low: float,
    high: float,
    *,
    line: Line2D | None = None,
    conventions: dict[str, float] | None = None,
    label: str | None = "subgradients",
) -> dict[str, Line2D]:
    """Show where a derivative jumps from ``low`` to ``high`` at ``x0`` (ReLU's kink at 0).

    Every slope between the one-sided ones is a *subgradient* there: a broad bar, with a marker
    per entry of ``conventions`` (a label and the value some code returns at ``x0``). A ``line``
    given is broken at ``x0``. Returns the artists: ``"interval"`` and one per convention label.

    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> drawn = mark_kink(ax, 0.0, 0.0, 1.0, conventions={"PyTorch": 0.0})
    >>> drawn["interval"].get_ydata().tolist(), drawn["PyTorch"].get_ydata().tolist()
    ([0.0, 1.0], [0.0])
    """
    low, high = sorted((float(low), float(high)))
    if line is not None:
        xs, ys = (np.asarray(v, dtype=float) for v in line.get_data())
        i = int(np.searchsorted(xs, x0))
        if 0 < i < xs.size:
            line.set_data(np.insert(xs, i, x0), np.insert(ys, i, np.nan))
    bar = {"color": COLORS[4], "linewidth": 10, "alpha": 0.45, "solid_capstyle": "butt"}
    drawn = {"interval": ax.plot([x0, x0], [low, high], zorder=4, label=label, **bar)[0]}
    colors = (COLORS[6], COLORS[2], COLORS[3], COLORS[5], COLORS[0])
    styles = cycle(zip("osD^v", colors, strict=True))
    for (name, value), (marker, color) in zip((conventions or {}).items(), styles, strict=False):
        (drawn[name],) = ax.plot(
            [x0], [value], ls="none", marker=marker, ms=9, mec="white", color=color, zorder=6,
            label=name,
        )  # fmt: skip
    return drawn


def bar_label_position(value: float, span: float) -> tuple[float, str]:
    """Where a bar's value goes: just above a positive bar, just below a negative one."""
    return (value + 0.02 * span, "bottom") if value >= 0 else (value - 0.02 * span, "top")


def logits_and_probabilities(
    z: ArrayLike,
    *,
    probabilities: ArrayLike | None = None,
    zlim: tuple[float, float] | None = None,
    decimals: int = 3,
    title: str | None = None,
    fig: Figure | None = None,
    figsize: tuple[float, float] = (7.2, 2.9),
) -> tuple[Figure, np.ndarray, dict[str, list]]:
    """Scores (logits) as bars on the left, their softmax (or ``probabilities``) on the right,
    each bar with its value; the probability axis fixed to 0..1.15. Returns ``fig, axes`` and
    ``"logit_bars"``, ``"probability_bars"``, ``"logit_labels"``, ``"probability_labels"``.

    >>> fig, axes, drawn = logits_and_probabilities([3.0, 0.7, 0.5])
    >>> [t.get_text() for t in drawn["probability_labels"]]
    ['0.846', '0.085', '0.069']
    >>> tuple(float(v) for v in axes[1].get_ylim())
    (0.0, 1.15)
    >>> plt.close(fig)
    """
    z = np.asarray(z, dtype=float)
    p = softmax(z) if probabilities is None else np.asarray(probabilities, dtype=float)
    fig, axes = two_panels(fig, figsize)
    classes = np.arange(1, z.size + 1)
    many = z.size > 5  # many bars: write the values upright so that they do not collide
    if zlim is None:
        zlim = data_limits([z], pad=0.4 if many else 0.25)  # room for the values over the bars
    zspan = zlim[1] - zlim[0]
    text_kw = {"fontsize": "small", "rotation": 90} if many else {"fontsize": "medium"}
    logit_bars = list(axes[0].bar(classes, z, color=COLORS[0], width=0.7))
    prob_bars = list(axes[1].bar(classes, p, color=COLORS[2], width=0.7))
    logit_labels, prob_labels = [], []
    for k, value in zip(classes, z, strict=True):
        y, va = bar_label_position(value, zspan)
        logit_labels.append(axes[0].text(k, y, f"{value:g}", ha="center", va=va, **text_kw))
    for k, value in zip(classes, p, strict=True):
        y, va = bar_label_position(value, 1.15)
        prob_labels.append(
            axes[1].text(k, y, f"{value:.{decimals}f}", ha="center", va=va, **text_kw)
        )
    for ax in axes:
        ax.axhline(0.0, color="0.45", linewidth=0.9, zorder=1)
        ax.set(xticks=classes, xlim=(0.4, z.size + 0.6), xlabel="class $j$")
        ax.grid(axis="x", visible=False)
    axes[0].set(ylim=zlim, ylabel="score $z_j$", title="logits (any real numbers)")
    axes[1].set(ylim=(0.0, 1.15), ylabel=r"$\mathrm{softmax}(z)_j$", title="softmax (sums to 1)")
    axes[1].set_yticks(np.linspace(0.0, 1.0, 6))
    if title:
        fig.suptitle(title)
    drawn = {"logit_bars": logit_bars, "probability_bars": prob_bars}
    return fig, axes, drawn | {"logit_labels": logit_labels, "probability_labels": prob_labels}


def entropy(p: ArrayLike, axis: int = -1) -> np.ndarray:
    """Shannon entropy in nats, :math:`-\\sum_j p_j \\ln p_j`, with :math:`0 \\ln 0 = 0`.

    >>> round(float(entropy([0.5, 0.5])), 4), float(entropy([1.0, 0.0]))
    (0.6931, 0.0)
    """
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(p * np.log(safe), axis=axis) + 0.0  # + 0.0 turns -0.0 into 0.0
