"""Write the navigation lines (previous | contents | next, and a Binder badge) into every notebook.

    python tools/navigation.py            # rewrite the navigation cells
    python tools/navigation.py --check    # exit 1 if any is missing or out of date

The order of the series is the order of the file names (``NN-kebab-name.ipynb``, or
``NNa-kebab-name.ipynb`` for a notebook placed after ``NN``: ``00a-backpropagation.ipynb`` comes
between ``00-index`` and ``01-sigmoid``); a notebook's short name comes from its file name. The
navigation cells are the markdown cells that start with ``MARKER``: the first and the last cell
of each notebook. The index's list of contents is the markdown cell that starts with
``CONTENTS_MARKER``: one line per notebook, its title taken from the notebook's first heading and
its reading time computed from its cells (:func:`reading_minutes`), then the core path's total.
Only those cells are touched, and only their text; outputs and other cells are left as they are.

    python tools/navigation.py --times    # the reading times, beside each notebook's own line
"""

from __future__ import annotations

import argparse
import math
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
#: Words of a short name that stay lower-case unless they come first ("11 · Smooth and Gated").
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs"}
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
    Backpropagation``; small words stay small: ``11-smooth-and-gated.ipynb`` -> ``11 · Smooth and
    Gated``."""
    match = NAME_RE.match(path.name)
    if not match:
        raise ValueError(f"{path.name} does not follow NN-kebab-name.ipynb")
    words = [
        SPECIAL.get(w, w if k > 0 and w in SMALL_WORDS else w.capitalize())
        for k, w in enumerate(match.group(2).split("-"))
    ]
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


WORDS_PER_MINUTE = 200
CODE_CELL_MINUTES = 1
GOING_DEEPER = "Going deeper:"
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
#: A shorter route through the series, in the index's "core path" paragraph: the notebooks whose
#: core it reads, each with what it is there for.
SHORT_PATH = {
    "00a": "if backpropagation is new to you",
    "01": "the squashing family, and why its gradient fades",
    "02": "the rectifiers",
    "07": "the output layer",
    "08": "the lab where the two families meet",
    "11": "the activations of today's models",
}


def reading_minutes(nb: nbformat.NotebookNode) -> tuple[float, float]:
    """Minutes to read ``nb``: (core, "Going deeper" sections), not rounded.

    Markdown is read at ``WORDS_PER_MINUTE`` (200 words a minute; a heading's ``#`` is no word)
    and each code cell takes ``CODE_CELL_MINUTES`` (1); the navigation and contents cells are not
    counted. A heading that starts with "Going deeper:" opens an optional section, which runs to
    the next heading of the same or a higher level (as many ``#`` or fewer); the lines of a fenced
    code block in markdown are never headings.

    Examples
    --------
    >>> md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     md(MARKER + "\\n[next](01-a.ipynb)"),           # navigation: not counted
    ...     md("# Two words\\n" + "word " * 398), code(""),  # core: 400 words, 1 cell
    ...     md("## Going deeper: four words\\n" + "word " * 96), code(""),
    ...     md("### Still deep\\n```\\n# code\\n```"),        # deep: 100 + 6 words, 1 cell
    ...     md("## Core again"), code(""), code(""),       # core: 2 words, 2 cells
    ... ])
    >>> reading_minutes(nb)
    (5.01, 1.53)
    """
    core, deeper = [0, 0], [0, 0]  # words, code cells
    level = None  # the heading level of the "Going deeper" section we are in, if any
    for cell in nb.cells:
        if cell.cell_type == "code":
            (core if level is None else deeper)[1] += 1
            continue
        if cell.cell_type != "markdown" or cell.source.startswith((MARKER, CONTENTS_MARKER)):
            continue
        fenced = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            heading = None if fenced else HEADING_RE.match(line)
            if heading:
                depth, line = len(heading.group(1)), heading.group(2)
                if level is not None and depth <= level:
                    level = None
                if line.startswith(GOING_DEEPER):
                    level = depth
            (core if level is None else deeper)[0] += len(line.split())
    (core_minutes, deep_minutes) = (
        round(words / WORDS_PER_MINUTE + cells * CODE_CELL_MINUTES, 6)
        for words, cells in (core, deeper)
    )
    return core_minutes, deep_minutes


def to_five(minutes: float) -> int:
    """``minutes`` to the nearest multiple of 5, halves up, at least 5.

    >>> [to_five(m) for m in (0.4, 7.4, 7.5, 23.1, 36.5)]
    [5, 5, 10, 25, 35]
    """
    return max(5, 5 * math.floor(minutes / 5 + 0.5))


def few(deeper: float) -> bool:
    """Whether the "Going deeper" sections are written as "a few minutes" (under 2.5)."""
    return deeper < 2.5


def reading_line(core: float, deeper: float) -> str:
    """The line a notebook's "you will learn" cell gives its reading times in.

    >>> reading_line(27.3, 3.2)
    "Core path: about 25 minutes; the 'Going deeper' sections add about 5."
    >>> reading_line(21.8, 1.2)
    "Core path: about 20 minutes; the 'Going deeper' sections add a few minutes."
    >>> reading_line(28.5, 0)
    "Core path: about 30 minutes; this notebook has no 'Going deeper' sections."
    """
    start = f"Core path: about {to_five(core)} minutes;"
    if deeper == 0:
        return f"{start} this notebook has no 'Going deeper' sections."
    more = "a few minutes" if few(deeper) else f"about {to_five(deeper)}"
    return f"{start} the 'Going deeper' sections add {more}."


def hours(minutes: int) -> str:
    """``95`` -> ``1 h 35 min``; ``45`` -> ``45 min``."""
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


def lecture_minutes(nb: nbformat.NotebookNode) -> int:
    """The length of a lecture: the end of the last part of its timing table (``| 44–50 |``).

    >>> table = "| part | minutes |\\n|---|---|\\n| 1 | 0–5 |\\n| 2 | 5–12 |"
    >>> lecture_minutes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(table)]))
    12
    """
    ends = [
        int(m.group(1))
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for m in re.finditer(r"\|\s*\d+\s*[–-]\s*(\d+)\s*\|", cell.source)
    ]
    if not ends:
        raise NotebookError("a lecture needs a timing table: rows with '| start–end |' minutes")
    return max(ends)


def contents(paths: list[Path]) -> str:
    """The index's list of the notebooks, in order, one line each with its reading times, then the
    core path: every notebook's core, and a shorter route (``SHORT_PATH``), with their totals.

    A total is the sum of the rounded times the list shows, so that a reader can add them up; the
    "Going deeper" total is the sum of the unrounded minutes, rounded.
    """
    lines, cores, deep_minutes = [], {}, 0.0
    for path in paths[1:]:
        if path.name.endswith("-lecture.ipynb"):  # for a classroom: its own timing, not counted
            minutes = lecture_minutes(read(path))
            lines.append(f"- [{title(path)}]({path.name}) — for a class: {minutes} min, as slides")
            continue
        core, deeper = reading_minutes(read(path))
        cores[path.name.split("-")[0]] = to_five(core)
        deep_minutes += deeper
        entry = f"- [{title(path)}]({path.name}) — core {to_five(core)} min"
        if deeper:
            entry += f", going deeper +{'a few' if few(deeper) else to_five(deeper)}"
        lines.append(entry)
    own_core, _ = reading_minutes(read(paths[0]))
    path = (
        f"**Core path.** The reading times are computed from the notebooks: {WORDS_PER_MINUTE}"
        " words a minute of text and a minute per code cell. The core of every notebook, in the"
        f" order above, takes about {hours(sum(cores.values()))} (this page about"
        f' {to_five(own_core)} min more); the optional sections headed "Going deeper" add about'
        f" {hours(to_five(deep_minutes))}."
    )
    route = [(n, why) for n, why in SHORT_PATH.items() if n in cores]
    if route:
        stops = [f"{n} ({why})" for n, why in route]
        path += (
            f" A shorter route, about {hours(sum(cores[n] for n, _ in route))}: the core of"
            f" {', '.join(stops[:-1])} and {stops[-1]}."
        )
    return "\n".join([CONTENTS_MARKER, *lines, "", path])


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


def own_reading_line(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode | None, str]:
    """The markdown cell holding the notebook's "Core path:" line (or None), and the line due."""
    due = reading_line(*reading_minutes(nb))
    for cell in nb.cells:
        if cell.cell_type == "markdown" and any(
            line.startswith("Core path:") for line in cell.source.splitlines()
        ):
            return cell, due
    return None, due


