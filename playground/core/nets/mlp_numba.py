"""The CPU engine: one MLP of any `NetSpec`, trained by the compiled kernels of mlp_kernels.py.

Every parameter lives in one flat float64 vector (`theta`, in param_shapes order); `views` are numpy
views into it by name, so loading, saving and editing one weight never copies the network. A whole
epoch is one call into compiled code. Dropout draws its uniforms from a seeded numpy generator, one
block per epoch, in the order the torch engine draws them, so both engines drop the same units.
"""
from __future__ import annotations

import numpy as np

from playground.core.nets import activations
from playground.core.nets import mlp_kernels as K
from playground.core.nets.mlp_spec import NetSpec, param_shapes

__all__ = ["NumbaMLP", "layout_arrays"]


def layout_arrays(spec: NetSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """(lay, actp, reg_mask, layout) of a spec: what the kernels need to walk the flat vector."""
    layout = param_shapes(spec)
    offsets: dict[str, int] = {}
    total = 0
    reg_mask = []
    for name, shape, kind in layout:
        size = int(np.prod(shape))
        offsets[name] = total
        total += size
        reg_mask.append(np.full(size, 1.0 if kind == "weight" else 0.0))  # biases, slopes: not regularised
    units = spec.units()
    lay = np.zeros((spec.n_layers, K.LAY_COLS), dtype=np.int64)
    actp = np.zeros(spec.n_layers)
    z_off = 0
    a_off = 0
    for l in range(spec.n_layers):
        lay[l, K.W_OFF] = offsets[f"layer{l}.weight"]
        lay[l, K.B_OFF] = offsets[f"layer{l}.bias"]
        lay[l, K.FAN_IN] = units[l]
        lay[l, K.WIDTH] = spec.pre_width(l)
        lay[l, K.UNITS] = units[l + 1]
        lay[l, K.SLOPE_OFF] = -1
        lay[l, K.PIECES] = 1
        lay[l, K.Z_OFF] = z_off  # where this layer's pre-activations, then its input, sit in a row
        lay[l, K.A_OFF] = a_off
        z_off += spec.pre_width(l)
        a_off += units[l]
        if l < len(spec.hidden):
            name = spec.activations[l]
            if name not in K.ACT_CODES:
                raise ValueError(f"the CPU engine has no kernel for activation {name!r}")
            lay[l, K.ACT] = K.ACT_CODES[name]
            lay[l, K.PIECES] = spec.pieces(l)
            ap = {**activations.get(name).defaults(), **spec.act_params[l]}
            actp[l] = float(ap.get("slope", ap.get("alpha", 0.0)))
            if name == "prelu":
                lay[l, K.SLOPE_OFF] = offsets[f"layer{l}.slope"]
    return lay, actp, np.concatenate(reg_mask) if reg_mask else np.zeros(0), layout


_EMPTY2 = np.zeros((0, 1))
_NO_SET = np.zeros((0, 0))  # X2 of a call that wants no losses
_NO_TRACE = np.zeros(0)
_NO_INDEX = np.zeros(0, dtype=np.int64)
_NO_UNIFORMS = np.zeros(0)


BLAS_ROWS = 4096  # from this many rows, predict() uses numpy's matrix products (heatmap grids)


class NumbaMLP:
    """The compiled CPU path of `make_engine`; same methods, same numbers as TorchMLP."""

    device = "cpu"
    kind = "numba"
    label = "numba · cpu"

    def __init__(self, spec: NetSpec, params: dict[str, np.ndarray], seed: int = 0):
        self.spec = spec
        self.lay, self.actp, reg_mask, self.layout = layout_arrays(spec)
        total = len(reg_mask)
        # rows: theta, grad, Adam's first moment, velocity / Adam's second moment, regularisation mask
        self.opt_state = np.zeros((5, total))
        self.opt_state[K.S_REG] = reg_mask
        self.reg_mask = self.opt_state[K.S_REG]
        self.theta = self.opt_state[K.S_THETA]
        self.grad = self.opt_state[K.S_GRAD]
        # the kernels' scratch, once per engine; zeros, not empty: whole-vector loops read a few
        # values past a block's last row (see mlp_kernels._whole_vectors)
        self.work = np.zeros(K.work_size(self.lay, K.CHUNK))
        self.views: dict[str, np.ndarray] = {}
        self.grad_views: dict[str, np.ndarray] = {}
        offset = 0
        for name, shape, _ in self.layout:
            size = int(np.prod(shape))
            self.views[name] = self.theta[offset:offset + size].reshape(shape)
            self.grad_views[name] = self.grad[offset:offset + size].reshape(shape)
            offset += size
        self._units = sum(spec.hidden)
        self.rng = np.random.default_rng(seed)  # dropout uniforms
        self.codes = np.zeros(K.N_CODES, dtype=np.int64)
        self.codes[K.C_OUTPUT] = K.OUT_CODES[spec.output]
        self.codes[K.C_LOSS] = 0 if spec.loss == "squared" else 1
        self.codes[K.C_CHUNK] = K.CHUNK
        self.hyp = np.zeros(K.H_ACT + spec.n_layers)  # hyperparameters, then activation parameters
        self.hyp[K.H_ACT:] = self.actp
        self.optimizer = None
        self.load(params)
        self.configure()
        self.X = np.zeros((0, spec.n_in))
        self.T = np.zeros((0, spec.n_out))

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
        if optimizer not in K.OPT_CODES or reg not in K.REG_CODES:
            raise ValueError(f"unknown optimizer {optimizer!r} or regulariser {reg!r}")
        if not 0.0 <= float(dropout) < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        if self.optimizer != optimizer:
            self.opt_state[K.S_MOM:K.S_VEL + 1] = 0.0
            self.codes[K.C_STEP] = 0
        self.lr, self.optimizer, self.reg, self.reg_rate = float(lr), optimizer, reg, float(reg_rate)
        self.dropout, self.momentum, self.betas, self.eps = float(dropout), momentum, betas, eps
        self.hyp[:K.H_ACT] = (self.lr, momentum, betas[0], betas[1], eps, self.reg_rate, self.dropout)
        self.codes[K.C_OPT] = K.OPT_CODES[optimizer]
        self.codes[K.C_REG] = K.REG_CODES[reg]

    def set_data(self, X: np.ndarray, T: np.ndarray) -> None:
        self.X = _rows(X, self.spec.n_in)
        self.T = _rows(T, self.spec.n_out)

    # --- training ----------------------------------------------------------------------------------
    def _uniforms(self, rows: int) -> np.ndarray:
        if self.dropout <= 0.0:
            return _NO_UNIFORMS
        return self.rng.random(rows * self._units)

    def train_epoch(self, perm: np.ndarray, batch: int) -> None:
        """One pass over the training data in the order `perm`, one update per batch."""
        n = len(perm)
        if n == 0:
            return
        idx = np.ascontiguousarray(perm, dtype=np.int64)
        self._run(K.TRAIN, self.X, self.T, idx, max(1, int(batch)), self._uniforms(n))

    def train_epoch_with_losses(self, perm: np.ndarray, batch: int, test_x: np.ndarray,
                                test_t: np.ndarray) -> tuple[float, float]:
        """train_epoch, then (training loss, test loss) after it, NaN for an empty set: in one call
        into compiled code, where a lab drawing both curves would otherwise make three."""
        n = len(perm)
        if n == 0:
            return self.evaluate(self.X, self.T)[0], self.evaluate(test_x, test_t)[0]
        idx = perm
        if not (type(perm) is np.ndarray and perm.dtype == np.int64 and perm.flags.c_contiguous):
            idx = np.ascontiguousarray(perm, dtype=np.int64)
        # straight into the kernel (this runs every epoch: _run's keyword call cost a microsecond)
        return K.kernel(K.TRAIN, self.opt_state, self.lay, self.hyp, self.codes, self.work, self.X, self.T, idx,
                        max(1, int(batch)), self._uniforms(n) if self.dropout > 0.0 else _NO_UNIFORMS, _EMPTY2,
                        _NO_TRACE, _rows(test_x, self.spec.n_in), _rows(test_t, self.spec.n_out))

    def train_step(self, x: np.ndarray, t: np.ndarray) -> None:
        """One update on the batch (x, t)."""
        x = _rows(x, self.spec.n_in)
        t = _rows(t, self.spec.n_out)
        n = len(x)
        if n == 0:
            return
        self._run(K.TRAIN, x, t, np.arange(n, dtype=np.int64), n, self._uniforms(n))

    def gradients(self, x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
        """Gradient of the batch loss (regularisation included, dropout off) per parameter."""
        x = _rows(x, self.spec.n_in)
        self._run(K.GRADIENT, x, _rows(t, self.spec.n_out), out=np.empty((len(x), self.spec.n_out)))
        return {name: view.copy() for name, view in self.grad_views.items()}

    # --- evaluation --------------------------------------------------------------------------------
    def predict(self, x: np.ndarray, hidden: bool = False):
        """Outputs (and, if asked, copies of every hidden layer's activations) with dropout off."""
        if len(x) >= BLAS_ROWS:
            return self._predict_blas(_rows(x, self.spec.n_in), hidden)
        if hidden:
            out, _, acts = self.trace(x)
            return out, acts
        x = _rows(x, self.spec.n_in)
        out = np.empty((len(x), self.spec.n_out))
        self._run(K.FORWARD, x, out=out)
        return out

    def _predict_blas(self, x: np.ndarray, hidden: bool):
        """The forward pass as whole-matrix numpy products: for the window's heatmaps (10,000 grid
        points a frame) BLAS beats the per-example compiled loop five times over. Same formulas as
        the kernel (the registry's numpy activations; its erf for GELU is within 1e-7)."""
        from playground.core.nets import activations as acts

        spec, a, hidden_acts = self.spec, x, []
        with np.errstate(over="ignore", invalid="ignore"):
            for layer in range(spec.n_layers):
                z = a @ self.views[f"layer{layer}.weight"] + self.views[f"layer{layer}.bias"]
                if layer == len(spec.hidden):
                    break
                name = spec.activations[layer]
                fn = acts.get(name)
                if fn.kind == "maxout":
                    a = z.reshape(len(z), spec.hidden[layer], spec.pieces(layer)).max(axis=2)
                elif name == "prelu":
                    slope = float(self.views[f"layer{layer}.slope"][0])
                    a = np.where(z > 0, z, slope * z)
                else:
                    a = fn.forward(z, **{k: v for k, v in spec.act_params[layer].items()
                                         if k in {q.name for q in fn.params}})
                hidden_acts.append(a)
            if spec.output == "linear":
                out = z
            elif spec.output == "softmax":
                e = np.exp(z - z.max(axis=1, keepdims=True))
                out = e / e.sum(axis=1, keepdims=True)
            else:
                out = acts.get(spec.output).forward(z)
        out = np.ascontiguousarray(out, dtype=float)
        return (out, [np.array(h) for h in hidden_acts]) if hidden else out

    def trace(self, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """(outputs, pre-activations z of every hidden layer, their activations f(z)), dropout off.
        A maxout layer's z has k columns per unit."""
        x = _rows(x, self.spec.n_in)
        n = len(x)
        spec = self.spec
        out = np.empty((n, spec.n_out))
        lay = self.lay
        zsz = int(lay[-1, K.Z_OFF] + lay[-1, K.WIDTH])
        asz = int(lay[-1, K.A_OFF] + lay[-1, K.FAN_IN])
        trace = np.empty(n * (zsz + asz))  # every layer's block of n rows, as the kernels' scratch
        self._run(K.FORWARD, x, out=out, trace=trace)
        zs, acts = [], []
        for h in range(len(spec.hidden)):
            z0 = n * int(lay[h, K.Z_OFF])
            a0 = n * (zsz + int(lay[h + 1, K.A_OFF]))
            zs.append(trace[z0:z0 + n * spec.pre_width(h)].reshape(n, spec.pre_width(h)))
            acts.append(trace[a0:a0 + n * spec.hidden[h]].reshape(n, spec.hidden[h]))
        return out, zs, acts

    def evaluate(self, x: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray]:
        """(mean loss, outputs) on a data set, dropout off."""
        x = _rows(x, self.spec.n_in)
        out = np.empty((len(x), self.spec.n_out))
        if len(x) == 0:
            return float("nan"), out
        return self._run(K.EVALUATE, x, _rows(t, self.spec.n_out), out=out)[0], out

    def _run(self, mode, x, t=_EMPTY2, idx=_NO_INDEX, batch=1, uniforms=_NO_UNIFORMS, out=_EMPTY2,
             trace=_NO_TRACE, x2=_NO_SET, t2=_EMPTY2) -> tuple[float, float]:
        """One call into the compiled kernel; every argument has one fixed type, so one compiled
        version serves all modes."""
        return K.kernel(mode, self.opt_state, self.lay, self.hyp, self.codes, self.work, x, t, idx, batch,
                        uniforms, out, trace, x2, t2)


def _rows(a, cols: int) -> np.ndarray:
    """A C-contiguous float64 (n, cols) array: the one layout the kernels are compiled for."""
    if type(a) is np.ndarray and a.dtype == np.float64 and a.ndim == 2 and a.flags.c_contiguous:
        return a  # the common case, checked without a copy or a conversion: this runs every epoch
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        a = a.reshape(-1, cols)
    if not a.flags.c_contiguous:
        a = np.ascontiguousarray(a)
    return a
