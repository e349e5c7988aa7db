"""Template packs: export, import, and every way a hostile `.zip` tries to get out.

Tests named `test_hostile_*` are hostile cases (counted in issue 5). After each one the
user template folder holds nothing new, no staging folder is left behind and no file
appeared anywhere else under the test's temporary root.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from ansinh.cli.main import main
from ansinh.core import packs, paths
from ansinh.core.campaign import Campaign, Piece
from ansinh.core.errors import UserError
from ansinh.core.packs import PackConflict, export_pack, import_pack, read_pack
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.templates import TemplateRegistry

MANIFEST = """id = "{tid}"
name = "Áp phích thử"
kind = "poster"
html = "piece.html.j2"
{extra}
[[sizes]]
id = "A6"
width_mm = 105
height_mm = 148

[[fields]]
id = "title"
type = "text"
label = "Tiêu đề"
default = "Xin chào bà con"
{fields}"""

PAGE = """{% extends "page.html.j2" %}
{% block style %}@import url("extra.css");{% endblock %}
{% block sheet %}<h1 data-field="title">{{ f.title }}</h1>{% endblock %}
"""


def manifest(tid: str = "ap-phich-thu", extra: str = "", fields: str = "") -> str:
    return MANIFEST.format(tid=tid, extra=extra, fields=fields)


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def good_members(tid: str = "ap-phich-thu", folder: str | None = None) -> dict[str, bytes]:
    prefix = f"{folder if folder is not None else tid}/" if folder != "" else ""
    return {
        f"{prefix}template.toml": manifest(tid).encode(),
        f"{prefix}piece.html.j2": PAGE.encode(),
        f"{prefix}extra.css": b"h1 { color: #003b7a; }",
        f"{prefix}img/nen.png": png_bytes(),
    }


def make_zip(
    path: Path,
    members: dict[str, bytes],
    *,
    modes: dict[str, int] | None = None,
    flags: dict[str, int] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, body in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.create_system = 3
            info.external_attr = (modes or {}).get(name, stat.S_IFREG | 0o644) << 16
            info.flag_bits |= (flags or {}).get(name, 0)
            archive.writestr(info, body)
    return path


def user_root() -> Path:
    return paths.user_templates_dir()


def tree(root: Path) -> set[str]:
    return {str(p) for p in root.rglob("*")} if root.exists() else set()


# --- export and import ------------------------------------------------------------------


def test_export_then_import_round_trip_and_render(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "ap-phich-thu" / "img").mkdir(parents=True)
    for name, body in good_members().items():
        (source / name).write_bytes(body)
    (source / "ap-phich-thu" / "link.css").symlink_to("/etc/passwd")  # never exported
    (source / "ap-phich-thu" / "notes.docx").write_bytes(b"PK")  # not a template file
    registry = TemplateRegistry([(source, "user")])
    pack = tmp_path / "goi.zip"
    names = export_pack(["ap-phich-thu"], pack, registry)
    assert sorted(names) == sorted(["ansinh-pack.toml", *good_members()])
    with zipfile.ZipFile(pack) as archive:
        assert all(i.external_attr >> 16 == stat.S_IFREG | 0o644 for i in archive.infolist())

    report = import_pack(pack)
    assert report.installed == ["ap-phich-thu"] and not report.replaced and not report.skipped
    installed = user_root() / "ap-phich-thu"
    for name, body in good_members().items():
        assert (user_root() / name).read_bytes() == body
    assert not (installed / "link.css").exists()

    template = TemplateRegistry().get("ap-phich-thu")
    assert template.origin == "user"
    result = render_piece(
        Piece("ap-phich-thu", "toan-dan", None, {}),
        Campaign(name="Thử gói", base_dir=tmp_path),
        RenderOptions(formats=("pdf",)),
    )
    assert result.ok, [c.vi for c in result.checks if c.is_error]


def test_second_import_needs_overwrite_then_replaces(tmp_path: Path) -> None:
    pack = make_zip(tmp_path / "goi.zip", good_members())
    import_pack(pack)
    (user_root() / "ap-phich-thu" / "mine.css").write_text("/* user's own */")
    with pytest.raises(PackConflict) as conflict:
        import_pack(pack)
    assert conflict.value.ids == ["ap-phich-thu"] and not conflict.value.shipped
    assert (user_root() / "ap-phich-thu" / "mine.css").exists()  # untouched
    report = import_pack(pack, overwrite=True)
    assert report.replaced == ["ap-phich-thu"]
    assert not (user_root() / "ap-phich-thu" / "mine.css").exists()
    assert not list(user_root().glob(".import-*"))


def test_the_replace_question_comes_once_after_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ansinh.core import packs

    pack = make_zip(tmp_path / "goi.zip", good_members())
    import_pack(pack)
    (user_root() / "ap-phich-thu" / "mine.css").write_text("/* user's own */")
    reads: list[Path] = []
    read = packs.read_pack
    monkeypatch.setattr(packs, "read_pack", lambda p: reads.append(p) or read(p))
    asked: list[list[str]] = []
    with pytest.raises(PackConflict):
        import_pack(pack, overwrite=lambda c: asked.append(c.ids) or False)
    assert asked == [["ap-phich-thu"]] and (user_root() / "ap-phich-thu" / "mine.css").exists()
    assert not list(user_root().glob(".import-*"))
    reads.clear()
    report = import_pack(pack, overwrite=lambda c: True)
    assert report.replaced == ["ap-phich-thu"] and len(reads) == 1
    assert not (user_root() / "ap-phich-thu" / "mine.css").exists()


def test_a_shipped_template_is_never_hidden_silently(tmp_path: Path) -> None:
    members = {
        "poster-bhxh/template.toml": manifest("poster-bhxh").encode(),
        "poster-bhxh/piece.html.j2": PAGE.encode(),
        "poster-bhxh/extra.css": b"",
    }
    pack = make_zip(tmp_path / "goi.zip", members)
    with pytest.raises(PackConflict) as conflict:
        import_pack(pack)
    assert conflict.value.shipped == ["poster-bhxh"] and "có sẵn" in conflict.value.vi
    assert not (user_root() / "poster-bhxh").exists()
    import_pack(pack, overwrite=True)
    assert TemplateRegistry().get("poster-bhxh").origin == "user"


def test_template_at_the_archive_root_and_junk_and_extra_files(tmp_path: Path) -> None:
    members = good_members(folder="")
    members.update(
        {
            "__MACOSX/._template.toml": b"junk",
            ".DS_Store": b"junk",
            "README.html": b"<p>hi</p>",
            "run.exe": b"MZ",
            "ansinh-pack.toml": b"format = 1",
        }
    )
    report = import_pack(make_zip(tmp_path / "goi.zip", members))
    assert report.installed == ["ap-phich-thu"]
    assert sorted(report.skipped) == ["README.html", "run.exe"]
    assert not (user_root() / "ap-phich-thu" / "run.exe").exists()


def _rename_in_archive(path: Path, placeholder: bytes, real: bytes) -> None:
    data = path.read_bytes()
    assert len(placeholder) == len(real) and data.count(placeholder) == 2
    path.write_bytes(data.replace(placeholder, real))


def test_names_utf8_without_flag_cp437_and_nfd_are_normalised(tmp_path: Path) -> None:
    utf8 = "ap-phich-thu/ảnh-nền.png".encode()
    cp437 = "ap-phich-thu/été.png".encode("cp437")
    nfd = unicodedata.normalize("NFD", "ap-phich-thu/hình.png")
    members = good_members()
    members[("U" * len(utf8))] = png_bytes()
    members[("C" * len(cp437))] = png_bytes()
    members[nfd] = png_bytes()
    pack = make_zip(tmp_path / "goi.zip", members)
    _rename_in_archive(pack, b"U" * len(utf8), utf8)
    _rename_in_archive(pack, b"C" * len(cp437), cp437)
    import_pack(pack)
    folder = user_root() / "ap-phich-thu"
    names = {p.name for p in folder.iterdir()}
    assert {"ảnh-nền.png", "été.png", unicodedata.normalize("NFC", "hình.png")} <= names


def test_cli_templates_import_export_and_listing(tmp_path: Path, capsys) -> None:
    pack = make_zip(tmp_path / "goi.zip", good_members())
    assert main(["templates", "import", str(pack)]) == 0
    assert "ap-phich-thu" in capsys.readouterr().out
    assert main(["templates", "import", str(pack)]) == 2  # exists; not a terminal: no prompt
    assert "--force" in capsys.readouterr().err
    assert main(["templates", "import", str(pack), "--force"]) == 0
    out = tmp_path / "ra.zip"
    assert main(["templates", "export", "ap-phich-thu", "poster-bhxh", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        assert "poster-bhxh/template.toml" in archive.namelist()
    assert main(["templates", "--json"]) == 0
    assert '"ap-phich-thu"' in capsys.readouterr().out
    assert main(["templates"]) == 0


def test_cli_asks_before_overwriting_on_a_terminal(tmp_path: Path) -> None:
    pack = make_zip(tmp_path / "goi.zip", good_members())
    import_pack(pack)
    script = (
        "import sys; from ansinh.cli.main import main; sys.stdin.isatty = lambda: True; "
        f"sys.exit(main(['templates', 'import', {str(pack)!r}]))"
    )
    no = subprocess.run(
        [sys.executable, "-c", script],
        input="k\n",
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
    )
    assert no.returncode == 2 and "Chưa cài" in no.stdout
    yes = subprocess.run(
        [sys.executable, "-c", script],
        input="c\n",
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
    )
    assert yes.returncode == 0, yes.stderr
    assert "Đã thay" in yes.stdout


# --- hostile packs -----------------------------------------------------------------------


def _overlap_bomb(path: Path, copies: int = 50) -> Path:
    """Fifield-style: many central-directory entries share one compressed body."""
    body = zlib.compress(b"a" * 1_000_000)[2:-4]
    name = b"t/a.css"
    crc = zlib.crc32(b"a" * 1_000_000)
    local = (
        struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), 1_000_000, len(name), 0
        )
        + name
        + body
    )
    central = b""
    for index in range(copies):
        entry = f"t/{index:05d}.css".encode()
        central += (
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                0x031E,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(body),
                1_000_000,
                len(entry),
                0,
                0,
                0,
                0,
                (stat.S_IFREG | 0o644) << 16,
                0,
            )
            + entry
        )
    end = struct.pack(
        "<4sHHHHIIH",
        b"PK\x05\x06",
        0,
        0,
        min(copies, 65535),
        min(copies, 65535),
        len(central),
        len(local),
        0,
    )
    path.write_bytes(local + central + end)
    return path


def _zeros_member(size: int) -> dict[str, bytes]:
    members = good_members()
    members["ap-phich-thu/bomb.css"] = b"\0" * size
    return members


def _with(name: str, body: bytes = b"h1{}") -> dict[str, bytes]:
    members = good_members()
    members[name] = body
    return members


def _manifest_with(extra: str = "", fields: str = "", tid: str = "ap-phich-thu") -> dict:
    members = good_members()
    members["ap-phich-thu/template.toml"] = manifest(tid, extra, fields).encode()
    return members


def _set_flag(path: Path, name_tail: bytes, bit: int) -> Path:
    """Set a general-purpose flag bit of one entry in both of its headers."""
    data = bytearray(path.read_bytes())
    local = data.find(name_tail)
    central = data.find(name_tail, local + 1)
    name_len = len(b"ap-phich-thu/") + len(name_tail)
    for start, offset in (
        (local - 30 - name_len + len(name_tail), 6),
        (central - 46 - name_len + len(name_tail), 8),
    ):
        flags = struct.unpack_from("<H", data, start + offset)[0]
        struct.pack_into("<H", data, start + offset, flags | bit)
    path.write_bytes(bytes(data))
    return path


LINK = stat.S_IFLNK | 0o777
HOSTILE_PACKS = {
    # name: (how to build it, words the message must contain)
    "zip-slip-dotdot": (lambda p: make_zip(p, _with("../evil.css")), ".."),
    "zip-slip-deep": (lambda p: make_zip(p, _with("ap-phich-thu/../../../evil.css")), ".."),
    "zip-slip-backslash": (lambda p: make_zip(p, _with("ap-phich-thu\\..\\..\\evil.css")), ".."),
    "absolute-posix": (lambda p: make_zip(p, _with("/tmp/evil.css")), "tuyệt đối"),
    "absolute-unc": (lambda p: make_zip(p, _with("\\\\server\\share\\evil.css")), "tuyệt đối"),
    "drive-letter": (lambda p: make_zip(p, _with("C:/Windows/evil.css")), "ổ đĩa"),
    "drive-relative": (lambda p: make_zip(p, _with("C:evil.css")), "ổ đĩa"),
    "symlink-entry": (
        lambda p: make_zip(
            p, _with("ap-phich-thu/link.css", b"/etc/passwd"), modes={"ap-phich-thu/link.css": LINK}
        ),
        "symlink",
    ),
    "symlink-dir-entry": (
        lambda p: make_zip(
            p, _with("ap-phich-thu/img2", b"/etc"), modes={"ap-phich-thu/img2": LINK}
        ),
        "symlink",
    ),
    "fifo-entry": (
        lambda p: make_zip(
            p,
            _with("ap-phich-thu/pipe.css", b""),
            modes={"ap-phich-thu/pipe.css": stat.S_IFIFO | 0o644},
        ),
        "đặc biệt",
    ),
    "device-entry": (
        lambda p: make_zip(
            p,
            _with("ap-phich-thu/dev.css", b""),
            modes={"ap-phich-thu/dev.css": stat.S_IFCHR | 0o644},
        ),
        "đặc biệt",
    ),
    "encrypted-entry": (
        lambda p: _set_flag(make_zip(p, _with("ap-phich-thu/secret.css")), b"secret.css", 0x1),
        "mã hóa",
    ),
    "control-char-name": (lambda p: make_zip(p, _with("ap-phich-thu/a\x01.css")), "điều khiển"),
    "windows-device-name": (lambda p: make_zip(p, _with("ap-phich-thu/con.css")), "thiết bị"),
    "windows-device-com1": (lambda p: make_zip(p, _with("ap-phich-thu/COM1.j2")), "thiết bị"),
    "trailing-dot": (lambda p: make_zip(p, _with("ap-phich-thu/a.css.")), "Windows"),
    "alternate-data-stream": (lambda p: make_zip(p, _with("ap-phich-thu/a.css:x")), "ký tự"),
    "too-deep": (lambda p: make_zip(p, _with("ap-phich-thu/" + "d/" * 8 + "a.css")), "sâu"),
    "case-duplicates": (
        lambda p: make_zip(p, {**_with("ap-phich-thu/A.css"), "ap-phich-thu/a.css": b""}),
        "trùng",
    ),
    "bomb-ratio": (lambda p: make_zip(p, _zeros_member(30 * 2**20)), "bom zip"),
    "bomb-total": (
        lambda p: make_zip(
            p, {**good_members(), **{f"ap-phich-thu/{i}.css": b" " * 900_000 for i in range(80)}}
        ),
        "bom zip",
    ),
    "bomb-overlap": (_overlap_bomb, "bom zip"),
    "bomb-stored-huge": (
        lambda p: make_zip(p, _zeros_member(25 * 2**20), method=zipfile.ZIP_STORED),
        "bom zip",
    ),
    "too-many-members": (
        lambda p: make_zip(
            p, {**good_members(), **{f"ap-phich-thu/{i}.css": b"" for i in range(600)}}
        ),
        "quá nhiều",
    ),
    "not-a-zip": (lambda p: p.write_bytes(os.urandom(5000)) and p, "hỏng"),
    "truncated-zip": (
        lambda p: p.write_bytes(make_zip(p, good_members()).read_bytes()[:300]) and p,
        "hỏng",
    ),
    "crc-corrupted": (
        lambda p: (
            p.write_bytes(
                make_zip(p, _with("ap-phich-thu/z.css", b"A" * 4000), method=zipfile.ZIP_STORED)
                .read_bytes()
                .replace(b"A" * 4000, b"B" * 4000)
            )
            and p
        ),
        "hỏng",
    ),
    "no-manifest": (lambda p: make_zip(p, {"x/piece.html.j2": b"hi"}), "template.toml"),
    "bad-toml": (lambda p: make_zip(p, _with("ap-phich-thu/template.toml", b"id = [")), "TOML"),
    "manifest-html-traversal": (
        lambda p: make_zip(
            p,
            _manifest_with(tid="ap-phich-thu").__or__(
                {
                    "ap-phich-thu/template.toml": manifest()
                    .replace(
                        'html = "piece.html.j2"', 'html = "../../../../../../../../etc/passwd"'
                    )
                    .encode()
                }
            ),
        ),
        "",
    ),
    "manifest-device-id": (lambda p: make_zip(p, _manifest_with(tid="con")), "con"),
    "manifest-image-default-outside": (
        lambda p: make_zip(
            p,
            _manifest_with(
                fields='[[fields]]\nid = "anh"\ntype = "image"\nlabel = "Ảnh"\n'
                'default = "/home/user/Pictures/private.jpg"\n'
            ),
        ),
        "asset:",
    ),
    "manifest-asset-traversal": (
        lambda p: make_zip(
            p,
            _manifest_with(
                fields='[[fields]]\nid = "anh"\ntype = "image"\nlabel = "Ảnh"\n'
                'default = "asset:../../../etc/passwd"\n'
            ),
        ),
        "ngoài",
    ),
    "jinja-syntax-error": (
        lambda p: make_zip(p, _with("ap-phich-thu/piece.html.j2", b"{% if %}")),
        "Jinja",
    ),
    "eps-renamed-png": (
        lambda p: make_zip(p, _with("ap-phich-thu/img/logo.png", b"%!PS-Adobe-3.0 EPSF-3.0\n")),
        "EPS",
    ),
    "two-templates-same-id": (
        lambda p: make_zip(p, {**good_members(), **good_members(folder="copy")}),
        "hai mẫu",
    ),
    "pack-is-a-fifo": (lambda p: (os.mkfifo(p), p)[1], "thông thường"),
    "pack-is-a-directory": (lambda p: (p.mkdir(), p)[1], "thông thường"),
    "pack-oversized": (
        lambda p: (p.write_bytes(b""), os.truncate(p, packs.MAX_PACK_BYTES + 1), p)[2],
        "quá lớn",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PACKS))
def test_hostile_pack_is_refused_and_installs_nothing(
    name: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    user_root().mkdir(parents=True, exist_ok=True)
    existing = make_zip(tmp_path / "mine.zip", good_members("mau-cua-toi"))
    import_pack(existing)
    before = tree(user_root())
    build, expected = HOSTILE_PACKS[name]
    pack = tmp_path / "hostile.zip"
    build(pack)
    everything = tree(tmp_path_factory.getbasetemp())

    with pytest.raises(UserError) as caught:
        import_pack(pack, overwrite=True)
    assert not isinstance(caught.value, PackConflict)
    assert expected in caught.value.vi, caught.value.vi
    assert caught.value.en and caught.value.en != caught.value.vi
    assert tree(user_root()) == before
    assert tree(tmp_path_factory.getbasetemp()) == everything  # nothing written anywhere
    assert not Path("/tmp/evil.css").exists()


def test_hostile_nul_in_a_name_is_cut_there_and_left_out(tmp_path: Path) -> None:
    pack = make_zip(tmp_path / "goi.zip", _with("ap-phich-thu/aXb/../../../evil.css"))
    data = pack.read_bytes().replace(b"aXb/", b"a\x00b/")
    pack.write_bytes(data)
    report = import_pack(pack)
    assert report.skipped == ["ap-phich-thu/a"]
    assert not any(p.name == "evil.css" for p in tmp_path.parent.rglob("evil.css"))


def test_hostile_pack_through_the_cli_is_one_line_and_status_2(tmp_path: Path, capsys) -> None:
    pack = make_zip(tmp_path / "x.zip", _with("../../evil.css"))
    assert main(["templates", "import", str(pack), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and err.count("\n") == 1 and "Traceback" not in err


def test_read_pack_never_decompresses_a_bomb(tmp_path: Path, monkeypatch) -> None:
    pack = make_zip(tmp_path / "bomb.zip", _zeros_member(30 * 2**20))
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(UserError):
        read_pack(pack)
    assert "ap-phich-thu/bomb.css" not in opened
