"""Shared helpers first met in 06-elu and 07-softmax: broken grids, jump markers, bar charts,
entropy and the softmax explorer (07, 10).

The ELU explorer and the figures drawn only in 06 or 07 live in those notebooks, checked there.
"""

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402
import math  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from helpers import activations as act  # noqa: E402
from helpers import explorers, plotting  # noqa: E402


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def limits(fig):
    return [(ax.get_xlim(), ax.get_ylim()) for ax in fig.axes]


def softmax_reference(z):
    """Softmax from the definition, one math.exp at a time (small scores only)."""
    e = [math.exp(v) for v in z]
    return np.array([v / sum(e) for v in e])


pytestmark = pytest.mark.usefixtures("series_style")


# --- shared plotting, first used in 06-elu ----------------------------------------------------


def test_x_grid_with_break_puts_a_gap_right_after_zero():
    x = plotting.x_grid_with_break()
    grid = plotting.x_grid()
    i = int(np.flatnonzero(grid == 0.0)[0])
    assert x.size == grid.size + 2
    assert x[i] == 0.0 and np.isnan(x[i + 1]) and 0.0 < x[i + 2] < 1e-300
    np.testing.assert_array_equal(np.delete(x, [i + 1, i + 2]), grid)
    # the ELU derivative takes alpha at 0 and 1 just right of it: the jump is visible
    d = act.elu_derivative(x, alpha=2.0)
    assert d[i] == 2.0 and np.isnan(d[i + 1]) and d[i + 2] == 1.0


def test_x_grid_with_break_refuses_a_point_off_the_grid():
    with pytest.raises(ValueError, match="does not contain"):
        plotting.x_grid_with_break(at=0.013)


def test_mark_jump_fills_the_value_taken_and_leaves_the_limit_open():
    fig, ax = plt.subplots()
    filled, hollow = plotting.mark_jump(ax, 0.0, 0.5, 1.0, color="#123456")
    assert filled.get_xydata().tolist() == [[0.0, 0.5]]
    assert hollow.get_xydata().tolist() == [[0.0, 1.0]]
    assert hollow.get_markerfacecolor() == "white"
    assert filled.get_markerfacecolor() == "#123456"


# --- shared plotting, first used in 07-softmax ------------------------------------------------


@pytest.mark.parametrize("z", [[3.0, 0.7, 0.5], [1.2, 1.0, 1.5], [1.5] + [1.2] * 9, [-2.0, 1.0]])
def test_logits_and_probabilities_bars_match_the_definition(z):
    fig, axes, drawn = plotting.logits_and_probabilities(z)
    heights = [b.get_height() for b in drawn["logit_bars"]]
    probs = [b.get_height() for b in drawn["probability_bars"]]
    np.testing.assert_allclose(heights, z)
    np.testing.assert_allclose(probs, softmax_reference(z), rtol=1e-14)
    assert [t.get_text() for t in drawn["probability_labels"]] == [
        f"{p:.3f}" for p in softmax_reference(z)
    ]
    assert axes[1].get_ylim() == (0.0, 1.15)
    low, high = axes[0].get_ylim()
    assert low < min(0.0, *z) and high > max(z)
    rotation = drawn["probability_labels"][0].get_rotation()
    assert rotation == (90.0 if len(z) > 5 else 0.0)


def test_entropy_against_independent_values():
    assert float(plotting.entropy([0.25] * 4)) == pytest.approx(math.log(4))
    assert float(plotting.entropy([1.0, 0.0, 0.0])) == 0.0
    p = [0.846, 0.085, 0.069]
    assert float(plotting.entropy(p)) == pytest.approx(-sum(v * math.log(v) for v in p))
    np.testing.assert_allclose(plotting.entropy([[0.5, 0.5], [1.0, 0.0]]), [math.log(2), 0.0])


# --- the shared softmax explorer (07, 10) -----------------------------------------------------


def test_softmax_explorer_every_slider_changes_the_picture():
    ex = explorers.softmax_explorer()
    fig, artists, before_limits = ex.figure, list(ex.live.artists), limits(ex.figure)
    for name, value in (("z1", -1.0), ("z2", 2.5), ("z3", 0.0), ("T", 0.3)):
        before = pixels(ex.live.render())
        ex.set(**{name: value})
        assert (pixels(ex.live.render()) != before).any(), name
    assert ex.figure is fig and list(ex.live.artists) == artists
    assert limits(fig) == before_limits
    expected = softmax_reference(np.array([-1.0, 2.5, 0.0]) / 0.3)
    np.testing.assert_allclose([b.get_height() for b in ex.bars], expected, rtol=1e-12)
    assert "T = 0.30" in ex.figure.axes[1].get_title()


def test_softmax_explorer_temperature_cannot_reach_zero():
    ex = explorers.softmax_explorer()
    t = ex.controls["T"]
    assert t.min == pytest.approx(-1.0) and t.base == 10  # log scale, 10**-1 = 0.1
    ex.set(T=0.0)
    assert ex.values["T"] == pytest.approx(0.1)
    assert np.isclose(sum(b.get_height() for b in ex.bars), 1.0)
    ex.set(z1=9.0)  # beyond the slider: clamped to the fixed axis range
    assert ex.values["z1"] == 4.0
    for bad in ({"logits": (1.0, 2.0)}, {"temperature": 0.0}, {"logits": (9.0, 0.0, 0.0)}):
        with pytest.raises(ValueError):
            explorers.softmax_explorer(**bad)


def test_softmax_explorer_equal_scores_give_a_third_at_any_temperature():
    ex = explorers.softmax_explorer()
    ex.set(z1=1.0, z2=1.0, z3=1.0)
    for temperature in (0.1, 1.0, 5.0):
        ex.set(T=temperature)
        np.testing.assert_allclose([b.get_height() for b in ex.bars], 1 / 3)
    assert "1.099" in ex.readout.value  # entropy ln 3


def test_x_grid_with_break_on_the_right_keeps_zero_with_the_right_piece():
    x = plotting.x_grid_with_break(side="right")  # ReLU's slope: 1 at 0, taken from the right
    assert x.size == 602 and round(float(x[299]), 6) == -0.02
    assert np.isnan(x[300]) and float(x[301]) == 0.0
