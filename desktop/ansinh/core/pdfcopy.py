"""Pages copied between PDFs that WeasyPrint (pydyf) wrote, streamed, without a PDF library.

`PdfWriter` writes a new PDF to a binary stream as pages are added from `SourcePdf`s:
each page and everything it reaches (content, fonts, images) is copied with new object
numbers, and only byte offsets are kept, so memory stays flat however many pages pass
through. A batch uses it twice: to cut every row's own PDF out of the one PDF
WeasyPrint writes for a chunk, and to join the row PDFs into the combined print file.
"""

from __future__ import annotations

import functools
import itertools
import re
import zlib
from collections import deque
from typing import BinaryIO

# Strings are matched (and left alone) so that only real references are renumbered.
_REFERENCE = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|\b(\d+)\s+\d+\s+R\b")
_OBJECT_HEAD = re.compile(rb"\s*(\d+)\s+\d+\s+obj\b\s*")
_STREAM_START = re.compile(rb">>\s*stream\r?\n")
_DRAW_UNDER = b"q /ansinhUnder Do Q"
_NAME = re.compile(rb"/([^\s/\[\]<>(){}%]+)")
_LISTED = re.compile(rb"/(XObject|Pattern|Shading)\s*<<((?:[^<>]|<[^<])*?)>>")
_ENTRY = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*(\d+\s+\d+\s+R)")
_RESOURCES = re.compile(rb"/Resources\s+(\d+)\s+\d+\s+R")


def _number(text: bytes, key: bytes) -> int:
    found = re.search(rb"/" + key + rb"\s+(\d+)", text)
    if found is None:
        raise ValueError(f"PDF dictionary without /{key.decode()}")
    return int(found.group(1))


def _body(data: bytes, start: int, end: int) -> bytes:
    """An object's text between "N G obj" and "endobj"."""
    head = _OBJECT_HEAD.match(data, start)
    if head is None:
        raise ValueError(f"no PDF object at byte {start}")
    return data[head.end() : data.rindex(b"endobj", start, end)].rstrip()


def _stream_data(body: bytes) -> bytes:
    opened = _STREAM_START.search(body)
    assert opened is not None
    data = body[opened.end() : opened.end() + _number(body[: opened.end()], b"Length")]
    return zlib.decompress(data) if b"/FlateDecode" in body[: opened.end()] else data


def _pdf_objects(data: bytes) -> tuple[dict[int, bytes], bytes]:
    """Every object of a PDF that WeasyPrint (pydyf) wrote — one cross-reference section,
    as a table or a stream, objects plain or in object streams — by number, and the
    trailer dictionary."""
    xref_at = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])
    offsets: dict[int, int] = {}
    packed: dict[int, tuple[int, int]] = {}  # number -> (object stream, index)
    if data.startswith(b"xref", xref_at):
        trailer_at = data.index(b"trailer", xref_at)
        table = data[xref_at + 4 : trailer_at].split()
        i = 0
        while i < len(table):
            first, count = int(table[i]), int(table[i + 1])
            for k in range(count):
                offset, kind = table[i + 2 + 3 * k], table[i + 4 + 3 * k]
                if kind == b"n":
                    offsets[first + k] = int(offset)
            i += 2 + 3 * count
        trailer = data[trailer_at + 7 : data.index(b"startxref", trailer_at)]
    else:
        trailer = _body(data, xref_at, len(data))
        widths = [int(w) for w in re.search(rb"/W\s*\[([\d\s]+)\]", trailer).group(1).split()]
        index = re.search(rb"/Index\s*\[([\d\s]+)\]", trailer)
        ranges = index.group(1).split() if index else [0, _number(trailer, b"Size")]
        ranges = [int(n) for n in ranges]
        rows, at = _stream_data(trailer), 0
        for first, count in zip(ranges[::2], ranges[1::2], strict=True):
            for number in range(first, first + count):
                fields = []
                for width in widths:
                    fields.append(int.from_bytes(rows[at : at + width], "big") if width else 1)
                    at += width
                if fields[0] == 1:
                    offsets[number] = fields[1]
                elif fields[0] == 2:
                    packed[number] = (fields[1], fields[2])
        trailer = trailer[: _STREAM_START.search(trailer).start() + 2]
    following = dict(itertools.pairwise(sorted({*offsets.values(), xref_at, len(data)})))
    objects = {n: _body(data, at, following[at]) for n, at in offsets.items()}
    streams: dict[int, list[bytes]] = {}
    for number, (holder, index_in) in packed.items():
        if holder not in streams:
            body = objects[holder]
            content, first = _stream_data(body), _number(body, b"First")
            header = [int(n) for n in content[:first].split()]
            starts = [first + offset for offset in header[1::2]] + [len(content)]
            streams[holder] = [content[a:b].strip() for a, b in itertools.pairwise(starts)]
        objects[number] = streams[holder][index_in]
    return objects, trailer


