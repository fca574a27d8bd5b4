"""The catalogue behind the playground: right functions, consistent defaults, known papers."""

import inspect
import re

import numpy as np
import pytest

from helpers import activations as act
from helpers.catalog import ACTIVATIONS, REFERENCES, Activation, Param, RangeParam, param_settings

ENTRIES = list(ACTIVATIONS.values())


def test_the_series_functions_in_teaching_order():
    assert list(ACTIVATIONS) == [
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "prelu",
        "rrelu",
        "elu",
    ]
    for key, entry in ACTIVATIONS.items():
        assert isinstance(entry, Activation) and entry.key == key
        assert entry.func is getattr(act, key)
        assert entry.derivative is getattr(act, f"{key}_derivative")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_defaults_are_the_functions_own_defaults(entry):
    signature = inspect.signature(entry.func)
    for name, value in entry.defaults.items():
        assert signature.parameters[name].default == value, name
    for spec in entry.params:
        assert isinstance(spec, Param | RangeParam)
        values = spec.value if isinstance(spec, RangeParam) else (spec.value,)
        assert all(spec.min <= v <= spec.max for v in values)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_derivative_matches_a_finite_difference_at_every_setting(entry):
    x = np.concatenate([np.linspace(-6, -0.05, 60), np.linspace(0.05, 6, 60)])  # off the kink
    h = 1e-6
    for setting in param_settings(entry.params, n=4):
        numeric = (entry.func(x + h, **setting) - entry.func(x - h, **setting)) / (2 * h)
        np.testing.assert_allclose(entry.derivative(x, **setting), numeric, atol=1e-6)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_one_line_formula_agrees_with_the_function(entry):
    """The table's formula, evaluated by numpy, gives the function (at the defaults)."""
    rhs = entry.formula.split("=", 1)[1].split("=")[0]  # tanh gives two forms: take the first
    names = {
        r"\frac{1}{1 + e^{-x}}": "1 / (1 + np.exp(-x))",
        r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}": "np.sinh(x) / np.cosh(x)",
        r"\frac{2}{l + u}": "2 / (lower + upper)",
        r"\bigl(e^{\min(0, x)} - 1\bigr)": "(np.exp(np.minimum(0, x)) - 1)",
        r"\max(0, x)": "np.maximum(0, x)",
        r"\min(0, x)": "np.minimum(0, x)",
        r"\alpha": "alpha",
        r"\,": " * ",
    }
    code = rhs
    for latex, python in names.items():
        code = code.replace(latex, python)
    code = re.sub(r"\bs\b", "slope", code)
    x = np.linspace(-6, 6, 121)
    value = eval(code, {"np": np}, {"x": x, **entry.defaults})  # noqa: S307 - our own table
    np.testing.assert_allclose(value, entry.func(x, **entry.defaults), atol=1e-12)


def test_citations_and_notebooks():
    for entry in ENTRIES:
        assert entry.citation in REFERENCES
        assert re.search(r"\(\d{4}\)", REFERENCES[entry.citation])
        assert entry.notebook is None or re.fullmatch(r"\d\d[a-z]?-[a-z-]+\.ipynb", entry.notebook)
    assert REFERENCES["bridle1990"] and REFERENCES["hinton2015"]  # softmax, temperature


def test_param_settings_reach_only_reachable_states():
    spec = RangeParam(("lower", "upper"), 1.0, 10.0, 0.5, (3.0, 8.0))
    settings = param_settings((spec,), n=5)
    assert all(s["lower"] <= s["upper"] for s in settings)
    grid = spec.grid(5)
    assert len(settings) == len(grid) * (len(grid) + 1) // 2
    two = param_settings((Param("a", 0, 1, 0.1, 0.5), Param("b", 0, 2, 0.1, 1.0)), n=3)
    assert len(two) == 9 and {"a": 0.0, "b": 2.0} in two
