"""Every notebook in JupyterLab, in headless Chromium, as a learner uses it.

For each notebook (found by ``notebooks/NN-*.ipynb``): open a copy, Run > Run All Cells, wait for
the kernel to go idle; no cell may show an error or stderr and every widget must display. Then
every slider handle is moved with the keyboard: its figure must show new pixels and the readout
computed in the kernel must show the new value. Screenshots go to ``screenshots/browser/``
(ignored by git).

Skips when Chromium or Playwright is missing, except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import shutil

import pytest

from tools import browser as lab_browser

NOTEBOOKS = lab_browser.notebooks()


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_every_slider_moves_its_figure(path, lab, chromium):
    shots = lab_browser.SCREENSHOTS / "browser" / path.stem
    shutil.rmtree(shots, ignore_errors=True)
    page = lab_browser.NotebookPage(chromium, lab, f"notebooks/{path.name}")
    try:
        failures = lab_browser.run_notebook(page, shots)
        assert not failures, f"{path.name} after Run All:\n" + "\n".join(failures)
        sliders = page.sliders()
        for slider in sliders:
            failures += lab_browser.move_slider(page, slider, shots)
        failures += [f"after moving the sliders: {p}" for p in page.problems()]
        page.screenshot_notebook(shots / "notebook.png")
        assert not failures, (
            f"{path.name}: {len(failures)} of {len(sliders)} slider handles failed:\n"
            + "\n".join(failures)
        )
    finally:
        page.close()


#: In a JupyterLab page (``window.jupyterapp``, see :class:`tools.browser.Lab`): open a document
#: and return its path once it has loaded; close every document.
OPEN_DOCUMENT = """async (path) => {
  const widget = await window.jupyterapp.commands.execute('docmanager:open', {path});
  await widget.context.ready;
  return widget.context.path;
}"""
CLOSE_ALL = "() => window.jupyterapp.commands.execute('application:close-all').then(() => true)"
CLOSED = "() => !document.querySelector('.jp-NotebookPanel')"


@pytest.mark.slow
def test_an_unrun_notebook_shows_every_explorer_as_its_picture(lab, chromium):
    """Opened without running (as from a fresh clone), every saved explorer shows its picture:
    no widget view that JupyterLab cannot render ("Error displaying widget").

    The copies are trusted: JupyterLab renders an untrusted notebook's outputs with its safe
    renderers only, which never show a widget view, so a view left in a saved notebook would go
    unseen. One JupyterLab page opens the notebooks one after another; nothing runs, so nothing
    waits for a kernel (each is shut down with its notebook). A notebook that fails leaves a
    screenshot in ``screenshots/unrun/``."""
    import nbformat
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    saved = lab.root_dir / "saved"
    with_explorers = [p for p in NOTEBOOKS if "[live explorer" in p.read_text(encoding="utf-8")]
    assert with_explorers
    lab.trust(lab_browser.copy_notebooks(with_explorers, saved, clear_outputs=False))
    shots = lab_browser.SCREENSHOTS / "unrun"
    shutil.rmtree(shots, ignore_errors=True)
    page = lab_browser.NotebookPage(chromium, lab, "saved")
    failures = []
    try:
        page.page.goto(lab.url("saved"), timeout=90_000)
        page.page.wait_for_function("() => window.jupyterapp", timeout=90_000)
        page.page.evaluate("() => window.jupyterapp.restored.then(() => true)")
        page.page.evaluate(lab_browser.PAGE_JS)
        for path in with_explorers:
            nb = nbformat.read(path, as_version=4)
            expected = sum(
                "image/png" in output.get("data", {})
                for cell in nb.cells
                if cell.cell_type == "code"
                for output in cell.outputs
            )
            assert page.page.evaluate(OPEN_DOCUMENT, f"saved/{path.name}") == f"saved/{path.name}"
            try:
                page.page.wait_for_function(
                    f"() => window.__lab.savedPictures().pictures >= {expected}", timeout=30_000
                )
            except PlaywrightTimeout:
                pass  # reported below, with what the page shows
            shown = page.saved_pictures()
            if shown != {"pictures": expected, "widgets": 0, "errors": 0}:
                failures.append(f"{path.name}: shows {shown}; {expected} pictures are saved")
                page.screenshot_notebook(shots / f"{path.stem}.png")
            page.page.evaluate(CLOSE_ALL)
            page.page.wait_for_function(CLOSED, timeout=30_000)
            lab.shutdown_kernels()
    finally:
        page.close()
    assert not failures, "\n".join(failures)


def test_move_slider_reports_a_slider_without_figure():
    """The check can fail: a slider whose widget has no figure is reported, not passed."""
    slider = lab_browser.Slider(0, -1, 0, 1, "alpha", "[3]:", "horizontal")

    class Page:
        def state(self, _):
            return {"figure": None}

    failures = lab_browser.move_slider(Page(), slider)
    assert failures == [
        "cell [3]: slider 'alpha': no figure (" + lab_browser.FIGURE_SELECTOR + ") in its widget"
    ]


@pytest.mark.parametrize(
    ("readout", "label", "reported"),
    [
        ("alpha = 1.1", "alpha", ["1.1"]),
        ("l = 3.1 u = 8 evaluation slope 2/(l+u) = 0.1802", "bounds l, u", ["3.1", "8"]),
        ("\u03b1 = 0.02 f(\u22126) = -0.12 gradient kept for x < 0 = 2%", "slope \u03b1", ["0.02"]),
        ("T = 1.023 softmax(z/T) = [0.839, 0.089, 0.073]", "temperature T", ["1.023"]),
        ("T = 1 softmax(z/T) = [0.858, 0.078, 0.064]", "z1", None),
        ("n = 6 sigmoid = 0.0002441 relu = 1", "layers n", ["6"]),
        ("z = \u22122.5 \u03c3(z) = 0.07586", "z", ["-2.5"]),
    ],
)
def test_reported_values(readout, label, reported):
    assert lab_browser.reported_values(readout, label) == reported


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("1.02", "1.023", True),
        ("1.02", "1", False),
        ("1.0", "1", True),
        ("6", "6", True),
        ("0.02", "0.01", False),
        ("7", "6", False),
        ("1.526e-05", "0.00001526", True),
    ],
)
def test_same_number(a, b, same):
    assert lab_browser.same_number(a, b) is same


def test_displayed_value_of_a_range_slider():
    assert lab_browser.displayed_value("3.00 \u2013 8.00", 1) == "8.00"
    assert lab_browser.displayed_value("\u22121.5", 0) == "-1.5"


BROKEN = [
    "import warnings\nwarnings.warn('careful')",
    """import io

