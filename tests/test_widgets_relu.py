"""Helpers of 02-relu and 03-leaky-relu: the kink marker, training curves and two explorers."""

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402
from statistics import NormalDist  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from helpers import activations as act  # noqa: E402
from helpers import plotting, widgets  # noqa: E402


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def limits(fig):
    return [(ax.get_xlim(), ax.get_ylim()) for ax in fig.axes]


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


# --- plotting.training_curves ------------------------------------------------------------------


def test_training_curves_draws_one_line_per_run_on_a_log_scale():
    ax = plt.figure().subplots()
    curves = {"flat": np.full(5, 0.2), "falling": 0.5 ** np.arange(5)}
    lines = plotting.training_curves(curves, ax, title="t")
    assert [line.get_label() for line in lines] == ["flat", "falling"]
    np.testing.assert_array_equal(lines[1].get_xdata(), np.arange(5))
    np.testing.assert_array_equal(lines[1].get_ydata(), curves["falling"])
    assert lines[0].get_color() != lines[1].get_color()
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert ax.get_yscale() == "log" and ax.get_title() == "t"
    assert ax.get_legend() is not None
    linear = plotting.training_curves(curves, plt.figure().subplots(), logy=False)
    assert linear[0].axes.get_yscale() == "linear"


# --- widgets.dead_units_explorer ---------------------------------------------------------------


@pytest.fixture
def dead():
    return widgets.dead_units_explorer()


def test_dead_units_explorer_moves_the_histogram_and_the_marker(dead):
    fig, artists = dead.figure, list(dead.live.artists)
    before_limits, before_png = limits(fig), dead.live.image.value
    bars = artists[:-4]
    density, text, _, marker = artists[-4:]
    heights_before = np.array([bar.get_height() for bar in bars])
    dead.set(b=-2.0)
    heights_after = np.array([bar.get_height() for bar in bars])
    assert not np.allclose(heights_before, heights_after)
    assert dead.figure is fig and list(dead.live.artists) == artists
    assert limits(fig) == before_limits
    assert (pixels(dead.live.image.value) != pixels(before_png)).any()
    # the marker sits on Phi(-b), in percent, and the figure's text says the same
    share = NormalDist().cdf(2.0)
    assert marker.get_xdata()[0] == -2.0
    assert marker.get_ydata()[0] == pytest.approx(100 * share)
    assert text.get_text().startswith(f"{share:.1%}")
    # the density curve is the normal density centred on b
    z = np.asarray(density.get_xdata())
    assert z[np.argmax(density.get_ydata())] == pytest.approx(-2.0, abs=0.03)


def test_dead_units_explorer_histogram_is_a_density_and_dead_bars_are_left_of_zero(dead):
    bars = dead.live.artists[:-4]
    width = bars[0].get_width()
    for b in (-4.0, -1.0, 0.0, 2.0):
        dead.set(b=b)
        heights = np.array([bar.get_height() for bar in bars])
        # the few samples outside the bins aside, the bars hold the whole sample
        assert heights.sum() * width == pytest.approx(1.0, abs=0.01)
    lefts = np.array([bar.get_x() for bar in bars])
    colors = [tuple(bar.get_facecolor()[:3]) for bar in bars]
    assert 0.0 in lefts.tolist()  # 0 is a bin edge: no bar straddles it
    assert len({c for c, left in zip(colors, lefts, strict=True) if left < 0}) == 1
    assert len({c for c, left in zip(colors, lefts, strict=True) if left >= 0}) == 1
    assert colors[0] != colors[-1]


def test_dead_units_explorer_readout_matches_the_sample_and_the_cdf(dead):
    z0 = np.random.default_rng(2011).standard_normal(2000)
    for b in (-3.0, -1.0, 0.0, 1.5):
        dead.set(b=b)
        exact, counted = NormalDist().cdf(-b), np.mean(z0 + b < 0)
        assert f"{exact:.1%}" in dead.readout.value
        assert f"{counted:.1%}" in dead.readout.value
    dead.set(b=-4.0)
    assert "99.997%" in dead.readout.value  # not rounded up to a misleading 100.0 %


