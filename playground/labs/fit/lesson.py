"""Every long text of the fit lab, in English and French: the lesson, the lecture's theorems as it
states them, the "Try:" steps, the tabs' captions and the Lipschitz question. The view picks the
window's language (`text(key, current_language())`); the short strings (buttons, read-outs, messages)
go through the translation catalogues like every other lab's."""
from __future__ import annotations

from playground.core.i18n import language

__all__ = ["TEXT", "text", "grouped", "percent"]

_THEOREMS_FR = (
    "<p><b>Théorème d'approximation universelle (informel).</b> Toute fonction continue "
    "<i>f</i> : [0, 1]<sup><i>n</i></sup> → [0, 1] peut être approximée arbitrairement par un réseau de neurones "
    "avec au moins une couche cachée et un nombre fini de poids.</p>"
    "<p><b>Famille de fonctions Sigmoid.</b> Une famille de fonctions σ qui vérifient "
    "lim<sub><i>x</i>→+∞</sub> σ(<i>x</i>) = 1 et lim<sub><i>x</i>→−∞</sub> σ(<i>x</i>) = 0.</p>"
    "<p><b>Approximation de Cybenko (formel).</b> Pour toute fonction de la famille Sigmoid σ, l'ensemble de "
    "fonctions { <i>f</i> : <i>x</i> → Σ<sub><i>i</i>=1</sub><sup><i>N</i></sup> α<sub><i>i</i></sub> σ(w<sub><i>i</i></sub>"
    "<i>x</i> + b<sub><i>i</i></sub>) } (MLP avec une couche intermédiaire) est dense dans "
    "𝒞([0, 1]<sup><i>n</i></sup>). NB : <i>N</i> dépend de la complexité de la fonction à approximer et de "
    "l'erreur d'approximation.</p>"
    "<p><b>Théorème de Kolmogorov-Arnold.</b> Toute fonction continue <i>f</i> : [0, 1]<sup><i>n</i></sup> → ℝ "
    "peut être représentée ainsi : <i>f</i>(<i>x</i><sub>1</sub>, …, <i>x<sub>n</sub></i>) = "
    "Σ<sub><i>i</i>=1</sub><sup>2<i>n</i>+1</sup> φ<sub><i>i</i></sub>(Σ<sub><i>j</i>=1</sub><sup><i>n</i></sup> "
    "ψ<sub><i>ij</i></sub>(<i>x<sub>j</sub></i>)).</p>"
    "<p><b>Réseaux ReLU de largeur bornée.</b> Pour tout ε &gt; 0 et toute fonction <i>f</i> Lebesgue intégrable, "
    "il existe un réseau ReLU entièrement connecté de largeur ≤ <i>n</i> + 4 tel que "
    "∫ |<i>f</i>(<i>x</i>) − <i>F</i>(<i>x</i>)| d<i>x</i> &lt; ε.</p>")

_THEOREMS_EN = (
    "<p><b>Universal approximation theorem (informal).</b> Every continuous function "
    "<i>f</i> : [0, 1]<sup><i>n</i></sup> → [0, 1] can be approximated arbitrarily well by a neural network with at "
    "least one hidden layer and a finite number of weights.</p>"
    "<p><b>Cybenko's approximation (formal).</b> For every function σ of the sigmoid family (σ → 1 at +∞, σ → 0 "
    "at −∞), the set of functions { <i>f</i> : <i>x</i> → Σ<sub><i>i</i>=1</sub><sup><i>N</i></sup> α<sub><i>i</i></sub> "
    "σ(w<sub><i>i</i></sub><i>x</i> + b<sub><i>i</i></sub>) } (MLPs with one hidden layer) is dense in "
    "𝒞([0, 1]<sup><i>n</i></sup>). NB: <i>N</i> depends on how complex the function is and on the error "
    "allowed.</p>"
    "<p><b>Kolmogorov–Arnold.</b> Every continuous <i>f</i> : [0, 1]<sup><i>n</i></sup> → ℝ can be written "
    "<i>f</i>(<i>x</i><sub>1</sub>, …, <i>x<sub>n</sub></i>) = Σ<sub><i>i</i>=1</sub><sup>2<i>n</i>+1</sup> "
    "φ<sub><i>i</i></sub>(Σ<sub><i>j</i>=1</sub><sup><i>n</i></sup> ψ<sub><i>ij</i></sub>(<i>x<sub>j</sub></i>)).</p>"
    "<p><b>ReLU networks of bounded width.</b> For every ε &gt; 0 and every Lebesgue-integrable <i>f</i> there is "
    "a fully connected ReLU network of width ≤ <i>n</i> + 4 whose function <i>F</i> satisfies "
    "∫ |<i>f</i>(<i>x</i>) − <i>F</i>(<i>x</i>)| d<i>x</i> &lt; ε.</p>")