import ipywidgets as w
from PIL import Image


def png(width):
    picture = Image.new("RGB", (200, 60), "white")
    picture.paste((0, 114, 178), (0, 0, max(1, int(width)), 60))
    out = io.BytesIO()
    picture.save(out, format="png")
    return out.getvalue()


def explorer(label, draws, says):
    slider = w.FloatSlider(value=50, min=0, max=200, step=10, description=label)
    image = w.Image(value=png(50), format="png")
    readout = w.HTML(says(50))

    def update(change):
        if draws:
            image.value = png(change["new"])
        readout.value = says(change["new"])

    slider.observe(update, names="value")
    return w.VBox([slider, image, readout])


display(explorer("alpha", True, lambda v: f"alpha = {v + 5:g}"))  # the readout is wrong
display(explorer("beta", False, lambda v: f"beta = {v:g}"))  # the figure never changes""",
    "display({'application/vnd.jupyter.widget-view+json': {'model_id': 'f' * 32,"
    " 'version_major': 2, 'version_minor': 0}, 'text/plain': 'gone'}, raw=True)",
    "1 / 0",
]


@pytest.mark.slow
def test_the_checks_catch_a_broken_notebook(lab, chromium):
    """The browser checks can fail: stderr, an error, a widget that cannot display, a readout
    that does not follow its slider and a figure that does not move are all reported."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(source) for source in BROKEN]
    nbformat.write(nb, lab.root_dir / "notebooks" / "broken.ipynb")
    page = lab_browser.NotebookPage(chromium, lab, "notebooks/broken.ipynb")
    try:
        failures = lab_browser.run_notebook(page)
        text = "\n".join(failures)
        assert "UserWarning: careful" in text
        assert "ZeroDivisionError" in text
        assert "Error displaying widget" in text
        sliders = {s.label: s for s in page.sliders()}
        assert sorted(sliders) == ["alpha", "beta"]
        alpha = lab_browser.move_slider(page, sliders["alpha"])
        assert len(alpha) == 1 and "the readout from the kernel says 'alpha = 65'" in alpha[0]
        beta = lab_browser.move_slider(page, sliders["beta"], timeout=3)
        assert len(beta) == 1 and "figure unchanged" in beta[0], beta
    finally:
        page.close()
