"""The arithmetic the convolution stepper shows, in plain numpy (microseconds at these sizes).

Everything works on (channels, height, width) arrays and one output map: a direct convolution (what
deep-learning libraries call convolution is a cross-correlation: the kernel is not flipped) with
padding in four modes, stride and dilation; a transposed convolution drawn as conv_arithmetic draws
it, as a direct convolution of the flipped kernel over a stretched input (stride - 1 zeros inserted
between input cells, d(k - 1) - p cells of zeros around it, plus the output padding); and max or
average pooling. `check_conv` says in words why a configuration cannot work instead of failing in
the middle. The tests hold every function to torch's F.conv2d, F.conv_transpose2d, F.pad and
F.max_pool2d / F.avg_pool2d.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.core.i18n import N_, tr

__all__ = ["PADDING_MODES", "ConvConfig", "ConvError", "conv_output_size", "transposed_output_size",
           "check_conv", "pad", "conv2d", "stretch", "conv_transpose2d", "pool2d", "pool_output_size",
           "window", "formula_text", "run_conv", "shift_image", "shift_experiment", "PADDING_MODE_LABELS"]

PADDING_MODES = ("zero", "reflect", "replicate", "circular")
PADDING_MODE_LABELS = (N_("zero"), N_("reflect"), N_("replicate"), N_("circular"))  # shown through tr()
_NUMPY_MODE = {"zero": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


class ConvError(ValueError):
    """A configuration that cannot work; the message says why in a user's words."""


@dataclass(frozen=True)
class ConvConfig:
    kernel: int = 3
    padding: int = 0
    mode: str = "zero"
    stride: int = 1
    dilation: int = 1
    transposed: bool = False
    output_padding: int = 0

    @property
    def span(self) -> int:
        """The cells a dilated kernel covers: k + (k - 1)(d - 1)."""
        return self.kernel + (self.kernel - 1) * (self.dilation - 1)


def conv_output_size(i: int, k: int, p: int = 0, s: int = 1, d: int = 1) -> int:
    """o = floor((i + 2p - k - (k - 1)(d - 1)) / s) + 1 (may be <= 0: check_conv explains)."""
    return (i + 2 * p - k - (k - 1) * (d - 1)) // s + 1


def transposed_output_size(i: int, k: int, p: int = 0, s: int = 1, d: int = 1, a: int = 0) -> int:
    """o = (i - 1) s - 2p + d(k - 1) + a + 1, the size a direct convolution with the same k, p, s, d
    would have shrunk back to i (a, the output padding, picks among the sizes stride s maps to i)."""
    return (i - 1) * s - 2 * p + d * (k - 1) + a + 1


def formula_text(i: int, cfg: ConvConfig) -> str:
    """The output-size formula filled in with the current numbers, ending in the result."""
    k, p, s, d = cfg.kernel, cfg.padding, cfg.stride, cfg.dilation
    if cfg.transposed:
        o = transposed_output_size(i, k, p, s, d, cfg.output_padding)
        return (f"o = (i − 1)·s − 2p + d·(k − 1) + a + 1 = ({i} − 1)·{s} − 2·{p} + {d}·({k} − 1) + "
                f"{cfg.output_padding} + 1 = {o}")
    num = i + 2 * p - k - (k - 1) * (d - 1)
    o = conv_output_size(i, k, p, s, d)
    return (f"o = ⌊(i + 2p − k − (k − 1)(d − 1)) / s⌋ + 1 = ⌊({i} + 2·{p} − {k} − ({k} − 1)·({d} − 1)) / {s}⌋ + 1"
            f" = ⌊{num} / {s}⌋ + 1 = {o}")


