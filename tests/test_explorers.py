"""Every figure and every live explorer of every notebook, probed in the notebook's own kernel.

For each notebook, ``tools/probe.py`` runs it on a fresh kernel, with ``tools/geometry.py``'s
hook checking every figure it displays, and then moves every control of every open
:class:`helpers.live.LiveWidget` across its range. An explorer passes when

- every control changes the picture and the readout (a control that does nothing is a bug);
- every moving line stays inside its axes at every setting (the axes are fixed: they must hold
  every curve over the whole slider range);
- the blitted frame matches a full redraw of the same state (the cached background is valid):
  at most 2 % of the pixels differ, which is what anti-aliasing at the edges of the moving
  lines amounts to.

Every figure, and every explorer at every setting the probe moves it to, must read well: no
overlapping or clipped texts, no legend over data, no squeezed axes (``tools/geometry.py``).
The same check in lecture mode: ``tests/test_lecture_mode.py``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
import pytest

from tools import geometry
from tools.probe import probe

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*-*.ipynb"))
PAGES = sorted((ROOT / "pages").glob("*.ipynb"))  # served by Voilà
BLIT_TOLERANCE = 0.02


def has_explorer(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return "LiveWidget" in text or "explorers." in text


@functools.cache
def probed(path: Path) -> dict:
    """One probe run per notebook, shared by the tests below."""
    return probe(path)


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if has_explorer(p)], ids=lambda p: p.name)
def test_every_explorer_answers_every_control(path):
    report = probed(path)["explorers"]
    assert report, f"{path.name} builds no live explorer that stays open"
    problems = []
    for explorer in report:
        name = explorer["name"]
        for control, changed in explorer["controls"].items():
            if not changed["pixels"]:
                problems.append(f"{name}: moving {control} does not change the picture")
            if not changed["readout"]:
                problems.append(f"{name}: moving {control} does not change the readout")
        problems += [f"{name}: {where}" for where in explorer["outside"]]
        if explorer["blit"] > BLIT_TOLERANCE:
            problems.append(
                f"{name}: blitted frame differs from a full redraw: {explorer['blit']:.1%}"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_reads_well(path):
    report = probed(path)["geometry"]
    assert report["figures"] + report["live"] > 0, f"{path.name}: no figure was checked"
    assert not report["problems"], geometry.summary(report)


def explorer_calls(path: Path) -> set[str]:
    """The generic explorers a notebook builds, as calls without their ``name=``."""
    calls = set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            for call in re.findall(r"explorers\.\w+\([^)]*\)", cell.source):
                calls.add(re.sub(r',?\s*name="[^"]*"', "", call))
    return calls


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_shows_only_explorers_that_10_checks(path):
    """A page (pages/, served by Voilà) builds the same generic explorers, with the same
    arguments, as 10-playground, whose probe and lecture-mode walk check every setting of them
    in both styles (a page takes the style LECTURE_MODE chooses, as 10's two playgrounds do)."""
    calls = explorer_calls(path)
    assert calls, f"{path.name} builds no explorer"
    missing = calls - explorer_calls(ROOT / "notebooks" / "10-playground.ipynb")
    assert not missing, f"{path.name} builds explorers that 10 does not: {sorted(missing)}"
