"""Template packs: templates travel between provinces as one `.zip`.

A pack holds one folder per template (`<id>/template.toml`, its Jinja sources, CSS and
images) and `ansinh-pack.toml` (format version, app, date, template ids). Packs arrive
by USB stick and chat groups, so an import treats the archive as hostile:

* **Limits before reading.** The archive (at most `MAX_PACK_BYTES`) is read into memory
  once; the central directory is checked before any member is decompressed: at most
  `MAX_MEMBERS` entries, `MAX_MEMBER_BYTES` each and `MAX_TOTAL_BYTES` in all, a
  compression ratio of at most `MAX_RATIO` for anything over 1 MB, and compressed
  sizes that fit in the archive (overlapping entries are how the worst zip bombs work).
  Reads are capped again at the declared size, and zipfile checks each CRC. At most
  `MAX_TEMPLATES` templates, and the manifest parser caps each one's size, fields and
  texts before reading them, so no pack makes later commands slow.
* **Names.** The UTF-8 flag decides the encoding; without it, bytes that are valid
  UTF-8 are read as UTF-8 (what most tools write), otherwise as cp437 (the zip
  standard). Names are NFC-normalised, backslashes count as separators, and a pack is
  refused outright for an absolute path, a drive letter, a `..` part, control
  characters, Windows device names, a symlink or device entry (Unix mode in
  `external_attr`), an encrypted entry, or two names that would be the same file on
  Windows or macOS.
* **Allow-list.** Only `template.toml`, `*.j2`, `*.css` and images (`.png`, `.jpg`,
  `.jpeg`, `.webp`, `.svg`, checked by content like any user image) are taken; other
  files are left out and listed in the report (`__MACOSX/`, `.DS_Store`, `Thumbs.db`
  silently). Fonts are not accepted: every template uses the shipped Be Vietnam Pro,
  which the glyph checks rely on, and font files are complex binary input.
* **Validated before installing.** Each template is written into a hidden staging
  folder beside the user templates (the registry ignores dot-folders, and sweeps the
  ones a killed import left behind), its manifest is parsed by the same parser the app
  uses, its Jinja sources must compile, the sources the manifest names must be files of
  the pack, and image defaults may only name shipped artwork (`asset:`). Any problem
  refuses the whole pack; nothing is installed.
* **Installs only into the user template folder**, each template into a folder named
  by its (validated) id. A template that already exists — the user's own, or a shipped
  one it would hide — is replaced only with `overwrite=True` (the CLI asks or needs
  `--force`; `PackConflict` names them). Replacing moves the old folder aside first
  and puts it back if anything fails.

`export_pack` writes the chosen templates (regular files of the allowed kinds only,
symlinks skipped) into a new `.zip`, atomically.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import tomllib
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from jinja2 import TemplateSyntaxError

from . import images, paths, safedata
from .errors import UserError
from .filenames import atomic_output, safe_filename, safe_join
from .templates.manifest import MANIFEST, parse_manifest
from .templates.registry import TemplateRegistry, staging_folder, sweep_staging

PACK_MANIFEST = "ansinh-pack.toml"
PACK_FORMAT = 1
MAX_PACK_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 60 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small files (CSS, SVG) compress well; ratio checked above this
MAX_DEPTH = 6
MAX_TEMPLATES = 40  # sizes and fields per template are capped by the manifest parser

SOURCE_SUFFIXES = (".j2", ".css")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
_JUNK_PARTS = ("__MACOSX",)
_JUNK_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")
_FORBIDDEN_CHARS = set('<>:"|?*\\')
_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{dev}{digit}" for dev in ("com", "lpt") for digit in "0123456789¹²³"]
)
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


@dataclass
class PackReport:
    installed: list[str] = field(default_factory=list)  # template ids
    replaced: list[str] = field(default_factory=list)  # of those, ids that existed
    skipped: list[str] = field(default_factory=list)  # member names left out
    folder: Path | None = None


class PackConflict(UserError):
    """Templates in the pack that already exist; `ids` (and which of them are shipped)."""

    def __init__(self, ids: list[str], shipped: list[str]) -> None:
        shown = ", ".join(ids)
        extra_vi = (
            f" (mẫu có sẵn của chương trình: {', '.join(shipped)} — bản nhập sẽ thay thế nó)"
            if shipped
            else ""
        )
        extra_en = (
            f" (shipped with the app: {', '.join(shipped)} — the imported one would replace it)"
            if shipped
            else ""
        )
        super().__init__(
            f"Đã có mẫu {shown}{extra_vi}. Chọn ghi đè (--force) để thay bằng mẫu trong gói.",
            f"Template {shown} already exists{extra_en}. Choose overwrite (--force) to "
            "replace it with the pack's.",
        )
        self.ids = ids
        self.shipped = shipped


def _pack_error(pack: Path, vi: str, en: str) -> UserError:
    return UserError(
        f"Gói mẫu «{pack.name}»: {vi}", f"Template pack «{pack.name}»: {en}", path=str(pack)
    )


# --- reading the archive ---------------------------------------------------------------


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the packer meant it, NFC, with "/" separators."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        raw = name.encode("cp437", errors="replace")  # zipfile decoded it as cp437
        with contextlib.suppress(UnicodeDecodeError):  # else really cp437, the default
            name = raw.decode("utf-8")
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def _shown(name: str) -> str:
    """A member name fit for a message: control characters made visible, length capped."""
    return "".join("\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in name)[:120]


def _unsafe_reason(name: str) -> str | None:
    """Why a member name may not be written anywhere, or None if it is safe."""
    if not name or "\x00" in name or any(unicodedata.category(ch) == "Cc" for ch in name):
        return "ký tự điều khiển / control characters"
    if name.startswith("/") or name.startswith("//"):
        return "đường dẫn tuyệt đối / absolute path"
    if len(name) >= 2 and name[1] == ":" and name[0].isalpha():
        return "ký tự ổ đĩa / drive letter"
    parts = [p for p in name.split("/") if p]
    if len(parts) > MAX_DEPTH:
        return "thư mục lồng quá sâu / folders nested too deep"
    for part in parts:
        if part in ("..", "."):
            return "đường dẫn «..» / «..» in the path"
        if any(ch in _FORBIDDEN_CHARS for ch in part):
            return "ký tự không hợp lệ / forbidden characters"
        if part != part.rstrip(". ") or len(part.encode("utf-8")) > 200:
            return "tên không hợp lệ trên Windows / a name Windows cannot store"
        if part.split(".")[0].casefold() in _DEVICE_NAMES:
            return "tên thiết bị của Windows / a Windows device name"
    return None


def _entry_type_reason(info: zipfile.ZipInfo) -> str | None:
    if info.flag_bits & _ENCRYPTED_FLAG:
        return "mục được mã hóa / encrypted entry"
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode:  # Unix: the high word holds st_mode
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            return "liên kết tượng trưng (symlink) / symbolic link"
        if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            return "tệp đặc biệt / special file"
    return None


def _is_junk(name: str) -> bool:
    parts = name.split("/")
    return any(p in _JUNK_PARTS for p in parts) or parts[-1] in _JUNK_NAMES


def _allowed(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    lower = base.lower()
    return base == MANIFEST or lower.endswith(SOURCE_SUFFIXES + IMAGE_SUFFIXES)


def _read_archive(pack: Path) -> bytes:
    """The pack's bytes, checked on the open file (`safedata.open_regular`): a FIFO put
    in its place cannot block the import, nor a file grown after a stat() slip past the
    limit."""
    try:
        handle = safedata.open_regular(pack)
    except UserError:
        raise _pack_error(pack, "không phải tệp thông thường.", "not a regular file.") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise _pack_error(pack, f"không mở được ({reason}).", f"cannot open ({reason}).") from exc
    with handle:
        data = handle.read(MAX_PACK_BYTES + 1)
    if len(data) > MAX_PACK_BYTES:
        raise _pack_error(
            pack,
            f"tệp quá lớn (tối đa {MAX_PACK_BYTES // 2**20} MB).",
            f"the file is too large (at most {MAX_PACK_BYTES // 2**20} MB).",
        )
    return data


def read_pack(pack: Path) -> tuple[dict[str, bytes], list[str]]:
    """The allowed members of a pack, in memory: ({name: bytes}, skipped names)."""
    pack = Path(pack)
    data = _read_archive(pack)
    damaged = _pack_error(
        pack,
        "không phải tệp .zip hợp lệ hoặc đã hỏng.",
        "not a valid .zip file, or it is damaged.",
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise damaged from None
    if len(infos) > MAX_MEMBERS:
        raise _pack_error(
            pack,
            f"có quá nhiều tệp ({len(infos)}, tối đa {MAX_MEMBERS}).",
            f"it holds too many files ({len(infos)}, at most {MAX_MEMBERS}).",
        )
    bomb = _pack_error(
        pack,
        "nội dung giải nén quá lớn (có thể là «bom zip»); đã từ chối.",
        "it would unpack to far too much data (a zip bomb?); refused.",
    )
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise bomb
    if sum(i.compress_size for i in infos) > len(data):
        raise bomb  # entries share (overlap) compressed data
    members: dict[str, bytes] = {}
    seen: dict[str, str] = {}
    skipped: list[str] = []
    for info in infos:
        name = _member_name(info)
        reason = _unsafe_reason(name.rstrip("/")) if name.rstrip("/") else None
        reason = reason or _entry_type_reason(info)
        if reason:
            vi, _, en = reason.partition(" / ")
            raise _pack_error(
                pack,
                f"mục «{_shown(name)}» không an toàn ({vi}); đã từ chối cả gói.",
                f"entry «{_shown(name)}» is unsafe ({en}); the whole pack was refused.",
            )
        if info.is_dir() or name.endswith("/"):
            continue
        if _is_junk(name) or name == PACK_MANIFEST:
            continue
        if not _allowed(name):
            skipped.append(name)
            continue
        key = name.casefold()
        if key in seen:
            raise _pack_error(
                pack,
                f"hai mục trùng tên «{seen[key]}» và «{name}».",
                f"two entries have the same name: «{seen[key]}» and «{name}».",
            )
        seen[key] = name
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise bomb
        try:
            with archive.open(info) as handle:
                body = handle.read(info.file_size + 1)
        except Exception:  # BadZipFile (CRC), zlib/lzma/bz2 errors, unsupported methods
            raise damaged from None
        if len(body) != info.file_size:
            raise damaged
        members[name] = body
    return members, skipped


# --- grouping and validating -------------------------------------------------------------


def _group(
    pack: Path, members: dict[str, bytes], skipped: list[str]
) -> dict[str, dict[str, bytes]]:
    """{folder in the pack: {path inside the template: bytes}}; "" is the archive root."""
    roots = sorted(
        {str(PurePosixPath(n).parent) for n in members if PurePosixPath(n).name == MANIFEST},
        key=len,
    )
    roots = [("" if r == "." else r) for r in roots]
    if not roots:
        raise _pack_error(
            pack,
            f"không có mẫu nào (thiếu {MANIFEST}).",
            f"it holds no template (no {MANIFEST}).",
        )
    if len(roots) > MAX_TEMPLATES:
        raise _pack_error(
            pack,
            f"có quá nhiều mẫu ({len(roots)}, tối đa {MAX_TEMPLATES}).",
            f"it holds too many templates ({len(roots)}, at most {MAX_TEMPLATES}).",
        )
    groups: dict[str, dict[str, bytes]] = {root: {} for root in roots}
    for name, body in members.items():
        # The deepest template folder that holds the file owns it.
        owner = max(
            (r for r in roots if r == "" or name.startswith(r + "/")), key=len, default=None
        )
        if owner is None:
            skipped.append(name)  # beside the templates, not in one
            continue
        groups[owner][name[len(owner) + 1 :] if owner else name] = body
    return groups


def _check_sources(pack: Path, template, files: dict[str, bytes]) -> None:
    from .render.jinja import make_environment

    named = [s for s in (template.html, template.text, template.caption) if s]
    for source in named:
        if source not in files:
            raise _pack_error(
                pack,
                f"mẫu «{template.id}» trỏ tới «{source}» không có trong gói.",
                f"template «{template.id}» names «{source}», which is not in the pack.",
            )
    env = make_environment([template.folder], html=template.is_visual)
    for name, body in files.items():
        if not name.endswith(".j2"):
            continue
        try:
            env.parse(body.decode("utf-8"), name, name)
        except UnicodeDecodeError:
            raise _pack_error(
                pack,
                f"«{template.id}/{name}» không phải văn bản UTF-8.",
                f"«{template.id}/{name}» is not UTF-8 text.",
            ) from None
        except TemplateSyntaxError as exc:
            raise UserError(
                f"Gói mẫu «{pack.name}»: lỗi cú pháp Jinja trong «{template.id}/{name}»: "
                f"{exc.message}",
                f"Template pack «{pack.name}»: Jinja syntax error in «{template.id}/{name}»: "
                f"{exc.message}",
                path=str(pack),
                line=exc.lineno,
            ) from None
    for spec in template.fields:
        if spec.type == "image" and spec.default not in (None, ""):
            target = str(spec.default)
            if not target.startswith("asset:"):
                raise _pack_error(
                    pack,
                    f"ảnh mặc định của trường «{spec.id}» chỉ được là ảnh có sẵn (asset:…).",
                    f"the default image of field «{spec.id}» may only be shipped artwork "
                    "(asset:…).",
                )
            assets = paths.assets_dir().resolve()
            if not (assets / target.removeprefix("asset:")).resolve().is_relative_to(assets):
                raise _pack_error(
                    pack,
                    f"ảnh mặc định của trường «{spec.id}» trỏ ra ngoài thư mục ảnh có sẵn.",
                    f"the default image of field «{spec.id}» points outside the shipped artwork.",
                )


def _write_files(pack: Path, folder: Path, files: dict[str, bytes], shown_root: str) -> None:
    folder.mkdir(parents=True)
    for relative, body in sorted(files.items()):
        target = safe_join(folder, relative)
        if relative.lower().endswith(IMAGE_SUFFIXES):
            try:
                images.probe(body, f"{shown_root}{relative}")
            except UserError as exc:
                raise _pack_error(pack, exc.vi, exc.en) from None
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        flags |= getattr(os, "O_BINARY", 0)
        fd = os.open(target, flags, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)


def _validate(pack: Path, staging: Path, groups: dict[str, dict[str, bytes]]) -> dict[str, Path]:
    """Write each template into staging, parse and check it: {id: staged folder}."""
    staged: dict[str, Path] = {}
    for index, (root, files) in enumerate(sorted(groups.items())):
        folder = staging / f"t{index}"
        _write_files(pack, folder, files, f"{root}/" if root else "")
        template, problems = parse_manifest(folder, "user")
        if problems or template is None:
            first = problems[0]
            shown = f"{root or '.'}/{MANIFEST}" + (f":{first.line}" if first.line else "")
            raise UserError(
                f"Gói mẫu «{pack.name}»: {shown}: {first.vi}",
                f"Template pack «{pack.name}»: {shown}: {first.en}",
                path=str(pack),
            )
        if safe_filename(template.id) != template.id:
            raise _pack_error(
                pack,
                f"id mẫu «{template.id}» không dùng làm tên thư mục được.",
                f"the template id «{template.id}» cannot be a folder name.",
            )
        if template.id in staged:
            raise _pack_error(
                pack,
                f"có hai mẫu cùng id «{template.id}».",
                f"two templates share the id «{template.id}».",
            )
        _check_sources(pack, template, files)
        staged[template.id] = folder
    return staged


# --- installing --------------------------------------------------------------------------


def _existing(ids: list[str], target_root: Path) -> tuple[list[str], list[str]]:
    shipped_root = paths.shipped_templates_dir()
    shipped_ids = (
        {t.id for t in TemplateRegistry([(shipped_root, "shipped")]).all()}
        if shipped_root.is_dir()
        else set()
    )
    user_ids = set()
    if target_root.is_dir():
        registry = TemplateRegistry([(target_root, "user")])
        user_ids = {t.id for t in registry.all()}
        user_ids |= {p.name for p in target_root.iterdir() if not p.name.startswith(".")}
    clashes = sorted(i for i in ids if i in user_ids or i in shipped_ids)
    return clashes, sorted(i for i in clashes if i in shipped_ids)


def _user_folder_for(template_id: str, target_root: Path) -> Path | None:
    """The user's existing folder for this id (by folder name or by manifest id)."""
    direct = target_root / template_id
    if direct.exists():
        return direct
    for folder, _origin in TemplateRegistry([(target_root, "user")]).folders():
        template, _ = parse_manifest(folder, "user")
        if template and template.id == template_id:
            return folder
    return None


