"""«Giao diện»: the piece's layout variant, font and colours, each one undoable edit,
shown in the preview; the box names itself in English when the UI is."""

from __future__ import annotations

from typing import Any

from guihelpers import PREVIEW_TIMEOUT_MS, SAMPLE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ansinh.core.campaign import Look


def box_for(index: int) -> Any:
    from ansinh.core.campaign import load_campaign
    from ansinh.core.storage import Document
    from ansinh.core.templates import TemplateRegistry
    from ansinh.gui.look_box import LookBox
    from ansinh.gui.model import CampaignModel

    model = CampaignModel(Document(load_campaign(SAMPLE)))
    box = LookBox(model, {t.id: t for t in TemplateRegistry().all()})
    box.set_piece(index)
    return box, model


def action(button: Any, text: str) -> Any:
    button.menu().aboutToShow.emit()
    return next(a for a in button.menu().actions() if a.text() == text)


def test_each_choice_is_one_undoable_edit_of_the_piece(qtbot: Any) -> None:
    box, model = box_for(0)  # a poster
    qtbot.addWidget(box)
    assert not box.isHidden()
    variants = box.variant_combo
    assert [variants.itemText(i) for i in range(variants.count())] == [
        "Bố cục gốc của mẫu", "Ảnh trên, chữ dưới"]
    fonts = box.font_combo
    assert [fonts.itemData(i) for i in range(fonts.count())] == [
        "be-vietnam-pro", "noto-serif", "barlow-condensed"]
    # Each font is listed in its own face.
    assert fonts.itemData(1, Qt.ItemDataRole.FontRole).family() == "Noto Serif"

    variants.activated.emit(1)
    fonts.activated.emit(2)
    action(box.primary_button, "#C0161E").trigger()  # the co-dong red, a palette swatch
    assert model.piece(0).look == Look("anh-tren", "barlow-condensed", "#C0161E", None)
    assert model.undo_stack.count() == 3
    assert box.primary_button.text() == "#C0161E"
    assert box.accent_button.text() == "Theo chiến dịch"
    action(box.primary_button, "Theo chiến dịch").trigger()
    assert model.piece(0).look.primary is None
    for _ in range(4):
        model.undo_stack.undo()
    assert model.piece(0).look == Look()
    assert variants.currentIndex() == 0 and fonts.currentIndex() == 0


def test_the_palette_holds_the_campaigns_colours_and_text_pieces_have_no_box(qtbot: Any) -> None:
    box, model = box_for(3)  # a loudspeaker script
    qtbot.addWidget(box)
    assert box.isHidden()
    campaign = model.campaign
    assert box.palette()[:2] == [campaign.primary.upper(), campaign.accent.upper()]
    social, _ = box_for(10)
    qtbot.addWidget(social)
    assert social.variant_combo.itemData(1) == "anh-trai"


def test_a_font_picked_in_the_window_repaints_the_preview(sample_window: Any, qtbot: Any) -> None:
    window = sample_window
    box = window.form.look_box
    index = window.current_index()
    assert box.isVisible() and window.model.piece(index).template == "poster-bhxh"
    before = window.preview_panel.canvas.image.copy()
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        box.font_combo.activated.emit(box.font_combo.findData("noto-serif"))
    assert window.model.piece(index).look.font == "noto-serif"
    assert window.preview_panel.canvas.image != before
    with qtbot.waitSignal(window.previewShown, timeout=PREVIEW_TIMEOUT_MS):
        window.model.undo_stack.undo()
    assert window.model.piece(index).look == Look()


def test_the_box_speaks_english(qtbot: Any) -> None:
    from ansinh.gui import i18n

    box, _ = box_for(0)
    qtbot.addWidget(box)
    assert i18n.set_language("en")
    QApplication.processEvents()  # LanguageChange is posted
    assert box.title() == "Look"
    assert box.variant_combo.itemText(1) == "Picture on top, text below"
    assert box.font_combo.itemText(1) == "Noto Serif (serif)"
    assert box.primary_button.text() == "From the campaign"


def test_a_batch_from_the_piece_wears_its_look(qapp: Any, pools: Any, qtbot: Any,
                                               tmp_path: Any) -> None:
    import dataclasses

    from test_batch_dialog import write_sheet

    from ansinh.core.campaign import load_campaign
    from ansinh.core.render.worker import RenderPool
    from ansinh.core.templates import TemplateRegistry
    from ansinh.gui.batch_controller import BatchController, BatchOptions

    campaign = load_campaign(SAMPLE)
    banner = next(p for p in campaign.pieces if p.template == "banner-bhxh")
    look = Look(font="barlow-condensed", accent="#FFFFFF")
    controller = BatchController(campaign, {t.id: t for t in TemplateRegistry().all()},
                                 dataclasses.replace(banner, look=look), RenderPool(workers=1),
                                 BatchOptions(folder=str(tmp_path / "out")))
    try:
        controller.set_template("banner-bhxh")
        controller.set_segment("toan-dan")
        sheet = write_sheet(tmp_path / "t.csv", [[1, "Thôn 1", ""], [2, "Thôn 2", ""]])
        with qtbot.waitSignal(controller.planned, timeout=PREVIEW_TIMEOUT_MS):
            controller.load(sheet)
        assert controller.plan.look == look
        assert controller.row_piece(controller.table.rows[0]).look == look
        # Another template: the rows wear the look of the campaign's own poster (none).
        controller.set_template("poster-bhxh")
        assert controller.piece_look() == {"adjust": {}, "look": Look()}
    finally:
        controller.shutdown()
