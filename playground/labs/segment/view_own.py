"""The "Your slice" tab: open a CT slice (PNG, TIFF, DICOM, NIfTI), set the window, segment it with the
trained U-Net or a box prompt, and export the mask as PNG or NIfTI.

The file is read here (playground.labs.segment.slice_io, numpy only, size-limited); the slice goes to
the worker as HU and comes back as a probability map at the model's size, which is scaled back to the
slice's own pixels for display and export. A file that cannot be used leaves the current slice as it
was and says why.
"""
from __future__ import annotations

import os

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QSlider, QVBoxLayout, QWidget)

from playground.labs.segment.resample import resize
from playground.labs.segment.slice_io import SliceError, read_slice, write_mask
from playground.labs.segment.strings import WINDOWS, text
from playground.labs.segment.view_images import PRED, PROMPT, SliceCanvas
from playground.ui.i18n import QT_TR_NOOP, tr
from playground.ui.theme import Theme

__all__ = ["OwnSlicePanel"]

FILTER = QT_TR_NOOP("CT slices (*.png *.tif *.tiff *.dcm *.dicom *.nii *.nii.gz);;All files (*)")


class OwnSlicePanel(QWidget):
    def __init__(self, lab, parent=None):
        super().__init__(parent)
        self.lab = lab  # the SegmentLab: its controller and last frame
        self.volume = None
        self.k = 0
        self.mask: np.ndarray | None = None  # at the slice's own resolution, 0/1
        self._stamp = None
        self._box = None
        self.restored = False  # an experiment's saved slice is reopened once, not on every frame
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.open_button = QPushButton(text("own_open"))
        self.open_button.setObjectName("own_open")
        self.open_button.clicked.connect(self._on_open_clicked)
        self.segment_button = QPushButton(text("own_segment"))
        self.segment_button.setObjectName("own_segment")
        self.segment_button.clicked.connect(self.segment)
        self.png_button = QPushButton(text("own_export_png"))
        self.png_button.setToolTip(tr("Export the liver mask as an 8-bit PNG (0 and 255)"))
        self.png_button.clicked.connect(lambda: self._on_export_clicked(".png"))
        self.nii_button = QPushButton(text("own_export_nii"))
        self.nii_button.setToolTip(tr("Export the liver mask as NIfTI (0 and 1), with the scan's orientation"))
        self.nii_button.clicked.connect(lambda: self._on_export_clicked(".nii.gz"))
        for b in (self.open_button, self.segment_button, self.png_button, self.nii_button):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel(text("window")))
        self.preset = QComboBox()
        self.preset.setObjectName("window_preset")
        for key, label in text("presets").items():
            self.preset.addItem(label, key)
        self.preset.addItem(tr("Custom"), "custom")
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        row2.addWidget(self.preset)
        self.width_box = QDoubleSpinBox()
        self.width_box.setObjectName("window_width")
        self.width_box.setRange(1, 5000)
        self.width_box.setPrefix("W ")  # the window's width and level keep their DICOM letters in French
        self.width_box.setToolTip(tr("Window width W (HU): the range of values shown from black to white"))
        self.level_box = QDoubleSpinBox()
        self.level_box.setObjectName("window_level")
        self.level_box.setRange(-1500, 3000)
        self.level_box.setPrefix("L ")
        self.level_box.setToolTip(tr("Window level L (HU): the value shown as mid-grey"))
        for b in (self.width_box, self.level_box):
            b.setDecimals(0)
            b.setKeyboardTracking(False)
            b.valueChanged.connect(self._on_window_edited)
            row2.addWidget(b)
        row2.addWidget(QLabel(tr("Slice")))
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("own_slice")
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._on_slice_changed)
        row2.addWidget(self.slider, 1)
        self.slice_label = QLabel("")
        row2.addWidget(self.slice_label)
        box.addLayout(row2)
        self.message = QLabel(text("own_none"))
        self.message.setObjectName("own_message")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.canvas = SliceCanvas(text("own_title").format(name=""))
        self.canvas.setObjectName("own_canvas")
        self.canvas.box_drawn.connect(self._on_box_drawn)
        box.addWidget(self.canvas, 1)
        self._set_window(*WINDOWS["abdomen"])
        self._update_buttons()

    # --- window / level ------------------------------------------------------------------------------
    def _set_window(self, width: float, level: float) -> None:
        for b, v in ((self.width_box, width), (self.level_box, level)):
            b.blockSignals(True)
            b.setValue(v)
            b.blockSignals(False)
        self.canvas.set_window(width, level)
        if self.volume is not None:
            self._remember()
        key = next((k for k, wl in WINDOWS.items() if wl == (float(width), float(level))), "custom")
        i = self.preset.findData(key)
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(i)
        self.preset.blockSignals(False)

    def window(self) -> tuple[float, float]:
        return float(self.width_box.value()), float(self.level_box.value())

    def _on_preset_changed(self, _i: int) -> None:
        key = self.preset.currentData()
        if key in WINDOWS:
            self._set_window(*WINDOWS[key])

    def _on_window_edited(self, _v: float) -> None:
        self._set_window(self.width_box.value(), self.level_box.value())

    # --- opening ---------------------------------------------------------------------------------------
    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, text("own_open"), os.getcwd(), tr(FILTER))
        if path:
            self.open_path(path)

    def open_path(self, path: str, k: int | None = None) -> bool:
        """Open a file; on failure say why and keep what was shown."""
        try:
            vol = read_slice(path)
        except SliceError as exc:
            self.message.setText(tr("<b>Not opened:</b> {problem}. The current slice is unchanged.", problem=exc))
            return False
        self.volume = vol
        self.k = vol.middle if k is None or not 0 <= int(k) < vol.count else int(k)
        self.slider.blockSignals(True)
        self.slider.setRange(0, vol.count - 1)
        self.slider.setValue(self.k)
        self.slider.setEnabled(vol.count > 1)
        self.slider.blockSignals(False)
        if vol.window is not None:
            self._set_window(*vol.window)
        self._show_slice()
        self._remember()
        return True

    def _on_slice_changed(self, k: int) -> None:
        self.k = int(k)
        self._show_slice()
        self._remember()

    def _show_slice(self) -> None:
        vol = self.volume
        hu = vol.slice(self.k)
        self.mask = None
        self._box = None
        self.canvas.show_box(None)
        self.canvas.set_slice(hu, [])
        self.canvas.set_title(tr("Your slice: {file}", file=os.path.basename(vol.path)),
                              self.lab.theme)
        self.slice_label.setText(f"{self.k + 1} / {vol.count}")
        self.message.setText(text("own_loaded").format(
            name=os.path.basename(vol.path), h=hu.shape[0], w=hu.shape[1], k=self.k + 1, n=vol.count,
            lo=float(hu.min()), hi=float(hu.max()), note=vol.note))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.volume is not None
        self.segment_button.setEnabled(has)
        self.png_button.setEnabled(self.mask is not None)
        self.nii_button.setEnabled(self.mask is not None)
        snap = self.lab.last_snapshot or {}
        self.canvas.set_box_enabled(has and bool(snap.get("box_trained")))

    # --- segmenting ------------------------------------------------------------------------------------
    def _train_mode(self) -> bool:
        if self.lab._params.get("experiment") != "train":
            self.message.setText(tr("Switch to the Train tab (experiment 'Train a U-Net') to segment a slice."))
            return False
        return True

    def segment(self) -> None:
        if self.volume is None or self.lab.controller is None or not self._train_mode():
            return
        self._box = None
        self.canvas.show_box(None)
        self.lab.controller.custom("segment_user", hu=self.volume.slice(self.k).astype(np.float32))

    def _on_box_drawn(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.volume is None or self.lab.controller is None or not self._train_mode():
            return
        h, w = self.volume.slice(self.k).shape
        s = int(self.lab._params["size"])
        self._box = (x0, y0, x1, y1)
        # the worker needs the slice first (the box model reads it at the model's size)
        self.lab.controller.custom("segment_user", hu=self.volume.slice(self.k).astype(np.float32))
        self.lab.controller.custom("box", box=[x0 * s / w, y0 * s / h, x1 * s / w, y1 * s / h], target="user")

    def show_result(self, snap: dict) -> None:
        """Draw the worker's answer for this slice, if it is new."""
        self._update_buttons()
        if self.volume is None:
            self._show_headless(snap.get("user_result"))
            return
        box = snap.get("box_result")
        user = snap.get("user_result")
        if box is not None and box.get("target") == "user" and self._box is not None:
            result, colour, stamp = box, PROMPT, ("box", box["stamp"])
        elif user is not None and self._box is None:
            result, colour, stamp = user, PRED, ("user", user["stamp"])
        else:
            return
        if stamp == self._stamp:
            return
        self._stamp = stamp
        hu = self.volume.slice(self.k)
        prob = resize(result["prob"].astype(np.float32) / 255.0, *hu.shape)
        self.mask = (prob > 0.5).astype(np.uint8)
        self.canvas.set_slice(hu, [(prob, colour)])
        self.canvas.show_box(self._box)
        self.message.setText(text("own_mask").format(percent=f"{100 * float(self.mask.mean()):.1f}"))
        self._update_buttons()

    def _show_headless(self, user: dict | None) -> None:
        """`playground run segment --input F --export fig.png`: no file was opened here, so draw the
        slice the worker segmented (at the model's size) with its mask."""
        if user is None or "hu" not in user or ("headless", user["stamp"]) == self._stamp:
            return
        self._stamp = ("headless", user["stamp"])
        self.canvas.set_slice(user["hu"], [(user["prob"].astype(np.float32) / 255.0, PRED)])
        self.canvas.set_title(text("own_title").format(name=""), self.lab.theme)

    # --- exporting -------------------------------------------------------------------------------------
    def _on_export_clicked(self, suffix: str) -> None:
        if self.mask is None:
            self.message.setText(text("own_no_mask"))
            return
        base = os.path.splitext(os.path.basename(self.volume.path))[0].replace(".nii", "")
        start = os.path.join(os.path.dirname(self.volume.path), f"{base}_liver_mask{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, tr("Export mask"), start,
                                              "PNG (*.png)" if suffix == ".png" else "NIfTI (*.nii.gz *.nii)")
        if path:
            self.export_mask(path)

    def export_mask(self, path: str) -> bool:
        if self.mask is None:
            self.message.setText(text("own_no_mask"))
            return False
        try:
            write_mask(path, self.mask, self.volume)
        except SliceError as exc:
            self.message.setText(tr("<b>Not exported:</b> {problem}", problem=exc))
            return False
        self.message.setText(tr("Mask written to {path}.", path=path))
        return True

    # --- saved with the experiment -----------------------------------------------------------------------
    def file_state(self) -> dict:
        w, l = self.window()
        out = {"window": [w, l]}
        if self.volume is not None:
            out.update({"path": os.path.abspath(self.volume.path), "slice": int(self.k)})
        return {"own_slice": out}

    def _remember(self) -> None:
        """Tell the session what is open, so that a saved experiment keeps it."""
        if self.lab.controller is not None:
            self.lab.controller.custom("remember_file", **self.file_state()["own_slice"])

    def restore_file_state(self, view: dict) -> None:
        own = view.get("own_slice") if isinstance(view, dict) else None
        if not isinstance(own, dict):
            return
        self.restored = True
        path, k = own.get("path"), own.get("slice")
        if isinstance(path, str) and path:
            if os.path.exists(path):
                self.open_path(path, k if isinstance(k, int) else None)
            else:
                self.message.setText(tr("The experiment's slice {path} is no longer there.", path=path))
        win = own.get("window")
        if (isinstance(win, list) and len(win) == 2 and all(isinstance(v, (int, float)) for v in win)
                and 1 <= win[0] <= 5000 and -1500 <= win[1] <= 3000):
            self._set_window(float(win[0]), float(win[1]))

    def apply_theme(self, theme: Theme) -> None:
        self.canvas.apply_theme(theme)
