"""Tests for softplus, GELU, SiLU/swish, Mish, SELU and GLU in helpers/activations.py.

The references are independent scalar formulas from the ``math`` module, evaluated element by
element; nothing here uses torch.
"""

import inspect
import math
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from helpers import activations as act

H = 1e-6  # step of the central differences
WIDE = np.linspace(-20.0, 20.0, 4001)  # contains 0 exactly
GRID = np.linspace(-6.0, 6.0, 241)
EXTREMES = [-1.7e308, -1e300, -1000.0, -40.0, 40.0, 1000.0, 1e300, 1.7e308]

ALPHA = 1.6732632423543772848170429916717  # Klambauer et al. 2017
SCALE = 1.0507009873554804934193349852946
GELU_K = math.sqrt(2 / math.pi)

SOFTPLUS_BETAS = [0.5, 1.0, 2.0, 5.0]
SWISH_BETAS = [0.0, 0.5, 1.0, 2.0, 5.0]

NEW_NAMES = [
    "gelu",
    "gelu_derivative",
    "glu",
    "mish",
    "mish_derivative",
    "selu",
    "selu_derivative",
    "silu",
    "silu_derivative",
    "softplus",
    "softplus_derivative",
    "swish",
    "swish_derivative",
]


def central_difference(f, x, h=H):
    return (f(x + h) - f(x - h)) / (2 * h)


def per_element(f, xs, **params):
    """Apply the scalar formula ``f`` to every element of ``xs``."""
    return np.array([f(float(v), **params) for v in np.ravel(xs)]).reshape(np.shape(xs))


