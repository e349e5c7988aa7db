"""Abbreviations read aloud: shipped in `assets/data/abbreviations.toml`, extended by the
office's own `abbreviations.toml` in its user folder (its entries win).

A file has three tables of key → reading (see the shipped file's header): `words` read
wherever they stand as a word, `types` (document types) and `codes` (issuers and units)
read inside a document number's code. Files are read lazily and kept per file version;
the settings dialog edits the user file, saved atomically.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import UserError
from .safedata import Table, file_version, load_toml, parse_toml

FILE = "abbreviations.toml"
KINDS = ("words", "types", "codes")
MAX_ENTRIES = 500  # per table: each key is one more branch in read-aloud's pattern
MAX_KEY = 40
MAX_READING = 200
_WHAT = "Tệp chữ viết tắt"


@dataclass(frozen=True)
class Abbreviations:
    words: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)

    def table(self, kind: str) -> dict[str, str]:
        return getattr(self, kind)

    def merged(self, other: Abbreviations) -> Abbreviations:
        """These entries with `other`'s added, `other` winning on the same key."""
        return Abbreviations(*({**self.table(k), **other.table(k)} for k in KINDS))


def parse(data: object, path: str | None = None) -> Abbreviations:
    """A parsed file's tables, each entry checked (key and reading non-empty, bounded)."""
    table = Table(data, _WHAT, path=path)
    unknown = sorted(set(table.data) - set(KINDS))
    if unknown:
        raise UserError(f"{_WHAT}: bảng «{unknown[0]}» không dùng được (chỉ có "
                        f"{', '.join(KINDS)}).",
                        f"The abbreviations file: table «{unknown[0]}» is unknown (only "
                        f"{', '.join(KINDS)}).", path=path)
    tables = []
    for kind in KINDS:
        entries = table.table(kind)
        if len(entries.data) > MAX_ENTRIES:
            raise entries.error("", f"một bảng tối đa {MAX_ENTRIES} mục",
                                f"a table of at most {MAX_ENTRIES} entries", len(entries.data))
        readings = {}
        for key in entries.data:
            reading = entries.text(key, max_len=MAX_READING).strip()
            if not key.strip() or key != key.strip() or len(key) > MAX_KEY or not reading:
                raise entries.error(key, f"một chữ viết tắt tối đa {MAX_KEY} ký tự, không có "
                                    "khoảng trắng ở hai đầu, với cách đọc không trống",
                                    f"an abbreviation of at most {MAX_KEY} characters, no "
                                    "spaces at either end, with a reading", key)
            readings[key] = reading
        tables.append(readings)
    return Abbreviations(*tables)


def read(path: Path) -> Abbreviations:
    """One file's entries (an absent file has none); a bad file is a `UserError`."""
    if file_version(path) is None:
        return Abbreviations()
    return parse(load_toml(path, _WHAT, max_bytes=256 * 1024), str(path))


def shipped_path() -> Path:
    return paths.data_dir() / FILE


def user_path() -> Path:
    return paths.user_dir() / FILE


@functools.lru_cache(maxsize=4)
def _load(shipped: Path, _: object, mine: Path, __: object) -> tuple[Abbreviations, str]:
    try:
        base = read(shipped)
    except UserError:  # a broken install reads no abbreviations rather than failing
        base = Abbreviations()
    try:
        return base.merged(read(mine)), ""
    except UserError as exc:  # the settings page shows it; reading aloud goes on without
        return base, exc.vi


def current() -> Abbreviations:
    """Shipped entries with the office's own (cached per file version)."""
    return _current()[0]


def problem() -> str:
    """Why the office's file was left out of `current()` ("" when it was read)."""
    return _current()[1]


def _current() -> tuple[Abbreviations, str]:
    shipped, mine = shipped_path(), user_path()
    return _load(shipped, file_version(shipped), mine, file_version(mine))


def to_toml(entries: Abbreviations) -> str:
    import tomli_w

    header = ("# Chữ viết tắt của đơn vị, đọc thành lời trong bài phát thanh (An Sinh Studio).\n"
              "# [words]: mọi chỗ; [types]: loại văn bản; [codes]: cơ quan trong số hiệu.\n")
    return header + tomli_w.dumps({k: entries.table(k) for k in KINDS if entries.table(k)})


def save(entries: Abbreviations) -> None:
    """Write the office's file atomically, after checking it reads back as it is."""
    from .filenames import write_atomic

    text = to_toml(entries)
    parse(parse_toml(text, _WHAT), str(user_path()))
    path = user_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
