"""Side by side: two configurations of one lab step in lockstep under one transport, each keeps its
own controls, a structural change restarts both, and a diverging pane stops alone."""
import math

import numpy as np
import pytest

from frames import wait_for_frame
from playground.core.train.compare import CompareSession
from playground.core.train.session import SessionError
from playground.labs.perceptron.core import PerceptronSession


def test_panes_train_in_lockstep_like_their_own_sessions():
    a, b = {"dataset": "xor", "hidden": 2, "seed": 1}, {"dataset": "xor", "hidden": 4, "seed": 1}
    cmp = CompareSession({"lab": "perceptron", "panes": [a, b]})
    cmp.step(30)
    snap = cmp.snapshot()
    assert [p["epoch"] for p in snap["panes"]] == [30, 30]
    alone = PerceptronSession(b)
    alone.step(30)
    np.testing.assert_array_equal(snap["panes"][1]["mlp_grid"], alone.snapshot()["mlp_grid"])


def test_a_structural_change_restarts_every_pane_and_a_live_one_stays_in_its_pane():
    cmp = CompareSession({"lab": "classify", "panes": [{}, {}]})
    cmp.step(5)
    assert cmp.apply({"pane": 1, "params": {"lr": 0.1}}) is False
    assert cmp.epoch == 5 and cmp.panes[1].params["lr"] == 0.1 and cmp.panes[0].params["lr"] == 0.03
    assert cmp.apply({"pane": 0, "params": {"layers": [3]}}) is True
    assert cmp.epoch == 0 and all(p.epoch == 0 for p in cmp.panes)
    assert cmp.panes[0].params["layers"] == [3] and cmp.panes[1].params["lr"] == 0.1


def test_a_diverging_pane_stops_alone():
    cmp = CompareSession({"lab": "perceptron", "panes": [{}, {}]})
    bad = cmp.panes[1]
    train = bad._train_epoch

    def explode():
        train()
        if bad.epoch >= 9:
            bad.loss = math.inf  # as an exploding learning rate would

    bad._train_epoch = explode
    cmp.step(50)
    stopped = [p["stopped"] for p in cmp.snapshot()["panes"]]
    assert stopped[0] is None and "diverged at epoch 10" in stopped[1]
    assert math.isfinite(cmp.loss) and cmp.panes[0].epoch == 50 and bad.epoch == 10
    assert not cmp.diverged  # the runner goes on with the others


def test_bad_comparisons_are_refused():
    with pytest.raises(SessionError, match="2 to 4"):
        CompareSession({"lab": "classify", "panes": [{}]})
    with pytest.raises(SessionError, match="not valid"):
        CompareSession({"lab": "classify", "panes": [{}, {"lr": "fast"}]})
    with pytest.raises(SessionError):
        CompareSession({"lab": "nope", "panes": [{}, {}]})


def test_the_timeline_rewinds_every_pane():
    cmp = CompareSession({"lab": "perceptron", "panes": [{}, {"hidden": 3}]})
    cmp.step(40)
    assert cmp.rewind(20) == 20
    assert [p.epoch for p in cmp.panes] == [20, 20]


def test_the_window_compares_two_configurations_under_one_transport(qtbot):
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="perceptron", restore=False)
    qtbot.addWidget(win)
    win.show()
    win._message = lambda *a, **k: None
    win.open_compare("perceptron", [{"dataset": "xor", "hidden": 2}, {"dataset": "xor", "hidden": 4}])
    view = win.current
    assert getattr(view, "compare", False) and len(view.panes) == 2
    win.step_once()
    snap = wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == 1 and "panes" in s, timeout=60000)
    assert [p["params"]["hidden"] for p in snap["panes"]] == [2, 4]
    assert "Hidden width" in view.readouts[1].text()
    # B's own controls: a live change stays in B, the epochs stay aligned
    view.panes[1].panel.set_values({"lr": 0.1})
    view.panes[1]._on_params_changed({"lr": 0.1})
    win.controller.step(3)
    snap = wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == 4 and "panes" in s)
    assert [p["params"]["lr"] for p in snap["panes"]] == [0.5, 0.1]
    assert [p["epoch"] for p in snap["panes"]] == [4, 4]
    assert len(view.figures()) == 2 * len(view.panes[0].figures())
    win.compare_dialog()  # pressed again: back to the lab alone
    assert not getattr(win.current, "compare", False) and win.current.info.id == "perceptron"
    win.close()


def test_a_lesson_scene_opens_a_comparison(qtbot):
    from playground.core.scenes import lab_scenes
    from playground.ui.main_window import MainWindow

    scene = next(s for s in lab_scenes("classify") if s.compare)
    win = MainWindow(lab_id="classify", restore=False)
    qtbot.addWidget(win)
    win.show()
    win.lesson.deck.scenes = [scene]
    win.lesson.set_active(True)
    assert getattr(win.current, "compare", False)
    assert [p["activation"] for p in win.current.pane_params()] == ["relu", "tanh"]
    snap = wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == scene.train_to, timeout=60000)
    assert len(snap["panes"]) == 2
    back = win.lesson.current_scene("again")
    assert back.compare == win.current.pane_params()
    win.close()
