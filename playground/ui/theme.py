"""Themes: light, dark, and presentation mode (everything scaled up for the back of a lecture room).

One `Theme` value describes fonts, line widths, point sizes and colours; `ThemeManager` holds the
current one and emits `theme_changed` so open labs restyle live and labs opened later start right.
Class colours are the Okabe–Ito palette (blue / orange / bluish green...), which stays distinct for
the common forms of colour blindness and in greyscale print.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

__all__ = ["Theme", "ThemeManager", "CLASS_COLORS", "LIGHT", "DARK"]

# Okabe–Ito: blue, vermillion/orange, bluish green, reddish purple, sky blue, yellow, black-ish.
CLASS_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    scale: float  # 1.0 normally; 1.5 to 2.5 in presentation mode
    background: str
    foreground: str
    grid: str
    accent: str
    base_font_pt: float = 10.0
    presentation: bool = False

    @property
    def font_pt(self) -> float:
        return self.base_font_pt * self.scale

    @property
    def line_width(self) -> float:
        return 2.0 * self.scale

    @property
    def point_size(self) -> float:
        return 9.0 * self.scale

    def class_color(self, i: int) -> str:
        return CLASS_COLORS[int(i) % len(CLASS_COLORS)]

    def presenting(self, scale: float = 1.5) -> "Theme":
        """The same theme, scaled up, with maximum contrast (pure black or white backgrounds)."""
        scale = min(2.5, max(1.5, float(scale)))
        return replace(self, name=self.name + "-presentation", scale=scale, presentation=True,
                       background="#000000" if self.dark else "#ffffff",
                       foreground="#ffffff" if self.dark else "#000000")


LIGHT = Theme("light", dark=False, scale=1.0, background="#ffffff", foreground="#202020",
              grid="#d0d0d0", accent="#0072B2")
DARK = Theme("dark", dark=True, scale=1.0, background="#1e1f22", foreground="#e6e6e6",
             grid="#4a4a4a", accent="#56B4E9")


class ThemeManager(QObject):
    theme_changed = Signal(object)  # the new Theme

    # 1.5x: readable from the back of a room yet a whole lab still fits a 1280x720 projector;
    # View > Presentation scale goes up to 2.5x for bigger screens.
    def __init__(self, dark: bool = False, presentation_scale: float = 1.5, parent=None):
        super().__init__(parent)
        self._dark = dark
        self._presentation = False
        self.presentation_scale = presentation_scale
        self.theme = self._compose()

    def _compose(self) -> Theme:
        base = DARK if self._dark else LIGHT
        return base.presenting(self.presentation_scale) if self._presentation else base

    @property
    def presentation(self) -> bool:
        return self._presentation

    @property
    def dark(self) -> bool:
        return self._dark

    def set_presentation(self, on: bool) -> None:
        self._presentation = bool(on)
        self._update()

    def set_dark(self, on: bool) -> None:
        self._dark = bool(on)
        self._update()

    def set_presentation_scale(self, scale: float) -> None:
        self.presentation_scale = min(2.5, max(1.5, float(scale)))
        self._update()

    def _update(self) -> None:
        self.theme = self._compose()
        apply_to_app(self.theme)
        self.theme_changed.emit(self.theme)


def apply_to_app(theme: Theme) -> None:
    """Application-wide font and palette, so every standard widget follows the theme."""
    app = QApplication.instance()
    if app is None:
        return
    font = QFont(app.font())
    font.setPointSizeF(theme.font_pt)
    app.setFont(font)
    pal = QPalette()
    if theme.dark:
        bg, fg = QColor(theme.background), QColor(theme.foreground)
        pal.setColor(QPalette.Window, bg)
        pal.setColor(QPalette.WindowText, fg)
        pal.setColor(QPalette.Base, QColor("#141517" if not theme.presentation else "#000000"))
        pal.setColor(QPalette.AlternateBase, bg.lighter(115))
        pal.setColor(QPalette.Text, fg)
        pal.setColor(QPalette.Button, bg.lighter(125))
        pal.setColor(QPalette.ButtonText, fg)
        pal.setColor(QPalette.ToolTipBase, bg)
        pal.setColor(QPalette.ToolTipText, fg)
        pal.setColor(QPalette.Highlight, QColor(theme.accent))
        pal.setColor(QPalette.HighlightedText, QColor("#000000"))
        pal.setColor(QPalette.PlaceholderText, fg.darker(150))
        for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
            pal.setColor(QPalette.Disabled, role, QColor("#7a7a7a"))
    else:
        pal = app.style().standardPalette()
        if theme.presentation:
            pal.setColor(QPalette.Window, QColor("#ffffff"))
            pal.setColor(QPalette.WindowText, QColor("#000000"))
            pal.setColor(QPalette.Text, QColor("#000000"))
            pal.setColor(QPalette.ButtonText, QColor("#000000"))
    app.setPalette(pal)
