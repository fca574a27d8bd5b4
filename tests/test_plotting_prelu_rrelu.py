"""The figures of 05-rrelu (band, slope histograms)."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plotting, training  # noqa: E402

pytestmark = pytest.mark.usefixtures("series_style")


def test_rrelu_band_vertices_and_patch():
    np.testing.assert_allclose(
        plotting.rrelu_band_vertices(3.0, 8.0), [[0, 0], [-6, -2], [-6, -0.75]]
    )
    np.testing.assert_allclose(
        plotting.rrelu_band_vertices(3.0, 8.0, derivative=True),
        [[-6, 1 / 8], [0, 1 / 8], [0, 1 / 3], [-6, 1 / 3]],
    )
    fig, axes = plotting.new_figure(1)
    patch = plotting.rrelu_band(axes[0], 2.0, 4.0)
    assert patch in axes[0].patches
    np.testing.assert_allclose(patch.get_xy()[:3], plotting.rrelu_band_vertices(2.0, 4.0))


def test_histogram_density_has_area_one():
    samples = np.random.default_rng(0).uniform(0.1, 0.3, 10_000)
    heights = plotting.histogram_density(samples)
    assert np.sum(heights * np.diff(plotting.SLOPE_EDGES)) == pytest.approx(1.0)


def test_slope_histogram_draws_bars_density_and_lines():
    slopes = 1 / np.random.default_rng(1).uniform(3, 8, 20_000)
    s = np.linspace(1 / 8, 1 / 3, 50)
    fig, axes = plotting.new_figure(1)
    drawn = plotting.slope_histogram(
        slopes,
        axes[0],
        density=(s, training.rrelu_slope_density(s)),
        eval_slope=2 / 11,
        mean_slope=training.rrelu_mean_slope(),
    )
    np.testing.assert_allclose(drawn.bars.get_data().values, plotting.histogram_density(slopes))
    np.testing.assert_allclose(drawn.density.get_xdata(), s)
    assert drawn.eval_line.get_xdata()[0] == pytest.approx(2 / 11)
    assert drawn.mean_line.get_xdata()[0] == pytest.approx(np.log(8 / 3) / 5)
    assert drawn.mean_line.get_linestyle() == "--"
    assert axes[0].get_xlim() == (0.0, 0.7) and axes[0].get_ylim() == (0.0, 16.0)
    # without the optional parts the lines are empty, not missing
    bare = plotting.slope_histogram(slopes, axes[0])
    assert bare.eval_line.get_xdata().size == 0 and bare.density.get_xdata().size == 0
