"""The liver segmentation lab: a small U-Net (MONAI) trained live on synthetic CT slices, box prompts
(MedSAM's idea, at our scale), and the lecture's domain-shift experiment.

Two experiments share one parameter list:

- ``train``: one U-Net learns the liver mask from slices of the training regime (the narrow domain of
  one scanner, or randomised synthesis) and is scored after every epoch, with Dice and IoU, on its
  training slices and on test slices of the test domain. With box prompts on, a second U-Net that also
  reads a box channel trains on the same batches; the window then segments whatever box the user drags.
- ``domain-shift``: one click trains a narrow model and a randomised-synthesis model in turn, each for
  `shift_steps` steps, and scores both on test slices of the training scanner and of the other one: the
  narrow model's Dice drops on the other scanner, the randomised one's does not.

One session step is one optimisation step on one batch (so the window stays responsive at any image
size); `--epochs` on the command line counts passes over the training slices. torch and MONAI are
imported only when a session is built, so the window reads PARAMS without loading them.
"""
from __future__ import annotations

import math
import os
import time

import numpy as np

from playground.core.i18n import N_, grouped, tr
from playground.core.train.params import Param, ParamError, validate_all
from playground.core.train.series import checked_series
from playground.core.train.session import SessionError, TrainingSession, check_shape
from playground.labs.segment.phantom import DOMAINS, make_batch
from playground.labs.segment.resample import resize, shrink_to
from playground.labs.segment.unet import weight_shapes

__all__ = ["PARAMS", "SESSION", "SegmentSession", "expected_state", "check_data", "run_headless", "bench_reference",
           "CLI_EXTRA", "DEFAULT_EPOCHS", "steps_per_epoch", "display_u8"]

EXPERIMENTS = ("train", "domain-shift")
STRIP = 8  # test slices in the worst-first strip
STRIP_PX = 48  # their size in the frame
STATE_EVERY_S = 2.0  # weights ride along with a frame at most this often while training
MAX_HISTORY = 20_000
# Slice-pixels one piece of work may hold at 16 base channels: 16 slices of 96 x 96. Measured on
# the 2-core machine, a piece stays under about 0.3 s on one thread at any setting.
PIECE_PIXELS = 16 * 96 * 96

PARAMS = [
    Param("experiment", "Experiment", "choice", "train", choices=EXPERIMENTS,
          choice_labels=("Train a U-Net", "Domain shift"),
          help="Train: one U-Net, live. Domain shift: a narrow and a randomised model trained in turn, "
               "each scored on both scanners."),
    Param("regime", "Training data", "choice", "narrow", choices=("narrow", "randomised"),
          choice_labels=("Narrow (one scanner)", "Randomised"),
          help="Narrow: slices of the training scanner only. Randomised: contrast, tissue HU, noise, blur "
               "and shapes drawn widely for every slice."),
    Param("train_domain", "Training scanner", "choice", "narrow", choices=("narrow", "shifted"),
          choice_labels=("A: contrast", "B: no contrast"),
          help="A: contrast-enhanced, low noise; B: no contrast, noisy. The scanner the narrow regime's slices come from (and the domain-shift experiment's home)."),
    Param("test_domain", "Test slices", "choice", "narrow", choices=DOMAINS,
          choice_labels=("A: contrast", "B: no contrast", "Randomised"),
          help="Where the test Dice is measured; the other scanner shows the domain shift."),
    Param("size", "Image size (px)", "int", 64, minimum=64, maximum=256,
          help="Slices are size x size pixels (a multiple of 8); the U-Net is fully convolutional."),
    Param("depth", "U-Net depth", "int", 3, minimum=2, maximum=4,
          help="Resolution levels: each halves the image and doubles the channels."),
    Param("base_channels", "Base channels", "int", 16, minimum=8, maximum=32,
          help="Channels of the first level (then 2x, 4x, ... deeper)."),
    Param("train_slices", "Training slices", "int", 256, minimum=16, maximum=4096),
    Param("test_slices", "Test slices", "int", 64, minimum=8, maximum=512),
    Param("lesion_rate", "Slices with lesions", "float", 0.3, minimum=0.0, maximum=1.0,
          steps=(0.0, 0.1, 0.3, 0.5, 0.8, 1.0),
          help="The fraction of slices with hypodense lesions (part of the liver mask)."),
    Param("batch_size", "Batch size", "int", 16, minimum=1, maximum=128),
    Param("lr", "Learning rate (Adam)", "float", 0.003, minimum=1e-5, maximum=0.1, live=True, log=True,
          steps=(0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03)),
    Param("box_prompt", "Box-prompted model too", "bool", False,
          help="A second U-Net reads the image and a box around the liver (MedSAM's prompt) and "
               "segments the organ inside the box."),
    Param("shift_steps", "Shift: steps per model", "int", 300, minimum=2, maximum=20_000,
          help="The training budget of each of the experiment's two models."),
    Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1,
          help="Same seed, same slices, same initial weights, same batches."),
]

