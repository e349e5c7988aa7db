"""Hostile spreadsheets (issue 10): zip bombs, FIFOs and devices, and CSV files that are
not what they seem end with one clear message, early and within bounded memory.

Bombs are generated here, streamed through zipfile, never whole on disk or in memory.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from ansinh.core.errors import UserError
from ansinh.core.sheets import read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    f'<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
    f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
    '<sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Tên thôn</t></is></c></row>'
)
ROW = '<row><c><v>1</v></c><c t="s"><v>0</v></c></row>'  # "Thôn Đồng Tâm", shared
MB = 1024 * 1024
# Letters deflate cannot shrink much: a random period longer than its 32 KB window.
TEXT = bytes(b"abcdefghijklmnop"[byte & 15] for byte in random.Random(0).randbytes(65536))


def repeated(piece: bytes, total: int) -> Iterator[bytes]:
    """`piece` over and over, `total` bytes or a little more, in 4 MB chunks."""
    chunk = piece * max(1, (4 * MB) // len(piece))
    for _ in range(0, total, len(chunk)):
        yield chunk


def write_workbook(path: Path, sheet: Iterable[bytes], *, dimension: str = "A1:B2",
                   strings: Iterable[bytes] = (b"<si><t>Th\xc3\xb4n \xc4\x90\xe1\xbb\x93ng "
                                                b"T\xc3\xa2m</t></si>",)) -> Path:
    """A workbook openpyxl opens, its sheet data and shared strings streamed from chunks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/sharedStrings.xml", "w") as member:
            member.write(f'<sst xmlns="{MAIN}">'.encode())
            for chunk in strings:
                member.write(chunk)
            member.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            member.write(f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
                         f"<sheetData>{HEADER}".encode())
            for chunk in sheet:
                member.write(chunk)
            member.write(b"</sheetData></worksheet>")
    return path


def refused(path: Path, *words: str) -> UserError:
    with pytest.raises(UserError) as caught:
        read_table(path)
    for word in words:
        assert word in caught.value.vi
    assert caught.value.en and caught.value.path == str(path)
    return caught.value


# --- XLSX bounds --------------------------------------------------------------------------


def test_the_workbook_builder_makes_readable_workbooks(tmp_path: Path) -> None:
    table = read_table(write_workbook(tmp_path / "ok.xlsx", [ROW.encode() * 3]))
    assert table.headers == ["STT", "Tên thôn"]
    assert [row.values["Tên thôn"] for row in table.rows] == ["Thôn Đồng Tâm"] * 3


MEASURE = """
import sys, time
from pathlib import Path
from ansinh.core.errors import UserError
from ansinh.core.sheets import read_table
start = time.perf_counter()
try:
    read_table(Path(sys.argv[1]))
except UserError as error:
    print(error.vi)
print(time.perf_counter() - start)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent (pytest,
# often 300 MB), while VmHWM belongs to this process's own memory.
hwm = next(line for line in Path("/proc/self/status").read_text().splitlines()
           if line.startswith("VmHWM:"))
print(int(hwm.split()[1]) / 1024)
"""


