"""Hostile-input suite (run on demand): `.venv/bin/python tests/bench/hostile.py [-k TEXT]`.

Re-runs the categories of issue 10's hostile-input report: crafted campaign files
(`storage.load_document` in a subprocess), data files, campaign TOML, sheets, output
folders, template packs, segment lists and a looping template against the CLI. Every
hostile file is built here, small on disk (bombs are deflated). Each case runs in a fresh
process group with TMPDIR, ANSINH_USER_DIR and HOME set to fresh folders under one scratch
root, and is counted under:

  crashes     killed by a signal, or an exit status other than 0/1/2/130 (and 70)
  unexpected  exit 70, a traceback, "Unexpected error" / "Lỗi không mong đợi", or an
              error message that takes more than one line of stderr
  hangs       still running after --timeout seconds (its process group is killed)
  leaks       anything left in the case's TMPDIR; processes of its group still running
  outside     a file created or changed under the scratch root outside the case's out and
              user folders: a canary tree, the shared inputs and a canary beside each input
  corrupt     a .json in the out folder that does not parse, a `.ansinh-*` temporary file
              or `.import-*` staging folder left in the out or user folder
  slow        one run over 10 s of wall time (the machine's load counts)
  memory      peak over 500 MB: the process group's summed PSS or the largest VmHWM of
              one of its processes, sampled every 0.1 s (not ru_maxrss: a child's counts
              this script's own memory, inherited at exec)
  accepted    an input that must be refused ended with exit 0

Prints a row per case as it ends, then the totals; exits 1 if any category is non-zero.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

CLI = [sys.executable, "-m", "ansinh.cli.main"]
LOAD = """
import sys
from pathlib import Path
from ansinh.core import storage
from ansinh.core.errors import UserError
try:
    document = storage.load_document(Path(sys.argv[1]))
except UserError as error:
    print("Lỗi:", error.text("vi"), file=sys.stderr)
    sys.exit(2)
print("Đã mở:", document.campaign.name)
"""
CATEGORIES = ("crashes", "unexpected", "hangs", "leaks", "outside", "corrupt", "slow", "memory",
              "accepted")
CLEAN_EXITS = (0, 1, 2, 130)
SLOW_SECONDS = 10.0
MEMORY_MB = 500.0
CEILING_MB = 6000.0  # a bomb is stopped here, before it takes the machine down
SEGMENT = "nong-dan"
MB = 1 << 20
GB = 1 << 30
DEEP = "[" * 100_000 + "]" * 100_000  # valid JSON and TOML, 100,000 levels
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5b3f1d60000000049454e44ae426082"
)


# --- inputs ------------------------------------------------------------------------

USER_TEMPLATES = {  # id → (fields, source): text templates installed in the case's user folder
    "hostile-money": (
        '[[fields]]\nid = "message"\ntype = "text"\nlabel = "Nội dung"\nrequired = true\n'
        'max_chars = 200\n\n[[fields]]\nid = "amount"\ntype = "money"\nlabel = "Số tiền"\n'
        "required = true\n",
        "{{ f.message }} {{ f.amount|vnd }}\n",
    ),
    "hostile-loop": (  # a billion empty iterations: only the render CPU limit stops it
        '[[fields]]\nid = "title"\ntype = "text"\nlabel = "Tiêu đề"\nrequired = true\n',
        '{% set s = "x" * 1000 %}{% for a in s %}{% for b in s %}{% for c in s %}'
        "{% endfor %}{% endfor %}{% endfor %}{{ f.title }}\n",
    ),
}


def install(user: Path, template_id: str) -> None:
    fields, source = USER_TEMPLATES[template_id]
    folder = user / "templates" / template_id
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        f'id = "{template_id}"\nname = "{template_id}"\nkind = "sms"\ntext = "text.txt.j2"\n\n'
        + fields, encoding="utf-8")
    (folder / "text.txt.j2").write_text(source, encoding="utf-8")


def repeated(unit: bytes, total: int) -> Iterator[bytes]:
    """`unit` over and over, `total` bytes in about 1 MB chunks."""
    block = unit * max(1, MB // len(unit))
    for _ in range(total // len(block)):
        yield block


def write_zip(path: Path, members: dict[str, bytes | Callable[[], Iterator[bytes]]]) -> None:
    """A deflated zip; a callable member is streamed, so 1 GB of filler never is in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            if isinstance(data, bytes):
                archive.writestr(name, data)
                continue
            with archive.open(name, "w", force_zip64=True) as member:
                for chunk in data():
                    member.write(chunk)


