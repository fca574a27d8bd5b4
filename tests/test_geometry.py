"""tools/geometry.py finds what does not read well in a figure, by the renderer's boxes.

Small synthetic figures, one per kind of problem, and clean ones that must give none. The
notebooks' own figures are checked in their kernels (tests/test_explorers.py, normal mode;
tests/test_lecture_mode.py, lecture mode).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from IPython.core.formatters import PNGFormatter
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tools import geometry


def new(**kw) -> tuple[Figure, object]:
    fig = Figure(figsize=kw.pop("figsize", (4.0, 3.0)), dpi=100, layout="constrained")
    return fig, fig.subplots(**kw)


def kinds(found: list[str]) -> dict[str, int]:
    return {k: n for k, n in geometry.count(found).items() if n}


def test_a_clean_figure_has_no_problems():
    fig, axes = new(ncols=2, figsize=(7.2, 3.3))
    x = np.linspace(-6, 6, 601)
    for ax, y, label in ((axes[0], np.tanh(x), r"$\tanh(x)$"), (axes[1], 1 - np.tanh(x) ** 2, "d")):
        ax.plot(x, y, label=label)
        ax.set(xlabel="$x$", ylabel=label, title="a title", ylim=(-1.2, 2.5))
        ax.legend(loc="upper left")  # nothing there: the curves stay below 1.0
        ax.annotate("a note", (3, -0.5))
    fig.suptitle("A suptitle")
    assert geometry.problems(fig, where="clean") == []


def test_overlapping_texts_are_named_with_their_overlap():
    fig, ax = new()
    ax.text(0.2, 0.5, "first", transform=ax.transAxes)
    ax.text(0.25, 0.5, "$\\sigma(x)$", transform=ax.transAxes)  # mathtext
    (found,) = geometry.problems(fig, where="fig A")
    assert found.startswith("fig A: overlapping texts: text 'first' and text '$\\sigma(x)$'")
    assert found.endswith(" px")


def test_texts_that_only_touch_are_not_reported():
    fig, ax = new()
    one = ax.text(0.2, 0.5, "left", transform=ax.transAxes)
    box = one.get_window_extent(FigureCanvasAgg(fig).get_renderer())
    ax.text(box.x1 - 0.5, box.y0, "right", transform=None)  # 0.5 px: anti-aliasing, not overlap
    assert geometry.problems(fig) == []


def test_rotated_texts_are_boxes_turned_with_them():
    """Two labels at 45° side by side: their upright boxes overlap, the texts do not."""
    fig, ax = new()
    ax.text(0.3, 0.5, "a long label", rotation=45, transform=ax.transAxes)
    ax.text(0.42, 0.5, "a long label", rotation=45, transform=ax.transAxes)
    assert geometry.problems(fig) == []
    ax.text(0.3, 0.5, "across it", rotation=-45, transform=ax.transAxes)
    assert kinds(geometry.problems(fig)) == {"overlapping texts": 2}


def test_crowded_tick_labels_overlap():
    fig, ax = new(figsize=(2.0, 2.0))
    ax.set_xticks(np.arange(12), [f"label {k}" for k in range(12)])
    found = geometry.problems(fig)
    assert kinds(found) == {"overlapping texts": len(found)}
    assert "x tick 'label 0' and x tick 'label 1'" in found[0]


def test_an_animated_text_is_checked_where_it_is():
    """A live figure's moving label is not drawn by a full draw, but it is checked."""
    fig, ax = new()
    ax.text(0.5, 0.5, "still", transform=ax.transAxes)
    moving = ax.text(0.9, 0.9, "moving", transform=ax.transAxes, animated=True)
    assert geometry.problems(fig) == []
    moving.set_position((0.52, 0.5))
    assert kinds(geometry.problems(fig)) == {"overlapping texts": 1}


def test_a_text_under_a_legend_but_not_its_own_texts():
    fig, ax = new()
    ax.plot([0, 1], [0, 0], label="a line")
    ax.set_ylim(-0.1, 1.0)  # the line runs along the bottom
    legend = ax.legend(loc="center")
    assert geometry.problems(fig) == []
    ax.text(0.5, 0.5, "hidden", ha="center", transform=ax.transAxes)
    (found,) = geometry.problems(fig)
    assert "text 'hidden' (axes 1 of 1) under the legend ('a line')" in found
    assert legend.texts[0].get_text() == "a line"


def test_clipped_text():
    fig, ax = new()
    fig.text(0.9, 0.5, "sticks out on the right")
    (found,) = geometry.problems(fig, where="fig B")
    assert found.startswith("fig B: clipped text: text 'sticks out on the right' sticks out")
    assert "on the right" in found


