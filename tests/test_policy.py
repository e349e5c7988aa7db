"""Policy figures the office keeps current: shipped data, the user's overlay, packs."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ansinh.core import paths, policy
from ansinh.core.campaign import Piece
from ansinh.core.errors import UserError
from ansinh.core.render.piece import RenderOptions, render_piece
from helpers import pdf_text

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, user_dir: Path) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "ansinh.cli.main", "--lang", "en", *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "ANSINH_USER_DIR": str(user_dir)})


def shipped_hash() -> str:
    return hashlib.sha256((paths.data_dir() / "policy.toml").read_bytes()).hexdigest()


def test_a_november_2026_campaign_prints_bhyt_on_the_confirmed_base_salary(
        sample_campaign, tmp_path: Path) -> None:
    from dataclasses import replace

    campaign = replace(sample_campaign, day=date(2026, 11, 1))
    piece = Piece("infographic-dong-gop", "toan-dan", None, {})
    result = render_piece(piece, campaign, RenderOptions(formats=("pdf",), fast_pdf=True))
    text = pdf_text(result.artifact("pdf").data)
    assert "2.530.000" in text and "113.850" in text and "105.300" not in text
    assert "161/2026" in text

    from ansinh.core.bundle import Bundle

    bundle = Bundle(tmp_path, campaign)
    bundle.add(result, 1)
    manifest = json.loads((bundle.close() / "manifest.json").read_text(encoding="utf-8"))
    used = {e["series"]: e for e in manifest["policy"]["entries"]}
    assert used["base_salary"]["amount"] == 2_530_000
    assert used["base_salary"]["document"] == "Nghị định 161/2026/NĐ-CP"
    assert "Điều 3" in used["base_salary"]["source"]
    assert used["bhyt_household"]["document"].startswith("Nghị định 188/2025")


def test_bhyt_entries_are_split_at_decree_188_2025() -> None:
    assert "146/2018" in policy_at_source(date(2025, 8, 14), "bhyt_household")
    assert "188/2025" in policy_at_source(date(2025, 8, 15), "bhyt_household")


def policy_at_source(day: date, series: str) -> str:
    return next(e.document for e in policy.policy_at(day).used if e.series == series)


def test_a_value_set_by_the_office_is_used_and_the_shipped_file_stays(
        isolated_user_dir: Path) -> None:
    before = shipped_hash()
    done = cli("policy", "set", "base_salary", "9999999", "--effective", "2027-07-01",
               "--source", "Quyết định thử nghiệm", user_dir=isolated_user_dir)
    assert done.returncode == 0, done.stderr
    assert policy.policy_at(date(2027, 8, 1)).base_salary == 9_999_999
    assert policy.policy_at(date(2027, 6, 30)).base_salary == 2_530_000
    assert shipped_hash() == before
    entry = policy.load_policy_data().find("base_salary", date(2027, 7, 1))
    assert entry.origin == "user" and entry.source == "Quyết định thử nghiệm" and entry.entered_at


def test_a_pack_exported_in_one_office_gives_the_same_figures_in_another(
        tmp_path: Path, isolated_user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy.set_entry("base_salary", date(2027, 7, 1), {"amount": 2_800_000},
                     document="Nghị định 1/2027/NĐ-CP", source="Công báo")
    policy.set_entry("bhxh_voluntary", date(2027, 3, 1), {"support": {"poor": 0.6}},
                     document="Nghị quyết HĐND tỉnh", source="Công báo tỉnh")
    policy.confirm_entry("poverty_line", date(2027, 1, 1), document="Nghị định 351/2025/NĐ-CP",
                         source="Công báo")
    pack = tmp_path / "goi-so-lieu.toml"
    policy.export_pack(pack)
    mine = policy.policy_at(date(2027, 9, 1))

    other = tmp_path / "other-office"
    other.mkdir()
    monkeypatch.setenv("ANSINH_USER_DIR", str(other))
    assert policy.policy_at(date(2027, 9, 1)) != mine
    policy.import_pack(pack)
    theirs = policy.policy_at(date(2027, 9, 1))
    assert theirs == mine
    assert theirs.bhxh_row("poor").support_rate == 0.6
    assert theirs.bhxh_row("other").support_rate == 0.2  # inherited from the entry before


HOSTILE = {
    "rate above 1": "[[bhxh_voluntary]]\neffective = 2027-01-01\nrate = 2.2\nsupport = {}\n"
                    "max_support_months = 120\ndocument = 'x'\n",
    "salary off by 10x": "[[base_salary]]\neffective = 2027-07-01\namount = 25300000\n"
                         "document = 'x'\n",
    "dates out of order": "[[base_salary]]\neffective = 2028-01-01\namount = 2600000\n"
                          "document = 'x'\n[[base_salary]]\neffective = 2027-01-01\n"
                          "amount = 2550000\ndocument = 'y'\n",
    "10 MB string": "[[base_salary]]\neffective = 2027-07-01\namount = 2600000\n"
                    f"document = '{'x' * 10_000_000}'\n",
    "unknown key": "[[base_salary]]\neffective = 2027-07-01\namount = 2600000\n"
                   "document = 'x'\nformula = 'rm -rf'\n",
    "unknown series": "[[lottery]]\neffective = 2027-07-01\n",
    "amount as text": "[[base_salary]]\neffective = 2027-07-01\namount = '2.600.000'\n"
                      "document = 'x'\n",
    "NaN": "[[base_salary]]\neffective = 2027-07-01\namount = nan\ndocument = 'x'\n",
    "no document": "[[base_salary]]\neffective = 2027-07-01\namount = 2600000\n",
    "deep": "x = " + "[" * 5000 + "]" * 5000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_pack_is_refused_whole(name: str, tmp_path: Path,
                                         isolated_user_dir: Path) -> None:
    policy.set_entry("base_salary", date(2027, 1, 1), {"amount": 2_600_000},
                     document="Nghị định thử", source="x")
    overlay = (isolated_user_dir / "policy.toml").read_bytes()
    good = "[[poverty_line]]\neffective = 2027-06-01\namount = 2300000\ndocument = 'ok'\n"
    pack = tmp_path / "pack.toml"
    pack.write_text(good + HOSTILE[name], encoding="utf-8")
    with pytest.raises(UserError):
        policy.import_pack(pack)
    assert (isolated_user_dir / "policy.toml").read_bytes() == overlay  # nothing half-merged
    assert policy.load_policy_data().find("poverty_line", date(2027, 6, 1)) is None


def test_the_cli_refuses_a_typo_and_a_date_before_the_last_entry(
        isolated_user_dir: Path) -> None:
    typo = cli("policy", "set", "base_salary", "25300000", "--effective", "2027-07-01",
               "--source", "x", user_dir=isolated_user_dir)
    early = cli("policy", "set", "base_salary", "2600000", "--effective", "2025-01-01",
                "--source", "x", user_dir=isolated_user_dir)
    for done in (typo, early):
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "10×" in typo.stderr and "after" in early.stderr
    assert not (isolated_user_dir / "policy.toml").exists()


def test_out_of_date_figures_are_flagged_and_strict_refuses(
        isolated_user_dir: Path, tmp_path: Path) -> None:
    assert [c.en[:28] for c in policy.freshness_checks(date(2027, 2, 1))] == [
        "Rural poverty line — lowest "]  # the 2027 line is only a proposal
    checks = policy.freshness_checks(date(2027, 7, 1))  # and data checked in Dec 2026
    assert [c.severity for c in checks] == ["warning", "warning"]
    assert "not confirmed" in checks[0].en and "more than 6 months" in checks[1].en
    assert policy.freshness_checks(date(2026, 11, 1)) == []
    assert all(c.is_error for c in policy.freshness_checks(date(2027, 2, 1), strict=True))

    campaign = tmp_path / "c.toml"
    campaign.write_text('[campaign]\nname = "Tết 2027"\ndate = 2027-02-01\n', encoding="utf-8")
    done = cli("export", str(campaign), "--out", str(tmp_path / "out"), "--strict",
               user_dir=isolated_user_dir)
    assert done.returncode == 2 and "Nothing exported" in done.stderr
    assert not (tmp_path / "out").exists()

    policy.confirm_entry("poverty_line", date(2027, 1, 1), source="Công báo")
    assert policy.freshness_checks(date(2027, 2, 1)) == []
    assert len(policy.freshness_checks(date(2027, 7, 1))) == 1  # only the 6-month review
