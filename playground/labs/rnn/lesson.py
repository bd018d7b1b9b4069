"""The recurrent networks lab's lesson texts and plot titles, in English and French (one dict per
language); `text(key)` gives the one of the current language (playground.core.i18n). Shorter strings
of the window (axis labels, buttons, read-outs) go through Qt's tr() in the view modules.

It follows the lecture's chapter "Réseaux de neurones récurrents: suivi temporel de l'information":
each input to the network depends on every step before it; the residual block, with and without
rollout; k iterations of one block make a k-times deeper net (R(σ, m, l, k) ⊆ R(σ, m, lk)); and the
comparison with convolutional networks (state, memory, variable length).
"""
from __future__ import annotations

__all__ = ["TEXTS", "text"]

TEXTS = {
    "en": {
        "side": (
            "<p><b>Information followed through time</b> (<i>suivi temporel de l'information</i>): a "
            "recurrent cell applies the same weights at every step, and its state h<sub>t</sub> carries "
            "everything it has seen, so each output depends on <i>all</i> the earlier inputs.</p>"
            "<p><b>Unroll:</b> Step (→), Back (←) and Play walk through time; the panel shows every "
            "number of h<sub>t</sub> = tanh(W<sub>h</sub>h<sub>t−1</sub> + W<sub>x</sub>x<sub>t</sub> + b) "
            "(or the chosen cell's gates). Click a box or a heat-map column to jump there. With 1 or 2 "
            "hidden units every weight has a slider.</p>"
            "<p><b>Training:</b> Play trains by backpropagation through time. The heat map shows "
            "‖∂L/∂h<sub>t</sub>‖ for every step over the epochs: on the memory task a vanilla cell's "
            "gradient fades toward the first steps (vanishing), the LSTM's and the residual block's "
            "reach them. Try truncation (no gradient crosses every k-th step) and clipping.</p>"
            "<p><b>Memory race:</b> the longest T each cell type learns within a budget of epochs, "
            "measured here.</p>"),
        "cnn_vs_rnn": (
            "<h3>CNN or RNN? (the lecture's comparison)</h3>"
            "<ul>"
            "<li><b>Nature of the data.</b> A CNN works on spatial grids of values, such as images; an "
            "RNN is specialised for a sequence of values.</li>"
            "<li><b>Size and length.</b> A CNN scales to large images and can take images of varying "
            "size; an RNN scales to sequences far longer than a network without sequence-based "
            "sharing could handle, and takes sequences of varying length: change T while training "
            "and the same weights keep working.</li>"
            "<li><b>State.</b> An RNN has a state, h<sub>t</sub>; a CNN has none (except during "
            "training, and almost all training is done without state).</li>"
            "<li><b>Memory.</b> An RNN has a memory; a CNN does not. The memory task measures how long "
            "that memory lasts for each cell.</li>"
            "</ul>"
            "<h3>The residual block, with and without rollout</h3>"
            "<p><i>Sans rollout</i>: one block per time step, h<sub>t</sub> = h<sub>t−1</sub> + "
            "f(h<sub>t−1</sub>, x<sub>t</sub>). The identity path carries the state, and its gradient, "
            "unchanged from step to step.</p>"
            "<p><i>Rollout</i>: the same block iterated k times inside each step, "
            "z<sub>j</sub> = z<sub>j−1</sub> + f(z<sub>j−1</sub>, x<sub>t</sub>). The lecture's remark "
            "holds for both: the construction is linear in the states of each block (the identity path "
            "is an affine transformation), so it may misrepresent the temporal flow of information.</p>"
            "<h3>Recurrence is depth</h3>"
            "<p>k iterations of one network with l layers of at most m units is a network with l·k "
            "layers: R(σ, m, l, k) ⊆ R(σ, m, lk). Unrolling an RNN over T steps gives a T-times deeper "
            "net with shared weights, which is why its gradients vanish or explode like a deep "
            "network's. The depth lab builds this recurrent construction (Telgarsky's sawtooth).</p>"),
        "depth_link": "Open the depth lab's recurrent construction",
        "depth_missing": "The depth lab is not in this version of the app yet.",
        "unroll_title": "The cell, folded (left) and unrolled over time",
        "heat_title": "Hidden state h_t, step by step",
        "detail_empty": "Step 0: h₀ = 0. Press Step (→) or Play to compute h₁.",
        "sliders_title": "Weights (drag to edit; the session trains from them)",
        "sliders_none": ("Sliders appear for a cell with 1 or 2 hidden units. These weights are the "
                         "seeded ones, or the trained ones once training has run."),
        "seeded_button": "Seeded weights",
        "loss_title": "Loss and accuracy per epoch",
        "pred_title": "Predictions and targets",
        "grad_title": "log₁₀ ‖∂L/∂h_t‖ over training",
        "grad_now_title": "‖∂L/∂h_t‖ now",
        "conn_title": "Connectivity |∂y_t/∂x_s|",
        "race_title": "Memory race: longest T learned",
        "race_start": "Start the memory race",
        "race_cancel": "Cancel",
        "text_use": "Train on this text",
        "text_open": "Open a text file…",
        "text_sample": "The text that ships with the app",
        "text_sample_title": "Sample",
    },
    "fr": {
        "side": (
            "<p><b>Suivi temporel de l'information</b> : une cellule récurrente applique les mêmes "
            "poids à chaque pas, et son état h<sub>t</sub> porte tout ce qu'elle a vu ; chaque sortie "
            "dépend donc de <i>toutes</i> les entrées précédentes.</p>"
            "<p><b>Dépliage :</b> Pas à pas (→), Retour (←) et Lecture parcourent le temps ; le panneau montre "
            "chaque nombre de h<sub>t</sub> = tanh(W<sub>h</sub>h<sub>t−1</sub> + W<sub>x</sub>x<sub>t</sub> + b) "
            "(ou les portes de la cellule choisie). Cliquez sur une case ou une colonne de la carte pour "
            "y aller. Avec 1 ou 2 unités cachées, chaque poids a son curseur.</p>"
            "<p><b>Entraînement :</b> Lecture entraîne par rétropropagation à travers le temps. La carte "
            "montre ‖∂L/∂h<sub>t</sub>‖ à chaque pas au fil des époques : sur la tâche de mémoire, le "
            "gradient d'une cellule simple s'éteint vers les premiers pas (disparition du gradient), "
            "ceux du LSTM et du bloc résiduel les atteignent. Essayez la troncature (aucun gradient "
            "ne traverse un pas sur k) et l'écrêtage.</p>"
            "<p><b>Course de mémoire :</b> le plus grand T que chaque cellule apprend avec un budget "
            "d'époques, mesuré ici.</p>"),
        "cnn_vs_rnn": (
            "<h3>CNN ou RNN ? (la comparaison du cours)</h3>"
            "<ul>"
            "<li>Les CNN traitent des données de nature spatiale : les grilles à valeurs, par exemple "
            "les images. Les RNN sont spécialisés pour une séquence de valeurs.</li>"
            "<li>Les CNN s'adaptent facilement aux images de grandes dimensions et peuvent traiter des "
            "images de taille variable. Les RNN s'adaptent à des séquences plus longues qu'il ne serait "
            "pratique pour des réseaux sans adaptations basées sur les séquences ; ils peuvent "
            "également traiter des séquences de longueur variable.</li>"
            "<li>Les RNN sont caractérisés par un état, les CNN n'ont pas d'état (sauf pendant "
            "l'entraînement : la quasi-totalité de l'entraînement se fait sans état).</li>"
            "<li>Les RNN ont une mémoire, contrairement aux CNN.</li>"
            "</ul>"
            "<h3>Bloc résiduel, sans rollout et avec rollout</h3>"
            "<p><i>Sans rollout</i> : un bloc par pas de temps, h<sub>t</sub> = h<sub>t−1</sub> + "
            "f(h<sub>t−1</sub>, x<sub>t</sub>).</p>"
            "<p><i>Rollout</i> : le même bloc itéré k fois dans chaque pas. Dans les deux cas, la "
            "construction est linéaire en fonction des états de chaque bloc et donc susceptible de mal "
            "représenter le flux d'information temporel (transformation affine des données "
            "d'entrée).</p>"
            "<h3>La récurrence, c'est de la profondeur</h3>"
            "<p>k itérations d'un réseau à l couches d'au plus m nœuds : R(σ, m, l, k) ⊆ R(σ, m, lk). "
            "Dérouler un RNN sur T pas donne un réseau T fois plus profond aux poids partagés. Le "
            "laboratoire de profondeur construit ce réseau récurrent.</p>"),
        "depth_link": "Ouvrir la construction récurrente du laboratoire de profondeur",
        "depth_missing": "Le laboratoire de profondeur n'est pas encore dans cette version.",
        "unroll_title": "Cellule repliée (à gauche) et dépliée dans le temps",
        "heat_title": "État caché h_t, pas à pas",
        "detail_empty": "Pas 0 : h₀ = 0. Appuyez sur Pas à pas (→) ou Lecture pour calculer h₁.",
        "sliders_title": "Poids (faites glisser ; la session s'entraîne à partir d'eux)",
        "sliders_none": ("Les curseurs apparaissent pour une cellule à 1 ou 2 unités cachées. Ces poids "
                         "sont ceux de la graine, ou ceux appris une fois l'entraînement lancé."),
        "seeded_button": "Poids de la graine",
        "loss_title": "Perte et précision par époque",
        "pred_title": "Prédictions et cibles",
        "grad_title": "log₁₀ ‖∂L/∂h_t‖ au fil de l'entraînement",
        "grad_now_title": "‖∂L/∂h_t‖ maintenant",
        "conn_title": "Connectivité |∂y_t/∂x_s|",
        "race_title": "Course de mémoire : plus grand T appris",
        "race_start": "Lancer la course de mémoire",
        "race_cancel": "Annuler",
        "text_use": "Entraîner sur ce texte",
        "text_open": "Ouvrir un fichier texte…",
        "text_sample": "Le texte fourni avec l'application",
        "text_sample_title": "Échantillon",
    },
}


def text(key: str, lang: str | None = None) -> str:
    """The text `key` in `lang` (default: the language of this process), English where French lacks it."""
    if lang is None:
        from playground.core.i18n import language

        lang = language()
    return TEXTS.get(lang, TEXTS["en"]).get(key) or TEXTS["en"][key]
