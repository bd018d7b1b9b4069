"""The boundaries of design.md: the core and every lab's Qt-free modules never load Qt, the core never
imports a lab, and the window's modules never load torch (so it opens in under 1 s). Checked twice: by
import-linter's static contracts (pyproject.toml) and by what a fresh interpreter really loads."""
import pathlib
import shutil
import subprocess
import sys

import pytest

LABS_DIR = pathlib.Path(__file__).resolve().parents[1] / "playground" / "labs"

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


def _lab_qt_free_modules() -> list[str]:
    """Every module of every lab folder except its views (view.py, view_*.py)."""
    out = []
    for f in sorted(LABS_DIR.glob("*/*.py")):
        if f.stem == "view" or f.stem.startswith("view_") or f.stem == "__init__":
            continue
        out.append(f"playground.labs.{f.parent.name}.{f.stem}")
    return out


def test_every_non_view_module_of_every_lab_is_qt_free():
    modules = _lab_qt_free_modules()
    assert len(modules) >= 3
    loaded = _loaded(modules)
    assert not [m for m in loaded if m.startswith(("PySide6", "pyqtgraph", "shiboken6", "playground.ui"))]


def test_import_linter_contracts_are_kept():
    exe = shutil.which("lint-imports") or str(pathlib.Path(sys.executable).with_name("lint-imports"))
    if not pathlib.Path(exe).exists():
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    root = pathlib.Path(__file__).resolve().parents[1]
    res = subprocess.run([exe, "--no-cache"], capture_output=True, text=True, cwd=root)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout
