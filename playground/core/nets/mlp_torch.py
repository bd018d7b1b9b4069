"""The torch path of the one MLP engine: the GPU path (CUDA, MPS), and the autograd reference.

It builds the same network as the compiled CPU path (mlp_numba.py) from the same `NetSpec` and the
same initial arrays, with the activation modules from the shared registry, and trains it with
torch.optim (SGD, SGD with momentum, Adam) on losses written exactly as the CPU path writes them.
Tests use it twice: its autograd gradients are the reference the compiled hand-written backward pass
must match, and the two paths, fed the same batches and dropout draws, must end with the same
weights. It computes in float64, except on Apple MPS, which has none.
"""
from __future__ import annotations

import numpy as np
import torch

from playground.core.nets import activations
from playground.core.nets.mlp_spec import NetSpec, param_shapes

__all__ = ["TorchMLP"]


class TorchMLP:
    def __init__(self, spec: NetSpec, params: dict[str, np.ndarray], device: str = "cpu", seed: int = 0):
        self.spec = spec
        self.device = torch.device(device)
        self.dtype = torch.float32 if self.device.type == "mps" else torch.float64
        self.label = f"torch · {self.device.type}"
        self.layout = param_shapes(spec)
        self.tensors = {name: torch.zeros(shape, dtype=self.dtype, device=self.device, requires_grad=True)
                        for name, shape, _ in self.layout}
        self.weight_names = [name for name, _, kind in self.layout if kind == "weight"]
        # Activation modules from the registry; PReLU's learned slope is our own tensor instead.
        self.modules = []
        for h, name in enumerate(spec.activations):
            act = activations.get(name)
            self.modules.append(None if name == "prelu" else act.torch_module(**spec.act_params[h]).to(self.device))
        # Dropout uniforms come from numpy, drawn in the CPU engine's order (per batch, layer by
        # layer, row-major), so that both engines drop the same units and a test can compare them.
        self.rng = np.random.default_rng(seed)
        self.load(params)
        self.optimizer_name = None
        self.configure()
        self.X = torch.zeros((0, spec.n_in), dtype=self.dtype, device=self.device)
        self.T = torch.zeros((0, spec.n_out), dtype=self.dtype, device=self.device)

    # --- parameters --------------------------------------------------------------------------------
    def load(self, params: dict[str, np.ndarray]) -> None:
        with torch.no_grad():
            for name, tensor in self.tensors.items():
                tensor.copy_(torch.as_tensor(np.asarray(params[name]), dtype=self.dtype))

    def params(self) -> dict[str, np.ndarray]:
        return {name: t.detach().cpu().numpy().astype(float) for name, t in self.tensors.items()}

    def set_value(self, name: str, index: tuple, value: float) -> None:
        with torch.no_grad():
            self.tensors[name][index] = float(value)

    def configure(self, lr: float = 0.03, optimizer: str = "sgd", reg: str = "none", reg_rate: float = 0.0,
                  dropout: float = 0.0, momentum: float = 0.9, betas=(0.9, 0.999), eps: float = 1e-8) -> None:
        if optimizer != self.optimizer_name:
            params = list(self.tensors.values())
            if optimizer == "sgd":
                self.opt = torch.optim.SGD(params, lr=lr)
            elif optimizer == "momentum":
                self.opt = torch.optim.SGD(params, lr=lr, momentum=momentum)
            else:
                self.opt = torch.optim.Adam(params, lr=lr, betas=betas, eps=eps)
            self.optimizer_name = optimizer
        for group in self.opt.param_groups:
            group["lr"] = float(lr)
        self.reg, self.reg_rate, self.dropout = reg, float(reg_rate), float(dropout)

    def set_data(self, X: np.ndarray, T: np.ndarray) -> None:
        self.X = torch.as_tensor(np.asarray(X, dtype=float), dtype=self.dtype, device=self.device)
        self.T = torch.as_tensor(np.asarray(T, dtype=float), dtype=self.dtype, device=self.device)

    # --- passes ------------------------------------------------------------------------------------
    def _forward(self, x: torch.Tensor, train: bool, keep: list | None = None):
        """Returns (output logits z, output, hidden activations); `keep` collects each hidden z."""
        spec, t = self.spec, self.tensors
        a = x
        hidden = []
        for h in range(len(spec.hidden)):
            z = a @ t[f"layer{h}.weight"] + t[f"layer{h}.bias"]  # (B, units * pieces)
            if keep is not None:
                keep.append(z)
            if spec.activations[h] == "prelu":
                a = torch.where(z > 0, z, t[f"layer{h}.slope"] * z)
            else:
                a = self.modules[h](z)  # (B, units)
            if train and self.dropout > 0.0:
                draw = torch.as_tensor(self.rng.random(tuple(a.shape)), dtype=self.dtype, device=self.device)
                a = a * (draw >= self.dropout).to(self.dtype) / (1.0 - self.dropout)
            hidden.append(a)
        last = spec.n_layers - 1
        z = a @ t[f"layer{last}.weight"] + t[f"layer{last}.bias"]  # (B, n_out)
        if spec.output == "tanh":
            out = torch.tanh(z)
        elif spec.output == "sigmoid":
            out = torch.sigmoid(z)
        elif spec.output == "softmax":
            out = torch.softmax(z, dim=1)
        else:
            out = z
        return z, out, hidden

    def _loss(self, z, out, target, with_reg: bool):
        spec = self.spec
        if spec.loss == "squared" or spec.output in ("tanh", "linear"):
            loss = 0.5 * ((out - target) ** 2).sum(dim=1).mean()
        elif spec.output == "sigmoid":
            loss = torch.nn.functional.binary_cross_entropy_with_logits(z, target)
        else:
            loss = -(target * torch.log_softmax(z, dim=1)).sum(dim=1).mean()
        if with_reg and self.reg != "none" and self.reg_rate > 0.0:
            weights = [self.tensors[n] for n in self.weight_names]
            if self.reg == "l2":
                loss = loss + self.reg_rate * 0.5 * sum((w * w).sum() for w in weights)
            else:
                loss = loss + self.reg_rate * sum(w.abs().sum() for w in weights)
        return loss

    def train_step(self, x, t) -> None:
        x = torch.as_tensor(np.asarray(x, dtype=float) if isinstance(x, np.ndarray) else x,
                            dtype=self.dtype, device=self.device)
        t = torch.as_tensor(np.asarray(t, dtype=float) if isinstance(t, np.ndarray) else t,
                            dtype=self.dtype, device=self.device)
        self.opt.zero_grad(set_to_none=False)
        z, out, _ = self._forward(x, True)
        self._loss(z, out, t, True).backward()
        self.opt.step()

    def train_epoch(self, perm: np.ndarray, batch: int) -> None:
        if len(perm) == 0:
            return
        idx = torch.as_tensor(perm, device=self.device)
        X, T = self.X[idx], self.T[idx]
        for start in range(0, len(perm), batch):
            self.train_step(X[start:start + batch], T[start:start + batch])

    def _tensor(self, a) -> torch.Tensor:
        if isinstance(a, torch.Tensor):
            return a.to(device=self.device, dtype=self.dtype)
        return torch.as_tensor(np.asarray(a, dtype=float), dtype=self.dtype, device=self.device)

    def train_epoch_with_losses(self, perm: np.ndarray, batch: int, test_x: np.ndarray,
                                test_t: np.ndarray) -> tuple[float, float]:
        """train_epoch, then (training loss, test loss) after it, NaN for an empty set."""
        self.train_epoch(perm, batch)
        losses = []
        for x, t in ((self.X, self.T), (test_x, test_t)):
            losses.append(self.evaluate(x, t)[0] if len(x) else float("nan"))
        return losses[0], losses[1]

    def gradients(self, x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
        for tensor in self.tensors.values():
            tensor.grad = None
        x = torch.as_tensor(np.asarray(x, dtype=float), dtype=self.dtype, device=self.device)
        t = torch.as_tensor(np.asarray(t, dtype=float), dtype=self.dtype, device=self.device)
        z, out, _ = self._forward(x, False)
        self._loss(z, out, t, True).backward()
        return {name: tensor.grad.detach().cpu().numpy().astype(float) for name, tensor in self.tensors.items()}

    @torch.no_grad()
    def predict(self, x: np.ndarray, hidden: bool = False):
        x = torch.as_tensor(np.asarray(x, dtype=float), dtype=self.dtype, device=self.device)
        _, out, acts = self._forward(x, False)
        out = out.cpu().numpy().astype(float)
        if hidden:
            return out, [a.cpu().numpy().astype(float) for a in acts]
        return out

    @torch.no_grad()
    def trace(self, x: np.ndarray):
        """(outputs, pre-activations z of every hidden layer, their activations f(z)), dropout off."""
        x = torch.as_tensor(np.asarray(x, dtype=float), dtype=self.dtype, device=self.device)
        zs: list = []
        _, out, acts = self._forward(x, False, keep=zs)
        as_np = lambda v: v.cpu().numpy().astype(float)  # noqa: E731
        return as_np(out), [as_np(z) for z in zs], [as_np(a) for a in acts]

    @torch.no_grad()
    def evaluate(self, x, t) -> tuple[float, np.ndarray]:
        x = self._tensor(x)
        t = self._tensor(t)
        z, out, _ = self._forward(x, False)
        return float(self._loss(z, out, t, False)), out.cpu().numpy().astype(float)
