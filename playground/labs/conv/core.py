"""The convolution lab: step through convolution, padding, stride, dilation, transposed convolution
and pooling; receptive fields; parameter counts; and a small CNN trained live beside an MLP.

The stepper, the pooling view, the receptive-field table and the parameter counts are plain numpy
(conv_math, receptive, param_count): the window computes them itself, on demand. Only the CNN trains,
here in the session, in the worker: one step is one epoch of mini-batch training of the CNN and of
the MLP on the same data, then an evaluation of both on the train and test sets. torch is imported
only when a session is built, so the window reads PARAMS without loading it.

The stepper's settings are parameters too (`gui=False`, `live=True`): the command line takes them
(`playground run conv --input 5 --kernel 3 --padding 1 ...`) and experiment files keep them, but the
window shows them in the stepper's own controls and they never reset the CNN.
"""
from __future__ import annotations

import time

import numpy as np

from playground.core.i18n import N_, tr
from playground.core.train.params import Param, ParamError, validate_all
from playground.core.train.series import checked_series
from playground.core.train.session import SessionError, TrainingSession, check_shape
from playground.labs.conv.conv_math import (PADDING_MODE_LABELS, PADDING_MODES, ConvConfig, ConvError, pool2d,
                                            pool_output_size, run_conv, shift_experiment)
from playground.labs.conv.cnn_shapes import IMAGE_SIZE, map_sizes, weight_shapes
from playground.labs.conv.data import CLASS_NAMES, DATASET_LABELS, DATASETS, load_dataset
from playground.labs.conv.presets import KERNELS, kernel_preset
from playground.labs.conv.receptive import RFError, parse_layers, rf_table

__all__ = ["PARAMS", "SESSION", "ConvSession", "run_headless", "expected_state", "bench_reference", "stepper_input",
           "stepper_config", "CLI_EXTRA", "DEFAULT_EPOCHS", "shift_experiment"]

ACTIVATION_CHOICES = ("relu", "tanh", "sigmoid", "leaky_relu", "elu", "gelu")
DEFAULT_EPOCHS = 5
MAX_EXAMPLE = 10_000

