"""The recurrent networks lab: information followed through time ("suivi temporel de l'information").

Two experiments share one set of parameters. Train: one recurrent cell (vanilla tanh or ReLU, the
lecture's residual block with or without rollout, LSTM, GRU) learns a sequence task by
backpropagation through time, with truncation, gradient clipping and the optimiser applied live;
every epoch reports the loss, the accuracy and ‖∂L/∂h_t‖ for each time step t (the vanishing and
exploding gradients as they happen), and frames carry a sample's predictions against its targets,
the connectivity |∂y_t/∂x_s| of a chosen output step, and, for text, a sample at the chosen
temperature. Race: on the memory task, the longest T each cell type learns within a budget of
epochs (playground.labs.rnn.race), a piece per step with its progress.

The step-by-step unroll needs no session: the window computes it with playground.labs.rnn.cells
(numpy) from the same seeded weights the session starts from, or from the weights of its last frame.
torch is imported only when a session is built.
"""
from __future__ import annotations

import time

import numpy as np

from playground.core.i18n import N_, tr
from playground.core.train.params import Param, ParamError, validate_all
from playground.core.train.series import checked_series, thin
from playground.core.train.session import SessionError, TrainingSession, check_shape
from playground.labs.rnn.cells import CELL_LABELS, CELLS, init_weights, unroll, weight_shapes
from playground.labs.rnn.race import MemoryRace
from playground.labs.rnn.tasks import REGRESSION_TOLERANCE, TASK_LABELS, TASKS, make_batch, task_info
from playground.labs.rnn.texts import (MAX_TEXT_CHARS, SAMPLE_TEXT, VOCAB_SIZE, TextError, clean_text, decode,
                                       encode)

__all__ = ["PARAMS", "SESSION", "RnnSession", "expected_state", "run_headless", "CLI_EXTRA", "DEFAULT_EPOCHS",
           "bench_reference", "stepper_inputs", "stepper_weights", "MAX_LENGTH"]

MAX_LENGTH = 50
DEFAULT_EPOCHS = 300
GRAD_HISTORY_ROWS = 300  # epochs of ‖∂L/∂h_t‖ the heat map shows (the newest)
MAX_CURVE_POINTS = 2000
SAMPLE_EVERY_S = 0.2  # predictions and connectivity while playing: 5 per second is plenty to watch
TEXT_SAMPLE_EVERY_S = 1.0
TEXT_SAMPLE_CHARS = 240

PARAMS = [
    Param("experiment", "Experiment", "choice", "train", choices=("train", "race"),
          choice_labels=("Train one cell", "Memory race"),
          help="Train: one cell on one task, by BPTT. Memory race: the longest T each cell type learns on "
               "the memory task within the epoch budget."),
    Param("task", "Task", "choice", "sine", choices=TASKS, choice_labels=TASK_LABELS,
          help="Next-value series, memory tasks (recall, adding, parity) or characters of a text."),
    Param("cell", "Cell", "choice", "vanilla", choices=CELLS, choice_labels=CELL_LABELS,
          help="vanilla: h = tanh(W_h h + W_x x + b); residual: h = h + f(h, x); rollout: the residual "
               "block iterated k times per step; lstm and gru: gated cells."),
    Param("rollout_k", "Rollout iterations k", "int", 3, minimum=1, maximum=8,
          help="For the rollout residual block: k iterations of the block per time step (a k-times deeper net)."),
    Param("hidden", "Hidden units", "int", 8, minimum=1, maximum=128,
          help="Size of h_t. With 1 or 2 units every weight can be edited by hand in the unroll."),
    Param("length", "Sequence length T", "int", 20, minimum=1, maximum=MAX_LENGTH, live=True,
          help="Time steps per sequence (the unroll shows them all)."),
    Param("truncation", "BPTT truncation", "int", 0, minimum=0, maximum=MAX_LENGTH, live=True,
          help="0: full backpropagation through time. k: no gradient crosses every k-th step."),
    Param("clip", "Gradient clipping", "bool", True, live=True,
          help="Rescale the whole gradient when its norm is above the threshold (exploding gradients)."),
    Param("clip_threshold", "Clipping threshold", "float", 1.0, minimum=0.01, maximum=100.0, live=True, log=True,
          steps=(0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)),
    Param("optimizer", "Optimiser", "choice", "adam", choices=("sgd", "momentum", "rmsprop", "adam"),
          choice_labels=("SGD", "SGD + momentum 0.9", "RMSprop", "Adam"), live=True),
    Param("lr", "Learning rate", "float", 0.01, minimum=1e-5, maximum=10.0, live=True, log=True,
          steps=(0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)),
    Param("batch_size", "Batch size", "int", 32, minimum=1, maximum=256),
    Param("probe_step", "Connectivity: output step", "int", 0, minimum=0, maximum=MAX_LENGTH, live=True,
          help="The output step t whose |∂y_t/∂x_s| the connectivity figure shows (0: the last step)."),
    Param("temperature", "Sampling temperature", "float", 0.8, minimum=0.05, maximum=3.0, live=True,
          steps=(0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0),
          help="Characters task: low is cautious and repetitive, high is adventurous."),
    Param("race_cells", "Race: cells", "multi_choice", ["vanilla", "residual", "lstm", "gru"], choices=CELLS,
          choice_labels=CELL_LABELS, min_items=1,
          help="The cells the memory race compares."),
    Param("race_budget", "Race: epochs per run", "int", 300, minimum=25, maximum=20000,
          help="The budget each (cell, T) run gets to reach 90% recall."),
    Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1,
          help="Same seed: same initial weights (in the window's unroll too), same batches."),
    # The unroll's current step, saved with an experiment and reopened; set by the window's stepper.
    Param("unroll_step", "Unroll step", "int", 0, minimum=0, maximum=MAX_LENGTH, live=True, gui=False, cli=False),
]

