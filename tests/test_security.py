"""Hostile input, one case at a time, each with the safe behaviour asserted.

Every test named `test_hostile_*` (one per parametrised case) is one hostile case; the
closing note of issue 5 counts them with
`pytest --collect-only -q tests/test_security.py tests/test_packs.py tests/test_images.py
tests/test_save_kills.py | grep -c hostile`. What "safe" means is asserted in each:
no crash (only `UserError` or a refused resource reaches the caller), no leak (a canary
file outside the allowed folders never appears in any output, and the fetcher records
the refusal), no file written outside the output or user-template folders.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import pytest
from jinja2 import TemplateNotFound, UndefinedError
from jinja2.exceptions import SecurityError

from ansinh.core.campaign import Campaign, Piece
from ansinh.core.errors import UserError
from ansinh.core.render.jinja import TemplateLimitError, make_environment
from ansinh.core.render.piece import RenderOptions, render_piece
from ansinh.core.templates import TemplateRegistry

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
