"""Small fully connected networks in plain numpy, with backpropagation written out.

Shared by 00a-backpropagation, 08-vanishing-gradients, 09-training-race and 11-smooth-and-gated.
Every activation, derivative and parameter comes from :data:`helpers.catalog.ACTIVATIONS`, so a
new catalogue entry runs here unchanged. Layer ``l`` of ``L`` hidden layers computes
``z_l = h_{l-1} W_l + b_l`` and ``h_l = f(z_l)`` (``h_0 = x``, one example per row); a linear
output layer feeds softmax with cross-entropy. Backward, with ``p`` the softmax probabilities and
``y`` the one-hot labels of ``N`` examples:

.. math::  \\delta_{\\text{out}} = \\frac{p - y}{N}, \\qquad
           \\frac{\\partial E}{\\partial W_l} = h_{l-1}^\\top \\delta_l, \\qquad
           \\delta_{l-1} = (\\delta_l W_l^\\top) \\odot f'(z_{l-1}).

A learned parameter (PReLU's ``a``) is kept per layer (``sharing="shared"``) or per unit
(``"channel"``); a training-time sampler (RReLU's random slopes) acts only in training.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from helpers.catalog import ACTIVATIONS

#: The named initialisations of :func:`init_std`.
INITS = ("glorot", "he", "lecun", "normal")


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


@dataclass
class Network:
    """Weights, biases and activation (a catalogue key) of a fully connected network.

    ``weights[l]``: ``(n_in, n_out)``, the last one feeds the linear output layer; ``params``: the
    activation's (default: the catalogue's); ``slopes``: a learned parameter (PReLU's ``a``) per
    hidden layer, shape ``(1,)`` if its units share it, ``(width,)`` for one per unit."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    activation: str = "relu"
    slopes: list[np.ndarray] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation {self.activation!r} is not one of {list(ACTIVATIONS)}")
        if len(self.weights) != len(self.biases) or not self.weights:
            raise ValueError("need one bias per weight matrix, and at least one layer")
        self.params = ACTIVATIONS[self.activation].defaults | dict(self.params)
        learned = ACTIVATIONS[self.activation].learned
        if learned is not None:
            self.params.pop(learned, None)
            if len(self.slopes) != self.depth:
                raise ValueError(f"{self.activation} needs one {learned} per hidden layer")

    @property
    def depth(self) -> int:
        """The number of hidden layers."""
        return len(self.weights) - 1

    @property
    def sizes(self) -> tuple[int, ...]:
        """Input size, the width of each hidden layer, number of outputs."""
        return (self.weights[0].shape[0], *(w.shape[1] for w in self.weights))


def _initial_slopes(
    activation: str, widths: Sequence[int], sharing: str, params: dict[str, Any]
) -> list[np.ndarray]:
    entry = ACTIVATIONS[activation] if activation in ACTIVATIONS else None
    if entry is None or entry.learned is None:
        return []
    if sharing not in ("shared", "channel"):
        raise ValueError(f"sharing must be 'shared' or 'channel', got {sharing!r}")
    start = float(params.pop(entry.learned, entry.defaults[entry.learned]))
    return [np.full(1 if sharing == "shared" else width, start) for width in widths]


def init_std(fan_in: int, fan_out: int, init: str = "glorot") -> float:
    """Standard deviation of a normal initialisation.

    ``"glorot"`` (Glorot & Bengio 2010, "Xavier"): :math:`\\sqrt{2/(n_{in}+n_{out})}`, variance of
    signals and gradients about constant through a layer of slope 1 near 0 (tanh); ``"he"`` (He
    et al. 2015): :math:`\\sqrt{2/n_{in}}`, twice that, since ReLU passes on half its input's;
    ``"lecun"`` (LeCun et al. 1998): :math:`\\sqrt{1/n_{in}}`, what SELU assumes (Klambauer et
    al. 2017); ``"normal"``: 1, the standard normal of early networks (Nielsen's book).

    >>> init_std(100, 100), init_std(100, 100, "he"), init_std(100, 100, "normal")
    (0.1, 0.1414213562373095, 1.0)
    """
    if init == "glorot":
        return float(np.sqrt(2.0 / (fan_in + fan_out)))
    if init == "he":
        return float(np.sqrt(2.0 / fan_in))
    if init == "lecun":
        return float(np.sqrt(1.0 / fan_in))
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
    sharing: str = "shared",
    **params: Any,
) -> Network:
    """A network with normal weights of standard deviation ``scale * init_std(...)``, zero biases.

    ``sizes`` are the input size, the hidden widths and the number of classes; ``params`` the
    activation's parameters (e.g. ``alpha=0.5`` for ELU, ``a=0.1`` for PReLU's starting slope).

    >>> net = init_network([2, 8, 8, 3], activation="tanh", rng=0)
    >>> net.sizes, net.depth, [w.shape for w in net.weights]
    ((2, 8, 8, 3), 2, [(2, 8), (8, 8), (8, 3)])
    """
    if len(sizes) < 2:
        raise ValueError(f"sizes ({sizes}) needs an input size and an output size")
    for size in sizes:
        _positive_int("every size", size)
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be positive and finite, got {scale!r}")
    generator = np.random.default_rng(rng)
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
        std = scale * init_std(fan_in, fan_out, init)
        weights.append(std * generator.standard_normal((fan_in, fan_out)))
        biases.append(np.zeros(fan_out))
    slopes = _initial_slopes(activation, sizes[1:-1], sharing, params)
    return Network(weights, biases, activation, slopes, params)


