"""The perceptron lab's MLP on the one engine: the compiled CPU path and the torch path compute the
same full-batch training, and the weights keep the names experiment files use."""
import numpy as np
import pytest

from playground.labs.perceptron.data import make_logic_data
from playground.labs.perceptron.mlp import XorMLP, init_weights


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "elu", "gelu", "softplus", "leaky_relu"])
def test_compiled_and_torch_paths_agree_step_by_step(activation):
    x, y = make_logic_data("xor", points=5, noise=0.1, seed=1)
    a = XorMLP(4, activation, 0.5, seed=3)
    b = XorMLP(4, activation, 0.5, seed=3, device="torch")
    for _ in range(25):
        la, lb = a.train_step(x, y), b.train_step(x, y)
        assert la == pytest.approx(lb, rel=1e-9, abs=1e-12)
    wa, wb = a.weights(), b.weights()
    for k in wa:
        np.testing.assert_allclose(wa[k], wb[k], atol=1e-10, err_msg=k)


def test_weights_keep_their_saved_names_and_shapes_and_round_trip():
    net = XorMLP(3, "tanh", 0.5, seed=0)
    w = net.weights()
    assert {k: v.shape for k, v in w.items()} == {"w1": (2, 3), "b1": (3,), "w2": (3,), "b2": (1,)}
    for k, v in init_weights(3, 0).items():
        np.testing.assert_array_equal(w[k], v)
    x, y = make_logic_data("xor", points=1, noise=0.0, seed=0)
    net.train_step(x, y)
    other = XorMLP(3, "tanh", 0.5, seed=9)
    other.load(net.weights())
    np.testing.assert_array_equal(other.predict_proba(x), net.predict_proba(x))
    assert other.hidden_of(x).shape == (4, 3)


def test_the_loss_reported_is_the_one_before_the_step():
    x, y = make_logic_data("xor", points=1, noise=0.0, seed=0)
    net = XorMLP(2, "tanh", 0.5, seed=0)
    before = net.loss(x, y)
    assert net.train_step(x, y) == before
    assert net.loss(x, y) != before
