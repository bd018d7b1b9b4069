"""Every user-visible sentence of the segmentation lab, by language: the lesson, captions, messages.

The English is written here, each value marked N_() so that the core catalogue collects it; its French
lives in this lab's catalogue (`playground/labs/segment/fr.json`, checked complete by
tests/test_translations.py), and TEXT["fr"] is read from there, so the French is written once.
`text(key)` gives the value in the language in force (the window's, or `--language` on the command
line). The lesson follows the lecture's medical-imaging part: why the
liver, CT with or without contrast, Couinaud's eight segments, MedSAM's box prompts, the Touchstone
benchmark, and randomised synthesis against domain shift.
"""
from __future__ import annotations

from playground.core.i18n import N_, catalogue, language

__all__ = ["TEXT", "text", "WINDOWS"]

_EN = {
    "lesson": N_(
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
    "tab_train": N_("Train"),
    "tab_shift": N_("Domain shift"),
    "tab_own": N_("Your slice"),
    "tab_data": N_("Synthetic data"),
    "slice_title": N_("Test slice {index}{dice}"),
    "prob_title": N_("Probability of liver"),
    "curves_title": N_("Dice and IoU"),
    "strip_title": N_("Test slices, worst Dice first (click one to show it)"),
    "box_hint": N_("Orange: U-Net · blue: truth. Drag a box on the slice to prompt the box model (green)."),
    "box_off": N_("Orange: U-Net · blue: truth. Box prompts are off: tick 'Box-prompted model too'."),
    "box_result": N_("Box prompt: Dice <b>{with_:.3f}</b> with the box (green), {without:.3f} without it (orange)."),
    "shift_title": N_("Dice measured on this machine: training regime x test scanner"),
    "shift_curves_title": N_("Test Dice during the experiment"),
    "shift_run": N_("Run the experiment"),
    "shift_idle": N_("Trains a narrow model, then a randomised-synthesis model, {steps} steps each, and "
                  "scores both on test slices of scanner {home} and scanner {away}."),
    "shift_running": N_("Training the {phase} model… {percent:.0f}%"),
    "shift_done": N_("Done. {summary}"),
    "own_title": N_("Your slice{name}"),
    "own_open": N_("Open a slice…"),
    "own_segment": N_("Segment with the U-Net"),
    "own_export_png": N_("Export mask (PNG)…"),
    "own_export_nii": N_("Export mask (NIfTI)…"),
    "own_none": N_("Open a CT slice (PNG, TIFF, DICOM, NIfTI) to segment it with the trained model."),
    "own_loaded": N_("{name}: {h} x {w} pixels, slice {k} of {n}, HU {lo:.0f} to {hi:.0f}. {note}"),
    "own_mask": N_("Liver mask: {percent}% of the slice (orange)."),
    "own_no_mask": N_("Press 'Segment with the U-Net' (or drag a box) to get a mask to export."),
    "data_title": N_("Synthetic slices: {rows}"),
    "data_new": N_("New samples"),
    "window": N_("Window"),
    "presets": {"abdomen": N_("Abdomen W400/L40"), "liver": N_("Liver W150/L30"), "bone": N_("Bone W1800/L400")},
    "readout": N_("<p><b>Step {step}</b> (epoch {epoch:.1f}), loss {loss}</p>"
                  "<p>Dice train <b>{dtr}</b> · test <b>{dte}</b><br>IoU train {itr} · test {ite}{box}</p>"
                  "<p>Test slices: {domain}</p><p>{engine}</p>"),
}

# (width, level) of the window presets, in HU
WINDOWS = {"abdomen": (400.0, 40.0), "liver": (150.0, 30.0), "bone": (1800.0, 400.0)}


def _translated(value, lang: str):
    """A value of _EN (a string, or a dict of them) in `lang`, from the lab's catalogue."""
    if isinstance(value, dict):
        return {k: _translated(v, lang) for k, v in value.items()}
    return catalogue(lang).get(value) or value  # not yet translated: English rather than a blank


TEXT = {"en": _EN, "fr": {key: _translated(value, "fr") for key, value in _EN.items()}}


def text(key: str, lang: str | None = None):
    """The text `key` in `lang`, by default the language in force."""
    return TEXT.get(lang or language(), _EN)[key]
