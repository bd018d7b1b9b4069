"""What backpropagation delivers to each layer of a deep network: the lecture's vanishing gradient.

Each hidden layer multiplies the backward signal by its weights and by f'(z). Sigmoid's f' is at most
1/4, so twenty sigmoid layers shrink the first layer's gradient by many orders of magnitude, while
ReLU with He initialisation passes it through unchanged on average. `measure_flow` reads, on the full
training set, the norm of each layer's weight gradient (input side first), the fraction of dead units
(f'(z) = 0 on every sample: a ReLU that never fires) and of saturated unit-sample pairs (|f'(z)| below
a threshold), and the mean and spread of each layer's outputs (a sigmoid's are not zero-centred).
"""
from __future__ import annotations

import numpy as np

from playground.core.nets import activations
from playground.labs.activations.deep_net import DeepTrainer

__all__ = ["SATURATION_THRESHOLD", "measure_flow"]

SATURATION_THRESHOLD = 0.05  # |f'(z)| below this counts as saturated (the explorer shades the same)


def measure_flow(trainer: DeepTrainer, threshold: float = SATURATION_THRESHOLD) -> dict:
    """Full-batch gradient statistics per hidden layer, as plain numpy arrays (no optimiser step)."""
    net, spec = trainer.net, trainer.spec
    grads = net.gradients(trainer.x, trainer.t)
    depth = len(spec.hidden)
    grad_norms = np.array([float(np.linalg.norm(grads[f"layer{i}.weight"])) for i in range(depth)])
    output_grad = float(np.linalg.norm(grads[f"layer{depth}.weight"]))
    loss, _ = net.evaluate(trainer.x, trainer.t)
    _, zs, hs = net.trace(trainer.x)

    act = activations.get(trainer.activation)
    slopes = trainer.prelu_slopes()
    dead = np.zeros(depth)
    saturated = np.zeros(depth)
    mean = np.zeros(depth)
    std = np.zeros(depth)
    for i, (z, h) in enumerate(zip(zs, hs)):
        mean[i], std[i] = float(h.mean()), float(h.std())
        if act.kind == "maxout":
            continue  # its input gradient is the winning piece's w: never zero, never saturated
        params = dict(trainer.act_params)
        if slopes:
            params["slope"] = slopes[i]
        d = np.abs(act.derivative(z, **params))  # (n, width)
        dead[i] = float(np.mean(np.all(d == 0.0, axis=0)))
        saturated[i] = float(np.mean(d < threshold))
    return {
        "loss": float(loss),
        "grad_norms": grad_norms,
        "output_grad_norm": output_grad,
        "dead_fraction": dead,
        "saturated_fraction": saturated,
        "act_mean": mean,
        "act_std": std,
    }
