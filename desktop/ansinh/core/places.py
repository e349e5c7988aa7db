"""Place names checked against the administrative map in force since 1 July 2025.

Vietnam now has 34 provinces and two levels of local government: province and commune (xã,
phường, đặc khu). Districts (huyện, quận, thị xã, district-level thành phố) and thị trấn are
gone and most communes were merged and renamed. `find_place_issues` flags, in free text, a
unit named with its type ("xã Ea Kao", "huyện Krông Pắc", "tỉnh Đắk Nông", "TP. Buôn Ma
Thuột") that is not on the new map, with the new name when the old unit went wholly into one
new unit; `apply_suggestions` writes those new names in.

The data is the `vietnam-address-converter` package (Apache-2.0, pure Python, offline): its
old → new mapping (version "10_25") of the communes, districts and provinces of the 63 old
provinces to the 3,321 units of the 34 new ones (the same units, up to spelling, as the
Statistics Office list in `vietnam-provinces`). It is loaded once per process, on first use
(about a second; `load()` does it ahead), into dictionaries keyed by normalised "type name",
so a check is one regex scan plus a few dictionary look-ups.

Only names written as names are looked at: the word after the type must start with a capital
letter or a digit, so "an sinh xã hội" or "cấp huyện" are never places. Matching ignores case
and where the tone mark sits ("Hoà" = "Hòa"); text typed without any diacritics ("xa Ea
Kao") is matched against the names without diacritics.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .vntext import strip_diacritics

__all__ = ["PlaceIssue", "apply_suggestions", "find_place_issues", "load"]

# Unit types as written in text (any case; the ASCII spellings for text typed without
# diacritics) → the type word used in keys. Dotted abbreviations may touch the name ("P.15").
_TYPES = {
    "tỉnh": "tỉnh", "thành phố": "thành phố", "tp": "thành phố",
    "huyện": "huyện", "quận": "quận", "thị xã": "thị xã", "tx": "thị xã",
    "xã": "xã", "phường": "phường", "thị trấn": "thị trấn", "tt": "thị trấn",
    "đặc khu": "đặc khu",
    "tinh": "tỉnh", "thanh pho": "thành phố", "huyen": "huyện", "quan": "quận",
    "thi xa": "thị xã", "xa": "xã", "phuong": "phường", "thi tran": "thị trấn",
    "dac khu": "đặc khu",
}
_DOTTED = {"tp.": "thành phố", "tx.": "thị xã", "tt.": "thị trấn", "p.": "phường", "q.": "quận"}
_PROVINCE_TYPES = ("tỉnh", "thành phố")
_DISTRICT_TYPES = ("huyện", "quận", "thị xã", "thành phố")
_COMMUNE_TYPES = ("xã", "phường", "đặc khu")
_OLD_COMMUNE_TYPES = ("xã", "phường", "thị trấn")
_MAX_WORDS = 6  # the longest unit name in the data has 6 words
_SHOWN = 4  # new units listed in a message

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_APOSTROPHES = "\u2018\u2019\u02bc\u00b4`"
_SPACE = "[ \t\u00a0]"
_WORD_CHARS = rf"\w'{_APOSTROPHES}\-{_DASHES}"
_WORD = rf"[{_WORD_CHARS}]+"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_TYPE_RE = re.compile(
    rf"(?<![\w.])(?:(?P<type>{_alternation(_TYPES)})(?!\w){_SPACE}+"
    rf"|(?P<dotted>{_alternation(_DOTTED)}){_SPACE}*)", re.IGNORECASE)
_RUN_RE = re.compile(rf"{_WORD}(?:{_SPACE}+{_WORD}){{0,{_MAX_WORDS - 1}}}")
_WORD_RE = re.compile(_WORD)
_UPPER = "".join(c for c in map(chr, (*range(0x41, 0x5B), *range(0xC0, 0x250),
                                       *range(0x1E00, 0x1F00))) if c.isupper())
_CAPITALISED_RE = re.compile(rf"(?<![{_WORD_CHARS}])[{_UPPER}][{_WORD_CHARS}]*")

# Old tone placement ("hoà, khoẻ, thuỷ") → the placement the data uses ("hòa, khỏe, thủy").
_OLD_TONE_RE = re.compile("([oOuU])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])(?!\\w)")
_PUNCT = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_APOSTROPHES, "'")})
_PUNCT_RE = re.compile(f"[{_DASHES}{_APOSTROPHES}]")
_HYPHEN_RE = re.compile(r"\s*-\s*")


def _move_tone(m: re.Match[str]) -> str:
    vowel, mark = unicodedata.normalize("NFD", m.group(2))
    return unicodedata.normalize("NFC", m.group(1) + mark) + vowel


def _normal(text: str) -> str:
    """Lower case, one tone style, one dash and apostrophe; as long as `text` (NFC)."""
    text = _OLD_TONE_RE.sub(_move_tone, text)
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep it
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_PUNCT) if _PUNCT_RE.search(low) else low


def _key(text: str) -> str:
    """Normalised "type name" as the indexes hold it."""
    return " ".join(_HYPHEN_RE.sub("-", _normal(unicodedata.normalize("NFC", text))).split())


def _fold_char(ch: str) -> str:
    low = ch.lower()
    return "d" if low == "đ" else unicodedata.normalize("NFD", low)[0]


# Latin-1, Latin Extended-A/B and Latin Extended Additional hold every Vietnamese letter.
_FOLD = {cp: _fold_char(chr(cp)) for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
         if _fold_char(chr(cp)) != chr(cp)}


def _fold(key: str) -> str:
    """A key without diacritics: "xã ea kao" → "xa ea kao"."""
    return key.translate(_FOLD)


@dataclass(frozen=True, eq=False)  # one object per unit: identity hashing is fast
class _Unit:
    """A unit of the new map."""

    kind: str  # xã, phường, đặc khu, tỉnh, thành phố
    name: str
    province: str  # the new province's short name

    @functools.cached_property
    def label(self) -> str:
        return f"{self.kind} {self.name}"

    @functools.cached_property
    def where(self) -> str:
        return self.label if self.kind in _PROVINCE_TYPES else f"{self.label} ({self.province})"


@dataclass(frozen=True)
class _Old:
    """A unit of the old map and the new units its area went to."""

    level: str  # province, district or commune
    province: str  # the old province's short name
    region: str  # the new province the old province went into
    district: str | None  # the old district's id: its own, or a commune's district
    targets: frozenset[_Unit]  # empty for communes merged away before 2025


@dataclass
class _Index:
    current: dict[str, set[str]]  # key → new provinces where it is a unit today
    old: dict[str, list[_Old]]  # key → old units so named
    provinces: dict[str, str]  # bare province name (old or new) → new province
    prefixes: set[str] = field(init=False)  # keys cut after each word: a scan stops off it

    def __post_init__(self) -> None:
        self.prefixes = set()
        for key in (*self.current, *self.old):
            for i, ch in enumerate(key):
                if ch == " ":
                    self.prefixes.add(key[:i])
                elif ch == "-":
                    self.prefixes.update((key[:i], key[:i + 1]))
            self.prefixes.add(key)


def _split_type(name_with_type: str, types) -> tuple[str, str] | None:
    low = name_with_type.lower()
    for kind in types:  # no "type " starts another type, so the order does not matter
        if low.startswith(kind + " "):
            return kind, " ".join(name_with_type[len(kind):].split())
    return None


def _build() -> _Index:
    from vietnam_address_converter.data import DEFAULT_DATA as data

    current: dict[str, set[str]] = defaultdict(set)
    provinces: dict[str, str] = {}
    new_provinces: dict[str, _Unit] = {}
    for code, p in data["newProvinces"].items():
        unit = _Unit(*_split_type(p["name_with_type"], _PROVINCE_TYPES), p["name"])
        new_provinces[code] = unit
        current[_key(unit.label)].add(unit.province)
        provinces[_key(unit.name)] = unit.province
    new_units: dict[str, _Unit] = {}
    for code, w in data["newWards"].items():
        unit = _Unit(*_split_type(w["name_with_type"], _COMMUNE_TYPES),
                     new_provinces[w["parent_code"]].province)
        new_units[code] = unit
        current[_key(unit.label)].add(unit.province)

    commune_targets: dict[tuple[str, str, str], set[_Unit]] = defaultdict(set)
    district_targets: dict[str, set[_Unit]] = defaultdict(set)
    region: dict[str, _Unit] = {}  # old province code → new province (each went whole)
    # Old district id → (name with type, old province code); a few exist only in the rows.
    districts = {code: (d["name_with_type"], d["parent_code"])
                 for code, d in data["oldDistricts"].items()}
    for row in data["mapping"]["rows"]:
        old, new = row["old"], row["new"]
        districts.setdefault(old["district_code"], (old["district_name"], old["province_code"]))
        target = new_units[new["ward_code"]]
        district_targets[old["district_code"]].add(target)
        region[old["province_code"]] = new_provinces[new["province_code"]]
        split = _split_type(old["ward_name"], _OLD_COMMUNE_TYPES)
        if split:
            commune_targets[(old["district_code"], *split)].add(target)
    # Communes the data lists without a mapping row were merged before 2025: gone, no target.
    for w in data["oldWards"].values():
        split = _split_type(w["name_with_type"], _OLD_COMMUNE_TYPES)
        if split:
            commune_targets.setdefault((w["parent_code"], *split), set())

    old: dict[str, list[_Old]] = defaultdict(list)
    old_provinces = data["oldProvinces"]
    for code, p in old_provinces.items():
        kind, name = _split_type(p["name_with_type"], _PROVINCE_TYPES)
        new = region[code]
        old[_key(f"{kind} {name}")].append(_Old("province", name, new.province, None,
                                                frozenset({new})))
        provinces.setdefault(_key(name), new.province)
    for code, (name_with_type, p) in districts.items():
        old[_key(name_with_type)].append(_Old(
            "district", old_provinces[p]["name"], region[p].province, code,
            frozenset(district_targets[code])))
    for (district, kind, name), targets in commune_targets.items():
        p = districts[district][1]
        old[_key(f"{kind} {name}")].append(_Old(
            "commune", old_provinces[p]["name"], region[p].province, district,
            frozenset(targets)))
    return _Index(dict(current), dict(old), provinces)


def _ascii_index(index: _Index) -> _Index:
    """The same index keyed without diacritics, for text typed without them."""
    current: dict[str, set[str]] = defaultdict(set)
    old: dict[str, list[_Old]] = defaultdict(list)
    for key, where in index.current.items():
        current[_fold(key)] |= where
    for key, units in index.old.items():
        old[_fold(key)] += units
    provinces = {_fold(k): v for k, v in index.provinces.items()}
    return _Index(dict(current), dict(old), provinces)


class _Data:
    def __init__(self) -> None:
        self.index = _build()
        self.plain = _ascii_index(self.index)
        # Bare province names are found word by word: folded first word → most words.
        self.province_words: dict[str, int] = {}
        for name in self.plain.provinces:
            first, *rest = name.split()
            self.province_words[first] = max(self.province_words.get(first, 0), len(rest) + 1)

    def lookup(self, plain: bool) -> _Index:
        return self.plain if plain else self.index


_data: _Data | None = None
_lock = threading.Lock()


def load() -> None:
    """Load the dataset now rather than on the first check (e.g. from a start-up worker)."""
    global _data
    with _lock:
        if _data is None:
            _data = _Data()


def _loaded() -> _Data:
    if _data is None:
        load()
    return _data


# ------------------------------------------------------------------------------- scanning


@dataclass(frozen=True)
class PlaceIssue:
    """An old-map place in a text: where it is, why, and the new name if there is exactly one."""

    start: int
    end: int
    text: str  # the old place as written, e.g. "xã Ea Kao"
    vi: str
    en: str
    suggestion: str | None  # in the case style of `text`, e.g. "phường Ea Kao"

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    key: str
    kind: str
    plain: bool  # typed without diacritics


def _mentions(text: str, data: _Data) -> list[_Mention]:
    """Units named with their type, each with the longest name any index knows."""
    found: list[_Mention] = []
    pos = 0
    while m := _TYPE_RE.search(text, pos):
        pos = start = m.end()
        run = _RUN_RE.match(text, start)
        if not run or not (text[start].isupper() or text[start].isdigit()):
            continue  # "xã hội", "cấp huyện": not a name
        kind = _TYPES.get(m["type"].lower()) if m["type"] else _DOTTED.get(m["dotted"].lower())
        if not kind:  # a case-insensitive match of an odd letter ("K" Kelvin sign)
            continue
        plain = text[m.start():run.end()].isascii()
        index = data.lookup(plain)
        key = _fold(kind) if plain else kind
        names = run[0].lower() if plain else _normal(run[0])
        mention = None
        for word in _WORD_RE.finditer(names):
            w = word[0]
            key += w if key.endswith("-") or w.startswith("-") else " " + w
            if key not in index.prefixes:
                break
            if key in index.current or key in index.old:
                mention = _Mention(m.start(), start + word.end(), key, kind, plain)
        if mention:
            found.append(mention)
            pos = mention.end
    return found


def _bare_provinces(text: str, found: list[_Mention], data: _Data) -> set[str]:
    """New provinces of province names written without a type ("…, Đắk Lắk")."""
    provinces = set()
    for word in _CAPITALISED_RE.finditer(text):
        longest = data.province_words.get(_fold(word[0].lower()))
        if not longest or any(f.start <= word.start() < f.end for f in found):
            continue
        run = _RUN_RE.match(text, word.start())
        ends = [w.end() for w in _WORD_RE.finditer(text, word.start(), run.end())][:longest]
        for end in reversed(ends):
            written = text[word.start():end]
            plain = written.isascii()
            key = _fold(_key(written)) if plain else _key(written)
            if key in data.lookup(plain).provinces:
                provinces.add(data.lookup(plain).provinces[key])
                break
    return provinces


def _context(mentions: list[_Mention], data: _Data) -> tuple[set[str], set[str]]:
    """New provinces and old district ids that named provinces and districts point to."""
    provinces: set[str] = set()
    districts: set[str] = set()
    for m in mentions:
        index = data.lookup(m.plain)
        if m.kind in _PROVINCE_TYPES and m.key in index.current:
            provinces |= index.current[m.key]
            continue
        olds = [o for o in index.old.get(m.key, ()) if o.level != "commune"]
        if len({o.region for o in olds}) == 1:
            provinces.add(olds[0].region)
        districts |= {o.district for o in olds if o.level == "district"}
    return provinces, districts


def _styled(label: str, written: str, plain: bool) -> str:
    """The new name in the case style of the old one ("XÃ EA KAO" → "PHƯỜNG EA KAO")."""
    if plain:
        label = strip_diacritics(label)
    if written.isupper():
        return label.upper()
    return label[0].upper() + label[1:] if written[0].isupper() else label


def _listing(units: set[_Unit], more: str) -> str:
    names = sorted(u.where for u in units)
    extra = len(names) - _SHOWN
    return ", ".join(names[:_SHOWN]) + (f" {more % extra}" if extra > 0 else "")


def _issue(m: _Mention, text: str, olds: list[_Old]) -> PlaceIssue:
    written = text[m.start:m.end]
    targets = set().union(*(o.targets for o in olds))
    was = ", ".join(sorted({o.province for o in olds}))
    levels = {o.level for o in olds}
    if levels == {"province"}:
        vi = f"«{written}» đã hợp nhất với tỉnh khác từ 1/7/2025"
        en = f"“{written}” was merged with other provinces on 1 July 2025"
    elif levels == {"district"}:
        vi = (f"«{written}» (trước thuộc {was}) là đơn vị cấp huyện; từ 1/7/2025 không còn "
              "cấp huyện")
        en = (f"“{written}” (formerly in {was}) was a district; districts were abolished on "
              "1 July 2025")
    elif targets:
        vi = f"«{written}» (trước thuộc {was}) không còn từ 1/7/2025"
        en = f"“{written}” (formerly in {was}) ceased to exist on 1 July 2025"
    else:  # merged away before 2025
        vi = f"«{written}» (trước thuộc {was}) không còn là đơn vị hành chính"
        en = f"“{written}” (formerly in {was}) is no longer an administrative unit"
    suggestion = None
    if len(targets) == 1:
        unit = next(iter(targets))
        suggestion = _styled(unit.label, written, m.plain)
        vi += f": nay thuộc {unit.where}. Đề xuất: «{suggestion}»."
        en += f": it is now part of {unit.where}. Suggested: “{suggestion}”."
        return PlaceIssue(m.start, m.end, written, vi, en, suggestion)
    if targets:
        vi += f"; địa bàn nay thuộc {_listing(targets, 'và %d đơn vị khác')}."
        en += f"; the area is now in {_listing(targets, 'and %d more')}."
    else:
        vi += "."
        en += "."
    if len({o.region for o in olds}) > 1:
        vi += " Ghi thêm tên tỉnh để có đề xuất, hoặc ghi tên đơn vị mới."
        en += " Add the province for a suggestion, or write the new unit's name."
    else:
        vi += " Hãy ghi tên đơn vị mới."
        en += " Write the new unit's name."
    return PlaceIssue(m.start, m.end, written, vi, en, None)


def _place(text: str, found: list[_Mention], context: str, data: _Data
           ) -> tuple[set[str], set[str]]:
    """New provinces and old district ids that `text` and `context` name."""
    provinces, districts = _context(found, data)
    provinces |= _bare_provinces(text, found, data)
    if context:
        more_provinces, more_districts = _context_of(context)
        provinces |= more_provinces
        districts |= more_districts
    return provinces, districts


@functools.lru_cache(maxsize=64)
def _context_of(context: str) -> tuple[frozenset[str], frozenset[str]]:
    """Provinces and old districts named in a context text (the same few texts, over and over)."""
    data = _loaded()
    found = _mentions(context, data)
    provinces, districts = _context(found, data)
    return frozenset(provinces | _bare_provinces(context, found, data)), frozenset(districts)


def find_place_issues(text: str, context: str = "") -> list[PlaceIssue]:
    """Old-map places named in `text` (NFC), in order.

    `context` is other text saying where the piece is used (e.g. the campaign's unit "Bảo
    hiểm xã hội tỉnh Đắk Lắk"); it is not checked. Provinces and old districts named there or
    in `text` decide names that exist in several provinces: a name that is a unit of the new
    map (in the provinces named, or anywhere when none is named) is never flagged, and an old
    name found in several old provinces gets a suggestion only once a province narrows it to
    one new unit.
    """
    data = _loaded()
    found = _mentions(text, data)
    place = None
    issues = []
    for m in found:
        index = data.lookup(m.plain)
        olds = index.old.get(m.key)
        if not olds:
            continue
        where = index.current.get(m.key, set())
        if where or len(olds) > 1:  # which one is meant depends on where the text is about
            if place is None:
                place = _place(text, found, context, data)
            provinces, districts = place
        else:
            provinces = districts = frozenset()
        if where and (not provinces or where & provinces):
            continue
        if provinces:  # a unit elsewhere today is flagged only as an old unit named here
            here = [o for o in olds if o.region in provinces]
            olds = here if where else here or olds
        in_district = [o for o in olds if o.level == "commune" and o.district in districts]
        if in_district:
            olds = in_district
        if olds:
            issues.append(_issue(m, text, olds))
    return issues


def apply_suggestions(text: str, context: str = "") -> str:
    """`text` with every old place that has exactly one new name replaced by that name."""
    for issue in reversed(find_place_issues(text, context)):
        if issue.suggestion:
            text = text[:issue.start] + issue.suggestion + text[issue.end:]
    return text
