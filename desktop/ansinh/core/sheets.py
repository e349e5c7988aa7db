"""Read officers' spreadsheets (XLSX, CSV) into rows keyed by header.

Officers' lists are made by hand: a title row or a letterhead above the header, merged
cells (a vertically merged "Xã" column), trailing empty rows, CSV files in whatever
encoding Excel or an old office PC produced. This module turns them into plain rows:

* **Format** is recognised from the content, not the extension: a zip is XLSX (OpenDocument
  is refused), an OLE2 file is an old .xls or a password-protected workbook (both refused
  with instructions), HTML/XML "spreadsheets" exported by web systems are refused, anything
  else is read as CSV text.
* **Streaming.** `iter_rows` reads XLSX with openpyxl's read-only mode in one pass, so
  memory does not grow with the sheet: the first 1,000 non-empty rows are read ahead to
  find the header, the used columns and the text reading, then rows stream. Read-only
  mode does not expose merged ranges (Excel stores them after the cells), so they are
  scanned beforehand from the sheet's XML, which costs one extra decompression and no
  parsing. `read_table` collects the stream. CSV files are decoded whole (they are
  limited to 64 MiB) and parsed lazily.
* **Bounds** (hostile or careless files end in one `UserError`, early): the file must be
  a regular file (a FIFO or device is refused, never opened blocking); a workbook is
  checked on its zip directory before anything inflates (64 MiB per member, 256 MiB in
  all, at most 100:1 for members over 1 MiB); the scan of the sheet's XML (and of the
  shared strings, before openpyxl loads them) refuses a declared dimension over 10
  million cells and any text run too long for a cell; a cell over 32,767 characters
  (Excel's limit) is refused naming it; at most 20,000 data rows.
* **CSV decoding:** UTF-8 with BOM (Excel's "CSV UTF-8"), UTF-16 with BOM (Excel's
  "Unicode text"), UTF-8, and otherwise one byte per character: Windows-1258, TCVN3 (ABC)
  or VNI-Windows, whichever reads as the most valid Vietnamese syllables; bytes that are
  not UTF-8 and not mostly Vietnamese syllables under any of these are refused naming
  the first bad byte. The delimiter (`,` `;` tab) is the one that splits the first
  records most consistently, among those standing before a quoted cell if there are
  any; when none splits at least half of them alike, the file is refused.
* **Legacy fonts.** Text typed with TCVN3 (.VnTime) or VNI fonts reaches Unicode files
  as mojibake ("Th«n §ång T©m", "Thoân Ñoàng Taâm"), in XLSX and UTF-8 CSV alike. A sample
  of the strings is scored as Vietnamese syllables under each reading; when a legacy
  reading wins, every string is converted (a cell keeps its own reading if the legacy one
  is worse) and `legacy` names the encoding so the UI can ask the user to check. TCVN3 has
  no upper-case toned letters (old files used the ".VnTimeH" capitals font instead): a
  word with two or more capitals and no lower-case ASCII letter is upper-cased whole.
* **Header row:** the first of the first 50 non-empty rows holding at least
  max(2, ⌈W/2⌉) text cells, W being the widest of those rows, preferring one followed
  by another non-empty row; a title merged across columns counts as one cell, so it is
  skipped. Failing that, the first row with text. Callers may force the row. A row of
  column numbers right under the header ("1 2 3 …", "(1) (2) …", "A B 1 2"), usual on
  official forms, is skipped.
* **Values:** merged ranges give their top-left value to every cell; strings are NFC,
  "Ð" (U+00D0) becomes "Đ", whitespace runs (newlines in cells too) become one space,
  invisible characters go; empty strings become None. XLSX numbers stay numbers (int when
  integral), dates stay `date` (`datetime` when the format shows a time), formulas give
  their cached values. CSV cells are text except plain integers without leading zeros
  (so phone numbers keep their "0") and dates written d/m/yyyy (day first, as in
  Vietnam) or yyyy-mm-dd, optionally with a time.
* **Columns and rows:** columns without a header and without data below it are dropped;
  an empty header becomes "Cột C" (its letter); duplicates become "Ghi chú (2)"
  (compared case-insensitively). Rows without any value of their own are skipped (cells
  filled only by a merged range do not count, so a vertical merge running past the last
  entry adds no rows). `Row.number` is the row number Excel shows.

Limits: one header row (a two-level header yields its second level as a data row); total
and signature rows below the table are returned as rows; hidden rows and columns are read
like visible ones; a column without a header whose first value comes after the first
1,000 rows is not read; floats in CSV stay text; .xls and .ods files are refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import re
import unicodedata
import warnings
import weakref
import zipfile
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from defusedxml import ElementTree

from ansinh.core.errors import UserError
from ansinh.core.safedata import open_regular

if TYPE_CHECKING:
    import openpyxl

CellValue = str | int | float | date | datetime | None

_MAX_CSV_BYTES = 64 * 1024 * 1024
_MAX_ROWS = 20_000  # data rows in one sheet: a commune's list is a few thousand
_MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# A workbook is bounded on its zip directory before anything is inflated: zipfile never
# inflates a member past its declared size (a lying header only cuts the member short,
# which then fails its CRC check as damaged), so declared sizes bound the work.
_MAX_PART_BYTES = 64 * 1024 * 1024  # one member: 20,000 rows of 30 columns take ~30 MB
_MAX_WORKBOOK_BYTES = 256 * 1024 * 1024
_MAX_RATIO = 100  # real sheets deflate ~10-30:1; filler reaches ~1000:1
_RATIO_FROM = 1024 * 1024  # smaller members may compress further: they cost nothing
_MAX_DECLARED_CELLS = 10_000_000  # a sheet's <dimension>, formatted empty cells included
# Bytes between two "<" in the XML: a cell's text is at most 32,767 characters, each at
# most 3 bytes of UTF-8 or an escape like "&amp;"; longer runs are refused before parsing.
_MAX_TEXT_BYTES = 8 * _MAX_CELL_CHARS
_HEADER_SCAN_ROWS = 50
_LOOKAHEAD_ROWS = 1000
_SAMPLE_STRINGS = 2000


@dataclass(slots=True)
class Row:
    """One data row: its number as Excel shows it, and a value for every header."""

    number: int
    values: dict[str, CellValue]


@dataclass
class Table:
    """A whole sheet or CSV file.

    `header_row` is 1-based as Excel shows it; `sheet` is the sheet read and `sheets` all
    the workbook's sheets (None and [] for CSV); `encoding` is how a CSV file was decoded
    ("utf-8-sig", "utf-8", "utf-16", "cp1258", "tcvn3", "vni") or "xlsx"; `legacy` is
    "tcvn3" or "vni" when legacy-font text was converted to Unicode (worth a warning).
    """

    headers: list[str]
    rows: list[Row]
    header_row: int
    sheet: str | None
    sheets: list[str]
    encoding: str
    legacy: str | None


class RowIterator(Iterator[Row]):
    """The rows of a sheet, read on demand; also says where they came from.

    `sheet`/`sheets` as in `Table`; `encoding` is the CSV encoding or "xlsx"; `legacy` is
    "tcvn3" or "vni" when legacy-font text was converted. Close it (or use `with`) to
    release the file early when not reading to the end.
    """

    def __init__(
        self, rows: Generator[Row, None, None], source: _Source, legacy: str | None
    ) -> None:
        self._rows = rows
        self._release = weakref.finalize(self, source.close)
        self.sheet = source.sheet
        self.sheets = source.sheets
        self.encoding = legacy if source.single_byte and legacy else source.encoding
        self.legacy = legacy

    def __next__(self) -> Row:
        return next(self._rows)

    def close(self) -> None:
        self._rows.close()
        self._release()

    def __enter__(self) -> RowIterator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class RowStream(NamedTuple):
    headers: list[str]
    header_row: int
    rows: RowIterator


def read_table(path: Path, sheet: str | None = None, *, header_row: int | None = None) -> Table:
    """Read a whole sheet (XLSX) or CSV file; see the module docstring for the rules."""
    headers, found_row, rows = iter_rows(path, sheet, header_row=header_row)
    with rows:
        return Table(
            headers=headers,
            rows=list(rows),
            header_row=found_row,
            sheet=rows.sheet,
            sheets=rows.sheets,
            encoding=rows.encoding,
            legacy=rows.legacy,
        )


def iter_rows(path: Path, sheet: str | None = None, *, header_row: int | None = None) -> RowStream:
    """Find the header of a sheet or CSV file and return its rows as a lazy iterator.

    `sheet` picks an XLSX sheet by name (default: the first visible one; ignored for
    CSV); `header_row` forces the header's row number instead of detecting it. The file
    stays open until the rows are exhausted or closed (or the iterator is collected).
    """
    path = Path(path)
    source = _open_source(path, sheet)
    raw_rows = source.rows()
    try:
        layout, window = _survey(source, raw_rows, header_row)
    except BaseException:
        raw_rows.close()
        source.close()
        raise
    rows = _generate_rows(source, layout, window, raw_rows)
    return RowStream(layout.headers, layout.header_row, RowIterator(rows, source, layout.legacy))


# --- errors -------------------------------------------------------------------------------


def _error(path: Path, vi: str, en: str, line: int | None = None) -> UserError:
    return UserError(vi=vi, en=en, path=str(path), line=line)


def _corrupt_xlsx(path: Path) -> UserError:
    return _error(
        path,
        "Tệp Excel bị hỏng hoặc không phải bảng tính .xlsx hợp lệ. "
        "Hãy mở tệp trong Excel và lưu lại thành .xlsx.",
        "The Excel file is damaged or not a valid .xlsx workbook. "
        "Open it in Excel and save it again as .xlsx.",
    )


def _number(value: int) -> str:
    """20000 → "20.000", as Vietnamese writes it."""
    return f"{value:,}".replace(",", ".")


def _long_cell(path: Path, kind: str, row: int | None, column: int | None) -> UserError:
    """A cell of the `kind` file (Excel, CSV) over Excel's limit; `row` (1-based) and
    `column` (0-based) when known."""
    limit = _number(_MAX_CELL_CHARS)
    if row is not None and column is not None:
        letter = _column_letter(column)
        where = f"Ô {letter}{row} trong tệp {kind} (dòng {row}, cột {letter})"
        where_en = f"Cell {letter}{row} of the {kind} file (row {row}, column {letter})"
    else:
        where, where_en = f"Một ô trong tệp {kind}", f"A cell of the {kind} file"
    return _error(
        path,
        f"{where} dài quá {limit} ký tự (giới hạn một ô của Excel), không đọc. "
        "Hãy rút ngắn nội dung ô đó.",
        f"{where_en} is longer than {_MAX_CELL_CHARS:,} characters (Excel's limit for one "
        "cell); not read. Shorten that cell.",
        line=row,
    )


def _check_cells(path: Path, kind: str, number: int, cells: Sequence[object]) -> None:
    for column, item in enumerate(cells):
        if isinstance(item, str) and len(item) > _MAX_CELL_CHARS:
            raise _long_cell(path, kind, number, column)


# --- sources ------------------------------------------------------------------------------


class _Source:
    """One sheet of raw cells: strings undecoded, other values already final."""

    path: Path
    sheet: str | None = None
    sheets: list[str]
    encoding: str
    single_byte = False  # strings carry bytes (latin-1) still to be decoded
    infer_types = False  # CSV: integers and dates are recognised in text
    merges: list[tuple[int, int, int, int]]  # (min_col, min_row, max_col, max_row)

    def rows(self) -> Generator[tuple[int, list[object]], None, None]:
        """Every row from row 1 on, as (row number, raw cells)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the file; the source is unusable afterwards."""


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(rb"^\s*<(?:!doctype\s+html|html|table|\?xml)", re.IGNORECASE)


def _open_source(path: Path, sheet: str | None) -> _Source:
    # One handle serves every read, so what was checked (a regular file, not a FIFO
    # that would block for ever) is what is read.
    try:
        handle = open_regular(path)
    except FileNotFoundError as exc:
        raise _error(path, "Không tìm thấy tệp.", "File not found.") from exc
    except OSError as exc:
        raise _error(
            path,
            "Không mở được tệp (không có quyền đọc hoặc tệp đang bị khóa).",
            "Cannot open the file (no read permission, or it is locked).",
        ) from exc
    try:
        head = _read(path, handle, 4096)
        if not head.strip():
            raise _error(path, "Tệp trống.", "The file is empty.")
        if head.startswith(_ZIP_MAGIC):
            return _XlsxSource(path, handle, sheet)  # keeps it: rows are read on demand
        with handle:
            return _other_source(path, handle, head)
    except BaseException:
        handle.close()
        raise


def _read(path: Path, handle: BinaryIO, size: int) -> bytes:
    try:
        return handle.read(size)
    except OSError as exc:
        raise _error(path, "Không đọc được tệp.", "Cannot read the file.") from exc


def _other_source(path: Path, handle: BinaryIO, head: bytes) -> _Source:
    if head.startswith(_OLE_MAGIC):
        raise _ole_error(path, handle)
    if _MARKUP.match(head.removeprefix(codecs.BOM_UTF8)):
        raise _error(
            path,
            "Tệp này là trang web (HTML) hoặc XML do phần mềm xuất ra, không phải bảng tính "
            "thật. Hãy mở tệp trong Excel rồi chọn Lưu thành (Save As) → Sổ làm việc Excel "
            "(.xlsx).",
            "This file is a web page (HTML) or XML exported by some software, not a real "
            "spreadsheet. Open it in Excel and use Save As → Excel Workbook (.xlsx).",
        )
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        raise _corrupt_xlsx(path)
    return _CsvSource(path, head + _read(path, handle, _MAX_CSV_BYTES + 1 - len(head)))


def _ole_error(path: Path, handle: BinaryIO) -> UserError:
    try:
        handle.seek(0)
        encrypted = "EncryptedPackage".encode("utf-16-le") in handle.read(_MAX_CSV_BYTES)
    except OSError:
        encrypted = False
    if encrypted:
        return _error(
            path,
            "Tệp Excel được đặt mật khẩu. Hãy mở tệp trong Excel, gỡ mật khẩu (Tệp → Thông tin "
            "→ Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại.",
            "The Excel file is password-protected. Open it in Excel, remove the password "
            "(File → Info → Protect Workbook → Encrypt with Password, clear it) and save.",
        )
    return _error(
        path,
        "Tệp Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở tệp trong Excel rồi chọn "
        "Lưu thành (Save As) → Sổ làm việc Excel (.xlsx).",
        "Excel 97–2003 workbooks (.xls) are not supported. Open the file in Excel and use "
        "Save As → Excel Workbook (.xlsx).",
    )


class _XlsxSource(_Source):
    encoding = "xlsx"

    def __init__(self, path: Path, handle: BinaryIO, sheet: str | None) -> None:
        self.path = path
        self._resources = ExitStack()
        self._resources.enter_context(handle)
        try:
            archive = self._resources.enter_context(_open_archive(path, handle))
            _check_archive(path, archive)
            if _is_opendocument(archive):
                raise _error(
                    path,
                    "Tệp OpenDocument (.ods) không được hỗ trợ. Hãy lưu thành .xlsx hoặc .csv.",
                    "OpenDocument spreadsheets (.ods) are not supported. Save as .xlsx or .csv.",
                )
            # openpyxl reads the shared strings whole when the workbook opens.
            if strings := _shared_strings_part(path, archive):
                _scan_part(path, archive, strings)
            # One read-only workbook serves every pass (opening one re-reads shared strings).
            book = self._resources.enter_context(_open_workbook(path, handle))
            names = [ws.title for ws in book.worksheets]
            if not names:
                raise _error(
                    path, "Tệp Excel không có trang tính nào.", "The workbook has no sheets."
                )
            visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
            self.sheets = names
            self.sheet = _pick_sheet(path, names, visible, sheet)
            self.merges = _scan_part(path, archive, _sheet_part(path, archive, self.sheet))
        except BaseException:
            self.close()
            raise
        self._worksheet = book[self.sheet]
        self._worksheet.reset_dimensions()  # some producers write a wrong "used range"

    def rows(self) -> Generator[tuple[int, list[object]], None, None]:
        cells = self._worksheet.iter_rows(min_row=1, min_col=1)
        number = 0
        while True:
            try:
                row = next(cells, None)
            except Exception as exc:  # openpyxl raises many types on damaged XML
                raise _corrupt_xlsx(self.path) from exc
            if row is None:
                return
            number += 1
            values = [_xlsx_value(cell) for cell in row]
            _check_cells(self.path, "Excel", number, values)
            yield number, values

    def close(self) -> None:
        self._resources.close()


@contextmanager
def _open_workbook(path: Path, handle: BinaryIO) -> Iterator[openpyxl.Workbook]:
    """Open a workbook read-only, turning every openpyxl failure into a UserError."""
    try:
        # Imported here, in the reading thread: it takes ~0.3 s, which the desktop
        # app would otherwise spend on the UI thread when the batch dialog opens.
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions, default styles
            # A file object rather than a path skips openpyxl's check of the file suffix.
            book = openpyxl.load_workbook(
                handle, read_only=True, data_only=True, keep_links=False
            )
    except Exception as exc:  # zipfile, XML, KeyError, ValueError… all mean "damaged"
        raise _corrupt_xlsx(path) from exc
    try:
        yield book
    finally:
        book.close()


def _open_archive(path: Path, handle: BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(handle)
    except Exception as exc:  # BadZipFile, a truncated directory, bad offsets
        raise _corrupt_xlsx(path) from exc


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose members would inflate too far (a zip bomb), on the sizes
    the zip directory declares: nothing is inflated yet."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > _MAX_PART_BYTES or total > _MAX_WORKBOOK_BYTES:
            megabytes = (info.file_size if info.file_size > _MAX_PART_BYTES else total) >> 20
            raise _error(
                path,
                f"Tệp Excel giải nén ra quá lớn ({_number(megabytes)} MB; tối đa "
                f"{_MAX_PART_BYTES >> 20} MB mỗi phần, {_MAX_WORKBOOK_BYTES >> 20} MB cả tệp), "
                f"không đọc. Một bảng tính tối đa {_number(_MAX_ROWS)} dòng: hãy tách thành "
                "nhiều tệp.",
                f"The Excel file inflates too far ({megabytes:,} MB; at most "
                f"{_MAX_PART_BYTES >> 20} MB per part, {_MAX_WORKBOOK_BYTES >> 20} MB in all); "
                f"not read. A sheet holds at most {_MAX_ROWS:,} rows: split it into several "
                "files.",
            )
        if info.file_size > _RATIO_FROM and info.file_size > _MAX_RATIO * info.compress_size:
            ratio = info.file_size // max(info.compress_size, 1)
            raise _error(
                path,
                f"Tệp Excel nén bất thường (phần «{info.filename}» nén {ratio}:1, tối đa "
                f"{_MAX_RATIO}:1): có thể là tệp phá hoại (zip bomb), không đọc.",
                f"The Excel file is compressed abnormally (part «{info.filename}» at "
                f"{ratio}:1, at most {_MAX_RATIO}:1): possibly a zip bomb; not read.",
            )


def _is_opendocument(archive: zipfile.ZipFile) -> bool:
    try:
        with archive.open("mimetype") as member:
            return member.read(64).startswith(b"application/vnd.oasis.opendocument")
    except Exception:  # no mimetype, or damage that opening the workbook will report
        return False


def _pick_sheet(path: Path, names: list[str], visible: list[str], wanted: str | None) -> str:
    if wanted is None:
        return (visible or names)[0]
    if wanted in names:
        return wanted
    key = _clean(wanted).casefold()
    for name in names:
        if _clean(name).casefold() == key:
            return name
    listing = ", ".join(f"“{name}”" for name in names)
    raise _error(
        path,
        f"Không có trang tính “{wanted}”. Các trang có trong tệp: {listing}.",
        f"There is no sheet “{wanted}”. The workbook has: {listing}.",
    )


_MERGE_CELL = re.compile(
    rb"<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)[\"']"
)
_DIMENSION = re.compile(
    rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)[\"']"
)
_CELL_REF = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br\s*=\s*[\"']([A-Za-z]+)([0-9]+)[\"']")
_CHUNK = 1 << 20
_OVERLAP = 512


def _scan_part(path: Path, archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """Check an XML part in one streamed pass before openpyxl parses it; return the
    merged ranges it holds (a sheet's come after all its cells).

    Refused: a text run longer than a cell can hold, and a sheet whose declared
    dimension is out of bounds. A byte scan rather than an XML parse: "<mergeCell"
    cannot occur in well-formed XML except as that element (text content escapes "<").
    """
    from openpyxl.utils.cell import column_index_from_string, range_boundaries

    found: dict[int, bytes] = {}
    try:
        with archive.open(part) as xml:
            offset, window = 0, b""
            while chunk := xml.read(_CHUNK):
                window += chunk
                if offset == 0 and (dimension := _DIMENSION.search(window)):
                    _check_dimension(path, dimension.group(1).decode("ascii"))
                if (start := _long_text(window)) is not None:
                    refs = _CELL_REF.findall(window[max(0, start - _OVERLAP) : start])
                    letters, row = refs[-1] if refs else (b"", b"")
                    raise _long_cell(
                        path,
                        "Excel",
                        int(row) if row else None,
                        column_index_from_string(letters.decode("ascii")) - 1 if row else None,
                    )
                if b"mergeCell" in window:  # a fast test: they are all at the end
                    for match in _MERGE_CELL.finditer(window):
                        found[offset + match.start()] = match.group(1)
                # Keep the unfinished text run whole (it is bounded: a longer one was
                # refused) and some bytes before it, for a tag cut in two.
                keep_from = max(0, window.rfind(b"<") - _OVERLAP)
                offset += keep_from
                window = window[keep_from:]
        return [range_boundaries(ref.decode("ascii")) for ref in found.values()]
    except UserError:
        raise
    except Exception as exc:  # a damaged part: same answer as openpyxl's failures
        raise _corrupt_xlsx(path) from exc


def _long_text(window: bytes) -> int | None:
    """Where a run of over _MAX_TEXT_BYTES bytes without "<" starts in `window`, if any.

    Such a run holds a whole half-length block, so only blocks without "<" (a fast
    byte search; eight per megabyte) are looked at closer."""
    half = _MAX_TEXT_BYTES // 2
    for block in range(0, len(window) - half + 1, half):
        if window.find(b"<", block, block + half) == -1:
            start = window.rfind(b"<", 0, block) + 1
            end = window.find(b"<", block + half)
            if (end if end != -1 else len(window)) - start > _MAX_TEXT_BYTES:
                return start
    return None


def _check_dimension(path: Path, ref: str) -> None:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    cells = (max_row - min_row + 1) * (max_col - min_col + 1)
    if cells > _MAX_DECLARED_CELLS or max_row > 1_048_576 or max_col > 16_384:
        raise _error(
            path,
            f"Trang tính khai báo vùng dữ liệu «{ref}» quá lớn (tối đa "
            f"{_number(_MAX_DECLARED_CELLS)} ô; {_number(_MAX_ROWS)} dòng dữ liệu), không đọc. "
            "Hãy xóa các dòng, cột thừa hoặc tách thành nhiều tệp.",
            f"The sheet declares a used range «{ref}» that is too large (at most "
            f"{_MAX_DECLARED_CELLS:,} cells; {_MAX_ROWS:,} data rows); not read. Delete "
            "unused rows and columns or split it into several files.",
        )


_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _shared_strings_part(path: Path, archive: zipfile.ZipFile) -> str | None:
    """The member openpyxl reads as shared strings (by content type, as openpyxl finds it)."""
    try:
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except Exception as exc:  # missing or damaged: not a workbook openpyxl would open
        raise _corrupt_xlsx(path) from exc
    for element in types:
        if _local(element.tag) == "Override" and element.get("ContentType") == _SHARED_STRINGS:
            return element.get("PartName", "").lstrip("/") or None
    return None


def _sheet_part(path: Path, archive: zipfile.ZipFile, sheet: str) -> str:
    """The zip member holding `sheet`, found through the package relationships."""
    try:
        package = _relationships(archive, "")
        workbook = next(t for kind, t in package.values() if kind.endswith("/officeDocument"))
        targets = _relationships(archive, workbook)
        for element in ElementTree.fromstring(archive.read(workbook)).iter():
            if _local(element.tag) == "sheet" and element.get("name") == sheet:
                rel_id = next(v for k, v in element.attrib.items() if _local(k) == "id")
                return targets[rel_id][1]
    except Exception as exc:  # openpyxl read the same parts: only damage gets here
        raise _corrupt_xlsx(path) from exc
    raise _corrupt_xlsx(path)


def _relationships(archive: zipfile.ZipFile, owner: str) -> dict[str, tuple[str, str]]:
    """Id → (type, zip member) for the relationships of part `owner` ("": the package)."""
    folder, _, name = owner.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    return {
        element.get("Id", ""): (
            element.get("Type", ""),
            _resolve(folder, element.get("Target", "")),
        )
        for element in ElementTree.fromstring(archive.read(rels))
        if _local(element.tag) == "Relationship"
    }


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    parts: list[str] = []
    for part in f"{folder}/{target}".split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


_TIME_TOKENS = re.compile(r"[hs]", re.IGNORECASE)
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _xlsx_value(cell: object) -> object:
    value = getattr(cell, "value", None)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, datetime):
        number_format = _FORMAT_LITERALS.sub("", getattr(cell, "number_format", ""))
        return value if _TIME_TOKENS.search(number_format) else value.date()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, timedelta):
        return str(value)
    return value


class _CsvSource(_Source):
    infer_types = True

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.sheets = []
        self.merges = []
        if len(data) > _MAX_CSV_BYTES:
            raise _error(
                path,
                "Tệp CSV quá lớn (trên 64 MB). Hãy tách thành nhiều tệp nhỏ hơn.",
                "The CSV file is too large (over 64 MB). Split it into smaller files.",
            )
        self.text, self.encoding, self.single_byte = _decode_csv(path, data)
        self.delimiter = _sniff_delimiter(path, self.text)

    def rows(self) -> Generator[tuple[int, list[object]], None, None]:
        lines = io.StringIO(self.text, newline="")
        reader = csv.reader(lines, delimiter=self.delimiter)
        number = 0
        while True:
            start = lines.tell()  # the reader takes whole lines, one record at a time
            try:
                record = next(reader, None)
            except csv.Error as exc:
                # csv stops at cells over 131,072 characters: name the cell instead.
                column = _long_cell_column(self.text, start, self.delimiter)
                if column is not None:
                    raise _long_cell(self.path, "CSV", number + 1, column) from exc
                raise _error(
                    self.path,
                    f"Tệp CSV sai định dạng ({exc}).",
                    f"The CSV file is malformed ({exc}).",
                    line=reader.line_num,
                ) from exc
            if record is None:
                return
            number += 1
            _check_cells(self.path, "CSV", number, record)
            yield number, list(record)


def _long_cell_column(text: str, start: int, delimiter: str) -> int | None:
    """The 0-based column of the first cell over the limit in the record at `start`,
    split as csv.reader splits it (None: no such cell)."""
    d = re.escape(delimiter)
    cell = re.compile(rf'"[^"]*(?:""[^"]*)*"?[^{d}\r\n]*|[^{d}\r\n]*')
    column, position = 0, start
    while match := cell.match(text, position):
        if len(match.group()) > _MAX_CELL_CHARS:
            return column
        position = match.end()
        if text[position : position + 1] != delimiter:
            return None
        position += 1
        column += 1
    return None


def _decode_csv(path: Path, data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding, single_byte); single-byte text is latin-1 transport."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", False
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", False
    if b"\x00" in data:
        raise _error(
            path,
            "Tệp này không phải bảng tính (.xlsx) hay văn bản CSV.",
            "This file is neither a spreadsheet (.xlsx) nor CSV text.",
        )
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        text = data.decode("latin-1")
        if _reads_as_vietnamese(text):
            return text, "cp1258", True
        line = data.count(b"\n", 0, exc.start) + 1
        raise _error(
            path,
            f"Tệp CSV không phải văn bản UTF-8 (byte lạ 0x{data[exc.start]:02X} ở vị trí "
            f"{exc.start}, dòng {line}), cũng không phải tiếng Việt mã cũ (Windows-1258, "
            "TCVN3, VNI). Hãy mở tệp trong Excel rồi lưu thành «CSV UTF-8» hoặc .xlsx.",
            f"The CSV file is not UTF-8 text (bad byte 0x{data[exc.start]:02X} at position "
            f"{exc.start}, line {line}), nor Vietnamese in an old encoding (Windows-1258, "
            "TCVN3, VNI). Open it in Excel and save it as “CSV UTF-8” or .xlsx.",
            line=line,
        ) from None


_WORDS = re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f]+")  # letters, ASCII or not


def _reads_as_vietnamese(text: str) -> bool:
    """Whether one-byte text (latin-1 transport) reads as Vietnamese: under the best of
    Windows-1258, TCVN3 and VNI, at least half its words with non-ASCII letters are
    well-formed syllables. Binary data and other languages' code pages are not."""
    words = [w for w in _WORDS.findall(text[:_SNIFF_CHARS]) if not w.isascii()]
    words = words[:_SAMPLE_STRINGS]
    bad = min(
        sum(_bad_words(_read_text(word, legacy, True)) for word in words)
        for legacy in (None, *_LEGACY_DECODERS)
    )
    return 2 * bad <= len(words)


_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": ("dấu phẩy", "comma"), ";": ("dấu chấm phẩy", "semicolon"),
                    "\t": ("tab", "tab")}  # fmt: skip
