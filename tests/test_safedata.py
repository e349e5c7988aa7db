"""safedata: bounded parsing, typed tables, and a JSON writer that is always valid."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansinh.core import safedata
from ansinh.core.errors import UserError
from ansinh.core.filenames import write_json_atomic

scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=30,
)


def lazy(value):
    """The same data with every list turned into a generator (as manifests pass them)."""
    if isinstance(value, list):
        return (lazy(item) for item in value)
    if isinstance(value, dict):
        return {key: lazy(item) for key, item in value.items()}
    return value


@settings(max_examples=300, deadline=None)
@given(value=values)
def test_written_json_reads_back_as_written_lists_lazy_or_not(value) -> None:
    for given_value in (value, lazy(value)):
        assert json.loads("".join(safedata.iter_json(given_value))) == value
    # Lists given whole are written in one piece by json.dumps, lazy ones walked: the
    # same text either way, at any depth.
    for level in (0, 2):
        whole, walked = ("".join(safedata.iter_json(v, level=level)) for v in (value, lazy(value)))
        assert whole == walked


keys = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.none(),
                st.floats(allow_nan=False, allow_infinity=False))
keyed = st.recursive(
    scalars, lambda inner: st.dictionaries(keys, inner, max_size=4), max_leaves=20
)


@settings(max_examples=200, deadline=None)
@given(value=st.dictionaries(keys, keyed, max_size=4))
def test_keys_are_spelled_alike_whole_or_walked(value) -> None:
    # A key beside a lazy list is walked, beside plain values written by json.dumps:
    # True is "true" either way, 2 is "2".
    lazy_beside = {**value, "files": (n for n in range(2))}
    walked = "".join(safedata.iter_json(lazy_beside))
    assert walked == "".join(safedata.iter_json({**value, "files": [0, 1]}))


@pytest.mark.parametrize("count", [0, 1, 2, 1000])
def test_a_manifest_of_any_length_is_valid_json(tmp_path: Path, count: int) -> None:
    path = tmp_path / "manifest.json"
    write_json_atomic(path, {"files": ({"row": n} for n in range(count)), "skipped": []})
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "files": [{"row": n} for n in range(count)], "skipped": []}


def test_non_json_values_are_written_as_text_or_null() -> None:
    text = "".join(safedata.iter_json({"day": date(2026, 11, 1), "x": math.nan,
                                       "p": Path("a/b")}))
    assert json.loads(text) == {"day": "2026-11-01", "x": None, "p": "a/b"}


@pytest.mark.parametrize("source", ["[" * 100_000, "[" * 40 + "]" * 40, '{"a":' * 5000,
                                    "[NaN]", "[Infinity]", "x = 1"])
def test_json_that_is_too_deep_or_not_json_is_one_user_error(source: str) -> None:
    with pytest.raises(UserError):
        safedata.parse_json(source)


@pytest.mark.parametrize("source", ["a = " + "[" * 100_000, "a = " + "{b = " * 5000,
                                    "[" + "a." * 40 + "b]\nc = 1", "a = = 1"])
def test_toml_that_is_too_deep_or_malformed_is_one_user_error(source: str) -> None:
    with pytest.raises(UserError):
        safedata.parse_toml(source)


def test_size_is_bounded_before_parsing() -> None:
    with pytest.raises(UserError, match="MB"):
        safedata.parse_json("[" + "1," * 1000 + "1]", max_bytes=100)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    import os

    os.mkfifo(fifo)
    with pytest.raises(UserError) as caught:
        safedata.load_toml(fifo, "Tệp dữ liệu")
    assert "not a regular file" in caught.value.text("en")


@pytest.mark.parametrize(("data", "read", "message"), [
    ({"c": 5}, lambda t: t.colour("c", "#000000"), "#RRGGBB"),
    ({"c": "#12345"}, lambda t: t.colour("c", "#000000"), "#RRGGBB"),
    ({"f": "no"}, lambda t: t.flag("f"), "true or false"),
    ({"f": 0}, lambda t: t.flag("f"), "true or false"),
    ({"n": math.inf}, lambda t: t.number("n", 0, lo=0, hi=10), "from 0 to 10"),
    ({"n": True}, lambda t: t.number("n", 0, lo=0, hi=10), "from 0 to 10"),
    ({"s": ["a"]}, lambda t: t.text("s"), "a text"),
    ({"s": "x" * 30}, lambda t: t.text("s", max_len=20), "at most 20"),
    ({"d": "31/02/2026"}, lambda t: t.day("d", date.today()), "a date"),
    ({"l": "x"}, lambda t: t.tables("l", max_count=3), "a list of tables"),
    ({"l": [{}] * 4}, lambda t: t.tables("l", max_count=3), "at most 3"),
    ({"l": [{}, 5]}, lambda t: t.tables("l", max_count=3), "l[2]"),
])
def test_table_values_of_the_wrong_type_name_their_key(data, read, message) -> None:
    with pytest.raises(UserError) as caught:
        read(safedata.Table(data, "Tệp chiến dịch", path="c.toml", where="campaign."))
    assert message in caught.value.text("en") and caught.value.path == "c.toml"
