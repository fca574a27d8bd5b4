"""Tests for helpers/activations.py: values, derivatives, stability, dtypes and errors."""

import ast
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from helpers import activations as act

H = 1e-6  # step of the central differences
GRID = np.linspace(-6.0, 6.0, 241)  # contains 0 exactly
GRID_NO_KINK = GRID[np.abs(GRID) > 1e-3]  # the ReLU family and ELU have a kink at 0
EXTREMES = [-1.7e308, -1e300, -1000.0, 1000.0, 1e300, 1.7e308]

SLOPES = [0.0, 0.01, 0.2, 1.0, 3.0]
PRELU_AS = [-0.5, 0.0, 0.25, 1.0, 2.0]
RRELU_BOUNDS = [(3.0, 8.0), (1.0, 1.0), (1.0, 3.0), (0.5, 2.0), (10.0, 20.0)]
ALPHAS = [0.0, 0.5, 1.0, 2.0]


def central_difference(f, x, h=H):
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.fixture
def no_warnings():
    """Turn every warning into an error inside the test, whatever the command line says."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ------------------------------------------------------------------ registries of functions

# (function, derivative, parameters) for every pair the module provides
PAIRS = [
    pytest.param(act.sigmoid, act.sigmoid_derivative, {}, id="sigmoid"),
    pytest.param(act.tanh, act.tanh_derivative, {}, id="tanh"),
    pytest.param(act.relu, act.relu_derivative, {}, id="relu"),
    *[
        pytest.param(act.leaky_relu, act.leaky_relu_derivative, {"slope": s}, id=f"leaky-{s}")
        for s in SLOPES
    ],
    *[pytest.param(act.prelu, act.prelu_derivative, {"a": a}, id=f"prelu-{a}") for a in PRELU_AS],
    *[
        pytest.param(
            act.rrelu, act.rrelu_derivative, {"lower": lo, "upper": up}, id=f"rrelu-{lo}-{up}"
        )
        for lo, up in RRELU_BOUNDS
    ],
    *[pytest.param(act.elu, act.elu_derivative, {"alpha": al}, id=f"elu-{al}") for al in ALPHAS],
]

# Every elementwise function with its default parameters, by name.
ELEMENTWISE = {
    "sigmoid": act.sigmoid,
    "sigmoid_derivative": act.sigmoid_derivative,
    "tanh": act.tanh,
    "tanh_derivative": act.tanh_derivative,
    "relu": act.relu,
    "relu_derivative": act.relu_derivative,
    "leaky_relu": act.leaky_relu,
    "leaky_relu_derivative": act.leaky_relu_derivative,
    "prelu": act.prelu,
    "prelu_derivative": act.prelu_derivative,
    "prelu_derivative_a": act.prelu_derivative_a,
    "rrelu": act.rrelu,
    "rrelu_training": lambda x: act.rrelu(x, training=True, rng=0),
    "rrelu_derivative": act.rrelu_derivative,
    "elu": act.elu,
    "elu_derivative": act.elu_derivative,
}
# Everything that maps an array to an array of the same shape.
SHAPE_PRESERVING = {**ELEMENTWISE, "softmax": act.softmax}

# Independent scalar formulas (math module), with the article's conventions at 0.
REFERENCES = [
    pytest.param(act.sigmoid, {}, lambda x: 1 / (1 + math.exp(-x)), id="sigmoid"),
    pytest.param(
        act.sigmoid_derivative,
        {},
        lambda x: (1 / (1 + math.exp(-x))) * (1 - 1 / (1 + math.exp(-x))),
        id="sigmoid_derivative",
    ),
    pytest.param(act.tanh, {}, math.tanh, id="tanh"),
    pytest.param(act.tanh_derivative, {}, lambda x: 1 - math.tanh(x) ** 2, id="tanh_derivative"),
    pytest.param(act.relu, {}, lambda x: max(x, 0.0), id="relu"),
    pytest.param(act.relu_derivative, {}, lambda x: 0.0 if x < 0 else 1.0, id="relu_derivative"),
    *[
        pytest.param(
            act.leaky_relu, {"slope": s}, lambda x, s=s: s * x if x < 0 else x, id=f"leaky-{s}"
        )
        for s in SLOPES
    ],
    *[
        pytest.param(
            act.leaky_relu_derivative,
            {"slope": s},
            lambda x, s=s: s if x < 0 else 1.0,
            id=f"dleaky-{s}",
        )
        for s in SLOPES
    ],
    *[
        pytest.param(act.prelu, {"a": a}, lambda x, a=a: a * x if x < 0 else x, id=f"prelu-{a}")
        for a in PRELU_AS
    ],
    *[
        pytest.param(
            act.prelu_derivative, {"a": a}, lambda x, a=a: a if x < 0 else 1.0, id=f"dprelu-{a}"
        )
        for a in PRELU_AS
    ],
    pytest.param(act.prelu_derivative_a, {}, lambda x: x if x < 0 else 0.0, id="dprelu_da"),
    *[
        pytest.param(
            act.rrelu,
            {"lower": lo, "upper": up},
            lambda x, lo=lo, up=up: x / ((lo + up) / 2) if x < 0 else x,
            id=f"rrelu-{lo}-{up}",
        )
        for lo, up in RRELU_BOUNDS
    ],
    *[
        pytest.param(
            act.rrelu_derivative,
            {"lower": lo, "upper": up},
            lambda x, lo=lo, up=up: 2 / (lo + up) if x < 0 else 1.0,
            id=f"drrelu-{lo}-{up}",
        )
        for lo, up in RRELU_BOUNDS
    ],
    *[
        pytest.param(
            act.elu,
            {"alpha": al},
            lambda x, al=al: al * (math.exp(x) - 1) if x <= 0 else x,
            id=f"elu-{al}",
        )
        for al in ALPHAS
    ],
    *[
        pytest.param(
            act.elu_derivative,
            {"alpha": al},
            lambda x, al=al: al * math.exp(x) if x <= 0 else 1.0,
            id=f"delu-{al}",
        )
        for al in ALPHAS
    ],
]


# ------------------------------------------------------------------ the module as a whole


def test_every_public_function_names_its_notebook():
    for name in act.__all__:
        assert callable(getattr(act, name))
        assert "ipynb" in getattr(act, name).__doc__, f"{name} should name its notebook"


def test_module_imports_numpy_only():
    # read the source rather than import it: helpers/__init__.py may import matplotlib
    tree = ast.parse(Path(act.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0 and node.module is not None
            assert all(alias.name != "*" for alias in node.names), "no star imports"
            imported.add(node.module)
    assert imported
    assert imported <= {"numpy", "numpy.typing", "typing", "__future__"}, imported


# ------------------------------------------------------------------ derivatives


@pytest.mark.parametrize(("f", "df", "params"), PAIRS)
def test_derivative_matches_central_difference(f, df, params):
    numeric = central_difference(lambda x: f(x, **params), GRID_NO_KINK)
    assert_allclose(df(GRID_NO_KINK, **params), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("a", PRELU_AS)
def test_prelu_derivative_a_matches_central_difference_in_a(a):
    numeric = (act.prelu(GRID, a + H) - act.prelu(GRID, a - H)) / (2 * H)
    assert_allclose(act.prelu_derivative_a(GRID, a), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("size", [1, 2, 3, 10])
@pytest.mark.parametrize("seed", [0, 1])
def test_softmax_jacobian_matches_central_difference(size, seed):
    z = np.random.default_rng(seed).normal(scale=2.0, size=size)
    numeric = np.empty((size, size))
    for j in range(size):
        step = np.zeros(size)
        step[j] = H
        numeric[:, j] = (act.softmax(z + step) - act.softmax(z - step)) / (2 * H)
    assert_allclose(act.softmax_jacobian(z), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(
    ("df", "params", "expected"),
    [
        pytest.param(act.sigmoid_derivative, {}, 0.25, id="sigmoid"),
        pytest.param(act.tanh_derivative, {}, 1.0, id="tanh"),
        pytest.param(act.relu_derivative, {}, 1.0, id="relu"),
        *[
            pytest.param(act.leaky_relu_derivative, {"slope": s}, 1.0, id=f"leaky-{s}")
            for s in SLOPES
        ],
        *[pytest.param(act.prelu_derivative, {"a": a}, 1.0, id=f"prelu-{a}") for a in PRELU_AS],
        pytest.param(act.prelu_derivative_a, {}, 0.0, id="prelu_da"),
        *[
            pytest.param(
                act.rrelu_derivative, {"lower": lo, "upper": up}, 1.0, id=f"rrelu-{lo}-{up}"
            )
            for lo, up in RRELU_BOUNDS
        ],
        *[pytest.param(act.elu_derivative, {"alpha": al}, al, id=f"elu-{al}") for al in ALPHAS],
    ],
)
def test_derivative_at_exactly_zero(df, params, expected):
    assert float(df(0.0, **params)) == expected
    assert float(df(-0.0, **params)) == expected


# ------------------------------------------------------------------ values


@pytest.mark.parametrize(("f", "params", "reference"), REFERENCES)
def test_values_match_independent_formula(f, params, reference):
    expected = np.array([reference(float(x)) for x in GRID])
    assert_allclose(f(GRID, **params), expected, rtol=1e-12, atol=1e-14)


def test_sigmoid_exact_values_and_symmetry():
    assert float(act.sigmoid(0.0)) == 0.5
    x = np.linspace(-40.0, 40.0, 801)
    assert_allclose(act.sigmoid(-x), 1 - act.sigmoid(x), rtol=0, atol=1e-15)
    assert_allclose(act.sigmoid_derivative(-x), act.sigmoid_derivative(x), rtol=1e-15, atol=0)


def test_sigmoid_derivative_peaks_at_zero():
    x = np.linspace(-10.0, 10.0, 20001)
    d = act.sigmoid_derivative(x)
    assert x[np.argmax(d)] == 0.0
    assert d.max() == 0.25
    assert np.all(d[x != 0] < 0.25)


@pytest.mark.parametrize(("x", "expected"), [(5.0, 0.0066), (10.0, 4.54e-5)])
@pytest.mark.parametrize("sign", [-1.0, 1.0])
def test_sigmoid_derivative_in_the_tails(x, expected, sign):
    assert act.sigmoid_derivative(sign * x) == pytest.approx(expected, rel=0.01, abs=0)


@pytest.mark.parametrize("x", [40.0, 100.0, 700.0])
def test_sigmoid_derivative_stays_accurate_far_out(x):
    # sigma'(x) = e^-x / (1 + e^-x)^2 = e^-x to within a relative 2e^-x
    assert float(act.sigmoid_derivative(x)) == pytest.approx(math.exp(-x), rel=1e-12, abs=0)


def test_sigmoid_derivative_at_40():
    assert float(act.sigmoid_derivative(40.0)) == pytest.approx(4.248e-18, rel=1e-3, abs=0)


def test_tanh_derivative_stays_accurate_far_out():
    assert float(act.tanh_derivative(20.0)) == pytest.approx(4 * math.exp(-40.0), rel=1e-12, abs=0)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_elu_saturates_to_minus_alpha(alpha):
    assert float(act.elu(-50.0, alpha)) == pytest.approx(-alpha, abs=1e-15)
    assert float(act.elu(-1e300, alpha)) == -alpha
    assert float(act.elu_derivative(-1e300, alpha)) == 0.0


@pytest.mark.parametrize("alpha", ALPHAS)
def test_elu_derivative_is_f_plus_alpha_on_the_left(alpha):
    x = GRID[GRID <= 0]
    assert_allclose(act.elu_derivative(x, alpha), act.elu(x, alpha) + alpha, rtol=1e-12, atol=1e-15)


def test_elu_is_accurate_near_zero():
    # expm1 keeps the digits that exp(x) - 1 loses
    assert float(act.elu(-1e-20)) == -1e-20


def test_rrelu_evaluation_slope_is_one_over_5_5():
    assert float(act.rrelu(-5.5)) == -1.0
    assert float(act.rrelu_derivative(-1.0)) == pytest.approx(1 / 5.5, rel=1e-15, abs=0)
    assert float(act.rrelu(-11.0, lower=1.0, upper=1.0)) == -11.0


def test_prelu_accepts_one_slope_per_channel():
    x = np.array([[-2.0, -2.0, -2.0], [1.0, -1.0, 0.0]])
    a = np.array([0.1, 0.2, 0.3])
    assert_allclose(act.prelu(x, a), [[-0.2, -0.4, -0.6], [1.0, -0.2, 0.0]], rtol=1e-15)
    assert_allclose(act.prelu_derivative(x, a), [[0.1, 0.2, 0.3], [1.0, 0.2, 1.0]], rtol=1e-15)
    assert_array_equal(act.prelu_derivative_a(x, a), [[-2.0, -2.0, -2.0], [0.0, -1.0, 0.0]])
    assert act.prelu_derivative_a([-1.0, 2.0], [[0.1], [0.2]]).shape == (2, 2)


# ------------------------------------------------------------------ extremes


def _expected_at(name, x):
    """Exact (or correctly rounded) value of each default-parameter function at a huge x."""
    neg = x < 0
    table = {
        "sigmoid": 0.0 if neg else 1.0,
        "sigmoid_derivative": 0.0,
        "tanh": -1.0 if neg else 1.0,
        "tanh_derivative": 0.0,
        "relu": 0.0 if neg else x,
        "relu_derivative": 0.0 if neg else 1.0,
        "leaky_relu": 0.01 * x if neg else x,
        "leaky_relu_derivative": 0.01 if neg else 1.0,
        "prelu": 0.25 * x if neg else x,
        "prelu_derivative": 0.25 if neg else 1.0,
        "prelu_derivative_a": x if neg else 0.0,
        "rrelu": x / 5.5 if neg else x,
        "rrelu_derivative": 1 / 5.5 if neg else 1.0,
        "elu": -1.0 if neg else x,
        "elu_derivative": 0.0 if neg else 1.0,
    }
    return table[name]


@pytest.mark.parametrize("x", EXTREMES)
@pytest.mark.parametrize("name", sorted(set(ELEMENTWISE) - {"rrelu_training"}))
def test_extreme_inputs_give_correct_finite_values(name, x, no_warnings):
    y = ELEMENTWISE[name](x)
    assert np.isfinite(y)
    assert float(y) == pytest.approx(_expected_at(name, x), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("x", [1000.0, 1e300, 1.7e308])
@pytest.mark.parametrize(
    ("f", "params"),
    [
        (act.leaky_relu, {"slope": 3.0}),
        (act.prelu, {"a": 2.0}),
        (act.prelu, {"a": -2.0}),
        (act.rrelu, {"lower": 0.5, "upper": 1.0}),
        (act.rrelu, {"lower": 0.5, "upper": 1.0, "training": True, "rng": 0}),
        (act.elu, {"alpha": 2.0}),
    ],
)
def test_steep_negative_part_does_not_overflow_for_huge_positive_x(f, params, x, no_warnings):
    # the negative branch, scaled by more than 1, must not be evaluated at a huge positive x
    assert float(f(x, **params)) == x


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_extreme_inputs_as_one_array(name, no_warnings):
    y = ELEMENTWISE[name](np.array(EXTREMES))
    assert np.all(np.isfinite(y))


@pytest.mark.parametrize("x", EXTREMES)
def test_rrelu_training_at_extremes(x, no_warnings):
    y = float(act.rrelu(x, training=True, rng=3))
    if x > 0:
        assert y == x
    else:
        assert x / 3.0 <= y <= x / 8.0


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        ([1.7e308, -1.7e308], [1.0, 0.0]),
        ([-1.7e308, 1.7e308], [0.0, 1.0]),
        ([1.7e308, 0.0], [1.0, 0.0]),
        ([1e300, -1e300, 1e300], [0.5, 0.0, 0.5]),
        ([1.7e308] * 4, [0.25] * 4),
        ([-1.7e308] * 4, [0.25] * 4),
        ([1000.0, 0.0, -1000.0], [1.0, 0.0, 0.0]),
    ],
)
def test_softmax_at_extremes(z, expected, no_warnings):
    assert_allclose(act.softmax(z), expected, rtol=1e-15, atol=0)
    jacobian = act.softmax_jacobian(z)
    assert np.all(np.isfinite(jacobian))
    s = np.array(expected)
    assert_allclose(jacobian, np.diag(s) - np.outer(s, s), rtol=1e-15, atol=0)


def test_softmax_at_extremes_along_axis_0(no_warnings):
    z = np.array([[1.7e308, 1.0], [-1.7e308, 1.0]])
    assert_allclose(act.softmax(z, axis=0), [[1.0, 0.5], [0.0, 0.5]], rtol=1e-15, atol=0)


# ------------------------------------------------------------------ dtypes, scalars, shapes

SMALL = [-2.0, -0.5, 0.0, 0.5, 2.0]


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
@pytest.mark.parametrize("name", sorted(SHAPE_PRESERVING))
def test_low_precision_dtype_is_kept(name, dtype, no_warnings):
    f = SHAPE_PRESERVING[name]
    y = f(np.array(SMALL, dtype=dtype))
    assert y.dtype == dtype
    tolerance = 1e-6 if dtype == np.float32 else 2e-3
    assert_allclose(y, f(np.array(SMALL)), rtol=tolerance, atol=tolerance)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_softmax_jacobian_keeps_dtype(dtype):
    assert act.softmax_jacobian(np.array([0.5, 1.0, 2.0], dtype=dtype)).dtype == dtype


@pytest.mark.parametrize("name", sorted(SHAPE_PRESERVING))
def test_integer_and_bool_input_give_float64(name):
    f = SHAPE_PRESERVING[name]
    y = f(np.array([-2, 0, 3]))
    assert y.dtype == np.float64
    assert_array_equal(y, f(np.array([-2.0, 0.0, 3.0])))
    assert f(np.array([True, False])).dtype == np.float64
    assert act.softmax_jacobian([1, 2]).dtype == np.float64


@pytest.mark.parametrize("name", sorted(SHAPE_PRESERVING))
@pytest.mark.parametrize("x", [-1.5, 0.0, 2, 2.5])
def test_python_scalar_gives_0d_array(name, x):
    f = SHAPE_PRESERVING[name]
    y = f(x)
    assert isinstance(y, np.ndarray)
    assert y.shape == ()
    assert y.dtype == np.float64
    if name != "softmax":  # softmax of one number is 1; elementwise functions agree with arrays
        assert float(y) == f(np.array([float(x)]))[0]


def test_softmax_of_a_scalar_is_one():
    assert float(act.softmax(-3.0)) == 1.0


@pytest.mark.parametrize("name", sorted(SHAPE_PRESERVING))
def test_nested_lists_and_shapes(name):
    f = SHAPE_PRESERVING[name]
    nested = [[-1.0, 2.0, 0.0], [3.0, -4.0, 0.5]]
    y = f(nested)
    assert isinstance(y, np.ndarray)
    assert y.shape == (2, 3)
    assert_array_equal(y, f(np.array(nested)))
    x = np.linspace(-3.0, 3.0, 24).reshape(2, 3, 4)
    assert f(x).shape == (2, 3, 4)


@pytest.mark.parametrize("name", sorted(set(ELEMENTWISE) - {"rrelu_training"}))
def test_elementwise_functions_act_elementwise(name):
    f = ELEMENTWISE[name]
    x = np.linspace(-3.0, 3.0, 24).reshape(2, 3, 4)
    assert_array_equal(f(x).ravel(), [float(f(float(v))) for v in x.ravel()])


def test_softmax_along_axes():
    z = np.random.default_rng(0).normal(size=(3, 4, 5))
    for axis in (0, 1, 2, -1):
        s = act.softmax(z, axis=axis)
        assert_allclose(s.sum(axis=axis), 1.0, rtol=1e-15)
    assert_allclose(act.softmax(z, axis=0), np.moveaxis(act.softmax(np.moveaxis(z, 0, -1)), -1, 0))
    assert_allclose(act.softmax(z[0], axis=0), act.softmax(z[0].T).T, rtol=1e-15)
    assert_array_equal(act.softmax(z), act.softmax(z, axis=-1))
    rows = act.softmax(z[0])
    for i in range(3):
        assert_allclose(rows[i], act.softmax(z[0, i]), rtol=1e-15)


# ------------------------------------------------------------------ NaN


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_nan_propagates(name, no_warnings):
    y = ELEMENTWISE[name](np.array([np.nan, -1.0, 0.0, 1.0, np.nan]))
    assert_array_equal(np.isnan(y), [True, False, False, False, True])


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_nan_scalar_propagates(name, no_warnings):
    assert np.isnan(ELEMENTWISE[name](float("nan")))


def test_nan_propagates_through_softmax(no_warnings):
    s = act.softmax(np.array([[1.0, np.nan, 2.0], [1.0, 2.0, 3.0]]))
    assert np.all(np.isnan(s[0]))
    assert np.all(np.isfinite(s[1]))
    assert np.all(np.isnan(act.softmax_jacobian([0.0, np.nan])))


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("f", "kwargs", "match"),
    [
        pytest.param(f, kwargs, match, id=f"{f.__name__}-{match}")
        for f in (
            act.rrelu,
            act.rrelu_derivative,
            lambda x, **kw: act.rrelu(x, training=True, rng=0, **kw),
            lambda x, **kw: act.rrelu_slopes(3, **kw),
        )
        for kwargs, match in [
            ({"lower": 0.0}, r"lower \(0\.0\)"),
            ({"lower": -1.0, "upper": 2.0}, r"lower \(-1\.0\)"),
            ({"lower": 5.0, "upper": 3.0}, r"lower \(5\.0\) must not exceed upper \(3\.0\)"),
            ({"lower": 8.5}, r"8\.5.*8\.0"),
            ({"upper": np.inf}, r"upper \(inf\)"),
            ({"lower": np.nan}, r"lower \(nan\)"),
            ({"lower": -np.inf}, r"lower \(-inf\)"),
        ]
    ]
    + [
        pytest.param(f, {"alpha": alpha}, match, id=f"{f.__name__}-{match}")
        for f in (act.elu, act.elu_derivative)
        for alpha, match in [
            (-0.5, r"alpha \(-0\.5\)"),
            (np.inf, r"alpha \(inf\)"),
            (np.nan, "nan"),
        ]
    ]
    + [
        pytest.param(f, {name: np.nan}, rf"{name} \(nan\)", id=f"{f.__name__}-nan")
        for f, name in [
            (act.leaky_relu, "slope"),
            (act.leaky_relu_derivative, "slope"),
            (act.prelu, "a"),
            (act.prelu_derivative, "a"),
            (act.prelu_derivative_a, "a"),
        ]
    ],
)
def test_invalid_parameters_raise(f, kwargs, match):
    with pytest.raises(ValueError, match=match):
        f(np.array([-1.0, 1.0]), **kwargs)


@pytest.mark.parametrize(
    ("z", "match"), [([[1.0, 2.0], [3.0, 4.0]], r"\(2, 2\)"), (1.0, r"\(\)"), ([], r"\(0,\)")]
)
def test_softmax_jacobian_needs_a_vector(z, match):
    with pytest.raises(ValueError, match=match):
        act.softmax_jacobian(z)


def test_complex_input_is_rejected():
    with pytest.raises(TypeError, match="complex"):
        act.relu(np.array([1 + 1j]))


def test_equal_rrelu_bounds_are_allowed():
    x = np.array([-4.0, 2.0])
    assert_array_equal(act.rrelu(x, 2.0, 2.0, training=True, rng=0), [-2.0, 2.0])
    assert_array_equal(act.rrelu_slopes(5, 2.0, 2.0), np.full(5, 2.0))


# ------------------------------------------------------------------ softmax


@pytest.mark.parametrize(
    ("z", "expected", "decimals"),
    [
        ([3.0, 0.7, 0.5], [0.846, 0.085, 0.069], 3),
        ([1.2, 1.0, 1.5], [0.316, 0.258, 0.426], 3),
        ([1.5] + [1.2] * 9, [0.130] + [0.097] * 9, 3),
        ([1.5] + [1.2] * 9, [0.13] + [0.10] * 9, 2),
    ],
    ids=["case1", "case2", "case3", "case3-2dp"],
)
def test_softmax_reproduces_the_article(z, expected, decimals):
    assert_allclose(np.round(act.softmax(z), decimals), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("shape", [(1,), (7,), (4, 6), (2, 3, 5)])
def test_softmax_is_a_distribution(shape):
    z = np.random.default_rng(1).normal(scale=10.0, size=shape)
    s = act.softmax(z)
    assert np.all((s >= 0) & (s <= 1))
    assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-14)
    assert_array_equal(np.argmax(s, axis=-1), np.argmax(z, axis=-1))


@pytest.mark.parametrize("c", [-1000.0, -3.0, 0.5, 7.0, 1000.0])
def test_softmax_is_shift_invariant(c):
    z = np.random.default_rng(2).uniform(-5.0, 5.0, size=8)
    assert_allclose(act.softmax(z + c), act.softmax(z), rtol=1e-10)


def test_softmax_is_not_scale_invariant():
    # guards against an implementation that normalises z instead of exponentiating
    z = np.array([1.0, 2.0, 3.0])
    assert not np.allclose(act.softmax(2 * z), act.softmax(z))


@pytest.mark.parametrize("seed", range(4))
def test_softmax_jacobian_rows_sum_to_zero_and_it_is_symmetric(seed):
    z = np.random.default_rng(seed).normal(scale=3.0, size=6)
    jacobian = act.softmax_jacobian(z)
    assert jacobian.shape == (6, 6)
    assert_allclose(jacobian.sum(axis=1), 0.0, atol=1e-15)
    assert_array_equal(jacobian, jacobian.T)
    s = act.softmax(z)
    assert_allclose(np.diag(jacobian), s * (1 - s), rtol=1e-12)


@pytest.mark.parametrize("z", [-1.7e308, -700.0, -20.0, -1.0, -1e-9, 0.0, 1e-9, 3.0, 40.0, 1e300])
def test_two_class_softmax_is_the_sigmoid(z, no_warnings):
    assert_allclose(act.softmax([z, 0.0])[0], act.sigmoid(z), rtol=1e-15, atol=0)


# ------------------------------------------------------------------ RReLU training


@pytest.mark.parametrize(("lower", "upper"), RRELU_BOUNDS)
def test_rrelu_slopes_are_uniform_on_the_bounds(lower, upper):
    a = act.rrelu_slopes(200_000, lower, upper, rng=12345)
    assert a.shape == (200_000,)
    assert a.dtype == np.float64
    assert np.all((lower <= a) & (a <= upper))
    assert abs(a.mean() - (lower + upper) / 2) < 0.01
    quartiles = np.quantile(a, [0.25, 0.5, 0.75])
    expected = lower + (upper - lower) * np.array([0.25, 0.5, 0.75])
    assert_allclose(quartiles, expected, rtol=0, atol=0.01 * (upper - lower) + 1e-12)


def test_rrelu_slopes_shape():
    assert act.rrelu_slopes((2, 3, 4), rng=0).shape == (2, 3, 4)
    assert act.rrelu_slopes((), rng=0).shape == ()


X_MIXED = np.linspace(-5.0, 5.0, 101)


@pytest.mark.parametrize(("lower", "upper"), RRELU_BOUNDS)
def test_rrelu_training_bounds(lower, upper):
    y = act.rrelu(X_MIXED, lower, upper, training=True, rng=4)
    positive = X_MIXED >= 0
    assert_array_equal(y[positive], X_MIXED[positive])
    x_neg, y_neg = X_MIXED[~positive], y[~positive]
    assert np.all(x_neg / lower <= y_neg)
    assert np.all(y_neg <= x_neg / upper)


def test_rrelu_training_divides_by_the_sampled_slopes():
    x = np.array([[-4.0, -1.0, 2.0], [-3.0, 0.0, -0.5]])
    a = act.rrelu_slopes(x.shape, rng=21)
    expected = np.where(x < 0, x / a, x)
    assert_array_equal(act.rrelu(x, training=True, rng=21), expected)


def test_rrelu_training_is_random_per_element():
    y = act.rrelu(-np.ones(100), training=True, rng=0)
    assert len(np.unique(y)) == 100


def test_rrelu_training_is_reproducible():
    first = act.rrelu(X_MIXED, training=True, rng=7)
    assert_array_equal(first, act.rrelu(X_MIXED, training=True, rng=7))
    assert_array_equal(first, act.rrelu(X_MIXED, training=True, rng=np.random.default_rng(7)))
    assert not np.array_equal(first, act.rrelu(X_MIXED, training=True, rng=8))


def test_rrelu_training_advances_a_generator():
    rng = np.random.default_rng(0)
    first = act.rrelu(X_MIXED, training=True, rng=rng)
    second = act.rrelu(X_MIXED, training=True, rng=rng)
    assert not np.array_equal(first, second)


def test_rrelu_training_without_a_seed():
    y = act.rrelu(X_MIXED, training=True)
    negative = X_MIXED < 0
    assert np.all((X_MIXED[negative] / 3 <= y[negative]) & (y[negative] <= X_MIXED[negative] / 8))


def test_rrelu_evaluation_ignores_rng():
    assert_array_equal(act.rrelu(X_MIXED, rng=1), act.rrelu(X_MIXED, rng=2))
    assert_allclose(act.rrelu(X_MIXED), np.where(X_MIXED < 0, X_MIXED / 5.5, X_MIXED), rtol=1e-15)


def test_rrelu_training_mean_matches_evaluation():
    x = -np.ones(200_000)
    y = act.rrelu(x, training=True, rng=99)
    # E[1/a] for a ~ U(3, 8) is ln(8/3)/5, slightly more than the evaluation slope 1/5.5
    assert float(-y.mean()) == pytest.approx(math.log(8 / 3) / 5, rel=2e-3, abs=0)
    assert float(-y.mean()) > 1 / 5.5


@pytest.mark.parametrize("n", [65_505, 200_000])
def test_softmax_of_many_float16_classes_sums_to_one(n, no_warnings):
    p = act.softmax(np.zeros(n, dtype=np.float16))
    assert p.dtype == np.float16
    assert np.all(p > 0)
    assert abs(float(p.astype(np.float64).sum()) - 1.0) < 0.01


@pytest.mark.parametrize("z", [[], np.zeros((3, 0))])
def test_softmax_needs_at_least_one_class(z):
    with pytest.raises(ValueError, match="softmax needs at least one class"):
        act.softmax(z)