_SNIFF_CHARS = 65536
_SNIFF_RECORDS = 50


def _sniff_delimiter(path: Path, text: str) -> str:
    """The delimiter giving the most of the first records the same (>1) number of cells.

    Quoted cells decide first: a wrong delimiter splits inside them, and never stands
    right before their opening quote. None splitting any record: one column. Refused
    when even the best one leaves most records with other counts (prose, not a table).
    """
    sample = text[:_SNIFF_CHARS]
    quoted = {d: len(re.findall(rf"(?:^|{re.escape(d)})\"", sample, re.MULTILINE))
              for d in _DELIMITERS}  # fmt: skip
    candidates = [d for d in _DELIMITERS if quoted[d]] or list(_DELIMITERS)
    best, best_score, best_records = ",", (0, 0), 0
    for delimiter in candidates:
        widths = _record_widths(text, delimiter)
        multi = [width for width in widths if width > 1]
        if not multi:
            continue
        common = max(set(multi), key=lambda width: (multi.count(width), width))
        score = (multi.count(common), common)
        if score > best_score:
            best, best_score, best_records = delimiter, score, len(widths)
    if 2 * best_score[0] < best_records:
        vi, en = _DELIMITER_NAMES[best]
        raise _error(
            path,
            "Không nhận ra dấu phân cách cột của tệp CSV: với dấu phẩy, dấu chấm phẩy hay tab, "
            f"các dòng đầu đều có số cột khác nhau (tốt nhất là {vi}: {best_score[0]} trong "
            f"{best_records} dòng có {best_score[1]} cột). Hãy mở tệp trong Excel và lưu "
            "thành .xlsx.",
            "Cannot tell the CSV file's column delimiter: with a comma, semicolon or tab the "
            f"first lines all have different numbers of columns (best, {en}: "
            f"{best_score[0]} of {best_records} lines have {best_score[1]} columns). Open it "
            "in Excel and save it as .xlsx.",
        )
    return best


