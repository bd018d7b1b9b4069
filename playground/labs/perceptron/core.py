"""The Perceptron & XOR lab: a perceptron and a one-hidden-layer MLP trained side by side on the
same data, one epoch at a time.

On AND, OR, NAND and the blobs the perceptron converges in a few epochs. On XOR no line separates
the classes: the best any line does is 3 of the 4 corners, so the perceptron rule never stops moving
and its weights cycle. The MLP's hidden layer maps the corners to a space where one line does
separate them (see its hidden-space view when the width is 2).
"""
from __future__ import annotations

import numpy as np

from playground.core.i18n import N_, tr
from playground.core.nets import activations
from playground.labs.perceptron.data import DATASETS, is_linearly_separable_gate, make_logic_data
from playground.core.train.params import Param, validate_all
from playground.labs.perceptron.perceptron import Perceptron
from playground.core.train.series import checked_series, thin
from playground.core.train.session import SessionError, TrainingSession, check_shape, train_headless
from playground.labs.perceptron.mlp import XorMLP

__all__ = ["PARAMS", "SESSION", "PerceptronSession", "expected_state", "run_headless", "VIEW_RANGE"]

# Elementwise activations gradient descent can train (maxout/prelu change the layer's shape or
# parameters; the step has no gradient: that is the perceptron's own story).
MLP_ACTIVATIONS = tuple(n for n in activations.trainable_names()
                        if activations.get(n).kind == "elementwise"
                        and not any(p.learned for p in activations.get(n).params))

PARAMS = [
    Param("dataset", "Data set", "choice", "xor", choices=DATASETS,
          choice_labels=("AND", "OR", "NAND", "XOR", "Two blobs"),
          help="AND, OR and NAND are linearly separable; XOR is not."),
    Param("points", "Points per corner", "int", 1, minimum=1, maximum=100,
          help="1: the four exact corners; more: a noisy cloud around each corner."),
    # A percentage, as in the classification playground (files before format 2 held 0 to 0.5).
    Param("noise", "Noise", "float", 0.0, minimum=0.0, maximum=50.0, unit="%",
          steps=(0.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0),
          help="The scatter around each corner: its standard deviation in percent of the unit square."),
    Param("lr", "Learning rate", "float", 0.5, minimum=1e-4, maximum=10.0, live=True, log=True,
          steps=(0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 10.0),
          help="Applies to both models, live (no reset).", cli_help="The step size of both models."),
    Param("hidden", "Hidden width (MLP)", "int", 2, minimum=1, maximum=8,
          help="Neurons in the MLP's hidden layer; at 2 the hidden-space view shows how XOR becomes separable."),
    Param("activation", "Activation (MLP)", "choice", "tanh", choices=MLP_ACTIVATIONS,
          choice_labels=tuple(activations.get(n).label for n in MLP_ACTIVATIONS)),
    Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1,
          help="Makes the data and the MLP's initial weights reproducible."),
    Param("model", "Model to report", "choice", "perceptron", choices=("perceptron", "mlp"), gui=False,
          help="Which model the command line reports (both are trained)."),
]

SESSION = "playground.labs.perceptron.core:PerceptronSession"
VIEW_RANGE = (-0.5, 1.5)  # the plane the lab draws, around the unit square
# The maps cover exactly the view: pyqtgraph's SVG export does not clip images to the axes.
MAP_RANGE = VIEW_RANGE
GRID = 90  # decision-region resolution: smooth at any window size and cheap to send
TRACE = 400  # perceptron weights kept for the trace plot (one per example presented)


def expected_state(params: dict) -> dict[str, tuple]:
    h = int(validate_all(PARAMS, params)["hidden"])
    return {"perceptron": (3,), "w1": (2, h), "b1": (h,), "w2": (h,), "b2": (1,)}


