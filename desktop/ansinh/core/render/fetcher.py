"""The only way a template reaches files: allowed kinds of regular files in allowed folders.

WeasyPrint fetches every URL a document names — `<img>`, `<link rel=stylesheet>`,
`@import`, `url()` in CSS, `@font-face`, `<link rel=attachment>` and `<a rel=attachment>`,
references inside SVG — through one URL fetcher, and by default it would fetch anything
(http, `file:///etc/passwd`, `/dev/urandom`). `SafeFetcher` serves only:

* `file:` URLs (no host, or `localhost`) of **regular files** whose resolved path (all
  symlinks followed) lies inside one of the allowed roots: the template's folder, the
  shared layout, `assets/` and the folders of the campaign's (cleaned) images. The file
  is opened without following a final symlink and without blocking, and re-checked on
  the open descriptor (still the same regular file), so a FIFO or a device swapped in
  is never read.
* `data:` URLs, decoded here (WeasyPrint's own decoder is not used).
* **Only allowed kinds of content**, recognised from the bytes, never from the name:
  PNG, JPEG, WebP (header size at most `images.MAX_PIXELS`), SVG (no DTD/entities),
  TrueType/OpenType/WOFF fonts and CSS (UTF-8 text, `.css` files or `text/css` data).
  An EPS renamed `.png`, a PDF, an HTML page or `template.toml` named by an attachment
  are refused.
* Within size caps per resource, per render (`MAX_TOTAL_BYTES`) and a cap on the number
  of fetches; http, https, ftp and every other scheme are refused, so there is nothing
  to redirect.

Every refusal raises inside WeasyPrint (which then leaves the resource out) and is
recorded in `refused`, so a render can report which URL its template may not use.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .. import images
from ..errors import UserError

MAX_RESOURCE_BYTES = 40 * 1024 * 1024
MAX_CSS_BYTES = 2 * 1024 * 1024
MAX_DATA_URL_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_FETCHES = 2000

FONT_MAGIC = {
    b"\x00\x01\x00\x00": "font/ttf",
    b"true": "font/ttf",
    b"OTTO": "font/otf",
    b"ttcf": "font/collection",
    b"wOFF": "font/woff",
    b"wOF2": "font/woff2",
}
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
SVG_TYPE = "image/svg+xml"
CSS_TYPE = "text/css"


class Refused(ValueError):
    """A URL the template may not use (WeasyPrint logs it and leaves the resource out)."""


def content_type(data: bytes, css_allowed: bool) -> str | None:
    """The served type of `data`, recognised from its bytes, or None if not allowed."""
    for magic, mime in FONT_MAGIC.items():
        if data.startswith(magic):
            return mime
    kind = images.sniff(data)
    if kind in IMAGE_TYPES:
        images.probe(data)  # header: allowed decoder, sane pixel count (UserError if not)
        return IMAGE_TYPES[kind]
    if kind == "svg":
        images.probe(data)  # parses, no DTD/entities
        return SVG_TYPE
    if css_allowed and len(data) <= MAX_CSS_BYTES and b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return CSS_TYPE
    return None


class SafeFetcher(URLFetcher):
    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [Path(root).resolve() for root in roots]
        self.refused: list[str] = []
        self.fetched: list[Path] = []  # files served, for tests and reports
        self.total_bytes = 0
        self.count = 0

    def _allowed(self, path: Path) -> bool:
        return any(path.is_relative_to(root) for root in self.roots)

    def _refuse(self, url: str, why: str) -> Refused:
        self.refused.append(url)
        return Refused(f"{why}: {url[:120]}")

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.count += 1
        if self.count > MAX_FETCHES:
            raise self._refuse(url, "too many resources")
        scheme = url.split(":", 1)[0].strip().lower()
        if scheme == "data":
            return self._data(url)
        if scheme != "file":
            raise self._refuse(url, "refused URL scheme")
        return self._file(url)

    def _serve(self, url: str, data: bytes, css_allowed: bool, where: str) -> URLFetcherResponse:
        try:
            mime = content_type(data, css_allowed)
        except UserError:
            mime = None
        if mime is None:
            raise self._refuse(url, "refused content (not an allowed image, font or CSS)")
        self.total_bytes += len(data)
        if self.total_bytes > MAX_TOTAL_BYTES:
            raise self._refuse(url, "resources too large in total")
        return URLFetcherResponse(where, data, {"Content-Type": mime})

    def _data(self, url: str) -> URLFetcherResponse:
        header, comma, payload = url[5:].partition(",")
        if not comma or len(payload) > MAX_DATA_URL_BYTES * 2:
            raise self._refuse(url, "malformed or oversized data URL")
        params = [p.strip().lower() for p in header.split(";")]
        try:
            raw = unquote_to_bytes(payload)
            data = base64.b64decode(raw, validate=False) if "base64" in params[1:] else raw
        except (binascii.Error, ValueError):
            raise self._refuse(url, "malformed data URL") from None
        if len(data) > MAX_DATA_URL_BYTES:
            raise self._refuse(url, "oversized data URL")
        return self._serve(url, data, params[0] == CSS_TYPE, "data:")

    def _file(self, url: str) -> URLFetcherResponse:
        try:
            parts = urlsplit(url)
        except ValueError:  # "file://[": an unbalanced IPv6 host
            raise self._refuse(url, "malformed file URL") from None
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "file URL with a host")  # \\server\share on Windows
        try:
            path = Path(url2pathname(parts.path))
            resolved = path.resolve(strict=True)
            info = resolved.stat()
        except (OSError, RuntimeError, ValueError):
            raise self._refuse(url, "missing file") from None
        if not self._allowed(resolved):
            raise self._refuse(url, "file outside the allowed folders")
        if not stat.S_ISREG(info.st_mode):
            raise self._refuse(url, "not a regular file")
        if info.st_size > MAX_RESOURCE_BYTES:
            raise self._refuse(url, "file too large")
        data = self._read(url, resolved, info)
        css_allowed = resolved.suffix.lower() == ".css"
        response = self._serve(url, data, css_allowed, resolved.as_uri())
        self.fetched.append(resolved)
        return response

    def _read(self, url: str, resolved: Path, info: os.stat_result) -> bytes:
        flags = (
            os.O_RDONLY
            | getattr(os, "O_NOFOLLOW", 0)
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_BINARY", 0)
        )
        try:
            fd = os.open(resolved, flags)
        except OSError:
            raise self._refuse(url, "cannot open file") from None
        try:
            opened = os.fstat(fd)
            same = (opened.st_dev, opened.st_ino) == (info.st_dev, info.st_ino)
            if not (same and stat.S_ISREG(opened.st_mode)):
                raise self._refuse(url, "file changed while opening")
            chunks, size = [], 0
            while size <= MAX_RESOURCE_BYTES:
                chunk = os.read(fd, 1024 * 1024)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        if size > MAX_RESOURCE_BYTES:
            raise self._refuse(url, "file too large")
        return b"".join(chunks)
