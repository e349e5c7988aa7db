"""Issue 11, point 6: read-aloud as an announcer reads, abbreviations the office extends, the
SMS brand-name sender and one tone-mark style.

Where a reading is a choice, the comment says why it was taken.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from ansinh.core import abbreviations
from ansinh.core.vntext import read_aloud

Y2025 = "hai nghìn không trăm hai mươi lăm"
Y2026 = "hai nghìn không trăm hai mươi sáu"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        # Quarters: the number after "quý" is the quarter, then the year.
        ("Quý 4/2026", f"Quý bốn năm {Y2026}"),
        ("quý IV/2026", f"quý bốn năm {Y2026}"),
        ("trong quý 2", "trong quý hai"),
        # Roman numerals after quý/tháng/khóa/thế kỷ… are numbers.
        ("Quốc hội khóa XV", "Quốc hội khóa mười lăm"),
        ("tháng XII", "tháng mười hai"),
        ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
        ("Tháng Vinh", "Tháng Vinh"),  # a word that merely starts with a numeral letter
        # Fractions: a/b followed by what it is a part of; "tư" for a quarter, as said.
        ("1/3 số tiền", "một phần ba số tiền"),
        ("3/4 số hộ", "ba phần tư số hộ"),
        ("2/3 dân số", "hai phần ba dân số"),
        ("1/2 tổng kinh phí", "một phần hai tổng kinh phí"),
        ("1/20 số hộ", "một phần hai mươi số hộ"),
        # ... but a word before that calls it a day keeps the date.
        ("ngày 1/3 số người", "ngày mùng một tháng ba số người"),
        ("từ 1/7 số tiền", "từ ngày mùng một tháng bảy số tiền"),
        ("1/7", "ngày mùng một tháng bảy"),
        # A street or square named after a day: no "ngày mùng".
        ("đường 2/9", "đường hai tháng chín"),
        ("Quảng trường 30/4", "Quảng trường ba mươi tháng tư"),
        # Document numbers: number, year, then the code read out (type, issuer).
        ("159/2025/NĐ-CP", f"một trăm năm mươi chín năm {Y2025}, nghị định Chính phủ"),
        ("Quyết định 1/2026/QĐ-TTg", f"Quyết định một năm {Y2026}, quyết định Thủ tướng"),
        ("Thông tư 01/2025/TT-BYT", f"Thông tư một năm {Y2025}, thông tư Bộ Y tế"),
        ("Luật 41/2024/QH15", "Luật bốn mươi mốt năm hai nghìn không trăm hai mươi bốn, Quốc"
                              " hội khóa mười lăm"),
        # Without a year (a letter's number): "số" said once, then the issuing units.
        ("1521/BHXH-TCCB", "số một nghìn năm trăm hai mươi mốt, Bảo hiểm xã hội, Tổ chức cán"
                           " bộ"),
        ("Công văn số 1521/BHXH-TCCB", "Công văn số một nghìn năm trăm hai mươi mốt, Bảo hiểm xã"
                                       " hội, Tổ chức cán bộ"),
        ("Quyết định 595/QĐ-BHXH", "Quyết định số năm trăm chín mươi lăm, quyết định Bảo hiểm xã"
                                   " hội"),
        ("BHXH/BHYT", "bảo hiểm xã hội/bảo hiểm y tế"),  # not a document code
        # A code standing alone reads as inside a document number.
        ("QH15", "Quốc hội khóa mười lăm"),
        ("theo NĐ-CP", "theo nghị định Chính phủ"),
        ("Công văn BHXH-TCCB", "Công văn Bảo hiểm xã hội, Tổ chức cán bộ"),
        ("COVID-19", "COVID-mười chín"),  # not a code of the tables: as before
        # Abbreviations common in BHXH texts.
        ("ĐT: 1900 9068", "điện thoại: một chín không không, chín không sáu tám"),
        ("Đ/c Hà", "đồng chí Hà"),
        ("DTTS, HSSV, HGĐ", "dân tộc thiểu số, học sinh, sinh viên, hộ gia đình"),
        ("TP Buôn Ma Thuột", "thành phố Buôn Ma Thuột"),
        ("TP.HCM", "thành phố Hồ Chí Minh"),
        ("STT", "số thứ tự"),
        ("BHXH, BHYT, BHTN", "bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp"),
        ("UBND, HĐND, MTTQ", "Ủy ban nhân dân, Hội đồng nhân dân, Mặt trận Tổ quốc"),
        ("ứng dụng VssID", "ứng dụng vê ét ét ai đi"),
        # Addresses: the scheme is not said (listeners type the address), "/" is "gạch chéo".
        ("https://baohiemxahoi.gov.vn", "baohiemxahoi chấm gov chấm vn"),
        ("xem https://baohiemxahoi.gov.vn/tra-cuu/so.html.",
         "xem baohiemxahoi chấm gov chấm vn gạch chéo tra-cuu gạch chéo so chấm html."),
        ("www.baohiemxahoi.gov.vn/", "vê kép vê kép vê kép chấm baohiemxahoi chấm gov chấm vn"),
        # Formulas.
        ("22% x 1.500.000 = 330.000 đồng",
         "hai mươi hai phần trăm nhân một triệu năm trăm nghìn bằng ba trăm ba mươi nghìn đồng"),
        ("3×4", "ba nhân bốn"),
        ("Mức đóng = 22% × thu nhập",
         "Mức đóng bằng hai mươi hai phần trăm nhân thu nhập"),
        # A dot between digits before triệu/nghìn/tỷ is a decimal point.
        ("2.5 triệu", "hai phẩy năm triệu"),
        ("1.25 tỷ đồng", "một phẩy hai mươi lăm tỷ đồng"),
        ("1.500 triệu", "một nghìn năm trăm triệu"),  # three digits: thousands, as before
        # A local number after its area code is grouped like a hotline (3-4).
        ("(0262) 3855888", "không hai sáu hai, ba tám năm, năm tám tám tám"),
        ("(0262) 3 852 123", "không hai sáu hai, ba, tám năm hai, một hai ba"),
        # An area code and its groups, however written, is a phone; 0… is never a quantity.
        ("ĐT 0262 3 852 123", "điện thoại không hai sáu hai, ba, tám năm hai, một hai ba"),
        ("SĐT 0262 38 52 123", "số điện thoại không hai sáu hai, ba tám, năm hai, một hai ba"),
        ("ĐT 0262.38.52.123.", "điện thoại không hai sáu hai, ba tám, năm hai, một hai ba."),
        ("ĐT 0262 3852 xxx", "điện thoại không hai sáu hai, ba tám năm hai xxx"),
        ("mã vùng 0262", "mã vùng không hai sáu hai"),
        ("lúc 07 giờ", "lúc bảy giờ"),
    ],
)
def test_read_aloud_cases(text, spoken):
    assert read_aloud(text) == spoken


# --- the abbreviation list is data the office extends ------------------------------------


def _write_user_file(text: str) -> None:
    path = abbreviations.user_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_shipped_list_is_a_data_file():
    shipped = abbreviations.read(abbreviations.shipped_path())
    assert shipped.words["BHXH"] == "bảo hiểm xã hội"
    assert shipped.types["NĐ"] == "nghị định"
    assert shipped.codes["CP"] == "Chính phủ"


def test_office_entries_are_read_and_win():
    assert read_aloud("BCĐ 389 và BHXH") == "Ban Chỉ đạo ba trăm tám mươi chín và bảo hiểm xã hội"
    _write_user_file('[words]\n"ĐTN" = "Đoàn thanh niên"\n"BHXH" = "bê hát xê hát"\n'
                     '[codes]\n"TCCB" = "Ban Tổ chức cán bộ"\n')
    assert read_aloud("ĐTN và BHXH") == "Đoàn thanh niên và bê hát xê hát"
    assert read_aloud("1521/BHXH-TCCB").endswith("Bảo hiểm xã hội, Ban Tổ chức cán bộ")


def test_a_new_save_is_seen_at_once():
    _write_user_file('[words]\n"ĐTN" = "Đoàn thanh niên"\n')
    assert read_aloud("ĐTN") == "Đoàn thanh niên"
    entries = abbreviations.read(abbreviations.user_path())
    abbreviations.save(abbreviations.Abbreviations(words={**entries.words, "ĐTN": "đoàn"}))
    assert read_aloud("ĐTN") == "đoàn"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[words\n", "sai cú pháp"),
        ('[words]\n"X" = 5\n', "«words.X» phải là một chuỗi chữ"),
        ('[words]\n" X" = "a"\n', "«words. X» phải là một chữ viết tắt"),
        ('[words]\n"X" = "  "\n', "«words.X» phải là một chữ viết tắt"),
        ('[words]\n"X" = "' + "a" * 300 + '"\n', "«words.X» phải là chuỗi tối đa 200"),
        ('[other]\n"X" = "a"\n', "bảng «other» không dùng được"),
        ("[words]\n" + "".join(f'"K{n}" = "k"\n' for n in range(501)),
         "«words» phải là một bảng tối đa 500 mục"),
    ],
)
def test_a_bad_user_file_is_named_and_reading_goes_on(text, message):
    _write_user_file(text)
    with pytest.raises(Exception) as caught:
        abbreviations.read(abbreviations.user_path())
    assert message in caught.value.vi and caught.value.path == str(abbreviations.user_path())
    assert message in abbreviations.problem()
    assert read_aloud("BHXH") == "bảo hiểm xã hội"  # the shipped list still reads


def test_save_refuses_bad_entries_and_keeps_the_file():
    _write_user_file('[words]\n"ĐTN" = "Đoàn thanh niên"\n')
    before = abbreviations.user_path().read_bytes()
    with pytest.raises(Exception, match="chữ viết tắt"):
        abbreviations.save(abbreviations.Abbreviations(words={"": "x"}))
    assert abbreviations.user_path().read_bytes() == before


# --- still linear ------------------------------------------------------------------------

SHAPES = ["quý IV/", "quý ", "1/BHXH-", "1/3 số ", "đường 2/9 ", "a.vn/a", "https://a.vn/",
          "1 x ", "= ", "×", "2.5 triệu ", "(0262) 3855888 ", "/NĐ-", "1/NĐ", "TNCS HCM",
          "Đ/c ", "9/2025/QĐ-"]


@pytest.mark.parametrize("unit", SHAPES)
def test_new_rules_stay_linear(unit):
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    start = time.process_time()
    read_aloud(text)
    assert time.process_time() - start < 1.0


# --- SMS brand-name sender -----------------------------------------------------------------


def _sms(campaign, sender):
    from ansinh.core.campaign import Piece
    from ansinh.core.render.piece import render_piece

    return render_piece(Piece("sms-bhxh", "toan-dan", None, {"sender": sender}), campaign)


def test_sms_sender_is_shown_in_the_stats_not_the_message(sample_campaign):
    result = _sms(sample_campaign, "BHXH DAKLAK")
    assert not [c for c in result.checks if c.field == "sender"]
    for role in ("sms", "sms-ascii"):
        artifact = result.artifact("txt", role)
        assert artifact.stats["sender"] == "BHXH DAKLAK"
        assert "DAKLAK" not in artifact.data.decode()
    assert "sender" not in _sms(sample_campaign, "").artifact("txt", "sms").stats


@pytest.mark.parametrize(
    ("sender", "vi"),
    [
        ("BHXH DAK LAK", "«Tên thương hiệu gửi tin» dài 12 ký tự, tối đa 11."),
        ("BHXH ĐắkLắk", "«Tên thương hiệu gửi tin» chỉ được có chữ cái không dấu, chữ số, "
                        "khoảng trắng và . - _ (nhà mạng không nhận «Đ» «ắ»)."),
        ("BHXH/VN", "(nhà mạng không nhận «/»)."),
    ],
)
def test_sms_sender_too_long_or_not_ascii_is_named(sample_campaign, sender, vi):
    checks = [c for c in _sms(sample_campaign, sender).checks if c.field == "sender"]
    assert len(checks) == 1 and checks[0].is_error and checks[0].vi.endswith(vi)
    assert "Brand-name sender" in checks[0].en


# --- one tone-mark style ---------------------------------------------------------------------

OLD = "Hoà Thắng, văn hoá, xoá, tuỳ, khoẻ, thuỷ, Uỷ ban, HOÀ"
NEW = "Hòa Thắng, văn hóa, xóa, tùy, khỏe, thủy, Ủy ban, HÒA"
SAME = "quý, quà, hoàng, toán, tuyển, khuỷu, mùa, của, ngoài, thuở, Huế"  # both styles agree


def test_tone_style_moves_marks_both_ways_and_keeps_the_rest():
    from ansinh.core.vntext import tone_style

    assert tone_style(OLD, "new") == NEW and tone_style(NEW, "old") == OLD
    assert tone_style(OLD, "keep") == OLD and tone_style(NEW, "new") == NEW
    assert tone_style(SAME, "new") == SAME == tone_style(SAME, "old")
    decomposed = "Hoa\u0300 bi\u0300nh"
    assert tone_style(decomposed, "new") == "Hòa bình"


def _old_style_words(text: str) -> list[str]:
    from ansinh.core.vntext import tone_style

    words = set(re.findall(r"\w+", text))
    return sorted(w for w in words if tone_style(w, "new") != w)


def _shipped_text_files() -> list[Path]:
    from ansinh.core import paths

    root = paths.app_root()
    files = [*root.glob("templates/**/*"), *root.glob("assets/sample/*"),
             *root.glob("assets/data/*.toml"), *root.glob("desktop/ansinh/gui/**/*.py"),
             root / "desktop/ansinh/gui/i18n/ansinh_en.ts", root / "README.md"]
    texts = {".j2", ".toml", ".csv", ".html", ".css", ".md", ".txt", ".py", ".ts", ".json"}
    return [f for f in files if f.is_file() and f.suffix in texts]


# The settings page shows the old style as an example of itself.
OLD_STYLE_EXAMPLES = ("kiểu cũ: hoà, khoẻ, thuỷ", "old style: hoà, khoẻ, thuỷ", "«old» (hoà, thuỷ)")


def test_every_shipped_text_uses_the_new_tone_style():
    # The new rule (hòa, hóa, xóa, tùy), as in current BHXH documents.
    found = {}
    for path in _shipped_text_files():
        text = path.read_text(encoding="utf-8")
        for example in OLD_STYLE_EXAMPLES:
            text = text.replace(example, "")
        if words := _old_style_words(text):
            found[str(path)] = words
    assert not found


@pytest.mark.parametrize("unit", ["hoà ", "hòa", "oà", "uỷ", "qoà ", "o\u0300a "])
def test_tone_style_stays_linear(unit):
    from ansinh.core.vntext import tone_style

    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    for style in ("new", "old"):
        start = time.process_time()
        tone_style(text, style)
        assert time.process_time() - start < 1.0
