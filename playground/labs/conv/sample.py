"""The stepper's sample picture: a 32×32 RGB scene (sky, sun, a house with a window and a door,
grass) drawn with numpy, so it ships as code with no licence question. Its straight edges make
Sobel, Laplacian and blur kernels easy to read."""
from __future__ import annotations

import numpy as np

__all__ = ["sample_image"]


def sample_image(n: int = 32) -> np.ndarray:
    """(3, n, n) float values in 0..1 (RGB), drawn on a 32×32 canvas and resampled to n."""
    yy, xx = np.mgrid[0:32, 0:32]
    img = np.zeros((32, 32, 3))
    img[:] = (0.55, 0.75, 0.95)  # sky
    img[yy >= 24] = (0.30, 0.65, 0.25)  # grass
    sun = np.hypot(yy - 6, xx - 25) <= 4
    img[sun] = (1.0, 0.85, 0.2)
    wall = (yy >= 14) & (yy < 26) & (xx >= 5) & (xx < 19)
    img[wall] = (0.85, 0.80, 0.70)
    roof = (yy >= 6) & (yy < 14) & (np.abs(xx - 11.5) <= (yy - 6) * 1.0 + 0.5)
    img[roof] = (0.70, 0.20, 0.15)
    img[(yy >= 17) & (yy < 21) & (xx >= 7) & (xx < 11)] = (0.25, 0.45, 0.80)  # window
    img[(yy >= 19) & (yy < 26) & (xx >= 13) & (xx < 17)] = (0.40, 0.25, 0.10)  # door
    out = img.transpose(2, 0, 1)
    if n != 32:
        idx = np.minimum((np.arange(n) * 32 / n).astype(int), 31)  # nearest-neighbour resampling
        out = out[:, idx[:, None], idx[None, :]]
    return out.astype(float)
