"""The one MLP engine: its compiled CPU path against torch autograd, and the two paths against each
other. Same initial weights, same batches, same dropout draws must give the same weights, in float64,
for every activation, loss, optimiser, regulariser and batch size."""
from __future__ import annotations

import numpy as np
import pytest

from playground.core.nets import activations
from playground.core.nets.mlp import engine_label, make_engine
from playground.core.nets.mlp_numba import NumbaMLP
from playground.core.nets.mlp_spec import NetSpec, init_params, param_shapes
from playground.core.nets.mlp_torch import TorchMLP

TRAINABLE = activations.trainable_names()
OUTPUTS = [("tanh", "squared", 1), ("sigmoid", "cross_entropy", 1), ("sigmoid", "squared", 1),
           ("softmax", "cross_entropy", 4), ("softmax", "squared", 3), ("linear", "squared", 1)]


def _targets(spec: NetSpec, rng, n):
    if spec.output == "softmax":
        return np.eye(spec.n_out)[rng.integers(0, spec.n_out, n)]
    if spec.output == "tanh":
        return rng.choice([-1.0, 1.0], size=(n, 1))
    if spec.output == "sigmoid":
        return rng.integers(0, 2, (n, 1)).astype(float)
    return rng.normal(size=(n, 1))


def _pair(spec, scheme="uniform", seed=0, device="torch"):
    params = init_params(spec, scheme, np.random.default_rng(seed))
    return make_engine(spec, params, seed=7), make_engine(spec, params, device=device, seed=7)


def _assert_close(a: dict, b: dict, tol=1e-9):
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_allclose(a[name], b[name], rtol=tol, atol=tol, err_msg=name)


def test_make_engine_gives_the_compiled_path_on_the_cpu_and_torch_otherwise():
    spec = NetSpec(n_in=2, hidden=[3], activations=["tanh"])
    params = init_params(spec, "uniform", np.random.default_rng(0))
    assert isinstance(make_engine(spec, params), NumbaMLP)
    assert isinstance(make_engine(spec, params, device="torch"), TorchMLP)
    assert engine_label("cpu") == "numba · cpu" and engine_label("cuda") == "torch · cuda"


def test_wide_layers_take_the_torch_path_on_the_cpu_too():
    # BLAS beats compiled loops once a layer is wide (mlp.py's measurements)
    wide = NetSpec(n_in=2, hidden=[64, 64], activations=["relu", "relu"])
    params = init_params(wide, "he", np.random.default_rng(0))
    net = make_engine(wide, params)
    assert isinstance(net, TorchMLP) and net.label == "torch · cpu"
    narrow = NetSpec(n_in=2, hidden=[16] * 8, activations=["relu"] * 8)
    assert make_engine(narrow, init_params(narrow, "he", np.random.default_rng(0))).label == "numba · cpu"


@pytest.mark.parametrize("act", TRAINABLE)
def test_gradients_match_torch_autograd_for_every_activation(act):
    spec = NetSpec(n_in=3, hidden=[5, 4], activations=[act, act], n_out=1, output="tanh", loss="squared")
    ours, ref = _pair(spec, "xavier", seed=3)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(7, 3)) * 2
    t = _targets(spec, rng, 7)
    _assert_close(ours.gradients(x, t), ref.gradients(x, t))


@pytest.mark.parametrize("output,loss,n_out", OUTPUTS)
@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
def test_gradients_match_torch_for_every_loss_and_regulariser(output, loss, n_out, reg):
    spec = NetSpec(n_in=2, hidden=[6, 3], activations=["tanh", "relu"], n_out=n_out, output=output, loss=loss)
    ours, ref = _pair(spec, "he", seed=5)
    for net in (ours, ref):
        net.configure(reg=reg, reg_rate=0.03)
    rng = np.random.default_rng(2)
    x = rng.normal(size=(9, 2)) * 3
    t = _targets(spec, rng, 9)
    _assert_close(ours.gradients(x, t), ref.gradients(x, t))
    loss_a, out_a = ours.evaluate(x, t)
    loss_b, out_b = ref.evaluate(x, t)
    assert loss_a == pytest.approx(loss_b, rel=1e-12)
    np.testing.assert_allclose(out_a, out_b, atol=1e-12)


