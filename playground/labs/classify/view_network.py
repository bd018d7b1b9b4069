"""The network drawn as TensorFlow Playground draws it: every neuron a small heatmap of its output
over the plane, every link coloured by the sign of its weight and as thick as its magnitude.

All the neuron heatmaps are painted into one image (one `setImage` a frame, however many neurons) and
the links into a dozen curves bucketed by sign and thickness, so a network of 8 layers of 16 redraws
in a few milliseconds. Hovering a neuron, a link or a bias (the small square at a neuron's lower
left) shows its value; clicking a link or a bias opens an editor and emits `weight_edited`; clicking
an input feature toggles it. The widget only draws what it is given and reports what the user did.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout,
                               QWidget)

from playground.core.nets import activations
from playground.labs.classify import data as cd
from playground.ui.i18n import tr
from playground.ui.theme import CLASS_COLORS, Theme
from playground.ui.widgets.plots import ThemedPlot, diverging_lut

__all__ = ["NetworkView"]

TILE = 1.0  # a neuron's side, in view units
COL_STEP = 3.0  # distance between layer columns
ROW_STEP = 1.2  # distance between neurons of a column
WIDTH_BUCKETS = (0.25, 0.5, 1.0, 2.0, 4.0)  # |w| upper bounds of the link thickness classes


def _tile_lut(theme: Theme) -> np.ndarray:
    return diverging_lut(theme, 256)


def _layer_activation(params: dict, i: int) -> str:
    """Hidden layer i's own activation (0-based) from the layer_activations list, or "same"."""
    acts = params.get("layer_activations") or []
    return acts[i] if i < len(acts) else "same"


