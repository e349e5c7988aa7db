"""Pages copied between PDFs that WeasyPrint (pydyf) wrote, streamed, without a PDF library.

`PdfWriter` writes a new PDF to a binary stream as pages are added from `SourcePdf`s:
each page and everything it reaches (content, fonts, images) is copied with new object
numbers, and only byte offsets are kept, so memory stays flat however many pages pass
through. A batch uses it twice: to cut every row's own PDF out of the one PDF
WeasyPrint writes for a chunk, and to join the row PDFs into the combined print file.
Reading and editing those bytes relies on how pydyf writes them, so it is done by the
engine's door (`render.engine`: `read_pdf`, `own_resources`, `drawn_over`, `renumbered`).
"""

from __future__ import annotations

from collections import deque
from typing import BinaryIO

from .render import engine


class SourcePdf:
    """A PDF's objects by number, its pages in order and its page tree."""

    def __init__(self, data: bytes) -> None:
        parts = engine.read_pdf(data)
        self.objects, self.tree, self.pages = parts.objects, parts.tree, parts.pages

    def joined(self, other: SourcePdf) -> tuple[SourcePdf, int]:
        """This PDF with `other`'s objects too, numbered past its own (its pages and
        page tree stay this PDF's), and what `other`'s numbers are shifted by: a page of
        `other` may then be the page a page of this one is drawn over (`add_pages`)."""
        shift = max(self.objects) + 1
        joined = object.__new__(SourcePdf)
        joined.tree, joined.pages = self.tree, self.pages
        joined.objects = self.objects | {
            number + shift: engine.renumbered(body, lambda n: n + shift)
            for number, body in other.objects.items()
        }
        return joined, shift


class PdfWriter:
    """A new PDF, written to `out` (at its start) as pages are added. Object 1 is the
    catalogue and 2 the page tree, written by `finish`."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.offsets: list[int] = [0, 0, 0]
        self.kids: list[int] = []
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def add_pages(
        self, source: SourcePdf, pages: list[int] | None = None, under: int | None = None
    ) -> None:
        """Append `pages` (object numbers, default all) of `source`. Objects are
        numbered as they are first referred to and written in that order: the pages and
        everything they reach, nothing else. A page's /Parent becomes our page tree.
        With `under` (a page of `source`, or of a PDF joined to it: `SourcePdf.joined`)
        each page first draws that page's content, as a form XObject: a batch row's own
        layer over the page its rows share."""
        pages = source.pages if pages is None else pages
        offsets, out = self.offsets, self.out
        queue = deque(pages)  # numbered, not yet written; the first is being written
        numbers = {source.tree: 2} | {page: len(offsets) + i for i, page in enumerate(pages)}
        objects = source.objects
        if under is not None or len(pages) < len(source.pages):  # else nothing to leave out
            used = [*pages, *([under] if under else [])]
            objects = objects | engine.own_resources(objects, used)
        if under is not None:
            objects |= engine.drawn_over(objects, pages, under)

        def number(old: int) -> int:
            if old not in numbers:
                numbers[old] = len(offsets) + len(queue)
                queue.append(old)
            return numbers[old]

        while queue:
            body = engine.renumbered(objects[queue[0]], number)
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % numbers[queue.popleft()])
            out.write(body + b"\nendobj\n")
        self.kids += [numbers[page] for page in pages]

    def finish(self, info: bytes = b"", catalogue: bytes = b"") -> int:
        """Write the page tree, the catalogue (plus `catalogue` entries), the document
        information dictionary `info` if any, and the cross-reference table; returns
        the number of pages."""
        offsets, out, kids = self.offsets, self.out, self.kids
        offsets[2] = out.tell()
        refs = b" ".join(b"%d 0 R" % kid for kid in kids)
        out.write(b"2 0 obj\n<</Type /Pages /Kids [%s] /Count %d>>\nendobj\n" % (refs, len(kids)))
        offsets[1] = out.tell()
        out.write(b"1 0 obj\n<</Type /Catalog /Pages 2 0 R%s>>\nendobj\n" % catalogue)
        trailer = b""
        if info:
            trailer = b" /Info %d 0 R" % len(offsets)
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n%s\nendobj\n" % (len(offsets) - 1, info))
        xref_at = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(offsets))
        out.writelines(b"%010d 00000 n \n" % offset for offset in offsets[1:])
        out.write(b"trailer\n<</Size %d /Root 1 0 R%s>>\n" % (len(offsets), trailer))
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
        return len(kids)
