"""The classification playground's view: TensorFlow Playground's screen, drawn from snapshots.

Left, the network (every neuron a heatmap, links by sign and weight, +/- for layers and neurons, an
activation per layer); right, the output over the plane with the points, which a click can add to or
remove from; below, the train and test loss together and the confusion matrix. The side panel holds
the parameters (built from the core's PARAMS) and the read-outs. Nothing is computed here: edits
become parameter changes or custom commands to the session (set_weight, add_point, remove_point,
regenerate, load_csv), and every frame is drawn from the newest snapshot. Every word shown goes
through tr() (French in assets/i18n/classify_fr.ts).
"""
from __future__ import annotations

import time
from collections.abc import Generator

import numpy as np
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from playground.labs.classify import data as cd
from playground.ui.i18n import QT_TR_NOOP, current_language, tr
from playground.ui.theme import Theme
from playground.ui.widgets.confusion_view import ConfusionView
from playground.ui.widgets.heatmap_plot import OutputPlot
from playground.labs.classify.view_network import NetworkView
from playground.ui.widgets.plots import CurveChart, ThemedPlot
from playground.ui.lab_view import LabView
from playground.ui.main_window import engine_text

__all__ = ["ClassifyLab"]

TRAIN_COLOR, TEST_COLOR = "#0072B2", "#D55E00"
READOUT_INTERVAL = 0.25  # seconds between read-out refreshes while training
# The data set's name in the read-out (the snapshot says "circle", "custom"...): marked for lupdate,
# translated where shown; English shows the raw name, as before.
DATA_NAMES = (QT_TR_NOOP("circle"), QT_TR_NOOP("xor"), QT_TR_NOOP("gauss"), QT_TR_NOOP("spiral"),
              QT_TR_NOOP("moons"), QT_TR_NOOP("checkerboard"), QT_TR_NOOP("spiral3"), QT_TR_NOOP("blobs"),
              QT_TR_NOOP("random"), QT_TR_NOOP("empty"), QT_TR_NOOP("plane"), QT_TR_NOOP("multi-gaussian"),
              QT_TR_NOOP("custom"))
TRAIN, TEST = QT_TR_NOOP("train"), QT_TR_NOOP("test")  # the loss curves' keys and legend names


def grouped(n: float) -> str:
    """A whole number with thousands grouped as the language writes them: 9,544 or 9 544 (a comma is
    the decimal mark in French)."""
    text = f"{n:,.0f}"
    return text.replace(",", "\u202f") if current_language() == "fr" else text


