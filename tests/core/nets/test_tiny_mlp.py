"""The perceptron lab's MLP: the numpy engine and the torch engine compute the same training."""
import numpy as np
import pytest

from playground.labs.perceptron.data import make_logic_data
from playground.core.nets.tiny_mlp import TinyMLP


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "elu", "gelu", "softplus", "leaky_relu"])
def test_numpy_and_torch_engines_agree_step_by_step(activation):
    x, y = make_logic_data("xor", points=5, noise=0.1, seed=1)
    a = TinyMLP(4, activation, 0.5, seed=3, engine="numpy")
    b = TinyMLP(4, activation, 0.5, seed=3, engine="torch")
    for _ in range(25):
        la, lb = a.train_step(x, y), b.train_step(x, y)
        assert la == pytest.approx(lb, rel=1e-7, abs=1e-12)
    wa, wb = a.weights(), b.weights()
    for k in wa:
        assert np.allclose(wa[k], wb[k], atol=1e-8), k
