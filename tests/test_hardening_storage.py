"""Campaign files from other offices: every stored value is checked before it is used.

Each test crafts a hostile `.ansinh` from a sound one with plain SQL, as an attacker
would, and asserts one clear `UserError` and nothing written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ansinh.core import storage
from ansinh.core.campaign import Campaign, Piece
from ansinh.core.errors import UserError
from ansinh.core.storage import Document

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5b3f1d60000000049454e44ae426082"
)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes: what a load may not change."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            found[str(path)] = path.read_bytes()
    return found


@pytest.fixture
def sound_file(tmp_path: Path) -> Path:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_1PX)
    piece = Piece("poster-bhxh", "toan-dan", "A4", {"title": "Tham gia BHXH", "photo": str(logo)})
    campaign = Campaign(name="Tháng 11", day=date(2026, 11, 1), logo=logo, pieces=(piece,),
                        base_dir=tmp_path)
    path = tmp_path / "chiến dịch.ansinh"
    storage.save_document(Document(campaign), path)
    return path


def craft(path: Path, *statements: tuple[str, tuple]) -> None:
    con = sqlite3.connect(path)
    with con:
        for sql, params in statements:
            con.execute(sql, params)
    con.close()


def refused(path: Path, tmp_path: Path, isolated_user_dir: Path) -> UserError:
    """Load `path`, which must fail with a UserError and change no file anywhere."""
    before = [tree(root) for root in (tmp_path, isolated_user_dir)]
    with pytest.raises(UserError) as caught:
        storage.load_document(path)
    assert [tree(root) for root in (tmp_path, isolated_user_dir)] == before
    return caught.value


@pytest.mark.parametrize("sha", ["../../x", "../../../outside", "/tmp/absolute-target",
                                 "..", "a" * 63, "A" * 64, "a" * 64 + "/../../y"])
def test_an_image_id_that_is_a_path_writes_nothing(sound_file: Path, tmp_path: Path,
                                                   isolated_user_dir: Path, sha: str) -> None:
    outside = tmp_path / "outside-victim.txt"
    outside.write_text("mine")
    craft(sound_file, ("UPDATE image SET sha256 = ?", (sha,)))
    error = refused(sound_file, tmp_path, isolated_user_dir)
    assert "SHA-256" in error.text("en") and "not opened" in error.text("en")
    assert outside.read_text() == "mine"
    assert not Path("/tmp/absolute-target").exists()
    assert not (isolated_user_dir / "cache").exists()  # not even the sound images


def test_an_image_whose_bytes_do_not_match_its_id_is_refused(
        sound_file: Path, tmp_path: Path, isolated_user_dir: Path) -> None:
    craft(sound_file, ("UPDATE image SET data = ?", (b"other bytes",)))
    error = refused(sound_file, tmp_path, isolated_user_dir)
    assert "does not match" in error.text("en")


def test_image_size_and_count_are_bounded_before_reading(
        sound_file: Path, tmp_path: Path, isolated_user_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    big = b"\0" * 5000
    craft(sound_file, ("INSERT INTO image VALUES (?, ?, ?)",
                       (hashlib.sha256(big).hexdigest(), "big.png", big)))
    monkeypatch.setattr(storage, "MAX_IMAGE_BYTES", 4000)
    assert "too large" in refused(sound_file, tmp_path, isolated_user_dir).text("en")
    monkeypatch.setattr(storage, "MAX_IMAGE_BYTES", 10_000)
    monkeypatch.setattr(storage, "MAX_IMAGES", 1)
    assert "at most 1" in refused(sound_file, tmp_path, isolated_user_dir).text("en")


def test_an_oversized_file_is_refused_before_it_is_read(
        sound_file: Path, tmp_path: Path, isolated_user_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 1024)
    assert "MB" in refused(sound_file, tmp_path, isolated_user_dir).text("en")


@pytest.mark.parametrize("version", [0, -1, -2**31])
def test_a_format_version_that_never_existed_is_refused(
        sound_file: Path, tmp_path: Path, isolated_user_dir: Path, version: int) -> None:
    craft(sound_file, (f"PRAGMA user_version = {version}", ()))
    error = refused(sound_file, tmp_path, isolated_user_dir)
    assert f"format {version}" in error.text("en")


@pytest.mark.parametrize(("key", "value", "named"), [
    ("logo", "5", "campaign.logo"),
    ("logo", "[1, 2]", "campaign.logo"),
    ("primary", "5", "campaign.primary"),
    ("accent", "[1, 2]", "campaign.accent"),
    ("primary", '"red; background: url(x)"', "campaign.primary"),
    ("unconfirmed_figures", '"no"', "campaign.unconfirmed_figures"),
    ("day", '"31/02/2026"', "campaign.day"),
    ("name", '{"a": 1}', "campaign.name"),
    ("hotline", '"' + "9" * 30_000 + '"', "campaign.hotline"),
])
def test_campaign_values_of_the_wrong_type_are_named(
        sound_file: Path, tmp_path: Path, isolated_user_dir: Path,
        key: str, value: str, named: str) -> None:
    craft(sound_file, ("INSERT OR REPLACE INTO campaign VALUES (?, ?)", (key, value)))
    assert named in refused(sound_file, tmp_path, isolated_user_dir).text("en")


@pytest.mark.parametrize("values", [
    "[" * 100_000 + "]" * 100_000,  # RecursionError in json before
    '{"a": ' * 40 + "1" + "}" * 40,
    "[1, 2]",  # not a table of field values
    '{"photo": {"$image": 5}}',
    '{"when": {"$date": 20260501}}',
    "NaN",
    "not json",
])
def test_damaged_piece_values_are_refused_clearly(
        sound_file: Path, tmp_path: Path, isolated_user_dir: Path, values: str) -> None:
    craft(sound_file, ("UPDATE piece SET field_values = ?", (values,)))
    refused(sound_file, tmp_path, isolated_user_dir)


@pytest.mark.parametrize("statement", [
    ("UPDATE piece SET template = x'05'", ()),  # TEXT columns turn numbers into text
    ("UPDATE piece SET title = x'05'", ()),
    ("UPDATE piece SET size = x'00ff'", ()),
    ("UPDATE export SET files = 'many'", ()),
    ("INSERT INTO export (created, folder, files) VALUES (x'01', '2', 3)", ()),
    ("UPDATE image SET name = x'07'", ()),
    ("UPDATE campaign SET value = x'00' WHERE key = 'name'", ()),
    ("UPDATE image SET data = 'text, not a blob'", ()),
    ("DROP TABLE piece", ()),
])
def test_rows_of_the_wrong_type_are_refused_clearly(
        sound_file: Path, tmp_path: Path, isolated_user_dir: Path, statement: tuple) -> None:
    craft(sound_file, ("INSERT INTO export (created, folder, files) VALUES ('a', 'b', 1)", ()),
          statement)
    refused(sound_file, tmp_path, isolated_user_dir)


def test_a_sound_file_still_opens_with_its_images(sound_file: Path,
                                                  isolated_user_dir: Path) -> None:
    document = storage.load_document(sound_file)
    assert document.campaign.logo.read_bytes() == PNG_1PX
    assert Path(document.campaign.pieces[0].values["photo"]).read_bytes() == PNG_1PX
    assert document.campaign.logo.is_relative_to(isolated_user_dir / "cache" / "images")


def test_recovery_metadata_of_the_wrong_type_is_ignored(sound_file: Path) -> None:
    craft(sound_file, ("INSERT INTO meta VALUES ('base_dir', x'00ff')", ()),
          ("INSERT INTO meta VALUES ('recovery_of', 'x')", ()))
    meta = storage.read_meta(sound_file)
    assert "base_dir" not in meta and meta["recovery_of"] == "x"
