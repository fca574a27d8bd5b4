"""Shared code of the *Activation Functions, hands-on* series.

Only what two or more notebooks share lives here; a notebook's own code is in that notebook.

- :mod:`helpers.activations` -- the functions and their derivatives (pure numpy);
- :mod:`helpers.catalog` -- every activation named once (data only: no widgets, no pyplot);
- :mod:`helpers.plotting` -- the series' one look and the figures several notebooks draw;
- :mod:`helpers.live` -- the live-figure layer (blitting, controls, readout);
- :mod:`helpers.explorers` -- the explorers several notebooks share;
- :mod:`helpers.networks` -- a small network with hand-written backpropagation;
- :mod:`helpers.exercises` -- the self-checks of the exercises.

Importing ``helpers`` imports nothing but this file; the modules load when used.
"""

from __future__ import annotations

__all__ = ["use_style", "lecture_mode"]


def use_style() -> None:
    """Apply the series' plot style; ``LECTURE_MODE=1`` (see :func:`helpers.plotting.use_style`)."""
    from helpers import plotting

    plotting.use_style()


def lecture_mode(on: bool = True) -> None:
    """Switch to projector-friendly figures (see :func:`helpers.plotting.lecture_mode`)."""
    from helpers import plotting

    plotting.lecture_mode(on)
