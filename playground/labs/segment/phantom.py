"""Synthetic abdominal CT slices with exact ground truth: the data the segmentation lab trains on.

Each slice is drawn as a label map first (air, body wall, fat, liver, spleen, stomach, kidneys, aorta,
inferior vena cava, spine, intrahepatic vessels, lesions), then each label gets a CT intensity in
Hounsfield units (HU), the image is blurred (the scanner's point spread) and noise is added. The
liver mask is read off the same label map, so it matches the image by construction.

The liver comes from a few cross-section shape templates (polar radii around a centre, the
lecture's "randomly sampled shape templates") that are randomly scaled, rotated, bumped and
elastically warped. A *domain* fixes how a scanner and protocol look:

- ``narrow``: one scanner, portal-venous contrast (the liver enhances to ~110 HU), low noise, mild
  blur, little shape variation: the narrow domain a model trained at one hospital sees.
- ``shifted``: the other protocol: no contrast (the liver at ~60 HU, close to muscle and spleen),
  three times the noise, more blur. A narrow model meets it at another hospital.
- ``randomised``: randomised synthesis: contrast, every tissue's HU, noise, blur and shapes all drawn
  widely for each slice, so that both scanners above are ordinary samples of the training data.

Everything is vectorised over the batch with numpy (no loops over pixels), in float32: a batch of
64 slices takes about 50 ms at 64 x 64 and 0.3 s at 128 x 128 on a 2-core machine. Same seed, same
slices.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.core.i18n import N_

__all__ = ["DOMAINS", "DOMAIN_LABELS", "Domain", "domain", "make_batch", "LABELS", "HU_RANGES",
           "to_input", "liver_templates"]

# label ids of the label map
AIR, FAT, BODY, LIVER, SPLEEN, STOMACH, GAS, KIDNEY, AORTA, IVC, BONE, MARROW, CANAL, VESSEL, LESION = range(15)
LABELS = ("air", "fat", "body wall and muscle", "liver", "spleen", "stomach", "gas", "kidney", "aorta",
          "inferior vena cava", "cortical bone", "vertebral body", "spinal canal", "hepatic vessel", "lesion")
LIVER_LABELS = (LIVER, VESSEL, LESION)  # the liver mask: parenchyma, its vessels and its lesions

# (no contrast, portal-venous contrast) HU of each label: the contrast agent raises vessels, kidneys,
# spleen and liver, leaves fat, air and bone alone. Values follow textbook abdominal CT.
_HU = np.array([
    (-1000, -1000),  # air
    (-100, -100),    # fat
    (45, 60),        # body wall, muscle
    (60, 115),       # liver
    (48, 120),       # spleen
    (15, 20),        # stomach contents
    (-900, -900),    # gas
    (32, 180),       # kidney
    (42, 180),       # aorta
    (40, 140),       # inferior vena cava
    (750, 750),      # cortical bone
    (250, 250),      # vertebral body (cancellous)
    (20, 20),        # spinal canal
    (40, 170),       # hepatic vessel
    (35, 60),        # lesion (hypodense)
], dtype=np.float32)
HU_RANGES = {name: (float(a), float(b)) for name, (a, b) in zip(LABELS, _HU)}

DOMAINS = ("narrow", "shifted", "randomised")
DOMAIN_LABELS = (N_("scanner A (contrast, low noise)"), N_("scanner B (no contrast, noisy)"), N_("randomised synthesis"))


@dataclass(frozen=True)
class Domain:
    """How one scanner and protocol look; `*_range` values are drawn uniformly per slice."""

    name: str
    contrast_range: tuple[float, float]  # 0: no contrast, 1: portal-venous phase
    noise_range: tuple[float, float]  # HU standard deviation of the noise
    blur_range: tuple[float, float]  # Gaussian point-spread sigma, in pixels at 128 px
    shape_variation: float  # relative amplitude of the random shape changes
    tissue_jitter: float  # HU standard deviation added to each tissue of each slice
    scale_jitter: float  # relative jitter of the HU calibration (gain around water)


_DOMAINS = {
    "narrow": Domain("narrow", (1.0, 1.0), (10.0, 10.0), (0.6, 0.6), 0.08, 3.0, 0.0),
    "shifted": Domain("shifted", (0.0, 0.0), (32.0, 32.0), (1.1, 1.1), 0.08, 3.0, 0.0),
    "randomised": Domain("randomised", (0.0, 1.0), (4.0, 45.0), (0.3, 1.5), 0.22, 18.0, 0.12),
}


def domain(name: str) -> Domain:
    try:
        return _DOMAINS[name]
    except KeyError:
        raise ValueError(f"unknown domain {name!r}; choose one of {', '.join(DOMAINS)}") from None


def to_input(hu: np.ndarray) -> np.ndarray:
    """HU -> the network's input: a fixed soft-tissue window (-160 to 240 HU) scaled to about [-1, 1].
    A fixed window keeps HU meaningful, as on a real scanner: contrast changes what the network sees."""
    return np.clip((np.asarray(hu, np.float32) - 40.0) / 200.0, -1.0, 1.0)


# --- the liver's shape templates --------------------------------------------------------------------
# Radii (in units of the body's half-width) at 16 angles from +x, counter-clockwise in image
# coordinates with y pointing down (0: towards the patient's left, i.e. image right). Three levels of
# the liver: the dome (round, large), the hilum (a right lobe with the left lobe reaching across the
# midline) and the lower right lobe (small, posterior).
_TEMPLATE_RADII = np.array([
    [0.30, 0.33, 0.36, 0.38, 0.40, 0.41, 0.41, 0.40, 0.39, 0.38, 0.36, 0.34, 0.30, 0.27, 0.26, 0.27],
    [0.52, 0.34, 0.27, 0.28, 0.32, 0.36, 0.39, 0.40, 0.40, 0.37, 0.33, 0.30, 0.27, 0.25, 0.30, 0.45],
    [0.16, 0.20, 0.25, 0.29, 0.32, 0.33, 0.33, 0.32, 0.28, 0.24, 0.20, 0.17, 0.15, 0.14, 0.14, 0.15],
], dtype=np.float64)
_TEMPLATE_CENTRES = np.array([(-0.36, -0.02), (-0.32, -0.08), (-0.42, 0.10)])
_HARMONICS = 6


def _fourier(radii: np.ndarray) -> np.ndarray:
    """Periodic radii samples -> (harmonics + 1, 2) cos/sin coefficients of a smooth boundary."""
    c = np.fft.rfft(radii) / len(radii)
    out = np.zeros((_HARMONICS + 1, 2))
    out[0, 0] = c[0].real
    out[1:, 0] = 2 * c[1:_HARMONICS + 1].real
    out[1:, 1] = -2 * c[1:_HARMONICS + 1].imag
    return out


_TEMPLATES = np.stack([_fourier(r) for r in _TEMPLATE_RADII])  # (templates, harmonics + 1, 2)


def liver_templates() -> np.ndarray:
    """The templates' Fourier coefficients (templates, harmonics + 1, cos/sin)."""
    return _TEMPLATES.copy()


