"""The labs, as plain data: id, title, lecture chapter, and where their pieces live.

Nothing is imported here: the window imports a lab's view only when the user opens it, and the
command line imports only the lab it runs. Adding a lab is a folder `playground/labs/<id>/` (its
Qt-free `core.py` with PARAMS, SESSION and run_headless, its `view.py`, its own helpers) and one line
in LABS.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LabInfo", "LABS", "CHAPTERS", "get_lab", "lab_ids"]

# The lecture's chapters, in its order (French title, English title).
CHAPTERS = {
    "intro": ("Enthousiasme : le perceptron", "The perceptron and its limits"),
    "neurons": ("Réseaux de neurones artificiels", "Artificial neural networks"),
    "overfitting": ("Principes, surapprentissage", "Learning and overfitting"),
    "approximation": ("Théorèmes d'approximation", "Approximation theorems"),
    "cnn": ("Réseaux convolutifs", "Convolutional networks"),
    "rnn": ("Réseaux récurrents", "Recurrent networks"),
    "medical": ("Imagerie médicale", "Medical imaging"),
}


@dataclass(frozen=True)
class LabInfo:
    id: str
    title: str
    chapter: str  # a key of CHAPTERS
    summary: str
    view: str  # "module:Class" of the Qt view
    core: str  # module with PARAMS, SESSION ("module:Class" of the session) and run_headless()


LABS: tuple[LabInfo, ...] = (
    LabInfo("perceptron", "Perceptron & XOR", "intro",
            "A perceptron cannot learn XOR; one hidden layer can.",
            "playground.labs.perceptron.view:PerceptronLab", "playground.labs.perceptron.core"),
    LabInfo("activations", "Activation functions", "neurons",
            "Sigmoid to Maxout: f and f', saturation, vanishing gradients, and a race to a target loss.",
            "playground.labs.activations.view:ActivationsLab", "playground.labs.activations.core"),
    LabInfo("classify", "Classification playground", "overfitting",
            "TensorFlow Playground, ten times faster: data, features, depth, activations, overfitting.",
            "playground.labs.classify.view:ClassifyLab", "playground.labs.classify.core"),
    LabInfo("fit", "Fitting a function", "approximation",
            "Universal approximation made visible: Cybenko's sum of units, width sweeps, bumps, Lipschitz bins.",
            "playground.labs.fit.view:FitLab", "playground.labs.fit.core"),
    LabInfo("depth", "Depth vs width", "approximation",
            "Telgarsky's sawtooth: a deep narrow ReLU net against a shallow wide one, pieces counted exactly.",
            "playground.labs.depth.view:DepthLab", "playground.labs.depth.core"),
    LabInfo("conv", "Convolution", "cnn",
            "Step through convolution, padding, stride, dilation, transposed convolution and pooling; receptive fields; parameters; a CNN.",
            "playground.labs.conv.view:ConvLab", "playground.labs.conv.core"),
    LabInfo("rnn", "Recurrent networks", "rnn",
            "Step through RNN unrolling; train vanilla, residual, LSTM and GRU cells and watch the gradient through time.",
            "playground.labs.rnn.view:RnnLab", "playground.labs.rnn.core"),
    LabInfo("segment", "Liver segmentation", "medical",
            "A small U-Net segments the liver on synthetic CT live; box prompts; domain shift vs randomised synthesis.",
            "playground.labs.segment.view:SegmentLab", "playground.labs.segment.core"),
)


def get_lab(lab_id: str) -> LabInfo:
    for lab in LABS:
        if lab.id == lab_id:
            return lab
    raise KeyError(f"unknown lab {lab_id!r}; choose one of {', '.join(lab_ids())}")


def lab_ids() -> list[str]:
    return [lab.id for lab in LABS]