PARAMS = [
    # --- the CNN (the control panel) ---
    Param("dataset", "Data", "choice", "digits", choices=DATASETS, choice_labels=DATASET_LABELS,
          help="Digits: 1797 real handwritten 8×8 digits. Shapes: bars, crosses, rings and triangles "
               "anywhere in a 28×28 image."),
    Param("channels", "Conv channels", "int_list", [8, 16], item_minimum=1, item_maximum=32, min_items=1,
          max_items=3, help="Filters in each convolution layer, e.g. 8,16 (1 to 3 layers)."),
    Param("conv_kernel", "Conv kernel", "int", 3, minimum=1, maximum=7,
          help="Every convolution's kernel size (k×k, same padding)."),
    Param("pooling", "Pooling", "choice", "max", choices=("max", "avg", "none"),
          choice_labels=("2×2 max", "2×2 average", "none"),
          help="After each convolution; pooling halves the map and makes the CNN less sensitive to shifts."),
    Param("activation", "Activation", "choice", "relu", choices=ACTIVATION_CHOICES,
          choice_labels=("ReLU", "tanh", "sigmoid", "Leaky ReLU", "ELU", "GELU")),
    Param("mlp_hidden", "MLP hidden units", "int", 64, minimum=1, maximum=1024,
          help="The MLP trained on the same data, for comparison: one hidden layer this wide."),
    Param("optimizer", "Optimiser", "choice", "adam", choices=("adam", "sgd"), choice_labels=("Adam", "SGD + momentum")),
    Param("lr", "Learning rate", "float", 0.01, minimum=1e-5, maximum=1.0, live=True, log=True,
          steps=(0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)),
    Param("batch_size", "Batch size", "int", 64, minimum=1, maximum=2048),
    Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1,
          help="Same seed: same split, same initial weights, same batches; also the stepper's random input."),
    # --- the stepper (its own controls in the window; options on the command line) ---
    Param("input", "Input size", "int", 4, minimum=1, maximum=32, gui=False, live=True,
          help="Side of the square input (random whole numbers 0 to 4 from the seed on the command line)."),
    Param("kernel", "Kernel size", "int", 3, minimum=1, maximum=7, gui=False, live=True),
    Param("kernel_preset", "Kernel values", "choice", "lecture", choices=tuple(KERNELS),
          choice_labels=tuple(KERNELS.values()), gui=False, live=True, help="The kernel's values: " + ", ".join(KERNELS)),
    Param("padding", "Padding", "int", 0, minimum=0, maximum=6, gui=False, live=True),
    Param("padding_mode", "Padding mode", "choice", "zero", choices=PADDING_MODES, choice_labels=PADDING_MODE_LABELS,
          gui=False, live=True),
    Param("stride", "Stride", "int", 1, minimum=1, maximum=4, gui=False, live=True),
    Param("dilation", "Dilation", "int", 1, minimum=1, maximum=4, gui=False, live=True),
    Param("output_padding", "Output padding (transposed)", "int", 0, minimum=0, maximum=3, gui=False, live=True,
          help="Transposed convolution only: extra cells on the bottom and right (conv_arithmetic's odd case)."),
    Param("bias", "Bias", "float", 0.0, minimum=-100.0, maximum=100.0, gui=False, live=True),
    Param("stepper_channels", "Stepper channels", "int", 1, minimum=1, maximum=3, gui=False, live=True, cli=False,
          help="1 for numbers or a grey image, 3 for an RGB image (kept so a saved stepper reopens)."),
    Param("pool", "Pooling (stepper)", "choice", "none", choices=("none", "max", "avg"),
          choice_labels=("none", "max", "average"), gui=False, live=True,
          help="Also pool the input with this kind of pooling (and measure the shift experiment)."),
    Param("pool_kernel", "Pooling window", "int", 2, minimum=1, maximum=8, gui=False, live=True),
    Param("pool_stride", "Pooling stride (0 = window)", "int", 0, minimum=0, maximum=8, gui=False, live=True),
]

CLI_EXTRA = (  # helps in English, marked: the command line shows tr(help)
    ("--transposed", {"action": "store_true", "help": N_("a transposed convolution instead of a direct one")}),
    ("--rf", {"metavar": "LAYERS", "default": None,
              "help": N_("receptive-field table for --input, e.g. 3x3,3x3,pool2,3x3s2,3x3d2")}),
    ("--rf-input", {"metavar": "N", "type": int, "default": None,
                    "help": N_("the input side for --rf's table when it is larger than the stepper's 32, "
                               "1 to 4096, e.g. the lecture's 100 (default: --input)")}),
    ("--train", {"choices": DATASETS, "default": None,
                 "help": N_("train the CNN (and the MLP) on this data set for --epochs epochs")}),
)

SESSION = "playground.labs.conv.core:ConvSession"
# The stepper's settings: computed in the window, kept by the session only for saving.
STEPPER_PARAMS = ("input", "kernel", "kernel_preset", "padding", "padding_mode", "stride", "dilation",
                  "output_padding", "bias", "stepper_channels", "pool", "pool_kernel", "pool_stride")
FEATURE_EXAMPLES = 1  # feature maps sent for the selected example only: a frame stays small


# --- the stepper, headless -------------------------------------------------------------------------------
def stepper_input(n: int, seed: int) -> np.ndarray:
    """The command line's input: whole numbers 0 to 4, seeded, so every sum can be checked by hand."""
    return np.random.default_rng(seed).integers(0, 5, size=(n, n)).astype(float)


def stepper_config(p: dict, transposed: bool = False) -> ConvConfig:
    return ConvConfig(kernel=p["kernel"], padding=p["padding"], mode=p["padding_mode"], stride=p["stride"],
                      dilation=p["dilation"], transposed=bool(transposed),
                      output_padding=p["output_padding"] if transposed else 0)


