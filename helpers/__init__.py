"""Shared code of the *Activation Functions, hands-on* series.

- :mod:`helpers.activations` -- the activation functions and their derivatives (pure numpy).
- :mod:`helpers.plotting` -- the series' one look and its figures (matplotlib).
- :mod:`helpers.widgets` -- the interactive explorers (ipywidgets).
- :mod:`helpers.catalog` -- the activations of the series with their parameters and papers.
- :mod:`helpers.properties` -- properties of an activation measured on the function (00-index).
- :mod:`helpers.training` -- PReLU's learned slope with the momentum update (04-prelu).
- :mod:`helpers.networks` -- a small network with hand-written backpropagation (08, 09).
- :mod:`helpers.exercises` -- the self-checks of the exercises.

Importing ``helpers`` imports numpy only; the plotting and widget modules load when used.
"""

from __future__ import annotations

__all__ = ["use_style", "lecture_mode"]


def use_style() -> None:
    """Apply the series' plot style (see :func:`helpers.plotting.use_style`)."""
    from helpers.plotting import use_style as _use_style

    _use_style()


def lecture_mode(on: bool = True) -> None:
    """Switch to projector-friendly figures (see :func:`helpers.plotting.lecture_mode`)."""
    from helpers.plotting import lecture_mode as _lecture_mode

    _lecture_mode(on)
