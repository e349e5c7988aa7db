"""Tests for ansinh.core.sheets: officers' XLSX and CSV lists read into rows.

Every fixture is built here in tmp_path: the same village list as a hand-made XLSX (title
row, merged cells, trailing empty rows), as Excel's "CSV UTF-8", as a Windows-1258 CSV and
in the legacy TCVN3 and VNI encodings; they must all read to the same NFC values.
"""

from __future__ import annotations

import codecs
import gc
import os
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.core.errors import UserError
from ansinh.core.sheets import Table, iter_rows, read_table

TITLE = "DANH SÁCH THÔN ĐIỂM NĂM 2026"
HEADERS = ["STT", "Tên thôn", "Xã", "Đối tượng", "Ngày phát động", "Số hộ"]
DATA = [
    [1, "Thôn Đồng Tâm", "Xã Hòa Bình", "Nông dân", date(2026, 5, 15), 120],
    [2, "Thôn Bắc Sơn", "Xã Hòa Bình", "Tiểu thương, hộ kinh doanh", date(2026, 5, 16), 85],
    [3, "Buôn Ea Sup", "Xã Ea Tir", "Đồng bào dân tộc thiểu số", date(2026, 11, 2), 64],
    [4, "Bản Mường Tè", "Xã Ea Tir", "Người được hưởng trợ cấp", date(2026, 11, 3), 7],
]
EXPECTED_ROWS = [(4 + i, dict(zip(HEADERS, row, strict=True))) for i, row in enumerate(DATA)]
TONES = "\u0300\u0301\u0303\u0309\u0323"


def rows_of(table: Table) -> list[tuple[int, dict[str, object]]]:
    return [(row.number, row.values) for row in table.rows]


def assert_village_table(table: Table) -> None:
    assert table.headers == HEADERS
    assert table.header_row == 3
    assert rows_of(table) == EXPECTED_ROWS
    for _, values in rows_of(table):
        for value in values.values():
            if isinstance(value, str):
                assert unicodedata.is_normalized("NFC", value)


# --- fixture builders ---------------------------------------------------------------------


def build_xlsx(path: Path) -> Path:
    """The village list as officers make it: title merged across, "Xã" merged down."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Thôn điểm"
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:F1")
    sheet.append([])
    # A header cell with a line break and doubled spaces, as typed with Alt+Enter.
    sheet.append(["STT", "Tên  thôn", "Xã", "Đối\ntượng", "Ngày phát động", "Số hộ"])
    for number, name, commune, audience, day, households in DATA:
        sheet.append([number, name, commune, audience, day, float(households)])
    for cell in sheet["E"][3:]:
        cell.number_format = "dd/mm/yyyy"
    sheet["C5"] = None
    sheet.merge_cells("C4:C5")
    sheet["C7"] = None
    sheet.merge_cells("C6:C9")  # runs past the last entry: rows 8-9 are empty
    sheet["B4"] = unicodedata.normalize("NFD", "Thôn  Ðồng Tâm ")  # NFD, look-alike Ð
    for row in range(10, 40):  # trailing "empty" rows that only carry formatting
        sheet.cell(row, 2).number_format = "@"
    sheet["A45"] = "   "
    book.save(path)
    return path


def csv_lines(delimiter: str, date_format: str = "%d/%m/%Y") -> list[str]:
    lines = [TITLE + delimiter * 5, delimiter * 5, delimiter.join(HEADERS)]
    for number, name, commune, audience, day, households in DATA:
        quoted = f'"{audience}"' if delimiter in audience else audience
        cells = [str(number), name, commune, quoted, day.strftime(date_format), str(households)]
        lines.append(delimiter.join(cells))
    return [*lines, delimiter * 5, delimiter * 5]


def windows_1258(text: str) -> bytes:
    """Encode like Windows-1258: base letter (with ^, breve, horn) + combining tone mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


TCVN3 = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}  # fmt: skip


