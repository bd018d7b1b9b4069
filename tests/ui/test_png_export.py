"""PNG exports: curves, markers and legends where pyqtgraph's own PNG draws them (checked against
it), the plot left exactly as it was, a dense zigzag still a band, a legend at the figure's scale."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from images import image_array, ink, near, pyqtgraph_png, shown_plot
from playground.ui.export import export_figure, render_png

WHITE = (255, 255, 255)


@pytest.fixture
def plot(qtbot):
    return shown_plot(qtbot, 420, 300, background="w")


def _settled(w, qtbot):
    """What the screen shows: the view's automatic range worked out by a paint of the window."""
    w.repaint()
    qtbot.wait(20)
    return w.getPlotItem()


def _agree(ours, theirs, pixels=2):
    """Shares of ink in one picture and not near ink in the other, both ways."""
    a, b = ink(image_array(ours), WHITE), ink(image_array(theirs), WHITE)
    return (a & ~near(b, pixels)).sum() / max(1, b.sum()), (b & ~near(a, pixels)).sum() / max(1, b.sum())


def test_curves_in_a_png_lie_where_pyqtgraph_draws_them(plot, qtbot):
    """Curves are stroked in the image's pixels, not under the view's scales (ten times faster);
    float32 data, a gap of NaN, a dashed pen stroked piece by piece and a wide solid pen stroked
    segment by segment all land where pyqtgraph's PNG puts them."""
    rng = np.random.default_rng(1)
    x = np.arange(48, dtype=np.float32)
    steps = rng.choice([-0.5, 0.0, 0.5], size=48).astype(np.float32)
    plot.plot(x, steps, pen=pg.mkPen("#0072b2", width=2))  # float32, a zigzag with long teeth
    plot.plot(x, steps + 2, pen=pg.mkPen("#009e73", width=2, style=pg.QtCore.Qt.DashLine))
    gap = np.sin(x / 5.0) + 4
    gap[20:24] = np.nan
    plot.plot(x, gap, pen=pg.mkPen("#d55e00", width=1), connect="finite")
    item = _settled(plot, qtbot)
    ours, theirs = render_png(item, 1260), pyqtgraph_png(item, 1260)
    assert ink(image_array(theirs), WHITE).sum() > 20000
    extra, missing = _agree(ours, theirs)
    assert extra < 0.02 and missing < 0.03, (extra, missing)


def test_a_dense_scatter_in_a_png_is_stamped_where_pyqtgraph_draws_each_marker(plot, qtbot):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, 3000)
    plot.plot(x, np.cos(5 * x) + 0.1 * rng.normal(size=x.size), pen=None, symbol="t", symbolSize=8,
              symbolBrush="#1f77b4", symbolPen="k")
    plot.setRange(xRange=(0, 0.8), yRange=(-1.2, 1.2), padding=0)  # some markers outside: clipped
    item = _settled(plot, qtbot)
    ours, theirs = render_png(item, 840), pyqtgraph_png(item, 840)
    extra, missing = _agree(ours, theirs, pixels=1)
    assert extra < 0.02 and missing < 0.02, (extra, missing)


def test_a_png_export_leaves_the_plot_as_it_was(plot, qtbot):
    """Nothing of the plot is hidden or restyled for the export: the view works out its automatic
    range while the export draws, and a curve without its pen, or a hidden scatter, moved it."""
    x = np.linspace(0, 1, 300)
    curve = plot.plot(x, np.sin(9 * x), pen=pg.mkPen("#0072b2", width=4))
    dots = plot.plot(x, np.cos(9 * x), pen=None, symbol="o", symbolSize=6)
    plot.addLegend().addItem(curve, "sine")
    item = _settled(plot, qtbot)
    before = item.viewRange()
    pen, children = curve.curve.opts["pen"], len(item.scene().items())
    image = render_png(item, 1680)
    assert not image.isNull()
    assert item.viewRange() == before
    assert curve.curve.opts["pen"] is pen and len(item.scene().items()) == children
    for part in (curve.curve, dots.scatter):
        assert part.isVisible() and not part.flags() & QGraphicsItem.ItemHasNoContents
    assert item.legend.flags() & QGraphicsItem.ItemIgnoresTransformations  # as the screen has it


def test_a_legend_in_a_png_is_drawn_at_the_figures_scale_not_the_screens(plot, qtbot):
    """A legend keeps its screen size whatever the zoom; pyqtgraph's PNG four times as wide as the
    screen drew it at a quarter of the figure's scale (its text unreadable on a slide)."""
    item = plot.getPlotItem()
    for side in ("left", "bottom"):
        item.hideAxis(side)
    legend = item.addLegend(labelTextColor="k")
    curve = plot.plot([0, 1], [0, 0], pen=pg.mkPen("#d55e00", width=1))
    legend.addItem(curve, "a legend long enough to count its ink")
    plot.setRange(yRange=(1, 2))  # the curve itself out of sight: the ink is the legend's
    _settled(plot, qtbot)
    screen = ink(image_array(plot.grab().toImage()), WHITE).sum()
    ours = ink(image_array(render_png(item, 4 * item.sceneBoundingRect().width())), WHITE).sum()
    theirs = ink(image_array(pyqtgraph_png(item, 4 * item.sceneBoundingRect().width())), WHITE).sum()
    assert screen > 200
    assert ours > 8 * screen  # text 4 times as tall and as wide: 16 times the ink, strokes aside
    assert theirs < 2 * screen


def test_a_png_of_a_curve_denser_than_its_pixels_is_drawn_with_a_thin_pen_and_looks_the_same(qtbot, tmp_path):
    """A wide pen painted every sub-pixel segment of a dense zigzag over its neighbours (3.4 s for
    the depth target in presentation mode); a one-pixel pen fills the same band."""
    from playground.ui.widgets.plots import ThemedPlot

    plot = ThemedPlot("zigzag")
    qtbot.addWidget(plot)
    x = np.linspace(0, 1, 4001)
    curve = plot.item.plot(x, (np.arange(4001) % 2).astype(float), pen=pg.mkPen("#000000", width=6))
    plot.item.setRange(xRange=(0, 1), yRange=(-0.5, 1.5), padding=0)
    wide = curve.curve.opts["pen"]
    path = tmp_path / "zigzag.png"
    export_figure(plot, str(path), 400)
    assert curve.curve.opts["pen"] is wide  # the plot's own pen is back
    image = QImage(str(path))
    # the band between 0 and 1 is filled: the middle row is dark across the data
    y = image.height() // 2
    dark = [image.pixelColor(i, y).lightness() < 128 for i in range(image.width() // 4, 3 * image.width() // 4)]
    assert sum(dark) / len(dark) > 0.95


def test_qt_paints_large_text_from_its_cache_and_on_the_gui_thread_unless_the_user_says_otherwise(monkeypatch):
    """Read once by Qt, so set before the application exists (app.py): tick labels six times
    their screen size were filled as paths (16 ms for 20 labels), and every fill of a grid line was
    split over a thread pool the GUI waited for (an axis: 20 to 35 ms, 2 to 3 ms on the GUI thread)."""
    import os

    from playground.ui.app import LARGEST_CACHED_GLYPH_PX, tune_qt_painting

    monkeypatch.delenv("QT_MAX_CACHED_GLYPH_SIZE", raising=False)
    monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "0")  # a user's own choice is kept
    tune_qt_painting()
    assert int(os.environ["QT_MAX_CACHED_GLYPH_SIZE"]) == LARGEST_CACHED_GLYPH_PX >= 256
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "0"