SESSION = "playground.labs.segment.core:SegmentSession"
DEFAULT_EPOCHS = 30
CLI_EXTRA = (
    ("--input", {"metavar": "SLICE", "default": None,
                 "help": N_("a CT slice (PNG, TIFF, DICOM, NIfTI) to segment with the trained or loaded model")}),
    ("--slice", {"type": int, "default": None, "metavar": "K",
                 "help": N_("with --input NIfTI: the slice index (default: the middle one)")}),
    ("--model", {"metavar": "EXPERIMENT", "default": None,
                 "help": N_("a saved segment experiment (.npexp.json) whose model --input uses (no training)")}),
    ("--mask", {"metavar": "OUT.png|.nii.gz", "default": None,
                "help": N_("with --input: write the predicted liver mask (PNG, or NIfTI .nii/.nii.gz)")}),
)


def _pieces(job, split: bool):
    """Run a trainer's chunked job: yield False between its chunks when the work is split, else
    run it through in one go; return its value."""
    while True:
        try:
            next(job)
        except StopIteration as done:
            return done.value
        if split:
            yield False


def drive(job):
    """Run a job to its end, ignoring its pieces; return its value."""
    while True:
        try:
            next(job)
        except StopIteration as done:
            return done.value


def other_scanner(name: str) -> str:
    return "shifted" if name == "narrow" else "narrow"


def steps_per_epoch(params: dict) -> int:
    return max(1, math.ceil(params["train_slices"] / params["batch_size"]))


def expected_state(params: dict) -> dict[str, tuple]:
    p = validate_all(PARAMS, params)
    out: dict[str, tuple] = {}
    if p["experiment"] == "domain-shift":
        prefixes = [("narrow", 1), ("randomised", 1)]
    else:
        prefixes = [("unet", 1)] + ([("box", 2)] if p["box_prompt"] else [])
    for prefix, inputs in prefixes:
        for k, shape in weight_shapes(p["depth"], p["base_channels"], inputs).items():
            out[f"{prefix}.{k}"] = shape
    return out


def check_data(data) -> dict | None:
    """The experiment file's `data`: the user's opened slice ({"own_slice": {"path", "slice", "window":
    [width, level]}}); raises ValueError with a sentence for anything else."""
    if data is None:
        return None
    own = data.get("own_slice") if isinstance(data, dict) else None
    if not isinstance(own, dict) or set(data) - {"own_slice"}:
        raise ValueError(tr("the saved data must be {own}: the slice opened in the lab", own="{'own_slice': {...}}"))
    out: dict = {}
    path = own.get("path")
    if path is not None:
        if not isinstance(path, str) or not path or len(path) > 4096:
            raise ValueError(tr("own_slice.path must be a file path"))
        out["path"] = path
    k = own.get("slice", 0)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < 100_000:
        raise ValueError(tr("own_slice.slice must be a slice index"))
    out["slice"] = int(k)
    win = own.get("window", [400.0, 40.0])
    try:
        w, l = (float(v) for v in win)
    except (TypeError, ValueError):
        raise ValueError(tr("own_slice.window must be [width, level] in HU")) from None
    if not (1 <= w <= 5000 and -1500 <= l <= 3000):
        raise ValueError(tr("own_slice.window: width 1 to 5000 HU, level -1500 to 3000 HU"))
    out["window"] = [w, l]
    return {"own_slice": out}


def display_u8(hu: np.ndarray, width: float = 400.0, level: float = 40.0) -> np.ndarray:
    """HU -> 0..255 grey through a CT window (default: abdomen, W400 / L40)."""
    lo = level - width / 2
    return (np.clip((np.asarray(hu, np.float32) - lo) / max(width, 1e-3), 0, 1) * 255 + 0.5).astype(np.uint8)


def _u8(prob: np.ndarray) -> np.ndarray:
    return (np.clip(prob, 0, 1) * 255 + 0.5).astype(np.uint8)


