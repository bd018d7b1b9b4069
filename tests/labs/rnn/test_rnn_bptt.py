"""Backpropagation through time: the per-step gradients ‖∂L/∂h_t‖ the lab shows equal a hand-written
numpy BPTT, its parameter gradients equal those of torch's fused nn.RNN / nn.LSTM / nn.GRU, truncation
stops the gradient at its boundaries and clipping caps the update; and the lesson itself: on a
length-50 memory task a vanilla RNN's gradient reaching step 1 is orders of magnitude below an LSTM's."""
import numpy as np
import pytest
import torch

from playground.labs.rnn.cells import init_weights
from playground.labs.rnn.core import RnnSession
from playground.labs.rnn.model import RecurrentNet, loss_and_accuracy, make_optimizer, train_step
from playground.labs.rnn.tasks import make_batch


def _numpy_bptt_vanilla(w, xs, ys):
    """‖∂L/∂h_t‖ by hand for h_t = tanh(W_h h + W_x x + b), y_t = W_y h_t + b_y, L = mean (y_t - target)²."""
    B, T, _ = xs.shape
    H = w["weight_hh_l0"].shape[0]
    hs = np.zeros((B, T + 1, H))
    for t in range(T):
        hs[:, t + 1] = np.tanh(xs[:, t] @ w["weight_ih_l0"].T + hs[:, t] @ w["weight_hh_l0"].T
                               + w["bias_ih_l0"] + w["bias_hh_l0"])
    pred = hs[:, 1:] @ w["head.weight"][0] + w["head.bias"][0]  # (B, T)
    dy = 2 * (pred - ys) / (B * T)
    delta = np.zeros((B, H))
    norms = np.zeros(T)
    for t in reversed(range(T)):
        delta = delta + dy[:, t, None] * w["head.weight"][0]  # the direct path from y_t
        norms[t] = np.linalg.norm(delta)
        delta = (delta * (1 - hs[:, t + 1] ** 2)) @ w["weight_hh_l0"]  # back through the step to h_{t-1}
    return norms


def test_gradient_per_step_equals_a_hand_written_bptt():
    s = RnnSession({"task": "sine", "cell": "vanilla", "hidden": 4, "length": 12, "batch_size": 5})
    s.model.double()
    w = s.model.numpy_state()
    x, y = make_batch("sine", 5, 12, np.random.default_rng(0))
    r = train_step(s.model, make_optimizer("sgd", s.model.parameters(), 0.0), torch.from_numpy(x).double(),
                   torch.from_numpy(y).double(), "regress_each")
    assert np.allclose(r["grad_norms"], _numpy_bptt_vanilla(w, x.astype(float), y.astype(float)), rtol=1e-8)


@pytest.mark.parametrize("cell", ["vanilla", "lstm", "gru"])
def test_parameter_gradients_equal_torch_fused_cells(cell):
    ref_cls = {"vanilla": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
    w = init_weights(cell, 9, 6, 4, seed=3)
    x, y = make_batch("memory", 8, 15, np.random.default_rng(1))
    net = RecurrentNet(cell, 9, 6, 4).double()
    net.load_numpy(w)
    out, _ = net(torch.from_numpy(x).double())
    loss_and_accuracy(out, torch.from_numpy(y), "classify_last")[0].backward()
    ref = ref_cls(9, 6, batch_first=True).double()
    head = torch.nn.Linear(6, 4).double()
    with torch.no_grad():
        for name, p in ref.named_parameters():
            p.copy_(torch.from_numpy(w[name]))
        head.weight.copy_(torch.from_numpy(w["head.weight"]))
        head.bias.copy_(torch.from_numpy(w["head.bias"]))
    hs = ref(torch.from_numpy(x).double())[0]
    torch.nn.functional.cross_entropy(head(hs[:, -1]), torch.from_numpy(y)).backward()
    for name, p in ref.named_parameters():
        assert torch.allclose(dict(net.named_parameters())[name].grad, p.grad, atol=1e-10), name
    assert torch.allclose(net.head.weight.grad, head.weight.grad, atol=1e-10)


def test_truncation_stops_the_gradient_at_each_boundary():
    s = RnnSession({"task": "memory", "cell": "lstm", "hidden": 8, "length": 20, "truncation": 5})
    # the memory task scores only the last step: with truncation 5, only steps 16..20 get a gradient
    g = s.grad_norms
    assert np.all(g[:15] == 0) and np.all(g[15:] > 0)
    s.apply({"truncation": 0})
    assert np.all(s.grad_norms > 0)


def test_clipping_caps_the_update_at_the_threshold():
    def update_norm(clip):
        s = RnnSession({"task": "memory", "cell": "relu", "hidden": 16, "length": 30, "optimizer": "sgd",
                        "lr": 1.0, "clip": clip, "clip_threshold": 0.05, "seed": 2})
        before = {k: v.copy() for k, v in s.model.numpy_state().items()}
        s.step(1)
        after = s.model.numpy_state()
        return float(np.sqrt(sum(((after[k] - before[k]) ** 2).sum() for k in before))), s.clipped[-1]

    clipped, was_clipped = update_norm(True)
    free, _ = update_norm(False)
    assert was_clipped and free > 0.05
    assert clipped == pytest.approx(0.05, rel=1e-4)  # SGD with lr 1: the step is the clipped gradient


def test_vanilla_gradient_vanishes_over_50_steps_where_the_lstm_keeps_it():
    ratios = {}
    for cell in ("vanilla", "lstm"):
        s = RnnSession({"task": "memory", "cell": cell, "hidden": 16, "length": 50, "seed": 0})
        g = s.grad_norms  # at initialisation, before any update
        ratios[cell] = g[0] / g[-1]
    assert ratios["vanilla"] < 1e-8  # 49 steps of tanh' · W_h, each well below 1
    assert ratios["vanilla"] / ratios["lstm"] < 1e-3  # orders of magnitude: the forget gate keeps it


def test_a_gated_cell_learns_the_memory_task():
    s = RnnSession({"task": "memory", "cell": "gru", "hidden": 16, "length": 10, "seed": 0})
    s.step(150)
    assert np.mean(s.accuracies[-10:]) > 0.9 and s.losses[-1] < s.losses[0]
