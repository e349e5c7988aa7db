"""The loudspeaker script reads each field as its own sentence: a field typed without a
final full stop gets one before the next (issue 15); the hotline is read digit by digit
however the office writes it; a piece reads its script aloud once."""

from __future__ import annotations

import dataclasses
import re

import pytest

from ansinh.core import vntext
from ansinh.core.campaign import Piece
from ansinh.core.render.piece import render_piece


def test_fields_without_final_punctuation_become_sentences(sample_campaign) -> None:
    piece = Piece("loa-bhxh", "nong-dan", values={
        "lead": "Thưa bà con", "body": "Đóng đủ năm năm sẽ có lương hưu",
        "call_to_action": "Hãy đến bưu điện xã", "key_message": "Tham gia là vì mình!"})
    result = render_piece(piece, sample_campaign)
    assert result.ok
    text = result.artifact("txt", "read-aloud").data.decode("utf-8")
    assert "Thưa bà con.\n" in text
    assert "Hãy đến bưu điện xã. Mọi thắc mắc" in text
    assert "Tham gia là vì mình!\n" in text  # already ends a sentence: no extra stop
    assert ".." not in text and "!." not in text


@pytest.mark.parametrize(
    ("hotline", "said"),
    [
        ("1900 9068", "một chín không không, chín không sáu tám"),  # the sample campaign's
        ("0262 3800 111", "không hai sáu hai, ba tám không không, một một một"),
        ("0262 3 852 123", "không hai sáu hai, ba, tám năm hai, một hai ba"),
        ("0262.38.52.123", "không hai sáu hai, ba tám, năm hai, một hai ba"),
        ("ĐT 0262 3852 123", "điện thoại không hai sáu hai, ba tám năm hai, một hai ba"),
    ],
)
def test_the_hotline_is_read_digit_by_digit(sample_campaign, hotline: str, said: str) -> None:
    campaign = dataclasses.replace(sample_campaign, hotline=hotline)
    result = render_piece(Piece("loa-bhxh", "nong-dan"), campaign)
    text = result.artifact("txt", "read-aloud").data.decode("utf-8")
    assert f"đường dây nóng {said}." in text
    line = next(line for line in text.splitlines() if "đường dây nóng" in line)
    assert not re.search(r"trăm|nghìn|mươi", line.split("đường dây nóng")[1]), line


def test_a_piece_reads_its_script_aloud_once(sample_campaign, monkeypatch) -> None:
    calls = []
    real = vntext.read_aloud

    def counted(text: str, style: str = "north") -> str:
        calls.append(text)
        return real(text, style)

    monkeypatch.setattr(vntext, "read_aloud", counted)
    for piece in (p for p in sample_campaign.pieces if p.template == "loa-bhxh"):
        calls.clear()
        result = render_piece(piece, sample_campaign)
        assert len(calls) == 1
        spoken = result.artifact("txt", "read-aloud")
        written = calls[0]
        assert spoken.stats["syllables"] == vntext.count_syllables(written)
        assert spoken.stats["reading_seconds"] == round(vntext.reading_time(written), 1)
