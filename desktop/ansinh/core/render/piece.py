"""Rendering one piece: fields → HTML → checked layout → PDF → PNG, or → text.

`render_piece` is what the CLI, the bundle exporter and the GUI's preview worker
call. It always returns a `RenderResult`: its checks say whether the piece may be
exported (an overflowing piece is reported, never clipped silently).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from markupsafe import Markup

from .. import audio, paths, vntext
from ..campaign import DEFAULT_FONT, Adjust, Campaign, Look, Piece
from ..checks import Check, error, warning
from ..content import content_checks
from ..errors import UserError
from ..images import clean_image
from ..policy import policy_at
from ..segments import Segment, eligibility_checks, get_segment
from ..templates.fields import ImageValue, ResolvedFields, resolve_fields
from ..templates.manifest import Size, Template, Variant
from ..templates.registry import TemplateRegistry
from . import contrast, engine, layout, placement, raster
from . import pages as multipage
from .jinja import make_environment
from .results import Artifact, Boxes, RenderOptions, RenderResult
from .session import RenderSession, process_session

CAMPAIGN_LABELS = {
    "hotline": ("Đường dây nóng", "Hotline"),
    "unit": ("Đơn vị phát hành", "Issuing unit"),
    "key_message": ("Thông điệp chính", "Key message"),
    "call_to_action": ("Lời kêu gọi", "Call to action"),
    "logo": ("Logo", "Logo"),
    "name": ("Tên chiến dịch", "Campaign name"),
    "website": ("Trang web", "Website"),
}


@dataclass
class Prepared:
    """Everything about a piece that does not depend on layout."""

    template: Template
    size: Size | None
    segment: Segment
    campaign: Campaign
    resolved: ResolvedFields
    context: dict[str, Any]
    checks: list[Check]
    adjust: dict[str, Adjust] = field(default_factory=dict)  # `placement.clamped`
    font: str = DEFAULT_FONT  # a campaign.FONTS id


def _label(template: Template, field_id: str | None, lang: int) -> str:
    if field_id is None:
        return ""
    for spec in template.fields:
        if spec.id == field_id:
            return (spec.label_en or spec.label) if lang else spec.label
    return CAMPAIGN_LABELS.get(field_id, (field_id, field_id))[lang]


def glyph_checks(
    template: Template, texts: dict[str, str], font: str = DEFAULT_FONT
) -> list[Check]:
    codepoints = layout.font_codepoints(font)
    checks = []
    for field_id, text in texts.items():
        missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in codepoints})
        if missing:
            shown = " ".join(f"«{ch}» (U+{ord(ch):04X})" for ch in missing[:5])
            checks.append(
                error(
                    "glyph",
                    f"«{_label(template, field_id, 0)}» có ký tự phông chữ không vẽ được: {shown}.",
                    f"«{_label(template, field_id, 1)}» has characters the font cannot draw: "
                    f"{shown}.",
                    field_id,
                )
            )
    return checks


def fallback_font_checks(fonts: Iterable[str]) -> list[Check]:
    """Text the shipped fonts could not draw was set in some system font: not the same
    bytes on every machine, and often the wrong look. Field text is checked before
    layout; this catches the rest (template text, CSS content, policy figures).
    `fonts`: the names of the fonts the piece's PDF uses (`raster.page_fonts`)."""
    others = sorted({name.split("+")[-1] for name in fonts if not layout.is_shipped_font(name)})
    if not others:
        return []
    shown = ", ".join(others)
    return [
        error(
            "glyph",
            f"Có chữ phải vẽ bằng phông khác ({shown}): phông của mẫu thiếu ký tự.",
            f"Some text fell back to another font ({shown}): the template font lacks "
            "those characters.",
        )
    ]


def metadata(prepared: Prepared) -> dict[str, str]:
    t, seg, c = prepared.template, prepared.segment, prepared.campaign
    size = prepared.size.describe() if prepared.size else ""
    return {
        "Title": f"{t.name} — {seg.name}",
        "Subject": f"{c.name} · kênh {t.channel} · đối tượng {seg.name}",
        "Keywords": ", ".join([c.name, t.channel, t.kind, seg.slug, seg.name, size]),
        "Campaign": c.name,
        "Channel": t.channel,
        "Segment": seg.slug,
        "Template": t.id,
    }