def import_pack(
    pack: Path, *, overwrite: bool | Callable[[PackConflict], bool] = False
) -> PackReport:
    """Validate a pack completely, then install its templates into the user folder.

    Templates that already exist are replaced if `overwrite` says so: True, or a
    question (the desktop app asks the officer) called once the pack is validated, so
    a "yes" does not read and check the whole pack again. Otherwise PackConflict."""
    pack = Path(pack)
    members, skipped = read_pack(pack)
    groups = _group(pack, members, skipped)
    target_root = paths.user_templates_dir()
    try:
        target_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _pack_error(
            pack,
            f"không tạo được thư mục mẫu của bạn ({exc.strerror or exc}).",
            f"cannot create your template folder ({exc.strerror or exc}).",
        ) from exc
    sweep_staging(target_root)
    staging = staging_folder(target_root)
    report = PackReport(skipped=skipped, folder=target_root)
    done: list[tuple[Path, Path | None, Path | None]] = []
    try:
        staged = _validate(pack, staging, groups)
        clashes, shipped = _existing(sorted(staged), target_root)
        if clashes:
            conflict = PackConflict(clashes, shipped)
            if not (overwrite(conflict) if callable(overwrite) else overwrite):
                raise conflict
        for template_id, folder in sorted(staged.items()):
            done.append(_install(folder, template_id, target_root, staging))
            report.installed.append(template_id)
            if template_id in clashes:
                report.replaced.append(template_id)
    except BaseException as exc:
        _roll_back(done)
        if isinstance(exc, OSError):
            raise _pack_error(
                pack,
                f"không ghi được mẫu, chưa cài gì ({exc.strerror or exc}).",
                f"cannot write the templates; nothing was installed ({exc.strerror or exc}).",
            ) from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _install(
    folder: Path, template_id: str, target_root: Path, staging: Path
) -> tuple[Path, Path | None, Path | None]:
    """Move a staged template into place: (installed, old folder's place, old kept at)."""
    existing = _user_folder_for(template_id, target_root)
    target = target_root / template_id
    aside = None
    if existing is not None:
        aside = staging / f"old-{template_id}"
        os.replace(existing, aside)
    try:
        os.replace(folder, target)
    except OSError:
        if aside is not None and existing is not None:
            os.replace(aside, existing)
        raise
    return target, existing, aside