def _record_widths(text: str, delimiter: str) -> list[int]:
    """The cell counts of the first non-empty records, read with `delimiter`."""
    widths = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in itertools.islice(reader, _SNIFF_RECORDS):
            if record:
                widths.append(len(record))
    except csv.Error:
        pass  # reported, with its line, when the rows are read
    return widths


# --- text: cleaning, legacy encodings -----------------------------------------------------

_INVISIBLE = dict.fromkeys(
    [c for c in range(0x20) if not chr(c).isspace()]
    + [c for c in range(0x7F, 0xA0) if not chr(c).isspace()]
    + [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF],
)
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def _cp1252_chars() -> str:
    """Windows-1252 with its five undefined bytes kept as the latin-1 code points."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_CP1252 = _cp1252_chars()
_CP1252_ENCODE = codecs.charmap_build(_CP1252)

# TCVN3 (ABC): 14 base letters, then the lower-case toned letters at their codes, tones
# in the order grave, hook, tilde, acute, dot below.
_TCVN3_TONED = (
    ("àảãáạ", (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ằẳẵắặ", (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("ầẩẫấậ", (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("èẻẽéẹ", (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ềểễếệ", (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("ìỉĩíị", (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("òỏõóọ", (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ồổỗốộ", (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ờởỡớợ", (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("ùủũúụ", (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ừửữứự", (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("ỳỷỹýỵ", (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
)
_TCVN3_LETTERS = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True)) | {
    code: letter
    for letters, codes in _TCVN3_TONED
    for letter, code in zip(letters, codes, strict=True)
}
_TCVN3 = "".join(_TCVN3_LETTERS.get(byte, _CP1252[byte]) for byte in range(256))
_CAPITALS_WORD = re.compile(r"\S+")


def _decode_tcvn3(data: bytes) -> str:
    text = codecs.charmap_decode(data, "strict", _TCVN3)[0]
    return _CAPITALS_WORD.sub(_capitalise_word, text)


def _capitalise_word(match: re.Match[str]) -> str:
    word = match.group()
    capitals = sum(ch.isupper() for ch in word)
    if capitals >= 2 and not any(ch.isascii() and ch.islower() for ch in word):
        return word.upper()
    return word


# VNI-Windows: a base letter followed by one byte carrying its diacritics. Lower-case
# diacritic bytes; the upper-case ones are 0x20 lower.
_VNI_MARKS_LOWER = {
    0xF9: "\u0301", 0xF8: "\u0300", 0xFB: "\u0309", 0xF5: "\u0303", 0xEF: "\u0323",
    0xE2: "\u0302", 0xE1: "\u0302\u0301", 0xE0: "\u0302\u0300", 0xE5: "\u0302\u0309",
    0xE3: "\u0302\u0303", 0xE4: "\u0302\u0323",
    0xEA: "\u0306", 0xE9: "\u0306\u0301", 0xE8: "\u0306\u0300", 0xFA: "\u0306\u0309",
    0xFC: "\u0306\u0303", 0xEB: "\u0306\u0323",
}  # fmt: skip
_VNI_LETTERS_LOWER = {
    0xF4: "ơ", 0xF6: "ư", 0xF1: "đ", 0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị",
    0xEE: "ỵ",
}  # fmt: skip
_VNI_MARKS = _VNI_MARKS_LOWER | {b - 0x20: m for b, m in _VNI_MARKS_LOWER.items()}
_VNI_LETTERS = _VNI_LETTERS_LOWER | {b - 0x20: c.upper() for b, c in _VNI_LETTERS_LOWER.items()}
_TONE_BASES = frozenset("aeiouyơưAEIOUYƠƯ")


def _decode_vni(data: bytes) -> str:
    out: list[str] = []
    for byte in data:
        marks = _VNI_MARKS.get(byte)
        base = out[-1] if out else ""
        if marks and base in _TONE_BASES and _vni_mark_fits(base, marks[0]):
            out.append(marks)
        else:
            out.append(_VNI_LETTERS.get(byte) or _CP1252[byte])
    return unicodedata.normalize("NFC", "".join(out))


def _vni_mark_fits(base: str, mark: str) -> bool:
    if mark == "\u0302":  # circumflex
        return base in "aeoAEO"
    if mark == "\u0306":  # breve
        return base in "aA"
    return True


_LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {"tcvn3": _decode_tcvn3, "vni": _decode_vni}

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđăâêôơư")
# The vowel groups of Vietnamese syllables, tone marks removed.
_NUCLEI = frozenset((
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi",
    "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
    "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
))  # fmt: skip
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?([aăâeêioôơuưy]+)(ch|ng|nh|[cmnptk])?"
)
_TOKEN_SPLIT = re.compile(r"[\x00-\x40\x5b-\x60\x7b-\x7f\s]+")


def _bad_words(text: str) -> int:
    """How many words with non-ASCII letters are not well-formed Vietnamese syllables."""
    return sum(1 for word in _TOKEN_SPLIT.split(text) if not word.isascii() and _is_bad(word))


def _is_bad(word: str) -> bool:
    tones = 0
    base: list[str] = []
    last_letter = ""
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            tones += 1
            if not last_letter or last_letter not in "aeiouyAEIOUY":
                return True
        else:
            base.append(ch)
            if not unicodedata.combining(ch):
                last_letter = ch
    if tones > 1:
        return True
    plain = unicodedata.normalize("NFC", "".join(base)).lower()
    if not set(plain) <= _LETTERS:
        return True
    match = _SYLLABLE.fullmatch(plain)
    return match is None or match.group(2) not in _NUCLEI


def _legacy_bytes(text: str) -> bytes | None:
    """The bytes a legacy-font user typed, if `text` can be such mojibake at all."""
    try:
        return codecs.charmap_encode(text, "strict", _CP1252_ENCODE)[0]
    except UnicodeEncodeError:
        return None


def _read_text(raw: str, legacy: str | None, single_byte: bool) -> str:
    if single_byte:
        data = raw.encode("latin-1")
        if legacy is None:
            return _clean(data.decode("cp1258", errors="replace"))
        return _clean(_LEGACY_DECODERS[legacy](data))
    if legacy is not None:
        data = _legacy_bytes(raw)
        if data is not None:
            return _clean(_LEGACY_DECODERS[legacy](data))
    return _clean(raw)


def _choose_legacy(samples: list[str], single_byte: bool) -> str | None:
    """The reading (None: plain Unicode / Windows-1258) with the fewest malformed words."""
    best, best_score = None, sum(_bad_words(_read_text(s, None, single_byte)) for s in samples)
    for legacy in _LEGACY_DECODERS:
        score = sum(_bad_words(_read_text(s, legacy, single_byte)) for s in samples)
        if score < best_score:
            best, best_score = legacy, score
    return best


# --- values -------------------------------------------------------------------------------

_INTEGER = re.compile(r"-?(?:0|[1-9]\d{0,14})")
_DAY_FIRST = re.compile(
    r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def _infer(text: str) -> CellValue:
    if _INTEGER.fullmatch(text):
        return int(text)
    if match := _DAY_FIRST.fullmatch(text):
        day, _, month, year, *clock = match.groups()
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day, *clock = match.groups()
    else:
        return text
    try:
        if clock[0] is None:
            return date(int(year), int(month), int(day))
        hour, minute, second = (int(part or 0) for part in clock)
        return datetime(int(year), int(month), int(day), hour, minute, second)
    except ValueError:
        return text


class _Decoder:
    """Turns raw cells into final values once the legacy reading is chosen."""

    def __init__(self, source: _Source, legacy: str | None) -> None:
        self._single_byte = source.single_byte
        self._infer = source.infer_types
        self._legacy = legacy

    def row(self, raw: list[object]) -> list[CellValue]:
        return [self.value(item) for item in raw]

    def value(self, raw: object) -> CellValue:
        if not isinstance(raw, str):
            return raw  # type: ignore[return-value]  # final XLSX values
        text = _read_text(raw, None, self._single_byte)
        if self._legacy is not None:
            converted = _read_text(raw, self._legacy, self._single_byte)
            if _bad_words(converted) <= _bad_words(text):
                text = converted
        if not text:
            return None
        return _infer(text) if self._infer else text


class _MergeFiller:
    """Copies each merged range's top-left value into the range; rows come in order."""

    def __init__(self, merges: list[tuple[int, int, int, int]]) -> None:
        self._pending = sorted(merges, key=lambda merge: merge[1])
        self._next = 0
        self._active: list[tuple[tuple[int, int, int, int], CellValue]] = []

    def fill(self, number: int, values: list[CellValue]) -> list[CellValue]:
        self._active = [item for item in self._active if item[0][3] >= number]
        while self._next < len(self._pending) and self._pending[self._next][1] <= number:
            merge = self._pending[self._next]
            self._next += 1
            min_col, min_row, _, max_row = merge
            if max_row >= number:
                anchor = (
                    values[min_col - 1] if min_row == number and min_col <= len(values) else None
                )
                self._active.append((merge, anchor))
        if not self._active:
            return values
        filled = list(values)
        for (min_col, _, max_col, _), anchor in self._active:
            filled.extend([None] * (max_col - len(filled)))
            filled[min_col - 1 : max_col] = [anchor] * (max_col - min_col + 1)
        return filled


