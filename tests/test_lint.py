"""Lint the code and the notebooks' code, as part of the test run."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_DIRS = [
    d for d in ("helpers", "tests", "tools", "benchmarks", "binder") if (ROOT / d).is_dir()
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_check():
    result = run("ruff", "check", *PYTHON_DIRS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = run("ruff", "format", "--check", *PYTHON_DIRS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_notebook_code_passes_ruff():
    result = run("nbqa", "ruff", "notebooks")
    assert result.returncode == 0, result.stdout + result.stderr