# --------------------------------------------------------------------------- forward, backward


class Trace(NamedTuple):
    """What the forward pass keeps for the backward pass."""

    inputs: list[np.ndarray]  # h_0 = x, h_1, ..., h_L: the input of each weight matrix
    pre: list[np.ndarray]  # z_1, ..., z_L: the hidden pre-activations
    sampled: list[dict[str, np.ndarray] | None]  # parameters drawn in training (RReLU), per layer
    logits: np.ndarray  # the output scores


class Gradients(NamedTuple):
    """:math:`\\partial E/\\partial W_l`, :math:`\\partial E/\\partial b_l` and the learned
    parameter's :math:`\\partial E/\\partial a_l` (empty for activations without one)."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    slopes: list[np.ndarray]


def _layer_params(net: Network, layer: int) -> dict[str, Any]:
    learned = ACTIVATIONS[net.activation].learned
    return net.params | ({learned: net.slopes[layer]} if learned else {})


def forward(
    net: Network,
    x: npt.ArrayLike,
    *,
    training: bool = False,
    rng: int | np.random.Generator | None = None,
) -> Trace:
    """Run ``x`` (one example per row) through the network; keep what backward needs.

    ``training`` matters only for an activation that samples in training (RReLU): it then draws
    its parameters per element from ``rng`` and acts as the catalogue's ``train_as`` entry.

    >>> net = init_network([2, 5, 3], rng=0)
    >>> trace = forward(net, np.ones((4, 2)))
    >>> trace.logits.shape, len(trace.inputs), len(trace.pre)
    ((4, 3), 2, 1)
    """
    entry = ACTIVATIONS[net.activation]
    sampling = training and entry.sample is not None
    generator = np.random.default_rng(rng) if sampling else None
    h = np.asarray(x, dtype=float)
    if h.ndim != 2 or h.shape[1] != net.sizes[0]:
        raise ValueError(f"x must have shape (n, {net.sizes[0]}), got {h.shape}")
    inputs, pre, sampled = [h], [], []
    for layer in range(net.depth):
        z = h @ net.weights[layer] + net.biases[layer]
        if sampling:
            drawn = entry.sample(z.shape, generator, **net.params)
            h = ACTIVATIONS[entry.train_as].func(z, **drawn)
        else:
            drawn = None
            h = entry.func(z, **_layer_params(net, layer))
        inputs.append(h)
        pre.append(z)
        sampled.append(drawn)
    logits = h @ net.weights[-1] + net.biases[-1]
    return Trace(inputs, pre, sampled, logits)


def backward(net: Network, trace: Trace, grad_logits: npt.ArrayLike) -> Gradients:
    """Backpropagate ``grad_logits`` (:math:`\\partial E/\\partial` logits) through the network.

    From the top: a weight gradient is the layer's input times the error ``delta`` from above;
    the error below is ``delta`` sent back through the weights, times the activation's slope. A
    learned parameter gets :math:`\\sum \\partial E/\\partial h \\cdot \\partial h/\\partial a`.

    >>> net = init_network([2, 3, 2], activation="sigmoid", rng=0)
    >>> x, labels = np.array([[1.0, -1.0]]), np.array([1])
    >>> trace = forward(net, x)
    >>> _, grad = softmax_cross_entropy(trace.logits, labels)
    >>> [g.shape for g in backward(net, trace, grad).weights]
    [(2, 3), (3, 2)]
    """
    entry = ACTIVATIONS[net.activation]
    delta = np.asarray(grad_logits, dtype=float)
    n = len(net.weights)
    gw: list[np.ndarray] = [np.empty(0)] * n
    gb: list[np.ndarray] = [np.empty(0)] * n
    ga: list[np.ndarray] = [np.empty(0)] * net.depth if entry.learned else []
    for layer in reversed(range(n)):
        gw[layer] = trace.inputs[layer].T @ delta
        gb[layer] = delta.sum(axis=0)
        if layer == 0:
            break
        below = layer - 1  # the hidden layer whose output fed this one
        grad_h = delta @ net.weights[layer].T  # dE/dh of that hidden layer
        z, drawn = trace.pre[below], trace.sampled[below]
        params = _layer_params(net, below)
        if entry.learned:  # dE/da, summed over the examples and the units that share a
            g = (grad_h * entry.learned_derivative(z, **params)).sum(axis=0)
            ga[below] = np.array([g.sum()]) if net.slopes[below].size == 1 else g
        if drawn is not None:
            slope = ACTIVATIONS[entry.train_as].derivative(z, **drawn)
        else:
            slope = entry.derivative(z, **params)
        delta = grad_h * slope
    return Gradients(gw, gb, ga)


def softmax_cross_entropy(logits: npt.ArrayLike, labels: npt.ArrayLike) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against integer labels, and its gradient.

    The gradient with respect to the logits is ``(p - one_hot) / N``: softmax and
    cross-entropy together have the simplest derivative of any output pair. The loss uses
    :math:`\\log p_y = z_y - \\max z - \\log \\sum e^{z - \\max z}`, which never takes the log
    of a probability that rounded to 0.

    >>> loss, grad = softmax_cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 4), grad.tolist()
    (0.6931, [[0.5, -0.5]])
    """
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    n = logits.shape[0]
    rows = np.arange(n)
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)  # softmax = e / total, as activations.softmax computes it
    loss = float(np.mean(np.log(total[:, 0]) - shifted[rows, labels]))
    grad = e / total
    grad[rows, labels] -= 1.0
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
    """The gradient norm of each hidden layer, input side first (the output layer left out):
    :math:`\\lVert \\partial E/\\partial W_l \\rVert` (Frobenius; how fast layer ``l`` learns), or
    with ``which="biases"`` :math:`\\lVert \\partial E/\\partial b_l \\rVert`, Nielsen's measure.

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
    """Central finite differences of the loss for every parameter, one at a time (evaluation
    mode; slow): the reference for the hand-written :func:`backward`."""

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
    top-left ``width x width`` corner): depth, width, initialisation or scale change only that,
    never the luck of the draw. The batch: ``batch`` normal inputs, random labels of ``classes``
    classes. Width and batch up to 64 keep OpenBLAS on one thread, so a slider answers at once.

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

    def network(
        self,
        depth: int,
        width: int,
        activation: str = "relu",
        init: str = "glorot",
        scale: float = 1.0,
        **params: Any,
    ) -> Network:
        """A :class:`Network` of ``depth`` hidden layers of ``width`` units (zero biases)."""
        if not (1 <= depth <= self.max_depth and 1 <= width <= self.max_width):
            raise ValueError(
                f"depth {depth} and width {width} must lie in 1..{self.max_depth} and "
                f"1..{self.max_width}"
            )
        std = scale * init_std(width, width, init)
        weights = [std * self._hidden[layer, :width, :width] for layer in range(depth)]
        weights.append(scale * init_std(width, self.classes, init) * self._output[:width])
        biases = [np.zeros(w.shape[1]) for w in weights]
        slopes = _initial_slopes(activation, [width] * depth, "shared", params)
        return Network(weights, biases, activation, slopes, params)

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
        x = self.x[:, :width]
        return {
            key: gradient_norms(
                self.network(depth, width, key, init, scale), x, self.labels, which=which
            )
            for key in activations
        }
