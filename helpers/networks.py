"""Small fully connected networks in plain numpy, with backpropagation written out.

Used by the labs 08-vanishing-gradients.ipynb (gradient norms through a deep stack) and
09-training-race.ipynb (one small network trained once per activation). Pure numpy, no
matplotlib. Every activation and derivative comes from :mod:`helpers.activations`.

A network with ``L`` hidden layers has ``L + 1`` weight matrices. Layer ``l`` computes

.. math::  z_l = h_{l-1} W_l + b_l, \\qquad h_l = f(z_l),

with ``h_0 = x`` (one example per row) and a linear output layer whose scores (logits) go into
softmax with cross-entropy. The backward pass runs the chain rule from the output down:

.. math::  \\delta_{\\text{out}} = \\frac{p - y}{N}, \\qquad
           \\frac{\\partial E}{\\partial W_l} = h_{l-1}^\\top \\delta_l, \\qquad
           \\delta_{l-1} = (\\delta_l W_l^\\top) \\odot f'(z_{l-1}),

where ``p`` are the softmax probabilities, ``y`` the one-hot labels and ``N`` the batch size.

Activations are named by strings: ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"leaky_relu"``,
``"prelu"`` (a learned negative slope ``a``, one per layer or one per unit), ``"rrelu"`` (a
random negative slope in training, the fixed mean slope in evaluation) and ``"elu"``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from helpers import activations as act
from helpers.training import momentum_step, prelu_grad_a

__all__ = [
    "ACTIVATIONS",
    "LABELS",
    "INITS",
    "RACE_ENTRIES",
    "Network",
    "Trace",
    "Gradients",
    "History",
    "TrainResult",
    "DeepStack",
    "init_std",
    "init_network",
    "activate",
    "activation_derivative",
    "forward",
    "backward",
    "softmax_cross_entropy",
    "loss_and_gradients",
    "gradient_norms",
    "numerical_gradient",
    "spirals",
    "train",
    "epochs_to",
    "race",
    "predict",
    "accuracy",
]

#: The activation names a :class:`Network` understands.
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "rrelu", "elu")

#: How the notebooks name each activation (the keys of :data:`helpers.plotting.LAB_STYLES`).
LABELS = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "prelu": "PReLU",
    "rrelu": "RReLU",
    "elu": "ELU",
}

#: The named initialisations of :func:`init_std`.
INITS = ("glorot", "he", "normal")


# --------------------------------------------------------------------------- the network


@dataclass
class Network:
    """Weights, biases and the activation of a fully connected network.

    ``weights[l]`` has shape ``(n_in, n_out)``; the last matrix feeds the linear output layer.
    ``slopes`` holds PReLU's learned ``a``, one array per hidden layer: shape ``(1,)`` for one
    slope shared by the layer's units (channel-shared) or ``(width,)`` for one per unit
    (channel-wise). It is empty for the other activations.
    """

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    activation: str = "relu"
    slopes: list[np.ndarray] = field(default_factory=list)
    leaky_slope: float = 0.01
    rrelu_bounds: tuple[float, float] = (3.0, 8.0)
    elu_alpha: float = 1.0

    def __post_init__(self) -> None:
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation {self.activation!r} is not one of {ACTIVATIONS}")
        if len(self.weights) != len(self.biases) or not self.weights:
            raise ValueError("need one bias per weight matrix, and at least one layer")
        if self.activation == "prelu" and len(self.slopes) != self.depth:
            raise ValueError(f"PReLU needs one slope array per hidden layer ({self.depth})")

    @property
    def depth(self) -> int:
        """The number of hidden layers."""
        return len(self.weights) - 1

    @property
    def sizes(self) -> tuple[int, ...]:
        """Input size, the width of each hidden layer, number of outputs."""
        return (self.weights[0].shape[0], *(w.shape[1] for w in self.weights))

    def copy(self) -> Network:
        """A deep copy (training changes the arrays in place)."""
        return dataclasses.replace(
            self,
            weights=[w.copy() for w in self.weights],
            biases=[b.copy() for b in self.biases],
            slopes=[a.copy() for a in self.slopes],
        )

    def with_activation(
        self, activation: str, *, prelu: str = "shared", prelu_a: float = 0.25
    ) -> Network:
        """The same weights (copied) with another activation; PReLU slopes start at ``prelu_a``.

        Examples
        --------
        >>> net = init_network([2, 4, 3], rng=0)
        >>> p = net.with_activation("prelu", prelu="channel")
        >>> [a.shape for a in p.slopes], bool(np.all(p.weights[0] == net.weights[0]))
        ([(4,)], True)
        """
        net = self.copy()
        net.activation = activation
        net.slopes = (
            _initial_slopes(self.sizes[1:-1], prelu, prelu_a) if activation == "prelu" else []
        )
        net.__post_init__()
        return net


def _initial_slopes(widths: Sequence[int], prelu: str, value: float) -> list[np.ndarray]:
    if prelu not in ("shared", "channel"):
        raise ValueError(f"prelu must be 'shared' or 'channel', got {prelu!r}")
    return [np.full(1 if prelu == "shared" else width, float(value)) for width in widths]


def init_std(fan_in: int, fan_out: int, init: str = "glorot") -> float:
    """Standard deviation of a normal initialisation.

    ``"glorot"`` (Glorot & Bengio 2010, also called Xavier): :math:`\\sqrt{2/(n_{in}+n_{out})}`,
    which keeps the variance of signals and of gradients about constant through a layer whose
    activation has slope 1 near 0 (tanh). ``"he"`` (He et al. 2015): :math:`\\sqrt{2/n_{in}}`,
    twice the variance, because a ReLU layer passes on only half of its input's. ``"normal"``:
    1, the plain standard normal of early networks (Nielsen's book starts with it).

    Examples
    --------
    >>> init_std(100, 100), init_std(100, 100, "he"), init_std(100, 100, "normal")
    (0.1, 0.1414213562373095, 1.0)
    """
    if init == "glorot":
        return float(np.sqrt(2.0 / (fan_in + fan_out)))
    if init == "he":
        return float(np.sqrt(2.0 / fan_in))
    if init == "normal":
        return 1.0
    raise ValueError(f"init {init!r} is not one of {INITS}")


def init_network(
    sizes: Sequence[int],
    *,
    activation: str = "relu",
    init: str = "glorot",
    scale: float = 1.0,
    rng: int | np.random.Generator | None = None,
    prelu: str = "shared",
    prelu_a: float = 0.25,
    **options: Any,
) -> Network:
    """A network with normal weights of standard deviation ``scale * init_std(...)``, zero biases.

    Parameters
    ----------
    sizes : input size, hidden widths..., number of classes.
    activation : one of :data:`ACTIVATIONS`.
    init, scale : the initialisation (:func:`init_std`) and a factor on its standard deviation.
    rng : seed or Generator for the weights.
    prelu, prelu_a : for PReLU, ``"shared"`` (one a per layer) or ``"channel"`` (one per unit),
        and the starting value (0.25, as He et al. 2015).
    options : ``leaky_slope``, ``rrelu_bounds`` or ``elu_alpha`` of :class:`Network`.

    Examples
    --------
    >>> net = init_network([2, 8, 8, 3], activation="tanh", rng=0)
    >>> net.sizes, net.depth, [w.shape for w in net.weights]
    ((2, 8, 8, 3), 2, [(2, 8), (8, 8), (8, 3)])
    """
    if len(sizes) < 2:
        raise ValueError(f"sizes ({sizes}) needs an input size and an output size")
    generator = np.random.default_rng(rng)
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
        std = scale * init_std(fan_in, fan_out, init)
        weights.append(std * generator.standard_normal((fan_in, fan_out)))
        biases.append(np.zeros(fan_out))
    slopes = _initial_slopes(sizes[1:-1], prelu, prelu_a) if activation == "prelu" else []
    return Network(weights, biases, activation, slopes, **options)


# --------------------------------------------------------------------------- activations


def activate(
    net: Network,
    layer: int,
    z: np.ndarray,
    *,
    training: bool = False,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Apply the network's activation to hidden layer ``layer`` (0-based).

    Returns ``(h, sampled)``: ``sampled`` is the per-element negative slope that RReLU drew in
    training (``1 / a`` for divisors ``a ~ U(lower, upper)``), else None. With these slopes RReLU
    is a PReLU whose slope differs per element, which is how it is computed here.
    """
    name = net.activation
    if name == "sigmoid":
        return act.sigmoid(z), None
    if name == "tanh":
        return act.tanh(z), None
    if name == "relu":
        return act.relu(z), None
    if name == "leaky_relu":
        return act.leaky_relu(z, slope=net.leaky_slope), None
    if name == "prelu":
        return act.prelu(z, a=net.slopes[layer]), None
    if name == "elu":
        return act.elu(z, alpha=net.elu_alpha), None
    lower, upper = net.rrelu_bounds  # rrelu
    if training:
        sampled = 1.0 / act.rrelu_slopes(z.shape, lower, upper, rng)
        return act.prelu(z, a=sampled), sampled
    return act.rrelu(z, lower, upper), None


def activation_derivative(
    net: Network, layer: int, z: np.ndarray, sampled: np.ndarray | None = None
) -> np.ndarray:
    """The slope :math:`f'(z)` of hidden layer ``layer``, from :mod:`helpers.activations`.

    ``sampled`` is RReLU's training slope as returned by :func:`activate` (None in evaluation).
    """
    name = net.activation
    if name == "sigmoid":
        return act.sigmoid_derivative(z)
    if name == "tanh":
        return act.tanh_derivative(z)
    if name == "relu":
        return act.relu_derivative(z)
    if name == "leaky_relu":
        return act.leaky_relu_derivative(z, slope=net.leaky_slope)
    if name == "prelu":
        return act.prelu_derivative(z, a=net.slopes[layer])
    if name == "elu":
        return act.elu_derivative(z, alpha=net.elu_alpha)
    if sampled is not None:  # rrelu in training
        return act.prelu_derivative(z, a=sampled)
    return act.rrelu_derivative(z, *net.rrelu_bounds)


# --------------------------------------------------------------------------- forward, backward


class Trace(NamedTuple):
    """What the forward pass keeps for the backward pass."""

    inputs: list[np.ndarray]  # h_0 = x, h_1, ..., h_L: the input of each weight matrix
    pre: list[np.ndarray]  # z_1, ..., z_L: the hidden pre-activations
    sampled: list[np.ndarray | None]  # RReLU's training slopes per hidden layer (else None)
    logits: np.ndarray  # the output scores


class Gradients(NamedTuple):
    """:math:`\\partial E/\\partial W_l`, :math:`\\partial E/\\partial b_l` and PReLU's
    :math:`\\partial E/\\partial a_l` (empty for other activations)."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    slopes: list[np.ndarray]


def forward(
    net: Network,
    x: npt.ArrayLike,
    *,
    training: bool = False,
    rng: int | np.random.Generator | None = None,
) -> Trace:
    """Run ``x`` (one example per row) through the network; keep what backward needs.

    ``training`` matters for RReLU only: it then draws a random slope per element from ``rng``.

    Examples
    --------
    >>> net = init_network([2, 5, 3], rng=0)
    >>> trace = forward(net, np.ones((4, 2)))
    >>> trace.logits.shape, len(trace.inputs), len(trace.pre)
    ((4, 3), 2, 1)
    """
    generator = np.random.default_rng(rng) if training and net.activation == "rrelu" else None
    h = np.asarray(x, dtype=float)
    inputs, pre, sampled = [h], [], []
    for layer in range(net.depth):
        z = h @ net.weights[layer] + net.biases[layer]
        h, s = activate(net, layer, z, training=training, rng=generator)
        inputs.append(h)
        pre.append(z)
        sampled.append(s)
    logits = h @ net.weights[-1] + net.biases[-1]
    return Trace(inputs, pre, sampled, logits)


def backward(net: Network, trace: Trace, grad_logits: npt.ArrayLike) -> Gradients:
    """Backpropagate ``grad_logits`` (:math:`\\partial E/\\partial` logits) through the network.

    For each layer from the top: the weight gradient is the layer's input times the error
    ``delta`` that arrives from above; the error for the layer below is ``delta`` sent back
    through the weights and multiplied by the slope of that layer's activation. For PReLU the
    slope ``a`` gets :math:`\\sum \\partial E/\\partial h \\cdot \\partial h/\\partial a`, summed
    over the positions that share it.

    Examples
    --------
    >>> net = init_network([2, 3, 2], activation="sigmoid", rng=0)
    >>> x, labels = np.array([[1.0, -1.0]]), np.array([1])
    >>> trace = forward(net, x)
    >>> _, grad = softmax_cross_entropy(trace.logits, labels)
    >>> [g.shape for g in backward(net, trace, grad).weights]
    [(2, 3), (3, 2)]
    """
    delta = np.asarray(grad_logits, dtype=float)
    n = len(net.weights)
    gw: list[np.ndarray] = [np.empty(0)] * n
    gb: list[np.ndarray] = [np.empty(0)] * n
    ga: list[np.ndarray] = [np.empty(0)] * net.depth if net.activation == "prelu" else []
    for layer in reversed(range(n)):
        gw[layer] = trace.inputs[layer].T @ delta
        gb[layer] = delta.sum(axis=0)
        if layer == 0:
            break
        below = layer - 1  # the hidden layer whose output fed this one
        grad_h = delta @ net.weights[layer].T  # dE/dh of that hidden layer
        z = trace.pre[below]
        if net.activation == "prelu":  # dE/da: sum of dE/dh * dh/da over the units sharing a
            ga[below] = prelu_grad_a(z, grad_h, shared=net.slopes[below].size == 1)
        delta = grad_h * activation_derivative(net, below, z, trace.sampled[below])
    return Gradients(gw, gb, ga)


def softmax_cross_entropy(logits: npt.ArrayLike, labels: npt.ArrayLike) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against integer labels, and its gradient.

    The gradient with respect to the logits is ``(p - one_hot) / N``: softmax and
    cross-entropy together have the simplest derivative of any output pair. The loss uses
    :math:`\\log p_y = z_y - \\max z - \\log \\sum e^{z - \\max z}`, which never takes the log
    of a probability that rounded to 0.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 4), grad.tolist()
    (0.6931, [[0.5, -0.5]])
    """
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(shifted).sum(axis=1))
    loss = float(np.mean(log_sum - shifted[np.arange(n), labels]))
    grad = act.softmax(logits, axis=1)
    grad[np.arange(n), labels] -= 1.0
    return loss, grad / n


