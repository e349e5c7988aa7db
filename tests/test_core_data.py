"""Data the engine reads: policy figures by date, segments and templates the user adds."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from ansinh.core.campaign import Piece
from ansinh.core.errors import UserError
from ansinh.core.policy import policy_at
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.segments import load_segments
from ansinh.core.templates import TemplateRegistry
from helpers import pdf_text

ROOT = Path(__file__).resolve().parents[1]


def test_policy_figures_follow_the_campaign_date() -> None:
    now = policy_at(date(2026, 5, 1))
    assert now.bhxh_min_contribution == 330_000
    assert [(r.support, r.net) for r in now.bhxh_table] == [
        (165_000, 165_000),
        (132_000, 198_000),
        (99_000, 231_000),
        (165_000, 165_000),  # island communes and special zones: 50 % (Decree 159/2025)
        (66_000, 264_000),
    ]
    assert [r.monthly for r in now.bhyt_table] == [105_300, 73_710, 63_180, 52_650, 42_120]
    assert now.effective["bhxh_voluntary"] == date(2025, 7, 1)
    assert any("159/2025" in s for s in now.sources)

    before = policy_at(date(2025, 6, 30))  # Decree 134/2015 support levels
    assert [r.support_rate for r in before.bhxh_table] == [0.30, 0.25, 0.10, 0.10, 0.10]
    older = policy_at(date(2023, 12, 1))
    assert older.base_salary == 1_800_000 and older.bhyt_table[0].monthly == 81_000

    # Nghị định 161/2026 (confirmed from its text) from 1 Jul 2026; the 2027 poverty line
    # is still a proposal and stays out unless the user opts in.
    assert policy_at(date(2026, 6, 30)).base_salary == 2_340_000
    assert policy_at(date(2026, 11, 1)).base_salary == 2_530_000
    assert policy_at(date(2027, 2, 1)).poverty_line == 1_500_000
    assert policy_at(date(2027, 2, 1), unconfirmed=True).poverty_line == 2_200_000
    with pytest.raises(UserError):
        policy_at(date(2010, 1, 1))


def test_user_segments_extend_and_override(isolated_user_dir: Path) -> None:
    (isolated_user_dir / "segments.toml").write_text(
        '[[segment]]\nslug = "tieu-thuong"\nname = "Tiểu thương chợ Buôn Ma Thuột"\n'
        '[[segment]]\nslug = "ngu-dan-dam-lak"\nname = "Ngư dân hồ Lắk"\nlarge_type = true\n',
        encoding="utf-8",
    )
    segments = load_segments()
    assert segments["tieu-thuong"].name == "Tiểu thương chợ Buôn Ma Thuột"
    assert segments["ngu-dan-dam-lak"].large_type
    assert "nong-dan" in segments


def test_a_user_template_is_found_before_the_shipped_one(
    isolated_user_dir: Path, sample_campaign
) -> None:
    mine = isolated_user_dir / "templates" / "poster-bhxh"
    shutil.copytree(ROOT / "templates" / "poster-bhxh", mine)
    manifest = mine / "template.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            'default = "Bảo hiểm xã hội tự nguyện"', 'default = "Mẫu riêng của huyện"'
        ),
        encoding="utf-8",
    )
    template = TemplateRegistry().get("poster-bhxh")
    assert template.origin == "user" and template.folder == mine
    result = render_piece(
        Piece("poster-bhxh", "toan-dan", "A4"), sample_campaign, RenderOptions(formats=("pdf",))
    )
    assert "MẪU RIÊNG CỦA HUYỆN" in pdf_text(result.artifact("pdf").data)


def test_the_kept_registry_sees_a_template_added_or_changed_later() -> None:
    """Render processes keep one registry; a template imported while they run (a pack,
    a copied folder) or edited must still be found, without re-reading every render."""
    from ansinh.core import paths
    from ansinh.core.templates.registry import current_registry

    first = current_registry()
    assert current_registry() is first  # nothing changed: not parsed again
    folder = paths.user_templates_dir() / "poster-moi"
    shutil.copytree(ROOT / "templates" / "poster-bhxh", folder)
    manifest = folder / "template.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'id = "poster-bhxh"', 'id = "poster-moi"'), encoding="utf-8")
    added = current_registry()
    assert added is not first and added.get("poster-moi").origin == "user"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'name = "', 'name = "Mới: ', 1), encoding="utf-8")
    os.utime(manifest, ns=(0, manifest.stat().st_mtime_ns + 1_000_000))
    assert current_registry().get("poster-moi").name.startswith("Mới: ")
