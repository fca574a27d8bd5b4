"""Learning PReLU's slope with the momentum update of He et al. (2015), taught in 04-prelu.ipynb.

Pure numpy, no plotting. The pieces are small so that they can be reused, for instance to train
the slopes of PReLU units inside a small network:

- :func:`momentum_step` -- one momentum update of any parameter array, with the sign of
  gradient descent and optional weight decay;
- :func:`prelu_grad_a` -- the gradient of the error with respect to PReLU's slope, summed over
  the positions of each channel (channel-wise) or over everything (channel-shared);
- :class:`PReLUState` -- a PReLU layer's slopes and their momentum buffer, with forward and
  backward passes and an update step;
- :func:`teacher_data`, :func:`learn_prelu`, :func:`optimal_slopes` -- the notebook's
  experiment: fit the slopes of a PReLU to data made by a "teacher" PReLU with known slopes;
- :func:`rrelu_mean_slope`, :func:`rrelu_slope_density` -- the distribution of RReLU's random
  slope in training (05-rrelu.ipynb), where nothing is learned but the slope is still a
  training-time quantity.

Conventions: the channel axis is axis 1, as in PyTorch (``(batch, channels, positions...)``);
the error is the mean squared error ``E = mean((f(x) - y)**2) / 2`` over all elements, and weight
decay ``lam`` adds ``lam / 2 * sum(a**2)`` to it (that is, ``lam * a`` to the gradient).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from helpers import activations as act

__all__ = [
    "momentum_step",
    "prelu_grad_a",
    "PReLUState",
    "Trajectory",
    "teacher_data",
    "mse",
    "learn_prelu",
    "optimal_slopes",
    "rrelu_mean_slope",
    "rrelu_slope_density",
]


def momentum_step(
    param: npt.ArrayLike,
    velocity: npt.ArrayLike,
    grad: npt.ArrayLike,
    lr: float,
    momentum: float = 0.9,
    weight_decay: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""One momentum update, written with the sign of gradient descent.

    .. math::
        \Delta \leftarrow \mu\,\Delta - \varepsilon\,\Bigl(\frac{\partial E}{\partial\theta}
        + \lambda\,\theta\Bigr), \qquad \theta \leftarrow \theta + \Delta

    with momentum :math:`\mu`, learning rate :math:`\varepsilon` and weight decay
    :math:`\lambda` (He et al. 2015 use :math:`\mu = 0.9` and no weight decay on PReLU's slope).
    The inputs are not modified.

    Parameters
    ----------
    param : array_like
        The parameter :math:`\theta` (any shape).
    velocity : array_like
        The previous step :math:`\Delta` (zeros before the first step), same shape.
    grad : array_like
        :math:`\partial E / \partial \theta` at ``param``, same shape.
    lr, momentum, weight_decay : float
        :math:`\varepsilon`, :math:`\mu` and :math:`\lambda`.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The new parameter and the new velocity (float64).

    Examples
    --------
    A negative gradient raises the parameter; the velocity remembers the step:

    >>> a, v = momentum_step(0.25, 0.0, grad=-1.0, lr=0.1)
    >>> float(a), float(v)
    (0.35, 0.1)
    >>> a, v = momentum_step(a, v, grad=0.0, lr=0.1)  # no gradient: momentum carries on
    >>> round(float(a), 10), round(float(v), 10)
    (0.44, 0.09)
    """
    param = np.asarray(param, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64) + weight_decay * param
    velocity = momentum * np.asarray(velocity, dtype=np.float64) - lr * grad
    return param + velocity, velocity


def _sum_axes(ndim: int, channel_axis: int) -> tuple[int, ...]:
    """All axes except the channel axis (all axes if there is no channel axis)."""
    if ndim < 2:
        return tuple(range(ndim))
    keep = channel_axis % ndim
    return tuple(i for i in range(ndim) if i != keep)