def test_per_layer_activations_prelu_slope_and_maxout_pieces_match_torch():
    spec = NetSpec(n_in=4, hidden=[5, 3, 4], activations=["prelu", "maxout", "elu"], n_out=3,
                   output="softmax", loss="cross_entropy",
                   act_params=[{"slope": 0.3}, {"pieces": 3}, {"alpha": 1.0}])
    ours, ref = _pair(spec, "uniform", seed=8)
    names = [n for n, _, _ in param_shapes(spec)]
    assert "layer0.slope" in names and ours.views["layer1.weight"].shape == (5, 9)
    rng = np.random.default_rng(4)
    x = rng.normal(size=(11, 4))
    t = _targets(spec, rng, 11)
    grads = ours.gradients(x, t)
    assert grads["layer0.slope"][0] != 0.0  # PReLU's slope does learn
    _assert_close(grads, ref.gradients(x, t))


def _train_both(spec, optimizer, batch, reg="l2", dropout=0.0, epochs=4, n=37, seed=11):
    ours, ref = _pair(spec, "uniform", seed=seed)
    rng = np.random.default_rng(0)
    X = rng.uniform(-3, 3, size=(n, spec.n_in))
    T = _targets(spec, rng, n)
    for net in (ours, ref):
        net.configure(lr=0.02, optimizer=optimizer, reg=reg, reg_rate=0.002, dropout=dropout)
        net.set_data(X, T)
    for _ in range(epochs):
        perm = rng.permutation(n)
        ours.train_epoch(perm, batch)
        ref.train_epoch(perm, batch)
    return ours, ref, X, T


@pytest.mark.parametrize("act", TRAINABLE)
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_both_paths_train_to_the_same_weights_for_every_activation_and_optimiser(act, optimizer):
    spec = NetSpec(n_in=2, hidden=[6, 5], activations=[act, act], n_out=1, output="tanh", loss="squared")
    ours, ref, X, T = _train_both(spec, optimizer, batch=10)
    _assert_close(ours.params(), ref.params(), tol=1e-8)
    loss_a, out_a = ours.evaluate(X, T)
    loss_b, out_b = ref.evaluate(X, T)
    assert loss_a == pytest.approx(loss_b, rel=1e-8)


@pytest.mark.parametrize("batch", [1, 7, 10, 37, 100])
@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
def test_both_paths_agree_for_every_batch_size_and_regulariser(batch, reg):
    spec = NetSpec(n_in=3, hidden=[8, 4], activations=["relu", "sigmoid"], n_out=3, output="softmax",
                   loss="cross_entropy")
    ours, ref, _, _ = _train_both(spec, "momentum", batch=batch, reg=reg)
    _assert_close(ours.params(), ref.params(), tol=1e-8)


@pytest.mark.parametrize("output,loss,n_out", OUTPUTS)
def test_both_paths_agree_for_every_output_and_loss(output, loss, n_out):
    spec = NetSpec(n_in=2, hidden=[5], activations=["gelu"], n_out=n_out, output=output, loss=loss)
    ours, ref, _, _ = _train_both(spec, "adam", batch=8)
    _assert_close(ours.params(), ref.params(), tol=1e-8)


@pytest.mark.parametrize("device", ["cpu", "torch"])
def test_an_epoch_with_its_two_losses_is_train_epoch_then_evaluate(device):
    spec = NetSpec(n_in=2, hidden=[5, 3], activations=["tanh", "tanh"], output="tanh", loss="squared")
    params = init_params(spec, "uniform", np.random.default_rng(0))
    a, b = make_engine(spec, params, device=device), make_engine(spec, params, device=device)
    rng = np.random.default_rng(1)
    X, Xt = rng.normal(size=(30, 2)), rng.normal(size=(12, 2))
    T, Tt = np.sign(X[:, :1] * X[:, 1:]), np.sign(Xt[:, :1] * Xt[:, 1:])
    for net in (a, b):
        net.set_data(X, T)
    perm = rng.permutation(30)
    losses = a.train_epoch_with_losses(perm, 10, Xt, Tt)
    b.train_epoch(perm, 10)
    assert losses == pytest.approx((b.evaluate(X, T)[0], b.evaluate(Xt, Tt)[0]), rel=1e-12)
    _assert_close(a.params(), b.params(), tol=0)
    assert np.isnan(a.train_epoch_with_losses(perm, 10, np.zeros((0, 2)), np.zeros((0, 1)))[1])


