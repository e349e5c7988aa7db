"""The loudspeaker script reads each field as its own sentence: a field typed without a
final full stop gets one before the next (issue 15)."""

from __future__ import annotations

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
