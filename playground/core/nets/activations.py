"""The one activation registry every lab reads.

The lecture lists sigmoid, tanh, ReLU, Leaky ReLU, PReLU, ELU and Maxout with their advantages and
drawbacks; we add linear, the Heaviside step (the perceptron's), GELU, SiLU/Swish and softplus. Each
entry carries a numpy forward and derivative (the fast engines and the plots use them), a torch module
factory (autograd and the GPU use it), its formula and derivative (plain text and rich text), and the
pros and cons in English and French: the lecture's own words where it gives them (`notes_from_lecture`),
the usual textbook ones where it only gives the formula. A label or formula with words in it has its
French in `fr` too; `shown(field)` gives it in the language of the process (or the one asked for).

The registry name is the key stored in experiment files: never rename one.  torch is imported lazily so
that the window, which reads this list to fill its menus, opens before torch has loaded.  The numpy
functions never overflow (no warning at any finite input) and keep the precision of the tiny
derivatives in the saturated tails, because the explorer plots them on a log scale.
"""
from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from playground.core import i18n

__all__ = ["Activation", "ACTIVATIONS", "LECTURE_ADVICE", "ParamSpec", "get", "names", "trainable_names",
           "lecture_names", "maxout_pieces", "units_per_output", "erf"]


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
    formula_html: str  # Qt rich text for the explorer's formula label
    forward: Callable[..., np.ndarray]  # f(x, **params), elementwise
    derivative: Callable[..., np.ndarray]  # f'(x, **params), elementwise, with torch's value at kinks
    pros: dict = field(default_factory=dict)  # {"en": [...], "fr": [...]}
    cons: dict = field(default_factory=dict)
    params: tuple[ParamSpec, ...] = ()
    kind: str = "elementwise"  # "maxout": k affine maps then a max, so a layer has k x width units
    differentiable: bool = True  # False for the step: gradient descent cannot train through it
    in_lecture: bool = True
    derivative_formula: str = ""  # plain Unicode
    derivative_html: str = ""
    notes_from_lecture: bool = True  # False: the lecture gives the formula only; the notes are textbook ones
    # The French of label / formula / formula_html / derivative_formula / derivative_html, where it
    # differs from the English (words: "if", "learned", "Sigmoid"...); the symbols stay as they are.
    fr: dict = field(default_factory=dict)

    def shown(self, what: str, lang: str | None = None) -> str:
        """The label or a formula (`what` names the field) in `lang`, by default the process's language."""
        if (lang or i18n.language()) == "fr" and what in self.fr:
            return self.fr[what]
        return getattr(self, what)

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}

    def torch_module(self, **params):
        """A fresh torch module for this activation (a per-layer instance: PReLU learns its own slope)."""
        return _torch_module(self.name, {**self.defaults(), **params})


# --- numpy implementations -------------------------------------------------------------------------
# exp is only ever taken of -|x| (or of min(x, 0)), so nothing overflows; derivatives are written in
# the form that keeps e^(-|x|) in the numerator, so σ'(40) is 4e-18 rather than a rounded 0.

def _arr(x) -> np.ndarray:
    a = np.asarray(x)
    return a if a.dtype.kind == "f" else a.astype(float)


