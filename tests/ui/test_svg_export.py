"""SVG exports of dense figures: the markers merged into one path and the coordinates moved in one
numpy pass draw the same picture as the figure on screen, and the figure is left as it was."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsPathItem

from playground.ui.export import export_figure, render_png
from playground.ui.svg_export import DENSE_MARKERS, _moved_path, symbols_as_one_path


def test_path_coordinates_go_through_the_matrix_and_close_path_commands_are_dropped():
    # matrix(a b c d e f) maps (x, y) to (a x + c y + e, b x + d y + f): here (2x + 10, -y + 5)
    moved = _moved_path("M0,0 L1,2 C1,1 2,2 3,3 Z", [2, 0, 0, -1, 10, 5])
    assert moved == "M10,5 L12,3 C12,4 14,3 16,2"
    assert _moved_path("L1,1 L2,2", [1, 0, 0, 1, 0, 0]).startswith("M1,1")  # a path starts with a move
    assert _moved_path("Z", [1, 0, 0, 1, 0, 0]) == ""


@pytest.fixture
def dense_plot(qtbot):
    w = pg.PlotWidget(background="w")
    w.resize(500, 350)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, 2000)
    w.plot(x, np.sin(6 * x) + 0.1 * rng.normal(size=x.size), pen=None, symbol="t", symbolSize=7,
           symbolBrush="#1f77b4", symbolPen="k")
    w.plot(np.linspace(0, 1, 50), np.linspace(-1, 1, 50), pen=pg.mkPen("r", width=2))
    w.setRange(xRange=(0, 0.8), yRange=(-1.2, 1.2), padding=0)  # some markers lie outside: clipped
    return w


def _svg_image(path, size):
    image = QImage(size, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    QSvgRenderer(path).render(painter)
    painter.end()
    return image


def _array(image):
    image = image.convertToFormat(QImage.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)[
        :, :image.width(), :3].astype(int)


def test_a_dense_scatter_exports_as_the_plot_draws_it(dense_plot, tmp_path):
    """The SVG, drawn by Qt's own SVG renderer, against the plot drawn straight to an image (the
    exporter's PNG, which draws every marker by itself): markers in place, the triangles pointing the
    same way, the ones outside the axes clipped."""
    item = dense_plot.getPlotItem()
    path = str(tmp_path / "dense.svg")
    export_figure(item, path)
    reference = render_png(item, width=int(item.sceneBoundingRect().width()))
    svg = _array(_svg_image(path, reference.size()))
    png = _array(reference)
    dark_svg, dark_png = svg.sum(axis=2) < 450, png.sum(axis=2) < 450
    overlap = (dark_svg & dark_png).sum() / max(1, dark_png.sum())
    assert dark_png.sum() > 5000 and overlap > 0.97, overlap  # 1.0 here; triangles upside down: 0.89
    assert abs(int(dark_svg.sum()) - int(dark_png.sum())) < 0.15 * dark_png.sum()


def test_the_markers_become_one_path_for_the_export_only(dense_plot):
    item = dense_plot.getPlotItem()
    scatter = item.listDataItems()[0].scatter
    with symbols_as_one_path(item) as merged:
        assert len(merged.swapped) == 1 and not scatter.isVisible()
        path_item = merged.swapped[0][1]
        assert isinstance(path_item, QGraphicsPathItem) and path_item.parentItem() is scatter.parentItem()
        assert path_item.path().elementCount() >= 3 * 2000  # a triangle's three corners per marker
    assert scatter.isVisible()
    assert not [i for i in item.scene().items() if isinstance(i, QGraphicsPathItem) and i is path_item]


def test_markers_that_differ_or_are_few_are_left_to_the_exporter(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    n = DENSE_MARKERS + 10
    brushes = [pg.mkBrush("r" if i % 2 else "b") for i in range(n)]
    w.plot(np.arange(n), np.arange(n), pen=None, symbol="o", symbolBrush=brushes)
    w.plot(np.arange(10), np.arange(10), pen=None, symbol="o")
    with symbols_as_one_path(w.getPlotItem()) as merged:
        assert merged.swapped == []


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
