"""The Qt-free core: datasets, activations, models, training sessions and the runner.

Nothing here imports PySide6, pyqtgraph or playground.ui (tests/core/test_core_is_qt_free.py checks),
so every lab's computation can be tested, benchmarked and run from the command line with no display.
"""
