"""The convolution stepper: the kernel slides over the input with Step, Back and Play, or follows the
mouse, and every product and sum is written out.

All numbers come from conv_math (numpy, in this process, microseconds). The stepper keeps its input
(C, n, n) and kernel (C, k, k) arrays; each change recomputes the output and redraws one GridCanvas.
A configuration that cannot work draws the input and says why, never nothing.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QGridLayout,
                               QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from playground.labs.conv.conv_math import PADDING_MODE_LABELS, PADDING_MODES, ConvConfig, ConvError, run_conv, window
from playground.labs.conv.presets import CASES, KERNELS, LECTURE_INPUT, case_input, kernel_preset
from playground.labs.conv.sample import sample_image
from playground.labs.conv.text import TEXT
from playground.labs.conv.view_grid import Grid, GridCanvas, format_value, value_colors
from playground.ui.i18n import QT_TR_NOOP, tr
from playground.ui.theme import Theme

__all__ = ["ConvStepper", "load_image_file", "Transport", "spin", "WINDOW"]

WINDOW = "#D55E00"  # vermillion: the kernel's window and the current output cell
CHANNEL_TINTS = ((213, 40, 40), (30, 150, 60), (40, 80, 220))
SOURCES = (("numbers", QT_TR_NOOP("Numbers (random 0–4)")), ("lecture", QT_TR_NOOP("Lecture 4×4")),
           ("sample", QT_TR_NOOP("Sample image (RGB)")), ("grey", QT_TR_NOOP("Sample image (grey)")),
           ("file", QT_TR_NOOP("Open image…")), ("file_grey", QT_TR_NOOP("Open image as grey…")))
PLAY_MS = 450


def channel_names() -> tuple[str, str, str]:
    """R, G, B in English; R, V, B in French."""
    return tr("R", "red channel"), tr("G", "green channel"), tr("B", "blue channel")


def mode_label(mode: str) -> str:
    """A padding mode's English label (shown through tr())."""
    return dict(zip(PADDING_MODES, PADDING_MODE_LABELS)).get(mode, mode)


def load_image_file(path: str, n: int, grey: bool) -> np.ndarray:
    """A PNG or JPEG as (C, n, n) values in 0..1 (C = 1 grey or 3 RGB), cropped square and scaled."""
    img = QImage(path)
    if img.isNull():
        raise ValueError(tr("{path} is not an image Qt can read (PNG or JPEG)", path=path))
    side = min(img.width(), img.height())
    img = img.copy((img.width() - side) // 2, (img.height() - side) // 2, side, side)
    img = img.scaled(n, n, Qt.IgnoreAspectRatio, Qt.SmoothTransformation).convertToFormat(QImage.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8, count=img.bytesPerLine() * n).reshape(n, img.bytesPerLine())
    rgb = arr[:, :3 * n].reshape(n, n, 3).astype(float) / 255.0
    out = rgb.transpose(2, 0, 1)
    return out.mean(axis=0, keepdims=True) if grey else out


def spin(lo: int, hi: int, value: int) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setValue(value)
    s.setKeyboardTracking(False)
    s.setFocusPolicy(Qt.ClickFocus)  # Space and the arrows stay with the transport
    return s


class Transport:
    """Step / Back / Play / Reset over `count()` positions; None means "all done, nothing highlighted"."""

    def _setup_transport(self) -> None:
        self.pos: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_MS)
        self.timer.timeout.connect(self._tick)

    def count(self) -> int:
        raise NotImplementedError

    def redraw(self) -> None:
        raise NotImplementedError

    def transport(self, action: str) -> None:
        n = self.count()
        if action == "play":
            if self.timer.isActive():
                self.timer.stop()
            else:
                if self.pos is None or self.pos >= n - 1:
                    self.pos = -1
                self.timer.start()
                self._tick()
            return
        self.timer.stop()
        if action == "step":
            self.pos = 0 if self.pos is None else (self.pos + 1 if self.pos + 1 < n else None)
        elif action == "back":
            self.pos = (n - 1 if n else None) if self.pos is None else (self.pos - 1 if self.pos > 0 else None)
        elif action == "reset":
            self.pos = None
        self.redraw()

    def _tick(self) -> None:
        n = self.count()
        if n == 0:
            self.timer.stop()
            return
        self.pos = (self.pos if self.pos is not None else -1) + 1
        if self.pos >= n - 1:
            self.pos = n - 1
            self.timer.stop()
        self.redraw()

    @property
    def playing(self) -> bool:
        return self.timer.isActive()


