"""Vietnamese text tools: hygiene, tone-mark style, loudspeaker scripts, reading time, SMS
(counters, brand-name sender) and caption counters.

Pure Python, no Qt. Apart from invalid arguments (unknown ``style``, negative limit, bad speech
rate) every function accepts any string and never raises, in time linear in its length: no
regex retries from every character of a run, and long runs of combining marks are sorted
before ``unicodedata`` normalizes them.

``read_aloud`` makes three passes over ``normalize``-d text: (1) abbreviations (case-sensitive,
whole words, from ``ansinh.core.abbreviations``: the shipped data file and the office's own),
"&", web addresses, and Roman numerals after "quý", "khóa"… ("quý IV" → "quý 4"); (2)
one scan with a single regex whose alternatives are tried in priority order
(phone, dates, document numbers "159/2025/NĐ-CP" and "1521/BHXH-TCCB", times, numbers with
scale and unit), so "1900 9068" is never two numbers and "01/07/2025" never a fraction; ranges
("2027–2030", "20-50%") and products ("22% x 1.500.000") are found from the gap between two
neighbouring matches, and the last alternative reads any digit run, so no ASCII digit
survives; (3) rates ("đồng/tháng" → "đồng mỗi tháng"), a stray "%", "=" and "×". Words,
punctuation and lines are left alone; nothing is re-capitalised (callers compare exact
strings).

Reading conventions:
* Numbers come from ``number_words``, not num2words, which (0.5.14) says "hai nghìn lẻ hai
  mươi lăm" for 2025 and "bốn phẩy năm mươi" for 4.5. We say "mốt" (21), "lăm" (15, 25),
  "linh" (north) / "lẻ" (south) for 105, "nghìn" / "ngàn", and "không trăm" for a zero
  hundreds digit after a higher group (2025 → "hai nghìn không trăm hai mươi lăm"). A
  fraction of 1-3 digits without a leading zero is read as a number ("4,25" → "bốn phẩy hai
  mươi lăm"), otherwise digit by digit ("4,05" → "bốn phẩy không năm").
* "." groups thousands, "," marks decimals; "1,500,000" (two or more comma groups) is taken
  as thousands too, and "1.5" reads "một chấm năm" (section numbers).
* Money keeps what is written: "1,5 triệu đồng" → "một phẩy năm triệu đồng" (literal and
  right for every decimal, unlike "một triệu rưỡi"); "đ", "₫", "VND", "VNĐ" after a number
  become "đồng"; a bare "2 tỷ" stays "hai tỷ", as adding "đồng" could invent words.
* Days 1-10 are "mùng …", as announcers say; months "tháng một … tháng tư … tháng mười hai".
  A valid "d/m" is taken as a date, except before what it is a part of ("1/3 số tiền" → "một
  phần ba số tiền") unless a word before calls it a day ("ngày", "từ"…), and after a street
  ("đường 2/9" → "đường hai tháng chín"). "Quý 4/2026" is a quarter and a year.
* Document codes read their type, then their issuers: "NĐ-CP" → "nghị định Chính phủ",
  "BHXH-TCCB" → "Bảo hiểm xã hội, Tổ chức cán bộ", "QH15" → "Quốc hội khóa mười lăm"; a
  number without a year is said "số …".
* "2.5 triệu" (a dot before one or two digits and triệu/nghìn/tỷ) is a decimal point.
* Phones go digit by digit, groups joined by ", " (a pause): the groups as written, or 4-4
  (1900/1800), 4-3-3 (10 digits), 3-4-4 (11 digits) when written solid; a group of more than
  four digits after an area code is split too ("(0262) 3855888": 3-4). An area code and
  what follows it in groups of any size is a phone ("ĐT 0262 3 852 123", "0262.38.52.123",
  the "0262 3852" of a number still being filled in), and a run of three or more digits
  beginning with 0 is a code, never a quantity: "mã vùng 0262" → "không hai sáu hai".
* Web addresses: the scheme is not said, "." is "chấm", "/" "gạch chéo", "www" its letters.
* VssID reads "vê ét ét ai đi": Vietnamese letter names for V-S-S, "ID" the English way, as
  officers commonly say it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from ansinh.core import abbreviations
from ansinh.core.errors import UserError

# ---------------------------------------------------------------------------- hygiene

# Invisible characters pasted from Word/web pages. ZWJ (U+200D) stays: emoji need it.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f"))
# Look-alikes of Đ/đ found in old documents (Icelandic eth, African D).
_LOOKALIKES = {0x00D0: "Đ", 0x00F0: "đ", 0x0189: "Đ", 0x0256: "đ"}
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")
# Combining marks are all above U+02FF; shorter runs cost little however they are ordered.
_LONG_RUN = re.compile(r"[^\x00-\u02ff]{32,}")
_LONG_MARKS = re.compile(rb"[^\x00]{32,}")  # in a string of combining classes, one byte each
# The only characters that are not marks but decompose into marks only (two each).
_MARK_PAIRS = {c: unicodedata.normalize("NFD", chr(c)) for c in (0x0F73, 0x0F75, 0x0F81)}


def _marks_in_order(run: str) -> str:
    """``run`` with each long run of combining marks stably sorted by class."""
    run = run.translate(_MARK_PAIRS)
    out, done = [], 0
    for marks in _LONG_MARKS.finditer(bytes(map(unicodedata.combining, run))):
        start, end = marks.span()
        out += [run[done:start], "".join(sorted(run[start:end], key=unicodedata.combining))]
        done = end
    return "".join(out) + run[done:]


def _unicode_form(form: str, text: str) -> str:
    """``unicodedata.normalize(form, text)`` in linear time.

    CPython puts combining marks in canonical order by insertion, quadratic in a long run of
    marks out of order (100,000 of them: minutes). Sorting long runs first leaves it little to
    do; the result is the same, as its sort is stable and by class too.
    """
    return unicodedata.normalize(form, _LONG_RUN.sub(lambda m: _marks_in_order(m[0]), text))


def normalize(text: str) -> str:
    """NFC, "\\n" line ends, no zero-width characters or BOM, Đ look-alikes fixed.

    Non-breaking spaces and all other spacing are kept as typed. Legacy TCVN3/VNI bytes are
    not guessed here: they need the file's encoding, not a text heuristic.
    """
    text = _NEWLINES.sub("\n", text).translate({**_INVISIBLE, **_LOOKALIKES})
    return _unicode_form("NFC", text)


# ------------------------------------------------------------------------- tone marks

# Where "oa", "oe", "uy" ending a syllable carry their tone mark: the new rule (Quy tắc đặt
# dấu mới) on the first vowel, "hòa, khỏe, thủy"; the old on the second, "hoà, khoẻ, thuỷ".
# With a final consonant ("hoàng", "tuyển") or after "q" ("quý", "quà") both agree.
TONE_STYLES = ("keep", "new", "old")
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _toned(vowels: str) -> str:
    return "".join(unicodedata.normalize("NFC", v + t) for v in vowels for t in _TONES)


_OLD_TONES = re.compile(rf"(?<![qQ])(?:[oO][{_toned('aAeE')}]|[uU][{_toned('yY')}])(?!\w)")
_NEW_TONES = re.compile(rf"(?<![qQ])(?:[{_toned('oO')}][aAeE]|[{_toned('uU')}][yY])(?!\w)")


def _move_tone(pair: str, to_first: bool) -> str:
    first, second = (unicodedata.normalize("NFD", c) for c in pair)
    tone = (second if to_first else first)[1:]
    if to_first:
        return unicodedata.normalize("NFC", first + tone) + second[0]
    return first[0] + unicodedata.normalize("NFC", second + tone)


def tone_style(text: str, style: str) -> str:
    """``text`` with its tone marks placed one way: "new" (hòa, thủy), "old" (hoà, thuỷ) or
    "keep" (as typed)."""
    if style not in TONE_STYLES:
        raise UserError(vi=f"Kiểu đặt dấu không hợp lệ: {style!r} (keep, new hoặc old).",
                        en=f"Unknown tone-mark style {style!r} (use keep, new or old).")
    if style == "keep":
        return text
    text = normalize(text)
    if style == "new":
        return _OLD_TONES.sub(lambda m: _move_tone(m.group(0), True), text)
    return _NEW_TONES.sub(lambda m: _move_tone(m.group(0), False), text)


# ---------------------------------------------------------------------------- numbers

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_MONTHS = ["", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
           "mười một", "mười hai"]
_MAX_WORDS = 10**30  # beyond this nobody reads a number aloud


def _check_style(style: str) -> None:
    if style not in ("north", "south"):
        raise UserError(vi=f"Kiểu đọc số không hợp lệ: {style!r} (north hoặc south).",
                        en=f"Unknown reading style {style!r} (use north or south).")


def _triple(value: int, full: bool, style: str) -> list[str]:
    """Words for 0-999; ``full`` when a higher group precedes (reads "không trăm")."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words = [_DIGITS[hundreds], "trăm"] if full or hundreds else []
    if tens == 0:
        if units:  # "một trăm linh năm", but plain "năm" in a leading group
            words += (["linh" if style == "north" else "lẻ"] if words else []) + [_DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _int_words(n: int, style: str, leading: bool = True) -> list[str]:
    if n >= 10**9:  # "nghìn tỷ", "triệu tỷ": the head is read like any number
        head, rest = divmod(n, 10**9)
        tail = _int_words(rest, style, leading=False) if rest else []
        return _int_words(head, style, leading) + ["tỷ"] + tail
    thousand = "nghìn" if style == "north" else "ngàn"
    words: list[str] = []
    for scale, value in (("triệu", n // 10**6), (thousand, n // 1000 % 1000), ("", n % 1000)):
        if value:
            words += _triple(value, bool(words) or not leading, style)
            words += [scale] if scale else []
    return words or ["không"]


def _spell(digits: str) -> str:
    return " ".join(_DIGITS[int(c)] for c in digits)


@functools.lru_cache(maxsize=4096)  # a text full of numbers repeats the short ones
def _number_text(digits: str, style: str) -> str:
    return " ".join(_int_words(int(digits), style))


def _read_parts(whole: str, frac: str, style: str, spell_over: int = 15) -> str:
    # In scripts, long solid digit runs (IDs, account numbers) make sense only digit by digit.
    digits = whole.lstrip("0") or "0"  # int() refuses over 4300 digits, even zeros
    words = _spell(whole) if len(digits) > spell_over else _number_text(digits, style)
    if frac:
        short = len(frac) <= 3 and not frac.startswith("0")
        words += " phẩy " + (_number_text(frac, style) if short else _spell(frac))
    return words


_VN_NUMBER = re.compile(r"([0-9]{1,3}(?:,[0-9]{3}){2,})|([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)"
                        r"(?:,([0-9]+))?")


def _split_number(text: str) -> tuple[str, str] | None:
    m = _VN_NUMBER.fullmatch(text)
    if not m:
        return None
    if m.group(1):
        return m.group(1).replace(",", ""), ""
    return m.group(2).replace(".", ""), m.group(3) or ""


def number_words(n: int | Decimal | str, style: str = "north") -> str:
    """Vietnamese words for a number: 105 → "một trăm linh năm", "4,5" → "bốn phẩy năm".

    Strings use Vietnamese formatting ("1.500.000", "4,5"), optionally signed.
    """
    _check_style(style)
    if isinstance(n, float):
        n = Decimal(repr(n))
    if isinstance(n, str):
        raw = n.strip().replace("\u2212", "-")
        sign = raw[:1] if raw[:1] in ("+", "-") else ""
        parts = _split_number(raw[len(sign):])
        if parts is None:
            raise UserError(vi=f"Không đọc được số: {n!r} (viết kiểu 1.500.000 hoặc 4,5).",
                            en=f"Not a number: {n!r} (write it as 1.500.000 or 4,5).")
        negative = sign == "-"
    elif isinstance(n, Decimal) and not n.is_finite():
        raise UserError(vi="Không đọc được số vô hạn.", en="Cannot read a non-finite number.")
    else:
        negative, size, parts = n < 0, abs(n), ("", "")  # ("", "") = too large, see below
        if size < _MAX_WORDS:  # str() of a huge int would itself fail
            whole, _, frac = (format(size, "f") if isinstance(size, Decimal) else str(size)
                              ).partition(".")
            parts = whole, frac
    if not parts[0] or len(parts[0].lstrip("0")) > 30:
        raise UserError(vi="Số quá lớn để đọc thành chữ.", en="Number too large to read out.")
    words = _read_parts(*parts, style, spell_over=30)
    return "âm " + words if negative and words != "không" else words


# ------------------------------------------------------------------------- read aloud

_TLD = r"\.(?:vn|com|net|org|gov|edu)(?!\.?\w)"
_HAS_TLD = re.compile(_TLD)
_DOMAIN_START = re.compile(r"(?<![\w.@/])[a-z0-9-]")
_DOMAIN_RE = re.compile(rf"[a-z0-9-]++(?:\.[a-z0-9-]++)*{_TLD}"
                        r"(?P<path>(?:/[\w~-]++(?:\.[\w~-]++)*+)*+/?)")
_SCHEME_RE = re.compile(r"(?<![\w.])(?i:https?)://(?=[a-z0-9])")  # not said: typed anyway
_DOMAIN_REACH = re.compile(r"(?:[a-z0-9-]++\.)*+[a-z0-9-]*+")  # what _DOMAIN_RE may walk


def _spaced(sign: str, after: str = "") -> re.Pattern[str]:
    """``sign`` with the spaces before it (and ``after``).

    Spaces are matched from the start of their run only (or not at all, right after another
    match): starting at each space of a long run in turn would be quadratic.
    """
    return re.compile(rf"(?<![ \t\u00a0])[ \t\u00a0]*+{sign}{after}|{sign}{after}")


_AMP_RE = _spaced("&", r"[ \t\u00a0]*+")
_SP = r"[ \u00a0]?"
_SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)"
# Alternatives in priority order: phone, d/m/yyyy, ISO date, document number or m/yyyy,
# number/CODE without a year ("1521/BHXH-TCCB"), d/m, time, number (+ scale + unit), dotted
# section number, any other digit run.
_ITEM_RE = re.compile(  # the lookahead lets the scan skip to candidates quickly
    r"(?=[0-9+(])(?<![0-9])(?:"
    r"(?P<phone>(?:(?:\+84|\(0[0-9]{2,3}\))[ .-]?[0-9]{1,10}(?:[ .-][0-9]{1,4}){0,3}"
    r"|1[89]00[ .-]?[0-9]{4}|0[0-9]{2,3}(?:[ .-][0-9]{6,8}|(?:[ .-][0-9]{1,4}){1,3})"
    r"|0[0-9]{9,10})(?![0-9]|[.,/][0-9]))"
    r"|(?P<date>(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4}))(?![0-9])"
    r"|(?P<iso>(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2}))(?![0-9])"
    r"|(?P<doc>(?P<dn>[0-9]{1,4})/(?P<dy>[0-9]{4})(?P<code>(?:/[^\W_]+(?:-[^\W_]+)*)*))"
    r"(?![0-9])"
    r"|(?P<ref>(?P<rn>[0-9]{1,5})/(?P<rcode>[A-ZĐ][^\W_]+(?:-[^\W_]+)*))"
    r"|(?P<dm>(?P<dd>[0-9]{1,2})/(?P<dmm>[0-9]{1,2}))(?![0-9]|/[0-9])"
    r"|(?P<time>(?P<hh>[0-9]{1,2})(?:[hH](?P<hm>[0-9]{2})?p?|:(?P<cm>[0-9]{2})))(?!\w)"
    r"|(?P<num>[0-9]{1,3}(?:,[0-9]{3}){2,}(?![0-9]|[.,][0-9])"
    rf"|[0-9]+\.[0-9]{{1,2}}(?={_SP}{_SCALE})"  # "2.5 triệu": a decimal point, written loosely
    r"|(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?(?![0-9]|[.,][0-9]))"
    rf"(?P<scale>{_SP}{_SCALE})?"
    rf"(?P<unit>{_SP}(?:%|₫|(?:đồng|đ|VNĐ|VND|vnđ|vnd)(?!\w)))?"
    r"|(?P<dotted>[0-9]+(?:\.[0-9]+)+)"
    r"|(?P<digits>[0-9]+))"
)
_RANGE_KINDS = frozenset(("range", "percent"))
_RANGE_GAP = re.compile(r"[ \t\u00a0]*[-–—][ \t\u00a0]*")
_PREV_WORD = re.compile(r"[ \u00a0]*(\w+)")
_PER_RE = re.compile(  # whole words only: a word is read to its end at each try
    r"(?<!\w)(\w++)[ \t]*+/[ \t]*+(?=(?:tháng|người|năm|ngày|tuần|quý|lần|hộ|thẻ|kỳ|giờ)(?!\w))")
_TIME_UNITS = {"ngày", "tháng", "năm", "tuần", "quý", "giờ"}  # "ngày/tháng/năm" is a label
_PERCENT_RE = _spaced("%")
_SIGN_RE = _spaced("[=×]", r"[ \t\u00a0]*+")
_SIGN_WORDS = {"=": "bằng", "×": "nhân"}
_TIMES_GAP = re.compile(r"[ \t\u00a0]*[xX×*][ \t\u00a0]*")  # between two numbers
_NEXT_WORD = re.compile(r"[ \u00a0]*+(\w+)")
# "d/m" is a date unless the words around say otherwise: "1/3 số tiền" is a fraction unless a
# word before calls it a day ("ngày 1/3 số ..."); "đường 2/9" is named after the day.
_DAY_WORDS = frozenset(("ngày", "mùng", "mồng", "hôm", "sáng", "trưa", "chiều", "tối", "đêm",
                        "lễ", "dịp", "từ", "đến", "tới", "vào", "trước", "sau", "hạn"))
_FRACTION_OF = frozenset(("số", "tổng", "dân", "diện", "mức", "kinh", "quỹ", "lượng", "thời",
                          "chi", "giá", "tiền", "phí", "khoản", "lương", "thu", "trong"))
_NAMED_AFTER_DAY = frozenset(("đường", "phố", "cầu", "chợ", "trường", "viên", "khu"))
_CODE_PART = re.compile(r"([^\W\d_]*)([0-9]*)")
# A code standing alone, not after a document number: "QH15", "NĐ-CP", "QĐ-TTg". Starts
# only where a run of code characters starts, so "A-A-A-…" is read once, not per dash.
_LONE_CODE_RE = re.compile(r"(?<![\w/-])[^\W\d_]+[0-9]*(?:-[^\W\d_]+[0-9]*)*(?![\w/-])")
# Roman numerals after these words are numbers: "quý IV/2026", "khóa XV", "thế kỷ XXI".
_ROMAN_RE = re.compile(
    r"(?<!\w)((?i:quý|tháng|khóa|khoá|kỳ|kì|chương|phần|mục|lần thứ|thứ|thế kỷ|thế kỉ|đại hội)"
    r"[ \u00a0]++)(?=[IVXLC])(C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?![^\W\d_])")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _pad(spoken: str, text: str, start: int, end: int) -> str:
    """Keep a space between the spoken words and letters glued to them ("QH15")."""
    if start > 0 and text[start - 1].isalnum():
        spoken = " " + spoken
    if end < len(text) and text[end].isalnum():
        spoken += " "
    return spoken


def _trie(keys: list[str]) -> str:
    """One pattern for many literal keys, sharing prefixes: a try costs a step per character
    instead of one per key. A longer key wins over its prefix; a key ending in a letter or
    digit must end its word."""
    root: dict = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict, last: str) -> str:
        options = [re.escape(ch) + branch(child, ch) for ch, child in node.items() if ch]
        if "" in node:  # after the longer keys
            options.append(r"(?!\w)" if last.isalnum() else "")
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return branch(root, "")


@functools.lru_cache(maxsize=8)
def _words_pattern(entries: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    values = {unicodedata.normalize("NFC", k): v for k, v in entries if k}
    firsts = re.escape("".join({k[0] for k in values}))  # lets the scan skip ahead
    # A document number's code ("/2025/NĐ-CP") is skipped whole: the number pass reads it.
    return re.compile(rf"(?=[{firsts}/])(?:(?<=[0-9])/[^\W_]++(?:[/-][^\W_]++)*+"
                      rf"|(?<!\w){_trie(list(values))})"), values


def _expand_lone_codes(text: str, style: str, table: abbreviations.Abbreviations) -> str:
    """Codes of the document tables read out where they stand alone ("QH15" → "Quốc hội
    khóa mười lăm", "NĐ-CP" → "nghị định Chính phủ"), as inside a document number. A
    number glued on counts only for a numbered body (a reading ending in "khóa"); a plain
    word ("BHXH", "BHXH1") is left to the word list and the number pass."""
    def code(m: re.Match[str]) -> str:
        found = m.group(0)
        first = _CODE_PART.match(found).group(1)  # type: ignore[union-attr]
        numbered = found[-1].isdigit() and table.codes.get(first, "").endswith("khóa")
        if ("-" in found and (first in table.types or first in table.codes)) or numbered:
            return _code_words(found, style, table)
        return found

    return _LONE_CODE_RE.sub(code, text)


def _expand_abbreviations(text: str, entries: dict[str, str]) -> str:
    if entries:
        pattern, values = _words_pattern(tuple(entries.items()))

        def expand(m: re.Match[str]) -> str:
            spoken = values.get(m.group(0))
            if spoken is None:  # a document code
                return m.group(0)
            # "v.v." ending a paragraph still ends its sentence.
            if m.group(0).endswith(".") and text[m.end():m.end() + 1] in ("", "\n"):
                spoken += "."
            return _pad(spoken, text, m.start(), m.end())

        text = pattern.sub(expand, text)
    text = _AMP_RE.sub(lambda m: _pad("và", text, m.start(), m.end()), text)
    return _read_domains(_SCHEME_RE.sub("", text))


def _read_domains(text: str) -> str:
    """Web addresses read out: "baohiemxahoi.gov.vn/tra-cuu" → "baohiemxahoi chấm gov chấm vn
    gạch chéo tra-cuu" (the scheme is dropped before, "www" said by its letters)."""
    if not _HAS_TLD.search(text):
        return text
    out, done, pos = [], 0, 0
    while start := _DOMAIN_START.search(text, pos):
        if found := _DOMAIN_RE.match(text, start.start()):
            host = found[0][:found.start("path") - found.start()]
            labels = ["vê kép vê kép vê kép" if x == "www" else x for x in host.split(".")]
            path = [p.replace(".", " chấm ") for p in found["path"].split("/")[1:] if p]
            out += [text[done:found.start()], " gạch chéo ".join([" chấm ".join(labels), *path])]
            done = pos = found.end()
        else:  # a later start on the same labels would fail too (its match would extend
            # back to this start): skipping them keeps the scan linear.
            pos = _DOMAIN_REACH.match(text, start.start()).end() + 1
    return "".join(out) + text[done:]


def _date_words(day: int | None, month: int, year: int | None, prev: str, style: str) -> str:
    words = []  # "prev" is the word before the match: do not say "ngày ngày"
    if day is not None:
        if prev not in ("ngày", "mùng", "mồng"):
            words.append("ngày")
        if day <= 10 and prev not in ("mùng", "mồng"):
            words.append("mùng")
        words += [number_words(day, style), "tháng"]
    elif prev != "tháng":
        words.append("tháng")
    words.append(_MONTHS[month])
    if year is not None:
        words += ["năm", number_words(year, style)]
    return " ".join(words)


def _runs(text: str, style: str) -> str:
    """Fallback: read every digit run as a number, keep what lies between."""
    return re.sub(r"[0-9]+", lambda m: _pad(_read_parts(m.group(0), "", style), text,
                                             m.start(), m.end()), text)


def _speak(m: re.Match[str], text: str, style: str,
           table: abbreviations.Abbreviations) -> tuple[str, str]:
    """Spoken form of one match and its kind ("range" kinds may be joined by "đến")."""
    g = m.group
    kind = "num" if m.lastgroup in ("scale", "unit") else m.lastgroup
    if kind == "digits":
        return "other", _read_parts(g(kind), "", style)
    prev = _prev_word(text, m.start()) if kind in ("date", "iso", "doc", "ref", "dm") else ""
    if kind == "phone":
        groups, prefix = re.findall(r"[0-9]+", g(kind)), ""
        if g(kind).startswith("+84"):
            prefix, groups[0] = "cộng tám bốn, ", groups[0][2:]
            groups = [x for x in groups if x]
        # Written solid, or a long local number after its area code: "(0262) 3855888".
        groups = [part for x in groups
                  for part in (_group_solid(x) if len(groups) == 1 or len(x) > 4 else [x])]
        return "phone", prefix + ", ".join(_spell(x) for x in groups)
    if kind in ("date", "iso"):
        d, mo, y = (int(g(k)) for k in (("d", "m", "y") if kind == "date" else ("id", "im", "iy")))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            return "range", _date_words(d, mo, y, prev, style)
    elif kind == "doc":
        a, y, code = int(g("dn")), int(g("dy")), g("code")
        # "159/2025/NĐ-CP": number, year, the code read out; "quý 4/2026": quarter, year.
        if code or not 1 <= a <= 12 or (prev == "quý" and a <= 4):
            code_words = ", " + _code_words(code, style, table) if code else ""
            return "other", f"{number_words(a, style)} năm {number_words(y, style)}{code_words}"
        return "range", _date_words(None, a, y, prev, style)
    elif kind == "ref":  # "1521/BHXH-TCCB": a letter's number and its issuer's code
        lead = "" if prev == "số" else "số "
        return "other", f"{lead}{number_words(int(g('rn')), style)}, " \
                        f"{_code_words(g('rcode'), style, table)}"
    elif kind == "dm":
        d, mo = int(g("dd")), int(g("dmm"))
        if (d, mo) == (24, 7) and prev != "ngày":  # "hotline 24/7"
            return "other", "hai mươi bốn trên bảy"
        if mo and prev not in _DAY_WORDS and _next_word(text, m.end()) in _FRACTION_OF:
            over = "tư" if mo == 4 else number_words(mo, style)  # "ba phần tư"
            return "other", f"{number_words(d, style)} phần {over}"
        if prev in _NAMED_AFTER_DAY and 1 <= d <= 31 and 1 <= mo <= 12:
            return "other", f"{number_words(d, style)} tháng {_MONTHS[mo]}"
        if 1 <= d <= 31 and 1 <= mo <= 12:
            return "range", _date_words(d, mo, None, prev, style)
        return "other", f"{number_words(d, style)} trên {number_words(mo, style)}"
    elif kind == "time":
        hh, mm = int(g("hh")), int(g("hm") or g("cm") or 0)
        if hh <= 24 and mm <= 59:
            minutes = f" {number_words(mm, style)} phút" if mm else ""
            return "range", f"{number_words(hh, style)} giờ{minutes}"
    elif kind == "num":
        whole, frac = _split_number(g("num")) or g("num").split(".")  # or "2.5" (triệu)
        value = int(whole) if not frac and len(whole) < 4 else -1
        after = text[m.end():m.end() + 12]
        if 1 <= value <= 12:  # only small numbers depend on the word before
            prev = _prev_word(text, m.start())
        if prev == "thứ" and value in (1, 4):
            spoken = "nhất" if value == 1 else "tư"
        elif prev == "tháng" and 1 <= value <= 12 and not g("unit"):
            spoken = _MONTHS[value]
        elif prev == "ngày" and 1 <= value <= 10 and re.match(r"[ \u00a0]*tháng", after):
            spoken = "mùng " + number_words(value, style)
        elif whole[:1] == "0" and len(whole) > 2 and whole.strip("0") and not frac \
                and not g("scale"):
            spoken = _spell(whole)  # "0262": a code ("07 giờ" stays a number, "000" zero)
        else:
            spoken = _read_parts(whole, frac, style)
        if g("scale"):
            spoken += " " + g("scale").strip()
        unit = (g("unit") or "").strip()
        if unit:
            spoken += " phần trăm" if unit == "%" else " đồng"
        return ("percent" if unit == "%" else "range"), spoken
    elif kind == "dotted":
        return "other", " chấm ".join(_read_parts(x, "", style) for x in g(kind).split("."))
    return "other", _runs(m.group(0), style)


def _code_words(code: str, style: str, table: abbreviations.Abbreviations) -> str:
    """A document code read out: "NĐ-CP" → "nghị định Chính phủ", "BHXH-TCCB" → "Bảo hiểm xã
    hội, Tổ chức cán bộ", "QH15" → "Quốc hội khóa mười lăm"; unknown letters stay."""
    spoken, typed = [], False
    for n, part in enumerate(p for p in re.split(r"[/-]", code) if p):
        found = _CODE_PART.fullmatch(part)
        if not found:  # digits inside letters: read the digits, keep the rest
            spoken.append(_runs(part, style))
            continue
        letters, digits = found.groups()
        typed = typed or (n == 0 and letters in table.types)
        reading = (table.types.get(letters) if n == 0 else None) or table.codes.get(
            letters) or table.words.get(letters) or letters
        spoken.append(" ".join(x for x in (reading, digits and _read_parts(digits, "", style))
                               if x))
    # A document type runs into its issuer ("nghị định Chính phủ"); issuers are listed.
    return (spoken[0] + " " if typed and len(spoken) > 1 else "") + ", ".join(
        spoken[1:] if typed and len(spoken) > 1 else spoken)


def _next_word(text: str, end: int) -> str:
    """The word just after ``end`` (spaces between allowed), lower-cased; "" if none."""
    found = _NEXT_WORD.match(text, end, end + 40)
    return found.group(1).lower() if found else ""


def _roman_numbers(text: str) -> str:
    """"quý IV" → "quý 4", for the number pass to read."""
    def arabic(m: re.Match[str]) -> str:
        values = [_ROMAN[c] for c in m.group(2)]
        total = sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
        return m.group(1) + str(total)

    return _ROMAN_RE.sub(arabic, text)


def _prev_word(text: str, end: int) -> str:
    """The word just before ``end`` (spaces between allowed), lower-cased; "" if none."""
    found = _PREV_WORD.match(text[max(0, end - 40):end][::-1])  # reversed: one try, not 40
    return found.group(1)[::-1].lower() if found else ""


def _group_solid(digits: str) -> list[str]:
    n = len(digits)
    sizes = {6: (3, 3), 7: (3, 4), 8: (4, 4), 10: (4, 3, 3), 11: (3, 4, 4)}.get(
        n, (3,) * -(-n // 3))
    return [digits[end - size:end] for size, end in zip(sizes, accumulate(sizes), strict=True)]


def _speak_numbers(text: str, style: str, table: abbreviations.Abbreviations) -> str:
    out: list[str] = []
    pos, prev_kind = 0, ""
    for m in _ITEM_RE.finditer(text):
        kind, spoken = _speak(m, text, style, table)
        start, end = m.span()
        gap = text[pos:start]
        if prev_kind in _RANGE_KINDS and kind in _RANGE_KINDS:
            if _RANGE_GAP.fullmatch(gap):
                gap = " đến "
            elif _TIMES_GAP.fullmatch(gap):  # "22% x 1.500.000"
                gap = " nhân "
            elif prev_kind == kind == "percent" and gap == "/":
                gap = ", "
        out += [gap, _pad(spoken, text, start, end)]
        pos, prev_kind = end, kind
    out.append(text[pos:])
    return "".join(out)


def _per_unit(m: re.Match[str]) -> str:
    word = m.group(1)
    return m.group(0) if word.lower() in _TIME_UNITS else word + " mỗi "


def read_aloud(text: str, style: str = "north") -> str:
    """The script an announcer reads verbatim: every number, date, phone and sign in words.

    ``style`` picks northern ("linh", "nghìn") or southern ("lẻ", "ngàn") number words.
    """
    _check_style(style)
    table = abbreviations.current()  # looked up once: a script has many codes
    text = _expand_lone_codes(normalize(text), style, table)
    text = _roman_numbers(_expand_abbreviations(text, table.words))
    text = _speak_numbers(text, style, table)
    text = _PER_RE.sub(_per_unit, text)
    text = _PERCENT_RE.sub(lambda m: _pad("phần trăm", text, m.start(), m.end()), text)
    text = _SIGN_RE.sub(lambda m: _sign_word(m, text), text)
    return _unicode_form("NFC", text)


def _sign_word(m: re.Match[str], text: str) -> str:
    """"=" and "×" as words, spaced from their neighbours except at a line's ends."""
    lead = " " if m.start() and text[m.start() - 1] != "\n" else ""
    trail = " " if m.end() < len(text) and text[m.end()] != "\n" else ""
    return lead + _SIGN_WORDS[m.group(0).strip(" \t\u00a0")] + trail


# ------------------------------------------------------------------------ reading time

SENTENCE_PAUSE_S = 0.4  # breath after ".", "!", "?", "…" or a line without one
PARAGRAPH_PAUSE_S = 0.8  # extra pause between paragraphs (blank line)
_SYLLABLE_RE = re.compile(r"[^\W_]+")
_SENTENCE_END_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"”’)»]*+(?=\s|\Z)")
_LINE_END_RE = re.compile(r"[.!?…][\"”’)»]*\s*\Z")


def count_syllables(text: str) -> int:
    """Syllables the announcer says: words of ``read_aloud(text)``, punctuation ignored."""
    return spoken_syllables(read_aloud(text))


def spoken_syllables(spoken: str) -> int:
    """``count_syllables`` of a text already read aloud (``read_aloud``'s result)."""
    return len(_SYLLABLE_RE.findall(spoken))


def reading_time(text: str, syllables_per_second: float = 4.0) -> float:
    """Seconds to read ``text`` aloud: syllables / rate + pauses (see the constants above).

    The default 4 syllables/s is slower than natural speech (~5/s), as outdoor loudspeaker
    reading is; callers pass the rate from settings.
    """
    return spoken_time(read_aloud(text), syllables_per_second)


def spoken_time(spoken: str, syllables_per_second: float = 4.0) -> float:
    """``reading_time`` of a text already read aloud (``read_aloud``'s result): a piece
    reads its script aloud once and times and counts that."""
    if not syllables_per_second > 0 or math.isinf(syllables_per_second):
        raise UserError(vi="Tốc độ đọc phải là số dương.",
                        en="Reading speed must be a positive number.")
    paragraphs = [p for p in re.split(r"\n[ \t\u00a0]*\n", spoken) if p.strip()]
    # A line without final punctuation (a title, a list item) still ends in a pause.
    sentences = sum(len(_SENTENCE_END_RE.findall(line)) + (not _LINE_END_RE.search(line))
                    for line in spoken.split("\n") if line.strip())
    syllables = spoken_syllables(spoken)
    return (syllables / syllables_per_second + sentences * SENTENCE_PAUSE_S
            + max(len(paragraphs) - 1, 0) * PARAGRAPH_PAUSE_S)


def _duration(seconds: float, hours: str, minutes: str, secs: str) -> str:
    if math.isnan(seconds) or math.isinf(seconds):
        raise UserError(vi="Thời lượng không hợp lệ.", en="Invalid duration.")
    total = math.floor(max(seconds, 0.0) + 0.5)  # round half up, unlike round()
    h, m, s = total // 3600, total // 60 % 60, total % 60
    if h:
        return f"{h} {hours} {m:02d} {minutes} {s:02d} {secs}"
    return f"{m} {minutes} {s:02d} {secs}" if m else f"{s} {secs}"


def format_duration_vi(seconds: float) -> str:
    """125 → "2 phút 05 giây"; 45 → "45 giây"; 3725 → "1 giờ 02 phút 05 giây"."""
    return _duration(seconds, "giờ", "phút", "giây")


def format_duration_en(seconds: float) -> str:
    """125 → "2 min 05 s"; 45 → "45 s"; 3725 → "1 h 02 min 05 s"."""
    return _duration(seconds, "h", "min", "s")


# --------------------------------------------------------------------------------- SMS

# GSM 03.38 default alphabet (127 characters; the escape code is not a character) and the
# extension table, whose characters take two septets (escape + code).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
_TRANSLIT = str.maketrans({
    "Đ": "D", "đ": "d", "₫": "d", "‘": "'", "’": "'", "‚": ",", "‛": "'", "“": '"',
    "”": '"', "„": '"', "«": '"', "»": '"', "‹": "'", "›": "'", "–": "-", "—": "-",
    "−": "-", "‐": "-", "‑": "-", "…": "...", "\u00a0": " ", "\t": " ", "•": "-", "·": ".",
    "×": "x", "\u200d": "", "\ufe0f": "", "\ufe0e": "",
})


def strip_diacritics(text: str) -> str:
    """ASCII-ish text that fits GSM-7: "Bảo hiểm xã hội Đà Nẵng" → "Bao hiem xa hoi Da Nang".

    Every tone and vowel mark goes (also on letters GSM-7 could carry, e.g. "é"), typographic
    punctuation becomes its ASCII twin, other characters are folded by compatibility (NFKD)
    or replaced by "?".
    """
    out = []
    for ch in _unicode_form("NFD", normalize(text).translate(_TRANSLIT)):
        if unicodedata.category(ch).startswith("M"):
            continue
        if ch in GSM_BASIC or ch in GSM_EXTENSION:
            out.append(ch)
            continue
        folded = "".join(c for c in unicodedata.normalize("NFKD", ch)
                         if not unicodedata.category(c).startswith("M"))
        ok = folded and all(c in GSM_BASIC or c in GSM_EXTENSION for c in folded)
        out.append(folded if ok else "?")
    return "".join(out)


# Brand-name senders carriers accept: at most 11 characters (the template's max_chars says
# so), ASCII letters, digits, space and . - _ only.
_SENDER_BAD = re.compile(r"[^A-Za-z0-9 ._-]")


def sender_problem(name: str, label: str, label_en: str) -> tuple[str, str] | None:
    """(vi, en) telling why ``name`` cannot be an SMS brand-name sender, or None."""
    bad = "".join(dict.fromkeys(_SENDER_BAD.findall(name)))[:10]
    if not bad:
        return None
    shown = " ".join(f"«{c}»" for c in bad)
    return (f"«{label}» chỉ được có chữ cái không dấu, chữ số, khoảng trắng và . - _ "
            f"(nhà mạng không nhận {shown}).",
            f"«{label_en}» may hold only ASCII letters, digits, spaces and . - _ "
            f"(carriers refuse {shown}).")


@dataclass(frozen=True)
class SmsInfo:
    encoding: str  # "GSM-7" or "UCS-2"
    characters: int  # septets (GSM-7, extension chars count 2) or UTF-16 code units (UCS-2)
    parts: int  # 0 for an empty message: nothing would be sent
    per_part: int  # 160/70 for a single SMS, 153/67 per part once concatenated
    remaining: int  # room left in the last part (a full part when empty)


def sms_info(text: str) -> SmsInfo:
    """Encoding and size of ``text`` as an SMS, counted after ``normalize`` (what is sent).

    Parts follow the usual formula; a phone never splits an escape pair or a surrogate pair
    across parts, so in rare cases one more part may actually be needed.
    """
    text = normalize(text)
    if all(c in GSM_BASIC or c in GSM_EXTENSION for c in text):
        encoding, single, multi = "GSM-7", 160, 153
        characters = len(text) + sum(c in GSM_EXTENSION for c in text)
    else:
        encoding, single, multi = "UCS-2", 70, 67
        characters = len(text.encode("utf-16-le", "surrogatepass")) // 2
    if characters == 0:
        return SmsInfo(encoding, 0, 0, single, single)
    parts = 1 if characters <= single else -(-characters // multi)
    per_part = single if parts == 1 else multi
    return SmsInfo(encoding, characters, parts, per_part, parts * per_part - characters)


# ----------------------------------------------------------------------------- captions


@dataclass(frozen=True)
class CaptionInfo:
    characters: int
    limit: int
    over: bool
    remaining: int  # negative when over: how many characters to cut


def caption_info(text: str, limit: int) -> CaptionInfo:
    """Characters as a reader sees them: NFC code points, not counting marks left uncombined
    or emoji joiners/variation selectors (they do not add a visible character)."""
    if limit < 0:
        raise UserError(vi="Giới hạn ký tự không được âm.", en="The character limit is negative.")
    characters = sum(1 for c in normalize(text) if not unicodedata.category(c).startswith("M")
                     and c not in "\u200d\ufe0e\ufe0f")
    return CaptionInfo(characters, limit, characters > limit, limit - characters)
