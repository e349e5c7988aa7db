"""Safe file names and safe writes for everything the app exports.

Names of exported files are built from spreadsheet values (village names, officers'
labels), so they are untrusted text. The rules, chosen for Windows first (the users' OS)
and for print shops that receive the files:

* `safe_filename` keeps Vietnamese letters (modern Windows, macOS and Linux store them
  fine), NFC-normalised; path separators, ``: * ? " < > |``, slash look-alikes and control
  characters become "-", invisible format characters (zero-width, bidi overrides) are
  dropped, and runs of whitespace become a single "-" so names survive e-mail, USB sticks
  and print-shop scripts without quoting. Runs of "-" collapse; leading and trailing dots,
  hyphens and spaces go (no hidden files, no "..", nothing that looks like a CLI option,
  no name Windows would silently truncate). Windows device names (CON, NUL, COM1, LPT¹, …,
  with or without an extension) get "_" after the stem. Length is bounded by characters
  and by UTF-8 bytes (200, leaving room for a "-12.pdf" suffix under the common 255-byte
  limit), cut at a character boundary. An empty result becomes "untitled".
* `slugify` makes ASCII identifiers ("Thôn Đồng Tâm" → "thon-dong-tam").
* `UniqueNames` hands out names unique within one folder, compared the way Windows and
  macOS compare them (case- and normalisation-insensitively).
* `safe_join` refuses any relative path that would resolve outside its root, symlinks
  included. The check is made when called; a symlink planted afterwards is not seen.
* `write_atomic` / `atomic_output` write through a temporary file in the target folder,
  fsync it and `os.replace` it over the target, so a crash or a full disk never leaves a
  half-written export under the real name. The temporary file is removed on any failure,
  and OS errors come back as `UserError` in Vietnamese and English. Only a power cut in
  the middle can leave a ``.ansinh-*`` temporary file behind.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from ansinh.core.errors import UserError
from ansinh.core.safedata import write_json

MAX_NAME_BYTES = 200
_MIN_MAX_LEN = 16
_FALLBACK = "untitled"

# Characters Windows forbids in names, plus slash look-alikes (fraction slash, division
# slash, fullwidth solidus and reverse solidus) that some tools fold into real separators.
_FORBIDDEN = set('/\\:*?"<>|') | set("\u2044\u2215\uff0f\uff3c")
_DASH_RUNS = re.compile(r"-{2,}")
_TRIM = " .-"
_RESERVED_STEMS = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{dev}{digit}" for dev in ("com", "lpt") for digit in "0123456789¹²³"]
)
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D"})  # NFKD keeps these whole
_EXT = re.compile(r"(\.[A-Za-z0-9_-]+)*")


def safe_filename(name: str, *, max_len: int = 80) -> str:
    """Turn untrusted text into one path component that is safe on Windows, macOS, Linux.

    The result has at most `max_len` characters (at least 16) and at most 200 UTF-8 bytes;
    see the module docstring for the rules.
    """
    if max_len < _MIN_MAX_LEN:
        raise ValueError(f"max_len must be at least {_MIN_MAX_LEN}")
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", name):
        category = unicodedata.category(ch)
        if ch.isspace() or ch in _FORBIDDEN or category == "Cc":
            out.append("-")
        elif category not in ("Cf", "Cs"):
            out.append(ch)
    text = _DASH_RUNS.sub("-", "".join(out)).strip(_TRIM)
    text = _truncate(text, max_len).strip(_TRIM)
    stem, dot, rest = text.partition(".")
    if stem.casefold() in _RESERVED_STEMS:
        text = _truncate(f"{stem}_{dot}{rest}", max_len).rstrip(_TRIM)
    return text or _FALLBACK


def _truncate(text: str, max_chars: int) -> str:
    text = text[:max_chars]
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    return text


def slugify(text: str, *, max_len: int = 80) -> str:
    """ASCII lowercase words joined by "-"; "đ" becomes "d"; never empty ("untitled").

    Letters without an ASCII base (other scripts) are dropped. A slug used as a file name
    should still go through `safe_filename` (a slug can be "con").
    """
    text = unicodedata.normalize("NFKD", text.translate(_D_STROKE))
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_len].rstrip("-") or _FALLBACK


class UniqueNames:
    """Hands out file names that are unique within one folder.

    Names compare case-insensitively and after NFC normalisation, as on Windows and
    macOS: `take("Thôn-1", ext=".pdf")` gives "Thôn-1.pdf", then "Thôn-1-2.pdf",
    "Thôn-1-3.pdf", … Pass the names already in the folder as `taken` to avoid them.
    """

    def __init__(self, taken: Iterable[str] = (), *, max_len: int = 80) -> None:
        self._max_len = max_len
        self._taken = {self._key(name) for name in taken}

    @staticmethod
    def _key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    def take(self, name: str, ext: str = "") -> str:
        """Return a fresh safe name for `name` with extension `ext` (e.g. ".pdf")."""
        if not _EXT.fullmatch(ext):
            raise ValueError(f"invalid extension: {ext!r}")
        base = safe_filename(name, max_len=self._max_len)
        candidate = base + ext
        counter = 1
        while self._key(candidate) in self._taken:
            counter += 1
            candidate = f"{base}-{counter}{ext}"
        self._taken.add(self._key(candidate))
        return candidate


def safe_join(root: Path, relative: str) -> Path:
    """Join `relative` under `root`, refusing anything that resolves outside `root`.

    Both paths are resolved, so ".." parts, absolute paths, drive letters and symlinks
    that point elsewhere are all caught. The result is strictly inside `root`.
    """
    try:
        base = Path(root).resolve()
        target = (base / relative).resolve()
    except (OSError, ValueError) as exc:
        raise UserError(
            vi=f"Đường dẫn không hợp lệ: “{relative}”.",
            en=f"Invalid path: “{relative}”.",
            path=str(root),
        ) from exc
    if target == base or not target.is_relative_to(base):
        raise UserError(
            vi=f"Đường dẫn “{relative}” nằm ngoài thư mục “{base}”; đã từ chối ghi.",
            en=f"The path “{relative}” lies outside the folder “{base}”; refused.",
            path=str(root),
        )
    return target


def write_atomic(path: Path, data: bytes, *, sync_folder: bool = True) -> None:
    """Write `data` to `path` so that readers see either the old file or the new one."""
    write_all_atomic([(path, data)], sync_folder=sync_folder)


def write_all_atomic(files: list[tuple[Path, bytes]], *, sync_folder: bool = True) -> None:
    """`write_atomic` for many files at once (see `StagedFiles`)."""
    with StagedFiles(files) as staged:
        staged.place([path for path, _ in files])
    if sync_folder:
        for folder in {Path(path).parent for path, _ in files}:
            fsync_folder(folder)


class StagedFiles:
    """Files written to temporary names and synced together, then moved into place when
    asked (`place`), a few at a time if need be; on leaving the `with` block, those not
    placed are removed. Syncing each file before writing the next made ext4 commit its
    journal once per file, and every new file waited for that commit (~2 ms a file in a
    batch); synced together, the first sync commits the lot. A batch places a row's
    files just before it reports the row, so a stop between rows leaves exactly the
    reported rows' files. OS errors become `UserError` naming the file."""

    def __init__(self, files: list[tuple[Path, bytes]]) -> None:
        self._temps: dict[Path, Path] = {}  # target -> its temporary file, until placed
        current = Path()  # the file an OS error is about
        try:
            with ExitStack() as opened:  # every file closed, whatever fails
                handles = []
                for path, data in files:
                    current = Path(path)
                    temp, fd = _create_temp(current)
                    self._temps[current] = temp
                    handles.append(opened.enter_context(os.fdopen(fd, "wb")))
                    handles[-1].write(data)
                for handle, (path, _) in zip(handles, files, strict=False):
                    current = Path(path)
                    handle.flush()
                    os.fsync(handle.fileno())
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError):
                raise _write_error(exc, current) from exc
            raise

    def place(self, paths: list[Path]) -> None:
        """Move these targets' files into place."""
        for path in map(Path, paths):
            try:
                os.replace(self._temps[path], path)
            except OSError as exc:
                raise _write_error(exc, path) from exc
            del self._temps[path]

    def discard(self) -> None:
        for temp in self._temps.values():
            with suppress(OSError):
                temp.unlink(missing_ok=True)
        self._temps.clear()

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.discard()


