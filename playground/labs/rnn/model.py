"""The trainable recurrent network in torch: one cell (vanilla, residual, LSTM or GRU) and a linear head,
unrolled by an explicit loop so that every hidden state h_t is a tensor of its own.

Why not nn.RNN: its fused loop hides the states between steps, and the lab shows ‖∂L/∂h_t‖ for every
t, the total gradient reaching step t through all later steps (h_t.retain_grad() keeps it). The
parameters have nn.RNN's names and layouts, and the tests check this loop against nn.RNN, nn.LSTM and
nn.GRU. Truncated BPTT detaches the state every `truncation` steps: the loss still sees every step,
but no gradient crosses a boundary. Imported only by the worker and the headless run (never by the
window).
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from playground.labs.rnn.cells import weight_shapes

__all__ = ["RecurrentNet", "loss_and_accuracy", "train_step", "make_optimizer", "connectivity", "sample_text"]


class RecurrentNet(torch.nn.Module):
    def __init__(self, cell: str, n_in: int, hidden: int, n_out: int, rollout: int = 1):
        super().__init__()
        self.cell, self.hidden, self.rollout = cell, hidden, max(1, int(rollout))
        shapes = weight_shapes(cell, n_in, hidden, n_out)
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            self.register_parameter(name, torch.nn.Parameter(torch.zeros(shapes[name])))
        self.head = torch.nn.Linear(hidden, n_out)

    # --- weights in and out (numpy, by torch's names) ----------------------------------------------
    def load_numpy(self, weights: dict) -> None:
        with torch.no_grad():
            for name, p in self.named_parameters():
                p.copy_(torch.as_tensor(np.asarray(weights[name]), dtype=p.dtype))

    def numpy_state(self) -> dict[str, np.ndarray]:
        return {name: p.detach().cpu().numpy().astype(np.float64) for name, p in self.named_parameters()}

    # --- the unrolled loop -------------------------------------------------------------------------
    def cell_step(self, xw: torch.Tensor, h: torch.Tensor, c: torch.Tensor | None):
        """One step from the precomputed input term xw = x W_ih^T + b_ih: (B, G*H) -> new (h, c)."""
        H = self.hidden
        whh, bhh = self.weight_hh_l0, self.bias_hh_l0
        if self.cell == "vanilla":
            return torch.tanh(xw + h @ whh.T + bhh), None
        if self.cell == "relu":
            return torch.relu(xw + h @ whh.T + bhh), None
        if self.cell in ("residual", "rollout"):
            z = h
            for _ in range(self.rollout if self.cell == "rollout" else 1):
                z = z + torch.tanh(xw + z @ whh.T + bhh)
            return z, None
        if self.cell == "lstm":
            gates = xw + h @ whh.T + bhh  # (B, 4H): i, f, g, o
            i, f, g, o = gates.split(H, dim=1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            return torch.sigmoid(o) * torch.tanh(c), c
        if self.cell == "gru":
            gh = h @ whh.T + bhh  # (B, 3H): r, z, n
            r = torch.sigmoid(xw[:, :H] + gh[:, :H])
            z = torch.sigmoid(xw[:, H:2 * H] + gh[:, H:2 * H])
            n = torch.tanh(xw[:, 2 * H:] + r * gh[:, 2 * H:])
            return (1 - z) * n + z * h, None
        raise ValueError(self.cell)

    def forward(self, x: torch.Tensor, truncation: int = 0, keep_states: bool = False):
        """x (B, T, I) -> outputs (B, T, O) and the list of hidden states h_1..h_T (each (B, H)).
        keep_states: make each h_t keep its gradient after backward (for ‖∂L/∂h_t‖)."""
        B, T, _ = x.shape
        xw = x @ self.weight_ih_l0.T + self.bias_ih_l0  # (B, T, G*H): one matmul for every step
        h = x.new_zeros(B, self.hidden)
        c = x.new_zeros(B, self.hidden) if self.cell == "lstm" else None
        states = []
        for t in range(T):
            if truncation and t and t % truncation == 0:
                h = h.detach()  # truncated BPTT: no gradient flows back across this boundary
                c = c.detach() if c is not None else None
            h, c = self.cell_step(xw[:, t], h, c)
            if keep_states and h.requires_grad:
                h.retain_grad()
            states.append(h)
        hs = torch.stack(states, dim=1)  # (B, T, H)
        return self.head(hs), states


def loss_and_accuracy(out: torch.Tensor, y: torch.Tensor, kind: str, tolerance: float = 0.1):
    """The task's loss (MSE or cross-entropy, on the scored steps) and its accuracy as a float."""
    if kind == "regress_each":
        pred = out[..., 0]
        loss = F.mse_loss(pred, y)
        acc = ((pred - y).abs() < tolerance).float().mean()
    elif kind == "regress_last":
        pred = out[:, -1, 0]
        loss = F.mse_loss(pred, y)
        acc = ((pred - y).abs() < tolerance).float().mean()
    elif kind == "classify_last":
        logits = out[:, -1]
        loss = F.cross_entropy(logits, y)
        acc = (logits.argmax(1) == y).float().mean()
    else:  # classify_each
        logits = out.reshape(-1, out.shape[-1])
        loss = F.cross_entropy(logits, y.reshape(-1))
        acc = (logits.argmax(1) == y.reshape(-1)).float().mean()
    return loss, acc