def measure(path: Path) -> tuple[str, float, float]:
    """(message, seconds, peak MB of the whole process) of reading `path` in a child."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                          text=True, timeout=60, check=True)
    message, seconds, peak = done.stdout.strip().rsplit("\n", 2)
    return message, float(seconds), float(peak)


@pytest.mark.parametrize(("name", "sheet"), [
    # 200 MB of ordinary rows (1 GB behaves the same; the report quotes it).
    ("rows", repeated(ROW.encode(), 200 * MB)),
    # One cell of 200 MB.
    ("cell", [b'<row><c t="inlineStr"><is><t>', *repeated(b"A", 200 * MB), b"</t></is></c></row>"]),
])  # fmt: skip
def test_zip_bombs_are_refused_fast_in_little_memory(
    tmp_path: Path, name: str, sheet: Iterable[bytes]
) -> None:
    path = write_workbook(tmp_path / f"{name}.xlsx", sheet)
    assert path.stat().st_size < 2 * MB
    message, seconds, peak = measure(path)
    assert "giải nén ra quá lớn" in message and "20.000 dòng" in message
    assert seconds <= 2.0 and peak <= 200


def test_a_highly_compressed_part_is_refused(tmp_path: Path) -> None:
    # 40 MB of whitespace between rows: under the size cap, but deflated ~1000:1.
    path = write_workbook(tmp_path / "padded.xlsx", [ROW.encode(), *repeated(b" ", 40 * MB)])
    refused(path, "zip bomb", "xl/worksheets/sheet1.xml")


def test_a_lying_size_header_inflates_no_further_than_declared(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "liar.xlsx", repeated(ROW.encode(), 100 * MB))
    data = bytearray(path.read_bytes())
    central = data.rindex(b"xl/worksheets/sheet1.xml") - 46  # its central directory entry
    assert data[central : central + 4] == b"PK\x01\x02"
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")  # declared size
    path.write_bytes(data)
    refused(path, "bị hỏng")  # zipfile stops at the declared size: the CRC fails


def test_declared_dimension_is_bounded(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "wide.xlsx", [ROW.encode()], dimension="A1:XFD1048576")
    refused(path, "«A1:XFD1048576»", "quá lớn")
    bordered = write_workbook(tmp_path / "bordered.xlsx", [ROW.encode()], dimension="A1:K30000")
    assert len(read_table(bordered).rows) == 1  # formatted empty rows are not data


def test_long_cells_are_refused_naming_the_cell(tmp_path: Path) -> None:
    # Over Excel's limit, under the scan's byte bound: found on the parsed value.
    cell = b'<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>'
    over = write_workbook(tmp_path / "over.xlsx", [cell + b"x" * 40_000 + b"</t></is></c></row>"])
    assert refused(over, "Ô B2", "32.767").line == 2
    # 10 MB: refused by the scan before openpyxl builds the string.
    huge = write_workbook(tmp_path / "huge.xlsx",
                          [cell, *repeated(TEXT, 10 * MB), b"</t></is></c></row>"])
    assert refused(huge, "Ô B2", "32.767").line == 2
    # A shared string: refused before openpyxl loads the strings at all.
    shared = write_workbook(tmp_path / "shared.xlsx", [ROW.encode()],
                            strings=[b"<si><t>", *repeated(TEXT, 10 * MB), b"</t></si>"])
    refused(shared, "Một ô trong tệp Excel", "32.767")


def csv_rows(count: int) -> bytes:
    return ("STT,Tên thôn\n" + "".join(f"{i},Thôn {i}\n" for i in range(1, count + 1))).encode()


def test_row_count_limit(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(csv_rows(20_000))
    assert len(read_table(path).rows) == 20_000
    path.write_bytes(csv_rows(20_001))
    assert refused(path, "20.000 dòng", "dòng 20002").line == 20_002


# --- FIFOs and devices --------------------------------------------------------------------


READ = "import sys; from pathlib import Path; from ansinh.core.sheets import read_table; " \
       "read_table(Path(sys.argv[1]))"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_device_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        done = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True,
                              text=True, timeout=30)  # blocked for ever before
        assert done.returncode == 1 and "không phải một tệp thường" in done.stderr


# --- CSV: what is wrong, said as it is ----------------------------------------------------

VILLAGES = "Họ và tên,Địa chỉ,Số điện thoại\nNguyễn Văn An,Thôn Đồng Tâm,0912\n"


def test_invalid_utf8_is_reported_as_such(tmp_path: Path) -> None:
    data = VILLAGES.encode()
    cut = data.index(b"\n") + 5
    path = tmp_path / "broken.csv"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    error = refused(path, "không phải văn bản UTF-8", "0xFF", f"vị trí {cut}", "dòng 2")
    assert error.line == 2
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)  # binary, not Vietnamese either way
    refused(path, "không phải văn bản UTF-8", "0x80")
    # Legacy Vietnamese still reads (test_sheets.py covers TCVN3 and VNI as well).
    path.write_bytes("Tên thôn,Đơn\nThôn Đông,Bưu Hà Đông\n".encode("cp1258"))
    table = read_table(path)
    assert table.encoding == "cp1258" and table.rows[0].values["Đơn"] == "Bưu Hà Đông"


def test_a_huge_quoted_cell_names_its_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "note.csv"
    # Commas, semicolons and line breaks inside the quotes: the quote decides the delimiter.
    path.write_bytes(b'STT,Ghi ch\xc3\xba\n1,"' + b"x, y; z\n" * (10 * MB // 8) + b'"\n2,ok\n')
    assert refused(path, "Ô B2", "dòng 2, cột B", "32.767").line == 2
    path.write_bytes(b'STT;Ghi chu\n1;ok\n2;"' + b"a" * 40_000 + b'"\n')  # csv reads it
    assert refused(path, "Ô B3", "dòng 3, cột B").line == 3


def test_no_consistent_delimiter_is_said(tmp_path: Path) -> None:
    letter = [
        "Kính gửi: các thôn, bản, tổ dân phố",
        "Hôm nay, ngày 5, tháng 5, năm 2026",
        "Đề nghị các đơn vị chuẩn bị danh sách",
        "Trân trọng; kính báo",
        "Nơi nhận: như trên, lưu VT",
        "Chủ tịch",
    ]
    path = tmp_path / "letter.csv"
    path.write_bytes("\n".join(letter).encode())
    refused(path, "dấu phân cách", "số cột khác nhau")


# --- the CLI, end to end ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_cli_ends_each_case_with_one_line_and_status_2(tmp_path: Path) -> None:
    cli = Path(sys.executable).with_name("ansinh-cli")
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"STT,T\xffn\n1,A\n")
    cases = {
        fifo: "không phải một tệp thường",
        write_workbook(tmp_path / "bomb.xlsx", repeated(ROW.encode(), 100 * MB)): "quá lớn",
        broken: "UTF-8",
    }
    for path, words in cases.items():
        done = subprocess.run(
            [str(cli), "batch", "banner-bhxh", "--rows", str(path), "--out", str(tmp_path / "x")],
            capture_output=True, text=True, timeout=60,
        )
        lines = (done.stdout + done.stderr).strip().splitlines()
        assert done.returncode == 2 and len(lines) == 1 and words in lines[0], lines