# --- layout: header, columns --------------------------------------------------------------


@dataclass
class _Layout:
    header_row: int
    headers: list[str]
    columns: list[int]  # 0-based column index of each header
    skip_rows: set[int]
    decoder: _Decoder
    legacy: str | None


def _survey(
    source: _Source, rows: Iterator[tuple[int, list[object]]], forced: int | None
) -> tuple[_Layout, list[tuple[int, list[object]]]]:
    """Read ahead to find the header, the columns and the text reading.

    Returns the layout and the non-empty rows read ahead, to be yielded before the rest.
    """
    window: list[tuple[int, list[object]]] = []
    last_used: dict[int, int] = {}
    more_rows = False
    counted = 0  # non-empty rows read ahead (below a forced header row)
    for number, raw in rows:
        used = [i for i, item in enumerate(raw) if _has_value(item)]
        if not used:
            continue
        window.append((number, raw))
        counted += forced is None or number > forced
        if counted > _LOOKAHEAD_ROWS:
            more_rows = True  # this last row is for the caller, not surveyed
            break
        for i in used:
            last_used[i] = number
    if not window:
        raise _no_data(source)
    surveyed = window[:-1] if more_rows else window

    samples = [
        item for _, raw in surveyed for item in raw if isinstance(item, str) and not item.isascii()
    ]
    legacy = _choose_legacy(samples[:_SAMPLE_STRINGS], source.single_byte)
    decoder = _Decoder(source, legacy)
    filler = _MergeFiller(source.merges)
    plain = [(number, decoder.row(raw)) for number, raw in surveyed]
    filled = [filler.fill(number, values) for number, values in plain]

    index = _header_index(source.path, plain[:_HEADER_SCAN_ROWS], plain, more_rows, forced)
    header_number = plain[index][0]
    names = filled[index]
    columns = [
        i
        for i in range(max(len(names), max(last_used) + 1))
        if (i < len(names) and names[i] is not None) or last_used.get(i, 0) > header_number
    ]
    if not columns:
        raise _no_data(source)
    headers = _unique_headers([names[i] if i < len(names) else None for i in columns], columns)
    skip = set()
    if index + 1 < len(plain) and _is_numbering_row(plain[index + 1][1]):
        skip.add(plain[index + 1][0])
    return _Layout(header_number, headers, columns, skip, decoder, legacy), window


