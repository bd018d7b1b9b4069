"""Resize a 2-D image or mask with numpy: bilinear for images, nearest for masks, area-style
averaging when shrinking a lot. Used to bring a user's 512 x 512 CT slice to the model's size and
the model's mask back to the slice's, and to make the small pictures the window draws."""
from __future__ import annotations

import numpy as np

__all__ = ["resize", "resize_nearest", "shrink_to"]


def _coords(n_out: int, n_in: int) -> np.ndarray:
    # pixel centres of the output, in input pixel units (align corners off, like most libraries)
    return np.clip((np.arange(n_out) + 0.5) * n_in / n_out - 0.5, 0, n_in - 1)


def resize(img: np.ndarray, h: int, w: int) -> np.ndarray:
    """Bilinear resize of (..., H, W) to (..., h, w); shrinking by more than 2 first averages blocks."""
    a = np.asarray(img, np.float32)
    H, W = a.shape[-2:]
    fy, fx = max(1, H // h), max(1, W // w)
    if fy > 1 or fx > 1:  # box-average first so that shrinking does not alias the noise
        Hc, Wc = H // fy * fy, W // fx * fx
        a = a[..., :Hc, :Wc].reshape(a.shape[:-2] + (Hc // fy, fy, Wc // fx, fx)).mean(axis=(-3, -1))
        H, W = a.shape[-2:]
    if (H, W) == (h, w):
        return a.astype(np.float32)
    y, x = _coords(h, H), _coords(w, W)
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    y1, x1 = np.minimum(y0 + 1, H - 1), np.minimum(x0 + 1, W - 1)
    wy, wx = (y - y0)[:, None], (x - x0)[None, :]
    top = a[..., y0, :][..., :, x0] * (1 - wx) + a[..., y0, :][..., :, x1] * wx
    bot = a[..., y1, :][..., :, x0] * (1 - wx) + a[..., y1, :][..., :, x1] * wx
    return (top * (1 - wy) + bot * wy).astype(np.float32)


def resize_nearest(img: np.ndarray, h: int, w: int) -> np.ndarray:
    a = np.asarray(img)
    H, W = a.shape[-2:]
    yi = np.minimum((np.arange(h) * H / h + H / h / 2).astype(int), H - 1)
    xi = np.minimum((np.arange(w) * W / w + W / w / 2).astype(int), W - 1)
    return a[..., yi, :][..., :, xi]


def shrink_to(img: np.ndarray, most: int) -> np.ndarray:
    """Bilinear-shrink so that neither side exceeds `most` pixels (unchanged when it already fits)."""
    H, W = np.shape(img)[-2:]
    if max(H, W) <= most:
        return np.asarray(img, np.float32)
    s = most / max(H, W)
    return resize(img, max(1, round(H * s)), max(1, round(W * s)))
