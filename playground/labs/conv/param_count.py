"""How many weights a first layer needs: a fully connected (MLP) layer against a convolution.

A dense layer from an H×W×C image to h hidden units has (H·W·C)·h weights and h biases: it grows
with the image. A convolution with F filters of k×k over C channels has F·(C·k·k + 1), whatever the
image size (local connectivity and weight sharing). The lecture's two examples: a 28×28 grey image
into 1,000 hidden units is 785,000 ≈ 800,000 parameters; a 28-megapixel RGB photo is
84·10⁶ · 1,000 ≈ 10¹¹.
"""
from __future__ import annotations

from playground.core.i18n import N_
from playground.labs.conv.text import thousands

__all__ = ["mlp_first_layer", "cnn_first_layer", "PRESETS", "compare"]

# name -> (label, height, width, channels, hidden units, conv filters, kernel); the view shows tr(label)
PRESETS = {
    "mnist": (N_("28×28 grey (≈ 800,000)"), 28, 28, 1, 1000, 32, 3),
    "photo": (N_("28 MP colour (≈ 10¹¹)"), 4320, 6480, 3, 1000, 32, 3),
    "digits": (N_("Digits 8×8"), 8, 8, 1, 64, 8, 3),
}


def mlp_first_layer(h: int, w: int, c: int, hidden: int) -> int:
    return h * w * c * hidden + hidden


def cnn_first_layer(c: int, filters: int, k: int) -> int:
    return filters * (c * k * k + 1)


def compare(h: int, w: int, c: int, hidden: int, filters: int, k: int) -> dict:
    mlp = mlp_first_layer(h, w, c, hidden)
    cnn = cnn_first_layer(c, filters, k)
    return {"inputs": h * w * c, "mlp": mlp, "cnn": cnn, "ratio": mlp / cnn,
            "mlp_formula": f"({h}·{w}·{c})·{hidden} + {hidden} = {thousands(mlp)}",
            "cnn_formula": f"{filters}·({c}·{k}·{k} + 1) = {thousands(cnn)}",
            # The convolution's output has as many values as an MLP layer of F·H·W units would:
            # weight sharing, not a smaller layer, is what saves the parameters.
            "cnn_outputs": filters * h * w}