def _stepper_result(p: dict, transposed: bool) -> dict:
    x = stepper_input(p["input"], p["seed"])
    w = kernel_preset(p["kernel_preset"], p["kernel"])
    cfg = stepper_config(p, transposed)
    try:
        r = run_conv(x, w, p["bias"], cfg)
    except ConvError as exc:
        raise SessionError(str(exc)) from None
    out = {"input": x.tolist(), "kernel": w.tolist(), "bias": p["bias"], "output": r["output"].tolist(),
           "output_size": r["output_size"], "formula": r["formula"], "transposed": bool(transposed),
           "padded_input": r["shown"][0].tolist()}
    if p["pool"] != "none":
        k, s = p["pool_kernel"], p["pool_stride"] or p["pool_kernel"]
        if pool_output_size(p["input"], k, s) < 1:
            raise SessionError(tr("the {k} × {k} pooling window is larger than the {n} × {n} input", k=k, n=p["input"]))
        out.update({"pool": p["pool"], "pool_kernel": k, "pool_stride": s,
                    "pooled": pool2d(x, k, s, p["pool"]).tolist(),
                    "pooled_size": pool_output_size(p["input"], k, s)})
        try:
            shift = shift_experiment(x, w, p["pool"], k, s)
            out["shift"] = {key: v for key, v in shift.items() if not isinstance(v, np.ndarray)}
        except ConvError as exc:
            out["shift"] = {"error": str(exc)}
    return out


def _rf_result(spec: str, n: int) -> dict:
    try:
        rows = rf_table(parse_layers(spec), n)
    except RFError as exc:
        raise SessionError(tr("--rf: {error}", error=exc)) from None
    for row in rows:
        if not row["valid"]:
            raise SessionError(tr("--rf: layer {layer} ({name}) has no output left on a {n} × {n} input",
                                  layer=row["layer"], name=row["name"], n=n))
    return {"input_size": n, "layers": spec,
            "rf": [{k: row[k] for k in ("layer", "name", "output_size", "rf", "jump", "start", "exceeds")}
                   for row in rows]}


# --- the CNN ---------------------------------------------------------------------------------------------
def expected_state(params: dict) -> dict[str, tuple]:
    """Every array state() saves, by name and shape (no torch needed: the window checks files with it)."""
    p = validate_all(PARAMS, params, allow_unknown=False)
    shapes = weight_shapes(p["dataset"], p["channels"], p["conv_kernel"], p["pooling"], p["mlp_hidden"])
    c, n, k = p["stepper_channels"], p["input"], p["kernel"]
    shapes["stepper.input"] = (c, n, n)
    shapes["stepper.kernel"] = (c, k, k)
    return shapes


def default_stepper_values(p: dict) -> dict:
    x = stepper_input(p["input"], p["seed"])
    w = kernel_preset(p["kernel_preset"], p["kernel"])
    c = p["stepper_channels"]
    return {"input": np.repeat(x[None], c, 0), "kernel": np.repeat(w[None], c, 0)}


