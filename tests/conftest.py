"""Shared fixtures: the series' plot style for figure tests; the browser and Binder tests'
Chromium and JupyterLab (tests/test_browser.py, tests/test_binder.py)."""

from __future__ import annotations

import os

import matplotlib
import pytest

from tools import browser as lab_browser

matplotlib.use("Agg")  # figures in tests are drawn off screen
# a lecturer's LECTURE_MODE=1 must not leak into the tests; the tests that want it set it
os.environ.pop("LECTURE_MODE", None)


@pytest.fixture
def series_style():
    """The series' style for the duration of a test; every figure closed afterwards."""
    import matplotlib.pyplot as plt

    from helpers import plotting

    with plt.rc_context():
        plotting.use_style()
        yield
    plt.close("all")


def pytest_configure(config: pytest.Config) -> None:
    # also in pyproject.toml; registered here too so that a run never warns about it
    config.addinivalue_line(
        "markers", "slow: builds an environment or drives a browser (deselect: -m 'not slow')"
    )


@pytest.fixture(scope="session")
def chromium() -> lab_browser.Browser:
    """Headless Debian Chromium (Playwright), one for the session."""
    reason = lab_browser.missing_browser()
    if reason:
        lab_browser.unavailable(reason)
    with lab_browser.Browser() as browser:
        yield browser


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> lab_browser.Lab:
    """JupyterLab on output-free copies of the series' notebooks (never the committed ones)."""
    reason = lab_browser.missing_browser()
    if reason:
        lab_browser.unavailable(reason)
    work = tmp_path_factory.mktemp("jupyterlab")
    with lab_browser.lab_on_copies(lab_browser.notebooks(), work) as server:
        yield server
