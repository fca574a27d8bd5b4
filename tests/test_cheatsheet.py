"""The cheat sheet (tools/cheatsheet.py): the committed files are what the tool draws now; every
catalogue entry has a row whose range and f'(0) are computed; the frameworks' facts are the
documented ones; and on the page no text overlaps another or leaves the printable area."""

from __future__ import annotations

import itertools
import shutil

import numpy as np
import pytest
from matplotlib.mathtext import MathTextParser
from matplotlib.text import Text
from PIL import Image

from helpers import activations as act
from helpers.catalog import ACTIVATIONS, Activation, register
from tools import cheatsheet

KEYS = [*ACTIVATIONS, "softmax", "glu"]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    """The sheet drawn once and saved into a temporary folder: (figure, folder, rows)."""
    folder = tmp_path_factory.mktemp("cheatsheet")
    with cheatsheet.sheet_style():
        fig = cheatsheet.draw()
        fig.canvas.draw()  # before saving, while mathtext's cache holds the PNG's resolution
        cheatsheet.save(fig, folder)
        yield fig, folder, {row.key: row for row in cheatsheet.rows()}


def test_the_committed_files_are_what_the_tool_draws(sheet):
    _, folder, _ = sheet
    assert cheatsheet.differences(folder) == [], f"run {cheatsheet.COMMAND}"


def test_check_exits_1_when_a_file_differs(monkeypatch, tmp_path):
    def same(folder):
        for name in cheatsheet.NAMES:
            shutil.copyfile(cheatsheet.DOCS / name, folder / name)

    def changed(folder):
        same(folder)
        (folder / "cheatsheet.png").write_bytes(b"not the sheet")

    monkeypatch.setattr(cheatsheet, "write", same)
    assert cheatsheet.main(["--check"]) == 0
    monkeypatch.setattr(cheatsheet, "write", changed)
    assert cheatsheet.main(["--check"]) == 1


def test_one_page_a4_landscape():
    pdf = (cheatsheet.DOCS / "cheatsheet.pdf").read_bytes()
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") == 1
    assert b"/MediaBox [ 0 0 841.8" in pdf  # 297 mm x 210 mm in points
    with Image.open(cheatsheet.DOCS / "cheatsheet.png") as png:
        assert png.size == (int(297 / 25.4 * 150), int(210 / 25.4 * 150))
        assert "Software" not in png.info


def test_every_catalogue_entry_has_a_row(sheet):
    _, _, rows = sheet
    assert list(rows) == KEYS
    assert set(cheatsheet.DERIVATIVES) == set(ACTIVATIONS)
    assert set(cheatsheet.FRAMEWORKS) == set(KEYS)
    for key in KEYS:
        assert all(cheatsheet.FRAMEWORKS[key]), key  # a line for each framework, "—" if none


@pytest.fixture
def newcomer():
    """A throw-away catalogue entry, removed afterwards."""
    entry = register(Activation(
        "softsign", "softsign", lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2,
        r"\mathrm{softsign}", r"\mathrm{softsign}(x) = \frac{x}{1 + |x|}", (), "lecun1998",
        None, "#F0E442", ":",
    ))  # fmt: skip
    yield entry
    del ACTIVATIONS[entry.key]


def test_a_new_catalogue_entry_needs_its_derivative_and_framework_lines(newcomer):
    with pytest.raises(KeyError, match="DERIVATIVES and no FRAMEWORKS for 'softsign'"):
        cheatsheet.rows()


EXPECTED_RANGES = {
    "sigmoid": "(0, 1)",
    "tanh": "(−1, 1)",
    "relu": "[0, ∞)",
    "leaky_relu": "(−∞, ∞)",
    "prelu": "(−∞, ∞)",
    "rrelu": "(−∞, ∞)",
    "elu": "(−1, ∞)",
    "softplus": "(0, ∞)",
    "gelu": "[−0.170, ∞)",
    "silu": "[−0.278, ∞)",
    "swish": "[−0.278, ∞)",
    "mish": "[−0.309, ∞)",
    "selu": "(−1.758, ∞)",
}


def test_ranges_are_computed_from_the_catalogue(sheet):
    _, _, rows = sheet
    for key, entry in ACTIVATIONS.items():
        computed = cheatsheet.range_text(*cheatsheet.value_range(entry.func, entry.defaults))
        assert rows[key].range == computed == EXPECTED_RANGES[key], key
    lower, upper = cheatsheet.value_range(act.selu, {})
    assert lower.value == pytest.approx(-act.SELU_SCALE * act.SELU_ALPHA, rel=1e-12)  # −λα
    assert lower.value == pytest.approx(-1.7581, abs=1e-4) and not lower.closed
    assert upper == cheatsheet.Bound(np.inf, False)
    lower, _ = cheatsheet.value_range(act.gelu, {"approximate": "none"})
    x = np.linspace(-0.8, -0.7, 100_001)  # GELU's dip, at x = -0.7518
    assert lower.closed and lower.value == pytest.approx(act.gelu(x).min(), abs=1e-7)


