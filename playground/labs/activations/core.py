"""The activation functions lab: what an activation does to the gradients of a deep network, and how
fast a network trains with it.

Two experiments share one set of parameters. Gradient flow trains one deep MLP (2 to 30 hidden layers)
on a small 2D task and reports, after every epoch, the norm of each layer's weight gradient (input side
first) and the fraction of dead units per layer: sigmoid's gradient shrinks layer after layer, ReLU
with He initialisation keeps it flat. The race trains two (up to four) identical networks, same seed,
same data, same batches, differing only in the activation, and reports the epoch each first reaches a
target loss and the speed-up factor (the lecture says ReLU is about 5 to 10 times faster than sigmoid
or tanh: the race shows what this setting gives). The activation explorer and its formulas need no
training and are drawn by the window from `playground.core.nets.activations`; the cost table is measured
here on request (`custom("measure_cost")`), in the worker, so the window never waits.

Every network trains on the one MLP engine (compiled on the CPU; torch only for a GPU).
"""
from __future__ import annotations

import time

import numpy as np

from playground.core.i18n import N_, tr
from playground.core.nets import activations
from playground.core.nets.mlp import engine_label
from playground.core.train.params import Param, ParamError, validate_all
from playground.labs.activations.race import race_result
from playground.core.train.session import SessionError, TrainingSession, train_headless
from playground.labs.activations.tasks import TASK_LABELS, TASKS, make_task

__all__ = ["PARAMS", "SESSION", "EXPERIMENTS", "ActivationsSession", "expected_state", "run_headless",
           "act_params_for"]

EXPERIMENTS = ("gradient-flow", "race")
_CHOICES = tuple(activations.trainable_names())
_LABELS = tuple(activations.get(n).label for n in _CHOICES)
# A multi_choice keeps its choices' order whatever order is typed: ReLU first makes it the reference
# racer in every pairing ("sigmoid,relu" reads relu vs sigmoid). The default is in that order too, or
# re-validating it on the first live change would reorder it and look like a structural change.
_RACE_CHOICES = ("relu",) + tuple(n for n in _CHOICES if n != "relu")
_RACE_LABELS = tuple(activations.get(n).label for n in _RACE_CHOICES)
_INITS = ("uniform", "xavier", "he")  # deep_net.INITS, repeated so the window need not import it
_OPTIMIZERS = ("sgd", "momentum", "adam")
MAX_RACERS = 4
STATE_INLINE_BYTES = 2_000_000  # weights up to this size ride along with every snapshot

PARAMS = [
    Param("experiment", "Experiment", "choice", "gradient-flow", choices=EXPERIMENTS,
          choice_labels=("Gradient flow", "Race"),
          help="Gradient flow: gradient norm per layer of one deep network. Race: identical networks, "
               "different activations, trained side by side."),
    Param("activation", "Activation (gradient flow)", "choice", "sigmoid", choices=_CHOICES, choice_labels=_LABELS,
          help="The hidden layers' activation in the gradient-flow experiment."),
    Param("activations", "Racers", "multi_choice", ["relu", "tanh"], choices=_RACE_CHOICES,
          choice_labels=_RACE_LABELS, min_items=2, max_items=MAX_RACERS,
          help=f"Two to {MAX_RACERS} activations raced on identical networks (e.g. relu,tanh or sigmoid,relu)."),
    Param("depth", "Hidden layers", "int", 5, minimum=2, maximum=30,
          help="Number of hidden layers; 20 with sigmoid shows the vanishing gradient at a glance."),
    # Named "units", not "width": the command line's --width is already the exported PNG's width.
    Param("units", "Units per layer", "int", 32, minimum=2, maximum=256,
          help="The width of every hidden layer."),
    Param("init", "Initialisation", "choice", "xavier", choices=_INITS,
          choice_labels=("Uniform ±1/√fan-in", "Xavier (Glorot)", "He (Kaiming)"),
          help="Uniform: the classic small init. Xavier suits tanh/sigmoid, He suits ReLU."),
    Param("task", "Task", "choice", "spiral", choices=TASKS, choice_labels=TASK_LABELS,
          help="The small 2D classification problem the networks train on."),
    Param("points", "Training points", "int", 256, minimum=16, maximum=4096),
    Param("batch_size", "Batch size", "int", 32, minimum=1, maximum=4096),
    Param("optimizer", "Optimiser", "choice", "sgd", choices=_OPTIMIZERS,
          choice_labels=("SGD", "SGD + momentum 0.9", "Adam"),
          help="Plain SGD is where the activation makes the biggest difference."),
    Param("lr", "Learning rate", "float", 0.1, minimum=1e-5, maximum=10.0, live=True, log=True,
          steps=(0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)),
    Param("target_loss", "Target loss (race)", "float", 0.1, minimum=1e-4, maximum=1.0, live=True, log=True,
          steps=(0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5),
          help="The race marks the first epoch each network's loss is at or below this."),
    Param("leaky_slope", "Leaky ReLU slope a", "float", 0.01, minimum=0.0, maximum=1.0,
          steps=(0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)),
    Param("elu_alpha", "ELU alpha α", "float", 1.0, minimum=0.01, maximum=3.0,
          steps=(0.1, 0.5, 1.0, 1.5, 2.0, 3.0)),
    Param("maxout_pieces", "Maxout pieces k", "int", 2, minimum=1, maximum=6),
    Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1,
          help="Same seed, same data, same initial weights, same batches for every racer."),
]

