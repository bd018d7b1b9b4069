"""The fit lab's window: a network fits a function of one variable (the lecture's approximation
theorems). Tabs: the fit with Cybenko's sum of units and the error curves; the width sweep; Nielsen's
bumps; Lipschitz bins and the curse of dimensionality; width 5 against depth; Kolmogorov–Arnold.
The view is thin: a typed formula is checked here with the lab's own parser (so a mistake is shown
at once, in one line, and nothing is sent), everything else becomes parameters or custom commands
for the session, and every frame is drawn from the newest snapshot.
"""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from playground.labs.fit import targets
from playground.labs.fit.formula import FormulaError, parse
from playground.labs.fit.lesson import text
from playground.labs.fit.view_fit import FitPanel, NET_COLOR, SUP_COLOR
from playground.labs.fit.view_tabs import BoundedTab, BumpsTab, KATab, LipschitzTab, SweepTab, write_surfaces_csv
from playground.ui.lab_view import LabView
from playground.ui.theme import Theme
from playground.ui.widgets.param_panel import ParamPanel

__all__ = ["FitLab"]

READOUT_INTERVAL = 0.25
# Parameters the session itself may change (a CSV sets the range and the point count, a stroke makes
# the target "drawn"): the panel follows what the snapshot says.
_SESSION_OWNED = ("target", "points", "x_min", "x_max")


class FitLab(LabView):
    lesson_html = text("lesson")

    def build_content(self) -> QWidget:
        theme = self.theme
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.formula = QLineEdit()
        self.formula.setObjectName("formula")
        self.formula.setPlaceholderText("a formula of x, e.g. x*sin(15*x) + 0.1")
        self.formula.setMaxLength(400)  # longer than allowed, so the parser can say so
        self.formula.returnPressed.connect(self._on_formula)
        self.use_formula = QPushButton("Fit formula")
        self.use_formula.setObjectName("use_formula")
        self.use_formula.clicked.connect(self._on_formula)
        self.draw = QCheckBox("Draw")
        self.draw.setObjectName("draw")
        self.draw.setToolTip("Drag on the plot to draw the target (the samples under the stroke follow it)")
        self.draw.toggled.connect(lambda on: self.fit.set_drawing(on))
        self.import_button = QPushButton("Import CSV…")
        self.import_button.clicked.connect(self._on_import)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("Write the samples as x,y rows")
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
        self.sweep = SweepTab(theme)
        self.sweep.job.run_clicked.connect(lambda: self._start("start_sweep"))
        self.sweep.job.cancel_clicked.connect(self._cancel)
        self.bumps = BumpsTab(theme)
        self.bumps.heights_edited.connect(lambda h: self._custom("set_heights", heights=list(map(float, h))))
        self.bumps.fit_clicked.connect(lambda: self._custom("fit_heights"))
        self.bumps.match_clicked.connect(self._on_match_width)
        self.lipschitz = LipschitzTab(theme)
        self.bounded = BoundedTab(theme)
        self.bounded.job.run_clicked.connect(lambda: self._start("start_bounded"))
        self.bounded.job.cancel_clicked.connect(self._cancel)
        self.ka = KATab(theme)
        self.ka.job.run_clicked.connect(lambda: self._start("start_ka"))
        self.ka.job.cancel_clicked.connect(self._cancel)
        self.ka.export_requested.connect(self._on_export_surfaces)
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
        for widget, name in ((self.fit, "Fit"), (self.sweep, "Width sweep"), (self.bumps, "Bumps"),
                             (self.lipschitz, "Lipschitz"), (self.bounded, "Width 5 vs depth"),
                             (self.ka, "Kolmogorov–Arnold")):
            self.tabs.addTab(widget, name)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout.addWidget(self.tabs, 1)
        self._readout_at = -1.0
        for fig in self.figures().values():
            for axis in ("left", "bottom"):
                # "×0.001" or "×1e+21" beside an axis reads badly; errors and bin counts are shown as is
                fig.item.getAxis(axis).enableAutoSIPrefix(False)
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
        self.formula_error.setText(f"Formula: {problem}" if problem else "")
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
        path, _ = QFileDialog.getOpenFileName(self, "Import x, y points", "", "CSV files (*.csv);;All files (*)")
        if path:
            self.import_csv(path)

    def import_csv(self, path: str) -> None:
        """The session reads and checks the file; a bad row comes back as an error naming it."""
        self.on_reset()
        self._custom("load_csv", path=path)

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export samples", "samples.csv", "CSV files (*.csv)")
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
            self.status_changed.emit(f"Could not write {path}: {exc}")
            return
        self.status_changed.emit(f"Exported {len(s['x'])} samples to {path}")

    def _on_export_surfaces(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export KA surfaces", "ka_surfaces.csv", "CSV files (*.csv)")
        if path:
            self.export_surfaces(path)

    def export_surfaces(self, path: str) -> None:
        if self.last_snapshot is None:
            return
        try:
            rows = write_surfaces_csv(path, self.last_snapshot["ka"])
        except OSError as exc:
            self.status_changed.emit(f"Could not write {path}: {exc}")
            return
        self.status_changed.emit(f"Exported {rows} grid points to {path}")

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

        lines = [f"<b>Epoch {s['epoch']:,}</b> · {s.get('engine', '')}"
                 + (f" · {s['epochs_per_s']:,.0f} steps/s" if s.get("epochs_per_s") else "")]
        lines.append(f"MSE <b style='color:{NET_COLOR}'>{num(s['mse'])}</b> · sup error "
                     f"<b style='color:{SUP_COLOR}'>{num(s['sup_error'], '{:.4f}')}</b>")
        layers = s["layers"]
        lines.append(f"Network: {len(layers)} × {layers[0]} {s['activation']}, linear output")
        label = dict(zip(targets.PRESETS, targets.PRESET_LABELS)).get(s["target"])
        what = label or {"formula": f"formula {s['formula']}", "drawn": "drawn", "csv": "imported points"}[s["target"]]
        lines.append(f"Target: {what}, {len(s['x'])} samples")
        if s["target"] == "step" and s["epoch"] > 200:
            lines.append("<i>A jump: no continuous network gets the sup error below ½.</i>")
        job = s.get("job")
        if job:
            what = {"sweep": "Width sweep", "bounded": "Width 5 vs depth", "ka": "Kolmogorov–Arnold"}[job["kind"]]
            lines.append(f"<b>{what}: {job['progress']:.0%}</b> ({job['label']})")
        if s.get("finished"):
            lines.append(f"<b>{s['finished']}</b>")
        self.readout.setText("<br>".join(lines))
