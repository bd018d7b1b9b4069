"""Every user-visible sentence of the segmentation lab, by language: the lesson, captions, messages.

One dict per language with the same keys; the view shows English for now (`text(key)`), and a French
window will only need `LANG = "fr"`. The lesson follows the lecture's medical-imaging part: why the
liver, CT with or without contrast, Couinaud's eight segments, MedSAM's box prompts, the Touchstone
benchmark, and randomised synthesis against domain shift.
"""
from __future__ import annotations

__all__ = ["TEXT", "text", "LANG"]

LANG = "en"

TEXT = {
    "en": {
        "lesson": (
            "<p><b>Why the liver?</b> It is the body's largest organ and the seat of many chronic diseases "
            "and tumours; segmenting it on CT is the base of screening, diagnosis and follow-up, and of "
            "surgical planning on its <b>eight Couinaud segments</b> (where a tumour sits decides the "
            "operation).</p>"
            "<p><b>Train:</b> press Play. A small U-Net (MONAI) learns the liver mask on synthetic CT "
            "slices. Orange is its mask, blue the truth; the strip below lists the test slices it gets "
            "most wrong. Dice = 2|A∩B|/(|A|+|B|), IoU = |A∩B|/|A∪B|.</p>"
            "<p><b>CT with or without contrast</b> (<i>avec ou sans contraste</i>): with contrast the "
            "liver is bright (~110 HU); without, it sits near muscle and spleen (~60 HU). Train on one "
            "scanner (the narrow domain), test on the other: Dice drops. That is <b>domain shift</b>, "
            "and why benchmarks such as <b>Touchstone</b> test algorithms on data from many hospitals.</p>"
            "<p><b>Randomised synthesis</b> (<i>synthèse aléatoire</i>): draw contrast, tissue "
            "intensities, noise and shapes widely for every training slice, so that every real scanner "
            "looks like one more sample. The <i>Domain shift</i> tab measures both in one click.</p>"
            "<p><b>Box prompts (MedSAM):</b> tick the box-prompted model, then drag a box around the "
            "organ: the model segments what is inside it. The lecture's MedSAM does this with a vision "
            "transformer; here a U-Net reads the box as a second input channel.</p>"
            "<p><b>Your slice:</b> open a PNG, TIFF, DICOM or NIfTI file, set the window (abdomen "
            "W400/L40, liver W150/L30), segment it and export the mask. A teaching model trained on "
            "synthetic slices: never for diagnosis.</p>"),
        "tab_train": "Train",
        "tab_shift": "Domain shift",
        "tab_own": "Your slice",
        "tab_data": "Synthetic data",
        "slice_title": "Test slice {index}{dice}",
        "prob_title": "Probability of liver",
        "curves_title": "Dice and IoU",
        "strip_title": "Test slices, worst Dice first (click one to show it)",
        "box_hint": "Orange: U-Net · blue: truth. Drag a box on the slice to prompt the box model (green).",
        "box_off": "Orange: U-Net · blue: truth. Box prompts are off: tick 'Box-prompted model too'.",
        "box_result": "Box prompt: Dice <b>{with_:.3f}</b> with the box (green), {without:.3f} without it (orange).",
        "shift_title": "Dice measured on this machine: training regime x test scanner",
        "shift_curves_title": "Test Dice during the experiment",
        "shift_run": "Run the experiment",
        "shift_idle": "Trains a narrow model, then a randomised-synthesis model, {steps} steps each, and "
                      "scores both on test slices of scanner {home} and scanner {away}.",
        "shift_running": "Training the {phase} model… {percent:.0f}%",
        "shift_done": "Done. {summary}",
        "own_title": "Your slice{name}",
        "own_open": "Open a slice…",
        "own_segment": "Segment with the U-Net",
        "own_export_png": "Export mask (PNG)…",
        "own_export_nii": "Export mask (NIfTI)…",
        "own_none": "Open a CT slice (PNG, TIFF, DICOM, NIfTI) to segment it with the trained model.",
        "own_loaded": "{name}: {h} x {w} pixels, slice {k} of {n}, HU {lo:.0f} to {hi:.0f}. {note}",
        "own_mask": "Liver mask: {fraction:.1%} of the slice (orange).",
        "own_no_mask": "Press 'Segment with the U-Net' (or drag a box) to get a mask to export.",
        "data_title": "Synthetic slices: {rows}",
        "data_new": "New samples",
        "window": "Window",
        "presets": {"abdomen": "Abdomen W400/L40", "liver": "Liver W150/L30", "bone": "Bone W1800/L400"},
        "readout": "<p><b>Step {step}</b> (epoch {epoch:.1f}), loss {loss}</p>"
                   "<p>Dice train <b>{dtr}</b> · test <b>{dte}</b><br>IoU train {itr} · test {ite}{box}</p>"
                   "<p>Test slices: {domain}</p><p>{engine}</p>",
    },
    "fr": {
        "lesson": (
            "<p><b>Pourquoi segmenter le foie ?</b> C'est le plus grand organe du corps, siège de "
            "nombreuses maladies chroniques et tumeurs ; sa segmentation en CT sert au dépistage, au "
            "diagnostic, au suivi et à la planification chirurgicale sur ses <b>8 segments de "
            "Couinaud</b> (la position d'une tumeur décide de l'opération).</p>"
            "<p><b>Entraîner :</b> appuyez sur Lecture. Un petit U-Net (MONAI) apprend le masque du "
            "foie sur des coupes CT synthétiques. En orange son masque, en bleu la vérité ; le bandeau "
            "montre les coupes de test les plus mal segmentées. Dice = 2|A∩B|/(|A|+|B|), "
            "IoU = |A∩B|/|A∪B|.</p>"
            "<p><b>CT avec ou sans contraste :</b> avec contraste le foie est clair (~110 UH) ; sans, "
            "il est proche du muscle et de la rate (~60 UH). Entraîner sur un scanner (domaine étroit), "
            "tester sur l'autre : le Dice chute. C'est le <b>changement de domaine</b>, et la raison "
            "d'être de bancs d'essai comme <b>Touchstone</b>, qui testent sur des données de nombreux "
            "hôpitaux.</p>"
            "<p><b>Synthèse aléatoire :</b> tirer largement contraste, intensités des tissus, bruit et "
            "formes pour chaque coupe d'entraînement, pour que chaque scanner réel ne soit qu'un "
            "échantillon de plus. L'onglet <i>Domain shift</i> mesure les deux en un clic.</p>"
            "<p><b>Boîtes (MedSAM) :</b> cochez le modèle à boîte, puis tracez une boîte autour de "
            "l'organe : le modèle segmente ce qu'elle contient. MedSAM le fait avec un transformeur de "
            "vision ; ici un U-Net lit la boîte comme second canal d'entrée.</p>"
            "<p><b>Votre coupe :</b> ouvrez un fichier PNG, TIFF, DICOM ou NIfTI, réglez la fenêtre "
            "(abdomen L400/N40, foie L150/N30), segmentez et exportez le masque. Modèle pédagogique "
            "entraîné sur des coupes synthétiques : jamais pour un diagnostic.</p>"),
        "tab_train": "Entraîner",
        "tab_shift": "Changement de domaine",
        "tab_own": "Votre coupe",
        "tab_data": "Données synthétiques",
        "slice_title": "Coupe de test {index}{dice}",
        "prob_title": "Probabilité du foie",
        "curves_title": "Dice et IoU",
        "strip_title": "Coupes de test, pire Dice d'abord (cliquez pour l'afficher)",
        "box_hint": "Orange : U-Net · bleu : vérité. Tracez une boîte sur la coupe pour guider le modèle à boîte (vert).",
        "box_off": "Orange : U-Net · bleu : vérité. Boîtes désactivées : cochez le modèle à boîte.",
        "box_result": "Boîte : Dice <b>{with_:.3f}</b> avec la boîte (vert), {without:.3f} sans (orange).",
        "shift_title": "Dice mesuré sur cette machine : régime d'entraînement x scanner de test",
        "shift_curves_title": "Dice de test pendant l'expérience",
        "shift_run": "Lancer l'expérience",
        "shift_idle": "Entraîne un modèle étroit puis un modèle à synthèse aléatoire, {steps} pas chacun, "
                      "et les évalue sur des coupes des scanners {home} et {away}.",
        "shift_running": "Entraînement du modèle {phase}… {percent:.0f} %",
        "shift_done": "Terminé. {summary}",
        "own_title": "Votre coupe{name}",
        "own_open": "Ouvrir une coupe…",
        "own_segment": "Segmenter avec le U-Net",
        "own_export_png": "Exporter le masque (PNG)…",
        "own_export_nii": "Exporter le masque (NIfTI)…",
        "own_none": "Ouvrez une coupe CT (PNG, TIFF, DICOM, NIfTI) pour la segmenter avec le modèle entraîné.",
        "own_loaded": "{name} : {h} x {w} pixels, coupe {k} sur {n}, UH de {lo:.0f} à {hi:.0f}. {note}",
        "own_mask": "Masque du foie : {fraction:.1%} de la coupe (orange).",
        "own_no_mask": "Appuyez sur « Segmenter » (ou tracez une boîte) pour obtenir un masque à exporter.",
        "data_title": "Coupes synthétiques : {rows}",
        "data_new": "Nouveaux exemples",
        "window": "Fenêtre",
        "presets": {"abdomen": "Abdomen L400/N40", "liver": "Foie L150/N30", "bone": "Os L1800/N400"},
        "readout": "<p><b>Pas {step}</b> (époque {epoch:.1f}), perte {loss}</p>"
                   "<p>Dice entraînement <b>{dtr}</b> · test <b>{dte}</b><br>IoU entraînement {itr} · "
                   "test {ite}{box}</p><p>Coupes de test : {domain}</p><p>{engine}</p>",
    },
}

# (width, level) of the window presets, in HU
WINDOWS = {"abdomen": (400.0, 40.0), "liver": (150.0, 30.0), "bone": (1800.0, 400.0)}


def text(key: str, lang: str | None = None):
    return TEXT[lang or LANG][key]
