"""The playground of 10-playground: menus swap the sliders, sliders move the curves by blitting."""

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402
from traitlets import TraitError  # noqa: E402

from helpers import explorers, live, plotting  # noqa: E402
from helpers.catalog import ACTIVATIONS, RangeParam, param_settings  # noqa: E402

X = plotting.x_grid()


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def limits(fig):
    return [(ax.get_xlim(), ax.get_ylim()) for ax in fig.axes]


def shown_controls(pg):
    """The controls on screen, by name (what a learner can reach with the keyboard)."""
    on_screen = {id(child) for row in pg.children[0].children for child in row.children}
    return [name for name, control in pg.controls.items() if id(control) in on_screen]


def one_step(control):
    """The value one keyboard step away (up, or down at the top of the range; a menu's next)."""
    if hasattr(control, "options"):  # a menu (GELU's form): the next option, round the end
        values = [value for _, value in control.options]
        return values[(values.index(control.value) + 1) % len(values)]
    if isinstance(control.value, tuple):  # a range slider: move its lower handle
        low, high = control.value
        low = low + control.step if low + control.step <= high else low - control.step
        return (low, high)
    up = control.value + control.step
    return up if up <= control.max else control.value - control.step


@pytest.fixture
def play():
    return explorers.playground("elu", compare="relu")


def test_starts_with_the_selected_sliders_only(play):
    assert shown_controls(play) == ["activation", "compare", "elu_alpha"]
    assert play.values["activation"] == "elu" and play.values["compare"] == "relu"
    row_compare = play.children[0].children[1]
    assert "no parameters" in row_compare.children[1].value
    assert set(play.children[1:]) == {play.live.image, play.readout}


def test_a_slider_moves_the_curves_by_blitting_only(play):
    fig, lines = play.figure, list(play.live.artists)
    background, before_limits = play.live._background, limits(fig)
    before_png, frames = play.live.image.value, play.live.frames
    play.set(elu_alpha=0.4)
    np.testing.assert_allclose(lines[0].get_ydata(), ACTIVATIONS["elu"].func(X, alpha=0.4))
    np.testing.assert_allclose(lines[1].get_ydata(), ACTIVATIONS["elu"].derivative(X, alpha=0.4))
    np.testing.assert_allclose(lines[2].get_ydata(), np.maximum(X, 0))  # ReLU, unchanged
    assert play.figure is fig and list(play.live.artists) == lines
    assert play.live._background is background, "a slider step must not redraw the background"
    assert limits(fig) == before_limits
    assert play.live.frames == frames + 1
    assert (pixels(play.live.image.value) != pixels(before_png)).any()
    assert "α</b> = 0.4" in play.readout.value


def test_a_menu_swaps_sliders_limits_and_legend(play):
    fig, size = play.figure, tuple(play.figure.bbox.size)
    background, before_png = play.live._background, play.live.image.value
    play.set(activation="rrelu", compare="leaky_relu")
    assert shown_controls(play) == [
        "activation",
        "compare",
        "rrelu_lower_upper",
        "compare_leaky_relu_slope",
    ]
    assert play.live._background is not background, "a menu change redraws the background"
    assert play.figure is fig and tuple(fig.bbox.size) == size
    assert pixels(play.live.image.value).shape == pixels(before_png).shape
    legend = fig.legends[-1]
    assert [t.get_text() for t in legend.get_texts()] == ["RReLU", "leaky ReLU", "default"]
    assert len(fig.legends) == 1
    np.testing.assert_allclose(play.live.artists[1].get_ydata()[0], 2 / 11)


def test_compare_none_hides_the_second_activation(play):
    play.set(compare="none")
    assert shown_controls(play) == ["activation", "compare", "elu_alpha"]
    assert not any(line.get_visible() for line in play.live.artists[2:])
    assert "ReLU" not in play.readout.value
    assert [t.get_text() for t in play.figure.legends[-1].get_texts()] == ["ELU", "default"]


def test_no_default_line_for_a_function_without_parameters(play):
    play.set(activation="sigmoid")
    assert "no parameters" in play.children[0].children[0].children[1].value
    assert [t.get_text() for t in play.figure.legends[-1].get_texts()] == ["sigmoid", "ReLU"]


@pytest.mark.parametrize("key", list(ACTIVATIONS))
def test_limits_hold_every_slider_setting(play, key):
    play.set(activation=key, compare="elu")
    ax_f, ax_d = play.figure.axes
    for entry in (ACTIVATIONS[key], ACTIVATIONS["elu"]):
        for setting in param_settings(entry.params, n=11):
            f, d = entry.func(X, **setting), entry.derivative(X, **setting)
            assert ax_f.get_ylim()[0] <= f.min() and f.max() <= ax_f.get_ylim()[1], setting
            assert ax_d.get_ylim()[0] <= d.min() and d.max() <= ax_d.get_ylim()[1], setting


@pytest.mark.parametrize("role", ["", "compare_"])
@pytest.mark.parametrize("key", list(ACTIVATIONS))
def test_every_shown_slider_changes_picture_and_readout(role, key):
    play = explorers.playground(key if not role else "relu", compare=key if role else "none")
    sliders = [name for name in shown_controls(play) if name not in ("activation", "compare")]
    assert len(sliders) == len(ACTIVATIONS[key].params)
    for name in sliders:
        control = play.controls[name]
        before_png, before_readout = play.live.image.value, play.readout.value
        new = one_step(control)
        play.set(**{name: new})
        assert (pixels(play.live.image.value) != pixels(before_png)).any(), name
        assert play.readout.value != before_readout, name
        for value in [new] if isinstance(new, str) else np.atleast_1d(new):
            shown = value if isinstance(value, str) else f"{value:.4g}"
            assert f"= {shown}" in play.readout.value, (name, value)


def test_range_slider_cannot_cross():
    play = explorers.playground("rrelu")
    control = play.controls["rrelu_lower_upper"]
    with pytest.raises(TraitError):
        control.value = (6.0, 2.0)
    play.set(rrelu_lower_upper=(4.0, 4.0))
    np.testing.assert_allclose(play.live.artists[0].get_ydata()[0], -6.0 / 4.0)


def test_range_slider_checks_its_default():
    with pytest.raises(ValueError, match="not ordered"):
        live.control(RangeParam(("lower", "upper"), 1.0, 10.0, 0.5, (8.0, 3.0)))
    spec = RangeParam(("lower", "upper"), 1.0, 10.0, 0.5, (3.0, 8.0))
    assert {1.0, 3.0, 8.0, 10.0} <= set(spec.grid())


def test_unknown_activation_is_refused():
    with pytest.raises(KeyError, match="hardswish"):
        explorers.playground("hardswish")
    with pytest.raises(KeyError):
        explorers.playground("none")


def test_redraw_background_shows_static_changes():
    fig = matplotlib.figure.Figure(layout="constrained")
    ax = fig.subplots()
    ax.set(xlim=(0, 1), ylim=(0, 1))
    (line,) = ax.plot([0, 1], [0, 1])
    shown = live.LiveFigure(fig, [line])
    before = pixels(shown.render())
    ax.set_title("a new title")  # a static change: invisible until the background is redrawn
    assert (pixels(shown.render()) == before).all()
    shown.redraw_background(relayout=True)
    after = pixels(shown.render())
    assert after.shape == before.shape and (after != before).any()
    assert fig.get_layout_engine() is not None and not fig.get_layout_engine().adjust_compatible
