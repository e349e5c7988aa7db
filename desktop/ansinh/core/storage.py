"""Campaign documents: one SQLite file per campaign, the application's file format.

A document holds everything an officer needs to carry a campaign to another computer:
the campaign-wide values, the pieces in their order, the images they use (embedded as
blobs keyed by SHA-256, so a photo used by ten pieces is stored once), the app's
settings for this campaign (export choices) and the export history.

* **Schema-versioned.** `PRAGMA user_version` is the schema version and
  `PRAGMA application_id` marks the file as ours. Older files are migrated in memory on
  load (the file on disk is never touched by opening it); a file from a newer version of
  the app is refused with a clear message.
* **Images.** On save, every image a piece or the campaign logo points at is embedded.
  On load the blobs are extracted into a cache folder under the user data folder and
  the values rewritten to point there, so the renderer reads ordinary files.
* **Atomic saves.** A save writes a complete new SQLite file beside the target through a
  fresh connection, fsyncs it and moves it over the target with `os.replace`. A failed
  save (disk full, read-only folder, locked file) leaves the original untouched, removes
  its temporary file and raises `UserError` in Vietnamese and English.
* **Recovery.** `RecoverySlot` is the autosave copy of the document being edited, kept in
  the user data folder (`ANSINH_USER_DIR` overrides it) and removed after a clean save or
  close. Each slot holds an OS file lock while its app runs; `find_recoveries` offers only
  slots whose lock is free, i.e. whose app died (a crash, a power cut, a killed process).

Everything here is Qt-free; the desktop app drives it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import glob
import hashlib
import json
import os
import re
import secrets
import sqlite3
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import images as images_module
from . import paths
from .campaign import Campaign, Piece, read_adjust, read_look, read_style
from .errors import UserError
from .filenames import fsync_folder, try_lock
from .safedata import MAX_STRING, Table, parse_json

SUFFIX = ".ansinh"
SCHEMA_VERSION = 3
FIRST_SCHEMA_VERSION = 1  # the first format this app wrote; migrations start there
APPLICATION_ID = 0x414E5348  # "ANSH"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
_NOT_STORED = ("pieces", "base_dir")  # Campaign fields that are not campaign settings

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE campaign (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE piece (
    position INTEGER PRIMARY KEY,
    template TEXT NOT NULL,
    segment TEXT NOT NULL,
    size TEXT,
    title TEXT NOT NULL DEFAULT '',
    field_values TEXT NOT NULL,
    adjust TEXT NOT NULL DEFAULT '{}',
    look TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE image (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE export (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    folder TEXT NOT NULL,
    files INTEGER NOT NULL,
    pieces INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0
);
"""

# Migrations from version n to n + 1, applied to an in-memory copy on load.
_MIGRATIONS: dict[int, str] = {
    1: "ALTER TABLE piece ADD COLUMN adjust TEXT NOT NULL DEFAULT '{}';",  # slots moved, crops
    2: "ALTER TABLE piece ADD COLUMN look TEXT NOT NULL DEFAULT '{}';",  # variant, font, colours
}


@dataclass(frozen=True)
class ExportRecord:
    """One export of this campaign: when, where to, how many files."""

    created: str  # ISO date and time
    folder: str
    files: int
    pieces: int = 0
    skipped: int = 0


@dataclass
class Document:
    """What a campaign file holds."""

    campaign: Campaign
    settings: dict[str, Any] = field(default_factory=dict)  # the app's, for this campaign
    exports: list[ExportRecord] = field(default_factory=list)


# --- values ↔ JSON -----------------------------------------------------------------


def _encode(value: Any, images: _ImageStore, base_dir: Path, is_image: bool) -> Any:
    if is_image and isinstance(value, str | Path):
        ref = images.embed(value, base_dir)
        if ref is not None:
            return ref
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list | tuple):
        return [_encode(v, images, base_dir, False) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v, images, base_dir, False) for k, v in value.items()}
    return value


