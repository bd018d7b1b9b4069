"""The one activation registry every lab reads.

The lecture lists sigmoid, tanh, ReLU, Leaky ReLU, PReLU, ELU and Maxout with their advantages and
drawbacks; we add linear, the Heaviside step (the perceptron's), GELU, SiLU/Swish and softplus. Each
entry carries a numpy forward and derivative (the fast engines and the plots use them), a torch module
factory (autograd and the GPU use it), its formula and the lecture's pros and cons in English and French.

The registry name is the key stored in experiment files: never rename one.  torch is imported lazily so
that the window, which reads this list to fill its menus, opens before torch has loaded.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

__all__ = ["Activation", "ACTIVATIONS", "get", "names", "trainable_names", "ParamSpec"]


@dataclass(frozen=True)
class ParamSpec:
    """An adjustable parameter of an activation (Leaky slope, ELU alpha, Maxout pieces)."""

    name: str
    label: str
    default: float
    minimum: float
    maximum: float
    integer: bool = False
    learned: bool = False  # PReLU: the value is only the initial one, training moves it


@dataclass(frozen=True)
class Activation:
    name: str
    label: str
    formula: str  # plain Unicode, readable in a tooltip or a terminal
    formula_html: str  # rich text for the explorer's formula label
    forward: Callable[..., np.ndarray]  # f(x, **params), elementwise
    derivative: Callable[..., np.ndarray]  # f'(x, **params), elementwise
    pros: dict = field(default_factory=dict)  # {"en": [...], "fr": [...]}
    cons: dict = field(default_factory=dict)
    params: tuple[ParamSpec, ...] = ()
    kind: str = "elementwise"  # "maxout": k affine maps then a max, so a layer has k x width units
    differentiable: bool = True  # False for the step: gradient descent cannot train through it
    in_lecture: bool = True

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}

    def torch_module(self, **params):
        """A fresh torch module for this activation (a per-layer instance: PReLU learns its own slope)."""
        return _torch_module(self.name, {**self.defaults(), **params})


# --- numpy implementations -------------------------------------------------------------------------
# Written to be safe for any float input: no overflow warnings from exp at large |x|.

def _sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def _sigmoid_d(x):
    s = _sigmoid(x)
    return s * (1.0 - s)


def _tanh_d(x):
    t = np.tanh(x)
    return 1.0 - t * t


def _relu(x):
    return np.maximum(x, 0.0)


def _relu_d(x):
    # The derivative at exactly 0 is taken as 0, as torch does.
    return (np.asarray(x) > 0).astype(float)


def _leaky(x, slope=0.01):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, slope * x)


def _leaky_d(x, slope=0.01):
    return np.where(np.asarray(x) > 0, 1.0, slope)


def _elu(x, alpha=1.0):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _elu_d(x, alpha=1.0):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def _linear(x):
    return np.asarray(x, dtype=float).copy()


def _linear_d(x):
    return np.ones_like(np.asarray(x, dtype=float))


def _step(x):
    return (np.asarray(x) >= 0).astype(float)


def _step_d(x):
    return np.zeros_like(np.asarray(x, dtype=float))


_SQRT2 = math.sqrt(2.0)
_erf = np.vectorize(math.erf, otypes=[float])


def _phi(x):  # standard normal CDF
    return 0.5 * (1.0 + _erf(np.asarray(x, dtype=float) / _SQRT2))


def _gelu(x):
    x = np.asarray(x, dtype=float)
    return x * _phi(x)


def _gelu_d(x):
    x = np.asarray(x, dtype=float)
    return _phi(x) + x * np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def _silu(x):
    x = np.asarray(x, dtype=float)
    return x * _sigmoid(x)


def _silu_d(x):
    s = _sigmoid(x)
    return s * (1.0 + np.asarray(x, dtype=float) * (1.0 - s))


def _softplus(x):
    x = np.asarray(x, dtype=float)
    return np.logaddexp(0.0, x)


# Maxout of a scalar input, as the explorer draws it: k fixed affine pieces w_i x + b_i, then the max.
# The pieces are spread so that k=2 gives |x|-like behaviour and more pieces bend it further.
def maxout_pieces(pieces: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Slopes and intercepts of the illustrative affine pieces the explorer shows for Maxout."""
    k = max(1, int(pieces))
    slopes = np.linspace(-1.0, 1.0, k) if k > 1 else np.array([1.0])
    intercepts = -0.5 * slopes**2 + (0.25 if k > 2 else 0.0)
    return slopes, intercepts


def _maxout(x, pieces=2):
    w, b = maxout_pieces(pieces)
    x = np.asarray(x, dtype=float)
    return np.max(np.multiply.outer(x, w) + b, axis=-1)


