"""Write the navigation lines (previous | contents | next, and a Binder badge) into every notebook.

    python tools/navigation.py            # rewrite the navigation cells
    python tools/navigation.py --check    # exit 1 if any is missing or out of date

The order of the series is the order of the file names (``NN-kebab-name.ipynb``, or
``NNa-kebab-name.ipynb`` for a notebook placed after ``NN``: ``00a-backpropagation.ipynb`` comes
between ``00-index`` and ``01-sigmoid``); a notebook's short name comes from its file name. The
navigation cells are the markdown cells that start with ``MARKER``: the first and the last cell
of each notebook. The index's list of contents is the markdown cell that starts with
``CONTENTS_MARKER``: one line per notebook, its title taken from the notebook's first heading.
Only those cells are touched, and only their text; outputs and other cells are left as they are.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
MARKER = "<!-- navigation: written by tools/navigation.py, do not edit by hand -->"
CONTENTS_MARKER = "<!-- contents: written by tools/navigation.py, do not edit by hand -->"
NAME_RE = re.compile(r"^(\d\d[a-z]?)-([a-z0-9-]+)\.ipynb$")
SPECIAL = {"relu": "ReLU", "prelu": "PReLU", "rrelu": "RReLU", "elu": "ELU", "index": "Index"}
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"


def repository() -> str:
    """``owner/name`` of the GitHub repository, from pyproject.toml's ``[project.urls]``."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    url = meta["project"]["urls"]["Repository"]
    return url.removeprefix("https://github.com/").strip("/")


def binder_url(path: str) -> str:
    """A mybinder.org link that opens ``path`` (relative to the repository) in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{repository()}/HEAD?labpath={quote(path, safe='')}"


def short_name(path: Path) -> str:
    """``03-leaky-relu.ipynb`` -> ``03 · Leaky ReLU``; ``00a-backpropagation.ipynb`` -> ``00a ·
    Backpropagation``."""
    match = NAME_RE.match(path.name)
    if not match:
        raise ValueError(f"{path.name} does not follow NN-kebab-name.ipynb")
    words = [SPECIAL.get(w, w.capitalize()) for w in match.group(2).split("-")]
    return f"{match.group(1)} · {' '.join(words)}"


class NotebookError(Exception):
    """A notebook that the navigation cannot place or read; the message names the file."""


def series() -> list[Path]:
    """The notebooks in order; every ``.ipynb`` in notebooks/ must follow ``NN-name.ipynb``."""
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    strays = [p.name for p in paths if not NAME_RE.match(p.name)]
    if strays:
        raise NotebookError(
            f"notebooks/{strays[0]} does not follow NN-kebab-name.ipynb (two digits, a dash, "
            "lower-case words joined by dashes): rename it, or move it out of notebooks/"
        )
    return paths


def read(path: Path) -> nbformat.NotebookNode:
    """``path`` as a notebook, or :class:`NotebookError` naming the file and what is wrong."""
    try:
        return nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises JSON, validation and OS errors alike
        raise NotebookError(f"notebooks/{path.name} is not a readable notebook: {err}") from None


def navigation(paths: list[Path], i: int) -> str:
    """The navigation markdown of the i-th notebook."""
    index = paths[0]
    parts = []
    if i > 0:
        parts.append(f"[← {short_name(paths[i - 1])}]({paths[i - 1].name})")
    if i > 0:
        parts.append(f"[Contents]({index.name})")
    if i + 1 < len(paths):
        parts.append(f"[{short_name(paths[i + 1])} →]({paths[i + 1].name})")
    badge = f"[![Open in Binder]({BINDER_BADGE})]({binder_url(f'notebooks/{paths[i].name}')})"
    return f"{MARKER}\n{' | '.join(parts)} &nbsp; {badge}"


def title(path: Path) -> str:
    """The text of the notebook's first level-1 heading."""
    nb = read(path)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    raise ValueError(f"{path.name} has no '# ' title")


def contents(paths: list[Path]) -> str:
    """The index's list of the notebooks, in order, one line each."""
    lines = [f"- [{title(p)}]({p.name})" for p in paths[1:]]
    return "\n".join([CONTENTS_MARKER, *lines])


def contents_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith(CONTENTS_MARKER):
            return cell
    return None


def nav_cells(nb: nbformat.NotebookNode) -> list[int]:
    return [
        k
        for k, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown" and cell.source.startswith(MARKER)
    ]


def apply(path: Path, text: str) -> bool:
    """Put ``text`` into the first and last cell of ``path``; return whether it changed."""
    nb = read(path)
    cells = nav_cells(nb)
    changed = False
    for k, at_end in ((0, False), (len(nb.cells) - 1, True)):
        if k in cells:
            if nb.cells[k].source != text:
                nb.cells[k].source = text
                changed = True
        else:
            cell = nbformat.v4.new_markdown_cell(text)
            nb.cells.insert(len(nb.cells) if at_end else 0, cell)
            changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


def check(path: Path, text: str) -> list[str]:
    nb = read(path)
    problems = []
    for k, where in ((0, "first"), (len(nb.cells) - 1, "last")):
        cell = nb.cells[k] if nb.cells else None
        if cell is None or cell.cell_type != "markdown" or not cell.source.startswith(MARKER):
            problems.append(f"{path.name}: the {where} cell is not a navigation cell")
        elif cell.source != text:
            problems.append(f"{path.name}: the {where} navigation cell is out of date")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    try:
        return run(check_only=args.check)
    except NotebookError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def run(*, check_only: bool) -> int:
    paths = series()
    for path in paths:  # read them all first: refuse before writing anything
        read(path)
    problems = []
    for i, path in enumerate(paths):
        text = navigation(paths, i)
        if check_only:
            problems += check(path, text)
        elif apply(path, text):
            print(f"updated {path.name}")
    if paths and paths[0].name.startswith("00-"):
        index = read(paths[0])
        cell, text = contents_cell(index), contents(paths)
        if cell is None:
            problems.append(
                f"{paths[0].name}: no contents cell (a markdown cell starting with "
                f"{CONTENTS_MARKER!r})"
            )
        elif cell.source != text:
            if check_only:
                problems.append(f"{paths[0].name}: the list of contents is out of date")
            else:
                cell.source = text
                nbformat.write(index, paths[0])
                print(f"updated the contents of {paths[0].name}")
    for problem in problems:
        print(problem)
    if problems:
        print("run: python tools/navigation.py", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
