"""SVG exports, drawn by Qt's SVG engine: the same picture as the figure on screen (markers merged
into one path, text and bars at the plot's scale, clipping), and the figure is left as it was."""
from xml.etree import ElementTree

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from images import image_array, pyqtgraph_png, shown_plot
from playground.ui.export import export_figure, render_png
from playground.ui.export_items import DENSE_MARKERS, symbols_as_one_path


@pytest.fixture
def dense_plot(qtbot):
    w = shown_plot(qtbot, 500, 350, background="w")
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


def test_a_dense_scatter_exports_as_the_plot_draws_it(dense_plot, tmp_path):
    """The SVG, drawn by Qt's own SVG renderer, against the plot drawn straight to an image
    (pyqtgraph's PNG, which draws every marker by itself): markers in place, the triangles pointing
    the same way, the ones outside the axes clipped."""
    item = dense_plot.getPlotItem()
    path = str(tmp_path / "dense.svg")
    export_figure(item, path)
    reference = pyqtgraph_png(item, width=int(item.sceneBoundingRect().width()))
    svg = image_array(_svg_image(path, reference.size()))
    png = image_array(reference)
    dark_svg, dark_png = svg.sum(axis=2) < 450, png.sum(axis=2) < 450
    overlap = (dark_svg & dark_png).sum() / max(1, dark_png.sum())
    assert dark_png.sum() > 5000 and overlap > 0.97, overlap  # 1.0 here; triangles upside down: 0.89
    assert abs(int(dark_svg.sum()) - int(dark_png.sum())) < 0.15 * dark_png.sum()


def test_the_markers_become_one_path_for_the_export_only(dense_plot):
    item = dense_plot.getPlotItem()
    scatter = item.listDataItems()[0].scatter
    with symbols_as_one_path(item) as merged:
        assert len(merged.swapped) == 1 and scatter.flags() & QGraphicsItem.ItemHasNoContents
        path_item = merged.swapped[0][1]
        assert isinstance(path_item, QGraphicsPathItem) and path_item.parentItem() is scatter
        assert path_item.path().elementCount() >= 3 * 2000  # a triangle's three corners per marker
    assert scatter.isVisible() and not scatter.flags() & QGraphicsItem.ItemHasNoContents
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


def test_bars_on_a_log_axis_and_the_title_come_out_at_the_plots_scale(qtbot, tmp_path):
    """Bars are a picture replayed inside their item and text is sized in points: at Qt's default
    SVG resolution (72 dpi) both came out at 3/4 of their size (10^4.4 bars for 10^6). The SVG is
    drawn at the screen's resolution, so it matches the PNG."""
    w = shown_plot(qtbot, 400, 300, background="w", title="First-layer parameters")
    w.setLogMode(y=True)
    w.addItem(pg.BarGraphItem(x=[0, 1], height=[6, 2.5], width=0.6, brush="#d55e00"))
    w.setRange(xRange=(-0.5, 1.5), yRange=(0, 6.2), padding=0)
    item = w.getPlotItem()
    path = str(tmp_path / "bars.svg")
    export_figure(item, path)
    reference = render_png(item, width=int(item.sceneBoundingRect().width()))
    svg, png = image_array(_svg_image(path, reference.size())), image_array(reference)
    orange = lambda a: (a[..., 2] > 180) & (a[..., 1] < 130) & (a[..., 0] < 60)  # noqa: E731 (BGR)
    assert orange(png).sum() > 5000
    assert (orange(svg) & orange(png)).sum() > 0.95 * orange(png).sum()
    assert abs(int(orange(svg).sum()) - int(orange(png).sum())) < 0.05 * orange(png).sum()
    ink = lambda a: (a.sum(axis=2) < 600) & ~orange(a)  # noqa: E731 - the title, the axes and their text
    dark_svg, dark_png = ink(svg), ink(png)
    assert dark_png.sum() > 500
    assert abs(int(dark_svg.sum()) - int(dark_png.sum())) < 0.2 * dark_png.sum()


def test_an_svg_names_no_empty_path_and_has_the_plots_background(qtbot, tmp_path):
    w = shown_plot(qtbot, 300, 200, background="#202020")
    w.plot([np.nan, np.nan], [np.nan, np.nan])  # a curve with no finite point
    w.plot([0, 1], [0, 1], pen="y")
    path = tmp_path / "empty.svg"
    export_figure(w.getPlotItem(), str(path))
    text = path.read_text()
    assert 'd=""' not in text
    root = ElementTree.fromstring(text)  # well-formed for any SVG reader, not only Qt's
    assert root.tag.endswith("svg") and root.get("viewBox")
    image = _svg_image(str(path), w.getPlotItem().sceneBoundingRect().size().toSize())
    assert image.pixelColor(2, 2).name() == "#202020"


def test_a_plot_with_nothing_to_draw_is_refused_with_a_message_not_a_traceback(qtbot, tmp_path):
    from playground.ui.export import ExportError

    with pytest.raises(ExportError, match="nothing was drawn"):
        export_figure(pg.PlotItem(), str(tmp_path / "none.svg"))  # in no window
    assert list(tmp_path.iterdir()) == []
