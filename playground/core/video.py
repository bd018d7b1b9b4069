"""Animations on disk: GIF and MP4 written frame by frame, with constant memory.

imageio-ffmpeg (its wheel ships an ffmpeg binary) does the encoding in its own process: frames are
streamed to it as they come, so a long recording never piles up in our memory. MP4 is H.264 (yuv420p,
CRF 18: crisp text on slides); GIF uses a palette per frame (palettegen/paletteuse with
stats_mode=single), which keeps plot colours exact without buffering the whole film. The file is
written under a temporary name and renamed into place at the end, so a cancelled or failed recording
never leaves half a file behind. Qt-free: the window and the command line both use it.
"""
from __future__ import annotations

import os
import tempfile

import numpy as np

from playground.core.i18n import N_, tr

__all__ = ["VideoEncoder", "VideoError", "VIDEO_FORMATS", "probe_video"]

VIDEO_FORMATS = {"gif": N_("GIF animation"), "mp4": N_("MP4 video (H.264)")}
MAX_SIDE = 7680  # what H.264 levels and GIF viewers handle


class VideoError(RuntimeError):
    """The animation cannot be written (bad path, no encoder, a frame of the wrong size)."""


def _ffmpeg():
    try:
        import imageio_ffmpeg
    except ImportError as exc:  # pragma: no cover - a dependency of the app
        raise VideoError(tr("animations need imageio-ffmpeg: pip install imageio-ffmpeg")) from exc
    return imageio_ffmpeg


class VideoEncoder:
    """Write frames (H x W x 3 uint8 arrays, all the same size) to `path` (.gif or .mp4)."""

    def __init__(self, path: str, fps: float = 15.0):
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        if ext not in VIDEO_FORMATS:
            raise VideoError(tr("{path}: an animation must end in .gif or .mp4", path=path))
        if not 1 <= fps <= 60:
            raise VideoError(tr("frame rate {fps:g} is outside 1 to 60 frames per second", fps=fps))
        folder = os.path.dirname(os.path.abspath(path)) or "."
        if not os.path.isdir(folder):
            raise VideoError(tr("the folder {folder} does not exist", folder=folder))
        if os.path.isdir(path):
            raise VideoError(tr("{path} is a folder", path=path))
        self.path, self.ext, self.fps = path, ext, float(fps)
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=".anim-", suffix="." + ext, dir=folder)
        except OSError as exc:
            raise VideoError(tr("cannot write in {folder}: {reason}", folder=folder, reason=exc.strerror or exc)) from None
        os.close(fd)
        self._gen = None
        self.size: tuple[int, int] | None = None  # (width, height) of the encoded frames
        self.frames = 0

    def _open(self, width: int, height: int) -> None:
        ff = _ffmpeg()
        self._first = (width, height)
        if self.ext == "mp4":
            # H.264 in yuv420p needs even sides: frames are padded by one pixel where needed.
            width, height = width + width % 2, height + height % 2
            kw = dict(codec="libx264", pix_fmt_out="yuv420p", quality=None,
                      output_params=["-crf", "18", "-preset", "veryfast", "-movflags", "+faststart"])
        else:
            kw = dict(codec="gif", pix_fmt_out="pal8", quality=None,
                      output_params=["-filter_complex",
                                     "split[a][b];[a]palettegen=stats_mode=single[p];[b][p]paletteuse=new=1"])
        self.size = (width, height)
        self._gen = ff.write_frames(self._tmp, (width, height), fps=self.fps, macro_block_size=1,
                                    ffmpeg_log_level="error", **kw)
        self._gen.send(None)

    def add(self, frame: np.ndarray) -> None:
        frame = np.asarray(frame)
        if frame.ndim != 3 or frame.shape[2] not in (3, 4) or frame.dtype != np.uint8:
            raise VideoError(tr("a frame must be an H x W x 3 image of bytes, not {shape} {dtype}", shape=frame.shape, dtype=frame.dtype))
        frame = frame[:, :, :3]
        h, w = frame.shape[:2]
        if not (2 <= w <= MAX_SIDE and 2 <= h <= MAX_SIDE):
            raise VideoError(tr("a frame of {w} x {h} pixels is outside 2 to {most}", w=w, h=h, most=MAX_SIDE))
        if self._gen is None:
            self._open(w, h)
        if (w, h) != self._first:
            raise VideoError(tr("frame {frames} is {w} x {h}, the animation is {width} x {height}", frames=self.frames + 1, w=w, h=h, width=self._first[0], height=self._first[1]))
        W, H = self.size
        if (w, h) != (W, H):
            padded = np.full((H, W, 3), 255, np.uint8)
            padded[:h, :w] = frame
            frame = padded
        try:
            self._gen.send(np.ascontiguousarray(frame))
        except (OSError, StopIteration, RuntimeError) as exc:
            self.cancel()
            raise VideoError(tr("the encoder stopped: {exc}", exc=exc)) from None
        self.frames += 1

    def close(self) -> str:
        """Finish the file and move it into place; returns its path."""
        if self._gen is None:
            self.cancel()
            raise VideoError(tr("no frame was recorded"))
        try:
            self._gen.close()
        except (OSError, RuntimeError) as exc:
            self.cancel()
            raise VideoError(tr("the encoder failed: {exc}", exc=exc)) from None
        self._gen = None
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self._tmp, 0o666 & ~umask)
        try:
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.cancel()
            raise VideoError(tr("cannot write {path}: {reason}", path=self.path, reason=exc.strerror or exc)) from None
        return self.path

    def cancel(self) -> None:
        """Stop and remove the partial file."""
        gen, self._gen = self._gen, None
        if gen is not None:
            try:
                gen.close()
            except Exception:  # noqa: BLE001 - the file goes away anyway
                pass
        if os.path.exists(self._tmp):
            os.remove(self._tmp)


def probe_video(path: str) -> tuple[int, tuple[int, int]]:
    """(frame count, (width, height)) of an animation on disk, decoded with ffmpeg."""
    reader = _ffmpeg().read_frames(path)
    meta = next(reader)
    count = sum(1 for _ in reader)
    return count, tuple(meta["size"])
