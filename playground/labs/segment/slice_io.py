"""Open a user's own CT slice (PNG/TIFF greyscale, DICOM, NIfTI) as Hounsfield units, and write a mask.

Every failure is a `SliceError` with one sentence for a dialog: not a regular file, too large, not an
image, a DICOM without pixel data, a 4-D NIfTI, an RGB photo. Nothing is written unless a mask is
exported, and that write is atomic (a temporary file renamed over the target).

- DICOM: the pixel data times RescaleSlope plus RescaleIntercept is HU; the file's own window
  (WindowCenter/WindowWidth) is offered as a preset.
- NIfTI: a 2-D image or a 3-D volume (slices along the last axis, chosen with a slider); nibabel
  applies the scaling, so the values are HU for CT. The volume is reoriented to RAS+ and shown as on
  a radiology screen (anterior at the top, the patient's right on the left); a mask is written with
  that orientation's affine, so it lies on the scan in any viewer.
- PNG/TIFF: greyscale only; 16-bit values are taken as HU + 1024 (the common CT export), 8-bit values
  as a display window of W400/L40 mapped back to HU (an approximation: say so in the window).

The readers (pillow, pydicom, nibabel) are the `medical` extra; a missing one gives a message naming
the package, not a traceback.
"""
from __future__ import annotations

import gzip
import io
import os
from dataclasses import dataclass, field

import numpy as np

from playground.core.files import FileProblem, read_limited
from playground.core.i18n import N_, tr

__all__ = ["SliceError", "SliceVolume", "read_slice", "write_mask", "MAX_BYTES", "KINDS"]

MAX_BYTES = 256 * 1024 * 1024  # an abdominal CT volume is 30 to 150 MB; a video or a disk image is refused
MAX_UNPACKED = 1024 * 1024 * 1024  # a .nii.gz may unpack to this much, no more (a gzip bomb is refused)
MAX_PIXELS = 4096 * 4096
KINDS = ("png", "tiff", "dicom", "nifti")


class SliceError(ValueError):
    """A file that cannot be used as a slice; the message is one sentence for the user."""


@dataclass
class SliceVolume:
    """One or more slices in HU, (count, H, W) float32, and where they came from."""

    data: np.ndarray
    kind: str
    path: str
    note: str = ""  # e.g. "8-bit PNG: HU approximated from an abdomen window"
    window: tuple[float, float] | None = None  # the file's own (width, level), if it has one
    affine: np.ndarray | None = None  # NIfTI: the voxel-to-world matrix, reused for the mask
    meta: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        return int(self.data.shape[0])

    @property
    def middle(self) -> int:
        return self.count // 2

    def slice(self, k: int) -> np.ndarray:
        return self.data[int(k)]


def _read_bytes(path: str) -> bytes:
    """The whole file, through the app's one safe reader: regular files only, at most MAX_BYTES."""
    try:
        raw = read_limited(path, MAX_BYTES, N_("a CT slice"))
    except FileProblem as exc:
        raise SliceError(str(exc)) from None
    if not raw:
        raise SliceError(tr("{name} is empty", name=os.path.basename(path) or path))
    return raw