def tcvn3(text: str) -> bytes:
    """Encode as TCVN3 (ABC); toned capitals fall back to the lower-case code, as typed."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = TCVN3.get(ch) or TCVN3.get(ch.lower())
        out += bytes([code]) if code else ch.encode("cp1252")
    return bytes(out)


def write_csv(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def xlsx_file(tmp_path: Path) -> Path:
    return build_xlsx(tmp_path / "thon-diem.xlsx")


# --- the same list in every format --------------------------------------------------------


def test_xlsx_with_title_merges_and_trailing_rows(xlsx_file: Path) -> None:
    table = read_table(xlsx_file)
    assert_village_table(table)
    assert table.sheet == "Thôn điểm" and table.sheets == ["Thôn điểm"]
    assert table.encoding == "xlsx" and table.legacy is None
    assert isinstance(table.rows[0].values["Số hộ"], int)


def test_xlsx_utf8_csv_and_windows_1258_csv_read_the_same(tmp_path: Path, xlsx_file: Path) -> None:
    excel_csv = write_csv(
        tmp_path / "excel.csv", codecs.BOM_UTF8 + "\r\n".join(csv_lines(",")).encode("utf-8")
    )
    legacy_csv = write_csv(tmp_path / "cp1258.csv", windows_1258("\r\n".join(csv_lines(";"))))
    assert windows_1258("ồ") == b"\xf4\xcc"  # ô, then the combining grave accent
    assert b"\xd0\xf4\xccng" in legacy_csv.read_bytes()  # "Đồng"

    tables = [read_table(xlsx_file), read_table(excel_csv), read_table(legacy_csv)]
    for table in tables:
        assert_village_table(table)
    assert [t.encoding for t in tables] == ["xlsx", "utf-8-sig", "cp1258"]
    assert rows_of(tables[0]) == rows_of(tables[1]) == rows_of(tables[2])


@pytest.mark.parametrize(
    ("encoding", "delimiter", "name"),
    [("utf-8", "\t", "utf-8"), ("utf-16", "\t", "utf-16"), ("utf-8", ";", "utf-8")],
)
def test_csv_encodings_and_delimiters(
    tmp_path: Path, encoding: str, delimiter: str, name: str
) -> None:
    path = write_csv(tmp_path / "list.csv", "\n".join(csv_lines(delimiter)).encode(encoding))
    table = read_table(path)
    assert_village_table(table)
    assert table.encoding == name


def test_csv_iso_dates(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "iso.csv", "\n".join(csv_lines(",", "%Y-%m-%d")).encode())
    assert_village_table(read_table(path))


def test_tcvn3_csv_is_converted(tmp_path: Path) -> None:
    data = tcvn3("\r\n".join(csv_lines(",")))
    assert b"Th\xabn \xa7\xe5ng T\xa9m" in data  # "Th«n §ång T©m" when read as cp1252
    table = read_table(write_csv(tmp_path / "tcvn3.csv", data))
    assert_village_table(table)
    assert table.encoding == "tcvn3" and table.legacy == "tcvn3"


def test_tcvn3_capitals_font_is_upper_cased(tmp_path: Path) -> None:
    # ".VnTimeH" text: capitals typed as ASCII capitals plus lower-case toned codes.
    data = tcvn3("TÊN THÔN,ĐỐI TƯỢNG\nThôn Đồng Tâm,Nông dân\n")
    assert data.startswith(b"T\xa3N TH\xa4N,\xa7\xe8I T\xa6\xeeNG")  # "ố", "ợ": lower codes
    table = read_table(write_csv(tmp_path / "caps.csv", data))
    assert table.headers == ["TÊN THÔN", "ĐỐI TƯỢNG"]
    assert rows_of(table) == [(2, {"TÊN THÔN": "Thôn Đồng Tâm", "ĐỐI TƯỢNG": "Nông dân"})]


def test_tcvn3_text_inside_xlsx_is_converted(tmp_path: Path) -> None:
    """Cells typed with a .VnTime font reach the XLSX as cp1252 mojibake."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([tcvn3(h).decode("cp1252") for h in ("STT", "Tên thôn", "Đối tượng")])
    sheet.append([1, tcvn3("Thôn Đồng Tâm").decode("cp1252"), "Nông dân"])
    sheet.append(
        [2, tcvn3("Xóm Bảo hiểm").decode("cp1252"), tcvn3("Người được hưởng").decode("cp1252")]
    )
    path = tmp_path / "vntime.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.legacy == "tcvn3" and table.encoding == "xlsx"
    assert table.headers == ["STT", "Tên thôn", "Đối tượng"]
    assert [row.values["Tên thôn"] for row in table.rows] == ["Thôn Đồng Tâm", "Xóm Bảo hiểm"]
    assert table.rows[1].values["Đối tượng"] == "Người được hưởng"


