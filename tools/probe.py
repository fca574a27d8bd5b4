"""A generic probe of a notebook's figures and live explorers, run inside its kernel.

The notebook runs on a fresh kernel with ``tools/geometry.py``'s hook installed first, so that
every figure it displays is checked by geometry (overlapping or clipped texts, legends over data,
squeezed axes). ``PROBE`` is code for a final notebook cell: for every open
:class:`helpers.live.LiveWidget` it moves each control across its range and reports, as one JSON
line on stdout,

- whether each control changes the picture and the readout,
- any moving line that leaves its axes (the axes must hold every curve over every setting),
- how far a blitted frame differs from a full redraw of the same state (share of pixels), after
  each control's run of settings,

and checks the explorer's figure by geometry at every setting it moves to. An explorer with the
same :func:`tools.geometry.signature` as one probed before (12 shows the playground three times)
has its controls moved to two settings each, without the geometry and redraw checks.

Used by ``tests/test_explorers.py``; run it by hand with ``python -m tools.probe NOTEBOOK``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools import geometry

PROBE = r"""
def _probe():
    import io as _io
    import json as _json

    import numpy as _np
    from matplotlib import rc_context as _rc_context
    from matplotlib.lines import Line2D as _Line2D
    from PIL import Image as _Image
    from helpers.live import live_widgets as _live_widgets

    def pixels(png):
        return _np.asarray(_Image.open(_io.BytesIO(png)).convert("RGB")).astype(int)

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
            with _rc_context(getattr(live.live, "_style", {})):  # the style it was built in
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
        entry = {"name": name, "controls": {}, "outside": [], "blit": 0.0}
        before = {}

        def visit(key, value, first, last):  # geometry.walk's call at each setting
            if value is None:  # the control's start
                before.update(px=pixels(live.png()), text=live.readout.value)
                entry["controls"][key] = {"pixels": False, "readout": False}
                return
            seen = entry["controls"][key]
            seen["pixels"] |= not _np.array_equal(pixels(live.png()), before["px"])
            seen["readout"] |= live.readout.value != before["text"]
            entry["outside"] += [f"{key}={value!r}: {b}" for b in outside(live)]
            if first and last:  # after a run of blits, against a full draw
                entry["blit"] = max(entry["blit"], blit_mismatch(live))

        _geometry.walk(live, visit)
        report.append(entry)
    print("PROBE " + _json.dumps(report))


_probe()
_geometry.report(live=False)
"""


def probe(path: Path, timeout: int = 300) -> dict:
    """Run ``path`` on a fresh kernel with the geometry hook and :data:`PROBE`; return the
    report: ``"explorers"`` (one entry per live explorer) and ``"geometry"`` (see
    :func:`tools.geometry.collect`)."""
    nb = geometry.with_hook(nbformat.read(path, as_version=4), path.name, PROBE)
    resources = {"metadata": {"path": str(path.parent)}}
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    line = next(line for line in text.splitlines() if line.startswith("PROBE "))
    return {"explorers": json.loads(line[len("PROBE ") :]), "geometry": geometry.collect(nb)}


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg, json.dumps(probe(Path(arg)), indent=1, ensure_ascii=False))