def loss_and_gradients(
    net: Network,
    x: npt.ArrayLike,
    labels: npt.ArrayLike,
    *,
    training: bool = False,
    rng: int | np.random.Generator | None = None,
) -> tuple[float, Gradients]:
    """Forward, loss, backward: the loss and every gradient for one batch."""
    trace = forward(net, x, training=training, rng=rng)
    loss, grad_logits = softmax_cross_entropy(trace.logits, labels)
    return loss, backward(net, trace, grad_logits)


def gradient_norms(
    net: Network, x: npt.ArrayLike, labels: npt.ArrayLike, *, which: str = "weights"
) -> np.ndarray:
    """The gradient norm of each hidden layer, input side first (the output layer left out).

    ``which="weights"``: :math:`\\lVert \\partial E/\\partial W_l \\rVert`, the Frobenius norm of
    the gradient of the weights that feed hidden layer ``l``: how fast that layer learns under
    gradient descent. ``which="biases"``: :math:`\\lVert \\partial E/\\partial b_l \\rVert =
    \\lVert \\sum_n \\delta_l \\rVert`, the measure of Nielsen's book (chapter 5).

    Examples
    --------
    >>> net = init_network([3, 4, 4, 2], activation="sigmoid", rng=0)
    >>> gradient_norms(net, np.ones((5, 3)), np.zeros(5, dtype=int)).shape
    (2,)
    """
    if which not in ("weights", "biases"):
        raise ValueError(f"which must be 'weights' or 'biases', got {which!r}")
    _, grads = loss_and_gradients(net, x, labels)
    # sqrt(sum(g * g)) rather than np.linalg.norm: the latter calls a multithreaded BLAS dot
    # that can take a hundred times longer on a busy 2-core machine
    return np.array([np.sqrt(np.sum(g * g)) for g in getattr(grads, which)[:-1]])