def prelu_grad_a(
    x: npt.ArrayLike, upstream: npt.ArrayLike, *, shared: bool = False, channel_axis: int = 1
) -> np.ndarray:
    r"""The gradient of the error with respect to PReLU's slope(s).

    .. math::
        \frac{\partial E}{\partial a_i} = \sum_{y_i} \frac{\partial E}{\partial f(y_i)}\,
        \frac{\partial f(y_i)}{\partial a_i},
        \qquad \frac{\partial f(y_i)}{\partial a_i} = \begin{cases} y_i & y_i < 0 \\
        0 & y_i \ge 0 \end{cases}

    summed over all positions of channel :math:`i` (channel-wise), or over all positions of
    all channels for one shared slope.

    Parameters
    ----------
    x : array_like
        The inputs of the PReLU, channel axis at ``channel_axis``. An input with fewer than two
        dimensions has one channel.
    upstream : array_like
        :math:`\partial E / \partial f`, same shape as ``x``.
    shared : bool
        One slope for all channels (True) or one per channel (False).
    channel_axis : int
        The axis of the channels (1, as in PyTorch).

    Returns
    -------
    numpy.ndarray
        Shape ``(1,)`` for a shared slope, ``(channels,)`` otherwise.

    Examples
    --------
    >>> x = [[-1.0, 2.0], [-3.0, -0.5]]  # two examples, two channels
    >>> up = [[1.0, 1.0], [1.0, 2.0]]
    >>> prelu_grad_a(x, up)
    array([-4., -1.])
    >>> prelu_grad_a(x, up, shared=True)
    array([-5.])
    """
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(upstream, dtype=np.float64) * act.prelu_derivative_a(x)
    if shared or x.ndim < 2:
        return np.array([g.sum()])
    return g.sum(axis=_sum_axes(g.ndim, channel_axis))


@dataclass
class PReLUState:
    """A PReLU layer's slopes ``a`` and their momentum buffer ``velocity``.

    ``a`` has one entry (channel-shared) or one per channel (channel-wise). Create it with
    :meth:`create`; the layer's input has its channels on ``channel_axis``.

    Examples
    --------
    >>> layer = PReLUState.create(channels=2)
    >>> x = np.array([[-2.0, -2.0], [1.0, -4.0]])
    >>> layer.forward(x)
    array([[-0.5, -0.5],
           [ 1. , -1. ]])
    >>> upstream = np.ones_like(x)  # dE/df
    >>> layer.grad_a(x, upstream)
    array([-2., -6.])
    >>> layer.step(layer.grad_a(x, upstream), lr=0.01)
    >>> layer.a
    array([0.27, 0.31])
    """

    a: np.ndarray
    velocity: np.ndarray
    channel_axis: int = 1

    @classmethod
    def create(cls, channels: int = 1, a0: float = 0.25, channel_axis: int = 1) -> PReLUState:
        """Slopes all equal to ``a0`` (He et al.: 0.25), zero velocity; ``channels=1`` shares."""
        a = np.full(int(channels), float(a0))
        return cls(a=a, velocity=np.zeros_like(a), channel_axis=channel_axis)

    @property
    def shared(self) -> bool:
        """True if one slope serves every channel."""
        return self.a.size == 1

    def slopes_for(self, x: np.ndarray) -> np.ndarray:
        """The slopes reshaped to broadcast against an input ``x``."""
        x = np.asarray(x)
        if self.shared or x.ndim < 2:
            return self.a.reshape((1,) * x.ndim) if self.shared else self.a
        shape = [1] * x.ndim
        shape[self.channel_axis % x.ndim] = self.a.size
        return self.a.reshape(shape)

    def forward(self, x: npt.ArrayLike) -> np.ndarray:
        """PReLU of ``x`` with the current slopes."""
        x = np.asarray(x, dtype=np.float64)
        return act.prelu(x, self.slopes_for(x))

    def grad_x(self, x: npt.ArrayLike, upstream: npt.ArrayLike) -> np.ndarray:
        """:math:`\\partial E/\\partial x`: the error passed on to the layer below."""
        x = np.asarray(x, dtype=np.float64)
        return np.asarray(upstream) * act.prelu_derivative(x, self.slopes_for(x))

    def grad_a(self, x: npt.ArrayLike, upstream: npt.ArrayLike) -> np.ndarray:
        """:math:`\\partial E/\\partial a` (see :func:`prelu_grad_a`)."""
        return prelu_grad_a(x, upstream, shared=self.shared, channel_axis=self.channel_axis)

    def step(
        self, grad: npt.ArrayLike, lr: float, momentum: float = 0.9, weight_decay: float = 0.0
    ) -> None:
        """Update ``a`` in place with :func:`momentum_step`."""
        self.a, self.velocity = momentum_step(
            self.a, self.velocity, grad, lr, momentum, weight_decay
        )


class Trajectory(NamedTuple):
    """The slopes and the error at every iteration of :func:`learn_prelu`.

    ``a[k]`` are the slopes after ``k`` updates (``a[0]`` the initial ones), shape
    ``(iterations + 1, number of slopes)``; ``loss[k]`` is the error there (without the decay
    term), on all the data.
    """

    a: np.ndarray
    loss: np.ndarray