def try_lock(handle: IO[bytes]) -> bool:
    """Take an exclusive lock on an open file; False if another process holds it.

    The lock lasts while the handle is open: a crashed process releases it."""
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


def make_output_folder(folder: Path) -> None:
    """Create an output folder (and its parents), or say in words why it cannot be."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileNotFoundError, NotADirectoryError, FileExistsError) as exc:
        # Its parent exists but takes no folders (/proc, /sys), or part of the path
        # is a file: "does not exist" would send the user looking for the wrong thing.
        raise UserError(
            vi=f"Không tạo được thư mục “{folder}”: một phần của đường dẫn là tệp hoặc "
            "thư mục của hệ thống. Hãy chọn thư mục khác.",
            en=f"Cannot create the folder “{folder}”: part of the path is a file or a "
            "system folder. Choose another folder.",
            path=str(folder),
        ) from exc
    except OSError as exc:
        raise _write_error(exc, folder) from exc


def write_json_atomic(path: Path, data: Any, *, sync_folder: bool = True) -> None:
    """`data` as indented UTF-8 JSON, streamed to `path` atomically.

    Lists inside `data` may be generators: a manifest of thousands of batch rows is then
    written without its text, or its dicts, ever being whole in memory."""
    with (
        atomic_output(path, sync_folder=sync_folder) as temp,
        open(temp, "w", encoding="utf-8") as out,
    ):
        write_json(out, data)


@contextmanager
def atomic_output(path: Path, *, sync_folder: bool = True) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `path`.

    The temporary name keeps the target's suffix, for libraries that pick a format from
    it. After the block the file is fsynced and moved over `path` with `os.replace`; the
    folder is synced too unless the caller syncs it once for many files (a bundle). On
    any failure the temporary file is removed; OS errors become `UserError`, other
    exceptions propagate unchanged.
    """
    path = Path(path)
    temp, fd = _create_temp(path)
    os.close(fd)
    try:
        yield temp
        with open(temp, "r+b") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(exc, path) from exc
        raise
    if sync_folder:
        fsync_folder(path.parent)


