"""The control panel refuses, at the control and with the reason, every value its lab cannot use:
nothing refused is sent on, the last valid value stays in force, and a number box's list keeps its
presets plus only the last few valid values typed."""
import importlib

import pytest
from PySide6.QtWidgets import QComboBox

from playground.core.train.params import LIST_KINDS, ParamError, validate
from playground.registry import LABS
from playground.ui.widgets.param_panel import RECENT_VALUES, ParamPanel


def _panel(qtbot, lab_id):
    core = importlib.import_module(next(lab.core for lab in LABS if lab.id == lab_id))
    panel = ParamPanel(core.PARAMS)
    qtbot.addWidget(panel)
    sent = []
    panel.values_changed.connect(sent.append)
    return panel, sent


@pytest.mark.parametrize("typed", ["", ",,,", " ,  , "])
def test_classify_refuses_an_empty_feature_list_in_red_and_sends_nothing(qtbot, typed):
    panel, sent = _panel(qtbot, "classify")
    panel.set_value_interactively("features", typed)
    assert sent == []
    assert panel.values()["features"] == ["x1", "x2"]
    assert panel.is_invalid("features")
    assert "must not be empty" in panel.error_text("features")
    assert "Still using x1, x2" in panel.error_text("features")
    assert "must not be empty" in panel.widgets["features"].toolTip()
    panel.set_value_interactively("features", "x1, x1x2")  # a valid value clears the mark
    assert sent == [{"features": ["x1", "x1x2"]}]
    assert not panel.is_invalid("features") and panel.error_text("features") == ""


@pytest.mark.parametrize("typed, reason", [("relu", "at least 2"), ("tanh, tanh", "at least 2"),
                                           ("relu,tanh,sigmoid,elu,gelu", "at most 4"), ("", "at least 2")])
def test_the_race_refuses_fewer_than_two_or_more_than_four_racers(qtbot, typed, reason):
    panel, sent = _panel(qtbot, "activations")
    panel.set_value_interactively("activations", typed)
    assert sent == [] and reason in panel.error_text("activations")
    assert panel.values()["activations"] == ["relu", "tanh"]


@pytest.mark.parametrize("typed", ["abc", "0.5.5", "1e308", "-0.1", "nan", ""])
def test_refused_text_never_joins_a_number_box_list(qtbot, typed):
    panel, sent = _panel(qtbot, "classify")
    combo = panel.widgets["dropout"]
    presets = combo.count()
    panel.set_value_interactively("dropout", typed)
    assert combo.count() == presets == 10
    assert sent == [] and panel.is_invalid("dropout")
    assert panel.values()["dropout"] == 0.0


def test_a_number_box_list_keeps_its_presets_plus_the_last_few_typed(qtbot):
    panel, sent = _panel(qtbot, "classify")
    combo = panel.widgets["dropout"]
    typed = ["0.15", "0.25", "0.35", "0.45", "0.55", "0.25"]
    for text in typed:
        panel.set_value_interactively("dropout", text)
        panel.set_value_interactively("dropout", "garbage")
    assert combo.count() == 10 + RECENT_VALUES
    items = [combo.itemData(i) for i in range(combo.count())]
    assert items == sorted(items)  # still in numeric order
    assert {0.45, 0.55, 0.25} <= set(items) and 0.15 not in items and 0.35 not in items
    assert [v["dropout"] for v in sent] == [0.15, 0.25, 0.35, 0.45, 0.55, 0.25]
    panel.set_value_interactively("dropout", "0.3")  # a preset is not a "typed value"
    assert combo.count() == 10 + RECENT_VALUES


def test_typing_into_an_editable_combo_like_a_user_does_not_insert_text(qtbot):
    panel, _sent = _panel(qtbot, "classify")
    combo = panel.widgets["lr"]
    assert combo.insertPolicy() == QComboBox.NoInsert
    n = combo.count()
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "0.5.5")
    qtbot.keyClick(combo.lineEdit(), "\r")
    assert combo.count() == n and panel.is_invalid("lr")


def _garbage(p):
    if p.kind in LIST_KINDS:
        return ["", ",,,", "zzz", ",".join(["1"] * 40)]
    if p.kind in ("int", "float"):
        return ["abc", "0.5.5", "1e308", "-1e308"]
    return ["nonsense"]


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_in_every_lab_a_refused_value_is_never_sent(qtbot, lab):
    panel, sent = _panel(qtbot, lab.id)
    before = panel.values()
    for p in panel.params:
        for raw in _garbage(p):
            try:
                validate(p, raw)
                continue  # this lab accepts it (an empty hidden-layer list, say)
            except ParamError:
                pass
            panel.set_value_interactively(p.name, raw)
            assert panel.error_text(p.name), (p.name, raw)
    assert sent == [] and panel.values() == before


# --- a combination the session refuses goes back in the panel, marked -----------------------------------
def test_a_combination_the_session_refuses_is_put_back_in_the_panel_with_its_reason(qtbot, controller):
    from PySide6.QtWidgets import QWidget

    from frames import wait_for_frame
    from playground.registry import LabInfo
    from playground.ui.lab_view import LabView
    from playground.ui.theme import LIGHT

    class RefusingView(LabView):
        def build_content(self):
            return QWidget()

        def show_snapshot(self, snap):
            pass

        def figures(self):
            return {}

    info = LabInfo("refusing", "Refusing", "intro", "test lab", "unused:Unused", "refusing_lab")
    view = RefusingView(info, controller, LIGHT)
    qtbot.addWidget(view)
    view.show()
    errors = []
    controller.error_raised.connect(lambda m, _d: errors.append(m))
    view.start_session()
    wait_for_frame(qtbot, controller, timeout=60000)
    view.panel.set_value_interactively("width", 5)  # 5 x 2: fine
    wait_for_frame(qtbot, controller, lambda s: s["params"]["width"] == 5)
    view.panel.set_value_interactively("depth", 9)  # 5 x 9 = 45: each value valid, the pair refused
    qtbot.waitUntil(lambda: view.panel.is_invalid("depth"), timeout=20000)
    assert errors and "at most 20" in errors[-1]
    assert view.panel.values()["depth"] == 2 and view.params()["depth"] == 2
    assert view.panel.widgets["depth"].value() == 2
    assert "refused: width x depth is 45" in view.panel.error_text("depth")
    assert not view.panel.is_invalid("width")  # the accepted change stays
    view.panel.set_value_interactively("depth", 4)  # 5 x 4 = 20: accepted, the mark goes
    wait_for_frame(qtbot, controller, lambda s: s["params"]["depth"] == 4)
    assert not view.panel.is_invalid("depth")