SESSION = "playground.labs.rnn.core:RnnSession"

CLI_EXTRA = (
    ("--unroll", {"type": int, "default": None, "metavar": "T",
                  "help": N_("instead of training: unroll the seeded cell for T steps (1 to 50) and write the "
                             "inputs, the states h (and c) and the weights by torch's names")}),
    ("--text-file", {"default": None, "metavar": "FILE.txt",
                     "help": N_("the text of the characters task (default: the one that ships with the app)")}),
)


def _model_sizes(params: dict) -> tuple[int, int, int]:
    info = task_info(params["task"])
    return info["n_in"], params["hidden"], info["n_out"]


def expected_state(params: dict) -> dict[str, tuple]:
    p = validate_all(PARAMS, params)
    n_in, hidden, n_out = _model_sizes(p)
    shapes = weight_shapes(p["cell"], n_in, hidden, n_out)
    if p["task"] == "chars":
        shapes["text"] = (MAX_TEXT_CHARS,)  # the text's alphabet indices, padded with -1
    return shapes


def stepper_weights(params: dict) -> dict[str, np.ndarray]:
    """The seeded initial weights, exactly those a new session starts from."""
    n_in, hidden, n_out = _model_sizes(params)
    return init_weights(params["cell"], n_in, hidden, n_out, params["seed"])


def stepper_inputs(params: dict, text: str = SAMPLE_TEXT) -> tuple[np.ndarray, np.ndarray]:
    """The one sequence the unroll steps through (and the session's predictions show): x (T, I), y."""
    rng = np.random.default_rng(int(params["seed"]) + 7)
    codes = np.array(encode(text)) if params["task"] == "chars" else None
    x, y = make_batch(params["task"], 1, int(params["length"]), rng, codes)
    return x[0].astype(np.float64), y[0]


def _text_array(codes: np.ndarray) -> np.ndarray:
    out = np.full(MAX_TEXT_CHARS, -1.0)
    out[:len(codes)] = codes
    return out


