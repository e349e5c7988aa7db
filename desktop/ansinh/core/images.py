"""Images from users: recognised by content, bounded, cleaned before any render sees them.

Photos come from phones and chat apps, so an image is untrusted bytes whatever its name:

* **Allow-list by content, not by name.** PNG, JPEG and WebP are recognised from their
  first bytes (`sniff`) and decoded by Pillow with only those decoders enabled, so an
  EPS/PostScript file renamed `.png` never reaches Pillow's EPS plugin (which would run
  Ghostscript). SVG is accepted as text that parses as XML with an `<svg>` root and no
  DTD or entities; it is copied, never rasterised here, and WeasyPrint draws it through
  the restricted fetcher, which refuses any reference outside the allowed folders.
* **Bounded.** Files over `MAX_IMAGE_BYTES`, images over `MAX_PIXELS` (Pillow's own
  default, refused here instead of merely warned about) and truncated or corrupt files
  become a `UserError` in Vietnamese and English, checked from the header before
  anything is decoded.
* **Cleaned.** EXIF orientation is applied to the pixels, then the image is written
  anew without EXIF (GPS position, camera, owner), XMP or text chunks; only the colour
  profile and resolution survive. CMYK and YCbCr/LAB become RGB, 16-bit and 32-bit
  grey become 8-bit (scaled, not clipped), palette and grey-alpha images become
  RGB/RGBA, animations keep their first frame.
* **Cached by content.** `clean_image` writes the copy once, atomically, into its own
  folder under the user cache (`<cache>/<sha256>/image.png`), keyed by the SHA-256 of
  the source bytes and the cleaning version, so the render's fetcher root for that
  image is a folder holding nothing else. Copies unused for 60 days, or the oldest
  while the cache exceeds 1 GB, are removed (`sweep_cache`); they are made again from
  the original when needed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import re
import stat
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from . import paths
from .errors import UserError
from .filenames import write_atomic

MAX_IMAGE_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 89_478_485  # Pillow's MAX_IMAGE_PIXELS: ~9,460 × 9,460, 358 MB as RGBA
MAX_SVG_BYTES = 10 * 1024 * 1024
CLEAN_VERSION = "1"  # bump when the cleaning changes, so old copies are not reused
PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
JPEG_QUALITY = 95

# Formats people try that we refuse, named in the message ("EPS renamed .png").
_KNOWN_OTHERS = (
    (b"%!PS", "EPS/PostScript"),
    (b"\xc5\xd0\xd3\xc6", "EPS"),
    (b"%PDF", "PDF"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"8BPS", "PSD"),
)
_SVG_ROOT = re.compile(rb"<svg[\s>/]", re.I)
_XML_DANGER = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


def sniff(data: bytes) -> str | None:
    """The allowed kind of an image from its bytes: "png", "jpeg", "webp", "svg" or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if looks_like_svg(data):
        return "svg"
    return None


def looks_like_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and _SVG_ROOT.search(head) is not None and b"\x00" not in head


def describe_format(data: bytes) -> str:
    """A name for a refused file's real format, for the message."""
    for magic, name in _KNOWN_OTHERS:
        if data.startswith(magic):
            return name
    return "không rõ / unknown"


def _error(name: str, vi: str, en: str) -> UserError:
    return UserError(f"Ảnh «{name}»: {vi}", f"Image «{name}»: {en}", path=name)


def _refused_format(name: str, data: bytes) -> UserError:
    found = describe_format(data)
    return _error(
        name,
        f"chỉ nhận ảnh PNG, JPEG, WebP hoặc SVG; tệp này là {found.split(' / ')[0]}.",
        f"only PNG, JPEG, WebP or SVG images are accepted; this file is {found.split(' / ')[-1]}.",
    )


def _too_many_pixels(name: str, width: int, height: int) -> UserError:
    return _error(
        name,
        f"ảnh quá lớn ({width} × {height} điểm ảnh, tối đa {MAX_PIXELS // 1_000_000} triệu). "
        "Hãy thu nhỏ ảnh rồi chọn lại.",
        f"the image is too large ({width} × {height} pixels, at most "
        f"{MAX_PIXELS // 1_000_000} million). Scale it down and choose it again.",
    )


@dataclass(frozen=True)
class Probe:
    kind: str  # png, jpeg, webp, svg
    width: int = 0
    height: int = 0


