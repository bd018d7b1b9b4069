"""One U-Net, its optimiser and its training slices: a step of training, and predictions with torch.

Imported only inside the worker's session (it imports torch and MONAI at the top). The loss is
MONAI's soft Dice loss plus binary cross-entropy on the logits (Dice alone learns slowly from an empty
start; the cross-entropy term gives every pixel a gradient from the first step). Scores use MONAI's
DiceMetric on the thresholded masks, and our own numpy IoU (checked against it in the tests).

A box-prompted trainer (MedSAM's idea, at our scale) feeds a second channel: 1 inside a box around the
liver, 0 outside. During training the box is the truth's bounding box with each side jittered, so the
model learns "the organ inside this rough box"; its output is kept inside the box.
"""
from __future__ import annotations

import numpy as np
import torch
from monai.losses import DiceLoss
from monai.metrics import DiceMetric

from playground.labs.segment.metrics import iou_per_slice
from playground.labs.segment.phantom import to_input
from playground.labs.segment.unet import build_unet

__all__ = ["Trainer", "boxes_of", "box_channel", "drive"]


def drive(gen):
    """Run a chunked job (a generator that yields between chunks) to its end; return its value."""
    while True:
        try:
            next(gen)
        except StopIteration as done:
            return done.value


def boxes_of(masks: np.ndarray, rng: np.random.Generator | None, jitter: float = 0.15) -> np.ndarray:
    """(n, 4) boxes x0, y0, x1, y1 (pixel edges, x1/y1 exclusive) around each mask, each side moved by
    up to `jitter` of the box's size (none without rng). An empty mask gets the whole image."""
    n, h, w = masks.shape
    out = np.zeros((n, 4), np.float64)
    rows = masks.any(axis=2)
    cols = masks.any(axis=1)
    for i in range(n):
        ys, xs = np.flatnonzero(rows[i]), np.flatnonzero(cols[i])
        if len(ys) == 0:
            out[i] = (0, 0, w, h)
            continue
        out[i] = (xs[0], ys[0], xs[-1] + 1, ys[-1] + 1)
    if rng is not None:
        size = np.stack([out[:, 2] - out[:, 0], out[:, 3] - out[:, 1]] * 2, axis=1)
        out += rng.uniform(-jitter, jitter, out.shape) * size + rng.uniform(-1.5, 1.5, out.shape)
    out[:, [0, 2]] = np.clip(out[:, [0, 2]], 0, w)
    out[:, [1, 3]] = np.clip(out[:, [1, 3]], 0, h)
    out[:, 2] = np.maximum(out[:, 2], out[:, 0] + 1)
    out[:, 3] = np.maximum(out[:, 3], out[:, 1] + 1)
    return out


def box_channel(boxes: np.ndarray, h: int, w: int) -> np.ndarray:
    """(n, h, w) float32: 1 inside each box, 0 outside."""
    ys = np.arange(h)[None, :, None] + 0.5
    xs = np.arange(w)[None, None, :] + 0.5
    b = np.asarray(boxes, np.float64)[:, :, None, None]
    inside = (xs >= b[:, 0]) & (xs < b[:, 2]) & (ys >= b[:, 1]) & (ys < b[:, 3])
    return inside.astype(np.float32)