def _create_temp(path: Path) -> tuple[Path, int]:
    """A new temporary file beside `path`, and its descriptor, open for writing."""
    # O_EXCL with mode 0o666 lets the umask set the usual permissions (mkstemp's 0o600
    # would make exports unreadable to other users on shared Linux machines).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = path.with_name(f".ansinh-{secrets.token_hex(6)}{path.suffix}")
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _write_error(exc, path) from exc


def fsync_folder(folder: Path) -> None:
    """Make the rename durable on POSIX; Windows has no directory handles to sync."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares, FAT) cannot sync a directory
    finally:
        os.close(fd)


_WIN_DISK_FULL = (39, 112)  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL


def _write_error(exc: OSError, path: Path) -> UserError:
    name = path.name
    where = str(path)
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT) or getattr(exc, "winerror", None) in _WIN_DISK_FULL:
        return UserError(
            vi=f"Ổ đĩa đã đầy, không ghi được “{name}”. "
            "Hãy giải phóng dung lượng hoặc chọn thư mục khác.",
            en=f"The disk is full; could not write “{name}”. "
            "Free some space or choose another folder.",
            path=where,
        )
    if code == errno.EROFS:
        return UserError(
            vi=f"Ổ đĩa chỉ cho phép đọc (thẻ nhớ hoặc USB bị khóa ghi?), không ghi được “{name}”. "
            "Hãy chọn thư mục khác.",
            en=f"The drive is read-only (a write-protected card or USB stick?); could not "
            f"write “{name}”. Choose another folder.",
            path=where,
        )
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return UserError(
            vi=f"Không có quyền ghi “{name}”, hoặc tệp đang mở trong chương trình khác "
            "(Excel, trình đọc PDF…). Hãy đóng tệp hoặc chọn thư mục khác.",
            en=f"No permission to write “{name}”, or the file is open in another program "
            "(Excel, a PDF reader…). Close it or choose another folder.",
            path=where,
        )
    if isinstance(exc, FileNotFoundError) and path.parent.is_dir():
        # The folder is there but files cannot be made in it: /proc, /sys and the like.
        return UserError(
            vi=f"Không tạo được tệp trong thư mục “{path.parent}” (thư mục của hệ thống). "
            "Hãy chọn thư mục khác.",
            en=f"Files cannot be created in the folder “{path.parent}” (a system folder). "
            "Choose another folder.",
            path=where,
        )
    if isinstance(exc, FileNotFoundError):
        return UserError(
            vi=f"Thư mục “{path.parent}” không tồn tại.",
            en=f"The folder “{path.parent}” does not exist.",
            path=where,
        )
    if code == errno.ENAMETOOLONG:
        return UserError(
            vi=f"Tên tệp hoặc đường dẫn quá dài: “{name}”. Hãy chọn thư mục ngắn hơn.",
            en=f"The file name or path is too long: “{name}”. Choose a shorter folder.",
            path=where,
        )
    detail = exc.strerror or exc.__class__.__name__
    return UserError(
        vi=f"Không ghi được tệp “{name}” ({detail}).",
        en=f"Could not write the file “{name}” ({detail}).",
        path=where,
    )