# Phantom pixels drawn for one run (slices x size^2, both sets, both domains of the shift experiment):
# drawing costs 1 to 2 microseconds a pixel on two cores, so this is ten seconds or so with the worker
# unable to answer, and about 200 MB of images. The declared maxima together (4,096 slices of 256 px)
# were 270 million pixels: eight minutes and several GB, the window waiting on a worker that could not
# even be told to stop.
MAX_PHANTOM_PIXELS = 2 ** 23  # e.g. 2,048 slices of 64 px, 512 of 128 px, 128 of 256 px


def _check_size(p: dict) -> None:
    copies = 2 if p["experiment"] == "domain-shift" else 1  # it draws both scanners' slices
    pixels = copies * (p["train_slices"] + p["test_slices"]) * p["size"] ** 2
    if pixels > MAX_PHANTOM_PIXELS:
        room = MAX_PHANTOM_PIXELS // (copies * p["size"] ** 2) - p["test_slices"]
        hint = (tr("at {size} px, at most {slices} training slices", size=p["size"], slices=room) if room >= 16
                else tr("fewer test slices or a smaller image"))
        raise SessionError(tr("the phantom slices would hold {pixels} pixels; this lab draws at most {most} "
                              "per run (some ten seconds of work): use {hint}", pixels=grouped(pixels),
                              most=grouped(MAX_PHANTOM_PIXELS), hint=hint))
    step = 2 ** (p["depth"] - 1)
    if p["size"] % 8:
        raise SessionError(tr("size: {size} px is not a multiple of 8; try {lower} or {upper}", size=p["size"],
                              lower=p["size"] // 8 * 8 or 64, upper=p["size"] // 8 * 8 + 8))
    if p["size"] % step:
        raise SessionError(tr("size: a depth-{depth} U-Net needs a multiple of {step} pixels", depth=p["depth"],
                              step=step))


def _hu_slice(raw, size: int) -> np.ndarray:
    """A user's slice from the window: a finite 2-D array of HU, resized to the model's size."""
    a = np.asarray(raw, dtype=np.float64)
    if a.ndim != 2 or min(a.shape) < 8 or max(a.shape) > 8192:
        raise SessionError(tr("the slice must be a 2-D image between 8 and 8192 pixels a side, not {shape}",
                              shape=a.shape))
    if not np.all(np.isfinite(a)):
        raise SessionError(tr("the slice holds NaN or infinite values"))
    return resize(a.astype(np.float32), size, size)


class SegmentSession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "segment"

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        self.saved_file: dict | None = None  # {"own_slice": {path, slice, window}}: survives a reset
        self._state_sent_at = -math.inf
        self._state_requested = False
        super().__init__(params, device)

    @property
    def engine(self) -> str:
        return f"torch · MONAI U-Net · {self.device}"

    # --- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        from playground.labs.segment.trainer import Trainer

        p = self.params
        _check_size(p)
        self._Trainer = Trainer
        self.per_epoch = steps_per_epoch(p)
        self.view_index = 0
        self.box_result: dict | None = None
        self.user_result: dict | None = None
        self.user_hu: np.ndarray | None = None
        self._display: dict | None = None
        self._display_at = (-1, -math.inf)
        self._losses: list[float] = []
        self.batch_rng = np.random.default_rng([p["seed"], 11])
        self._plan_pieces()
        if p["experiment"] == "domain-shift":
            self._build_shift()
        else:
            self._build_train()

    def _trainer(self, prompted: bool = False):
        p = self.params
        return self._Trainer(p["depth"], p["base_channels"], p["lr"], p["batch_size"], p["seed"],
                             self.device, prompted=prompted)

    def _build_train(self) -> None:
        p = self.params
        source = "randomised" if p["regime"] == "randomised" else p["train_domain"]
        self.train = make_batch(p["train_slices"], p["size"], source, p["seed"], p["lesion_rate"], part=0)
        self.test = make_batch(p["test_slices"], p["size"], p["test_domain"], p["seed"], p["lesion_rate"], part=1)
        self.main = self._trainer()
        self.main.set_data(self.train["hu"], self.train["mask"])
        self.box = None
        if p["box_prompt"]:
            self.box = self._trainer(prompted=True)
            self.box.set_data(self.train["hu"], self.train["mask"])
            # the test boxes: the truth's box, jittered once (a user's box is never exact either)
            from playground.labs.segment.trainer import boxes_of

            self.test_boxes = boxes_of(self.test["mask"], np.random.default_rng([p["seed"], 13]))
        self.n_eval_train = min(32, p["train_slices"])  # enough for a curve; keeps training ~90% of the time
        self.curves_: dict[str, list[float]] = {k: [] for k in (
            "step", "loss", "dice_train", "dice_test", "iou_train", "iou_test", "box_dice_test")}
        self.test_dice = np.zeros(p["test_slices"])
        self._evaluate()

    def _build_shift(self) -> None:
        p = self.params
        home, away = p["train_domain"], other_scanner(p["train_domain"])
        self.home, self.away = home, away
        self.sets = {
            "narrow": make_batch(p["train_slices"], p["size"], home, p["seed"], p["lesion_rate"], part=0),
            "randomised": make_batch(p["train_slices"], p["size"], "randomised", p["seed"], p["lesion_rate"], part=0),
        }
        self.tests = {home: make_batch(p["test_slices"], p["size"], home, p["seed"], p["lesion_rate"], part=1),
                      away: make_batch(p["test_slices"], p["size"], away, p["seed"], p["lesion_rate"], part=2)}
        self.models = {}
        for regime in ("narrow", "randomised"):
            t = self._trainer()
            t.set_data(self.sets[regime]["hu"], self.sets[regime]["mask"])
            self.models[regime] = t
        self.results: dict[str, dict[str, float]] = {}
        self.shift_curves: dict[str, dict[str, list[float]]] = {
            r: {"step": [], "home": [], "away": []} for r in ("narrow", "randomised")}
        self.total_steps = 2 * p["shift_steps"]

    # --- the user's own slice, kept with the experiment (its `data` section) -----------------------------
    def restore_data(self, data: dict) -> None:
        self.saved_file = check_data(data)

    def _apply_live(self, changed: dict) -> None:
        if "lr" in changed:
            for t in self._all_trainers():
                t.set_lr(changed["lr"])

    def _all_trainers(self) -> list:
        if self.params["experiment"] == "domain-shift":
            return list(self.models.values())
        return [self.main] + ([self.box] if self.box is not None else [])

    # --- training ----------------------------------------------------------------------------------
    # The work is a generator that yields after each piece: an optimiser step (True) or, when a batch
    # of large slices or a large evaluation must be cut up, a piece of one (False). The runner checks
    # for commands between pieces, so Pause and Reset answer within a fraction of a second even at
    # 256 px, depth 4, 32 channels and a batch of 128. Small settings run one whole step per call.
    def _plan_pieces(self) -> None:
        p = self.params
        budget = PIECE_PIXELS * 16 // p["base_channels"]  # slice-pixels per piece: less for wider nets
        per = max(1, budget // p["size"] ** 2)
        self._chunk = per if p["batch_size"] > per else None
        self._eval_chunk = max(1, min(64, 3 * budget // p["size"] ** 2))  # forward only: 3x the slices
        self._split = self._chunk is not None or max(p["test_slices"], 32) > self._eval_chunk
        self._job = None

    def _train_epoch(self) -> None:
        if self._job is None:
            self._job = self._shift_job() if self.params["experiment"] == "domain-shift" else self._train_job()
        if not next(self._job):
            self.epoch -= 1  # the base counts a step after this call: a piece of one is not a step

    def _train_job(self):
        while True:
            n = len(self.train["hu"])
            idx = self.batch_rng.choice(n, min(self.params["batch_size"], n), replace=False)
            loss = yield from _pieces(self.main.step_chunks(idx, self._chunk), self._split)
            if self.box is not None:
                if self._split:
                    yield False
                yield from _pieces(self.box.step_chunks(idx, self._chunk), self._split)
            self.loss = loss
            self._losses.append(loss)
            if (self.epoch + 1) % self.per_epoch == 0 and math.isfinite(loss):
                yield from self._evaluate_job(self.epoch + 1)
            yield True

    def _evaluate(self, step: int = 0) -> None:
        drive(self._evaluate_job(step))

    def _evaluate_job(self, step: int = 0):
        sub = slice(0, self.n_eval_train)
        ch, split = self._eval_chunk, self._split
        d_tr, i_tr, _ = yield from _pieces(
            self.main.evaluate_chunks(self.train["hu"][sub], self.train["mask"][sub], None, ch), split)
        d_te, i_te, prob = yield from _pieces(
            self.main.evaluate_chunks(self.test["hu"], self.test["mask"], None, ch), split)
        d_box = None
        if self.box is not None:
            d_box, _, _ = yield from _pieces(
                self.box.evaluate_chunks(self.test["hu"], self.test["mask"], self.test_boxes, ch), split)
        c = self.curves_
        c["step"].append(float(step))
        c["loss"].append(float(np.mean(self._losses)) if self._losses else float("nan"))
        self._losses = []
        c["dice_train"].append(float(d_tr.mean()))
        c["iou_train"].append(float(i_tr.mean()))
        c["dice_test"].append(float(d_te.mean()))
        c["iou_test"].append(float(i_te.mean()))
        c["box_dice_test"].append(float(d_box.mean()) if d_box is not None else float("nan"))
        self.test_dice = d_te
        worst = np.argsort(d_te, kind="stable")[:STRIP]
        self._strip = {
            "stamp": (step, time.perf_counter()),  # the window redraws the strip only when it changes
            "index": worst.astype(int),
            "dice": d_te[worst].astype(float),
            "image": display_u8(shrink_to(self.test["hu"][worst], STRIP_PX)),
            "prob": _u8(shrink_to(prob[worst], STRIP_PX)),
            "truth": (shrink_to(self.test["mask"][worst].astype(np.float32), STRIP_PX) > 0.5).astype(np.uint8),
        }
        for name in list(c):
            del c[name][:-MAX_HISTORY]

    def _shift_job(self):
        p = self.params
        while True:
            if self.epoch >= self.total_steps:
                self.finished = self._shift_summary()
                yield False  # nothing left to train: not a step
                continue
            regime = "narrow" if self.epoch < p["shift_steps"] else "randomised"
            t = self.models[regime]
            self.loss = yield from _pieces(t.step_chunks(None, self._chunk), self._split)
            done_in_phase = self.epoch + 1 - (0 if regime == "narrow" else p["shift_steps"])
            if done_in_phase % self.per_epoch == 0 or done_in_phase == p["shift_steps"]:
                scores = {}
                for key, test in (("home", self.tests[self.home]), ("away", self.tests[self.away])):
                    d, _, _ = yield from _pieces(
                        t.evaluate_chunks(test["hu"], test["mask"], None, self._eval_chunk), self._split)
                    scores[key] = float(d.mean())
                curve = self.shift_curves[regime]
                curve["step"].append(float(done_in_phase))
                curve["home"].append(scores["home"])
                curve["away"].append(scores["away"])
                if done_in_phase == p["shift_steps"]:
                    self.results[regime] = scores
            if self.epoch + 1 >= self.total_steps:
                self.finished = self._shift_summary()
            yield True

    def _shift_summary(self) -> str:
        r = self.results
        if "narrow" not in r or "randomised" not in r:
            return tr("Domain shift: the experiment is incomplete.")
        n, z = r["narrow"], r["randomised"]
        return tr("Domain shift measured: the narrow model's Dice falls from {n_home} on its own scanner to "
                  "{n_away} on the other; the randomised-synthesis model scores {z_home} and {z_away}.",
                  n_home=f"{n['home']:.3f}", n_away=f"{n['away']:.3f}", z_home=f"{z['home']:.3f}",
                  z_away=f"{z['away']:.3f}")

    # --- the window's actions ----------------------------------------------------------------------
    def custom(self, name: str, **kwargs) -> dict:
        p = self.params
        if name == "send_state":
            self._state_requested = True
            return {}
        if name == "remember_file":
            try:
                self.saved_file = check_data({"own_slice": dict(kwargs)})
            except ValueError as exc:
                raise SessionError(str(exc)) from None
            return {}
        if p["experiment"] != "train" and name in ("show_slice", "box", "segment_user"):
            raise SessionError(tr("switch the experiment to 'Train a U-Net' to use this"))
        if name == "show_slice":
            i = kwargs.get("index")
            if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < p["test_slices"]:
                raise SessionError(tr("show_slice: index must be a test slice, 0 to {last}",
                                      last=p["test_slices"] - 1))
            self.view_index = int(i)
            self._display_at = (-1, -math.inf)
            self.box_result = None
            return {}
        if name == "segment_user":
            self.user_hu = _hu_slice(kwargs.get("hu"), p["size"])
            prob = self.main.predict(self.user_hu[None])[0]
            self.user_result = {"prob": _u8(prob), "stamp": time.time(), "area": float((prob > 0.5).mean()),
                                "hu": np.round(self.user_hu).astype(np.int16)}  # at the model's size
            self.box_result = None
            return {}
        if name == "box":
            return self._box(kwargs)
        raise SessionError(tr("the segment lab has no action {name}", name=repr(name)))

    def _box(self, kwargs: dict) -> dict:
        p = self.params
        if self.box is None:
            raise SessionError(tr("tick 'Box-prompted model too' and train it before dragging a box"))
        target = kwargs.get("target", "test")
        box = kwargs.get("box")
        try:
            b = np.asarray(box, dtype=np.float64).reshape(4)
        except (TypeError, ValueError):
            raise SessionError(tr("box: give x0, y0, x1, y1 in pixels")) from None
        if not np.all(np.isfinite(b)):
            raise SessionError(tr("box: the corners must be finite numbers"))
        s = p["size"]
        x0, x1 = sorted(np.clip(b[[0, 2]], 0, s))
        y0, y1 = sorted(np.clip(b[[1, 3]], 0, s))
        if x1 - x0 < 2 or y1 - y0 < 2:
            raise SessionError(tr("box: drag a box at least 2 pixels wide and high inside the image"))
        bb = np.array([[x0, y0, x1, y1]])
        if target == "user":
            if self.user_hu is None:
                raise SessionError(tr("open a slice of your own first"))
            hu, truth = self.user_hu, None
        elif target == "test":
            hu, truth = self.test["hu"][self.view_index], self.test["mask"][self.view_index]
        else:
            raise SessionError(tr("box: target must be 'test' or 'user', not {target}", target=repr(target)))
        prob = self.box.predict(hu[None], bb)[0]
        plain = self.main.predict(hu[None])[0]
        result = {"box": [float(x0), float(y0), float(x1), float(y1)], "target": target,
                  "prob": _u8(prob), "stamp": time.time(), "index": self.view_index}
        if truth is not None:
            from playground.labs.segment.metrics import dice

            result["dice_with"] = dice(prob > 0.5, truth)
            result["dice_without"] = dice(plain > 0.5, truth)
        self.box_result = result
        return result

    # --- frames ------------------------------------------------------------------------------------
    def _slice_display(self) -> dict:
        """The shown test slice with the current prediction, recomputed at most 10 times a second."""
        now = time.perf_counter()
        step, at = self._display_at
        if self._display is None or (step != self.epoch and now - at >= 0.1) or self.full_snapshot:
            i = self.view_index
            hu = self.test["hu"][i]
            prob = self.main.predict(hu[None])[0]
            self._display = {"index": i, "stamp": (self.epoch, now), "hu": np.round(hu).astype(np.int16),
                             "truth": self.test["mask"][i].copy(), "prob": _u8(prob),
                             "dice": float(self.test_dice[i]) if len(self.test_dice) > i else None,
                             "contrast": float(self.test["contrast"][i]), "noise": float(self.test["noise"][i])}
            self._display_at = (self.epoch, now)
        return self._display

    def _snapshot(self) -> dict:
        p = self.params
        snap: dict = {"experiment": p["experiment"], "size": p["size"], "steps_per_epoch": self.per_epoch,
                      "epochs_done": self.epoch / self.per_epoch}
        if p["experiment"] == "domain-shift":
            snap["shift"] = {
                "home": self.home, "away": self.away, "progress": min(1.0, self.epoch / self.total_steps),
                "phase": "narrow" if self.epoch < p["shift_steps"] else "randomised",
                "results": {k: dict(v) for k, v in self.results.items()},
                "curves": {r: {k: np.array(v) for k, v in c.items()} for r, c in self.shift_curves.items()},
                "done": len(self.results) == 2,
            }
        else:
            c = self.curves_
            snap["series"] = {k: np.array(v, dtype=float) for k, v in c.items()}
            snap["latest"] = {k: (v[-1] if v else None) for k, v in c.items()}
            snap["slice"] = self._slice_display()
            snap["strip"] = dict(self._strip)
            snap["box_trained"] = self.box is not None
            snap["test_domain"] = p["test_domain"]
            if self.box_result is not None:
                snap["box_result"] = self.box_result
            if self.user_result is not None:
                snap["user_result"] = self.user_result
        snap["saved_data"] = self.saved_file
        now = time.perf_counter()
        if self.full_snapshot or self._state_requested or now - self._state_sent_at >= STATE_EVERY_S:
            snap["state"] = self.state()
            self._state_sent_at = now
            self._state_requested = False
        return snap

    # --- weights -----------------------------------------------------------------------------------
    def _named_trainers(self) -> dict:
        if self.params["experiment"] == "domain-shift":
            return dict(self.models)
        out = {"unet": self.main}
        if self.box is not None:
            out["box"] = self.box
        return out

    def state(self) -> dict:
        out = {}
        for prefix, t in self._named_trainers().items():
            out.update(t.state(prefix))
        return out

    def load_state(self, state: dict, epoch: int = 0) -> None:
        shapes = expected_state(self.params)
        missing = [k for k in shapes if k not in state]
        if missing:
            raise SessionError(tr("the saved weights lack '{name}'", name=missing[0]))
        for k, shape in shapes.items():
            check_shape(k, state[k], shape)
        for prefix, t in self._named_trainers().items():
            t.load(prefix, state)
        self.epoch = int(epoch)
        self.finished = None
        self._display = None
        self._job = None  # the next piece starts afresh from the loaded step
        if self.params["experiment"] == "domain-shift":
            # the phases already trained are scored again from the loaded weights
            done = min(self.epoch, self.total_steps)
            for regime, start in (("narrow", 0), ("randomised", self.params["shift_steps"])):
                if done >= start + self.params["shift_steps"]:
                    t = self.models[regime]
                    self.results[regime] = {key: float(t.evaluate(test["hu"], test["mask"])[0].mean())
                                            for key, test in (("home", self.tests[self.home]),
                                                              ("away", self.tests[self.away]))}
            if done >= self.total_steps:
                self.finished = self._shift_summary()
        else:
            for k in self.curves_:
                self.curves_[k] = []
            self._evaluate(self.epoch)

    def history(self) -> list[dict]:
        if self.params["experiment"] == "domain-shift":
            rows = []
            for regime, c in self.shift_curves.items():
                for i, s in enumerate(c["step"]):
                    rows.append({"regime": regime, "step": int(s), "dice_home": c["home"][i],
                                 "dice_away": c["away"][i]})
            return rows
        c = self.curves_
        return [{"step": int(c["step"][i]), "epoch": c["step"][i] / self.per_epoch,
                 **{k: _num(c[k][i]) for k in c if k != "step"}} for i in range(len(c["step"]))]

    def curves(self) -> dict:
        if self.params["experiment"] == "domain-shift":
            return {f"{r}.{k}": list(v) for r, c in self.shift_curves.items() for k, v in c.items()}
        return {k: [v if math.isfinite(v) else -1.0 for v in vals] for k, vals in self.curves_.items()}

    def restore_curves(self, curves: dict) -> None:
        if self.params["experiment"] == "domain-shift":
            for r, c in self.shift_curves.items():
                got = {k: checked_series(curves.get(f"{r}.{k}"), MAX_HISTORY) for k in c}
                if all(v is not None for v in got.values()) and len({len(v) for v in got.values()}) == 1:
                    self.shift_curves[r] = got
            return
        got = {k: checked_series(curves.get(k), MAX_HISTORY) for k in self.curves_}
        if all(v is not None for v in got.values()) and len({len(v) for v in got.values()}) == 1:
            # -1 marks a score that did not exist (no box model at that time)
            self.curves_ = {k: [x if x >= 0 or k == "loss" else float("nan") for x in v] for k, v in got.items()}


def _num(v: float) -> float | None:
    return float(v) if v is not None and math.isfinite(v) else None


# --- headless ---------------------------------------------------------------------------------------
def _threads() -> None:
    """As many torch threads as the worker uses (PLAYGROUND_TORCH_THREADS, default 1): on two shared
    cores a second thread fights the window and other processes; measured, 300 ms a step instead of 30."""
    import torch

    torch.set_num_threads(max(1, int(os.environ.get("PLAYGROUND_TORCH_THREADS", "1"))))


def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """Train for `epochs` passes over the training slices (the domain-shift experiment: its whole
    budget) and report Dice and IoU; with --input, segment that file (with --model: a saved model,
    no training) and write --mask."""
    extra = extra or {}
    if int(epochs) < 0:
        raise ParamError(tr("epochs: {epochs} is below the minimum 0", epochs=epochs))
    device = extra.get("device", "cpu")
    _threads()
    t0 = time.perf_counter()
    if extra.get("model"):
        from playground.core.train.experiment import ExperimentError, load_experiment

        try:
            exp = load_experiment(extra["model"])
        except ExperimentError as exc:
            raise SessionError(str(exc)) from None
        if exp.lab != "segment":
            raise SessionError(tr("{path} is a {lab} experiment, not a segment one", path=extra["model"],
                                 lab=repr(exp.lab)))
        params = {**exp.params, **{k: v for k, v in params.items() if k not in ("depth", "base_channels",
                                                                               "box_prompt", "experiment")}}
        session = SegmentSession(params, device=device)
        session.load_state(exp.state, exp.epoch)
    else:
        session = SegmentSession(params, device=device)
        p = session.params
        total = 2 * p["shift_steps"] if p["experiment"] == "domain-shift" else int(epochs) * session.per_epoch
        while session.epoch < total:  # a call may train a piece of a step (large settings)
            session.step(1)
            if session.diverged or session.finished:
                break
    wall = time.perf_counter() - t0
    p = session.params
    result: dict = {"lab": "segment", "experiment": p["experiment"], "params": p, "engine": session.engine,
                    "steps": session.epoch, "epochs": session.epoch / session.per_epoch,
                    "wall_seconds": wall, "history": session.history()}
    if p["experiment"] == "domain-shift":
        result["results"] = session.results
        result["summary"] = session._shift_summary()
        r = session.results
        if len(r) == 2:
            result["drop_narrow"] = r["narrow"]["home"] - r["narrow"]["away"]
            result["drop_randomised"] = r["randomised"]["home"] - r["randomised"]["away"]
    else:
        c = session.curves_
        result.update({"dice_train": c["dice_train"][-1], "dice_test": c["dice_test"][-1],
                       "iou_train": c["iou_train"][-1], "iou_test": c["iou_test"][-1],
                       "final_loss": _num(c["loss"][-1]), "test_domain": p["test_domain"]})
        if session.box is not None:
            result["box_dice_test"] = c["box_dice_test"][-1]
    if session.diverged:
        result["diverged"] = True
        result["message"] = tr("training diverged: lower the learning rate")
    if extra.get("input"):
        result["input"] = _segment_file(session, extra)
    elif extra.get("mask"):
        raise SessionError(tr("--mask needs --input: the slice to segment"))
    return result, session.snapshot()


def _segment_file(session: SegmentSession, extra: dict) -> dict:
    from playground.labs.segment.slice_io import SliceError, read_slice, write_mask
    from playground.labs.segment.resample import resize_nearest

    if session.params["experiment"] != "train":
        raise SessionError(tr("--input needs the 'train' experiment's model"))
    try:
        vol = read_slice(extra["input"])
        k = vol.middle if extra.get("slice") is None else int(extra["slice"])
        if not 0 <= k < vol.count:
            raise SessionError(tr("--slice: {k} is outside 0 to {last}", k=k, last=vol.count - 1))
        hu = vol.slice(k)
        session.custom("segment_user", hu=hu)
        prob = session.user_result["prob"]
        mask = (resize_nearest(prob, *hu.shape) > 127).astype(np.uint8)
        out = {"path": extra["input"], "slice": k, "shape": list(hu.shape),
               "liver_fraction": float(mask.mean())}
        if extra.get("mask"):
            write_mask(extra["mask"], mask, vol)
            out["mask"] = extra["mask"]
    except SliceError as exc:
        raise SessionError(str(exc)) from None
    return out


# --- the bench's reference ----------------------------------------------------------------------------
def bench_reference(params: dict, seconds: float) -> float:
    """Steps per second of a plain torch loop doing one session step's work: the same MONAI U-Net, the
    same batch size and image size, Dice + BCE loss, Adam; no evaluation, no frames."""
    import torch
    from monai.losses import DiceLoss

    from playground.labs.segment.unet import build_unet

    p = validate_all(PARAMS, params or {})
    _threads()
    torch.manual_seed(0)
    net = build_unet(p["depth"], p["base_channels"])
    opt = torch.optim.Adam(net.parameters(), lr=p["lr"])
    b = make_batch(max(p["batch_size"], 16), p["size"], "narrow", 0)
    from playground.labs.segment.phantom import to_input

    x = torch.from_numpy(to_input(b["hu"][:p["batch_size"]])[:, None])
    y = torch.from_numpy(b["mask"][:p["batch_size"], None].astype(np.float32))
    dl, bce = DiceLoss(sigmoid=True), torch.nn.BCEWithLogitsLoss()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds or n < 3:
        out = net(x)
        loss = dl(out, y) + bce(out, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        n += 1
    return n / (time.perf_counter() - t0)