def workbook(path: Path, rows: Callable[[], Iterator[bytes]]) -> Path:
    """An .xlsx whose first sheet is a header cell then whatever `rows` streams."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Tên thôn"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as sound:
        members: dict = {name: sound.read(name) for name in sound.namelist()}

    def sheet() -> Iterator[bytes]:
        yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
               '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
               '<c r="A1" t="inlineStr"><is><t>Tên thôn</t></is></c></row>').encode()
        yield from rows()
        yield b"</sheetData></worksheet>"

    members["xl/worksheets/sheet1.xml"] = sheet
    write_zip(path, members)
    return path


def one_cell() -> Iterator[bytes]:
    yield b'<row><c t="inlineStr"><is><t>'
    yield from repeated(b"A", GB)
    yield b"</t></is></c></row>"


class Shared:
    """Inputs several cases start from, built once when first asked for."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder, self.env = folder, env

    @cached_property
    def ansinh(self) -> Path:
        """A sound campaign file with a logo and a photo, as the app saves it."""
        from ansinh.core import storage
        from ansinh.core.campaign import Campaign, Piece

        logo = self.folder / "logo.png"
        logo.write_bytes(PNG_1PX)
        piece = Piece("poster-bhxh", SEGMENT, "A4", {"title": "Tham gia BHXH", "photo": str(logo)})
        path = self.folder / "sound.ansinh"
        storage.save_document(storage.Document(Campaign(
            name="Tháng 11", day=date(2026, 11, 1), logo=logo, pieces=(piece,),
            base_dir=self.folder)), path)
        return path

    @cached_property
    def pack(self) -> dict[str, bytes]:
        """The members of `banner-bhxh` exported as a pack, renamed `hostile-pack`."""
        path = self.folder / "pack.zip"
        subprocess.run([*CLI, "templates", "export", "banner-bhxh", "--out", str(path)],
                       env=self.env, check=True, capture_output=True)
        with zipfile.ZipFile(path) as archive:
            return {name.replace("banner-bhxh", "hostile-pack"):
                    archive.read(name).replace(b"banner-bhxh", b"hostile-pack")
                    for name in archive.namelist()}

    @cached_property
    def rows_bomb(self) -> Path:
        """3 MB on disk, a 1 GB sheet of rows."""
        row = '<row><c t="inlineStr"><is><t>Thôn 1</t></is></c></row>'.encode()
        return workbook(self.folder / "bomb.xlsx", lambda: repeated(row, GB))

    @cached_property
    def big_cell(self) -> Path:
        return workbook(self.folder / "cell.xlsx", one_cell)


@dataclass(frozen=True)
class Folders:
    root: Path
    inp: Path
    out: Path
    user: Path
    tmp: Path
    home: Path
    shared: Shared

    @property
    def private(self) -> tuple[Path, ...]:
        """Where the case may write: its out and user folders; TMPDIR is checked as leaks,
        HOME counts as outside."""
        return self.out, self.user, self.tmp


Build = Callable[[Folders], list[list[str]]]  # writes the case's inputs, returns its runs
Maker = Callable[[Folders, Path], Path]  # writes an input at (or instead of) the path given


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    build: Build
    refuse: bool = True  # its first run must not end with exit 0
    env: dict[str, str] = field(default_factory=dict)


def cli(*args: object) -> list[str]:
    return [*CLI, *map(str, args)]


def text(content: str | bytes) -> Maker:
    def make(f: Folders, path: Path) -> Path:
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path
    return make


def fifo(f: Folders, path: Path) -> Path:
    os.mkfifo(path)
    return path


def folder(f: Folders, path: Path) -> Path:
    path.mkdir()
    return path


def given(path: str) -> Maker:
    return lambda f, _: Path(path)


def shared(name: str) -> Maker:
    return lambda f, _: getattr(f.shared, name)