def teacher_data(
    slopes: npt.ArrayLike,
    *,
    n_samples: int = 64,
    positions: int = 32,
    noise: float = 0.0,
    rng: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and targets made by a "teacher" PReLU with known slopes, one per channel.

    ``x`` is standard normal with shape ``(n_samples, channels, positions)``; the target is
    ``prelu(x)`` with the teacher's slope for each channel, plus Gaussian noise of size ``noise``.

    Examples
    --------
    >>> x, y = teacher_data([0.1, 0.5], n_samples=3, positions=4, rng=0)
    >>> x.shape, y.shape
    ((3, 2, 4), (3, 2, 4))
    >>> bool(np.allclose(y[:, 1][x[:, 1] < 0], 0.5 * x[:, 1][x[:, 1] < 0]))
    True
    """
    slopes = np.asarray(slopes, dtype=np.float64).reshape(-1)
    generator = np.random.default_rng(rng)
    x = generator.standard_normal((n_samples, slopes.size, positions))
    target = act.prelu(x, slopes[None, :, None])
    if noise:
        target = target + noise * generator.standard_normal(x.shape)
    return x, target


def mse(prediction: npt.ArrayLike, target: npt.ArrayLike) -> float:
    """The error of the experiment: ``mean((prediction - target)**2) / 2``.

    >>> mse([1.0, 2.0], [1.0, 0.0])
    1.0
    """
    diff = np.asarray(prediction, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(0.5 * np.mean(diff**2))


def learn_prelu(
    x: npt.ArrayLike,
    target: npt.ArrayLike,
    *,
    shared: bool = False,
    a0: float = 0.25,
    lr: float = 0.1,
    momentum: float = 0.9,
    weight_decay: float = 0.0,
    iterations: int = 200,
    batch_size: int | None = None,
    rng: int | np.random.Generator | None = None,
    channel_axis: int = 1,
) -> Trajectory:
    """Fit PReLU slopes to ``target`` by gradient descent with momentum; return the trajectory.

    The error is :func:`mse` of ``prelu(x, a)`` against ``target``. Each iteration uses all the
    data (``batch_size=None``) or a random mini-batch of examples along axis 0, drawn from
    ``rng``. The slopes start at ``a0`` (0.25, as in He et al.) and follow
    :func:`momentum_step`.

    Examples
    --------
    >>> x, y = teacher_data([0.1, 0.6], rng=1)
    >>> run = learn_prelu(x, y, iterations=300)
    >>> run.a.shape, np.round(run.a[-1], 3)
    ((301, 2), array([0.1, 0.6]))
    >>> shared = learn_prelu(x, y, shared=True, iterations=300)
    >>> bool(np.isclose(shared.a[-1, 0], optimal_slopes(x, y, shared=True)[0], atol=1e-6))
    True
    """
    x = np.asarray(x, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    if batch_size is None:
        return _learn_prelu_full_batch(
            x, target, shared, a0, lr, momentum, weight_decay, iterations, channel_axis
        )
    channels = 1 if shared or x.ndim < 2 else x.shape[channel_axis]
    layer = PReLUState.create(channels, a0, channel_axis)
    generator = np.random.default_rng(rng) if batch_size is not None else None
    history = np.empty((iterations + 1, layer.a.size))
    losses = np.empty(iterations + 1)
    for k in range(iterations + 1):
        history[k] = layer.a
        losses[k] = mse(layer.forward(x), target)
        if k == iterations:
            break
        if generator is None:
            xb, yb = x, target
        else:
            rows = generator.choice(x.shape[0], size=batch_size, replace=False)
            xb, yb = x[rows], target[rows]
        upstream = (layer.forward(xb) - yb) / xb.size  # dE/df for E = mean((f - y)**2) / 2
        layer.step(layer.grad_a(xb, upstream), lr, momentum, weight_decay)
    return Trajectory(history, losses)


def _learn_prelu_full_batch(
    x: np.ndarray,
    target: np.ndarray,
    shared: bool,
    a0: float,
    lr: float,
    momentum: float,
    weight_decay: float,
    iterations: int,
    channel_axis: int,
) -> Trajectory:
    """:func:`learn_prelu` on all the data, from sums computed once.

    With all the data in every step, the error is a quadratic in each slope: only negative
    inputs see the slope, where ``f = a x``. So the gradient ``(a Sxx - Sxy) / n`` and the error
    need only the sums ``Sxx``, ``Sxy`` and ``Syy`` over each channel's negative inputs; each
    step then costs a few operations on the slopes instead of a pass over the data. (The
    sliders of 04-prelu rerun the whole experiment on every move.) A test checks the result
    against the step-by-step version.
    """
    negative = x < 0
    axes = tuple(range(x.ndim)) if shared else _sum_axes(x.ndim, channel_axis)
    sxx = np.atleast_1d(np.sum(np.where(negative, x * x, 0.0), axis=axes))
    sxy = np.atleast_1d(np.sum(np.where(negative, x * target, 0.0), axis=axes))
    syy = float(np.sum(np.where(negative, target * target, 0.0)))
    positive_error = float(np.sum(np.where(negative, 0.0, (x - target) ** 2)))
    n = x.size
    a = np.full(sxx.shape, float(a0))
    velocity = np.zeros_like(a)
    history = np.empty((iterations + 1, a.size))
    losses = np.empty(iterations + 1)
    for k in range(iterations + 1):
        history[k] = a
        losses[k] = 0.5 * (np.sum(a * a * sxx - 2 * a * sxy) + syy + positive_error) / n
        if k == iterations:
            break
        a, velocity = momentum_step(a, velocity, (a * sxx - sxy) / n, lr, momentum, weight_decay)
    return Trajectory(history, losses)


def optimal_slopes(
    x: npt.ArrayLike,
    target: npt.ArrayLike,
    *,
    shared: bool = False,
    weight_decay: float = 0.0,
    channel_axis: int = 1,
) -> np.ndarray:
    r"""The slopes that minimise the error (plus weight decay), in closed form.

    Only negative inputs depend on the slope, where :math:`f = a\,x`; setting the gradient
    of :math:`E + \tfrac{\lambda}{2} a^2` to zero gives, over the negative inputs of a channel
    (or of all channels for a shared slope),

    .. math:: a^\ast = \frac{\sum x\,y}{\sum x^2 + n\,\lambda}

    with :math:`n` the number of all elements (E is a mean over them). Decay shrinks
    :math:`a^\ast` toward 0, that is toward ReLU.

    Examples
    --------
    >>> x, y = teacher_data([0.1, 0.6], rng=1)
    >>> np.round(optimal_slopes(x, y), 12)
    array([0.1, 0.6])
    >>> bool(np.all(np.abs(optimal_slopes(x, y, weight_decay=0.1)) < [0.1, 0.6]))
    True
    """
    x = np.asarray(x, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    negative = x < 0
    xy = np.where(negative, x * target, 0.0)
    xx = np.where(negative, x * x, 0.0)
    if shared or x.ndim < 2:
        return np.array([xy.sum() / (xx.sum() + x.size * weight_decay)])
    axes = _sum_axes(x.ndim, channel_axis)
    return xy.sum(axis=axes) / (xx.sum(axis=axes) + x.size * weight_decay)


# --------------------------------------------------------------------------- RReLU's random slopes


def rrelu_mean_slope(lower: float = 3.0, upper: float = 8.0) -> float:
    r"""The mean training slope of RReLU in the divisor form: :math:`E[1/a]`, a ~ U(l, u).

    .. math:: E\Bigl[\frac{1}{a}\Bigr] = \frac{\ln(u / l)}{u - l}
        \;\ge\; \frac{2}{l + u} = \frac{1}{E[a]}

    (Jensen's inequality; equal only for l = u). For the paper's U(3, 8) it is about 0.196,
    more than the evaluation slope 1/5.5 = 0.182 (05-rrelu.ipynb).

    Examples
    --------
    >>> round(rrelu_mean_slope(3.0, 8.0), 4), round(2 / 11, 4)
    (0.1962, 0.1818)
    >>> rrelu_mean_slope(4.0, 4.0)
    0.25
    """
    lower, upper = float(lower), float(upper)
    if not 0 < lower <= upper:
        raise ValueError(f"need 0 < lower <= upper, got lower={lower}, upper={upper}")
    if upper == lower:
        return 1 / lower
    return float(np.log(upper / lower) / (upper - lower))


def rrelu_slope_density(slope: npt.ArrayLike, lower: float = 3.0, upper: float = 8.0) -> np.ndarray:
    r"""Probability density of RReLU's slope :math:`s = 1/a` when a ~ U(l, u), l < u.

    .. math:: p(s) = \frac{1}{(u - l)\,s^2} \quad \text{for } \frac{1}{u} \le s \le \frac{1}{l},
        \qquad 0 \text{ elsewhere.}

    Not uniform: small slopes are more likely than large ones (05-rrelu.ipynb).

    Examples
    --------
    >>> rrelu_slope_density([0.1, 0.125, 1 / 3, 0.5])
    array([ 0. , 12.8,  1.8,  0. ])
    """
    lower, upper = float(lower), float(upper)
    if not 0 < lower < upper:
        raise ValueError(f"need 0 < lower < upper, got lower={lower}, upper={upper}")
    s = np.asarray(slope, dtype=np.float64)
    inside = (s >= 1 / upper) & (s <= 1 / lower)
    safe = np.where(inside, s, 1.0)
    return np.where(inside, 1 / ((upper - lower) * safe**2), 0.0)