class _WeightEditor(QLineEdit):
    """The small field a click on a link or a bias opens: Enter applies, Escape cancels."""

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class NetworkView(QWidget):
    weight_edited = Signal(str, tuple, float)  # parameter name, index, new value
    layers_changed = Signal(list)  # new hidden layer widths
    activation_changed = Signal(int, str)  # hidden layer (1-based), registry name or "same"
    feature_toggled = Signal(str, bool)
    neuron_hovered = Signal(object)  # ("feature", name) / ("hidden", layer, unit) / ("output", k) / None

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.snap: dict | None = None
        self.layers: list[int] = []
        self.activations: list[str] = []
        self.features: list[str] = []
        self.hover_text = ""
        self._hovered = None
        self._links = np.zeros((0, 4))  # x0, y0, x1, y1 of every drawn link
        self._link_meta = np.zeros((0, 4), int)  # layer, source row, first weight column, pieces
        self._bias_pos = np.zeros((0, 2))
        self._bias_meta = np.zeros((0, 3), int)  # layer, first bias column, pieces
        self._nodes: list[tuple] = []  # (x, y, key, label)
        self._editing: tuple | None = None
        self._static_features = self._feature_tiles()

        self.header = QWidget()
        self.header_row = QGridLayout(self.header)  # rows of two layer boxes: the network and the output plot share a 1440-px screen
        self.header_row.setContentsMargins(2, 2, 2, 2)
        self.header_row.setHorizontalSpacing(4)
        self.header_row.setVerticalSpacing(1)
        self.plot = ThemedPlot(tr("Network"))
        item = self.plot.item
        for side in ("left", "bottom"):
            item.hideAxis(side)
        vb = item.getViewBox()
        vb.setMouseEnabled(False, False)
        vb.setMenuEnabled(False)
        vb.invertY(True)  # neuron 1 at the top, as in TF Playground
        vb.setAspectLocked(True)
        self.image = pg.ImageItem()
        self.image.setZValue(5)
        item.addItem(self.image)
        self.link_curves: list[pg.PlotCurveItem] = []
        for _sign in (0, 1):
            for _w in WIDTH_BUCKETS:
                c = pg.PlotCurveItem(connect="pairs", skipFiniteCheck=True)
                c.setZValue(1)
                item.addItem(c)
                self.link_curves.append(c)
        # Biases: small squares at each neuron's lower left, one item per sign so no per-point brushes.
        self.bias_marks = pg.ScatterPlotItem(pxMode=True, symbol="s")
        self.bias_pos_marks = pg.ScatterPlotItem(pxMode=True, symbol="s")
        for mark in (self.bias_marks, self.bias_pos_marks):
            mark.setZValue(8)
            item.addItem(mark)
        self.highlight = pg.PlotCurveItem()
        self.highlight.setZValue(9)
        item.addItem(self.highlight)
        self.labels: list[pg.TextItem] = []
        self.hover_label = QLabel(tr("Hover a neuron, a link or a bias to see its value; click a link or a bias to edit it."))
        self.hover_label.setObjectName("network_hover")
        self.hover_label.setWordWrap(True)
        self.editor = _WeightEditor(self)
        self.editor.setObjectName("weight_editor")
        self.editor.setValidator(QDoubleValidator())
        self.editor.setFixedWidth(110)
        self.editor.hide()
        self.editor.returnPressed.connect(self._commit_edit)
        self.editor.editingFinished.connect(lambda: self.editor.hide())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover_label)
        scene = self.plot.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.apply_theme(theme)

    # --- header: layer and neuron buttons, per-layer activations -----------------------------------------
    def _rebuild_header(self) -> None:
        while self.header_row.count():
            w = self.header_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        n = len(self.layers)
        first = QWidget()
        fr = QHBoxLayout(first)
        fr.setContentsMargins(0, 0, 0, 0)
        fr.addWidget(QLabel(tr("<b>{n}</b> hidden layers", n=n) if n != 1 else tr("<b>{n}</b> hidden layer", n=n)))
        fr.addWidget(self._button("+", tr("Add a hidden layer"), "add_layer",
                                  lambda: self._emit_layers(self.layers + [self.layers[-1] if self.layers else 4]),
                                  n < 8))
        fr.addWidget(self._button("−", tr("Remove the last hidden layer"), "remove_layer",
                                  lambda: self._emit_layers(self.layers[:-1]), n > 0))
        self.header_row.addWidget(first, 0, 0)
        names = activations.trainable_names()
        for i, width in enumerate(self.layers):
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(6, 0, 0, 0)
            row.setSpacing(2)
            row.addWidget(self._button("−", tr("One neuron fewer in layer {layer}", layer=i + 1), f"remove_neuron_{i + 1}",
                                       lambda i=i: self._emit_width(i, -1), width > 1))
            row.addWidget(QLabel(tr("L{layer}: {width}", layer=i + 1, width=width)))
            row.addWidget(self._button("+", tr("One neuron more in layer {layer}", layer=i + 1), f"add_neuron_{i + 1}",
                                       lambda i=i: self._emit_width(i, +1), width < 16))
            combo = QComboBox()
            # Sized for short names: eight of these header boxes must fit beside the output plot.
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            combo.setObjectName(f"layer_activation_{i + 1}")
            combo.setToolTip(tr("Activation of hidden layer {layer}", layer=i + 1))
            combo.addItem(tr("same", "activation of a layer: the network's own"), "same")
            for name in names:
                combo.addItem(tr(activations.get(name).label), name)
            combo.setCurrentIndex(max(0, combo.findData(self._own_activation(i))))
            combo.currentIndexChanged.connect(lambda _k, i=i, c=combo: self.activation_changed.emit(i + 1, c.currentData()))
            row.addWidget(combo)
            self.header_row.addWidget(box, (i + 1) // 2, (i + 1) % 2)
        self.header_row.setColumnStretch(2, 1)

    def _own_activation(self, i: int) -> str:
        return _layer_activation((self.snap or {}).get("params", {}), i)

    def _button(self, text, tip, name, slot, enabled=True) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setObjectName(name)
        b.setEnabled(enabled)
        b.clicked.connect(slot)
        return b

    def _emit_layers(self, layers: list[int]) -> None:
        self.layers_changed.emit([int(w) for w in layers])

    def _emit_width(self, i: int, delta: int) -> None:
        layers = list(self.layers)
        layers[i] = int(min(16, max(1, layers[i] + delta)))
        self._emit_layers(layers)

    # --- drawing --------------------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.plot.apply_theme(theme)
        self._lut = _tile_lut(theme)
        pens = []
        for sign in (0, 1):
            color = CLASS_COLORS[1] if sign else CLASS_COLORS[0]
            for w in range(len(WIDTH_BUCKETS)):
                pens.append(pg.mkPen(color, width=(0.6 + 1.1 * w) * theme.scale))
        for curve, pen in zip(self.link_curves, pens):
            curve.setPen(pen)
        self.highlight.setPen(pg.mkPen(theme.foreground, width=3 * theme.scale))
        edge = pg.mkPen(theme.foreground, width=0.8)
        for mark, color in ((self.bias_marks, CLASS_COLORS[0]), (self.bias_pos_marks, CLASS_COLORS[1])):
            mark.setBrush(pg.mkBrush(color))
            mark.setPen(edge)
            mark.setSize(8 * theme.scale)
        if self.snap is not None:
            self.show_snapshot(self.snap)

    @staticmethod
    def _feature_tiles() -> dict[str, np.ndarray]:
        """Every feature's thumbnail, for the ones switched off (the snapshot has the ones in use)."""
        axis = np.linspace(-cd.EXTENT, cd.EXTENT, 25)
        g1, g2 = np.meshgrid(axis, axis, indexing="ij")
        pts = np.stack([g1.ravel(), g2.ravel()], axis=1)
        return {name: cd.feature_matrix(pts, [name])[:, 0].reshape(25, 25) for name in cd.FEATURES}

    def _columns(self, snap: dict) -> list[list[tuple]]:
        """Per column, its nodes as (key, label, grid)."""
        cols = []
        enabled = snap["features"]
        cols.append([(("feature", name), cd.FEATURES[name][0],
                      snap["feature_grids"][enabled.index(name)] if name in enabled else self._static_features[name])
                     for name in cd.FEATURES])
        for h, grids in enumerate(snap["neuron_grids"]):
            act = tr(activations.get(snap["activations"][h]).label)
            cols.append([(("hidden", h, j), tr("layer {layer}, neuron {unit} ({activation})", layer=h + 1,
                                                unit=j + 1, activation=act), grids[j])
                         for j in range(len(grids))])
        out = np.asarray(snap["output_small"])
        if out.ndim == 3:
            cols.append([(("output", k), tr("output: probability of class {k}", k=k), 2 * out[k] - 1)
                         for k in range(len(out))])
        else:
            cols.append([(("output", 0), tr("output"), out)])
        return cols

    def show_snapshot(self, snap: dict) -> None:
        self.snap = snap
        if snap["layers"] != self.layers or snap["features"] != self.features or \
                [_layer_activation(snap["params"], i) for i in range(len(snap["layers"]))] != \
                getattr(self, "_header_acts", None):
            self.layers = list(snap["layers"])
            self.features = list(snap["features"])
            self._header_acts = [_layer_activation(snap["params"], i) for i in range(len(snap["layers"]))]
            self._rebuild_header()
        cols = self._columns(snap)
        px = next(iter(cols[0]))[2].shape[0]  # pixels per tile
        n_rows = max(len(c) for c in cols)
        width = int(round(((len(cols) - 1) * COL_STEP + TILE) * px))
        height = int(round(((n_rows - 1) * ROW_STEP + TILE) * px))
        canvas = np.zeros((height, width, 4), dtype=np.ubyte)
        self._nodes = []
        positions = []  # per column, (x, y) of each node's top-left corner
        enabled = set(snap["features"])
        for c, nodes in enumerate(cols):
            x0 = c * COL_STEP
            pos_col = []
            offset = (n_rows - len(nodes)) * ROW_STEP / 2  # centre short columns vertically
            for r, (key, label, grid) in enumerate(nodes):
                y0 = offset + r * ROW_STEP
                pos_col.append((x0, y0))
                self._nodes.append((x0, y0, key, label))
                g = np.nan_to_num(np.asarray(grid, dtype=float), nan=0.0, posinf=1e3, neginf=-1e3)
                scale = max(1.0, float(np.max(np.abs(g)))) if key[0] != "output" else 1.0
                idx = np.clip(((g / scale + 1) * 127.5).astype(int), 0, 255)
                rgba = self._lut[idx.T[::-1]]  # tile rows run down the screen: x2 descending
                if key[0] == "feature" and key[1] not in enabled:
                    rgba = rgba.copy()
                    rgba[..., 3] = 70  # a feature that is off is shown faded
                iy, ix = int(round(y0 * px)), int(round(x0 * px))
                canvas[iy:iy + px, ix:ix + px] = rgba
            positions.append(pos_col)
        self._label_features(positions[0])
        self.image.setImage(canvas, autoLevels=False, levels=(0, 255))
        self.image.setRect(pg.QtCore.QRectF(0, 0, width / px, height / px))
        self._draw_links(snap, positions, enabled)
        vb = self.plot.item.getViewBox()
        vb.setRange(xRange=(-1.9, (len(cols) - 1) * COL_STEP + TILE + 0.3),
                    yRange=(-0.3, (n_rows - 1) * ROW_STEP + TILE + 0.3), padding=0)
        if self._hovered is not None:
            self._describe(self._hovered)

    def _label_features(self, positions: list) -> None:
        if not self.labels:
            for name in cd.FEATURES:
                t = pg.TextItem(cd.FEATURES[name][0], anchor=(1, 0.5))
                t.setZValue(6)
                self.plot.item.addItem(t)
                self.labels.append(t)
        restyle = getattr(self, "_labels_theme", None) is not self.theme
        self._labels_theme = self.theme
        for t, (x0, y0) in zip(self.labels, positions):
            t.setPos(x0 - 0.08, y0 + TILE / 2)
            if restyle:  # setColor re-renders the text: only when the theme changed
                t.setColor(self.theme.foreground)

    def _draw_links(self, snap: dict, positions: list, enabled: set) -> None:
        """Links bucketed into a few curves by sign and |w|; all array work, no loop over links."""
        state = snap["state"]
        feature_rows = [i for i, name in enumerate(cd.FEATURES) if name in enabled]
        segs, meta, mags, bias_pos, bias_meta, bias_val = [], [], [], [], [], []
        for layer in range(len(positions) - 1):
            W = np.asarray(state[f"layer{layer}.weight"])
            b = np.asarray(state[f"layer{layer}.bias"])
            targets = np.asarray(positions[layer + 1], dtype=float)  # (units, 2) top-left corners
            sources = np.asarray([positions[0][i] for i in feature_rows] if layer == 0 else positions[layer],
                                 dtype=float).reshape(-1, 2)
            units, fan_in = len(targets), len(sources)
            pieces = W.shape[1] // units
            # A maxout unit has k weights per link: the link shows their mean.
            mags.append(W.reshape(fan_in, units, pieces).mean(axis=2).ravel())
            ii, jj = np.meshgrid(np.arange(fan_in), np.arange(units), indexing="ij")
            ii, jj = ii.ravel(), jj.ravel()
            segs.append(np.column_stack([sources[ii, 0] + TILE, sources[ii, 1] + TILE / 2,
                                         targets[jj, 0], targets[jj, 1] + TILE / 2]))
            meta.append(np.column_stack([np.full(len(ii), layer), ii, jj * pieces, np.full(len(ii), pieces)]))
            bias_pos.append(np.column_stack([targets[:, 0] - 0.12, targets[:, 1] + TILE + 0.05]))
            bias_val.append(b.reshape(units, pieces).mean(axis=1))
            bias_meta.append(np.column_stack([np.full(units, layer), np.arange(units) * pieces, np.full(units, pieces)]))
        self._links = np.concatenate(segs) if segs else np.zeros((0, 4))
        self._link_meta = np.concatenate(meta).astype(int) if meta else np.zeros((0, 4), int)
        self._bias_pos = np.concatenate(bias_pos) if bias_pos else np.zeros((0, 2))
        self._bias_meta = np.concatenate(bias_meta).astype(int) if bias_meta else np.zeros((0, 3), int)
        mags = np.concatenate(mags) if mags else np.zeros(0)
        bucket = np.searchsorted(WIDTH_BUCKETS, np.abs(mags)).clip(0, len(WIDTH_BUCKETS) - 1)
        key = bucket + len(WIDTH_BUCKETS) * (mags > 0)
        for k, curve in enumerate(self.link_curves):
            sel = self._links[key == k]
            if len(sel):
                curve.setData(sel[:, [0, 2]].ravel(), sel[:, [1, 3]].ravel())
            else:
                curve.setData([], [])
        bias_val = np.concatenate(bias_val) if bias_val else np.zeros(0)
        for mark, sel in ((self.bias_pos_marks, bias_val > 0), (self.bias_marks, bias_val <= 0)):
            mark.setData(self._bias_pos[sel, 0], self._bias_pos[sel, 1])

    def _link_ref(self, k: int) -> tuple[str, tuple, np.ndarray]:
        """(parameter name, index of its first piece, the link's k weights) of drawn link k."""
        layer, i, col, pieces = (int(v) for v in self._link_meta[k])
        W = np.asarray(self.snap["state"][f"layer{layer}.weight"])
        return f"layer{layer}.weight", (i, col), W[i, col:col + pieces]

    def _bias_ref(self, k: int) -> tuple[str, tuple, np.ndarray]:
        layer, col, pieces = (int(v) for v in self._bias_meta[k])
        b = np.asarray(self.snap["state"][f"layer{layer}.bias"])
        return f"layer{layer}.bias", (col,), b[col:col + pieces]

    # --- hover and click ----------------------------------------------------------------------------------
    def _pick(self, x: float, y: float):
        """What lies under the view point (x, y): a node, a bias, a link, or None."""
        for x0, y0, key, label in self._nodes:
            if x0 <= x <= x0 + TILE and y0 <= y <= y0 + TILE:
                return ("node", key, label)
        vb = self.plot.item.getViewBox()
        px = vb.viewPixelSize()
        tol = 6 * max(px[0], px[1]) if px[0] > 0 else 0.1
        if len(self._bias_pos):
            d = np.hypot(self._bias_pos[:, 0] - x, self._bias_pos[:, 1] - y)
            i = int(d.argmin())
            if d[i] <= max(tol, 0.12):
                return ("bias", i)
        if len(self._links):
            a, b = self._links[:, :2], self._links[:, 2:]
            ab = b - a
            t = np.clip(((x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1]) / np.maximum((ab ** 2).sum(1), 1e-12), 0, 1)
            d = np.hypot(a[:, 0] + t * ab[:, 0] - x, a[:, 1] + t * ab[:, 1] - y)
            i = int(d.argmin())
            if d[i] <= tol:
                return ("link", i)
        return None

    def _describe(self, hit) -> str:
        snap = self.snap or {}
        state = snap.get("state", {})
        kind = hit[0]
        self.highlight.setData([], [])
        if kind == "node":
            key, label = hit[1], hit[2]
            text = label
            if key[0] == "hidden":
                h, j = key[1], key[2]
                bias = np.asarray(state.get(f"layer{h}.bias", []))
                k = len(bias) // max(1, snap["layers"][h])
                text += tr(" · bias {values}", values=", ".join(f"{v:.3f}" for v in bias[j * k:(j + 1) * k]))
                slope = state.get(f"layer{h}.slope")
                if slope is not None:
                    text += tr(" · learned PReLU slope {slope}", slope=f"{float(np.ravel(slope)[0]):.3f}")
            elif key[0] == "feature":
                text += tr(" · on (click to switch off)") if key[1] in snap.get("features", []) \
                    else tr(" · off (click to use it)")
        elif kind == "bias":
            name, index, values = self._bias_ref(hit[1])
            # "layer0" is the weight array's own name (0 from the inputs); the number alone is a field
            text = tr("bias layer{layer} = {values} (click to edit)", layer=name.split(".")[0][len("layer"):],
                      values=", ".join(f"{float(v):.4f}" for v in np.ravel(values)))
        else:
            name, index, values = self._link_ref(hit[1])
            s = self._links[hit[1]]
            self.highlight.setData([s[0], s[2]], [s[1], s[3]])
            text = tr("weight layer{layer} [{source} → {target}] = {values} (click to edit)",
                      layer=name.split(".")[0][len("layer"):],
                      source=index[0] + 1, target=index[1] // max(1, len(values)) + 1,
                      values=", ".join(f"{float(v):.4f}" for v in np.ravel(values)))
        self.hover_text = text
        self.hover_label.setText(text)
        return text

    def hover_at(self, x: float, y: float) -> str:
        """Hover the view point (x, y); returns the text shown ('' over nothing)."""
        hit = self._pick(x, y)
        self._hovered = hit
        node = hit[1] if hit is not None and hit[0] == "node" else None
        self.neuron_hovered.emit(node)
        if hit is None:
            self.hover_text = ""
            self.hover_label.setText("")
            self.highlight.setData([], [])
            return ""
        return self._describe(hit)

    def click_at(self, x: float, y: float) -> None:
        hit = self._pick(x, y)
        if hit is None:
            return
        if hit[0] == "node" and hit[1][0] == "feature":
            name = hit[1][1]
            on = name not in self.features
            if on or len(self.features) > 1:  # the network needs at least one input
                self.feature_toggled.emit(name, on)
            return
        if hit[0] in ("link", "bias"):
            name, index, values = (self._link_ref if hit[0] == "link" else self._bias_ref)(hit[1])
            self._editing = (name, tuple(int(i) for i in index))
            self.editor.setText(f"{float(np.ravel(values)[0]):.4f}")
            pos = self.plot.mapFromScene(self.plot.item.getViewBox().mapViewToScene(QPointF(x, y)))
            pos = self.plot.mapTo(self, pos)
            self.editor.move(max(0, min(self.width() - self.editor.width(), pos.x() + 8)), max(0, pos.y() - 10))
            self.editor.show()
            self.editor.raise_()
            self.editor.setFocus()
            self.editor.selectAll()

    def _commit_edit(self) -> None:
        if self._editing is None:
            return
        try:
            value = float(self.editor.text().replace(",", "."))
        except ValueError:
            return
        name, index = self._editing
        self._editing = None
        self.editor.hide()
        self.weight_edited.emit(name, index, value)

    def view_point(self, pos) -> tuple[float, float]:
        p = self.plot.item.getViewBox().mapSceneToView(pos)
        return p.x(), p.y()

    def _on_mouse_moved(self, pos) -> None:
        self.hover_at(*self.view_point(pos))

    def _on_mouse_clicked(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self.click_at(*self.view_point(event.scenePos()))

    # --- geometry for tests and keyboard users -------------------------------------------------------------
    def link_point(self, param: str, index: tuple, at: float = 0.3) -> tuple[float, float]:
        """View coordinates of a point on the link drawn for weight `param[index]`, a fraction `at` of
        the way from its source. Not the middle: links i->j and j->i of a layer cross there."""
        for k in range(len(self._links)):
            name, idx, _v = self._link_ref(k)
            if name == param and tuple(idx) == tuple(index):
                s = self._links[k]
                return s[0] + at * (s[2] - s[0]), s[1] + at * (s[3] - s[1])
        raise KeyError(f"{param}{index} is not drawn")

    def node_point(self, key: tuple) -> tuple[float, float]:
        for x0, y0, k, _label in self._nodes:
            if k == key:
                return x0 + TILE / 2, y0 + TILE / 2
        raise KeyError(key)

    def bias_point(self, param: str, index: tuple) -> tuple[float, float]:
        for k in range(len(self._bias_pos)):
            name, idx, _v = self._bias_ref(k)
            if name == param and tuple(idx) == tuple(index):
                return tuple(self._bias_pos[k])
        raise KeyError(f"{param}{index} is not drawn")

