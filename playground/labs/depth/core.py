"""The depth lab's core: depth against width on Telgarsky's sawtooth (the lecture's "profondeur vs
largeur", Telgarsky 2015, and its recurrent corollary R(sigma, m, l, k) within N(sigma, m, lk)).

The session holds four networks on [0, 1]:
- the exact deep construction, k tent blocks of width 2 that compute t^k (2^k pieces, error 0);
- the same 2-unit block iterated k times, a recurrent network with 7 parameters whatever k;
- a deep narrow and a shallow wide ReLU network, trained by the one MLP engine (make_engine), by
  default with equal parameter budgets.
Every network's linear pieces are counted exactly (pieces.py), never sampled, and each one's
classification risk on Telgarsky's 2^k points is measured beside the theorem's 1/6 and 0.

Task "fit" trains on the sawtooth itself with squared error and a linear output, so the curves can
be compared by eye; task "classify" trains on the 2^k labelled points with a sigmoid output and
cross-entropy, the theorem's own setting (the pieces are then those of the logit).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from playground.core.i18n import N_, grouped, tr
from playground.core.nets.mlp import make_engine
from playground.core.nets.mlp_spec import NetSpec, init_params, param_shapes
from playground.core.train.params import Param, ParamError, validate_all
from playground.core.train.series import checked_series, thin
from playground.core.train.session import SessionError, TrainingSession, check_shape, train_headless
from playground.labs.depth import pieces as pc
from playground.labs.depth.sawtooth import (MAX_K, RecurrentBlock, block_outputs, construction_params,
                                            construction_spec, sawtooth, sawtooth_knots, telgarsky_sample)

__all__ = ["PARAMS", "SESSION", "DEFAULT_EPOCHS", "DepthSession", "expected_state", "run_headless",
           "bench_reference", "PRESETS", "preset_values", "architecture", "TRAINED"]

SESSION = "playground.labs.depth.core:DepthSession"
DEFAULT_EPOCHS = 2000
TRAINED = ("deep", "shallow")
NET_NAMES = {"deep": N_("deep"), "shallow": N_("shallow")}  # in messages: "the deep net would have..."
MAX_WIDTH, MAX_LAYERS = 512, 16
MAX_WEIGHTS = 50_000  # per net (e.g. 200 wide and 2 deep, 64 wide and 12 deep): frames and files stay small
LIVE_STATE_WEIGHTS = 20_000  # weights sent with every frame; bigger nets send them on pause/step/save
EVAL_POINTS = 4096  # dyadic grid for the error: it holds every knee of t^k for k <= 12
CURVE_POINTS = 1024  # where a sigmoid output (not piecewise linear) is sampled for drawing
HISTORY_POINTS = 1000
INIT_CHOICES = ("knees", "he", "xavier", "uniform", "tent")
TENT_NOISE = 0.03
KNEES_BIAS = 0.1  # deeper layers' biases under "knees" (TensorFlow Playground's 0.1)  # standard deviation added to every weight of the tent start
LR_STEPS = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)

PARAMS: list[Param] = [
    Param("k", "Sawtooth k (2^k pieces)", "int", 4, minimum=1, maximum=MAX_K,
          help="The target t^k: the tent map composed k times, 2^k linear pieces, 2^k sample points."),
    Param("task", "Task", "choice", "fit", choices=("fit", "classify"),
          choice_labels=("Fit the sawtooth (squared error)", "Classify the 2^k points (cross-entropy)"),
          help="fit: regression on t^k, linear output; classify: Telgarsky's 2^k labelled points, "
               "sigmoid output and cross-entropy (the theorem's setting)."),
    Param("deep_width", "Deep net: width", "int", 4, minimum=1, maximum=MAX_WIDTH),
    Param("deep_layers", "Deep net: hidden layers", "int", 6, minimum=1, maximum=MAX_LAYERS),
    Param("shallow_width", "Shallow net: width", "int", 37, minimum=1, maximum=MAX_WIDTH),
    Param("shallow_layers", "Shallow net: hidden layers", "int", 1, minimum=1, maximum=MAX_LAYERS),
    Param("optimizer", "Optimizer", "choice", "adam", choices=("sgd", "momentum", "adam"),
          choice_labels=("SGD", "SGD + momentum", "Adam"), live=True),
    Param("lr", "Learning rate", "float", 0.003, minimum=1e-5, maximum=1.0, steps=LR_STEPS, live=True, log=True),
    Param("batch_size", "Batch size", "int", 32, minimum=1, maximum=1024, live=True),
    Param("init", "Initialisation", "choice", "knees", choices=INIT_CHOICES,
          choice_labels=("He, first-layer knees spread over [0, 1]", "He (biases 0)", "Xavier/Glorot",
                         "Uniform ±0.5 (TF Playground)", "Deep net: the tent construction + noise"),
          help="With biases 0 every first-layer knee sits at x = 0 and the net starts as one straight "
               "line on [0, 1]; 'knees' places them at random in [0, 1]. 'tent' starts the deep net "
               "(width >= 2) at the exact construction plus noise: does training keep it?"),
    Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1,
          help="Makes the initial weights and the batch order reproducible."),
    Param("model", "Model", "choice", "both", choices=("both", "exact", "deep", "shallow"), gui=False,
          help="What the command line trains and reports: both trained nets, the exact construction "
               "(no training), or one of the two."),
    # --net-width, not --width: `playground run` already has --width for the PNG it exports.
    Param("net_width", "Width (command line)", "int", 0, minimum=0, maximum=MAX_WIDTH, gui=False,
          help="With --model deep|shallow: that network's width (0: its --deep-width/--shallow-width)."),
    Param("layers", "Hidden layers (command line)", "int", 0, minimum=0, maximum=MAX_LAYERS, gui=False,
          help="With --model deep|shallow: that network's hidden layers (0: its own setting)."),
]

# Equal parameter budgets: (deep width, deep layers, shallow width, shallow layers). "2xk" is the
# construction's own shape against a one-layer net of the same size (both have 6k + 1 weights).
PRESETS = (
    (N_("46 weights: deep 3×4 vs shallow 15"), (3, 4, 15, 1)),
    (N_("113 weights: deep 4×6 vs shallow 37"), (4, 6, 37, 1)),
    (N_("229 weights: deep 6×6 vs shallow 76"), (6, 6, 76, 1)),
    (N_("529 weights: deep 8×8 vs shallow 176"), (8, 8, 176, 1)),
    (N_("6k+1 weights: deep 2×k (the construction's shape) vs shallow 2k"), "2xk"),
)


def preset_values(index: int, k: int) -> dict:
    """The four architecture parameters of preset `index` for the sawtooth t^k."""
    arch = PRESETS[int(index)][1]
    if arch == "2xk":
        arch = (2, int(k), 2 * int(k), 1)
    return dict(zip(("deep_width", "deep_layers", "shallow_width", "shallow_layers"), arch))


def architecture(params: dict, name: str) -> tuple[int, int]:
    """(width, hidden layers) of trained net `name`; --net-width/--layers override the --model one."""
    width, layers = int(params[f"{name}_width"]), int(params[f"{name}_layers"])
    if params.get("model") == name:
        width = int(params.get("net_width") or width)
        layers = int(params.get("layers") or layers)
    return width, layers


def _spec(params: dict, name: str) -> NetSpec:
    width, layers = architecture(params, name)
    output, loss = ("linear", "squared") if params["task"] == "fit" else ("sigmoid", "cross_entropy")
    return NetSpec(n_in=1, hidden=[width] * layers, activations=["relu"] * layers, n_out=1,
                   output=output, loss=loss)


def expected_state(params: dict) -> dict[str, tuple]:
    """Name -> shape of every array state() returns (no torch, no session needed)."""
    clean = validate_all(PARAMS, params)
    return {f"{name}.{key}": shape for name in TRAINED for key, shape, _ in param_shapes(_spec(clean, name))}


def training_data(params: dict) -> tuple[np.ndarray, np.ndarray]:
    """What the trained nets see: t^k on a dyadic grid (fit) or the 2^k labelled points (classify)."""
    k = int(params["k"])
    if params["task"] == "classify":
        x, y = telgarsky_sample(k)
    else:
        m = min(EVAL_POINTS, max(256, 8 * 2 ** k))  # at least 8 points per piece, up to k = 9
        x = np.arange(m + 1, dtype=float) / m
        y = sawtooth(x, k)
    return x.reshape(-1, 1), y.reshape(-1, 1)


def initial_weights(spec: NetSpec, scheme: str, name: str, k: int, rng: np.random.Generator) -> dict:
    """Starting weights of trained net `name` under `scheme` (see the init parameter's help)."""
    if scheme == "tent" and name == "deep" and spec.hidden[0] >= 2:
        return _tent_start(spec, k, rng)
    params = init_params(spec, "he" if scheme in ("knees", "tent") else scheme, rng)
    if scheme in ("knees", "tent"):
        w = params["layer0.weight"][0]
        params["layer0.bias"] = -w * rng.uniform(0.0, 1.0, w.shape)  # unit j bends at x = u_j
        for layer in range(1, len(spec.hidden)):  # a little positive: fewer units dead from the start
            params[f"layer{layer}.bias"][:] = KNEES_BIAS
    return params


def _tent_start(spec: NetSpec, k: int, rng: np.random.Generator) -> dict:
    """The first min(k, layers) hidden layers compute tent blocks on units 0 and 1; any later layer
    passes the value on through unit 0 (relu(s) = s for s >= 0); then noise on every weight."""
    params = {name: np.zeros(shape) for name, shape, _ in param_shapes(spec)}
    reader = np.array([1.0])  # how the value s is read from the previous layer's first units
    for layer in range(spec.n_layers):
        W, b = params[f"layer{layer}.weight"], params[f"layer{layer}.bias"]
        if layer == spec.n_layers - 1:
            w_in, b_in = np.array([1.0]), np.array([0.0])
        elif layer < k:
            w_in, b_in = np.array([1.0, 1.0]), np.array([0.0, -0.5])
        else:
            w_in, b_in = np.array([1.0]), np.array([0.0])
        W[:len(reader), :len(w_in)] = np.outer(reader, w_in)
        b[:len(b_in)] = b_in
        reader = np.array([2.0, -4.0]) if len(w_in) == 2 else np.array([1.0])
    if spec.output == "sigmoid":  # classify: the logit 8s - 4, so that s = 0 and s = 1 read as 0 and 1
        last = spec.n_layers - 1
        params[f"layer{last}.weight"] *= 8.0
        params[f"layer{last}.bias"] = 8.0 * params[f"layer{last}.bias"] - 4.0
    for name in params:
        params[name] = params[name] + rng.normal(0.0, TENT_NOISE, params[name].shape)
    return params


class _Trained:
    """One trained network: its engine, its batch order, its curves and its counted pieces."""

    def __init__(self, name: str, spec: NetSpec, weights: dict, device: str, seed: int):
        self.name = name
        self.spec = spec
        self.engine = make_engine(spec, weights, device)
        self.order = np.random.default_rng([seed, 7, TRAINED.index(name)])
        self.loss: list[float] = []
        self.pieces: list[int] = []
        self.n_params = pc.n_params(spec)
        width, layers = spec.hidden[0], len(spec.hidden)
        self.width, self.layers = width, layers
        self._counted: tuple[int, pc.Pieces] | None = None
        self.version = 0

    def count(self) -> pc.Pieces:
        if self._counted is None or self._counted[0] != self.version:
            with np.errstate(over="ignore", invalid="ignore"):
                self._counted = (self.version, pc.count_pieces(self.spec, self.engine.params()))
        return self._counted[1]


class DepthSession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "depth"

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        p = self.params
        self.k = k = int(p["k"])
        self.n = 2 ** k
        self.sample_x, self.sample_y = telgarsky_sample(k)
        self.eval_x = np.arange(EVAL_POINTS + 1, dtype=float) / EVAL_POINTS
        self.eval_y = sawtooth(self.eval_x, k)
        self.X, self.T = training_data(p)
        self._build_exact()
        self.nets: dict[str, _Trained] = {}
        for i, name in enumerate(TRAINED):
            spec = _spec(p, name)
            size = pc.n_params(spec)
            if size > MAX_WEIGHTS:
                raise SessionError(tr("the {name} net would have {size} weights; this lab takes at most "
                                      "{most} per net: lower its width or its layers",
                                      name=tr(NET_NAMES[name]), size=grouped(size), most=grouped(MAX_WEIGHTS)))
            weights = initial_weights(spec, p["init"], name, self.k, np.random.default_rng([int(p["seed"]), i]))
            net = _Trained(name, spec, weights, self.device, int(p["seed"]))
            net.engine.set_data(self.X, self.T)
            self.nets[name] = net
        self._configure()

    def _build_exact(self) -> None:
        k = self.k
        self.exact_spec, self.exact_params = construction_spec(k), construction_params(k)
        engine = make_engine(self.exact_spec, self.exact_params, "cpu")
        grid, _ = sawtooth_knots(k)
        out, hidden = engine.predict(grid.reshape(-1, 1), hidden=True)
        # Block j is affine between multiples of 2^-j: its values there are the whole curve.
        self.blocks = [b[:: 2 ** (k - j - 1)] for j, b in enumerate(block_outputs(hidden))]
        self.exact_out = engine.predict(self.eval_x.reshape(-1, 1))[:, 0]
        self.exact_pieces = pc.count_pieces(self.exact_spec, self.exact_params)
        self.recurrent = RecurrentBlock()
        rspec, rparams = self.recurrent.unrolled(k)
        self.recurrent_pieces = pc.count_pieces(rspec, rparams)
        self.recurrent_out = self.recurrent.run(self.eval_x, k)

    def trained_names(self) -> tuple[str, ...]:
        model = self.params["model"]
        return TRAINED if model == "both" else ((model,) if model in TRAINED else ())

    def _configure(self) -> None:
        p = self.params
        for net in self.nets.values():
            net.engine.configure(lr=p["lr"], optimizer=p["optimizer"])

    def _apply_live(self, changed: dict) -> None:
        self._configure()

    @property
    def engine(self) -> str:
        kind = type(next(iter(self.nets.values())).engine).__name__.lower()
        for short in ("numpy", "numba", "torch"):
            if short in kind:
                kind = short
        return f"{kind} · {self.device}"

    # --- training ---------------------------------------------------------------------------------
    def _train_epoch(self) -> None:
        names = self.trained_names()
        if not names:
            self.finished = tr("The exact construction needs no training: its weights are given.")
            return
        batch = int(self.params["batch_size"])
        total = 0.0
        for name in names:
            net = self.nets[name]
            with np.errstate(over="ignore", invalid="ignore"):
                net.engine.train_epoch(net.order.permutation(len(self.X)), batch)
                loss = net.engine.evaluate(self.X, self.T)[0]
            net.version += 1
            net.loss.append(loss)
            net.pieces.append(net.count().count if math.isfinite(loss) else 0)
            total += loss
        self.loss = total

    # --- measures ---------------------------------------------------------------------------------
    def drawn_output(self, net: _Trained, x: np.ndarray) -> np.ndarray:
        """What the lab draws and scores: f for a fit, the probability sigmoid(f) for classify.

        Read off the counted pieces, not the engine: f is the line through its knots, exactly, so a
        frame costs no forward pass over thousands of points (tests hold this to the engine)."""
        piece = net.count()
        with np.errstate(over="ignore", invalid="ignore"):
            f = np.interp(np.asarray(x, dtype=float), piece.knots_x, piece.knots_y)
            return 0.5 * (1.0 + np.tanh(0.5 * f)) if net.spec.output == "sigmoid" else f

    def risk(self, values_on_sample: np.ndarray) -> float:
        """Telgarsky's risk: the fraction of the 2^k points whose label [g(x_i) >= 1/2] is wrong."""
        pred = (values_on_sample >= 0.5).astype(float)
        return float(np.mean(pred != self.sample_y))

    def measures(self, name: str) -> dict[str, Any]:
        """pieces, mse, risk and params of one network: exact, recurrent, deep or shallow."""
        n = self.n
        if name in ("exact", "recurrent"):
            out = self.exact_out if name == "exact" else self.recurrent_out
            piece = self.exact_pieces if name == "exact" else self.recurrent_pieces
            on_sample = out[:: EVAL_POINTS // n][:n]
            n_params = pc.n_params(self.exact_spec) if name == "exact" else self.recurrent.n_params
            width, layers = 2, self.k
        else:
            net = self.nets[name]
            piece = net.count()
            out = self.drawn_output(net, self.eval_x)
            on_sample = self.drawn_output(net, self.sample_x)
            n_params, width, layers = net.n_params, net.width, net.layers
        with np.errstate(over="ignore", invalid="ignore"):
            mse = float(np.mean((out - self.eval_y) ** 2))
        return {"pieces": piece.count, "pieces_is_lower_bound": piece.truncated,
                "mse": mse if math.isfinite(mse) else None, "risk": self.risk(on_sample),
                "params": int(n_params), "width": int(width), "layers": int(layers),
                "risk_lower_bound": pc.risk_lower_bound(piece.count, n),
                "pieces_bound": pc.telgarsky_bound(width, layers)}

    # --- snapshots --------------------------------------------------------------------------------
    def _net_snapshot(self, net: _Trained) -> dict[str, Any]:
        piece = net.count()
        if net.spec.output == "sigmoid":  # not piecewise linear after the sigmoid: sample, knees included
            x = np.union1d(np.linspace(0.0, 1.0, CURVE_POINTS + 1), piece.knees)
            curve_y = self.drawn_output(net, x)
            knee_y = self.drawn_output(net, piece.knees) if len(piece.knees) else np.zeros(0)
        else:  # the knots are the whole curve
            x, curve_y = piece.knots_x, piece.knots_y
            knee_y = piece.knots_y[1:-1]
        if not np.all(np.isfinite(curve_y)):  # a diverged net: nothing honest to draw
            x = curve_y = knee_y = np.zeros(0)
            piece = pc.Pieces(0, np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0))
        hist_x, hist = thin({"loss": net.loss, "pieces": net.pieces}, HISTORY_POINTS)
        return {**self.measures(net.name), "curve_x": x, "curve_y": curve_y, "knees_x": piece.knees.copy(),
                "knees_y": knee_y, "history_epoch": hist_x + (self.epoch - len(net.loss)),
                "history_loss": hist["loss"], "history_pieces": hist["pieces"],
                "last_loss": net.loss[-1] if net.loss else None, "trained": net.name in self.trained_names()}

    def _snapshot(self) -> dict[str, Any]:
        k = self.k
        target_x, target_y = sawtooth_knots(k)
        snap = {
            "k": k, "n": self.n, "task": self.params["task"],
            "target_x": target_x, "target_y": target_y,
            "sample_x": self.sample_x, "sample_y": self.sample_y,
            "blocks": [b.astype(np.float32) for b in self.blocks],
            "exact": self.measures("exact"), "recurrent": self.measures("recurrent"),
            "nets": {name: self._net_snapshot(net) for name, net in self.nets.items()},
        }
        # The weights ride along for saving and for resuming after a worker restart; a big net's
        # only with the frames a user asks for (pause, step, open, save), not 30 times a second.
        if self.full_snapshot or sum(net.n_params for net in self.nets.values()) <= LIVE_STATE_WEIGHTS:
            snap["state"] = self.state()
        return snap

    # --- weights in and out -----------------------------------------------------------------------
    def state(self) -> dict[str, np.ndarray]:
        return {f"{name}.{key}": value for name, net in self.nets.items() for key, value in net.engine.params().items()}

    def load_state(self, state: dict, epoch: int = 0) -> None:
        if not isinstance(state, dict):
            raise SessionError(tr("the saved weights must be a set of named arrays"))
        shapes = expected_state(self.params)
        unknown = [name for name in state if name not in shapes]
        if unknown:
            raise SessionError(tr("weights '{name}' do not belong to these networks", name=unknown[0]))
        for name, shape in shapes.items():
            if name not in state:
                raise SessionError(tr("weights '{name}' are missing", name=name))
            check_shape(name, state[name], shape)
        for name, net in self.nets.items():
            prefix = name + "."
            net.engine.load({key[len(prefix):]: np.asarray(v, dtype=float) for key, v in state.items()
                             if key.startswith(prefix)})
            net.version += 1
            net.loss, net.pieces = [], []
        self._configure()
        self.epoch = int(epoch)
        self.finished = None
        self.loss = None

    def curves(self) -> dict:
        return {f"{name}_{what}": list(getattr(net, what)) for name, net in self.nets.items()
                for what in ("loss", "pieces")}

    def restore_curves(self, curves: dict) -> None:
        got = {key: checked_series(curves.get(key), self.epoch) for key in self.curves()}
        if any(v is None for v in got.values()):
            return  # not ours, or damaged: empty curves rather than wrong ones
        for name, net in self.nets.items():
            loss, pieces = got[f"{name}_loss"], got[f"{name}_pieces"]
            if len(loss) == len(pieces):
                net.loss, net.pieces = loss, [int(v) for v in pieces]

    def history(self) -> list[dict]:
        names = self.trained_names()
        n = min((len(self.nets[m].loss) for m in names), default=0)
        return [{"epoch": self.epoch - n + i + 1,
                 **{f"{m}_loss": self.nets[m].loss[len(self.nets[m].loss) - n + i] for m in names},
                 **{f"{m}_pieces": self.nets[m].pieces[len(self.nets[m].pieces) - n + i] for m in names}}
                for i in range(n)]


# The runner's DIVERGED_MESSAGE without "and press Reset": a headless run has no Reset button.
HEADLESS_DIVERGED = N_("Training diverged (the loss became {loss}): lower the learning rate.")


def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """`playground run depth`: the exact construction (--model exact) or trained nets, as JSON."""
    extra = extra or {}
    clean = validate_all(PARAMS, params)
    if int(epochs) < 0:
        raise ParamError(tr("epochs: must be 0 or more"))
    session = DepthSession(clean, device=extra.get("device") or "cpu")
    model = clean["model"]
    wall, diverged_at = (0.0, None) if model == "exact" else train_headless(session, int(epochs))
    networks = {"exact": session.measures("exact"), "recurrent": session.measures("recurrent")}
    for name in session.trained_names():
        networks[name] = {**session.measures(name), "final_loss": session.nets[name].loss[-1]
                          if session.nets[name].loss else None}
    result: dict[str, Any] = {"lab": "depth", "model": model, "k": session.k, "n_points": session.n,
                              "task": clean["task"], "target_pieces": 2 ** session.k}
    if model != "both":
        result.update(networks[model])
    result.update({
        "networks": networks, "settings": dict(session.params), "engine": session.engine,
        "epochs": session.epoch, "wall_seconds": wall,
        "epochs_per_second": session.epoch / wall if wall > 0 else None,
        "theorem": {"risk_shallow": 1.0 / 6.0, "risk_deep": 0.0,
                    "bound": "(2m)^l pieces for width m and l layers"},
        "diverged": diverged_at is not None,
        **({"message": tr(HEADLESS_DIVERGED, loss=session.loss),
            "diverged_epoch": diverged_at} if diverged_at is not None else {}),
        "history": session.history(),
    })
    session.full_snapshot = True
    return result, session.snapshot()


def bench_reference(params: dict, seconds: float) -> float:
    """`playground bench depth`'s reference: the same nets in a plain torch loop (torch_reference.py)."""
    from playground.labs.depth.torch_reference import plain_torch_rate

    return plain_torch_rate(DepthSession(validate_all(PARAMS, params or {})), seconds)
