"""The kink marker shared by 02-relu and 03-leaky-relu (their explorers live in the notebooks)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import activations as act  # noqa: E402
from helpers import plotting  # noqa: E402

pytestmark = pytest.mark.usefixtures("series_style")


# --- plotting.mark_kink ------------------------------------------------------------------------


def test_mark_kink_draws_the_interval_and_one_marker_per_convention():
    fig, axes, (_, d_line) = plotting.function_and_derivative(act.relu, act.relu_derivative)
    drawn = plotting.mark_kink(
        axes[1], 0.0, 1.0, 0.0, conventions={"helper": 1.0, "PyTorch": 0.0}, label="sub"
    )
    assert set(drawn) == {"interval", "helper", "PyTorch"}
    # the bounds are sorted, so the interval is [0, 1] whichever way round they come
    assert drawn["interval"].get_xdata().tolist() == [0.0, 0.0]
    assert drawn["interval"].get_ydata().tolist() == [0.0, 1.0]
    assert drawn["interval"].get_label() == "sub"
    assert drawn["helper"].get_ydata().tolist() == [1.0]
    assert drawn["PyTorch"].get_ydata().tolist() == [0.0]
    assert drawn["helper"].get_marker() != drawn["PyTorch"].get_marker()
    fig.canvas.draw()


def test_mark_kink_breaks_the_line_only_at_the_kink():
    fig, axes, (_, d_line) = plotting.function_and_derivative(act.relu, act.relu_derivative)
    x_before, y_before = (np.asarray(v) for v in d_line.get_data())
    plotting.mark_kink(axes[1], 0.0, 0.0, 1.0, line=d_line)
    x_after, y_after = (np.asarray(v) for v in d_line.get_data())
    assert x_after.size == x_before.size + 1
    gap = np.flatnonzero(np.isnan(y_after))
    assert gap.size == 1
    i = int(gap[0])
    # the gap sits between the last point left of 0 and the point at 0
    assert x_after[i - 1] < 0 and x_after[i] == 0 and x_after[i + 1] == 0
    kept = np.delete(np.arange(x_after.size), i)
    np.testing.assert_array_equal(x_after[kept], x_before)
    np.testing.assert_array_equal(y_after[kept], y_before)
    # no segment of the drawn line joins a 0 on the left to a 1 on the right any more
    finite = np.isfinite(y_after)
    jumps = np.abs(np.diff(y_after)) > 0.5
    assert not np.any(jumps & finite[:-1] & finite[1:])


def test_mark_kink_leaves_a_line_alone_when_the_kink_is_outside_it():
    ax = plt.figure().subplots()
    (line,) = ax.plot([1.0, 2.0, 3.0], [1.0, 1.0, 1.0])
    plotting.mark_kink(ax, 0.0, 0.0, 1.0, line=line)
    assert np.asarray(line.get_ydata()).tolist() == [1.0, 1.0, 1.0]
