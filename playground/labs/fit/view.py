"""The fit lab's window: a network fits a function of one variable (the lecture's approximation
theorems). Tabs: the fit with Cybenko's sum of units and the error curves; the width sweep; Nielsen's
bumps; Lipschitz bins and the curse of dimensionality; width 5 against depth; Kolmogorov–Arnold.
The view is thin: a typed formula is checked here with the lab's own parser (so a mistake is shown
at once, in one line, and nothing is sent), everything else becomes parameters or custom commands
for the session, and every frame is drawn from the newest snapshot.
"""
from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import replace

import numpy as np
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from playground.labs.fit import targets
from playground.labs.fit.formula import FormulaError, parse
from playground.labs.fit.lesson import grouped, percent, text
from playground.labs.fit.view_fit import FitPanel, NET_COLOR, SUP_COLOR
from playground.labs.fit.view_tabs import BoundedTab, BumpsTab, KATab, LipschitzTab, SweepTab, write_surfaces_csv
from playground.ui.i18n import QT_TR_NOOP, add_tab, current_language, tr
from playground.ui.lab_view import LabView
from playground.ui.theme import Theme
from playground.ui.widgets.param_panel import ParamPanel

__all__ = ["FitLab"]

READOUT_INTERVAL = 0.25
# Parameters the session itself may change (a CSV sets the range and the point count, a stroke makes
# the target "drawn"): the panel follows what the snapshot says.
_SESSION_OWNED = ("target", "points", "x_min", "x_max")
_JOB_NAMES = {"sweep": QT_TR_NOOP("Width sweep"), "bounded": QT_TR_NOOP("Width 5 vs depth"),
              "ka": QT_TR_NOOP("Kolmogorov–Arnold")}