SESSION = "playground.labs.activations.core:ActivationsSession"


def act_params_for(name: str, params: dict) -> dict:
    """The registry parameters of activation `name` taken from the lab's parameters."""
    if name == "leaky_relu":
        return {"slope": float(params["leaky_slope"])}
    if name == "elu":
        return {"alpha": float(params["elu_alpha"])}
    if name == "maxout":
        return {"pieces": int(params["maxout_pieces"])}
    return {}


def _racers(params: dict) -> list[str]:
    names = list(params["activations"])
    if len(names) < 2:
        raise SessionError(tr("the race needs two different activations, e.g. --activations relu,tanh"))
    if len(names) > MAX_RACERS:
        raise SessionError(tr("the race takes at most {most} activations, got {count}", most=MAX_RACERS,
                              count=len(names)))
    return names


def _networks(params: dict) -> list[str]:
    return [params["activation"]] if params["experiment"] == "gradient-flow" else _racers(params)


def _shapes(name: str, depth: int, width: int, act_params: dict) -> dict[str, tuple]:
    # the layout of deep_net.DeepTrainer.state (torch's nn.Linear (out, in)), the names files keep
    k = activations.units_per_output(name, **act_params)
    shapes: dict[str, tuple] = {}
    fan_in = 2
    for i in range(depth):
        shapes[f"{name}.W{i}"] = (width * k, fan_in)
        shapes[f"{name}.b{i}"] = (width * k,)
        if name == "prelu":
            shapes[f"{name}.a{i}"] = (1,)
        fan_in = width
    shapes[f"{name}.W{depth}"] = (1, fan_in)
    shapes[f"{name}.b{depth}"] = (1,)
    return shapes


def expected_state(params: dict) -> dict[str, tuple]:
    p = validate_all(PARAMS, params)
    out: dict[str, tuple] = {}
    for name in _networks(p):
        out.update(_shapes(name, p["depth"], p["units"], act_params_for(name, p)))
    return out


