"""Places on the 2025 map: old districts, communes and provinces flagged with their new names.

Every fact asserted here was read from the dataset (vietnam-address-converter's old → new
mapping), not from memory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansinh.core.places import apply_suggestions, find_place_issues

ROOT = Path(__file__).resolve().parents[1]
DAK_LAK = "Bảo hiểm xã hội tỉnh Đắk Lắk"


def only(text: str, context: str = ""):
    issues = find_place_issues(text, context)
    assert len(issues) == 1, issues
    issue = issues[0]
    assert text[issue.start:issue.end] == issue.text
    return issue


def test_a_merged_commune_gets_its_new_ward() -> None:
    issue = only("Thôn Đồng Tâm – xã Ea Kao")
    assert issue.text == "xã Ea Kao" and issue.suggestion == "phường Ea Kao"
    assert "1/7/2025" in issue.vi and "phường Ea Kao" in issue.vi
    assert "1 July 2025" in issue.en and issue.message("en") == issue.en


def test_a_district_is_flagged_and_named_only_when_it_became_one_unit() -> None:
    issue = only("huyện Krông Pắc")  # split into six communes: no single new name
    assert issue.suggestion is None
    assert "cấp huyện" in issue.vi and "district" in issue.en and "xã Krông Pắc" in issue.vi
    assert only("huyện Côn Đảo").suggestion == "đặc khu Côn Đảo"
    assert only("Thị xã Buôn Hồ").suggestion is None
    assert only("Quận 1, TP. Hồ Chí Minh").text == "Quận 1"


def test_the_old_city_of_buon_ma_thuot() -> None:
    assert only("phường Tân Lợi").suggestion == "phường Buôn Ma Thuột"
    city = only("TP. Buôn Ma Thuột")
    assert city.suggestion is None and "phường Ea Kao" in city.vi
    # "xã Hòa Thắng" and "xã Hòa Khánh" are units today elsewhere (Lâm Đồng, Tây Ninh): they are
    # flagged once the text or its context is about Đắk Lắk.
    assert find_place_issues("xã Hòa Thắng") == []
    assert find_place_issues("xã Hòa Khánh") == []
    assert only("xã Hoà Khánh", DAK_LAK).suggestion == "xã Hòa Phú"
    # In Đắk Lắk two old communes were named Hòa Thắng (Buôn Ma Thuột, and Phú Hòa in Phú Yên):
    # the old city named in the text decides.
    assert only("xã Hoà Thắng", DAK_LAK).suggestion is None
    first = find_place_issues("xã Hòa Thắng, TP. Buôn Ma Thuột")[0]
    assert first.suggestion == "phường Tân Lập"


def test_hoa_xuan_is_a_commune_of_dak_lak_today() -> None:
    # The old Hòa Xuân of Buôn Ma Thuột went into xã Hòa Phú, but since 1/7/2025 Đắk Lắk has a
    # new xã Hòa Xuân (from Phú Yên's Hòa Xuân Đông/Nam): the name is current, never flagged.
    assert find_place_issues("xã Hòa Xuân", DAK_LAK) == []
    assert find_place_issues("xã Hoà Xuân, tỉnh Đắk Lắk") == []


@pytest.mark.parametrize("text", [
    "phường Buôn Ma Thuột", "phường Tân An", "xã Hòa Phú", "xã Hoà Phú", "tỉnh Đắk Lắk",
    "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "thành phố Huế", "đặc khu Côn Đảo",
    "Phường Văn Miếu - Quốc Tử Giám", "Xã Cư M’gar", "PHƯỜNG EA KAO",
    "Bảo hiểm xã hội tỉnh Đắk Lắk", "BẢO HIỂM XÃ HỘI VIỆT NAM", "an sinh xã hội",
    "UBND xã, HĐND huyện", "cấp huyện, cấp xã", "thị xã, thành phố",
    "Tiểu thương chợ Buôn Ma Thuột",
])
def test_current_names_and_plain_words_are_not_flagged(text: str) -> None:
    assert find_place_issues(text) == []
    assert find_place_issues(text, DAK_LAK) == []


def test_an_old_name_of_several_provinces_is_suggested_only_once_a_province_is_known() -> None:
    # Old xã Hòa Đông: Krông Pắc (Đắk Lắk) → xã Ea Knuếc; Vĩnh Châu (Sóc Trăng) → phường Khánh Hòa.
    issue = only("xã Hòa Đông")
    assert issue.suggestion is None and "Đắk Lắk" in issue.vi and "Sóc Trăng" in issue.vi
    assert "province" in issue.en
    assert only("xã Hòa Đông", DAK_LAK).suggestion == "xã Ea Knuếc"
    assert find_place_issues("xã Hòa Đông, tỉnh Đắk Lắk")[0].suggestion == "xã Ea Knuếc"
    assert only("xã Hòa Đông, Sóc Trăng").suggestion == "phường Khánh Hòa"
    assert find_place_issues("xã Hòa Đông, huyện Krông Pắc")[0].suggestion == "xã Ea Knuếc"


def test_merged_provinces() -> None:
    assert only("tỉnh Đắk Nông").suggestion == "tỉnh Lâm Đồng"
    assert only("Tỉnh Phú Yên").suggestion == "Tỉnh Đắk Lắk"


def test_case_tone_placement_and_text_without_diacritics() -> None:
    assert only("XÃ EA KAO").suggestion == "PHƯỜNG EA KAO"
    assert only("Xã Ea Kao").suggestion == "Phường Ea Kao"
    assert only("xa Ea Kao").suggestion == "phuong Ea Kao"
    assert only("P.Tân Lợi").suggestion == "Phường Buôn Ma Thuột"
    assert only("xã Hoà Khánh", DAK_LAK).text == "xã Hoà Khánh"


def test_apply_suggestions_replaces_only_unambiguous_names() -> None:
    text = "Thôn 3 – xã Ea Kao; Buôn Kô Siêr – phường Tân Lợi; Thôn 1 – xã Hòa Đông"
    assert apply_suggestions(text) == (
        "Thôn 3 – phường Ea Kao; Buôn Kô Siêr – phường Buôn Ma Thuột; Thôn 1 – xã Hòa Đông")
    assert apply_suggestions("Buôn Ea Nao, huyện Krông Pắc") == "Buôn Ea Nao, huyện Krông Pắc"
    assert apply_suggestions("Thôn 1 – xã Hòa Đông", DAK_LAK) == "Thôn 1 – xã Ea Knuếc"
    assert apply_suggestions("phường Tân An") == "phường Tân An"


def test_the_dataset_loads_on_first_use_only() -> None:
    code = (
        "import sys; import ansinh.core.places as p\n"
        "assert 'vietnam_address_converter' not in sys.modules\n"
        "p.find_place_issues('xã Ea Kao'); assert 'vietnam_address_converter' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def shipped_texts() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "assets").rglob("*")),
             *sorted((ROOT / "templates").rglob("*"))]
    return [p for p in files if p.suffix in {".toml", ".csv", ".md", ".j2", ".txt"}]


def test_shipped_content_names_no_old_place() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {issue.text}"
        for path in shipped_texts()
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1)
        for issue in find_place_issues(line, DAK_LAK)
    ]
    assert hits == []
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "tỉnh/huyện" not in readme and "BHXH cơ sở" in readme


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "xã", "Xã", "XÃ", "huyện", "TP.", "tp", "P.", "tỉnh", "thị xã", "Ea", "Kao", "Hoà", "Hòa",
    "Đông", "Krông", "Pắc", "Đắk", "Lắk", "1", "15", " ", "  ", ",", "–", "-", "’", "\u00a0",
    "İ", "K", "ß", "\n",
]), max_size=16).map("".join) | st.text(max_size=60))
def test_any_text_gives_sound_issues(text: str) -> None:
    for issue in find_place_issues(text, "tỉnh Đắk Lắk"):
        assert text[issue.start:issue.end] == issue.text and issue.vi and issue.en
    apply_suggestions(text)