class RnnSession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "rnn"

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        self.text = SAMPLE_TEXT
        self.text_note = ""
        self._text_sample: dict | None = None
        super().__init__(params, device)

    @property
    def engine(self) -> str:
        return f"torch · {self.device}"

    # --- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        import torch

        from playground.labs.rnn.model import RecurrentNet, make_optimizer

        torch.set_num_threads(1)  # tiny matrices: more threads only add synchronisation
        p = self.params
        self.info = task_info(p["task"])
        n_in, hidden, n_out = _model_sizes(p)
        self.model = RecurrentNet(p["cell"], n_in, hidden, n_out, p["rollout_k"]).to(self.device)
        self.model.load_numpy(stepper_weights(p))
        self.make_optimizer = make_optimizer
        self.opt = make_optimizer(p["optimizer"], self.model.parameters(), p["lr"])
        self.rng = np.random.default_rng(p["seed"])
        self.torch_gen = torch.Generator().manual_seed(p["seed"])
        self.codes = np.array(encode(self.text), dtype=np.int64)
        self.losses: list[float] = []
        self.accuracies: list[float] = []
        self.grad_rows: list[np.ndarray] = []
        self.clipped: list[bool] = []
        self.grad_norms = self._measure_grad_norms()
        self._sample_at = -float("inf")
        self._sample_cache: dict | None = None
        self._text_sample = None
        self.race = None
        if p["experiment"] == "race":
            self.race = MemoryRace(p["race_cells"], p["hidden"], p["race_budget"], p["lr"], p["optimizer"],
                                   p["seed"], p["batch_size"], p["rollout_k"], self.device,
                                   p["clip_threshold"] if p["clip"] else None)

    def _batch(self):
        import torch

        x, y = make_batch(self.params["task"], self.params["batch_size"], self.params["length"], self.rng,
                          self.codes)
        return torch.from_numpy(x).to(self.device), torch.from_numpy(y).to(self.device)

    def _measure_grad_norms(self) -> np.ndarray:
        """‖∂L/∂h_t‖ of the current weights on a fixed batch, without updating (the epoch-0 picture)."""
        import torch

        from playground.labs.rnn.model import loss_and_accuracy

        # at most 64 sequences: the picture is the same, and a large batch would hold up every rebuild
        x, y = make_batch(self.params["task"], min(self.params["batch_size"], 64), self.params["length"],
                          np.random.default_rng(self.params["seed"] + 3), self.codes)
        out, states = self.model(torch.from_numpy(x).to(self.device), self.params["truncation"], keep_states=True)
        loss, _acc = loss_and_accuracy(out, torch.from_numpy(y).to(self.device), self.info["kind"])
        self.model.zero_grad(set_to_none=True)
        loss.backward()
        norms = np.array([float(s.grad.norm()) if s.grad is not None else 0.0 for s in states])
        self.model.zero_grad(set_to_none=True)
        if self.loss is None:
            self.loss = float(loss.detach())
        return norms

    def _apply_live(self, changed: dict) -> None:
        p = self.params
        if "optimizer" in changed:
            self.opt = self.make_optimizer(p["optimizer"], self.model.parameters(), p["lr"])
        elif "lr" in changed:
            for g in self.opt.param_groups:
                g["lr"] = p["lr"]
        if "length" in changed:
            self.grad_rows = []  # the heat map's rows are as long as the sequence
        if {"length", "truncation"} & set(changed):
            self.grad_norms = self._measure_grad_norms()
        if {"length", "probe_step", "temperature"} & set(changed):
            self._sample_at = -float("inf")
            self._text_sample = None

    # --- training ------------------------------------------------------------------------------------
    def _train_epoch(self) -> None:
        if self.race is not None:
            self.race.advance()
            if self.race.finished:
                self.finished = self.race.summary()
            self.loss = 0.0
            return
        from playground.labs.rnn.model import train_step

        p = self.params
        x, y = self._batch()
        r = train_step(self.model, self.opt, x, y, self.info["kind"], p["truncation"],
                       p["clip_threshold"] if p["clip"] else None)
        self.loss = r["loss"]
        self.losses.append(r["loss"])
        self.accuracies.append(r["accuracy"])
        self.grad_norms = r["grad_norms"]
        self.grad_rows.append(r["grad_norms"])
        if len(self.grad_rows) > GRAD_HISTORY_ROWS:
            del self.grad_rows[0]
        self.clipped.append(r["clipped"])

    # --- custom commands (the window's text box, its weight sliders) ----------------------------------
    def custom(self, name: str, **kwargs) -> dict:
        if name == "set_text":
            try:
                text, note = clean_text(kwargs.get("text", ""))
            except TextError as exc:
                raise SessionError(str(exc)) from None
            self.set_text(text, note)
            return {"note": note}
        if name == "set_weights":
            weights = kwargs.get("weights") or {}
            shapes = expected_state(self.params)
            current = self.model.numpy_state()
            for k, v in weights.items():
                if k not in current:
                    raise SessionError(tr("the model has no weights named {name}", name=repr(k)))
                check_shape(k, v, shapes[k])
                current[k] = np.asarray(v, float)
            self.model.load_numpy(current)
            self.grad_norms = self._measure_grad_norms()
            self._sample_at = -float("inf")
            return {}
        raise SessionError(tr("the rnn lab has no action {name}", name=repr(name)))

    def set_text(self, text: str, note: str = "") -> None:
        self.text, self.text_note = text, note
        self.codes = np.array(encode(text), dtype=np.int64)
        self._text_sample = None
        self._sample_at = -float("inf")

    # --- what the window draws -----------------------------------------------------------------------
    def _probe(self) -> dict:
        """Predictions on the stepper's sequence and the connectivity of one output step (every
        SAMPLE_EVERY_S while playing, at once for a requested frame)."""
        import torch

        from playground.labs.rnn.model import connectivity

        p = self.params
        x, y = stepper_inputs(p, self.text)
        xt = torch.from_numpy(x[None].astype(np.float32)).to(self.device)
        with torch.no_grad():
            out, _ = self.model(xt)
        out = out[0].cpu().numpy().astype(np.float64)
        T = len(x)
        probe = (p["probe_step"] - 1) if 1 <= p["probe_step"] <= T else T - 1
        kind = self.info["kind"]
        res = {"probe_step": probe, "connectivity": connectivity(self.model, xt, probe, kind),
               "sample_inputs": x if x.shape[1] <= 9 else np.zeros((T, 0)), "kind": kind}
        if kind.startswith("regress"):
            res["predictions"] = out[:, 0]
            res["targets"] = np.asarray(y, float).reshape(-1)
        else:
            z = out - out.max(axis=1, keepdims=True)
            probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
            res["probabilities"] = probs
            res["targets"] = np.asarray(y, np.int64).reshape(-1)
        return res

    def _text_snapshot(self) -> dict:
        from playground.labs.rnn.model import sample_text

        prime = list(self.codes[:20])
        codes = sample_text(self.model, prime, TEXT_SAMPLE_CHARS, self.params["temperature"], VOCAB_SIZE,
                            self.torch_gen)
        return {"text_prime": decode(prime), "text_sample": decode(codes), "text_epoch": self.epoch,
                "text_temperature": self.params["temperature"]}

    def _snapshot(self) -> dict:
        p = self.params
        now = time.perf_counter()
        snap: dict = {"experiment": p["experiment"], "task": p["task"], "cell": p["cell"],
                      "length": p["length"], "kind": self.info["kind"], "grad_norms": np.array(self.grad_norms),
                      "grad_history": self._grad_history(), "text_note": self.text_note,
                      "state": self.state()}
        x, curves = thin({"loss": self.losses, "accuracy": self.accuracies}, MAX_CURVE_POINTS)
        snap.update(curve_x=x, losses=curves["loss"], accuracies=curves["accuracy"],
                    clipped_fraction=float(np.mean(self.clipped[-100:])) if self.clipped else 0.0)
        if self.full_snapshot or self._sample_cache is None or now - self._sample_at >= SAMPLE_EVERY_S:
            self._sample_cache = self._probe()
            self._sample_at = now
        snap.update(self._sample_cache)
        if p["task"] == "chars" and (self._text_sample is None or self.full_snapshot
                                     or now - self._text_sample["at"] >= TEXT_SAMPLE_EVERY_S):
            self._text_sample = {**self._text_snapshot(), "at": now}
        if p["task"] == "chars" and self._text_sample:
            snap.update({k: v for k, v in self._text_sample.items() if k != "at"})
        if self.race is not None:
            snap.update(self.race.snapshot())
        return snap

    def _grad_history(self) -> np.ndarray:
        """(epochs, T) of ‖∂L/∂h_t‖, the newest GRAD_HISTORY_ROWS epochs."""
        if not self.grad_rows:
            return np.zeros((0, self.params["length"]))
        return np.array(self.grad_rows)

    # --- weights in and out --------------------------------------------------------------------------
    def state(self) -> dict:
        out = self.model.numpy_state()
        if self.params["task"] == "chars":
            out["text"] = _text_array(self.codes)
        return out

    def load_state(self, state: dict, epoch: int = 0) -> None:
        shapes = expected_state(self.params)
        missing = [k for k in shapes if k not in state]
        if missing:
            raise SessionError(tr("the saved weights lack '{name}'", name=missing[0]))
        for k, shape in shapes.items():
            check_shape(k, state[k], shape)
        if "text" in shapes:
            codes = np.asarray(state["text"], float)
            codes = codes[codes >= 0]
            if len(codes) < 2 or np.any(codes != np.round(codes)) or codes.max() >= VOCAB_SIZE:
                raise SessionError(tr("the saved text is not a list of character codes"))
            try:
                text, note = clean_text(decode(codes.astype(int)), tr("the saved text"))
            except TextError as exc:
                raise SessionError(str(exc)) from None
            self.set_text(text, note)
        self.model.load_numpy({k: v for k, v in state.items() if k != "text"})
        self.opt = self.make_optimizer(self.params["optimizer"], self.model.parameters(), self.params["lr"])
        self.epoch = int(epoch)
        self.losses, self.accuracies, self.grad_rows, self.clipped = [], [], [], []
        self.loss = None
        self.grad_norms = self._measure_grad_norms()
        self._sample_cache = None

    def history(self) -> list[dict]:
        return [{"epoch": i + 1, "loss": l, "accuracy": a} for i, (l, a) in enumerate(zip(self.losses, self.accuracies))]

    def curves(self) -> dict:
        return {"loss": list(self.losses), "accuracy": list(self.accuracies)}

    def restore_curves(self, curves: dict) -> None:
        loss = checked_series(curves.get("loss"), 10_000_000)
        acc = checked_series(curves.get("accuracy"), 10_000_000)
        if loss is not None and acc is not None and len(loss) == len(acc):
            self.losses, self.accuracies = loss, acc
            self.clipped = [False] * len(loss)


