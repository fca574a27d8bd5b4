"""The series' one look: style, colours and the figures every notebook shares.

Every function takes ``ax=None`` (or ``fig=None``), draws, and returns what it drew. Nothing here
calls ``plt.show()`` or touches global state, except :func:`use_style` and :func:`lecture_mode`,
which a notebook calls once in its setup cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
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

    A derivative that jumps (ReLU's at 0) is drawn as a step, with a break at the jump.
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

    ``curves`` holds ``(label, function, derivative)`` triples, called with default parameters.
    Returns the figure, its two axes and the (function, derivative) line pair of each curve.
    """
    if fig is None:
        fig, axes = new_figure(2, figsize=(7.2, 3.8))
    else:
        axes = np.asarray(fig.subplots(1, 2)).ravel()
    x = x_grid()
    drawn = []
    for (label, func, derivative), color in zip(curves, COLORS, strict=False):
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
