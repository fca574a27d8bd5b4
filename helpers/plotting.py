"""The series' one look: style, colours and the figures every notebook shares.

Every function takes ``ax=None`` (or ``fig=None``), draws, and returns what it drew. Nothing here
calls ``plt.show()`` or touches global state, except :func:`use_style` and :func:`lecture_mode`,
which a notebook calls once in its setup cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, StepPatch
from numpy.typing import ArrayLike

__all__ = [
    "COLORS",
    "FUNCTION_COLOR",
    "DERIVATIVE_COLOR",
    "STYLE_PATH",
    "X_RANGE",
    "x_grid",
    "use_style",
    "lecture_mode",
    "new_figure",
    "zero_axes",
    "plot_function",
    "plot_derivative",
    "function_and_derivative",
    "shade_where",
    "mark_point",
    "data_limits",
    "overlay",
    "x_grid_with_break",
    "mark_jump",
    "function_and_derivative_family",
    "output_distributions",
    "LOGIT_COLOR",
    "PROBABILITY_COLOR",
    "logits_and_probabilities",
    "softmax_slice",
    "entropy",
    "temperature_sweep",
    "matrix_heatmap",
    "mark_kink",
    "training_curves",
    "SlopePaths",
    "prelu_slope_paths",
    "SLOPE_EDGES",
    "rrelu_band_vertices",
    "rrelu_band",
    "SlopeHistogram",
    "histogram_density",
    "slope_histogram",
    "LAB_STYLES",
    "lab_style",
    "clip_to",
    "GradientProfile",
    "gradient_profile",
    "gradient_profiles",
    "class_scatter",
    "CLASS_COLORS",
    "decision_regions",
    "decision_boundaries",
    "RaceLines",
    "race_losses",
    "train_and_eval_losses",
    "slope_trajectories",
    "prelu_trajectories",
]

#: The style sheet applied by :func:`use_style`.
STYLE_PATH = Path(__file__).with_name("series.mplstyle")

#: Okabe-Ito colours, distinguishable by colour-blind readers and in greyscale with the dashes.
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
FUNCTION_COLOR = COLORS[0]
DERIVATIVE_COLOR = COLORS[1]

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

    Examples
    --------
    >>> x = x_grid()
    >>> float(x[0]), float(x[300]), float(x[-1])
    (-6.0, 0.0, 6.0)
    """
    return np.linspace(X_RANGE[0], X_RANGE[1], n)


def use_style() -> None:
    """Apply the series' style sheet (:data:`STYLE_PATH`) to matplotlib's ``rcParams``."""
    plt.style.use(STYLE_PATH)


def lecture_mode(on: bool = True) -> None:
    """Larger fonts and thicker lines for a projector, or back to the normal style.

    Figure sizes do not change, so the notebooks' stored outputs stay the same.
    """
    use_style()
    if on:
        plt.rcParams.update(_LECTURE_RC)


