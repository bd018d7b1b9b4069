"""The stepper's numpy cells and the lab's torch loop compute what torch's own nn.RNN, nn.LSTM and
nn.GRU compute for the same weights and inputs (to 1e-6), and the residual blocks what their
equations say, checked by hand."""
import numpy as np
import pytest
import torch

from playground.labs.rnn.cells import init_weights, step, unroll, weight_shapes
from playground.labs.rnn.model import RecurrentNet

TORCH_CELLS = {"vanilla": lambda i, h: torch.nn.RNN(i, h, nonlinearity="tanh", batch_first=True),
               "relu": lambda i, h: torch.nn.RNN(i, h, nonlinearity="relu", batch_first=True),
               "lstm": lambda i, h: torch.nn.LSTM(i, h, batch_first=True),
               "gru": lambda i, h: torch.nn.GRU(i, h, batch_first=True)}


def _torch_reference(cell, w, xs):
    n_in, hidden = xs.shape[1], w["weight_hh_l0"].shape[1]
    net = TORCH_CELLS[cell](n_in, hidden).double()
    with torch.no_grad():
        for name, p in net.named_parameters():
            p.copy_(torch.from_numpy(w[name]))
        out = net(torch.from_numpy(xs)[None])
    return out[0][0].numpy(), (out[1][1][0, 0].numpy() if cell == "lstm" else None)


@pytest.mark.parametrize("cell", ["vanilla", "relu", "lstm", "gru"])
@pytest.mark.parametrize("hidden,n_in", [(1, 1), (2, 3), (7, 9)])
def test_numpy_stepper_equals_torch_nn_cells(cell, hidden, n_in):
    rng = np.random.default_rng(hidden * 10 + n_in)
    w = {k: rng.normal(0, 0.8, s) for k, s in weight_shapes(cell, n_in, hidden, 2).items()}
    xs = rng.normal(0, 1, (13, n_in))
    ours = unroll(cell, w, xs)
    h_ref, c_last = _torch_reference(cell, w, xs)
    assert np.max(np.abs(ours["h"] - h_ref)) < 1e-6
    if cell == "lstm":
        assert np.max(np.abs(ours["c"][-1] - c_last)) < 1e-6
    # the readout is the linear head on every h_t
    assert np.allclose(ours["y"], ours["h"] @ w["head.weight"].T + w["head.bias"])


@pytest.mark.parametrize("cell", ["vanilla", "relu", "lstm", "gru"])
def test_the_training_loop_equals_torch_nn_cells(cell):
    rng = np.random.default_rng(3)
    w = init_weights(cell, 4, 5, 3, seed=1)
    xs = rng.normal(0, 1, (2, 11, 4))
    net = RecurrentNet(cell, 4, 5, 3).double()
    net.load_numpy(w)
    with torch.no_grad():
        out, states = net(torch.from_numpy(xs))
    ref = TORCH_CELLS[cell](4, 5).double()
    with torch.no_grad():
        for name, p in ref.named_parameters():
            p.copy_(torch.from_numpy(w[name]))
        h_ref = ref(torch.from_numpy(xs))[0]
    assert torch.max(torch.abs(torch.stack(states, 1) - h_ref)) < 1e-6
    assert np.allclose(out.numpy(), h_ref.numpy() @ w["head.weight"].T + w["head.bias"])


@pytest.mark.parametrize("cell,k", [("residual", 1), ("rollout", 1), ("rollout", 3)])
def test_residual_blocks_follow_their_equation_and_torch_loop_agrees(cell, k):
    rng = np.random.default_rng(5)
    w = init_weights(cell, 2, 3, 1, seed=2)
    xs = rng.normal(0, 1, (9, 2))
    ours = unroll(cell, w, xs, rollout=k)
    h = np.zeros(3)
    b = w["bias_ih_l0"] + w["bias_hh_l0"]
    for t, x in enumerate(xs):
        for _ in range(k if cell == "rollout" else 1):  # by hand: h <- h + tanh(W_h h + W_x x + b)
            h = h + np.tanh(w["weight_hh_l0"] @ h + w["weight_ih_l0"] @ x + b)
        assert np.allclose(ours["h"][t], h, atol=1e-12)
    net = RecurrentNet(cell, 2, 3, 1, rollout=k).double()
    net.load_numpy(w)
    with torch.no_grad():
        _out, states = net(torch.from_numpy(xs)[None])
    assert np.max(np.abs(torch.stack(states, 1)[0].numpy() - ours["h"])) < 1e-6


def test_rollout_with_more_iterations_differs_from_the_single_block():
    w = init_weights("rollout", 1, 2, 1, seed=0)
    xs = np.linspace(-1, 1, 6)[:, None]
    assert not np.allclose(unroll("rollout", w, xs, 1)["h"], unroll("rollout", w, xs, 3)["h"])


def test_step_details_add_up_to_the_new_state():
    w = init_weights("vanilla", 1, 2, 1, seed=4)
    d = step("vanilla", w, np.array([0.5]), np.array([0.1, -0.2]))
    assert np.allclose(d["wx"], w["weight_ih_l0"] @ [0.5])
    assert np.allclose(d["wh"], w["weight_hh_l0"] @ [0.1, -0.2])
    assert np.allclose(d["h"], np.tanh(d["wx"] + d["wh"] + d["b"]))
    g = step("lstm", init_weights("lstm", 1, 2, 1, seed=4), np.array([0.5]), np.zeros(2), np.ones(2))
    assert np.allclose(g["c"], g["f"] * 1.0 + g["i"] * g["g"]) and np.allclose(g["h"], g["o"] * np.tanh(g["c"]))


def test_seeded_weights_are_torch_default_range_and_lstm_forget_bias_is_one():
    w = init_weights("lstm", 3, 4, 2, seed=9)
    assert all(np.all(np.abs(v) <= 0.5 + 1e-12) for k, v in w.items() if k != "bias_ih_l0")
    assert np.all(w["bias_ih_l0"][4:8] == 1.0) and np.all(w["bias_hh_l0"][4:8] == 0.0)
    assert all(np.array_equal(w[k], init_weights("lstm", 3, 4, 2, seed=9)[k]) for k in w)