SLUG_MM = 10.0  # room outside the bleed for crop marks


def page_css(size: Size, crop_marks: bool, font: str = DEFAULT_FONT) -> str:
    """Fonts, the @page box and the CSS variables every template lays out against.

    With crop marks the media grows by a slug outside the bleed; templates still paint
    only to var(--bleed), and the base layout draws the marks in the slug.
    """
    rule = f"size: {size.css_size()}; margin: 0;"
    marks = crop_marks and size.is_print
    if size.is_print and (size.bleed_mm or marks):
        rule += f" bleed: {size.bleed_mm + (SLUG_MM if marks else 0):g}mm;"
    bleed = f"{size.bleed_mm:g}mm" if size.is_print else "0px"
    return (
        f"{layout.font_face_css(font)}\n@page {{ {rule} }}\n"
        f":root {{ --page-w: {size.width:g}{size.unit}; --page-h: {size.height:g}{size.unit}; "
        f"--bleed: {bleed}; }}"
    )


def _head_css(prepared: Prepared, options: RenderOptions) -> str:
    assert prepared.size is not None
    placed = (
        placement.free_area_css(prepared.size, prepared.context["free_area"]),
        placement.placement_css(prepared.size, prepared.adjust),
    )
    head = page_css(prepared.size, options.crop_marks, prepared.font)
    return "\n".join([head, *filter(None, placed)])


def prepare(
    piece: Piece,
    campaign: Campaign,
    registry: TemplateRegistry,
    segments: dict[str, Segment] | None = None,
) -> Prepared:
    template = registry.get(piece.template)
    size = template.size(piece.size) if template.is_visual else None
    segment = get_segment(piece.segment, segments)
    campaign_ctx = {**campaign.context(), **piece.look.colours()}
    resolved = resolve_fields(template, piece.values, campaign_ctx, campaign.base_dir)
    checks = list(resolved.checks)
    campaign_texts = {
        k: campaign_ctx[k] for k in ("unit", "hotline", "key_message", "call_to_action", "name")
    }
    font = piece.look.font or DEFAULT_FONT
    checks += glyph_checks(template, {**campaign_texts, **resolved.texts}, font)
    checks += eligibility_checks(template.needs, segment)
    checks += content_checks({**campaign_texts, **resolved.texts}, campaign)
    logo = None
    if campaign.logo:
        # Like every user image, only the cleaned copy (checked, EXIF stripped) is used,
        # so the logo's own folder never becomes readable to templates.
        try:
            cleaned = clean_image(campaign.logo)
            logo = ImageValue(cleaned, cleaned.as_uri())
        except UserError as exc:
            checks.append(warning("image", f"Logo: {exc.vi}", f"Logo: {exc.en}", "logo"))
    policy = policy_at(campaign.day, unconfirmed=campaign.unconfirmed_figures)
    context = {
        "f": resolved.values,
        "campaign": campaign_ctx,
        "logo": logo,
        "segment": segment,
        "policy": policy,
        "template": template,
        "size": size,
        "fit": {},
        "part": "document",
        "variant": _variant(template, piece.look, checks),
    }
    # The free area of this size in this layout (its own, or the size's), if any.
    variant = context["variant"]
    context["free_area"] = (variant and variant.free_area) or (size and size.free_area)
    adjust = placement.clamped(template, piece.adjust)
    prepared = Prepared(
        template, size, segment, campaign, resolved, context, checks, adjust, font
    )
    context["meta"] = metadata(prepared)
    return prepared


def _variant(template: Template, look: Look, checks: list[Check]) -> Variant | None:
    """The layout variant the piece asks for; one its template lacks (it came from
    another computer's templates, or the template changed) is reported and the
    template's own layout used."""
    if look.variant is None:
        return None
    for variant in template.variants:
        if variant.id == look.variant:
            return variant
    checks.append(
        warning(
            "look",
            f"Mẫu không có bố cục «{look.variant}»: dùng bố cục gốc của mẫu.",
            f"The template has no layout «{look.variant}»: its own layout is used.",
        )
    )
    return None