# --- cases -------------------------------------------------------------------------

IMAGE = "INSERT INTO image VALUES (?, ?, ?)"
Statements = Callable[[Folders], list[tuple[str, tuple]]]


def sql(statement: str, *params: object) -> Statements:
    return lambda f: [(statement, params)]


def images(count: int) -> Statements:
    blobs = [PNG_1PX + i.to_bytes(4, "big") for i in range(count)]
    return lambda f: [(IMAGE, (hashlib.sha256(b).hexdigest(), f"{i}.png", b))
                      for i, b in enumerate(blobs)]


def big_image(f: Folders) -> list[tuple[str, tuple]]:
    size = 60 * MB
    return [(IMAGE.replace("?)", "zeroblob(?))"),
             (hashlib.sha256(bytes(size)).hexdigest(), "big.png", size))]


def storage_case(name: str, statements: Statements | None = None, *, content: bytes | None = None,
                 refuse: bool = True) -> Case:
    def build(f: Folders) -> list[list[str]]:
        path = f.inp / "chiến dịch.ansinh"
        if content is not None:
            path.write_bytes(content)
        else:
            shutil.copyfile(f.shared.ansinh, path)
            con = sqlite3.connect(path)
            with con:
                for statement, params in statements(f) if statements else ():
                    con.execute(statement, params)
            con.close()
        return [[sys.executable, "-c", LOAD, str(path)]]
    return Case("storage", name, build, refuse)


def data_case(name: str, make: Maker, suffix: str = ".json", refuse: bool = True) -> Case:
    def build(f: Folders) -> list[list[str]]:
        install(f.user, "hostile-money")
        data = make(f, f.inp / f"dữ liệu{suffix}")
        return [cli("render", "hostile-money", "--segment", SEGMENT, "--format", "txt",
                    "--data", data, "--out", f.out)]
    return Case("data", name, build, refuse)


SMS_PIECE = '[[piece]]\ntemplate = "sms-bhxh"\nsegment = "nong-dan"\n'
BANNER_PIECE = '[[piece]]\ntemplate = "banner-bhxh"\nsegment = "nong-dan"\nsize = "3x1m"\n'


def campaign_case(name: str, settings: str = "", pieces: str = SMS_PIECE,
                  formats: str = "txt", refuse: bool = True) -> Case:
    def build(f: Folders) -> list[list[str]]:
        path = f.inp / "chiến dịch.toml"
        path.write_text(f'[campaign]\nname = "Bộ thử"\n{settings}\n\n{pieces}', encoding="utf-8")
        return [cli("export", path, "--format", formats, "--out", f.out)]
    return Case("export", name, build, refuse)


def rows_case(name: str, make: Maker, suffix: str = ".csv", *, template: str = "banner-bhxh",
              formats: str = "pdf", again: bool = False, refuse: bool = True,
              env: dict[str, str] | None = None) -> Case:
    """A batch; `again` re-runs it with --only-failed into the same out folder."""
    def build(f: Folders) -> list[list[str]]:
        if template in USER_TEMPLATES:
            install(f.user, template)
        rows = make(f, f.inp / f"danh sách{suffix}")
        run = cli("batch", template, "--rows", rows, "--segment", SEGMENT, "--format", formats,
                  "--out", f.out)
        return [run, [*run, "--only-failed"]] if again else [run]
    return Case("batch", name, build, refuse, env or {})


def through_file(f: Folders) -> Path:
    (f.inp / "tệp.txt").write_text("x")
    return f.inp / "tệp.txt" / "ra"


def out_case(name: str, out: Callable[[Folders], Path]) -> Case:
    return Case("out", name, lambda f: [cli("render", "sms-bhxh", "--segment", SEGMENT,
                                            "--format", "txt", "--out", out(f))])


def sizes(count: int) -> Callable[[str], str]:
    return lambda toml: toml + "".join(
        f'\n[[sizes]]\nid = "s{i}"\nlabel = "s{i}"\nwidth_mm = 100\nheight_mm = 100\n'
        for i in range(count))


def retyped(key: str, value: str) -> Callable[[str], str]:
    """The `[[key]]` tables replaced by `key = value` at the top."""
    return lambda toml: f"{key} = {value}\n" + re.sub(
        rf"\[\[{key}\]\]\n(?:(?!\[\[).*\n?)*", "", toml)