@pytest.mark.parametrize("act", ["tanh", "prelu", "maxout"])
def test_dropout_draws_the_same_units_on_both_paths(act):
    spec = NetSpec(n_in=2, hidden=[7, 6], activations=[act, "relu"], n_out=1, output="sigmoid",
                   loss="cross_entropy")
    ours, ref, _, _ = _train_both(spec, "sgd", batch=5, dropout=0.4)
    _assert_close(ours.params(), ref.params(), tol=1e-8)


def test_one_input_regression_with_a_linear_output_and_squared_error():
    # the fit and depth labs: y = f(x) on a line, a linear output unit, mean squared error
    spec = NetSpec(n_in=1, hidden=[16, 16], activations=["tanh", "tanh"], output="linear", loss="squared")
    ours, ref = _pair(spec, "xavier", seed=2)
    # random abscissae: on a symmetric grid some gradients are zero up to rounding, and Adam's first
    # steps (about lr times their sign) would turn that rounding into differences of lr
    x = np.random.default_rng(0).uniform(-1, 1, (40, 1))
    t = np.sin(3 * x) + 0.5
    for net in (ours, ref):
        net.configure(lr=0.01, optimizer="adam")
        net.set_data(x, t)
    start = ours.evaluate(x, t)[0]
    for _ in range(200):
        perm = np.arange(40)
        ours.train_epoch(perm, 40)
        ref.train_epoch(perm, 40)
    _assert_close(ours.params(), ref.params(), tol=1e-7)
    assert ours.evaluate(x, t)[0] < 0.1 * start
    assert ours.predict(x).shape == (40, 1)
    assert ours.predict(x[:, 0]).shape == (40, 1)  # a plain vector of inputs is one column


def test_train_step_is_one_update_on_the_batch_given():
    spec = NetSpec(n_in=2, hidden=[3], activations=["tanh"], output="sigmoid", loss="cross_entropy")
    ours, ref = _pair(spec, "xavier", seed=1)
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    for net in (ours, ref):
        net.configure(lr=0.5)
    for _ in range(20):
        ours.train_step(x, y)
        ref.train_step(x, y)
    _assert_close(ours.params(), ref.params())


def test_compiled_activations_agree_with_the_registry():
    z = np.concatenate([np.linspace(-30, 30, 601), np.linspace(-0.02, 0.02, 401), [0.0, 1e-300, -1e-12]])
    z = z[:, None] * np.ones((1, 2))
    for act in TRAINABLE + ["step"]:
        if activations.get(act).kind == "maxout":
            continue
        spec = NetSpec(n_in=2, hidden=[2], activations=[act], n_out=1, output="linear")
        params = {"layer0.weight": np.eye(2), "layer0.bias": np.zeros(2),
                  "layer1.weight": np.ones((2, 1)), "layer1.bias": np.zeros(1)}
        if act == "prelu":
            params["layer0.slope"] = np.array([0.25])
        net = make_engine(spec, params)
        _, hidden = net.predict(z, hidden=True)
        expected = activations.get(act).forward(z, **spec.act_params[0])
        # our tanh is computed from one exp (1e-13 of libm's); the registry's GELU uses a fitted erf
        # (1.2e-7) and its softplus no threshold, so those two are held to torch's exactly
        tol = 1e-6 if act in ("gelu", "softplus") else 1e-13
        np.testing.assert_allclose(hidden[0], expected, rtol=tol, atol=1e-300, err_msg=act)
        if act != "step":
            import torch

            module = activations.get(act).torch_module(**spec.act_params[0]).double()
            exact = module(torch.as_tensor(z)).detach().numpy()
            np.testing.assert_allclose(hidden[0], exact, rtol=1e-12, atol=1e-300, err_msg=act)