def resource_roots(prepared: Prepared, registry: TemplateRegistry) -> list[Path]:
    roots = [prepared.template.folder, registry.shared_folder(), paths.assets_dir()]
    roots += [path.parent for path in prepared.resolved.images.values()]
    if prepared.context["logo"]:
        roots.append(prepared.context["logo"].path.parent)
    return roots


def render_html(
    prepared: Prepared,
    registry: TemplateRegistry,
    options: RenderOptions,
    fit: dict[str, float],
    part: str = "document",
    row_id: str | None = None,
) -> str:
    """The piece's HTML; `part` picks head, sheet or tail when a batch joins many pieces,
    whose sheets carry `row_id` (data-row)."""
    template = prepared.template
    env = make_environment([template.folder, registry.shared_folder()], html=True)
    assert prepared.size is not None
    context = {
        **prepared.context,
        "fit": fit,
        "part": part,
        "row_id": row_id,
        "crop_marks": options.crop_marks and prepared.size.is_print,
        # Only the head shows it: a batch's sheets skip building the @font-face rules.
        "page_css": Markup(_head_css(prepared, options) if part in ("document", "head") else ""),
    }
    try:
        return env.get_template(template.html).render(context)
    except UserError:
        raise
    except Exception as exc:  # a broken template must not take the app down
        raise UserError(
            f"Mẫu «{template.id}» lỗi khi dựng: {getattr(exc, 'vi', exc)}",
            f"Template «{template.id}» failed to render: {getattr(exc, 'en', exc)}",
            path=str(template.folder / (template.html or "")),
            line=getattr(exc, "lineno", None),
        ) from exc


def fit_sizes(
    template: Template, report: engine.PageReport | None, current: dict[str, float]
) -> tuple[dict[str, float], list[Check]]:
    """Shrink one-line fields so their text fits the slot, between the declared bounds."""
    sizes, checks = dict(current), []
    for spec in template.fields:
        if not spec.fit:
            continue
        sizes.setdefault(spec.id, spec.fit.max_pt)
        slot = report.slots.get(spec.id) if report else None
        if not slot or slot.natural_width <= slot.available_width:
            continue
        # Text width scales with type size (unhinted layout), so one measurement suffices.
        wanted = sizes[spec.id] * slot.available_width / slot.natural_width * 0.99
        wanted = math.floor(wanted * 2) / 2
        if wanted < spec.fit.min_pt:
            checks.append(
                error(
                    "fit",
                    f"«{spec.label}» quá dài: phải thu chữ xuống {wanted:g} pt, dưới mức tối thiểu "
                    f"{spec.fit.min_pt:g} pt để còn đọc được.",
                    f"«{spec.label_en or spec.label}» is too long: it would need {wanted:g} pt, "
                    f"below the legible minimum of {spec.fit.min_pt:g} pt.",
                    spec.id,
                )
            )
            wanted = spec.fit.min_pt
        sizes[spec.id] = wanted
    return sizes, checks


def layout_checks(
    prepared: Prepared, pages: list, report: engine.PageReport | None
) -> list[Check]:
    """`pages`: the piece's laid-out pages; `report`: its first page's."""
    template = prepared.template
    checks = multipage.count_checks(template, pages, functools.partial(_label, template))
    report = multipage.whole_report(pages, report)
    if report:
        for slot in report.slots.values():
            vi_label, en_label = _label(template, slot.field, 0), _label(template, slot.field, 1)
            if slot.overflow_box or slot.overflow_page:
                checks.append(
                    error(
                        "overflow",
                        f"«{vi_label}» tràn ra ngoài khung: hãy rút ngắn.",
                        f"«{en_label}» overflows its box: shorten it.",
                        slot.field,
                    )
                )
            if slot.cut:
                checks.append(
                    error(
                        "overflow",
                        f"«{vi_label}» chạy quá mép dưới trang, phần sau không được in: "
                        "hãy rút ngắn hoặc đặt khung cao hơn.",
                        f"«{en_label}» runs past the bottom of the page and the rest is not "
                        "printed: shorten it or place its box higher.",
                        slot.field,
                    )
                )
            if slot.max_lines and slot.lines > slot.max_lines:
                checks.append(
                    error(
                        "lines",
                        f"«{vi_label}» chiếm {slot.lines} dòng, khung chỉ có "
                        f"{slot.max_lines} dòng.",
                        f"«{en_label}» takes {slot.lines} lines; its box holds {slot.max_lines}.",
                        slot.field,
                    )
                )
        if report.stray_overflow:
            checks.append(
                error(
                    "overflow",
                    "Có nội dung tràn ra ngoài trang.",
                    "Some content runs off the page.",
                )
            )
        checks += _resolution_checks(prepared, report)
    return checks


