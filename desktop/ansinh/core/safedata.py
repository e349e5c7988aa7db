"""Reading data files that other people send: bounded, typed, never a traceback.

Campaign files, data files, segment lists, template and policy packs all arrive from
colleagues. Everything read from them goes through here:

* `parse_toml` / `parse_json` cap the text's size and the nesting depth (Python's
  parsers recurse, so 100,000 opening brackets would otherwise end in RecursionError)
  and turn every parse failure into one `UserError` naming the file.
* `Table` reads a parsed table key by key with the type each key must have, so a
  `primary = 5` or an `unconfirmed_figures = "no"` is refused naming the file and key
  instead of reaching a template.
* `write_json` streams JSON (lists may be lazy iterables, so a manifest of thousands of
  rows is never whole in memory) and, unlike `json.JSONEncoder.iterencode` fed a lazy
  list, cannot write invalid JSON whatever the number of items.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from .errors import UserError

MAX_DEPTH = 32  # far deeper than any file we write; far shallower than Python's recursion
MAX_TEXT_BYTES = 8 * 1024 * 1024  # a data file, a campaign file's JSON value
MAX_STRING = 20_000  # one text value: a long paragraph field is a few thousand characters

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")  # fullmatch: "$" would let a final "\n" through


# --- parsing -----------------------------------------------------------------------


def _too_deep(what: str, path: str | None) -> UserError:
    return UserError(
        f"{what} lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp), không đọc.",
        f"{what_en(what)} is nested too deeply (at most {MAX_DEPTH} levels); not read.",
        path=path,
    )


def what_en(what: str) -> str:
    """The English name of a file kind used in messages ("Tệp dữ liệu" → "The data file")."""
    return _WHAT_EN.get(what, "The file")


_WHAT_EN = {
    "Tệp dữ liệu": "The data file",
    "Tệp chiến dịch": "The campaign file",
    "Danh sách đối tượng": "The segment list",
    "Gói mẫu": "The template pack",
    "Số liệu chính sách": "The policy data",
    "Giá trị": "The value",
    "Tệp trạng thái": "The state file",
    "Tệp TOML của mẫu": "The template's TOML file",
    "Tệp chữ viết tắt": "The abbreviations file",
    "Quy tắc kiểm tra nội dung": "The content rules file",
    "Gói số liệu": "The policy pack",
    "Tệp cài đặt": "The settings file",
    "Tệp đơn vị có sẵn": "The office presets file",
}


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of parsed data, counted without recursion; stops past `limit`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list | tuple):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _too_large(what: str, path: str | None, max_bytes: int) -> UserError:
    megabytes = f"{max_bytes / (1024 * 1024):g}"
    return UserError(
        f"{what} quá lớn (tối đa {megabytes} MB), không đọc.",
        f"{what_en(what)} is too large (at most {megabytes} MB); not read.",
        path=path,
    )


def _text_of(source: bytes | str, what: str, path: str | None, max_bytes: int) -> str:
    if len(source) > max_bytes:
        raise _too_large(what, path, max_bytes)
    if isinstance(source, bytes):
        try:
            return source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(
                f"{what} không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start}).",
                f"{what_en(what)} is not UTF-8 text (bad byte at position {exc.start}).",
                path=path,
            ) from None
    return source


def _parse(loads: Callable[[str], Any], errors: tuple[type[Exception], ...],
           source: bytes | str, what: str, path: str | None, max_bytes: int) -> Any:
    text = _text_of(source, what, path, max_bytes)
    try:
        data = loads(text)
    except RecursionError:
        raise _too_deep(what, path) from None
    except errors as exc:
        raise UserError(
            f"{what} sai cú pháp: {exc}",
            f"{what_en(what)} has a syntax error: {exc}",
            path=path,
        ) from None
    if depth(data) > MAX_DEPTH:
        raise _too_deep(what, path)
    return data


def _json_loads(text: str) -> Any:
    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a number JSON allows")

    return json.loads(text, parse_constant=refuse_constant)


def parse_json(source: bytes | str, what: str = "Tệp dữ liệu", *, path: str | None = None,
               max_bytes: int = MAX_TEXT_BYTES) -> Any:
    """JSON text → data, bounded; NaN and Infinity (not JSON) are refused."""
    return _parse(_json_loads, (ValueError,), source, what, path, max_bytes)


def parse_toml(source: bytes | str, what: str = "Tệp dữ liệu", *, path: str | None = None,
               max_bytes: int = MAX_TEXT_BYTES) -> dict[str, Any]:
    """TOML text → table, bounded."""
    return _parse(tomllib.loads, (tomllib.TOMLDecodeError, ValueError), source, what, path,
                  max_bytes)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file; a FIFO or device is refused.

    Opened non-blocking, then checked on the open file: a FIFO (or one put in its place
    after a stat()) would otherwise block the open, and the app, for ever. Open failures
    raise OSError for the caller to word."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UserError(
            f"«{path.name}» không phải một tệp thường (thư mục, thiết bị hay ống dẫn), "
            "không đọc.",
            f"«{path.name}» is not a regular file (a folder, device or pipe); not read.",
            path=str(path),
        )
    return open(fd, "rb")  # noqa: SIM115 - returned to the caller


def read_file(path: Path, what: str, *, max_bytes: int = MAX_TEXT_BYTES) -> bytes:
    """A regular file's bytes, at most `max_bytes`; a FIFO or device is refused, not read."""
    def cannot(exc: OSError) -> UserError:
        if isinstance(exc, FileNotFoundError):
            return UserError(f"Không thấy {what.lower()} «{path}».",
                             f"{what_en(what)} «{path}» was not found.", path=str(path))
        return UserError(f"Không đọc được {what.lower()}: {exc.strerror or exc}",
                         f"Cannot read {what_en(what).lower()}: {exc.strerror or exc}",
                         path=str(path))

    try:
        handle = open_regular(path)
    except OSError as exc:
        raise cannot(exc) from None
    with handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise cannot(exc) from None
    if len(data) > max_bytes:
        raise _too_large(what, str(path), max_bytes)
    return data