def _no_data(source: _Source) -> UserError:
    where = f"Trang tính “{source.sheet}”" if source.sheet else "Tệp"
    where_en = f"The sheet “{source.sheet}”" if source.sheet else "The file"
    return _error(source.path, f"{where} không có dữ liệu.", f"{where_en} holds no data.")


def _has_value(item: object) -> bool:
    return item is not None and not (isinstance(item, str) and not _clean(item))


def _header_index(
    path: Path,
    rows: list[tuple[int, list[CellValue]]],
    window: list[tuple[int, list[CellValue]]],
    more_rows: bool,
    forced: int | None,
) -> int:
    """Index of the header among `rows` (the first rows of `window`), or of `forced`."""
    if forced is not None:
        for i, (number, _) in enumerate(window):
            if number == forced:
                return i
        raise _error(
            path,
            f"Dòng {forced} trống hoặc không có trong bảng, không dùng làm dòng tiêu đề được.",
            f"Row {forced} is empty or missing; it cannot be the header row.",
            line=forced,
        )
    width = max(sum(value is not None for value in values) for _, values in rows)
    needed = max(2, math.ceil(width / 2))
    candidates = [
        i
        for i, (_, values) in enumerate(rows)
        if sum(isinstance(value, str) for value in values) >= needed
    ]
    for i in candidates:
        if i + 1 < len(window) or more_rows:
            return i
    if candidates:
        return candidates[0]
    for i, (_, values) in enumerate(rows):
        if any(isinstance(value, str) for value in values):
            return i
    return 0