def new_figure(
    ncols: int = 2, *, nrows: int = 1, figsize: tuple[float, float] | None = None, pyplot=True
) -> tuple[Figure, np.ndarray]:
    """A constrained-layout figure and a flat array of its axes.

    With ``pyplot=False`` the figure is not registered with pyplot, so the inline backend does
    not display it by itself (the widgets draw such figures into an image).
    """
    if pyplot:
        fig, axes = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained", squeeze=False)
    else:
        fig = Figure(figsize=figsize, layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes.ravel()


def zero_axes(ax: Axes) -> tuple[Line2D, Line2D]:
    """Thin grey lines at x = 0 and y = 0; returns them."""
    kw = {"color": "0.45", "linewidth": 0.9, "zorder": 1}
    return ax.axhline(0.0, **kw), ax.axvline(0.0, **kw)


def plot_function(
    func: Callable[..., np.ndarray],
    ax: Axes | None = None,
    *,
    x: ArrayLike | None = None,
    label: str | None = None,
    **params: float,
) -> Line2D:
    """Draw ``func(x, **params)`` as a solid line and return the line."""
    ax = plt.gca() if ax is None else ax
    x = x_grid() if x is None else np.asarray(x)
    (line,) = ax.plot(x, func(x, **params), color=FUNCTION_COLOR, linestyle="-", label=label)
    return line


def plot_derivative(
    derivative: Callable[..., np.ndarray],
    ax: Axes | None = None,
    *,
    x: ArrayLike | None = None,
    label: str | None = None,
    **params: float,
) -> Line2D:
    """Draw ``derivative(x, **params)`` as a dashed line and return the line.

    The line joins neighbouring grid points, so a jump (ReLU's at 0) shows as a steep segment;
    :func:`mark_kink` draws a jump honestly.
    """
    ax = plt.gca() if ax is None else ax
    x = x_grid() if x is None else np.asarray(x)
    (line,) = ax.plot(
        x, derivative(x, **params), color=DERIVATIVE_COLOR, linestyle="--", label=label
    )
    return line


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

    Parameters
    ----------
    func, derivative : callables ``f(x, **params)``
    symbol : the LaTeX symbol of the function, e.g. ``r"\\sigma"`` gives ``$\\sigma(x)$``.
    title : a suptitle for the figure (optional).
    params : keyword parameters of ``func`` and ``derivative`` (e.g. ``{"alpha": 1.0}``).
    ylim, dylim : fixed y limits of the two panels (default: matplotlib's choice).
    fig : an existing empty figure to draw into (default: a new pyplot figure).

    Returns
    -------
    fig, axes, (function_line, derivative_line)

    Examples
    --------
    >>> from helpers.activations import sigmoid, sigmoid_derivative
    >>> fig, axes, lines = function_and_derivative(sigmoid, sigmoid_derivative, symbol=r"\\sigma")
    >>> [ax.get_ylabel() for ax in axes]
    ['$\\\\sigma(x)$', "$\\\\sigma'(x)$"]
    >>> plt.close(fig)
    """
    params = params or {}
    if fig is None:
        fig, axes = new_figure(2)
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    f_label, d_label = f"${symbol}(x)$", f"${symbol}'(x)$"
    f_line = plot_function(func, axes[0], label=f_label, **params)
    d_line = plot_derivative(derivative, axes[1], label=d_label, **params)
    for ax, label, lim in ((axes[0], f_label, ylim), (axes[1], d_label, dylim)):
        zero_axes(ax)
        ax.set(xlabel="$x$", ylabel=label, xlim=X_RANGE)
        if lim is not None:
            ax.set_ylim(lim)
        ax.legend(loc="best")
    axes[0].set_title("function")
    axes[1].set_title("derivative")
    if title:
        fig.suptitle(title)
    return fig, axes, (f_line, d_line)


def shade_where(
    ax: Axes, x: ArrayLike, mask: ArrayLike, *, label: str | None = None, color: str = "0.6"
) -> list:
    """Shade the x intervals where ``mask`` is true (e.g. a saturated region); returns the spans."""
    x = np.asarray(x)
    mask = np.asarray(mask, dtype=bool)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.view(np.int8), [0]))))
    spans = []
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        span = ax.axvspan(
            x[start],
            x[stop - 1],
            color=color,
            alpha=0.22,
            linewidth=0,
            label=label if not spans else None,
        )
        spans.append(span)
    return spans


def mark_point(ax: Axes, x: float, y: float, *, color: str = COLORS[6], **kw) -> Line2D:
    """A round marker at (x, y); returns it (move it with ``set_data([x], [y])``)."""
    (marker,) = ax.plot([x], [y], "o", color=color, zorder=5, **kw)
    return marker


def data_limits(
    curves: Sequence[ArrayLike], *, pad: float = 0.08, include: Sequence[float] = (0.0,)
) -> tuple[float, float]:
    """y limits that keep every curve in view, padded by a fraction of the span.

    Examples
    --------
    >>> data_limits([[0.0, 1.0], [-1.0, 0.5]], pad=0.1)
    (-1.2, 1.2)
    """
    values = np.concatenate([np.ravel(np.asarray(c, dtype=float)) for c in curves] + [include])
    values = values[np.isfinite(values)]
    low, high = float(values.min()), float(values.max())
    span = high - low if high > low else 1.0
    return low - pad * span, high + pad * span


def overlay(
    curves: Sequence[tuple[str, Callable[..., np.ndarray], Callable[..., np.ndarray]]],
    *,
    title: str | None = None,
    ylim: tuple[float, float] = (-2.0, 6.0),
    dylim: tuple[float, float] = (-0.1, 1.2),
    fig: Figure | None = None,
) -> tuple[Figure, np.ndarray, list[tuple[Line2D, Line2D]]]:
    """Several activations (left) and their derivatives (right, dashed) on one pair of axes.

    ``curves`` holds ``(label, function, derivative)`` triples, called with default parameters,
    or ``(label, function, derivative, color)`` to give the colour (the catalogue's). Returns
    the figure, its two axes and the (function, derivative) line pair of each curve.
    """
    if fig is None:
        fig, axes = new_figure(2, figsize=(7.2, 3.8))
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    x = x_grid()
    drawn = []
    for curve, default_color in zip(curves, COLORS * len(curves), strict=False):
        label, func, derivative = curve[:3]
        color = curve[3] if len(curve) > 3 else default_color
        (f_line,) = axes[0].plot(x, func(x), color=color, label=label)
        (d_line,) = axes[1].plot(x, derivative(x), color=color, linestyle="--", label=label)
        drawn.append((f_line, d_line))
    for ax, label, lim in ((axes[0], "$f(x)$", ylim), (axes[1], "$f'(x)$", dylim)):
        zero_axes(ax)
        ax.set(xlabel="$x$", ylabel=label, xlim=X_RANGE, ylim=lim)
    axes[0].set_title("functions")
    axes[1].set_title("derivatives")
    axes[0].legend(loc="upper left", fontsize="small")
    if title:
        fig.suptitle(title)
    return fig, axes, drawn


# --- used by 06-elu ---


def x_grid_with_break(at: float = 0.0, n: int = 601, *, side: str = "left") -> np.ndarray:
    """:func:`x_grid` with a gap at ``at``, so that a curve that jumps there is not joined up.

    A NaN (which every activation passes through, so the line breaks) separates the two sides.
    ``side`` says which piece the grid point ``at`` belongs to: ``"left"`` for a derivative that
    takes its left-hand value there (ELU's, ``alpha`` at 0: 06-elu.ipynb; the float just above
    ``at`` then starts the right piece), ``"right"`` for one that takes its right-hand value (the
    ReLU family's, 1 at 0: 03, 04 and 05; the left piece ends at the grid point before ``at``,
    a gap of a 600th of the plot).

    Examples
    --------
    >>> x = x_grid_with_break()
    >>> x.size, float(x[300]), bool(np.isnan(x[301])), bool(0.0 < x[302] < 1e-300)
    (603, 0.0, True, True)
    >>> x = x_grid_with_break(side="right")
    >>> x.size, round(float(x[299]), 6), bool(np.isnan(x[300])), float(x[301])
    (602, -0.02, True, 0.0)
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
    """Mark a jump at ``x``: a filled dot at the value taken there, an open dot at the other limit.

    Returns the two markers (move them with ``set_data([x], [y])``).
    """
    (filled,) = ax.plot([x], [attained], "o", color=color, zorder=6)
    (hollow,) = ax.plot(
        [x], [limit], "o", markerfacecolor="white", markeredgecolor=color, mew=2, zorder=6
    )
    return filled, hollow


def function_and_derivative_family(
    func: Callable[..., np.ndarray],
    derivative: Callable[..., np.ndarray],
    name: str,
    values: Sequence[float],
    *,
    symbol: str = "f",
    param_label: str | None = None,
    x: ArrayLike | None = None,
    title: str | None = None,
    ylim: tuple[float, float] | None = None,
    dylim: tuple[float, float] | None = None,
    fig: Figure | None = None,
) -> tuple[Figure, np.ndarray, list[tuple[Line2D, Line2D]]]:
    """The standard figure for several values of one parameter: one colour per value.

    The function is solid (left) and the derivative dashed (right), as everywhere in the series.
    Pass ``x=x_grid_with_break()`` for a derivative that jumps at 0.

    Parameters
    ----------
    func, derivative : callables ``f(x, **{name: value})``
    name : the keyword of the parameter, e.g. ``"alpha"``.
    values : the parameter values, one curve each.
    symbol : the LaTeX symbol of the function.
    param_label : the parameter in the legend as LaTeX, e.g. ``r"\\alpha"`` (default: ``name``).
    x, title, ylim, dylim, fig : as in :func:`function_and_derivative`.

    Returns
    -------
    fig, axes, [(function_line, derivative_line) per value]

    Examples
    --------
    >>> from helpers.activations import elu, elu_derivative
    >>> fig, axes, lines = function_and_derivative_family(
    ...     elu, elu_derivative, "alpha", [0.5, 1.0], param_label=r"\\alpha")
    >>> [line.get_label() for line, _ in lines]
    ['$\\\\alpha = 0.5$', '$\\\\alpha = 1$']
    >>> plt.close(fig)
    """
    if fig is None:
        fig, axes = new_figure(2)
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    x = x_grid() if x is None else np.asarray(x)
    shown = param_label or name
    drawn = []
    for value, color in zip(values, COLORS, strict=False):
        label = f"${shown} = {value:g}$"
        (f_line,) = axes[0].plot(x, func(x, **{name: value}), color=color, label=label)
        (d_line,) = axes[1].plot(
            x, derivative(x, **{name: value}), color=color, linestyle="--", label=label
        )
        drawn.append((f_line, d_line))
    for ax, label, lim in (
        (axes[0], f"${symbol}(x)$", ylim),
        (axes[1], f"${symbol}'(x)$", dylim),
    ):
        zero_axes(ax)
        ax.set(xlabel="$x$", ylabel=label, xlim=X_RANGE)
        if lim is not None:
            ax.set_ylim(lim)
        ax.legend(loc="upper left", fontsize="small")
    axes[0].set_title("function")
    axes[1].set_title("derivative")
    if title:
        fig.suptitle(title)
    return fig, axes, drawn


def output_distributions(
    samples: dict[str, ArrayLike],
    *,
    bins: ArrayLike,
    ax: Axes | None = None,
    ylim: tuple[float, float] | None = None,
    xlabel: str = "output",
    legend_loc: str = "upper right",
) -> dict[str, tuple]:
    """Histograms of unit outputs (share of the samples per bin) with their means as lines.

    ``samples`` maps a label to the outputs of one kind of unit. A bin taller than ``ylim``
    is cut at the top and labelled with its true height (ReLU puts half of standard-normal
    inputs at exactly 0); the label sits left of the bar. Returns, per label, the outline and
    the mean line.

    Examples
    --------
    >>> drawn = output_distributions({"a": [0.0, 1.0], "b": [0.5, 0.5]}, bins=[0, 0.5, 1.5])
    >>> [float(mean.get_xdata()[0]) for _, mean in drawn.values()]
    [0.5, 0.5]
    >>> plt.close("all")
    """
    ax = plt.gca() if ax is None else ax
    bins = np.asarray(bins, dtype=float)
    drawn = {}
    top = 0.0
    for (label, values), color in zip(samples.items(), COLORS, strict=False):
        values = np.ravel(np.asarray(values, dtype=float))
        counts, _ = np.histogram(values, bins=bins)
        share = counts / values.size
        top = max(top, float(share.max()))
        outline = ax.stairs(share, bins, color=color, linewidth=2, fill=False, label=label)
        ax.stairs(share, bins, color=color, alpha=0.18, fill=True)
        mean = float(values.mean())
        mean_line = ax.axvline(
            mean, color=color, linestyle=":", linewidth=2, label=f"mean {mean:.3f}"
        )
        drawn[label] = (outline, mean_line)
        if ylim is not None:
            for i in np.flatnonzero(share > ylim[1]):
                ax.annotate(  # left of the cut bar: the legend sits on the right
                    f"{share[i]:.0%} \u2191",
                    (bins[i], ylim[1]),
                    xytext=(-4, -4),
                    textcoords="offset points",
                    ha="right",
                    va="top",
                    color=color,
                    fontsize="small",
                    fontweight="bold",
                )
    zero_axes(ax)
    ax.set(xlabel=xlabel, ylabel="share of samples per bin", xlim=(bins[0], bins[-1]))
    ax.set_ylim(ylim if ylim is not None else (0.0, 1.1 * top))
    ax.legend(loc=legend_loc, fontsize="small")
    return drawn


# --- used by 07-softmax ---

#: Colours of the softmax bar charts: scores (logits) and probabilities.
LOGIT_COLOR = COLORS[0]
PROBABILITY_COLOR = COLORS[2]


def _softmax(z: np.ndarray) -> np.ndarray:
    """Softmax along the last axis: :func:`helpers.activations.softmax`, imported when used."""
    from helpers.activations import softmax

    return softmax(z, axis=-1)


def bar_label_position(value: float, span: float) -> tuple[float, str]:
    """Where a bar's value goes: just above a positive bar, just below a negative one."""
    offset = 0.02 * span
    return (value + offset, "bottom") if value >= 0 else (value - offset, "top")


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
    """Scores (logits) as bars on the left, their softmax as bars on the right (07-softmax).

    The probability axis is fixed to 0..1 (with room for the labels) so that charts can be
    compared. Each bar carries its value. ``probabilities`` defaults to the softmax of ``z``.

    Returns
    -------
    fig, axes, {"logit_bars", "probability_bars", "logit_labels", "probability_labels"}

    Examples
    --------
    >>> fig, axes, drawn = logits_and_probabilities([3.0, 0.7, 0.5])
    >>> [t.get_text() for t in drawn["probability_labels"]]
    ['0.846', '0.085', '0.069']
    >>> tuple(float(v) for v in axes[1].get_ylim())
    (0.0, 1.15)
    >>> plt.close(fig)
    """
    z = np.asarray(z, dtype=float)
    p = _softmax(z) if probabilities is None else np.asarray(probabilities, dtype=float)
    if fig is None:
        fig, axes = new_figure(2, figsize=figsize)
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    classes = np.arange(1, z.size + 1)
    if zlim is None:
        zlim = data_limits([z], pad=0.25)
    zspan = zlim[1] - zlim[0]
    many = z.size > 5  # many bars: write the values upright so that they do not collide
    text_kw = {"fontsize": "small", "rotation": 90} if many else {"fontsize": "medium"}
    logit_bars = list(axes[0].bar(classes, z, color=LOGIT_COLOR, width=0.7))
    prob_bars = list(axes[1].bar(classes, p, color=PROBABILITY_COLOR, width=0.7))
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
        ax.set_xticks(classes)
        ax.set_xlim(0.4, z.size + 0.6)
        ax.grid(axis="x", visible=False)
        ax.set_xlabel("class $j$")
    axes[0].set(ylim=zlim, ylabel="score $z_j$", title="logits (any real numbers)")
    axes[1].set(ylim=(0.0, 1.15), ylabel=r"$\mathrm{softmax}(z)_j$", title="softmax (sums to 1)")
    axes[1].set_yticks(np.linspace(0.0, 1.0, 6))
    if title:
        fig.suptitle(title)
    drawn = {
        "logit_bars": logit_bars,
        "probability_bars": prob_bars,
        "logit_labels": logit_labels,
        "probability_labels": prob_labels,
    }
    return fig, axes, drawn


def softmax_slice(
    others: Sequence[float] = (0.0, 0.0),
    *,
    title: str | None = None,
    fig: Figure | None = None,
) -> tuple[Figure, np.ndarray, dict[str, Line2D]]:
    """Softmax's version of the standard figure: move one score, hold the others fixed.

    The first score :math:`z_1` runs over :data:`X_RANGE`; the other scores are ``others``.
    Left (solid): :math:`s_1` and :math:`s_2`. Right (dashed): the two entries of the
    Jacobian's first column, :math:`\\partial s_1/\\partial z_1 = s_1(1 - s_1)` and
    :math:`\\partial s_2/\\partial z_1 = -s_1 s_2`.

    Returns
    -------
    fig, axes, {"s1", "s2", "ds1", "ds2"}

    Examples
    --------
    >>> fig, axes, lines = softmax_slice()
    >>> round(float(np.max(lines["ds1"].get_ydata())), 4)
    0.25
    >>> plt.close(fig)
    """
    if fig is None:
        fig, axes = new_figure(2)
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    x = x_grid()
    others = np.asarray(others, dtype=float)
    z = np.column_stack([x, np.broadcast_to(others, (x.size, others.size))])
    s = _softmax(z)
    fixed = ", ".join(f"z_{k} = {v:g}" for k, v in enumerate(others, start=2))
    s2_label = "$s_2 = s_3$" if others.size == 2 and others[0] == others[1] else "$s_2$"
    (s1,) = axes[0].plot(x, s[:, 0], color=FUNCTION_COLOR, label="$s_1$")
    (s2,) = axes[0].plot(x, s[:, 1], color=COLORS[2], label=s2_label)
    (ds1,) = axes[1].plot(
        x,
        s[:, 0] * (1 - s[:, 0]),
        color=DERIVATIVE_COLOR,
        linestyle="--",
        label=r"$\partial s_1 / \partial z_1$",
    )
    (ds2,) = axes[1].plot(
        x,
        -s[:, 0] * s[:, 1],
        color=COLORS[3],
        linestyle="--",
        label=r"$\partial s_2 / \partial z_1$",
    )
    for ax in axes:
        zero_axes(ax)
        ax.set(xlabel=f"$z_1$  (${fixed}$)", xlim=X_RANGE)
        ax.legend(loc="best", fontsize="small")
    axes[0].set(ylabel="probability", ylim=(-0.05, 1.05), title="softmax")
    axes[1].set(ylabel="slope", title="derivatives (Jacobian column 1)")
    if title:
        fig.suptitle(title)
    return fig, axes, {"s1": s1, "s2": s2, "ds1": ds1, "ds2": ds2}


def entropy(p: ArrayLike, axis: int = -1) -> np.ndarray:
    """Shannon entropy in nats, :math:`-\\sum_j p_j \\ln p_j`, with :math:`0 \\ln 0 = 0`.

    Examples
    --------
    >>> round(float(entropy([0.5, 0.5])), 4), float(entropy([1.0, 0.0]))
    (0.6931, 0.0)
    """
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(p * np.log(safe), axis=axis) + 0.0  # + 0.0 turns -0.0 into 0.0


def temperature_sweep(
    z: ArrayLike,
    temperatures: ArrayLike | None = None,
    *,
    title: str | None = None,
    fig: Figure | None = None,
) -> tuple[Figure, np.ndarray, dict[str, list[Line2D] | Line2D]]:
    """Softmax of ``z / T`` as the temperature T grows (log axis): probabilities and entropy.

    Left: one line per class, from one-hot (small T) to uniform (large T). Right: the entropy
    in nats, from 0 to its maximum :math:`\\ln K`.

    Returns
    -------
    fig, axes, {"probabilities": [one line per class], "entropy": line}

    Examples
    --------
    >>> fig, axes, drawn = temperature_sweep([3.0, 0.7, 0.5])
    >>> len(drawn["probabilities"]), axes[0].get_xscale()
    (3, 'log')
    >>> plt.close(fig)
    """
    z = np.asarray(z, dtype=float)
    t = np.geomspace(0.05, 50.0, 301) if temperatures is None else np.asarray(temperatures)
    p = _softmax(z[None, :] / t[:, None])
    if fig is None:
        fig, axes = new_figure(2)
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    lines = [
        axes[0].plot(t, p[:, j], color=COLORS[j % len(COLORS)], label=f"$s_{j + 1}$")[0]
        for j in range(z.size)
    ]
    axes[0].axhline(1 / z.size, color="0.45", linewidth=1, linestyle=":", label=f"$1/{z.size}$")
    (h_line,) = axes[1].plot(t, entropy(p), color=FUNCTION_COLOR, label="$H$")
    axes[1].axhline(
        np.log(z.size), color="0.45", linewidth=1, linestyle=":", label=f"$\\ln {z.size}$"
    )
    for ax in axes:
        ax.set_xscale("log")
        ax.axvline(1.0, color="0.45", linewidth=0.9, zorder=1)
        ax.set(xlabel="temperature $T$", xlim=(t[0], t[-1]))
        ax.legend(loc="best", fontsize="small")
    axes[0].set(ylabel=r"$\mathrm{softmax}(z/T)_j$", ylim=(-0.03, 1.03), title="probabilities")
    axes[1].set(
        ylabel="entropy $H$ (nats)",
        ylim=(-0.05 * np.log(z.size), 1.1 * np.log(z.size)),
        title="entropy",
    )
    if title:
        fig.suptitle(title)
    return fig, axes, {"probabilities": lines, "entropy": h_line}


def matrix_heatmap(
    matrix: ArrayLike,
    *,
    ax: Axes | None = None,
    fmt: str = "{:.3f}",
    row_label: str = "i",
    col_label: str = "j",
    title: str | None = None,
    vmax: float | None = None,
):
    """A small matrix as a heat map centred on 0 (blue negative, red positive), values written in.

    The colours run from ``-vmax`` to ``vmax`` (default: the largest absolute entry); pass the
    same ``vmax`` to heat maps that should be compared. Returns the image (``AxesImage``).

    Examples
    --------
    >>> image = matrix_heatmap([[0.25, -0.25], [-0.25, 0.25]])
    >>> image.get_clim()
    (-0.25, 0.25)
    >>> plt.close("all")
    """
    ax = plt.gca() if ax is None else ax
    m = np.asarray(matrix, dtype=float)
    bound = (float(np.max(np.abs(m))) if vmax is None else float(vmax)) or 1.0
    image = ax.imshow(m, cmap="RdBu_r", vmin=-bound, vmax=bound)
    for (i, j), value in np.ndenumerate(m):
        dark = abs(value) > 0.6 * bound
        ax.text(
            j, i, fmt.format(value), ha="center", va="center", color="white" if dark else "black"
        )
    rows, cols = m.shape
    ax.set_xticks(range(cols), [str(j + 1) for j in range(cols)])
    ax.set_yticks(range(rows), [str(i + 1) for i in range(rows)])
    ax.set(xlabel=f"${col_label}$", ylabel=f"${row_label}$")
    ax.grid(visible=False)
    if title:
        ax.set_title(title)
    return image


# --- used by 02-relu ---


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

    The function has no derivative at ``x0``; every slope between the two one-sided ones is a
    *subgradient* there. The interval is drawn as a broad translucent bar, and each entry of
    ``conventions`` (a label and the value some code returns at ``x0``) as a marker on it. If
    ``line`` (a derivative drawn over a grid) is given, it is broken at ``x0`` so that no false
    vertical segment joins the two sides.

    Returns the artists by name: ``"interval"`` and one marker per convention label.

    Examples
    --------
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
    drawn = {}
    (drawn["interval"],) = ax.plot(
        [x0, x0],
        [low, high],
        color=COLORS[4],
        linewidth=10,
        alpha=0.45,
        solid_capstyle="butt",
        zorder=4,
        label=label,
    )
    markers = ("o", "s", "D", "^", "v")
    colors = (COLORS[6], COLORS[2], COLORS[3], COLORS[5], COLORS[0])
    for k, (name, value) in enumerate((conventions or {}).items()):
        (drawn[name],) = ax.plot(
            [x0],
            [value],
            linestyle="none",
            marker=markers[k % len(markers)],
            markersize=9,
            markeredgecolor="white",
            color=colors[k % len(colors)],
            zorder=6,
            label=name,
        )
    return drawn


# --- used by 03-leaky-relu ---


def training_curves(
    curves: dict[str, ArrayLike],
    ax: Axes | None = None,
    *,
    logy: bool = True,
    xlabel: str = "gradient-descent step",
    ylabel: str = "loss",
    title: str | None = None,
) -> list[Line2D]:
    """One line per run (label -> the loss after each step), on a log scale by default.

    Returns the lines, in the order of ``curves``; they share the series' colours.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> lines = training_curves({"a": [1.0, 0.5, 0.25], "b": [1.0, 1.0, 1.0]}, ax)
    >>> [line.get_label() for line in lines], ax.get_yscale()
    (['a', 'b'], 'log')
    """
    ax = plt.gca() if ax is None else ax
    styles = ("-", "--", "-.", ":")
    lines = []
    for k, (label, values) in enumerate(curves.items()):
        values = np.asarray(values, dtype=float)
        (line,) = ax.plot(
            np.arange(values.size),
            values,
            color=COLORS[k % len(COLORS)],
            linestyle=styles[k % len(styles)],
            label=label,
        )
        lines.append(line)
    if logy:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="best")
    return lines


# --- used by 04-prelu ---


class SlopePaths(NamedTuple):
    """What :func:`prelu_slope_paths` drew: the lines and the markers of where each run settles."""

    channelwise: list[Line2D]
    shared: Line2D
    settle: list[Line2D]


def prelu_slope_paths(
    channelwise: ArrayLike,
    shared: ArrayLike,
    ax: Axes | None = None,
    *,
    settle: tuple[ArrayLike, ArrayLike] | None = None,
    teacher: ArrayLike | None = None,
    ylim: tuple[float, float] = (-0.3, 1.3),
    title: str | None = None,
) -> SlopePaths:
    """PReLU slopes over the training iterations (04-prelu.ipynb).

    Parameters
    ----------
    channelwise : array of shape ``(iterations + 1, channels)``
        One slope per channel at every iteration: one solid coloured line per channel.
    shared : array of shape ``(iterations + 1,)`` or ``(iterations + 1, 1)``
        The channel-shared slope: a black dashed line.
    settle : (channel-wise values, shared value), optional
        Where the runs settle (the optimum): triangles just right of the last iteration.
    teacher : the slopes that made the data, optional; thin grey dotted lines.
    ylim : fixed y limits (the learning explorer moves the lines within them).

    Returns
    -------
    SlopePaths
        The channel lines, the shared line and the settle markers (channels first).
    """
    ax = plt.gca() if ax is None else ax
    channelwise = np.asarray(channelwise, dtype=float)
    shared = np.asarray(shared, dtype=float).reshape(-1)
    steps = np.arange(channelwise.shape[0])
    last = steps[-1]
    colors = [COLORS[i % 6] for i in range(channelwise.shape[1])]
    if teacher is not None:
        for i, value in enumerate(np.ravel(teacher)):
            label = "teacher's slopes" if i == 0 else None
            ax.axhline(value, color="0.4", linewidth=1.2, linestyle=":", zorder=1, label=label)
    ax.axhline(0.0, color="0.45", linewidth=0.9, zorder=1)
    lines = [
        ax.plot(steps, channelwise[:, i], color=color, label=f"channel {i + 1}")[0]
        for i, color in enumerate(colors)
    ]
    (shared_line,) = ax.plot(steps, shared, color=COLORS[6], linestyle="--", label="shared")
    markers = []
    if settle is not None:
        values = [*np.ravel(settle[0]), float(np.ravel(settle[1])[0])]
        for value, color in zip(values, [*colors, COLORS[6]], strict=True):
            markers.append(ax.plot([last * 1.04], [value], "<", color=color, clip_on=False)[0])
        markers[-1].set_label("where it settles")
    ax.set(xlim=(0, last * 1.07), ylim=ylim, xlabel="iteration", ylabel="slope $a$")
    if title:
        ax.set_title(title)
    return SlopePaths(lines, shared_line, markers)


# --- used by 05-rrelu ---

#: Bin edges of RReLU's slope histograms: slopes from 0 to 0.7 in steps of 0.0125.
SLOPE_EDGES = np.linspace(0.0, 0.7, 57)


def rrelu_band_vertices(
    lower: float, upper: float, *, derivative: bool = False, x_min: float = X_RANGE[0]
) -> np.ndarray:
    """Corners of the region RReLU's training outputs (or slopes) fill for x < 0.

    For the function, the triangle between the lines ``x / lower`` and ``x / upper``; for the
    derivative, the rectangle between the slopes ``1 / upper`` and ``1 / lower``.

    Examples
    --------
    >>> rrelu_band_vertices(3.0, 6.0)
    array([[ 0.,  0.],
           [-6., -2.],
           [-6., -1.]])
    """
    if derivative:
        return np.array(
            [[x_min, 1 / upper], [0.0, 1 / upper], [0.0, 1 / lower], [x_min, 1 / lower]]
        )
    return np.array([[0.0, 0.0], [x_min, x_min / lower], [x_min, x_min / upper]])


def rrelu_band(
    ax: Axes,
    lower: float,
    upper: float,
    *,
    derivative: bool = False,
    color: str = COLORS[2],
    label: str | None = "training: anywhere in the band",
) -> Polygon:
    """Shade where RReLU's outputs (or slopes) can fall in training, for x < 0; returns the patch.

    Move it with ``patch.set_xy(rrelu_band_vertices(lower, upper, derivative=...))``.
    """
    patch = Polygon(
        rrelu_band_vertices(lower, upper, derivative=derivative),
        closed=True,
        facecolor=color,
        edgecolor=color,
        alpha=0.3,
        linewidth=1.0,
        label=label,
        zorder=2,
    )
    ax.add_patch(patch)
    return patch


class SlopeHistogram(NamedTuple):
    """What :func:`slope_histogram` drew."""

    bars: StepPatch
    density: Line2D
    eval_line: Line2D
    mean_line: Line2D


def histogram_density(samples: ArrayLike, edges: ArrayLike = SLOPE_EDGES) -> np.ndarray:
    """Heights of a density histogram (area 1 over the samples that fall inside the edges).

    >>> histogram_density([0.1, 0.1, 0.3, 0.3], edges=[0.0, 0.2, 0.4])
    array([2.5, 2.5])
    """
    samples = np.asarray(samples, dtype=float).ravel()
    edges = np.asarray(edges, dtype=float)
    counts, _ = np.histogram(samples, edges)
    return counts / (samples.size * np.diff(edges))


def slope_histogram(
    slopes: ArrayLike,
    ax: Axes | None = None,
    *,
    density: tuple[ArrayLike, ArrayLike] | None = None,
    eval_slope: float | None = None,
    mean_slope: float | None = None,
    edges: ArrayLike = SLOPE_EDGES,
    ylim: tuple[float, float] = (0.0, 16.0),
    color: str = COLORS[2],
    title: str | None = None,
) -> SlopeHistogram:
    """A density histogram of sampled negative-side slopes, with the slopes that matter (05-rrelu).

    Parameters
    ----------
    slopes : the sampled slopes (e.g. ``1 / a`` for RReLU's divisors ``a``).
    density : ``(s, p(s))``, the exact density to draw over the bars (optional).
    eval_slope : the slope used in evaluation: a solid vertical line (optional).
    mean_slope : the mean slope in training: a dashed vertical line (optional).
    edges, ylim : fixed bins and y limits.

    Returns
    -------
    SlopeHistogram
        The bars (a filled :class:`~matplotlib.patches.StepPatch`: move with ``set_data``), the
        density line and the two vertical lines (empty when not given).
    """
    ax = plt.gca() if ax is None else ax
    slopes = np.asarray(slopes, dtype=float).ravel()
    edges = np.asarray(edges, dtype=float)
    bars = ax.stairs(
        histogram_density(slopes, edges),
        edges,
        fill=True,
        color=color,
        alpha=0.45,
        label="sampled slopes",
    )
    s, p = density if density is not None else ([], [])
    (curve,) = ax.plot(s, p, color=COLORS[6], linewidth=1.6, label="exact density")
    # the vertical lines stop below the top, leaving room for a legend in the upper right
    marker_height = [ylim[0], ylim[0] + 0.6 * (ylim[1] - ylim[0])]
    (eval_line,) = ax.plot(
        [eval_slope] * 2 if eval_slope is not None else [],
        marker_height if eval_slope is not None else [],
        color=COLORS[1],
        linewidth=2.4,
        label="evaluation slope",
    )
    (mean_line,) = ax.plot(
        [mean_slope] * 2 if mean_slope is not None else [],
        marker_height if mean_slope is not None else [],
        color=COLORS[0],
        linewidth=2.4,
        linestyle="--",
        label="mean training slope",
    )
    ax.set(xlim=(edges[0], edges[-1]), ylim=ylim, xlabel="slope for $x < 0$", ylabel="density")
    if title:
        ax.set_title(title)
    return SlopeHistogram(bars, curve, eval_line, mean_line)


# --- used by 08-vanishing-gradients ---

#: Colour and line style of each activation in the labs 08 and 09, keyed by its label
#: (the labels of :data:`helpers.networks.LABELS` and :data:`helpers.networks.RACE_ENTRIES`).
LAB_STYLES = {
    "sigmoid": (COLORS[0], "-"),
    "tanh": (COLORS[5], "--"),
    "ReLU": (COLORS[1], "-"),
    "leaky ReLU": (COLORS[4], "--"),
    "PReLU shared": (COLORS[2], "-"),
    "PReLU channel-wise": (COLORS[2], "--"),
    "RReLU": (COLORS[3], "-."),
    "ELU": (COLORS[6], "-"),
}


def lab_style(label: str, index: int = 0) -> dict[str, str]:
    """``color`` and ``linestyle`` for an activation's label (a fallback colour for others).

    Examples
    --------
    >>> lab_style("ReLU")
    {'color': '#D55E00', 'linestyle': '-'}
    >>> lab_style("something else", index=1)["color"] == COLORS[1]
    True
    """
    color, linestyle = LAB_STYLES.get(label, (COLORS[index % len(COLORS)], "-"))
    return {"color": color, "linestyle": linestyle}


def clip_to(values: ArrayLike, limits: tuple[float, float]) -> np.ndarray:
    """Values clipped into ``limits`` for display on a fixed log axis (0 and NaN go to the bottom).

    Examples
    --------
    >>> clip_to([0.0, 1e-30, 0.5, 1e9, np.nan], (1e-20, 1e3)).tolist()
    [1e-20, 1e-20, 0.5, 1000.0, 1e-20]
    """
    values = np.asarray(values, dtype=float)
    low, high = limits
    return np.clip(np.where(np.isfinite(values) & (values > 0), values, low), low, high)


class GradientProfile(NamedTuple):
    """What :func:`gradient_profile` drew: one line per activation and the 0.25ⁿ line."""

    lines: dict[str, Line2D]
    bound: Line2D


def gradient_profile(
    norms: dict[str, ArrayLike],
    ax: Axes | None = None,
    *,
    max_depth: int | None = None,
    ylim: tuple[float, float] = (1e-20, 1e4),
    bound: float | None = 0.25,
    ylabel: str = r"$\|\partial E/\partial W_l\|\;/\;\|\partial E/\partial W_L\|$",
    title: str | None = None,
    logy: bool = True,
    legend: bool = True,
) -> GradientProfile:
    """Gradient norm of every hidden layer on a log scale, one line per activation (08).

    Each line is divided by its value at the last hidden layer L, so it ends at 1 and its
    slope shows how the gradient shrinks (or grows) on its way to the input. Values outside
    ``ylim`` are clipped to its edges. ``bound`` draws :math:`0.25^{L-l}`, the factor that
    sigmoid slopes alone apply on the way down from layer L (their best case).
    ``logy=False`` gives a linear axis (for a close-up near 1); ``legend=False`` leaves the
    legend to the caller.

    Returns
    -------
    GradientProfile
        The lines (label -> line; move them with ``set_data``) and the bound line.
    """
    ax = plt.gca() if ax is None else ax
    depth = max(np.size(v) for v in norms.values())
    max_depth = depth if max_depth is None else max_depth
    layers = np.arange(1, depth + 1)
    (bound_line,) = ax.plot(
        layers if bound else [],
        clip_to(bound ** (depth - layers), ylim) if bound else [],
        color="0.25",
        linestyle=":",
        linewidth=2.6,
        zorder=4,
        label=rf"${bound:g}^{{L-l}}$ (sigmoid's best case)" if bound else None,
    )
    lines = {}
    for k, (label, values) in enumerate(norms.items()):
        values = np.asarray(values, dtype=float)
        (lines[label],) = ax.plot(
            layers,
            clip_to(values / values[-1], ylim),
            marker="o",
            markersize=4,
            label=label,
            **lab_style(label, k),
        )
    if logy:
        ax.set_yscale("log")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(
        xlim=(0.5, max_depth + 0.5),
        ylim=ylim,
        xlabel="hidden layer $l$ (1 = next to the input)",
        ylabel=ylabel,
    )
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="lower right", ncols=2)
    return GradientProfile(lines, bound_line)


def gradient_profiles(
    norms: dict[str, ArrayLike],
    *,
    ylim: tuple[float, float] = (1e-7, 1e2),
    zoom: tuple[float, float] = (0.6, 1.6),
    fig: Figure | None = None,
    title: str | None = None,
) -> tuple[Figure, np.ndarray, tuple[GradientProfile, GradientProfile]]:
    """:func:`gradient_profile` twice: every curve on a log scale (left), and a linear close-up
    of the curves that stay within ``zoom`` (right), with one legend below both (08).

    Examples
    --------
    >>> norms = {"sigmoid": [1e-4, 1e-2, 1.0], "ReLU": [1.2, 1.1, 1.0]}
    >>> fig, axes, (left, right) = gradient_profiles(norms)
    >>> list(left.lines), list(right.lines), axes[1].get_yscale()
    (['sigmoid', 'ReLU'], ['ReLU'], 'linear')
    >>> plt.close(fig)
    """
    if fig is None:
        fig, axes = new_figure(2, figsize=(7.2, 4.2))
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    left = gradient_profile(norms, axes[0], ylim=ylim, legend=False, title="on a log scale")
    close = {}
    for label, values in norms.items():
        values = np.asarray(values, dtype=float)
        relative = values / values[-1]
        if np.all((zoom[0] <= relative) & (relative <= zoom[1])):
            close[label] = values
    right = gradient_profile(
        close,
        axes[1],
        ylim=zoom,
        bound=None,
        logy=False,
        legend=False,
        ylabel="",
        title="close to 1, magnified",
    )
    for label in close:  # the same look as on the left
        right.lines[label].set(**lab_style(label, list(norms).index(label)))
    for ax in axes:
        ax.set_xlabel("hidden layer $l$ (1 = input side)")
    handles = [left.bound, *left.lines.values()]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize="small")
    if title:
        fig.suptitle(title)
    return fig, axes, (left, right)


