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
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import paths
from .campaign import Campaign, Piece
from .errors import UserError
from .filenames import fsync_folder

SUFFIX = ".ansinh"
SCHEMA_VERSION = 1
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
    field_values TEXT NOT NULL
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
_MIGRATIONS: dict[int, str] = {}


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
    if isinstance(value, dict):
        if "$image" in value:
            return str(images.get(value["$image"], value.get("name", "")))
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        return {key: _decode(item, images) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(v, images) for v in value]
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
        con.execute("INSERT INTO piece VALUES (?, ?, ?, ?, ?, ?)",
                    (position, piece.template, piece.segment, piece.size, piece.title,
                     _dumps(values)))
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


_UNSAFE = re.compile(r"[^\w.-]+")


def _extract(sha: str, name: str, data: bytes) -> Path:
    """Write an embedded image into the cache (once) and return its path."""
    stem = _UNSAFE.sub("_", Path(name).stem)[:60].strip("._") or "image"
    suffix = Path(name).suffix.lower()
    suffix = suffix if suffix in IMAGE_SUFFIXES else ".img"
    target = image_cache_dir() / sha[:16] / f"{stem}{suffix}"
    try:
        if target.is_file() and target.stat().st_size == len(data):
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{secrets.token_hex(4)}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
    except OSError as exc:
        raise UserError(
            f"Không giải nén được ảnh «{name}» vào thư mục tạm ({exc.strerror or exc}).",
            f"Cannot extract the image «{name}» into the cache folder ({exc.strerror or exc}).",
            path=str(target),
        ) from exc
    return target


def _read_snapshot(path: Path) -> sqlite3.Connection:
    """A consistent in-memory copy of the file, migrated to the current schema."""
    if not path.is_file():
        raise UserError(f"Không thấy tệp «{path}».", f"File «{path}» not found.",
                        path=str(path))
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
    while version < SCHEMA_VERSION:
        memory.executescript(_MIGRATIONS[version])
        version += 1
    return memory


def _campaign_from_rows(rows: dict[str, Any], pieces: tuple[Piece, ...],
                        base_dir: Path) -> Campaign:
    known = {spec.name: spec for spec in dataclasses.fields(Campaign)}
    kwargs: dict[str, Any] = {}
    for key, value in rows.items():
        if key not in known or key in _NOT_STORED:
            continue  # a setting from a newer app: ignored, not an error
        if key == "logo":
            value = Path(value) if value else None
        elif key == "day" and isinstance(value, str):
            value = date.fromisoformat(value)
        kwargs[key] = value
    kwargs.setdefault("name", "")
    return Campaign(**kwargs, pieces=pieces, base_dir=base_dir)


def load_document(path: Path, base_dir: Path | None = None) -> Document:
    """Read a campaign file; embedded images come back as files in the cache."""
    path = Path(path)
    con = _read_snapshot(path)
    try:
        images = {sha: _extract(sha, name, data)
                  for sha, name, data in con.execute("SELECT sha256, name, data FROM image")}
        rows = {key: _decode(json.loads(value), images)
                for key, value in con.execute("SELECT key, value FROM campaign")}
        pieces = tuple(
            Piece(template=template, segment=segment, size=size, title=title,
                  values=_decode(json.loads(values), images))
            for template, segment, size, title, values in con.execute(
                "SELECT template, segment, size, title, field_values FROM piece "
                "ORDER BY position")
        )
        settings = {key: _decode(json.loads(value), images)
                    for key, value in con.execute("SELECT key, value FROM setting")}
        exports = [ExportRecord(*row) for row in con.execute(
            "SELECT created, folder, files, pieces, skipped FROM export ORDER BY id")]
    except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
        raise _not_ours(path) from exc
    finally:
        con.close()
    campaign = _campaign_from_rows(rows, pieces, base_dir or path.resolve().parent)
    return Document(campaign, settings, exports)


def read_meta(path: Path) -> dict[str, str]:
    con = _read_snapshot(Path(path))
    try:
        return dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.Error as exc:
        raise _not_ours(Path(path)) from exc
    finally:
        con.close()


# --- autosave and recovery -----------------------------------------------------------


def recovery_dir() -> Path:
    return paths.user_dir() / "recovery"


def _try_lock(handle: Any) -> bool:
    """Take an exclusive lock on an open file; False if another process holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


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
            if not _try_lock(handle):
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
                    if not _try_lock(handle):
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
