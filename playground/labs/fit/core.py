"""The fit lab's core: an MLP learns a function of one variable (the lecture's "Théorèmes d'approximation").

The session trains one network (1 to 8 hidden layers, linear output, squared error) on samples of a
target, and reports in every frame the target, the samples, the network's function on a dense grid,
its MSE and sup-norm error, and, for one hidden layer, each unit's term αᵢ·σ(wᵢx + bᵢ) of Cybenko's
sum. Longer experiments run as jobs, one piece of work per step (see jobs.py): the width sweep and
the bounded-width comparison; the Kolmogorov–Arnold fit is one too (ka.py, torch, in the worker).
Hand-built bumps and Lipschitz bins are exact constructions (theory.py), cheap enough for the view.

Experiment files hold, besides the network's weights, what cannot be rebuilt from the parameters:
the drawn or imported points (`target.x`, `target.y`), a typed formula (`target.formula`, its
characters as codes), the sweep and comparison results (-1 where not run) and the bump heights.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from playground.core.i18n import N_, tr
from playground.core.nets import activations
from playground.core.nets.mlp import make_engine
from playground.core.nets.mlp_spec import INITS, param_shapes
from playground.core.train.params import Param, ParamError, validate_all
from playground.core.train.runner import DIVERGED_MESSAGE
from playground.core.train.series import checked_series
from playground.core.train.session import SessionError, TrainingSession, check_shape, train_headless
from playground.labs.fit import jobs, ka, targets, theory
from playground.labs.fit.formula import MAX_LENGTH, FormulaError, parse
from playground.labs.fit.lesson import grouped

__all__ = ["PARAMS", "TAB_PARAMS", "SESSION", "CLI_EXTRA", "DEFAULT_EPOCHS", "FitSession", "expected_state", "run_headless",
           "bench_reference", "torch_reference", "GRID"]

SESSION = "playground.labs.fit.core:FitSession"
DEFAULT_EPOCHS = 3000
GRID = 1001  # the dense grid: the drawn function and the sup-norm error
CONTRIB_GRID = 201  # each unit's term is drawn on a lighter grid


def sup_due(epoch: int) -> bool:
    """Whether the sup-norm error is measured after this epoch (a pass over the dense grid costs
    several training epochs): every epoch up to 50, every 5th up to 1000, then every 25th."""
    return epoch <= 50 or (epoch <= 1000 and epoch % 5 == 0) or epoch % 25 == 0

HISTORY_POINTS = 1000
CUSTOM = ("formula", "drawn", "csv")
_TRAINABLE = tuple(activations.trainable_names())
LR_STEPS = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)

PARAMS: list[Param] = [
    Param("target", "Target", "choice", "sin", choices=targets.PRESETS + CUSTOM,
          choice_labels=targets.PRESET_LABELS + ("Formula (typed)", "Drawn with the mouse", "Imported CSV points"),
          help="The function to fit. A formula is typed in the window or given with --formula, CSV points "
               "come from Import CSV or --data, a drawn target from the mouse.",
          cli_help="The function to fit: a preset, a formula given with --formula, or CSV points given with --data."),
    Param("x_min", "Range: from x =", "float", 0.0, -1000.0, 1000.0),
    Param("x_max", "Range: to x =", "float", 1.0, -1000.0, 1000.0),
    Param("points", "Sample points", "int", 100, 2, targets.MAX_POINTS, help="Samples the network trains on."),
    Param("noise", "Noise (std of y)", "float", 0.0, 0.0, 2.0, steps=(0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0),
          help="Gaussian noise added to the samples (presets and formulas)."),
    Param("depth", "Hidden layers", "int", 1, 1, 8),
    # Named `units`, not `width`: on the command line --width is the exported PNG's width (and a
    # parameter must not share its argparse destination either).
    Param("units", "Width (units per layer)", "int", 16, 1, 256, help="Units in each hidden layer."),
    Param("activation", "Activation", "choice", "sigmoid", choices=_TRAINABLE,
          choice_labels=tuple(activations.get(a).label for a in _TRAINABLE)),
    Param("init", "Initialisation", "choice", "he", choices=INITS,
          choice_labels=("Uniform ±0.5 (TF Playground)", "Xavier/Glorot", "He")),
    Param("optimizer", "Optimizer", "choice", "adam", choices=("sgd", "momentum", "adam"),
          choice_labels=("SGD", "SGD + momentum", "Adam"), live=True),
    Param("lr", "Learning rate", "float", 0.01, 0.00001, 10.0, steps=LR_STEPS, live=True, log=True),
    Param("batch_size", "Batch size (0: full batch)", "int", 0, 0, targets.MAX_POINTS, live=True),
    Param("seed", "Seed", "int", 0, 0, 2**31 - 1, help="Makes the noise and the initial weights reproducible."),
    Param("sweep_max", "Largest width N", "int", 64, 1, 256, live=True, gui=False,
          help="The width sweep trains widths 1, 2, 4, … N."),
    Param("sweep_epochs", "Epochs per network", "int", 3000, 1, 1_000_000, live=True, gui=False),
    Param("sweep_activations", "Activations", "multi_choice", ["sigmoid", "relu"], choices=_TRAINABLE,
          min_items=1, max_items=2, live=True, gui=False, help="One activation, or two side by side."),
    Param("bounded_depth", "Largest depth D", "int", 6, 1, 12, live=True, gui=False,
          help="ReLU width 5 with depth 1…D against one hidden layer of 5·d units."),
    Param("bins", "Bins N", "int", 10, 1, 64, live=True, gui=False),
    Param("bump_unit", "Units", "choice", "sigmoid", choices=("sigmoid", "relu"),
          choice_labels=("Steep sigmoids", "ReLU ramps"), live=True, gui=False),
    Param("steepness", "Steepness", "float", 50.0, 1.0, 1000.0, live=True, gui=False, log=True,
          steps=(2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0),
          help="Slope of each edge, per bin width; steeper edges make squarer bumps."),
    Param("lipschitz", "Lipschitz constant L", "float", 10.0, 0.01, 10000.0, live=True, gui=False, log=True,
          steps=(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)),
    Param("epsilon", "Error ε", "float", 0.05, 0.0001, 10.0, live=True, gui=False, log=True,
          steps=(0.01, 0.02, 0.05, 0.1, 0.2, 0.5)),
    Param("dims", "Dimensions n", "int", 3, 1, 10, live=True, gui=False),
    Param("ka_target", "Target f(x₁, x₂)", "choice", "product", choices=tuple(ka.TARGETS),
          choice_labels=tuple(ka.TARGET_LABELS[t] for t in ka.TARGETS), live=True, gui=False),
    Param("ka_steps", "Adam steps", "int", 1500, 10, 100_000, live=True, gui=False),
]

# The parameters each tab shows above its plot (not in the side panel, which holds the network's).
TAB_PARAMS = {
    "sweep": ("sweep_max", "sweep_epochs", "sweep_activations"),
    "bounded": ("bounded_depth", "sweep_epochs"),
    "bumps": ("bins", "bump_unit", "steepness"),
    "lipschitz": ("lipschitz", "epsilon", "dims"),
    "ka": ("ka_target", "ka_steps"),
}

CLI_EXTRA = [
    ("--sweep", dict(metavar="W1,W2,...", default=None,
                     help=N_("also train one-hidden-layer networks of these widths (same seed and epochs) "
                             "and report their final MSE and sup error"))),
    ("--formula", dict(metavar="EXPR", default=None, help=N_("fit this formula of x, e.g. 'x*sin(15*x)'"))),
    ("--data", dict(metavar="FILE.csv", default=None, help=N_("fit these x,y points (a CSV, header allowed)"))),
]


# --- shapes of an experiment's arrays ---------------------------------------------------------------------
def net_spec(params: dict):
    d, w = int(params["depth"]), int(params["units"])
    return jobs.net_spec([w] * d, [params["activation"]] * d)


def _sweep_shape(params: dict) -> tuple[int, int]:
    return len(params["sweep_activations"]), len(jobs.sweep_widths(int(params["sweep_max"])))


def expected_state(params: dict) -> dict[str, tuple]:
    """Name -> shape of every array state() returns for these parameters."""
    p = validate_all(PARAMS, params)
    shapes = {name: shape for name, shape, _ in param_shapes(net_spec(p))}
    if p["target"] in ("drawn", "csv"):
        shapes["target.x"] = shapes["target.y"] = (int(p["points"]),)
    if p["target"] == "formula":
        shapes["target.formula"] = (MAX_LENGTH,)
    shapes["sweep.mse"] = shapes["sweep.sup"] = _sweep_shape(p)
    shapes["bounded.mse"] = shapes["bounded.sup"] = (2, int(p["bounded_depth"]))
    shapes["bumps.heights"] = (int(p["bins"]),)
    shapes.update(ka.expected_state())
    return shapes


def encode_text(text: str) -> np.ndarray:
    codes = np.zeros(MAX_LENGTH)
    codes[:len(text)] = [ord(c) for c in text]
    return codes


def decode_text(codes) -> str:
    codes = np.asarray(codes, dtype=float)
    if np.any(codes != np.round(codes)) or np.any(codes < 0) or np.any(codes > 0x10FFFF):
        raise SessionError(tr("target.formula does not hold character codes"))
    n = int(np.argmax(codes == 0)) if np.any(codes == 0) else len(codes)
    if np.any(codes[n:] != 0):
        raise SessionError(tr("target.formula has characters after its end"))
    return "".join(chr(int(c)) for c in codes[:n])


def _engine_name(engine, device: str) -> str:
    name = type(engine).__name__.lower().replace("mlp", "") or "engine"
    return f"{name} · {device}"


class FitSession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "fit"

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        self.formula_text = targets.PRESET_FORMULAS["sin"]
        self.custom_x: np.ndarray | None = None  # drawn or imported points
        self.custom_y: np.ndarray | None = None
        self._data_key = None
        self.job: jobs.Job | None = None
        self.ka_job: ka.KAJob | None = None
        self.sweep_mse = self.sweep_sup = None
        self.bounded_mse = self.bounded_sup = None
        self.heights: np.ndarray | None = None
        self.ka_state = ka.init_state(0)
        self.ka_history: list[float] = []
        self._data_version = 0
        super().__init__(params, device)

    # --- the target and its samples ------------------------------------------------------------------
    def _clean_function(self):
        p = self.params
        t = p["target"]
        if t in targets.PRESETS:
            return targets.preset(t)
        if t == "formula":
            return targets.formula_function(self.formula_text)
        px, py = self.custom_x, self.custom_y
        return lambda x: targets.interpolate(px, py, np.asarray(x, dtype=float))

    def _ensure_custom_points(self) -> None:
        """A drawn or CSV target without points (chosen in the list, or opened from its parameters
        before its arrays): start from the samples of sin(2πx) so nothing is empty."""
        p = self.params
        n = int(p["points"])
        if self.custom_x is None:
            x = targets.sample_x(n, p["x_min"], p["x_max"])
            self.custom_x, self.custom_y = x, targets.preset("sin")(x)
        elif len(self.custom_x) != n:  # a new point count: resample the same curve
            x = targets.sample_x(n, p["x_min"], p["x_max"])
            self.custom_y = targets.interpolate(self.custom_x, self.custom_y, x)
            self.custom_x = x

    def _make_data(self) -> None:
        p = self.params
        if p["x_max"] <= p["x_min"]:
            raise SessionError(tr("the range must go up: 'to x' ({high}) must be above 'from x' ({low})",
                                  high=f"{p['x_max']:g}", low=f"{p['x_min']:g}"))
        if p["target"] in ("drawn", "csv"):
            self._ensure_custom_points()
            x, y = self.custom_x.copy(), self.custom_y.copy()
        else:
            x = targets.sample_x(p["points"], p["x_min"], p["x_max"])
            try:
                y = np.asarray(self._clean_function()(x), dtype=float)
            except FormulaError as exc:
                raise SessionError(tr("formula: {problem}", problem=exc)) from None
            try:
                targets.check_finite(y, x, tr("the target"))
            except targets.TargetError as exc:
                raise SessionError(str(exc)) from None
            if p["noise"] > 0:
                y = y + np.random.default_rng([p["seed"], 1]).normal(0.0, p["noise"], len(y))
        self.grid_x = np.linspace(min(p["x_min"], float(x.min())), max(p["x_max"], float(x.max())), GRID)
        with np.errstate(all="ignore"):
            clean = np.asarray(self._clean_function()(self.grid_x), dtype=float)
        if not np.all(np.isfinite(clean)):
            raise SessionError(tr("the target is not finite everywhere on the range"))
        self.x, self.y, self.clean = x, y, clean
        self._data_version += 1

    def _data_signature(self) -> tuple:
        p = self.params
        return (p["target"], p["x_min"], p["x_max"], p["points"], p["noise"], p["seed"], self.formula_text,
                self._data_version if p["target"] in ("drawn", "csv") else 0)

    def trainer(self) -> jobs.Trainer:
        p = self.params
        return jobs.Trainer(self.x.reshape(-1, 1), self.y.reshape(-1, 1), self.grid_x.reshape(-1, 1), self.clean,
                            optimizer=p["optimizer"], lr=p["lr"], batch=p["batch_size"], seed=p["seed"],
                            init=p["init"], device=self.device)

    # --- the session interface -------------------------------------------------------------------------
    def reset(self, seed: int | None = None) -> None:
        self.job = None
        self.ka_job = None
        super().reset(seed)

    def _build(self) -> None:
        p = self.params
        before = self._data_signature() if hasattr(self, "x") else None
        self._make_data()
        same_data = before is not None and before == self._data_signature()
        self.spec = net_spec(p)
        self._check_cost()
        weights = jobs.initial_weights(self.spec, p["init"], int(p["seed"]), float(self.x.min()), float(self.x.max()))
        self.net = make_engine(self.spec, weights, self.device, seed=int(p["seed"]))
        self.net.configure(lr=p["lr"], optimizer=p["optimizer"])
        self.net.set_data(self.x.reshape(-1, 1), self.y.reshape(-1, 1))
        self._shuffle = np.random.default_rng([p["seed"], 4])
        self._hist_mse: list[float] = []
        self._hist_sup: list[float] = []  # per epoch, the last measured value (see sup_due)
        self.mse, self.sup = self._errors()
        if not same_data or self.sweep_mse is None or self.sweep_mse.shape != _sweep_shape(p):
            self._clear_sweep()
        if not same_data or self.bounded_mse is None or self.bounded_mse.shape[1] != p["bounded_depth"]:
            self._clear_bounded()
        if not same_data or self.heights is None or len(self.heights) != p["bins"]:
            self._default_heights()

    def _check_cost(self) -> None:
        """Refuse a network, data and batch whose one epoch would hold the worker for seconds."""
        p = self.params
        flop = jobs.epoch_flop(self.spec, len(self.x), int(p["batch_size"]))
        if flop > jobs.MAX_EPOCH_FLOP:
            batch = tr("full batch") if p["batch_size"] <= 0 else tr("batches of {size}", size=p["batch_size"])
            raise SessionError(tr(
                "{depth} × {units} units on {points} points in {batch} is about {billions} billion operations "
                "per epoch, too slow to stay responsive: use fewer points, larger batches or a smaller network",
                depth=p["depth"], units=p["units"], points=len(self.x), batch=batch, billions=f"{flop / 1e9:.0f}"))

    def _clear_sweep(self) -> None:
        self.sweep_mse = np.full(_sweep_shape(self.params), -1.0)
        self.sweep_sup = self.sweep_mse.copy()

    def _clear_bounded(self) -> None:
        self.bounded_mse = np.full((2, int(self.params["bounded_depth"])), -1.0)
        self.bounded_sup = self.bounded_mse.copy()

    def _default_heights(self) -> None:
        """Nielsen's starting point: each bump as high as the target at its bin's centre."""
        p = self.params
        n = int(p["bins"])
        centres = p["x_min"] + (np.arange(n) + 0.5) * (p["x_max"] - p["x_min"]) / n
        self.heights = np.interp(centres, self.grid_x, self.clean)

    def _apply_live(self, changed: dict) -> None:
        p = self.params
        if "batch_size" in changed:
            self._check_cost()
        self.net.configure(lr=p["lr"], optimizer=p["optimizer"])
        if {"sweep_max", "sweep_activations"} & set(changed):
            if self.job is not None and self.job.kind == "sweep":
                self.job = None
            self._clear_sweep()
        if "bounded_depth" in changed:
            if self.job is not None and self.job.kind == "bounded":
                self.job = None
            self._clear_bounded()
        if "bins" in changed:
            self._default_heights()
        if "ka_target" in changed:
            self.ka_job = None
            self.ka_state = ka.init_state(int(p["seed"]))
            self.ka_history = []

    @property
    def engine(self) -> str:
        return _engine_name(self.net, self.device)

    def _errors(self, epoch: int | None = None) -> tuple[float, float]:
        """(MSE on the samples, sup error on the grid) of the network now, which is that of `epoch`
        (default: the current one); remembered so a frame right after reuses it."""
        self._errors_key = (self.epoch if epoch is None else epoch, self._data_version, id(self.net))
        with np.errstate(all="ignore"):
            out = self.net.predict(self.x.reshape(-1, 1))[:, 0]
            mse = float(np.mean((out - self.y) ** 2))
            self.grid_out = self.net.predict(self.grid_x.reshape(-1, 1))[:, 0]
            sup = float(np.max(np.abs(self.grid_out - self.clean)))
        return (mse if math.isfinite(mse) else math.inf), (sup if math.isfinite(sup) else math.inf)

    def step(self, n: int = 1) -> None:
        """n pieces of work: epochs of the main network (the base class's, timeline included), or
        pieces of the running job when there is one (a job leaves the epoch and the timeline alone)."""
        if self.job is None and self.ka_job is None:
            super().step(n)
            return
        for _ in range(int(n)):
            if self.finished or (self.job is None and self.ka_job is None):
                return
            if self.ka_job is not None:
                self._advance_ka()
            else:
                self._advance_job()

    def rewind(self, epoch: int) -> int:
        """Back to a kept epoch of the main network; the sweep, comparison, bumps and KA results are
        not part of its training history, so they stay as they are now."""
        keep = (self.sweep_mse, self.sweep_sup, self.bounded_mse, self.bounded_sup, self.heights,
                self.ka_state, self.ka_history)
        reached = super().rewind(epoch)
        (self.sweep_mse, self.sweep_sup, self.bounded_mse, self.bounded_sup, self.heights,
         self.ka_state, self.ka_history) = keep
        return reached

    def _train_epoch(self) -> None:
        n = len(self.x)
        batch = n if self.params["batch_size"] <= 0 or self.params["batch_size"] >= n else int(self.params["batch_size"])
        perm = self._shuffle.permutation(n) if batch < n else np.arange(n)
        with np.errstate(all="ignore"):
            self.net.train_epoch(perm, batch)
            out = self.net.predict(self.x.reshape(-1, 1))[:, 0]
            mse = float(np.mean((out - self.y) ** 2))
        self.mse = mse if math.isfinite(mse) else math.inf
        self.loss = self.mse
        self._hist_mse.append(self.mse)
        if sup_due(self.epoch + 1):
            self.mse, self.sup = self._errors(self.epoch + 1)  # the base class counts the epoch after
        self._hist_sup.append(self.sup)

    def _advance_job(self) -> None:
        job = self.job
        job.advance()
        self._store_job(job)
        if job.done:
            self.job = None
            if job.kind == "sweep":
                done = tr("Width sweep finished: {count} networks trained.", count=len(job.configs))
            else:
                done = tr("Depth-against-width comparison finished: {count} networks trained.", count=len(job.configs))
            if job.diverged:
                done = tr("{finished} ({diverged} diverged: lower the learning rate)", finished=done[:-1],
                          diverged=job.diverged) + "."
            self.finished = done

    def _store_job(self, job: jobs.Job) -> None:
        if job.kind == "sweep":
            self.sweep_mse, self.sweep_sup = job.mse.copy(), job.sup.copy()
        else:
            self.bounded_mse, self.bounded_sup = job.mse.copy(), job.sup.copy()

    def _advance_ka(self) -> None:
        job = self.ka_job
        job.advance()
        self.ka_state = job.state()
        self.ka_history = list(job.history)
        if job.done:
            self.ka_job = None
            self.finished = tr("Kolmogorov–Arnold fit finished: MSE {mse} after {steps} steps.",
                               mse=f"{job.history[-1]:.2e}", steps=grouped(job.steps))

    def history(self) -> list[dict]:
        out = []
        first = self.epoch - len(self._hist_mse)
        for i, m in enumerate(self._hist_mse):
            rec = {"epoch": first + i + 1, "mse": m}
            if sup_due(first + i + 1) and i < len(self._hist_sup):
                rec["sup_error"] = self._hist_sup[i]
            out.append(rec)
        return out

    def curves(self) -> dict:
        return {"mse": list(self._hist_mse), "sup": list(self._hist_sup), "ka_mse": list(self.ka_history)}

    def restore_curves(self, curves: dict) -> None:
        mse = checked_series(curves.get("mse"), self.epoch)
        sup = checked_series(curves.get("sup"), self.epoch)
        if mse is not None and sup is not None and len(mse) == len(sup):
            self._hist_mse, self._hist_sup = mse, sup
        raw = curves.get("ka_mse")
        if isinstance(raw, list) and len(raw) <= 10_000_000:
            ka_mse = checked_series(raw, len(raw))
            if ka_mse is not None:
                self.ka_history = ka_mse

    # --- experiment files --------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        s = dict(self.net.params())
        p = self.params
        if p["target"] in ("drawn", "csv"):
            s["target.x"], s["target.y"] = self.custom_x.copy(), self.custom_y.copy()
        if p["target"] == "formula":
            s["target.formula"] = encode_text(self.formula_text)
        s["sweep.mse"], s["sweep.sup"] = self.sweep_mse.copy(), self.sweep_sup.copy()
        s["bounded.mse"], s["bounded.sup"] = self.bounded_mse.copy(), self.bounded_sup.copy()
        s["bumps.heights"] = self.heights.copy()
        s.update({k: v.copy() for k, v in self.ka_state.items()})
        return s

    def load_state(self, state: dict[str, Any], epoch: int = 0) -> None:
        expected = expected_state(self.params)
        unknown = [k for k in state if k not in expected]
        if unknown:
            raise SessionError(tr("'{name}' does not belong to this experiment", name=unknown[0]))
        for name, shape in expected.items():
            if name not in state:
                raise SessionError(tr("'{name}' is missing", name=name))
            check_shape(name, state[name], shape)
        arr = {k: np.asarray(v, dtype=float) for k, v in state.items()}
        for name in ("sweep.mse", "sweep.sup", "bounded.mse", "bounded.sup"):
            if np.any((arr[name] < 0) & (arr[name] != -1.0)):
                raise SessionError(tr("'{name}' holds errors below 0 (only -1, 'not run', may be negative)", name=name))
        p = self.params
        if p["target"] == "formula":
            text = decode_text(arr["target.formula"])
            try:
                parse(text)
            except FormulaError as exc:
                raise SessionError(tr("target.formula: {problem}", problem=exc)) from None
            self.formula_text = text
        if p["target"] in ("drawn", "csv"):
            if np.ptp(arr["target.x"]) == 0:
                raise SessionError(tr("target.x: the points need a range of x values"))
            self.custom_x, self.custom_y = arr["target.x"], arr["target.y"]
        if p["target"] in CUSTOM:
            self._make_data()
            self.net.set_data(self.x.reshape(-1, 1), self.y.reshape(-1, 1))
        self.net.load({name: arr[name] for name, _, _ in param_shapes(self.spec)})
        self.net.configure(lr=p["lr"], optimizer=p["optimizer"])
        self.sweep_mse, self.sweep_sup = arr["sweep.mse"], arr["sweep.sup"]
        self.bounded_mse, self.bounded_sup = arr["bounded.mse"], arr["bounded.sup"]
        self.heights = arr["bumps.heights"]
        self.ka_state = {k: arr[k] for k in ka.expected_state()}
        self.epoch = int(epoch)
        self.finished = None
        self.job = self.ka_job = None
        self._hist_mse, self._hist_sup = [], []
        self.mse, self.sup = self._errors()
        self.loss = self.mse

    # --- commands from the view -------------------------------------------------------------------------------
    def custom(self, name: str, **kw) -> None:
        """set_formula, draw, load_points, load_csv, start_sweep, start_bounded, start_ka, cancel_job,
        set_heights, fit_heights."""
        handler = getattr(self, f"_cmd_{name}", None)
        if handler is None:
            raise SessionError(tr("unknown fit command {name}", name=repr(name)))
        handler(**kw)

    handle_command = custom

    def _retarget(self, target: str) -> None:
        """A new target from a command: fresh samples and a fresh network (epoch 0), jobs stopped."""
        self.params["target"] = target
        self.job = self.ka_job = None
        self.epoch, self.loss, self.finished = 0, None, None
        self._build()

    def _cmd_set_formula(self, text: str) -> None:
        try:
            parse(str(text))
        except FormulaError as exc:
            raise SessionError(tr("formula: {problem}", problem=exc)) from None
        old = self.formula_text, self.params["target"]
        self.formula_text = str(text).strip()
        try:
            self._retarget("formula")
        except SessionError:
            self.formula_text, self.params["target"] = old
            self._build()
            raise

    def _cmd_draw(self, xs, ys) -> None:
        """A stroke drawn on the plot: the samples under it take its height; the weights stay."""
        xs = np.asarray(xs, dtype=float).ravel()
        ys = np.asarray(ys, dtype=float).ravel()
        if len(xs) != len(ys) or len(xs) == 0 or not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
            raise SessionError(tr("a drawn stroke needs matching, finite x and y values"))
        if self.params["target"] not in ("drawn", "csv"):
            self.custom_x, self.custom_y = self.x.copy(), self.y.copy()
            self.params["target"] = "drawn"
        order = np.argsort(xs, kind="stable")
        xs, ys = xs[order], ys[order]
        under = (self.custom_x >= xs[0]) & (self.custom_x <= xs[-1])
        if len(xs) == 1:
            under = np.abs(self.custom_x - xs[0]) <= (self.grid_x[-1] - self.grid_x[0]) / max(1, len(self.custom_x))
        self.custom_y = self.custom_y.copy()
        self.custom_y[under] = np.interp(self.custom_x[under], xs, ys)
        self._data_version += 1
        self._make_data()
        self.net.set_data(self.x.reshape(-1, 1), self.y.reshape(-1, 1))
        self.mse, self.sup = self._errors()

    def _cmd_load_points(self, x, y) -> None:
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if len(x) != len(y) or not 2 <= len(x) <= targets.MAX_POINTS:
            raise SessionError(tr("the points need matching x and y, 2 to {limit} of them", limit=targets.MAX_POINTS))
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))) or np.ptp(x) == 0:
            raise SessionError(tr("the points must be finite and cover a range of x"))
        order = np.argsort(x, kind="stable")
        self.custom_x, self.custom_y = x[order], y[order]
        self.params["points"] = len(x)
        self.params["x_min"], self.params["x_max"] = float(x.min()), float(x.max())
        self._data_version += 1
        self._retarget("csv")

    def _cmd_load_csv(self, path: str) -> None:
        try:
            x, y = targets.read_points_csv(str(path))
        except targets.TargetError as exc:
            raise SessionError(str(exc)) from None
        if abs(x).max() > 1000:
            raise SessionError(tr("the x values must lie between -1000 and 1000"))
        self._cmd_load_points(x, y)

    def _cmd_start_sweep(self) -> None:
        p = self.params
        self.ka_job = None
        widths = jobs.sweep_widths(int(p["sweep_max"]))
        self.job = jobs.width_sweep(widths, list(p["sweep_activations"]), int(p["sweep_epochs"]), self.trainer())
        self._store_job(self.job)
        self.finished = None

    def _cmd_start_bounded(self) -> None:
        p = self.params
        self.ka_job = None
        self.job = jobs.bounded_width(int(p["bounded_depth"]), int(p["sweep_epochs"]), self.trainer())
        self._store_job(self.job)
        self.finished = None

    def _cmd_start_ka(self) -> None:
        self.job = None
        p = self.params
        self.ka_state = ka.init_state(int(p["seed"]))
        self.ka_history = []
        self.ka_job = ka.KAJob(p["ka_target"], int(p["ka_steps"]), self.ka_state, seed=int(p["seed"]))
        self.finished = None

    def _cmd_cancel_job(self) -> None:
        """Stop the running job; what it finished so far stays in the tables."""
        self.job = None
        self.ka_job = None

    def _cmd_set_heights(self, heights) -> None:
        h = np.asarray(heights, dtype=float).ravel()
        if len(h) != int(self.params["bins"]) or not np.all(np.isfinite(h)):
            raise SessionError(tr("the bumps need {bins} finite heights", bins=self.params["bins"]))
        self.heights = h

    def _cmd_fit_heights(self) -> None:
        p = self.params
        self.heights = theory.fit_heights(self.x, self.y, p["x_min"], p["x_max"], int(p["bins"]),
                                          p["bump_unit"], p["steepness"])

    # --- snapshots -----------------------------------------------------------------------------------------
    def _history_arrays(self) -> dict[str, np.ndarray]:
        """The curves for a frame, at most HISTORY_POINTS each: only the chosen entries are read from
        the lists, so a frame stays cheap after a million epochs."""
        n = len(self._hist_mse)
        first = self.epoch - n
        idx = np.arange(n) if n <= HISTORY_POINTS else np.unique(
            np.linspace(0, n - 1, HISTORY_POINTS).round().astype(int))
        e = np.arange(first + 1, first + len(self._hist_sup) + 1)
        due = np.flatnonzero((e <= 50) | ((e <= 1000) & (e % 5 == 0)) | (e % 25 == 0))  # as sup_due
        sidx = due if len(due) <= HISTORY_POINTS else due[np.unique(
            np.linspace(0, len(due) - 1, HISTORY_POINTS).round().astype(int))]
        mse, sup = self._hist_mse, self._hist_sup
        return {"history_epoch": (idx + 1 + first).astype(float),
                "history_mse": np.array([mse[i] for i in idx], dtype=float),
                "history_sup_epoch": (sidx + 1 + first).astype(float),
                "history_sup": np.array([sup[i] for i in sidx], dtype=float)}

    def _snapshot(self) -> dict[str, Any]:
        p = self.params
        if getattr(self, "_errors_key", None) != (self.epoch, self._data_version, id(self.net)):
            self.mse, self.sup = self._errors()  # a dense-grid pass: skipped when just measured
        snap: dict[str, Any] = {
            "target": p["target"], "formula": self.formula_text,
            "x": self.x.copy(), "y": self.y.copy(), "grid_x": self.grid_x.copy(), "clean": self.clean.copy(),
            "net": self.grid_out.copy(), "mse": self.mse, "sup_error": self.sup,
            "layers": list(self.spec.hidden), "activation": p["activation"],
            "data_version": self._data_version,
            "state": self.state(),
            "finished": self.finished,
        }
        if len(self.spec.hidden) == 1:
            cx = np.linspace(self.grid_x[0], self.grid_x[-1], CONTRIB_GRID)
            with np.errstate(all="ignore"):
                _, hidden = self.net.predict(cx.reshape(-1, 1), hidden=True)
                w_out = self.net.params()["layer1.weight"][:, 0]
                terms = theory.cybenko_terms(hidden[0], w_out)
                # a diverged network's terms overflow float32: they travel clipped, drawn as they are
                big = float(np.finfo(np.float32).max)
                terms = np.clip(np.nan_to_num(terms, nan=0.0), -big, big)
            snap["contrib_x"] = cx
            snap["contrib"] = terms.astype(np.float32)
            snap["out_bias"] = float(self.net.params()["layer1.bias"][0])
        job = self.job or self.ka_job
        if job is not None:
            snap["job"] = {"kind": job.kind, "progress": job.progress, "label": job.label()}
        snap["sweep_widths"] = np.asarray(jobs.sweep_widths(int(p["sweep_max"])), dtype=float)
        snap["sweep_activations"] = list(p["sweep_activations"])
        snap["sweep_mse"], snap["sweep_sup"] = self.sweep_mse.copy(), self.sweep_sup.copy()
        snap["bounded_mse"], snap["bounded_sup"] = self.bounded_mse.copy(), self.bounded_sup.copy()
        snap["heights"] = self.heights.copy()
        cache = getattr(self, "_ka_cache", None)
        # the surfaces change only when the KA weights do (a new dict each time) or the target
        if cache is None or cache[0] is not self.ka_state or cache[1] != p["ka_target"]:
            cache = self._ka_cache = (self.ka_state, p["ka_target"], ka.snapshot(self.ka_state, p["ka_target"]))
        snap["ka"] = cache[2]
        snap["ka_steps"] = self.ka_job.steps if self.ka_job is not None else len(self.ka_history) * ka.STEPS_PER_ADVANCE
        snap["ka_history"] = np.asarray(self.ka_history[-HISTORY_POINTS * 10:], dtype=float)
        snap.update(self._history_arrays())
        # A finished job is told once (the runner pauses on it); then Play trains the network again.
        self.finished = None
        return snap


# --- headless ------------------------------------------------------------------------------------------------
def _number(v):
    return None if v is None or not math.isfinite(v) else float(v)


def parse_widths(text: str) -> list[int]:
    try:
        widths = [int(s) for s in str(text).split(",") if s.strip()]
    except ValueError:
        raise ParamError(tr("--sweep: {value} is not a comma-separated list of widths", value=repr(text))) from None
    if not widths or any(not 1 <= w <= 256 for w in widths):
        raise ParamError(tr("--sweep: give 1 to 20 widths, each 1 to 256"))
    if len(widths) > 20:
        raise ParamError(tr("--sweep: at most 20 widths"))
    return widths


def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """Train with no window; returns (the JSON result, the final snapshot)."""
    extra = extra or {}
    clean = validate_all(PARAMS, params)
    if int(epochs) < 0:
        raise ParamError(tr("epochs: must be 0 or more"))
    widths = parse_widths(extra["sweep"]) if extra.get("sweep") else None
    session = FitSession(clean, device=extra.get("device") or "cpu")
    if extra.get("formula"):
        session.custom("set_formula", text=extra["formula"])
    if extra.get("data"):
        session.custom("load_csv", path=extra["data"])
    wall, diverged_at = train_headless(session, int(epochs))
    p = session.params
    result: dict[str, Any] = {
        "lab": "fit", "target": p["target"], "params": dict(p), "engine": session.engine,
        "epochs": session.epoch, "width": p["units"], "depth": p["depth"], "activation": p["activation"],
    }
    if p["target"] == "formula":
        result["formula"] = session.formula_text
    snap = session.snapshot()
    result.update({"mse": _number(session.mse), "sup_error": _number(session.sup), "wall_seconds": wall,
                   "epochs_per_second": session.epoch / wall if wall > 0 else None,
                   "diverged": diverged_at is not None})
    if diverged_at is not None:
        result["message"] = DIVERGED_MESSAGE.format(loss=session.loss).replace(" and press Reset", "")
        result["diverged_epoch"] = diverged_at
    result["history"] = [{k: (_number(v) if k != "epoch" else v) for k, v in rec.items()} for rec in session.history()]
    if widths:
        trainer = session.trainer()
        sweep = {}
        for w in widths:
            mse, sup = jobs.train_network(jobs.net_spec([w], [p["activation"]]), trainer, int(epochs))
            sweep[str(w)] = {"mse": mse if mse >= 0 else None, "sup_error": sup if sup >= 0 else None}
        result["sweep"] = sweep
    L, eps, n = p["lipschitz"], p["epsilon"], int(p["dims"])
    result["lipschitz"] = L
    result["epsilon"] = eps
    result["dims"] = n
    result["bins_1d"] = theory.lipschitz_bins(L, eps)
    result["bins"] = theory.lipschitz_bins_nd(L, eps, n)
    result["bins_by_dims"] = {str(k): v for k, v in theory.curse_table(L, eps, 10)}
    return result, snap


# --- the bench's reference ----------------------------------------------------------------------------------
def torch_reference(params: dict):
    """The lab's network as a plain torch model with the session's initial weights, data, batch and
    optimiser: (session, model, one_epoch). What the bench compares against, and what the tests hold
    the lab's own training to."""
    import torch

    session = FitSession(params or {})
    p = session.params
    spec = session.spec
    weights = session.state()  # the session's initial weights, untrained
    layers: list = []
    fan_in = spec.n_in
    for h in range(len(spec.hidden)):
        lin = torch.nn.Linear(fan_in, spec.pre_width(h)).double()  # k pieces per unit for maxout
        layers += [lin, activations.get(spec.activations[h]).torch_module(**spec.act_params[h]).double()]
        fan_in = spec.hidden[h]
    layers.append(torch.nn.Linear(fan_in, 1).double())
    model = torch.nn.Sequential(*layers)
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    with torch.no_grad():
        for l, lin in enumerate(linears):
            lin.weight.copy_(torch.from_numpy(weights[f"layer{l}.weight"].T.copy()))
            lin.bias.copy_(torch.from_numpy(weights[f"layer{l}.bias"].copy()))
    if p["optimizer"] == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=p["lr"])
    else:
        opt = torch.optim.SGD(model.parameters(), lr=p["lr"], momentum=0.9 if p["optimizer"] == "momentum" else 0.0)
    x = torch.from_numpy(session.x.reshape(-1, 1).copy())
    y = torch.from_numpy(session.y.reshape(-1, 1).copy())
    n = len(x)
    batch = n if p["batch_size"] <= 0 or p["batch_size"] >= n else int(p["batch_size"])
    gen = torch.Generator().manual_seed(0)

    def one_epoch():
        perm = torch.randperm(n, generator=gen) if batch < n else torch.arange(n)
        for start in range(0, n, batch):
            idx = perm[start:start + batch]
            opt.zero_grad()
            loss = 0.5 * ((model(x[idx]) - y[idx]) ** 2).mean()  # the engine's squared error
            loss.backward()
            opt.step()

    return session, model, one_epoch


def bench_reference(params: dict, seconds: float) -> float:
    """The same network, data, batch and optimiser trained by a plain torch loop, one epoch per step;
    returns epochs per second (what `playground bench fit` compares the lab against)."""
    import time

    import torch

    torch.set_num_threads(1)
    _session, _model, one_epoch = torch_reference(params)
    for _ in range(5):
        one_epoch()
    count, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        one_epoch()
        count += 1
    return count / (time.perf_counter() - t0)
