"""The explorer of 05-rrelu (random slopes, resample button)."""

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import traitlets  # noqa: E402
from PIL import Image  # noqa: E402

from helpers import activations as act  # noqa: E402
from helpers import plotting, training, widgets  # noqa: E402


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def limits(fig):
    return [(ax.get_xlim(), ax.get_ylim()) for ax in fig.axes]


# --- 05-rrelu: a button beside the controls


def test_button_live_widget_runs_its_action_then_redraws():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.subplots()
    ax.set(xlim=(0, 1), ylim=(0, 3))
    (line,) = ax.plot([0, 1], [1, 1])
    counter = {"n": 0}

    def bump():
        counter["n"] += 1

    def update(level):
        line.set_ydata([level + counter["n"]] * 2)
        return f"n = {counter['n']}"

    w = widgets.ButtonLiveWidget(
        fig,
        [line],
        {"level": widgets.slider(("level", 0.0, 1.0, 0.1, 0.5))},
        update,
        {"again": bump},
    )
    frames = w.live.frames
    w.buttons["again"].click()  # as a learner clicks it
    assert counter["n"] == 1 and w.readout.value == "n = 1"
    assert line.get_ydata()[0] == pytest.approx(1.5)
    w.press("again")
    assert counter["n"] == 2 and w.live.frames == frames + 2
    assert w.buttons["again"] in w.children[0].children


# --- 05-rrelu: the explorer


@pytest.fixture
def rrelu():
    return widgets.rrelu_explorer()


def test_rrelu_explorer_draws_band_points_and_evaluation_line(rrelu):
    band, eval_line, points = rrelu.live.artists[:3]
    rrelu.set(bounds=(2.0, 6.0))
    np.testing.assert_allclose(band.get_xy()[:3], plotting.rrelu_band_vertices(2.0, 6.0))
    x = eval_line.get_xdata()
    np.testing.assert_allclose(eval_line.get_ydata(), act.rrelu(x, 2.0, 6.0))
    xs, ys = points.get_data()
    neg = xs < 0
    assert np.all((xs[neg] / 2.0 <= ys[neg] + 1e-12) & (ys[neg] <= xs[neg] / 6.0 + 1e-12))
    np.testing.assert_array_equal(ys[~neg], xs[~neg])
    # the drawn divisors are the stored uniform numbers rescaled to the bounds
    np.testing.assert_allclose(xs[neg] / ys[neg], 2.0 + 4.0 * rrelu.state["u_points"][neg])
    assert "0.25" in rrelu.readout.value  # 2 / (2 + 6)


def test_rrelu_histogram_and_lines_follow_the_bounds(rrelu):
    bars, density, eval_line, mean_line = rrelu.live.artists[3:7]
    rrelu.set(bounds=(3.0, 8.0))
    slopes = 1 / (3.0 + 5.0 * rrelu.state["u_hist"])
    np.testing.assert_allclose(bars.get_data().values, plotting.histogram_density(slopes))
    assert eval_line.get_xdata()[0] == pytest.approx(2 / 11)
    assert mean_line.get_xdata()[0] == pytest.approx(np.log(8 / 3) / 5)
    s, p = density.get_data()
    np.testing.assert_allclose(p, training.rrelu_slope_density(s, 3.0, 8.0))
    assert s[0] == pytest.approx(1 / 8) and s[-1] == pytest.approx(1 / 3)


def test_rrelu_resample_is_a_seeded_sequence(rrelu):
    first = rrelu.state["u_points"].copy()
    rrelu.press("resample")
    second = rrelu.state["u_points"].copy()
    assert rrelu.state["draws"] == 2 and not np.array_equal(first, second)
    twin = widgets.rrelu_explorer()
    np.testing.assert_array_equal(twin.state["u_points"], first)
    twin.press("resample")
    np.testing.assert_array_equal(twin.state["u_points"], second)
    # the same numbers as the helper's seeded draws: U(l, u) = l + (u - l) * U(0, 1)
    generator = np.random.default_rng(2015)
    np.testing.assert_array_equal(
        act.rrelu_slopes(first.size, 3.0, 8.0, generator), 3.0 + 5.0 * first
    )


def test_rrelu_controls_visibly_change_the_figure_on_fixed_axes(rrelu):
    fig, lims = rrelu.figure, limits(rrelu.figure)
    before = pixels(rrelu.live.image.value)
    rrelu.set(bounds=(1.5, 12.0))
    after_slider = pixels(rrelu.live.image.value)
    assert (after_slider != before).any()
    rrelu.buttons["resample"].click()
    assert (pixels(rrelu.live.image.value) != after_slider).any()
    assert rrelu.figure is fig and limits(fig) == lims


def test_rrelu_lower_above_upper_cannot_be_set(rrelu):
    with pytest.raises(traitlets.TraitError):
        rrelu.set(bounds=(8.0, 3.0))
    slider = rrelu.controls["bounds"]
    assert isinstance(slider, widgets.widgets.FloatRangeSlider) and slider.min > 0


def test_rrelu_limits_hold_the_whole_slider_range(rrelu):
    ax_f, ax_h = rrelu.figure.axes
    slider = rrelu.controls["bounds"]
    assert ax_f.get_ylim()[0] <= plotting.X_RANGE[0] / slider.min
    assert ax_f.get_ylim()[1] >= plotting.X_RANGE[1]
    assert ax_h.get_xlim()[0] <= 1 / slider.max and 1 / slider.min <= ax_h.get_xlim()[1]


def test_rrelu_equal_bounds_is_a_leaky_relu(rrelu):
    rrelu.set(bounds=(5.0, 5.0))
    _, eval_line, points = rrelu.live.artists[:3]
    xs, ys = points.get_data()
    np.testing.assert_allclose(ys, act.leaky_relu(xs, 0.2))
    assert len(rrelu.live.artists[4].get_xdata()) == 0  # no density for a single slope
    assert "above the frame" in rrelu.live.artists[-1].get_text()
    assert "0.2" in rrelu.readout.value