class ConvStepper(QWidget, Transport):
    changed = Signal()  # settings or values changed (the lab keeps them in its parameters)

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self._setup_transport()
        self.theme = theme
        self.seed = 0
        self.source = "lecture"
        self.image_path: str | None = None
        self.x = LECTURE_INPUT[None].copy()
        self.w = kernel_preset("lecture", 3)[None].copy()
        self.bias = 0.0
        self.hover: tuple[int, int] | None = None
        self.result: dict | None = None
        self.error = ""
        self._editing: tuple[str, int, int] | None = None

        self.case = QComboBox()
        self.case.addItem(tr("Choose a preset…"), "")
        for key, (label, _s) in CASES.items():
            self.case.addItem(tr(label), key)
        self.source_box = QComboBox()
        for key, label in SOURCES:
            self.source_box.addItem(tr(label), key)
        self.source_box.setCurrentIndex(1)
        self.size = spin(1, 32, 4)
        self.ksize = spin(1, 7, 3)
        self.kpreset = QComboBox()
        for key, label in KERNELS.items():
            self.kpreset.addItem(tr(label), key)
        self.padding = spin(0, 6, 0)
        self.mode = QComboBox()
        for m, label in zip(PADDING_MODES, PADDING_MODE_LABELS):
            self.mode.addItem(tr(label), m)
        self.stride = spin(1, 4, 1)
        self.dilation = spin(1, 4, 1)
        self.transposed = QCheckBox(tr("transposed convolution"))
        self.out_pad = spin(0, 3, 0)
        self.bias_box = QDoubleSpinBox()
        self.bias_box.setRange(-100, 100)
        self.bias_box.setDecimals(2)
        self.bias_box.setKeyboardTracking(False)
        self.bias_box.setFocusPolicy(Qt.ClickFocus)
        self.channel = QComboBox()
        for w in (self.case, self.source_box, self.kpreset, self.mode, self.channel, self.transposed):
            w.setFocusPolicy(Qt.ClickFocus)
        for name, w in (("case", self.case), ("source", self.source_box), ("input", self.size),
                        ("kernel", self.ksize), ("kernel_preset", self.kpreset), ("padding", self.padding),
                        ("padding_mode", self.mode), ("stride", self.stride), ("dilation", self.dilation),
                        ("transposed", self.transposed), ("output_padding", self.out_pad), ("bias", self.bias_box),
                        ("channel", self.channel)):
            w.setObjectName(f"stepper_{name}")

        form = QGridLayout()
        form.setHorizontalSpacing(6)
        form.setVerticalSpacing(3)
        # Wide choices first, on rows of their own; the numbers four to a row: a 1280-px projector
        # at presentation size must still show the grids beside them.
        for combo in (self.case, self.source_box, self.kpreset, self.mode, self.channel):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        form.addWidget(QLabel(tr("Preset")), 0, 0)
        form.addWidget(self.case, 0, 1, 1, 3)
        form.addWidget(QLabel(tr("Input")), 0, 4)
        form.addWidget(self.source_box, 0, 5)
        form.addWidget(QLabel(tr("Kernel")), 1, 0)
        form.addWidget(self.kpreset, 1, 1)
        form.addWidget(QLabel(tr("Mode")), 1, 2)
        form.addWidget(self.mode, 1, 3)
        form.addWidget(QLabel(tr("Channel")), 1, 4)
        form.addWidget(self.channel, 1, 5)
        small = ((tr("Input size"), self.size), (tr("Kernel size"), self.ksize), (tr("Padding"), self.padding),
                 (tr("Stride"), self.stride), (tr("Dilation"), self.dilation), (tr("Output pad."), self.out_pad),
                 (tr("Bias"), self.bias_box))
        for i, (label, w) in enumerate(small):
            form.addWidget(QLabel(label), 2 + i // 3, 2 * (i % 3))
            form.addWidget(w, 2 + i // 3, 2 * (i % 3) + 1)
        self.out_pad.setToolTip(tr("Output padding a (transposed convolution only): extra cells on the bottom "
                                   "and right, conv_arithmetic's odd case"))
        self.mode.setToolTip(tr("Padding mode: zero, reflect, replicate or circular"))
        form.addWidget(self.transposed, 4, 2, 1, 4)
        for col in (1, 3, 5):
            form.setColumnStretch(col, 1)
        self.canvas = GridCanvas("")
        self.canvas.setMinimumSize(380, 180)
        self.formula = QLabel("")
        self.formula.setObjectName("stepper_formula")
        self.formula.setWordWrap(True)
        self.detail = QLabel(TEXT["hover_hint"])
        self.detail.setObjectName("stepper_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.RichText)
        self.editor = QLineEdit(self.canvas)
        self.editor.setObjectName("stepper_editor")
        self.editor.hide()
        self.editor.returnPressed.connect(self._commit_edit)
        self.editor.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.formula)
        layout.addWidget(self.detail)

        self.case.activated.connect(self._on_case)
        self.source_box.activated.connect(self._on_source)
        self.size.valueChanged.connect(self._on_size)
        self.ksize.valueChanged.connect(self._on_kernel)
        self.kpreset.activated.connect(self._on_kernel)
        for w in (self.padding, self.stride, self.dilation, self.out_pad):
            w.valueChanged.connect(self._on_setting)
        self.mode.currentIndexChanged.connect(self._on_setting)
        self.transposed.toggled.connect(self._on_setting)
        self.bias_box.valueChanged.connect(self._on_bias)
        self.channel.currentIndexChanged.connect(lambda _i: self.redraw())
        self.canvas.cell_hovered.connect(self._on_hover)
        self.canvas.cell_clicked.connect(self._on_click)
        self._sync_channels()
        self.recompute()

    # --- settings --------------------------------------------------------------------------------------------
    def config(self) -> ConvConfig:
        t = self.transposed.isChecked()
        return ConvConfig(kernel=self.ksize.value(), padding=self.padding.value(), mode=self.mode.currentData(),
                          stride=self.stride.value(), dilation=self.dilation.value(), transposed=t,
                          output_padding=self.out_pad.value() if t else 0)

    def settings(self) -> dict:
        c = self.config()
        return {"input": self.size.value(), "kernel": c.kernel, "kernel_preset": self.kpreset.currentData(),
                "padding": c.padding, "padding_mode": c.mode, "stride": c.stride, "dilation": c.dilation,
                "output_padding": self.out_pad.value(), "bias": self.bias, "stepper_channels": len(self.x)}

    def set_settings(self, p: dict) -> None:
        """Show saved settings (an experiment file): the numbers input from the seed, the preset kernel."""
        widgets = (self.size, self.ksize, self.padding, self.stride, self.dilation, self.out_pad, self.bias_box,
                   self.kpreset, self.mode)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.size.setValue(int(p.get("input", 4)))
            self.ksize.setValue(int(p.get("kernel", 3)))
            self.padding.setValue(int(p.get("padding", 0)))
            self.stride.setValue(int(p.get("stride", 1)))
            self.dilation.setValue(int(p.get("dilation", 1)))
            self.out_pad.setValue(int(p.get("output_padding", 0)))
            self.bias = float(p.get("bias", 0.0))
            self.bias_box.setValue(self.bias)
            self.kpreset.setCurrentIndex(max(0, self.kpreset.findData(p.get("kernel_preset", "lecture"))))
            self.mode.setCurrentIndex(max(0, self.mode.findData(p.get("padding_mode", "zero"))))
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._new_input()
        self.w = kernel_preset(self.kpreset.currentData(), self.ksize.value())[None].repeat(len(self.x), 0)
        self.recompute()

    def set_values(self, x, w) -> None:
        """Show saved input and kernel values (an experiment file), sizes following them."""
        x, w = np.asarray(x, float), np.asarray(w, float)
        for box, v in ((self.size, x.shape[1]), (self.ksize, w.shape[1])):
            box.blockSignals(True)
            box.setValue(int(v))
            box.blockSignals(False)
        self.x, self.w = x.copy(), w.copy()
        self.source = "numbers" if len(x) == 1 else "file"
        self._sync_channels()
        self.pos = None
        self.recompute()

    def apply_case(self, key: str) -> None:
        _label, s = CASES[key]
        widgets = (self.size, self.ksize, self.padding, self.stride, self.dilation, self.transposed, self.out_pad,
                   self.mode, self.kpreset, self.source_box)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.size.setValue(s["input"])
            self.ksize.setValue(s["kernel"])
            self.padding.setValue(s["padding"])
            self.stride.setValue(s["stride"])
            self.dilation.setValue(s["dilation"])
            self.transposed.setChecked(s["transposed"])
            self.out_pad.setValue(s.get("output_padding", 0))
            self.mode.setCurrentIndex(0)
            lecture = key.startswith("lecture")
            self.kpreset.setCurrentIndex(self.kpreset.findData("lecture" if lecture else "box"))
            self.source = "lecture" if lecture else "numbers"
            self.source_box.setCurrentIndex(self.source_box.findData(self.source))
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.x = case_input(key, self.seed)[None]
        k = s["kernel"]
        # conv_arithmetic's kernels are all ones: the output is the window sum, easy to follow.
        self.w = (kernel_preset("lecture", k) if key.startswith("lecture") else np.ones((k, k)))[None]
        self._sync_channels()
        self.pos = None
        self.recompute()

    def _on_case(self, _i: int) -> None:
        key = self.case.currentData()
        if key:
            self.apply_case(key)
            self.changed.emit()

    def _on_source(self, _i: int) -> None:
        key = self.source_box.currentData()
        if key in ("file", "file_grey"):
            path, _ = QFileDialog.getOpenFileName(self, tr("Open an image"), "", tr("Images (*.png *.jpg *.jpeg)"))
            if not path:
                self.source_box.setCurrentIndex(self.source_box.findData(self.source))
                return
            if self.open_image(path, grey=key == "file_grey"):
                self.changed.emit()
            return
        self.source = key
        if key == "lecture":
            self.size.blockSignals(True)
            self.size.setValue(4)
            self.size.blockSignals(False)
        elif key in ("sample", "grey") and self.size.value() < 8:
            self.size.blockSignals(True)
            self.size.setValue(16)
            self.size.blockSignals(False)
        self._new_input()
        self.recompute()
        self.changed.emit()

    def open_image(self, path: str, grey: bool = False) -> bool:
        """Open a PNG/JPEG as the input; a bad file says why and changes nothing."""
        n = max(self.size.value(), 8)
        try:
            x = load_image_file(path, n, grey)
        except ValueError as exc:
            self.detail.setText(str(exc))
            self.source_box.setCurrentIndex(self.source_box.findData(self.source))
            return False
        self.source, self.image_path = ("file_grey" if grey else "file"), path
        self.source_box.setCurrentIndex(self.source_box.findData(self.source))
        self.size.blockSignals(True)
        self.size.setValue(n)
        self.size.blockSignals(False)
        self.x = x
        self._fit_kernel_channels()
        self._sync_channels()
        self.recompute()
        return True

    def _new_input(self) -> None:
        n = self.size.value()
        if self.source == "lecture" and n == 4:
            self.x = LECTURE_INPUT[None].copy()
        elif self.source in ("sample", "grey"):
            x = sample_image(n)
            self.x = x.mean(axis=0, keepdims=True) if self.source == "grey" else x
        elif self.source in ("file", "file_grey") and self.image_path:
            try:
                self.x = load_image_file(self.image_path, n, len(self.x) == 1)
            except ValueError:
                self.x = np.random.default_rng(self.seed).integers(0, 5, size=(1, n, n)).astype(float)
        else:
            if self.source == "lecture":
                self.source = "numbers"
                self.source_box.setCurrentIndex(0)
            self.x = np.random.default_rng(self.seed).integers(0, 5, size=(1, n, n)).astype(float)
        self._fit_kernel_channels()
        self._sync_channels()

    def _fit_kernel_channels(self) -> None:
        c = len(self.x)
        if len(self.w) != c:
            self.w = np.repeat(self.w[:1], c, axis=0)

    def _sync_channels(self) -> None:
        c = len(self.x)
        if self.channel.count() != c:
            self.channel.blockSignals(True)
            self.channel.clear()
            for i in range(c):
                self.channel.addItem(channel_names()[i] if c == 3 else f"{i}", i)
            self.channel.blockSignals(False)
        self.channel.setEnabled(c > 1)

    def _on_size(self, _v: int) -> None:
        self._new_input()
        self.recompute()
        self.changed.emit()

    def _on_kernel(self, *_a) -> None:
        self.w = np.repeat(kernel_preset(self.kpreset.currentData(), self.ksize.value())[None], len(self.x), 0)
        self.recompute()
        self.changed.emit()

    def _on_setting(self, *_a) -> None:
        self.out_pad.setEnabled(self.transposed.isChecked())
        self.recompute()
        self.changed.emit()

    def _on_bias(self, v: float) -> None:
        self.bias = float(v)
        self.recompute()
        self.changed.emit()

    # --- computing --------------------------------------------------------------------------------------------
    def recompute(self) -> None:
        try:
            self.result = run_conv(self.x, self.w, self.bias, self.config())
            self.error = ""
        except ConvError as exc:
            self.result, self.error = None, str(exc)
        if self.result is not None and self.pos is not None and self.pos >= self.count():
            self.pos = None
        self.redraw()

    def count(self) -> int:
        return 0 if self.result is None else int(self.result["output"].size)

    def current_cell(self) -> tuple[int, int] | None:
        if self.result is None:
            return None
        if self.hover is not None:
            return self.hover
        if self.pos is None:
            return None
        o = self.result["output"].shape[1]
        return divmod(self.pos, o)

    # --- drawing --------------------------------------------------------------------------------------------
    def _input_mask(self, shown_size: int) -> np.ndarray:
        """True on the cells that are not input values: padding, or the transposed case's zeros."""
        cfg = self.config()
        n = self.x.shape[1]
        mask = np.ones((shown_size, shown_size), bool)
        if cfg.transposed:
            q = cfg.dilation * (cfg.kernel - 1) - cfg.padding
            idx = np.arange(n) * cfg.stride + q
            ok = (idx >= 0) & (idx < shown_size)
            mask[np.ix_(idx[ok], idx[ok])] = False
        else:
            p = cfg.padding
            mask[p:p + n, p:p + n] = False
        return mask

    def grids(self) -> tuple[list[Grid], str]:
        t, cfg = self.theme, self.config()
        ch = max(0, self.channel.currentIndex())
        tint = CHANNEL_TINTS[ch] if len(self.x) == 3 else None
        if self.result is None:
            g = Grid("input", TEXT["input"], self.x[ch], colors=self._colors(self.x[ch], tint))
            return [g], TEXT["cannot_short"]
        r = self.result
        shown = r["shown"][ch]
        m = shown.shape[0]
        mask = self._input_mask(m)
        name = TEXT["stretched"] if cfg.transposed else TEXT["input"]
        inp = Grid("input", name, shown, 0, 0, colors=self._colors(shown, tint), mask=mask,
                   mask_label=TEXT["inserted"] if cfg.transposed else (f"{TEXT['padding']}, {tr(mode_label(cfg.mode))}"
                                                                       if cfg.padding else ""))
        k = cfg.kernel
        kern = r["slide_kernel"][ch]
        kx = m + 2
        kg = Grid("kernel", TEXT["kernel_flipped"] if cfg.transposed else TEXT["kernel"], kern, kx, 0)
        out = r["output"]
        o = out.shape[0]
        ox = kx + max(k + 3, 9)  # room for the labels of the kernel and products columns
        cell = self.current_cell()
        shown_out = out.copy()
        out_colors = value_colors(out, t)
        if self.pos is not None and self.hover is None:
            # Stepping: the cells not reached yet are empty, as the kernel has not been there.
            flat = np.arange(out.size).reshape(out.shape)
            later = flat > self.pos
            bg = np.array(value_colors(np.zeros((1, 1)), t)[0, 0])
            out_colors[later] = bg
            shown_out = np.where(later, np.nan, out)
        og = Grid("output", TEXT["output"], shown_out, ox, 0, colors=out_colors,
                  note=f"{o} × {o}")
        grids = [inp, kg, og]
        if cell is not None:
            rr, cc = cell
            s, d = r["slide_stride"], cfg.dilation
            win = window(r["shown"], r["slide_kernel"], rr, cc, s, d)
            r0, c0 = int(win["rows"][0]), int(win["cols"][0])
            inp.highlight.append((r0, c0, int(win["rows"][-1]), int(win["cols"][-1]), WINDOW, 2.5))
            if d > 1:
                inp.dots = [(int(a), int(b), WINDOW) for a in win["rows"] for b in win["cols"]]
            og.highlight.append((rr, cc, rr, cc, WINDOW, 3.0))
            prod = Grid("products", TEXT["products"], win["products"][ch], kx, k + 2.2,
                        note=f"Σ = {format_value(float(win['products'][ch].sum()))}")
            grids.insert(2, prod)
        n = self.x.shape[1]
        inp.note = tr("{n} × {n} → {m} × {m} shown", n=n, m=m) if m != n else f"{n} × {n}"
        return grids, ""

    def _colors(self, values, tint):
        return value_colors(values, self.theme, tint=tint)

    def redraw(self) -> None:
        grids, message = self.grids()
        self.canvas.set_grids(grids, self.theme, message)
        if self.result is None:
            self.formula.setText(TEXT["cannot"].format(why=self.error))
        else:
            self.formula.setText(self.result["formula"])
        self.detail.setText(self.detail_text())

    def detail_text(self) -> str:
        cell = self.current_cell()
        if self.result is None or cell is None:
            return TEXT["hover_hint"]
        r = self.result
        rr, cc = cell
        cfg = self.config()
        win = window(r["shown"], r["slide_kernel"], rr, cc, r["slide_stride"], cfg.dilation)
        total = float(r["output"][rr, cc])
        if len(self.x) == 1:
            vals, kern = win["values"][0].ravel(), r["slide_kernel"][0].ravel()
            if len(vals) <= 25:
                terms = " + ".join(f"{format_value(a)}·{format_value(b)}" for a, b in zip(vals, kern))
            else:
                terms = tr("{n} products summing to {total}", n=len(vals),
                           total=format_value(float(win["channel_sums"][0])))
            bias = format_value(self.bias) if self.bias else tr("0 (bias)")
            return TEXT["sum_line"].format(r=rr, c=cc, terms=f"{terms} + {bias}", total=format_value(total))
        names = channel_names() if len(self.x) == 3 else [str(i) for i in range(len(self.x))]
        sums = " + ".join(f"{n}: {format_value(float(v))}" for n, v in zip(names, win["channel_sums"]))
        return TEXT["channel_sums"].format(r=rr, c=cc, sums=sums, bias=format_value(self.bias),
                                           total=format_value(total))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.canvas.apply_theme(theme)
        self.redraw()

    # --- mouse ------------------------------------------------------------------------------------------------
    def _on_hover(self, name: str, r: int, c: int) -> None:
        new = (r, c) if name == "output" else None
        if new != self.hover:
            self.hover = new
            self.redraw()

    def _on_click(self, name: str, r: int, c: int, scene_pos) -> None:
        if name not in ("input", "kernel") or self.result is None and name == "kernel":
            return
        target = self._cell_target(name, r, c)
        if target is None:
            return
        self._open_editor(name, target, scene_pos)

    def _open_editor(self, name: str, target: tuple[int, int], scene_pos) -> None:
        self._editing = (name,) + tuple(target)
        arr = self.x if name == "input" else self.w
        ch = max(0, self.channel.currentIndex())
        self.editor.setText(format_value(float(arr[ch][target])))
        pos = self.canvas.mapFromScene(scene_pos)
        self.editor.resize(80, self.editor.sizeHint().height())
        self.editor.move(int(pos.x()) - 40, int(pos.y()) - self.editor.height() // 2)
        self.editor.show()
        self.editor.selectAll()
        self.editor.setFocus()

    def _cell_target(self, name: str, r: int, c: int):
        """The (row, column) of the input or kernel array behind a shown cell (None for padding)."""
        cfg = self.config()
        if name == "kernel":
            k = cfg.kernel
            return (k - 1 - r, k - 1 - c) if cfg.transposed else (r, c)
        if self.result is None:
            return r, c
        if cfg.transposed:
            q = cfg.dilation * (cfg.kernel - 1) - cfg.padding
            rr, cc = r - q, c - q
            if rr % cfg.stride or cc % cfg.stride:
                return None
            rr, cc = rr // cfg.stride, cc // cfg.stride
        else:
            rr, cc = r - cfg.padding, c - cfg.padding
        n = self.x.shape[1]
        return (rr, cc) if 0 <= rr < n and 0 <= cc < n else None

    def edit_cell(self, name: str, r: int, c: int, value: float) -> None:
        """Set an input (array row r, column c) or kernel value on the shown channel."""
        arr = self.x if name == "input" else self.w
        ch = max(0, self.channel.currentIndex())
        arr[ch, r, c] = float(value)
        self.recompute()
        self.changed.emit()

    def _commit_edit(self) -> None:
        if self._editing is None:
            return
        text = self.editor.text().strip().replace(",", ".")
        try:
            v = float(text)
            if not np.isfinite(v) or abs(v) > 1e6:
                raise ValueError
        except ValueError:
            self.editor.setStyleSheet("color: #D55E00")
            self.detail.setText(tr("{value} is not a number (between −1,000,000 and 1,000,000)", value=repr(text)))
            return
        name, r, c = self._editing
        self._editing = None
        self.editor.hide()
        self.editor.setStyleSheet("")
        self.edit_cell(name, r, c, v)
        # Typing a whole grid: Enter moves on to the next cell (row by row); Escape stops.
        n = self.x.shape[1] if name == "input" else self.w.shape[1]
        nxt = divmod(r * n + c + 1, n)
        shown = self._shown_cell(name, *nxt) if nxt[0] < n else None
        if shown is not None:
            scene = self.canvas.cell_center_scene(name, *shown)
            if scene is not None:
                self._open_editor(name, nxt, scene)

    def _shown_cell(self, name: str, r: int, c: int):
        """Where array cell (r, c) of the input or kernel is drawn (the inverse of _cell_target)."""
        cfg = self.config()
        if name == "kernel":
            k = cfg.kernel
            return (k - 1 - r, k - 1 - c) if cfg.transposed else (r, c)
        if self.result is None:
            return r, c
        if cfg.transposed:
            q = cfg.dilation * (cfg.kernel - 1) - cfg.padding
            rr, cc = q + r * cfg.stride, q + c * cfg.stride
        else:
            rr, cc = r + cfg.padding, c + cfg.padding
        m = self.result["shown"].shape[1]
        return (rr, cc) if 0 <= rr < m and 0 <= cc < m else None

    def eventFilter(self, obj, event) -> bool:
        from PySide6.QtCore import QEvent

        if obj is self.editor and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            self._editing = None
            self.editor.hide()
            return True
        return False