def with_reading_line(cell: nbformat.NotebookNode, due: str) -> str:
    lines = cell.source.splitlines()
    return "\n".join(due if line.startswith("Core path:") else line for line in lines)


def apply(path: Path, text: str) -> bool:
    """Put ``text`` into the first and last cell of ``path`` and its "Core path:" line up to
    date; return whether it changed."""
    nb = read(path)
    cells = nav_cells(nb)
    changed = False
    cell, due = own_reading_line(nb)
    if cell is not None and cell.source != with_reading_line(cell, due):
        cell.source = with_reading_line(cell, due)
        changed = True
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
    cell, due = own_reading_line(nb)
    if cell is not None and cell.source != with_reading_line(cell, due):
        problems.append(f"{path.name}: its 'Core path:' line is out of date ({due})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    parser.add_argument(
        "--times", action="store_true", help="print the reading times, change nothing"
    )
    args = parser.parse_args(argv)
    try:
        if args.times:
            return times()
        return run(check_only=args.check)
    except NotebookError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def times() -> int:
    """Print each notebook's reading times, and where its own "Core path" line says otherwise."""
    for path in series():
        nb = read(path)
        core, deeper = reading_minutes(nb)
        line = reading_line(core, deeper)
        typed = [
            ln.strip()
            for cell in nb.cells
            if cell.cell_type == "markdown"
            for ln in cell.source.splitlines()
            if ln.startswith("Core path:")
        ]
        same = [t.replace('"', "'") == line for t in typed]
        note = "" if all(same) and typed else f"  (the notebook says: {typed[0] if typed else '-'})"
        print(f"{path.name:32s} core {core:5.1f} min, going deeper {deeper:4.1f}: {line}{note}")
    return 0


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
