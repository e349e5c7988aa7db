"""The campaign dialog's «Phong cách»: picking the public-information style hides the
brand colours (the style brings its own), repaints the preview red, and one undo
brings the modern look back."""

from __future__ import annotations

from typing import Any

from guihelpers import PREVIEW_TIMEOUT_MS, SAMPLE
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication


def red_share(image: QImage) -> float:
    """The share of sampled pixels in the style's reds."""
    points = [(image.width() * x // 20, image.height() * y // 20)
              for x in range(1, 20) for y in range(1, 20)]
    reds = 0
    for x, y in points:
        colour = image.pixelColor(x, y)
        reds += colour.red() > 110 and colour.green() < 60 and colour.blue() < 60
    return reds / len(points)


def test_the_style_combo_lists_both_styles_and_hides_the_brand_colours(qtbot: Any) -> None:
    from ansinh.core.campaign import load_campaign
    from ansinh.gui.campaign_dialog import CampaignDialog

    dialog = CampaignDialog(load_campaign(SAMPLE))
    qtbot.addWidget(dialog)
    combo = dialog.style_box
    assert [combo.itemData(i) for i in range(combo.count())] == ["hien-dai", "co-dong"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["Hiện đại",
                                                                  "Cổ động (đỏ – vàng)"]
    assert combo.currentData() == "hien-dai" and dialog.changes() == {}
    assert dialog.colour_form.isRowVisible(dialog.primary)
    assert not dialog.colour_form.isRowVisible(dialog.style_note)
    combo.setCurrentIndex(combo.findData("co-dong"))
    assert not dialog.colour_form.isRowVisible(dialog.primary)
    assert not dialog.colour_form.isRowVisible(dialog.accent)
    assert dialog.colour_form.isRowVisible(dialog.style_note)
    # The brand colours are kept, not overwritten by the style's.
    assert dialog.changes() == {"style": "co-dong"}


def test_picking_the_style_repaints_the_preview_and_undo_brings_it_back(
        sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    before = window.preview_panel.canvas.image.copy()
    assert red_share(before) < 0.02

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.style_box.setCurrentIndex(dialog.style_box.findData("co-dong"))
        dialog.accept()

    QTimer.singleShot(0, pick)
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.campaign_dialog()
    assert window.model.campaign.style == "co-dong"
    assert red_share(window.preview_panel.canvas.image) > 0.3
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.undo_stack.undo()
    assert window.model.campaign.style == "hien-dai"
    assert red_share(window.preview_panel.canvas.image) < 0.02