class ConvSession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "conv"

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        self.example = 0
        self.drawn: np.ndarray | None = None
        self.drawn_probs: np.ndarray | None = None
        # The stepper's input and kernel as the user edited them: computed in the window, kept here
        # only so that a saved experiment holds them (state() and load_state() carry them).
        self.stepper_values: dict | None = None
        self.stepper_version = 0  # bumped when a file brings values back: the window then shows them
        super().__init__(params, device)

    @property
    def engine(self) -> str:
        return f"torch · {self.device}"

    def _build(self) -> None:
        import torch

        from playground.labs.conv.cnn import SmallCNN, SmallMLP, count_params

        p = self.params
        _check_layers(p)
        if self.device == "cuda" and not torch.cuda.is_available():
            raise SessionError(tr("--device cuda: torch sees no CUDA GPU here; use --device cpu"))
        if self.device == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
            raise SessionError(tr("--device mps: torch sees no Apple GPU here; use --device cpu"))
        # One thread: these convolutions are tiny, and on a busy 2-core machine a second thread spins
        # (measured: 0.4 s per digits epoch with one thread, 3.6 s with two under load).
        torch.set_num_threads(1)
        self.data = load_dataset(p["dataset"], p["seed"])
        d = self.data
        dev = self.device
        self.xtr = torch.from_numpy(d["x_train"]).to(dev)
        self.ytr = torch.from_numpy(d["y_train"]).to(dev)
        self.xte = torch.from_numpy(d["x_test"]).to(dev)
        self.yte = torch.from_numpy(d["y_test"]).to(dev)
        classes = len(d["classes"])
        torch.manual_seed(p["seed"])
        self.cnn = SmallCNN(d["size"], classes, p["channels"], p["conv_kernel"], p["pooling"], p["activation"]).to(dev)
        torch.manual_seed(p["seed"])
        self.mlp = SmallMLP(d["size"], classes, p["mlp_hidden"], p["activation"]).to(dev)
        self.cnn_params, self.mlp_params = count_params(self.cnn), count_params(self.mlp)
        self.opts = [self._optimizer(m) for m in (self.cnn, self.mlp)]
        self.gen = torch.Generator().manual_seed(p["seed"])
        self.curves_: dict[str, list[float]] = {k: [] for k in _CURVES}
        self.confusion = np.zeros((classes, classes), dtype=int)
        self.example = min(self.example, len(d["y_test"]) - 1)
        self.drawn_probs = None
        self._last: dict[str, float] = {}
        self._evaluate()

    def apply(self, values: dict) -> bool:
        # A stack that cannot work is refused before anything changes: the running CNN stays as it was.
        _check_layers(validate_all(PARAMS, {**self.params, **values}))
        return super().apply(values)

    def _optimizer(self, model):
        import torch

        lr = self.params["lr"]
        if self.params["optimizer"] == "adam":
            return torch.optim.Adam(model.parameters(), lr=lr)
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)

    def _apply_live(self, changed: dict) -> None:
        if "lr" in changed:
            for opt in self.opts:
                for group in opt.param_groups:
                    group["lr"] = float(changed["lr"])

    def _train_epoch(self) -> None:
        import torch
        import torch.nn.functional as F

        n, bs = len(self.ytr), self.params["batch_size"]
        for model, opt in zip((self.cnn, self.mlp), self.opts):
            model.train()
            order = torch.randperm(n, generator=self.gen).to(self.device)
            for i in range(0, n, bs):
                idx = order[i:i + bs]
                loss = F.cross_entropy(model(self.xtr[idx]), self.ytr[idx])
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
        self._evaluate(record=True)

    def _evaluate(self, record: bool = False) -> None:
        """Loss and accuracy of both models on both splits; `record` appends them to the curves (the
        evaluation right after building is the starting point, not an epoch: curves start at epoch 1)."""
        import torch
        import torch.nn.functional as F

        with torch.no_grad():
            for name, model in (("cnn", self.cnn), ("mlp", self.mlp)):
                model.eval()
                for split, x, y in (("train", self.xtr, self.ytr), ("test", self.xte, self.yte)):
                    logits = model(x)
                    loss = float(F.cross_entropy(logits, y))
                    pred = logits.argmax(1)
                    acc = float((pred == y).float().mean())
                    if record:
                        self.curves_[f"{name}_{split}_loss"].append(loss)
                        self.curves_[f"{name}_{split}_accuracy"].append(acc)
                    self._last[f"{name}_{split}_loss"] = loss
                    self._last[f"{name}_{split}_accuracy"] = acc
                    if name == "cnn" and split == "test":
                        k = len(self.data["classes"])
                        yt, yp = y.cpu().numpy(), pred.cpu().numpy()
                        self.confusion = np.bincount(yt * k + yp, minlength=k * k).reshape(k, k)
        self.loss = self._last["cnn_train_loss"]

    # --- custom actions: pick the example whose feature maps are shown, classify a drawing -----------
    def custom(self, name: str, **kwargs) -> dict:
        if name == "select":
            i = kwargs.get("index")
            if not isinstance(i, (int, np.integer)) or not 0 <= int(i) < len(self.data["y_test"]):
                raise SessionError(tr("select: index must be 0 to {last}", last=len(self.data["y_test"]) - 1))
            self.example = int(i)
            return {}
        if name == "classify":
            img = np.asarray(kwargs.get("image"), dtype=np.float32)
            size = self.data["size"]
            if img.shape != (size, size) or not np.all(np.isfinite(img)):
                raise SessionError(tr("classify: the drawing must be {n} × {n} finite values", n=size))
            self.drawn = np.clip(img, 0, 1)
            self.drawn_probs = self._probs(self.drawn[None, None])
            return {}
        if name == "stepper":
            values = _stepper_values(kwargs.get("input"), kwargs.get("kernel"))
            settings = kwargs.get("settings") or {}
            if not isinstance(settings, dict) or set(settings) - set(STEPPER_PARAMS):
                raise SessionError(tr("stepper: settings must name stepper parameters only"))
            clean = validate_all(PARAMS, {**self.params, **settings})
            c, n, k = clean["stepper_channels"], clean["input"], clean["kernel"]
            if values["input"].shape != (c, n, n) or values["kernel"].shape != (c, k, k):
                raise SessionError(tr("stepper: values of shape {input_shape} and {kernel_shape} do not match the "
                                      "settings (input {n}, kernel {k}, {c} channels)",
                                      input_shape=values["input"].shape, kernel_shape=values["kernel"].shape,
                                      n=n, k=k, c=c))
            self.params, self.stepper_values = clean, values  # live: the CNN is untouched
            return {}
        raise SessionError(tr("the conv lab has no action {name}", name=repr(name)))

    def _probs(self, x: np.ndarray) -> dict:
        import torch

        with torch.no_grad():
            self.cnn.eval()
            self.mlp.eval()
            t = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)).to(self.device)
            return {"cnn": torch.softmax(self.cnn(t), 1)[0].cpu().numpy(),
                    "mlp": torch.softmax(self.mlp(t), 1)[0].cpu().numpy()}

    # --- frames ------------------------------------------------------------------------------------------
    def _snapshot(self) -> dict:
        import torch

        d = self.data
        x = d["x_test"][self.example:self.example + 1]
        with torch.no_grad():
            self.cnn.eval()
            logits, maps = self.cnn.forward_maps(torch.from_numpy(x).to(self.device))
        filters = [conv.weight.detach().cpu().numpy().copy() for conv in self.cnn.convs]
        if self.drawn is not None:
            self.drawn_probs = self._probs(self.drawn[None, None])  # the network changed since
        snap = {
            "dataset": self.params["dataset"], "classes": list(d["classes"]),
            "cnn_params": self.cnn_params, "mlp_params": self.mlp_params,
            "curves_now": {k: np.array(v, dtype=float) for k, v in self.curves_.items()},
            "last": dict(self._last), "confusion": self.confusion.copy(),
            "filters": filters, "example": self.example, "example_count": len(d["y_test"]),
            "example_image": x[0, 0].copy(), "example_label": int(d["y_test"][self.example]),
            "example_probs": torch.softmax(logits, 1)[0].cpu().numpy(),
            "feature_maps": [m[0].cpu().numpy().copy() for m in maps],
            "input_size": d["size"],
            "drawn_probs": None if self.drawn_probs is None else {k: v.copy() for k, v in self.drawn_probs.items()},
            "state": self.state(),
        }
        if self.stepper_values is not None:
            snap["stepper_values"] = {"input": self.stepper_values["input"].copy(),
                                      "kernel": self.stepper_values["kernel"].copy(),
                                      "version": self.stepper_version}
        return snap

    # --- weights and curves in and out -------------------------------------------------------------------
    def state(self) -> dict:
        out = {f"cnn.{k}": v.detach().cpu().numpy().copy() for k, v in self.cnn.state_dict().items()}
        out.update({f"mlp.{k}": v.detach().cpu().numpy().copy() for k, v in self.mlp.state_dict().items()})
        values = self.stepper_values or default_stepper_values(self.params)
        out["stepper.input"] = values["input"].copy()
        out["stepper.kernel"] = values["kernel"].copy()
        return out

    def load_state(self, state: dict, epoch: int = 0) -> None:
        import torch

        stepper = None
        if "stepper.input" in state or "stepper.kernel" in state:
            stepper = _stepper_values(state.get("stepper.input"), state.get("stepper.kernel"))

        loaded = []
        for prefix, model in (("cnn", self.cnn), ("mlp", self.mlp)):
            new = {}
            for k, v in model.state_dict().items():
                key = f"{prefix}.{k}"
                if key not in state:
                    raise SessionError(tr("the saved weights lack '{key}' (were they saved with other layers?)",
                                          key=key))
                check_shape(key, state[key], tuple(v.shape))
                new[k] = torch.as_tensor(np.asarray(state[key], dtype=np.float32))
            loaded.append((model, new))
        for model, new in loaded:  # every array checked first: a file that does not fit changes nothing
            model.load_state_dict(new)
        if stepper is not None:
            self.stepper_values = stepper
            self.stepper_version += 1
        self.epoch = int(epoch)
        self.opts = [self._optimizer(m) for m in (self.cnn, self.mlp)]
        self.curves_ = {k: [] for k in _CURVES}
        self._evaluate()

    def curves(self) -> dict:
        return {k: list(v) for k, v in self.curves_.items()}

    def restore_curves(self, curves: dict) -> None:
        restored = {}
        for k in _CURVES:
            series = checked_series(curves.get(k) if isinstance(curves, dict) else None, self.epoch)
            if series is None:
                return  # one bad series: keep none rather than half of them
            restored[k] = list(series)
        self.curves_ = restored

    def history(self) -> list[dict]:
        n = len(self.curves_["cnn_train_loss"])
        return [{"epoch": i + 1, **{k: v[i] for k, v in self.curves_.items()}} for i in range(n)]