class ActivationsSession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "activations"

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        self.stop_at_target = True  # the window stops a race once every racer is there; the CLI does not
        self._cost: dict | None = None
        self._state_sent_at = -float("inf")
        self._state_requested = False
        super().__init__(params, device)

    @property
    def engine(self) -> str:
        trainers = getattr(self, "trainers", None)  # wide layers train on torch even on the CPU
        return next(iter(trainers.values())).engine if trainers else engine_label(self.device)

    # --- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        from playground.labs.activations.deep_net import DeepTrainer

        p = self.params
        self.names = _networks(p)
        x, y = make_task(p["task"], p["points"], p["seed"])
        self.x, self.y = x, y
        self.trainers = {}
        for name in self.names:
            # same seed: racers of equal shape start from equal weights and see the same batches
            self.trainers[name] = DeepTrainer(name, p["depth"], p["units"], act_params_for(name, p), p["init"],
                                              x, y, p["optimizer"], p["lr"], p["batch_size"], p["seed"],
                                              device=self.device)
        self.histories: dict[str, list[float]] = {n: [] for n in self.names}
        self.accuracies: dict[str, list[float]] = {n: [] for n in self.names}
        self._announced = False
        self._state_bytes = 4 * sum(int(np.prod(shape)) for shape in expected_state(p).values())  # float32
        self.flow = None
        self.flow_init = None
        self.flow_history: list[np.ndarray] = []  # gradient norms per layer, one row per epoch
        if p["experiment"] == "gradient-flow":
            self._measure()
            self.flow_init = self.flow
            self.loss = self.flow["loss"]

    def _measure(self) -> None:
        from playground.labs.activations.gradient_flow import measure_flow

        self.flow = measure_flow(self.trainers[self.names[0]])

    def _apply_live(self, changed: dict) -> None:
        if "lr" in changed:
            for t in self.trainers.values():
                t.set_lr(changed["lr"])
        if "target_loss" in changed:
            self._announced = False  # a new finish line: announced after the next epoch that reaches it
            self.finished = None

    # --- training ------------------------------------------------------------------------------------
    def _train_epoch(self) -> None:
        for name, trainer in self.trainers.items():
            trainer.epoch()
            loss, acc = trainer.evaluate()
            self.histories[name].append(loss)
            self.accuracies[name].append(acc)
        if self.params["experiment"] == "gradient-flow":
            self._measure()
            self.flow_history.append(self.flow["grad_norms"].copy())
            self.loss = self.histories[self.names[0]][-1]
        else:
            losses = [h[-1] for h in self.histories.values()]
            # any racer diverging stops the race with the runner's "lower the learning rate" message
            self.loss = float("nan") if not all(np.isfinite(losses)) else float(max(losses))
            self._check_finished()

    def _check_finished(self) -> None:
        """The race stops once, when the last racer reaches the target (the runner pauses and shows the
        result); Play then carries on training, and a new target draws a new finish line."""
        if not self.stop_at_target or self._announced:
            return
        result = race_result(self.histories, self.params["target_loss"])
        if all(e is not None for e in result["epochs_to_target"].values()):
            self.finished = result["summary"]
            self._announced = True

    # --- custom commands (the window's "Measure" button) ---------------------------------------------
    def custom(self, name: str, **kwargs) -> dict:
        if name == "measure_cost":
            from playground.labs.activations.cost import measure_cost

            unknown = set(kwargs) - {"names", "n", "repeats"}
            if unknown:
                raise SessionError(tr("measure_cost: unknown argument {name}", name=repr(sorted(unknown)[0])))
            n = int(kwargs.get("n", 1_000_000))
            if not 1_000 <= n <= 20_000_000:
                raise SessionError(tr("measure_cost: n must be between 1,000 and 20,000,000"))
            names = kwargs.get("names") or None
            if names:
                for a in names:
                    if a not in activations.ACTIVATIONS:
                        raise SessionError(tr("measure_cost: unknown activation {name}", name=repr(a)))
            self._cost = measure_cost(self.device, names, n=n, repeats=int(kwargs.get("repeats", 5)))
            self._cost["measured_at"] = time.time()  # lets the window tell a new table from a resent one
            return self._cost
        if name == "send_state":
            self._state_requested = True  # the next snapshot carries the weights, however large
            return {}
        raise SessionError(tr("the activations lab has no action {name}", name=repr(name)))

    # --- what the window draws -----------------------------------------------------------------------
    def _snapshot(self) -> dict:
        # The runner has seen `finished` by now (it checks right after the epoch): clear it so that
        # Play can go on past the finish line.
        self.finished = None
        p = self.params
        snap: dict = {"experiment": p["experiment"], "names": list(self.names),
                      "labels": {n: activations.get(n).label for n in self.names},
                      "x": self.x.copy(), "y": self.y.copy(),
                      "histories": {n: np.array(h, dtype=float) for n, h in self.histories.items()},
                      "accuracies": {n: np.array(a, dtype=float) for n, a in self.accuracies.items()},
                      "prelu_slopes": {n: t.prelu_slopes() for n, t in self.trainers.items()
                                       if n == "prelu"}}
        if p["experiment"] == "gradient-flow":
            f, f0 = self.flow, self.flow_init
            snap.update({
                "activation": self.names[0],
                "grad_norms": f["grad_norms"].copy(), "grad_norms_init": f0["grad_norms"].copy(),
                "output_grad_norm": f["output_grad_norm"],
                "dead_fraction": f["dead_fraction"].copy(), "dead_fraction_init": f0["dead_fraction"].copy(),
                "saturated_fraction": f["saturated_fraction"].copy(),
                "act_mean": f["act_mean"].copy(), "act_std": f["act_std"].copy(),
                # the last 300 epochs of gradient norms (rows) per layer (columns), for a heat map
                "grad_norm_history": (np.array(self.flow_history[-300:]) if self.flow_history
                                      else np.zeros((0, p["depth"]))),
            })
        else:
            snap.update(race_result(self.histories, p["target_loss"]))
        if self._cost is not None:
            snap["cost"] = self._cost
        # Saving an experiment and restarting a dead worker read the weights from the snapshot. Small
        # networks send them every frame; a 30 x 256 race is 15 MB, too much 30 times a second, so
        # large ones send them at most once a second or when asked (the view asks once paused).
        now = time.perf_counter()
        # A frame the user asked for (pause, step, open, Save's request) always has them.
        if (self._state_bytes <= STATE_INLINE_BYTES or self._state_requested or self.full_snapshot
                or now - self._state_sent_at >= 1.0):
            snap["state"] = self.state()
            self._state_sent_at = now
            self._state_requested = False
        return snap

    # --- weights in and out --------------------------------------------------------------------------
    def state(self) -> dict:
        out = {}
        for name, t in self.trainers.items():
            out.update(t.state(name))
        return out

    def load_state(self, state: dict, epoch: int = 0) -> None:
        shapes = expected_state(self.params)
        missing = [k for k in shapes if k not in state]
        if missing:
            raise SessionError(tr("the saved weights lack '{name}'", name=missing[0]))
        for name, t in self.trainers.items():
            t.load(name, state, shapes)
        self.epoch = int(epoch)
        self.histories = {n: [] for n in self.names}
        self.accuracies = {n: [] for n in self.names}
        self.flow_history = []
        self.finished = None
        self._announced = False
        if self.params["experiment"] == "gradient-flow":
            self._measure()
            self.loss = self.flow["loss"]

    def history(self) -> list[dict]:
        n = max((len(h) for h in self.histories.values()), default=0)
        rows = []
        for i in range(n):
            row: dict = {"epoch": i + 1}
            for name in self.names:
                row[f"{name}_loss"] = self.histories[name][i]
                row[f"{name}_accuracy"] = self.accuracies[name][i]
            rows.append(row)
        return rows