def file_version(path: Path) -> tuple[int, int, int] | None:
    """A file's version for caches (None if absent): the modification time alone may not
    move between two quick saves on coarse-clock file systems; an atomic save always
    changes the inode."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def load_toml(path: Path, what: str, *, max_bytes: int = MAX_TEXT_BYTES) -> dict[str, Any]:
    return parse_toml(read_file(path, what, max_bytes=max_bytes), what, path=str(path),
                      max_bytes=max_bytes)


def load_json(path: Path, what: str, *, max_bytes: int = MAX_TEXT_BYTES) -> Any:
    return parse_json(read_file(path, what, max_bytes=max_bytes), what, path=str(path),
                      max_bytes=max_bytes)


# --- typed reading -----------------------------------------------------------------


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _number(value: float, thousands: str) -> str:
    """1e8 as "100.000.000" (Vietnamese) or "100,000,000", not "1e+08"."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", thousands)
    return f"{value:g}"


class Table:
    """A parsed table read key by key, each with the type it must have.

    Missing keys take their defaults; a present key of the wrong type, out of range or
    too long is a `UserError` naming the file (`path`) and the key (`where` + key)."""

    def __init__(self, data: Any, what: str, *, path: str | None = None,
                 where: str = "") -> None:
        self.what, self.path, self.where = what, path, where
        if not isinstance(data, dict):
            raise self.error("", "một bảng (table)", "a table", data)
        self.data: dict[str, Any] = data

    def error(self, key: str, vi: str, en: str, value: Any) -> UserError:
        name = f"{self.where}{key}".removesuffix(".") or "(gốc / root)"
        return UserError(
            f"{self.what}: «{name}» phải là {vi} (đang là {_shown(value)}).",
            f"{what_en(self.what)}: «{name}» must be {en} (it is {_shown(value)}).",
            path=self.path,
        )

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def text(self, key: str, default: str = "", *, max_len: int = MAX_STRING) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            raise self.error(key, "một chuỗi chữ", "a text", value)
        if len(value) > max_len:
            raise self.error(key, f"chuỗi tối đa {max_len} ký tự",
                             f"a text of at most {max_len} characters", len(value))
        return value

    def optional_text(self, key: str, *, max_len: int = MAX_STRING) -> str | None:
        return self.text(key, max_len=max_len) if self.data.get(key) is not None else None

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "true hoặc false", "true or false", value)
        return value

    def colour(self, key: str, default: str) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or not COLOUR.fullmatch(value):
            raise self.error(key, "một màu dạng #RRGGBB", "a colour written #RRGGBB", value)
        return value

    def number(self, key: str, default: float, *, lo: float, hi: float) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value) or not lo <= value <= hi:
            raise self.error(key, f"một số từ {_number(lo, '.')} đến {_number(hi, '.')}",
                             f"a number from {_number(lo, ',')} to {_number(hi, ',')}", value)
        return value

    def value(self, key: str, *, max_items: int = 100) -> Any:
        """A plain value (a field's, say): a text, a finite number, true/false, a date,
        nothing (JSON's null), or a short list of these."""
        value = self.data.get(key)
        items = value if isinstance(value, list) else [value]
        if len(items) > max_items:
            raise self.error(key, f"danh sách tối đa {max_items} mục",
                             f"a list of at most {max_items} entries", len(items))
        for item in items:
            if isinstance(item, str) and len(item) > MAX_STRING:
                raise self.error(key, f"chuỗi tối đa {MAX_STRING} ký tự",
                                 f"a text of at most {MAX_STRING} characters",
                                 len(item))
            if not (item is None or isinstance(item, str | int | date)
                    or (isinstance(item, float) and math.isfinite(item))):
                raise self.error(key, "chữ, số, true/false, ngày hoặc danh sách các giá trị đó",
                                 "a text, number, true/false, date or a list of these", value)
        return value

    def day(self, key: str, default: date) -> date:
        value = self.data.get(key, default)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, date):
            raise self.error(key, "một ngày dạng 2026-05-01", "a date written 2026-05-01", value)
        return value

    def table(self, key: str) -> Table:
        return Table(self.data.get(key, {}), self.what, path=self.path,
                     where=f"{self.where}{key}.")

    def texts(self, key: str, *, max_count: int, max_len: int = MAX_STRING) -> tuple[str, ...]:
        """A list of texts (tags, aliases); a lone text is not taken for a list."""
        items = self.data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise self.error(key, "một danh sách chuỗi chữ", "a list of texts", items)
        if len(items) > max_count:
            raise self.error(key, f"tối đa {max_count} mục", f"at most {max_count} entries",
                             len(items))
        if any(len(item) > max_len for item in items):
            raise self.error(key, f"các chuỗi tối đa {max_len} ký tự",
                             f"texts of at most {max_len} characters", items)
        return tuple(items)

    def tables(self, key: str, *, max_count: int) -> list[Table]:
        items = self.data.get(key, [])
        if not isinstance(items, list):
            raise self.error(key, "một danh sách bảng", "a list of tables", items)
        if len(items) > max_count:
            raise self.error(key, f"tối đa {max_count} mục", f"at most {max_count} entries",
                             len(items))
        return [Table(item, self.what, path=self.path, where=f"{self.where}{key}[{n}].")
                for n, item in enumerate(items, 1)]