def _check_layers(p: dict) -> None:
    size = IMAGE_SIZE[p["dataset"]]
    sizes, _pools = map_sizes(size, p["channels"], p["conv_kernel"], p["pooling"])
    if min(sizes) < 1:
        raise SessionError(tr("{layers} convolutions of {k}×{k} with {pooling} pooling shrink the {n}×{n} image to "
                              "nothing (map sizes {sizes}): use fewer layers, an odd kernel or no pooling",
                              layers=len(p["channels"]), k=p["conv_kernel"], n=size, sizes=", ".join(map(str, sizes)),
                              pooling=tr("avg") if p["pooling"] == "avg" else p["pooling"]))


def _stepper_values(x, w) -> dict:
    """The stepper's (C, n, n) input and (C, k, k) kernel, checked: C 1 or 3, n 1 to 32, k 1 to 7."""
    try:
        x = np.asarray(x, dtype=float)
        w = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        raise SessionError(tr("stepper values must be arrays of numbers")) from None
    if x.ndim != 3 or x.shape[0] not in (1, 3) or x.shape[1] != x.shape[2] or not 1 <= x.shape[1] <= 32:
        raise SessionError(tr("the stepper's input must be (1 or 3, n, n) with n 1 to 32, got {shape}", shape=x.shape))
    if w.ndim != 3 or w.shape[0] != x.shape[0] or w.shape[1] != w.shape[2] or not 1 <= w.shape[1] <= 7:
        raise SessionError(tr("the stepper's kernel must be ({c}, k, k) with k 1 to 7, got {shape}", c=x.shape[0],
                              shape=w.shape))
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(w))):
        raise SessionError(tr("the stepper's values must be finite numbers"))
    return {"input": x, "kernel": w}


