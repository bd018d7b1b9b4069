"""The classification playground's core: parameters, training session and headless run.

This is TensorFlow Playground's experiment made fast and taken further (the lecture's "principes,
surapprentissage" chapter): a small MLP learns to separate 2D points, with the same defaults
(circle, X1 X2, [4, 2] tanh, plain SGD on squared error, lr 0.03, batch 10) and then more data sets,
activations, losses, optimisers and regularisers. Training runs on the one MLP engine (make_engine):
compiled numba code on the CPU, torch on a GPU; the heatmaps the view draws are computed only in
`snapshot()`, when a frame is due, never while training.
Custom commands let the view edit a weight or the data live.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from playground.core.i18n import N_, tr
from playground.core.nets import activations
from playground.labs.classify import data as cd
from playground.core.nets.mlp import engine_label, make_engine
from playground.core.nets.threads import limit_blas_threads
from playground.core.nets.mlp_spec import INITS, NetSpec, init_params, param_shapes
from playground.core.train.params import Param, ParamError, validate_all
from playground.core.train.series import checked_series
from playground.core.train.session import SessionError, TrainingSession, check_shape, train_headless

__all__ = ["PARAMS", "SESSION", "CLI_EXTRA", "ClassifySession", "expected_state", "check_data", "run_headless"]

SESSION = "playground.labs.classify.core:ClassifySession"

# TensorFlow Playground's own steps for the learning rate and the regularisation rate.
LR_STEPS = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_STEPS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MAX_LAYERS, MAX_UNITS = 8, 16
_TRAINABLE = tuple(activations.trainable_names())

_DATASET_LABELS = {
    "circle": "Circle", "xor": "Exclusive or", "gauss": "Gaussian", "spiral": "Spiral", "moons": "Moons",
    "checkerboard": "Checkerboard", "spiral3": "Spiral, 3 arms", "blobs": "Blobs (3+ classes)",
    "random": "Random labels", "empty": "Empty: draw your own", "plane": "Plane (regression)",
    "multi-gaussian": "Multi-Gaussian (regression)",
}

PARAMS: list[Param] = [
    Param("dataset", "Data", "choice", "circle", choices=cd.DATASETS,
          choice_labels=tuple(_DATASET_LABELS[d] for d in cd.DATASETS),
          help="Which data set; plane and multi-gaussian are regression problems."),
    Param("noise", "Noise", "int", 0, 0, 50, unit="%",
          help="How far the points scatter across the class boundaries, in percent."),
    Param("train_ratio", "Ratio of training data", "float", 0.5, 0.1, 0.9,
          steps=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), help="Fraction of points used for training."),
    Param("points", "Points (0: default)", "int", 0, 0, 5000,
          help="Number of points; 0 means TensorFlow Playground's 500 (1200 for regression)."),
    Param("classes", "Classes (blobs)", "int", 3, 3, 6, help="Number of blobs for the blobs data set."),
    Param("features", "Features", "multi_choice", ["x1", "x2"], choices=tuple(cd.FEATURES),
          choice_labels=tuple(v[0] for v in cd.FEATURES.values()), min_items=1,
          help="Input features: x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2."),
    Param("layers", "Hidden layers", "int_list", [4, 2], item_minimum=1, item_maximum=MAX_UNITS,
          min_items=0, max_items=MAX_LAYERS, help="Neurons per hidden layer, e.g. 4,2; empty for none."),
    Param("activation", "Activation", "choice", "tanh", choices=_TRAINABLE,
          choice_labels=tuple(activations.get(a).label for a in _TRAINABLE)),
    # Set in the window from each layer's header; files before format 2 said activation_1..8.
    Param("layer_activations", "Activation per hidden layer", "choice_list", [], choices=("same",) + _TRAINABLE,
          max_items=MAX_LAYERS, gui=False,
          help="The activation of each hidden layer in order, e.g. relu,tanh; 'same' or a missing "
               "entry follows --activation, entries past the last layer are kept for later layers."),
    Param("maxout_pieces", "Maxout pieces k", "int", 2, 2, 5, help="Affine pieces per Maxout unit."),
    Param("loss", "Loss", "choice", "squared", choices=("squared", "cross_entropy"),
          choice_labels=("Squared error", "Cross-entropy"),
          help="Squared error (TF Playground) or cross-entropy; regression always uses squared error."),
    Param("optimizer", "Optimizer", "choice", "sgd", choices=("sgd", "momentum", "adam"),
          choice_labels=("SGD", "SGD + momentum", "Adam"), live=True),
    Param("init", "Initialisation", "choice", "uniform", choices=INITS,
          choice_labels=("Uniform ±0.5 (TF Playground)", "Xavier/Glorot", "He")),
    Param("lr", "Learning rate", "float", 0.03, 0.00001, 10.0, steps=LR_STEPS, live=True, log=True),
    Param("batch_size", "Batch size", "int", 10, 1, 30, live=True),
    Param("regularization", "Regularization", "choice", "none", choices=("none", "l1", "l2"),
          choice_labels=("None", "L1", "L2"), live=True),
    Param("reg_rate", "Regularization rate", "float", 0.0, 0.0, 10.0, steps=REG_STEPS, live=True),
    Param("dropout", "Dropout", "float", 0.0, 0.0, 0.9, steps=(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
          live=True, help="Probability of dropping a hidden unit while training."),
    Param("stop_epoch", "Stop at epoch", "int", 0, 0, 10_000_000, live=True, help="0: never."),
    Param("stop_loss", "Stop when test loss below", "float", 0.0, 0.0, 10.0, live=True, help="0: off."),
    Param("seed", "Seed", "int", 0, 0, 2**31 - 1, help="Makes the data and the initial weights reproducible."),
]

# The lead's CLI adds these argparse options and passes their values to run_headless as `extra`.
CLI_EXTRA = [
    ("--data", dict(metavar="FILE.csv", default=None,
                    help="train on your own points: a CSV of x1,x2,label rows (header allowed)")),
]

GRID = 100  # the big output heatmap
NEURON_GRID = 25  # each neuron's and feature's thumbnail
HISTORY_POINTS = 1000  # the loss chart gets at most this many points per frame

_BLAS_LIMITED: list[bool] = []

RANDOM_NOTE = N_("Random labels: the data has no structure, so there is nothing to learn. A big network "
                  "can memorise the training points (train accuracy climbs) but test accuracy stays at "
                  "chance, about 50%.")


def _problem(params: dict, data: cd.Dataset | None = None) -> tuple[int, str]:
    """(classes, kind) for the data or, without data, for the data set named in the params."""
    if data is not None:
        classes = data.classes
    elif params["dataset"] in cd.REGRESSION:
        classes = 0
    elif params["dataset"] == "spiral3":
        classes = 3
    elif params["dataset"] == "blobs":
        classes = int(params["classes"])
    else:
        classes = 2
    return classes, ("regression" if classes == 0 else "classification")


def net_spec(params: dict, classes: int) -> NetSpec:
    """The network the parameters describe, for data with `classes` classes (0: regression)."""
    features = params["features"]
    if not features:
        raise SessionError(tr("features: choose at least one input feature"))
    hidden = list(params["layers"])
    acts = []
    per_layer = list(params.get("layer_activations") or [])
    for i in range(len(hidden)):
        own = per_layer[i] if i < len(per_layer) else "same"
        acts.append(params["activation"] if own == "same" else own)
    act_params = []
    for name in acts:
        p = activations.get(name).defaults()
        if "pieces" in p:
            p["pieces"] = int(params["maxout_pieces"])
        act_params.append(p)
    if classes == 0:
        n_out, output, loss = 1, "linear", "squared"
    elif classes == 2:
        loss = params["loss"]
        n_out, output = 1, ("sigmoid" if loss == "cross_entropy" else "tanh")
    else:
        n_out, output, loss = classes, "softmax", params["loss"]
    return NetSpec(len(features), hidden, acts, n_out, output, loss, act_params)


def expected_state(params: dict, data: dict | None = None) -> dict[str, tuple]:
    """Name -> shape of every array state() returns for these parameters (no torch needed); with a
    user's saved points (`data`, see check_data) their number of classes sets the output layer."""
    clean = validate_all(PARAMS, params)
    classes = int(data["classes"]) if data is not None else _problem(clean)[0]
    return {name: shape for name, shape, _ in param_shapes(net_spec(clean, classes))}


