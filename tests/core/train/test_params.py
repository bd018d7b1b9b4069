"""Parameter validation: every bad value is refused with a message naming the parameter."""
import pytest

from playground.core.train.params import Param, ParamError, validate, validate_all

LR = Param("lr", "Learning rate", "float", 0.03, minimum=1e-5, maximum=10)
LAYERS = Param("layers", "Layers", "int_list", [4, 2], item_minimum=1, item_maximum=16, max_items=8)
FEATURES = Param("features", "Features", "multi_choice", ["x1", "x2"], choices=("x1", "x2", "x1sq"))
DATA = Param("dataset", "Data", "choice", "xor", choices=("xor", "and"))


@pytest.mark.parametrize("raw, message", [("abc", "lr"), ("nan", "finite"), (100, "maximum"), (0, "minimum"),
                                          (True, "lr")])
def test_bad_floats_are_refused_with_the_reason(raw, message):
    with pytest.raises(ParamError, match=message):
        validate(LR, raw)


def test_lists_and_choices_parse_from_text():
    assert validate(LAYERS, "8, 8,8") == [8, 8, 8]
    assert validate(LAYERS, "") == []
    assert validate(FEATURES, "x1sq,x1") == ["x1", "x1sq"]
    assert validate(DATA, "XOR") == "xor"
    with pytest.raises(ParamError, match="17"):
        validate(LAYERS, "4,17")
    with pytest.raises(ParamError, match="at most 8"):
        validate(LAYERS, ",".join(["2"] * 9))
    with pytest.raises(ParamError, match="sinx"):
        validate(FEATURES, "x1,sinx")


def test_unknown_keys_are_refused_and_defaults_filled():
    with pytest.raises(ParamError, match="unknown parameter 'oops'"):
        validate_all([LR], {"oops": 1})
    assert validate_all([LR, DATA], {"lr": "0.1"}) == {"lr": 0.1, "dataset": "xor"}


# --- every constraint declared once: list lengths, emptiness, allowed values ------------------------------
import json  # noqa: E402

import numpy as np  # noqa: E402

from playground.core.train.params import describe  # noqa: E402

RACERS = Param("activations", "Racers", "multi_choice", ["relu", "tanh"], choices=("relu", "tanh", "sigmoid",
               "elu", "gelu"), min_items=2, max_items=4)
NONEMPTY = Param("features", "Features", "multi_choice", ["x1"], choices=("x1", "x2"), min_items=1)
SEED = Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1)


@pytest.mark.parametrize("raw", ["", ",,,", " , ", []])
def test_an_empty_list_is_refused_where_the_parameter_needs_one_value(raw):
    with pytest.raises(ParamError, match="features: must not be empty"):
        validate(NONEMPTY, raw)


@pytest.mark.parametrize("raw, message", [("relu", "at least 2"), ("relu,relu", "at least 2"),
                                          ("relu,tanh,sigmoid,elu,gelu", "at most 4"), ("", "at least 2")])
def test_a_list_outside_its_count_limits_is_refused(raw, message):
    with pytest.raises(ParamError, match=message):
        validate(RACERS, raw)
    assert validate(RACERS, "tanh,relu,elu,gelu") == ["relu", "tanh", "elu", "gelu"]


def test_a_declaration_whose_default_breaks_its_own_constraints_is_refused_at_once():
    with pytest.raises(ParamError, match="at least 2"):
        Param("activations", "Racers", "multi_choice", ["relu"], choices=("relu", "tanh"), min_items=2)
    with pytest.raises(ParamError, match="maximum"):
        Param("lr", "lr", "float", 20.0, minimum=0.0, maximum=10.0)


def test_choice_lists_keep_order_and_repeats_and_refuse_unknown_names():
    p = Param("layer_activations", "Per layer", "choice_list", [], choices=("same", "tanh", "relu"), max_items=3)
    assert validate(p, "relu, tanh,relu") == ["relu", "tanh", "relu"]
    assert validate(p, "") == []
    with pytest.raises(ParamError, match="'swish' is not one of"):
        validate(p, "tanh,swish")
    with pytest.raises(ParamError, match="at most 3"):
        validate(p, "tanh,tanh,tanh,tanh")


def test_range_errors_show_the_value_as_typed_and_integer_bounds_as_integers():
    with pytest.raises(ParamError) as err:
        validate(SEED, "2147483648")
    assert str(err.value) == "seed: 2147483648 is above the maximum 2147483647"
    with pytest.raises(ParamError, match=r"seed: -1 is below the minimum 0$"):
        validate(SEED, -1)
    with pytest.raises(ParamError, match="1e308 is above the maximum 10"):
        validate(LR, "1e308")
    for garbage in ("0.5.5", "abc", "1e400", "nan", ""):
        with pytest.raises(ParamError):
            validate(LR, garbage)


def test_describe_says_the_constraints_in_words():
    assert describe(SEED) == "0 to 2147483647"
    assert describe(LAYERS) == "up to 8 comma-separated whole numbers, each 1 to 16"
    assert describe(RACERS).startswith("2 to 4 of relu, tanh")
    assert "several" in describe(RACERS)
    assert describe(DATA) == "one of: xor, and"


def _lab_cores():
    import importlib

    from playground.registry import LABS

    return [(lab.id, importlib.import_module(lab.core)) for lab in LABS]


