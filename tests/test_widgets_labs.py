"""The labs' explorers (08-vanishing-gradients, 09-training-race) and their figures."""

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from helpers import networks, plotting, widgets  # noqa: E402


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def limits(fig):
    return [(ax.get_xlim(), ax.get_ylim()) for ax in fig.axes]


# ------------------------------------------------------------------ 08: the vanishing explorer


@pytest.fixture(scope="module")
def stack():
    return networks.DeepStack(seed=0)


@pytest.fixture
def vanishing(stack):
    return widgets.vanishing_explorer(stack)


def test_vanishing_explorer_starts_at_depth_10(vanishing, stack):
    assert vanishing.values == {"depth": 10, "width": 64, "init": "glorot", "scale": 1.0}
    norms = stack.norms(10, 64, ["sigmoid", "relu"])
    line = vanishing.live.artists[0]  # the sigmoid
    np.testing.assert_allclose(line.get_xdata(), np.arange(1, 11))
    np.testing.assert_allclose(line.get_ydata(), norms["sigmoid"] / norms["sigmoid"][-1])
    assert vanishing.ratios["sigmoid"] < 1e-4 < 0.1 < vanishing.ratios["ReLU"]
    assert "layer 1 / layer 10" in vanishing.readout.value


@pytest.mark.parametrize(
    "change",
    [{"depth": 25}, {"width": 32}, {"init": "normal"}, {"scale": 0.5}],
    ids=lambda c: next(iter(c)),
)
def test_every_control_changes_the_picture_and_the_readout(vanishing, change):
    fig, artists = vanishing.figure, list(vanishing.live.artists)
    before_limits, before_png = limits(fig), vanishing.live.image.value
    before_readout = vanishing.readout.value
    before_y = [a.get_ydata().copy() for a in artists]
    vanishing.set(**change)
    assert vanishing.figure is fig and list(vanishing.live.artists) == artists
    assert limits(fig) == before_limits
    assert (pixels(vanishing.live.image.value) != pixels(before_png)).any()
    assert vanishing.readout.value != before_readout
    moved = [
        a.get_ydata().shape != y.shape or not np.allclose(a.get_ydata(), y)
        for a, y in zip(artists, before_y, strict=True)
    ]
    assert any(moved)


def test_vanishing_explorer_shows_the_slider_values(vanishing):
    vanishing.set(depth=17, width=48, scale=1.35)
    text = vanishing.readout.value
    assert "17" in text and "48" in text and "1.35" in text
    for line in vanishing.live.artists:
        assert line.get_xdata().size == 17


def test_extreme_settings_stay_inside_the_fixed_axes(vanishing):
    (ax,) = vanishing.figure.axes
    low, high = ax.get_ylim()
    for setting in (
        {"init": "normal", "scale": 2.0, "depth": 30, "width": 64},
        {"init": "glorot", "scale": 0.25, "depth": 30, "width": 64},
        {"init": "he", "scale": 2.0, "depth": 2, "width": 8},
    ):
        vanishing.set(**setting)
        for line in vanishing.live.artists:
            y = line.get_ydata()
            assert np.all(np.isfinite(y)) and np.all((low <= y) & (y <= high))
    # the readout keeps the true ratio where the picture clips it
    vanishing.set(init="normal", scale=2.0, depth=30, width=64)
    assert vanishing.ratios["tanh"] > high


def test_sigmoid_follows_its_best_case(vanishing):
    vanishing.set(depth=20)
    sigmoid, bound = vanishing.live.artists[0], vanishing.live.artists[-1]
    np.testing.assert_allclose(bound.get_ydata(), 0.25 ** (20 - np.arange(1, 21)))
    per_layer = vanishing.ratios["sigmoid"] ** (1 / 19)
    assert 0.2 < per_layer < 0.25
    # not a strict bound layer by layer (the weights are not limited to 1), but over 19 steps
    # the measured sigmoid ends up below the best case, within a factor of 100
    first, best = sigmoid.get_ydata()[0], bound.get_ydata()[0]
    assert best / 100 < first < best


# ------------------------------------------------------------------ 09: the race explorer


def fake_run(calls):
    def run(seed):
        calls.append(seed)
        epochs = np.arange(100)
        curves = {
            "sigmoid": np.full(100, 0.8),
            "ReLU": 1.0 * np.exp(-epochs / (20 + seed)),
            "PReLU shared": np.where(epochs < 60, np.exp(-epochs / 10), np.nan),
        }
        return curves

    return run


@pytest.fixture
def race():
    calls = []
    widget = widgets.race_explorer(fake_run(calls), epochs=100, seed=3)
    widget.calls = calls
    return widget


def bar_widths(widget):
    return [a.get_width() for a in widget.live.artists if hasattr(a, "get_width")]