def _decode(value: Any, images: dict[str, Path]) -> Any:
    """Stored JSON → values; a malformed marker raises ValueError (the file is damaged)."""
    if isinstance(value, dict):
        if "$image" in value:
            sha, name = value["$image"], value.get("name", "")
            if not isinstance(sha, str) or not isinstance(name, str):
                raise ValueError("image reference")
            return str(images.get(sha, name))
        if "$date" in value:
            return date.fromisoformat(_text(value["$date"]))
        if "$datetime" in value:
            return datetime.fromisoformat(_text(value["$datetime"]))
        return {key: _decode(item, images) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(v, images) for v in value]
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a text, got {type(value).__name__}")
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class _ImageStore:
    """Collects the images a document uses, once each, while it is being saved."""

    def __init__(self) -> None:
        self.blobs: dict[str, tuple[str, bytes]] = {}

    def embed(self, value: str | Path, base_dir: Path) -> dict[str, str] | None:
        text = str(value).strip()
        if not text or text.startswith("asset:") or not text.lower().endswith(IMAGE_SUFFIXES):
            return None
        path = Path(text)
        path = path if path.is_absolute() else base_dir / path
        try:
            data = path.read_bytes()
        except OSError:
            return None  # kept as written; the render reports the missing file
        digest = hashlib.sha256(data).hexdigest()
        self.blobs.setdefault(digest, (path.name, data))
        return {"$image": digest, "name": path.name}


def _image_fields(template_id: str) -> set[str] | None:
    """Ids of the template's image fields, or None if the template is unknown here."""
    from .templates.registry import TemplateRegistry

    try:
        template = _registry(TemplateRegistry).get(template_id)
    except UserError:
        return None
    return {spec.id for spec in template.fields if spec.type == "image"}


_REGISTRIES: dict[str, Any] = {}


def _registry(factory: Any) -> Any:
    """One registry per user folder (tests switch folders with ANSINH_USER_DIR)."""
    key = str(paths.user_dir())
    if key not in _REGISTRIES:
        _REGISTRIES[key] = factory()
    return _REGISTRIES[key]