class FitLab(LabView):
    lesson_html = text("lesson")

    def lesson_text(self) -> str:
        """The lab keeps its lesson in both languages (lesson.py): the window's."""
        return text("lesson", current_language())

    def build_content(self) -> Generator[None, None, QWidget]:
        theme = self.theme
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.formula = QLineEdit()
        self.formula.setObjectName("formula")
        self.formula.setPlaceholderText(tr("a formula of x, e.g. x*sin(15*x) + 0.1"))
        self.formula.setMaxLength(400)  # longer than allowed, so the parser can say so
        self.formula.returnPressed.connect(self._on_formula)
        self.use_formula = QPushButton(tr("Fit formula"))
        self.use_formula.setObjectName("use_formula")
        self.use_formula.clicked.connect(self._on_formula)
        self.draw = QCheckBox(tr("Draw"))
        self.draw.setObjectName("draw")
        self.draw.setToolTip(tr("Drag on the plot to draw the target (the samples under the stroke follow it)"))
        self.draw.toggled.connect(lambda on: self.fit.set_drawing(on))
        self.import_button = QPushButton(tr("Import CSV…"))
        self.import_button.clicked.connect(self._on_import)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.setToolTip(tr("Write the samples as x,y rows"))
        self.export_button.clicked.connect(self._on_export)
        tools.addWidget(QLabel("f(x) ="))
        tools.addWidget(self.formula, 1)
        tools.addWidget(self.use_formula)
        tools.addWidget(self.draw)
        tools.addWidget(self.import_button)
        tools.addWidget(self.export_button)
        layout.addLayout(tools)
        self.formula_error = QLabel("")
        self.formula_error.setObjectName("formula_error")
        self.formula_error.setStyleSheet("color: #D55E00")
        self.formula_error.setVisible(False)
        layout.addWidget(self.formula_error)

        self.tabs = QTabWidget()
        self.fit = FitPanel(theme)
        self.fit.snapshot_source = lambda: self.last_snapshot
        self.fit.drawn.connect(self._on_drawn)
        yield  # (a piece per turn of the event loop: see LabView.build_content)
        self.sweep = SweepTab(theme)
        self.sweep.job.run_clicked.connect(lambda: self._start("start_sweep"))
        self.sweep.job.cancel_clicked.connect(self._cancel)
        yield
        self.bumps = BumpsTab(theme)
        self.bumps.heights_edited.connect(lambda h: self._custom("set_heights", heights=list(map(float, h))))
        self.bumps.fit_clicked.connect(lambda: self._custom("fit_heights"))
        self.bumps.match_clicked.connect(self._on_match_width)
        yield
        self.lipschitz = LipschitzTab(theme)
        yield
        self.bounded = BoundedTab(theme)
        self.bounded.job.run_clicked.connect(lambda: self._start("start_bounded"))
        self.bounded.job.cancel_clicked.connect(self._cancel)
        yield
        self.ka = KATab(theme)
        self.ka.job.run_clicked.connect(lambda: self._start("start_ka"))
        self.ka.job.cancel_clicked.connect(self._cancel)
        self.ka.export_requested.connect(self._on_export_surfaces)
        yield
        self.tab_panels: dict[str, ParamPanel] = {}
        spec = {p.name: p for p in self.core.PARAMS}
        for kind, tab in (("sweep", self.sweep), ("bounded", self.bounded), ("bumps", self.bumps),
                          ("lipschitz", self.lipschitz), ("ka", self.ka)):
            # these parameters are kept out of the side panel (gui=False) and shown by their own tab
            panel = ParamPanel([replace(spec[n], gui=True) for n in self.core.TAB_PARAMS[kind]])
            panel.setObjectName(f"params_{kind}")
            panel.set_values(self._params)
            panel.values_changed.connect(self._on_tab_params_changed)
            tab.controls.addWidget(panel)
            self.tab_panels[kind] = panel
        # scenes name the tabs in English (add_tab keeps that key whatever the language shown)
        for widget, name in ((self.fit, QT_TR_NOOP("Fit")), (self.sweep, QT_TR_NOOP("Width sweep")),
                             (self.bumps, QT_TR_NOOP("Bumps")), (self.lipschitz, QT_TR_NOOP("Lipschitz")),
                             (self.bounded, QT_TR_NOOP("Width 5 vs depth")),
                             (self.ka, QT_TR_NOOP("Kolmogorov–Arnold"))):
            add_tab(self.tabs, widget, name)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout.addWidget(self.tabs, 1)
        self._readout_at = -1.0
        for fig in self.figures().values():
            for axis in ("left", "bottom"):
                # "×0.001" or "×1e+21" beside an axis reads badly; errors and bin counts are shown as is
                fig.item.getAxis(axis).enableAutoSIPrefix(False)
        yield
        self.apply_theme(theme)
        return root

    def _on_tab_params_changed(self, values: dict) -> None:
        # sweep_epochs is shown by two tabs: keep both in step
        for panel in self.tab_panels.values():
            panel.set_values(values)
        self._on_params_changed(values)

    def set_params(self, values: dict) -> None:
        super().set_params(values)
        for panel in getattr(self, "tab_panels", {}).values():
            panel.set_values(values)

    def param_panel(self, name: str) -> ParamPanel:
        """The panel that shows parameter `name`: the side panel or one of the tabs'."""
        for panel in self.tab_panels.values():
            if name in panel.widgets:
                return panel
        return self.panel

    def figures(self) -> dict:
        return {"fit": self.fit.fit_plot, "units": self.fit.units_plot, "error": self.fit.error_plot,
                "sweep": self.sweep.plot, "bumps": self.bumps.plot, "lipschitz": self.lipschitz.plot,
                "curse": self.lipschitz.curse, "bounded": self.bounded.plot, "ka_target": self.ka.truth_plot,
                "ka_fit": self.ka.fit_plot, "ka_psi": self.ka.psi_plot, "ka_phi": self.ka.phi_plot}

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for tab in (self.fit, self.sweep, self.bumps, self.lipschitz, self.bounded, self.ka):
            tab.apply_theme(theme)

    def on_reset(self) -> None:
        self.fit.clear()

    # --- actions -------------------------------------------------------------------------------------------
    def _custom(self, name: str, **kwargs) -> None:
        if self.controller is not None:
            self.controller.custom(name, **kwargs)

    def _start(self, command: str) -> None:
        """Start a job and play: the worker advances it one piece per step; Pause suspends it."""
        self._custom(command)
        if self.controller is not None:
            self.controller.play()

    def _cancel(self) -> None:
        if self.controller is not None:
            self.controller.pause()
        self._custom("cancel_job")

    def check_formula(self, raw: str) -> str | None:
        """The parser's one-line message for a bad formula, or None when it parses."""
        try:
            parse(raw)
        except FormulaError as exc:
            return str(exc)
        return None

    def _on_formula(self) -> None:
        raw = self.formula.text()
        problem = self.check_formula(raw)
        self.formula_error.setText(tr("Formula: {problem}", problem=problem) if problem else "")
        self.formula_error.setVisible(bool(problem))
        if problem is None:
            self.on_reset()
            self._custom("set_formula", text=raw)

    def _on_drawn(self, xs, ys) -> None:
        self._custom("draw", xs=list(map(float, xs)), ys=list(map(float, ys)))

    def _on_match_width(self) -> None:
        s = self.last_snapshot
        if s is None:
            return
        p = s["params"]
        values = {"depth": 1, "units": min(256, 2 * int(p["bins"])), "activation": p["bump_unit"]}
        self.panel.set_values(values)
        self._on_params_changed(values)
        if self.controller is not None:
            self.controller.play()

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import x, y points"), "",
                                              tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.import_csv(path)

    def import_csv(self, path: str) -> None:
        """The session reads and checks the file; a bad row comes back as an error naming it."""
        self.on_reset()
        self._custom("load_csv", path=path)

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export samples"), "samples.csv", tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        s = self.last_snapshot
        if s is None:
            return
        try:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("x,y\n")
                for x, y in zip(s["x"], s["y"]):
                    fh.write(f"{float(x)!r},{float(y)!r}\n")
        except OSError as exc:
            self.status_changed.emit(tr("Could not write {path}: {problem}", path=path, problem=exc.strerror or exc))
            return
        self.status_changed.emit(tr("Exported {count} samples to {path}", count=len(s["x"]), path=path))

    def _on_export_surfaces(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export KA surfaces"), "ka_surfaces.csv",
                                              tr("CSV files (*.csv)"))
        if path:
            self.export_surfaces(path)

    def export_surfaces(self, path: str) -> None:
        if self.last_snapshot is None:
            return
        try:
            rows = write_surfaces_csv(path, self.last_snapshot["ka"])
        except OSError as exc:
            self.status_changed.emit(tr("Could not write {path}: {problem}", path=path, problem=exc.strerror or exc))
            return
        self.status_changed.emit(tr("Exported {count} grid points to {path}", count=grouped(rows), path=path))

    # --- drawing -------------------------------------------------------------------------------------------
    def show_snapshot(self, snap: dict) -> None:
        owned = {k: snap["params"][k] for k in _SESSION_OWNED if snap["params"].get(k) != self._params.get(k)}
        if owned:
            self.set_params(owned)
        if snap["target"] == "formula" and not self.formula.hasFocus() and self.formula.text() != snap["formula"]:
            self.formula.setText(snap["formula"])
        self.fit.show_snapshot(snap)
        current = self.tabs.currentWidget()
        # The other tabs draw only when seen (and once when their job moves): frames stay cheap.
        for tab in (self.sweep, self.bumps, self.lipschitz, self.bounded, self.ka):
            job = snap.get("job")
            if tab is current or (job is not None and getattr(tab, "job", None) is not None
                                  and tab.job.kind == job["kind"]):
                tab.show_snapshot(snap)
            elif hasattr(tab, "job"):
                tab.job.show_job(job, bool(snap.get("playing")))
        self._readout(snap)

    def _on_tab_changed(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if self.last_snapshot is not None and tab is not self.fit:
            tab.show_snapshot(self.last_snapshot)

    def show_all_tabs(self) -> None:
        """Draw every tab from the last frame (before an export of all figures)."""
        if self.last_snapshot is not None:
            for tab in (self.sweep, self.bumps, self.lipschitz, self.bounded, self.ka):
                tab.show_snapshot(self.last_snapshot)

    def _readout(self, s: dict) -> None:
        now = time.monotonic()
        if s.get("playing") and now - self._readout_at < READOUT_INTERVAL:
            return
        self._readout_at = now

        def num(v, fmt="{:.3e}"):
            return "–" if v is None or not np.isfinite(v) else fmt.format(v)

        epoch = tr("<b>Epoch {epoch}</b> · {engine}", epoch=grouped(s["epoch"]), engine=s.get("engine", ""))
        if s.get("epochs_per_s"):
            epoch += tr(" · {rate} steps/s", rate=grouped(round(s["epochs_per_s"])))
        lines = [epoch]
        lines.append(tr("MSE <b style='color:{mse_color}'>{mse}</b> · sup error <b style='color:{sup_color}'>{sup}</b>",
                        mse_color=NET_COLOR, mse=num(s["mse"]), sup_color=SUP_COLOR,
                        sup=num(s["sup_error"], "{:.4f}")))
        layers = s["layers"]
        lines.append(tr("Network: {depth} × {units} {activation}, linear output", depth=len(layers), units=layers[0],
                        activation=s["activation"]))
        label = dict(zip(targets.PRESETS, targets.PRESET_LABELS)).get(s["target"])
        if label:
            what = tr(label)
        elif s["target"] == "formula":
            what = tr("formula {formula}", formula=s["formula"])
        else:
            what = tr("drawn") if s["target"] == "drawn" else tr("imported points")
        lines.append(tr("Target: {target}, {count} samples", target=what, count=grouped(len(s["x"]))))
        if s["target"] == "step" and s["epoch"] > 200:
            lines.append(tr("<i>A jump: no continuous network gets the sup error below ½.</i>"))
        job = s.get("job")
        if job:
            what = tr(_JOB_NAMES[job["kind"]])
            lines.append(tr("<b>{job}: {percent}</b> ({progress})", job=what, percent=percent(job["progress"]),
                            progress=job["label"]))
        if s.get("finished"):
            lines.append(f"<b>{s['finished']}</b>")
        self.readout.setText("<br>".join(lines))
