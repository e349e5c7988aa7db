"""Campaign documents: SQLite application files, atomic saves, recovery copies."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.core import storage
from ansinh.core.campaign import Campaign, Piece, load_campaign
from ansinh.core.errors import UserError
from ansinh.core.storage import Document, ExportRecord, RecoverySlot

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "sample" / "campaign.toml"
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5b3f1d60000000049454e44ae426082"
)


def content(campaign: Campaign) -> dict:
    """Everything about a campaign except where its files happen to live."""
    data = {f.name: getattr(campaign, f.name) for f in dataclasses.fields(campaign)
            if f.name not in ("logo", "base_dir", "pieces")}
    data["logo"] = campaign.logo.read_bytes() if campaign.logo else None
    data["pieces"] = [dataclasses.asdict(p) for p in campaign.pieces]
    return data


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "ảnh gốc" / "chợ phiên.png"
    path.parent.mkdir()
    path.write_bytes(PNG_1PX)
    return path


@pytest.fixture
def document(photo: Path) -> Document:
    campaign = load_campaign(SAMPLE)
    first = campaign.pieces[0].with_values(photo=str(photo), title="Chợ phiên – BHXH")
    second = campaign.pieces[1].with_values(photo=str(photo))  # the same image twice
    campaign = dataclasses.replace(campaign, pieces=(first, second, *campaign.pieces[2:]))
    return Document(campaign, {"export": {"formats": ["pdf", "png"], "dpi": 150}},
                    [ExportRecord("2026-11-02T09:00:00", "/tmp/exports/a", 12, 6, 0)])


def test_round_trip_gives_an_identical_campaign(document: Document, photo: Path,
                                                tmp_path: Path) -> None:
    path = tmp_path / "chiến dịch.ansinh"
    storage.save_document(document, path)
    loaded = storage.load_document(path)

    assert content(loaded.campaign) == {**content(document.campaign),
                                        "pieces": content(loaded.campaign)["pieces"]}
    for before, after in zip(document.campaign.pieces, loaded.campaign.pieces, strict=True):
        assert (before.template, before.segment, before.size, before.title) == \
               (after.template, after.segment, after.size, after.title)
        assert before.values.keys() == after.values.keys()
        for key, value in before.values.items():
            if key == "photo":
                assert Path(after.values[key]).read_bytes() == photo.read_bytes()
            else:
                assert after.values[key] == value
    assert loaded.settings == document.settings
    assert loaded.exports == document.exports
    assert loaded.campaign.base_dir == tmp_path

    # A second round trip is exact, paths included.
    again = tmp_path / "again.ansinh"
    storage.save_document(loaded, again)
    assert storage.load_document(again) == loaded


def test_images_are_embedded_once_and_survive_the_originals(document: Document, photo: Path,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "c.ansinh"
    storage.save_document(document, path)
    photo.unlink()
    (SAMPLE.parent / "logo.svg").read_bytes()  # the shipped logo stays; only ours is deleted

    with sqlite3.connect(path) as con:
        names = sorted(name for (name,) in con.execute("SELECT name FROM image"))
    assert names == ["chợ phiên.png", "logo.svg"]  # the photo once, though used twice

    loaded = storage.load_document(path)
    extracted = Path(loaded.campaign.pieces[0].values["photo"])
    assert extracted.read_bytes() == PNG_1PX
    assert extracted.is_relative_to(storage.image_cache_dir())
    assert loaded.campaign.logo and loaded.campaign.logo.read_bytes() == \
        (SAMPLE.parent / "logo.svg").read_bytes()


def test_schema_version_and_application_id(document: Document, tmp_path: Path) -> None:
    path = tmp_path / "c.ansinh"
    storage.save_document(document, path)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
        assert con.execute("PRAGMA application_id").fetchone()[0] == storage.APPLICATION_ID


def test_a_file_from_a_newer_app_is_refused_clearly(document: Document, tmp_path: Path) -> None:
    path = tmp_path / "c.ansinh"
    storage.save_document(document, path)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {storage.SCHEMA_VERSION + 1}")
    with pytest.raises(UserError) as caught:
        storage.load_document(path)
    assert "phiên bản An Sinh Studio mới hơn" in caught.value.vi
    assert "newer An Sinh Studio" in caught.value.en


@pytest.mark.parametrize("data", [b"", b"not a database at all" * 100, b"SQLite format 3\0junk"])
def test_other_files_are_not_campaigns(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.ansinh"
    path.write_bytes(data)
    with pytest.raises(UserError) as caught:
        storage.load_document(path)
    assert "không phải tệp chiến dịch" in caught.value.vi


def test_a_sqlite_file_of_another_app_is_not_a_campaign(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(UserError, match="không phải tệp chiến dịch"):
        storage.load_document(path)


def test_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Không thấy tệp"):
        storage.load_document(tmp_path / "nowhere.ansinh")


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_save_leaves_the_original_and_no_litter(document: Document, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "c.ansinh"
    storage.save_document(document, path)
    before = path.read_bytes()

    changed = Document(dataclasses.replace(document.campaign, hotline="0123 456 789"))

    def disk_full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(storage, "_write", disk_full)
    with pytest.raises(UserError) as caught:
        storage.save_document(changed, path)
    assert "Ổ đĩa đã đầy" in caught.value.vi and "disk is full" in caught.value.en
    assert path.read_bytes() == before
    assert _listing(folder) == ["c.ansinh"]


def test_temporary_files_of_killed_saves_are_swept_later(document: Document,
                                                         tmp_path: Path) -> None:
    import os
    import time

    target = tmp_path / "chien-dich.ansinh"
    stale = tmp_path / ".chien-dich.ansinh.0badc0de.tmp"
    stale_journal = tmp_path / ".chien-dich.ansinh.0badc0de.tmp-journal"
    recent = tmp_path / ".chien-dich.ansinh.00c0ffee.tmp"  # maybe a save still running
    other = tmp_path / ".khac.ansinh.0badc0de.tmp"  # another campaign's: not ours to judge
    old = time.time() - storage.STALE_TEMP_SECONDS - 60
    for leftover in (stale, stale_journal, recent, other):
        leftover.write_bytes(b"half a campaign")
    for leftover in (stale, stale_journal, other):
        os.utime(leftover, (old, old))
    storage.save_document(document, target)
    assert not stale.exists() and not stale_journal.exists()
    assert recent.exists() and other.exists()
    assert storage.load_document(target).campaign.name == document.campaign.name


def test_a_failed_replace_leaves_the_original(document: Document, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.ansinh"
    storage.save_document(document, path)
    before = path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage.os, "replace", refuse)
    with pytest.raises(UserError, match="Không có quyền ghi"):
        storage.save_document(Document(dataclasses.replace(document.campaign, name="B")), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_saving_into_a_missing_folder_says_so(document: Document, tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        storage.save_document(document, tmp_path / "nope" / "c.ansinh")
    assert "không tồn tại" in caught.value.vi and "does not exist" in caught.value.en


def test_a_real_write_failure_mid_save_leaves_the_original(document: Document,
                                                           tmp_path: Path) -> None:
    """The process may only write small files (RLIMIT_FSIZE): SQLite fails mid-save."""
    path = tmp_path / "c.ansinh"
    storage.save_document(document, path)
    before = path.read_bytes()
    big = tmp_path / "big.png"
    big.write_bytes(PNG_1PX + bytes(2_000_000))  # larger than the limit below
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from dataclasses import replace
        from pathlib import Path
        from ansinh.core import storage
        from ansinh.core.errors import UserError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        document = storage.load_document(Path({str(path)!r}))
        piece = document.campaign.pieces[0].with_values(photo={str(big)!r})
        document.campaign = replace(document.campaign, pieces=(piece,))
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))
        try:
            storage.save_document(document, Path({str(path)!r}))
        except UserError as exc:
            print(exc.en)
            sys.exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert "was not saved" in done.stdout
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["big.png", "c.ansinh"]


def test_values_keep_their_types(tmp_path: Path) -> None:
    piece = Piece("poster-bhxh", "toan-dan", "A4",
                  {"title": "Tiêu đề", "n": 3, "x": 2.5, "when": date(2026, 5, 1), "empty": "",
                   "flag": True, "none": None},
                  title="Áp phích")
    campaign = Campaign(name="Thử", day=date(2026, 5, 1), pieces=(piece,), base_dir=tmp_path)
    storage.save_document(Document(campaign), tmp_path / "t.ansinh")
    loaded = storage.load_document(tmp_path / "t.ansinh").campaign
    assert loaded == campaign


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
                              st.one_of(text, st.integers(-10**12, 10**12), st.booleans()),
                              max_size=6),
       name=text, hotline=text)
def test_any_values_round_trip(tmp_path: Path, values: dict, name: str, hotline: str) -> None:
    campaign = Campaign(name=name, hotline=hotline, base_dir=tmp_path,
                        pieces=(Piece("sms-bhxh", "toan-dan", None, values, "tin"),))
    path = tmp_path / "h.ansinh"
    storage.save_document(Document(campaign), path)
    assert storage.load_document(path).campaign == campaign


# --- recovery ----------------------------------------------------------------------


def test_recovery_slot_of_a_running_app_is_not_offered(document: Document) -> None:
    slot = RecoverySlot()
    slot.write(document, Path("/somewhere/c.ansinh"))
    assert slot.exists
    assert storage.find_recoveries() == []  # we hold its lock: we are alive
    slot.discard()
    assert not slot.exists
    assert list(storage.recovery_dir().iterdir()) == []


def test_recovery_after_a_killed_process(document: Document, tmp_path: Path) -> None:
    path = tmp_path / "c.ansinh"
    storage.save_document(document, path)
    script = textwrap.dedent(f"""
        import os, signal
        from dataclasses import replace
        from pathlib import Path
        from ansinh.core import storage
        document = storage.load_document(Path({str(path)!r}))
        document.campaign = replace(document.campaign, hotline="0262 3 123 456")
        slot = storage.RecoverySlot()
        slot.write(document, Path({str(path)!r}))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -9, done.stderr

    found = storage.find_recoveries()
    assert len(found) == 1
    assert found[0].original == path
    assert found[0].campaign_name == document.campaign.name
    restored = storage.restore(found[0])
    assert restored.campaign.hotline == "0262 3 123 456"
    assert restored.campaign.base_dir == tmp_path
    assert restored.campaign.pieces[0].values["title"] == "Chợ phiên – BHXH"
    storage.discard_recovery(found[0])
    assert storage.find_recoveries() == []
    assert list(storage.recovery_dir().iterdir()) == []


def test_a_half_written_recovery_is_not_offered(document: Document) -> None:
    storage.recovery_dir().mkdir(parents=True)
    (storage.recovery_dir() / f"broken{storage.SUFFIX}").write_bytes(b"SQLite format 3\0")
    assert storage.find_recoveries() == []