# --- used by 09-training-race ---


def class_scatter(
    x: ArrayLike, labels: ArrayLike, ax: Axes | None = None, *, size: float = 14, title=None
) -> list:
    """The points of a 2-D classification problem, one colour per class; returns the scatters.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> len(class_scatter([[0, 0], [1, 1], [2, 0]], [0, 1, 1], ax))
    2
    """
    ax = plt.gca() if ax is None else ax
    x, labels = np.asarray(x, dtype=float), np.asarray(labels)
    drawn = [
        ax.scatter(
            *x[labels == c].T,
            s=size,
            color=CLASS_COLORS[int(c) % len(CLASS_COLORS)],
            edgecolors="white",
            linewidths=0.4,
            label=f"class {int(c)}",
            zorder=3,
        )
        for c in np.unique(labels)
    ]
    ax.set_aspect("equal")
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    if title:
        ax.set_title(title)
    return drawn


#: Colours of the classes of the race's toy problem (points; the regions use them pale).
CLASS_COLORS = (COLORS[0], COLORS[1], COLORS[2])


def decision_regions(
    predict: Callable[[np.ndarray], np.ndarray],
    ax: Axes | None = None,
    *,
    extent: tuple[float, float, float, float] = (-1.25, 1.25, -1.25, 1.25),
    resolution: int = 160,
):
    """Colour the plane by the class ``predict`` gives each point (pale class colours).

    ``predict`` maps an ``(n, 2)`` array of points to ``n`` class indices. Returns the image.
    """
    from matplotlib.colors import ListedColormap, to_rgb

    ax = plt.gca() if ax is None else ax
    x0, x1, y0, y1 = extent
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    classes = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)
    pale = [tuple(0.72 + 0.28 * np.asarray(to_rgb(c))) for c in CLASS_COLORS]
    return ax.imshow(
        classes,
        origin="lower",
        extent=extent,
        cmap=ListedColormap(pale),
        vmin=-0.5,
        vmax=len(pale) - 0.5,
        interpolation="bilinear",
        interpolation_stage="rgba",  # blend colours, not class numbers, at the boundaries
        zorder=1,
    )