def _maxout_d(x, pieces=2):
    w, b = maxout_pieces(pieces)
    x = np.asarray(x, dtype=float)
    return w[np.argmax(np.multiply.outer(x, w) + b, axis=-1)]


# --- torch modules (lazy) ----------------------------------------------------------------------------

def _torch_module(name: str, params: dict):
    import torch
    from torch import nn

    if name == "sigmoid":
        return nn.Sigmoid()
    if name == "tanh":
        return nn.Tanh()
    if name == "relu":
        return nn.ReLU()
    if name == "leaky_relu":
        return nn.LeakyReLU(negative_slope=float(params["slope"]))
    if name == "prelu":
        return nn.PReLU(init=float(params["slope"]))
    if name == "elu":
        return nn.ELU(alpha=float(params["alpha"]))
    if name == "linear":
        return nn.Identity()
    if name == "gelu":
        return nn.GELU()
    if name == "silu":
        return nn.SiLU()
    if name == "softplus":
        return nn.Softplus()
    if name == "step":
        class Step(nn.Module):
            def forward(self, x):
                return (x >= 0).to(x.dtype)

        return Step()
    if name == "maxout":
        pieces = int(params["pieces"])

        class MaxoutPool(nn.Module):
            """Takes k x width pre-activations (grouped per unit) and keeps the max of each group."""

            def __init__(self, k):
                super().__init__()
                self.k = k

            def forward(self, x):  # (..., width * k) -> (..., width)
                return x.unflatten(-1, (-1, self.k)).amax(dim=-1)

        return MaxoutPool(pieces)
    raise KeyError(name)


def _list(*items):
    return list(items)


ACTIVATIONS: dict[str, Activation] = {}


def _register(a: Activation) -> None:
    ACTIVATIONS[a.name] = a