def test_tcvn3_mojibake_in_utf8_csv_is_converted(tmp_path: Path) -> None:
    text = tcvn3("\n".join(csv_lines(","))).decode("cp1252")
    table = read_table(write_csv(tmp_path / "saved-as-utf8.csv", text.encode("utf-8")))
    assert_village_table(table)
    assert table.encoding == "utf-8" and table.legacy == "tcvn3"


VNI_LINES = [
    "STT,Teân thoân,Xaõ,Ñoái töôïng",
    "1,Thoân Ñoàng Taâm,Xaõ Hoøa Bình,Noâng daân",
    "2,Baûn Möôøng Teø,Xaõ Ea Tir,Ngöôøi ñöôïc höôûng",
]


def test_vni_csv_is_converted(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "vni.csv", "\n".join(VNI_LINES).encode("cp1252")))
    assert table.legacy == "vni" and table.encoding == "vni"
    assert table.headers == ["STT", "Tên thôn", "Xã", "Đối tượng"]
    assert rows_of(table) == [
        (2, {"STT": 1, "Tên thôn": "Thôn Đồng Tâm", "Xã": "Xã Hòa Bình", "Đối tượng": "Nông dân"}),
        (3, {"STT": 2, "Tên thôn": "Bản Mường Tè", "Xã": "Xã Ea Tir",
             "Đối tượng": "Người được hưởng"}),
    ]  # fmt: skip


def test_plain_unicode_is_never_taken_for_a_legacy_encoding(tmp_path: Path) -> None:
    # Each of these is also valid cp1252, and reads as Vietnamese under TCVN3 or VNI too.
    names = ["Tâm", "Hoàng", "Hà Tây", "Hòa", "Café Sài Gòn", "Đà Lạt", "Ea Súp"]
    lines = ["STT,Tên"] + [f"{i},{name}" for i, name in enumerate(names, 1)]
    table = read_table(write_csv(tmp_path / "plain.csv", "\n".join(lines).encode("utf-8")))
    assert table.legacy is None
    assert [row.values["Tên"] for row in table.rows] == names


# --- layout: header, columns, rows --------------------------------------------------------


