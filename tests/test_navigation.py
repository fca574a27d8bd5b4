"""tools/navigation.py refuses what it cannot place, naming the file, and writes nothing then;
it computes the reading times it writes into the index.

The tool runs in this process (``main``, on a folder of two real notebooks: importing nbformat
in a new Python takes seconds); one test runs it as a command, for its exit codes."""

from __future__ import annotations

import doctest
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import nbformat
import pytest

from tools import navigation as nav

ROOT = Path(__file__).resolve().parents[1]


class Result(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def copy_of_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A notebooks folder with two real notebooks, where the tool looks for the series."""
    (tmp_path / "notebooks").mkdir()
    for name in ("00-index.ipynb", "01-sigmoid.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, tmp_path / "notebooks")
    monkeypatch.setattr(nav, "NOTEBOOKS", tmp_path / "notebooks")
    return tmp_path


@pytest.fixture
def navigation(copy_of_repo: Path, capsys: pytest.CaptureFixture[str]):
    """``python tools/navigation.py *args`` on the copy, run in this process: its exit code
    (an exception escapes and fails the test, as a traceback would), stdout and stderr."""
    capsys.readouterr()

    def run(*args: str) -> Result:
        code = nav.main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def test_the_command_line_exit_codes(tmp_path):
    """The tool as a command, on its own copy: 1 when out of date, 2 for a notebook it cannot
    read (named on stderr, no traceback), and nothing written then."""
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "navigation.py", tmp_path / "tools")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "notebooks").mkdir()
    for name in ("00-index.ipynb", "01-sigmoid.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, tmp_path / "notebooks")

    def command(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "tools/navigation.py", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )

    # 01's "next" link points to 02, which the copy lacks: out of date
    stale = command("--check")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "01-sigmoid.ipynb: the last navigation cell is out of date" in stale.stdout
    (tmp_path / "notebooks" / "02-broken.ipynb").write_text("{ not json", encoding="utf-8")
    before = (tmp_path / "notebooks" / "01-sigmoid.ipynb").read_bytes()
    broken = command()
    assert broken.returncode == 2
    assert "notebooks/02-broken.ipynb is not a readable notebook" in broken.stderr
    assert "Traceback" not in broken.stderr
    # unrefused, it would have rewritten 01's links to point to 02-broken
    assert (tmp_path / "notebooks" / "01-sigmoid.ipynb").read_bytes() == before


def test_the_copy_is_current(copy_of_repo, navigation):
    # 01's "next" link points to 02, which the copy lacks: the tool rewrites it, then it is current
    assert navigation().returncode == 0
    assert navigation("--check").returncode == 0


@pytest.mark.parametrize("name", ["2-relu.ipynb", "02_relu.ipynb", "02-ReLU.ipynb", "relu.ipynb"])
def test_a_misnamed_notebook_is_refused_by_name(copy_of_repo, navigation, name):
    shutil.copy(ROOT / "notebooks" / "02-relu.ipynb", copy_of_repo / "notebooks" / name)
    before = (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes()
    result = navigation()
    assert result.returncode == 2
    assert f"notebooks/{name} does not follow NN-kebab-name.ipynb" in result.stderr
    assert "Traceback" not in result.stderr
    assert (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes() == before


@pytest.mark.parametrize("content", ["{ not json", '{"cells": 3}', ""])
def test_a_broken_notebook_is_refused_by_name(copy_of_repo, navigation, content):
    (copy_of_repo / "notebooks" / "02-broken.ipynb").write_text(content, encoding="utf-8")
    before = (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes()
    for args in ((), ("--check",)):
        result = navigation(*args)
        assert result.returncode == 2
        assert "notebooks/02-broken.ipynb is not a readable notebook" in result.stderr
        assert "Traceback" not in result.stderr
    assert (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes() == before


def test_the_reading_time_rule_and_its_examples():
    assert doctest.testmod(nav).failed == 0
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb = nbformat.v4.new_notebook(
        cells=[
            md(nav.MARKER + "\n[next](01-a.ipynb)"),  # navigation: not counted
            md("# Title\n" + "word " * 599),  # core: 600 words = 3 min
            code("x = 1"),  # core: 1 min
            md("## Going deeper: a detail\n" + "word " * 396),  # deep: 400 words = 2 min
            code("x = 2"),  # deep: 1 min
            md("### Still deep\n```python\n## a comment, not a heading\n```"),  # deep: 10 words
            md("## Back to the core"),  # core: 4 words
            code("x = 3"),
        ]
    )
    core, deeper = nav.reading_minutes(nb)
    assert core == pytest.approx(3 + 1 + 4 / 200 + 1)
    assert deeper == pytest.approx(2 + 1 + 10 / 200)
    assert nav.reading_line(core, deeper) == (
        "Core path: about 5 minutes; the 'Going deeper' sections add about 5."
    )
    assert nav.reading_line(core, 2.4).endswith("add a few minutes.")
    assert nav.reading_line(core, 0).endswith("has no 'Going deeper' sections.")
    assert [nav.to_five(m) for m in (22.49, 22.5, 0.2, 36.5)] == [20, 25, 5, 35]


def test_small_words_stay_small_in_short_names():
    assert nav.short_name(Path("11-smooth-and-gated.ipynb")) == "11 · Smooth and Gated"
    assert nav.short_name(Path("03-leaky-relu.ipynb")) == "03 · Leaky ReLU"
    assert nav.short_name(Path("12-the-end-of-it.ipynb")) == "12 · The End of It"


def test_the_contents_carry_computed_reading_times(copy_of_repo, navigation):
    """The index lists each notebook's reading times, and --check catches a stale one."""
    sigmoid = copy_of_repo / "notebooks" / "01-sigmoid.ipynb"
    assert navigation().returncode == 0
    core, _ = nav.reading_minutes(nbformat.read(sigmoid, as_version=4))
    index = nbformat.read(copy_of_repo / "notebooks" / "00-index.ipynb", as_version=4)
    assert f"(01-sigmoid.ipynb) — core {nav.to_five(core)} min" in nav.contents_cell(index).source

    nb = nbformat.read(sigmoid, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("word " * 4000))  # 20 minutes more
    nbformat.write(nb, sigmoid)
    result = navigation("--check")
    assert result.returncode == 1 and "the list of contents is out of date" in result.stdout
    assert navigation().returncode == 0
    index = nbformat.read(copy_of_repo / "notebooks" / "00-index.ipynb", as_version=4)
    assert f"— core {nav.to_five(core + 20)} min" in nav.contents_cell(index).source


def test_a_notebooks_own_reading_line_is_checked(copy_of_repo, navigation):
    path = copy_of_repo / "notebooks" / "01-sigmoid.ipynb"
    assert navigation().returncode == 0
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "Core path:" in source:
            cell["source"] = source.replace("Core path: about", "Core path: about 1")
    path.write_text(json.dumps(nb), encoding="utf-8")
    result = navigation("--check")
    assert result.returncode == 1
    assert "01-sigmoid.ipynb: its 'Core path:' line is out of date" in result.stdout
    assert navigation().returncode == 0
    assert navigation("--check").returncode == 0
