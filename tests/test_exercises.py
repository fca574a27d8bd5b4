"""The self-checks teach: right answers pass at the precision asked for, wrong ones get a useful
message, nothing makes a check raise, and no answer is on screen in a notebook."""

from __future__ import annotations

import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.exercises import _answers, check, verdict

ROOT = Path(__file__).resolve().parents[1]
KEYS = sorted(_answers())


def rounded(value, digits):
    """``value`` rounded to ``digits`` significant figures, as a learner would write it."""
    values = np.asarray(value, dtype=float)
    out = [float(f"{v:.{digits - 1}e}") for v in np.ravel(values)]
    return out[0] if values.ndim == 0 else out


def test_the_answer_file_is_well_formed():
    assert len(KEYS) >= 30
    for key, entry in _answers().items():
        assert re.fullmatch(r"\d\d\.\d+", key), key
        values = np.ravel(np.asarray(entry["value"], dtype=float))
        assert np.all(np.isfinite(values)), key
        assert isinstance(entry.get("hint", ""), str) and int(entry.get("digits", 3)) >= 1


@pytest.mark.parametrize("key", KEYS)
def test_the_answer_and_its_rounded_forms_pass(key):
    entry = _answers()[key]
    digits = int(entry.get("digits", 3))
    assert verdict(entry["value"], key) == "Correct."
    assert verdict(rounded(entry["value"], digits), key) == "Correct."
    assert verdict(rounded(entry["value"], digits + 2), key) == "Correct."


@pytest.mark.parametrize("key", KEYS)
def test_typical_wrong_answers_fail_with_the_right_message(key):
    value = np.asarray(_answers()[key]["value"], dtype=float)
    if np.any(value != 0):
        assert verdict((-value).tolist(), key).startswith(("Close: right size, wrong sign", "Not"))
        assert verdict((2 * value).tolist(), key).startswith("Not quite")
        assert verdict((value * 1.5 + 1).tolist(), key).startswith("Not quite")
    if value.ndim == 0:
        assert verdict([float(value), 1.0], key) == "Not quite: expected one number, got 2 numbers."
        assert verdict([float(value)], key) == "Correct."
    else:
        assert verdict(float(value.ravel()[0]), key).startswith(
            f"Not quite: expected {value.size} numbers, got one number"
        )
    assert verdict(None, key) == "Not answered yet: replace None with your answer."


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("2.06", "expected a number, got str"),
        (math.sqrt, "that is the function sqrt, not a number: did you forget to call it?"),
        ({"x": 2.06}, "expected a number, got dict"),
        ([[1.0, 2.0], [3.0]], "rows of different lengths"),
        (2.0634 + 0j, "expected a real number, got a complex one"),
        (2.0634 + 1e-3j, "expected a real number, got a complex one"),
        (True, "expected a number, got True"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        (2.1, "Not quite"),
        (2.07, "Close, but off in the last of the 3 significant figures asked for."),
        ([2.0634], "Correct."),
    ],
)
def test_answers_of_the_wrong_kind_are_named(answer, message):
    assert message in verdict(answer, "01.1")


def test_too_few_digits_is_told_apart_from_a_wrong_last_digit():
    assert verdict(0.25, "03.3") == "Close: give more digits (3 significant figures)."
    assert verdict(0.249, "03.3").startswith("Close, but off in the last")
    assert verdict(143, "09.1").startswith("Close, but off in the last")


def test_a_check_never_raises(capsys):
    for answer in (object(), np.array([[1, 2], [3, 4]]), np.datetime64("2026-01-01"), [None]):
        check(answer, "01.1")
    check(2.0634, "99.9")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and lines[-1] == "No answer is recorded for exercise '99.9'."


NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_exercise_cell_shows_its_answer(path):
    nb = nbformat.read(path, as_version=4)
    prefix = path.name.split("-")[0][:2]
    for cell in nb.cells:
        if cell.cell_type != "code" or "check(" not in cell.source:
            continue
        calls = re.findall(r"check\(\s*answer_\d+\s*,\s*([^)]*)\)", cell.source)
        for args in calls:
            assert re.fullmatch(r'\s*"\d\d\.\d+"\s*,?\s*', args), (
                f"{path.name}: a check passes more than its key ({args.strip()!r})"
            )
            assert args.strip().strip('",').startswith(prefix)
