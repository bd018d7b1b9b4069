"""Kolmogorov–Arnold made visible: a function of two variables as sums of functions of one.

The lecture's theorem: every continuous f : [0, 1]ⁿ → ℝ can be written
f(x₁, …, xₙ) = Σᵢ₌₁²ⁿ⁺¹ φᵢ(Σⱼ ψᵢⱼ(xⱼ)). For n = 2 that is five outer functions φᵢ and ten inner ones
ψᵢⱼ. Here each of the fifteen is a tiny learned MLP of one variable (1 → 8 tanh units → 1), trained
together by Adam on a grid of the target (torch autograd, in the worker); the forward pass for the
drawings is plain numpy, so snapshots and the view need no torch. The learned ψ and φ are drawn as
curves beside the target and the fitted surface.
"""
from __future__ import annotations

import numpy as np

from playground.core.i18n import N_, tr
from playground.labs.fit.lesson import grouped

__all__ = ["TARGETS", "TARGET_LABELS", "TERMS", "HIDDEN", "init_state", "expected_state", "forward", "KAJob",
           "snapshot"]

TERMS = 5  # 2n + 1 with n = 2
HIDDEN = 8  # tanh units in each univariate function
TRAIN_GRID = 24
SHOW_GRID = 40
STEPS_PER_ADVANCE = 20
LR = 0.01

TARGETS = {
    "product": lambda a, b: a * b,
    "sum_square": lambda a, b: (a + b) ** 2 / 4,
    "sincos": lambda a, b: np.sin(np.pi * a) * np.cos(np.pi * b),
    "bump": lambda a, b: np.exp(-((a - 0.5) ** 2 + (b - 0.5) ** 2) / 0.08),
    "max": lambda a, b: np.maximum(a, b),
    "exp_sin": lambda a, b: np.exp(np.sin(np.pi * a) + b ** 2) / np.e ** 2,
}
TARGET_LABELS = {"product": "x₁·x₂", "sum_square": "(x₁ + x₂)²/4", "sincos": "sin(πx₁)·cos(πx₂)",
                 "bump": N_("Gaussian bump"), "max": "max(x₁, x₂)", "exp_sin": "exp(sin(πx₁) + x₂²)/e²"}

_SHAPES = {
    "ka.psi.w1": (TERMS, 2, HIDDEN), "ka.psi.b1": (TERMS, 2, HIDDEN), "ka.psi.w2": (TERMS, 2, HIDDEN),
    "ka.psi.b2": (TERMS, 2),
    "ka.phi.w1": (TERMS, HIDDEN), "ka.phi.b1": (TERMS, HIDDEN), "ka.phi.w2": (TERMS, HIDDEN), "ka.phi.b2": (TERMS,),
}


def expected_state() -> dict[str, tuple]:
    return dict(_SHAPES)