def decision_boundaries(
    predictors: dict[str, Callable[[np.ndarray], np.ndarray] | None],
    x: ArrayLike,
    labels: ArrayLike,
    *,
    notes: dict[str, str] | None = None,
    ncols: int = 4,
    fig: Figure | None = None,
    extent: tuple[float, float, float, float] = (-1.25, 1.25, -1.25, 1.25),
    resolution: int = 160,
) -> tuple[Figure, np.ndarray]:
    """One panel per network: the class it predicts over the plane, with the data on top (09).

    A predictor of None shows the data alone. ``notes`` adds a line under a panel's title (e.g.
    the accuracy). Returns the figure and the flat array of axes.
    """
    n = len(predictors)
    nrows = int(np.ceil(n / ncols))
    if fig is None:
        fig, axes = new_figure(ncols, nrows=nrows, figsize=(7.2, 7.2 / ncols * nrows + 0.5))
    else:
        axes = np.asarray(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, (label, predict) in zip(axes, predictors.items(), strict=False):
        if predict is not None:
            decision_regions(predict, ax, extent=extent, resolution=resolution)
        class_scatter(x, labels, ax, size=5 if n > 2 else 12)
        ax.set(xlim=extent[:2], ylim=extent[2:], xticks=[], yticks=[], xlabel="", ylabel="")
        ax.grid(False)
        note = (notes or {}).get(label)
        ax.set_title(label if note is None else f"{label}\n{note}", fontsize="medium")
    for ax in axes[n:]:
        ax.set_visible(False)
    return fig, axes


class RaceLines(NamedTuple):
    """What :func:`race_losses` drew: one line per entry and the target line."""

    lines: dict[str, Line2D]
    target: Line2D


def race_losses(
    losses: dict[str, ArrayLike],
    ax: Axes | None = None,
    *,
    target: float | None = None,
    epochs: int | None = None,
    ylim: tuple[float, float] = (1e-2, 3.0),
    title: str | None = None,
    legend: bool = True,
    baseline: tuple[str, float] | None = None,
) -> RaceLines:
    """Loss per epoch for each entry of the race, on a log scale with fixed limits (09).

    ``target`` draws the target loss as a grey dashed line; ``baseline`` is a ``(label,
    loss)`` drawn as a grey dotted line (e.g. the best linear classifier). Values outside
    ``ylim`` are clipped; a run that diverged (NaN) simply ends.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> drawn = race_losses({"ReLU": [1.0, 0.5, 0.2]}, ax, target=0.3)
    >>> list(drawn.lines), drawn.target.get_ydata().tolist(), [float(v) for v in ax.get_ylim()]
    (['ReLU'], [0.3, 0.3], [0.01, 3.0])
    """
    ax = plt.gca() if ax is None else ax
    lines = {}
    for k, (label, values) in enumerate(losses.items()):
        values = np.asarray(values, dtype=float)
        shown = np.where(np.isfinite(values), np.clip(values, *ylim), np.nan)
        (lines[label],) = ax.plot(np.arange(values.size), shown, label=label, **lab_style(label, k))
    longest = max((np.size(v) for v in losses.values()), default=1)
    (target_line,) = ax.plot(
        [0, epochs or longest],
        [target, target] if target is not None else [np.nan, np.nan],
        color="0.35",
        linewidth=1.2,
        linestyle=(0, (6, 3)),
        label="target" if target is not None else None,
        zorder=1,
    )
    if baseline is not None:
        ax.axhline(baseline[1], color="0.45", linewidth=1.4, linestyle=":", label=baseline[0])
    ax.set_yscale("log")
    ax.set(xlim=(0, epochs or longest), ylim=ylim, xlabel="epoch", ylabel="cross-entropy loss")
    if title:
        ax.set_title(title)
    if legend:  # below the axes, where it hides no curve
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=4, fontsize="small")
    return RaceLines(lines, target_line)


