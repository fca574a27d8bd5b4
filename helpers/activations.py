"""Activation functions and their derivatives, in plain numpy.

Every function of the series comes with its derivative (``elu`` and ``elu_derivative``), so a
notebook can plot both and a lab can check a hand-written version against them. The exceptions
act on a whole axis rather than elementwise: ``softmax`` has ``softmax_jacobian`` and ``glu``
(the gated linear unit) has no companion.

Conventions shared by all functions:

* Input may be a Python scalar, a (nested) list or an array of any shape. Floating input keeps
  its dtype (float16, float32, float64); integer and boolean input is computed in float64.
  Complex input is rejected with ``TypeError``. Softplus, GELU, SiLU/swish, Mish, SELU and GLU
  compute in float64 whatever the input and round the result to the input's dtype.
* The result is always an ``np.ndarray`` of the input's shape; a scalar gives a 0-d array, so
  write ``float(sigmoid(0.0))`` to get a Python float.
* NaN propagates to the result, derivatives included.
* Every finite input, up to ``±1.7e308``, gives a finite result without a ``RuntimeWarning``
  (as long as a parameter does not scale a huge input past the float range, e.g. a leaky slope
  above 1 applied to ``-1e308``).
* At exactly ``x = 0`` the ReLU family's derivative is 1 and ELU's is ``alpha``, as in the
  article the series follows; SELU, a scaled ELU, likewise takes its left-hand value
  ``SELU_SCALE * SELU_ALPHA`` there. The smooth functions (softplus, GELU, SiLU/swish, Mish)
  have no kink.
* An invalid parameter raises ``ValueError`` whose message names the offending value.
"""

import numpy as np
import numpy.typing as npt

__all__ = [
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "glu",
    "leaky_relu",
    "leaky_relu_derivative",
    "mish",
    "mish_derivative",
    "prelu",
    "prelu_derivative",
    "prelu_derivative_a",
    "relu",
    "relu_derivative",
    "rrelu",
    "rrelu_derivative",
    "rrelu_slopes",
    "selu",
    "selu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "silu",
    "silu_derivative",
    "softmax",
    "softmax_jacobian",
    "softplus",
    "softplus_derivative",
    "swish",
    "swish_derivative",
    "tanh",
    "tanh_derivative",
]


# --------------------------------------------------------------------------- private helpers


def _as_float_array(x: npt.ArrayLike) -> np.ndarray:
    """Return ``x`` as an array of a real floating dtype (float64 for ints and bools)."""
    arr = np.asarray(x)
    if arr.dtype.kind == "f":  # the dtype's kind, not np.issubdtype: a tenth of the time
        return arr
    if arr.dtype.kind in "iub":
        return arr.astype(np.float64)
    raise TypeError(f"expected real numbers, got an array of dtype {arr.dtype}")


def _result(values: npt.ArrayLike, dtype: np.dtype) -> np.ndarray:
    """Return ``values`` as an ndarray (0-d for scalars) of the input's dtype."""
    return np.asarray(values, dtype=dtype)


def _scalar_param(name: str, value: float) -> float:
    """Return a finite real scalar parameter as a float, or raise ``ValueError``."""
    arr = np.asarray(value)
    if arr.ndim != 0 or arr.dtype.kind not in "fiub":
        raise ValueError(f"{name} ({value}) must be a real number")
    result = float(arr)
    if not np.isfinite(result):
        raise ValueError(f"{name} ({value}) must be finite")
    return result


def _array_param(name: str, value: npt.ArrayLike) -> np.ndarray:
    """Return a parameter that may be given per channel, checking that it is finite."""
    arr = _as_float_array(value)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} ({value}) must be finite")
    return arr


def _piecewise(x: np.ndarray, negative: npt.ArrayLike, nonnegative: npt.ArrayLike) -> np.ndarray:
    """Pick ``negative`` where x < 0, ``nonnegative`` where x >= 0 and keep NaN where x is NaN."""
    return np.where(x < 0, negative, np.where(x >= 0, nonnegative, x))


def _rrelu_bounds(lower: float, upper: float) -> tuple[float, float]:
    """Check RReLU's bounds: finite, 0 < lower <= upper."""
    lower = _scalar_param("lower", lower)
    upper = _scalar_param("upper", upper)
    if lower <= 0:
        raise ValueError(f"lower ({lower}) must be positive: it is a divisor")
    if lower > upper:
        raise ValueError(f"lower ({lower}) must not exceed upper ({upper})")
    return lower, upper


def _elu_alpha(alpha: float) -> float:
    """Check ELU's alpha: finite and not negative."""
    alpha = _scalar_param("alpha", alpha)
    if alpha < 0:
        raise ValueError(f"alpha ({alpha}) must not be negative")
    return alpha


def _as_float64(x: npt.ArrayLike) -> tuple[np.ndarray, np.dtype]:
    """Return ``x`` as float64 together with the floating dtype its result must have.

    The functions added after the ELU (softplus, GELU, SiLU/swish, Mish, SELU and GLU) compute
    in float64 and round the result to the input's dtype: their constants and intermediate
    terms (``x**3``, Cody's coefficients, ...) do not fit float16.
    """
    arr = _as_float_array(x)
    return arr.astype(np.float64, copy=False), arr.dtype


def _positive_beta(beta: float) -> float:
    """Check softplus's beta: finite and positive (it is a divisor)."""
    beta = _scalar_param("beta", beta)
    if beta <= 0:
        raise ValueError(f"beta ({beta}) must be positive: it is a divisor")
    return beta


def _swish_beta(beta: float) -> float:
    """Check swish's beta: finite and not negative (0 gives the line x/2)."""
    beta = _scalar_param("beta", beta)
    if beta < 0:
        raise ValueError(f"beta ({beta}) must not be negative")
    return beta