# --- writing -----------------------------------------------------------------------


def iter_json(value: Any, indent: int = 2, level: int = 0) -> Iterator[str]:
    """Indented JSON text in pieces; any non-str iterable (a generator) is a list.

    A dict or list holding only JSON values is one piece, written by `json.dumps` (a
    manifest's thousand file entries: 4× faster than walking them); others are walked
    here, item by item, so lazy lists are never built, and every other value is encoded
    by `json.dumps` (non-JSON values as their `str`). NaN and infinities are written as
    null: JSON has no spelling for them."""
    pad, inner = " " * (indent * level), " " * (indent * (level + 1))
    if isinstance(value, dict | list | tuple) and (whole := _whole(value, indent)) is not None:
        yield whole.replace("\n", "\n" + pad) if pad else whole
    elif isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
        opened = False
        for key, item in items:
            yield ("{\n" if not opened else ",\n") + inner + _key(key)
            yield ": "
            yield from iter_json(item, indent, level + 1)
            opened = True
        yield f"\n{pad}}}" if opened else "{}"
    elif isinstance(value, list | tuple) or (
            isinstance(value, Iterable) and not isinstance(value, str | bytes | bytearray)
            and not hasattr(value, "keys")):
        opened = False
        for item in value:
            yield ("[\n" if not opened else ",\n") + inner
            yield from iter_json(item, indent, level + 1)
            opened = True
        yield f"\n{pad}]" if opened else "[]"
    elif isinstance(value, float) and not math.isfinite(value):
        yield "null"
    elif value is None or isinstance(value, str | int | float | bool):
        yield json.dumps(value, ensure_ascii=False)
    else:
        yield json.dumps(str(value), ensure_ascii=False)


def _key(key: Any) -> str:
    """A dict key as `json.dumps` spells it (a number or true/false/null as its JSON
    text), any other key as its `str`."""
    if not isinstance(key, str) and (key is None or isinstance(key, bool | int | float)):
        key = json.dumps(key)
    return json.dumps(key if isinstance(key, str) else str(key), ensure_ascii=False)


def _refuse(value: Any) -> Any:
    raise TypeError(value)


def _whole(value: dict | list | tuple, indent: int) -> str | None:
    """`value` as `json.dumps` writes it, if it holds only JSON values (the walk in
    `iter_json` writes the same text, keys spelled alike: `_key`); None if it needs the
    walk."""
    try:
        return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False,
                          default=_refuse)
    except (TypeError, ValueError):
        return None


def write_json(out: IO[str], value: Any) -> None:
    for piece in iter_json(value):
        out.write(piece)