def sniff(head: bytes, path: str = "") -> str | None:
    """The file's kind from its first bytes (and its name for a DICOM without preamble), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    if head[:2] == b"\x1f\x8b" or (len(head) >= 348 and head[344:348] in (b"n+1\x00", b"ni1\x00")):
        return "nifti"
    if head[:4] in (b"\x5c\x01\x00\x00", b"\x00\x00\x01\x5c", b"\x1c\x02\x00\x00", b"\x00\x00\x02\x1c"):
        return "nifti"  # a NIfTI-1 or NIfTI-2 header without its magic where we looked
    if path.lower().endswith((".dcm", ".dicom")):
        return "dicom"  # DICOM without the 128-byte preamble
    return None


def read_slice(path: str) -> SliceVolume:
    path = os.fspath(path)
    raw = _read_bytes(path)
    name = os.path.basename(path)
    kind = sniff(raw[:512], path)
    if kind is None:
        raise SliceError(tr("{name} is not an image this lab reads (PNG, TIFF, DICOM or NIfTI)", name=name))
    try:
        if kind in ("png", "tiff"):
            vol = _read_raster(path, raw, kind)
        elif kind == "dicom":
            vol = _read_dicom(path, raw)
        else:
            vol = _read_nifti(path, raw)
    except SliceError:
        raise
    except MemoryError:
        raise SliceError(tr("{name} is too large to open", name=name)) from None
    except Exception as exc:  # noqa: BLE001 - a damaged file: whatever its library raises, one sentence
        raise SliceError(tr("{name} could not be read as {kind}: {problem}", name=name, kind=kind.upper(),
                              problem=exc)) from None
    d = vol.data
    if d.ndim != 3 or min(d.shape[1:]) < 8:
        raise SliceError(tr("{name} holds an image of {shape} pixels; a slice needs at least 8 x 8", name=name,
                              shape=d.shape[1:]))
    if d.shape[1] * d.shape[2] > MAX_PIXELS:
        raise SliceError(tr("{name} has {h} x {w} pixels, more than a CT slice (at most 4096 x 4096)", name=name,
                            h=d.shape[1], w=d.shape[2]))
    if not np.all(np.isfinite(d)):
        vol.data = np.nan_to_num(d, nan=-1024.0, posinf=3071.0, neginf=-1024.0)
        vol.note = (vol.note + " " if vol.note else "") + tr("Non-finite values were set to air.")
    return vol


def _need(module: str, package: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise SliceError(tr("reading this file needs the '{package}' package: pip install {extra}",
                            package=package, extra="'neural-playground[medical]'")) from None


def _read_raster(path: str, raw: bytes, kind: str) -> SliceVolume:
    Image = _need("PIL.Image", "pillow")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(io.BytesIO(raw)) as im:
        mode = im.mode
        if mode in ("RGB", "RGBA", "P", "CMYK", "YCbCr", "LAB", "HSV"):
            arr = np.asarray(im.convert("RGB"), dtype=np.float32)
            if not (np.allclose(arr[..., 0], arr[..., 1]) and np.allclose(arr[..., 1], arr[..., 2])):
                raise SliceError(tr("{name} is a colour image; a CT slice is greyscale",
                                      name=os.path.basename(path)))
            arr, mode = arr[..., 0], "L"
        elif mode == "LA":
            arr, mode = np.asarray(im.convert("L"), dtype=np.float32), "L"
        else:
            arr = np.asarray(im)
    arr = np.asarray(arr)
    if arr.ndim != 2:
        raise SliceError(tr("{name} is not a single greyscale image", name=os.path.basename(path)))
    if mode in ("L", "1") or arr.dtype == np.uint8:
        hu = arr.astype(np.float32) / 255.0 * 400.0 - 160.0
        note = tr("8-bit image: HU approximated as an abdomen window (W400/L40).")
    elif arr.dtype.kind == "f":
        hu = arr.astype(np.float32)
        note = tr("floating-point image: values taken as HU.")
    else:
        hu = arr.astype(np.float32) - 1024.0
        note = tr("16-bit image: values taken as HU + 1024.")
    return SliceVolume(hu[None], kind, path, note)


def _read_dicom(path: str, raw: bytes) -> SliceVolume:
    pydicom = _need("pydicom", "pydicom")
    name = os.path.basename(path)
    preamble = raw[128:132] == b"DICM"
    try:
        ds = pydicom.dcmread(io.BytesIO(raw), force=True)
    except Exception as exc:  # noqa: BLE001
        raise SliceError(tr("{name} is not a readable DICOM file ({problem})", name=name, problem=exc)) from None
    if not preamble and not any(k in ds for k in ("SOPClassUID", "Modality", "PixelData", "Rows")):
        # only its name said DICOM, and pydicom's forced read found nothing it knows
        raise SliceError(tr("{name} could not be read as DICOM: it has no DICOM header", name=name))
    if "PixelData" not in ds:
        raise SliceError(tr("{name} is a DICOM file without pixel data (a report or a structured document?)",
                              name=name))
    try:
        arr = ds.pixel_array
    except Exception as exc:  # noqa: BLE001 - a compressed transfer syntax without its decoder, say
        raise SliceError(tr("{name}: its pixel data cannot be decoded ({problem})", name=name, problem=exc)) from None
    arr = np.asarray(arr, dtype=np.float32)
    if arr.ndim == 3 and getattr(ds, "SamplesPerPixel", 1) == 1:
        pass  # a multi-frame image: frames are slices
    elif arr.ndim == 2:
        arr = arr[None]
    else:
        raise SliceError(tr("{name} is a colour or multi-sample DICOM image, not a CT slice", name=name))
    slope = float(getattr(ds, "RescaleSlope", 1) or 1)
    intercept = float(getattr(ds, "RescaleIntercept", 0) or 0)
    hu = arr * slope + intercept
    window = None
    try:
        wc, ww = getattr(ds, "WindowCenter", None), getattr(ds, "WindowWidth", None)
        if wc is not None and ww is not None:
            # a multi-valued window (several presets in one file): the first one
            wc = float(wc[0] if isinstance(wc, (list, tuple)) or type(wc).__name__ == "MultiValue" else wc)
            ww = float(ww[0] if isinstance(ww, (list, tuple)) or type(ww).__name__ == "MultiValue" else ww)
            if ww > 0:
                window = (ww, wc)
    except (TypeError, ValueError, IndexError, AttributeError):
        window = None
    modality = str(getattr(ds, "Modality", "") or "")
    note = "" if modality in ("CT", "") else tr("Modality {modality}: the model was trained on CT.", modality=modality)
    return SliceVolume(hu.astype(np.float32), "dicom", path, note, window, meta={"modality": modality})


def _read_nifti(path: str, raw: bytes) -> SliceVolume:
    nib = _need("nibabel", "nibabel")
    name = os.path.basename(path)
    if raw[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as g:
                raw = g.read(MAX_UNPACKED + 1)
        except (OSError, EOFError) as exc:
            raise SliceError(tr("{name} is not a readable gzip file ({problem})", name=name, problem=exc)) from None
        if len(raw) > MAX_UNPACKED:
            raise SliceError(tr("{name} unpacks to more than {mib} MiB: too large for this lab", name=name,
                                  mib=MAX_UNPACKED // 2**20))
    img = None
    for kind in (nib.Nifti1Image, nib.Nifti2Image):
        try:
            img = kind.from_bytes(raw)
            break
        except Exception:  # noqa: BLE001 - try the other header version, then say what it is not
            continue
    if img is None:
        raise SliceError(tr("{name} is not a readable single-file NIfTI image (.nii or .nii.gz)", name=name))
    shape = tuple(int(s) for s in img.shape)
    dims = [s for s in shape]
    while len(dims) > 3 and dims[-1] == 1:  # a trailing singleton time axis is still 3-D
        dims.pop()
    if len(dims) > 3:
        raise SliceError(tr("{name} is a {n}-D image {shape}; open a 2-D slice or a 3-D volume", name=name,
                            n=len(dims), shape=tuple(dims)))
    if len(dims) < 2:
        raise SliceError(tr("{name} holds a {n}-D array, not an image", name=name, n=len(dims)))
    if len(dims) == 3:
        try:  # voxels in RAS+ order whatever the scanner wrote, so the display is the same for all files
            img = nib.as_closest_canonical(img)
        except Exception:  # noqa: BLE001 - a degenerate affine: show the voxels as stored
            pass
    data = np.asarray(img.dataobj, dtype=np.float32).reshape(dims)
    if data.ndim == 2:
        data = data[:, :, None]
    # (x, y, z) in RAS+ -> (z, rows, cols) as on a radiology screen: anterior at the top, the patient's
    # right on the left
    vol = np.transpose(data, (2, 1, 0))[:, ::-1, ::-1]
    return SliceVolume(np.ascontiguousarray(vol), "nifti", path, "", None, affine=np.asarray(img.affine),
                       meta={"shape": dims})


def write_mask(path: str, mask: np.ndarray, like: SliceVolume | None = None) -> None:
    """Write a 2-D mask as an 8-bit PNG (0/255) or a NIfTI (.nii, .nii.gz; 0/1, with the source's affine
    when it was a NIfTI), atomically."""
    m = (np.asarray(mask) > 0).astype(np.uint8)
    if m.ndim != 2:
        raise SliceError(tr("the mask must be a 2-D image"))
    low = path.lower()
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise SliceError(tr("cannot write {name}: the folder {folder} does not exist", name=os.path.basename(path),
                              folder=folder))
    if low.endswith(".png"):
        tmp = path + ".part.png"
        Image = _need("PIL.Image", "pillow")
        writer = lambda: Image.fromarray(m * 255, mode="L").save(tmp, format="PNG")  # noqa: E731
    elif low.endswith((".nii", ".nii.gz")):
        tmp = path + (".part.nii.gz" if low.endswith(".gz") else ".part.nii")
        nib = _need("nibabel", "nibabel")
        # back to NIfTI's (x, y) order: undo the flips and the transpose of _read_nifti
        arr = np.ascontiguousarray(m[::-1, ::-1].T)[:, :, None]
        affine = like.affine if like is not None and like.affine is not None else np.eye(4)
        writer = lambda: nib.save(nib.Nifti1Image(arr, affine), tmp)  # noqa: E731
    else:
        raise SliceError(tr("{name}: a mask is written as .png, .nii or .nii.gz", name=os.path.basename(path)))
    try:
        writer()
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise SliceError(tr("cannot write {name}: {problem}", name=os.path.basename(path),
                              problem=exc.strerror or exc)) from None
