"""The look of the app: Be Vietnam Pro as the UI font, a calm light palette, icons.

Qt needs a font that covers Vietnamese (U+1EA0–1EF9 and the combining tones) or
diacritics come out as boxes or from a fallback font; the app ships Be Vietnam Pro and
loads it at start. Icons are small hand-drawn SVGs so they look the same everywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ..core import paths

FONT_FAMILY = "Be Vietnam Pro"
PRIMARY = "#0B5CAD"
PRIMARY_DARK = "#084786"
ACCENT = "#F2A900"
ERROR = "#C62828"
WARNING = "#B26A00"
OK = "#2E7D32"
SURFACE = "#FFFFFF"
WINDOW = "#F3F5F8"
BORDER = "#D5DAE1"
MUTED = "#5F6B7A"
ICONS = (Path(__file__).resolve().parent / "icons").as_posix()
CANVAS = "#5B6470"

STYLE = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QToolBar {{ background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER};
           padding: 4px 8px; spacing: 4px; }}
QToolBar QToolButton {{ padding: 5px 8px; border-radius: 6px; color: #1F2933; }}
QToolBar QToolButton:hover {{ background: #E8F0FA; }}
QToolBar QToolButton:pressed, QToolBar QToolButton:checked {{ background: #D6E6F7; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QFrame#panel {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; }}
QLabel#panelTitle {{ font-size: 11pt; font-weight: 600; color: #1F2933; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: 700; color: #1F2933; }}
QLabel#muted, QLabel#help {{ color: {MUTED}; }}
QLabel#error {{ color: {ERROR}; font-weight: 600; }}
QLabel#help {{ font-size: 8.5pt; }}
QLabel#fieldLabel {{ font-weight: 600; color: #1F2933; }}
QLabel#counter {{ color: {MUTED}; font-size: 8.5pt; }}
QLabel#counter[over="true"] {{ color: {ERROR}; font-weight: 600; }}
QLabel#sizeLabel {{ color: {MUTED}; font-size: 9pt; }}
QLabel#badge {{ background: #E8F0FA; color: {PRIMARY_DARK}; border-radius: 9px;
               padding: 1px 8px; font-size: 8.5pt; font-weight: 600; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 4px 6px;
    selection-background-color: {PRIMARY}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QDateEdit:focus,
QSpinBox:focus, QDoubleSpinBox:focus {{ border: 1px solid {PRIMARY}; }}
QLineEdit[problem="true"], QPlainTextEdit[problem="true"] {{ border: 1px solid {ERROR};
    background: #FFF6F6; }}
QPushButton {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
              padding: 5px 14px; color: #1F2933; }}
QPushButton:hover {{ background: #EEF3F9; }}
QPushButton:disabled {{ color: #9AA5B1; }}
QPushButton[primary="true"] {{ background: {PRIMARY}; color: white; border: 1px solid {PRIMARY};
                              font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {PRIMARY_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #8FB3D9; border-color: #8FB3D9; }}
QTreeWidget, QListWidget, QTableWidget {{ background: {SURFACE}; border: none;
    selection-background-color: #D6E6F7; selection-color: #10243A; outline: 0; }}
QTreeWidget::item, QListWidget::item {{ padding: 4px 2px; border-radius: 4px; }}
QTreeWidget::item:selected, QListWidget::item:selected {{ background: #D6E6F7;
    color: #10243A; }}
QHeaderView::section {{ background: {WINDOW}; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px 6px; font-weight: 600; color: {MUTED}; }}
QScrollArea#canvasArea {{ background: {CANVAS}; border: none; }}
QScrollArea#formArea {{ background: {SURFACE}; border: none; }}
QWidget#formBody {{ background: {SURFACE}; }}
QProgressBar {{ border: 1px solid {BORDER}; border-radius: 6px; background: {SURFACE};
               text-align: center; height: 18px; }}
QProgressBar::chunk {{ background: {PRIMARY}; border-radius: 5px; }}
QGroupBox {{ font-weight: 600; border: 1px solid {BORDER}; border-radius: 8px;
            margin-top: 12px; padding: 10px 8px 8px 8px; background: {SURFACE}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #1F2933; }}
QSplitter::handle {{ background: transparent; }}
QComboBox {{ padding-right: 24px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
    width: 22px; border: none; }}
QComboBox::down-arrow {{ image: url("{ICONS}/chevron-down.svg"); width: 12px; height: 12px; }}
QComboBox QAbstractItemView {{ border: 1px solid {BORDER}; background: {SURFACE};
    selection-background-color: #D6E6F7; selection-color: #10243A; outline: 0; }}
QSpinBox, QDoubleSpinBox, QDateEdit {{ padding-right: 22px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button, QDateEdit::up-button {{
    subcontrol-origin: border;
    subcontrol-position: top right; width: 20px; border: none; }}
QSpinBox::down-button, QDoubleSpinBox::down-button, QDateEdit::down-button {{
    subcontrol-origin: border;
    subcontrol-position: bottom right; width: 20px; border: none; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow, QDateEdit::up-arrow {{
    image: url("{ICONS}/chevron-up.svg");
    width: 10px; height: 10px; }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow, QDateEdit::down-arrow {{
    image: url("{ICONS}/chevron-down.svg");
    width: 10px; height: 10px; }}
QDateEdit::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
    width: 22px; border: none; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 6px; background: {SURFACE}; }}
"""


