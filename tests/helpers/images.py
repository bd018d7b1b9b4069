"""Pictures for the export tests: a QImage as a numpy array, and pyqtgraph's own PNG of a plot as the
reference the app's exports are checked against (pyqtgraph draws every curve and every marker
itself, in the view's coordinates: no stand-in of ours is involved)."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def image_array(image: QImage) -> np.ndarray:
    """H x W x 3 ints (blue, green, red), whatever the image's format."""
    image = image.convertToFormat(QImage.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)[
        :, :image.width(), :3].astype(int)


def pyqtgraph_png(plot_item, width: int) -> QImage:
    import pyqtgraph.exporters as ex

    exporter = ex.ImageExporter(plot_item)
    exporter.parameters()["width"] = int(width)
    return exporter.export(toBytes=True)


def shown_plot(qtbot, width: int, height: int, **options):
    """A pyqtgraph PlotWidget of that size, on screen (offscreen here) and laid out, as a figure is
    when the user exports it; `options` go to PlotWidget (background, title)."""
    import pyqtgraph as pg

    w = pg.PlotWidget(**options)
    w.resize(width, height)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def ink(array: np.ndarray, background) -> np.ndarray:
    """Where a picture differs clearly from its background colour (B, G, R)."""
    return np.abs(array - np.asarray(background)).max(axis=2) > 60


def near(mask: np.ndarray, pixels: int = 2) -> np.ndarray:
    """`mask` grown by `pixels` in every direction: ink 'near' other ink, allowing for rounding."""
    out = mask.copy()
    for dy in range(-pixels, pixels + 1):
        for dx in range(-pixels, pixels + 1):
            out |= np.roll(np.roll(mask, dy, 0), dx, 1)
    return out
