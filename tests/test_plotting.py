"""The series' figures draw, keep one look, and return what they drew."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import activations as act  # noqa: E402
from helpers import plotting  # noqa: E402

pytestmark = pytest.mark.usefixtures("series_style")


def test_function_and_derivative_draws_both_panels():
    fig, axes, (f_line, d_line) = plotting.function_and_derivative(
        act.elu, act.elu_derivative, symbol="f", params={"alpha": 0.5}, title="ELU"
    )
    fig.canvas.draw()
    assert len(axes) == 2
    x = plotting.x_grid()
    np.testing.assert_array_equal(f_line.get_xdata(), x)
    np.testing.assert_allclose(f_line.get_ydata(), act.elu(x, alpha=0.5))
    np.testing.assert_allclose(d_line.get_ydata(), act.elu_derivative(x, alpha=0.5))
    assert f_line.get_linestyle() == "-" and d_line.get_linestyle() == "--"
    assert axes[0].get_xlim() == plotting.X_RANGE == axes[1].get_xlim()
    assert axes[0].get_ylabel() == "$f(x)$" and axes[1].get_ylabel() == "$f'(x)$"
    assert all(ax.get_legend() is not None for ax in axes)
    assert fig._suptitle.get_text() == "ELU"


def test_fixed_limits_are_kept():
    _, axes, _ = plotting.function_and_derivative(
        act.relu, act.relu_derivative, ylim=(-1, 7), dylim=(-0.5, 1.5)
    )
    assert axes[0].get_ylim() == (-1, 7) and axes[1].get_ylim() == (-0.5, 1.5)


def test_zero_axes_are_thin_grey_lines():
    fig, axes = plotting.new_figure(1)
    h, v = plotting.zero_axes(axes[0])
    assert h.get_ydata()[0] == 0 and v.get_xdata()[0] == 0
    assert h.get_linewidth() < 1.5
    fig.canvas.draw()


def test_shade_where_spans_each_true_run():
    fig, axes = plotting.new_figure(1)
    x = np.linspace(-6, 6, 13)
    spans = plotting.shade_where(axes[0], x, np.abs(x) > 4, label="saturated")
    assert len(spans) == 2
    assert spans[0].get_label() == "saturated"
    assert not (spans[1].get_label() or "_").lstrip("_")  # only the first span is in the legend
    fig.canvas.draw()
    assert plotting.shade_where(axes[0], x, np.zeros_like(x, dtype=bool)) == []


def test_mark_point_and_data_limits():
    fig, axes = plotting.new_figure(1)
    marker = plotting.mark_point(axes[0], 1.0, 2.0)
    assert list(marker.get_xdata()) == [1.0] and list(marker.get_ydata()) == [2.0]
    low, high = plotting.data_limits([[0.0, np.nan, 4.0]], pad=0.25)
    assert (low, high) == (-1.0, 5.0)


def test_lecture_mode_enlarges_fonts_but_not_figures():
    plotting.use_style()
    size, font = tuple(plt.rcParams["figure.figsize"]), plt.rcParams["font.size"]
    plotting.lecture_mode()
    assert tuple(plt.rcParams["figure.figsize"]) == size
    assert plt.rcParams["font.size"] > font
    plotting.lecture_mode(False)
    assert plt.rcParams["font.size"] == font


def test_nothing_is_shown_or_restyled_on_import():
    import importlib

    before = dict(plt.rcParams)
    importlib.reload(plotting)
    assert dict(plt.rcParams) == before


def test_a_figure_in_jupyter_is_drawn_once_for_its_picture():
    """In a kernel, pyplot's REPL hook used to draw every new figure after its cell, unseen,
    before the inline backend drew it again into the PNG it shows: use_style removes the hook
    and the crop pass. The figure cell's draws must equal those of the backend's print_figure
    alone (one layout pass, one drawing), and the picture must show, at the figure's size."""
    import base64
    import struct

    import nbformat
    from nbclient import NotebookClient

    count = """import matplotlib.figure
draws, draw = [], matplotlib.figure.Figure.draw
def counted(self, renderer):
    draws.append(1)
    return draw(self, renderer)
matplotlib.figure.Figure.draw = counted
import helpers
helpers.use_style()
import matplotlib.pyplot as plt"""
    compare = """from IPython.core.pylabtools import print_figure
from matplotlib_inline.config import InlineBackend
shown = len(draws)
draws.clear()
print_figure(fig, "png", **InlineBackend.instance().print_figure_kwargs)
print(shown, len(draws), [f.__name__ for f in get_ipython().events.callbacks["post_execute"]])"""
    cells = [count, "fig, ax = plt.subplots()\n_ = ax.plot([0, 1], [1, 0])", compare]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    assert [o.output_type for o in nb.cells[1].outputs] == ["display_data"]
    picture = base64.b64decode(nb.cells[1].outputs[0].data["image/png"])
    assert struct.unpack(">II", picture[16:24]) == (792, 363)  # 7.2 x 3.3 inches at 110 dpi
    shown, alone, hooks = nb.cells[2].outputs[0].text.split(" ", 2)
    assert shown == alone == "2", nb.cells[2].outputs[0].text
    assert "_draw_all_if_interactive" not in hooks and "flush_figures" in hooks