def train_and_eval_losses(
    training: ArrayLike,
    evaluation: ArrayLike,
    *,
    window: int = 25,
    fig: Figure | None = None,
    title: str | None = None,
) -> tuple[Figure, np.ndarray, list[Line2D]]:
    """RReLU's two losses over the epochs (left, log scale) and their difference (right) (09).

    The right panel shows training-mode minus evaluation-mode loss, epoch by epoch (thin) and
    as a running mean over ``window`` epochs (thick), with a line at 0.

    Returns the figure, its axes and the lines: training, evaluation, difference, running mean.

    Examples
    --------
    >>> fig, axes, lines = train_and_eval_losses([1.0, 0.6, 0.4], [0.9, 0.5, 0.35], window=2)
    >>> np.round(lines[2].get_ydata(), 2).tolist()
    [0.1, 0.1, 0.05]
    >>> plt.close(fig)
    """
    training = np.asarray(training, dtype=float)
    evaluation = np.asarray(evaluation, dtype=float)
    if fig is None:
        fig, axes = new_figure(2, figsize=(7.2, 3.4))
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    epochs = np.arange(training.size)
    (train_line,) = axes[0].plot(epochs, training, color=COLORS[3], label="training mode")
    (eval_line,) = axes[0].plot(epochs, evaluation, color=COLORS[6], label="evaluation mode")
    axes[0].set_yscale("log")
    axes[0].set(xlabel="epoch", ylabel="cross-entropy loss", title="the two losses")
    axes[0].legend(loc="upper right", fontsize="small")
    gap = training - evaluation
    kernel = np.ones(window) / window
    running = np.convolve(gap, kernel, mode="valid")
    (gap_line,) = axes[1].plot(epochs, gap, color=COLORS[3], linewidth=0.8, alpha=0.6)
    (mean_line,) = axes[1].plot(
        epochs[window - 1 :], running, color=COLORS[3], linewidth=2.6, label=f"mean of {window}"
    )
    zero_axes(axes[1])[1].remove()
    axes[1].set(xlabel="epoch", ylabel="training $-$ evaluation", title="the difference")
    axes[1].legend(loc="upper right", fontsize="small")
    if title:
        fig.suptitle(title)
    return fig, axes, [train_line, eval_line, gap_line, mean_line]


