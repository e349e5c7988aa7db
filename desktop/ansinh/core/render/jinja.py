"""Sandboxed Jinja2 environments and the filters templates share.

HTML templates autoescape (field values can never inject markup); text templates
do not escape but stay sandboxed. Filters write numbers the Vietnamese way:
"330.000 đồng", "22%", "01/07/2025".

Templates travel between provinces as packs, so a template is untrusted code. Jinja's
own sandbox stops attribute tricks (`''.__class__.__mro__`, `str.format` reaching
private attributes) but gives no resource guarantees. `BoundedSandbox` adds:

* **No file or object escapes.** Mutating lists/dicts is refused (the immutable
  sandbox); objects such as `pathlib.Path` (templates see `template.folder` and image
  paths) expose only `name`/`stem`/`suffix`, and only methods of plain values
  (str, numbers, dates, Markup, Jinja helpers, our own dataclasses) may be called, so
  `template.folder.joinpath('/etc/passwd').read_text()` is refused.
* **Size limits checked before the memory is spent**: `*`, `**`, `+`, `%` and `~` are
  intercepted and refuse results over `MAX_STRING_LENGTH` characters,
  `MAX_ITEMS` items or `MAX_INT_BITS` bits; format widths (`'%999999999d'`,
  `'{:>999999999}'`) over `MAX_FORMAT_WIDTH`; the filters and str methods that grow text
  (`center`, `indent`, `replace`, `join`, `wordwrap`, `ljust`, …) are checked the same
  way; `range` is capped per call and per render; the rendered text is capped at
  `MAX_OUTPUT_CHARS`.
* **Template sources** load only as regular files inside the search path (no symlink
  out, no device, at most `MAX_SOURCE_BYTES`).

A limit breach raises `TemplateLimitError` (a Jinja `SecurityError`); `render_html`
turns it into a `UserError` naming the template. These checks fail fast and cheaply;
the hard guarantee against what they cannot see (loops that only burn CPU) is the
render worker's CPU timer and memory cap (`worker.py`).
"""

from __future__ import annotations

import contextvars
import functools
import io
import math
import os
import re
import stat
import string
import types
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2 import Template as JinjaTemplate
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from .. import vntext
from .pages import sections

MAX_STRING_LENGTH = 1_000_000  # characters in any one value a template builds
MAX_ITEMS = 100_000  # items in a list/tuple a template builds; one range()
MAX_RANGE_TOTAL = 1_000_000  # range() items over a whole render
MAX_INT_BITS = 8192  # ~2,466 decimal digits
MAX_FORMAT_WIDTH = 10_000  # width/precision in % and str.format specs
MAX_OUTPUT_CHARS = 20_000_000  # rendered text of one template (or macro, or block)
MAX_SOURCE_BYTES = 1_000_000  # one template source file

_PATH_ATTRIBUTES = frozenset({"name", "stem", "suffix"})
# Owners whose methods a template may call (by the root module of their type).
_SAFE_MODULES = frozenset({"builtins", "markupsafe", "datetime", "decimal", "jinja2", "ansinh"})


def group_thousands(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + decimals if decimals else "")
    return f"{int(value):,}".replace(",", ".")


def vnd(value: float | int | None, unit: str = "đồng") -> str:
    return "" if value is None else f"{group_thousands(value)} {unit}"


def percent(rate: float | None) -> str:
    if rate is None:
        return ""
    return group_thousands(round(rate * 100, 2)) + "%"


def date_vn(value: date | None, pattern: str = "%d/%m/%Y") -> str:
    return "" if value is None else value.strftime(pattern)


FILTERS = {
    "vnd": vnd,
    "number": group_thousands,
    "percent": percent,
    "date_vn": date_vn,
    "spoken": vntext.read_aloud,
    "sections": sections,
}


# --- limits ------------------------------------------------------------------------


