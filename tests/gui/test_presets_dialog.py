"""«Đơn vị có sẵn» in the campaign dialog: an office saved from one campaign's dialog is
applied in another's, the campaign changes when the dialog is accepted, one undo
restores it; a preset is deleted after a confirmation; bad colours are not saved."""

from __future__ import annotations

from typing import Any

import pytest
from guihelpers import SAMPLE
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

OFFICE = {"unit": "Bảo hiểm xã hội cơ sở Ea Kar", "hotline": "0262 3800 111",
          "website": "eakar.baohiemxahoi.gov.vn", "address": "Thị trấn Ea Kar, Đắk Lắk",
          "primary": "#0B4F8A", "accent": "#F2A900"}


def answer_name(name: str, asked: list[str]) -> None:
    """Type `name` into the name question the dialog is about to show, then press OK."""

    def answer() -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QInputDialog) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, answer)
            return
        asked.append(shown[0].labelText())
        shown[0].setTextValue(name)
        shown[0].accept()

    QTimer.singleShot(0, answer)


def fill_office(dialog: Any) -> None:
    for key, value in OFFICE.items():
        dialog.inputs[key].setText(value)


def test_a_preset_saved_in_one_dialog_applies_in_another_and_undo_restores(
        sample_window: Any, qtbot: Any, recorder: Any) -> None:
    from ansinh.core.campaign import load_campaign
    from ansinh.core.presets import load_presets
    from ansinh.gui.campaign_dialog import CampaignDialog

    sample = load_campaign(SAMPLE)
    dialog = CampaignDialog(sample)
    qtbot.addWidget(dialog)
    assert dialog.preset_box.count() == 0 and not dialog.apply_preset_button.isEnabled()
    fill_office(dialog)
    asked: list[str] = []
    answer_name("  Ea Kar ", asked)
    dialog.save_preset_button.click()
    assert asked and "Tên" in asked[0] and recorder.errors == []
    assert dialog.preset_box.currentText() == "Ea Kar" and dialog.apply_preset_button.isEnabled()
    saved = load_presets()
    assert [(p.name, p.unit, p.primary, p.logo.read_bytes()) for p in saved] == [
        ("Ea Kar", OFFICE["unit"], OFFICE["primary"], sample.logo.read_bytes())]
    dialog.reject()

    window = sample_window
    window.model.set_campaign(unit="Bảo hiểm xã hội tỉnh", hotline="1900 9068", logo=None)
    before = window.model.campaign

    seen: list[tuple[str, str]] = []

    def apply_and_accept() -> None:  # asserts come after: a failure here would hang exec()
        other = next(w for w in QApplication.topLevelWidgets()
                     if isinstance(w, CampaignDialog) and w.isVisible())
        seen.append((other.preset_box.currentText(), other.unit.text()))
        other.apply_preset_button.click()
        other.accept()

    QTimer.singleShot(0, apply_and_accept)
    window.campaign_dialog()
    # Nothing changes in the dialog before «Áp dụng».
    assert seen == [("Ea Kar", "Bảo hiểm xã hội tỉnh")] and recorder.errors == []
    after = window.model.campaign
    assert {key: getattr(after, key) for key in OFFICE} == OFFICE
    assert after.logo == saved[0].logo
    assert (after.name, after.key_message) == (before.name, before.key_message)
    window.model.undo_stack.undo()
    assert window.model.campaign == before


def test_delete_asks_first_and_a_bad_colour_is_not_saved(
        qtbot: Any, recorder: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ansinh.core.campaign import load_campaign
    from ansinh.core.presets import load_presets
    from ansinh.gui import dialogs
    from ansinh.gui.campaign_dialog import CampaignDialog

    dialog = CampaignDialog(load_campaign(SAMPLE))
    qtbot.addWidget(dialog)
    fill_office(dialog)
    dialog.primary.line.setText("#12")
    dialog.save_preset_button.click()  # no name is asked: the colour is refused first
    assert "#RRGGBB" in str(recorder.errors[-1]) and load_presets() == []

    dialog.primary.line.setText(OFFICE["primary"])
    answer_name("Ea Kar", [])
    dialog.save_preset_button.click()
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda _p, _t, text, _y: questions.append(text) or False)
    dialog.delete_preset_button.click()
    assert "«Ea Kar»" in questions[0] and [p.name for p in load_presets()] == ["Ea Kar"]
    monkeypatch.setattr(dialogs, "confirm", lambda *_: True)
    dialog.delete_preset_button.click()
    assert load_presets() == [] and dialog.preset_box.count() == 0
    assert not dialog.delete_preset_button.isEnabled()