def check_data(data: dict) -> dict:
    """A saved `data` section (what snapshots carry as `saved_data`: a user's CSV or drawn points with
    their train/test split) as clean arrays; ValueError with a sentence naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(tr("the points must be an object"))
    classes = data.get("classes")
    if type(classes) is not int or not (classes == 0 or 2 <= classes <= 10):
        raise ValueError(tr("'classes' must be 0 (regression) or 2 to 10, not {value}", value=repr(classes)))
    out: dict[str, Any] = {"classes": classes, "name": "custom"}
    total = 0
    for part in ("train", "test"):
        x = data.get(f"x_{part}")
        y = data.get(f"y_{part}")
        if not isinstance(x, np.ndarray) or x.ndim != 2 or x.shape[1] != 2:
            raise ValueError(tr("'x_{part}' must be an array of (x1, x2) rows", part=part))
        if not isinstance(y, np.ndarray) or y.shape != (len(x),):
            raise ValueError(tr("'y_{part}' must hold one label per row of 'x_{part}'", part=part))
        if len(x) and np.abs(x).max() > 1e6:
            raise ValueError(tr("'x_{part}' has coordinates beyond ±1e6", part=part))
        if classes:
            if not np.all((y == np.round(y)) & (y >= 0) & (y < classes)):
                raise ValueError(tr("'y_{part}' must hold class numbers 0 to {last}", part=part, last=classes - 1))
            y = y.astype(int)
        out[f"x_{part}"], out[f"y_{part}"] = x.astype(float), y if classes else y.astype(float)
        total += len(x)
    if total < 2 or total > cd.MAX_ROWS:
        raise ValueError(tr("there must be 2 to {most} points, not {total}", most=cd.grouped(cd.MAX_ROWS), total=total))
    return out


def _display(spec: NetSpec, out: np.ndarray) -> np.ndarray:
    """Network outputs as the heatmap shows them: in [-1, 1] for one output (class 1 is positive)."""
    if spec.output == "sigmoid":
        return 2.0 * out[:, 0] - 1.0
    if spec.output == "softmax":
        return out
    return np.clip(out[:, 0], -1.0, 1.0) if spec.output == "linear" else out[:, 0]


class ClassifySession(TrainingSession):
    PARAMS = PARAMS
    lab_id = "classify"

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        self._gen_key = None  # what the current points were generated from
        self._draw = 0  # Regenerate: how many times new points were drawn for the same parameters
        self._custom = False  # points from a CSV file or drawn by hand
        self._data_version = 0
        self._version = 0  # bumps whenever the weights or data change, to cache the heatmaps
        self._cache: dict[str, Any] = {}
        self._focus: tuple | None = None  # (layer, unit) the user hovers: drawn big, at full resolution
        super().__init__(params, device)

    # --- data ------------------------------------------------------------------------------------
    def _gen(self) -> tuple:
        p = self.params
        return (p["dataset"], p["noise"], p["points"], p["classes"], p["seed"])

    def _generate(self) -> None:
        p = self.params
        rng = np.random.default_rng([p["seed"], self._draw])
        data = cd.generate(p["dataset"], rng, p["points"], p["noise"], p["classes"])
        self._set_points(data, rng)
        self._custom = False

    def _set_points(self, data: cd.Dataset, rng: np.random.Generator) -> None:
        train, test = cd.split(data, self.params["train_ratio"], rng)
        self.x_train, self.y_train = data.x[train], data.y[train]
        self.x_test, self.y_test = data.x[test], data.y[test]
        self.classes = data.classes
        self.data_name = data.name
        self._ratio = self.params["train_ratio"]
        self._data_version += 1

    def data(self) -> cd.Dataset:
        """All points, training ones first (what Export CSV writes)."""
        return cd.Dataset(np.concatenate([self.x_train, self.x_test]),
                          np.concatenate([self.y_train, self.y_test]), self.classes, self.data_name)

    def _targets(self, y: np.ndarray) -> np.ndarray:
        spec = self.spec
        if spec.output == "linear":
            return y.astype(float).reshape(-1, 1)
        if spec.output == "softmax":
            return np.eye(spec.n_out)[y.astype(int)]
        if spec.output == "tanh":
            return (2.0 * y - 1.0).reshape(-1, 1)  # TF Playground's -1 / +1 labels
        return y.astype(float).reshape(-1, 1)

    def _sync_data(self) -> None:
        """Hand the current points to the engine (weights untouched)."""
        feats = self.params["features"]
        self.f_train = cd.feature_matrix(self.x_train, feats)
        self.f_test = cd.feature_matrix(self.x_test, feats)
        self.t_train = self._targets(self.y_train)
        self.t_test = self._targets(self.y_test)
        self.net.set_data(self.f_train, self.t_train)
        self._version += 1

    # --- the session interface -------------------------------------------------------------------
    def _build(self) -> None:
        p = self.params
        gen = self._gen()
        if gen != self._gen_key:  # the data set's own parameters changed: fresh points
            self._draw = 0
            self._gen_key = gen
            self._generate()
        elif p["train_ratio"] != self._ratio:
            self._set_points(self.data(), np.random.default_rng([p["seed"], self._draw, 1]))
        self.spec = net_spec(p, self.classes)
        weights = init_params(self.spec, p["init"], np.random.default_rng([p["seed"], 2]))
        self.net = self._make_engine(weights)
        self._shuffle = np.random.default_rng([p["seed"], 4])
        self._configure()
        self._sync_data()
        self._hist_train: list[float] = []
        self._hist_test: list[float] = []
        self.train_loss, self.test_loss = self._losses()
        self._cache.clear()

    def _make_engine(self, weights: dict):
        if not _BLAS_LIMITED:
            _BLAS_LIMITED.append(limit_blas_threads(1))  # once per process; see its docstring
        return make_engine(self.spec, weights, device=self.device, seed=int(self.params["seed"]))

    def _configure(self) -> None:
        p = self.params
        self.net.configure(lr=p["lr"], optimizer=p["optimizer"], reg=p["regularization"],
                           reg_rate=p["reg_rate"], dropout=p["dropout"])

    def _apply_live(self, changed: dict) -> None:
        self._configure()
        if self.finished and ("stop_epoch" in changed or "stop_loss" in changed):
            self.finished = None  # a new target: training may go on

    @property
    def engine(self) -> str:
        return getattr(self.net, "label", engine_label(self.device))

    def _losses(self) -> tuple[float, float]:
        train = self.net.evaluate(self.f_train, self.t_train)[0] if len(self.f_train) else math.nan
        test = self.net.evaluate(self.f_test, self.t_test)[0] if len(self.f_test) else math.nan
        return train, test

    def _train_epoch(self) -> None:
        n = len(self.f_train)
        if n:  # the epoch and both losses after it in one call into the engine
            self.train_loss, self.test_loss = self.net.train_epoch_with_losses(
                self._shuffle.permutation(n), int(self.params["batch_size"]), self.f_test, self.t_test)
        else:
            self.train_loss, self.test_loss = self._losses()
        self.loss = self.train_loss if n else None
        self._hist_train.append(self.train_loss)
        self._hist_test.append(self.test_loss)
        self._version += 1
        done = self.epoch + 1
        p = self.params
        if p["stop_epoch"] and done >= p["stop_epoch"]:
            self.finished = tr("Stopped at epoch {epoch}, as asked.", epoch=done)
        elif p["stop_loss"] and self.test_loss < p["stop_loss"]:
            self.finished = tr("Test loss {loss} fell below {target} at epoch {epoch}.", loss=f"{self.test_loss:.4f}",
                               target=f"{p['stop_loss']:g}", epoch=done)

    def history(self) -> list[dict]:
        return [{"epoch": i + 1, "train_loss": tr, "test_loss": te}
                for i, (tr, te) in enumerate(zip(self._hist_train, self._hist_test))]

    def curves(self) -> dict:
        return {"train_loss": list(self._hist_train), "test_loss": list(self._hist_test)}

    def restore_curves(self, curves: dict) -> None:
        """Saved loss curves back after load_state; anything that does not fit is skipped whole."""
        train = checked_series(curves.get("train_loss"), self.epoch)
        test = checked_series(curves.get("test_loss"), self.epoch)
        if train is not None and test is not None and len(train) == len(test):
            self._hist_train, self._hist_test = train, test

    def state(self) -> dict[str, Any]:
        return self.net.params()

    def load_state(self, state: dict[str, Any], epoch: int = 0) -> None:
        shapes = {name: shape for name, shape, _ in param_shapes(self.spec)}
        unknown = [k for k in state if k not in shapes]
        if unknown:
            raise SessionError(tr("weights '{name}' do not belong to this network", name=unknown[0]))
        for name, shape in shapes.items():
            if name not in state:
                raise SessionError(tr("weights '{name}' are missing", name=name))
            check_shape(name, state[name], shape)
        self.net.load({k: np.asarray(v, dtype=float) for k, v in state.items()})
        self._configure()
        self.epoch = int(epoch)
        self.finished = None
        self._hist_train, self._hist_test = [], []
        self.train_loss, self.test_loss = self._losses()
        self.loss = self.train_loss if len(self.f_train) else None
        self._version += 1

    def restore_data(self, data: dict) -> None:
        """Take back a user's points exactly as saved (split included), and rebuild the network for
        their classes; the runner calls this before load_state when an experiment is opened."""
        try:
            clean = check_data(data)
        except ValueError as exc:
            raise SessionError(tr("the saved points cannot be used: {reason}", reason=exc)) from None
        self.x_train, self.y_train = clean["x_train"], clean["y_train"]
        self.x_test, self.y_test = clean["x_test"], clean["y_test"]
        self.classes = clean["classes"]
        self.data_name = "custom"
        self._custom = True
        self._ratio = self.params["train_ratio"]
        self._gen_key = self._gen()  # so _build keeps these points instead of generating new ones
        self._data_version += 1
        self.epoch, self.loss, self.finished = 0, None, None
        self._build()

    # --- custom commands from the view -----------------------------------------------------------
    def custom(self, name: str, **kw) -> None:
        """Live edits: set_weight, add_point, remove_point, regenerate, load_data, load_csv, focus."""
        handler = getattr(self, f"_cmd_{name}", None)
        if handler is None:
            raise SessionError(tr("unknown classify command {name}", name=repr(name)))
        handler(**kw)

    handle_command = custom  # the same thing under the other name a controller may use

    def _cmd_set_weight(self, param: str, index, value: float) -> None:
        """Set one number of parameter array `param` (e.g. layer0.weight at [i, j]) live."""
        name = param
        shapes = {n: s for n, s, _ in param_shapes(self.spec)}
        if name not in shapes:
            raise SessionError(tr("no parameter named {name}", name=repr(name)))
        index = tuple(int(i) for i in np.atleast_1d(index))
        if len(index) != len(shapes[name]) or any(not 0 <= i < s for i, s in zip(index, shapes[name])):
            raise SessionError(tr("{name} has shape {shape}; index {index} is outside it", name=name,
                                  shape=shapes[name], index=index))
        value = float(value)
        if not math.isfinite(value):
            raise SessionError(tr("a weight must be a finite number"))
        self.net.set_value(name, index, value)
        self.train_loss, self.test_loss = self._losses()
        self._version += 1

    def _cmd_focus(self, layer: int | None = None, unit: int | None = None) -> None:
        """Hovering neuron `unit` of hidden layer `layer`: snapshots add its full-size heatmap."""
        self._focus = None if layer is None or unit is None else (int(layer), int(unit))

    def _cmd_add_point(self, x1: float, x2: float, label, subset: str = "train") -> None:
        label = float(label) if self.classes == 0 else int(label)
        if self.classes and not 0 <= label < self.classes:
            raise SessionError(tr("class {label} does not exist here (0 to {last})", label=label, last=self.classes - 1))
        point = np.array([[float(x1), float(x2)]])
        if subset == "test":
            self.x_test = np.concatenate([self.x_test, point])
            self.y_test = np.concatenate([self.y_test, np.array([label], dtype=self.y_test.dtype)])
        else:
            self.x_train = np.concatenate([self.x_train, point])
            self.y_train = np.concatenate([self.y_train, np.array([label], dtype=self.y_train.dtype)])
        self._edited()

    def _cmd_remove_point(self, x1: float, x2: float, radius: float = 0.5) -> None:
        """Remove the point nearest (x1, x2), train or test, if it lies within `radius`."""
        best = None
        for subset in ("train", "test"):
            xs = getattr(self, f"x_{subset}")
            if len(xs):
                d = np.hypot(xs[:, 0] - x1, xs[:, 1] - x2)
                i = int(d.argmin())
                if d[i] <= radius and (best is None or d[i] < best[0]):
                    best = (d[i], subset, i)
        if best is None:
            return
        _, subset, i = best
        setattr(self, f"x_{subset}", np.delete(getattr(self, f"x_{subset}"), i, axis=0))
        setattr(self, f"y_{subset}", np.delete(getattr(self, f"y_{subset}"), i))
        self._edited()

    def _edited(self) -> None:
        self._custom = True
        self.data_name = "custom"
        self._data_version += 1
        self._sync_data()
        self.train_loss, self.test_loss = self._losses()

    def _cmd_regenerate(self) -> None:
        """New points from the same distribution; the weights stay as they are."""
        self._draw += 1
        before = self.classes
        self._generate()
        if self.classes != before:  # back from a user's file with other classes: a new output layer
            self.epoch, self.loss, self.finished = 0, None, None
            self._build()
            return
        self._sync_data()
        self.train_loss, self.test_loss = self._losses()

    def _cmd_load_data(self, x, y, name: str = "custom") -> None:
        x = np.asarray(x, dtype=float).reshape(-1, 2)
        y = np.asarray(y)
        if np.issubdtype(y.dtype, np.integer):
            data = cd.Dataset(x, y.astype(int), max(2, int(y.max()) + 1), "custom")
        else:
            data = cd.Dataset(x, y.astype(float), 0, "custom")
        self._load(data)

    def _cmd_load_csv(self, path: str) -> None:
        try:
            data = cd.read_csv(path)
        except cd.DataError as exc:
            raise SessionError(str(exc)) from None
        self._load(data)

    def _load(self, data: cd.Dataset) -> None:
        if len(data) < 2:
            raise SessionError(tr("the data needs at least 2 points"))
        self._set_points(data, np.random.default_rng([self.params["seed"], self._draw, 1]))
        self._custom = True
        self.data_name = "custom"
        # The number of classes may have changed: a new output layer, so a new model.
        self.epoch = 0
        self.loss = None
        self.finished = None
        self._build()  # keeps these points: the data set's parameters did not change

    # --- snapshots -------------------------------------------------------------------------------
    def _accuracy(self, f: np.ndarray, y: np.ndarray) -> tuple[float | None, np.ndarray | None]:
        if self.classes == 0:
            return None, None
        k = self.classes
        if not len(f):
            return None, np.zeros((k, k), dtype=int)
        pred = self.predict_classes(f)
        confusion = np.zeros((k, k), dtype=int)
        np.add.at(confusion, (y.astype(int), pred), 1)
        return float(np.mean(pred == y)), confusion

    def predict_classes(self, f: np.ndarray) -> np.ndarray:
        out = self.net.predict(f)
        if self.spec.output == "softmax":
            return out.argmax(axis=1)
        threshold = 0.0 if self.spec.output == "tanh" else 0.5
        return (out[:, 0] >= threshold).astype(int)

    def _grids(self) -> dict[str, Any]:
        """The heatmaps: output over a GRID x GRID plane, every neuron and feature on a smaller one.
        grid[i, j] is the value at x1 = axis[i], x2 = axis[j] (pyqtgraph's image order)."""
        key = (self._version, self._focus)
        if self._cache.get("key") == key:
            return self._cache["grids"]
        feats = self.params["features"]
        axis = np.linspace(-cd.EXTENT, cd.EXTENT, GRID)
        g1, g2 = np.meshgrid(axis, axis, indexing="ij")
        pts = np.stack([g1.ravel(), g2.ravel()], axis=1)
        focus = self._focus
        if focus is not None and (focus[0] >= len(self.spec.hidden) or focus[1] >= self.spec.hidden[focus[0]]):
            focus = None  # the network changed under the pointer
        if focus is None:
            out = self.net.predict(cd.feature_matrix(pts, feats))
        else:
            out, hidden_big = self.net.predict(cd.feature_matrix(pts, feats), hidden=True)
        out = _display(self.spec, out)
        small_axis = np.linspace(-cd.EXTENT, cd.EXTENT, NEURON_GRID)
        s1, s2 = np.meshgrid(small_axis, small_axis, indexing="ij")
        small = np.stack([s1.ravel(), s2.ravel()], axis=1)
        f_small = cd.feature_matrix(small, feats)
        small_out, hidden = self.net.predict(f_small, hidden=True)
        shape = (NEURON_GRID, NEURON_GRID)
        grids = {
            "grid_axis": axis,
            "neuron_axis": small_axis,
            "neuron_grids": [h.T.reshape(-1, *shape).astype(np.float32) for h in hidden],
            "feature_grids": f_small.T.reshape(-1, *shape).astype(np.float32),
            "output_small": _display(self.spec, small_out).T.reshape(-1, *shape).astype(np.float32)
            if self.spec.output == "softmax" else _display(self.spec, small_out).reshape(shape).astype(np.float32),
        }
        if self.spec.output == "softmax":
            probs = out.reshape(GRID, GRID, -1)
            grids["grid_probs"] = probs.astype(np.float32)
            grids["grid"] = probs.argmax(axis=2).astype(np.float32)
        else:
            grids["grid"] = out.reshape(GRID, GRID).astype(np.float32)
        if focus is not None:
            grids["focus"] = tuple(focus)
            grids["focus_grid"] = hidden_big[focus[0]][:, focus[1]].reshape(GRID, GRID).astype(np.float32)
        self._cache = {"key": key, "grids": grids}
        return grids

    def _history_arrays(self) -> dict[str, np.ndarray]:
        n = len(self._hist_train)
        if n <= HISTORY_POINTS:
            idx = np.arange(n)
        else:  # evenly spaced, always ending at the latest epoch
            idx = np.unique(np.linspace(0, n - 1, HISTORY_POINTS).round().astype(int))
        return {"history_epoch": idx + 1 + (self.epoch - n),
                "history_train": np.asarray(self._hist_train)[idx] if n else np.zeros(0),
                "history_test": np.asarray(self._hist_test)[idx] if n else np.zeros(0)}

    def _snapshot(self) -> dict[str, Any]:
        train_acc, train_conf = self._accuracy(self.f_train, self.y_train)
        test_acc, test_conf = self._accuracy(self.f_test, self.y_test)
        classes, problem = self.classes, ("regression" if self.classes == 0 else "classification")
        snap = {
            "problem": problem,
            "classes": classes,
            "dataset": self.data_name,
            "custom_data": self._custom,
            "features": list(self.params["features"]),
            "feature_labels": [cd.FEATURES[f][0] for f in self.params["features"]],
            "layers": list(self.spec.hidden),
            "activations": list(self.spec.activations),
            "pieces": [self.spec.pieces(h) for h in range(len(self.spec.hidden))],
            "output_unit": self.spec.output,
            "loss_kind": self.spec.loss,
            "train_loss": self.train_loss,
            "test_loss": self.test_loss,
            "train_accuracy": train_acc,
            "test_accuracy": test_acc,
            "confusion": test_conf,
            "confusion_train": train_conf,
            "chance_accuracy": (1.0 / classes) if classes else None,
            "state": self.net.params(),  # the weights: hover values, save, restart after a crash
            "x_train": self.x_train.copy(), "y_train": self.y_train.copy(),
            "x_test": self.x_test.copy(), "y_test": self.y_test.copy(),
            "data_version": self._data_version,
            "saved_data": None,
            "extent": cd.EXTENT,
            "note": tr(RANDOM_NOTE) if self.data_name == "random" else "",
            "finished": self.finished,
        }
        if self._custom:  # the same arrays as above (pickled once): Save and a restart keep the points
            snap["saved_data"] = {"classes": int(classes), **{k: snap[k] for k in
                                                             ("x_train", "y_train", "x_test", "y_test")}}
        snap.update(self._history_arrays())
        with np.errstate(over="ignore", invalid="ignore"):  # diverged weights draw as NaN, not warnings
            snap.update(self._grids())
        return snap


# The runner's DIVERGED_MESSAGE without "and press Reset": a headless run has no Reset button.
HEADLESS_DIVERGED = N_("Training diverged (the loss became {loss}): lower the learning rate.")


def run_headless(params: dict, epochs: int, extra: dict | None = None) -> tuple[dict, dict]:
    """Train with no window; returns (the JSON result, the final snapshot)."""
    extra = extra or {}
    clean = validate_all(PARAMS, params)
    if int(epochs) < 0:
        raise ParamError(tr("epochs: must be 0 or more"))
    session = ClassifySession(clean, device=extra.get("device") or "cpu")
    if extra.get("data"):
        session.custom("load_csv", path=extra["data"])
    wall, diverged_at = train_headless(session, int(epochs))
    snap = session.snapshot()

    def number(v):
        return None if v is None or not math.isfinite(v) else float(v)

    result = {
        "lab": "classify",
        "dataset": session.data_name,
        "problem": snap["problem"],
        "classes": snap["classes"],
        "params": dict(session.params),
        "engine": session.engine,
        "epochs": session.epoch,
        "train_loss": number(session.train_loss),
        "test_loss": number(session.test_loss),
        "train_accuracy": snap["train_accuracy"],
        "test_accuracy": snap["test_accuracy"],
        "confusion_matrix": snap["confusion"].tolist() if snap["confusion"] is not None else None,
        "n_train": int(len(session.x_train)),
        "n_test": int(len(session.x_test)),
        "wall_seconds": wall,
        "epochs_per_second": session.epoch / wall if wall > 0 else None,
        "stopped": session.finished,  # a stop condition's message, or None
        "diverged": diverged_at is not None,
        **({"message": tr(HEADLESS_DIVERGED, loss=session.loss),
            "diverged_epoch": diverged_at} if diverged_at is not None else {}),
        "history": [{k: (number(v) if k != "epoch" else v) for k, v in rec.items()} for rec in session.history()],
    }
    return result, snap


def bench_reference(params: dict, seconds: float) -> float:
    """Epochs per second of a bare torch loop on the same network, data and batch size: one shuffled
    pass of minibatches, then the training and test losses (what the lab's curves need), per epoch.
    It has no regulariser or dropout: with them on, the ratio flatters torch."""
    from playground.core.nets.reference import torch_reference

    session = ClassifySession(params)
    p = session.params
    spec = session.spec
    t_train, t_test = session.t_train, session.t_test
    return torch_reference(spec, session.f_train, t_train, int(p["batch_size"]), seconds, lr=p["lr"],
                           optimizer=p["optimizer"], seed=p["seed"],
                           eval_sets=[(session.f_train, t_train), (session.f_test, t_test)])
