"""tools/navigation.py refuses what it cannot place, naming the file, and writes nothing then."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def copy_of_repo(tmp_path: Path) -> Path:
    """The parts of the repository the tool reads, with two real notebooks."""
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "navigation.py", tmp_path / "tools")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "notebooks").mkdir()
    for name in ("00-index.ipynb", "01-sigmoid.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, tmp_path / "notebooks")
    return tmp_path


def navigation(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "tools/navigation.py", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_copy_is_current(copy_of_repo):
    # 01's "next" link points to 02, which the copy lacks: the tool rewrites it, then it is current
    assert navigation(copy_of_repo).returncode == 0
    assert navigation(copy_of_repo, "--check").returncode == 0


@pytest.mark.parametrize("name", ["2-relu.ipynb", "02_relu.ipynb", "02-ReLU.ipynb", "relu.ipynb"])
def test_a_misnamed_notebook_is_refused_by_name(copy_of_repo, name):
    shutil.copy(ROOT / "notebooks" / "02-relu.ipynb", copy_of_repo / "notebooks" / name)
    before = (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes()
    result = navigation(copy_of_repo)
    assert result.returncode == 2
    assert f"notebooks/{name} does not follow NN-kebab-name.ipynb" in result.stderr
    assert "Traceback" not in result.stderr
    assert (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes() == before


@pytest.mark.parametrize("content", ["{ not json", '{"cells": 3}', ""])
def test_a_broken_notebook_is_refused_by_name(copy_of_repo, content):
    (copy_of_repo / "notebooks" / "02-broken.ipynb").write_text(content, encoding="utf-8")
    before = (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes()
    for args in ((), ("--check",)):
        result = navigation(copy_of_repo, *args)
        assert result.returncode == 2
        assert "notebooks/02-broken.ipynb is not a readable notebook" in result.stderr
        assert "Traceback" not in result.stderr
    assert (copy_of_repo / "notebooks" / "01-sigmoid.ipynb").read_bytes() == before