class TemplateLimitError(SecurityError):
    """A template tried something the sandbox refuses; the text is bilingual."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.vi = vi
        self.en = en


def _too_large(what_vi: str, what_en: str, limit: int) -> TemplateLimitError:
    shown = f"{limit:,}"
    return TemplateLimitError(
        f"mẫu tạo ra {what_vi} quá lớn (giới hạn {shown.replace(',', '.')})",
        f"the template builds {what_en} that is too large (limit {shown})",
    )


def _check_length(length: int, is_text: bool) -> None:
    if is_text and length > MAX_STRING_LENGTH:
        raise _too_large("chuỗi ký tự", "a string", MAX_STRING_LENGTH)
    if not is_text and length > MAX_ITEMS:
        raise _too_large("danh sách", "a list", MAX_ITEMS)


def _check_value(value: Any) -> Any:
    """Refuse an already built value that is over the limits (cheap: len only)."""
    if isinstance(value, str | bytes):
        _check_length(len(value), True)
    elif isinstance(value, list | tuple | dict | set | frozenset):
        _check_length(len(value), False)
    elif _as_count(value) is not None and value.bit_length() > MAX_INT_BITS:
        raise _too_large("số", "a number", MAX_INT_BITS)
    return value


def _is_sequence(value: Any) -> bool:
    return isinstance(value, str | bytes | list | tuple)


def _as_count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _int_bits(value: Any) -> int:
    count = _as_count(value)
    return count.bit_length() if count is not None else 0


def _check_width(number: int) -> None:
    if number > MAX_FORMAT_WIDTH:
        raise TemplateLimitError(
            f"độ rộng định dạng {number} quá lớn (tối đa {MAX_FORMAT_WIDTH})",
            f"format width {number} is too large (at most {MAX_FORMAT_WIDTH})",
        )


_PERCENT_SPEC = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<type>.?)",
    re.S,
)
_DIGITS = re.compile(r"\d+")


def _check_percent_format(fmt: str) -> None:
    for match in _PERCENT_SPEC.finditer(fmt):
        for part in (match.group("width"), match.group("precision")):
            if part == "*":
                raise TemplateLimitError(
                    "không dùng được độ rộng «*» trong định dạng %",
                    "a «*» width in a % format is not allowed",
                )
            if part:
                _check_width(int(part))


def _check_brace_format(fmt: str, depth: int = 0) -> None:
    for _literal, field, spec, _conversion in string.Formatter().parse(fmt):
        if field is None or not spec:
            continue
        if "{" in spec:
            raise TemplateLimitError(
                "không dùng được định dạng lồng nhau «{:{}}»",
                "nested format specs «{:{}}» are not allowed",
            )
        for digits in _DIGITS.findall(spec):
            _check_width(int(digits))


def _replace_size(text: str, old: str, new: str, count: Any = None) -> int:
    occurrences = text.count(old) if old else len(text) + 1
    limit = _as_count(count)
    if limit is not None and limit >= 0:
        occurrences = min(occurrences, limit)
    return len(text) + occurrences * (len(new) - len(old))


def _joined_size(separator: str, items: Any) -> int | None:
    if not isinstance(items, list | tuple):
        return None
    _check_length(len(items), False)
    total = len(separator) * max(len(items) - 1, 0)
    for item in items:
        total += len(item) if isinstance(item, str) else len(str(item))
        if total > MAX_STRING_LENGTH:
            break
    return total


# --- guarded filters and methods ---------------------------------------------------


def _filter_center(value: Any, width: int = 80) -> None:
    _check_length(max(len(str(value)), _as_count(width) or 0), True)


def _filter_indent(text: Any, width: Any = 4, first: bool = False, blank: bool = False) -> None:
    text = str(text)
    indent = len(width) if isinstance(width, str) else (_as_count(width) or 0)
    _check_length(len(text) + (text.count("\n") + 1) * indent, True)


def _filter_replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    _check_length(_replace_size(str(text), str(old), str(new), count), True)


def _filter_format(value: Any, *args: Any, **kwargs: Any) -> None:
    _check_percent_format(str(value))


def _filter_join(value: Any, d: str = "", attribute: Any = None) -> None:
    if attribute is None:
        size = _joined_size(str(d), value)
        if size is not None:
            _check_length(size, True)


def _filter_wordwrap(
    text: Any,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: Any = None,
    break_on_hyphens: bool = True,
) -> None:
    text, width = str(text), max(_as_count(width) or 1, 1)
    extra = len(str(wrapstring)) if wrapstring is not None else 2
    _check_length(len(text) + (len(text) // width + 1) * extra, True)


def _filter_slice(value: Any, slices: Any, fill_with: Any = None) -> None:
    _check_length(_as_count(slices) or 0, False)


def _filter_batch(value: Any, linecount: Any, fill_with: Any = None) -> None:
    _check_length(_as_count(linecount) or 0, False)


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _filter_center,
    "indent": _filter_indent,
    "replace": _filter_replace,
    "format": _filter_format,
    "join": _filter_join,
    "wordwrap": _filter_wordwrap,
    "slice": _filter_slice,
    "batch": _filter_batch,
}


def _guarded_filter(func: Callable, check: Callable[..., None] | None) -> Callable:
    # Jinja marks filters that take the context/environment first (jinja_pass_arg);
    # functools.wraps copies that mark, so Jinja still passes it.
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if check is not None and len(args) > skip:
            check(*args[skip:], **kwargs)
        return _check_value(func(*args, **kwargs))

    return wrapper


def _check_str_method(owner: str, name: str, args: tuple, kwargs: dict) -> None:
    """Pre-check the str methods whose result can be much larger than their input."""
    if name in ("ljust", "rjust", "center", "zfill"):
        width = _as_count(args[0] if args else kwargs.get("width"))
        _check_length(width or 0, True)
    elif name == "expandtabs":
        size = _as_count(args[0] if args else kwargs.get("tabsize", 8)) or 0
        _check_length(len(owner) + owner.count("\t") * size, True)
    elif name == "replace" and len(args) >= 2:
        _check_length(_replace_size(owner, str(args[0]), str(args[1]), *args[2:3]), True)
    elif name == "join" and args:
        size = _joined_size(owner, args[0])
        if size is not None:
            _check_length(size, True)


# --- template loading --------------------------------------------------------------


class SafeFileLoader(BaseLoader):
    """Loads template sources only as regular files inside the search path.

    Like Jinja's FileSystemLoader ("..", separators and drive letters in names are
    refused), and also refuses symlinks that lead out, devices, FIFOs and huge files
    — checked before a byte is read.
    """

    def __init__(self, searchpath: Iterable[str | os.PathLike[str]]) -> None:
        self.searchpath = [Path(p) for p in searchpath]

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for root in self.searchpath:
            candidate = root.joinpath(*pieces)
            try:
                resolved = candidate.resolve(strict=True)
                info = resolved.stat()
            except (OSError, RuntimeError):
                continue
            if not resolved.is_relative_to(root.resolve()):
                raise TemplateNotFound(template, f"{template!r} leads outside the template folder")
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SOURCE_BYTES:
                raise TemplateNotFound(template, f"{template!r} is not a usable template file")
            with open(resolved, "rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
            if len(data) > MAX_SOURCE_BYTES:
                raise TemplateNotFound(template, f"{template!r} is too large")
            mtime = info.st_mtime

            def uptodate(path: Path = resolved, stamp: float = mtime) -> bool:
                try:
                    return path.stat().st_mtime == stamp
                except OSError:
                    return False

            return data.decode("utf-8"), str(candidate), uptodate
        raise TemplateNotFound(template)


# --- the environment ---------------------------------------------------------------

_RANGE_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "ansinh_range_budget", default=None
)


def bounded_range(*args: int) -> range:
    """`range` for templates: at most MAX_ITEMS per call, MAX_RANGE_TOTAL per render."""
    numbers = range(*args)
    _check_length(len(numbers), False)
    budget = _RANGE_BUDGET.get()
    if budget is not None:
        budget[0] += len(numbers)
        if budget[0] > MAX_RANGE_TOTAL:
            raise TemplateLimitError(
                f"mẫu lặp quá nhiều lần (range() vượt {MAX_RANGE_TOTAL:,} bước)".replace(",", "."),
                f"the template loops too much (range() over {MAX_RANGE_TOTAL:,} steps)",
            )
    return numbers


class BoundedNamespace(Namespace):
    """`namespace()` whose attributes stay within the size limits."""

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, _check_value(value))


class BoundedTemplate(JinjaTemplate):
    """Each top-level render gets its own range() budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _RANGE_BUDGET.set([0])
        try:
            return super().render(*args, **kwargs)
        finally:
            _RANGE_BUDGET.reset(token)


