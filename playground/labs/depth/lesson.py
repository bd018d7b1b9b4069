"""Every sentence the depth lab shows, in English and in French, in one place.

The theorems are quoted as the lecture writes them ("L'importance de la profondeur dans
l'apprentissage (Telgarsky 2015)", the t-sawtooth definition and the recurrent corollary), with a
note where the lecture's transcription differs from Telgarsky's paper. The view picks the dict of
the window's language (view.texts()); both must hold the same keys with the same {fields}.
"""
from __future__ import annotations

__all__ = ["TEXT", "text"]

_EN_LESSON = (
    "<p><b>Try:</b></p><ol>"
    "<li>Look at <b>Construction, block by block</b>: one block of 2 ReLU units computes the tent "
    "t(x) = 2σ(x) − 4σ(x − ½); each block folds [0, 1] once more. After k blocks: t<sup>k</sup>, "
    "2<sup>k</sup> pieces, error 0, with 6k + 1 weights.</li>"
    "<li>Raise <b>k</b> to 8, then 12: the construction still has error 0 (4,096 pieces from 73 "
    "weights). A shallow net of width m has at most (2m)<sup>l</sup> pieces: see how far its bound "
    "line stays below 2<sup>k</sup> in <b>Pieces vs weights</b>.</li>"
    "<li>Press <b>Play</b> (Space): a deep narrow net and a shallow wide one with the same number "
    "of weights learn t<sup>k</sup>. Their knees are marked; their pieces are counted exactly.</li>"
    "<li>Pick another <b>equal budget</b> above the plots, change the <b>Seed</b>: gradient "
    "descent rarely finds the sawtooth. Depth gives the capacity; training does not always use it.</li>"
    "<li>Set <b>Initialisation</b> to the tent construction + noise: the deep net starts near the "
    "exact solution, and training repairs the noise.</li>"
    "<li>Switch <b>Task</b> to <i>Classify the 2<sup>k</sup> points</i>: the theorem's own setting. "
    "<b>Risk</b> shows each net's error beside 1/6 and 0, and the floor (n − 4p)/(3n) its own "
    "number of pieces p imposes.</li></ol>"
    "<p><b>Telgarsky (2015), as the lecture states it.</b> Let m ≥ 2<sup>(k−3)/(l−1)</sup>, "
    "k ∈ ℕ. There is a sample S = (x<sub>i</sub>, y<sub>i</sub>)<sub>i=1..2<sup>k</sup></sub> with "
    "x<sub>i</sub> ∈ [0, 1], y<sub>i</sub> ∈ {0, 1} such that "
    "min<sub>f ∈ 𝔑(σ<sub>R</sub>, m, l)</sub> ℛ(f) = 1/6 and "
    "min<sub>f ∈ 𝔑(σ<sub>R</sub>, 2, 2k)</sub> ℛ(f) = 0. 𝔑(σ, m, l) is the set of functions "
    "computed by a feedforward network with activation σ, l layers of at most m nodes; σ<sub>R</sub> "
    "is ReLU.</p>"
    "<p><i>Note:</i> in Telgarsky's paper the width is bounded from above, m ≤ "
    "2<sup>(k−3)/l − 1</sup>, and 1/6 is a lower bound. Why: such a net has at most "
    "(2m)<sup>l</sup> ≤ 2<sup>k−3</sup> pieces, and a function with p pieces misclassifies at least "
    "(n − 4p)/(3n) of the n = 2<sup>k</sup> alternating points: here 1/6. Here x<sub>i</sub> = "
    "i/2<sup>k</sup>, y<sub>i</sub> = i mod 2, exactly the values of t<sup>k</sup>.</p>"
    "<p><b>Definition (t-sawtooth).</b> A function f : ℝ → ℝ is t-sawtooth when it is piecewise "
    "linear with t pieces. Example: ReLU is 2-sawtooth.</p>"
    "<p><b>Recurrent networks.</b> ℜ(σ, m, l, k) denotes k iterations of a network of l layers of "
    "at most m nodes. Consequence: ℜ(σ, m, l, k) ⊆ 𝔑(σ, m, lk). The 2-unit tent block iterated "
    "k times is such a recurrent net: 7 weights for any k, and the same 2<sup>k</sup> pieces. "
    "The lecture's recurrent theorem: min<sub>f ∈ ℜ(σ<sub>R</sub>, 2, 2, k)</sub> ℛ(f) = 0 and "
    "min<sub>f ∈ 𝔑(σ<sub>t</sub>, m, l)</sub> ℛ(f) ≥ (n − 4(tm)<sup>l</sup>)/(3n). (The slides write "
    "the same letter for the risk and for both classes of networks; here ℛ is the risk, ℜ the "
    "recurrent class, 𝔑 the feedforward one.)</p>"
    "<p>Here a tent block is one hidden layer: the affine map after each ReLU layer is merged into "
    "the next layer's weights, so 𝔑(σ<sub>R</sub>, 2, 2k) is a net of k hidden layers of width 2.</p>"
)