def _roll_back(done: list[tuple[Path, Path | None, Path | None]]) -> None:
    for target, existing, aside in reversed(done):
        shutil.rmtree(target, ignore_errors=True)
        if aside is not None and existing is not None:
            with contextlib.suppress(OSError):
                os.replace(aside, existing)


# --- exporting ---------------------------------------------------------------------------


def _export_files(folder: Path) -> list[tuple[Path, str]]:
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink() or not path.is_file() or relative.startswith("."):
            continue
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if _allowed(relative) and _unsafe_reason(relative) is None:
            files.append((path, relative))
    return files


def export_pack(
    template_ids: list[str], out: Path, registry: TemplateRegistry | None = None
) -> list[str]:
    """Write the templates into a new pack at `out`; returns the member names."""
    registry = registry or TemplateRegistry()
    templates = [registry.get(template_id) for template_id in dict.fromkeys(template_ids)]
    if not templates:
        raise UserError("Chưa chọn mẫu nào để xuất.", "No template chosen to export.")
    names: list[str] = []
    ids = ", ".join(f'"{t.id}"' for t in templates)  # ids match [a-z0-9_-]+
    header = (
        f"format = {PACK_FORMAT}\n"
        'generator = "An Sinh Studio"\n'
        f'exported = "{datetime.now().isoformat(timespec="seconds")}"\n'
        f"templates = [{ids}]\n"
    )
    tomllib.loads(header)  # stays valid TOML
    out = Path(out)
    with atomic_output(out) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry(PACK_MANIFEST), header)
        names.append(PACK_MANIFEST)
        for template in templates:
            for path, relative in _export_files(template.folder):
                name = f"{template.id}/{relative}"
                archive.writestr(_entry(name), path.read_bytes())
                names.append(name)
    return names


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.create_system = 3
    return info
