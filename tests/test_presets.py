"""Office presets: saved once, applied to any campaign, survive the logo's move."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from ansinh.core import presets
from ansinh.core.campaign import Campaign
from ansinh.core.errors import UserError

SAMPLE_LOGO = Path(__file__).resolve().parents[1] / "assets" / "sample" / "logo.svg"


def office(tmp_path: Path) -> Campaign:
    logo = tmp_path / "logo.svg"
    shutil.copy(SAMPLE_LOGO, logo)
    return Campaign(
        name="Chiến dịch cũ",
        unit="Bảo hiểm xã hội cơ sở Ea Kar",
        hotline="0262 3800 111",
        address="Thị trấn Ea Kar",
        primary="#0B4F8A",
        accent="#F2A900",
        logo=logo,
    )


def test_a_preset_applies_only_the_office_values(tmp_path: Path) -> None:
    saved = presets.save_preset("  Ea Kar ", office(tmp_path))
    (tmp_path / "logo.svg").unlink()  # the preset keeps its own copy
    campaign = Campaign(name="Tháng vận động 2027", key_message="Đóng BHXH tự nguyện")
    applied = presets.find_preset("ea kar").apply(campaign)
    assert (applied.name, applied.key_message) == ("Tháng vận động 2027", "Đóng BHXH tự nguyện")
    assert (applied.unit, applied.hotline, applied.primary, applied.accent) == (
        "Bảo hiểm xã hội cơ sở Ea Kar",
        "0262 3800 111",
        "#0B4F8A",
        "#F2A900",
    )
    assert applied.logo == saved.logo and applied.logo.read_bytes() == SAMPLE_LOGO.read_bytes()
    assert [p.name for p in presets.load_presets()] == ["Ea Kar"]


def test_saving_a_name_again_replaces_it_and_delete_removes_it(tmp_path: Path) -> None:
    presets.save_preset("Ea Kar", office(tmp_path))
    presets.save_preset("Krông Pắc", dataclasses.replace(office(tmp_path), logo=None))
    presets.save_preset("EA KAR", dataclasses.replace(office(tmp_path), hotline="1900 9068"))
    assert [(p.name, p.hotline) for p in presets.load_presets()] == [
        ("Krông Pắc", "0262 3800 111"),
        ("EA KAR", "1900 9068"),
    ]
    presets.delete_preset("krông pắc")
    assert [p.name for p in presets.load_presets()] == ["EA KAR"]
    with pytest.raises(UserError, match="Không có đơn vị"):
        presets.delete_preset("Krông Pắc")


@pytest.mark.parametrize(
    "text",
    [
        '[[preset]]\nname = "A"\nprimary = "red"\n',
        '[[preset]]\nname = "A"\nlogo = "../../etc/passwd"\n',
        "preset = 3\n",
        "[[preset]\n",
    ],
)
def test_a_damaged_preset_file_is_reported_naming_it(text: str, isolated_user_dir) -> None:
    (isolated_user_dir / presets.FILE).write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        presets.load_presets()
    assert "đơn vị có sẵn" in caught.value.vi and "office presets" in caught.value.en


def test_a_logo_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"not an image")
    with pytest.raises(UserError):
        presets.save_preset("X", dataclasses.replace(office(tmp_path), logo=fake))
    assert presets.load_presets() == []