_FR_LESSON = (
    "<p><b>Essayez :</b></p><ol>"
    "<li>Regardez <b>Construction, bloc par bloc</b> : un bloc de 2 unités ReLU calcule la tente "
    "t(x) = 2σ(x) − 4σ(x − ½) ; chaque bloc replie [0, 1] une fois de plus. Après k blocs : "
    "t<sup>k</sup>, 2<sup>k</sup> morceaux, erreur nulle, avec 6k + 1 poids.</li>"
    "<li>Montez <b>k</b> à 8, puis 12 : la construction reste exacte (4 096 morceaux pour 73 poids). "
    "Un réseau peu profond de largeur m a au plus (2m)<sup>l</sup> morceaux : voyez sa borne rester "
    "loin sous 2<sup>k</sup> dans <b>Morceaux vs poids</b>.</li>"
    "<li>Appuyez sur <b>Lecture</b> (Espace) : un réseau profond étroit et un réseau large peu "
    "profond, avec le même nombre de poids, apprennent t<sup>k</sup>. Leurs coudes sont marqués, "
    "leurs morceaux comptés exactement.</li>"
    "<li>Choisissez un autre <b>budget égal</b> au-dessus des graphiques, changez la <b>graine</b> : "
    "la descente de gradient trouve rarement la dent de scie. La profondeur donne la capacité ; "
    "l'apprentissage ne l'exploite pas toujours.</li>"
    "<li>Mettez l'<b>initialisation</b> sur la construction en tente + bruit : le réseau profond part "
    "près de la solution exacte, et l'apprentissage corrige le bruit.</li>"
    "<li>Passez la <b>tâche</b> à <i>Classer les 2<sup>k</sup> points</i> : le cadre du théorème. "
    "<b>Risque</b> montre l'erreur de chaque réseau à côté de 1/6 et 0, et le plancher (n − 4p)/(3n) "
    "qu'impose son nombre de morceaux p.</li></ol>"
    "<p><b>L'importance de la profondeur dans l'apprentissage (Telgarsky 2015).</b> Soit "
    "m ≥ 2<sup>(k−3)/(l−1)</sup>, k ∈ ℕ. Il existe un échantillon S = (x<sub>i</sub>, "
    "y<sub>i</sub>)<sub>i=1..2<sup>k</sup></sub>, avec x<sub>i</sub> ∈ [0, 1], y<sub>i</sub> ∈ {0, 1} "
    "pour tout i ≤ 2<sup>k</sup> tel que : min<sub>f ∈ 𝔑(σ<sub>R</sub>, m, l)</sub> ℛ(f) = 1/6 & "
    "min<sub>f ∈ 𝔑(σ<sub>R</sub>, 2, 2k)</sub> ℛ(f) = 0. 𝔑(σ<sub>R</sub>, m, l) désigne l'ensemble "
    "de fonctions données par un feedforward réseau de neurones avec une fonction d'activation σ, "
    "à l couches avec au plus m nœuds. σ<sub>R</sub> désigne la fonction d'activation ReLU.</p>"
    "<p><i>Remarque :</i> dans l'article de Telgarsky la largeur est bornée supérieurement, m ≤ "
    "2<sup>(k−3)/l − 1</sup>, et 1/6 est une borne inférieure : un tel réseau a au plus "
    "(2m)<sup>l</sup> ≤ 2<sup>k−3</sup> morceaux, et une fonction à p morceaux se trompe sur au moins "
    "(n − 4p)/(3n) des n = 2<sup>k</sup> points alternés, ici 1/6. Ici x<sub>i</sub> = i/2<sup>k</sup>, "
    "y<sub>i</sub> = i mod 2, exactement les valeurs de t<sup>k</sup>.</p>"
    "<p><b>Définition (t-sawtooth fonction d'activation).</b> Pour tout t ∈ ℕ, une fonction "
    "f : ℝ → ℝ est dite t-sawtooth quand elle est linéaire par morceaux avec t morceaux. Exemple : "
    "la fonction ReLU est 2-sawtooth.</p>"
    "<p><b>Réseaux récurrents.</b> Notation : ℜ(σ, m, l, k) désigne k itérations d'un réseau de "
    "neurones à l couches d'au plus m nœuds. Conséquence : ℜ(σ, m, l, k) ⊆ 𝔑(σ, m, lk). Le bloc "
    "tente à 2 unités itéré k fois est un tel réseau récurrent : 7 poids pour tout k, et les mêmes "
    "2<sup>k</sup> morceaux. Théorème du cours : min<sub>f ∈ ℜ(σ<sub>R</sub>, 2, 2, k)</sub> ℛ(f) = 0 "
    "& min<sub>f ∈ 𝔑(σ<sub>t</sub>, m, l)</sub> ℛ(f) ≥ (n − 4(tm)<sup>l</sup>)/(3n). (Les diapositives "
    "notent de la même lettre le risque et les deux classes de réseaux ; ici ℛ est le risque, ℜ la "
    "classe récurrente, 𝔑 la classe feedforward.)</p>"
    "<p>Ici un bloc tente est une couche cachée : l'application affine qui suit chaque couche ReLU "
    "est fusionnée dans les poids de la couche suivante, donc 𝔑(σ<sub>R</sub>, 2, 2k) est un réseau "
    "de k couches cachées de largeur 2.</p>"
)

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "lesson_html": _EN_LESSON,
        "fig_target": "Target t^k and the trained nets",
        "fig_blocks": "Construction, block by block",
        "fig_landscape": "Pieces vs weights",
        "fig_risk": "Risk (n = 2^k)",
        "fig_loss": "Loss",
        "fig_pieces": "Pieces (training)",
        "axis_x": "x", "axis_y": "value", "axis_block": "after block j (stacked)",
        "axis_weights": "weights", "axis_pieces": "linear pieces", "axis_risk": "misclassified",
        "axis_epoch": "epoch", "axis_loss": "loss",
        "target": "t^k (target)", "deep": "deep narrow", "shallow": "shallow wide",
        "exact": "exact construction", "recurrent": "recurrent (shared block)",
        "samples": "2^k sample points", "knees": "knees",
        "exact_short": "exact", "recurrent_short": "RNN", "deep_short": "deep", "shallow_short": "shallow",
        "construction_short": "construction", "recurrent_short_line": "recurrent",
        "bound_l": "shallow bound (2m)^{l}, l = {l}", "construction_line": "construction 2^k (6k+1 weights)",
        "recurrent_line": "recurrent: 7 weights, any k", "target_line": "2^k pieces needed",
        "theorem_sixth": "theorem: 1/6", "theorem_zero": "← theorem: 0", "floor": "floor (n − 4p)/(3n)",
        "presets": "Equal budgets:", "custom_preset": "custom (your own widths and depths)",
        "block_label": "{j}: {p} pieces",
        "block_weights": "h = σ(s − (0, ½)); s ← 2h₁ − 4h₂\nthe same block k times: an RNN, 7 weights",
        "readout": ("<p><b>Epoch {epoch}</b> · {engine} · {speed}</p>"
                    "<p><b>t<sup>{k}</sup></b>: {target} pieces, {n} sample points.</p>"
                    "<table cellspacing='3'><tr><th align='left'>net</th><th>weights</th><th>pieces</th>"
                    "<th>risk</th></tr>{rows}</table><p>MSE on [0, 1]: {mse}</p>{note}"),
        "row": "<tr><td>{label}</td><td align='right'>{params}</td><td align='right'>{pieces}</td>"
               "<td align='right'>{risk}</td></tr>",
        "mse_item": "{label} {mse}",
        "dead_note": "<p>The {label} net is one straight line: all its ReLUs are off or on together "
                     "(a dead network). Change the seed or the initialisation and press Reset.</p>",
        "floor_note": "<p>With {p} pieces the {label} net must misclassify at least {floor:.0%} of the "
                      "points, whatever its weights.</p>",
        "speed": "{rate} epochs/s",
        "paused": "paused",
    },
    "fr": {
        "lesson_html": _FR_LESSON,
        "fig_target": "Cible t^k et réseaux entraînés",
        "fig_blocks": "Construction, bloc par bloc",
        "fig_landscape": "Morceaux vs poids",
        "fig_risk": "Risque (n = 2^k)",
        "fig_loss": "Perte",
        "fig_pieces": "Morceaux appris",
        "axis_x": "x", "axis_y": "valeur", "axis_block": "après le bloc j (empilés)",
        "axis_weights": "poids", "axis_pieces": "morceaux linéaires", "axis_risk": "mal classés",
        "axis_epoch": "époque", "axis_loss": "perte",
        "target": "t^k (cible)", "deep": "profond étroit", "shallow": "large peu profond",
        "exact": "construction exacte", "recurrent": "récurrent (bloc partagé)",
        "samples": "2^k points de l'échantillon", "knees": "coudes",
        "exact_short": "exacte", "recurrent_short": "RNN", "deep_short": "profond", "shallow_short": "large",
        "construction_short": "construction", "recurrent_short_line": "récurrent",
        "bound_l": "borne peu profonde (2m)^{l}, l = {l}", "construction_line": "construction 2^k (6k+1 poids)",
        "recurrent_line": "récurrent : 7 poids, tout k", "target_line": "2^k morceaux nécessaires",
        "theorem_sixth": "théorème : 1/6", "theorem_zero": "← théorème : 0", "floor": "plancher (n − 4p)/(3n)",
        "presets": "Budgets égaux :", "custom_preset": "libre (vos largeurs et profondeurs)",
        "block_label": "{j} : {p} morceaux",
        "block_weights": "h = σ(s − (0, ½)) ; s ← 2h₁ − 4h₂\nle même bloc k fois : un RNN, 7 poids",
        "readout": ("<p><b>Époque {epoch}</b> · {engine} · {speed}</p>"
                    "<p><b>t<sup>{k}</sup></b> : {target} morceaux, {n} points.</p>"
                    # ℛ, the lesson's letter for the risk: "risque" and "morceaux" made the table wider
                    # than the side panel in presentation mode
                    "<table cellspacing='2'><tr><th align='left'>réseau</th><th>poids</th><th>morceaux</th>"
                    "<th>ℛ</th></tr>{rows}</table><p>EQM sur [0, 1] : {mse}</p>{note}"),
        "row": "<tr><td>{label}</td><td align='right'>{params}</td><td align='right'>{pieces}</td>"
               "<td align='right'>{risk}</td></tr>",
        "mse_item": "{label} {mse}",
        "dead_note": "<p>Le réseau {label} est une seule droite : toutes ses ReLU sont éteintes ou "
                     "allumées ensemble (réseau mort). Changez la graine ou l'initialisation, puis "
                     "Réinitialiser.</p>",
        "floor_note": "<p>Avec {p} morceaux, le réseau {label} se trompe sur au moins {floor:.0%} des "
                      "points, quels que soient ses poids.</p>",
        "speed": "{rate} époques/s",
        "paused": "en pause",
    },
}


def text(key: str, lang: str = "en") -> str:
    return TEXT[lang][key]