def pack_case(name: str, template: Callable[[str], str] = str,
              manifest: Callable[[str], str] = str,
              extra: dict[str, Callable[[], Iterator[bytes]]] | None = None,
              refuse: bool = True) -> Case:
    """An import of the mutated pack, then a listing (a pack may not slow later commands)."""
    def build(f: Folders) -> list[list[str]]:
        members: dict = dict(f.shared.pack)
        for name_, change in (("hostile-pack/template.toml", template),
                              ("ansinh-pack.toml", manifest)):
            members[name_] = change(members[name_].decode()).encode()
        path = f.inp / "gói mẫu.zip"
        write_zip(path, {**members, **(extra or {})})
        return [cli("templates", "import", path), cli("templates")]
    return Case("pack", name, build, refuse)


def segments_case(name: str, content: str, run: Callable[[Folders], list[str]] | None = None,
                  refuse: bool = True) -> Case:
    def build(f: Folders) -> list[list[str]]:
        (f.user / "segments.toml").write_text(content, encoding="utf-8")
        return [run(f) if run else cli("segments", "--json")]
    return Case("segments", name, build, refuse)


def loud(f: Folders) -> list[str]:
    return cli("render", "loa-bhxh", "--segment", "dai", "--format", "txt", "--out", f.out)


def check_loop(f: Folders) -> list[list[str]]:
    install(f.user, "hostile-loop")
    return [cli("check", "hostile-loop", "sms-bhxh")]


CPU_LIMIT = {"ANSINH_RENDER_CPU_SECONDS": "2"}
SEGMENT_HEAD = '[[segment]]\nslug = "dai"\nname = "Dài"\ndescription = "d"\n'