def _looks_like_image(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower().endswith(IMAGE_SUFFIXES)


# --- errors ------------------------------------------------------------------------


def _sqlite_code(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.split("_")[1] if name.count("_") else name


def _save_error(exc: BaseException, path: Path) -> UserError:
    name = path.name
    code = _sqlite_code(exc)
    message = str(exc).lower()
    os_code = getattr(exc, "errno", None)
    winerror = getattr(exc, "winerror", None)
    disk_full = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    if os_code in disk_full or code == "FULL" or "disk is full" in message \
            or winerror in (39, 112):
        return UserError(
            f"Ổ đĩa đã đầy, chưa lưu được «{name}». Tệp cũ vẫn còn nguyên. "
            "Hãy giải phóng dung lượng hoặc lưu vào nơi khác.",
            f"The disk is full; «{name}» was not saved. The previous file is untouched. "
            "Free some space or save somewhere else.",
            path=str(path),
        )
    if code in ("BUSY", "LOCKED") or "locked" in message or winerror in (32, 33):
        return UserError(
            f"Tệp «{name}» đang bị chương trình khác khóa, chưa lưu được. "
            "Hãy đóng chương trình đó rồi lưu lại, hoặc lưu với tên khác.",
            f"«{name}» is locked by another program and was not saved. "
            "Close that program and save again, or save under another name.",
            path=str(path),
        )
    if os_code == errno.EROFS or code == "READONLY" or "readonly" in message \
            or "read-only" in message:
        return UserError(
            f"Ổ đĩa hoặc thư mục chỉ cho phép đọc, chưa lưu được «{name}». "
            "Hãy lưu vào thư mục khác.",
            f"The drive or folder is read-only; «{name}» was not saved. "
            "Save into another folder.",
            path=str(path),
        )
    if isinstance(exc, PermissionError) or os_code in (errno.EACCES, errno.EPERM) \
            or code == "CANTOPEN":
        return UserError(
            f"Không có quyền ghi vào «{path.parent}», chưa lưu được «{name}». "
            "Hãy lưu vào thư mục khác.",
            f"No permission to write into «{path.parent}»; «{name}» was not saved. "
            "Save into another folder.",
            path=str(path),
        )
    if isinstance(exc, FileNotFoundError):
        return UserError(
            f"Thư mục «{path.parent}» không tồn tại, chưa lưu được «{name}».",
            f"The folder «{path.parent}» does not exist; «{name}» was not saved.",
            path=str(path),
        )
    detail = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return UserError(
        f"Chưa lưu được «{name}» ({detail}). Tệp cũ vẫn còn nguyên.",
        f"«{name}» was not saved ({detail}). The previous file is untouched.",
        path=str(path),
    )


def _not_ours(path: Path) -> UserError:
    return UserError(
        f"«{path.name}» không phải tệp chiến dịch của An Sinh Studio, hoặc tệp đã hỏng.",
        f"«{path.name}» is not an An Sinh Studio campaign file, or it is damaged.",
        path=str(path),
    )


# --- saving ------------------------------------------------------------------------


def _write(con: sqlite3.Connection, document: Document, meta: dict[str, str]) -> None:
    campaign = document.campaign
    images = _ImageStore()
    base = campaign.base_dir
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    meta = {"generator": "An Sinh Studio", "saved_at": datetime.now().isoformat(timespec="seconds"),
            **meta}
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    for spec in dataclasses.fields(Campaign):
        if spec.name in _NOT_STORED:
            continue
        value = _encode(getattr(campaign, spec.name), images, base, spec.name == "logo")
        con.execute("INSERT INTO campaign VALUES (?, ?)", (spec.name, _dumps(value)))
    for position, piece in enumerate(campaign.pieces):
        image_ids = _image_fields(piece.template)
        values = {
            key: _encode(value, images, base,
                         key in image_ids if image_ids is not None else _looks_like_image(value))
            for key, value in piece.values.items()
        }
        adjust = {key: dataclasses.asdict(where) for key, where in piece.adjust.items()}
        look = {key: value for key, value in dataclasses.asdict(piece.look).items() if value}
        con.execute("INSERT INTO piece VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (position, piece.template, piece.segment, piece.size, piece.title,
                     _dumps(values), _dumps(adjust), _dumps(look)))
    con.executemany("INSERT INTO image VALUES (?, ?, ?)",
                    [(sha, name, data) for sha, (name, data) in sorted(images.blobs.items())])
    con.executemany("INSERT INTO setting VALUES (?, ?)",
                    [(k, _dumps(_encode(v, images, base, False)))
                     for k, v in sorted(document.settings.items())])
    con.executemany(
        "INSERT INTO export (created, folder, files, pieces, skipped) VALUES (?, ?, ?, ?, ?)",
        [(r.created, r.folder, r.files, r.pieces, r.skipped) for r in document.exports])


def save_document(document: Document, path: Path, meta: dict[str, str] | None = None) -> None:
    """Write the document to `path` atomically: all of it, or nothing changes."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # Created here first, so a missing, read-only or forbidden folder fails with the
        # operating system's own reason rather than SQLite's "unable to open".
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        # A fresh file: no journal needed (a crash leaves only this temporary file).
        con = sqlite3.connect(temp, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.executescript(_SCHEMA)
            con.execute("BEGIN")
            _write(con, document, meta or {})
            con.execute("COMMIT")
        finally:
            con.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except (OSError, sqlite3.Error) as exc:
        _remove_quietly(temp)
        raise _save_error(exc, path) from exc
    except BaseException:
        _remove_quietly(temp)
        raise
    fsync_folder(path.parent)
    _sweep_stale_temps(path)


STALE_TEMP_SECONDS = 3600  # younger ones may belong to a save still running elsewhere


def _sweep_stale_temps(path: Path) -> None:
    """Remove the temporary files of saves that were killed (power cut, crash)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _remove_quietly(temp: Path) -> None:
    for leftover in (temp, temp.with_name(temp.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


# --- loading -----------------------------------------------------------------------


def image_cache_dir() -> Path:
    return paths.user_dir() / "cache" / "images"


# What a campaign file may hold. A file is read whole into memory (a consistent
# snapshot), so it is bounded before that; each image is bounded before its bytes are.
MAX_FILE_BYTES = 400 * 1024 * 1024
MAX_IMAGES = 200
MAX_IMAGE_BYTES = images_module.MAX_IMAGE_BYTES
MAX_ROWS = 10_000  # pieces, settings, export records each
MAX_VALUE_BYTES = 2 * 1024 * 1024  # one stored JSON value (a piece's field values)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE = re.compile(r"[^\w.-]+")


def _damaged(path: Path, what: str, what_en: str) -> UserError:
    return UserError(
        f"Tệp chiến dịch «{path.name}» bị hỏng hoặc đã bị sửa ({what}); không mở.",
        f"The campaign file «{path.name}» is damaged or was tampered with ({what_en}); "
        "not opened.",
        path=str(path),
    )


def _cache_path(sha: str, name: str) -> Path:
    """Where an embedded image is extracted to: `sha` has been checked to be 64 hex
    digits, so the folder is always a plain name inside the cache."""
    stem = _UNSAFE.sub("_", Path(name).stem)[:60].strip("._") or "image"
    suffix = Path(name).suffix.lower()
    suffix = suffix if suffix in IMAGE_SUFFIXES else ".img"
    return image_cache_dir() / sha[:16] / f"{stem}{suffix}"


def _extract(target: Path, data: bytes) -> None:
    """Write an embedded image into the cache (once; the name holds its hash)."""
    try:
        if target.is_file() and target.stat().st_size == len(data):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{secrets.token_hex(4)}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
    except OSError as exc:
        raise UserError(
            f"Không giải nén được ảnh «{target.name}» vào thư mục tạm "
            f"({exc.strerror or exc}).",
            f"Cannot extract the image «{target.name}» into the cache folder "
            f"({exc.strerror or exc}).",
            path=str(target),
        ) from exc


def _check_images(con: sqlite3.Connection, path: Path) -> dict[str, Path]:
    """Every image row checked (id, type, size, count, bytes matching the id) before any
    byte is held whole; returns where each will be extracted."""
    listing = con.execute(
        "SELECT sha256, name, typeof(data), length(data) FROM image").fetchall()
    if len(listing) > MAX_IMAGES:
        raise _damaged(path, f"{len(listing)} ảnh, tối đa {MAX_IMAGES}",
                       f"{len(listing)} images, at most {MAX_IMAGES}")
    for sha, name, kind, size in listing:
        if not isinstance(sha, str) or not _SHA256.match(sha):
            raise _damaged(path, "mã ảnh không phải SHA-256", "an image id is not a SHA-256")
        if not isinstance(name, str) or len(name) > 255 or kind != "blob":
            raise _damaged(path, "tên hoặc dữ liệu ảnh sai kiểu",
                           "an image name or data of the wrong type")
        if size > MAX_IMAGE_BYTES:
            raise _damaged(path, f"ảnh «{name[:60]}» quá lớn ({size // 2**20} MB, tối đa "
                           f"{MAX_IMAGE_BYTES // 2**20} MB)",
                           f"the image «{name[:60]}» is too large ({size // 2**20} MB, at most "
                           f"{MAX_IMAGE_BYTES // 2**20} MB)")
    for sha, name, data in _image_blobs(con):
        if hashlib.sha256(data).hexdigest() != sha:
            raise _damaged(path, f"ảnh «{name[:60]}» không khớp mã của nó",
                           f"the image «{name[:60]}» does not match its id")
    return {sha: _cache_path(sha, name) for sha, name, _, _ in listing}


def _image_blobs(con: sqlite3.Connection) -> Iterator[tuple[str, str, bytes]]:
    """The images one at a time (a cursor, not a list: at most one blob in memory)."""
    yield from con.execute("SELECT sha256, name, data FROM image")


def _read_snapshot(path: Path) -> sqlite3.Connection:
    """A consistent in-memory copy of the file, migrated to the current schema."""
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        raise UserError(f"Không thấy tệp «{path}».", f"File «{path}» not found.",
                        path=str(path))
    if info.st_size > MAX_FILE_BYTES:
        raise _damaged(path, f"tệp {info.st_size // 2**20} MB, tối đa {MAX_FILE_BYTES // 2**20} MB",
                       f"{info.st_size // 2**20} MB, at most {MAX_FILE_BYTES // 2**20} MB")
    memory = sqlite3.connect(":memory:")
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            source.backup(memory)
        finally:
            source.close()
        app_id = memory.execute("PRAGMA application_id").fetchone()[0]
        version = memory.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        memory.close()
        if _sqlite_code(exc) in ("BUSY", "LOCKED") or "locked" in str(exc).lower():
            raise UserError(
                f"Tệp «{path.name}» đang bị chương trình khác khóa. Hãy thử lại sau.",
                f"«{path.name}» is locked by another program. Try again later.",
                path=str(path),
            ) from exc
        raise _not_ours(path) from exc
    if app_id != APPLICATION_ID:
        memory.close()
        raise _not_ours(path)
    if version > SCHEMA_VERSION:
        memory.close()
        raise UserError(
            f"«{path.name}» được lưu bằng phiên bản An Sinh Studio mới hơn "
            f"(định dạng {version}). Hãy cập nhật ứng dụng để mở tệp này.",
            f"«{path.name}» was saved by a newer An Sinh Studio (format {version}). "
            "Update the app to open it.",
            path=str(path),
        )
    if version < FIRST_SCHEMA_VERSION:
        memory.close()  # every version this app ever wrote is ≥ 1: not a file of ours
        raise _damaged(path, f"định dạng {version} không tồn tại", f"format {version} "
                       "never existed")
    while version < SCHEMA_VERSION:
        memory.executescript(_MIGRATIONS[version])
        version += 1
    return memory


def _json_rows(con: sqlite3.Connection, query: str, path: Path) -> list[tuple[Any, ...]]:
    """Rows of a table, bounded in number, with their last column parsed from JSON."""
    rows = con.execute(f"{query} LIMIT {MAX_ROWS + 1}").fetchall()
    if len(rows) > MAX_ROWS:
        raise _damaged(path, f"hơn {MAX_ROWS} dòng", f"more than {MAX_ROWS} rows")
    parsed = []
    for *head, value in rows:
        if not isinstance(value, str):
            raise ValueError("a stored value is not text")
        parsed.append((*head, parse_json(value, "Tệp chiến dịch", path=str(path),
                                         max_bytes=MAX_VALUE_BYTES)))
    return parsed


def _campaign_from_rows(rows: dict[str, Any], pieces: tuple[Piece, ...],
                        base_dir: Path, path: Path) -> Campaign:
    """The stored campaign settings, each read with the type its field has."""
    table = Table(rows, "Tệp chiến dịch", path=str(path), where="campaign.")
    kwargs: dict[str, Any] = {}
    for spec in dataclasses.fields(Campaign):
        if spec.name in _NOT_STORED or spec.name not in table:
            continue  # missing: the default; unknown keys (a newer app's) are ignored
        if spec.name in ("primary", "accent"):
            kwargs[spec.name] = table.colour(spec.name, spec.default)
        elif spec.type == "bool":
            kwargs[spec.name] = table.flag(spec.name)
        elif spec.type == "date":
            kwargs[spec.name] = table.day(spec.name, date.today())
        elif spec.name == "logo":
            logo = table.optional_text("logo", max_len=4096)
            kwargs["logo"] = Path(logo) if logo else None
        elif spec.name == "style":
            kwargs["style"] = read_style(table)
        else:
            kwargs[spec.name] = table.text(spec.name)
    kwargs.setdefault("name", "")
    return Campaign(**kwargs, pieces=pieces, base_dir=base_dir)


def _piece(row: tuple[Any, ...], images: dict[str, Path], path: Path) -> Piece:
    template, segment, size, title, adjust, look, values = row
    if not all(isinstance(v, str) and len(v) <= 200 for v in (template, segment)) \
            or not (size is None or isinstance(size, str) and len(size) <= 100) \
            or not isinstance(title, str) or len(title) > MAX_STRING \
            or not isinstance(values, dict):
        raise _damaged(path, "một mục sai kiểu dữ liệu", "a piece of the wrong type")
    if not isinstance(adjust, str) or not isinstance(look, str):
        raise _damaged(path, "một mục sai kiểu dữ liệu", "a piece of the wrong type")
    where, how = (
        Table(parse_json(text, "Tệp chiến dịch", path=str(path), max_bytes=MAX_VALUE_BYTES),
              "Tệp chiến dịch", path=str(path), where=f"piece.{key}.")
        for key, text in (("adjust", adjust), ("look", look))
    )
    return Piece(template=template, segment=segment, size=size, title=title,
                 values=_decode(values, images), adjust=read_adjust(where), look=read_look(how))


def load_document(path: Path, base_dir: Path | None = None) -> Document:
    """Read a campaign file; embedded images come back as files in the cache.

    Every value is checked (types, lengths, nesting, image ids, sizes and counts)
    before it is used, and every image before any is written to the cache."""
    path = Path(path)
    con = _read_snapshot(path)
    try:
        images = _check_images(con, path)
        rows = {key: _decode(value, images) for key, value in _json_rows(
            con, "SELECT key, value FROM campaign", path)}
        pieces = tuple(_piece(row, images, path) for row in _json_rows(
            con, "SELECT template, segment, size, title, adjust, look, field_values FROM piece "
            "ORDER BY position", path))
        settings = {key: _decode(value, images) for key, value in _json_rows(
            con, "SELECT key, value FROM setting", path)}
        exports = [ExportRecord(*row) for row in con.execute(
            f"SELECT created, folder, files, pieces, skipped FROM export ORDER BY id "
            f"LIMIT {MAX_ROWS}")]
        if not all(isinstance(k, str) for k in (*rows, *settings)) or not all(
                isinstance(r.created, str) and isinstance(r.folder, str)
                and all(type(n) is int for n in (r.files, r.pieces, r.skipped))
                for r in exports):
            raise ValueError("a key or an export record of the wrong type")
        campaign = _campaign_from_rows(rows, pieces, base_dir or path.resolve().parent, path)
        for sha, _, data in _image_blobs(con):  # all checked: only now is anything written
            _extract(images[sha], data)
    except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
        raise _not_ours(path) from exc
    finally:
        con.close()
    return Document(campaign, settings, exports)


def read_meta(path: Path) -> dict[str, str]:
    con = _read_snapshot(Path(path))
    try:
        return {key: value for key, value in con.execute("SELECT key, value FROM meta LIMIT 100")
                if isinstance(key, str) and isinstance(value, str) and len(value) <= 4096}
    except sqlite3.Error as exc:
        raise _not_ours(Path(path)) from exc
    finally:
        con.close()


# --- autosave and recovery -----------------------------------------------------------


def recovery_dir() -> Path:
    return paths.user_dir() / "recovery"


@dataclass(frozen=True)
class RecoveryFile:
    """An autosave left behind by an app that did not close cleanly."""

    path: Path
    original: Path | None  # the campaign file it was edited from, if it had one
    saved_at: str
    campaign_name: str

    @property
    def lock_path(self) -> Path:
        return self.path.with_suffix(".lock")


class RecoverySlot:
    """This app's autosave copy; it holds a lock on its `.lock` file while the app runs."""

    def __init__(self) -> None:
        token = f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
        self.path = recovery_dir() / f"{token}{SUFFIX}"
        self._lock: Any = None

    def _acquire(self) -> None:
        if self._lock is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path.with_suffix(".lock"), "a+b")  # noqa: SIM115 held open
            if not try_lock(handle):
                handle.close()
                raise UserError("Không khóa được tệp khôi phục.", "Cannot lock the recovery file.")
            self._lock = handle

    def write(self, document: Document, original: Path | None) -> None:
        """Write the autosave copy (atomically, like any save)."""
        try:
            self._acquire()
        except OSError as exc:
            raise _save_error(exc, self.path) from exc
        save_document(document, self.path, meta={
            "recovery_of": str(original) if original else "",
            "campaign_name": document.campaign.name,
            "base_dir": str(document.campaign.base_dir),
        })

    def discard(self) -> None:
        """Remove the autosave copy (after a clean save or close)."""
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.close()
            self._lock = None
            with contextlib.suppress(OSError):
                self.path.with_suffix(".lock").unlink(missing_ok=True)

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def find_recoveries() -> list[RecoveryFile]:
    """Autosaves of apps that are no longer running, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        lock_path = path.with_suffix(".lock")
        if lock_path.exists():
            try:
                with open(lock_path, "a+b") as handle:
                    if not try_lock(handle):
                        continue  # its app is still running
            except OSError:
                continue
        try:
            meta = read_meta(path)
        except UserError:
            continue  # half-written by a power cut: nothing to offer
        original = meta.get("recovery_of") or ""
        found.append(RecoveryFile(path, Path(original) if original else None,
                                  meta.get("saved_at", ""), meta.get("campaign_name", "")))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def restore(recovery: RecoveryFile) -> Document:
    """The document an autosave holds; relative paths resolve as in the original."""
    meta = read_meta(recovery.path)
    base = meta.get("base_dir") or None
    return load_document(recovery.path, Path(base) if base else None)


def discard_recovery(recovery: RecoveryFile) -> None:
    for path in (recovery.path, recovery.lock_path):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