def init_state(seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng([seed, 7])
    s = {
        # inner functions see x in [0, 1]: slopes and offsets that put the tanh knees inside it
        "ka.psi.w1": rng.uniform(-4, 4, _SHAPES["ka.psi.w1"]),
        "ka.psi.b1": rng.uniform(-2, 2, _SHAPES["ka.psi.b1"]),
        "ka.psi.w2": rng.normal(0, 1 / np.sqrt(HIDDEN), _SHAPES["ka.psi.w2"]),
        "ka.psi.b2": np.zeros(_SHAPES["ka.psi.b2"]),
        "ka.phi.w1": rng.uniform(-2, 2, _SHAPES["ka.phi.w1"]),
        "ka.phi.b1": rng.uniform(-1, 1, _SHAPES["ka.phi.b1"]),
        "ka.phi.w2": rng.normal(0, 1 / np.sqrt(HIDDEN), _SHAPES["ka.phi.w2"]),
        "ka.phi.b2": np.zeros(_SHAPES["ka.phi.b2"]),
    }
    return s


def inner(s: dict, x: np.ndarray) -> np.ndarray:
    """ψᵢⱼ(xⱼ) for points x (B, 2): (B, TERMS, 2)."""
    h = np.tanh(x[:, None, :, None] * s["ka.psi.w1"] + s["ka.psi.b1"])
    return (h * s["ka.psi.w2"]).sum(-1) + s["ka.psi.b2"]


def outer(s: dict, z: np.ndarray) -> np.ndarray:
    """φᵢ(zᵢ) for z (B, TERMS): (B, TERMS)."""
    h = np.tanh(z[..., None] * s["ka.phi.w1"] + s["ka.phi.b1"])
    return (h * s["ka.phi.w2"]).sum(-1) + s["ka.phi.b2"]


def forward(s: dict, x: np.ndarray) -> np.ndarray:
    return outer(s, inner(s, x).sum(-1)).sum(-1)


def grid_points(n: int) -> tuple[np.ndarray, np.ndarray]:
    axis = np.linspace(0.0, 1.0, n)
    a, b = np.meshgrid(axis, axis, indexing="ij")
    return axis, np.stack([a.ravel(), b.ravel()], axis=1)


class KAJob:
    """Adam on all fifteen univariate networks at once, STEPS_PER_ADVANCE steps per advance()."""

    kind = "ka"

    def __init__(self, target: str, steps: int, state: dict, seed: int = 0):
        import torch

        # Tensors of a few thousand numbers: a second thread only spins against the window on a
        # busy two-core machine (measured ten times slower with two).
        torch.set_num_threads(1)
        torch.manual_seed(seed)
        self.target = target
        self.steps_total = int(steps)
        self.steps = 0
        self.history: list[float] = []
        _axis, pts = grid_points(TRAIN_GRID)
        self.x = torch.from_numpy(pts)
        self.y = torch.from_numpy(TARGETS[target](pts[:, 0], pts[:, 1]))
        self.params = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in state.items()}
        # Adam written out (torch.optim.Adam's update): creating a torch.optim optimiser imports
        # torch._dynamo, several seconds on this machine before the first step.
        self.m = {k: torch.zeros_like(v) for k, v in self.params.items()}
        self.v = {k: torch.zeros_like(v) for k, v in self.params.items()}

    @property
    def done(self) -> bool:
        return self.steps >= self.steps_total

    @property
    def progress(self) -> float:
        return min(1.0, self.steps / max(1, self.steps_total))

    def label(self) -> str:
        if self.history:
            return tr("Adam step {step} of {total}, MSE {mse}", step=grouped(self.steps),
                      total=grouped(self.steps_total), mse=f"{self.history[-1]:.2e}")
        return tr("Adam step {step} of {total}", step=grouped(self.steps), total=grouped(self.steps_total))

    def _forward(self, x):
        import torch

        p = self.params
        h = torch.tanh(x[:, None, :, None] * p["ka.psi.w1"] + p["ka.psi.b1"])  # (B, 5, 2, H)
        psi = (h * p["ka.psi.w2"]).sum(-1) + p["ka.psi.b2"]  # (B, 5, 2)
        z = psi.sum(-1)  # (B, 5)
        g = torch.tanh(z[..., None] * p["ka.phi.w1"] + p["ka.phi.b1"])  # (B, 5, H)
        return ((g * p["ka.phi.w2"]).sum(-1) + p["ka.phi.b2"]).sum(-1)  # (B,)

    def advance(self) -> None:
        n = min(STEPS_PER_ADVANCE, self.steps_total - self.steps)
        import torch

        b1, b2, eps = 0.9, 0.999, 1e-8
        for _ in range(n):
            for p in self.params.values():
                p.grad = None
            loss = ((self._forward(self.x) - self.y) ** 2).mean()
            loss.backward()
            self.steps += 1
            with torch.no_grad():
                c1, c2 = 1.0 - b1 ** self.steps, 1.0 - b2 ** self.steps
                for k, p in self.params.items():
                    g = p.grad
                    self.m[k].mul_(b1).add_(g, alpha=1.0 - b1)
                    self.v[k].mul_(b2).addcmul_(g, g, value=1.0 - b2)
                    p.sub_(LR / c1 * self.m[k] / ((self.v[k] / c2).sqrt() + eps))
        self.history.append(float(loss.detach()))

    def state(self) -> dict[str, np.ndarray]:
        return {k: v.detach().numpy().copy() for k, v in self.params.items()}


def snapshot(s: dict, target: str) -> dict:
    """What the view draws: target and fit on a grid, the ten ψ curves and the five φ curves."""
    axis, pts = grid_points(SHOW_GRID)
    with np.errstate(all="ignore"):
        truth = TARGETS[target](pts[:, 0], pts[:, 1])
        fit = forward(s, pts)
        t = np.linspace(0.0, 1.0, 101)
        both = np.stack([t, t], axis=1)
        psi = inner(s, both)  # (101, 5, 2): ψᵢ₁(t) and ψᵢ₂(t)
        z = inner(s, pts).sum(-1)  # (B, 5): each φ's inputs over the square
        lo, hi = z.min(axis=0), z.max(axis=0)
        zs = lo[None, :] + (hi - lo)[None, :] * np.linspace(0, 1, 101)[:, None]  # (101, 5)
        phi = outer(s, zs)
    return {"axis": axis, "truth": truth.reshape(SHOW_GRID, SHOW_GRID).astype(np.float32),
            "fit": fit.reshape(SHOW_GRID, SHOW_GRID).astype(np.float32),
            "psi_t": t, "psi": np.transpose(psi, (1, 2, 0)).astype(np.float32),  # (5, 2, 101)
            "phi_z": zs.T.astype(np.float32), "phi": phi.T.astype(np.float32),  # (5, 101)
            "mse": float(np.mean((fit - truth) ** 2))}
