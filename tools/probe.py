"""A generic probe of a notebook's live explorers, run inside its kernel after the last cell.

``PROBE`` is code for a final notebook cell: for every open :class:`helpers.live.LiveWidget` it
moves each control across its range and reports, as one JSON line on stdout,

- whether each control changes the picture and the readout,
- any moving line that leaves its axes (the axes must hold every curve over every setting),
- how far a blitted frame differs from a full redraw of the same state (share of pixels).

Used by ``tests/test_explorers.py``; run it by hand with ``python tools/probe.py NOTEBOOK``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

PROBE = r"""
def _probe():
    import io as _io
    import json as _json

    import numpy as _np
    from matplotlib.lines import Line2D as _Line2D
    from PIL import Image as _Image
    from helpers.live import live_widgets as _live_widgets

    def pixels(png):
        return _np.asarray(_Image.open(_io.BytesIO(png)).convert("RGB")).astype(int)

    def trial_values(w):
        kind = type(w).__name__
        if kind == "Dropdown":
            pairs = isinstance(w.options[0], tuple)
            return [value for _, value in w.options] if pairs else list(w.options)
        if kind == "FloatRangeSlider":
            return [(w.min, w.min), (w.max, w.max), (w.min, w.max)]
        if kind == "FloatLogSlider":
            return [w.base ** w.min, w.base ** w.max, w.base ** ((w.min + w.max) / 2)]
        if kind == "IntSlider":
            return [w.min, w.max, (w.min + w.max) // 2]
        return [w.min, w.max, w.min + round((w.max - w.min) / 2 / w.step) * w.step]

    def outside(live):
        bad = []
        for artist in live.live.artists:
            if not isinstance(artist, _Line2D) or not artist.get_visible():
                continue
            ax = artist.axes
            if ax is None or artist.get_transform() != ax.transData:
                continue
            x = _np.asarray(artist.get_xdata(), dtype=float)
            y = _np.asarray(artist.get_ydata(), dtype=float)
            if x.size == 0:
                continue
            x0, x1 = sorted(ax.get_xlim())
            y0, y1 = sorted(ax.get_ylim())
            inside_x = (x >= x0 - 1e-9) & (x <= x1 + 1e-9)
            ys = y[inside_x & _np.isfinite(y)]
            if ax.get_yscale() == "log":
                ys = ys[ys > 0]
            if ys.size and (ys.min() < y0 - 1e-9 * abs(y0) or ys.max() > y1 + 1e-9 * abs(y1)):
                bad.append(f"{artist.get_label() or 'a line'} on '{ax.get_title()}': "
                           f"{ys.min():.4g}..{ys.max():.4g} outside {y0:.4g}..{y1:.4g}")
        return bad

    def blit_mismatch(live):
        frame = pixels(live.live.render())
        for artist in live.live.artists:
            artist.set_animated(False)
        try:
            live.live.canvas.draw()
            full = _np.asarray(live.live.canvas.buffer_rgba())[..., :3].astype(int)
        finally:
            for artist in live.live.artists:
                artist.set_animated(True)
        if full.shape != frame.shape:
            return 1.0
        return float(_np.mean(_np.any(_np.abs(full - frame) > 8, axis=-1)))

    report = []
    for name, live in _live_widgets().items():
        start = dict(live.values)
        entry = {"name": name, "controls": {}, "outside": [], "blit": 0.0}
        for key, widget in live.controls.items():
            live.set(**live.shown_with(key))
            before_px, before_text = pixels(live.png()), live.readout.value
            changed_px = changed_text = False
            for value in trial_values(widget):
                live.set(**{key: value})
                changed_px |= not _np.array_equal(pixels(live.png()), before_px)
                changed_text |= live.readout.value != before_text
                entry["outside"] += [f"{key}={value!r}: {b}" for b in outside(live)]
                entry["blit"] = max(entry["blit"], blit_mismatch(live))
            live.set(**start)
            entry["controls"][key] = {"pixels": bool(changed_px), "readout": bool(changed_text)}
        report.append(entry)
    print("PROBE " + _json.dumps(report))


_probe()
"""


def probe(path: Path, timeout: int = 300) -> list[dict]:
    """Run ``path`` on a fresh kernel with :data:`PROBE` appended; return the probe's report."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    resources = {"metadata": {"path": str(path.parent)}}
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    line = next(line for line in text.splitlines() if line.startswith("PROBE "))
    return json.loads(line[len("PROBE ") :])


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, json.dumps(probe(Path(arg)), indent=1))