def _floats(a) -> list[float | None]:
    # NaN and inf are not JSON: a diverged value is written as null
    return [float(v) if np.isfinite(v) else None for v in np.asarray(a, dtype=float).ravel()]


# The runner's DIVERGED_MESSAGE without "and press Reset": a headless run has no Reset button.
HEADLESS_DIVERGED = N_("Training diverged (the loss became {loss}): lower the learning rate.")

def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """Run one experiment for `epochs` epochs and return (the JSON result, the last snapshot).

    gradient-flow: `grad_norms` and `dead_fraction` (one per hidden layer, input side first) after the
    last epoch (at initialisation when epochs is 0), plus the same at initialisation. race: `histories`
    (activation -> loss after each epoch), `epochs_to_target`, `target_loss`, `speedup`.
    """
    extra = extra or {}
    if int(epochs) < 0:
        raise ParamError(tr("epochs: {epochs} is below the minimum 0", epochs=epochs))
    session = ActivationsSession(params, device=extra.get("device", "cpu"))
    session.stop_at_target = False  # a headless race runs every epoch asked for: full curves
    # Stops at the first epoch a loss stops being finite: training on NaN teaches nothing.
    wall, diverged_at = train_headless(session, int(epochs))
    p = session.params
    result: dict = {"lab": "activations", "experiment": p["experiment"], "epochs": session.epoch,
                    "params": p, "engine": session.engine, "wall_seconds": wall,
                    "epochs_per_second": session.epoch / wall if wall > 0 and session.epoch else None}
    if p["experiment"] == "gradient-flow":
        f, f0 = session.flow, session.flow_init
        g = f["grad_norms"]
        result.update({
            "activation": p["activation"], "depth": p["depth"], "init": p["init"],
            "grad_norms": _floats(g), "dead_fraction": _floats(f["dead_fraction"]),
            "saturated_fraction": _floats(f["saturated_fraction"]),
            "first_to_last_ratio": float(g[0] / g[-1]) if g[-1] > 0 else None,
            "grad_norms_init": _floats(f0["grad_norms"]), "dead_fraction_init": _floats(f0["dead_fraction"]),
            "output_grad_norm": f["output_grad_norm"], "final_loss": f["loss"],
            "history": [{"epoch": i + 1, "loss": v}
                        for i, v in enumerate(_floats(session.histories[p["activation"]]))],
        })
    else:
        race = race_result(session.histories, p["target_loss"])
        result.update({
            "activations": list(session.names),
            "histories": {n: _floats(h) for n, h in session.histories.items()},
            "final_accuracy": {n: (a[-1] if a else None) for n, a in session.accuracies.items()},
            **race,
        })
    result["diverged"] = diverged_at is not None
    if diverged_at is not None:
        loss = next((h[-1] for h in session.histories.values() if h and not np.isfinite(h[-1])), session.loss)
        result["message"] = tr(HEADLESS_DIVERGED, loss=loss)
        result["diverged_epoch"] = diverged_at
    return result, session.snapshot()


def bench_reference(params: dict, seconds: float) -> float:
    """Epochs per second of bare torch loops on the same networks, data and batch size (every racer
    trains one epoch per step, as the lab's step does)."""
    from playground.core.nets.reference import torch_reference

    session = ActivationsSession(params)
    p = session.params
    trainers = list(session.trainers.values())
    per_epoch = sum(1.0 / torch_reference(t.spec, t.x, t.t, t.batch_size, seconds / len(trainers), lr=p["lr"],
                                          optimizer=p["optimizer"], seed=p["seed"]) for t in trainers)
    return 1.0 / per_epoch
