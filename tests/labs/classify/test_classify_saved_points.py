"""A user's own points (a CSV file, points drawn by hand) are part of an experiment: saved with their
classes and train/test split, and reopened exactly, with a network shaped for them. Before, a 3-class
CSV experiment saved but could not be reopened, a 2-class one reopened on the generated circle, and
a lab with no test points could not be saved at all (its NaN test loss is not JSON)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from playground.core.train.experiment import ExperimentError, load_experiment, save_experiment
from playground.core.train.runner import Runner
from playground.labs.classify import data as cd
from playground.labs.classify.core import SESSION, ClassifySession, check_data, expected_state


def _csv(tmp_path, classes):
    path = tmp_path / f"{classes}.csv"
    path.write_text("x1,x2,label\n" + "".join(f"{i % 7 - 3}.5,{i % 5 - 2},{i % classes}\n" for i in range(60)))
    return path


def _save_from_frame(snap, path, params):
    """What the window does: everything from one frame."""
    return save_experiment(path, "classify", snap["params"], snap["state"], snap["epoch"],
                           view={"curves": snap.get("curves") or {}}, data=snap.get("saved_data"))


def _reopen(path):
    exp = load_experiment(path)
    runner = Runner()
    events = runner.handle({"op": "open", "factory": SESSION, "params": exp.params, "run": 1,
                            "state": exp.state, "epoch": exp.epoch, "data": exp.data,
                            "curves": exp.view.get("curves")})
    assert [e["ev"] for e in events] == ["snapshot"], events
    return exp, runner.session, events[0]["data"]


@pytest.mark.parametrize("classes", [2, 3])
def test_a_csv_experiment_reopens_on_the_users_points_with_its_classes(tmp_path, classes):
    s = ClassifySession({"layers": [3]})
    s.custom("load_csv", path=str(_csv(tmp_path, classes)))
    s.step(5)
    s.full_snapshot = True
    snap = s.snapshot()
    path = _save_from_frame(snap, tmp_path / "exp.npexp.json", s.params)
    exp, back, frame = _reopen(path)
    assert exp.data["classes"] == classes and back.classes == classes
    for part in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(back, part), snap[part])  # the same split, not a new one
    for name, value in snap["state"].items():
        np.testing.assert_array_equal(back.state()[name], value)
    assert frame["epoch"] == 5 and frame["dataset"] == "custom" and frame["saved_data"] is not None


def test_hand_drawn_points_are_saved_too(tmp_path):
    s = ClassifySession({"dataset": "empty"})
    for i in range(6):
        s.custom("add_point", x1=i - 3.0, x2=1.0, label=i % 2, subset="test" if i == 5 else "train")
    s.full_snapshot = True
    snap = s.snapshot()
    path = _save_from_frame(snap, tmp_path / "drawn.json", s.params)
    _, back, _ = _reopen(path)
    np.testing.assert_array_equal(back.x_train, snap["x_train"])
    np.testing.assert_array_equal(back.x_test, [[2.0, 1.0]])


def test_generated_data_saves_no_points(tmp_path):
    s = ClassifySession()
    s.full_snapshot = True
    snap = s.snapshot()
    assert snap["saved_data"] is None
    path = _save_from_frame(snap, tmp_path / "plain.json", s.params)
    assert json.loads(path.read_text())["data"] is None


def test_a_lab_with_no_test_points_saves_its_nan_test_loss_as_null_and_reopens(tmp_path):
    s = ClassifySession({"train_ratio": 0.9})
    s.custom("load_data", x=[[0, 0], [1, 1], [2, 0], [0, 2], [3, 3]], y=[0, 1, 0, 1, 1])
    for x1, x2 in s.x_test.tolist():
        s.custom("remove_point", x1=x1, x2=x2, radius=1e-9)
    assert len(s.x_test) == 0
    s.step(3)
    s.full_snapshot = True
    snap = s.snapshot()
    assert np.isnan(snap["test_loss"])
    path = _save_from_frame(snap, tmp_path / "notest.json", s.params)
    doc = json.loads(path.read_text())
    assert doc["view"]["curves"]["test_loss"] == [None, None, None]
    _, back, _ = _reopen(path)
    assert len(back.x_test) == 0 and len(back.x_train) == 4


def test_damaged_saved_points_are_refused_naming_the_file(tmp_path):
    s = ClassifySession({"layers": [3]})
    s.custom("load_csv", path=str(_csv(tmp_path, 3)))
    s.full_snapshot = True
    path = _save_from_frame(s.snapshot(), tmp_path / "pts.json", s.params)
    doc = json.loads(path.read_text())
    doc["data"]["y_train"]["data"][0] = 7  # a class the file does not have
    path.write_text(json.dumps(doc))
    with pytest.raises(ExperimentError, match="pts.json has unusable data points: 'y_train' must hold class"):
        load_experiment(path)


def test_check_data_and_expected_state_agree_with_the_session():
    s = ClassifySession({"layers": [4]})
    s.custom("load_data", x=np.random.default_rng(0).normal(size=(30, 2)), y=np.arange(30) % 4)
    data = check_data(s.snapshot()["saved_data"])
    shapes = expected_state(s.params, data)
    assert {k: v.shape for k, v in s.state().items()} == shapes


# --- CSV files that used to fail in the wrong way ----------------------------------------------------

def test_cr_only_line_endings_read_as_rows():
    data = cd.parse_csv("x1,x2,label\r0,1,0\r2,3,1\r4,5,1\r", "mac.csv")
    assert len(data) == 3 and data.classes == 2


def test_a_field_longer_than_the_csv_modules_limit_names_the_row():
    with pytest.raises(cd.DataError, match="huge.csv row 2"):
        cd.parse_csv("x1,x2,label\n\"" + "1" * 200_000 + "\",1,0\n", "huge.csv")


def test_one_class_only_is_refused_with_a_reason():
    with pytest.raises(cd.DataError, match="only one class"):
        cd.parse_csv("0,0,1\n1,1,1\n2,2,1\n", "one.csv")


def test_a_single_fractional_label_among_classes_is_a_typo_not_regression():
    rows = "".join(f"{i},{i},{i % 2}\n" for i in range(20)) + "5,5,2.5\n"
    with pytest.raises(cd.DataError, match=r"typo.csv row 21: label 2.5 is not a class number"):
        cd.parse_csv(rows, "typo.csv")
    real = "".join(f"{i},{i},{i * 0.37:.2f}\n" for i in range(20))
    assert cd.parse_csv(real, "reg.csv").regression


def test_a_fifo_as_csv_is_refused_instead_of_hanging(tmp_path):
    import os

    fifo = tmp_path / "points.csv"
    os.mkfifo(fifo)
    with pytest.raises(cd.DataError, match="points.csv is a named pipe"):
        cd.read_csv(fifo)