@pytest.mark.parametrize("lab_id, core", _lab_cores(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_lab_declares_list_limits_its_session_relies_on(lab_id, core):
    """An empty list is accepted only where the lab declares it may be empty; and whatever validate()
    accepts at the edge of a list's limits, the lab's session builds without raising."""
    from playground.core.train.runner import load_factory
    from playground.core.train.session import SessionError

    factory = load_factory(core.SESSION)
    for p in core.PARAMS:
        if p.kind not in ("int_list", "multi_choice", "choice_list"):
            continue
        if p.min_items:
            with pytest.raises(ParamError):
                validate(p, "")
        edge_values = []
        if p.kind == "multi_choice":
            n = p.max_items or len(p.choices)
            edge_values += [list(p.choices[:p.min_items or 0]) or [], list(p.choices[:n])]
        for value in edge_values:
            try:
                clean = validate(p, value)
            except ParamError:
                continue
            try:
                factory({p.name: clean})
            except SessionError as exc:  # pragma: no cover - the failure this test exists for
                pytest.fail(f"{lab_id}: {p.name}={clean} passes validate() but the session refuses it: {exc}")


# --- a session applies a change entirely or not at all ---------------------------------------------------
from playground.core.train.session import SessionError, TrainingSession  # noqa: E402


class _Fragile(TrainingSession):
    PARAMS = [Param("width", "width", "int", 2, minimum=1, maximum=10),
              Param("lr", "lr", "float", 0.1, minimum=0.0, maximum=10.0, live=True)]

    def _build(self):
        self.w = np.zeros(self.params["width"])  # replaced first, as real builds do
        if self.params["width"] == 7:
            raise SessionError("seven is not buildable")
        self.engine_lr = self.params["lr"]

    def _apply_live(self, changed):
        self.engine_lr = self.params["lr"]
        self.live_calls = getattr(self, "live_calls", 0) + 1
        if self.params["lr"] == 5.0:
            raise SessionError("this optimiser refuses 5")

    def _train_epoch(self):
        self.w = self.w + self.engine_lr

    def _snapshot(self):
        return {"w": self.w.copy()}


def test_a_rebuild_that_fails_leaves_the_session_exactly_as_it_was():
    s = _Fragile({"width": 3})
    s.step(4)
    model, epoch = s.w, s.epoch
    with pytest.raises(SessionError, match="seven"):
        s.apply({"width": 7})
    assert s.params["width"] == 3 and s.w is model and s.epoch == epoch
    s.step(1)  # it still trains and draws
    assert s.snapshot()["w"].shape == (3,)


def test_a_live_change_that_fails_is_undone_in_the_engine_too():
    s = _Fragile({"lr": 0.5})
    with pytest.raises(SessionError, match="refuses 5"):
        s.apply({"lr": 5.0})
    assert s.params["lr"] == 0.5 and s.engine_lr == 0.5


def test_a_refused_value_changes_nothing():
    s = _Fragile({"width": 3})
    with pytest.raises(ParamError):
        s.apply({"width": 11})
    assert s.params["width"] == 3


def test_classify_stays_whole_when_its_rebuild_fails(monkeypatch):
    from playground.labs.classify import core as classify

    s = classify.ClassifySession({})
    s.step(2)
    before = s.snapshot()
    with pytest.raises(ParamError):
        s.apply({"features": []})
    real = classify.net_spec

    def failing(params, classes):
        if params["layers"] == [3]:
            raise SessionError("no network for you")
        return real(params, classes)

    monkeypatch.setattr(classify, "net_spec", failing)
    with pytest.raises(SessionError):
        s.apply({"layers": [3]})
    assert s.params["layers"] == [4, 2] and s.params["features"] == ["x1", "x2"]
    after = s.snapshot()
    assert after["epoch"] == before["epoch"]
    np.testing.assert_array_equal(after["state"]["W0"] if "W0" in after["state"] else
                                  next(iter(after["state"].values())),
                                  before["state"]["W0"] if "W0" in before["state"] else
                                  next(iter(before["state"].values())))
    s.step(1)


def test_experiment_files_with_a_list_outside_its_limits_are_refused(tmp_path):
    from playground.core.train.experiment import ExperimentError, load_experiment, save_experiment
    from playground.labs.activations import core as act

    s = act.ActivationsSession({})
    path = save_experiment(tmp_path / "a.npexp.json", "activations", s.params, s.state(), 0)
    doc = json.loads(path.read_text())
    for bad in (["relu"], ["relu", "tanh", "sigmoid", "elu", "gelu"]):
        doc["params"]["activations"] = bad
        path.write_text(json.dumps(doc))
        with pytest.raises(ExperimentError, match="activations"):
            load_experiment(path)


# --- the same error every frame is reported once ----------------------------------------------------------
class _CannotDraw(_Fragile):
    def _snapshot(self):
        raise RuntimeError("the frame cannot be drawn")


def test_a_snapshot_that_always_fails_is_reported_once_not_every_frame():
    from playground.core.train.runner import Runner

    now = [0.0]
    runner = Runner(clock=lambda: now[0])
    runner.session = _CannotDraw({})
    runner.playing = True
    events = []
    for _ in range(200):
        now[0] += 0.05
        events += runner.tick()
    errors = [e for e in events if e["ev"] == "error"]
    assert len(errors) == 1 and not runner.playing
    events = runner.handle({"op": "reset"})  # a new command tries again, and reports again
    assert [e["ev"] for e in events] == ["error"]

