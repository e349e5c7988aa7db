"""Audience-aware claims (issue 11, point 2): no piece quotes a voluntary-BHXH price to a
segment that cannot join, supported groups see their BHYT price, and a template that
needs a fact a segment lacks is stopped by a check naming the conflict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ansinh.core import vntext
from ansinh.core.campaign import Piece
from ansinh.core.errors import UserError
from ansinh.core.policy import policy_at
from ansinh.core.render.piece import prepare, render_html, render_piece, render_text_source
from ansinh.core.render.results import RenderOptions
from ansinh.core.segments import load_segments
from ansinh.core.templates.manifest import parse_manifest
from ansinh.core.templates.registry import TemplateRegistry
from helpers import pdf_text

NOT_JOINING = ("huu-tri", "nguoi-su-dung-lao-dong", "hoc-sinh-sinh-vien")
FAST = RenderOptions(formats=("pdf", "txt"), fast_pdf=True)


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _voluntary_prices(campaign) -> set[str]:
    """The net and minimum voluntary-BHXH amounts of every support group, as printed."""
    policy = policy_at(campaign.day, unconfirmed=campaign.unconfirmed_figures)
    return {_money(row.net) for row in policy.bhxh_table} | {
        _money(policy.bhxh_min_contribution)}


def _found(text: str, prices: set[str]) -> set[str]:
    # "264.000" must not match inside "1.264.000": the amount stands on its own.
    return {p for p in prices if re.search(rf"(?<![\d.]){re.escape(p)}(?![\d])", text)}


def _written(template_id: str, segment: str, campaign, size: str | None = None) -> str:
    """Everything a piece writes, without laying it out: its HTML's text (tags stripped)
    and its text outputs (script, SMS, caption) as the template writes them."""
    registry = TemplateRegistry()
    prepared = prepare(Piece(template_id, segment, size), campaign, registry)
    template = prepared.template
    parts = []
    if template.is_visual:
        html = render_html(prepared, registry, FAST, {f.id: f.fit.max_pt for f in template.fields
                                                      if f.fit})
        body = html[html.index("<body"):]
        parts.append(re.sub(r"<[^>]+>", " ", body))
    for source in (template.text, template.caption):
        if source:
            parts.append(render_text_source(prepared, registry, source))
    return " ".join(" ".join(parts).split())


def test_shipped_segments_carry_their_facts() -> None:
    segments = load_segments()
    assert segments["huu-tri"].on_pension and not segments["huu-tri"].voluntary_bhxh
    assert segments["nguoi-su-dung-lao-dong"].compulsory == "employer"
    assert not segments["nguoi-su-dung-lao-dong"].voluntary_bhxh
    assert segments["lao-dong-thoi-vu"].compulsory == "contract"
    assert segments["hoc-sinh-sinh-vien"].bhyt_group == "student"
    assert (segments["ho-ngheo"].bhyt_group, segments["ho-can-ngheo"].bhyt_group) == (
        "poor", "near_poor")
    assert segments["xa-dao-dac-khu"].support_group == "island"
    for slug in ("da-huong-bhxh-mot-lan", "sap-den-tuoi-nghi-huu", "nguoi-co-uy-tin"):
        assert segments[slug].voluntary_bhxh and segments[slug].address
    assert {s.offer for s in segments.values()} == {"bhxh", "family", "employer", "bhyt"}


def test_every_shipped_template_for_every_segment_prints_only_what_applies(
    sample_campaign,
) -> None:
    prices = _voluntary_prices(sample_campaign)
    registry = TemplateRegistry()
    segments = load_segments()
    wrong = {}
    for template in registry.all():
        if template.origin != "shipped":
            continue
        for slug, segment in segments.items():
            for size in (template.sizes or (None,)) if template.is_visual else (None,):
                text = _written(template.id, slug, sample_campaign, size and size.id)
                shown = _found(text, prices)
                if not segment.voluntary_bhxh and shown:
                    wrong[(template.id, slug, size and size.id)] = shown
    assert not wrong


@pytest.mark.parametrize("slug", NOT_JOINING)
def test_rendered_pieces_for_those_who_cannot_join_show_no_voluntary_price(
    slug: str, sample_campaign
) -> None:
    """Laid out and extracted from the PDF (smallest size of each visual template), and
    the loudspeaker script as read aloud."""
    prices = _voluntary_prices(sample_campaign)
    spoken_prices = {vntext.read_aloud(f"{p} đồng") for p in prices}
    registry = TemplateRegistry()
    for template in registry.all():
        if template.origin != "shipped":
            continue
        size = min(template.sizes, key=lambda s: s.width * s.height).id if template.sizes \
            else None
        result = render_piece(Piece(template.id, slug, size), sample_campaign, FAST, registry)
        assert not [c for c in result.checks if c.is_error], (template.id, result.checks)
        texts = [pdf_text(a.data) if a.format == "pdf" else a.data.decode("utf-8")
                 for a in result.artifacts]
        text = " ".join(texts)
        assert not _found(text, prices), (template.id, slug)
        assert not [p for p in spoken_prices if p in text], (template.id, slug)


def test_alternatives_say_what_applies(sample_campaign) -> None:
    policy = policy_at(sample_campaign.day)
    first = _money(policy.bhyt_table[0].monthly)
    retiree = _written("poster-bhxh", "huu-tri", sample_campaign, "A4")
    assert "Vận động con cháu" in retiree and first in retiree
    employer = _written("poster-bhxh", "nguoi-su-dung-lao-dong", sample_campaign, "A4")
    assert "BHXH, BHYT, BHTN" in employer and "hợp đồng từ đủ 1 tháng" in employer
    student = policy.bhyt_support_row("student")
    pupils = _written("social-bhxh", "hoc-sinh-sinh-vien", sample_campaign, "1080x1350")
    assert "BHYT học sinh, sinh viên" in pupils and _money(student.monthly) in pupils
    script = _written("loa-bhxh", "huu-tri", sample_campaign)
    assert "vận động con cháu" in script and "lương hưu" in script
    seasonal = _written("poster-bhxh", "lao-dong-thoi-vu", sample_campaign, "A4")
    assert "doanh nghiệp đóng BHXH bắt buộc" in seasonal  # and its voluntary price
    assert _money(policy.bhxh_row("other").net) in seasonal


def test_the_infographic_shows_supported_bhyt_prices(sample_campaign) -> None:
    policy = policy_at(sample_campaign.day)
    near_poor = policy.bhyt_support_row("near_poor")
    assert near_poor.support_rate >= 0.7
    result = render_piece(Piece("infographic-dong-gop", "ho-can-ngheo", "A4"), sample_campaign,
                          FAST)
    assert result.ok, result.checks
    text = pdf_text(result.artifact("pdf").data)
    assert _money(near_poor.monthly) in text and _money(near_poor.yearly) in text
    assert "Miễn phí" in text  # poor households: the State pays all
    assert _money(policy.bhyt_support_row("student").monthly) in text
    # Near-poor people may join voluntary BHXH: their row of that table is still there.
    assert _money(policy.bhxh_row("near_poor").net) in text
    # The household prices stay for everyone else.
    assert _money(policy.bhyt_table[0].monthly) in _written(
        "infographic-dong-gop", "toan-dan", sample_campaign, "A4")


def test_five_support_groups_fit_the_infographic(sample_campaign) -> None:
    assert len(policy_at(sample_campaign.day).bhxh_table) == 5
    for size in ("A4", "A3"):
        result = render_piece(Piece("infographic-dong-gop", "xa-dao-dac-khu", size),
                              sample_campaign, FAST)
        assert result.ok and result.pages == 1, result.checks
        assert "Người sống ở xã đảo, đặc khu" in pdf_text(result.artifact("pdf").data)


def _user_template(user_dir: Path, needs: str) -> None:
    folder = user_dir / "templates" / "gia-bhxh"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'id = "gia-bhxh"\nname = "Giá BHXH"\nkind = "sms"\ntext = "t.txt.j2"\n'
        f"needs = {needs}\n", encoding="utf-8")
    (folder / "t.txt.j2").write_text(
        "Chỉ từ {{ policy.bhxh_row(segment.support_group).net|number }}đ/tháng.",
        encoding="utf-8")


def test_a_template_needing_voluntary_bhxh_is_stopped_for_retirees(
    isolated_user_dir: Path, sample_campaign
) -> None:
    _user_template(isolated_user_dir, '["voluntary_bhxh"]')
    result = render_piece(Piece("gia-bhxh", "huu-tri"), sample_campaign)
    conflicts = [c for c in result.checks if c.code == "eligibility"]
    assert len(conflicts) == 1 and conflicts[0].is_error and not result.ok
    assert conflicts[0].vi.startswith("Mẫu này in mức đóng BHXH tự nguyện, nhưng người hưu trí")
    assert "lương hưu" in conflicts[0].vi and "Điều 2" in conflicts[0].vi
    assert "pension" in conflicts[0].en
    # The same template for a segment that may join: no conflict.
    assert not [c for c in render_piece(Piece("gia-bhxh", "nong-dan"),
                                        sample_campaign).checks if c.code == "eligibility"]
    # An employer, and a household-BHYT need for the near-poor, each name their reason.
    employer = render_piece(Piece("gia-bhxh", "nguoi-su-dung-lao-dong"), sample_campaign)
    assert any("bắt buộc" in c.vi for c in employer.checks if c.code == "eligibility")


def test_needs_are_validated_in_the_manifest(isolated_user_dir: Path) -> None:
    _user_template(isolated_user_dir, '["voluntary_bhxh", "bhyt_household"]')
    template, problems = parse_manifest(isolated_user_dir / "templates" / "gia-bhxh", "user")
    assert not problems and template.needs == ("voluntary_bhxh", "bhyt_household")
    for bad, expected in (('["lương hưu"]', "lương hưu"), ('"voluntary_bhxh"', "needs"),
                          ("[1]", "needs")):
        manifest = isolated_user_dir / "templates" / "gia-bhxh" / "template.toml"
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(re.sub(r"needs = .*", f"needs = {bad}", text), encoding="utf-8")
        template, problems = parse_manifest(manifest.parent, "user")
        assert template is None and problems and expected in problems[0].vi
        assert problems[0].line == text.count("\n")  # the «needs» line


def test_household_bhyt_need_names_supported_groups(isolated_user_dir: Path,
                                                    sample_campaign) -> None:
    _user_template(isolated_user_dir, '["bhyt_household"]')
    near_poor = render_piece(Piece("gia-bhxh", "ho-can-ngheo"), sample_campaign)
    conflicts = [c for c in near_poor.checks if c.code == "eligibility"]
    assert conflicts and "BHYT hộ gia đình" in conflicts[0].vi and "188/2025" in conflicts[0].vi
    assert not [c for c in render_piece(Piece("gia-bhxh", "toan-dan"), sample_campaign).checks
                if c.code == "eligibility"]


@pytest.mark.parametrize(("extra", "expected"), [
    ('on_pension = true\nvoluntary_bhxh = true\n', "lương hưu"),
    ('compulsory = "employer"\nvoluntary_bhxh = true\n', "sử dụng lao động"),
    ('compulsory = "co"\n', "compulsory"),
    ('bhyt_group = "ho-gia-dinh"\n', "bhyt_group"),
    ('voluntary_bhxh = "khong"\n', "voluntary_bhxh"),
    ('on_pension = 1\n', "on_pension"),
])
def test_contradictory_or_malformed_facts_are_refused(
    extra: str, expected: str, isolated_user_dir: Path
) -> None:
    path = isolated_user_dir / "segments.toml"
    path.write_text(f'[[segment]]\nslug = "cu-ba"\nname = "Cụ bà"\n{extra}', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_segments()
    assert caught.value.path == str(path) and expected in caught.value.vi


def test_a_user_pensioner_segment_defaults_to_not_joining(isolated_user_dir: Path) -> None:
    (isolated_user_dir / "segments.toml").write_text(
        '[[segment]]\nslug = "cuu-chien-binh"\nname = "Cựu chiến binh hưởng lương hưu"\n'
        "on_pension = true\n", encoding="utf-8")
    mine = load_segments()["cuu-chien-binh"]
    assert not mine.voluntary_bhxh and mine.offer == "family"
