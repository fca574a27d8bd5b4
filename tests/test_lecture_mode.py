"""Lecture mode: larger type and lines at the same figure sizes, the same printed outputs, and
figures that still read well (the geometry check of tools/geometry.py)."""

import matplotlib

matplotlib.use("Agg")

import configparser  # noqa: E402
import functools  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pytest  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from PIL import Image  # noqa: E402

import helpers  # noqa: E402
from helpers import activations as act  # noqa: E402
from helpers import explorers, plotting  # noqa: E402
from tools import geometry  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*-*.ipynb"))


@pytest.fixture(autouse=True)
def restore_rcparams():
    with matplotlib.rc_context():
        yield


def build_in(mode: str, builder):
    """``builder()`` under the normal style or in lecture mode."""
    with matplotlib.rc_context():
        helpers.use_style()
        if mode == "lecture":
            helpers.lecture_mode()
        return builder()


def png_size(fig) -> tuple[int, int]:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")  # no bbox_inches: the figure's own size
    return Image.open(buffer).size


def tick_size(fig) -> float:
    return fig.axes[0].get_xticklabels()[0].get_fontsize()


def test_lecture_mode_sets_and_unsets_the_larger_style():
    helpers.use_style()
    normal = dict(plt.rcParams)
    helpers.lecture_mode()
    for key, value in plotting._LECTURE_RC.items():
        assert plt.rcParams[key] == value > normal[key], key
    assert plt.rcParams["figure.figsize"] == normal["figure.figsize"]
    assert plt.rcParams["figure.dpi"] == normal["figure.dpi"]
    helpers.lecture_mode(False)
    assert dict(plt.rcParams) == normal


def test_static_figure_keeps_its_size_and_grows_its_type():
    def draw():
        fig, _, lines = plotting.function_and_derivative(act.elu, act.elu_derivative)
        return fig, lines

    (small, small_lines), (big, big_lines) = build_in("normal", draw), build_in("lecture", draw)
    try:
        assert png_size(big) == png_size(small)
        assert tick_size(big) > tick_size(small)
        assert big.axes[0].yaxis.label.get_fontsize() > small.axes[0].yaxis.label.get_fontsize()
        assert big_lines[0].get_linewidth() > small_lines[0].get_linewidth()
    finally:
        plt.close(small)
        plt.close(big)


WIDGETS = {
    "chain_explorer": lambda name: explorers.chain_explorer({"sigmoid": 0.25}, name=name),
    "playground": lambda name: explorers.playground("elu", compare="relu", name=name),
    "softmax_explorer": lambda name: explorers.softmax_explorer(name=name),
}


@pytest.mark.parametrize("name", WIDGETS)
def test_widget_figures_pick_up_lecture_mode_when_built(name):
    small = build_in("normal", lambda: WIDGETS[name]("small"))
    big = build_in("lecture", lambda: WIDGETS[name]("big"))
    assert tuple(big.figure.bbox.size) == tuple(small.figure.bbox.size)
    assert big.live.image.layout.width == small.live.image.layout.width
    assert big.live.image.layout.height == small.live.image.layout.height
    small_png = Image.open(io.BytesIO(small.live.render()))
    big_png = Image.open(io.BytesIO(big.live.render()))
    assert big_png.size == small_png.size
    assert tick_size(big.figure) > tick_size(small.figure)


def test_playground_keeps_lecture_sizes_after_the_style_changes_back():
    """Menus rebuild the legend later: it keeps the size the widget was built with."""
    big = build_in("lecture", lambda: WIDGETS["playground"]("big"))
    helpers.use_style()  # back to normal before the learner picks from the menu
    big.set(activation="tanh", compare="sigmoid")
    assert big.figure.legends[-1].get_texts()[0].get_fontsize() == 14.0


# --- every notebook in lecture mode prints exactly what it prints normally ---------------------


def sanitizers() -> list[tuple[re.Pattern, str]]:
    config = configparser.ConfigParser()
    config.read(ROOT / "tests" / "sanitize.cfg")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def compared_text(nb) -> list[list[str]]:
    """Per code cell, the outputs nbval compares: text/plain and stream text (sanitized)."""
    rules = sanitizers()
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        texts = []
        if "nbval-ignore-output" not in tags and "nbval-skip" not in tags:
            for output in cell.outputs:
                if output.output_type == "stream":
                    text = f"{output.name}: {output.text}"
                    if texts and texts[-1].startswith(f"{output.name}: "):
                        text = texts.pop() + output.text  # the kernel may split a stream
                    texts.append(text)
                elif "text/plain" in output.get("data", {}):
                    texts.append(output.data["text/plain"])
        for rule, replacement in rules:
            texts = [rule.sub(replacement, t) for t in texts]
        cells.append(texts)
    return cells


#: The last cell of a lecture-mode run: is lecture mode still on? Then the geometry report, with
#: every live explorer still open checked at every setting the probe moves it to (each was
#: checked as shown, too).
LAST_CELL = """import matplotlib
print("FONT", matplotlib.rcParams["font.size"])
_geometry.report(walk_live=True)"""


@functools.cache
def lecture_run(path: Path) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode, float, dict]:
    """Run ``path`` as a lecturer does: ``LECTURE_MODE=1`` in the environment the kernel starts
    with (``helpers.use_style()`` in the setup cell reads it), with ``tools/geometry.py``'s hook
    checking every figure it displays. Returns the stored and the executed notebook, the font
    size at the end and the geometry report. One run per notebook, shared by the tests below."""
    stored = nbformat.read(path, as_version=4)
    nb = geometry.with_hook(stored, path.name, LAST_CELL)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTURE_MODE", "1")  # the kernel inherits this process's environment
        NotebookClient(
            nb,
            timeout=300,  # the last cell walks every explorer (10: three playgrounds)
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    font = float(next(line for line in text.splitlines() if line.startswith("FONT "))[5:])
    report = geometry.collect(nb)
    return stored, nb, font, report


@pytest.mark.slow  # runs every notebook once more
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_prints_the_same_in_lecture_mode(path):
    stored, nb, font, _ = lecture_run(path)
    assert font == plotting._LECTURE_RC["font.size"], (
        "lecture mode was switched off during the notebook"
    )
    ran, expected = compared_text(nb), compared_text(stored)
    assert len(ran) == len(expected)
    for i, (got, want) in enumerate(zip(ran, expected, strict=True)):
        assert got == want, (
            f"code cell {i + 1} prints differently in lecture mode (if nbval fails on this "
            "notebook too, its stored outputs are stale)"
        )
    for cell, original in zip(nb.cells, stored.cells, strict=True):
        if cell.cell_type == "code":
            view = "application/vnd.jupyter.widget-view+json"  # saved without it (no kernel)
            kinds = [sorted(set(o.data) - {view}) for o in cell.outputs if "data" in o]
            assert kinds == [sorted(o.data) for o in original.outputs if "data" in o]


@pytest.mark.slow  # the same run as the test above
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_reads_well_in_lecture_mode(path):
    """Larger type at the same sizes: no overlapping or clipped texts, no legend over data, no
    squeezed axes, in every figure and every live explorer, as shown and at every setting the
    probe moves it to (``tools/geometry.py``)."""
    report = lecture_run(path)[3]
    assert report["figures"] + report["live"] > 0, f"{path.name}: no figure was checked"
    assert not report["problems"], geometry.summary(report)