_register(Activation(
    "sigmoid", "Sigmoid", "σ(x) = 1 / (1 + e^(−x))", "σ(x) = 1 / (1 + e<sup>−x</sup>)",
    _sigmoid, _sigmoid_d,
    pros={"en": _list("Squashes values into (0, 1).", "Well studied."),
          "fr": _list("Ramène les valeurs entre 0 et 1.", "Bien étudié.")},
    cons={"en": _list("A saturated neuron kills the gradients.", "Its output is not zero-centred.",
                      "The exponential is expensive to compute."),
          "fr": _list("Un neurone saturé annule les gradients.", "La sortie n'est pas centrée à zéro.",
                      "L'exponentielle est coûteuse à calculer.")},
))
_register(Activation(
    "tanh", "tanh", "tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))", "tanh(x) = (e<sup>x</sup> − e<sup>−x</sup>) / (e<sup>x</sup> + e<sup>−x</sup>)",
    np.tanh, _tanh_d,
    pros={"en": _list("Squashes values into (−1, 1).", "Zero-centred output."),
          "fr": _list("Ramène les valeurs entre −1 et 1.", "Sortie centrée à zéro.")},
    cons={"en": _list("The gradient vanishes where the function saturates."),
          "fr": _list("Annulation du gradient lorsque la fonction sature.")},
))
_register(Activation(
    "relu", "ReLU", "ReLU(x) = max(0, x)", "ReLU(x) = max(0, x)",
    _relu, _relu_d,
    pros={"en": _list("Fast.", "No saturation for x > 0.",
                      "Converges about 5 to 10 times faster than sigmoid and tanh."),
          "fr": _list("Rapide.", "Aucune saturation.",
                      "Convergence ~5 à 10 fois plus rapide que sigmoid et tanh.")},
    cons={"en": _list("Output not zero-centred.", "Zero gradient for x < 0: units can die."),
          "fr": _list("Sortie non centrée à zéro.", "Pour x < 0, le gradient est nul.")},
))
_register(Activation(
    "leaky_relu", "Leaky ReLU", "LeakyReLU(x) = max(a·x, x)", "LeakyReLU(x) = max(<i>a</i>·x, x)",
    _leaky, _leaky_d,
    params=(ParamSpec("slope", "negative slope a", 0.01, 0.0, 1.0),),
    pros={"en": _list("No saturation.", "Very fast.", "The gradient never vanishes."),
          "fr": _list("Aucune saturation.", "Très rapide.", "Le gradient ne s'annule pas.")},
    cons={"en": _list("The slope (0.01) is one more hyperparameter."),
          "fr": _list("0.01 est un hyperparamètre.")},
))
_register(Activation(
    "prelu", "PReLU", "PReLU(x) = max(a·x, x), a learned", "PReLU(x) = max(<i>a</i>·x, x), <i>a</i> learned",
    _leaky, _leaky_d,
    params=(ParamSpec("slope", "initial slope a", 0.25, 0.0, 1.0, learned=True),),
    pros={"en": _list("Same advantages as Leaky ReLU.", "The slope is learned, not tuned by hand."),
          "fr": _list("Mêmes avantages que Leaky ReLU.")},
    cons={"en": _list("The slope is learned by backpropagation with the other parameters: one more "
                      "parameter per unit to fit."),
          "fr": _list("L'hyperparamètre s'apprend durant la rétropropagation et est actualisé avec "
                      "les autres paramètres du problème.")},
))
_register(Activation(
    "elu", "ELU", "ELU(x) = x if x ≥ 0, α(e^x − 1) otherwise",
    "ELU(x) = x if x ≥ 0, α(e<sup>x</sup> − 1) otherwise",
    _elu, _elu_d,
    params=(ParamSpec("alpha", "alpha α", 1.0, 0.01, 3.0),),
    pros={"en": _list("All the benefits of ReLU.", "Outputs closer to zero mean.",
                      "Smooth negative part: no dead units."),
          "fr": _list("Les avantages de ReLU.", "Sorties plus proches d'une moyenne nulle.")},
    cons={"en": _list("Needs an exponential.", "Saturates for large negative inputs."),
          "fr": _list("Nécessite une exponentielle.")},
))
_register(Activation(
    "maxout", "Maxout", "Maxout(x) = max(w₁ᵀx + b₁, …, w_kᵀx + b_k)",
    "Maxout(x) = max(w<sub>1</sub><sup>T</sup>x + b<sub>1</sub>, …, w<sub>k</sub><sup>T</sup>x + b<sub>k</sub>)",
    _maxout, _maxout_d, kind="maxout",
    params=(ParamSpec("pieces", "pieces k", 2, 1, 6, integer=True),),
    pros={"en": _list("Generalises ReLU and Leaky ReLU.", "Piecewise linear: no saturation, no dead units."),
          "fr": _list("Généralise ReLU et Leaky ReLU.", "Linéaire par morceaux : ni saturation ni neurone mort.")},
    cons={"en": _list("k times the parameters per unit."),
          "fr": _list("k fois plus de paramètres par neurone.")},
))
_register(Activation(
    "linear", "Linear", "f(x) = x", "f(x) = x", _linear, _linear_d,
    pros={"en": _list("Keeps the network a plain linear map: a baseline."),
          "fr": _list("Le réseau reste une application linéaire : une référence.")},
    cons={"en": _list("Any depth collapses to one linear layer: no XOR, no circle."),
          "fr": _list("Toute profondeur se réduit à une seule couche linéaire.")},
    in_lecture=False,
))
_register(Activation(
    "step", "Step (Heaviside)", "H(x) = 1 if x ≥ 0, else 0", "H(x) = 1 if x ≥ 0, else 0",
    _step, _step_d, differentiable=False,
    pros={"en": _list("Rosenblatt's perceptron: a hard yes/no decision."),
          "fr": _list("Le perceptron de Rosenblatt : une décision binaire.")},
    cons={"en": _list("Zero derivative almost everywhere: gradient descent cannot train through it."),
          "fr": _list("Dérivée nulle presque partout : pas de descente de gradient.")},
))
_register(Activation(
    "gelu", "GELU", "GELU(x) = x·Φ(x)", "GELU(x) = x·Φ(x)", _gelu, _gelu_d,
    pros={"en": _list("Smooth ReLU-like curve; the default in transformers."),
          "fr": _list("Courbe lisse proche de ReLU ; par défaut dans les transformers.")},
    cons={"en": _list("Costlier than ReLU (the normal CDF)."),
          "fr": _list("Plus coûteuse que ReLU.")},
    in_lecture=False,
))
_register(Activation(
    "silu", "SiLU / Swish", "SiLU(x) = x·σ(x)", "SiLU(x) = x·σ(x)", _silu, _silu_d,
    pros={"en": _list("Smooth and non-monotonic; often a little better than ReLU in deep nets."),
          "fr": _list("Lisse et non monotone ; souvent un peu meilleure que ReLU.")},
    cons={"en": _list("Needs an exponential."), "fr": _list("Nécessite une exponentielle.")},
    in_lecture=False,
))
_register(Activation(
    "softplus", "Softplus", "softplus(x) = ln(1 + e^x)", "softplus(x) = ln(1 + e<sup>x</sup>)",
    _softplus, _sigmoid,
    pros={"en": _list("A smooth ReLU; its derivative is the sigmoid."),
          "fr": _list("Un ReLU lisse ; sa dérivée est la sigmoïde.")},
    cons={"en": _list("Not zero-centred; an exponential and a log per call."),
          "fr": _list("Non centrée ; exponentielle et logarithme.")},
    in_lecture=False,
))


def get(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}") from None


def names() -> list[str]:
    return list(ACTIVATIONS)


def trainable_names() -> list[str]:
    """Activations gradient descent can train through (every one but the step)."""
    return [n for n, a in ACTIVATIONS.items() if a.differentiable]
