"""The conv lab's lesson and its longer sentences, in English and in French: one dict per language.

`TEXT[key]` answers in the language in force when it is read (`playground.core.i18n.language()`), so
the views read it where they show a text, never once at import. The lab's other texts go through
`tr()` (the views' in assets/i18n/conv_fr.ts, the Qt-free modules' in fr.json beside this file)."""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from playground.core.i18n import language

__all__ = ["STRINGS", "TEXT", "thousands"]

STRINGS = {
    "en": {
        "lesson": (
            "<p><b>Convolution tab:</b> press <b>Step</b> (→) or <b>Play</b> (Space) and the kernel slides over the "
            "input; <b>Back</b> (←) undoes a step. Hover an output cell to see its window, the element-wise "
            "products, their sum and the bias. Click a cell of the input or the kernel and type a value; Enter moves on to the next cell.</p>"
            "<p><b>The lecture's example</b> (<i>réseaux convolutifs</i>): the 4×4 input 4 1 2 5 / 3 5 3 2 / "
            "5 1 3 3 / 0 2 1 2 and the kernel 1 0 1 / 0 1 1 / 1 0 1. Without padding the output is 2×2 "
            "(o = 4 − 3 + 1); the slide's window 1 2 5 / 5 3 2 / 1 3 3 gives its 15 (1+5+3+2+1+3), the "
            "top-right cell. With one ring of zeros (<i>zero padding</i>) the output keeps the input's 4×4.</p>"
            "<p><b>Receptive fields:</b> how many 3×3 convolutions to see a 100×100 object? Each adds 2 "
            "pixels: r = 1 + 2L, so about 50 (<i>« environ 50… il faut agrandir le champ réceptif plus "
            "vite »</i>). Stride, pooling and dilation multiply the growth.</p>"
            "<p><b>Parameters:</b> an MLP on a 28×28 image with 1,000 hidden units needs ≈ 800,000 weights; "
            "on a 28-megapixel colour photo ≈ 10¹¹ (<i>explosion du nombre de paramètres</i>). A convolution's "
            "count does not depend on the image: local connectivity and weight sharing.</p>"
            "<p><b>CNN tab:</b> Play trains a small CNN and an MLP on the same data (real 8×8 digits, or "
            "shapes anywhere in a 28×28 image). Compare accuracy and parameters; draw a digit to classify.</p>"),
        "input": "input", "padding": "padding", "kernel": "kernel", "output": "output",
        "products": "products", "stretched": "stretched input",
        "inserted": "inserted zeros and padding", "kernel_flipped": "kernel, flipped",
        "pooled": "pooled output", "cannot": "Cannot compute: {why}",
        "cannot_short": "Cannot compute (see below)",
        "hover_hint": "Hover an output cell to see what it adds up; Step (→) slides the kernel.",
        "sum_line": "output[{r}, {c}] = Σ input × kernel + bias = {terms} = <b>{total}</b>",
        "channel_sums": "output[{r}, {c}] per channel: {sums}; + bias {bias} = <b>{total}</b>",
        "shift_title": "Shift experiment: the input moved by one pixel",
        "shift_line": ("convolution output changed by <b>{conv:.0%}</b> (mean |Δ| / mean |y|; {conv_cells:.0%} of "
                       "cells changed); after {kind} pooling <b>{pool:.0%}</b> ({pool_cells:.0%} of cells). "
                       "Pooling is less sensitive to small shifts (<i>moins sensible aux petits décalages</i>)."),
        "rf_flag": "field wider than the input",
        "rf_question": "To see an object of {n}×{n} pixels, one unit needs a field of {n}:",
        "mlp_label": "MLP first layer", "cnn_label": "CNN first layer",
        "draw_hint": "Draw with the mouse (right button erases); the networks classify it live.",
    },
    "fr": {
        "lesson": (
            "<p><b>Onglet Convolution :</b> <b>Pas à pas</b> (→) ou <b>Lecture</b> (Espace) fait glisser le noyau sur "
            "l'entrée ; <b>Retour</b> (←) revient d'un pas. Survolez une case de sortie : sa fenêtre, les produits "
            "terme à terme, leur somme et le biais s'affichent. Cliquez une case de l'entrée ou du noyau et tapez "
            "une valeur ; Entrée passe à la case suivante.</p>"
            "<p><b>L'exemple du cours</b> (<i>réseaux convolutifs</i>) : l'entrée 4×4 4 1 2 5 / 3 5 3 2 / 5 1 3 3 / "
            "0 2 1 2 et le noyau 1 0 1 / 0 1 1 / 1 0 1. Sans remplissage la sortie est 2×2 (o = 4 − 3 + 1) ; la "
            "fenêtre 1 2 5 / 5 3 2 / 1 3 3 de la diapositive donne son 15 (1+5+3+2+1+3), la case en haut à droite. "
            "Avec un anneau de zéros tout autour (remplissage par des zéros), la sortie garde la taille 4×4 de l'entrée.</p>"
            "<p><b>Champs réceptifs :</b> combien de convolutions 3×3 pour voir un objet de 100×100 px ? Chacune "
            "ajoute 2 pixels : r = 1 + 2L, donc environ 50 : « il faut agrandir le champ réceptif plus rapidement ! » "
            "Le pas, le pooling (agrégation) et la dilatation accélèrent la croissance.</p>"
            "<p><b>Paramètres :</b> un MLP sur une image 28×28 avec 1 000 neurones cachés demande ≈ 800 000 poids ; "
            "sur une photo couleur de 28 mégapixels ≈ 10¹¹ (explosion du nombre de paramètres). Le nombre de "
            "paramètres d'une convolution ne dépend pas de l'image : connectivité locale et partage des poids.</p>"
            "<p><b>Onglet Entraînement du CNN :</b> <b>Lecture</b> entraîne un petit CNN et un MLP sur les mêmes données (vrais chiffres "
            "8×8, ou formes placées n'importe où dans une image 28×28). Comparez précision et paramètres ; "
            "dessinez un chiffre à classer.</p>"),
        "input": "entrée", "padding": "remplissage", "kernel": "noyau", "output": "sortie",
        "products": "produits", "stretched": "entrée étirée",
        "inserted": "zéros insérés et remplissage", "kernel_flipped": "noyau retourné",
        "pooled": "sortie du pooling", "cannot": "Calcul impossible : {why}",
        "cannot_short": "Calcul impossible (voir dessous)",
        "hover_hint": "Survolez une case de sortie pour voir ce qu'elle additionne ; Pas à pas (→) fait glisser le noyau.",
        "sum_line": "sortie[{r}, {c}] = Σ entrée × noyau + biais = {terms} = <b>{total}</b>",
        "channel_sums": "sortie[{r}, {c}] par canal : {sums} ; + biais {bias} = <b>{total}</b>",
        "shift_title": "Expérience de décalage : l'entrée déplacée d'un pixel",
        "shift_line": ("la sortie de la convolution varie de <b>{conv:.0%}</b> (|Δ| moyen / |y| moyen ; {conv_cells:.0%} "
                       "des cases) ; après pooling {kind} <b>{pool:.0%}</b> ({pool_cells:.0%} des cases). Le pooling "
                       "rend le réseau moins sensible aux petits décalages."),
        "rf_flag": "champ plus étendu que l'entrée",
        "rf_question": "Pour voir un objet de {n}×{n} px, une unité doit avoir un champ de {n} :",
        "mlp_label": "Première couche du MLP", "cnn_label": "Première couche du CNN",
        "draw_hint": "Dessinez à la souris (bouton droit : gomme) ; les réseaux le classent en direct.",
    },
}



def thousands(n: int) -> str:
    """785,000 in English, 785 000 in French (where a comma is the decimal point)."""
    text = f"{n:,}"
    return text.replace(",", "\u00a0") if language() == "fr" else text


class _Text(Mapping):
    """STRINGS of the current language; a key French lacks falls back to English."""

    def __getitem__(self, key: str) -> str:
        return STRINGS.get(language(), STRINGS["en"]).get(key) or STRINGS["en"][key]

    def __iter__(self) -> Iterator[str]:
        return iter(STRINGS["en"])

    def __len__(self) -> int:
        return len(STRINGS["en"])


TEXT = _Text()