def _floats(a) -> list:
    return [float(v) if np.isfinite(v) else None for v in np.asarray(a, dtype=float).ravel()]


def _unroll_result(params: dict, steps: int, text: str) -> dict:
    """The stepped computation for the seeded weights, so anyone can recompute it."""
    if not 1 <= int(steps) <= MAX_LENGTH:
        raise ParamError(tr("unroll: {steps} steps; choose 1 to {limit}", steps=steps, limit=MAX_LENGTH))
    p = {**params, "length": int(steps)}
    x, _y = stepper_inputs(p, text)
    w = stepper_weights(p)
    run = unroll(p["cell"], w, x, p["rollout_k"])
    out = {"lab": "rnn", "mode": "unroll", "cell": p["cell"], "task": p["task"], "length": int(steps),
           "hidden": p["hidden"], "seed": p["seed"], "inputs": x.tolist(), "h": run["h"].tolist(),
           "outputs": run["y"].tolist(),
           "weights": {k: np.asarray(v).tolist() for k, v in w.items()},
           "equations": _EQUATIONS[p["cell"]]}
    if p["cell"] == "rollout":
        out["rollout_k"] = p["rollout_k"]
    if run["c"] is not None:
        out["c"] = run["c"].tolist()
    return out


_EQUATIONS = {
    "vanilla": "h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh); y_t = head.weight h_t + head.bias",
    "relu": "h_t = relu(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)",
    "residual": "h_t = h_{t-1} + tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)",
    "rollout": "z_0 = h_{t-1}; z_j = z_{j-1} + tanh(W_ih x_t + b_ih + W_hh z_{j-1} + b_hh), j = 1..k; h_t = z_k",
    "lstm": "torch.nn.LSTM: gates i, f, g, o stacked in weight_ih_l0 / weight_hh_l0; c_t = f c_{t-1} + i g; "
            "h_t = o tanh(c_t)",
    "gru": "torch.nn.GRU: gates r, z, n; n = tanh(W_in x + b_in + r (W_hn h + b_hn)); h_t = (1 - z) n + z h_{t-1}",
}