def test_legend_over_a_curve():
    fig, ax = new()
    x = np.linspace(0, 1, 11)  # few points: the segments between them are sampled too
    ax.plot(x, x, label="diagonal")
    ax.plot(x, 0 * x + 0.05, label="floor")
    ax.legend(loc="center")
    (found,) = geometry.problems(fig)
    assert "legend over data: the legend ('diagonal', 'floor') hides" in found
    assert "of 'diagonal'" in found and "'floor'" not in found.split("hides")[1]


def test_legend_in_an_empty_corner_or_outside_is_fine():
    fig, ax = new()
    x = np.linspace(0, 1, 11)
    ax.plot(x, x**4, label="low on the left")
    ax.legend(loc="upper left")
    assert geometry.problems(fig) == []


def test_legend_over_bars_and_points():
    fig, ax = new()
    ax.bar([1, 2, 3], [3, 3, 3], label="bars")
    ax.scatter([1, 2, 3], [1.5, 1.5, 1.5], label="points", zorder=3)
    ax.legend(loc="center")
    (found,) = geometry.problems(fig)
    assert "bar" in found and "scatter points" in found


def test_a_span_under_a_legend_is_background_not_data():
    fig, ax = new()
    ax.axvspan(0.2, 0.8, color="0.8", label="span")
    ax.axhline(0.5, label="level")  # in axes coordinates across: a reference, not data
    ax.legend(loc="center")
    assert geometry.problems(fig) == []


def test_squeezed_axes():
    fig, axes = new(ncols=2, figsize=(6.0, 3.0))
    for k, ax in enumerate(axes):
        ax.plot([0, 1], [0, 1], label=f"a long, long label for curve number {k}")
    fig.legend(loc="outside right upper")
    found = geometry.problems(fig, where="fig C")
    assert kinds(found) == {"squeezed axes": 2}
    assert found[0].startswith("fig C: squeezed axes: axes (axes 1 of 2) is ")


def test_width_ratios_are_each_axes_share():
    fig = Figure(figsize=(6.0, 3.0), layout="constrained")
    fig.subplots(1, 2, width_ratios=[4, 1])
    assert geometry.problems(fig) == []


def test_the_kernel_hook_checks_figures_that_go_through_the_png_formatter():
    png = PNGFormatter()
    png.for_type(Figure, lambda fig: b"png bytes")
    shell = SimpleNamespace(display_formatter=SimpleNamespace(formatters={"image/png": png}))
    state = dict(geometry._STATE)
    geometry._STATE.update(notebook="nb.ipynb", cell=3, figures=0, live=0, found={}, start={})
    try:
        geometry._wrap_formatters(shell)
        geometry._wrap_formatters(shell)  # once only
        fig, ax = new()
        ax.set_title("checked")
        fig.text(0.95, 0.5, "clipped")
        assert png(fig) == b"png bytes"
        assert geometry._STATE["figures"] == 1
        (found,) = geometry._lines()
        assert found.startswith("nb.ipynb code cell 3, figure 'checked': clipped text")
    finally:
        geometry._STATE.update(state)


@pytest.mark.parametrize("kind", geometry.KINDS)
def test_count_by_kind(kind):
    assert geometry.count([f"where: {kind}: what"])[kind] == 1


def test_a_live_explorer_is_checked_at_each_setting_and_named_by_what_changed():
    from helpers.catalog import Param
    from helpers.live import LiveWidget

    fig, ax = new()
    ax.set(xlim=(0, 1), ylim=(0, 1), title="live")
    ax.text(0.5, 0.5, "still", ha="center")
    moving = ax.text(0.1, 0.1, "moving")

    def update(k):
        moving.set_position((k, 0.5))

    widget = LiveWidget(fig, [moving], {"k": Param("k", 0.0, 0.5, 0.1, 0.1)}, update, name="t")
    state = dict(geometry._STATE)
    geometry._STATE.update(notebook="nb.ipynb", cell=1, figures=0, live=0, found={}, start={})
    try:
        for k in (0.1, 0.4, 0.5, 0.0):
            widget.set(k=k)
            geometry.check_live(widget)
        (found,) = geometry._lines()
        assert found.startswith("nb.ipynb live 't' at k=0.4; at k=0.5: overlapping texts: text")
    finally:
        geometry._STATE.update(state)
        widget.close()


def test_legend_over_a_histogram_or_a_band():
    fig, ax = new()
    ax.stairs([1, 3, 2, 3, 1], [0, 1, 2, 3, 4, 5], label="steps")
    ax.fill_between([0, 5], [3.5, 3.5], [3.8, 3.8], label="band")
    ax.set_ylim(0, 4)
    ax.legend(loc="lower center")
    assert geometry.problems(fig) == []  # under the steps: their inside, not their outline
    ax.legend(loc="upper center")
    (found,) = geometry.problems(fig)
    assert "px of the outline of a histogram or band" in found
