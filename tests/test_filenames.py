"""Tests for ansinh.core.filenames: safe names, unique names, safe joins, atomic writes."""

from __future__ import annotations

import errno
import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.core import filenames
from ansinh.core.errors import UserError
from ansinh.core.filenames import (
    MAX_NAME_BYTES,
    StagedFiles,
    UniqueNames,
    atomic_output,
    safe_filename,
    safe_join,
    slugify,
    write_all_atomic,
    write_atomic,
)

RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$"} | {
    f"{dev}{digit}" for dev in ("com", "lpt") for digit in "0123456789¹²³"
}


def is_reserved(name: str) -> bool:
    return name.partition(".")[0].casefold() in RESERVED


# --- safe_filename ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../x", "x"),
        ("..", "untitled"),
        ("CON", "CON_"),
        ("con.txt", "con_.txt"),
        ("Nul.tar.gz", "Nul_.tar.gz"),
        ("COM¹", "COM¹_"),
        ("lpt9.pdf", "lpt9_.pdf"),
        ("COM10", "COM10"),
        ("CONSOLE", "CONSOLE"),
        ("Thôn 1/2", "Thôn-1-2"),
        ("Thôn  Đồng\tTâm", "Thôn-Đồng-Tâm"),
        ('a:b*c?d"e<f>g|h\\i', "a-b-c-d-e-f-g-h-i"),
        ("Thôn A. . ", "Thôn-A"),
        ("  .hidden", "hidden"),
        ("-rf", "rf"),
        ("Thôn 1 - 2", "Thôn-1-2"),
        ("report\u202eFDP.exe", "reportFDP.exe"),
        ("tab\x00nul\x1fctl", "tab-nul-ctl"),
        ("", "untitled"),
        ("   ", "untitled"),
        ("...", "untitled"),
        ("a／b∕c", "a-b-c"),
    ],
)
def test_safe_filename_cases(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


def test_safe_filename_composes_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thôn Đồng Tâm")
    result = safe_filename(decomposed)
    assert result == "Thôn-Đồng-Tâm"
    assert unicodedata.is_normalized("NFC", result)


def test_safe_filename_bounds_long_names_by_characters() -> None:
    result = safe_filename("Thôn " + "a" * 300)
    assert len(result) == 80
    assert result.startswith("Thôn-aaa")


def test_safe_filename_bounds_utf8_bytes_at_a_character_boundary() -> None:
    result = safe_filename("ường" * 100, max_len=250)  # "ườ" take 3 bytes each
    assert len(result.encode("utf-8")) <= MAX_NAME_BYTES
    assert result.encode("utf-8").decode("utf-8") == result
    assert len(result.encode("utf-8")) > MAX_NAME_BYTES - 4


def test_safe_filename_truncation_never_ends_with_a_dot() -> None:
    assert safe_filename("a" * 79 + ".b") == "a" * 79


def test_safe_filename_rejects_tiny_limits() -> None:
    with pytest.raises(ValueError):
        safe_filename("x", max_len=4)


@given(st.text(), st.integers(min_value=16, max_value=255))
def test_safe_filename_properties(text: str, max_len: int) -> None:
    name = safe_filename(text, max_len=max_len)
    assert name
    assert not any(ch in name for ch in '/\\\x00:*?"<>|')
    assert not any(unicodedata.category(ch) == "Cc" for ch in name)
    assert not name.endswith((".", " ")) and not name.startswith((".", " "))
    assert name not in (".", "..")
    assert not is_reserved(name)
    assert len(name) <= max_len
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert unicodedata.is_normalized("NFC", name)


@given(st.text())
def test_safe_filename_is_idempotent(text: str) -> None:
    once = safe_filename(text)
    assert safe_filename(once) == once


# --- slugify ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thôn Đồng Tâm", "thon-dong-tam"),
        ("Bảo hiểm xã hội tự nguyện", "bao-hiem-xa-hoi-tu-nguyen"),
        ("ĐƯỜNG 3/2 — Quận 10", "duong-3-2-quan-10"),
        ("Ðồng", "dong"),
        (unicodedata.normalize("NFD", "Nghệ An"), "nghe-an"),
        ("", "untitled"),
        ("!!!", "untitled"),
    ],
)
def test_slugify(raw: str, expected: str) -> None:
    assert slugify(raw) == expected