_COLUMN_NUMBER = re.compile(r"\(?(\d{1,3}|[A-Z])\)?")


def _is_numbering_row(values: list[CellValue]) -> bool:
    """True for the "(1) (2) (3)…" row official forms put under their header."""
    present = [value for value in values if value is not None]
    if len(present) < 3:
        return False
    numbers = []
    for value in present:
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str) or not (match := _COLUMN_NUMBER.fullmatch(text)):
            return False
        if match.group(1).isdigit():
            numbers.append(int(match.group(1)))
    return numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2


def _unique_headers(values: list[CellValue], columns: list[int]) -> list[str]:
    headers: list[str] = []
    seen: set[str] = set()
    for value, column in zip(values, columns, strict=True):
        name = _header_text(value) or f"Cột {_column_letter(column)}"
        unique, counter = name, 1
        while unique.casefold() in seen:
            counter += 1
            unique = f"{name} ({counter})"
        seen.add(unique.casefold())
        headers.append(unique)
    return headers


def _column_letter(index: int) -> str:
    """Excel's letters for the 0-based column `index` (A, …, Z, AA, …), without a limit."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _header_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _generate_rows(
    source: _Source,
    layout: _Layout,
    window: list[tuple[int, list[object]]],
    rest: Generator[tuple[int, list[object]], None, None],
) -> Generator[Row, None, None]:
    filler = _MergeFiller(source.merges)
    decoder = layout.decoder
    produced = 0
    with closing(source), closing(rest):
        for number, raw in itertools.chain(window, rest):
            values = decoder.row(raw)
            filled = filler.fill(number, values)
            if number <= layout.header_row or number in layout.skip_rows:
                continue
            if not any(i < len(values) and values[i] is not None for i in layout.columns):
                continue
            produced += 1
            if produced > _MAX_ROWS:
                raise _error(
                    source.path,
                    f"Bảng tính có hơn {_number(_MAX_ROWS)} dòng dữ liệu (dòng {number} vượt "
                    f"giới hạn). Hãy tách thành nhiều tệp, mỗi tệp tối đa "
                    f"{_number(_MAX_ROWS)} dòng.",
                    f"The sheet has more than {_MAX_ROWS:,} data rows (row {number} is past "
                    f"the limit). Split it into several files of at most {_MAX_ROWS:,} rows.",
                    line=number,
                )
            yield Row(
                number,
                {
                    name: filled[i] if i < len(filled) else None
                    for name, i in zip(layout.headers, layout.columns, strict=True)
                },
            )
