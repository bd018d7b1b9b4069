"""Receptive fields of a stack of convolutions and poolings: how much of the input one unit sees.

A layer is written the way the lab's command line takes it: `3x3` (a 3×3 convolution, stride 1,
dilation 1, "same" padding (k_eff - 1) // 2), `3x3s2` (stride 2), `3x3d2` (dilation 2), `5x5p0` (no
padding), `pool2` (2×2 pooling, stride 2) or `pool3s2`. Each layer maps the previous one's
(output size n, field r, jump j, start) by the usual recurrences, with k_eff = k + (k - 1)(d - 1):

    n' = floor((n + 2p - k_eff) / s) + 1,  j' = j·s,  r' = r + (k_eff - 1)·j,  start' = start + ((k_eff - 1)/2 - p)·j

`start` is the input coordinate (pixel centres at 0, 1, ...) of the centre of the first unit's field;
unit u of a layer sees the input pixels centre ± (r - 1)/2 with centre = start + u·j. A stack of L
stride-1 3×3 convolutions sees r = 1 + 2L pixels: 50 of them to see an object of 100×100, the
lecture's "environ 50". The tests check every row against the gradient of one output unit with
respect to the input (torch autograd).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from playground.core.i18n import N_, tr

__all__ = ["Layer", "parse_layers", "rf_table", "unit_field", "layers_to_reach", "STRATEGIES", "format_layer"]

_CONV = re.compile(r"^(\d+)(?:x(\d+))?((?:[sdp]\d+)*)$")
_POOL = re.compile(r"^pool(\d+)((?:s\d+)?)$")
MAX_LAYERS = 200


class RFError(ValueError):
    """A layer list that cannot be read or does not fit its input; the message names the layer."""


@dataclass(frozen=True)
class Layer:
    kind: str  # "conv" or "pool"
    k: int
    s: int = 1
    d: int = 1
    p: int = 0

    @property
    def span(self) -> int:
        return self.k + (self.k - 1) * (self.d - 1)


def format_layer(layer: Layer) -> str:
    if layer.kind == "pool":
        return f"pool{layer.k}" + (f"s{layer.s}" if layer.s != layer.k else "")
    text = f"{layer.k}x{layer.k}"
    if layer.s != 1:
        text += f"s{layer.s}"
    if layer.d != 1:
        text += f"d{layer.d}"
    if layer.p != (layer.span - 1) // 2:
        text += f"p{layer.p}"
    return text


def _options(text: str, item: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, value in re.findall(r"([sdp])(\d+)", text):
        if key in out:
            raise RFError(tr("layer {item}: '{key}' is given twice", item=repr(item), key=key))
        out[key] = int(value)
    return out


def parse_layers(spec: str) -> list[Layer]:
    """'3x3,3x3,pool2,3x3s2,3x3d2' -> layers; RFError names the first item it cannot read."""
    items = [t.strip().lower() for t in str(spec).split(",") if t.strip()]
    if not items:
        raise RFError(tr("no layers given: write them like 3x3,3x3,pool2,3x3s2,3x3d2"))
    if len(items) > MAX_LAYERS:
        raise RFError(tr("at most {most} layers, got {n}", most=MAX_LAYERS, n=len(items)))
    layers = []
    for item in items:
        m = _POOL.match(item)
        if m:
            k = int(m.group(1))
            s = int(m.group(2)[1:]) if m.group(2) else k
            if not 1 <= k <= 16 or not 1 <= s <= 16:
                raise RFError(tr("layer {item}: pooling size and stride must be 1 to 16", item=repr(item)))
            layers.append(Layer("pool", k, s))
            continue
        m = _CONV.match(item)
        if not m:
            raise RFError(tr("layer {item} is not a convolution like 3x3, 3x3s2, 3x3d2, 5x5p0 or a pooling "
                             "like pool2, pool3s2", item=repr(item)))
        k = int(m.group(1))
        if m.group(2) is not None and int(m.group(2)) != k:
            raise RFError(tr("layer {item}: only square kernels (k x k)", item=repr(item)))
        opts = _options(m.group(3), item)
        s, d = opts.get("s", 1), opts.get("d", 1)
        if not 1 <= k <= 31:
            raise RFError(tr("layer {item}: kernel size must be 1 to 31", item=repr(item)))
        if not 1 <= s <= 16:
            raise RFError(tr("layer {item}: stride must be 1 to 16 (stride 0 would never move)", item=repr(item)))
        if not 1 <= d <= 16:
            raise RFError(tr("layer {item}: dilation must be 1 to 16", item=repr(item)))
        span = k + (k - 1) * (d - 1)
        p = opts.get("p", (span - 1) // 2)
        if not 0 <= p <= 64:
            raise RFError(tr("layer {item}: padding must be 0 to 64", item=repr(item)))
        layers.append(Layer("conv", k, s, d, p))
    return layers


def rf_table(layers: list[Layer], input_size: int) -> list[dict]:
    """One record per layer: output_size, rf, jump, start, plus `exceeds` (the field is already wider
    than the input) and `valid` (the layer still has an output). The input itself is not a row."""
    n, r, j, start = int(input_size), 1, 1, 0.0
    rows = []
    for idx, layer in enumerate(layers):
        ke, s, p = layer.span, layer.s, layer.p
        n = (n + 2 * p - ke) // s + 1 if n > 0 else 0
        r = r + (ke - 1) * j
        start = start + ((ke - 1) / 2 - p) * j
        j = j * s
        rows.append({"layer": idx + 1, "name": format_layer(layer), "kind": layer.kind, "k": layer.k,
                     "stride": s, "dilation": layer.d, "padding": p,
                     "output_size": max(n, 0), "rf": r, "jump": j, "start": start,
                     "exceeds": r > input_size, "valid": n >= 1})
    return rows


def unit_field(row: dict, u: int, v: int, input_size: int) -> tuple[int, int, int, int]:
    """Rows r0..r1 and columns c0..c1 (inclusive) of the input that unit (u, v) of a layer sees,
    clipped to the image (the part beyond it is padding)."""
    half = (row["rf"] - 1) / 2
    cy, cx = row["start"] + u * row["jump"], row["start"] + v * row["jump"]
    r0, r1 = max(0, math.ceil(cy - half)), min(input_size - 1, math.floor(cy + half))
    c0, c1 = max(0, math.ceil(cx - half)), min(input_size - 1, math.floor(cx + half))
    return r0, r1, c0, c1


# Ways to grow the field, each a repeating pattern, for the lecture's question "how many 3x3
# convolutions to recognise a 100x100 object?". The labels are English; the view shows tr(label).
STRATEGIES = (
    (N_("3×3 convolutions, stride 1"), "3x3"),
    (N_("3×3 then 2×2 pooling, repeated"), "3x3,pool2"),
    (N_("3×3 convolutions, stride 2"), "3x3s2"),
    (N_("3×3 with dilation 1, 2, 4, 8…"), "dilated"),
)


def layers_to_reach(target: int, pattern: str, limit: int = 400) -> tuple[int | None, int]:
    """How many layers (convolutions and poolings counted alike) until one unit sees `target` pixels:
    (layers, the field reached), or (None, the field after `limit` layers)."""
    r, j, n = 1, 1, 0
    while n < limit:
        if pattern == "dilated":
            d = 2 ** n
            r, n = r + 2 * d * j, n + 1
        else:
            for layer in parse_layers(pattern):
                r += (layer.span - 1) * j
                j *= layer.s
                n += 1
                if r >= target:
                    break
        if r >= target:
            return n, r
    return None, r
