"""Tests for ansinh.core.vntext: hygiene, read-aloud scripts, reading time, SMS, captions."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from ansinh.core import abbreviations, vntext
from ansinh.core.errors import UserError
from ansinh.core.vntext import (
    caption_info,
    count_syllables,
    format_duration_en,
    format_duration_vi,
    normalize,
    number_words,
    read_aloud,
    reading_time,
    sms_info,
    strip_diacritics,
)

YEAR_2025 = "hai nghìn không trăm hai mươi lăm"

# --------------------------------------------------------------------------- normalize


def test_normalize_fixes_lookalikes_line_ends_and_invisibles():
    decomposed = "Bao hie\u0302\u0309m xa\u0303 ho\u0323\u0302i"
    assert normalize(decomposed) == "Bao hiểm xã hội"
    assert normalize("\ufeffÐà Nẵng\r\nðồng\rx") == "Đà Nẵng\nđồng\nx"
    assert normalize("BH\u200bXH tự\u00adnguyện") == "BHXH tựnguyện"
    assert normalize("330.000\u00a0đồng") == "330.000\u00a0đồng"  # NBSP kept
    assert normalize("a  b\t c") == "a  b\t c"


@given(st.text())
def test_normalize_is_idempotent_and_nfc(text):
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once and "\ufeff" not in once


# ------------------------------------------------------------------------ number_words


@pytest.mark.parametrize(
    ("n", "north", "south"),
    [
        (0, "không", "không"),
        (10, "mười", "mười"),
        (11, "mười một", "mười một"),
        (15, "mười lăm", "mười lăm"),
        (21, "hai mươi mốt", "hai mươi mốt"),
        (25, "hai mươi lăm", "hai mươi lăm"),
        (105, "một trăm linh năm", "một trăm lẻ năm"),
        (110, "một trăm mười", "một trăm mười"),
        (1005, "một nghìn không trăm linh năm", "một ngàn không trăm lẻ năm"),
        (1_500_000, "một triệu năm trăm nghìn", "một triệu năm trăm ngàn"),
        (2_340_000, "hai triệu ba trăm bốn mươi nghìn", "hai triệu ba trăm bốn mươi ngàn"),
        (105_300, "một trăm linh năm nghìn ba trăm", "một trăm lẻ năm ngàn ba trăm"),
        (2025, YEAR_2025, "hai ngàn không trăm hai mươi lăm"),
        (1_000_005, "một triệu không trăm linh năm", "một triệu không trăm lẻ năm"),
        (2_000_000_000, "hai tỷ", "hai tỷ"),
        (10**12, "một nghìn tỷ", "một ngàn tỷ"),
    ],
)
def test_number_words(n, north, south):
    assert number_words(n) == north
    assert number_words(n, style="south") == south


def test_number_words_accepts_strings_and_decimals():
    assert number_words("1.500.000") == "một triệu năm trăm nghìn"
    assert number_words("4,5") == "bốn phẩy năm"
    assert number_words(Decimal("4.5")) == "bốn phẩy năm"
    assert number_words("1,25") == "một phẩy hai mươi lăm"
    assert number_words("4,05") == "bốn phẩy không năm"
    assert number_words("-3") == "âm ba"
    assert number_words(Decimal("-0.5")) == "âm không phẩy năm"


@pytest.mark.parametrize("bad", ["", "abc", "1.5.", "1.50.000", "12a"])
def test_number_words_rejects_non_numbers(bad):
    with pytest.raises(UserError) as info:
        number_words(bad)
    assert info.value.vi and info.value.en


def test_number_words_rejects_bad_style_and_infinite():
    with pytest.raises(UserError):
        number_words(5, style="central")
    with pytest.raises(UserError):
        number_words(Decimal("Infinity"))
    with pytest.raises(UserError):
        number_words(10**40)


def test_number_words_agrees_with_num2words_below_a_thousand():
    # num2words says "lẻ" (southern); from 1000 up it goes wrong ("hai nghìn lẻ hai mươi
    # lăm" for 2025), which is why vntext has its own reader.
    for n in range(1000):
        assert number_words(n, style="south") == num2words(n, lang="vi")
    assert num2words(2025, lang="vi") != number_words(2025, style="south")


# -------------------------------------------------------------------------- read_aloud


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("22%", "hai mươi hai phần trăm"),
        ("22 %", "hai mươi hai phần trăm"),
        ("4,5%", "bốn phẩy năm phần trăm"),
        ("330.000", "ba trăm ba mươi nghìn"),
        ("330.000 đồng", "ba trăm ba mươi nghìn đồng"),
        ("330.000đ", "ba trăm ba mươi nghìn đồng"),
        ("330.000 ₫", "ba trăm ba mươi nghìn đồng"),
        ("330.000 VND", "ba trăm ba mươi nghìn đồng"),
        ("1,5 triệu đồng", "một phẩy năm triệu đồng"),
        ("2 tỷ", "hai tỷ"),
        ("2 tỷ đồng", "hai tỷ đồng"),
        ("1.500.000 đồng", "một triệu năm trăm nghìn đồng"),
        ("330.000 đồng/tháng", "ba trăm ba mươi nghìn đồng mỗi tháng"),
        ("50.000đ/người", "năm mươi nghìn đồng mỗi người"),
        ("1900 9068", "một chín không không, chín không sáu tám"),
        ("1900.9068", "một chín không không, chín không sáu tám"),
        ("0912 345 678", "không chín một hai, ba bốn năm, sáu bảy tám"),
        ("0912345678", "không chín một hai, ba bốn năm, sáu bảy tám"),
        ("(0262) 3 852 123", "không hai sáu hai, ba, tám năm hai, một hai ba"),
        ("01/07/2025", f"ngày mùng một tháng bảy năm {YEAR_2025}"),
        ("từ ngày 01/07/2025", f"từ ngày mùng một tháng bảy năm {YEAR_2025}"),
        ("15/11/2025", f"ngày mười lăm tháng mười một năm {YEAR_2025}"),
        ("1/7", "ngày mùng một tháng bảy"),
        ("30/4", "ngày ba mươi tháng tư"),
        ("7/2025", f"tháng bảy năm {YEAR_2025}"),
        ("tháng 7/2025", f"tháng bảy năm {YEAR_2025}"),
        ("7h30", "bảy giờ ba mươi phút"),
        ("7:30", "bảy giờ ba mươi phút"),
        ("14h", "mười bốn giờ"),
        ("7h30 - 11h", "bảy giờ ba mươi phút đến mười một giờ"),
        ("15 năm", "mười lăm năm"),
        ("120 tháng", "một trăm hai mươi tháng"),
        ("từ 2 đến 5", "từ hai đến năm"),
        ("2025-2030", f"{YEAR_2025} đến hai nghìn không trăm ba mươi"),
        ("2027–2030", "hai nghìn không trăm hai mươi bảy đến hai nghìn không trăm ba mươi"),
        ("20-50%", "hai mươi đến năm mươi phần trăm"),
        ("20%/30%", "hai mươi phần trăm, ba mươi phần trăm"),
        ("BHXH tự nguyện", "bảo hiểm xã hội tự nguyện"),
        ("thẻ BHYT", "thẻ bảo hiểm y tế"),
        ("BHTN", "bảo hiểm thất nghiệp"),
        ("ứng dụng VssID.", "ứng dụng vê ét ét ai đi."),
        ("UBND xã, HĐND huyện", "Ủy ban nhân dân xã, Hội đồng nhân dân huyện"),
        ("TP. Vinh", "thành phố Vinh"),
        ("HTX và Hội LHPN", "hợp tác xã và Hội Liên hiệp Phụ nữ"),
        ("xe ôm, taxi, v.v. đều", "xe ôm, taxi, vân vân đều"),
        ("nông dân & ngư dân", "nông dân và ngư dân"),
        ("thứ 4", "thứ tư"),
        ("tháng 4", "tháng tư"),
        ("Luật 41/2024/QH15", "Luật bốn mươi mốt năm hai nghìn không trăm hai mươi bốn, Quốc"
                              " hội khóa mười lăm"),
        ("Nghị định 159/2025/NĐ-CP", f"Nghị định một trăm năm mươi chín năm {YEAR_2025}, nghị"
                                     " định Chính phủ"),
        ("+84 912 345 678", "cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám"),
        ("hỗ trợ 24/7", "hỗ trợ hai mươi bốn trên bảy"),
        ("mùng 5/9", "mùng năm tháng chín"),
        ("ngày 5 tháng 7", "ngày mùng năm tháng bảy"),
        ("2025-07-01", f"ngày mùng một tháng bảy năm {YEAR_2025}"),
        ("165.000 - 264.000 đồng", "một trăm sáu mươi lăm nghìn đến hai trăm sáu mươi bốn nghìn"
                                   " đồng"),
        ("1,500,000", "một triệu năm trăm nghìn"),
        ("0,5%", "không phẩy năm phần trăm"),
        ("xem baohiemxahoi.gov.vn.", "xem baohiemxahoi chấm gov chấm vn."),
        ("tỷ lệ %", "tỷ lệ phần trăm"),
        ("mục 1.5", "mục một chấm năm"),
        ("ngày/tháng/năm sinh", "ngày/tháng/năm sinh"),
        ("BHXHVN", "bảo hiểm xã hội Việt Nam"),
        ("BHXH1", "BHXH một"),  # not word-bounded: stays, digits still read
    ],
)
def test_read_aloud_examples(text, spoken):
    assert read_aloud(text) == spoken


def test_read_aloud_reads_huge_digit_runs_without_failing():
    assert read_aloud("0" * 5000) == "không"
    assert read_aloud("12345678901234567890") == " ".join(
        number_words(int(c)) for c in "12345678901234567890")


def test_read_aloud_southern_style():
    assert read_aloud("105 người, 1.500.000 đồng", style="south") == (
        "một trăm lẻ năm người, một triệu năm trăm ngàn đồng")


def test_read_aloud_abbreviations_are_case_sensitive_and_extendable():
    assert read_aloud("bhxh") == "bhxh"
    abbreviations.save(abbreviations.Abbreviations(words={"ĐTN": "Đoàn thanh niên"}))
    assert read_aloud("ĐTN xã") == "Đoàn thanh niên xã"


def test_read_aloud_keeps_structure():
    text = "THÔNG BÁO\n\nMức đóng: 22%.\n- Hỗ trợ: 30%!\n"
    assert read_aloud(text) == (
        "THÔNG BÁO\n\nMức đóng: hai mươi hai phần trăm.\n- Hỗ trợ: ba mươi phần trăm!\n")


LOUDSPEAKER = """\
BHXH TỰ NGUYỆN – CHỖ DỰA KHI VỀ GIÀ