def _sigmoid_pair(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return sigma(t) and sigma(-t) = 1 - sigma(t), both from one exp and without cancellation."""
    e = np.exp(-np.abs(t))
    total, positive = 1 + e, t >= 0
    big, small = 1 / total, e / total
    return np.where(positive, big, small), np.where(positive, small, big)


# Error-free transformations (Dekker 1971, Knuth): a sum or product of two doubles as an exact
# pair hi + lo. They let the rational functions of erfc be evaluated in about twice the precision
# (compensated Horner, Graillat, Langlois and Louvet 2005), which the 1e-15 accuracy needs.
_SPLITTER = 134217729.0  # 2**27 + 1


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = _SPLITTER * a
    hi = t - (t - a)
    return hi, a - hi


def _two_product(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = a * b
    a_hi, a_lo = _split(a)
    b_hi, b_lo = _split(b)
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def _two_sum(a: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _horner(coefficients: tuple[float, ...], t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Polynomial (highest coefficient first) at t as an unevaluated sum hi + lo."""
    hi = np.full_like(t, coefficients[0])
    lo = np.zeros_like(t)
    for c in coefficients[1:]:
        p, p_err = _two_product(hi, t)
        hi, s_err = _two_sum(p, c)
        lo = lo * t + (p_err + s_err)
    return hi, lo


def _rational(
    numerator: tuple[float, ...], denominator: tuple[float, ...], t: np.ndarray
) -> np.ndarray:
    """numerator(t) / denominator(t), both evaluated with compensated Horner."""
    n_hi, n_lo = _horner(numerator, t)
    d_hi, d_lo = _horner(denominator, t)
    q = n_hi / d_hi
    p, p_err = _two_product(q, d_hi)
    return q + (((n_hi - p) - p_err) + n_lo - q * d_lo) / d_hi


def _scaled_gauss(t: np.ndarray, scale: npt.ArrayLike, c: float) -> np.ndarray:
    """``scale * exp(-c * t**2)`` for 0 <= t <= 40 and c = 1 or 1/2, accurate to about an ulp.

    ``t**2`` is not rounded (Cody's trick): t = ts + (t - ts) with ts = t rounded down to 16
    fraction bits, so ``ts**2`` is exact and ``(t - ts) * (t + ts)`` is tiny. ``scale`` is
    multiplied in before the Gaussian factor, which is split in two where it alone would
    underflow, so that a large scale still gives a normal result there.
    """
    ts = np.trunc(65536.0 * t) / 65536.0
    tail = np.exp(-c * (t - ts) * (t + ts))
    q = c * ts * ts
    half = np.exp(-0.5 * q)
    whole = np.exp(-np.minimum(q, 700.0))
    return np.where(q > 700.0, scale * tail * half * half, scale * (tail * whole))


# W. J. Cody, "Rational Chebyshev approximations for the error function", Mathematics of
# Computation 23 (1969) 631-637, in the form of his Fortran routine CALERF: erf on [0, 0.46875],
# exp(y**2) * erfc on [0.46875, 4] and on [4, 27.3] in powers of 1/y**2. Highest power first.
_ERF_NUM = (
    1.85777706184603153e-1,
    3.16112374387056560e00,
    1.13864154151050156e02,
    3.77485237685302021e02,
    3.20937758913846947e03,
)
_ERF_DEN = (
    1.0,
    2.36012909523441209e01,
    2.44024637934444173e02,
    1.28261652607737228e03,
    2.84423683343917062e03,
)
_ERFC_MID_NUM = (
    2.15311535474403846e-8,
    5.64188496988670089e-1,
    8.88314979438837594e00,
    6.61191906371416295e01,
    2.98635138197400131e02,
    8.81952221241769090e02,
    1.71204761263407058e03,
    2.05107837782607147e03,
    1.23033935479799725e03,
)
_ERFC_MID_DEN = (
    1.0,
    1.57449261107098347e01,
    1.17693950891312499e02,
    5.37181101862009858e02,
    1.62138957456669019e03,
    3.29079923573345963e03,
    4.36261909014324716e03,
    3.43936767414372164e03,
    1.23033935480374942e03,
)
_ERFC_TAIL_NUM = (
    1.63153871373020978e-2,
    3.05326634961232344e-1,
    3.60344899949804439e-1,
    1.25781726111229246e-1,
    1.60837851487422766e-2,
    6.58749161529837803e-4,
)
_ERFC_TAIL_DEN = (
    1.0,
    2.56852019228982242e00,
    1.87295284992346047e00,
    5.27905102951428412e-1,
    6.05183413124413191e-2,
    2.33520497626869185e-3,
)
_ERF_SMALL = 0.46875  # end of the first interval
_ERFC_ZERO = 27.3  # erfc(y) < 2.5e-324 rounds to 0 beyond this
_INV_SQRT_PI = 0.5641895835477563  # 1 / sqrt(pi)
_SQRT2 = 1.4142135623730951
_INV_SQRT_2PI = 0.3989422804014327  # 1 / sqrt(2 pi), the normal density at 0


def _scaled_erfc(y: np.ndarray, scale: npt.ArrayLike = 1.0) -> np.ndarray:
    """``scale * erfc(y)`` for float64 y >= 0 (NaN kept), to about 5e-16 relative.

    Multiplying by ``scale`` before the Gaussian factor keeps ``x * erfc(y)`` accurate where
    erfc alone would be subnormal (GELU's far left tail).
    """
    small = np.minimum(y, _ERF_SMALL)
    erf_small = small * _rational(_ERF_NUM, _ERF_DEN, small * small)
    mid = np.clip(y, _ERF_SMALL, 4.0)
    erfc_mid = _scaled_gauss(mid, scale * _rational(_ERFC_MID_NUM, _ERFC_MID_DEN, mid), 1.0)
    far = np.clip(y, 4.0, _ERFC_ZERO)
    inv_sq = 1 / (far * far)
    series = (_INV_SQRT_PI - inv_sq * _rational(_ERFC_TAIL_NUM, _ERFC_TAIL_DEN, inv_sq)) / far
    erfc_far = _scaled_gauss(far, scale * series, 1.0)
    return np.where(
        y <= _ERF_SMALL,
        scale * (1 - erf_small),
        np.where(y <= 4.0, erfc_mid, np.where(y > _ERFC_ZERO, 0.0 * np.asarray(scale), erfc_far)),
    )


def _erfc(x: npt.ArrayLike) -> np.ndarray:
    """Complementary error function in float64, within 1e-15 (relative) of ``math.erfc``.

    numpy has no erf; this is Cody's approximation, evaluated with compensated arithmetic.
    """
    x = np.asarray(x, dtype=np.float64)
    tail = _scaled_erfc(np.abs(x))
    return np.where(x < 0, 2 - tail, tail)


# --------------------------------------------------------------------------- sigmoid and tanh


def sigmoid(x: npt.ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(x) = 1 / (1 + e^{-x})`, taught in 01-sigmoid.ipynb.

    Computed from :math:`e = e^{-|x|}` as :math:`1/(1+e)` for x >= 0 and :math:`e/(1+e)` for
    x < 0, so ``exp`` never overflows. The values lie in the open interval (0, 1), though in
    floating point they round to 0 or 1 far in the tails.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma(x)`, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    >>> np.round(sigmoid([-2.0, 2.0]), 4)
    array([0.1192, 0.8808])
    >>> float(sigmoid(-1000.0)), float(sigmoid(1000.0))
    (0.0, 1.0)
    """
    x = _as_float_array(x)
    e = np.exp(-np.abs(x))
    total = 1 + e
    return _result(np.where(x >= 0, 1 / total, e / total), x.dtype)


def sigmoid_derivative(x: npt.ArrayLike) -> np.ndarray:
    r"""Derivative :math:`\sigma'(x) = \sigma(x)\,(1 - \sigma(x))`, taught in 01-sigmoid.ipynb.

    Computed as :math:`e/(1+e)^2` with :math:`e = e^{-|x|}`, which stays accurate far in the
    tails (:math:`\sigma'(40) \approx 4.25 \cdot 10^{-18}`, where ``s * (1 - s)`` gives 0).
    The maximum is :math:`\sigma'(0) = 0.25`.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma'(x)`, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(sigmoid_derivative(0.0))
    0.25
    >>> np.round(sigmoid_derivative([-5.0, 5.0]), 5)
    array([0.00665, 0.00665])
    >>> float(np.round(sigmoid_derivative(40.0) * 1e18, 3))
    4.248
    """
    x = _as_float_array(x)
    e = np.exp(-np.abs(x))
    return _result(e / (1 + e) ** 2, x.dtype)


def tanh(x: npt.ArrayLike) -> np.ndarray:
    r"""Hyperbolic tangent :math:`\tanh(x) = 2\sigma(2x) - 1`.

    Not taught in a notebook of its own: a later lab uses it as the reference next to the
    sigmoid of 01-sigmoid.ipynb, a zero-centred squashing function with values in (-1, 1).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        :math:`\tanh(x)`, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(tanh(0.0))
    0.0
    >>> np.round(tanh([-1.0, 1.0]), 4)
    array([-0.7616,  0.7616])
    """
    x = _as_float_array(x)
    return _result(np.tanh(x), x.dtype)


def tanh_derivative(x: npt.ArrayLike) -> np.ndarray:
    r"""Derivative :math:`\tanh'(x) = 1 - \tanh^2(x) = 4\sigma'(2x)`.

    Not taught in a notebook of its own: a later lab uses it as the reference next to the
    sigmoid's derivative of 01-sigmoid.ipynb.

    Computed as :math:`(2e/(1+e^2))^2` with :math:`e = e^{-|x|}`: no overflow, and accurate in
    the tails where ``1 - tanh(x)**2`` rounds to 0. The maximum is :math:`\tanh'(0) = 1`, four
    times the sigmoid's.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        :math:`\tanh'(x)`, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(tanh_derivative(0.0))
    1.0
    >>> np.round(tanh_derivative([-1.0, 1.0]), 4)
    array([0.42, 0.42])
    """
    x = _as_float_array(x)
    e = np.exp(-np.abs(x))
    return _result((2 * e / (1 + e * e)) ** 2, x.dtype)


# --------------------------------------------------------------------------- the ReLU family


def relu(x: npt.ArrayLike) -> np.ndarray:
    r"""Rectified linear unit :math:`\max(0, x)`, taught in 02-relu.ipynb.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        0 where x < 0, x where x >= 0; same shape and floating dtype as ``x``.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    x = _as_float_array(x)
    return _result(np.where(x < 0, 0, x), x.dtype)


def relu_derivative(x: npt.ArrayLike) -> np.ndarray:
    r"""Derivative of ReLU: 0 for x < 0, 1 for x >= 0, taught in 02-relu.ipynb.

    ReLU has no derivative at 0; like the article, this function returns 1 there (PyTorch's
    autograd and JAX give 0: any value in [0, 1] is a subgradient, see 02-relu.ipynb).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> relu_derivative([-2.0, 0.0, 3.0])
    array([0., 1., 1.])
    """
    x = _as_float_array(x)
    return _result(_piecewise(x, 0, 1), x.dtype)


def leaky_relu(x: npt.ArrayLike, slope: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU: ``slope * x`` for x < 0, x for x >= 0, taught in 03-leaky-relu.ipynb.

    Parameters
    ----------
    x : array_like
        Input values.
    slope : float, default 0.01
        Fixed slope of the negative part (Maas et al. 2013 use 0.01). Must be finite.

    Returns
    -------
    numpy.ndarray
        Leaky ReLU of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> leaky_relu([-2.0, 0.0, 3.0])
    array([-0.02,  0.  ,  3.  ])
    >>> leaky_relu([-2.0, 3.0], slope=0.5)
    array([-1.,  3.])
    """
    x = _as_float_array(x)
    slope = _scalar_param("slope", slope)
    return _result(np.where(x < 0, slope * np.minimum(x, 0), x), x.dtype)


def leaky_relu_derivative(x: npt.ArrayLike, slope: float = 0.01) -> np.ndarray:
    r"""Derivative of leaky ReLU: ``slope`` for x < 0, 1 for x >= 0 (03-leaky-relu.ipynb).

    Parameters
    ----------
    x : array_like
        Input values.
    slope : float, default 0.01
        Slope of the negative part. Must be finite.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> leaky_relu_derivative([-2.0, 0.0, 3.0])
    array([0.01, 1.  , 1.  ])
    """
    x = _as_float_array(x)
    slope = _scalar_param("slope", slope)
    return _result(_piecewise(x, slope, 1), x.dtype)


def prelu(x: npt.ArrayLike, a: npt.ArrayLike = 0.25) -> np.ndarray:
    r"""Parametric ReLU: ``a * x`` for x < 0, x for x >= 0, taught in 04-prelu.ipynb.

    Unlike the leaky ReLU, ``a`` is learned during training (He et al. 2015 start at 0.25).

    Parameters
    ----------
    x : array_like
        Input values.
    a : float or array_like, default 0.25
        Slope of the negative part: one number, or one per channel (any array that broadcasts
        against ``x``). Must be finite.

    Returns
    -------
    numpy.ndarray
        PReLU of ``x``, in the floating dtype of ``x``; the shape is that of ``x`` broadcast
        with ``a``.

    Examples
    --------
    >>> prelu([-2.0, 0.0, 3.0])
    array([-0.5,  0. ,  3. ])
    >>> prelu([[-2.0, -2.0], [1.0, 1.0]], a=[0.1, 0.2])
    array([[-0.2, -0.4],
           [ 1. ,  1. ]])
    """
    x = _as_float_array(x)
    a = _array_param("a", a)
    return _result(np.where(x < 0, a * np.minimum(x, 0), x), x.dtype)


def prelu_derivative(x: npt.ArrayLike, a: npt.ArrayLike = 0.25) -> np.ndarray:
    r"""Derivative of PReLU with respect to x: ``a`` for x < 0, 1 for x >= 0 (04-prelu.ipynb).

    Parameters
    ----------
    x : array_like
        Input values.
    a : float or array_like, default 0.25
        Slope of the negative part, one number or one per channel. Must be finite.

    Returns
    -------
    numpy.ndarray
        :math:`\partial f / \partial x`, in the floating dtype of ``x``, shape of ``x``
        broadcast with ``a``.

    Examples
    --------
    >>> prelu_derivative([-2.0, 0.0, 3.0])
    array([0.25, 1.  , 1.  ])
    """
    x = _as_float_array(x)
    a = _array_param("a", a)
    return _result(_piecewise(x, a, 1), x.dtype)


def prelu_derivative_a(x: npt.ArrayLike, a: npt.ArrayLike = 0.25) -> np.ndarray:
    r"""Derivative of PReLU with respect to its slope: x for x < 0, 0 for x >= 0.

    This is the gradient that trains ``a`` (04-prelu.ipynb). It is elementwise; for one ``a``
    per channel, sum it over the positions that share the channel. It does not depend on the
    value of ``a``, which is accepted (and checked) so that all PReLU functions share a call
    signature.

    Parameters
    ----------
    x : array_like
        Input values.
    a : float or array_like, default 0.25
        Slope of the negative part, one number or one per channel. Must be finite.

    Returns
    -------
    numpy.ndarray
        :math:`\partial f / \partial a`, in the floating dtype of ``x``, shape of ``x``
        broadcast with ``a``.

    Examples
    --------
    >>> prelu_derivative_a([-2.0, 0.0, 3.0])
    array([-2.,  0.,  0.])
    """
    x = _as_float_array(x)
    a = _array_param("a", a)
    x = np.broadcast_to(x, np.broadcast_shapes(x.shape, a.shape))
    return _result(np.where(x >= 0, 0, x), x.dtype)


def rrelu_slopes(
    shape: int | tuple[int, ...],
    lower: float = 3.0,
    upper: float = 8.0,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    r"""Draw RReLU's divisors :math:`a \sim U(\text{lower}, \text{upper})` (05-rrelu.ipynb).

    One independent divisor per element; ``rrelu(..., training=True)`` uses exactly these, so
    a notebook can histogram them.

    Parameters
    ----------
    shape : int or tuple of int
        Shape of the result.
    lower, upper : float, default 3.0 and 8.0
        Bounds of the uniform distribution (Xu et al. 2015), finite with
        ``0 < lower <= upper``.
    rng : None, int or numpy.random.Generator
        Passed through ``np.random.default_rng``: a seed gives reproducible draws, a
        Generator is used (and advanced) as is, None draws fresh entropy.

    Returns
    -------
    numpy.ndarray
        float64 divisors in ``[lower, upper]``.

    Examples
    --------
    >>> a = rrelu_slopes((2, 3), rng=0)
    >>> a.shape, bool(np.all((3.0 <= a) & (a <= 8.0)))
    ((2, 3), True)
    >>> rrelu_slopes(4, lower=2.0, upper=2.0)
    array([2., 2., 2., 2.])
    """
    lower, upper = _rrelu_bounds(lower, upper)
    generator = np.random.default_rng(rng)
    return np.asarray(generator.uniform(lower, upper, size=shape), dtype=np.float64)


def rrelu(
    x: npt.ArrayLike,
    lower: float = 3.0,
    upper: float = 8.0,
    *,
    training: bool = False,
    rng: int | np.random.Generator | None = None,
) -> np.ndarray:
    r"""Randomized leaky ReLU, in the divisor form of Xu et al. 2015 (05-rrelu.ipynb).

    For x >= 0 the result is x. For x < 0 it is :math:`x / a`: in training every element has
    its own divisor :math:`a \sim U(\text{lower}, \text{upper})`, drawn by
    :func:`rrelu_slopes`; in evaluation the divisor is the mean ``(lower + upper) / 2``
    (5.5 for the paper's U(3, 8), i.e. a slope of 1/5.5).

    PyTorch's ``RReLU`` uses the multiplier form instead: its ``lower=1/8, upper=1/3`` are
    slopes, not divisors, and its evaluation slope is their mean, not ``2 / (lower + upper)``.

    Parameters
    ----------
    x : array_like
        Input values.
    lower, upper : float, default 3.0 and 8.0
        Bounds of the divisor, finite with ``0 < lower <= upper``.
    training : bool, default False
        Draw random divisors (True) or use their mean (False).
    rng : None, int or numpy.random.Generator
        Source of the divisors in training (see :func:`rrelu_slopes`); ignored in evaluation.

    Returns
    -------
    numpy.ndarray
        RReLU of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> rrelu([-11.0, 0.0, 3.0])
    array([-2.,  0.,  3.])
    >>> y = rrelu([-6.0, 6.0], training=True, rng=0)
    >>> bool(-6.0 / 3.0 <= y[0] <= -6.0 / 8.0), float(y[1])
    (True, 6.0)
    """
    x = _as_float_array(x)
    lower, upper = _rrelu_bounds(lower, upper)
    if training:
        divisor = rrelu_slopes(x.shape, lower, upper, rng)
    else:
        divisor = 0.5 * lower + 0.5 * upper  # (lower + upper) / 2 without overflow
    return _result(np.where(x < 0, np.minimum(x, 0) / divisor, x), x.dtype)


def rrelu_derivative(x: npt.ArrayLike, lower: float = 3.0, upper: float = 8.0) -> np.ndarray:
    r"""Derivative of RReLU in evaluation mode (05-rrelu.ipynb).

    1 for x >= 0 and :math:`2 / (\text{lower} + \text{upper})` for x < 0 (1/5.5 for the
    defaults). In training the derivative of an element with divisor ``a`` is ``1 / a``.

    Parameters
    ----------
    x : array_like
        Input values.
    lower, upper : float, default 3.0 and 8.0
        Bounds of the divisor, finite with ``0 < lower <= upper``.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> rrelu_derivative([-1.0, 0.0, 1.0], lower=1.0, upper=3.0)
    array([0.5, 1. , 1. ])
    """
    x = _as_float_array(x)
    lower, upper = _rrelu_bounds(lower, upper)
    return _result(_piecewise(x, 1 / (0.5 * lower + 0.5 * upper), 1), x.dtype)


# --------------------------------------------------------------------------- ELU


def elu(x: npt.ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""Exponential linear unit, taught in 06-elu.ipynb.

    :math:`\alpha (e^x - 1)` for x <= 0 and x for x > 0 (Clevert et al. 2016). The negative
    part saturates to :math:`-\alpha`. Computed with ``expm1`` of ``min(x, 0)``: accurate near
    0 and free of overflow for large x.

    Parameters
    ----------
    x : array_like
        Input values.
    alpha : float, default 1.0
        Saturation level of the negative part; finite and not negative.

    Returns
    -------
    numpy.ndarray
        ELU of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(elu(0.0)), float(elu(2.0)), float(elu(-1000.0))
    (0.0, 2.0, -1.0)
    >>> np.round(elu([-1.0, 1.0], alpha=2.0), 4)
    array([-1.2642,  1.    ])
    """
    x = _as_float_array(x)
    alpha = _elu_alpha(alpha)
    return _result(np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0))), x.dtype)


def elu_derivative(x: npt.ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""Derivative of ELU: :math:`\alpha e^x` for x <= 0, 1 for x > 0 (06-elu.ipynb).

    For x <= 0 this equals :math:`f(x) + \alpha`, the article's form; it is computed as
    :math:`\alpha e^x`, which does not lose digits far to the left. At 0 it is ``alpha`` (the
    article's convention), so it is continuous there only for ``alpha = 1``.

    Parameters
    ----------
    x : array_like
        Input values.
    alpha : float, default 1.0
        Saturation level of the negative part; finite and not negative.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> elu_derivative([0.0, 1.0])
    array([1., 1.])
    >>> float(elu_derivative(0.0, alpha=0.5))
    0.5
    """
    x = _as_float_array(x)
    alpha = _elu_alpha(alpha)
    return _result(np.where(x > 0, 1, alpha * np.exp(np.minimum(x, 0))), x.dtype)


# --------------------------------------------------------------------------- SELU

#: SELU's alpha (Klambauer et al. 2017), to full double precision.
SELU_ALPHA = 1.6732632423543772848170429916717
#: SELU's scale (Klambauer et al. 2017), to full double precision.
SELU_SCALE = 1.0507009873554804934193349852946


def selu(x: npt.ArrayLike) -> np.ndarray:
    r"""Scaled ELU, :math:`\lambda x` for x > 0 and :math:`\lambda\alpha(e^x - 1)` for x <= 0.

    Klambauer et al. 2017 ("Self-Normalizing Neural Networks") chose :data:`SELU_ALPHA` and
    :data:`SELU_SCALE` (:math:`\alpha \approx 1.6733`, :math:`\lambda \approx 1.0507`) so that
    activations keep mean 0 and variance 1 from layer to layer. It is ``SELU_SCALE`` times the
    ELU of 06-elu.ipynb with ``alpha=SELU_ALPHA``; the negative part saturates to
    :math:`-\lambda\alpha \approx -1.7581`. Since the scale exceeds 1, inputs within 5% of
    the dtype's largest number overflow (above ``1.71e308`` in float64, 62343 in float16).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        SELU of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> np.round(selu([-1.0, 0.0, 1.0]), 4)
    array([-1.1113,  0.    ,  1.0507])
    >>> float(selu(-1000.0)) == -SELU_SCALE * SELU_ALPHA
    True
    """
    x, dtype = _as_float64(x)
    return _result(SELU_SCALE * elu(x, SELU_ALPHA), dtype)


def selu_derivative(x: npt.ArrayLike) -> np.ndarray:
    r"""Derivative of SELU: :math:`\lambda` for x > 0, :math:`\lambda\alpha e^x` for x <= 0.

    ``SELU_SCALE`` times :func:`elu_derivative` with ``alpha=SELU_ALPHA`` (06-elu.ipynb), and
    like it, at exactly 0 it takes the left-hand value :math:`\lambda\alpha \approx 1.7581`
    (the right-hand one is :math:`\lambda \approx 1.0507`: SELU has a kink at 0).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> np.round(selu_derivative([-1.0, 0.0, 1.0]), 4)
    array([0.6468, 1.7581, 1.0507])
    """
    x, dtype = _as_float64(x)
    return _result(SELU_SCALE * elu_derivative(x, SELU_ALPHA), dtype)


# --------------------------------------------------------------------------- smooth ReLUs


def softplus(x: npt.ArrayLike, beta: float = 1.0) -> np.ndarray:
    r"""Softplus :math:`\log(1 + e^{\beta x}) / \beta`, a smooth ReLU (see 02-relu.ipynb).

    Introduced by Dugas et al. 2001; its derivative is the sigmoid of 01-sigmoid.ipynb. Larger
    ``beta`` bends it closer to the ReLU. Computed exactly everywhere, without the threshold
    switch to ``x`` that frameworks use, as
    :math:`\max(x, 0) + \log(1 + e^{-\beta|x|}) / \beta`: ``exp`` never overflows.

    Parameters
    ----------
    x : array_like
        Input values.
    beta : float, default 1.0
        Sharpness; finite and positive.

    Returns
    -------
    numpy.ndarray
        Softplus of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(softplus(0.0)) == float(np.log(2))
    True
    >>> np.round(softplus([-2.0, 2.0], beta=2.0), 4)
    array([0.0091, 2.0091])
    >>> float(softplus(1e300))
    1e+300
    """
    x, dtype = _as_float64(x)
    beta = _positive_beta(beta)
    with np.errstate(over="ignore"):  # beta * |x| -> inf, whose exp(-inf) is the right 0
        e = np.exp(-(beta * np.abs(x)))
    return _result(np.maximum(x, 0) + np.log1p(e) / beta, dtype)


def softplus_derivative(x: npt.ArrayLike, beta: float = 1.0) -> np.ndarray:
    r"""Derivative of softplus: the sigmoid :math:`\sigma(\beta x)` of 01-sigmoid.ipynb.

    Parameters
    ----------
    x : array_like
        Input values.
    beta : float, default 1.0
        Sharpness; finite and positive.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(softplus_derivative(0.0))
    0.5
    >>> np.round(softplus_derivative([-1.0, 1.0], beta=3.0), 4)
    array([0.0474, 0.9526])
    """
    x, dtype = _as_float64(x)
    beta = _positive_beta(beta)
    with np.errstate(over="ignore"):  # beta * x -> +-inf has the right sigmoid, 1 or 0
        t = beta * x
    return _result(sigmoid(t), dtype)


_GELU_FORMS = ("none", "tanh")
_GELU_TANH_K = 0.7978845608028654  # sqrt(2 / pi)
_GELU_TANH_C = 0.044715
_GELU_TANH_CUT = 50.0  # beyond |x| = 50 the tanh form's sigmoid is exactly 0 or 1


def _gelu_form(approximate: str) -> str:
    """Check GELU's ``approximate``: "none" or "tanh", as in PyTorch."""
    if not isinstance(approximate, str) or approximate not in _GELU_FORMS:
        raise ValueError(f"approximate ({approximate!r}) must be 'none' or 'tanh'")
    return approximate


def _gelu_tanh_inner(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``2u`` and ``x`` clipped, with u = sqrt(2/pi) (x + 0.044715 x**3) of the tanh form.

    x is clipped to +-50 first, where the sigmoid of 2u is already exactly 0 or 1, so that
    ``x**3`` cannot overflow.
    """
    xc = np.clip(x, -_GELU_TANH_CUT, _GELU_TANH_CUT)
    return 2 * (_GELU_TANH_K * (xc + _GELU_TANH_C * xc * xc * xc)), xc


def gelu(x: npt.ArrayLike, approximate: str = "none") -> np.ndarray:
    r"""Gaussian error linear unit :math:`x\,\Phi(x)` (Hendrycks and Gimpel 2016).

    A smooth ReLU (see 02-relu.ipynb) that weighs x by the probability :math:`\Phi(x)` that a
    standard normal variable is below it; BERT and GPT use it. The exact form computes
    :math:`\Phi(x) = \operatorname{erfc}(-x/\sqrt 2)/2` with an erfc accurate to about
    5e-16, so even the far left tail (:math:`\text{gelu}(-20) \approx -5.5 \cdot 10^{-88}`)
    is right. ``approximate="tanh"`` gives the paper's approximation
    :math:`\tfrac12 x (1 + \tanh(\sqrt{2/\pi}(x + 0.044715 x^3)))`, PyTorch's
    ``GELU(approximate='tanh')``, computed as :math:`x\,\sigma(2u)` without cancellation; it
    is within 5e-4 of the exact form.

    Parameters
    ----------
    x : array_like
        Input values.
    approximate : {"none", "tanh"}, default "none"
        Exact form or tanh approximation.

    Returns
    -------
    numpy.ndarray
        GELU of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> np.round(gelu([-1.0, 0.0, 1.0]), 4)
    array([-0.1587,  0.    ,  0.8413])
    >>> np.round(gelu([-1.0, 1.0], approximate="tanh"), 4)
    array([-0.1588,  0.8412])
    >>> float(gelu(1e300)), float(gelu(-1e300))
    (1e+300, -0.0)
    """
    x, dtype = _as_float64(x)
    if _gelu_form(approximate) == "tanh":
        two_u, _ = _gelu_tanh_inner(x)
        return _result(x * sigmoid(two_u), dtype)
    below = _scaled_erfc(np.abs(x) / _SQRT2, 0.5 * x)  # x Phi(-|x|): gelu for x < 0
    return _result(np.where(x < 0, below, x - below), dtype)


def gelu_derivative(x: npt.ArrayLike, approximate: str = "none") -> np.ndarray:
    r"""Derivative of GELU: :math:`\Phi(x) + x\,\varphi(x)` for the exact form.

    :math:`\varphi` is the standard normal density. Unlike the ReLU's step (02-relu.ipynb) it
    dips below 0 (to about -0.129 at :math:`x = -\sqrt 2`) and overshoots 1 (about 1.129 at
    :math:`x = \sqrt 2`). For ``approximate="tanh"`` it is the exact derivative of the tanh form,
    :math:`\sigma(2u) + 2 x u' \sigma'(2u)` with :math:`u' = \sqrt{2/\pi}(1 + 0.134145 x^2)`.

    Parameters
    ----------
    x : array_like
        Input values.
    approximate : {"none", "tanh"}, default "none"
        Exact form or tanh approximation.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(gelu_derivative(0.0))
    0.5
    >>> np.round(gelu_derivative([-1.0, 1.0]), 4)
    array([-0.0833,  1.0833])
    >>> np.round(gelu_derivative([-1.0, 1.0], approximate="tanh"), 4)
    array([-0.083,  1.083])
    """
    x, dtype = _as_float64(x)
    if _gelu_form(approximate) == "tanh":
        two_u, xc = _gelu_tanh_inner(x)
        s, s_minus = _sigmoid_pair(two_u)
        du = _GELU_TANH_K * (1 + 3 * _GELU_TANH_C * xc * xc)
        return _result(s + 2 * (xc * du) * (s * s_minus), dtype)
    tail = _scaled_erfc(np.abs(x) / _SQRT2, 0.5)  # Phi(-|x|)
    cdf = np.where(x < 0, tail, 1 - tail)
    xc = np.clip(x, -40.0, 40.0)  # x phi(x) underflows to 0 beyond
    return _result(cdf + _scaled_gauss(np.abs(xc), _INV_SQRT_2PI * xc, 0.5), dtype)


def _swish(x: np.ndarray, beta: float) -> np.ndarray:
    """x sigma(beta x) in float64, shared by silu and swish so that both agree exactly."""
    with np.errstate(over="ignore"):  # beta * x -> +-inf has the right sigmoid, 1 or 0
        t = beta * x
    return x * sigmoid(t)


def _swish_slope(x: np.ndarray, beta: float) -> np.ndarray:
    """Derivative of x sigma(beta x): s (1 + t (1 - s)) with t = beta x and s = sigma(t)."""
    with np.errstate(over="ignore"):
        t = beta * x
    s, s_minus = _sigmoid_pair(t)
    tc = np.clip(t, -1000.0, 1000.0)  # s_minus is exactly 0 (or s is) beyond: no inf * 0
    return s * (1 + tc * s_minus)


def silu(x: npt.ArrayLike) -> np.ndarray:
    r"""Sigmoid-weighted linear unit :math:`x\,\sigma(x)` (Elfwing et al. 2018).

    The input times its sigmoid (01-sigmoid.ipynb): a smooth ReLU (02-relu.ipynb) that dips to
    about -0.278 near x = -1.278 before rising. Also called swish with :math:`\beta = 1`
    (:func:`swish`).

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        SiLU of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> np.round(silu([-1.0, 0.0, 1.0]), 4)
    array([-0.2689,  0.    ,  0.7311])
    >>> float(silu(1e300)), float(silu(-1e300))
    (1e+300, -0.0)
    """
    x, dtype = _as_float64(x)
    return _result(_swish(x, 1.0), dtype)


def silu_derivative(x: npt.ArrayLike) -> np.ndarray:
    r"""Derivative of SiLU, :math:`\sigma(x)\,(1 + x(1 - \sigma(x)))`.

    :math:`1 - \sigma(x)` is computed as :math:`\sigma(-x)`, without cancellation
    (01-sigmoid.ipynb). It overshoots 1 (about 1.0998 near x = 2.4) and is 0 where SiLU has
    its minimum.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(silu_derivative(0.0))
    0.5
    >>> np.round(silu_derivative([-1.0, 1.0]), 4)
    array([0.0723, 0.9277])
    """
    x, dtype = _as_float64(x)
    return _result(_swish_slope(x, 1.0), dtype)


def swish(x: npt.ArrayLike, beta: float = 1.0) -> np.ndarray:
    r"""Swish :math:`x\,\sigma(\beta x)` (Ramachandran et al. 2017).

    Found by an automated search over activation functions. ``beta = 1`` is :func:`silu`
    (exactly the same numbers), ``beta = 0`` the line x/2, and a large ``beta`` approaches
    the ReLU of 02-relu.ipynb.

    Parameters
    ----------
    x : array_like
        Input values.
    beta : float, default 1.0
        Sharpness; finite and not negative.

    Returns
    -------
    numpy.ndarray
        Swish of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> np.round(swish([-1.0, 1.0], beta=2.0), 4)
    array([-0.1192,  0.8808])
    >>> swish([-2.0, 4.0], beta=0.0)
    array([-1.,  2.])
    """
    x, dtype = _as_float64(x)
    beta = _swish_beta(beta)
    return _result(_swish(x, beta), dtype)


def swish_derivative(x: npt.ArrayLike, beta: float = 1.0) -> np.ndarray:
    r"""Derivative of swish, :math:`\sigma(\beta x)\,(1 + \beta x(1 - \sigma(\beta x)))`.

    With ``beta = 1`` this is :func:`silu_derivative`; with ``beta = 0`` it is 1/2 everywhere.
    See 02-relu.ipynb for the ReLU it approaches as ``beta`` grows.

    Parameters
    ----------
    x : array_like
        Input values.
    beta : float, default 1.0
        Sharpness; finite and not negative.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> np.round(swish_derivative([-1.0, 0.0, 1.0], beta=2.0), 4)
    array([-0.0908,  0.5   ,  1.0908])
    >>> swish_derivative([-3.0, 3.0], beta=0.0)
    array([0.5, 0.5])
    """
    x, dtype = _as_float64(x)
    beta = _swish_beta(beta)
    return _result(_swish_slope(x, beta), dtype)


def _mish_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """tanh(softplus(x)) and sech^2(softplus(x)) sigma(x), as ratios of e = exp(-|x|).

    With w = e^x, tanh(log(1 + w)) = ((1 + w)^2 - 1) / ((1 + w)^2 + 1); multiplying out by
    e = 1/w for x >= 0 gives expressions free of overflow and of cancellation on both sides.
    """
    e = np.exp(-np.abs(x))
    pos_den = 1 + 2 * e + 2 * e * e  # x >= 0: (1 + w)^2 + 1, times e^2
    neg_den = 2 + 2 * e + e * e  # x < 0: (1 + w)^2 + 1 with w = e
    t = np.where(x >= 0, (1 + 2 * e) / pos_den, e * (e + 2) / neg_den)
    g = np.where(x >= 0, 4 * e * e * (1 + e) / pos_den**2, 4 * e * (1 + e) / neg_den**2)
    return t, g


def mish(x: npt.ArrayLike) -> np.ndarray:
    r"""Mish :math:`x \tanh(\operatorname{softplus}(x))` (Misra 2019).

    A smooth, non-monotonic ReLU (02-relu.ipynb) close to SiLU, with a minimum of about
    -0.309 near x = -1.19. Computed from :math:`e = e^{-|x|}` as a ratio of polynomials in e,
    so it is x itself for large x and :math:`\approx x e^x \to 0` far to the left, without
    overflow.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        Mish of ``x``, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> np.round(mish([-1.0, 0.0, 1.0]), 4)
    array([-0.3034,  0.    ,  0.8651])
    >>> float(mish(1e300)), float(mish(-1e300))
    (1e+300, -0.0)
    """
    x, dtype = _as_float64(x)
    t, _ = _mish_parts(x)
    return _result(x * t, dtype)


def mish_derivative(x: npt.ArrayLike) -> np.ndarray:
    r"""Derivative of Mish, :math:`\tanh(s) + x \operatorname{sech}^2(s)\,\sigma(x)`.

    Here :math:`s = \operatorname{softplus}(x)` and :math:`\sigma` is the sigmoid of
    01-sigmoid.ipynb. The second term is computed as one ratio of powers of
    :math:`e^{-|x|}`, so :math:`\operatorname{sech}^2` never overflows or rounds to 0 early.

    Parameters
    ----------
    x : array_like
        Input values.

    Returns
    -------
    numpy.ndarray
        The derivative, same shape and floating dtype as ``x``.

    Examples
    --------
    >>> float(mish_derivative(0.0))
    0.6
    >>> np.round(mish_derivative([-1.0, 1.0]), 4)
    array([0.0592, 1.049 ])
    """
    x, dtype = _as_float64(x)
    t, g = _mish_parts(x)
    return _result(t + x * g, dtype)


# --------------------------------------------------------------------------- GLU


def glu(z: npt.ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Gated linear unit :math:`a \otimes \sigma(b)` (Dauphin et al. 2017).

    ``z`` is split into two halves a and b along ``axis``; the sigmoid of b (01-sigmoid.ipynb)
    gates a, element by element, as ``torch.nn.functional.glu`` does. Like softmax
    (07-softmax.ipynb) it acts on a whole axis, not elementwise, so it has no
    ``_derivative`` companion here: its gradient is :math:`\sigma(b)` with respect to a and
    :math:`a\,\sigma'(b)` with respect to b.

    Parameters
    ----------
    z : array_like
        At least one axis, of even length along ``axis``.
    axis : int, default -1
        Axis to split.

    Returns
    -------
    numpy.ndarray
        The gated half, in the floating dtype of ``z``; the shape of ``z`` with ``axis``
        halved.

    Raises
    ------
    ValueError
        If ``z`` is 0-d, ``axis`` is out of range or the length along it is odd.

    Examples
    --------
    >>> glu([1.0, 2.0, 0.0, 1000.0])
    array([0.5, 2. ])
    >>> glu(np.ones((4, 3)), axis=0).shape
    (2, 3)
    """
    z, dtype = _as_float64(z)
    if z.ndim == 0:
        raise ValueError("glu needs at least one axis to split, got a 0-d input")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis ({axis}) is out of range for an input of shape {z.shape}")
    length = z.shape[axis]
    if length % 2:
        raise ValueError(f"glu needs an even length along axis {axis}, got {length}")
    a, b = np.split(z, 2, axis=axis)
    return _result(a * sigmoid(b), dtype)


# --------------------------------------------------------------------------- softmax


def softmax(z: npt.ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Softmax :math:`e^{z_j} / \sum_k e^{z_k}` along ``axis``, taught in 07-softmax.ipynb.

    The maximum along ``axis`` is subtracted first (softmax does not change when a constant
    is added to every score), so ``exp`` never overflows. A slice that contains NaN gives NaN
    throughout; infinite scores are not supported (they give NaN with a ``RuntimeWarning``).
    A scalar counts as a single class and gives 1.

    Parameters
    ----------
    z : array_like
        Scores (logits).
    axis : int, default -1
        Axis along which the result sums to 1.

    Returns
    -------
    numpy.ndarray
        Probabilities, same shape and floating dtype as ``z``.

    Examples
    --------
    >>> np.round(softmax([3.0, 0.7, 0.5]), 3)
    array([0.846, 0.085, 0.069])
    >>> softmax([1e308, -1e308])
    array([1., 0.])
    >>> softmax([[1.0, 1.0], [2.0, 2.0]], axis=0).sum(axis=0)
    array([1., 1.])
    >>> float(softmax(np.zeros(100_000, dtype=np.float16))[0])  # 1e-5: the sum in float32
    1.0013580322265625e-05
    >>> softmax([])
    Traceback (most recent call last):
    ...
    ValueError: softmax needs at least one class; axis -1 of shape (0,) is empty
    """
    z = _as_float_array(z)
    if z.ndim == 0:
        return _result(softmax(z.reshape(1), axis=axis).reshape(()), z.dtype)
    if z.shape[axis] == 0:
        raise ValueError(
            f"softmax needs at least one class; axis {axis} of shape {z.shape} is empty"
        )
    with np.errstate(over="ignore"):  # -1.7e308 - 1.7e308 -> -inf, whose exp is the right 0
        shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    # the sum is accumulated in float32 at least: in float16, 65,505 ones already overflow
    total = np.sum(e, axis=axis, keepdims=True, dtype=np.promote_types(e.dtype, np.float32))
    return _result(e / total, z.dtype)


def softmax_jacobian(z: npt.ArrayLike) -> np.ndarray:
    r"""Jacobian of softmax for one score vector, taught in 07-softmax.ipynb.

    :math:`J_{ij} = \partial s_i / \partial z_j = s_i (\delta_{ij} - s_j)`, that is
    :math:`\operatorname{diag}(s) - s s^\top` with ``s = softmax(z)``. It is symmetric and its
    rows sum to 0 (the probabilities always sum to 1).

    Parameters
    ----------
    z : array_like
        One non-empty vector of K scores.

    Returns
    -------
    numpy.ndarray
        K x K matrix, in the floating dtype of ``z``.

    Raises
    ------
    ValueError
        If ``z`` is not a non-empty 1-D vector.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    z = _as_float_array(z)
    if z.ndim != 1 or z.size == 0:
        raise ValueError(f"softmax_jacobian needs a non-empty 1-D vector, got shape {z.shape}")
    s = softmax(z)
    return _result(np.diag(s) - np.outer(s, s), z.dtype)
