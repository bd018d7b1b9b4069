"""The stepper's one-click starting points: the lecture's 4×4 example, conv_arithmetic's 15 cases and
the classic kernels (identity, box blur, Sobel, Laplacian, sharpen).

The lecture's example: the 4×4 input 4 1 2 5 / 3 5 3 2 / 5 1 3 3 / 0 2 1 2 with the 3×3 kernel
1 0 1 / 0 1 1 / 1 0 1, without padding (a 2×2 output; the slide's worked window 1 2 5 / 5 3 2 / 1 3 3
gives its 15) and with the one ring of zeros the slide draws around it (a 4×4 output).
conv_arithmetic (Dumoulin & Visin, "A guide to convolution arithmetic for deep learning") animates 15
cases: seven direct convolutions, their seven transposes and one dilated convolution.
"""
from __future__ import annotations

import numpy as np

from playground.core.i18n import N_

__all__ = ["LECTURE_INPUT", "LECTURE_KERNEL", "KERNELS", "kernel_preset", "CASES", "CONV_ARITHMETIC", "case_input"]

LECTURE_INPUT = np.array([[4, 1, 2, 5], [3, 5, 3, 2], [5, 1, 3, 3], [0, 2, 1, 2]], dtype=float)
LECTURE_KERNEL = np.array([[1, 0, 1], [0, 1, 1], [1, 0, 1]], dtype=float)

# Labels in English, marked for translation; the view shows tr(label).
KERNELS = {
    "lecture": N_("Lecture (1 0 1 / 0 1 1 / 1 0 1)"),
    "identity": N_("Identity"),
    "box": N_("Box blur"),
    "sobel_x": N_("Sobel x (vertical edges)"),
    "sobel_y": N_("Sobel y (horizontal edges)"),
    "laplacian": N_("Laplacian"),
    "sharpen": N_("Sharpen"),
}


def kernel_preset(name: str, k: int) -> np.ndarray:
    """A k×k kernel (k = 1 to 7); 3×3 presets are centred in larger kernels and cut to their centre
    in a 1×1 one, except the box blur, which fills any size."""
    if name not in KERNELS:
        raise ValueError(f"unknown kernel preset {name!r}; choose one of {', '.join(KERNELS)}")
    if name == "box":
        return np.full((k, k), 1.0 / (k * k))
    base = {
        "lecture": LECTURE_KERNEL,
        "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], float),
        "sobel_x": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], float),
        "sobel_y": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], float),
        "laplacian": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], float),
        "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], float),
    }[name]
    if k >= 3:
        out = np.zeros((k, k))
        o = (k - 3) // 2
        out[o:o + 3, o:o + 3] = base
        return out
    return base[1:1 + k, 1:1 + k].copy()  # 1×1: the centre; 2×2: the centre and its lower right


# name -> (label, stepper settings). Transposed cases take the direct case's output size as input.
CASES = {
    "lecture": (N_("Lecture 4×4, no padding"), dict(input=4, kernel=3, padding=0, stride=1, dilation=1, transposed=False)),
    "lecture_padded": (N_("Lecture 4×4, zero padding 1"), dict(input=4, kernel=3, padding=1, stride=1, dilation=1, transposed=False)),
    "no_padding_no_strides": (N_("No padding, no strides (i=4, k=3)"), dict(input=4, kernel=3, padding=0, stride=1, dilation=1, transposed=False)),
    "arbitrary_padding_no_strides": (N_("Arbitrary padding (i=5, k=4, p=2)"), dict(input=5, kernel=4, padding=2, stride=1, dilation=1, transposed=False)),
    "same_padding_no_strides": (N_("Half (same) padding (i=5, k=3, p=1)"), dict(input=5, kernel=3, padding=1, stride=1, dilation=1, transposed=False)),
    "full_padding_no_strides": (N_("Full padding (i=5, k=3, p=2)"), dict(input=5, kernel=3, padding=2, stride=1, dilation=1, transposed=False)),
    "no_padding_strides": (N_("No padding, strides (i=5, k=3, s=2)"), dict(input=5, kernel=3, padding=0, stride=2, dilation=1, transposed=False)),
    "padding_strides": (N_("Padding, strides (i=5, k=3, s=2, p=1)"), dict(input=5, kernel=3, padding=1, stride=2, dilation=1, transposed=False)),
    "padding_strides_odd": (N_("Padding, strides, odd (i=6, k=3, s=2, p=1)"), dict(input=6, kernel=3, padding=1, stride=2, dilation=1, transposed=False)),
    "no_padding_no_strides_transposed": (N_("Transposed: no padding, no strides (i=2, k=3)"), dict(input=2, kernel=3, padding=0, stride=1, dilation=1, transposed=True)),
    "arbitrary_padding_no_strides_transposed": (N_("Transposed: arbitrary padding (i=6, k=4, p=2)"), dict(input=6, kernel=4, padding=2, stride=1, dilation=1, transposed=True)),
    "same_padding_no_strides_transposed": (N_("Transposed: half padding (i=5, k=3, p=1)"), dict(input=5, kernel=3, padding=1, stride=1, dilation=1, transposed=True)),
    "full_padding_no_strides_transposed": (N_("Transposed: full padding (i=7, k=3, p=2)"), dict(input=7, kernel=3, padding=2, stride=1, dilation=1, transposed=True)),
    "no_padding_strides_transposed": (N_("Transposed: no padding, strides (i=2, k=3, s=2)"), dict(input=2, kernel=3, padding=0, stride=2, dilation=1, transposed=True)),
    "padding_strides_transposed": (N_("Transposed: padding, strides (i=3, k=3, s=2, p=1)"), dict(input=3, kernel=3, padding=1, stride=2, dilation=1, transposed=True)),
    "padding_strides_odd_transposed": (N_("Transposed: padding, strides, odd (i=3, k=3, s=2, p=1, a=1)"), dict(input=3, kernel=3, padding=1, stride=2, dilation=1, transposed=True, output_padding=1)),
    "dilation": (N_("Dilation (i=7, k=3, d=2)"), dict(input=7, kernel=3, padding=0, stride=1, dilation=2, transposed=False)),
}
CONV_ARITHMETIC = tuple(k for k in CASES if not k.startswith("lecture"))  # the 15 animations


def case_input(name: str, seed: int = 0) -> np.ndarray:
    """The lecture's own numbers for its cases; small random integers (0 to 4) for the others,
    so every product and sum can be checked by hand."""
    if name.startswith("lecture"):
        return LECTURE_INPUT.copy()
    n = CASES[name][1]["input"]
    return np.random.default_rng(seed).integers(0, 5, size=(n, n)).astype(float)
