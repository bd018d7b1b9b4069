"""Long experiments of the fit lab as jobs that advance one piece of work per session step.

A job trains a list of networks one after the other on the lab's samples (the width sweep: one
hidden layer of width 1, 2, 4, … N for one or two activations; the bounded-width comparison: ReLU
networks of width 5 and depth 1…D against one hidden layer of 5·d units), each for the same number
of epochs from the same seed, and records each one's final MSE and sup-norm error. Nothing here
sleeps or threads: the session calls `advance()` once per step, so the worker stays responsive, the
window shows progress, and Pause or Cancel stop it between two pieces of work.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from playground.core.i18n import tr
from playground.core.nets.mlp import make_engine
from playground.core.nets.mlp_spec import NetSpec, init_params
from playground.labs.fit.lesson import grouped

__all__ = ["Trainer", "Job", "train_network", "errors", "net_spec", "CHUNK_WORK"]

# Units × points × epochs per advance(): about 10-20 ms of work, so frames and commands keep flowing.
CHUNK_WORK = 400_000


@dataclass
class Trainer:
    """How every network of a lab run trains: data, optimiser, batch, seed, initialisation."""

    x: np.ndarray  # (n, 1) samples
    y: np.ndarray  # (n, 1)
    grid: np.ndarray  # (g, 1) dense grid for the sup-norm error
    clean: np.ndarray  # (g,) the clean target on the grid
    optimizer: str = "adam"
    lr: float = 0.01
    batch: int = 0  # 0: full batch
    seed: int = 0
    init: str = "he"
    device: str = "cpu"

    def batch_size(self) -> int:
        n = len(self.x)
        return n if self.batch <= 0 or self.batch >= n else int(self.batch)


def net_spec(hidden: list[int], acts: list[str]) -> NetSpec:
    return NetSpec(n_in=1, hidden=list(hidden), activations=list(acts), n_out=1, output="linear", loss="squared")


MAX_EPOCH_FLOP = 3e9  # about a second of the compiled engine here: the worker must stay responsive


def epoch_flop(spec: NetSpec, points: int, batch: int) -> float:
    """Rough arithmetic of one epoch: forward and backward over every point (about 6 per weight and
    point) plus one optimiser update of every parameter per batch (about 10 per parameter)."""
    units = spec.units()
    weights = sum(units[l] * spec.pre_width(l) for l in range(spec.n_layers))
    params = weights + sum(spec.pre_width(l) for l in range(spec.n_layers))
    updates = -(-int(points) // max(1, int(batch) if 0 < batch < points else int(points)))
    return 6.0 * weights * points + 10.0 * params * updates


def errors(engine, trainer: Trainer) -> tuple[float, float]:
    """(MSE on the samples, sup-norm error against the clean target on the dense grid)."""
    with np.errstate(all="ignore"):
        out = engine.predict(trainer.x)[:, 0]
        mse = float(np.mean((out - trainer.y[:, 0]) ** 2))
        grid = engine.predict(trainer.grid)[:, 0]
        sup = float(np.max(np.abs(grid - trainer.clean)))
    return mse, sup


def initial_weights(spec: NetSpec, scheme: str, seed: int, lo: float, hi: float) -> dict[str, np.ndarray]:
    """init_params, then the first layer's biases chosen so each unit's step or knee (x = −b/w) falls
    at a random point of [lo, hi]. With one input and the usual zero biases every ReLU would bend at
    x = 0, outside the data, and start as one straight line; spread, each unit starts where the data is."""
    params = init_params(spec, scheme, np.random.default_rng([seed, 2]))
    w = params["layer0.weight"][0]
    knees = np.random.default_rng([seed, 3]).uniform(lo, hi, w.shape)
    params["layer0.bias"] = -w * knees
    return params


def new_engine(spec: NetSpec, trainer: Trainer):
    lo, hi = float(trainer.x.min()), float(trainer.x.max())
    params = initial_weights(spec, trainer.init, trainer.seed, lo, hi)
    engine = make_engine(spec, params, trainer.device, seed=trainer.seed)
    engine.configure(lr=trainer.lr, optimizer=trainer.optimizer)
    engine.set_data(trainer.x, trainer.y)
    return engine


def train_network(spec: NetSpec, trainer: Trainer, epochs: int) -> tuple[float, float]:
    """Train one network to the end (the headless sweep); returns its (MSE, sup error)."""
    job = Job("one", [(0, 0, spec)], (1, 1), int(epochs), trainer)
    while not job.done:
        job.advance()
    return float(job.mse[0, 0]), float(job.sup[0, 0])


@dataclass
class Job:
    kind: str  # "sweep" or "bounded"
    configs: list  # (row, col, NetSpec), in training order
    shape: tuple  # of the result tables
    epochs: int
    trainer: Trainer
    mse: np.ndarray = field(init=False)
    sup: np.ndarray = field(init=False)
    index: int = 0  # the network being trained
    epoch: int = 0  # its epochs so far
    engine: object = None
    diverged: int = 0

    def __post_init__(self):
        self.mse = np.full(self.shape, -1.0)  # -1: not trained (yet)
        self.sup = np.full(self.shape, -1.0)
        self._shuffle = np.random.default_rng([self.trainer.seed, 4])

    @property
    def done(self) -> bool:
        return self.index >= len(self.configs)

    @property
    def total_epochs(self) -> int:
        return self.epochs * len(self.configs)

    @property
    def progress(self) -> float:
        if not self.configs:
            return 1.0
        return min(1.0, (self.index * self.epochs + self.epoch) / max(1, self.total_epochs))

    def current(self) -> NetSpec | None:
        return None if self.done else self.configs[self.index][2]

    def advance(self) -> None:
        """Train the current network a little further; finish it (record its errors) when due."""
        if self.done:
            return
        row, col, spec = self.configs[self.index]
        if self.engine is None:
            self.engine = new_engine(spec, self.trainer)
            self.epoch = 0
        n = len(self.trainer.x)
        batch = self.trainer.batch_size()
        work = max(1, n * sum(spec.hidden))
        chunk = max(1, min(self.epochs - self.epoch, CHUNK_WORK // work))
        with np.errstate(all="ignore"):
            for _ in range(chunk):
                perm = self._shuffle.permutation(n) if batch < n else np.arange(n)
                self.engine.train_epoch(perm, batch)
        self.epoch += chunk
        if self.epoch >= self.epochs:
            mse, sup = errors(self.engine, self.trainer)
            if not (np.isfinite(mse) and np.isfinite(sup)):
                self.diverged += 1
                mse, sup = -1.0, -1.0  # a diverged run has no error to plot; the count says so
            self.mse[row, col], self.sup[row, col] = mse, sup
            self.index += 1
            self.engine = None
            self.epoch = 0

    def label(self) -> str:
        spec = self.current()
        if spec is None:
            return tr("done")
        shape = "×".join(str(h) for h in spec.hidden)
        return tr("{activation} {shape}: network {index} of {count}, epoch {epoch}/{epochs}",
                  activation=spec.activations[0], shape=shape, index=self.index + 1, count=len(self.configs),
                  epoch=grouped(self.epoch), epochs=grouped(self.epochs))


def sweep_widths(n_max: int) -> list[int]:
    """1, 2, 4, … up to n_max (n_max itself last if it is not a power of two)."""
    widths = [1]
    while widths[-1] * 2 <= n_max:
        widths.append(widths[-1] * 2)
    if widths[-1] != n_max:
        widths.append(int(n_max))
    return widths


def width_sweep(widths: list[int], acts: list[str], epochs: int, trainer: Trainer) -> Job:
    configs = [(r, c, net_spec([w], [a])) for r, a in enumerate(acts) for c, w in enumerate(widths)]
    return Job("sweep", configs, (len(acts), len(widths)), epochs, trainer)


BOUNDED_WIDTH = 5  # the lecture's ReLU theorem: width ≤ n + 4, and here n = 1


def bounded_width(depth_max: int, epochs: int, trainer: Trainer) -> Job:
    """Row 0: ReLU, width 5, depth 1…D; row 1: one hidden layer of 5·d ReLU units (as many units)."""
    configs = []
    for d in range(1, depth_max + 1):
        configs.append((0, d - 1, net_spec([BOUNDED_WIDTH] * d, ["relu"] * d)))
        configs.append((1, d - 1, net_spec([BOUNDED_WIDTH * d], ["relu"])))
    return Job("bounded", configs, (2, depth_max), epochs, trainer)


__all__ += ["epoch_flop", "MAX_EPOCH_FLOP", "sweep_widths", "width_sweep", "bounded_width", "BOUNDED_WIDTH", "new_engine"]
