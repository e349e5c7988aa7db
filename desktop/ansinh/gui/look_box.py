"""«Giao diện»: the piece's own look (`core.campaign.Look`) under its form.

A layout variant of its template, one of the shipped fonts (each drawn in its own face
in the list) and a main and an accent colour: «Theo chiến dịch», a swatch of the
campaign's palette, or any colour. Every choice is one undoable edit of the piece; the
contrast check (core.render.contrast) reports a colour that makes a field hard to read.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMenu,
    QToolButton,
    QWidget,
)

from ..core import paths
from ..core.campaign import DEFAULT_ACCENT, DEFAULT_PRIMARY, FONTS, STYLES, Look
from ..core.templates.manifest import Template
from . import i18n, theme
from .model import CampaignModel

translate = QCoreApplication.translate


@cache
def ui_family(font_id: str) -> str:
    """The Qt family of a shipped font's regular face (registered once)."""
    added = QFontDatabase.addApplicationFont(
        str(paths.fonts_dir() / f"{FONTS[font_id].stem}-Regular.ttf"))
    families = QFontDatabase.applicationFontFamilies(added) if added >= 0 else []
    return families[0] if families else theme.FONT_FAMILY


def swatch(colour: str | None, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour) if colour else Qt.GlobalColor.transparent)
    return QIcon(pixmap)


class ColourButton(QToolButton):
    """A colour of the look: None («Theo chiến dịch») or #RRGGBB, picked from a menu of
    the campaign's palette or the colour dialog."""

    def __init__(self, key: str, box: LookBox) -> None:
        super().__init__()
        self.key, self.box = key, box
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setMinimumWidth(170)  # «Theo chiến dịch» and the menu arrow side by side
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill)

    def show_value(self, value: str | None, campaign_colour: str) -> None:
        self.setIcon(swatch(value or campaign_colour))
        self.setText(value or translate("LookBox", "Theo chiến dịch"))

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        menu.addAction(swatch(self.box.campaign_colour(self.key)),
                       translate("LookBox", "Theo chiến dịch"),
                       lambda: self.box.set(self.key, None))
        menu.addSeparator()
        for colour in self.box.palette():
            menu.addAction(swatch(colour), colour, lambda c=colour: self.box.set(self.key, c))
        menu.addSeparator()
        menu.addAction(translate("LookBox", "Màu khác…"), self._pick)

    def _pick(self) -> None:
        start = QColor(getattr(self.box.look(), self.key) or self.box.campaign_colour(self.key))
        colour = QColorDialog.getColor(start, self, translate("LookBox", "Chọn màu"))
        if colour.isValid():
            self.box.set(self.key, colour.name().upper())


class LookBox(QGroupBox):
    """The look of the current piece (visual templates only); edits through the model."""

    def __init__(self, model: CampaignModel, templates: dict[str, Template],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.templates = model, templates
        self.index: int | None = None
        self.template: Template | None = None
        self.variant_combo = QComboBox()
        self.variant_combo.activated.connect(
            lambda i: self.set("variant", self.variant_combo.itemData(i)))
        self.font_combo = QComboBox()
        for font in FONTS.values():
            self.font_combo.addItem("", font.id)
            face = QFont(ui_family(font.id))
            self.font_combo.setItemData(self.font_combo.count() - 1, face,
                                        Qt.ItemDataRole.FontRole)
        self.font_combo.activated.connect(
            lambda i: self.set("font", self.font_combo.itemData(i)))
        self.primary_button = ColourButton("primary", self)
        self.accent_button = ColourButton("accent", self)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = [QLabel(objectName="fieldLabel") for _ in range(4)]
        for label, widget in zip(self.labels, (self.variant_combo, self.font_combo,
                                               self.primary_button, self.accent_button),
                                 strict=True):
            self.form.addRow(label, widget)
        model.pieceChanged.connect(lambda index: index == self.index and self._sync())
        model.campaignChanged.connect(self._sync)
        self.retranslate()
        self.set_piece(None)

    # --- reading ----------------------------------------------------------------------

    def look(self) -> Look:
        return self.model.piece(self.index).look if self.index is not None else Look()

    def campaign_colour(self, key: str) -> str:
        """The colour the piece takes from the campaign (its style's, if it has one)."""
        return self.model.campaign.context()[key]

    def palette(self) -> list[str]:
        """The swatches offered: the campaign's colours, the styles' (the red and gold
        of the public-information panels), the default blue and gold."""
        campaign = self.model.campaign
        styles = [c for style in STYLES.values() for c in (style.primary, style.accent)]
        colours = (campaign.primary, campaign.accent, *styles, DEFAULT_PRIMARY, DEFAULT_ACCENT)
        return list(dict.fromkeys(c.upper() for c in colours if c))

    # --- piece ------------------------------------------------------------------------

    def set_piece(self, index: int | None) -> None:
        self.index = index
        piece = self.model.piece(index) if index is not None else None
        self.template = self.templates.get(piece.template) if piece else None
        self.setVisible(self.template is not None and self.template.is_visual)
        self._sync()

    def set(self, key: str, value: str | None) -> None:
        """One choice: one undoable edit of the piece."""
        if self.index is None:
            return
        look = dataclasses.replace(self.look(), **{key: value})
        self.model.set_look(self.index, look, translate("LookBox", "Đổi giao diện ấn phẩm"))

    def _sync(self) -> None:
        if self.index is None or self.template is None:
            return
        look = self.look()
        combo = self.variant_combo
        combo.clear()
        combo.addItem(translate("LookBox", "Bố cục gốc của mẫu"), None)
        for variant in self.template.variants:
            combo.addItem(i18n.pick(variant.label, variant.label_en), variant.id)
        combo.setEnabled(bool(self.template.variants))
        combo.setCurrentIndex(max(combo.findData(look.variant), 0))
        self.font_combo.setCurrentIndex(max(self.font_combo.findData(look.font), 0))
        self.primary_button.show_value(look.primary, self.campaign_colour("primary"))
        self.accent_button.show_value(look.accent, self.campaign_colour("accent"))

    # --- language ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(translate("LookBox", "Giao diện"))
        labels = (translate("LookBox", "Bố cục"), translate("LookBox", "Phông chữ"),
                  translate("LookBox", "Màu chính"), translate("LookBox", "Màu nhấn"))
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        for i, font in enumerate(FONTS.values()):
            self.font_combo.setItemText(i, i18n.pick(font.label, font.label_en))
        self.primary_button.setToolTip(translate(
            "LookBox", "Màu chính của ấn phẩm này; «Theo chiến dịch» dùng màu chung."))
        self.accent_button.setToolTip(translate(
            "LookBox", "Màu nhấn của ấn phẩm này; «Theo chiến dịch» dùng màu chung."))
        self._sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