def make_optimizer(name: str, params, lr: float) -> torch.optim.Optimizer:
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr)
    return torch.optim.Adam(params, lr=lr)


def train_step(model: RecurrentNet, opt, x: torch.Tensor, y: torch.Tensor, kind: str, truncation: int = 0,
               clip: float | None = None) -> dict:
    """One BPTT update. Returns loss, accuracy, ‖∂L/∂h_t‖ per step (first step first), the gradient's
    total norm before clipping and whether clipping cut it."""
    opt.zero_grad(set_to_none=True)
    out, states = model(x, truncation=truncation, keep_states=True)
    loss, acc = loss_and_accuracy(out, y, kind)
    loss.backward()
    with torch.no_grad():
        grads = torch.stack([s.grad.norm() if s.grad is not None else s.new_zeros(()) for s in states])
        total = torch.nn.utils.clip_grad_norm_(model.parameters(), clip if clip else float("inf"))
    opt.step()
    total = float(total)
    return {"loss": float(loss.detach()), "accuracy": float(acc), "grad_norms": grads.cpu().numpy().astype(np.float64),
            "total_grad_norm": total, "clipped": bool(clip) and total > clip}


def connectivity(model: RecurrentNet, x: torch.Tensor, t: int, kind: str) -> np.ndarray:
    """|∂y_t/∂x_s| for s = 0..t on one sequence x (1, T, I): how much each earlier input moves the
    output at step t (Distill's connectivity). For a classifier, y_t is the logit of the class it
    predicts there. Full BPTT, whatever the training's truncation."""
    x = x.detach().clone().requires_grad_(True)
    out, _ = model(x[:, :t + 1])
    y = out[0, t]
    scalar = y[0] if kind.startswith("regress") else y[int(y.argmax())]
    (grad,) = torch.autograd.grad(scalar, x)
    return grad[0, :t + 1].norm(dim=1).cpu().numpy().astype(np.float64)


@torch.no_grad()
def sample_text(model: RecurrentNet, prime: list[int], n: int, temperature: float, vocab_size: int,
                generator: torch.Generator) -> list[int]:
    """n characters drawn one at a time from softmax(logits / temperature), after feeding `prime`."""
    device = model.weight_ih_l0.device
    eye = torch.eye(vocab_size, device=device)
    h = torch.zeros(1, model.hidden, device=device)
    c = torch.zeros(1, model.hidden, device=device) if model.cell == "lstm" else None
    codes = list(prime) or [0]
    logits = None
    for code in codes:
        xw = eye[code][None] @ model.weight_ih_l0.T + model.bias_ih_l0
        h, c = model.cell_step(xw, h, c)
        logits = model.head(h)[0]
    out = []
    for _ in range(int(n)):
        probs = torch.softmax(logits / max(temperature, 1e-3), dim=0).cpu()
        code = int(torch.multinomial(probs, 1, generator=generator))
        out.append(code)
        xw = eye[code][None] @ model.weight_ih_l0.T + model.bias_ih_l0
        h, c = model.cell_step(xw, h, c)
        logits = model.head(h)[0]
    return out

