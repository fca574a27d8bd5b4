"""Self-checks for the exercises: a learner's answer against one kept out of sight.

The answers live in ``notebooks/answers.toml`` by notebook and exercise (``"06.1"``), like a
book's answer pages. A check prints one line and never raises (a notebook with unanswered
exercises still runs): ``Correct.`` to the precision asked (``digits`` significant figures, 3
by default); ``Close: ...`` with fewer digits or the wrong sign; ``Not quite: <hint>`` otherwise,
or a plain sentence for an answer of the wrong kind (text, an uncalled function, NaN, ...).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

#: The answers, beside the notebooks whose exercises they answer (like a book's answer pages).
ANSWERS = Path(__file__).resolve().parents[1] / "notebooks" / "answers.toml"


@cache
def _answers() -> dict[str, dict[str, Any]]:
    return tomllib.loads(ANSWERS.read_text(encoding="utf-8"))


def _numbers(answer: Any) -> np.ndarray | str:
    """The answer as a float array, or a sentence that says what kind of thing it is instead."""
    if callable(answer):
        name = getattr(answer, "__name__", "a function")
        return f"that is the function {name}, not a number: did you forget to call it?"
    if isinstance(answer, str | bytes | dict | set):
        return f"expected a number, got {type(answer).__name__} {answer!r:.40}"
    try:
        values = np.asarray(answer)
    except ValueError:
        return "the list has rows of different lengths: expected numbers"
    if values.dtype == bool or np.issubdtype(values.dtype, np.bool_):
        return f"expected a number, got {answer!r}"
    if np.iscomplexobj(values):
        return "expected a real number, got a complex one"
    if not (np.issubdtype(values.dtype, np.number)):
        return f"expected numbers, got {type(answer).__name__} {answer!r:.40}"
    return values.astype(float)


def _tolerance(expected: np.ndarray, digits: int) -> np.ndarray:
    """Half a unit in the last of ``digits`` significant figures of each expected value."""
    magnitude = np.floor(np.log10(np.where(expected == 0, 1.0, np.abs(expected))))
    return 0.5 * 10.0 ** (magnitude - digits + 1) * (1 + 1e-9) + 1e-12


def _significant(value: float) -> int:
    """How many significant figures ``value`` was written with (``2.1`` -> 2, ``142.0`` -> 3)."""
    text = f"{abs(value):.12g}".replace(".", "").lstrip("0").split("e")[0]
    return max(1, len(text.rstrip("0")) if "." in f"{abs(value):.12g}" else len(text))


def verdict(answer: Any, key: str) -> str:
    """The line :func:`check` prints for ``answer`` to exercise ``key`` (``"06.1"``).

    >>> verdict(None, "01.2")
    'Not answered yet: replace None with your answer.'
    >>> verdict(1.0, "01.2"), verdict(0.999999, "01.2"), verdict(1.2, "01.2")[:9]
    ('Correct.', 'Correct.', 'Not quite')
    >>> verdict("1.0", "01.2")
    "Not quite: expected a number, got str '1.0'"
    """
    try:
        entry = _answers()[key]
    except KeyError:
        return f"No answer is recorded for exercise {key!r}."
    if answer is None:
        return "Not answered yet: replace None with your answer."
    given = _numbers(answer)
    if isinstance(given, str):
        return f"Not quite: {given}"
    expected = np.asarray(entry["value"], dtype=float)
    if expected.ndim == 0 and given.size == 1:
        given = given.reshape(())  # [21] for 21
    if given.shape != expected.shape:
        want = "one number" if expected.ndim == 0 else f"{expected.size} numbers"
        got = "one number" if given.ndim == 0 else f"{given.size} numbers"
        return f"Not quite: expected {want}, got {got}."
    if not np.all(np.isfinite(given)):
        return "Not quite: your answer is not a finite number (NaN or infinity)."
    tol = _tolerance(expected, int(entry.get("digits", 3)))
    error = np.abs(given - expected)
    if np.all(error <= tol):
        return "Correct."
    if np.all(error <= 100 * tol) and np.all(np.abs(expected) * 1e-2 >= error):
        digits = int(entry.get("digits", 3))
        if all(_significant(v) < digits for v in np.ravel(given)):
            return f"Close: give more digits ({digits} significant figures)."
        return f"Close, but off in the last of the {digits} significant figures asked for."
    if np.any(expected != 0) and np.all(np.abs(given + expected) <= tol):
        return "Close: right size, wrong sign."
    hint = entry.get("hint", "")
    return f"Not quite: {hint}" if hint else "Not quite: try again."


def check(answer: Any, key: str) -> None:
    """Print whether ``answer`` answers exercise ``key`` (see :func:`verdict`); never raises."""
    try:
        print(verdict(answer, key))
    except Exception as err:  # a check must never stop a notebook
        print(f"Could not check this answer ({type(err).__name__}): try a plain number.")