def test_trace_gives_pre_activations_and_activations_of_every_hidden_layer():
    spec = NetSpec(n_in=2, hidden=[4, 3], activations=["maxout", "relu"], act_params=[{"pieces": 2}, {}])
    net = make_engine(spec, init_params(spec, "he", np.random.default_rng(0)))
    x = np.random.default_rng(1).normal(size=(6, 2))
    out, zs, acts = net.trace(x)
    p = net.params()
    np.testing.assert_allclose(zs[0], x @ p["layer0.weight"] + p["layer0.bias"])
    np.testing.assert_allclose(acts[0], zs[0].reshape(6, 4, 2).max(axis=2))
    np.testing.assert_allclose(acts[1], np.maximum(zs[1], 0.0))
    np.testing.assert_allclose(out, net.predict(x))


def test_dropout_changes_training_but_not_evaluation():
    spec = NetSpec(n_in=2, hidden=[16], activations=["tanh"], n_out=1)
    params = init_params(spec, "uniform", np.random.default_rng(0))
    net = make_engine(spec, params)
    x = np.random.default_rng(1).normal(size=(20, 2))
    before = net.predict(x)
    net.configure(dropout=0.5)
    np.testing.assert_array_equal(net.predict(x), before)  # evaluation never drops units
    net.set_data(x, np.ones((20, 1)))
    net.train_epoch(np.arange(20), 20)
    assert not np.allclose(net.predict(x), before)


def test_weights_load_save_and_edit_in_place():
    spec = NetSpec(n_in=2, hidden=[3], activations=["prelu"])
    params = init_params(spec, "uniform", np.random.default_rng(0))
    net = make_engine(spec, params)
    _assert_close(net.params(), params, tol=0)
    net.set_value("layer0.weight", (1, 2), 0.75)
    assert net.params()["layer0.weight"][1, 2] == 0.75
    net.load(params)
    _assert_close(net.params(), params, tol=0)


def test_a_diverging_run_gives_non_finite_numbers_not_an_exception():
    spec = NetSpec(n_in=2, hidden=[4], activations=["relu"], output="linear")
    net = make_engine(spec, init_params(spec, "uniform", np.random.default_rng(0)))
    x = np.random.default_rng(0).normal(size=(20, 2)) * 100
    net.configure(lr=10.0)
    net.set_data(x, np.ones((20, 1)) * 1e6)
    for _ in range(50):
        net.train_epoch(np.arange(20), 5)
    assert not np.isfinite(net.evaluate(x, np.ones((20, 1)))[0])


def test_bad_settings_are_refused_with_a_message():
    spec = NetSpec(n_in=2, hidden=[3], activations=["tanh"])
    net = make_engine(spec, init_params(spec, "uniform", np.random.default_rng(0)))
    with pytest.raises(ValueError, match="optimizer"):
        net.configure(optimizer="rmsprop")
    with pytest.raises(ValueError, match="dropout"):
        net.configure(dropout=1.0)


def test_blas_thread_limit_keeps_results():
    from playground.core.nets.threads import limit_blas_threads

    a = np.random.default_rng(0).normal(size=(300, 40))
    before = a @ a.T
    assert limit_blas_threads(1) in (True, False)
    np.testing.assert_allclose(a @ a.T, before, rtol=1e-12)


# --- the GPU path (skipped without CUDA; /work/shared/gpu-check.sh runs `pytest -m cuda`) ------------

def _cuda():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")


