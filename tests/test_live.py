"""The live layer: explorers update one persistent figure in place, on fixed axes, refuse bad
values, free everything they own when closed or rebuilt, and carry their picture for readers
without a kernel."""

import matplotlib

matplotlib.use("Agg")

import base64  # noqa: E402
import gc  # noqa: E402
import io  # noqa: E402
import math  # noqa: E402
import tracemalloc  # noqa: E402
import weakref  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from helpers import activations as act  # noqa: E402
from helpers import explorers, live, plotting  # noqa: E402
from helpers.catalog import Menu, Param, RangeParam  # noqa: E402


def open_widgets() -> int:
    """How many ipywidgets are open in this process."""
    from ipywidgets.widgets.widget import _instances

    return len(_instances)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def limits(fig):
    return [(ax.get_xlim(), ax.get_ylim()) for ax in fig.axes]


def elu_live(name: str = "elu") -> live.LiveWidget:
    """An explorer as a notebook builds one: figure, moving lines, ``update``, one slider."""
    spec, x = Param("alpha", 0.0, 3.0, 0.1, 1.0), plotting.x_grid()
    settings = [{"alpha": a} for a in spec.grid()]
    fig, _, (f_line, d_line) = plotting.function_and_derivative(
        act.elu,
        act.elu_derivative,
        params={"alpha": spec.value},
        ylim=live.limits_over(act.elu, x, settings),
        dylim=live.limits_over(act.elu_derivative, x, settings),
        fig=Figure(layout="constrained"),
    )

    def update(alpha):
        f_line.set_ydata(act.elu(x, alpha=alpha))
        d_line.set_ydata(act.elu_derivative(x, alpha=alpha))
        return live.readout({"alpha": alpha})

    return live.LiveWidget(fig, [f_line, d_line], {"alpha": spec}, update, name=name)


@pytest.fixture
def elu_explorer():
    return elu_live()


def test_explorer_updates_lines_in_place(elu_explorer):
    ex = elu_explorer
    fig, lines = ex.figure, list(ex.live.artists)
    before_limits, before_png = limits(fig), ex.live.image.value
    ex.set(alpha=2.5)
    x = lines[0].get_xdata()
    np.testing.assert_allclose(lines[0].get_ydata(), act.elu(x, alpha=2.5))
    np.testing.assert_allclose(lines[1].get_ydata(), act.elu_derivative(x, alpha=2.5))
    assert ex.figure is fig and list(ex.live.artists) == lines
    assert limits(fig) == before_limits
    assert ex.live.image.value != before_png
    assert (pixels(ex.live.image.value) != pixels(before_png)).any()
    assert "alpha" in ex.readout.value and "2.5" in ex.readout.value


def test_explorer_limits_hold_the_whole_slider_range(elu_explorer):
    ax_f, ax_d = elu_explorer.figure.axes
    x = plotting.x_grid()
    for alpha in np.arange(0.0, 3.01, 0.1):
        f, d = act.elu(x, alpha=alpha), act.elu_derivative(x, alpha=alpha)
        assert ax_f.get_ylim()[0] <= f.min() and f.max() <= ax_f.get_ylim()[1]
        assert ax_d.get_ylim()[0] <= d.min() and d.max() <= ax_d.get_ylim()[1]


def test_each_change_renders_one_frame(elu_explorer):
    frames = elu_explorer.live.frames
    for alpha in (0.5, 1.5, 2.0):
        elu_explorer.set(alpha=alpha)
    assert elu_explorer.live.frames == frames + 3


def test_blitting_matches_a_full_draw(elu_explorer):
    """What the cached background plus moved lines show equals drawing everything anew."""
    ex = elu_explorer
    ex.set(alpha=0.3)
    blitted = pixels(ex.live.render())
    for artist in ex.live.artists:
        artist.set_animated(False)
    ex.live.canvas.draw()
    full = np.asarray(ex.live.canvas.buffer_rgba())[..., :3]
    assert blitted.shape == full.shape
    # the moving lines are drawn last, so they may cover the legend frame or a grid line where a
    # full draw stacks them by zorder: a few pixels differ, the picture does not
    assert np.mean((blitted != full).any(axis=-1)) < 0.01


def test_control_specs_and_bad_defaults():
    s = live.control(Param("a", 0.0, 1.0, 0.05, 0.25))
    assert (s.min, s.max, s.step, s.value) == (0.0, 1.0, 0.05, 0.25)
    assert s.readout_format == ".2f" and s.continuous_update
    with pytest.raises(ValueError, match=r"a=2.0 lies outside \[0.0, 1.0\]"):
        live.control(Param("a", 0.0, 1.0, 0.1, 2.0))
    with pytest.raises(ValueError, match="is not ordered"):
        live.control(RangeParam(("lower", "upper"), 1.0, 10.0, 0.5, (8.0, 3.0)))
    with pytest.raises(ValueError, match="'cubic' is not one of"):
        live.control(Menu("form", (("exact", "none"), ("tanh", "tanh")), "cubic"))
    with pytest.raises(ValueError, match="min > 0"):
        live.control(Param("T", 0.0, 5.0, 0.01, 1.0, kind="log"))
    with pytest.raises(ValueError, match="unknown slider kind"):
        live.control(Param("T", 0.1, 5.0, 0.01, 1.0, kind="cubic"))


def test_set_rejects_unknown_controls(elu_explorer):
    with pytest.raises(KeyError, match="beta"):
        elu_explorer.set(beta=1.0)