class PerceptronSession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "perceptron"

    def _build(self) -> None:
        p = self.params
        self.x, self.y = make_logic_data(p["dataset"], p["points"], p["noise"] / 100.0, p["seed"])
        self.perceptron = Perceptron(2, p["lr"])
        self.mlp = XorMLP(p["hidden"], p["activation"], p["lr"], p["seed"], device=self.device)
        self.perc_errors: list[int] = []  # misclassified after each epoch
        self.perc_updates: list[int] = []  # updates made during each epoch
        # Examples come in a new seeded order each epoch, as the rule is usually run: on XOR the line
        # then wanders from epoch to epoch instead of repeating one cycle per epoch.
        self.order_rng = np.random.default_rng(p["seed"] + 1)
        self.perc_trace: list[np.ndarray] = [self.perceptron.params.copy()]  # after every update
        self.mlp_loss: list[float] = []
        self.mlp_acc: list[float] = []
        self.perc_converged_at: int | None = None
        self.perc_examples = 0  # examples presented so far: the x axis of the weight trace
        self.mlp_solved_at: int | None = None

    @property
    def engine(self) -> str:
        return f"{self.mlp.engine} · {self.device}"

    def _apply_live(self, changed: dict) -> None:
        if "lr" in changed:
            self.perceptron.lr = self.mlp.lr = float(changed["lr"])

    def _train_epoch(self) -> None:
        order = self.order_rng.permutation(len(self.y))
        updates = self.perceptron.epoch(self.x, self.y, order, self.perc_trace)
        # Keep about a dozen epochs: enough to see the weights repeat, few enough to read each step.
        del self.perc_trace[:-min(TRACE, 12 * len(self.y))]
        errors = self.perceptron.errors(self.x, self.y)
        self.perc_updates.append(updates)
        self.perc_errors.append(errors)
        self.perc_examples += len(self.y)
        if updates == 0 and self.perc_converged_at is None:
            self.perc_converged_at = self.epoch + 1
        loss = self.mlp.train_step(self.x, self.y)
        acc = float(np.mean((self.mlp.predict_proba(self.x) > 0.5) == self.y))
        self.mlp_loss.append(loss)
        self.mlp_acc.append(acc)
        if acc == 1.0 and self.mlp_solved_at is None:
            self.mlp_solved_at = self.epoch + 1
        self.loss = loss

    # --- what the window draws ----------------------------------------------------------------------
    def _snapshot(self) -> dict:
        lo, hi = MAP_RANGE
        axis = np.linspace(lo, hi, GRID)
        gx, gy = np.meshgrid(axis, axis)  # gx varies along columns: image rows are y
        grid = np.column_stack([gx.ravel(), gy.ravel()])
        mlp_grid = self.mlp.predict_proba(grid).reshape(GRID, GRID)
        w = self.mlp.weights()
        perc = self.perceptron
        snap = {
            "x": self.x.copy(), "y": self.y.copy(),
            "dataset": self.params["dataset"],
            "separable": is_linearly_separable_gate(self.params["dataset"]),
            "perceptron_w": perc.w.copy(), "perceptron_b": perc.b,
            "perceptron_pred": perc.predict(self.x),
            **self._series(),
            "perceptron_trace": np.array(self.perc_trace),
            "perceptron_examples": self.perc_examples,
            "perceptron_converged_at": self.perc_converged_at,
            "mlp_grid": mlp_grid.astype(np.float32),
            "mlp_pred": (self.mlp.predict_proba(self.x) > 0.5).astype(float),
            "mlp_last_loss": self.mlp_loss[-1] if self.mlp_loss else None,
            "mlp_last_accuracy": self.mlp_acc[-1] if self.mlp_acc else None,
            "mlp_solved_at": self.mlp_solved_at,
            "mlp_weights": w,
            "view_range": VIEW_RANGE, "map_range": MAP_RANGE,
            "state": self.state(),
        }
        if self.params["hidden"] == 2:
            snap["hidden_points"] = self.mlp.hidden_of(self.x)
            # Where the input grid lands in hidden space, and the output's decision line there.
            snap["hidden_grid"] = self.mlp.hidden_of(grid).reshape(GRID, GRID, 2)[::8, ::8].copy()
        return snap

    # --- weights in and out -------------------------------------------------------------------------
    def state(self) -> dict:
        return {"perceptron": self.perceptron.params.copy(), **self.mlp.weights()}

    def load_state(self, state: dict, epoch: int = 0) -> None:
        shapes = expected_state(self.params)
        missing = [k for k in shapes if k not in state]
        if missing:
            raise SessionError(tr("the saved weights lack '{name}'", name=missing[0]))
        for name, shape in shapes.items():
            check_shape(name, state[name], shape)
        p = np.asarray(state["perceptron"], dtype=float)
        self.perceptron.w, self.perceptron.b = p[:2].copy(), float(p[2])
        self.mlp.load({k: state[k] for k in ("w1", "b1", "w2", "b2")})
        self.epoch = int(epoch)
        self.perc_trace = [self.perceptron.params.copy()]

    CURVES = ("perc_errors", "perc_updates", "mlp_loss", "mlp_acc")

    def _series(self) -> dict:
        """The curves to draw, thinned to a few thousand points however long the run."""
        x, s = thin({"errors": self.perc_errors, "loss": self.mlp_loss})
        return {"series_epoch": x, "perceptron_errors": s["errors"], "mlp_loss": s["loss"]}

    def curves(self) -> dict:
        out = {k: list(getattr(self, k)) for k in self.CURVES}
        out["perc_converged_at"], out["mlp_solved_at"] = self.perc_converged_at, self.mlp_solved_at
        return out

    def restore_curves(self, curves: dict) -> None:
        series = {k: checked_series(curves.get(k), self.epoch) for k in self.CURVES}
        if any(v is None for v in series.values()) or len({len(v) for v in series.values()}) != 1:
            return  # not ours, or not one run's curves: keep empty ones rather than wrong ones
        self.perc_errors = [int(v) for v in series["perc_errors"]]
        self.perc_updates = [int(v) for v in series["perc_updates"]]
        self.mlp_loss, self.mlp_acc = series["mlp_loss"], series["mlp_acc"]
        for k in ("perc_converged_at", "mlp_solved_at"):
            v = curves.get(k)
            setattr(self, k, int(v) if isinstance(v, int) and not isinstance(v, bool) and 0 < v <= self.epoch else None)

    def history(self) -> list[dict]:
        n = len(self.perc_errors)
        return [{"epoch": i + 1,
                 "perceptron_errors": self.perc_errors[i],
                 "perceptron_updates": self.perc_updates[i],
                 "perceptron_accuracy": 1.0 - self.perc_errors[i] / len(self.y),
                 "mlp_loss": self.mlp_loss[i],
                 "mlp_accuracy": self.mlp_acc[i]} for i in range(n)]