@given(st.text())
def test_slugify_is_ascii_lowercase_words(text: str) -> None:
    slug = slugify(text)
    assert slug == "untitled" or all(part.isalnum() for part in slug.split("-"))
    assert slug.isascii() and slug == slug.lower() and len(slug) <= 80


# --- UniqueNames --------------------------------------------------------------------------


def test_unique_names_number_duplicates() -> None:
    names = UniqueNames()
    assert names.take("Thôn-1", ext=".pdf") == "Thôn-1.pdf"
    assert names.take("Thôn-1", ext=".pdf") == "Thôn-1-2.pdf"
    assert names.take("Thôn-1", ext=".pdf") == "Thôn-1-3.pdf"
    assert names.take("Thôn-1", ext=".png") == "Thôn-1.png"
    assert names.take("Thôn-1-2", ext=".pdf") == "Thôn-1-2-2.pdf"


def test_unique_names_ignore_case_and_normalisation() -> None:
    names = UniqueNames()
    assert names.take("Thôn Đồng Tâm", ".pdf") == "Thôn-Đồng-Tâm.pdf"
    assert names.take("THÔN ĐỒNG TÂM", ".pdf") == "THÔN-ĐỒNG-TÂM-2.pdf"
    assert names.take(unicodedata.normalize("NFD", "thôn đồng tâm"), ".PDF") == (
        "thôn-đồng-tâm-3.PDF"
    )


def test_unique_names_avoid_names_already_taken() -> None:
    names = UniqueNames(["poster.pdf", "Poster-2.PDF"])
    assert names.take("poster", ".pdf") == "poster-3.pdf"


def test_unique_names_sanitise_and_reject_bad_extensions() -> None:
    names = UniqueNames()
    assert names.take("CON", ".pdf") == "CON_.pdf"
    assert names.take("../../etc/passwd") == "etc-passwd"
    with pytest.raises(ValueError):
        names.take("x", "/../.pdf")
    with pytest.raises(ValueError):
        names.take("x", "pdf")


@given(st.lists(st.text(max_size=20), max_size=30))
def test_unique_names_never_repeat(raw_names: list[str]) -> None:
    names = UniqueNames()
    taken = [names.take(name, ".pdf").casefold() for name in raw_names]
    assert len(set(taken)) == len(taken)


# --- safe_join ----------------------------------------------------------------------------


def test_safe_join_keeps_paths_inside(tmp_path: Path) -> None:
    assert safe_join(tmp_path, "a/b.pdf") == tmp_path.resolve() / "a" / "b.pdf"
    assert safe_join(tmp_path, "a/../b.pdf") == tmp_path.resolve() / "b.pdf"


@pytest.mark.parametrize("relative", ["../x", "a/../../x", "/etc/passwd", "", ".", "a/.."])
def test_safe_join_refuses_escapes(tmp_path: Path, relative: str) -> None:
    with pytest.raises(UserError) as caught:
        safe_join(tmp_path / "root", relative)
    assert "ngoài thư mục" in caught.value.vi


