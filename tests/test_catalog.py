"""The catalogue behind the playground: right functions, consistent defaults, known papers."""

import inspect
import math
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import activations as act  # noqa: E402
from helpers.catalog import (  # noqa: E402
    ACTIVATIONS,
    REFERENCES,
    Activation,
    Menu,
    Param,
    RangeParam,
    param_settings,
)

ENTRIES = list(ACTIVATIONS.values())
OKABE_ITO = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"}


def test_the_series_functions_in_teaching_order():
    assert list(ACTIVATIONS) == [
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "prelu",
        "rrelu",
        "elu",
        "softplus",
        "gelu",
        "silu",
        "swish",
        "mish",
        "selu",
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
        assert isinstance(spec, Param | RangeParam | Menu)
        if isinstance(spec, Menu):
            assert spec.value in [value for _, value in spec.options]
            continue
        values = spec.value if isinstance(spec, RangeParam) else (spec.value,)
        assert all(spec.min <= v <= spec.max for v in values)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_derivative_matches_a_finite_difference_at_every_setting(entry):
    """Central differences at the defaults and at every setting the controls reach."""
    x = np.concatenate([np.linspace(-6, -0.05, 60), np.linspace(0.05, 6, 60)])  # off the kink
    h = 1e-6
    settings = param_settings(entry.params)
    assert entry.defaults in settings
    for setting in settings:
        numeric = (entry.func(x + h, **setting) - entry.func(x - h, **setting)) / (2 * h)
        np.testing.assert_allclose(entry.derivative(x, **setting), numeric, atol=1e-6)


def test_every_menu_option_and_slider_end_is_a_setting():
    gelu = param_settings(ACTIVATIONS["gelu"].params)
    assert gelu == [{"approximate": "none"}, {"approximate": "tanh"}]
    swish = [s["beta"] for s in param_settings(ACTIVATIONS["swish"].params)]
    assert swish[0] == 0.0 and swish[-1] >= 10.0 and 1.0 in swish  # from the line x/2 to ~ReLU
    softplus = ACTIVATIONS["softplus"].params[0]
    assert softplus.kind == "log" and softplus.min > 0  # beta divides: it never reaches 0


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_one_line_formula_agrees_with_the_function(entry):
    """The table's formula, evaluated by numpy, gives the function (at the defaults)."""
    rhs = entry.formula.split("=", 1)[1].split("=")[0]  # tanh gives two forms: take the first
    names = {
        r"\frac{1}{\beta}\ln\bigl(1 + e^{\beta x}\bigr)": "np.log(1 + np.exp(beta * x)) / beta",
        r"\tanh\bigl(\ln(1 + e^{x})\bigr)": "np.tanh(np.log(1 + np.exp(x)))",
        r"\lambda\bigl(": f"{act.SELU_SCALE!r} * (",
        r"(e^{\min(0, x)} - 1)\bigr)": "(np.exp(np.minimum(0, x)) - 1))",
        r"\Phi(x)": "Phi(x)",
        r"\sigma(\beta x)": "1 / (1 + np.exp(-beta * x))",
        r"\sigma(x)": "1 / (1 + np.exp(-x))",
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
    if entry.key == "selu":
        code = code.replace("alpha", repr(act.SELU_ALPHA))
    x = np.linspace(-6, 6, 121)
    phi = np.vectorize(lambda t: 0.5 * math.erfc(-t / math.sqrt(2)))  # the normal CDF
    values = {"x": x, "Phi": phi, **entry.defaults}
    value = eval(code, {"np": np}, values)  # noqa: S307 - our own table
    np.testing.assert_allclose(value, entry.func(x, **entry.defaults), atol=1e-12)


def test_citations_and_notebooks():
    for entry in ENTRIES:
        assert entry.citation in REFERENCES
        assert re.search(r"\(\d{4}\)", REFERENCES[entry.citation])
        assert entry.notebook is None or re.fullmatch(r"\d\d[a-z]?-[a-z-]+\.ipynb", entry.notebook)
    assert REFERENCES["bridle1990"] and REFERENCES["hinton2015"]  # softmax, temperature
    assert REFERENCES["dauphin2017"] and REFERENCES["shazeer2020"]  # GLU and SwiGLU: no entry


def test_colours_and_line_styles_tell_every_entry_apart():
    styles = [(entry.color, entry.linestyle) for entry in ENTRIES]
    assert len(set(styles)) == len(styles), "two entries share colour and line style"
    assert {entry.color for entry in ENTRIES} <= OKABE_ITO
    assert all(entry.linestyle in ("-", "--", "-.", ":") for entry in ENTRIES)


def test_the_modern_entries_cite_their_papers():
    papers = {
        "softplus": "Dugas",
        "gelu": "Hendrycks",
        "silu": "Elfwing",
        "swish": "Ramachandran",
        "mish": "Misra",
        "selu": "Klambauer",
    }
    for key, author in papers.items():
        entry = ACTIVATIONS[key]
        assert author in REFERENCES[entry.citation], key
        assert entry.notebook == "11-smooth-and-gated.ipynb"


def test_the_playground_offers_every_entry_and_the_gelu_menu():
    from helpers import explorers

    play = explorers.playground("gelu", compare="none", name="test-catalog")
    try:
        menu = play.controls["gelu_approximate"]
        assert type(menu).__name__ == "Dropdown" and menu.value == "none"
        assert [value for _, value in menu.options] == ["none", "tanh"]
        on_screen = {id(c) for row in play.children[0].children for c in row.children}
        assert id(menu) in on_screen
        x = play._x
        before = play.live.image.value
        play.set(gelu_approximate="tanh")
        np.testing.assert_array_equal(
            play.live.artists[0].get_ydata(), act.gelu(x, approximate="tanh")
        )
        assert play.live.image.value != before, "switching the form must redraw"
        assert "tanh" in play.readout.value
        play.set(gelu_approximate="none")
        for key, entry in ACTIVATIONS.items():
            play.set(activation=key, compare=key)
            np.testing.assert_allclose(
                play.live.artists[0].get_ydata(), entry.func(x, **entry.defaults)
            )
            np.testing.assert_allclose(
                play.live.artists[3].get_ydata(), entry.derivative(x, **entry.defaults)
            )
    finally:
        play.close()


def test_param_settings_reach_only_reachable_states():
    spec = RangeParam(("lower", "upper"), 1.0, 10.0, 0.5, (3.0, 8.0))
    settings = param_settings((spec,), n=5)
    assert all(s["lower"] <= s["upper"] for s in settings)
    grid = spec.grid(5)
    assert len(settings) == len(grid) * (len(grid) + 1) // 2
    two = param_settings((Param("a", 0, 1, 0.1, 0.5), Param("b", 0, 2, 0.1, 1.0)), n=3)
    assert len(two) == 9 and {"a": 0.0, "b": 2.0} in two