def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """Train for `epochs` epochs (or unroll, with extra["unroll"]) and return (JSON result, last snapshot).

    train: `loss`, `accuracy` (of the last epoch), `history`, `grad_norm_by_step` (‖∂L/∂h_t‖ for each
    time step, first step first, after the last epoch; at initialisation for 0 epochs), `cell`, `length`.
    race: `race_longest` (cell -> longest T learned), `race_results`. unroll: `inputs`, `h`, `weights`.
    """
    extra = extra or {}
    if int(epochs) < 0:
        raise ParamError(tr("epochs: {epochs} is below the minimum 0", epochs=epochs))
    p = validate_all(PARAMS, params)
    text, note = SAMPLE_TEXT, ""
    if extra.get("text_file"):
        from playground.labs.rnn.texts import read_text_file

        try:
            text, note = read_text_file(extra["text_file"])
        except TextError as exc:
            raise SessionError(str(exc)) from None
    session = RnnSession(p, device=extra.get("device", "cpu"))
    if text is not SAMPLE_TEXT:
        session.set_text(text, note)
        session.reset()
    if extra.get("unroll") is not None:
        result = _unroll_result(session.params, int(extra["unroll"]), session.text)
        # the exported figure shows the whole unroll: T steps, all of them computed
        session.apply({"length": int(extra["unroll"]), "unroll_step": int(extra["unroll"])})
        return result, session.snapshot()
    from playground.core.train.session import train_headless

    wall, diverged_at = train_headless(session, int(epochs))
    p = session.params
    result: dict = {"lab": "rnn", "experiment": p["experiment"], "task": p["task"], "cell": p["cell"],
                    "length": p["length"], "hidden": p["hidden"], "epochs": session.epoch, "params": p,
                    "engine": session.engine, "wall_seconds": wall,
                    "epochs_per_second": session.epoch / wall if wall > 0 and session.epoch else None}
    if p["experiment"] == "race":
        result.update(session.race.snapshot())
        result["summary"] = session.race.summary()
    else:
        result.update({
            "loss": session.losses[-1] if session.losses else session.loss,
            "accuracy": session.accuracies[-1] if session.accuracies else None,
            "history": [{"epoch": r["epoch"], "loss": _floats([r["loss"]])[0], "accuracy": r["accuracy"]}
                        for r in session.history()],
            "grad_norm_by_step": _floats(session.grad_norms),
            "truncation": p["truncation"], "clip": p["clip"], "clip_threshold": p["clip_threshold"],
            "regression_tolerance": REGRESSION_TOLERANCE if session.info["kind"].startswith("regress") else None,
        })
        result["final_loss"] = result["loss"]
        result["final_accuracy"] = result["accuracy"]
        if p["task"] == "chars":
            result.update({k: v for k, v in session._text_snapshot().items()})
            if note:
                result["text_note"] = note
    if diverged_at is not None:
        result["diverged"] = True
        result["message"] = tr("training diverged at epoch {epoch}: lower the learning rate or turn clipping on",
                               epoch=diverged_at)
    return result, session.snapshot()


