"""The conv lab in French: every tab, the CNN's pages after an epoch, a hovered output cell, a
transposed case, a configuration that cannot work, the pooling and receptive-field read-outs and the
session's own messages show no English word (the lab's session runs in-process: fast, deterministic)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from english import english_words, visible_texts
from in_process import InProcessController
from playground.core.train.session import SessionError
from playground.labs.conv.core import ConvSession, _check_layers
from playground.labs.conv.view import ConvLab
from playground.registry import get_lab
from playground.ui.i18n import install_language, tab_key
from playground.ui.theme import LIGHT


@pytest.fixture
def french_lab(qtbot):
    install_language("fr")
    try:
        controller = InProcessController()
        view = ConvLab(get_lab("conv"), controller, LIGHT)
        controller.view = view
        qtbot.addWidget(view)
        view.resize(1400, 900)
        view._params.update({"channels": [4], "mlp_hidden": 16, "batch_size": 512})
        view.show()
        view.start_session()
        controller.step(1)
        yield view
    finally:
        install_language("en")  # one language per process: the next test reads English


def _english(view) -> list[str]:
    """english_left, less the parameter panel's "Allowed: ..." line (the shared core writes it)."""
    out = []
    for where, text in visible_texts(view):
        own = "\n".join(line for line in text.split("\n") if not line.startswith(("Allowed", "Valeurs permises")))
        words = english_words(own)
        if words:
            out.append(f"{where}: {own[:120]!r} {sorted(set(words))}")
    return sorted(set(out))


def _walk(qtbot, view) -> list[str]:
    left = []
    for tabs in view.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(5)
            left += _english(view)
    return sorted(set(left))


def test_every_tab_of_the_french_conv_lab_is_french(qtbot, french_lab):
    view = french_lab
    assert view.tabs.tabText(1) == "Pooling" and view.tabs.tabText(2) == "Champs réceptifs"
    assert tab_key(view.tabs, 4) == "CNN training"  # scenes still find the tab by its English name
    assert "noyau" in view.lesson.text()
    left = _walk(qtbot, view)
    assert not left, "\n".join(left)


def test_the_stepper_writes_its_sums_and_formula_in_french(qtbot, french_lab):
    view = french_lab
    s = view.stepper
    view.tabs.setCurrentWidget(s)
    view.local_transport("step")
    assert "sortie[0, 0]" in s.detail.text() and "biais" in s.detail.text()
    assert not _english(view)
    for case in ("padding_strides_odd_transposed", "dilation", "lecture_padded"):
        s.apply_case(case)
        view.local_transport("step")
        assert not _english(view), case
    s.apply_case("lecture")
    s.padding.setValue(0)
    s.ksize.setValue(7)  # larger than the 4×4 input: the stepper says why, in French
    assert "noyau" in s.formula.text()
    assert not _english(view)
    s.source_box.setCurrentIndex(s.source_box.findData("sample"))
    s.source_box.activated.emit(s.source_box.currentIndex())  # RGB: per-channel sums
    s.ksize.setValue(3)
    view.local_transport("step")
    assert "par canal" in s.detail.text()
    assert not _english(view)
    s._editing = ("input", 0, 0)
    s.editor.setText("abc")
    s._commit_edit()
    assert not english_words(s.detail.text()), s.detail.text()


def test_pooling_and_receptive_field_read_outs_are_french(qtbot, french_lab):
    view = french_lab
    view.tabs.setCurrentWidget(view.pooling)
    view.local_transport("step")
    assert "max(" in view.pooling.info.text()
    view.pooling.kind.setCurrentIndex(1)
    assert "moyenne(" in view.pooling.info.text()
    view.pooling.ksize.setValue(8)  # larger than the input: explained
    assert not _english(view)
    view.tabs.setCurrentWidget(view.rf)
    view.rf.spec.setText("3x3,pool2,9x9p0,9x9p0,9x9p0")
    view.rf.recompute()  # a layer left with no output
    assert not _english(view)
    view.rf.spec.setText("3x3,banana")
    view.rf.recompute()
    assert view.rf.error.text() and not english_words(view.rf.error.text()), view.rf.error.text()


def test_the_session_explains_itself_in_french(french_lab):
    with pytest.raises(SessionError) as err:
        _check_layers({"dataset": "digits", "channels": [8, 8, 8], "conv_kernel": 4, "pooling": "max"})
    assert not english_words(str(err.value)), str(err.value)
    session = ConvSession({"channels": [4], "mlp_hidden": 16})
    for name, kwargs in (("select", {"index": -1}), ("classify", {"image": [[0]]}), ("zzz", {})):
        with pytest.raises(SessionError) as err:
            session.custom(name, **kwargs)
        assert not english_words(str(err.value)), str(err.value)


def test_text_py_french_keeps_every_field_of_its_english():
    """TEXT[key].format(...) runs in either language: both must name the same {fields}."""
    import re

    from playground.labs.conv.text import STRINGS

    field = re.compile(r"\{(\w*)[^{}]*\}")
    for key, en in STRINGS["en"].items():
        assert sorted(field.findall(en)) == sorted(field.findall(STRINGS["fr"][key])), key