# The runner's DIVERGED_MESSAGE without "and press Reset": a headless run has no Reset button.
HEADLESS_DIVERGED = N_("Training diverged (the loss became {loss}): lower the learning rate.")

def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """Train both models for `epochs` epochs and report the one `params["model"]` names."""
    session = PerceptronSession(params, device=(extra or {}).get("device", "cpu"))
    wall, diverged_at = train_headless(session, epochs)
    p = session.params
    hist = session.history()
    n = len(session.y)
    if p["model"] == "perceptron":
        final_acc = 1.0 - session.perceptron.errors(session.x, session.y) / n
        converged = session.perc_converged_at is not None
        history = [{"epoch": h["epoch"], "errors": h["perceptron_errors"], "updates": h["perceptron_updates"],
                    "accuracy": h["perceptron_accuracy"]} for h in hist]
        final_loss = None
        extra_keys = {"converged_epoch": session.perc_converged_at,
                      "weights": session.perceptron.params.tolist()}
    else:
        final_acc = float(np.mean((session.mlp.predict_proba(session.x) > 0.5) == session.y))
        final_loss = session.mlp.loss(session.x, session.y)
        converged = session.mlp_solved_at is not None
        history = [{"epoch": h["epoch"], "loss": h["mlp_loss"], "accuracy": h["mlp_accuracy"]} for h in hist]
        extra_keys = {"solved_epoch": session.mlp_solved_at, "hidden": p["hidden"], "activation": p["activation"]}
    result = {
        "lab": "perceptron", "model": p["model"], "dataset": p["dataset"], "epochs": session.epoch,
        "final_accuracy": float(final_acc), "final_loss": final_loss, "converged": bool(converged),
        "params": p, "engine": session.engine, "wall_seconds": wall,
        "epochs_per_second": session.epoch / wall if wall > 0 else None,
        "diverged": diverged_at is not None,
        **({"message": tr(HEADLESS_DIVERGED, loss=session.loss),
            "diverged_epoch": diverged_at} if diverged_at is not None else {}),
        **extra_keys, "history": history,
    }
    return result, session.snapshot()


def bench_reference(params: dict, seconds: float) -> float:
    """Epochs per second of a bare torch loop on the lab's MLP (full-batch, as the lab trains it)."""
    from playground.core.nets.reference import torch_reference

    session = PerceptronSession(params)
    return torch_reference(session.mlp.spec, session.x, session.y.reshape(-1, 1), len(session.y), seconds,
                           lr=session.params["lr"], seed=session.params["seed"])
