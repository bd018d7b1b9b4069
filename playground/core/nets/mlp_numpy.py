"""A lean numpy engine for tiny MLPs: the classification playground's CPU path.

On networks this small (a few hundred weights, batches of 10) the cost of a training step is the
number of library calls, not arithmetic: torch pays about 0.5 ms per step in per-call overhead, numpy
about half a microsecond per call. So this engine keeps calls to a minimum: every buffer is allocated
once per batch size, every parameter is a view into one flat vector (one update call for the whole
network, whatever its depth), and the common activations run in place. Everything is float64 so a test
can hold it to torch autograd within 1e-6. The rarer activations go through the shared registry's
numpy forward and derivative.
"""
from __future__ import annotations

import os
import sys

import numpy as np

from playground.core.nets import activations
from playground.core.nets.mlp_spec import NetSpec, param_shapes

__all__ = ["NumpyMLP", "output_delta", "loss_value", "limit_blas_threads"]

# Activations with an in-place kernel here; their results are checked against the registry in tests.
_FAST = ("tanh", "relu", "sigmoid", "linear")


def limit_blas_threads(n: int = 1) -> bool:
    """Ask numpy's OpenBLAS for `n` threads; returns whether it could. Best effort, Linux only.

    Our matrices are tiny: extra BLAS threads cannot help them, but on two cores they spin waiting for
    work and fight the window for the CPU. Measured with the window open, a 6x8 spiral network trained
    at about 90 epochs/s with OpenBLAS's default threads and at about 400 with one. An explicit
    OPENBLAS_NUM_THREADS in the environment is respected."""
    if os.environ.get("OPENBLAS_NUM_THREADS") or not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            libs = {line.split()[-1] for line in fh if "openblas" in line.lower() and ".so" in line}
    except OSError:
        return False
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                     "openblas_set_num_threads64_", "openblas_set_num_threads"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn(ctypes.c_int(int(n)))
                return True
    return False


class _Buffers:
    """Every array one forward/backward pass over B rows needs, allocated once."""

    def __init__(self, spec: NetSpec, rows: int):
        hidden = spec.hidden
        self.z = [np.empty((rows, spec.pre_width(l))) for l in range(spec.n_layers)]
        self.a = [None] + [np.empty((rows, u)) for u in hidden]  # a[0] is the input batch
        self.d = [np.empty((rows, spec.pre_width(l))) for l in range(spec.n_layers)]  # dL/dz
        self.g = [np.empty((rows, u)) for u in hidden]  # dL/da of each hidden layer
        self.mask = [np.empty((rows, u)) for u in hidden]  # inverted-dropout multipliers
        self.rand = [np.empty((rows, u)) for u in hidden]
        self.arg = [None] * len(hidden)  # maxout: index of the winning piece
        self.out = np.empty((rows, spec.n_out))
        self.ones = np.ones(rows)


def loss_value(spec: NetSpec, z_out: np.ndarray, out: np.ndarray, target: np.ndarray) -> float:
    """Mean loss over rows: 0.5 (o - t)^2 summed over outputs (TF Playground's), or cross-entropy
    computed from the logits so it stays finite however confident the net is."""
    if spec.loss == "squared" or spec.output in ("tanh", "linear"):
        diff = out - target
        return 0.5 * float(np.einsum("ij,ij->", diff, diff)) / len(out)
    if spec.output == "sigmoid":
        return float(np.mean(np.logaddexp(0.0, z_out) - target * z_out))
    zmax = z_out.max(axis=1, keepdims=True)
    lse = zmax[:, 0] + np.log(np.exp(z_out - zmax).sum(axis=1))
    return float(np.mean(lse - (target * z_out).sum(axis=1)))