def refused_checks(refused: list[str]) -> list[Check]:
    """Resources the fetcher refused; call after writing the PDF, which fetches too
    (attachments, images inside SVG)."""
    return [
        warning(
            "resource",
            f"Mẫu tham chiếu tệp không được phép: {url[:80]}",
            f"The template refers to a file it may not use: {url[:80]}",
        )
        for url in dict.fromkeys(refused)
    ]


def _resolution_checks(prepared: Prepared, report: engine.PageReport) -> list[Check]:
    from PIL import Image

    if not prepared.size or not prepared.size.is_print:
        return []
    checks = []
    for field_id, path in prepared.resolved.images.items():
        slot = report.slots.get(field_id)
        if not slot or not slot.images or path.suffix.lower() == ".svg":
            continue
        placed_px = max(width for _, width, _ in slot.images)
        try:
            with Image.open(path) as image:
                pixels = image.width
        except OSError:
            continue
        minimum = prepared.template.field(field_id).min_dpi
        reached = pixels / (placed_px / 96)
        if reached < minimum:
            # Rounded down: 149.5 dpi is "149", never the minimum it falls short of.
            dpi = math.floor(reached)
            checks.append(
                warning(
                    "image",
                    f"Ảnh «{_label(prepared.template, field_id, 0)}» chỉ đạt {dpi} dpi khi in "
                    f"(nên ≥ {minimum:.0f} dpi): ảnh sẽ bị mờ.",
                    f"Image «{_label(prepared.template, field_id, 1)}» is only {dpi} dpi at "
                    f"print size (want ≥ {minimum:.0f} dpi): it will look blurry.",
                    field_id,
                )
            )
    return checks


def write_pdf(document: Any, options: RenderOptions, size: Size | None = None) -> bytes:
    bleed_pt = size.bleed_mm * 72 / 25.4 if size and size.is_print else 0.0
    return document.write_pdf(
        finisher=functools.partial(engine.set_bleed_box, bleed_pt),
        custom_metadata=True,
        pdf_variant="pdf/x-4" if options.pdf_x4 else None,
        uncompressed_pdf=options.fast_pdf,
        full_fonts=options.fast_pdf,
    )


@dataclass
class Written:
    """A visual piece as written, for `finish`: its PDF (`pages` long), the names of the
    fonts its pages use, its first page's boxes, and the page its PNG shows: page
    `index` of `document`, drawn over `under`'s pixels if given (a batch row's own page
    over its shared page). See `raster.page_facts`."""

    pdf: bytes
    pages: int
    fonts: set[str]
    boxes: Boxes
    document: pdfium.PdfDocument
    index: int
    under: raster.Underlay | None = None
    slots: list[engine.SlotReport] = field(default_factory=list)  # for `contrast`


def slot_boxes(slots: list[engine.SlotReport], boxes: Boxes) -> dict[str, tuple[float, ...]]:
    """The slots' boxes in PDF points: (left, bottom, right, top), like `boxes`."""
    return {
        slot.field: (*boxes.from_layout(x0, y1), *boxes.from_layout(x1, y0))
        for slot in slots
        if slot.box is not None
        for x0, y0, x1, y1 in [slot.box]
    }