def bench_reference(params: dict, seconds: float) -> float:
    """A plain torch loop doing one session step's work (a fresh batch, BPTT with ‖∂L/∂h_t‖ kept,
    clipping, an optimiser step) on the same model: the ceiling the lab is measured against."""
    import torch

    from playground.labs.rnn.model import RecurrentNet, loss_and_accuracy, make_optimizer

    torch.set_num_threads(1)
    p = validate_all(PARAMS, params or {})
    info = task_info(p["task"])
    model = RecurrentNet(p["cell"], info["n_in"], p["hidden"], info["n_out"], p["rollout_k"])
    model.load_numpy(stepper_weights(p))
    opt = make_optimizer(p["optimizer"], model.parameters(), p["lr"])
    rng = np.random.default_rng(0)
    codes = np.array(encode(SAMPLE_TEXT))
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        x, y = make_batch(p["task"], p["batch_size"], p["length"], rng, codes)
        x, y = torch.from_numpy(x), torch.from_numpy(y)
        opt.zero_grad()
        out, states = model(x, p["truncation"], keep_states=True)
        loss, acc = loss_and_accuracy(out, y, info["kind"])
        loss.backward()
        norms = [s.grad.norm() for s in states if s.grad is not None]
        torch.nn.utils.clip_grad_norm_(model.parameters(), p["clip_threshold"] if p["clip"] else float("inf"))
        opt.step()
        float(loss.detach()), float(acc), torch.stack(norms).numpy()
        n += 1
    return n / (time.perf_counter() - t0)
