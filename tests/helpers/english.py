"""Finding English left in a French window: every text a user can see, and the words that give it away.

`visible_texts(widget)` walks a widget tree the way a user reads it: labels, buttons, check boxes,
group titles, tab names, combo entries, placeholders, tooltips, table and tree headers and cells,
menu and action texts, and inside pyqtgraph plots the titles, axis labels, legends and text items.
`english_words(text)` returns the words of `text` that are English and not French. The list holds
common English words of this app's vocabulary that French does not share (not "test", "point",
"pause", "total", "image", "normal", "type", "simple", "minimum", "final", "train", "figure", "on",
"a", "an", "or"...), so proper names (ReLU,
Adam, Dice, Cybenko) and symbols pass.
"""
from __future__ import annotations

import html
import re

ENGLISH = set("""
about above accuracy across activation activations add added adds after again against all allowed
almost along also always and another any apply applies are area around ask at average away back
background bad batch be because been before behind being below best better between bias big both
bottom box build built but by can cannot cell cells change changes changing channel channels check
choose circle class classes clear click close closed colour color compare computed copy could count
current curve curves data dataset decision deep default depth derivative did different do does done
down drag draw drawn each edge edit either empty end enough epoch epochs error errors every exported
fast feature features field file files fill filter find first fit fits fixed for found free from
full function functions get give given go goes going gradient gradients grid grow had has have
height help here hidden hide high how if in input inputs into is it its just keep keeps kernel
kernels know large last later layer layers learn learned learning left less let like line lines list
load loaded look loss low make makes many map maps mask masks may mean measure more most mouse move
much must network networks never new next no none not nothing now number numbers of off once one
only open opened order other our out output outputs over own padding pan per piece pieces plot plots
points press previous random range rate read ready real red reset resets result results right round
row rows run running runs same sample samples save saved scale seconds see seed select set sets
settings shape should show shown shows side since size slice slope small so some speed split square
start starts state step steps still stop stride such sum take taken takes target than that the their
them then there these they this those three through time times to too trained training true try turn
two under unit units until up update use used uses using value values view was way weight weights
well were what when where which while white why wide width will window with without word words would
yet you your
""".split())

PROPER = {"relu", "tanh", "sigmoid", "adam", "sgd", "dice", "mse", "gelu", "silu", "elu", "prelu",
          "maxout", "softplus", "softmax", "rnn", "lstm", "gru", "cnn", "mlp", "unet", "u-net", "cpu", "cuda",
          "gpu", "mps", "png", "svg", "csv", "gif", "mp4", "json", "dicom", "nifti"}
# Words French writes exactly the same (the lecture's "gradient", "activations saturées", "points",
# "deux classes", "un réseau large" for a wide net): never evidence of English on their own.
FRENCH_TOO = {"gradient", "gradients", "activation", "activations", "points", "classes", "large"}
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")
# Logical operators the perceptron lab names as in the lecture ("AND", "OR", "XOR"), in capitals.
_CAPS = re.compile(r"^[A-Z]{2,}$")


def plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text or ""))


def english_words(text: str) -> list[str]:
    """The English words of `text` (HTML stripped); [] for French, numbers, symbols, proper names."""
    found = []
    for word in _WORD.findall(plain(text)):
        if _CAPS.match(word):
            continue
        w = word.lower().strip("'")
        if w in ENGLISH and w not in PROPER and w not in FRENCH_TOO:
            found.append(word)
    return found


def _plot_texts(widget) -> list[tuple[str, str]]:
    """Texts inside pyqtgraph scenes: titles, axis labels, legends, text items."""
    import pyqtgraph as pg

    out = []
    scene = widget.scene() if hasattr(widget, "scene") else None
    if scene is None:
        return out
    for item in scene.items():
        if isinstance(item, pg.AxisItem):
            if item.label.isVisible():
                out.append(("axis label", item.labelText))
        elif isinstance(item, pg.LabelItem):
            if item.isVisible():
                out.append(("plot label", item.text))
        elif isinstance(item, pg.TextItem):
            if item.isVisible():
                out.append(("text item", item.toPlainText()))
    return out


def visible_texts(root) -> list[tuple[str, str]]:
    """(where, text) for every text a user can see or hover in `root`'s widget tree."""
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGraphicsView, QGroupBox, QLabel,
                                   QLineEdit, QMenu, QTableWidget, QTabWidget, QTextEdit, QTreeWidget,
                                   QWidget)

    out: list[tuple[str, str]] = []

    def add(widget, kind, text):
        if text:
            out.append((f"{type(widget).__name__} {widget.objectName() or ''} {kind}".strip(), text))

    widgets = [root] + root.findChildren(QWidget)
    for w in widgets:
        add(w, "tooltip", w.toolTip())
        if isinstance(w, QLabel):
            add(w, "text", w.text())
        elif isinstance(w, QAbstractButton):
            add(w, "text", w.text())
        elif isinstance(w, QGroupBox):
            add(w, "title", w.title())
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QTextEdit):
            add(w, "text", w.toPlainText())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, f"item {i}", w.itemText(i))
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, f"tab {i}", w.tabText(i))
                add(w, f"tab {i} tooltip", w.tabToolTip(i))
        if isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                h = w.horizontalHeaderItem(c)
                add(w, f"column {c}", h.text() if h else "")
            for r in range(w.rowCount()):
                h = w.verticalHeaderItem(r)
                add(w, f"row {r}", h.text() if h else "")
                for c in range(w.columnCount()):
                    cell = w.item(r, c)
                    add(w, f"cell {r},{c}", cell.text() if cell else "")
        if isinstance(w, QTreeWidget):
            h = w.headerItem()
            if h is not None and not w.isHeaderHidden():
                for c in range(h.columnCount()):
                    add(w, f"header {c}", h.text(c))
            stack = [w.topLevelItem(i) for i in range(w.topLevelItemCount())]
            while stack:
                item = stack.pop()
                add(w, "item", item.text(0))
                add(w, "item tooltip", item.toolTip(0))
                stack += [item.child(i) for i in range(item.childCount())]
        if isinstance(w, QMenu):
            add(w, "title", w.title())
        for a in w.actions():
            add(w, "action", a.text())
            add(w, "action tip", a.toolTip() if a.toolTip() != a.text().replace("&", "") else "")
        if isinstance(w, QGraphicsView):
            out += [(f"{type(w).__name__} {kind}", text) for kind, text in _plot_texts(w) if text]
    return out


def english_left(root, allow: tuple[str, ...] = ()) -> list[str]:
    """'where: text [words]' for every visible text with English in it."""
    bad = []
    for where, text in visible_texts(root):
        words = [w for w in english_words(text) if w.lower() not in allow]
        if words:
            bad.append(f"{where}: {plain(text)[:120]!r} {sorted(set(words))}")
    return sorted(set(bad))