def _sigmoid(x):
    x = _arr(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def _sigmoid_d(x):
    e = np.exp(-np.abs(_arr(x)))
    return e / ((1.0 + e) * (1.0 + e))


def _tanh(x):
    return np.tanh(_arr(x))


def _tanh_d(x):
    # 1 - tanh² rounds to 0 beyond |x| ≈ 19; 1/cosh² written with e^(-2|x|) does not.
    e = np.exp(-np.abs(_arr(x)))
    e = e * e  # e^(-2|x|) without forming 2|x|, which overflows at 1e308
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


def _relu(x):
    return np.maximum(_arr(x), 0.0)


def _relu_d(x):
    x = _arr(x)
    return (x > 0).astype(x.dtype)  # 0 at exactly 0, as torch does


def _leaky(x, slope=0.01):
    x = _arr(x)
    return np.where(x > 0, x, slope * x)


def _leaky_d(x, slope=0.01):
    x = _arr(x)
    return np.where(x > 0, 1.0, float(slope)).astype(x.dtype)  # the slope at 0, as torch does


def _elu(x, alpha=1.0):
    x = _arr(x)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _elu_d(x, alpha=1.0):
    x = _arr(x)
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def _linear(x):
    return _arr(x).copy()


def _linear_d(x):
    return np.ones_like(_arr(x))


def _step(x):
    x = _arr(x)
    return (x >= 0).astype(x.dtype)


def _step_d(x):
    return np.zeros_like(_arr(x))


def erf(x) -> np.ndarray:
    """The error function in numpy (no scipy here): a Chebyshev-fitted erfc with a relative error
    below 1.2e-7 everywhere (Numerical Recipes, 2nd ed., §6.2), good to plotting and float32 precision."""
    x = _arr(x)
    z = np.minimum(np.abs(x), 40.0)  # erfc(40) is below the smallest double: no need to square more
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(-z * z + poly)
    return np.where(x >= 0, 1.0 - erfc, erfc - 1.0)


_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _phi(x):  # standard normal CDF
    return 0.5 * (1.0 + erf(_arr(x) / _SQRT2))


def _gelu(x):
    x = _arr(x)
    return x * _phi(x)


def _gelu_d(x):
    x = _arr(x)
    xc = np.clip(x, -40.0, 40.0)  # the density is exactly 0 in double beyond; x² would overflow
    return _phi(x) + x * np.exp(-0.5 * xc * xc) * _INV_SQRT_2PI


def _silu(x):
    x = _arr(x)
    return x * _sigmoid(x)


def _silu_d(x):
    x = _arr(x)
    s = _sigmoid(x)
    return s * (1.0 + x * (1.0 - s))


def _softplus(x):
    return np.logaddexp(0.0, _arr(x))


# --- Maxout ----------------------------------------------------------------------------------------
# In a network every Maxout unit learns its own k affine maps of the whole input vector. The explorer
# draws one unit of a scalar input with k fixed pieces: k = 1 is a plain linear unit; k = 2 is
# max(−0.5x, x), a V that neither ReLU nor a small-slope Leaky ReLU can make (both are the special
# cases w₁ = 0 or w₁ = a); more pieces bend a convex curve, kinks spread evenly over [−1, 1]. No piece
# is flatter than |slope| 0.1, because a learned Maxout unit has no reason to saturate and the
# explorer must not shade one as if it did.

def maxout_pieces(pieces: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Slopes and intercepts of the k illustrative affine pieces the explorer shows for Maxout."""
    k = max(1, int(pieces))
    if k == 1:
        return np.array([1.0]), np.array([0.0])
    slopes = np.linspace(-0.5, 1.0, k)
    slopes = np.where(np.abs(slopes) < 0.1, np.where(slopes < 0, -0.1, 0.1), slopes)
    kinks = np.array([0.0]) if k == 2 else np.linspace(-1.0, 1.0, k - 1)
    intercepts = np.zeros(k)
    for i in range(1, k):  # each piece meets the previous one at its kink: a continuous convex curve
        intercepts[i] = intercepts[i - 1] + (slopes[i - 1] - slopes[i]) * kinks[i - 1]
    return slopes, intercepts


def _maxout(x, pieces=2):
    w, b = maxout_pieces(pieces)
    x = _arr(x)
    out = w[0] * x + b[0]
    for wi, bi in zip(w[1:], b[1:]):  # a running max: no (n, k) temporary
        out = np.maximum(out, wi * x + bi)
    return out


def _maxout_d(x, pieces=2):
    w, b = maxout_pieces(pieces)
    x = _arr(x)
    best = w[0] * x + b[0]
    slope = np.full_like(x, w[0])
    for wi, bi in zip(w[1:], b[1:]):
        y = wi * x + bi
        wins = y > best  # strict: at a tie the first piece keeps it (ReLU's 0 at x = 0)
        best = np.where(wins, y, best)
        slope = np.where(wins, wi, slope)
    return slope


def units_per_output(name: str, **params) -> int:
    """How many pre-activations a layer needs per output unit: k for Maxout, 1 for the rest."""
    a = get(name)
    if a.kind == "maxout":
        return int({**a.defaults(), **params}["pieces"])
    return 1


# --- torch modules (lazy) ----------------------------------------------------------------------------

def _torch_module(name: str, params: dict):
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
        return _torch_classes()[0]()
    if name == "maxout":
        return _torch_classes()[1](int(params["pieces"]))
    raise KeyError(name)


@functools.cache
def _torch_classes():
    """The two modules torch lacks, defined on first use so that importing this file never imports torch."""
    from torch import nn

    class StepModule(nn.Module):
        """Heaviside step; no gradient flows through it (the perceptron's rule does not need one)."""

        def forward(self, x):
            return (x >= 0).to(x.dtype)

    class MaxoutPool(nn.Module):
        """Takes k x width pre-activations, grouped per unit (unit j owns columns j*k .. j*k+k-1), and
        keeps the max of each group: the Linear layer before it holds the k affine maps of each unit."""

        def __init__(self, k: int):
            super().__init__()
            self.k = k

        def forward(self, x):  # (..., width * k) -> (..., width)
            return x.unflatten(-1, (-1, self.k)).amax(dim=-1)

        def extra_repr(self) -> str:
            return f"pieces={self.k}"

    return StepModule, MaxoutPool


# --- formulas ----------------------------------------------------------------------------------------

_IF = {"en": "if", "fr": "si"}


def _cases_html(lhs: str, rows: list[tuple[str, str]], lang: str = "en") -> str:
    """A piecewise definition with a tall brace, as Qt's rich text can lay it out (a two-row table)."""
    word = _IF[lang]
    body = "".join(
        f"<tr><td>{expr}</td><td>&nbsp;&nbsp;{word}&nbsp;{cond}</td></tr>" for expr, cond in rows)
    return (f"<table cellspacing='0' cellpadding='0'><tr>"
            f"<td valign='middle'>{lhs}&nbsp;=&nbsp;</td>"
            f"<td valign='middle' style='font-size:xx-large; font-weight:200'>{{</td>"
            f"<td valign='middle'><table cellspacing='0' cellpadding='1'>{body}</table></td>"
            f"</tr></table>")


_X = "<i>x</i>"
_A = "<i>a</i>"
_ALPHA = "<i>α</i>"


def _list(*items):
    return list(items)


ACTIVATIONS: dict[str, Activation] = {}


def _register(a: Activation) -> None:
    if a.params:
        # Called with no keyword, forward/derivative use this entry's defaults (PReLU starts at 0.25,
        # Leaky ReLU at 0.01, though both share one implementation); a keyword still overrides them.
        a = dataclasses.replace(a, forward=functools.partial(a.forward, **a.defaults()),
                                derivative=functools.partial(a.derivative, **a.defaults()))
    ACTIVATIONS[a.name] = a


# The lecture's advice after the list (in its own words for the French).
LECTURE_ADVICE = {
    "en": ["By default, ReLU is the activation most often used.",
           "Variants of ReLU are encouraged.",
           "Sigmoid is only used at the output of a network, for a two-class classification problem."],
    "fr": ["Par défaut, on utilise souvent la fonction d'activation ReLU.",
           "Les variations de la fonction ReLU sont encouragées.",
           "Sigmoid est uniquement utilisée à la sortie d'un réseau pour un problème de classification "
           "à deux classes."],
}

_register(Activation(
    "sigmoid", "Sigmoid", "σ(x) = 1 / (1 + e^(−x))",
    f"<i>σ</i>({_X}) = 1 / (1 + <i>e</i><sup>−{_X}</sup>)",
    _sigmoid, _sigmoid_d,
    derivative_formula="σ′(x) = σ(x)·(1 − σ(x)) ≤ 1/4",
    derivative_html=f"<i>σ</i>′({_X}) = <i>σ</i>({_X})·(1 − <i>σ</i>({_X})) ≤ ¼",
    fr={"label": "Sigmoïde"},
    pros={"en": _list("Squashes values into the range 0 to 1.", "Well studied."),
          "fr": _list("Ramène les valeurs entre 0 et 1.", "Bien étudié.")},
    cons={"en": _list("A saturated neuron cancels the gradients.", "A sigmoid's output is not zero-centred.",
                      "The exponential is very expensive to compute."),
          "fr": _list("Un neurone saturé a pour effet d'annuler les gradients.",
                      "La sortie d'une sigmoïde n'est pas centrée à zéro.",
                      "L'exponentielle est très coûteuse en termes de calcul.")},
))
_register(Activation(
    "tanh", "tanh", "tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))",
    f"tanh({_X}) = (<i>e</i><sup>{_X}</sup> − <i>e</i><sup>−{_X}</sup>) / "
    f"(<i>e</i><sup>{_X}</sup> + <i>e</i><sup>−{_X}</sup>)",
    _tanh, _tanh_d,
    derivative_formula="tanh′(x) = 1 − tanh²(x) ≤ 1",
    derivative_html=f"tanh′({_X}) = 1 − tanh<sup>2</sup>({_X}) ≤ 1",
    pros={"en": _list("Squashes values into the range −1 to 1.", "Zero-centred output."),
          "fr": _list("Ramène les valeurs entre −1 et 1.", "Sortie centrée à zéro.")},
    cons={"en": _list("The gradient vanishes where the function saturates."),
          "fr": _list("Annulation du gradient lorsque la fonction sature.")},
))
_register(Activation(
    "relu", "ReLU", "ReLU(x) = max(0, x)", f"ReLU({_X}) = max(0, {_X})",
    _relu, _relu_d,
    derivative_formula="ReLU′(x) = 1 if x > 0, 0 if x < 0",
    derivative_html=_cases_html(f"ReLU′({_X})", [("1", f"{_X} &gt; 0"), ("0", f"{_X} &lt; 0")]),
    fr={"derivative_formula": "ReLU′(x) = 1 si x > 0, 0 si x < 0",
        "derivative_html": _cases_html(f"ReLU′({_X})", [("1", f"{_X} &gt; 0"), ("0", f"{_X} &lt; 0")], "fr")},
    pros={"en": _list("Fast.", "No saturation (for x > 0).",
                      "Converges about 5 to 10 times faster than sigmoid and tanh."),
          "fr": _list("Rapide.", "Aucune saturation.",
                      "Permet une convergence ~5 à 10 fois plus rapide que sigmoid et tanh.")},
    cons={"en": _list("Output not zero-centred.", "For x < 0 the gradient is zero (a unit can die)."),
          "fr": _list("Sortie non centrée à zéro.", "Pour les valeurs de x < 0, le gradient est nul.")},
))
_register(Activation(
    "leaky_relu", "Leaky ReLU", "LeakyReLU(x) = max(a·x, x)", f"LeakyReLU({_X}) = max({_A}·{_X}, {_X})",
    _leaky, _leaky_d,
    derivative_formula="LeakyReLU′(x) = 1 if x > 0, a if x ≤ 0",
    derivative_html=_cases_html(f"LeakyReLU′({_X})", [("1", f"{_X} &gt; 0"), (_A, f"{_X} ≤ 0")]),
    fr={"derivative_formula": "LeakyReLU′(x) = 1 si x > 0, a si x ≤ 0",
        "derivative_html": _cases_html(f"LeakyReLU′({_X})", [("1", f"{_X} &gt; 0"), (_A, f"{_X} ≤ 0")], "fr")},
    params=(ParamSpec("slope", "negative slope a", 0.01, 0.0, 1.0),),
    pros={"en": _list("No saturation.", "Very fast.", "The gradient does not vanish."),
          "fr": _list("Aucune saturation.", "Très rapide.", "Le gradient ne s'annule pas.")},
    cons={"en": _list("The slope 0.01 is a hyperparameter."),
          "fr": _list("0.01 est un hyperparamètre.")},
))
_register(Activation(
    "prelu", "PReLU", "PReLU(x) = max(a·x, x), a learned",
    f"PReLU({_X}) = max({_A}·{_X}, {_X}), &nbsp;{_A} learned",
    _leaky, _leaky_d,
    derivative_formula="PReLU′(x) = 1 if x > 0, a if x ≤ 0;  ∂PReLU/∂a = min(x, 0)",
    derivative_html=_cases_html(f"PReLU′({_X})", [("1", f"{_X} &gt; 0"), (_A, f"{_X} ≤ 0")])
    + f"∂PReLU/∂{_A} = min({_X}, 0)",
    fr={"formula": "PReLU(x) = max(a·x, x), a appris",
        "formula_html": f"PReLU({_X}) = max({_A}·{_X}, {_X}), &nbsp;{_A} appris",
        "derivative_formula": "PReLU′(x) = 1 si x > 0, a si x ≤ 0 ;  ∂PReLU/∂a = min(x, 0)",
        "derivative_html": _cases_html(f"PReLU′({_X})", [("1", f"{_X} &gt; 0"), (_A, f"{_X} ≤ 0")], "fr")
        + f"∂PReLU/∂{_A} = min({_X}, 0)"},
    params=(ParamSpec("slope", "initial slope a", 0.25, 0.0, 1.0, learned=True),),
    pros={"en": _list("The same advantages as Leaky ReLU."),
          "fr": _list("Mêmes avantages que Leaky ReLU.")},
    cons={"en": _list("The slope is learned during backpropagation and updated together with the "
                      "problem's other parameters."),
          "fr": _list("L'hyperparamètre s'apprend durant la rétropropagation et est actualisé avec les "
                      "autres hyperparamètres du problème.")},
))
_register(Activation(
    "elu", "ELU", "ELU(x) = x if x ≥ 0, α(e^x − 1) if x < 0",
    _cases_html(f"ELU({_X})", [(_X, f"{_X} ≥ 0"), (f"{_ALPHA}(<i>e</i><sup>{_X}</sup> − 1)", f"{_X} &lt; 0")]),
    _elu, _elu_d,
    derivative_formula="ELU′(x) = 1 if x > 0, α·e^x if x ≤ 0",
    derivative_html=_cases_html(f"ELU′({_X})", [("1", f"{_X} &gt; 0"),
                                                (f"{_ALPHA}·<i>e</i><sup>{_X}</sup>", f"{_X} ≤ 0")]),
    params=(ParamSpec("alpha", "alpha α", 1.0, 0.01, 3.0),),
    fr={"formula": "ELU(x) = x si x ≥ 0, α(e^x − 1) si x < 0",
        "formula_html": _cases_html(f"ELU({_X})", [(_X, f"{_X} ≥ 0"),
                                                   (f"{_ALPHA}(<i>e</i><sup>{_X}</sup> − 1)", f"{_X} &lt; 0")], "fr"),
        "derivative_formula": "ELU′(x) = 1 si x > 0, α·e^x si x ≤ 0",
        "derivative_html": _cases_html(f"ELU′({_X})", [("1", f"{_X} &gt; 0"),
                                                       (f"{_ALPHA}·<i>e</i><sup>{_X}</sup>", f"{_X} ≤ 0")], "fr")},
    pros={"en": _list("The advantages of ReLU, and no dead units: the gradient is never exactly zero.",
                      "Negative outputs bring the mean output closer to zero."),
          "fr": _list("Les avantages de ReLU, sans neurone mort : le gradient n'est jamais nul.",
                      "Les sorties négatives rapprochent la moyenne de zéro.")},
    cons={"en": _list("Needs an exponential.", "Saturates for large negative inputs (towards −α)."),
          "fr": _list("Nécessite une exponentielle.", "Sature pour les grandes valeurs négatives (vers −α).")},
    notes_from_lecture=False,
))
_register(Activation(
    "maxout", "Maxout", "Maxout(x) = max(w₁ᵀx + b₁, …, w_kᵀx + b_k)",
    "Maxout(<b>x</b>) = max(<b>w</b><sub>1</sub><sup>T</sup><b>x</b> + <i>b</i><sub>1</sub>, …, "
    "<b>w</b><sub><i>k</i></sub><sup>T</sup><b>x</b> + <i>b</i><sub><i>k</i></sub>)",
    _maxout, _maxout_d, kind="maxout",
    derivative_formula="∂Maxout/∂x = w_j, where piece j is the largest",
    derivative_html="∂Maxout/∂<b>x</b> = <b>w</b><sub><i>j</i></sub>, &nbsp;<i>j</i> = the largest piece",
    params=(ParamSpec("pieces", "pieces k", 2, 1, 6, integer=True),),
    fr={"derivative_formula": "∂Maxout/∂x = w_j, où le morceau j est le plus grand",
        "derivative_html": "∂Maxout/∂<b>x</b> = <b>w</b><sub><i>j</i></sub>, "
                           "&nbsp;<i>j</i> = le morceau le plus grand"},
    pros={"en": _list("Generalises ReLU and Leaky ReLU (k = 2).",
                      "Piecewise linear: no saturation, no dead units."),
          "fr": _list("Généralise ReLU et Leaky ReLU (k = 2).",
                      "Linéaire par morceaux : ni saturation ni neurone mort.")},
    cons={"en": _list("k times the parameters per unit."),
          "fr": _list("k fois plus de paramètres par neurone.")},
    notes_from_lecture=False,
))
_register(Activation(
    "linear", "Linear", "f(x) = x", f"<i>f</i>({_X}) = {_X}", _linear, _linear_d,
    derivative_formula="f′(x) = 1", derivative_html=f"<i>f</i>′({_X}) = 1",
    fr={"label": "Linéaire"},
    pros={"en": _list("Keeps the network a plain linear map: a baseline."),
          "fr": _list("Le réseau reste une application linéaire : une référence.")},
    cons={"en": _list("Any depth collapses to one linear layer: no XOR, no circle."),
          "fr": _list("Toute profondeur se réduit à une seule couche linéaire.")},
    in_lecture=False, notes_from_lecture=False,
))
_register(Activation(
    "step", "Step (Heaviside)", "H(x) = 1 if x ≥ 0, 0 if x < 0",
    _cases_html(f"<i>H</i>({_X})", [("1", f"{_X} ≥ 0"), ("0", f"{_X} &lt; 0")]),
    _step, _step_d, differentiable=False,
    derivative_formula="H′(x) = 0 for x ≠ 0 (undefined at 0)",
    derivative_html=f"<i>H</i>′({_X}) = 0 &nbsp;for {_X} ≠ 0",
    fr={"label": "Échelon (Heaviside)", "formula": "H(x) = 1 si x ≥ 0, 0 si x < 0",
        "formula_html": _cases_html(f"<i>H</i>({_X})", [("1", f"{_X} ≥ 0"), ("0", f"{_X} &lt; 0")], "fr"),
        "derivative_formula": "H′(x) = 0 pour x ≠ 0 (non définie en 0)",
        "derivative_html": f"<i>H</i>′({_X}) = 0 &nbsp;pour {_X} ≠ 0"},
    pros={"en": _list("Rosenblatt's perceptron: a hard yes/no decision."),
          "fr": _list("Le perceptron de Rosenblatt : une décision binaire.")},
    cons={"en": _list("Zero derivative almost everywhere: gradient descent cannot train through it."),
          "fr": _list("Dérivée nulle presque partout : pas de descente de gradient.")},
    notes_from_lecture=False,
))
_register(Activation(
    "gelu", "GELU", "GELU(x) = x·Φ(x), Φ the normal CDF",
    f"GELU({_X}) = {_X}·<i>Φ</i>({_X}), &nbsp;<i>Φ</i> the normal CDF", _gelu, _gelu_d,
    derivative_formula="GELU′(x) = Φ(x) + x·φ(x)",
    derivative_html=f"GELU′({_X}) = <i>Φ</i>({_X}) + {_X}·<i>φ</i>({_X})",
    fr={"formula": "GELU(x) = x·Φ(x), Φ la fonction de répartition de la loi normale",
        "formula_html": f"GELU({_X}) = {_X}·<i>Φ</i>({_X}), &nbsp;<i>Φ</i> la fonction de répartition de la loi normale"},
    pros={"en": _list("A smooth ReLU-like curve; the default in transformers."),
          "fr": _list("Courbe lisse proche de ReLU ; par défaut dans les transformers.")},
    cons={"en": _list("Costlier than ReLU (the normal CDF)."),
          "fr": _list("Plus coûteuse que ReLU (la fonction de répartition normale).")},
    in_lecture=False, notes_from_lecture=False,
))
_register(Activation(
    "silu", "SiLU / Swish", "SiLU(x) = x·σ(x)", f"SiLU({_X}) = {_X}·<i>σ</i>({_X})", _silu, _silu_d,
    derivative_formula="SiLU′(x) = σ(x)·(1 + x·(1 − σ(x)))",
    derivative_html=f"SiLU′({_X}) = <i>σ</i>({_X})·(1 + {_X}·(1 − <i>σ</i>({_X})))",
    pros={"en": _list("Smooth and non-monotonic; often a little better than ReLU in deep nets."),
          "fr": _list("Lisse et non monotone ; souvent un peu meilleure que ReLU.")},
    cons={"en": _list("Needs an exponential."), "fr": _list("Nécessite une exponentielle.")},
    in_lecture=False, notes_from_lecture=False,
))
_register(Activation(
    "softplus", "Softplus", "softplus(x) = ln(1 + e^x)", f"softplus({_X}) = ln(1 + <i>e</i><sup>{_X}</sup>)",
    _softplus, _sigmoid,
    derivative_formula="softplus′(x) = σ(x)",
    derivative_html=f"softplus′({_X}) = <i>σ</i>({_X})",
    pros={"en": _list("A smooth ReLU; its derivative is the sigmoid."),
          "fr": _list("Un ReLU lisse ; sa dérivée est la sigmoïde.")},
    cons={"en": _list("Not zero-centred; an exponential and a log per call."),
          "fr": _list("Non centrée ; une exponentielle et un logarithme par appel.")},
    in_lecture=False, notes_from_lecture=False,
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


def lecture_names() -> list[str]:
    """The activations the lecture presents, in its order."""
    return [n for n, a in ACTIVATIONS.items() if a.in_lecture]