class SourcePdf:
    """A PDF's objects by number, its pages in order and its page tree."""

    def __init__(self, data: bytes) -> None:
        self.objects, trailer = _pdf_objects(data)
        root = self.objects[int(re.search(rb"/Root\s+(\d+)", trailer).group(1))]
        self.tree = int(re.search(rb"/Pages\s+(\d+)", root).group(1))
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", self.objects[self.tree]).group(1)
        self.pages = [int(n) for n in re.findall(rb"(\d+)\s+\d+\s+R", kids)]

    def own_resources(self, pages: list[int]) -> dict[int, bytes]:
        """The resource dictionaries of `pages` cut down to what their content names.

        WeasyPrint gives every page of a document one shared resource dictionary, so a
        page copied by itself would take every other page's forms, patterns and
        shadings along (a chunk's row PDF would be 6× larger). Sub-dictionaries that
        hold more than plain references are kept whole."""
        used: dict[int, set[bytes]] = {}
        for page in pages:
            body = self.objects[page]
            found = _RESOURCES.search(body)
            contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)", body)
            if found is None or contents is None:
                continue
            names = used.setdefault(int(found.group(1)), set())
            for number in re.findall(rb"(\d+)\s+\d+\s+R", contents.group(1)):
                names.update(_NAME.findall(_stream_data(self.objects[int(number)])))

        def prune(names: set[bytes], match: re.Match[bytes]) -> bytes:
            entries = _ENTRY.findall(match.group(2))
            if _ENTRY.sub(b"", match.group(2)).strip():
                return match.group(0)  # not just references: keep it as it is
            kept = b"".join(b"/%s %s" % (name, ref) for name, ref in entries if name in names)
            return b"/%s <<%s>>" % (match.group(1), kept)

        return {
            number: _LISTED.sub(functools.partial(prune, names), self.objects[number])
            for number, names in used.items()
        }


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
        With `under` (a page of `source`) each page first draws that page's content, as
        a form XObject: a batch row's own layer over the page its rows share."""
        pages = source.pages if pages is None else pages
        offsets, out = self.offsets, self.out
        queue = deque(pages)  # numbered, not yet written; the first is being written
        numbers = {source.tree: 2} | {page: len(offsets) + i for i, page in enumerate(pages)}
        objects = source.objects
        if under is not None or len(pages) < len(source.pages):  # else nothing to leave out
            objects = objects | source.own_resources([*pages, *([under] if under else [])])
        if under is not None:
            objects |= _drawn_over(objects, pages, under)

        def swap(match: re.Match[bytes]) -> bytes:
            if match.group(1) is None:
                return match.group(0)  # a string
            number = int(match.group(1))
            if number not in numbers:
                numbers[number] = len(offsets) + len(queue)
                queue.append(number)
            return b"%d 0 R" % numbers[number]

        while queue:
            body = objects[queue[0]]
            opened = _STREAM_START.search(body)
            split = opened.start() if opened else len(body)
            head = _REFERENCE.sub(swap, body[:split])
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % numbers[queue.popleft()])
            out.write(head + body[split:] + b"\nendobj\n")
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


def _drawn_over(objects: dict[int, bytes], pages: list[int], under: int) -> dict[int, bytes]:
    """New bodies for `pages` that draw the page `under` first, and the new objects they
    refer to (numbered past the last object). WeasyPrint writes one content stream per
    page; the form reuses it as it is, with the page's box and resources."""
    body = objects[under]
    contents = re.search(rb"/Contents\s+(\d+)\s+\d+\s+R", body)
    resources = _RESOURCES.search(body)
    media = re.search(rb"/MediaBox\s*\[([^\]]*)\]", body)
    if contents is None or resources is None or media is None:
        raise ValueError("page without one content stream, resources or media box")
    free = itertools.count(max(objects) + 1)
    form, draw = next(free), next(free)
    stream = objects[int(contents.group(1))]
    new = {
        form: b"<</Type /XObject /Subtype /Form /BBox [%s] /Resources %s 0 R"
        % (media.group(1), resources.group(1))
        + stream[2:],
        draw: b"<</Length %d>>\nstream\n%s\nendstream" % (len(_DRAW_UNDER), _DRAW_UNDER),
    }
    for page in pages:
        own = objects[page]
        found = _RESOURCES.search(own)
        if found is None:
            raise ValueError("page without resources")
        number = next(free)
        listed = b"/ansinhUnder %d 0 R" % form
        entries = objects[int(found.group(1))]
        if b"/XObject <<" in entries:
            new[number] = entries.replace(b"/XObject <<", b"/XObject <<" + listed, 1)
        else:
            new[number] = entries[:-2] + b"/XObject <<" + listed + b">>>>"
        own = own.replace(found.group(0), b"/Resources %d 0 R" % number, 1)
        contents = rb"/Contents\s*(\d+\s+\d+\s+R)"
        new[page] = re.sub(contents, b"/Contents [%d 0 R \\1]" % draw, own, count=1)
    return new