class Trainer:
    def __init__(self, depth: int, base: int, lr: float, batch_size: int, seed: int, device: str = "cpu",
                 prompted: bool = False):
        torch.manual_seed(int(seed))
        self.device = torch.device(device)
        self.prompted = bool(prompted)
        self.net = build_unet(depth, base, 2 if prompted else 1).to(self.device)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=float(lr))
        self.batch_size = int(batch_size)
        self.dice_loss = DiceLoss(sigmoid=True)
        self.bce = torch.nn.BCEWithLogitsLoss()
        self.metric = DiceMetric(include_background=True, reduction="none", ignore_empty=False)
        self.rng = np.random.default_rng([int(seed), 7, int(prompted)])
        self.x = self.y = None
        self.masks: np.ndarray | None = None

    def set_data(self, hu: np.ndarray, masks: np.ndarray) -> None:
        self.x = torch.from_numpy(to_input(hu)[:, None]).to(self.device)  # (n, 1, H, W)
        self.y = torch.from_numpy(masks[:, None].astype(np.float32)).to(self.device)
        self.masks = masks.astype(bool)

    def set_lr(self, lr: float) -> None:
        for g in self.opt.param_groups:
            g["lr"] = float(lr)

    def _inputs(self, x: torch.Tensor, boxes: np.ndarray | None) -> torch.Tensor:
        if not self.prompted:
            return x
        ch = torch.from_numpy(box_channel(boxes, x.shape[2], x.shape[3])[:, None]).to(self.device)
        return torch.cat([x, ch], dim=1)  # (n, 2, H, W)

    def step(self, idx: np.ndarray | None = None, chunk: int | None = None) -> float:
        """One Adam step on a random batch (or the given slice indices); returns the loss."""
        return drive(self.step_chunks(idx, chunk))

    def step_chunks(self, idx: np.ndarray | None = None, chunk: int | None = None):
        """One Adam step as a generator that yields between chunks of at most `chunk` slices
        (gradients accumulate across them) and returns the batch's loss: a large batch of large slices
        then never holds the worker for seconds in one piece."""
        n = len(self.x)
        if idx is None:
            idx = self.rng.choice(n, min(self.batch_size, n), replace=False)
        boxes = boxes_of(self.masks[idx], self.rng) if self.prompted else None
        chunk = len(idx) if not chunk else max(1, int(chunk))
        self.net.train()
        self.opt.zero_grad(set_to_none=True)
        total = 0.0
        for start in range(0, len(idx), chunk):
            if start:
                yield
            part = idx[start:start + chunk]
            xb, yb = self.x[part], self.y[part]
            b = None if boxes is None else boxes[start:start + chunk]
            logits = self.net(self._inputs(xb, b))
            if self.prompted:
                logits = logits + _outside(b, logits)
            # each chunk's share of the batch's mean loss: the accumulated gradient is the batch's
            loss = (self.dice_loss(logits, yb) + self.bce(logits, yb)) * (len(part) / len(idx))
            loss.backward()
            total += float(loss.detach())
        self.opt.step()
        return total

    @torch.no_grad()
    def predict(self, hu: np.ndarray, boxes: np.ndarray | None = None, chunk: int = 64) -> np.ndarray:
        """Probabilities (n, H, W) float32 for HU slices (n, H, W); boxes (n, 4) for a prompted model."""
        return drive(self.predict_chunks(hu, boxes, chunk))

    def predict_chunks(self, hu: np.ndarray, boxes: np.ndarray | None = None, chunk: int = 64):
        self.net.eval()
        out = []
        for i in range(0, len(hu), chunk):
            if i:
                yield
            with torch.no_grad():
                x = torch.from_numpy(to_input(hu[i:i + chunk])[:, None]).to(self.device)
                b = None if boxes is None else boxes[i:i + chunk]
                logits = self.net(self._inputs(x, b))
                if self.prompted:
                    logits = logits + _outside(b, logits)
                out.append(torch.sigmoid(logits)[:, 0].float().cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0,) + hu.shape[1:], np.float32)

    def evaluate(self, hu: np.ndarray, masks: np.ndarray, boxes: np.ndarray | None = None, chunk: int = 64):
        """(Dice per slice by MONAI's DiceMetric, IoU per slice, probabilities)."""
        return drive(self.evaluate_chunks(hu, masks, boxes, chunk))

    def evaluate_chunks(self, hu: np.ndarray, masks: np.ndarray, boxes: np.ndarray | None = None,
                        chunk: int = 64):
        prob = yield from self.predict_chunks(hu, boxes, chunk)
        pred = torch.from_numpy((prob > 0.5)[:, None].astype(np.float32))
        truth = torch.from_numpy(masks[:, None].astype(np.float32))
        self.metric.reset()
        d = self.metric(pred, truth)[:, 0].numpy().astype(np.float64)
        return d, iou_per_slice(prob > 0.5, masks), prob

    # --- weights -------------------------------------------------------------------------------------
    def state(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.{k}": v.detach().cpu().numpy().copy() for k, v in self.net.state_dict().items()
                if not k.endswith("num_batches_tracked")}

    def load(self, prefix: str, state: dict) -> None:
        own = self.net.state_dict()
        new = {}
        for k, v in own.items():
            if k.endswith("num_batches_tracked"):
                new[k] = v
                continue
            a = np.asarray(state[f"{prefix}.{k}"], dtype=np.float32)
            new[k] = torch.from_numpy(a.reshape(tuple(v.shape)).copy()).to(v.device)
        self.net.load_state_dict(new)


def _outside(boxes: np.ndarray, logits: torch.Tensor) -> torch.Tensor:
    """A large negative logit outside each box: a prompted mask never leaves its box."""
    inside = torch.from_numpy(box_channel(boxes, logits.shape[2], logits.shape[3])[:, None]).to(logits.device)
    return (inside - 1.0) * 30.0