def numerical_gradient(
    net: Network, x: npt.ArrayLike, labels: npt.ArrayLike, *, h: float = 1e-6
) -> Gradients:
    """Central finite differences of the loss for every parameter (evaluation mode; slow).

    The reference for the hand-written :func:`backward`: each parameter is moved by ``±h`` in
    turn and the loss is evaluated twice.
    """

    def loss() -> float:
        return softmax_cross_entropy(forward(net, x).logits, labels)[0]

    def differences(arrays: list[np.ndarray]) -> list[np.ndarray]:
        result = []
        for arr in arrays:
            grad = np.zeros_like(arr)
            for index in np.ndindex(arr.shape):
                saved = arr[index]
                arr[index] = saved + h
                up = loss()
                arr[index] = saved - h
                down = loss()
                arr[index] = saved
                grad[index] = (up - down) / (2 * h)
            result.append(grad)
        return result

    return Gradients(differences(net.weights), differences(net.biases), differences(net.slopes))


class DeepStack:
    """One seeded batch and seeded weights for deep stacks of any size up to a maximum.

    Every network is cut from the same standard-normal draws (the first ``depth`` matrices, their
    top-left ``width x width`` corner), so changing the depth, the width, the initialisation or
    the scale changes only that, never the luck of the draw. The batch is ``batch`` standard
    normal inputs of size ``width`` with random labels of ``classes`` classes.

    The default sizes (width up to 64, batch 64) keep every matrix product at or below 64³
    multiply-adds, where OpenBLAS stays on one thread: on a busy two-core machine its
    multithreaded products stall now and then, and a slider has to answer at once.

    Examples
    --------
    >>> stack = DeepStack(max_depth=4, max_width=16, batch=8, seed=0)
    >>> norms = stack.norms(3, 16, ["sigmoid", "relu"])
    >>> norms["relu"].shape, bool(np.all(norms["sigmoid"] > 0))
    ((3,), True)
    """

    def __init__(
        self,
        max_depth: int = 30,
        max_width: int = 64,
        *,
        batch: int = 64,
        classes: int = 10,
        seed: int = 0,
    ):
        generator = np.random.default_rng(seed)
        self.max_depth, self.max_width, self.classes = max_depth, max_width, classes
        self.x = generator.standard_normal((batch, max_width))
        self.labels = generator.integers(0, classes, size=batch)
        self._hidden = generator.standard_normal((max_depth, max_width, max_width))
        self._output = generator.standard_normal((max_width, classes))

    def weights(
        self, depth: int, width: int, init: str = "glorot", scale: float = 1.0
    ) -> list[np.ndarray]:
        """The ``depth + 1`` weight matrices of a stack of ``depth`` layers of ``width`` units."""
        if not (1 <= depth <= self.max_depth and 1 <= width <= self.max_width):
            raise ValueError(
                f"depth {depth} and width {width} must lie in 1..{self.max_depth} and "
                f"1..{self.max_width}"
            )
        std = scale * init_std(width, width, init)
        weights = [std * self._hidden[layer, :width, :width] for layer in range(depth)]
        weights.append(scale * init_std(width, self.classes, init) * self._output[:width])
        return weights

    def network(
        self,
        depth: int,
        width: int,
        activation: str = "relu",
        init: str = "glorot",
        scale: float = 1.0,
        *,
        weights: list[np.ndarray] | None = None,
        **options: Any,
    ) -> Network:
        """A :class:`Network` of ``depth`` hidden layers of ``width`` units (zero biases).

        ``weights`` from :meth:`weights` may be passed to share them between networks.
        """
        weights = self.weights(depth, width, init, scale) if weights is None else weights
        biases = [np.zeros(w.shape[1]) for w in weights]
        slopes = _initial_slopes([width] * depth, "shared", 0.25) if activation == "prelu" else []
        return Network(weights, biases, activation, slopes, **options)

    def norms(
        self,
        depth: int,
        width: int,
        activations: Sequence[str] = ("sigmoid", "tanh", "relu", "leaky_relu", "elu"),
        init: str = "glorot",
        scale: float = 1.0,
        *,
        which: str = "weights",
    ) -> dict[str, np.ndarray]:
        """:func:`gradient_norms` on the stack's batch, per activation, with the same weights."""
        weights = self.weights(depth, width, init, scale)
        x = self.x[:, :width]
        return {
            name: gradient_norms(
                self.network(depth, width, name, weights=weights), x, self.labels, which=which
            )
            for name in activations
        }