def test_slopes_at_zero_are_the_series_derivatives(sheet):
    _, _, rows = sheet
    printed = {key: rows[key].slope for key in ACTIVATIONS}
    assert printed["sigmoid"] == "0.25" and printed["tanh"] == "1"
    assert printed["relu"] == "1*"  # the series' convention at the kink; PyTorch gives 0
    assert printed["selu"] == "1.758*"  # λα, the left-hand slope
    assert printed["mish"] == "0.6" and printed["gelu"] == printed["silu"] == "0.5"
    for key, entry in ACTIVATIONS.items():
        value = float(entry.derivative(0.0, **entry.defaults))
        number = float(printed[key].rstrip("*").replace("−", "-"))
        assert number == pytest.approx(value, abs=5e-4), key
        assert printed[key].endswith("*") == (cheatsheet.kink_side(entry) is not None), key
    assert cheatsheet.slope_at_zero(ACTIVATIONS["selu"]) == pytest.approx(
        act.SELU_SCALE * act.SELU_ALPHA
    )


def test_the_documented_framework_defaults():
    fw = cheatsheet.FRAMEWORKS
    assert fw["leaky_relu"].pytorch == ("nn.LeakyReLU(negative_slope=0.01)",)
    assert "keras.activations.leaky_relu(negative_slope=0.2)" in fw["leaky_relu"].keras
    assert "keras.layers.LeakyReLU(negative_slope=0.3)" in fw["leaky_relu"].keras
    assert fw["leaky_relu"].jax == ("jax.nn.leaky_relu(negative_slope=0.01)",)
    assert fw["gelu"].pytorch == ("nn.GELU(approximate='none')",)
    assert fw["gelu"].keras[0] == "keras.activations.gelu(approximate=False)"
    assert fw["gelu"].jax[0] == "jax.nn.gelu(approximate=True)"  # JAX: the tanh form
    assert fw["rrelu"] == (("nn.RReLU(lower=1/8, upper=1/3)",), ("—",), ("—",))
    assert fw["prelu"].pytorch == ("nn.PReLU(num_parameters=1, init=0.25)",)
    assert fw["softplus"].pytorch == ("nn.Softplus(beta=1.0, threshold=20.0)",)
    assert fw["elu"] == (
        ("nn.ELU(alpha=1.0)",),
        ("keras.activations.elu(alpha=1.0)",),
        ("jax.nn.elu(alpha=1.0)",),
    )


def test_every_formula_renders_in_mathtext(sheet):
    _, _, rows = sheet
    parser = MathTextParser("path")
    for row in rows.values():
        for latex in (row.formula, row.derivative):
            for line in cheatsheet.mathtext(latex).split("\n"):
                parser.parse(line)  # raises ValueError on what mathtext does not know


def visible_texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_every_row_is_on_the_page(sheet):
    fig, _, rows = sheet
    shown = {t.get_text() for t in visible_texts(fig)}
    for row in rows.values():
        assert row.name in shown and row.range in shown and row.slope in shown, row.key
    assert cheatsheet.TITLE in shown
    assert any(cheatsheet.COMMAND in text for text in shown)


def test_no_text_overlaps_another_or_leaves_the_page(sheet):
    fig, _, _ = sheet
    renderer = fig.canvas.get_renderer()
    texts = visible_texts(fig)
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert len(texts) > 7 * len(KEYS)
    margin = 0.15 * fig.dpi  # a printer's unprintable edge, in pixels
    page = fig.bbox
    for t, box in zip(texts, boxes, strict=True):
        inside = (
            box.x0 >= page.x0 + margin
            and box.x1 <= page.x1 - margin
            and box.y0 >= page.y0 + margin
            and box.y1 <= page.y1 - margin
        )
        assert inside, f"{t.get_text()!r} leaves the page: {box}"
    for (a, box_a), (b, box_b) in itertools.combinations(zip(texts, boxes, strict=True), 2):
        width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert width <= 0 or height <= 0, f"{a.get_text()!r} overlaps {b.get_text()!r}"
    for ax in fig.axes:  # the sparklines
        assert page.contains(*ax.bbox.p0) and page.contains(*ax.bbox.p1)