@pytest.mark.cuda
@pytest.mark.parametrize("act", ["tanh", "relu", "prelu", "maxout", "gelu"])
def test_cuda_path_trains_like_the_compiled_cpu_path(act):
    _cuda()
    spec = NetSpec(n_in=2, hidden=[8, 8], activations=[act, act], n_out=3, output="softmax",
                   loss="cross_entropy")
    params = init_params(spec, "he", np.random.default_rng(3))
    ours, gpu = make_engine(spec, params, seed=1), make_engine(spec, params, device="cuda", seed=1)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 2))
    T = _targets(spec, rng, 50)
    for net in (ours, gpu):
        net.configure(lr=0.05, optimizer="adam", reg="l2", reg_rate=0.001, dropout=0.2)
        net.set_data(X, T)
    for _ in range(5):
        perm = rng.permutation(50)
        ours.train_epoch(perm, 10)
        gpu.train_epoch(perm, 10)
    _assert_close(ours.params(), gpu.params(), tol=1e-7)


@pytest.mark.cuda
def test_cuda_gradients_match_the_compiled_cpu_path():
    _cuda()
    spec = NetSpec(n_in=1, hidden=[16], activations=["tanh"], output="linear", loss="squared")
    params = init_params(spec, "xavier", np.random.default_rng(0))
    x = np.linspace(-1, 1, 30).reshape(-1, 1)
    _assert_close(make_engine(spec, params).gradients(x, x ** 2),
                  make_engine(spec, params, device="cuda").gradients(x, x ** 2))


def test_in_the_worker_a_network_built_before_the_kernels_are_ready_trains_on_torch(monkeypatch):
    """The first start compiles the CPU kernels in the background; the window never waits for it."""
    import threading

    import numpy as np

    from playground.core.nets import mlp
    from playground.core.nets.mlp_spec import NetSpec, init_params

    spec = NetSpec(n_in=2, hidden=[3], activations=["tanh"], n_out=1)
    weights = init_params(spec, "uniform", np.random.default_rng(0))
    monkeypatch.setattr(mlp, "_fallback", True)
    monkeypatch.setattr(mlp, "_ready", threading.Event())
    decided = threading.Event()
    decided.set()
    monkeypatch.setattr(mlp, "_decided", decided)
    monkeypatch.setattr(mlp, "_warm_from_cache", False)  # a cold cache: no waiting at all
    early = mlp.make_engine(spec, weights)
    assert type(early).__name__ == "TorchMLP" and "compiling" in early.label
    mlp._ready.set()
    late = mlp.make_engine(spec, weights)
    assert type(late).__name__ == "NumbaMLP" and late.label == "numba · cpu"
    x = np.random.default_rng(1).normal(size=(8, 2))
    np.testing.assert_allclose(early.predict(x), late.predict(x), atol=1e-12)


@pytest.mark.parametrize("act", ["tanh", "relu", "sigmoid", "leaky_relu", "prelu", "elu", "maxout", "gelu",
                                 "silu", "softplus", "linear"])
@pytest.mark.parametrize("output", ["tanh", "sigmoid", "softmax", "linear"])
def test_big_predictions_through_blas_equal_the_compiled_pass(act, output):
    """The window's heatmaps (10,000 points) go through numpy's matrix products: same numbers."""
    import numpy as np

    from playground.core.nets import mlp_numba
    from playground.core.nets.mlp_spec import NetSpec, init_params

    spec = NetSpec(n_in=3, hidden=[5, 4], activations=[act, act], n_out=3 if output == "softmax" else 1,
                   output=output, loss="cross_entropy" if output in ("softmax", "sigmoid") else "squared")
    net = mlp_numba.NumbaMLP(spec, init_params(spec, "xavier", np.random.default_rng(3)))
    x = np.random.default_rng(4).normal(scale=2.0, size=(mlp_numba.BLAS_ROWS, 3))
    big_out, big_hidden = net.predict(x, hidden=True)
    small = [net.predict(x[i:i + 1000], hidden=True) for i in range(0, len(x), 1000)]
    np.testing.assert_allclose(big_out, np.concatenate([o for o, _ in small]), atol=1e-6)
    for h in range(2):
        np.testing.assert_allclose(big_hidden[h], np.concatenate([hs[h] for _, hs in small]), atol=1e-6)
    np.testing.assert_allclose(net.predict(x), big_out, atol=0)