def check_conv(i: int, cfg: ConvConfig) -> None:
    """Raise ConvError naming the problem when the configuration cannot produce an output."""
    k, p, s, d = cfg.kernel, cfg.padding, cfg.stride, cfg.dilation
    if i < 1:
        raise ConvError(tr("the input must be at least 1 × 1 (got {i})", i=i))
    if k < 1:
        raise ConvError(tr("the kernel must be at least 1 × 1 (got {k})", k=k))
    if s < 1:
        raise ConvError(tr("stride {s}: the kernel must move at least one cell per step (stride ≥ 1)", s=s))
    if d < 1:
        raise ConvError(tr("dilation {d}: must be at least 1 (1 = an ordinary kernel)", d=d))
    if p < 0:
        raise ConvError(tr("padding {p}: must be 0 or more", p=p))
    if cfg.mode not in PADDING_MODES:
        raise ConvError(tr("padding mode {mode}: choose one of {modes}", mode=repr(cfg.mode),
                                modes=", ".join(PADDING_MODES)))
    if cfg.transposed:
        if cfg.mode != "zero" and p > 0:
            raise ConvError(tr("a transposed convolution's padding crops its output (it undoes the padding of "
                               "the direct convolution): only zero padding means anything there"))
        a = cfg.output_padding
        if a < 0 or a >= max(s, d):
            raise ConvError(tr("output padding {a}: must be smaller than the stride ({s}) or the dilation ({d}); "
                               "it only chooses among the input sizes a strided convolution maps to the same output",
                               a=a, s=s, d=d))
        o = transposed_output_size(i, k, p, s, d, a)
        if o < 1:
            raise ConvError(tr("padding {p} crops more than the transposed convolution makes: "
                               "(i − 1)·s + d·(k − 1) + a + 1 = {made} cells, minus 2p = {cropped}, leaves {o}",
                               p=p, made=o + 2 * p, cropped=2 * p, o=o))
        return
    if cfg.output_padding:
        raise ConvError(tr("output padding belongs to the transposed convolution only"))
    if cfg.mode == "reflect" and p >= i:
        raise ConvError(tr("reflect padding {p} needs an input larger than the padding (input {i}): "
                           "it mirrors the cells next to the border, and there are only {n} of them",
                           p=p, i=i, n=i - 1))
    if cfg.mode == "circular" and p > i:
        raise ConvError(tr("circular padding {p} wraps the input around once at most: it needs padding ≤ "
                           "input size ({i})", p=p, i=i))
    if cfg.span > i + 2 * p:
        if d == 1:
            raise ConvError(tr("the {k} × {k} kernel is larger than the padded input ({i} + 2·{p} = {padded} "
                               "cells): add padding, or choose a smaller kernel or dilation",
                               k=k, i=i, p=p, padded=i + 2 * p))
        raise ConvError(tr("the {k} × {k} kernel dilated by {d} ({span} cells wide) is larger than the padded "
                           "input ({i} + 2·{p} = {padded} cells): add padding, or choose a smaller kernel or "
                           "dilation", k=k, d=d, span=cfg.span, i=i, p=p, padded=i + 2 * p))


def pad(x: np.ndarray, p: int, mode: str = "zero", extra: int = 0) -> np.ndarray:
    """Pad the last two axes by p on every side (plus `extra` on the bottom and right) in `mode`."""
    x = np.asarray(x, dtype=float)
    if p == 0 and extra == 0:
        return x.copy()
    widths = [(0, 0)] * (x.ndim - 2) + [(p, p + extra), (p, p + extra)]
    if mode == "zero":
        return np.pad(x, widths, mode="constant")
    return np.pad(x, widths, mode=_NUMPY_MODE[mode])


def _windows(xp: np.ndarray, k: int, s: int, d: int, out_h: int, out_w: int) -> np.ndarray:
    """(C, out_h, out_w, k, k) views of the input under each output cell."""
    rows = (np.arange(out_h) * s)[:, None] + d * np.arange(k)[None, :]  # (out_h, k)
    cols = (np.arange(out_w) * s)[:, None] + d * np.arange(k)[None, :]
    return xp[:, rows[:, None, :, None], cols[None, :, None, :]]