def test_race_bars_show_the_epochs_to_the_target(race):
    assert race.calls == [3]
    race.set(target=0.3)
    assert race.reached == {
        "sigmoid": None,
        "ReLU": networks.epochs_to(np.exp(-np.arange(100) / 23), 0.3),
        "PReLU shared": networks.epochs_to(np.exp(-np.arange(100) / 10), 0.3),
    }
    widths = bar_widths(race)
    assert widths == [100, race.reached["ReLU"], race.reached["PReLU shared"]]
    texts = [a.get_text() for a in race.live.artists if hasattr(a, "get_text")]
    assert "> 100" in texts and any("then diverged" in t for t in texts)
    assert "seed 3" in texts


def test_race_target_slider_moves_line_bars_and_readout(race):
    fig = race.figure
    before_limits, before_png = limits(fig), race.live.image.value
    before_widths, before_readout = bar_widths(race), race.readout.value
    race.set(target=0.05)
    assert limits(fig) == before_limits and race.figure is fig
    assert bar_widths(race) != before_widths
    assert race.readout.value != before_readout and "0.05" in race.readout.value
    assert (pixels(race.live.image.value) != pixels(before_png)).any()
    target_line = next(a for a in race.live.artists if a.get_label() == "target")
    assert list(target_line.get_ydata()) == [0.05, 0.05]


def test_race_button_trains_the_next_seed(race):
    race.set(target=0.3)
    before = race.reached["ReLU"]
    race.press("new seed")
    assert race.calls == [3, 4] and race.state["seed"] == 4
    assert race.reached["ReLU"] == networks.epochs_to(np.exp(-np.arange(100) / 24), 0.3) != before
    assert "new seed" in race.buttons


def test_race_uses_the_initial_curves_without_training():
    calls = []
    initial = fake_run([])(0)
    widget = widgets.race_explorer(fake_run(calls), epochs=100, initial=initial)
    assert calls == []
    widget.press("new seed")
    assert calls == [1]


def test_race_explorer_with_real_training():
    def run(seed):
        x, y = networks.spirals(20, 3, seed=seed)
        entries = {k: networks.RACE_ENTRIES[k] for k in ("sigmoid", "ReLU")}
        results = networks.race(x, y, hidden=(8,), seed=seed, epochs=30, entries=entries)
        return {k: r.history.eval_loss for k, r in results.items()}

    widget = widgets.race_explorer(run, epochs=30)
    widget.set(target=0.9)
    assert set(widget.reached) == {"sigmoid", "ReLU"}


# ------------------------------------------------------------------ figures


def test_gradient_profile_clips_and_normalises():
    fig, ax = plt.subplots()
    drawn = plotting.gradient_profile({"sigmoid": [1e-30, 1e-3, 1.0], "tanh": [1e9, 10.0, 2.0]}, ax)
    np.testing.assert_allclose(drawn.lines["sigmoid"].get_ydata(), [1e-20, 1e-3, 1.0])
    np.testing.assert_allclose(drawn.lines["tanh"].get_ydata(), [1e4, 5.0, 1.0])
    np.testing.assert_allclose(drawn.bound.get_ydata(), [0.0625, 0.25, 1.0])
    assert ax.get_yscale() == "log"
    plt.close(fig)


def test_decision_boundaries_colour_the_predicted_class():
    x, labels = networks.spirals(10, 3, seed=0)
    fig, axes = plotting.decision_boundaries(
        {"all class 2": lambda p: np.full(len(p), 2), "data": None}, x, labels, ncols=2
    )
    image = axes[0].images[0]
    assert np.all(np.asarray(image.get_array()) == 2)
    assert len(axes[1].images) == 0
    plt.close(fig)


def test_race_losses_and_slopes():
    fig, ax = plt.subplots()
    drawn = plotting.race_losses(
        {"ReLU": [1.0, 0.1, 1e-5], "x": [1.0, np.nan, np.nan]}, ax, target=0.3, baseline=("b", 0.7)
    )
    np.testing.assert_allclose(drawn.lines["ReLU"].get_ydata(), [1.0, 0.1, 1e-2])
    assert drawn.lines["ReLU"].get_color() == plotting.LAB_STYLES["ReLU"][0]
    plt.close(fig)
    fig, axes, (left, right) = plotting.prelu_trajectories(
        [np.array([[0.25], [0.5], [-2.0]])], [np.array([[0.25, 0.25], [0.2, 0.4], [0.1, 0.7]])]
    )
    np.testing.assert_allclose(right[0].get_ydata(), [0.25, 0.3, 0.4])
    assert axes[0].get_ylim() == axes[1].get_ylim() and axes[0].get_ylim()[0] < -2.0
    plt.close(fig)
