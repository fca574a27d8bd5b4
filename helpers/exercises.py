"""Self-checks for the exercises: a learner's answer against the expected one.

A check never raises: it prints whether the answer is right, so that a notebook with an
unanswered exercise still runs from top to bottom.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["check"]


def check(
    answer: ArrayLike | None, expected: ArrayLike, *, tol: float = 1e-6, hint: str = ""
) -> None:
    """Print whether ``answer`` matches ``expected`` (within ``tol``).

    Examples
    --------
    >>> check(None, 0.25)
    Not answered yet: replace None with your answer.
    >>> check(0.25, 0.25)
    Correct.
    >>> check(0.3, 0.25, hint="the maximum is at x = 0")
    Not quite: the maximum is at x = 0
    """
    if answer is None:
        print("Not answered yet: replace None with your answer.")
        return
    answer, expected = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
    if answer.shape == expected.shape and np.allclose(answer, expected, rtol=tol, atol=tol):
        print("Correct.")
    else:
        print(f"Not quite: {hint}" if hint else "Not quite: try again.")