def _as_chw(x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x[None] if x.ndim == 2 else x


def conv2d(x, w, bias: float = 0.0, p: int = 0, mode: str = "zero", s: int = 1, d: int = 1) -> np.ndarray:
    """Direct convolution (cross-correlation) of a (C, H, W) or (H, W) input with a (C, k, k) or
    (k, k) kernel: one output map, the channels' sums added together plus the bias."""
    x, w = _as_chw(x), _as_chw(w)
    k = w.shape[-1]
    xp = pad(x, p, mode)
    oh = conv_output_size(x.shape[1], k, p, s, d)
    ow = conv_output_size(x.shape[2], k, p, s, d)
    if oh < 1 or ow < 1:
        raise ConvError(tr("the kernel does not fit in the padded input"))
    return np.einsum("chwuv,cuv->hw", _windows(xp, k, s, d, oh, ow), w) + float(bias)


def stretch(x, k: int, p: int = 0, s: int = 1, d: int = 1, a: int = 0) -> np.ndarray:
    """The input a transposed convolution slides over, as conv_arithmetic draws it: s - 1 zeros
    between neighbouring cells, then d(k - 1) - p zeros around (cropped where that is negative), and
    the output padding a extra on the bottom and right."""
    x = _as_chw(x)
    c, h, w = x.shape
    z = np.zeros((c, (h - 1) * s + 1, (w - 1) * s + 1))
    z[:, ::s, ::s] = x
    q = d * (k - 1) - p
    if q >= 0:
        return np.pad(z, [(0, 0), (q, q + a), (q, q + a)])
    # More padding than the kernel's reach: the transposed convolution's output loses border cells.
    z = np.pad(z, [(0, 0), (0, a), (0, a)])
    return z[:, -q:z.shape[1] + q, -q:z.shape[2] + q]


def conv_transpose2d(x, w, bias: float = 0.0, p: int = 0, s: int = 1, d: int = 1, a: int = 0) -> np.ndarray:
    """Transposed convolution of (C, H, W) into one map: the flipped kernel slid with stride 1 and
    dilation d over the stretched input (equal to torch's conv_transpose2d with weight (C, 1, k, k))."""
    x, w = _as_chw(x), _as_chw(w)
    k = w.shape[-1]
    z = stretch(x, k, p, s, d, a)
    return conv2d(z, w[:, ::-1, ::-1], bias, 0, "zero", 1, d)


def window(x_shown: np.ndarray, w: np.ndarray, r: int, c: int, s: int, d: int) -> dict:
    """What output cell (r, c) adds up: the rows and columns of the (already padded or stretched)
    input it reads, the input values there, and their element-wise products with the kernel."""
    x_shown, w = _as_chw(x_shown), _as_chw(w)
    k = w.shape[-1]
    rows = r * s + d * np.arange(k)
    cols = c * s + d * np.arange(k)
    values = x_shown[:, rows[:, None], cols[None, :]]
    products = values * w
    return {"rows": rows, "cols": cols, "values": values, "products": products,
            "channel_sums": products.reshape(len(products), -1).sum(axis=1)}


def pool_output_size(i: int, k: int, s: int) -> int:
    return (i - k) // s + 1


def pool2d(x, k: int, s: int | None = None, kind: str = "max") -> np.ndarray:
    """Max or average pooling of each channel, no padding: (C, H, W) -> (C, o, o) ((H, W) -> (o, o))."""
    two_d = np.asarray(x).ndim == 2
    x = _as_chw(x)
    s = k if s is None else s
    oh, ow = pool_output_size(x.shape[1], k, s), pool_output_size(x.shape[2], k, s)
    if k < 1 or s < 1:
        raise ConvError(tr("pooling needs a kernel and a stride of at least 1"))
    if oh < 1 or ow < 1:
        raise ConvError(tr("the {k} × {k} pooling window is larger than its {h} × {w} input",
                           k=k, h=x.shape[1], w=x.shape[2]))
    win = _windows(x, k, s, 1, oh, ow)
    out = win.max(axis=(3, 4)) if kind == "max" else win.mean(axis=(3, 4))
    return out[0] if two_d else out


def shift_image(x, dx: int = 1, dy: int = 0) -> np.ndarray:
    """The same picture moved by (dx, dy) pixels inside an unchanged frame (zeros come in)."""
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    h, w = x.shape[-2:]
    src_r = slice(max(0, -dy), h - max(0, dy))
    dst_r = slice(max(0, dy), h - max(0, -dy))
    src_c = slice(max(0, -dx), w - max(0, dx))
    dst_c = slice(max(0, dx), w - max(0, -dx))
    out[..., dst_r, dst_c] = x[..., src_r, src_c]
    return out


def run_conv(x, w, bias: float, cfg: ConvConfig) -> dict:
    """Everything the stepper draws for one configuration: the grid the kernel slides over (padded
    or stretched), the output, its size and the filled-in formula. Raises ConvError when it cannot work."""
    x = _as_chw(x)
    i = x.shape[1]
    check_conv(i, cfg)
    if x.shape[1] != x.shape[2]:
        raise ConvError(tr("the stepper takes square inputs"))
    w = _as_chw(w)
    if w.shape[0] != x.shape[0]:
        w = np.broadcast_to(w[:1], (x.shape[0],) + w.shape[1:]).copy()  # one kernel per channel
    k, p, s, d = cfg.kernel, cfg.padding, cfg.stride, cfg.dilation
    if cfg.transposed:
        shown = stretch(x, k, p, s, d, cfg.output_padding)
        out = conv2d(shown, w[:, ::-1, ::-1], bias, 0, "zero", 1, d)
        slide_kernel, slide_stride = w[:, ::-1, ::-1], 1
        size = transposed_output_size(i, k, p, s, d, cfg.output_padding)
    else:
        shown = pad(x, p, cfg.mode)
        out = conv2d(x, w, bias, p, cfg.mode, s, d)
        slide_kernel, slide_stride = w, s
        size = conv_output_size(i, k, p, s, d)
    return {"shown": shown, "output": out, "output_size": size, "formula": formula_text(i, cfg),
            "slide_kernel": np.ascontiguousarray(slide_kernel), "slide_stride": slide_stride,
            "kernel": w}


def shift_experiment(x: np.ndarray, w: np.ndarray, kind: str, k: int, s: int, dx: int = 1, dy: int = 0) -> dict:
    """Move the input by (dx, dy) pixels: how much do the convolution's output and the pooled output
    change? Measured as the mean absolute change relative to the mean absolute value, and as the
    share of cells that changed at all. The convolution (no padding) moves with the input; pooling
    keeps most of its cells, the lecture's "moins sensible aux petits décalages"."""
    x = np.asarray(x, float)
    y0, y1 = conv2d(x, w), conv2d(shift_image(x, dx, dy), w)
    p0, p1 = pool2d(y0, k, s, kind), pool2d(y1, k, s, kind)

    def change(a, b):
        scale = max(float(np.mean(np.abs(a))), 1e-12)
        return float(np.mean(np.abs(a - b)) / scale), float(np.mean(~np.isclose(a, b)))

    conv_rel, conv_share = change(y0, y1)
    pool_rel, pool_share = change(p0, p1)
    return {"conv_change": conv_rel, "conv_cells_changed": conv_share, "pool_change": pool_rel,
            "pool_cells_changed": pool_share, "conv": y0, "conv_shifted": y1, "pooled": p0, "pooled_shifted": p1}