def test_letterhead_numbering_row_duplicates_and_unnamed_columns(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["BẢO HIỂM XÃ HỘI TỈNH ĐẮK LẮK", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"])
    sheet.append(["BHXH HUYỆN EA SÚP", None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ghi chú", "GHI CHÚ", None, "Cột E", None])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    sheet.append([1, "Nguyễn Văn A", "x", None, "0912345678", None, None])
    sheet.append([2, "Trần Thị B", None, "y", None, None, None])
    sheet["H20"] = None
    path = tmp_path / "form.xlsx"
    book.save(path)

    table = read_table(path)
    assert table.header_row == 4
    assert table.headers == ["STT", "Họ và tên", "Ghi chú", "GHI CHÚ (2)", "Cột E", "Cột E (2)"]
    assert rows_of(table) == [
        (6, {"STT": 1, "Họ và tên": "Nguyễn Văn A", "Ghi chú": "x", "GHI CHÚ (2)": None,
             "Cột E": "0912345678", "Cột E (2)": None}),
        (7, {"STT": 2, "Họ và tên": "Trần Thị B", "Ghi chú": None, "GHI CHÚ (2)": "y",
             "Cột E": None, "Cột E (2)": None}),
    ]  # fmt: skip


def test_forced_header_row(xlsx_file: Path) -> None:
    table = read_table(xlsx_file, header_row=4)
    assert table.header_row == 4
    assert table.headers[:2] == ["1", "Thôn Đồng Tâm"]
    assert [row.number for row in table.rows] == [5, 6, 7]
    with pytest.raises(UserError) as caught:
        read_table(xlsx_file, header_row=2)
    assert caught.value.line == 2


def test_xlsx_value_types(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã", "Tỷ lệ", "Lúc", "Ngày", "Số", "Ghi\u00a0chú\u200b"])
    sheet.append(["001", 0.22, datetime(2026, 5, 15, 8, 30), datetime(2026, 5, 15), 1e20, " "])
    sheet["C2"].number_format = "dd/mm/yyyy hh:mm"
    sheet["D2"].number_format = "dd/mm/yyyy"
    path = tmp_path / "types.xlsx"
    book.save(path)
    (row,) = read_table(path).rows
    assert row.values == {
        "Mã": "001",
        "Tỷ lệ": 0.22,
        "Lúc": datetime(2026, 5, 15, 8, 30),
        "Ngày": date(2026, 5, 15),
        "Số": 100000000000000000000,
        "Ghi chú": None,
    }


def test_csv_text_stays_text(tmp_path: Path) -> None:
    lines = [
        "Điện thoại;Số;Ngày;Tiền;Ô trống",
        "0912345678;-15;31/02/2026;1.500.000;",
        "+84912345678;0;15/05/2026 08:30;4,5;  ",
    ]
    table = read_table(write_csv(tmp_path / "t.csv", "\n".join(lines).encode()))
    assert [row.values for row in table.rows] == [
        {"Điện thoại": "0912345678", "Số": -15, "Ngày": "31/02/2026", "Tiền": "1.500.000",
         "Ô trống": None},
        {"Điện thoại": "+84912345678", "Số": 0, "Ngày": datetime(2026, 5, 15, 8, 30),
         "Tiền": "4,5", "Ô trống": None},
    ]  # fmt: skip


def test_single_column_csv(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "one.csv", "Tên thôn\nThôn A\nThôn B\n".encode()))
    assert table.headers == ["Tên thôn"]
    assert [row.values["Tên thôn"] for row in table.rows] == ["Thôn A", "Thôn B"]


# --- sheets and streaming -----------------------------------------------------------------


def test_sheet_choice(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Ẩn"
    hidden.sheet_state = "hidden"
    hidden.append(["A", "B"])
    hidden.append([1, 2])
    for title in ("Xã Hòa Bình", "Xã Ea Tir"):
        sheet = book.create_sheet(title)
        sheet.append(["Tên thôn", "Số hộ"])
        sheet.append([f"Thôn của {title}", 10])
    path = tmp_path / "many.xlsx"
    book.save(path)

    table = read_table(path)
    assert table.sheet == "Xã Hòa Bình"
    assert table.sheets == ["Ẩn", "Xã Hòa Bình", "Xã Ea Tir"]
    assert read_table(path, "xã ea tir").rows[0].values["Tên thôn"] == "Thôn của Xã Ea Tir"
    assert read_table(path, "Ẩn").headers == ["A", "B"]
    with pytest.raises(UserError) as caught:
        read_table(path, "Xã Khác")
    assert "Xã Khác" in caught.value.vi and "“Xã Ea Tir”" in caught.value.vi


def test_streaming_a_large_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Lớn")
    sheet.append(["DANH SÁCH NGƯỜI THAM GIA"])
    sheet.append(["STT", "Họ và tên", "Xã"])
    for i in range(1, 6001):
        sheet.append([i, f"Người số {i}", "Xã Hòa Bình"])
    path = tmp_path / "big.xlsx"
    book.save(path)

    headers, header_row, rows = iter_rows(path)
    assert (headers, header_row) == (["STT", "Họ và tên", "Xã"], 2)
    with rows:
        first = next(rows)
        assert first.number == 3 and first.values["Họ và tên"] == "Người số 1"
        assert sum(1 for _ in rows) == 5999
    assert rows.sheet == "Lớn" and rows.legacy is None


def test_unnamed_columns_are_looked_for_in_the_rows_read_ahead(tmp_path: Path) -> None:
    lines = ["STT,Tên,"] + [f"{i},Thôn {i}," for i in range(1, 1101)]
    lines[3] = "3,Thôn 3,early note"
    lines[1050] = "1050,Thôn 1050,late note"
    table = read_table(write_csv(tmp_path / "long.csv", "\n".join(lines).encode()))
    assert table.headers == ["STT", "Tên", "Cột C"]
    assert table.rows[2].values["Cột C"] == "early note"
    assert table.rows[1049].values == {"STT": 1050, "Tên": "Thôn 1050", "Cột C": "late note"}
    lines[3] = "3,Thôn 3,"
    table = read_table(write_csv(tmp_path / "long.csv", "\n".join(lines).encode()))
    assert table.headers == ["STT", "Tên"]  # the value on row 1051 comes too late
    assert len(table.rows) == 1100


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_streams_release_the_file(xlsx_file: Path) -> None:
    before = open_files()
    stream = iter_rows(xlsx_file)
    assert open_files() > before
    next(stream.rows)
    stream.rows.close()
    assert open_files() == before
    with pytest.raises(StopIteration):
        next(stream.rows)

    unread = iter_rows(xlsx_file)
    unread.rows.close()  # never started
    assert open_files() == before

    forgotten = iter_rows(xlsx_file)
    del forgotten
    gc.collect()
    assert open_files() == before

    read_table(xlsx_file)
    assert open_files() == before


# --- bad files ----------------------------------------------------------------------------


def expect_user_error(path: Path, *words: str) -> UserError:
    with pytest.raises(UserError) as caught:
        read_table(path)
    error = caught.value
    assert error.vi and error.en and error.path == str(path)
    for word in words:
        assert word in error.vi
    return error


def test_missing_and_empty_files(tmp_path: Path) -> None:
    expect_user_error(tmp_path / "none.xlsx", "Không tìm thấy")
    expect_user_error(write_csv(tmp_path / "empty.csv", b""), "trống")
    expect_user_error(write_csv(tmp_path / "blank.csv", b",,,\r\n , ,\x01\r\n"), "không có dữ liệu")
    expect_user_error(tmp_path, "thư mục")


def test_empty_sheet(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    expect_user_error(path, "không có dữ liệu")


def test_old_xls_and_password_protected_workbooks(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    expect_user_error(write_csv(tmp_path / "old.xls", ole + b"Workbook"), ".xlsx")
    # An encrypted .xlsx is an OLE2 file holding an "EncryptedPackage" stream.
    encrypted = ole + "EncryptedPackage".encode("utf-16-le")
    expect_user_error(write_csv(tmp_path / "secret.xlsx", encrypted), "mật khẩu")


def test_corrupt_and_foreign_files(tmp_path: Path, xlsx_file: Path) -> None:
    truncated = xlsx_file.read_bytes()[:2000]
    expect_user_error(write_csv(tmp_path / "cut.xlsx", truncated), "bị hỏng")
    expect_user_error(write_csv(tmp_path / "text.xlsx", b"STT,Ten\n1,A\n"), "bị hỏng")
    with zipfile.ZipFile(tmp_path / "letter.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    expect_user_error(tmp_path / "letter.docx", "bị hỏng")
    with zipfile.ZipFile(tmp_path / "calc.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    expect_user_error(tmp_path / "calc.ods", ".ods")
    html = b"\xef\xbb\xbf <html><body><table><tr><td>STT</td></tr></table></body></html>"
    expect_user_error(write_csv(tmp_path / "export.xls", html), "HTML")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)
    expect_user_error(write_csv(tmp_path / "logo.png", png), "không phải bảng tính")


def test_malformed_csv_reports_its_line(tmp_path: Path) -> None:
    huge = b"STT,Ten\n1,A\n2," + b"x" * 200_000 + b"\n"
    error = expect_user_error(write_csv(tmp_path / "huge.csv", huge), "CSV")
    assert error.line == 3


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_csv_reader_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = write_csv(tmp_path / "fuzz.csv", data)
    try:
        table = read_table(path)
    except UserError as error:
        assert error.vi and error.en
    else:
        assert table.headers and len(set(h.casefold() for h in table.headers)) == len(table.headers)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_xlsx_gives_a_table_or_a_user_error(
    tmp_path: Path, xlsx_file: Path, data: st.DataObject
) -> None:
    original = xlsx_file.read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(damaged)))
    path = write_csv(tmp_path / "damaged.xlsx", bytes(damaged[:cut]))
    try:
        read_table(path)
    except UserError as error:
        assert error.vi and error.en


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=12), max_size=6),
        max_size=8,
    ),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
)
def test_csv_reader_on_arbitrary_tables(
    tmp_path: Path, cells: list[list[str]], delimiter: str, encoding: str
) -> None:
    text = "\r\n".join(delimiter.join(row) for row in cells)
    path = write_csv(tmp_path / "fuzz.csv", text.encode(encoding, errors="replace"))
    try:
        table = read_table(path)
    except UserError:
        return
    for row in table.rows:
        assert set(row.values) == set(table.headers)
        for value in row.values.values():
            assert not isinstance(value, str) or (value and value == value.strip())
