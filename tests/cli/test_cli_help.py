"""Command-line help a user can read: the subcommands in the usage, the labs with their summaries,
every option's default and range (integers as integers), several-valued options said to take several,
one unit per quantity in every lab, no window words, and errors that repeat the value as typed."""
import importlib
import json
import re

import pytest

from playground import cli
from playground.core.train.params import LIST_KINDS
from playground.registry import LABS

# Words about the window that mean nothing on a command line.
GUI_WORDS = re.compile(r"\b(click|drag|slider|button|check ?box|panel|tab|toolbar|menu|press|tick)\b", re.I)


def _help(capsys, *argv) -> str:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    assert code == 0, out.err
    # argparse wraps lines (and breaks "comma-separated" at its hyphen): compare on single spaces
    return " ".join(out.out.split()).replace("comma- separated", "comma-separated")


def _error(capsys, *argv) -> str:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    assert code == 2 and out.out == ""
    assert len(out.err.strip().splitlines()) == 1, out.err  # one line, never a traceback
    return out.err


def test_the_main_usage_names_run_and_bench(capsys):
    text = _help(capsys, "--help")
    assert "playground run LAB" in text and "playground bench [LAB]" in text
    for lab in LABS:
        assert lab.id in text


def test_run_help_lists_every_lab_with_its_summary(capsys):
    text = _help(capsys, "run", "--help")
    for lab in LABS:
        assert f"{lab.id} {' '.join(lab.summary.split())}" in text


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_every_option_of_every_lab_shows_its_default_and_range(capsys, lab):
    core = importlib.import_module(lab.core)
    text = _help(capsys, "run", lab.id, "--help")
    epochs = getattr(core, "DEFAULT_EPOCHS", 100)
    assert f"(default {epochs})" in text and "(default cpu)" in text
    options = re.split(r" (?=--[a-z][a-z0-9-]* [A-Z])", text)  # at each "--option METAVAR"
    for p in core.PARAMS:
        if not p.cli:
            continue
        entry = next(o for o in options if o.startswith(p.option + " "))
        assert "default" in entry, p.option
        if p.kind in ("int", "float") and p.minimum is not None and p.maximum is not None:
            assert " to " in entry, p.option
        if p.kind == "int":
            assert not re.search(r"\d e[+-]?\d|\de\+\d", entry), f"{p.option}: {entry}"
        if p.kind == "multi_choice":
            assert "several" in entry, p.option
        if p.kind in LIST_KINDS:
            assert "comma-separated" in entry, p.option
    assert not GUI_WORDS.search(text), GUI_WORDS.search(text).group(0)


def test_integer_ranges_print_as_integers(capsys):
    text = _help(capsys, "run", "classify", "--help")
    assert "[0 to 2147483647]" in text and "2.14748e+09" not in text
    assert "[0 to 10000000]" in text  # --stop-epoch, not 1e+07


def test_bench_help_shows_the_seconds_default(capsys):
    text = _help(capsys, "bench", "--help")
    assert "--seconds S how long to train at full speed, 0.5 to 600 (default 5)" in text


def test_a_range_error_repeats_the_value_as_typed(capsys):
    err = _error(capsys, "run", "classify", "--seed", "2147483648")
    assert "--seed: seed: 2147483648 is above the maximum 2147483647" in err
    err = _error(capsys, "run", "classify", "--dropout", "1e308")
    assert "1e308 is above the maximum 0.9" in err


@pytest.mark.parametrize("args, reason", [
    (["run", "classify", "--features", ""], "features: must not be empty"),
    (["run", "classify", "--features", ",,,"], "features: must not be empty"),
    (["run", "activations", "--activations", "relu"], "at least 2"),
    (["run", "activations", "--activations", "relu,tanh,sigmoid,elu,gelu"], "at most 4"),
    (["run", "classify", "--layer-activations", "relu,swish"], "'swish' is not one of"),
])
def test_a_list_outside_its_limits_is_refused_before_training(capsys, args, reason):
    assert reason in _error(capsys, *args)


@pytest.mark.parametrize("lab_id", ["perceptron", "classify"])
def test_the_scatter_of_labelled_points_is_a_percentage_in_both_labs(capsys, lab_id):
    core = importlib.import_module(f"playground.labs.{lab_id}.core")
    noise = next(p for p in core.PARAMS if p.name == "noise")
    assert noise.unit == "%" and (noise.minimum, noise.maximum) == (0, 50)
    assert "--noise PERCENT" in _help(capsys, "run", lab_id, "--help")
    assert "[0 to 50 %]" in _help(capsys, "run", lab_id, "--help")


def test_per_layer_activations_are_one_list_option(capsys):
    text = _help(capsys, "run", "classify", "--help")
    assert "--activation-1" not in text and "--layer-activations NAME,..." in text
    from playground.labs.classify import core

    result, _ = core.run_headless(cli._collect_params(_NoParser(), _Args(layer_activations="relu,same,sigmoid",
                                                                          layers="3,3,2"), core), 1, {})
    session = core.ClassifySession({"layers": [3, 3, 2], "layer_activations": ["relu", "same", "sigmoid"]})
    assert session.spec.activations == ["relu", "tanh", "sigmoid"]


class _NoParser:
    def error(self, message):  # pragma: no cover - reached only if the values were refused
        raise AssertionError(message)


class _Args:
    def __init__(self, **values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        return None


def _v1_file(tmp_path, lab, params, state):
    doc = {"format": "neural-playground-experiment", "version": 1, "lab": lab, "params": params,
           "epoch": 3, "state": {k: {"dtype": "float64", "shape": list(v.shape), "data": v.ravel().tolist()}
                                 for k, v in state.items()}}
    path = tmp_path / f"{lab}-v1.npexp.json"
    path.write_text(json.dumps(doc))
    return path


def test_old_files_with_activation_n_and_fractional_noise_still_open(tmp_path):
    from playground.core.train.experiment import load_experiment
    from playground.labs.classify.core import ClassifySession
    from playground.labs.perceptron.core import PerceptronSession

    s = ClassifySession({"layers": [3, 2], "layer_activations": ["same", "relu"]})
    old = {"layers": [3, 2], "activation_2": "relu", "activation_1": "same", "activation_5": "same"}
    exp = load_experiment(_v1_file(tmp_path, "classify", old, s.state()))
    assert exp.params["layer_activations"] == ["same", "relu"]
    assert "activation_2" not in exp.params

    p = PerceptronSession({"noise": 10.0})
    exp = load_experiment(_v1_file(tmp_path, "perceptron", {"noise": 0.1, "points": 5}, p.state()))
    assert exp.params["noise"] == pytest.approx(10.0)