def finish(
    prepared: Prepared,
    registry: TemplateRegistry,
    options: RenderOptions,
    checks: list[Check],
    written: Written,
    refused: list[str],
) -> RenderResult:
    """The last step of every visual piece, alone or a batch row (`chunk`): the checks
    that read the written PDF, then every output the options ask for. `checks` are
    those of `prepare` and of the layout; `refused` the URLs the fetcher refused."""
    result = RenderResult(
        prepared.template, prepared.size, prepared.segment, list(checks), [], written.pages
    )
    result.boxes = written.boxes
    result.slots = slot_boxes(written.slots, written.boxes)
    result.checks += fallback_font_checks(written.fonts) + refused_checks(refused)
    # The page as its PNG shows it: read for the contrast of its texts, then written.
    drawn = page_drawn(written.document, written.index, prepared, options, written.under)
    label = functools.partial(_label, prepared.template)
    result.checks += contrast.contrast_checks(
        label, prepared.size, written.slots, drawn, written.boxes
    ) + placement.overlap_checks(prepared.adjust, written.slots, label)
    if "pdf" in options.formats:
        result.artifacts.append(Artifact("pdf", "piece", written.pdf, {"pages": written.pages}))
    if "png" in options.formats:
        png = png_artifact(written.document, written.index, prepared, options, written.under, drawn)
        result.artifacts.append(png)
        result.artifacts += multipage.more_pngs(png, written, prepared, options, png_artifact)
    if "txt" in options.formats and prepared.template.caption:
        result.artifacts.append(_caption(prepared, registry, result.checks))
    return result


def render_visual(
    prepared: Prepared,
    registry: TemplateRegistry,
    options: RenderOptions,
    session: RenderSession,
) -> RenderResult:
    roots = resource_roots(prepared, registry)
    fit, fit_problems = fit_sizes(prepared.template, None, {})
    html = render_html(prepared, registry, options, fit)
    document, fetcher = layout.lay_out(html, prepared.template.folder, roots, session)
    report = engine.inspect_page(document.pages[0]) if document.pages else None
    new_fit, fit_problems = fit_sizes(prepared.template, report, fit)
    if new_fit != fit:
        html = render_html(prepared, registry, options, new_fit)
        document, fetcher = layout.lay_out(html, prepared.template.folder, roots, session)
        report = engine.inspect_page(document.pages[0]) if document.pages else None
    if prepared.template.page_multiple > 1:
        document = document.copy(multipage.padded(prepared.template, document.pages))
    checks = prepared.checks + fit_problems + layout_checks(prepared, document.pages, report)
    pdf = write_pdf(document, options, prepared.size)
    pages = pdfium.PdfDocument(pdf)
    try:
        facts = [raster.page_facts(pages, index) for index in range(len(pages))]
        fonts = set().union(*(names for _, names in facts))
        slots = list(report.slots.values()) if report else []
        written = Written(pdf, len(document.pages), fonts, facts[0][0], pages, 0, None, slots)
        return finish(prepared, registry, options, checks, written, fetcher.refused)
    finally:
        pages.close()


def _png_raster(prepared: Prepared, options: RenderOptions) -> dict[str, Any]:
    """How a piece's page is rasterized for its PNG."""
    size = prepared.size
    assert size is not None
    return {
        "dpi": None if options.png_width else (options.png_dpi or size.png_dpi),
        "width_px": options.png_width or (None if size.is_print else int(size.width)),
        "trim": options.trim_png,
        "transparent": size.transparent,
    }


def page_drawn(
    document: pdfium.PdfDocument,
    index: int,
    prepared: Prepared,
    options: RenderOptions,
    under: raster.Underlay | None = None,
) -> raster.Drawn:
    """Page `index` rendered as its PNG shows it."""
    return raster.page_bitmap(document, index, **_png_raster(prepared, options), under=under)


def png_underlay(
    document: pdfium.PdfDocument, index: int, prepared: Prepared, options: RenderOptions
) -> raster.Underlay:
    """Page `index`, rendered once for other pages' PNGs to be drawn over (`png_artifact`)."""
    drawn = raster.page_bitmap(document, index, **_png_raster(prepared, options))
    return raster.Underlay(drawn.bitmap)


def png_artifact(
    document: pdfium.PdfDocument,
    index: int,
    prepared: Prepared,
    options: RenderOptions,
    under: raster.Underlay | None = None,
    drawn: raster.Drawn | None = None,
) -> Artifact:
    """The PNG of page `index`, drawn over `under` (a `png_underlay`) if given; `drawn`:
    that page already rendered with these settings (`page_drawn`)."""
    settings = _png_raster(prepared, options)
    data, (width_px, height_px) = raster.encode_png(
        drawn or page_drawn(document, index, prepared, options, under),
        metadata(prepared),
        settings["width_px"],
        settings["dpi"] if prepared.size and prepared.size.is_print else None,
        options.png_compress,
    )
    stats = {"width_px": width_px, "height_px": height_px, "dpi": settings["dpi"]}
    return Artifact("png", "piece", data, stats)


