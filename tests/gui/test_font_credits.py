"""The About box and the campaign dialog name every type family shipped in assets/fonts
with its licence, read from the font files and the licence files beside them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from guihelpers import SAMPLE
from PySide6.QtWidgets import QLabel

from ansinh.core import paths


def shipped() -> set[str]:
    """Each font file's family, as its name table gives it."""
    names = set()
    for font_file in paths.fonts_dir().glob("*.ttf"):
        with TTFont(font_file, lazy=True) as font:
            names.add(font["name"].getDebugName(16) or font["name"].getDebugName(1))
    return names


def test_every_family_has_a_licence_file_beside_it() -> None:
    from ansinh.core.fonts import shipped_families

    families = shipped_families()
    assert {f.name for f in families} == shipped() >= {
        "Be Vietnam Pro", "Noto Serif", "Barlow Condensed", "Noto Sans"}
    for family in families:
        assert family.licence == "SIL Open Font License 1.1", family
        assert isinstance(family.licence_file, Path)
        assert family.licence_file.parent == paths.fonts_dir()


def test_the_about_box_names_every_family_and_its_licence(window: Any, recorder: Any) -> None:
    window.about()
    (title, text), = recorder.infos
    assert title == "Giới thiệu"
    for name in shipped():
        assert name in text
    assert "SIL Open Font License 1.1" in text


def test_the_campaign_dialogs_font_note_names_every_family(qtbot: Any) -> None:
    from ansinh.core.campaign import load_campaign
    from ansinh.gui.campaign_dialog import CampaignDialog

    dialog = CampaignDialog(load_campaign(SAMPLE))
    qtbot.addWidget(dialog)
    notes = [label.text() for label in dialog.findChildren(QLabel)
             if "Be Vietnam Pro" in label.text()]
    assert len(notes) == 1
    assert all(name in notes[0] for name in shipped())
    assert "SIL Open Font License 1.1" in notes[0]


def test_the_campaign_dialogs_wrapped_notes_show_every_line(qtbot: Any) -> None:
    # The font note, three lines in the narrow colour column, was given two: its last
    # line («… License 1.1) — đủ dấu…») was cut off.
    from ansinh.core.campaign import load_campaign
    from ansinh.gui.campaign_dialog import CampaignDialog

    dialog = CampaignDialog(load_campaign(SAMPLE))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wrapped = [label for label in dialog.findChildren(QLabel)
               if label.wordWrap() and label.isVisible() and label.text()]
    assert wrapped
    for label in wrapped:
        assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_the_campaign_dialogs_long_lines_show_their_start(qtbot: Any) -> None:
    # «Tháng vận động BHXH tự nguyện, BHYT hộ gia đình 2026» opened as «…áng vận động…»:
    # the line edits scrolled to their end.
    from ansinh.core.campaign import load_campaign
    from ansinh.gui.campaign_dialog import CampaignDialog

    dialog = CampaignDialog(load_campaign(SAMPLE))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for line in (dialog.name, dialog.unit, dialog.hotline, dialog.website, dialog.address):
        assert line.text() and line.cursorPosition() == 0, line.text()