def probe(data: bytes, name: str = "ảnh") -> Probe:
    """Check an image's kind and size from its header, without decoding the pixels."""
    kind = sniff(data)
    if kind is None:
        raise _refused_format(name, data)
    if kind == "svg":
        _check_svg(name, data)
        return Probe("svg")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]]) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        raise _error(name, "ảnh quá lớn.", "the image is too large.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _damaged(name) from None
    if width <= 0 or height <= 0:
        raise _damaged(name)
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(name, width, height)
    return Probe(kind, width, height)


def _damaged(name: str) -> UserError:
    return _error(
        name,
        "tệp ảnh bị hỏng hoặc chưa tải xong (bị cắt cụt). Hãy lấy lại ảnh gốc.",
        "the image file is damaged or incomplete (truncated). Get the original again.",
    )


def _check_svg(name: str, data: bytes) -> None:
    if len(data) > MAX_SVG_BYTES:
        raise _error(name, "tệp SVG quá lớn.", "the SVG file is too large.")
    if _XML_DANGER.search(data):
        raise _error(
            name,
            "tệp SVG có khai báo DOCTYPE/ENTITY, không được phép.",
            "the SVG declares a DOCTYPE/ENTITY, which is not allowed.",
        )
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise _damaged(name) from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise _refused_format(name, data)


def read_limited(path: Path, limit: int = MAX_IMAGE_BYTES) -> bytes:
    """A regular file's bytes, at most `limit`; devices, FIFOs and huge files refused."""
    name = path.name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _error(
            name,
            f"không mở được tệp ({exc.strerror or exc}).",
            f"cannot open the file ({exc.strerror or exc}).",
        ) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _error(name, "không phải tệp ảnh thông thường.", "not a regular image file.")
        if info.st_size > limit:
            raise _error(
                name,
                f"tệp quá lớn ({info.st_size / 1e6:.0f} MB, tối đa {limit / 1e6:.0f} MB).",
                f"the file is too large ({info.st_size / 1e6:.0f} MB, at most "
                f"{limit / 1e6:.0f} MB).",
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _error(name, "tệp quá lớn.", "the file is too large.")
    return data


# --- cleaning ------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def cache_dir() -> Path:
    """Cleaned copies: the user cache (tests isolate it through ANSINH_USER_DIR)."""
    if os.environ.get("ANSINH_USER_DIR"):
        return paths.user_dir() / "cache" / "clean-images"
    import platformdirs

    return Path(platformdirs.user_cache_dir(paths.APP_NAME, appauthor=False)) / "clean-images"


def _to_8bit_grey(image: Image.Image) -> Image.Image:
    # 16-bit grey holds 0..65535; convert("L") would clip it, so scale first. Plain "I"
    # (32-bit) is scaled only when its values leave the 8-bit range.
    wide = image.convert("I")
    sixteen = image.mode.startswith("I;16")
    scale = 255 / 65535 if sixteen or wide.getextrema()[1] > 255 else 1
    return wide.point(lambda value: value * scale).convert("L")


def normalise_mode(image: Image.Image) -> Image.Image:
    """RGB, RGBA, L or LA-free: modes every PDF writer and viewer handles."""
    mode = image.mode
    if mode in ("RGB", "RGBA", "L"):
        return image
    if mode == "P" or mode == "PA":
        has_alpha = "transparency" in image.info or mode == "PA"
        return image.convert("RGBA" if has_alpha else "RGB")
    if mode in ("LA", "La", "RGBa", "RGBX"):
        return image.convert("RGBA" if mode != "RGBX" else "RGB")
    if mode == "1":
        return image.convert("L")
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return _to_8bit_grey(image)
    if mode == "F":
        return image.convert("L")
    # CMYK, YCbCr, LAB, HSV and anything else become RGB.
    return image.convert("RGB")


def _encode(image: Image.Image, kind: str, source_info: dict) -> tuple[bytes, str]:
    out = io.BytesIO()
    options: dict = {}
    icc = source_info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "L") and source_info.get("_mode") == image.mode:
        options["icc_profile"] = icc  # colour management survives; metadata does not
    dpi = source_info.get("dpi")
    if dpi:
        options["dpi"] = tuple(float(v) for v in dpi)[:2]
    if image.mode == "RGBA" or kind == "png":
        image.save(out, "PNG", optimize=False, **options)
        return out.getvalue(), ".png"
    image.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0, **options)
    return out.getvalue(), ".jpg"


