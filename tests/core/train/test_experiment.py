"""Experiment files: a save/load round trip is exact, saving is atomic, and every kind of damaged or
hand-edited file is refused with an ExperimentError whose one-line message names the problem. A tiny
fake lab stands in for the real ones, so these tests depend only on the file format."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from playground.core.train import experiment as ex
from playground.core.train.experiment import Experiment, ExperimentError, load_experiment, save_experiment
from playground.core.train.params import Param


# --- a fake lab: two layers whose width is a parameter -------------------------------------------

FAKE_PARAMS = (
    Param("dataset", "Data", "choice", "xor", choices=("and", "or", "xor")),
    Param("hidden", "Hidden width", "int", 2, minimum=1, maximum=8),
    Param("lr", "Learning rate", "float", 0.1, minimum=1e-4, maximum=10, live=True),
    Param("seed", "Seed", "int", 0, minimum=0, maximum=2**31 - 1),
)


def fake_expected_state(params):
    h = params["hidden"]
    return {"w1": (2, h), "b1": (h,), "w2": (h, 1), "b2": (1,)}


FAKE_LAB = SimpleNamespace(PARAMS=FAKE_PARAMS, expected_state=fake_expected_state)


def fake_lookup(lab_id):
    if lab_id != "fake":
        raise KeyError(f"unknown lab {lab_id!r}; choose one of fake")
    return FAKE_LAB


def load(path):
    return load_experiment(path, lab_lookup=fake_lookup)


def fake_state(hidden=3, seed=1):
    rng = np.random.default_rng(seed)
    return {"w1": rng.normal(size=(2, hidden)), "b1": rng.normal(size=hidden),
            "w2": rng.normal(size=(hidden, 1)), "b2": rng.normal(size=1).astype(np.float32)}


PARAMS = {"dataset": "xor", "hidden": 3, "lr": 0.03, "seed": 7}


@pytest.fixture
def saved(tmp_path):
    """A valid experiment file and its parsed JSON, for the corruption tests to damage."""
    path = tmp_path / "exp.json"
    save_experiment(path, "fake", PARAMS, fake_state(), epoch=42, view={"tab": "regions"})
    return path, json.loads(path.read_text())


def write_doc(path, doc):
    path.write_text(json.dumps(doc))
    return path


def assert_refused(path, *words):
    with pytest.raises(ExperimentError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    return message


# --- round trip ----------------------------------------------------------------------------------

def test_round_trip_restores_lab_params_epoch_view_and_exact_weights(tmp_path):
    state = fake_state()
    path = save_experiment(tmp_path / "exp.json", "fake", PARAMS, state, epoch=42, view={"tab": "regions"})
    exp = load(path)
    assert isinstance(exp, Experiment)
    assert (exp.lab, exp.params, exp.epoch, exp.view, exp.version) == ("fake", PARAMS, 42, {"tab": "regions"}, ex.FORMAT_VERSION)
    assert set(exp.state) == set(state)
    for name, array in state.items():
        assert exp.state[name].dtype == array.dtype  # float32 stays float32
        assert exp.state[name].shape == array.shape
        assert np.array_equal(exp.state[name], array)  # bit-exact, not merely close
    assert exp.app_version and exp.saved_at


def test_round_trip_accepts_nested_lists_and_numpy_scalars(tmp_path):
    state = {"w1": [[1, 2], [3, 4]], "b1": [0.5, -0.5], "w2": [[1.0], [2.0]], "b2": [0]}
    params = {"dataset": "and", "hidden": np.int64(2), "lr": np.float32(0.5), "seed": 0}
    path = save_experiment(tmp_path / "exp.json", "fake", params, state, epoch=np.int64(3))
    exp = load(path)
    assert exp.params["hidden"] == 2 and exp.epoch == 3 and exp.view == {}
    assert exp.state["w1"].dtype == np.float64
    assert np.array_equal(exp.state["w1"], [[1, 2], [3, 4]])


def test_saved_file_is_the_documented_readable_json(saved):
    path, doc = saved
    assert doc["format"] == "neural-playground-experiment" and doc["version"] == ex.FORMAT_VERSION
    assert doc["lab"] == "fake" and doc["params"] == PARAMS and doc["epoch"] == 42
    assert doc["state"]["w1"]["shape"] == [2, 3] and len(doc["state"]["w1"]["data"]) == 6
    assert doc["saved_at"].endswith("+00:00")
    # each array on one line, so the file stays readable and diffable
    assert sum('"dtype"' in line for line in path.read_text().splitlines()) == 4


def test_missing_parameter_takes_its_default(saved):
    path, doc = saved
    del doc["params"]["lr"]
    assert load(write_doc(path, doc)).params["lr"] == 0.1


def test_unknown_top_level_keys_are_ignored_for_forward_compatibility(saved):
    path, doc = saved
    doc["notes"] = "added by a later 1.x app"
    assert load(write_doc(path, doc)).epoch == 42


def test_module_imports_neither_torch_nor_qt():
    code = ("import sys, playground.core.train.experiment; "
            "bad = [m for m in ('torch', 'PySide6', 'pyqtgraph') if m in sys.modules]; "
            "print(', '.join(bad)); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- atomic saving -------------------------------------------------------------------------------

def _half_write_then_fail(fh, text):
    fh.write(text[: len(text) // 2])
    fh.flush()
    raise OSError(28, "No space left on device")


def test_failure_mid_write_keeps_old_file_and_leaves_no_temp_file(saved, monkeypatch):
    path, _ = saved
    before = path.read_bytes()
    monkeypatch.setattr(ex, "_write_all", _half_write_then_fail)
    with pytest.raises(ExperimentError, match="No space left on device"):
        save_experiment(path, "fake", {**PARAMS, "hidden": 5}, fake_state(hidden=5), epoch=99)
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == [path.name]
    assert load(path).epoch == 42


def test_failure_at_fsync_keeps_old_file_and_leaves_no_temp_file(saved, monkeypatch):
    path, _ = saved
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(ex.os, "fsync", broken_fsync)
    with pytest.raises(ExperimentError, match="Input/output error"):
        save_experiment(path, "fake", PARAMS, fake_state(), epoch=99)
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == [path.name]


def test_failed_first_save_creates_no_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ex, "_write_all", _half_write_then_fail)
    with pytest.raises(ExperimentError):
        save_experiment(tmp_path / "new.json", "fake", PARAMS, fake_state(), epoch=0)
    assert os.listdir(tmp_path) == []


def test_interrupt_mid_write_also_cleans_up(saved, monkeypatch):
    path, _ = saved
    before = path.read_bytes()

    def interrupted(fh, text):
        fh.write(text[:10])
        raise KeyboardInterrupt

    monkeypatch.setattr(ex, "_write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_experiment(path, "fake", PARAMS, fake_state(), epoch=1)
    assert path.read_bytes() == before and os.listdir(path.parent) == [path.name]


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_saving_non_finite_weights_is_refused_and_keeps_old_file(saved, bad):
    path, _ = saved
    before = path.read_bytes()
    state = fake_state()
    state["w1"][0, 0] = bad
    with pytest.raises(ExperimentError, match="w1.*NaN or infinite"):
        save_experiment(path, "fake", PARAMS, state, epoch=1)
    assert path.read_bytes() == before


@pytest.mark.parametrize("value", [[[1, 2], [3]], ["a", "b"], np.array([1j])])
def test_saving_non_numeric_or_ragged_weights_is_refused(tmp_path, value):
    with pytest.raises(ExperimentError, match="'w1'.*real numbers"):
        save_experiment(tmp_path / "e.json", "fake", PARAMS, {"w1": value}, epoch=0)
    assert os.listdir(tmp_path) == []


def test_saving_unserialisable_params_or_bad_epoch_is_refused(tmp_path):
    with pytest.raises(ExperimentError, match="not storable as JSON"):
        save_experiment(tmp_path / "e.json", "fake", {"lr": object()}, {}, epoch=0)
    with pytest.raises(ExperimentError, match="epoch"):
        save_experiment(tmp_path / "e.json", "fake", PARAMS, {}, epoch=-1)
    assert os.listdir(tmp_path) == []


def test_saving_into_a_missing_folder_names_the_folder(tmp_path):
    with pytest.raises(ExperimentError, match="does not exist"):
        save_experiment(tmp_path / "nope" / "e.json", "fake", PARAMS, fake_state(), epoch=0)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_replacing_a_file_keeps_its_permissions(saved):
    path, _ = saved
    os.chmod(path, 0o640)
    save_experiment(path, "fake", PARAMS, fake_state(), epoch=43)
    assert path.stat().st_mode & 0o777 == 0o640


# --- damaged files -------------------------------------------------------------------------------

def test_truncated_file_says_truncated_with_line_and_column(saved):
    path, _ = saved
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    assert_refused(path, "truncated", "line", "column")


def test_every_truncation_point_gives_experiment_error(saved):
    path, _ = saved
    text = path.read_text().rstrip()
    for cut in range(1, len(text), max(1, len(text) // 200)):
        path.write_text(text[:cut])
        with pytest.raises(ExperimentError):
            load(path)


def test_garbage_bytes_are_not_an_experiment(saved):
    path, _ = saved
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    assert_refused(path, "not a text file")


def test_text_that_is_not_json_names_line_and_column(saved):
    path, _ = saved
    path.write_text('{\n  "format": "neural-playground-experiment",\n  version: 1\n}')
    assert_refused(path, "not valid JSON", "line 3, column 3")


def test_empty_file(saved):
    path, _ = saved
    path.write_text("  \n")
    assert_refused(path, "empty")


def test_missing_file_and_folder(tmp_path):
    assert_refused(tmp_path / "nowhere.json", "does not exist")
    assert_refused(tmp_path, "folder")


def test_json_that_is_not_an_object(saved):
    path, _ = saved
    path.write_text("[1, 2, 3]")
    assert_refused(path, "not a JSON object")


@pytest.mark.parametrize("fmt, word", [("tensorflow-playground", "tensorflow-playground"), (None, "format")])
def test_wrong_or_missing_format(saved, fmt, word):
    path, doc = saved
    if fmt is None:
        del doc["format"]
    else:
        doc["format"] = fmt
    assert_refused(write_doc(path, doc), "not a Neural Playground experiment", word)


def test_newer_version_says_which_version_this_app_reads(saved):
    path, doc = saved
    doc["version"] = 7
    doc["app_version"] = "3.0.0"
    assert_refused(write_doc(path, doc), "version 7", "3.0.0", f"up to {ex.FORMAT_VERSION}", "update")


@pytest.mark.parametrize("version", [0, -1, "1", 1.0, True, None])
def test_impossible_or_non_integer_version(saved, version):
    path, doc = saved
    doc["version"] = version
    assert_refused(write_doc(path, doc), "version")


def test_unknown_lab_lists_the_known_labs(saved):
    path, doc = saved
    doc["lab"] = "quantum"
    assert_refused(write_doc(path, doc), "quantum", "choose one of fake")


def test_unknown_lab_with_the_real_registry_lists_its_labs(saved):
    path, doc = saved
    doc["lab"] = "quantum"
    with pytest.raises(ExperimentError, match="'quantum'.*perceptron"):
        load_experiment(write_doc(path, doc))


def test_missing_lab(saved):
    path, doc = saved
    del doc["lab"]
    assert_refused(write_doc(path, doc), "which lab")


@pytest.mark.parametrize("key, value, words", [
    ("lr", -5, ("bad parameter", "lr", "minimum")),
    ("lr", "fast", ("bad parameter", "lr", "'fast'")),
    ("hidden", 2.5, ("bad parameter", "hidden")),
    ("hidden", 99, ("bad parameter", "hidden", "maximum")),
    ("dataset", "spiral", ("bad parameter", "dataset", "spiral")),
    ("momentum", 0.9, ("bad parameter", "unknown parameter", "momentum")),
])
def test_hand_edited_bad_parameter_is_named(saved, key, value, words):
    path, doc = saved
    doc["params"][key] = value
    assert_refused(write_doc(path, doc), *words)


def test_params_not_an_object(saved):
    path, doc = saved
    doc["params"] = [1, 2]
    assert_refused(write_doc(path, doc), "bad parameter", "object")


@pytest.mark.parametrize("epoch, word", [(-3, "negative"), (1.5, "whole number"), ("10", "whole number"),
                                         (None, "whole number")])
def test_bad_epoch(saved, epoch, word):
    path, doc = saved
    doc["epoch"] = epoch
    assert_refused(write_doc(path, doc), "epoch", word)


def test_wrong_array_shape_names_the_array_and_both_shapes(saved):
    path, doc = saved
    doc["state"]["w1"]["shape"] = [3, 2]
    assert_refused(write_doc(path, doc), "'w1'", "(3, 2)", "(2, 3)")


def test_weights_that_do_not_fit_an_edited_width_are_refused(saved):
    path, doc = saved
    doc["params"]["hidden"] = 4  # the stored arrays were trained with width 3
    assert_refused(write_doc(path, doc), "shape", "(2, 4)")


def test_data_length_not_matching_shape(saved):
    path, doc = saved
    doc["state"]["b1"]["data"].pop()
    assert_refused(write_doc(path, doc), "'b1'", "2 numbers", "needs 3")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_weights_are_refused(saved, literal):
    path, _ = saved
    text = path.read_text()
    doc = json.loads(text)
    first = json.dumps(doc["state"]["w1"]["data"][0])
    path.write_text(text.replace(f'"data": [{first}', f'"data": [{literal}', 1))
    assert_refused(path, "'w1'", "NaN or infinite")


@pytest.mark.parametrize("value", ["0.5", True, None, [1.0], {"x": 1}])
def test_non_numeric_weights_are_refused(saved, value):
    path, doc = saved
    doc["state"]["w2"]["data"][1] = value
    assert_refused(write_doc(path, doc), "'w2'", "not a number")


def test_number_too_large_for_float32(saved):
    path, doc = saved
    doc["state"]["b2"]["data"] = [1e300]
    assert_refused(write_doc(path, doc), "'b2'", "float32")


def test_missing_and_extra_arrays_are_named(saved):
    path, doc = saved
    del doc["state"]["b2"]
    assert_refused(write_doc(path, doc), "missing", "'b2'")
    doc = json.loads(json.dumps(doc))
    doc["state"]["b2"] = {"dtype": "float64", "shape": [1], "data": [0.0]}
    doc["state"]["w3"] = {"dtype": "float64", "shape": [1], "data": [0.0]}
    assert_refused(write_doc(path, doc), "'w3'", "does not use")


@pytest.mark.parametrize("entry, word", [
    ([1, 2], "must be an object"),
    ({"dtype": "int8", "shape": [1], "data": [1]}, "dtype"),
    ({"dtype": "float64", "shape": "1", "data": [1]}, "shape"),
    ({"dtype": "float64", "shape": [-1], "data": [1]}, "shape"),
    ({"dtype": "float64", "shape": [1]}, "data"),
])
def test_malformed_array_entries(saved, entry, word):
    path, doc = saved
    doc["state"]["b2"] = entry
    assert_refused(write_doc(path, doc), "'b2'", word)


@pytest.mark.parametrize("state", [None, [], "weights"])
def test_state_that_is_not_an_object(saved, state):
    path, doc = saved
    doc["state"] = state
    assert_refused(write_doc(path, doc), "state")


def test_view_that_is_not_an_object(saved):
    path, doc = saved
    doc["view"] = "zoomed"
    assert_refused(write_doc(path, doc), "view")


def test_random_byte_damage_never_escapes_as_another_exception(saved):
    path, _ = saved
    original = path.read_bytes()
    rng = random.Random(0)
    for _ in range(300):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        try:
            exp = load(path)
        except ExperimentError:
            continue
        assert all(np.all(np.isfinite(a)) for a in exp.state.values())


# --- migration -----------------------------------------------------------------------------------

def test_migrate_leaves_a_current_document_alone():
    doc = {"format": ex.FORMAT_NAME, "version": ex.FORMAT_VERSION, "lab": "fake"}
    assert ex.migrate(doc) == doc


def test_an_older_version_is_migrated_step_by_step_before_validation(saved, monkeypatch):
    """Pretend the app now reads version 3 and that version 2 called the epoch "iterations"; a
    version-1 file then takes both steps (1 -> 2 adds "data", 2 -> 3 renames)."""
    path, doc = saved
    doc["iterations"] = doc.pop("epoch")
    doc["version"] = 1
    del doc["data"]

    def v2_to_v3(old):
        new = {**old, "version": 3, "epoch": old["iterations"]}
        del new["iterations"]
        return new

    monkeypatch.setattr(ex, "FORMAT_VERSION", 3)
    monkeypatch.setitem(ex._MIGRATIONS, 2, v2_to_v3)
    exp = load(write_doc(path, doc))
    assert exp.epoch == 42 and exp.data is None
    assert exp.version == 1  # the version the file was written in
    assert "iterations" in doc  # the caller's document is not changed in place


def test_without_its_migration_step_the_old_layout_is_refused(saved):
    path, doc = saved
    doc["iterations"] = doc.pop("epoch")
    assert_refused(write_doc(path, doc), "epoch")


# --- issue 8: numbers out of range, files with no fixed size, the lab's own checks, custom data ------

@pytest.mark.parametrize("epoch_text", ["1e30", str(2**63), str(ex.MAX_EPOCH + 1)])
def test_an_epoch_beyond_the_command_lines_maximum_is_refused(saved, epoch_text):
    path, doc = saved
    text = json.dumps(doc).replace('"epoch": 42', f'"epoch": {epoch_text}')
    path.write_text(text)
    message = assert_refused(path, "exp.json", "epoch")
    assert len(message) < 200


def test_an_integer_of_5000_digits_names_the_file_not_pythons_limit(saved):
    path, doc = saved
    path.write_text(json.dumps(doc).replace('"epoch": 42', '"epoch": ' + "9" * 5000))
    message = assert_refused(path, "exp.json", "digits")
    assert "limit" not in message and "conversion" not in message and len(message) < 200


def test_a_fifo_and_a_link_to_dev_zero_are_refused_without_hanging(tmp_path):
    fifo = tmp_path / "fifo.npexp.json"
    os.mkfifo(fifo)
    assert_refused(fifo, "fifo.npexp.json", "FIFO")
    zero = tmp_path / "zero.npexp.json"
    os.symlink("/dev/zero", zero)
    assert_refused(zero, "zero.npexp.json", "device")


def test_the_labs_own_refusal_names_the_file_without_command_line_advice(saved):
    from playground.core.train.session import SessionError

    def picky(params):
        raise SessionError("the race needs two different activations, e.g. --activations relu,tanh")

    lab = SimpleNamespace(PARAMS=FAKE_PARAMS, expected_state=picky)
    path, _ = saved
    with pytest.raises(ExperimentError) as info:
        load_experiment(path, lab_lookup=lambda _id: lab)
    message = str(info.value)
    assert "exp.json" in message and "two different activations" in message
    assert "--activations" not in message


def test_any_unexpected_failure_is_still_an_experiment_error_naming_the_file(saved):
    def broken(params):
        raise ZeroDivisionError("lab bug")

    lab = SimpleNamespace(PARAMS=FAKE_PARAMS, expected_state=broken)
    with pytest.raises(ExperimentError, match="exp.json"):
        load_experiment(saved[0], lab_lookup=lambda _id: lab)


def test_nan_metrics_in_the_view_are_saved_as_null_and_the_file_reopens(tmp_path):
    path = tmp_path / "nan.json"
    view = {"curves": {"train_loss": [0.5, 0.25], "test_loss": [float("nan"), float("inf")]}}
    save_experiment(path, "fake", PARAMS, fake_state(), epoch=2, view=view)
    assert load(path).view["curves"]["test_loss"] == [None, None]


def test_a_version_1_file_opens_as_version_2_without_data(saved):
    path, doc = saved
    doc["version"] = 1
    del doc["data"]
    exp = load(write_doc(path, doc))
    assert exp.version == 1 and exp.data is None


def _data_lab():
    def check_data(data):
        if set(data) != {"classes", "x"}:
            raise ValueError("data needs classes and x")
        return data

    def expected(params, data=None):
        shapes = fake_expected_state(params)
        if data is not None:
            shapes["w2"] = (params["hidden"], int(data["classes"]))
        return shapes

    return SimpleNamespace(PARAMS=FAKE_PARAMS, expected_state=expected, check_data=check_data)


def test_custom_data_round_trips_and_may_shape_the_weights(tmp_path):
    lab = _data_lab()
    state = fake_state()
    state["w2"] = np.ones((3, 4))  # 4 classes in the user's file: 4 outputs
    x = np.random.default_rng(0).normal(size=(7, 2))
    path = save_experiment(tmp_path / "d.json", "fake", PARAMS, state, 5, data={"classes": 4, "x": x})
    exp = load_experiment(path, lab_lookup=lambda _id: lab)
    assert exp.data["classes"] == 4 and np.array_equal(exp.data["x"], x)
    assert exp.state["w2"].shape == (3, 4)


def test_bad_custom_data_or_data_for_a_lab_without_any_is_refused(tmp_path):
    lab = _data_lab()
    path = save_experiment(tmp_path / "d.json", "fake", PARAMS, fake_state(), 5, data={"classes": 2})
    with pytest.raises(ExperimentError, match="d.json has unusable data points: data needs"):
        load_experiment(path, lab_lookup=lambda _id: lab)
    with pytest.raises(ExperimentError, match="takes none"):
        load(path)


def test_a_killed_save_leaves_no_temporary_file_behind_after_the_next_save(tmp_path):
    path = tmp_path / "exp.json"
    stale = tmp_path / ".exp.json.0123abcd.tmp"
    stale.write_text("half a file")  # what SIGKILL in the middle of a write leaves
    old = os.path.getmtime(stale) - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".exp.json.89abcdef.tmp"
    fresh.write_text("a save running right now")
    save_experiment(path, "fake", PARAMS, fake_state(), epoch=1)
    assert not stale.exists() and fresh.exists()