def slope_trajectories(
    slopes: Sequence[ArrayLike],
    ax: Axes | None = None,
    *,
    ylim: tuple[float, float] | None = None,
    title: str | None = None,
) -> list[Line2D]:
    """PReLU's learned slopes over the epochs, one colour per hidden layer (09).

    ``slopes[l]`` has one row per epoch and one column per slope: a single column (one slope
    shared by the layer) is drawn as a thick line; several (one per unit) as thin lines with
    their mean as a thick line. Returns the thick lines, one per layer.
    """
    ax = plt.gca() if ax is None else ax
    layer_colors = (COLORS[2], COLORS[3], COLORS[0], COLORS[1])
    thick = []
    for layer, values in enumerate(slopes):
        values = np.asarray(values, dtype=float)
        color = layer_colors[layer % len(layer_colors)]
        epochs = np.arange(values.shape[0])
        if values.shape[1] > 1:
            ax.plot(epochs, values, color=color, linewidth=0.6, alpha=0.35)
            mean, label = values.mean(axis=1), f"layer {layer + 1} (mean of {values.shape[1]})"
        else:
            mean, label = values[:, 0], f"layer {layer + 1}"
        thick.append(ax.plot(epochs, mean, color=color, linewidth=2.6, label=label)[0])
    ax.axhline(0.25, color="0.45", linewidth=1.0, linestyle=":", zorder=1)
    ax.axhline(0.0, color="0.45", linewidth=0.9, zorder=1)
    ax.set(xlabel="epoch", ylabel="slope $a$")
    if ylim is not None:
        ax.set_ylim(ylim)
    if title:
        ax.set_title(title)
    ax.legend(loc="best", fontsize="small")
    return thick


