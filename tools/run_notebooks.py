"""Restart & Run All, then save: execute notebooks on a fresh kernel and store them clean.

    python tools/run_notebooks.py                 # every notebook in notebooks/
    python tools/run_notebooks.py notebooks/01-sigmoid.ipynb
    python tools/run_notebooks.py --check         # run, compare with the stored text, save nothing

Each notebook runs top to bottom on a new kernel, like JupyterLab's *Restart Kernel and Run All
Cells*, and is saved with its outputs but without widget state or cell timing metadata, so that
GitHub shows it and nbval finds its stored outputs current. A live explorer's output keeps its
picture (``image/png``) and its text, not its widget view, which cannot show without a kernel.
Prints the wall time of each run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def execute(path: Path, timeout: int = 120) -> tuple[nbformat.NotebookNode, float]:
    """Run ``path`` on a fresh kernel; return the executed notebook and the wall time."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
        allow_errors=False,
    )
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what makes noisy diffs or breaks GitHub's viewer."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = coalesced(cell.outputs)
            for output in cell.outputs:
                output.get("metadata", {}).pop("execution", None)
                data = output.get("data", {})
                if WIDGET_VIEW in data and "image/png" in data:
                    # A live explorer: keep its picture. Without a kernel its widget model does
                    # not exist, and JupyterLab would show "Error displaying widget: model not
                    # found" instead of the picture; a run brings the live view back.
                    del data[WIDGET_VIEW]
    return nb


def coalesced(outputs: list) -> list:
    """Join consecutive pieces of one stream: a busy kernel may send a print in two messages,
    and a saved notebook should not depend on that."""
    joined: list = []
    for output in outputs:
        last = joined[-1] if joined else None
        if (
            output.output_type == "stream"
            and last is not None
            and last.output_type == "stream"
            and last.name == output.name
        ):
            last.text += output.text
        else:
            joined.append(output)
    return joined


def stream_text(nb: nbformat.NotebookNode) -> list[str]:
    """The stored text outputs, in order (what nbval compares, roughly)."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        streams: dict[str, str] = {}
        for output in cell.outputs:
            if output.output_type == "stream":  # a stream may arrive in pieces: join them
                streams[output.name] = streams.get(output.name, "") + output.text
            elif "data" in output and "text/plain" in output.data:
                texts.append(output.data["text/plain"])
        texts.extend(f"{name}: {text}" for name, text in sorted(streams.items()))
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("[0-9][0-9]*-*.ipynb"))
    stale = []
    for path in paths:
        nb, seconds = execute(path)
        nb = clean(nb)
        if args.check:
            stored = nbformat.read(path, as_version=4)
            same = stream_text(stored) == stream_text(nb)
            if not same:
                stale.append(path)
            print(f"{path.name:32s} {seconds:6.2f} s  {'current' if same else 'STALE'}")
        else:
            nbformat.write(nb, path)
            print(f"{path.name:32s} {seconds:6.2f} s  saved")
    if stale:
        print("stale:", ", ".join(p.name for p in stale), file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
