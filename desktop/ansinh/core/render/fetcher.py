"""The only way a template reaches files: regular files under allowed folders.

WeasyPrint would otherwise fetch any URL (http, file:///etc/passwd, devices).
Here only `data:` URLs and `file:` URLs of regular files inside the allowed roots
(template folder, shared layout, assets, the campaign's images) are served, with a
size cap; everything refused is recorded so a render can report it.
"""

from __future__ import annotations

import mimetypes
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_RESOURCE_BYTES = 40 * 1024 * 1024


class SafeFetcher(URLFetcher):
    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def _allowed(self, path: Path) -> bool:
        return any(path.is_relative_to(root) for root in self.roots)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            self.refused.append(url)
            raise ValueError(f"refused URL scheme: {url[:80]}")
        path = Path(unquote(urlsplit(url).path))
        try:
            resolved = path.resolve(strict=True)
            info = resolved.stat()
        except OSError:
            self.refused.append(url)
            raise ValueError(f"missing file: {path.name}") from None
        if not (self._allowed(resolved) and stat.S_ISREG(info.st_mode)):
            self.refused.append(url)
            raise ValueError(f"file outside the allowed folders: {path.name}")
        if info.st_size > MAX_RESOURCE_BYTES:
            self.refused.append(url)
            raise ValueError(f"file too large: {path.name}")
        with open(resolved, "rb") as handle:
            body = handle.read(MAX_RESOURCE_BYTES + 1)
        mime = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        return URLFetcherResponse(resolved.as_uri(), body, {"Content-Type": mime})