_CURVES = tuple(f"{m}_{s}_{q}" for m in ("cnn", "mlp") for s in ("train", "test") for q in ("loss", "accuracy"))


# --- headless --------------------------------------------------------------------------------------------
def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """`--train DATA`: train and report accuracies, parameter counts and the history; otherwise the
    stepper's numbers for the options given (and `--rf`'s table, and pooling when --pool is set)."""
    extra = extra or {}
    p = validate_all(PARAMS, params)
    if extra.get("train"):
        p["dataset"] = extra["train"]
        if int(epochs) < 0:
            raise ParamError(tr("epochs: {epochs} is below the minimum 0", epochs=epochs))
        session = ConvSession(p, device=extra.get("device", "cpu"))
        t0 = time.perf_counter()
        session.step(int(epochs))
        wall = time.perf_counter() - t0
        last = session._last
        result = {"lab": "conv", "dataset": p["dataset"], "epochs": session.epoch,
                  "train_accuracy": last["cnn_train_accuracy"], "test_accuracy": last["cnn_test_accuracy"],
                  "train_loss": last["cnn_train_loss"], "test_loss": last["cnn_test_loss"],
                  "params": session.cnn_params,
                  "mlp": {"params": session.mlp_params, "train_accuracy": last["mlp_train_accuracy"],
                          "test_accuracy": last["mlp_test_accuracy"]},
                  "settings": p, "engine": session.engine, "wall_seconds": wall,
                  "epochs_per_second": session.epoch / wall if wall > 0 and session.epoch else None,
                  "confusion": session.confusion.tolist(), "history": session.history()}
        if not np.isfinite(last["cnn_train_loss"]):
            result["diverged"] = True
            result["message"] = tr("training diverged: lower the learning rate")
        return result, session.snapshot()
    result: dict = {"lab": "conv", "settings": p}
    result.update(_stepper_result(p, extra.get("transposed", False)))
    if extra.get("rf"):
        side = p["input"] if extra.get("rf_input") is None else int(extra["rf_input"])
        if not 1 <= side <= 4096:
            raise SessionError(tr("--rf-input: {side} is outside 1 to 4096", side=side))
        result.update(_rf_result(extra["rf"], side))
    return result, {"stepper": result}