def test_dead_units_explorer_slider_cannot_leave_its_range(dead):
    control = dead.controls["b"]
    assert (control.min, control.max, control.value) == (-4.0, 2.0, 0.0)
    assert control.continuous_update
    dead.set(b=10.0)  # ipywidgets clamps the value to the slider's range
    assert control.value == 2.0


# --- widgets.leaky_relu_explorer ---------------------------------------------------------------


@pytest.fixture
def leaky():
    return widgets.leaky_relu_explorer()


def test_leaky_relu_explorer_updates_curves_and_the_open_dot(leaky):
    fig, (f_line, d_line, hollow) = leaky.figure, leaky.live.artists
    before_limits, before_png = limits(fig), leaky.live.image.value
    leaky.set(slope=0.35)
    x = plotting.x_grid()
    np.testing.assert_allclose(f_line.get_ydata(), act.leaky_relu(x, slope=0.35))
    d = np.asarray(d_line.get_ydata())
    finite = np.isfinite(d)
    assert np.count_nonzero(~finite) == 1  # the one break, just left of 0
    np.testing.assert_allclose(d[finite], act.leaky_relu_derivative(x, slope=0.35))
    assert hollow.get_ydata()[0] == 0.35
    assert leaky.figure is fig and limits(fig) == before_limits
    assert (pixels(leaky.live.image.value) != pixels(before_png)).any()
    assert "0.35" in leaky.readout.value and "-2.1" in leaky.readout.value


def test_leaky_relu_explorer_limits_hold_every_slope(leaky):
    ax_f, ax_d = leaky.figure.axes
    x = plotting.x_grid()
    for slope in np.arange(0.0, 0.501, 0.01):
        f, d = act.leaky_relu(x, slope=slope), act.leaky_relu_derivative(x, slope=slope)
        assert ax_f.get_ylim()[0] <= f.min() and f.max() <= ax_f.get_ylim()[1]
        assert ax_d.get_ylim()[0] <= d.min() and d.max() <= ax_d.get_ylim()[1]


def test_leaky_relu_explorer_draws_the_marked_slopes(leaky):
    ax_f, ax_d = leaky.figure.axes
    labels = [line.get_label() for line in ax_f.get_lines()]
    assert "$\\alpha$ = 0.01 (Maas et al.)" in labels
    assert "$\\alpha$ = 1/5.5 (Xu et al.)" in labels
    marked = {line.get_label(): line for line in ax_f.get_lines()}
    x = plotting.x_grid()
    np.testing.assert_allclose(
        marked["$\\alpha$ = 1/5.5 (Xu et al.)"].get_ydata(), act.leaky_relu(x, slope=1 / 5.5)
    )


def test_leaky_relu_explorer_readout_names_relu_at_zero(leaky):
    leaky.set(slope=0.0)
    assert "(ReLU)" in leaky.readout.value and "0%" in leaky.readout.value
    leaky.set(slope=0.5)
    assert "(ReLU)" not in leaky.readout.value and "50%" in leaky.readout.value


def test_leaky_relu_explorer_rejects_slopes_that_are_not_a_leak():
    with pytest.raises(ValueError, match="slope must stay in"):
        widgets.leaky_relu_explorer(("slope", -0.1, 0.5, 0.01, 0.01))
    with pytest.raises(ValueError, match="slope must stay in"):
        widgets.leaky_relu_explorer(("slope", 0.0, 1.5, 0.01, 0.01))


def test_leaky_relu_explorer_takes_custom_marks():
    ex = widgets.leaky_relu_explorer(marks={"PReLU init": 0.25})
    labels = [line.get_label() for line in ex.figure.axes[0].get_lines()]
    assert "$\\alpha$ = PReLU init" in labels
    assert not any("Maas" in label for label in labels)