class BoundedCodeGenerator(CodeGenerator):
    """Routes `a ~ b` through `environment.checked_concat` (Jinja does not intercept it)."""

    @optimizeconst
    def visit_Concat(self, node: Any, frame: Any) -> None:
        self.write("environment.checked_concat(")
        CodeGenerator.visit_Concat.__wrapped__(self, node, frame)  # type: ignore[attr-defined]
        self.write(")")


_CALLABLE_TYPES = (dict, Namespace, BoundedNamespace, Cycler, Joiner)


def _root_module(obj: Any) -> str:
    return (getattr(obj, "__module__", None) or "").split(".")[0]


def _owner_is_safe(owner: Any) -> bool:
    if isinstance(owner, types.ModuleType | type | PurePath | io.IOBase):
        return False
    return _root_module(type(owner)) in _SAFE_MODULES


class BoundedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = BoundedCodeGenerator
    template_class = BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)  # lipsum(10**6) would build megabytes of text
        self.globals["range"] = bounded_range
        self.globals["namespace"] = BoundedNamespace
        for name, func in JINJA_FILTERS.items():
            self.filters[name] = _guarded_filter(func, _FILTER_CHECKS.get(name))

    # Output: every buffered join (the page, macros, {% set %} blocks) is bounded.
    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        collected, total = [], 0
        for part in parts:
            total += len(part)
            if total > MAX_OUTPUT_CHARS:
                raise _too_large("trang", "a page", MAX_OUTPUT_CHARS)
            collected.append(part)
        return "".join(collected)

    def checked_concat(self, value: str) -> str:
        return _check_value(value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            count, sequence = _as_count(right), left
            if count is None or not _is_sequence(left):
                count, sequence = _as_count(left), right
            if count is not None and _is_sequence(sequence):
                _check_length(len(sequence) * max(count, 0), isinstance(sequence, str | bytes))
            elif _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
                raise _too_large("số", "a number", MAX_INT_BITS)
        elif operator == "**":
            base, exponent = _as_count(left), _as_count(right)
            if (
                base is not None
                and exponent is not None
                and abs(base) > 1
                and exponent * math.log2(abs(base)) > MAX_INT_BITS
            ):
                raise _too_large("số", "a number", MAX_INT_BITS)
        elif operator == "+":
            if _is_sequence(left) and _is_sequence(right):
                _check_length(len(left) + len(right), isinstance(left, str | bytes))
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left)
        return _check_value(self.binop_table[operator](left, right))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath) and attr not in _PATH_ATTRIBUTES:
            return False
        if isinstance(value, types.ModuleType):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, type):
            return obj in _CALLABLE_TYPES
        owner = getattr(obj, "__self__", None)
        if isinstance(obj, types.MethodType | types.BuiltinMethodType) and owner is not None:
            return _owner_is_safe(owner)
        if isinstance(obj, types.FunctionType | functools.partial):
            return _root_module(obj) in _SAFE_MODULES
        return _owner_is_safe(obj)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and isinstance(__obj, types.BuiltinMethodType):
            _check_str_method(owner, __obj.__name__, args, kwargs)
        return _check_value(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt: str = value.__self__

        @functools.wraps(wrapper)
        def checked(*args: Any, **kwargs: Any) -> str:
            _check_brace_format(fmt)
            return _check_value(wrapper(*args, **kwargs))

        checked.__module__ = __name__  # str.format has none; is_safe_callable checks it
        return checked


def make_environment(search_path: list[Path], *, html: bool) -> BoundedSandbox:
    """One environment per template folder and mode, kept for the process's life, so
    each source is compiled once (Jinja's cache lives in the environment)."""
    return _environment(tuple(str(p) for p in search_path), html)


@functools.lru_cache(maxsize=64)
def _environment(search_path: tuple[str, ...], html: bool) -> BoundedSandbox:
    env = BoundedSandbox(
        loader=SafeFileLoader(search_path),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=not html,
        lstrip_blocks=not html,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env
