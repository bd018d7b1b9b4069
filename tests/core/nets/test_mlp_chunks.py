"""The compiled CPU path works through examples in chunks of mlp_kernels.CHUNK rows: batches, data
sets and traces longer than one chunk (and not a whole number of them) must give what torch gives,
dropout masks included (each chunk reads its own part of the batch's uniforms)."""
from __future__ import annotations

import numpy as np
import pytest

from playground.core.nets import mlp_kernels
from playground.core.nets.mlp import make_engine
from playground.core.nets.mlp_spec import NetSpec, init_params


def _pair(spec, seed=0):
    params = init_params(spec, "xavier", np.random.default_rng(seed))
    return make_engine(spec, params, seed=5), make_engine(spec, params, device="torch", seed=5)


@pytest.mark.parametrize("act", ["tanh", "maxout", "prelu"])
def test_dropout_batches_longer_than_a_chunk_match_torch(act):
    batch = 2 * mlp_kernels.CHUNK + 7
    spec = NetSpec(n_in=3, hidden=[9, 5], activations=[act, "tanh"], n_out=1, output="tanh", loss="squared")
    ours, ref = _pair(spec)
    rng = np.random.default_rng(1)
    X = rng.uniform(-2, 2, (150, 3))
    T = np.sign(X[:, :1] * X[:, 1:2])
    for net in (ours, ref):
        net.configure(lr=0.05, optimizer="momentum", dropout=0.3)
        net.set_data(X, T)
    for _ in range(3):
        perm = rng.permutation(150)
        ours.train_epoch(perm, batch)
        ref.train_epoch(perm, batch)
    for name, w in ours.params().items():
        np.testing.assert_allclose(w, ref.params()[name], rtol=1e-9, atol=1e-9, err_msg=name)


def test_losses_outputs_and_traces_over_many_chunks_match_torch():
    n = 3 * mlp_kernels.CHUNK + 5
    spec = NetSpec(n_in=2, hidden=[6, 3], activations=["tanh", "relu"], n_out=3, output="softmax",
                   loss="cross_entropy")
    ours, ref = _pair(spec, seed=2)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(n, 2)) * 2
    t = np.eye(3)[rng.integers(0, 3, n)]
    loss_a, out_a = ours.evaluate(x, t)
    loss_b, out_b = ref.evaluate(x, t)
    assert loss_a == pytest.approx(loss_b, rel=1e-12)
    np.testing.assert_allclose(out_a, out_b, atol=1e-12)
    out, zs, acts = ours.trace(x)
    np.testing.assert_allclose(out, out_b, atol=1e-12)
    p = ours.params()
    np.testing.assert_allclose(zs[0], x @ p["layer0.weight"] + p["layer0.bias"], atol=1e-12)
    np.testing.assert_allclose(acts[0], np.tanh(zs[0]), rtol=1e-13)
    np.testing.assert_allclose(acts[1], np.maximum(zs[1], 0.0))
    g_a, g_b = ours.gradients(x, t), ref.gradients(x, t)
    for name in g_a:
        np.testing.assert_allclose(g_a[name], g_b[name], rtol=1e-9, atol=1e-12, err_msg=name)