def render_text_source(prepared: Prepared, registry: TemplateRegistry, source: str) -> str:
    env = make_environment([prepared.template.folder, registry.shared_folder()], html=False)
    try:
        text = env.get_template(source).render(prepared.context)
    except Exception as exc:
        raise UserError(
            f"Mẫu «{prepared.template.id}» lỗi khi dựng văn bản: {getattr(exc, 'vi', exc)}",
            f"Template «{prepared.template.id}» failed to render its text: "
            f"{getattr(exc, 'en', exc)}",
            path=str(prepared.template.folder / source),
            line=getattr(exc, "lineno", None),
        ) from exc
    # Templates keep blank lines between paragraphs; collapse any longer runs.
    lines = [line.rstrip() for line in vntext.normalize(text).strip().split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out) + "\n"


def _caption(prepared: Prepared, registry: TemplateRegistry, checks: list[Check]) -> Artifact:
    assert prepared.template.caption
    text = render_text_source(prepared, registry, prepared.template.caption)
    info = vntext.caption_info(text, prepared.template.caption_limit)
    if info.over:
        checks.append(
            error(
                "limit",
                f"Chú thích dài {info.characters} ký tự, vượt giới hạn {info.limit} của kênh.",
                f"The caption has {info.characters} characters, over the channel's {info.limit}.",
            )
        )
    return Artifact(
        "txt", "caption", text.encode("utf-8"), {"characters": info.characters, "limit": info.limit}
    )


def render_text(
    prepared: Prepared,
    registry: TemplateRegistry,
    options: RenderOptions,
    syllables_per_second: float = 4.0,
) -> RenderResult:
    """A text piece's texts; a loudspeaker script's audio too where `options` asks."""
    template = prepared.template
    assert template.text
    written = render_text_source(prepared, registry, template.text)
    checks = list(prepared.checks)
    artifacts = []
    if template.kind == "loudspeaker":
        spoken = vntext.read_aloud(written)
        seconds = vntext.spoken_time(spoken, syllables_per_second)
        artifacts.append(
            Artifact(
                "txt",
                "read-aloud",
                spoken.encode("utf-8"),
                {
                    "reading_seconds": round(seconds, 1),
                    "reading_time": vntext.format_duration_vi(seconds),
                    "syllables": vntext.spoken_syllables(spoken),
                    "syllables_per_second": syllables_per_second,
                },
            )
        )
        sound, problems = audio.render(spoken, options.formats, audio.Voice.from_settings())
        artifacts += sound
        checks += problems
    else:
        message = written.strip()
        sender = prepared.resolved.texts.get("sender", "")  # brand name, where the template has one
        labels = _label(template, "sender", 0), _label(template, "sender", 1)
        if problem := vntext.sender_problem(sender, *labels):
            checks.append(error("value", *problem, "sender"))
        for role, text in (("sms", message), ("sms-ascii", vntext.strip_diacritics(message))):
            info = vntext.sms_info(text)
            artifacts.append(
                Artifact(
                    "txt",
                    role,
                    (text + "\n").encode("utf-8"),
                    {
                        "encoding": info.encoding,
                        "characters": info.characters,
                        "sms_parts": info.parts,
                        **({"sender": sender} if sender else {}),
                    },
                )
            )
    return RenderResult(template, None, prepared.segment, checks, artifacts)


def render_piece(
    piece: Piece,
    campaign: Campaign,
    options: RenderOptions | None = None,
    registry: TemplateRegistry | None = None,
    segments: dict[str, Segment] | None = None,
    session: RenderSession | None = None,
) -> RenderResult:
    """The piece's result; `session` keeps what the next renders reuse (this process's
    by default)."""
    options = options or RenderOptions()
    registry = registry or TemplateRegistry()
    prepared = prepare(piece, campaign, registry, segments)
    if prepared.template.is_visual:
        return render_visual(prepared, registry, options, session or process_session())
    return render_text(prepared, registry, options)
