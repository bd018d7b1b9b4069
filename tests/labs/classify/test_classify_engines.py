"""The numpy engine's hand-written backward pass against torch autograd, and the two engines against
each other: same initial weights and same batches must give the same weights."""
from __future__ import annotations

import numpy as np
import pytest

from playground.core.nets import activations
from playground.core.nets.mlp_numpy import NumpyMLP
from playground.core.nets.mlp_spec import NetSpec, init_params, param_shapes
from playground.core.nets.mlp_torch import TorchMLP

TRAINABLE = activations.trainable_names()


def _targets(spec: NetSpec, rng, n):
    if spec.output == "softmax":
        return np.eye(spec.n_out)[rng.integers(0, spec.n_out, n)]
    if spec.output == "tanh":
        return rng.choice([-1.0, 1.0], size=(n, 1))
    if spec.output == "sigmoid":
        return rng.integers(0, 2, (n, 1)).astype(float)
    return rng.normal(size=(n, 1))


def _pair(spec, scheme="uniform", seed=0):
    params = init_params(spec, scheme, np.random.default_rng(seed))
    return NumpyMLP(spec, params), TorchMLP(spec, params)


def _assert_close(a: dict, b: dict, tol=1e-6):
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_allclose(a[name], b[name], rtol=tol, atol=tol, err_msg=name)


@pytest.mark.parametrize("act", TRAINABLE)
def test_numpy_gradients_match_torch_autograd_for_every_activation(act):
    spec = NetSpec(n_in=3, hidden=[5, 4], activations=[act, act], n_out=1, output="tanh", loss="squared")
    np_net, torch_net = _pair(spec, "xavier", seed=3)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(7, 3)) * 2
    t = _targets(spec, rng, 7)
    _assert_close(np_net.gradients(x, t), torch_net.gradients(x, t))


@pytest.mark.parametrize("output,loss,n_out", [
    ("tanh", "squared", 1), ("sigmoid", "cross_entropy", 1), ("sigmoid", "squared", 1),
    ("softmax", "cross_entropy", 4), ("softmax", "squared", 3), ("linear", "squared", 1),
])
@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
def test_numpy_gradients_match_torch_for_every_loss_and_regulariser(output, loss, n_out, reg):
    spec = NetSpec(n_in=2, hidden=[6, 3], activations=["tanh", "relu"], n_out=n_out, output=output, loss=loss)
    np_net, torch_net = _pair(spec, "he", seed=5)
    for net in (np_net, torch_net):
        net.configure(reg=reg, reg_rate=0.03)
    rng = np.random.default_rng(2)
    x = rng.normal(size=(9, 2)) * 3
    t = _targets(spec, rng, 9)
    _assert_close(np_net.gradients(x, t), torch_net.gradients(x, t))


def test_per_layer_activations_prelu_slope_and_maxout_pieces_match_torch():
    spec = NetSpec(n_in=4, hidden=[5, 3, 4], activations=["prelu", "maxout", "elu"], n_out=3,
                   output="softmax", loss="cross_entropy",
                   act_params=[{"slope": 0.3}, {"pieces": 3}, {"alpha": 1.0}])
    np_net, torch_net = _pair(spec, "uniform", seed=8)
    names = [n for n, _, _ in param_shapes(spec)]
    assert "layer0.slope" in names and np_net.views["layer1.weight"].shape == (5, 9)
    rng = np.random.default_rng(4)
    x = rng.normal(size=(11, 4))
    t = _targets(spec, rng, 11)
    _assert_close(np_net.gradients(x, t), torch_net.gradients(x, t))


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_both_engines_end_with_the_same_weights_after_the_same_batches(optimizer):
    spec = NetSpec(n_in=2, hidden=[8, 8], activations=["tanh", "relu"], n_out=1, output="tanh", loss="squared")
    np_net, torch_net = _pair(spec, "uniform", seed=11)
    rng = np.random.default_rng(0)
    X = rng.uniform(-6, 6, size=(60, 2))
    T = np.where(X[:, :1] * X[:, 1:] > 0, 1.0, -1.0)
    for net in (np_net, torch_net):
        net.configure(lr=0.01, optimizer=optimizer, reg="l2", reg_rate=0.001)
        net.set_data(X, T)
    for _ in range(5):  # 5 epochs of 6 batches of 10 and a trailing one of 0: 30 updates
        perm = rng.permutation(60)
        np_net.train_epoch(perm, 10)
        torch_net.train_epoch(perm, 10)
    _assert_close(np_net.params(), torch_net.params())
    loss_np, out_np = np_net.evaluate(X, T)
    loss_t, out_t = torch_net.evaluate(X, T)
    assert loss_np == pytest.approx(loss_t, rel=1e-9)
    np.testing.assert_allclose(out_np, out_t, atol=1e-9)


def test_fast_activation_kernels_agree_with_the_registry():
    z = np.linspace(-30, 30, 601)[:, None] * np.ones((1, 2))
    for act in ("tanh", "relu", "sigmoid", "linear", "prelu"):
        spec = NetSpec(n_in=2, hidden=[2], activations=[act], n_out=1, output="linear")
        params = {"layer0.weight": np.eye(2), "layer0.bias": np.zeros(2),
                  "layer1.weight": np.ones((2, 1)), "layer1.bias": np.zeros(1)}
        if act == "prelu":
            params["layer0.slope"] = np.array([0.25])
        net = NumpyMLP(spec, params)
        _, hidden = net.predict(z, hidden=True)
        expected = activations.get(act).forward(z, **spec.act_params[0])
        np.testing.assert_allclose(hidden[0], expected, atol=1e-12, err_msg=act)


def test_dropout_changes_training_but_not_evaluation():
    spec = NetSpec(n_in=2, hidden=[16], activations=["tanh"], n_out=1)
    params = init_params(spec, "uniform", np.random.default_rng(0))
    net = NumpyMLP(spec, params)
    x = np.random.default_rng(1).normal(size=(20, 2))
    before = net.predict(x)
    net.configure(dropout=0.5)
    np.testing.assert_array_equal(net.predict(x), before)  # evaluation never drops units
    net.set_data(x, np.ones((20, 1)))
    net.train_epoch(np.arange(20), 20)
    assert not np.allclose(net.predict(x), before)


def test_blas_thread_limit_is_best_effort_and_keeps_results():
    from playground.core.nets.mlp_numpy import limit_blas_threads

    a = np.random.default_rng(0).normal(size=(300, 40))
    before = a @ a.T
    assert limit_blas_threads(1) in (True, False)
    np.testing.assert_allclose(a @ a.T, before, rtol=1e-12)