def load_fonts() -> str:
    """Register the shipped Be Vietnam Pro files; returns the family to use."""
    family = None
    for path in sorted(paths.fonts_dir().glob("BeVietnamPro-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    return family or QFont().defaultFamily()


def apply(app: QApplication) -> None:
    family = load_fonts()
    font = QFont(family, 10)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    palette.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#F7F9FB"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1F2933"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1F2933"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#1F2933"))
    palette.setColor(QPalette.ColorRole.Button, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(PRIMARY))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8A94A3"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#1F2933"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("white"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE)


# Hand-drawn 24×24 stroke icons (currentColor is replaced with the wanted colour).
_ICONS = {
    "new": '<path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z"/>'
           '<path d="M14 3v5h5M12 11v6M9 14h6"/>',
    "open": '<path d="M3 7a1 1 0 0 1 1-1h5l2 2h8a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z"/>',
    "folder": '<path d="M3 7a1 1 0 0 1 1-1h5l2 2h8a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1'
              '-1-1z"/>',
    "save": '<path d="M5 3h11l3 3v14a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1z"/>'
            '<path d="M8 3v5h7V3M8 21v-7h8v7"/>',
    "undo": '<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 0 1 0 12h-3"/>',
    "redo": '<path d="M15 14l5-5-5-5"/><path d="M20 9H10a6 6 0 0 0 0 12h3"/>',
    "export": '<path d="M12 3v12M7 8l5-5 5 5"/><path d="M5 14v6h14v-6"/>',
    "gallery": '<rect x="3" y="3" width="7" height="9" rx="1"/><rect x="14" y="3" width="7" '
               'height="5" rx="1"/><rect x="14" y="12" width="7" height="9" rx="1"/>'
               '<rect x="3" y="16" width="7" height="5" rx="1"/>',
    "campaign": '<path d="M4 10v4a1 1 0 0 0 1 1h2l6 4V5L7 9H5a1 1 0 0 0-1 1z"/>'
                '<path d="M17 9a4 4 0 0 1 0 6M19.5 6.5a8 8 0 0 1 0 11"/>',
    "settings": '<path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0"/>'
                '<circle cx="16" cy="6" r="2"/><circle cx="10" cy="12" r="2"/>'
                '<circle cx="18" cy="18" r="2"/>',
    "zoom-in": '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M20 20l-4.5-4.5M10.5 7.5v6M7.5 '
               '10.5h6"/>',
    "zoom-out": '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M20 20l-4.5-4.5M7.5 10.5h6"/>',
    "fit": '<path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"/>',
    "guides": '<path d="M7 2v4M2 7h4M17 2v4M22 7h-4M7 22v-4M2 17h4M17 22v-4M22 17h-4"/>'
              '<rect x="7" y="7" width="10" height="10" stroke-dasharray="2 2"/>',
    "add": '<path d="M12 5v14M5 12h14"/>',
    "copy": '<rect x="8" y="8" width="12" height="12" rx="1"/><path d="M16 8V5a1 1 0 0 0-1-1H5a1 '
            '1 0 0 0-1 1v10a1 1 0 0 0 1 1h3"/>',
    "channels": '<circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="6" r="2.5"/>'
                '<circle cx="18" cy="18" r="2.5"/><path d="M8.2 10.8l7.6-3.6M8.2 13.2l7.6 3.6"/>',
    "people": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/>'
              '<circle cx="17" cy="9" r="2.5"/><path d="M16 14.2a5 5 0 0 1 6 4.8"/>',
    "delete": '<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>',
    "image": '<rect x="3" y="4" width="18" height="16" rx="1.5"/><circle cx="9" cy="10" r="2"/>'
             '<path d="M21 17l-5.5-5.5L5 20"/>',
    "error": '<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5v.5"/>',
    "warning": '<path d="M12 3l10 18H2z"/><path d="M12 10v5M12 18v.5"/>',
    "ok": '<circle cx="12" cy="12" r="9"/><path d="M8 12.5l3 3 5-6"/>',
    "search": '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M20 20l-4.5-4.5"/>',
    "batch": '<rect x="3" y="4" width="18" height="16" rx="1"/><path d="M3 9h18M3 14h18M9 4v16"/>',
}


@cache
def icon(name: str, color: str = "#34495E", size: int = 48) -> QIcon:
    body = _ICONS[name]
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
           f'stroke="{color}" stroke-width="1.8" stroke-linecap="round" '
           f'stroke-linejoin="round">{body}</svg>')
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QIcon(pixmap)