class ClassifyLab(LabView):
    lesson_html = QT_TR_NOOP(
        "<p><b>Try:</b> press <b>Play</b> on the circle: the default [4, 2] tanh network (TensorFlow "
        "Playground's) gets the test loss under 0.1 in about 50 epochs. Hover a neuron to see what it "
        "computes; click a link to change its weight live.</p>"
        "<p><b>Overfitting</b> (the lecture's <i>surapprentissage</i>): choose Exclusive or, 10% training "
        "data, noise 50 and 8 layers of 16 neurons. The train loss keeps falling while the test loss turns "
        "back up: the network learns the noise. L2 (rate 0.03) or dropout (0.2) narrows the gap.</p>"
        "<p><b>Random labels:</b> no structure in the data, no learning possible. A big network memorises "
        "the training points, but test accuracy stays at chance.</p>"
        "<p>Click the plot to add points of the chosen class (Shift+click: another class), right-click to "
        "remove one.</p>")

    def build_content(self) -> Generator[None, None, QWidget]:
        theme = self.theme
        root = QSplitter(Qt.Vertical)
        top = QSplitter(Qt.Horizontal)
        self.network = NetworkView(theme)
        self.network.weight_edited.connect(self._on_weight_edited)
        self.network.layers_changed.connect(lambda layers: self._set_param("layers", layers))
        self.network.activation_changed.connect(self._set_layer_activation)
        self.network.feature_toggled.connect(self._on_feature_toggled)
        self.network.neuron_hovered.connect(self._on_neuron_hovered)
        top.addWidget(self.network)
        yield  # (a piece per turn of the event loop: see LabView.build_content)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.output = OutputPlot(theme)
        self.output.point_clicked.connect(self._on_point_clicked)
        self.output.point_removed.connect(self._on_point_removed)
        tools = QGridLayout()
        self.show_test = QCheckBox(tr("Show test data"))
        self.show_test.setObjectName("show_test")
        self.show_test.toggled.connect(self._on_show_test_toggled)
        self.discretize = QCheckBox(tr("Discretize output"))
        self.discretize.setObjectName("discretize")
        self.discretize.toggled.connect(self._on_discretize_toggled)
        self.draw_class = QComboBox()
        self.draw_class.setObjectName("draw_class")
        self.draw_class.setToolTip(tr("Click the plot to add a point of this class; Shift+click adds another class"))
        self.draw_test = QCheckBox(tr("as test points"))
        self.draw_test.setObjectName("draw_test")
        self.draw_test.setToolTip(tr("Clicks add test points (drawn with dark edges) instead of training points"))
        self.regenerate = QPushButton(tr("Regenerate"))
        self.regenerate.setToolTip(tr("New points from the same data set; the weights stay"))
        self.regenerate.clicked.connect(lambda: self._custom("regenerate"))
        self.import_button = QPushButton(tr("Import CSV…"))
        self.import_button.clicked.connect(self._on_import)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.clicked.connect(self._on_export)
        # Two columns, not three or four: with the network beside it the lab must still fit a 1280-px
        # projector in presentation mode's larger type (three columns pushed the confusion matrix off).
        click_adds = QWidget()
        ca = QHBoxLayout(click_adds)
        ca.setContentsMargins(0, 0, 0, 0)
        ca.addWidget(QLabel(tr("Click adds:")))
        ca.addWidget(self.draw_class, 1)
        for i, w in enumerate((self.show_test, self.discretize, click_adds,
                               self.regenerate, self.import_button, self.export_button, self.draw_test)):
            tools.addWidget(w, i // 2, i % 2)
        rl.addLayout(tools)
        rl.addWidget(self.output, 1)
        top.addWidget(right)
        # Proportions, not pixel sizes: fixed sizes wider than the window pushed the output plot off screen.
        top.setStretchFactor(0, 5)
        top.setStretchFactor(1, 4)
        yield

        bottom = QWidget()
        bl = QHBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.loss_plot = ThemedPlot(tr("Loss"), tr("epoch"), tr("loss"))
        self.loss_chart = CurveChart(self.loss_plot.item)
        self.loss_chart.add(TRAIN, TRAIN_COLOR)
        self.loss_chart.add(TEST, TEST_COLOR, dashed=True)
        for axis in ("left", "bottom"):
            self.loss_plot.item.getAxis(axis).enableAutoSIPrefix(False)
        self.confusion = ConfusionView(theme)
        bl.addWidget(self.loss_plot, 3)
        bl.addWidget(self.confusion, 2)
        root.addWidget(top)
        root.addWidget(bottom)
        root.setStretchFactor(0, 7)
        root.setStretchFactor(1, 3)
        self._draw_classes = None
        self._focus = None
        self._readout_at = -1.0
        yield
        self.apply_theme(theme)
        return root

    def figures(self) -> dict:
        return {"output": self.output, "network": self.network.plot, "loss": self.loss_plot,
                "confusion": self.confusion}

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.network.apply_theme(theme)
        self.output.apply_theme(theme)
        self.loss_plot.apply_theme(theme)
        self.loss_chart.apply_theme(theme)
        self.confusion.apply_theme(theme)

    def on_reset(self) -> None:
        self.loss_chart.clear()

    # --- user actions -> parameters and commands ----------------------------------------------------------
    def _set_param(self, name: str, value) -> None:
        """A change made outside the panel (network buttons, feature clicks): show it and send it."""
        self.panel.set_values({name: value})
        self._on_params_changed({name: value})

    def _set_layer_activation(self, layer: int, name: str) -> None:
        """One hidden layer's activation (1-based) from its header, kept in the list parameter."""
        acts = list(self._params.get("layer_activations") or [])
        acts += ["same"] * (layer - len(acts))
        acts[layer - 1] = name
        while acts and acts[-1] == "same":
            acts.pop()
        self._set_param("layer_activations", acts)

    def _custom(self, name: str, **kwargs) -> None:
        if self.controller is not None:
            self.controller.custom(name, **kwargs)

    def _on_weight_edited(self, param: str, index: tuple, value: float) -> None:
        self._custom("set_weight", param=param, index=list(index), value=float(value))

    def _on_feature_toggled(self, name: str, on: bool) -> None:
        current = list(self._params["features"])
        chosen = (set(current) | {name}) if on else (set(current) - {name})
        features = [f for f in cd.FEATURES if f in chosen]  # the declared order, as the panel shows it
        if features:
            self._set_param("features", features)

    def _on_neuron_hovered(self, key) -> None:
        focus = (key[1], key[2]) if key is not None and key[0] == "hidden" else None
        if focus != self._focus:
            # The thumbnail shows at once; the session then sends the neuron at full resolution.
            self._focus = focus
            if focus is None:
                self._custom("focus")
            else:
                self._custom("focus", layer=focus[0], unit=focus[1])
        snap = self.last_snapshot
        if key is None or snap is None:
            self.output.show_focus(None)
            return
        if key[0] == "hidden":
            grid = snap["neuron_grids"][key[1]][key[2]]
            if snap.get("focus") == focus and "focus_grid" in snap:
                grid = snap["focus_grid"]
            title = tr("Layer {layer}, neuron {unit}", layer=key[1] + 1, unit=key[2] + 1)
        elif key[0] == "feature" and key[1] in snap["features"]:
            grid = snap["feature_grids"][snap["features"].index(key[1])]
            title = tr("Feature {name}", name=cd.FEATURES[key[1]][0])
        else:
            self.output.show_focus(None)
            return
        self.output.show_focus(grid, title)

    def _current_class(self) -> int:
        data = self.draw_class.currentData()
        return int(data) if data is not None else 1

    def _on_point_clicked(self, x1: float, x2: float, shift: bool) -> None:
        snap = self.last_snapshot or {}
        classes = snap.get("classes", 2)
        if classes == 0:  # regression: click adds +1, Shift+click -1
            label = -1.0 if shift else 1.0
        else:
            label = self._current_class()
            if shift:
                label = (label + 1) % classes
        subset = "test" if self.draw_test.isChecked() else "train"
        if subset == "test" and not self.show_test.isChecked():
            self.show_test.setChecked(True)  # a point you cannot see would look like a lost click
        self._custom("add_point", x1=float(x1), x2=float(x2), label=label, subset=subset)

    def _on_point_removed(self, x1: float, x2: float) -> None:
        self._custom("remove_point", x1=float(x1), x2=float(x2), radius=0.6)

    def _on_show_test_toggled(self, on: bool) -> None:
        self.output.show_test = on
        if self.last_snapshot is not None:
            self.output.show_snapshot(self.last_snapshot)

    def _on_discretize_toggled(self, on: bool) -> None:
        self.output.discretize = on
        if self.last_snapshot is not None:
            self.output.show_snapshot(self.last_snapshot)

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import points"), "",
                                              tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.import_csv(path)

    def import_csv(self, path: str) -> None:
        """The session reads the file; a bad row comes back as an error naming it."""
        self._custom("load_csv", path=path)

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export points"), "points.csv", tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        snap = self.last_snapshot
        if snap is None:
            return
        data = cd.Dataset(np.concatenate([snap["x_train"], snap["x_test"]]),
                          np.concatenate([snap["y_train"], snap["y_test"]]), snap["classes"])
        try:
            cd.write_csv(data, path)
        except OSError as exc:
            self.status_changed.emit(tr("Could not write {path}: {error}", path=path, error=exc))
            return
        self.status_changed.emit(tr("Exported {n} points to {path}", n=len(data), path=path))

    # --- drawing ------------------------------------------------------------------------------------------
    def _update_draw_classes(self, snap: dict) -> None:
        classes = snap["classes"]
        if classes == self._draw_classes:
            return
        self._draw_classes = classes
        self.draw_class.blockSignals(True)
        self.draw_class.clear()
        if classes == 0:
            self.draw_class.addItem(tr("value +1 (Shift: −1)"), 1)
        else:
            for k in range(classes):
                self.draw_class.addItem(tr("class {k}", k=k), k)
            self.draw_class.setCurrentIndex(1 if classes == 2 else 0)
        self.draw_class.setEnabled(classes != 0)
        self.draw_class.blockSignals(False)

    def show_snapshot(self, snap: dict) -> None:
        self._update_draw_classes(snap)
        if self._focus is not None and snap.get("focus") == self._focus and "focus_grid" in snap:
            h, j = self._focus
            self.output.show_focus(snap["focus_grid"], tr("Layer {layer}, neuron {unit}", layer=h + 1, unit=j + 1))
        self.network.show_snapshot(snap)
        self.output.show_snapshot(snap)
        self.loss_chart.set(TRAIN, snap["history_train"], np.asarray(snap["history_epoch"], float))
        self.loss_chart.set(TEST, snap["history_test"], np.asarray(snap["history_epoch"], float))
        if snap["confusion"] is not None:
            self.confusion.set_matrix(snap["confusion"])
            self.confusion.show()
        else:
            self.confusion.hide()
        self._readout(snap)

    def _readout(self, s: dict) -> None:
        # The side panel re-lays itself out on every text change (~10-25 ms here): while training,
        # refresh the read-out a few times a second; a paused frame always shows at once.
        now = time.monotonic()
        if s.get("playing") and now - self._readout_at < READOUT_INTERVAL:
            return
        self._readout_at = now

        def num(v, fmt="{:.4f}"):
            return "–" if v is None or not np.isfinite(v) else fmt.format(v)

        head = tr("<b>Epoch {epoch}</b> · {engine}", epoch=grouped(s["epoch"]), engine=engine_text(s.get("engine", "")))
        if s.get("epochs_per_s"):
            head += tr(" · {rate} epochs/s", rate=grouped(s["epochs_per_s"]))
        lines = [head]
        lines.append(tr("Loss: train <b style='color:{train_color}'>{train}</b>, "
                        "test <b style='color:{test_color}'>{test}</b>", train_color=TRAIN_COLOR,
                        test_color=TEST_COLOR, train=num(s["train_loss"]), test=num(s["test_loss"])))
        if s["train_accuracy"] is not None:
            lines.append(tr("Accuracy: train {train}, test {test} (chance {chance})",
                            train=num(s["train_accuracy"], "{:.1%}"), test=num(s["test_accuracy"], "{:.1%}"),
                            chance=f"{s['chance_accuracy']:.0%}"))
        gap = (s["test_loss"] or 0) - (s["train_loss"] or 0)
        if s["epoch"] > 50 and np.isfinite(gap) and gap > 0.05 and gap > (s["train_loss"] or 0):
            lines.append(tr("<b>Overfitting:</b> the test loss is well above the train loss."))
        n_train, n_test = len(s["x_train"]), len(s["x_test"])
        kind = tr("regression") if s["classes"] == 0 else tr("{n} classes", n=s["classes"])
        lines.append(tr("Data: {dataset} ({kind}), {n_train} train / {n_test} test points",
                        dataset=tr(s["dataset"]), kind=kind, n_train=n_train, n_test=n_test))
        if s.get("note"):  # the session's words, already in the window's language
            lines.append(f"<i>{tr(s['note'])}</i>")
        if s.get("finished"):
            lines.append(f"<b>{tr(s['finished'])}</b>")
        self.readout.setText("<br>".join(lines))