def prelu_trajectories(
    shared: Sequence[ArrayLike],
    channelwise: Sequence[ArrayLike],
    *,
    fig: Figure | None = None,
    title: str | None = None,
) -> tuple[Figure, np.ndarray, tuple[list[Line2D], list[Line2D]]]:
    """:func:`slope_trajectories` of a channel-shared run (left) and a channel-wise run (right),
    on the same y axis (09).

    Examples
    --------
    >>> shared = [np.linspace(0.25, 0.5, 11)[:, None]]
    >>> channelwise = [np.linspace([0.25, 0.25], [0.0, 0.6], 11)]
    >>> fig, axes, (left, right) = prelu_trajectories(shared, channelwise)
    >>> [line.get_label() for line in left + right]
    ['layer 1', 'layer 1 (mean of 2)']
    >>> plt.close(fig)
    """
    if fig is None:
        fig, axes = new_figure(2, figsize=(7.2, 3.6))
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    left = slope_trajectories(shared, axes[0], title="channel-shared: one $a$ per layer")
    right = slope_trajectories(channelwise, axes[1], title="channel-wise: one $a$ per unit")
    low = min(float(np.nanmin(v)) for v in [*shared, *channelwise])
    high = max(float(np.nanmax(v)) for v in [*shared, *channelwise])
    pad = 0.06 * (high - low or 1.0)
    for ax in axes:
        ax.set_ylim(min(low, 0.0) - pad, max(high, 0.25) + pad)
    if title:
        fig.suptitle(title)
    return fig, axes, (left, right)