Kính thưa bà con! Từ ngày 01/07/2025, Luật BHXH năm 2024 chính thức có hiệu lực. \
Người tham gia BHXH tự nguyện đóng 22% mức thu nhập tự chọn; mức thấp nhất là \
1.500.000 đồng, tức 330.000 đồng/tháng.

Nhà nước hỗ trợ 20%/30%/40%/50% mức đóng tùy đối tượng, tối đa 120 tháng. \
Hộ nghèo chỉ đóng 165.000đ/tháng. Đóng đủ 15 năm là có lương hưu.

Mọi thắc mắc xin gọi tổng đài 1900 9068 hoặc liên hệ UBND xã trước 17h30 ngày 15/11. \
Tra cứu quá trình đóng trên ứng dụng VssID."""


def test_read_aloud_loudspeaker_paragraph_has_no_digits_left():
    spoken = read_aloud(LOUDSPEAKER)
    assert not re.search(r"[0-9%]", spoken)
    for phrase in (
        f"Từ ngày mùng một tháng bảy năm {YEAR_2025}",
        "Luật bảo hiểm xã hội năm hai nghìn không trăm hai mươi bốn",
        "đóng hai mươi hai phần trăm mức thu nhập",
        "một triệu năm trăm nghìn đồng, tức ba trăm ba mươi nghìn đồng mỗi tháng.",
        "hai mươi phần trăm, ba mươi phần trăm, bốn mươi phần trăm, năm mươi phần trăm",
        "tối đa một trăm hai mươi tháng",
        "một trăm sáu mươi lăm nghìn đồng mỗi tháng",
        "mười lăm năm",
        "tổng đài một chín không không, chín không sáu tám",
        "Ủy ban nhân dân xã trước mười bảy giờ ba mươi phút ngày mười lăm tháng mười một",
        "ứng dụng vê ét ét ai đi.",
    ):
        assert phrase in spoken
    assert spoken.count("\n\n") == LOUDSPEAKER.count("\n\n")
    assert spoken.startswith("bảo hiểm xã hội TỰ NGUYỆN – CHỖ DỰA KHI VỀ GIÀ\n")


@settings(max_examples=300)
@given(st.text())
def test_read_aloud_never_raises_and_is_nfc(text):
    spoken = read_aloud(text)
    assert unicodedata.is_normalized("NFC", spoken)
    assert not re.search(r"[0-9]", spoken)


_NUMBERISH = st.text(alphabet="0123456789.,/:-–% hđ₫()+VNDtháng\n", max_size=40)


@settings(max_examples=500)
@given(_NUMBERISH)
def test_read_aloud_reads_every_digit_in_number_soup(text):
    spoken = read_aloud(text)
    assert not re.search(r"[0-9%]", spoken)


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_read_aloud_plain_integers_match_number_words(n):
    grouped = f"{n:,}".replace(",", ".")
    assert read_aloud(f"có {grouped} người") == f"có {number_words(n)} người"


# -------------------------------------------------------------------- reading time


def test_count_syllables_counts_spoken_words():
    assert count_syllables("22%") == 5  # hai mươi hai phần trăm
    assert count_syllables("BHXH, tự nguyện!") == 6
    assert count_syllables("") == 0


def test_reading_time_adds_sentence_and_paragraph_pauses():
    assert reading_time("") == 0
    assert reading_time("Một hai ba bốn.") == pytest.approx(4 / 4 + 0.4)
    # A title line without a full stop still pauses; the blank line adds a paragraph pause.
    assert reading_time("Thông báo\n\nMột hai. Ba bốn.", 2.0) == pytest.approx(
        6 / 2 + 3 * vntext.SENTENCE_PAUSE_S + vntext.PARAGRAPH_PAUSE_S)
    assert reading_time("22%", syllables_per_second=5) == pytest.approx(5 / 5 + 0.4)


@pytest.mark.parametrize("rate", [0, -1, math.nan, math.inf])
def test_reading_time_rejects_bad_rate(rate):
    with pytest.raises(UserError):
        reading_time("abc", rate)


def test_reading_time_realistic_item_is_a_few_minutes_or_less():
    seconds = reading_time(LOUDSPEAKER)
    assert 40 < seconds < 120


@pytest.mark.parametrize(
    ("seconds", "vi", "en"),
    [
        (0, "0 giây", "0 s"),
        (45, "45 giây", "45 s"),
        (59.5, "1 phút 00 giây", "1 min 00 s"),
        (125, "2 phút 05 giây", "2 min 05 s"),
        (124.6, "2 phút 05 giây", "2 min 05 s"),
        (3725, "1 giờ 02 phút 05 giây", "1 h 02 min 05 s"),
        (-3, "0 giây", "0 s"),
    ],
)
def test_format_duration(seconds, vi, en):
    assert format_duration_vi(seconds) == vi
    assert format_duration_en(seconds) == en


def test_format_duration_rejects_nan():
    with pytest.raises(UserError):
        format_duration_vi(math.nan)


# ------------------------------------------------------------------------------- SMS


def test_gsm_tables():
    assert len(vntext.GSM_BASIC) == 127  # 128 codes minus the escape
    for ch in "éèùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜ§¿äöñüà£$¥¤¡@":
        assert ch in vntext.GSM_BASIC
    for ch in "^{}\\[~]|€":
        assert ch in vntext.GSM_EXTENSION


@pytest.mark.parametrize(
    ("length", "parts", "per_part", "remaining"),
    [(1, 1, 70, 69), (70, 1, 70, 0), (71, 2, 67, 63), (134, 2, 67, 0), (135, 3, 67, 66)],
)
def test_sms_ucs2_boundaries(length, parts, per_part, remaining):
    info = sms_info("ạ" * length)
    assert (info.encoding, info.characters) == ("UCS-2", length)
    assert (info.parts, info.per_part, info.remaining) == (parts, per_part, remaining)


@pytest.mark.parametrize(
    ("length", "parts", "per_part", "remaining"),
    [(160, 1, 160, 0), (161, 2, 153, 145), (306, 2, 153, 0), (307, 3, 153, 152)],
)
def test_sms_gsm_boundaries(length, parts, per_part, remaining):
    info = sms_info("a" * length)
    assert (info.encoding, info.characters) == ("GSM-7", length)
    assert (info.parts, info.per_part, info.remaining) == (parts, per_part, remaining)


def test_sms_extension_chars_count_two():
    assert sms_info("€").characters == 2
    assert sms_info("a" * 158 + "€").parts == 1
    assert sms_info("a" * 159 + "€").parts == 2
    assert sms_info("[x]").characters == 5


def test_sms_details():
    assert sms_info("") == vntext.SmsInfo("GSM-7", 0, 0, 160, 160)
    assert sms_info("Chào").encoding == "GSM-7"  # "à" happens to be in GSM 03.38
    assert sms_info("Chào bạn").encoding == "UCS-2"
    assert sms_info("café à Zürich").encoding == "GSM-7"
    assert sms_info("😀").characters == 2  # a surrogate pair
    assert sms_info("Ba\u0300").characters == 2  # counted after NFC
    assert sms_info("a\r\nb").characters == 3  # sent with "\n" line ends


def test_strip_diacritics_vietnamese_sentence_is_ascii_gsm():
    sentence = (
        "Đóng BHXH tự nguyện: “Hưởng lương hưu, được cấp thẻ BHYT” – mức 330.000₫/tháng… "
        "Quý khách ở Đắk Lắk, Thừa Thiên Huế, Bà Rịa – Vũng Tàu, Cà Mau gọi 1900 9068. "
        "Ấy ầy ẩy ẫy ậy, ơ ớ ờ ở ỡ ợ, ư ứ ừ ử ữ ự, ă ắ ằ ẳ ẵ ặ, ê ế ề ể ễ ệ, ô ố ồ ổ ỗ ộ, "
        "i í ì ỉ ĩ ị, y ý ỳ ỷ ỹ ỵ, Đ đ Ð ð"
    )
    ascii_text = strip_diacritics(sentence)
    assert ascii_text.isascii()
    assert "?" not in ascii_text
    info = sms_info(ascii_text)
    assert info.encoding == "GSM-7"
    assert ascii_text.startswith('Dong BHXH tu nguyen: "Huong luong huu, duoc cap the BHYT" - ')
    assert "muc 330.000d/thang..." in ascii_text
    assert "Dak Lak, Thua Thien Hue, Ba Ria - Vung Tau, Ca Mau" in ascii_text
    assert ascii_text.endswith("i i i i i i, y y y y y y, D d D d")


def test_strip_diacritics_other_characters():
    assert strip_diacritics("café Å ﬁ ² 中") == "cafe A fi 2 ?"
    assert strip_diacritics("a\u00a0b\tc €") == "a b c €"


@given(st.text())
def test_strip_diacritics_always_gsm(text):
    out = strip_diacritics(text)
    assert all(c in vntext.GSM_BASIC or c in vntext.GSM_EXTENSION for c in out)
    assert sms_info(out).encoding == "GSM-7"


@given(st.text())
def test_sms_parts_consistent_with_characters(text):
    info = sms_info(text)
    single, multi = (160, 153) if info.encoding == "GSM-7" else (70, 67)
    if info.characters == 0:
        assert info.parts == 0
    elif info.characters <= single:
        assert (info.parts, info.per_part) == (1, single)
    else:
        assert info.parts == math.ceil(info.characters / multi)
        assert info.per_part == multi
    if info.parts:
        assert 0 <= info.remaining < info.per_part
        assert info.parts * info.per_part - info.remaining == info.characters
    else:
        assert info.remaining == info.per_part == single


# --------------------------------------------------------------------------- captions


def test_caption_info():
    info = caption_info("Bảo hiểm xã hội", 10)
    assert (info.characters, info.limit, info.over, info.remaining) == (15, 10, True, -5)
    decomposed = unicodedata.normalize("NFD", "Bảo hiểm")
    assert caption_info(decomposed, 8) == vntext.CaptionInfo(8, 8, False, 0)
    assert caption_info("👍\ufe0f", 5).characters == 1
    with pytest.raises(UserError):
        caption_info("x", -1)


@given(st.text(), st.integers(min_value=0, max_value=500))
def test_caption_info_consistent(text, limit):
    info = caption_info(text, limit)
    assert info.over == (info.characters > limit)
    assert info.remaining == limit - info.characters
