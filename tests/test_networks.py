"""Tests for helpers/networks.py: backpropagation, initialisation, gradient norms and the deep
stack. (09's training loop lives in 09, checked by its own asserts.)"""

import copy

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from helpers import activations as act
from helpers import networks as nw
from helpers.catalog import ACTIVATIONS

# every activation, with the variants that change the backward pass
VARIANTS = [pytest.param({"activation": name}, id=name) for name in ACTIVATIONS] + [
    pytest.param({"activation": "prelu", "sharing": "channel"}, id="prelu-channel"),
    pytest.param({"activation": "prelu", "a": -0.7}, id="prelu-negative"),
    pytest.param({"activation": "leaky_relu", "slope": 0.3}, id="leaky-0.3"),
    pytest.param({"activation": "elu", "alpha": 0.5}, id="elu-0.5"),
    pytest.param({"activation": "rrelu", "lower": 1.5, "upper": 2.5}, id="rrelu-1.5-2.5"),
]


@pytest.fixture
def tiny_batch():
    rng = np.random.default_rng(11)
    return rng.standard_normal((6, 3)), rng.integers(0, 3, size=6)


def tiny(**options):
    return nw.init_network([3, 5, 4, 3], init="he", rng=5, **options)


def flat(grads):
    return [*grads.weights, *grads.biases, *grads.slopes]


# ------------------------------------------------------------------ backward = finite differences


@pytest.mark.parametrize("options", VARIANTS)
def test_backward_matches_finite_differences(options, tiny_batch):
    x, labels = tiny_batch
    net = tiny(**options)
    _, grads = nw.loss_and_gradients(net, x, labels)
    numeric = nw.numerical_gradient(net, x, labels)
    assert len(flat(grads)) == len(flat(numeric))
    for exact, approx in zip(flat(grads), flat(numeric), strict=True):
        assert exact.shape == approx.shape
        assert_allclose(exact, approx, rtol=1e-5, atol=1e-8)
    if options["activation"] == "prelu":
        assert len(grads.slopes) == 2 and np.abs(grads.slopes[0]).sum() > 0


def test_rrelu_backward_in_training_mode_matches_finite_differences(tiny_batch):
    """With the random slopes held fixed (same seed), the training-mode gradient is exact."""
    x, labels = tiny_batch
    net = tiny(activation="rrelu")

    def loss():
        trace = nw.forward(net, x, training=True, rng=42)
        return nw.softmax_cross_entropy(trace.logits, labels)[0]

    _, grads = nw.loss_and_gradients(net, x, labels, training=True, rng=42)
    h = 1e-6
    for arr, grad in zip(net.weights + net.biases, grads.weights + grads.biases, strict=True):
        for index in np.ndindex(arr.shape):
            saved = arr[index]
            arr[index] = saved + h
            up = loss()
            arr[index] = saved - h
            down = loss()
            arr[index] = saved
            assert np.isclose(grad[index], (up - down) / (2 * h), rtol=1e-5, atol=1e-8)
    _, eval_grads = nw.loss_and_gradients(net, x, labels)
    assert not np.allclose(eval_grads.weights[0], grads.weights[0])


def test_numerical_gradient_leaves_the_network_unchanged(tiny_batch):
    x, labels = tiny_batch
    net = tiny(activation="prelu")
    before = copy.deepcopy(net)
    nw.numerical_gradient(net, x, labels)
    for a, b in zip(
        flat(nw.Gradients(*[before.weights, before.biases, before.slopes])),
        flat(nw.Gradients(net.weights, net.biases, net.slopes)),
        strict=True,
    ):
        assert_array_equal(a, b)


def test_backward_with_plain_formulas(tiny_batch):
    """An independent two-layer backward pass, written out for the sigmoid."""
    x, labels = tiny_batch
    net = nw.init_network([3, 4, 3], activation="sigmoid", rng=2)
    (w1, w2), (b1, b2) = net.weights, net.biases
    z = x @ w1 + b1
    h = 1 / (1 + np.exp(-z))
    s = h @ w2 + b2
    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    y = np.eye(3)[labels]
    d2 = (p - y) / len(x)
    d1 = (d2 @ w2.T) * h * (1 - h)
    _, grads = nw.loss_and_gradients(net, x, labels)
    assert_allclose(grads.weights[1], h.T @ d2, atol=1e-14)
    assert_allclose(grads.weights[0], x.T @ d1, atol=1e-14)
    assert_allclose(grads.biases[0], d1.sum(axis=0), atol=1e-14)


# ------------------------------------------------------------------ activations inside the network