def output_delta(spec: NetSpec, out: np.ndarray, target: np.ndarray, d: np.ndarray) -> None:
    """dL/dz of the output layer for a batch mean, written into d."""
    scale = 1.0 / len(out)
    np.subtract(out, target, out=d)
    if spec.loss == "cross_entropy" and spec.output in ("sigmoid", "softmax"):
        d *= scale  # the matched pairs: the gradient is simply (p - t) / B
        return
    d *= scale  # squared error: dL/do = (o - t) / B, then through the output unit
    if spec.output == "tanh":
        d *= 1.0 - out * out
    elif spec.output == "sigmoid":
        d *= out * (1.0 - out)
    elif spec.output == "softmax":
        d -= (d * out).sum(axis=1, keepdims=True)
        d *= out


class NumpyMLP:
    def __init__(self, spec: NetSpec, params: dict[str, np.ndarray], seed: int = 0):
        self.spec = spec
        self.layout = param_shapes(spec)
        total = sum(int(np.prod(shape)) for _, shape, _ in self.layout)
        self.theta = np.zeros(total)
        self.grad = np.zeros(total)
        self._tmp = np.zeros(total)
        self.reg_mask = np.zeros(total)  # 1 on weights: biases and PReLU slopes are not regularised
        self.views: dict[str, np.ndarray] = {}
        self.grad_views: dict[str, np.ndarray] = {}
        offset = 0
        for name, shape, kind in self.layout:
            size = int(np.prod(shape))
            self.views[name] = self.theta[offset:offset + size].reshape(shape)
            self.grad_views[name] = self.grad[offset:offset + size].reshape(shape)
            if kind == "weight":
                self.reg_mask[offset:offset + size] = 1.0
            offset += size
        n = spec.n_layers
        self.W = [self.views[f"layer{l}.weight"] for l in range(n)]
        self.b = [self.views[f"layer{l}.bias"] for l in range(n)]
        self.gW = [self.grad_views[f"layer{l}.weight"] for l in range(n)]
        self.gb = [self.grad_views[f"layer{l}.bias"] for l in range(n)]
        self.slope = [self.views.get(f"layer{h}.slope") for h in range(len(spec.hidden))]
        self.gslope = [self.grad_views.get(f"layer{h}.slope") for h in range(len(spec.hidden))]
        self.kinds = [self._kind(h) for h in range(len(spec.hidden))]
        self.fns = [activations.get(a) for a in spec.activations]
        self._buffers: dict[int, _Buffers] = {}
        self.rng = np.random.default_rng(seed)  # dropout masks
        self.load(params)
        self.configure()
        self.X = np.zeros((0, spec.n_in))
        self.T = np.zeros((0, spec.n_out))

    def _kind(self, h: int) -> str:
        name = self.spec.activations[h]
        if name in _FAST or name in ("prelu", "maxout"):
            return name
        return "registry"

    # --- parameters --------------------------------------------------------------------------------
    def load(self, params: dict[str, np.ndarray]) -> None:
        for name, _, _ in self.layout:
            self.views[name][...] = params[name]

    def params(self) -> dict[str, np.ndarray]:
        return {name: view.copy() for name, view in self.views.items()}

    def set_value(self, name: str, index: tuple, value: float) -> None:
        self.views[name][index] = value

    def configure(self, lr: float = 0.03, optimizer: str = "sgd", reg: str = "none", reg_rate: float = 0.0,
                  dropout: float = 0.0, momentum: float = 0.9, betas=(0.9, 0.999), eps: float = 1e-8) -> None:
        """Set the live hyperparameters; a new optimiser starts with fresh moments."""
        if getattr(self, "optimizer", None) != optimizer:
            self.v = np.zeros_like(self.theta)
            self.m = np.zeros_like(self.theta)
            self.t = 0
        self.lr, self.optimizer, self.reg, self.reg_rate = float(lr), optimizer, reg, float(reg_rate)
        self.dropout, self.momentum, self.betas, self.eps = float(dropout), momentum, betas, eps
        self._rate_mask = self.reg_mask * self.reg_rate

    def set_data(self, X: np.ndarray, T: np.ndarray) -> None:
        self.X = np.ascontiguousarray(X, dtype=float)
        self.T = np.ascontiguousarray(T, dtype=float)

    # --- passes ------------------------------------------------------------------------------------
    def _buf(self, rows: int) -> _Buffers:
        buf = self._buffers.get(rows)
        if buf is None:
            if len(self._buffers) > 8:  # grids of many sizes: do not hoard memory
                self._buffers.clear()
            buf = self._buffers[rows] = _Buffers(self.spec, rows)
        return buf

    def _forward(self, x: np.ndarray, buf: _Buffers, train: bool) -> np.ndarray:
        spec = self.spec
        a = x
        buf.a[0] = x
        drop = train and self.dropout > 0.0
        for h in range(len(spec.hidden)):
            z = buf.z[h]
            np.dot(a, self.W[h], out=z)
            z += self.b[h]
            a = buf.a[h + 1]
            kind = self.kinds[h]
            if kind == "tanh":
                np.tanh(z, out=a)
            elif kind == "relu":
                np.maximum(z, 0.0, out=a)
            elif kind == "sigmoid":
                # 1/(1+e^-z) = (1 + tanh(z/2)) / 2: one kernel, no overflow at large |z|
                np.multiply(z, 0.5, out=a)
                np.tanh(a, out=a)
                a *= 0.5
                a += 0.5
            elif kind == "linear":
                np.copyto(a, z)
            elif kind == "prelu":
                np.multiply(z, self.slope[h][0], out=a)
                np.copyto(a, z, where=z > 0.0)
            elif kind == "maxout":
                grouped = z.reshape(len(z), a.shape[1], -1)
                arg = grouped.argmax(axis=2)
                buf.arg[h] = arg
                np.copyto(a, np.take_along_axis(grouped, arg[..., None], axis=2)[..., 0])
            else:
                np.copyto(a, self.fns[h].forward(z, **spec.act_params[h]))
            if drop:
                keep = 1.0 - self.dropout
                r = buf.rand[h]
                self.rng.random(out=r)
                np.greater_equal(r, self.dropout, out=buf.mask[h], casting="unsafe")
                buf.mask[h] *= 1.0 / keep
                a *= buf.mask[h]
        z = buf.z[-1]
        np.dot(a, self.W[-1], out=z)
        z += self.b[-1]
        out = buf.out
        if spec.output == "tanh":
            np.tanh(z, out=out)
        elif spec.output == "linear":
            np.copyto(out, z)
        elif spec.output == "sigmoid":
            np.multiply(z, 0.5, out=out)
            np.tanh(out, out=out)
            out *= 0.5
            out += 0.5
        else:
            np.subtract(z, z.max(axis=1, keepdims=True), out=out)
            np.exp(out, out=out)
            out /= out.sum(axis=1, keepdims=True)
        return out

    def _backward(self, buf: _Buffers, target: np.ndarray, drop: bool) -> None:
        spec = self.spec
        d = buf.d[-1]
        output_delta(spec, buf.out, target, d)
        for l in range(spec.n_layers - 1, -1, -1):
            a_prev = buf.a[l]
            np.dot(a_prev.T, d, out=self.gW[l])
            np.dot(buf.ones, d, out=self.gb[l])
            if l == 0:
                break
            h = l - 1
            g = buf.g[h]
            np.dot(d, self.W[l].T, out=g)
            if drop:
                g *= buf.mask[h]
            d = buf.d[h]
            kind = self.kinds[h]
            if kind == "tanh":
                a = buf.a[l]
                np.multiply(a, a, out=d)
                np.subtract(1.0, d, out=d)
                d *= g
            elif kind == "relu":
                np.multiply(g, buf.z[h] > 0.0, out=d)
            elif kind == "sigmoid":
                a = buf.a[l]
                np.subtract(1.0, a, out=d)
                d *= a
                d *= g
            elif kind == "linear":
                np.copyto(d, g)
            elif kind == "prelu":
                z = buf.z[h]
                neg = z <= 0.0
                self.gslope[h][0] = float(np.sum(g * z * neg))
                np.multiply(g, np.where(neg, self.slope[h][0], 1.0), out=d)
            elif kind == "maxout":
                d.fill(0.0)
                grouped = d.reshape(len(d), g.shape[1], -1)
                np.put_along_axis(grouped, buf.arg[h][..., None], g[..., None], axis=2)
            else:
                np.multiply(g, self.fns[h].derivative(buf.z[h], **spec.act_params[h]), out=d)

    def _regularise(self) -> None:
        if self.reg == "none" or self.reg_rate == 0.0:
            return
        tmp = self._tmp
        if self.reg == "l2":  # d/dw of rate * w^2 / 2
            np.multiply(self.theta, self._rate_mask, out=tmp)
        else:  # d/dw of rate * |w|, 0 at exactly 0 as torch takes it
            np.sign(self.theta, out=tmp)
            tmp *= self._rate_mask
        self.grad += tmp

    def _update(self) -> None:
        tmp = self._tmp
        if self.optimizer == "sgd":
            np.multiply(self.grad, self.lr, out=tmp)
            self.theta -= tmp
        elif self.optimizer == "momentum":  # torch's form: v = mu v + g; w -= lr v
            self.v *= self.momentum
            self.v += self.grad
            np.multiply(self.v, self.lr, out=tmp)
            self.theta -= tmp
        else:  # Adam, written as torch.optim.Adam computes it
            b1, b2 = self.betas
            self.t += 1
            self.m *= b1
            np.multiply(self.grad, 1.0 - b1, out=tmp)
            self.m += tmp
            self.v *= b2
            np.multiply(self.grad, self.grad, out=tmp)
            tmp *= 1.0 - b2
            self.v += tmp
            bc1 = 1.0 - b1 ** self.t
            bc2 = 1.0 - b2 ** self.t
            np.sqrt(self.v, out=tmp)
            tmp *= 1.0 / np.sqrt(bc2)
            tmp += self.eps
            np.divide(self.m, tmp, out=tmp)
            tmp *= self.lr / bc1
            self.theta -= tmp

    # --- what the session calls --------------------------------------------------------------------
    def train_epoch(self, perm: np.ndarray, batch: int) -> None:
        """One pass over the training data in the order `perm`, one update per batch."""
        n = len(perm)
        if n == 0:
            return
        X = self.X[perm]
        T = self.T[perm]
        drop = self.dropout > 0.0
        # A diverging run overflows: the session reports the non-finite loss, numpy need not warn.
        with np.errstate(over="ignore", invalid="ignore"):
            for start in range(0, n, batch):
                xb = X[start:start + batch]
                buf = self._buf(len(xb))
                self._forward(xb, buf, drop)
                self._backward(buf, T[start:start + batch], drop)
                self._regularise()
                self._update()

    def train_step(self, x: np.ndarray, t: np.ndarray) -> None:
        buf = self._buf(len(x))
        drop = self.dropout > 0.0
        self._forward(np.ascontiguousarray(x, dtype=float), buf, drop)
        self._backward(buf, t, drop)
        self._regularise()
        self._update()

    def gradients(self, x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
        """Gradient of the batch loss (regularisation included, dropout off) per parameter."""
        buf = self._buf(len(x))
        self._forward(np.ascontiguousarray(x, dtype=float), buf, False)
        self._backward(buf, np.asarray(t, dtype=float), False)
        self._regularise()
        return {name: view.copy() for name, view in self.grad_views.items()}

    def predict(self, x: np.ndarray, hidden: bool = False):
        """Outputs (and, if asked, copies of every hidden layer's activations) with dropout off."""
        x = np.ascontiguousarray(x, dtype=float)
        buf = self._buf(len(x))
        with np.errstate(over="ignore", invalid="ignore"):
            out = self._forward(x, buf, False).copy()
        if hidden:
            return out, [a.copy() for a in buf.a[1:]]
        return out

    def evaluate(self, x: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray]:
        """(mean loss, outputs) on a data set, dropout off."""
        x = np.ascontiguousarray(x, dtype=float)
        buf = self._buf(len(x))
        with np.errstate(over="ignore", invalid="ignore"):
            out = self._forward(x, buf, False)
            return loss_value(self.spec, buf.z[-1], out, t), out.copy()
