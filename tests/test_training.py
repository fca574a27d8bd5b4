"""helpers.training: the momentum step and PReLU's slope gradient, which the labs' networks use,
and RReLU's mean training slope.

PReLU's learning experiment itself is written out, and checked, in 04-prelu.ipynb.
"""

import numpy as np
import pytest

from helpers import activations as act
from helpers import training


def test_momentum_step_descends_and_keeps_inputs():
    param, velocity, grad = np.array([0.25, -1.0]), np.array([0.1, 0.0]), np.array([2.0, -3.0])
    before = param.copy(), velocity.copy(), grad.copy()
    new_param, new_velocity = training.momentum_step(param, velocity, grad, lr=0.05, momentum=0.9)
    np.testing.assert_allclose(new_velocity, 0.9 * before[1] - 0.05 * before[2])
    np.testing.assert_allclose(new_param, before[0] + new_velocity)
    for original, kept in zip(before, (param, velocity, grad), strict=True):
        np.testing.assert_array_equal(original, kept)


def test_momentum_step_weight_decay_adds_lambda_times_param():
    with_decay = training.momentum_step(2.0, 0.0, 0.5, lr=0.1, momentum=0.9, weight_decay=0.3)
    by_hand = training.momentum_step(2.0, 0.0, 0.5 + 0.3 * 2.0, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(with_decay, by_hand)
    # with no gradient at all, decay alone pulls the parameter toward zero
    a, v = 0.8, 0.0
    for _ in range(300):
        a, v = training.momentum_step(a, v, 0.0, lr=0.1, momentum=0.9, weight_decay=0.5)
    assert abs(float(a)) < 1e-3


def test_momentum_step_equals_the_pytorch_spelling():
    grads = np.random.default_rng(3).standard_normal((40, 3))
    a, step = np.zeros(3), np.zeros(3)
    b, v = np.zeros(3), np.zeros(3)
    for g in grads:
        a, step = training.momentum_step(a, step, g, lr=0.2, momentum=0.8)
        v = 0.8 * v + g
        b = b - 0.2 * v
    np.testing.assert_allclose(a, b, atol=1e-12)


def test_momentum_step_minimises_a_quadratic():
    a, v = 0.25, 0.0
    for _ in range(300):
        a, v = training.momentum_step(a, v, 2.0 * (a - 0.7), lr=0.05, momentum=0.9)
    assert float(a) == pytest.approx(0.7, abs=1e-6)


def _finite_difference_grad(x, upstream, a, axis_shape, eps=1e-6):
    """d/da of sum(upstream * prelu(x, a)) with a reshaped to ``axis_shape``, by differences."""
    grads = []
    for k in range(a.size):
        step = np.zeros_like(a)
        step[k] = eps
        plus = np.sum(upstream * act.prelu(x, (a + step).reshape(axis_shape)))
        minus = np.sum(upstream * act.prelu(x, (a - step).reshape(axis_shape)))
        grads.append((plus - minus) / (2 * eps))
    return np.array(grads)


def test_prelu_grad_a_matches_finite_differences():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 4, 6))
    upstream = rng.standard_normal(x.shape)
    a = np.array([0.25, 0.1, -0.3, 0.9])
    expected = _finite_difference_grad(x, upstream, a, (1, 4, 1))
    np.testing.assert_allclose(training.prelu_grad_a(x, upstream), expected, atol=1e-6)
    shared = _finite_difference_grad(x, upstream, np.array([0.25]), (1, 1, 1))
    np.testing.assert_allclose(training.prelu_grad_a(x, upstream, shared=True), shared, atol=1e-6)
    # channels last
    moved = np.moveaxis(x, 1, -1), np.moveaxis(upstream, 1, -1)
    np.testing.assert_allclose(training.prelu_grad_a(*moved, channel_axis=-1), expected, atol=1e-6)


def test_prelu_grad_a_one_dimensional_input_has_one_channel():
    grad = training.prelu_grad_a([-1.0, 2.0, -3.0], [1.0, 1.0, 2.0])
    np.testing.assert_array_equal(grad, [-7.0])


def test_prelu_state_forward_backward_and_step():
    rng = np.random.default_rng(1)
    layer = training.PReLUState.create(channels=3, a0=0.25)
    layer.a = np.array([0.1, 0.25, 0.5])
    x = rng.standard_normal((8, 3))  # an MLP's hidden layer: (batch, units)
    np.testing.assert_array_equal(layer.forward(x), act.prelu(x, layer.a[None, :]))
    upstream = rng.standard_normal(x.shape)
    eps = 1e-6
    numeric = (
        np.sum(upstream * layer.forward(x + eps)) - np.sum(upstream * layer.forward(x - eps))
    ) / (2 * eps)
    # the inputs never cross zero for this eps, so the directional derivative is exact
    assert np.sum(layer.grad_x(x, upstream)) == pytest.approx(numeric, rel=1e-6)
    grad = layer.grad_a(x, upstream)
    layer.step(grad, lr=0.5, momentum=0.9)
    np.testing.assert_allclose(layer.a, np.array([0.1, 0.25, 0.5]) - 0.5 * grad)
    np.testing.assert_allclose(layer.velocity, -0.5 * grad)


def test_prelu_state_shared_layer():
    layer = training.PReLUState.create()
    assert layer.shared and layer.a.tolist() == [0.25] and layer.velocity.tolist() == [0.0]
    x = np.array([[[-4.0, 1.0]], [[-2.0, 3.0]]])
    np.testing.assert_array_equal(layer.forward(x), act.prelu(x, 0.25))
    np.testing.assert_array_equal(layer.grad_a(x, np.ones_like(x)), [-6.0])


def test_rrelu_mean_slope_against_integration_and_sampling():
    for low, high in ((3.0, 8.0), (1.5, 12.0), (2.0, 2.5)):
        a = np.linspace(low, high, 200_001)
        integral = np.trapezoid(1 / a, a) / (high - low)
        assert training.rrelu_mean_slope(low, high) == pytest.approx(integral, rel=1e-9)
        assert training.rrelu_mean_slope(low, high) > 2 / (low + high)  # Jensen
    draws = act.rrelu_slopes(1_000_000, 3.0, 8.0, rng=0)
    assert np.mean(1 / draws) == pytest.approx(np.log(8 / 3) / 5, abs=3e-4)
    assert training.rrelu_mean_slope(4.0, 4.0) == 0.25
    with pytest.raises(ValueError, match="lower <= upper"):
        training.rrelu_mean_slope(8.0, 3.0)