# --- drawing helpers, all broadcast over (batch, 1, 1) parameters and a (1, H, W) grid ---------------
def _ellipse(x, y, cx, cy, ax, ay, angle=0.0):
    angle = np.asarray(angle, np.float32)  # a float64 cosine would turn every pixel's sum into float64
    c, s = np.cos(angle), np.sin(angle)
    u = (x - cx) * c + (y - cy) * s
    v = -(x - cx) * s + (y - cy) * c
    return (u / ax) ** 2 + (v / ay) ** 2 <= 1.0


def _col(a) -> np.ndarray:
    return np.asarray(a, np.float32)[:, None, None]


def _chance(rng, n: int, p: float) -> np.ndarray:
    """(n, 1, 1) booleans, True with probability p: whether a slice shows an organ at all."""
    return (rng.random(n) < p)[:, None, None]


def _gaussian_blur(img: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Separable Gaussian blur of (B, H, W) with one sigma (pixels) per image; edges replicate."""
    radius = int(np.ceil(3 * max(float(sigma.max()), 0.3)))
    taps = np.arange(-radius, radius + 1, dtype=np.float32)
    w = np.exp(-0.5 * (taps[None, :] / np.maximum(sigma[:, None], 1e-3)) ** 2).astype(np.float32)
    w /= w.sum(axis=1, keepdims=True)  # (B, taps)
    h, wd = img.shape[1:]
    padded = np.pad(img, ((0, 0), (radius, radius), (0, 0)), mode="edge")
    out = np.zeros_like(img)
    for k in range(len(taps)):
        out += w[:, k, None, None] * padded[:, k:k + h, :]
    padded = np.pad(out, ((0, 0), (0, 0), (radius, radius)), mode="edge")
    out2 = np.zeros_like(img)
    for k in range(len(taps)):
        out2 += w[:, k, None, None] * padded[:, :, k:k + wd]
    return out2


def _smooth_field(rng, n, x, y, amplitude, waves=3):
    """A smooth random displacement (sum of a few low-frequency plane waves) per slice, in float32
    like the grid: every coordinate below follows its type, and float64 took twice the time (4.1 s
    for 256 slices of 128 px, the lab's open)."""
    out = np.zeros(np.broadcast_shapes(x.shape, (n, 1, 1)), np.float32)
    for _ in range(waves):
        theta = _col(rng.uniform(0, 2 * np.pi, n))
        freq = _col(rng.uniform(1.5, 4.0, n))
        phase = _col(rng.uniform(0, 2 * np.pi, n))
        amp = _col(rng.normal(0, 1, n)) * (amplitude / waves ** 0.5)  # a Python float: stays float32
        out = out + amp * np.sin(freq * (np.cos(theta) * x + np.sin(theta) * y) + phase)
    return out


def make_batch(n: int, size: int, domain_name: str, seed: int, lesion_rate: float = 0.3,
               noise: bool = True, part: int = 0) -> dict:
    """`n` slices of `size` x `size`: {"hu": (n, size, size) float32 HU, "mask": (n, size, size) uint8
    liver mask, "labels": the label maps, "contrast", "noise", "blur": per-slice draws}.
    `noise=False` renders the clean, unblurred label intensities (used to check masks against HU).
    `part` separates the streams of one seed (0: training slices, 1 and 2: test slices)."""
    if not 16 <= int(size) <= 1024:
        raise ValueError(f"size must be between 16 and 1024 pixels, not {size}")
    d = domain(domain_name)
    rng = np.random.default_rng([int(seed), DOMAINS.index(domain_name), int(size), int(n), int(part)])
    n = int(n)
    g = ((np.arange(size, dtype=np.float32) + 0.5) / size * 2 - 1).astype(np.float32)
    x, y = g[None, None, :], g[None, :, None]  # (1, 1, W), (1, H, 1): broadcast to (n, H, W)
    # the whole patient: size, position and a slight warp of the anatomy
    sx = _col(rng.uniform(0.84, 0.95, n))
    sy = _col(rng.uniform(0.62, 0.74, n))
    ox = _col(rng.normal(0, 0.02, n))
    oy = _col(rng.normal(0.02, 0.02, n))
    xw = (x - ox) / sx + _smooth_field(rng, n, x, y, 0.02)
    yw = (y - oy) / sy * 0.7 + _smooth_field(rng, n, x, y, 0.02)  # yw spans about +-0.7 inside the body

    labels = np.full((n, size, size), AIR, np.uint8)
    body = xw ** 2 + (yw / 0.7) ** 2 <= 1.0
    fat_depth = _col(rng.uniform(0.05, 0.16, n))
    inner = xw ** 2 / (1 - fat_depth) ** 2 + (yw / 0.7) ** 2 / (1 - fat_depth * 0.8) ** 2 <= 1.0
    labels[body] = FAT
    wall = inner & ~(xw ** 2 / (1 - fat_depth - 0.05) ** 2 + (yw / 0.7) ** 2 / (1 - fat_depth - 0.06) ** 2 <= 1.0)
    labels[wall] = BODY
    cavity = inner & ~wall
    labels[cavity] = FAT  # visceral fat between the organs
    # psoas/paraspinal muscle around the spine
    labels[_ellipse(xw, yw, 0, 0.47, 0.34, 0.17) & inner] = BODY

    # the liver: a template, scaled, rotated, bumped, warped
    var = d.shape_variation
    t = rng.integers(0, len(_TEMPLATES), n)
    coef = _TEMPLATES[t].copy()  # (n, H + 1, 2)
    coef[:, 1:, :] += rng.normal(0, 1, (n, _HARMONICS, 2)) * var * 0.12 / np.arange(1, _HARMONICS + 1)[None, :, None]
    scale = 1.2 * (1 + rng.uniform(-var, var, n))
    rot = rng.uniform(-var, var, n) * 1.2
    centres = _TEMPLATE_CENTRES[t] + rng.normal(0, var * 0.15, (n, 2))
    lx = xw + _smooth_field(rng, n, x, y, var * 0.08) - _col(centres[:, 0])
    ly = yw + _smooth_field(rng, n, x, y, var * 0.08) - _col(centres[:, 1])
    r = np.hypot(lx, ly) + np.float32(1e-6)
    # cos and sin of k(theta - rot) by angle addition: no trigonometry per pixel and harmonic
    c0, s0 = np.cos(rot).astype(np.float32)[:, None, None], np.sin(rot).astype(np.float32)[:, None, None]
    c1 = (lx * c0 + ly * s0) / r
    s1 = (ly * c0 - lx * s0) / r
    ck, sk = np.ones_like(c1), np.zeros_like(s1)
    rb = np.broadcast_to(_col(coef[:, 0, 0]), c1.shape).copy()
    for h in range(1, _HARMONICS + 1):
        ck, sk = ck * c1 - sk * s1, sk * c1 + ck * s1
        rb += _col(coef[:, h, 0]) * ck + _col(coef[:, h, 1]) * sk
    rb *= _col(scale)
    liver = (r <= rb) & cavity
    labels[liver] = LIVER

    # other organs, drawn over the liver where they meet it (organs do not overlap)
    def draw(label, mask):
        labels[mask & cavity] = label

    def jit(v, s=0.03):
        return _col(v + rng.normal(0, s * (0.5 + var * 4), n))

    spleen = _ellipse(xw, yw, jit(0.58), jit(0.12), jit(0.12, 0.01), jit(0.2, 0.02), jit(-0.5, 0.1))
    spleen &= _chance(rng, n, 0.85)  # not every slice cuts the spleen
    draw(SPLEEN, spleen)
    stomach = _ellipse(xw, yw, jit(0.32), jit(-0.22), jit(0.2, 0.02), jit(0.14, 0.02), jit(0.3, 0.1))
    stomach &= _chance(rng, n, 0.8)
    draw(STOMACH, stomach)
    gas = stomach & (yw < jit(-0.28, 0.02)) & _chance(rng, n, 0.7)
    draw(GAS, gas)
    for side in (-1, 1):
        kid = _ellipse(xw, yw, jit(0.36 * side), jit(0.38), jit(0.09, 0.01), jit(0.14, 0.01), jit(0.4 * side, 0.1))
        kid &= _chance(rng, n, 0.9)
        draw(KIDNEY, kid)
    draw(AORTA, _ellipse(xw, yw, jit(0.07, 0.01), jit(0.24, 0.01), 0.055, 0.055 / 0.7 * 0.7))
    draw(IVC, _ellipse(xw, yw, jit(-0.12, 0.01), jit(0.22, 0.01), 0.06, 0.045))
    # the spine: vertebral body, cortex, canal
    vb = _ellipse(xw, yw, 0, 0.40, 0.12, 0.09)
    labels[_ellipse(xw, yw, 0, 0.40, 0.135, 0.105) & body] = BONE
    labels[vb] = MARROW
    labels[_ellipse(xw, yw, 0, 0.55, 0.07, 0.055) & body] = BONE
    labels[_ellipse(xw, yw, 0, 0.55, 0.045, 0.035)] = CANAL

    # inside the liver: portal and hepatic vessels (bright with contrast) and optional lesions
    in_liver = labels == LIVER
    ves = np.zeros_like(in_liver)
    for _ in range(3):
        vx, vy = _col(centres[:, 0] + rng.normal(0, 0.08, n)), _col(centres[:, 1] + rng.normal(0, 0.08, n))
        ves |= _ellipse(xw, yw, vx, vy, _col(rng.uniform(0.015, 0.035, n)), _col(rng.uniform(0.015, 0.035, n)))
    labels[ves & in_liver] = VESSEL
    n_lesions = rng.binomial(3, np.clip(lesion_rate, 0, 1) / 1.5, n) * (rng.random(n) < lesion_rate)
    for j in range(3):
        on = (n_lesions > j)[:, None, None]
        lx0 = _col(centres[:, 0] + rng.normal(0, 0.1, n))
        ly0 = _col(centres[:, 1] + rng.normal(0, 0.08, n))
        rad = _col(rng.uniform(0.03, 0.08, n))
        labels[_ellipse(xw, yw, lx0, ly0, rad, rad * _col(rng.uniform(0.7, 1.3, n))) & in_liver & on] = LESION

    # intensities: mix no-contrast and contrast HU, jitter per tissue, calibration gain around water
    contrast = rng.uniform(*d.contrast_range, n).astype(np.float32)
    table = (_HU[None, :, 0] * (1 - contrast[:, None]) + _HU[None, :, 1] * contrast[:, None])
    soft = np.ones(len(LABELS), bool)
    soft[[AIR, GAS]] = False  # air is air on every scanner
    table[:, soft] += rng.normal(0, d.tissue_jitter, (n, int(soft.sum())))
    gain = 1 + rng.uniform(-d.scale_jitter, d.scale_jitter, n)
    table = table * gain[:, None].astype(np.float32)
    hu = np.take_along_axis(table, labels.reshape(n, -1).astype(np.intp), axis=1).reshape(labels.shape)
    hu = hu.astype(np.float32)
    noise_sd = rng.uniform(*d.noise_range, n).astype(np.float32)
    blur = (rng.uniform(*d.blur_range, n) * size / 128).astype(np.float32)
    if noise:
        hu = _gaussian_blur(hu, blur)
        hu += rng.normal(0, 1, hu.shape).astype(np.float32) * noise_sd[:, None, None]
        hu = np.clip(hu, -1024, 3071)  # a CT's stored range
    mask = np.isin(labels, LIVER_LABELS).astype(np.uint8)
    return {"hu": hu, "mask": mask, "labels": labels, "contrast": contrast, "noise": noise_sd, "blur": blur}