def test_rrelu_training_draws_what_activations_rrelu_draws():
    net = tiny(activation="rrelu")
    z = np.random.default_rng(0).standard_normal((7, 5))
    net.weights[0] = np.eye(3, 5)  # the hidden layer's input is then x itself, padded with 0
    x = np.random.default_rng(0).standard_normal((7, 3))
    trace = nw.forward(net, x, training=True, rng=np.random.default_rng(9))
    z = trace.pre[0]
    reference = act.rrelu(z, 3.0, 8.0, training=True, rng=np.random.default_rng(9))
    assert_allclose(trace.inputs[1], reference, rtol=1e-15)
    sampled = trace.sampled[0]["a"]
    assert np.all((1 / 8 <= sampled) & (sampled <= 1 / 3))
    evaluation = nw.forward(net, x)
    assert evaluation.sampled == [None, None]
    assert_allclose(evaluation.inputs[1], act.rrelu(z))


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "elu"])
def test_activate_uses_the_helpers(name):
    net = tiny(activation=name)
    x = np.random.default_rng(1).standard_normal((9, 3))
    trace = nw.forward(net, x)
    assert_array_equal(trace.inputs[1], getattr(act, name)(trace.pre[0]))


# ------------------------------------------------------------------ softmax with cross-entropy


def test_softmax_cross_entropy_is_probabilities_minus_one_hot():
    logits = np.array([[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    labels = np.array([0, 2])
    loss, grad = nw.softmax_cross_entropy(logits, labels)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert np.isclose(loss, -np.mean(np.log(p[[0, 1], labels])))
    assert_allclose(grad, (p - np.eye(3)[labels]) / 2)
    assert_allclose(grad.sum(axis=1), 0, atol=1e-16)


def test_softmax_cross_entropy_is_stable_for_huge_scores():
    loss, grad = nw.softmax_cross_entropy([[1e300, -1e300], [-1e300, 1e300]], [1, 1])
    assert np.isfinite(loss) and loss > 1e299
    assert_allclose(grad, [[0.5, -0.5], [0.0, 0.0]])


# ------------------------------------------------------------------ initialisation


@pytest.mark.parametrize(
    "init, expected", [("glorot", np.sqrt(2 / 500)), ("he", np.sqrt(2 / 200)), ("normal", 1.0)]
)
def test_init_network_draws_the_named_standard_deviation(init, expected):
    net = nw.init_network([200, 300, 2], init=init, scale=1.5, rng=0)
    std = net.weights[0].std()
    assert abs(std / (1.5 * expected) - 1) < 0.02
    assert_array_equal(net.biases[0], 0)


def test_bad_arguments_are_rejected():
    with pytest.raises(ValueError, match="activation"):
        nw.init_network([2, 3, 2], activation="hardswish")
    with pytest.raises(ValueError, match="init"):
        nw.init_std(2, 2, "xavier")
    with pytest.raises(ValueError, match="'layer'"):
        nw.init_network([2, 3, 2], activation="prelu", sharing="layer")
    with pytest.raises(ValueError, match="one a per hidden layer"):
        nw.Network([np.ones((2, 3)), np.ones((3, 2))], [np.zeros(3), np.zeros(2)], "prelu")
    with pytest.raises(ValueError, match="which"):
        nw.gradient_norms(nw.init_network([2, 2, 2]), np.ones((1, 2)), [0], which="inputs")


def test_a_zero_width_is_refused():
    with pytest.raises(ValueError, match="every size must be a positive integer, got 0"):
        nw.init_network([2, 0, 3])


# ------------------------------------------------------------------ gradient norms of deep stacks


def test_deep_stack_cuts_every_size_from_the_same_draws():
    stack = nw.DeepStack(max_depth=8, max_width=32, batch=16, seed=3)
    small = stack.network(3, 16, "relu", "glorot")
    large = stack.network(6, 32, "relu", "glorot")
    ratio = nw.init_std(16, 16) / nw.init_std(32, 32)
    for layer in range(3):
        assert_allclose(small.weights[layer], ratio * large.weights[layer][:16, :16])
    with pytest.raises(ValueError):
        stack.network(9, 16)


def test_gradient_norms_are_the_norms_of_the_gradients(tiny_batch):
    x, labels = tiny_batch
    net = tiny(activation="tanh")
    _, grads = nw.loss_and_gradients(net, x, labels)
    assert_allclose(
        nw.gradient_norms(net, x, labels), [np.linalg.norm(g) for g in grads.weights[:-1]]
    )
    assert_allclose(
        nw.gradient_norms(net, x, labels, which="biases"),
        [np.linalg.norm(g) for g in grads.biases[:-1]],
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sigmoid_gradient_vanishes_and_the_rectifiers_do_not(seed):
    norms = nw.DeepStack(seed=seed).norms(10, 64)
    ratio = {name: v[0] / v[-1] for name, v in norms.items()}
    assert ratio["sigmoid"] < 1e-4
    assert 0.25**9 / 10 < ratio["sigmoid"] < 0.25**9  # close to, and below, the best case
    for name in ("relu", "leaky_relu", "elu", "tanh"):
        assert 0.1 < ratio[name] < 10


def test_default_deep_stack_keeps_products_small():
    """Batch x width x width at most 64**3, the size up to which OpenBLAS uses one thread."""
    stack = nw.DeepStack()
    batch, width = stack.x.shape
    assert batch * width * width <= 64**3
    assert stack.max_depth == 30