CASES = [
    storage_case("sound file", refuse=False),
    storage_case("image id ../../x", sql("UPDATE image SET sha256 = ?", "../../x")),
    storage_case("image id ../../../../x", sql("UPDATE image SET sha256 = ?", "../../../../x")),
    # the scratch root is short, so even the first 16 characters land inside it
    storage_case("image id absolute",
                 lambda f: [("UPDATE image SET sha256 = ?", (f"{f.root}/abs",))]),
    storage_case("image bytes mismatched", sql("UPDATE image SET data = ?", b"other bytes")),
    storage_case("image of 60 MB", big_image),
    storage_case("300 images", images(300)),
    *(storage_case(f"schema version {v}", sql(f"PRAGMA user_version = {v}")) for v in (0, -1, 99)),
    storage_case("100,000-deep JSON in a field",
                 sql("UPDATE piece SET field_values = ?", '{"title": ' + DEEP + "}")),
    *(storage_case(f"{key} = {value}",
                   sql("INSERT OR REPLACE INTO campaign VALUES (?, ?)", key, value))
      for key, value in (("logo", "5"), ("primary", "5"), ("unconfirmed_figures", '"no"'))),
    storage_case("tables dropped", lambda f: [("DROP TABLE piece", ()), ("DROP TABLE image", ())]),
    storage_case("text file renamed", content=b"[campaign]\nname = 'x'\n"),
    storage_case("empty file", content=b""),

    data_case("sound", text('{"message": "Đóng BHXH", "amount": 250000}'), refuse=False),
    data_case("100,000-deep JSON", text('{"message": ' + DEEP + "}")),
    data_case("100,000-deep TOML", text("message = " + DEEP), ".toml"),
    data_case("NaN money", text('{"message": "a", "amount": NaN}')),
    data_case("-Infinity money", text('{"message": "a", "amount": -Infinity}')),
    data_case("1e309 money", text('{"message": "a", "amount": 1e309}')),
    data_case("20 MB string", text('{"amount": 1, "message": "' + "x" * (20 * MB) + '"}')),
    data_case("FIFO", fifo),
    data_case("/dev/zero", given("/dev/zero")),
    data_case("directory", folder),

    campaign_case("sound, a banner and an SMS", pieces=BANNER_PIECE + SMS_PIECE,
                  formats="pdf,txt", refuse=False),
    campaign_case("primary = 5", "primary = 5"),
    campaign_case("accent = [1, 2]", "accent = [1, 2]"),
    campaign_case('unconfirmed_figures = "no"', 'unconfirmed_figures = "no"'),
    campaign_case('date = "mai"', 'date = "mai"'),
    campaign_case("piece values 100,000 deep",
                  pieces=SMS_PIECE + "[piece.values]\nmessage = " + DEEP + "\n"),
    campaign_case("10,000 pieces", pieces=SMS_PIECE * 10_000),

    rows_case("sound, 3 rows", text("Tên thôn\nThôn 1\nThôn 2\nThôn 3\n"), refuse=False),
    rows_case("XLSX zip bomb (1 GB sheet)", shared("rows_bomb"), ".xlsx"),
    rows_case("XLSX one 1 GB cell", shared("big_cell"), ".xlsx"),
    rows_case("FIFO", fifo),
    rows_case("/dev/zero", given("/dev/zero")),
    # UTF-8 but for bytes that are not Windows-1258 either (0x81, 0x8d)
    rows_case("invalid UTF-8 CSV", text("Tên thôn\nThôn 1\n".encode() + b"Th\xc3\x28n \x81\x8d\n")),
    rows_case("10 MB quoted cell", text('Tên thôn\n"' + "x" * (10 * MB) + '"\n')),
    *(rows_case(f"money cell {value}", text(f"message,amount\nA,{value}\nB,250000\n"),
                template="hostile-money", formats="txt") for value in ("1e309", "nan", "inf")),
    rows_case("every row fails, then --only-failed",
              text("Tên thôn\n" + "".join(f"Thôn {i} {'x' * 300}\n" for i in range(5))),
              again=True),
    rows_case("a row of 100,000 characters", text("Tên thôn\n" + "y" * 100_000 + "\nThôn 2\n")),
    rows_case("rows hitting the render CPU limit", text("title\nA\nB\n"), template="hostile-loop",
              formats="txt", env=CPU_LIMIT),

    out_case("/proc", lambda f: Path("/proc")),
    out_case("/dev/null", lambda f: Path("/dev/null")),
    out_case("a path through a file", through_file),

    pack_case("sound pack", refuse=False),
    pack_case("10,000 sizes", sizes(10_000)),
    pack_case("30,000 sizes", sizes(30_000)),
    pack_case('sizes = "x"', retyped("sizes", '"x"')),
    pack_case("fields = 5", retyped("fields", "5")),
    pack_case("100,000-deep TOML", lambda t: re.sub(r"(?m)^tags = .*$", "tags = " + DEEP, t)),
    pack_case("unknown keys", lambda t: f"frobnicate = true\n{t}\n[extra]\nkey = 1\n",
              refuse=False),
    pack_case("a member inflating to 100 MB",
              extra={"hostile-pack/huge.css": lambda: repeated(b"/* */ ", 100 * MB)}),
    pack_case("manifest templates = 5",  # the importer may ignore it: it reads the folders
              manifest=lambda m: re.sub(r"(?m)^templates = .*$", "templates = 5", m),
              refuse=False),

    segments_case("wrong types", '[[segment]]\nslug = 5\nname = ["x"]\ndescription = 1\n'
                  'large_type = "yes"\n'),
    segments_case("segment = 5", "segment = 5\n"),
    segments_case("100,000-deep name", '[[segment]]\nslug = "sau"\nname = ' + DEEP + "\n"),
    segments_case("100,000-character address, read aloud",
                  SEGMENT_HEAD + 'address = "' + "bà con " * 14_286 + '"\n', loud, refuse=False),

    Case("check", "template looping past the CPU limit", check_loop, env=CPU_LIMIT),
]


# --- running -----------------------------------------------------------------------


@dataclass
class Run:
    status: int  # exit status; negative: killed by that signal
    killed: str | None  # "timeout" or "memory": stopped by us
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    stray: list[str]  # processes of its group that outlived it by seconds