TEXT = {
    "en": {
        "lesson": (
            "<p><b>Try:</b></p><ol>"
            "<li>Press <b>Play</b>: 16 sigmoid units fit sin(2πx); the MSE falls below 10⁻³ in about 1,500 "
            "epochs. Under the fit, every unit's term α<sub>i</sub>σ(w<sub>i</sub>x + b<sub>i</sub>) and their sum: "
            "Cybenko's formula, made visible. Hover a curve to pick out one unit.</li>"
            "<li>Set the width to 2, then 4: too few units, and the sum cannot bend enough.</li>"
            "<li>Choose the <b>step</b>: the MSE gets small but the sup error stays near ½. The theorems are "
            "about <i>continuous</i> functions.</li>"
            "<li>Tab <b>Width sweep</b>: press Run. The final error against N on log–log axes, sigmoid beside "
            "ReLU.</li>"
            "<li>Tab <b>Bumps</b>: Nielsen's construction, two steep units per bin. Drag the heights, or press "
            "Fit heights.</li>"
            "<li>Tab <b>Lipschitz</b>: the lecture's exercise, and the curse of dimensionality.</li>"
            "<li>Tick <b>Draw</b> and drag on the plot to draw your own target while it trains.</li></ol>"
            + _THEOREMS_EN),
        "theorems": _THEOREMS_EN,
        "units_title": "Cybenko: each unit's αᵢ·σ(wᵢx + bᵢ), and their sum",
        "fit_title": "Target, samples and the network",
        "error_title": "Error: MSE and sup-norm",
        "sweep_title": "Width sweep: final error against the width N (log–log)",
        "sweep_help": ("One hidden layer of N units, N = 1, 2, 4, … (same seed, same epochs) on the current "
                       "target. A straight line on these axes is a power law: error ∝ N^(−k)."),
        "bumps_title": "Nielsen's bumps: two steep units per bin",
        "bumps_help": ("Each bin is a bump made of two steep units: σ(k(x − a)) − σ(k(x − b)). Its height is "
                       "the output weight. Drag a bin up or down (or across several bins), or press Fit heights. "
                       "N bins need 2N hidden units: compare with a trained network of that width."),
        "lipschitz_title": "A constant per bin of width 2ε/L stays within ε of f",
        "curse_title": "(⌈L/2ε⌉)ⁿ bins in n dimensions",
        "bounded_title": "Width 5, deeper and deeper, against one wide layer (as many units)",
        "bounded_help": ("The lecture's theorem for ReLU networks: width n + 4 = 5 is enough (n = 1 input) if "
                         "the network may be deep. Trains ReLU networks of width 5 and depth 1…D, and one hidden "
                         "layer of 5·d units for the same d (the same number of hidden units)."),
        "ka_title": "Kolmogorov–Arnold: f(x₁, x₂) = Σᵢ₌₁⁵ φᵢ(ψᵢ₁(x₁) + ψᵢ₂(x₂))",
        "ka_help": ("Five outer functions φᵢ and ten inner ones ψᵢⱼ, each a tiny learned network of one "
                    "variable (8 tanh units), trained together by Adam on a 24×24 grid of the target."),
        "lipschitz_question": (
            "<b>Question:</b> to approximate an L-Lipschitz function f : ℝ → ℝ on [0, 1] with an error of at most "
            "ε, how many bins are needed? And for f : ℝⁿ → ℝ on [0, 1]ⁿ?<br><i>(f is L-Lipschitz when "
            "|f(x) − f(y)| &lt; L|x − y| for all x, y.)</i>"),
        "lipschitz_answer": (
            "<b>Answer:</b> on a bin of width 2ε/L the centre is within ε/L of every point, so f stays within "
            "L·ε/L = ε of its value there: ⌈L/(2ε)⌉ bins. In n dimensions each axis needs as many: "
            "(⌈L/(2ε)⌉)ⁿ cubes, exponential in n: the curse of dimensionality."),
    },
    "fr": {
        "lesson": (
            "<p><b>Essayez :</b></p><ol>"
            "<li>Appuyez sur <b>Lecture</b> : 16 neurones sigmoïdes approchent sin(2πx) ; la MSE passe sous 10⁻³ en "
            "1 500 époques environ. Sous l'ajustement, le terme α<sub>i</sub>σ(w<sub>i</sub>x + b<sub>i</sub>) de "
            "chaque neurone et leur somme : la formule de Cybenko, rendue visible. Survolez une courbe pour isoler "
            "un neurone.</li>"
            "<li>Mettez la largeur à 2, puis 4 : trop peu de neurones, la somme ne peut pas assez se courber.</li>"
            "<li>Choisissez la <b>marche</b> : la MSE devient petite mais l'erreur uniforme reste proche de ½. Les "
            "théorèmes parlent de fonctions <i>continues</i>.</li>"
            "<li>Onglet <b>Balayage</b> : lancez le balayage en largeur. L'erreur finale en fonction de N en log–log, "
            "sigmoïde à côté de ReLU.</li>"
            "<li>Onglet <b>Bosses</b> : la construction de Nielsen, deux neurones raides par intervalle. Faites "
            "glisser les hauteurs, ou « Ajuster les hauteurs ».</li>"
            "<li>Onglet <b>Lipschitz</b> : l'exercice du cours, et la malédiction de la dimension.</li>"
            "<li>Cochez <b>Dessiner</b> et tracez votre propre cible sur le graphique pendant l'entraînement.</li></ol>"
            + _THEOREMS_FR),
        "theorems": _THEOREMS_FR,
        "units_title": "Cybenko : les αᵢ·σ(wᵢx + bᵢ) et leur somme",
        "fit_title": "Cible, échantillons et réseau",
        "error_title": "Erreur : MSE et norme sup",
        "sweep_title": "Balayage en largeur : erreur finale en fonction de N (log–log)",
        "sweep_help": ("Une couche cachée de N neurones, N = 1, 2, 4, … (même graine, mêmes époques) sur la cible "
                       "courante. Une droite sur ces axes est une loi de puissance : erreur ∝ N^(−k)."),
        "bumps_title": "Les bosses de Nielsen : deux neurones raides par intervalle",
        "bumps_help": ("Chaque intervalle est une bosse de deux neurones raides, σ(k(x − a)) − σ(k(x − b)), de "
                       "hauteur le poids de sortie. Faites glisser un intervalle (ou plusieurs), ou « Ajuster les "
                       "hauteurs ». N intervalles demandent 2N neurones : comparez avec un réseau entraîné de cette "
                       "largeur."),
        "lipschitz_title": "Une constante par intervalle de largeur 2ε/L reste à ε de f",
        "curse_title": "(⌈L/2ε⌉)ⁿ cases en dimension n",
        "bounded_title": "Largeur 5 et profondeur d contre 1 couche de 5·d neurones",
        "bounded_help": ("Le théorème du cours pour les réseaux ReLU : une largeur n + 4 = 5 suffit (n = 1 entrée) "
                         "si le réseau peut être profond. Entraîne des réseaux ReLU de largeur 5 et de profondeur "
                         "1…D, et une couche cachée de 5·d neurones pour le même d."),
        "ka_title": "Kolmogorov-Arnold : f(x₁, x₂) = Σᵢ₌₁⁵ φᵢ(ψᵢ₁(x₁) + ψᵢ₂(x₂))",
        "ka_help": ("Cinq fonctions extérieures φᵢ et dix intérieures ψᵢⱼ, chacune un petit réseau appris d'une "
                    "variable (8 neurones tanh), entraînées ensemble par Adam sur une grille 24×24 de la cible."),
        "lipschitz_question": (
            "<b>Question :</b> pour approximer une fonction L-Lipschitz f : ℝ → ℝ dans l'intervalle [0, 1] avec une "
            "erreur d'au plus ε, de combien de bins (intervalles) a-t-on besoin ? Et pour f : ℝⁿ → ℝ dans [0, 1]ⁿ ?"
            "<br><i>(f est "
            "L-Lipschitz quand |f(x) − f(y)| &lt; L|x − y| pour tous x, y.)</i>"),
        "lipschitz_answer": (
            "<b>Réponse :</b> sur un intervalle de largeur 2ε/L, le centre est à moins de ε/L de chaque point, donc "
            "f reste à moins de L·ε/L = ε de sa valeur au centre : ⌈L/(2ε)⌉ intervalles. En dimension n, il en faut "
            "autant sur chaque axe : (⌈L/(2ε)⌉)ⁿ cases, exponentiel en n : la malédiction de la dimension."),
    },
}


def text(key: str, lang: str = "en") -> str:
    return TEXT.get(lang, TEXT["en"]).get(key) or TEXT["en"][key]


def grouped(n: int) -> str:
    """A whole number with its thousands grouped as the language writes them: 1,500 in English,
    1 500 in French (where a comma is the decimal mark), with a no-break space."""
    out = f"{int(n):,}"
    return out.replace(",", "\u00a0") if language() == "fr" else out


def percent(fraction: float) -> str:
    """A whole percentage: 13% in English, 13 % in French (a no-break space before the sign)."""
    out = f"{fraction:.0%}"
    return out.replace("%", "\u00a0%") if language() == "fr" else out
