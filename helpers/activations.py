"""Activation functions and their derivatives, in plain numpy.

Every function of the series comes with its derivative (``elu`` and ``elu_derivative``), so a
notebook can plot both and a lab can check a hand-written version against them.

Conventions shared by all functions:

* Input may be a Python scalar, a (nested) list or an array of any shape. Floating input keeps
  its dtype (float16, float32, float64); integer and boolean input is computed in float64.
  Complex input is rejected with ``TypeError``.
* The result is always an ``np.ndarray`` of the input's shape; a scalar gives a 0-d array, so
  write ``float(sigmoid(0.0))`` to get a Python float.
* NaN propagates to the result, derivatives included.
* Every finite input, up to ``±1.7e308``, gives a finite result without a ``RuntimeWarning``
  (as long as a parameter does not scale a huge input past the float range, e.g. a leaky slope
  above 1 applied to ``-1e308``).
* At exactly ``x = 0`` the ReLU family's derivative is 1 and ELU's is ``alpha``, as in the
  article the series follows.
* An invalid parameter raises ``ValueError`` whose message names the offending value.
"""

import numpy as np
import numpy.typing as npt

__all__ = [
    "elu",
    "elu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "prelu",
    "prelu_derivative",
    "prelu_derivative_a",
    "relu",
    "relu_derivative",
    "rrelu",
    "rrelu_derivative",
    "rrelu_slopes",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_jacobian",
    "tanh",
    "tanh_derivative",
]


# --------------------------------------------------------------------------- private helpers


def _as_float_array(x: npt.ArrayLike) -> np.ndarray:
    """Return ``x`` as an array of a real floating dtype (float64 for ints and bools)."""
    arr = np.asarray(x)
    if np.issubdtype(arr.dtype, np.floating):
        return arr
    if np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.bool_):
        return arr.astype(np.float64)
    raise TypeError(f"expected real numbers, got an array of dtype {arr.dtype}")


def _result(values: npt.ArrayLike, dtype: np.dtype) -> np.ndarray:
    """Return ``values`` as an ndarray (0-d for scalars) of the input's dtype."""
    return np.asarray(values, dtype=dtype)


def _scalar_param(name: str, value: float) -> float:
    """Return a finite real scalar parameter as a float, or raise ``ValueError``."""
    arr = np.asarray(value)
    if arr.ndim != 0 or not (
        np.issubdtype(arr.dtype, np.floating)
        or np.issubdtype(arr.dtype, np.integer)
        or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise ValueError(f"{name} ({value}) must be a real number")
    result = float(arr)
    if not np.isfinite(result):
        raise ValueError(f"{name} ({value}) must be finite")
    return result


def _array_param(name: str, value: npt.ArrayLike) -> np.ndarray:
    """Return a parameter that may be given per channel, checking that it is finite."""
    arr = _as_float_array(value)
    if not np.all(np.isfinite(arr)):
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
    return _result(np.where(x >= 0, 1 / (1 + e), e / (1 + e)), x.dtype)


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

    ReLU has no derivative at 0; like the article (and the frameworks' autograd), this
    function returns 1 there.

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
    """
    z = _as_float_array(z)
    if z.ndim == 0:
        return _result(softmax(z.reshape(1), axis=axis).reshape(()), z.dtype)
    with np.errstate(over="ignore"):  # -1.7e308 - 1.7e308 -> -inf, whose exp is the right 0
        shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return _result(e / np.sum(e, axis=axis, keepdims=True), z.dtype)


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