def group(pgid: int) -> list[int]:
    """Live processes of a process group, from /proc."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            state, _, pgrp = stat.rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == pgid and state != "Z":
                found.append(int(entry.name))
    return found


def memory_mb(pids: list[int]) -> tuple[float, float]:
    """Summed proportional set size (forked workers' shared pages count once) and the
    largest high-water mark (VmHWM keeps a spike between two samples)."""
    total = highest = 0
    for pid in pids:
        try:
            total += _kb(Path(f"/proc/{pid}/smaps_rollup"), "Pss:")
            highest = max(highest, _kb(Path(f"/proc/{pid}/status"), "VmHWM:"))
        except OSError:
            pass
    return total / 1024, highest / 1024


def _kb(path: Path, key: str) -> int:
    return next((int(line.split()[1]) for line in path.read_text().splitlines()
                 if line.startswith(key)), 0)


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:100]
    except OSError:
        return str(pid)


def read_log(path: Path) -> str:
    with path.open("rb") as handle:
        return handle.read(2 * MB).decode("utf-8", "replace")


def execute(argv: list[str], env: dict[str, str], cwd: Path, log: Path,
            timeout: float) -> Run:
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                 env=env, cwd=cwd, start_new_session=True)
    started, peak, killed = time.monotonic(), 0.0, None
    try:
        while True:
            pid, wait_status = os.waitpid(child.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, *memory_mb(group(child.pid)))
            if time.monotonic() - started > timeout or peak > CEILING_MB:
                killed = "memory" if peak > CEILING_MB else "timeout"
                os.killpg(child.pid, signal.SIGKILL)
                pid, wait_status = os.waitpid(child.pid, 0)
                break
            time.sleep(0.1)
    except BaseException:
        os.killpg(child.pid, signal.SIGKILL)
        raise
    seconds = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped here, not by Popen
    stray: list[str] = []
    deadline = time.monotonic() + 5  # the fork server and workers notice their parent is gone
    while pids := group(child.pid):
        if time.monotonic() > deadline:
            stray = [command(pid) for pid in pids]
            os.killpg(child.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    return Run(child.returncode, killed, seconds, peak, read_log(log.with_suffix(".out")),
               read_log(log.with_suffix(".err")), stray)


def snapshot(root: Path, skip: tuple[Path, ...]) -> dict[str, tuple[int, int]]:
    """Size and mtime of everything under `root` but `skip` (lstat: FIFOs are not opened)."""
    found = {}
    for folder_, dirs, files in os.walk(root):
        here = Path(folder_)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in (*dirs, *files):
            info = (here / name).lstat()
            found[str((here / name).relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return found


def error_lines(stderr: str) -> list[str]:
    """The lines of stderr as a terminal shows them (progress bars redraw with \\r)."""
    return [line.rsplit("\r", 1)[-1] for line in stderr.splitlines() if line.rsplit("\r", 1)[-1]]


def unexpected(run: Run) -> str | None:
    both = run.stdout + run.stderr
    for needle in ("Traceback", "Lỗi không mong đợi", "Unexpected error"):
        if needle in both:
            line = next((x for x in both.splitlines() if needle in x), needle)
            return line.strip()
    if run.status == 70:
        return "exit 70"
    lines = error_lines(run.stderr)
    first = next((i for i, line in enumerate(lines) if line.startswith("Lỗi")), None)
    if first is not None and len(lines) > first + 1:
        return f"error over {len(lines) - first} lines: {lines[first]}"
    return None


def not_json(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def corrupt(f: Folders) -> list[str]:
    found = []
    for path in f.out.rglob("*.json"):
        try:
            json.loads(path.read_text(encoding="utf-8"), parse_constant=not_json)
        except (ValueError, UnicodeDecodeError, TypeError) as exc:
            found.append(f"{path.name}: {exc}")
    for base in (f.out, f.user):
        found += [str(p.relative_to(base)) for p in base.rglob(".ansinh-*")]
        found += [str(p.relative_to(base)) for p in base.rglob(".import-*")]
    return found


def judge(case: Case, runs: list[Run], f: Folders,
          before: dict, after: dict) -> dict[str, str]:
    """Category → what was first seen of it, for the categories this case falls into."""
    seen: dict[str, str] = {}
    for run in runs:
        last = (error_lines(run.stderr) or [""])[-1]
        if run.killed:
            seen.setdefault("hangs" if run.killed == "timeout" else "memory",
                            f"stopped: {run.killed}")
        elif run.status < 0 or run.status not in (*CLEAN_EXITS, 70):
            seen.setdefault("crashes", f"exit {run.status}: {last}")
        if what := unexpected(run):
            seen.setdefault("unexpected", what)
        if not run.killed and run.seconds > SLOW_SECONDS:
            seen.setdefault("slow", f"{run.seconds:.1f} s")
        if run.peak_mb > MEMORY_MB:
            seen.setdefault("memory", f"{run.peak_mb:.0f} MB")
    left = sorted(p.name for p in f.tmp.iterdir())[:3]
    left += [f"running: {c}" for run in runs for c in run.stray][:3]
    if left:
        seen["leaks"] = ", ".join(left)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if changed:
        seen["outside"] = ", ".join(changed[:3]) + f" ({len(changed)} in all)"
    if bad := corrupt(f):
        seen["corrupt"] = "; ".join(bad[:2])
    if case.refuse and runs and runs[0].status == 0:
        seen["accepted"] = "exit 0"
    return seen


def case_env(f: Folders, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ANSINH_"))}
    env.update(TMPDIR=str(f.tmp), ANSINH_USER_DIR=str(f.user), HOME=str(f.home),
               PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run_case(number: int, case: Case, root: Path, shared_: Shared, timeout: float
             ) -> tuple[list[Run], dict[str, str]]:
    base = root / "cases" / f"{number:02d}"
    f = Folders(root, *(base / n for n in ("in", "out", "user", "tmp", "home")), shared_)
    for path in (f.inp, f.out, f.user, f.tmp, f.home):
        path.mkdir(parents=True)
    (f.inp / "canary.txt").write_text("beside the input")
    argvs = case.build(f)
    skip = (*f.private, root / "logs")
    before = snapshot(root, skip)
    runs: list[Run] = []
    for index, argv in enumerate(argvs):
        runs.append(execute(argv, case_env(f, case.env), f.inp,
                            root / "logs" / f"{number:02d}-{index}", timeout))
        if runs[-1].killed:
            break
    verdict = judge(case, runs, f, before, snapshot(root, skip))
    return runs, verdict


def plant_canaries(root: Path) -> None:
    for name in ("canary/note.txt", "canary/sub/deep.txt", "shared/canary.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"canary {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-k", default="", help="only cases whose group/name holds this text")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--keep", action="store_true", help="keep the scratch root")
    args = parser.parse_args()
    cases = [c for c in CASES if args.k.lower() in f"{c.group}/{c.name}".lower()]
    # short (/tmp/hXXXXXXXX), so an absolute image id truncated to 16 characters stays in it
    root = Path(tempfile.mkdtemp(prefix="h"))
    started = time.monotonic()
    totals = dict.fromkeys(CATEGORIES, 0)
    try:
        plant_canaries(root)
        (root / "logs").mkdir()
        own = {**os.environ, "ANSINH_USER_DIR": str(root / "shared" / "user"),
               "TMPDIR": str(root / "shared")}
        os.environ.update(ANSINH_USER_DIR=own["ANSINH_USER_DIR"])
        shared_ = Shared(root / "shared", own)
        print(f"{len(cases)} cases, scratch root {root}\n")
        print(f"{'case':<52} {'exit':>7} {'s':>6} {'MB':>6}  verdict")
        for number, case in enumerate(cases, 1):
            runs, verdict = run_case(number, case, root, shared_, args.timeout)
            exits = "/".join(r.killed or str(r.status) for r in runs)
            label = f"{case.group}/{case.name}"[:52]
            print(f"{label:<52} {exits:>7} {sum(r.seconds for r in runs):6.1f} "
                  f"{max(r.peak_mb for r in runs):6.0f}  {', '.join(verdict) or 'ok'}",
                  flush=True)
            for category, what in verdict.items():
                totals[category] += 1
                print(f"    {category}: {what[:160]}", flush=True)
            if not args.keep:
                shutil.rmtree(root / "cases" / f"{number:02d}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\nTotals ({len(cases)} cases, {time.monotonic() - started:.0f} s):")
    for category in CATEGORIES:
        print(f"  {category:<11} {totals[category]}")
    return 1 if any(totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