def test_repr_is_short_and_stable(elu_explorer):
    assert repr(elu_explorer) == "[live explorer 'elu' (alpha): run the notebook to move it]"


def test_chain_explorer_shows_the_product_after_n_layers():
    w = explorers.chain_explorer({"sigmoid": 0.25, "ReLU": 1.0})
    w.set(n=10)
    sig = w.live.artists[1]
    assert len(sig.get_xdata()) == 10
    assert sig.get_ydata()[-1] == pytest.approx(0.25**10)
    assert "9.537e-07" in w.readout.value


def test_the_display_carries_the_current_picture(elu_explorer):
    """JupyterLab and Voilà show the widget view; a page without a kernel shows the picture."""
    elu_explorer.set(alpha=2.0)
    bundle = elu_explorer._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"}
    assert base64.b64decode(bundle["image/png"]) == elu_explorer.png()
    assert bundle["text/plain"] == repr(elu_explorer)


@pytest.mark.parametrize("bad", [math.nan, math.inf, None, "abc"])
def test_a_bad_value_is_refused_and_the_state_kept(elu_explorer, bad):
    elu_explorer.set(alpha=2.0)
    picture = elu_explorer.png()
    with pytest.raises(ValueError, match=r"alpha cannot be set to"):
        elu_explorer.set(alpha=bad)
    assert elu_explorer.values == {"alpha": 2.0}
    assert elu_explorer.png() == picture
    if bad is math.nan:  # the slider itself, set from code (it clamps inf to its maximum)
        with pytest.raises(ValueError, match="refused"):
            elu_explorer.controls["alpha"].value = bad
        assert elu_explorer.values == {"alpha": 2.0}
        assert elu_explorer.png() == picture
    elu_explorer.set(alpha=1.0)  # and it still works
    assert "1" in elu_explorer.readout.value


def test_a_menu_refuses_none_and_unknown_options():
    pg = explorers.playground("elu", compare="relu", name="menu-test")
    for bad in (None, "swish?"):
        with pytest.raises(ValueError, match="cannot be set to"):
            pg.set(activation=bad)
    assert pg.values["activation"] == "elu"
    pg.set(activation="tanh", compare="sigmoid")  # a later switch still works
    assert pg.values["compare"] == "sigmoid"
    pg.close()


def test_close_frees_every_widget_it_owns():
    before = open_widgets()
    pg = explorers.playground("rrelu", compare="elu", name="close-test")
    assert open_widgets() > before
    pg.close()
    assert open_widgets() == before
    pg.close()  # twice is harmless


#: Untraced builds before measuring, and the rebuilds measured under tracemalloc (which slows
#: a build about fourfold). A leaked explorer keeps over 1 MB; matplotlib's bounded caches still
#: fill by about 10 kB a rebuild. The bound per rebuild is the one 30 rebuilds held (1 MB).
WARM_UP, REBUILDS, KEPT_PER_REBUILD = 3, 8, 1_000_000 // 30


@pytest.mark.parametrize(
    "build",
    [
        lambda: explorers.playground("elu", compare="relu", name="rebuilt"),
        lambda: explorers.softmax_explorer(name="rebuilt"),
        lambda: elu_live("rebuilt"),
    ],
    ids=["playground", "softmax", "explorer"],
)
def test_rebuilding_under_one_name_does_not_leak(build):
    """A cell run again and again: each build closes and frees the one before it (its widgets,
    its figure, its canvas), the widget count stays put, and memory stays bounded."""
    w = build()
    w.close()
    gc.collect()
    widgets_before = open_widgets()
    for _ in range(WARM_UP):  # matplotlib's bounded caches (fonts, math text), untraced: faster
        w = build()
    gc.collect()
    widgets_per_explorer = open_widgets() - widgets_before
    assert widgets_per_explorer > 0
    replaced = [weakref.ref(part) for part in (w, w.figure, w.live.canvas, w.live.image)]
    w = build()
    gc.collect()  # matplotlib's figures hold reference cycles: collect as a kernel would
    assert [ref() for ref in replaced] == [None] * len(replaced), "a rebuilt explorer lives on"
    assert open_widgets() - widgets_before == widgets_per_explorer
    tracemalloc.start()
    try:
        w = build()  # the explorer the measured rebuilds replace is traced: its memory counts
        gc.collect()
        start, _ = tracemalloc.get_traced_memory()
        for _ in range(REBUILDS):
            w = build()
            gc.collect()
            assert open_widgets() - widgets_before == widgets_per_explorer
        end, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    w.close()
    gc.collect()
    assert open_widgets() == widgets_before
    bound = REBUILDS * KEPT_PER_REBUILD
    assert end - start < bound, f"{REBUILDS} rebuilds kept {(end - start) / 1e3:.0f} kB more"


@pytest.mark.parametrize("channels", [3, 4])
def test_png_bytes_decode_to_the_pixels(channels):
    """The hand-written PNG: any reader (Pillow here) gets back exactly the RGB pixels."""
    rgba = np.random.default_rng(channels).integers(0, 256, (7, 11, channels), dtype=np.uint8)
    decoded = pixels(live.png_bytes(rgba))
    assert decoded.shape == (7, 11, 3) and np.array_equal(decoded, rgba[..., :3])


def test_a_live_picture_is_the_canvas(elu_explorer):
    """What the browser receives is what Agg drew: the canvas's pixels, alpha dropped."""
    canvas = elu_explorer.live.canvas
    frame = pixels(elu_explorer.live.render())
    assert np.array_equal(frame, np.asarray(canvas.buffer_rgba())[..., :3])