# --------------------------------------------------------------------------- data


def spirals(
    n_per_class: int = 100, classes: int = 3, *, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms in the plane, one per class: a toy problem no line can solve.

    Arm ``k`` runs from the centre to radius 1 while its angle turns through 4 radians, starting
    at ``4k``; ``noise`` is the standard deviation of a normal jitter of the angle.

    Returns
    -------
    x : (n_per_class * classes, 2) points; labels : their integer classes.

    Examples
    --------
    >>> x, labels = spirals(50, 3, seed=1)
    >>> x.shape, np.bincount(labels).tolist(), bool(np.abs(x).max() <= 1.0)
    ((150, 2), [50, 50, 50], True)
    """
    generator = np.random.default_rng(seed)
    radius = np.tile(np.linspace(0.0, 1.0, n_per_class), classes)
    labels = np.repeat(np.arange(classes), n_per_class)
    angle = 4.0 * labels + 4.0 * radius + noise * generator.standard_normal(radius.size)
    x = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return x, labels


# --------------------------------------------------------------------------- training


class History(NamedTuple):
    """Per epoch: the training-mode loss, the evaluation-mode loss and PReLU's slopes.

    ``loss[t]`` and ``eval_loss[t]`` are measured before update ``t``; they differ only for
    RReLU, whose training pass draws random slopes. ``slopes[l]`` has one row per epoch (the
    values before update ``t``) plus a last row after the final update, and one column per
    slope. ``diverged`` is the epoch whose loss was no longer finite (then the arrays are NaN
    from there on), or None.
    """

    loss: np.ndarray
    eval_loss: np.ndarray
    slopes: list[np.ndarray]
    diverged: int | None = None


class TrainResult(NamedTuple):
    """The trained network and its :class:`History`."""

    net: Network
    history: History


def train(
    net: Network,
    x: npt.ArrayLike,
    labels: npt.ArrayLike,
    *,
    epochs: int = 1000,
    lr: float = 0.1,
    momentum: float = 0.9,
    seed: int = 0,
    stop_at: float | None = None,
) -> TrainResult:
    """Full-batch gradient descent with momentum on a copy of ``net``.

    Weights, biases and PReLU's slopes all follow :func:`helpers.training.momentum_step`
    (:math:`\\Delta \\leftarrow \\mu\\Delta - \\varepsilon g`, :math:`\\theta \\leftarrow
    \\theta + \\Delta`, no weight decay). RReLU trains with random slopes drawn from a generator
    seeded with ``seed``, and its ``eval_loss`` is measured with the fixed mean slope.

    Training stops early once the evaluation loss is at most ``stop_at`` (the arrays are then
    shorter), or when the loss stops being finite (see :attr:`History.diverged`).

    Examples
    --------
    >>> x, labels = spirals(20, 2, seed=0)
    >>> result = train(init_network([2, 16, 2], rng=0), x, labels, epochs=200)
    >>> bool(result.history.loss[-1] < 0.5 * result.history.loss[0])
    True
    >>> early = train(init_network([2, 16, 2], rng=0), x, labels, epochs=200, stop_at=0.5)
    >>> bool(early.history.loss.size < 200 and early.history.eval_loss[-1] <= 0.5)
    True
    """
    net = net.copy()
    x = np.asarray(x, dtype=float)
    labels = np.asarray(labels)
    generator = np.random.default_rng(seed)
    groups = (net.weights, net.biases, net.slopes)
    velocities = tuple([np.zeros_like(p) for p in group] for group in groups)
    losses, eval_losses = np.full(epochs, np.nan), np.full(epochs, np.nan)
    slopes = [np.full((epochs + 1, a.size), np.nan) for a in net.slopes]
    rrelu = net.activation == "rrelu"
    diverged, last = None, epochs
    # a diverging run overflows on its way to inf and NaN; that is detected below, not warned
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs):
            if not all(np.all(np.isfinite(a)) for a in net.slopes):
                diverged, last = epoch, epoch
                break
            for trajectory, a in zip(slopes, net.slopes, strict=True):
                trajectory[epoch] = a
            loss, grads = loss_and_gradients(net, x, labels, training=True, rng=generator)
            if rrelu:
                loss_eval = softmax_cross_entropy(forward(net, x).logits, labels)[0]
            else:
                loss_eval = loss
            if not (np.isfinite(loss) and np.isfinite(loss_eval)):
                diverged, last = epoch, epoch
                break
            losses[epoch], eval_losses[epoch] = loss, loss_eval
            if stop_at is not None and loss_eval <= stop_at:
                last = epoch + 1
                break
            for group, velocity, grad in zip(groups, velocities, grads, strict=True):
                for i in range(len(group)):
                    group[i], velocity[i] = momentum_step(
                        group[i], velocity[i], grad[i], lr, momentum
                    )
        else:
            for trajectory, a in zip(slopes, net.slopes, strict=True):
                trajectory[epochs] = a
    if stop_at is not None and diverged is None and last < epochs:
        losses, eval_losses = losses[:last], eval_losses[:last]
        slopes = [trajectory[:last] for trajectory in slopes]
    return TrainResult(net, History(losses, eval_losses, slopes, diverged))


def epochs_to(loss: npt.ArrayLike, target: float) -> int | None:
    """The first epoch whose loss is at most ``target``, or None if it never gets there.

    Examples
    --------
    >>> epochs_to([1.0, 0.5, 0.2, 0.3], 0.25), epochs_to([1.0, 0.5], 0.1)
    (2, None)
    """
    hits = np.flatnonzero(np.asarray(loss) <= target)
    return int(hits[0]) if hits.size else None


#: The entries of the training race: label -> keyword arguments of :meth:`Network.with_activation`.
RACE_ENTRIES: dict[str, dict[str, Any]] = {
    "sigmoid": {"activation": "sigmoid"},
    "tanh": {"activation": "tanh"},
    "ReLU": {"activation": "relu"},
    "leaky ReLU": {"activation": "leaky_relu"},
    "PReLU shared": {"activation": "prelu", "prelu": "shared"},
    "PReLU channel-wise": {"activation": "prelu", "prelu": "channel"},
    "RReLU": {"activation": "rrelu"},
    "ELU": {"activation": "elu"},
}


def race(
    x: npt.ArrayLike,
    labels: npt.ArrayLike,
    *,
    hidden: Sequence[int] = (32, 32),
    seed: int = 0,
    init: str = "glorot",
    entries: Mapping[str, Mapping[str, Any]] = RACE_ENTRIES,
    **train_options: Any,
) -> dict[str, TrainResult]:
    """Train one network per entry from the same initial weights (seeded by ``seed``).

    Returns label -> :class:`TrainResult`. ``train_options`` go to :func:`train` (epochs, lr,
    momentum); RReLU's random slopes are seeded by ``seed`` too.

    Examples
    --------
    >>> x, labels = spirals(20, 2, seed=0)
    >>> results = race(x, labels, hidden=(8,), epochs=5, entries={"ReLU": {"activation": "relu"}})
    >>> list(results), results["ReLU"].history.loss.shape
    (['ReLU'], (5,))
    """
    x = np.asarray(x, dtype=float)
    labels = np.asarray(labels)
    sizes = [x.shape[1], *hidden, int(labels.max()) + 1]
    start = init_network(sizes, init=init, rng=seed)
    return {
        label: train(start.with_activation(**options), x, labels, seed=seed, **train_options)
        for label, options in entries.items()
    }


def predict(net: Network, x: npt.ArrayLike) -> np.ndarray:
    """Class probabilities in evaluation mode, one row per example."""
    return act.softmax(forward(net, x).logits, axis=1)


def accuracy(net: Network, x: npt.ArrayLike, labels: npt.ArrayLike) -> float:
    """The share of examples whose most probable class is the label."""
    return float(np.mean(predict(net, x).argmax(axis=1) == np.asarray(labels)))