@pytest.fixture
def no_warnings():
    """Turn every warning into an error inside the test, whatever the command line says."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ------------------------------------------------------------------ scalar reference formulas


def sig(t):
    """Logistic sigmoid of a float, without overflow."""
    if t >= 0:
        return 1 / (1 + math.exp(-t))
    return math.exp(t) / (1 + math.exp(t))


def ref_softplus(x, beta=1.0):
    return math.log1p(math.exp(beta * x)) / beta


def ref_softplus_derivative(x, beta=1.0):
    return 1 / (1 + math.exp(-beta * x))


def ref_gelu(x):
    return x * math.erfc(-x / math.sqrt(2)) / 2


def ref_gelu_derivative(x):
    return math.erfc(-x / math.sqrt(2)) / 2 + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def _tanh_u(x):
    return GELU_K * (x + 0.044715 * x**3)


def ref_gelu_tanh(x):
    # 0.5 x (1 + tanh(u)) = x / (1 + exp(-2u)), which does not cancel for x < 0
    return x / (1 + math.exp(-2 * _tanh_u(x)))


def ref_gelu_tanh_derivative(x):
    u = _tanh_u(x)
    du = GELU_K * (1 + 3 * 0.044715 * x * x)
    return 1 / (1 + math.exp(-2 * u)) + 0.5 * x * du / math.cosh(u) ** 2


def ref_swish(x, beta=1.0):
    return x / (1 + math.exp(-beta * x))


def ref_swish_derivative(x, beta=1.0):
    s = 1 / (1 + math.exp(-beta * x))
    one_minus_s = 1 / (1 + math.exp(beta * x))
    return s * (1 + beta * x * one_minus_s)


def ref_mish(x):
    return x * math.tanh(math.log1p(math.exp(x)))


def ref_mish_derivative(x):
    sp = math.log1p(math.exp(x))
    return math.tanh(sp) + x / math.cosh(sp) ** 2 / (1 + math.exp(-x))


def ref_selu(x):
    return SCALE * x if x > 0 else SCALE * ALPHA * math.expm1(x)


def ref_selu_derivative(x):
    return SCALE if x > 0 else SCALE * ALPHA * math.exp(x)


# ------------------------------------------------------------------ registries

# (function, derivative, parameters, value reference, derivative reference)
PAIRS = [
    *[
        pytest.param(
            act.softplus,
            act.softplus_derivative,
            {"beta": b},
            ref_softplus,
            ref_softplus_derivative,
            id=f"softplus-{b}",
        )
        for b in SOFTPLUS_BETAS
    ],
    pytest.param(act.gelu, act.gelu_derivative, {}, ref_gelu, ref_gelu_derivative, id="gelu"),
    pytest.param(
        act.gelu,
        act.gelu_derivative,
        {"approximate": "tanh"},
        lambda x, approximate: ref_gelu_tanh(x),
        lambda x, approximate: ref_gelu_tanh_derivative(x),
        id="gelu-tanh",
    ),
    pytest.param(act.silu, act.silu_derivative, {}, ref_swish, ref_swish_derivative, id="silu"),
    *[
        pytest.param(
            act.swish,
            act.swish_derivative,
            {"beta": b},
            ref_swish,
            ref_swish_derivative,
            id=f"swish-{b}",
        )
        for b in SWISH_BETAS
    ],
    pytest.param(act.mish, act.mish_derivative, {}, ref_mish, ref_mish_derivative, id="mish"),
    pytest.param(act.selu, act.selu_derivative, {}, ref_selu, ref_selu_derivative, id="selu"),
]

# Every new elementwise function with its default parameters, by name.
ELEMENTWISE = {
    "softplus": act.softplus,
    "softplus_derivative": act.softplus_derivative,
    "gelu": act.gelu,
    "gelu_derivative": act.gelu_derivative,
    "gelu_tanh": lambda x: act.gelu(x, approximate="tanh"),
    "gelu_tanh_derivative": lambda x: act.gelu_derivative(x, approximate="tanh"),
    "silu": act.silu,
    "silu_derivative": act.silu_derivative,
    "swish": act.swish,
    "swish_derivative": act.swish_derivative,
    "swish_0": lambda x: act.swish(x, beta=0.0),
    "swish_5_derivative": lambda x: act.swish_derivative(x, beta=5.0),
    "mish": act.mish,
    "mish_derivative": act.mish_derivative,
    "selu": act.selu,
    "selu_derivative": act.selu_derivative,
}


# ------------------------------------------------------------------ names and signatures


def test_new_names_are_public_and_sorted():
    assert act.__all__ == sorted(act.__all__)
    assert set(NEW_NAMES) <= set(act.__all__)
    assert {"tanh", "tanh_derivative"} <= set(act.__all__)
    for name in NEW_NAMES:
        doc = getattr(act, name).__doc__
        assert ">>>" in doc, f"{name} should have a doctest example"
        assert "ipynb" in doc, f"{name} should name a notebook"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("softplus", [("x", None), ("beta", 1.0)]),
        ("softplus_derivative", [("x", None), ("beta", 1.0)]),
        ("gelu", [("x", None), ("approximate", "none")]),
        ("gelu_derivative", [("x", None), ("approximate", "none")]),
        ("silu", [("x", None)]),
        ("silu_derivative", [("x", None)]),
        ("swish", [("x", None), ("beta", 1.0)]),
        ("swish_derivative", [("x", None), ("beta", 1.0)]),
        ("mish", [("x", None)]),
        ("mish_derivative", [("x", None)]),
        ("selu", [("x", None)]),
        ("selu_derivative", [("x", None)]),
        ("glu", [("z", None), ("axis", -1)]),
    ],
)
def test_signatures(name, expected):
    parameters = inspect.signature(getattr(act, name)).parameters.values()
    got = [
        (p.name, None if p.default is inspect.Parameter.empty else p.default) for p in parameters
    ]
    assert got == expected


def test_selu_constants_to_full_double_precision():
    assert act.SELU_ALPHA == float("1.6732632423543772848170429916717")
    assert act.SELU_SCALE == float("1.0507009873554804934193349852946")
    assert repr(act.SELU_ALPHA) == "1.6732632423543772"
    assert repr(act.SELU_SCALE) == "1.0507009873554805"


# ------------------------------------------------------------------ values and derivatives


@pytest.mark.parametrize(("f", "df", "params", "ref_f", "ref_df"), PAIRS)
def test_values_match_independent_formula(f, df, params, ref_f, ref_df):
    expected = per_element(ref_f, WIDE, **params)
    assert_allclose(f(WIDE, **params), expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize(("f", "df", "params", "ref_f", "ref_df"), PAIRS)
def test_derivatives_match_independent_formula(f, df, params, ref_f, ref_df):
    # derivatives that cross 0 (GELU, SiLU, Mish) lose relative accuracy next to the root,
    # in the reference as much as here: hence the absolute floor of a few ulps of 1
    expected = per_element(ref_df, WIDE, **params)
    assert_allclose(df(WIDE, **params), expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("f", "df", "params", "ref_f", "ref_df"), PAIRS)
def test_derivative_matches_central_difference(f, df, params, ref_f, ref_df):
    x = GRID[np.abs(GRID) > 1e-3]  # SELU has a kink at 0
    numeric = central_difference(lambda v: f(v, **params), x)
    assert_allclose(df(x, **params), numeric, rtol=1e-6, atol=1e-8)


def test_gelu_far_left_tail_is_accurate():
    # x Phi(x) stays a normal number down to about x = -37.5; 1 + erf(x / sqrt 2) would give 0
    x = np.linspace(-37.0, -8.0, 291)
    assert_allclose(act.gelu(x), per_element(ref_gelu, x), rtol=1e-12, atol=0)
    assert_allclose(act.gelu_derivative(x), per_element(ref_gelu_derivative, x), rtol=1e-12)
    assert np.all(act.gelu(x) < 0)


def test_erfc_agrees_with_math_erfc():
    # private, but the exact GELU rests on it; below 2.2e-308 erfc is subnormal in both
    x = np.linspace(-40.0, 40.0, 80001)
    expected = per_element(math.erfc, x)
    assert_allclose(act._erfc(x), expected, rtol=1e-15, atol=1e-320)


@pytest.mark.parametrize(
    ("df", "params", "expected"),
    [
        (act.softplus_derivative, {}, 0.5),
        (act.softplus_derivative, {"beta": 3.0}, 0.5),
        (act.gelu_derivative, {}, 0.5),
        (act.gelu_derivative, {"approximate": "tanh"}, 0.5),
        (act.silu_derivative, {}, 0.5),
        (act.swish_derivative, {"beta": 0.0}, 0.5),
        (act.swish_derivative, {"beta": 2.0}, 0.5),
        (act.mish_derivative, {}, 0.6),
        # SELU follows elu_derivative: the left-hand value at the kink
        (act.selu_derivative, {}, SCALE * ALPHA),
    ],
)
def test_derivative_at_exactly_zero(df, params, expected):
    assert float(df(0.0, **params)) == pytest.approx(expected, rel=1e-15)


def test_selu_derivative_at_zero_follows_elu_convention():
    assert float(act.selu_derivative(0.0)) == SCALE * float(act.elu_derivative(0.0, ALPHA))


# ------------------------------------------------------------------ identities


def test_swish_with_beta_1_is_silu_exactly():
    x = np.concatenate([WIDE, EXTREMES])
    assert_array_equal(act.swish(x, 1.0), act.silu(x))
    assert_array_equal(act.swish_derivative(x, 1.0), act.silu_derivative(x))


def test_swish_with_beta_0_is_half_the_line(no_warnings):
    x = np.concatenate([WIDE, EXTREMES])
    assert_array_equal(act.swish(x, 0.0), x / 2)
    assert_array_equal(act.swish_derivative(x, 0.0), np.full_like(x, 0.5))


@pytest.mark.parametrize("beta", SOFTPLUS_BETAS)
def test_softplus_derivative_is_sigmoid_of_beta_x(beta):
    assert_allclose(act.softplus_derivative(WIDE, beta), act.sigmoid(beta * WIDE), rtol=1e-15)


def test_softplus_has_no_threshold_switch():
    # frameworks return x once beta * x > 20; the exact value stays above x
    x = np.array([0.205, 0.21, 0.22])
    y = act.softplus(x, beta=100.0)
    assert np.all(y > x)
    assert_allclose(y - x, np.log1p(np.exp(-100.0 * x)) / 100.0, rtol=1e-3)


def test_gelu_tanh_form_is_close_to_exact():
    x = np.linspace(-10.0, 10.0, 20001)
    gap = np.abs(act.gelu(x) - act.gelu(x, approximate="tanh"))
    assert 1e-5 < gap.max() < 1e-3


def test_selu_saturates_to_minus_scale_alpha():
    assert float(act.selu(-1000.0)) == pytest.approx(-SCALE * ALPHA, rel=1e-15)


# ------------------------------------------------------------------ extremes


def limit(name, x, beta=1.0):
    """The value of ``name`` at a huge |x|, from the asymptotes."""
    derivative = name.endswith("derivative")
    if name.startswith("selu"):
        slope = SCALE
        left = 0.0 if derivative else -SCALE * ALPHA
    elif name.startswith("swish") and beta == 0.0:
        return 0.5 if derivative else x / 2
    else:
        slope, left = 1.0, 0.0
    if x > 0:
        return slope if derivative else slope * x
    return left


# (name, function, beta, scalar reference where math does not overflow)
EXTREME_CASES = [
    *[
        pytest.param(
            name,
            lambda x, b=b, d=d: (act.softplus_derivative if d else act.softplus)(x, beta=b),
            b,
            (lambda x, b=b: ref_softplus_derivative(x, b))
            if d
            else (lambda x, b=b: ref_softplus(x, b)),
            id=f"{name}-{b}",
        )
        for b in (0.5, 1.0, 5.0)
        for d, name in ((False, "softplus"), (True, "softplus_derivative"))
    ],
    pytest.param("gelu", act.gelu, 1.0, ref_gelu, id="gelu"),
    pytest.param(
        "gelu_derivative", act.gelu_derivative, 1.0, ref_gelu_derivative, id="gelu_derivative"
    ),
    pytest.param(
        "gelu",
        lambda x: act.gelu(x, approximate="tanh"),
        1.0,
        ref_gelu_tanh,
        id="gelu_tanh",
    ),
    pytest.param(
        "gelu_derivative",
        lambda x: act.gelu_derivative(x, approximate="tanh"),
        1.0,
        ref_gelu_tanh_derivative,
        id="gelu_tanh_derivative",
    ),
    pytest.param("silu", act.silu, 1.0, ref_swish, id="silu"),
    pytest.param("silu_derivative", act.silu_derivative, 1.0, ref_swish_derivative, id="silu_d"),
    *[
        pytest.param(
            name,
            lambda x, b=b, d=d: (act.swish_derivative if d else act.swish)(x, beta=b),
            b,
            (lambda x, b=b: ref_swish_derivative(x, b)) if d else (lambda x, b=b: ref_swish(x, b)),
            id=f"{name}-{b}",
        )
        for b in (0.0, 0.5, 5.0)
        for d, name in ((False, "swish"), (True, "swish_derivative"))
    ],
    pytest.param("mish", act.mish, 1.0, ref_mish, id="mish"),
    pytest.param("mish_derivative", act.mish_derivative, 1.0, ref_mish_derivative, id="mish_d"),
    pytest.param("selu", act.selu, 1.0, ref_selu, id="selu"),
    pytest.param("selu_derivative", act.selu_derivative, 1.0, ref_selu_derivative, id="selu_d"),
]


@pytest.mark.parametrize(("name", "f", "beta", "ref"), EXTREME_CASES)
@pytest.mark.parametrize("x", EXTREMES)
def test_extreme_inputs_give_correct_finite_values(name, f, beta, ref, x, no_warnings):
    y = f(x)
    assert y.shape == () and np.isfinite(y)
    try:
        expected = ref(x)
    except OverflowError:  # math.exp or x**3 out of range
        expected = math.inf
    if not math.isfinite(expected):  # the scalar formula overflowed: use the asymptote
        expected = limit(name, x, beta)
    assert float(y) == pytest.approx(expected, rel=1e-14, abs=1e-300)


@pytest.mark.parametrize(("name", "f", "beta", "ref"), EXTREME_CASES)
def test_extreme_inputs_as_one_array(name, f, beta, ref, no_warnings):
    y = f(np.array(EXTREMES))
    assert y.shape == (len(EXTREMES),)
    assert np.all(np.isfinite(y))


@pytest.mark.parametrize(
    ("f", "x", "expected"),
    [
        (act.gelu, -1e300, 0.0),
        (act.gelu, 1e300, 1e300),
        (act.mish, 1e300, 1e300),
        (act.silu, 1e300, 1e300),
        (act.softplus, 1e300, 1e300),
        (act.softplus, 1.7e308, 1.7e308),
        (act.mish, -1.7e308, 0.0),
        (act.silu, -1.7e308, 0.0),
    ],
)
def test_named_limits(f, x, expected, no_warnings):
    assert float(f(x)) == expected


def test_huge_beta_does_not_overflow(no_warnings):
    x = np.array(EXTREMES)
    assert_array_equal(act.swish(x, 1e10), np.where(x > 0, x, 0.0))
    assert_array_equal(act.swish_derivative(x, 1e10), np.where(x > 0, 1.0, 0.0))
    assert_array_equal(act.softplus(x, 1e10), np.where(x > 0, x, 0.0))
    assert_array_equal(act.softplus_derivative(x, 1e10), np.where(x > 0, 1.0, 0.0))


# ------------------------------------------------------------------ dtypes, shapes, NaN


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize(
    ("dtype", "rtol", "atol"), [(np.float16, 1e-3, 1e-7), (np.float32, 1e-6, 1e-12)]
)
def test_float16_and_float32_are_kept(name, dtype, rtol, atol, no_warnings):
    f = ELEMENTWISE[name]
    x = np.linspace(-8.0, 8.0, 65).astype(dtype)
    y = f(x)
    assert y.dtype == dtype and y.shape == x.shape
    assert_allclose(y.astype(np.float64), f(x.astype(np.float64)), rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_largest_float16_and_float32_stay_finite(name, dtype, no_warnings):
    f = ELEMENTWISE[name]
    info = np.finfo(dtype)
    # SELU's scale (1.05) pushes the largest inputs past the range: stay below max / scale
    top = info.max / 1.06 if name == "selu" else info.max
    x = np.array([-info.max, -top, info.min / 2, top], dtype=dtype)
    y = f(x)
    assert y.dtype == dtype and np.all(np.isfinite(y))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_integers_and_bools_give_float64(name):
    f = ELEMENTWISE[name]
    assert_array_equal(f(np.array([-2, 0, 3])), f(np.array([-2.0, 0.0, 3.0])))
    assert f(np.array([-2, 0, 3])).dtype == np.float64
    assert f([True, False]).dtype == np.float64
    assert f(3).dtype == np.float64


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_scalars_give_0d_arrays(name):
    y = ELEMENTWISE[name](0.5)
    assert isinstance(y, np.ndarray) and y.shape == () and y.dtype == np.float64


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_nested_lists_keep_their_shape(name):
    f = ELEMENTWISE[name]
    nested = [[[-1.0, 0.5], [2.0, -3.0], [0.0, 4.0]]]
    y = f(nested)
    assert y.shape == (1, 3, 2)
    assert_array_equal(y.ravel(), f(np.ravel(nested)))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_nan_propagates(name, no_warnings):
    y = ELEMENTWISE[name]([np.nan, 1.0, -np.nan])
    assert np.isnan(y[0]) and np.isnan(y[2]) and np.isfinite(y[1])
    assert np.isnan(ELEMENTWISE[name](np.float32(np.nan)))


def test_complex_input_is_rejected():
    with pytest.raises(TypeError):
        act.gelu(np.array([1j]))
    with pytest.raises(TypeError):
        act.glu(np.array([1j, 2j]))


# ------------------------------------------------------------------ invalid parameters


@pytest.mark.parametrize("f", [act.softplus, act.softplus_derivative])
@pytest.mark.parametrize(
    ("beta", "shown"), [(0.0, "0.0"), (0, "0.0"), (-1.0, "-1.0"), (np.nan, "nan"), (np.inf, "inf")]
)
def test_softplus_rejects_beta_that_is_not_positive_and_finite(f, beta, shown):
    with pytest.raises(ValueError, match=rf"beta \({shown}\)"):
        f([1.0], beta=beta)


@pytest.mark.parametrize("f", [act.swish, act.swish_derivative])
@pytest.mark.parametrize(("beta", "shown"), [(-1.0, "-1.0"), (-1e-9, "-1e-09"), (np.nan, "nan")])
def test_swish_rejects_negative_or_nan_beta(f, beta, shown):
    with pytest.raises(ValueError, match=rf"beta \({shown}\)"):
        f([1.0], beta=beta)


@pytest.mark.parametrize("f", [act.gelu, act.gelu_derivative])
@pytest.mark.parametrize("approximate", ["fast", "Tanh", "", None, 1])
def test_gelu_rejects_unknown_approximation(f, approximate):
    with pytest.raises(ValueError, match=rf"approximate \({approximate!r}\)"):
        f([1.0], approximate=approximate)


# ------------------------------------------------------------------ GLU


def ref_glu(a, b):
    return a * sig(b)


@pytest.mark.parametrize("axis", [-1, 1, 0, -2])
def test_glu_matches_a_times_sigmoid_b(axis):
    z = np.random.default_rng(0).normal(scale=4.0, size=(4, 6))
    a, b = np.split(z, 2, axis=axis)
    expected = np.vectorize(ref_glu)(a, b)
    y = act.glu(z, axis=axis)
    assert y.shape == ((2, 6) if axis in (0, -2) else (4, 3))
    assert_allclose(y, expected, rtol=1e-14, atol=1e-300)


def test_glu_default_axis_is_last():
    z = np.arange(24.0).reshape(2, 3, 4) / 10
    assert_array_equal(act.glu(z), act.glu(z, axis=2))
    assert act.glu(z).shape == (2, 3, 2)


def test_glu_keeps_float32_and_handles_extremes(no_warnings):
    assert act.glu(np.ones(4, dtype=np.float32)).dtype == np.float32
    y = act.glu([1e300, -1.7e308, 1000.0, -1000.0])
    assert_array_equal(y, [1e300, 0.0])


@pytest.mark.parametrize(
    ("shape", "axis", "length"), [((4, 5), -1, 5), ((3, 6), 0, 3), ((7,), 0, 7)]
)
def test_glu_rejects_odd_length(shape, axis, length):
    with pytest.raises(ValueError, match=rf"axis {axis}, got {length}"):
        act.glu(np.ones(shape), axis=axis)


def test_glu_rejects_scalars_and_bad_axes():
    with pytest.raises(ValueError, match="0-d"):
        act.glu(1.0)
    with pytest.raises(ValueError, match=r"axis \(2\)"):
        act.glu(np.ones((2, 2)), axis=2)
