"""The app's window keeps what lives all session out of Python's full garbage collections (each walk
over every object held the GUI thread about 300 ms with every lab open); a test's window does not."""
import gc

from playground.ui.main_window import MainWindow


def test_the_apps_window_moves_its_long_lived_objects_out_of_the_collectors_walks(qtbot):
    gc.unfreeze()
    win = MainWindow(lab_id="perceptron", restore=False, freeze_long_lived=True)
    qtbot.addWidget(win)
    try:
        after_first_lab = gc.get_freeze_count()
        assert after_first_lab > 10_000  # the modules and the first lab's view
        win.open_lab("classify")
        assert gc.get_freeze_count() > after_first_lab  # a lab's view, once built, joins them
    finally:
        win.close()
        gc.unfreeze()


def test_a_window_built_by_a_test_freezes_nothing(qtbot):
    gc.unfreeze()
    win = MainWindow(lab_id="perceptron", restore=False)
    qtbot.addWidget(win)
    win.open_lab("classify")
    assert gc.get_freeze_count() == 0
    win.close()
