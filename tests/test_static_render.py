"""Without a kernel (GitHub, nbconvert, a notebook opened unrun) every explorer is its picture.

A live widget's output bundle carries ``image/png`` beside the widget view; the saved notebooks
keep the picture and a line of text, not the view (JupyterLab would show "Error displaying
widget: model not found" for it). nbconvert's HTML export, what nbviewer serves, must show the
picture for a saved notebook and for a freshly executed one (widget view and picture together,
no widget state).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06-elu.ipynb"
VIEW = "application/vnd.jupyter.widget-view+json"


def explorer_outputs(nb):
    return [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "[live explorer" in str(output.get("data", {}).get("text/plain", ""))
    ]


def html_of(path: Path) -> str:
    """What ``jupyter nbconvert --to html path`` writes (the same exporter, the same page, run in
    this process: a new Python takes seconds to import nbconvert)."""
    from nbconvert import HTMLExporter

    html, _ = HTMLExporter().from_filename(str(path))
    return html


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("[0-9][0-9]*-*.ipynb")))
def test_saved_explorers_keep_their_picture_not_their_view(path):
    for output in explorer_outputs(nbformat.read(path, as_version=4)):
        assert set(output["data"]) == {"image/png", "text/plain"}, path.name


def test_nbconvert_shows_the_picture_of_a_saved_explorer():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    pictures = [o["data"]["image/png"] for o in explorer_outputs(nb)]
    assert pictures
    html = html_of(NOTEBOOK)
    for picture in pictures:
        assert picture.replace("\n", "")[:200] in html.replace("\n", "")
    assert "[live explorer" not in html  # the picture is shown, not the text


def test_nbconvert_shows_the_picture_of_a_live_run(tmp_path):
    """Executed without saving widget state: the bundle has the view and the picture."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell("from helpers import explorers\nexplorers.softmax_explorer()")
    ]
    NotebookClient(nb, kernel_name="python3", timeout=120, store_widget_state=False).execute()
    (output,) = nb.cells[0].outputs
    assert set(output["data"]) == {VIEW, "image/png", "text/plain"}
    path = tmp_path / "live.ipynb"
    nbformat.write(nb, path)
    html = html_of(path)
    assert output["data"]["image/png"][:200] in html
    assert not re.search(r"<script type=\"application/vnd\.jupyter\.widget-view\+json\"", html)