def clean_bytes(data: bytes, name: str = "ảnh") -> tuple[bytes, str]:
    """A clean re-encoding of a raster image: (bytes, suffix). SVG is returned as is."""
    found = probe(data, name)
    if found.kind == "svg":
        return data, ".svg"
    # WeasyPrint sets LOAD_TRUNCATED_IMAGES for the whole process at import; a photo
    # cut short by a failed copy must be refused here, not padded with grey.
    truncated_setting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[found.kind]]) as image:
                info = dict(image.info)
                info["_mode"] = image.mode
                if getattr(image, "n_frames", 1) > 1:
                    image.seek(0)  # animations: the first frame
                image.load()
                frame = ImageOps.exif_transpose(image) or image
                clean = normalise_mode(frame)
                if clean.mode != info["_mode"]:
                    info.pop("icc_profile", None)  # a CMYK profile does not fit RGB
                    info["_mode"] = clean.mode
                clean = clean.copy()  # detach from the source file and its metadata
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, found.width, found.height) from None
    except MemoryError:
        raise _too_many_pixels(name, found.width, found.height) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _damaged(name) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_setting
    clean.info = {}
    return _encode(clean, found.kind, info)


_MEMO: dict[tuple[str, int, int], Path] = {}


def clean_image(path: Path) -> Path:
    """The cleaned copy of the user's image at `path` (made once, then reused).

    A path that already is a cleaned copy (batch plans hand those on to the render)
    is returned as it is, so nothing is re-encoded twice.
    """
    path = Path(path)
    try:
        resolved = path.resolve()
        if resolved.is_relative_to(_resolved(cache_dir())) and path.is_file():
            return path
        info = path.stat()
        memo_key = (str(resolved), info.st_size, info.st_mtime_ns)
    except OSError:
        memo_key = None
    if memo_key in _MEMO and _MEMO[memo_key].is_file():
        return _MEMO[memo_key]
    data = read_limited(path)
    digest = hashlib.sha256(CLEAN_VERSION.encode() + b"\0" + data).hexdigest()
    folder = cache_dir() / digest[:2] / digest
    for suffix in (".png", ".jpg", ".svg"):
        existing = folder / f"image{suffix}"
        if existing.is_file() and existing.stat().st_size > 0:
            with contextlib.suppress(OSError):
                os.utime(existing)  # in use: the sweep keeps it
            if memo_key:
                _MEMO[memo_key] = existing
            return existing
    cleaned, suffix = clean_bytes(data, path.name)
    target = folder / f"image{suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(
            path.name,
            f"không tạo được thư mục tạm ({exc.strerror or exc}).",
            f"cannot create the cache folder ({exc.strerror or exc}).",
        ) from exc
    write_atomic(target, cleaned)
    if memo_key:
        _MEMO[memo_key] = target
    if not _SWEPT:
        _SWEPT.append(True)
        sweep_cache()
    return target


CACHE_KEEP_DAYS = 60  # copies unused this long are removed...
CACHE_MAX_BYTES = 1 << 30  # ...and the oldest ones while the cache is bigger than this
_SWEPT: list[bool] = []  # once per process, when the first new copy is made


def sweep_cache(now: float | None = None) -> int:
    """Remove cleaned copies nobody used for a long time; returns how many.

    Any removed copy is simply made again from its original when it is needed; a copy
    used in the last day is never removed (a batch may be handing it to its workers)."""
    now = time.time() if now is None else now
    entries = []
    for image in cache_dir().glob("??/*/image.*"):
        with contextlib.suppress(OSError):
            info = image.stat()
            entries.append((info.st_mtime, info.st_size, image))
    entries.sort()
    total = sum(size for _, size, _ in entries)
    removed = 0
    for mtime, size, image in entries:
        too_old = mtime < now - CACHE_KEEP_DAYS * 86400
        if not too_old and (total <= CACHE_MAX_BYTES or mtime > now - 86400):
            break
        try:
            image.unlink()
        except OSError:
            continue
        removed += 1
        total -= size
        with contextlib.suppress(OSError):
            image.parent.rmdir()
    return removed