def test_safe_join_refuses_null_bytes(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        safe_join(tmp_path, "a\x00b")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_safe_join_follows_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (root / "inner").mkdir()
    (root / "alias").symlink_to(root / "inner", target_is_directory=True)
    with pytest.raises(UserError):
        safe_join(root, "escape/file.pdf")
    assert safe_join(root, "alias/file.pdf") == (root / "inner" / "file.pdf").resolve()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_safe_join_of_safe_filename_stays_inside(tmp_path: Path, text: str) -> None:
    joined = safe_join(tmp_path, safe_filename(text))
    assert joined.parent == tmp_path.resolve()


# --- write_atomic / atomic_output ---------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".ansinh-"))


def test_write_atomic_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "Thôn Đồng Tâm.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert leftovers(tmp_path) == []


def test_atomic_output_yields_a_sibling_with_the_same_suffix(tmp_path: Path) -> None:
    target = tmp_path / "poster.pdf"
    with atomic_output(target) as temp:
        assert temp.parent == tmp_path and temp.suffix == ".pdf" and temp != target
        temp.write_bytes(b"%PDF-1.7")
        assert not target.exists()
    assert target.read_bytes() == b"%PDF-1.7"
    assert leftovers(tmp_path) == []


def test_atomic_output_removes_the_temp_file_on_other_errors(tmp_path: Path) -> None:
    target = tmp_path / "poster.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ValueError), atomic_output(target) as temp:
        temp.write_bytes(b"half")
        raise ValueError("renderer bug")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_atomic_output_turns_disk_full_into_a_user_error(tmp_path: Path) -> None:
    target = tmp_path / "poster.pdf"
    with pytest.raises(UserError) as caught, atomic_output(target) as temp:
        temp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert "đầy" in caught.value.vi and "full" in caught.value.en
    assert caught.value.path == str(target)
    assert leftovers(tmp_path) == [] and not target.exists()


@pytest.mark.parametrize(
    ("failure", "vi_words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "Ổ đĩa đã đầy"),
        (OSError(errno.EROFS, "Read-only file system"), "chỉ cho phép đọc"),
        (PermissionError(errno.EACCES, "Permission denied"), "Không có quyền ghi"),
        (OSError(errno.EIO, "Input/output error"), "Không ghi được tệp"),
    ],
)
def test_write_atomic_failures_leave_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError, vi_words: str
) -> None:
    target = tmp_path / "poster.pdf"
    target.write_bytes(b"old")

    def failing_fsync(fd: int) -> None:
        raise failure

    monkeypatch.setattr(filenames.os, "fsync", failing_fsync)
    with pytest.raises(UserError) as caught:
        write_atomic(target, b"new")
    assert vi_words in caught.value.vi
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_write_all_atomic_syncs_every_file_before_any_replaces_a_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [tmp_path / f"{n}.pdf" for n in range(3)]
    for target in targets:
        target.write_bytes(b"old")
    calls: list[str] = []
    real_fsync, real_replace = filenames.os.fsync, filenames.os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        calls.append("replace")
        if Path(dst).name == "2.pdf":  # a viewer holds the last one open
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(filenames.os, "fsync", fsync)
    monkeypatch.setattr(filenames.os, "replace", replace)
    with pytest.raises(UserError) as caught:
        write_all_atomic([(t, b"new") for t in targets], sync_folder=False)
    assert calls == ["fsync"] * 3 + ["replace"] * 3
    assert caught.value.path == str(targets[2])
    # Each file is whole, old or new; nothing else is left behind.
    assert [t.read_bytes() for t in targets] == [b"new", b"new", b"old"]
    assert leftovers(tmp_path) == []


def test_staged_files_not_placed_are_removed(tmp_path: Path) -> None:
    # A batch stopped between two rows: the first row's files are in place, the
    # second's, written and synced with them, are gone.
    first, second = [tmp_path / f"{n}.pdf" for n in range(2)]
    with StagedFiles([(first, b"one"), (second, b"two")]) as staged:
        assert leftovers(tmp_path) and not first.exists()
        staged.place([first])
    assert first.read_bytes() == b"one" and not second.exists()
    assert leftovers(tmp_path) == []


def test_write_atomic_reports_a_locked_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "poster.pdf"

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(filenames.os, "replace", locked)
    with pytest.raises(UserError) as caught:
        write_atomic(target, b"new")
    assert "đang mở trong chương trình khác" in caught.value.vi
    assert leftovers(tmp_path) == []


def test_write_atomic_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        write_atomic(tmp_path / "missing" / "poster.pdf", b"x")
    assert "không tồn tại" in caught.value.vi


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_write_atomic_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError) as caught:
            write_atomic(folder / "poster.pdf", b"x")
    finally:
        folder.chmod(0o700)
    assert "quyền" in caught.value.vi
    assert list(folder.iterdir()) == []


def test_json_is_streamed_from_a_generator(tmp_path: Path) -> None:
    from ansinh.core.filenames import write_json_atomic

    made: list[int] = []

    def rows():  # noqa: ANN202 - a generator the writer must pull from, one by one
        for number in range(3, 1003):
            made.append(number)
            yield {"row": number, "file": f"{number:04d}-Thôn {number}.pdf"}

    lazy = rows()
    assert made == []  # nothing is built up front
    write_json_atomic(tmp_path / "manifest.json", {"campaign": "Tháng 11", "files": lazy})
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert data["campaign"] == "Tháng 11"
    assert [f["row"] for f in data["files"]] == list(range(3, 1003))
    assert data["files"][0]["file"] == "0003-Thôn 3.pdf"  # UTF-8, not \u escapes
    assert "Thôn 3" in (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]  # no temp left