def bench_reference(params: dict, seconds: float) -> float:
    """Steps per second of a plain torch loop doing one session step's work: one epoch of the CNN and
    one of the MLP, same models, data, batch size and optimiser, then the same evaluation."""
    import torch
    import torch.nn.functional as F

    from playground.labs.conv.cnn import SmallCNN, SmallMLP

    p = validate_all(PARAMS, params or {})
    d = load_dataset(p["dataset"], p["seed"])
    torch.set_num_threads(1)  # as the session does
    xtr, ytr = torch.from_numpy(d["x_train"]), torch.from_numpy(d["y_train"])
    xte, yte = torch.from_numpy(d["x_test"]), torch.from_numpy(d["y_test"])
    k = len(d["classes"])
    models = [SmallCNN(d["size"], k, p["channels"], p["conv_kernel"], p["pooling"], p["activation"]),
              SmallMLP(d["size"], k, p["mlp_hidden"], p["activation"])]
    opts = [torch.optim.Adam(m.parameters(), lr=p["lr"]) if p["optimizer"] == "adam"
            else torch.optim.SGD(m.parameters(), lr=p["lr"], momentum=0.9) for m in models]
    bs, n = p["batch_size"], len(ytr)
    steps, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds or steps == 0:
        for m, opt in zip(models, opts):
            m.train()
            order = torch.randperm(n)
            for i in range(0, n, bs):
                idx = order[i:i + bs]
                loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
        with torch.no_grad():
            for m in models:
                m.eval()
                for x, y in ((xtr, ytr), (xte, yte)):
                    logits = m(x)
                    float(F.cross_entropy(logits, y)), float((logits.argmax(1) == y).float().mean())
        steps += 1
    return steps / (time.perf_counter() - t0)


def class_names(dataset: str) -> tuple[str, ...]:
    return CLASS_NAMES[dataset]
