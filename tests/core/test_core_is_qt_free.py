"""The core never loads Qt, and the window's modules never load torch (so it opens in under 1 s)."""
import subprocess
import sys

CORE_MODULES = ["playground.core.nets.activations", "playground.core.train.params", "playground.core.train.session",
                "playground.core.train.runner", "playground.core.train.worker", "playground.labs.perceptron.core",
                "playground.core.train.experiment", "playground.registry"]


def _loaded(modules: list[str]) -> set[str]:
    code = ("import sys, importlib\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(' '.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_core_loads_no_qt_module():
    loaded = _loaded(CORE_MODULES)
    assert not [m for m in loaded if m.startswith(("PySide6", "pyqtgraph", "shiboken6", "playground.ui"))]


def test_every_lab_core_module_is_qt_free():
    from playground.registry import LABS

    loaded = _loaded([lab.core for lab in LABS])
    assert not [m for m in loaded if m.startswith(("PySide6", "pyqtgraph", "playground.ui"))]


def test_the_window_and_lab_views_do_not_import_torch():
    from playground.registry import LABS

    views = [lab.view.partition(":")[0] for lab in LABS]
    loaded = _loaded(["playground.ui.main_window", "playground.cli", *views])
    assert "torch" not in loaded
