"""Export bundles: one folder per export with every file and its manifest.

Each file is written atomically and listed in `manifest.json` and `manifest.csv`
with its channel, template, size, segment, campaign, sha256 and stats (pages,
reading time, SMS parts, an audio file's measured duration and loudness), so the
officer — and the print shop — can see what each file is for. File names carry the
segment slug and are safe on Windows.
"""

from __future__ import annotations

import csv
import hashlib
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .campaign import Campaign
from .errors import UserError
from .filenames import (
    UniqueNames,
    atomic_output,
    fsync_folder,
    make_output_folder,
    safe_filename,
    slugify,
    write_all_atomic,
    write_json_atomic,
)
from .policy import freshness_checks, policy_at
from .render.results import RenderResult

ROLE_SUFFIX = {
    "piece": "",
    "caption": "-chu-thich",
    "read-aloud": "-loa",
    "audio": "-loa",  # the read-aloud text spoken: -loa.wav, -loa.mp3 beside -loa.txt
    "sms": "-co-dau",
    "sms-ascii": "-khong-dau",
}
CSV_COLUMNS = (
    "file",
    "channel",
    "format",
    "role",
    "template",
    "size",
    "segment",
    "segment_name",
    "campaign",
    "row",
    "bytes",
    "sha256",
    "pages",
    "page",
    "reading_time",
    "duration_seconds",
    "sms_parts",
    "encoding",
    "characters",
    "width_px",
    "height_px",
)


@dataclass
class BundleEntry:
    file: str
    channel: str
    format: str
    role: str
    template: str
    size: str
    segment: str
    segment_name: str
    campaign: str
    bytes: int
    sha256: str
    row: int | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    checks: list[dict] = field(default_factory=list)


def neutralise_cell(value: Any) -> Any:
    """Keep spreadsheet apps from running a value as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class Bundle:
    def __init__(
        self,
        out_dir: Path,
        campaign: Campaign,
        name: str | None = None,
        *,
        folder: Path | None = None,
        entries: list[BundleEntry] | None = None,
    ) -> None:
        """A new bundle folder under `out_dir`; or, with `folder`, that very folder
        (a batch writes into the folder the user chose, and a re-run adds to it)."""
        self.campaign = campaign
        if folder is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            folder_name = safe_filename(name or f"{slugify(campaign.name)[:48]}-{stamp}")
            folder = out_dir / folder_name
            suffix = 2
            while folder.exists():
                folder = out_dir / f"{folder_name}-{suffix}"
                suffix += 1
        self.folder = folder
        make_output_folder(self.folder)
        self.entries: list[BundleEntry] = list(entries or [])
        self.names = UniqueNames(taken=[e.file for e in self.entries])
        self.skipped: list[dict[str, Any]] = []
        self.combined: str | None = None  # the one print PDF of a batch
        self.created = datetime.now().isoformat(timespec="seconds")

    def base_name(self, result: RenderResult, index: int, label: str | None = None) -> str:
        if label:  # a batch row: its number as Excel shows it, and its own name
            return f"{index:04d}-{label}-{result.segment.slug}"
        size = result.size.id if result.size else "van-ban"
        parts = [f"{index:02d}", result.template.channel, result.template.id, size]
        return "-".join([*parts, result.segment.slug])

    def add(
        self, result: RenderResult, index: int, *, label: str | None = None, row: int | None = None
    ) -> list[BundleEntry]:
        """Write a result's files; a result with errors is recorded as skipped instead."""
        entries, files = self.files_for(result, index, label, row)
        # The folder is synced once, when the bundle closes (not twice per row).
        write_all_atomic(files, sync_folder=False)
        self.record(result, index, row, entries)
        return entries

    def files_for(
        self, result: RenderResult, index: int, label: str | None, row: int | None
    ) -> tuple[list[BundleEntry], list[tuple[Path, bytes]]]:
        """A result's entries and files (under names taken now), none if it has errors:
        for the caller to write (`write_all_atomic`, `StagedFiles`), then `record`."""
        if not result.ok:
            return [], []
        checks = [c.to_dict() for c in result.checks]
        base = safe_filename(self.base_name(result, index, label), max_len=120)
        entries, files = [], []
        for artifact in result.artifacts:
            suffix = ROLE_SUFFIX[artifact.role]
            if "page" in artifact.stats:  # one PNG per page of a multi-page piece
                suffix += f"-trang-{artifact.stats['page']:02d}"
            filename = self.names.take(base + suffix, ext="." + artifact.format)
            files.append((self.folder / filename, artifact.data))
            entries.append(
                BundleEntry(
                    file=filename,
                    channel=result.template.channel,
                    format=artifact.format,
                    role=artifact.role,
                    template=result.template.id,
                    size=result.size.id if result.size else "",
                    segment=result.segment.slug,
                    segment_name=result.segment.name,
                    campaign=self.campaign.name,
                    bytes=len(artifact.data),
                    sha256=hashlib.sha256(artifact.data).hexdigest(),
                    row=row,
                    stats=dict(artifact.stats),
                    checks=[c for c in checks if c["severity"] == "warning"],
                )
            )
        return entries, files

    def record(
        self, result: RenderResult, index: int, row: int | None, entries: list[BundleEntry]
    ) -> None:
        """List a result whose files are written, or as skipped if it had errors."""
        if result.ok:
            self.entries += entries
            return
        self.skipped.append(
            {
                "piece": index,
                "template": result.template.id,
                "segment": result.segment.slug,
                "row": row,
                "checks": [c.to_dict() for c in result.checks],
            }
        )

    def manifest(self) -> dict[str, Any]:
        """What manifest.json says; its file list is encoded entry by entry."""
        return {
            "generator": "An Sinh Studio",
            "created": self.created,
            "campaign": self.campaign.name,
            "unit": self.campaign.unit,
            "campaign_date": self.campaign.day.isoformat(),
            "combined_pdf": self.combined,
            "files": (asdict(entry) for entry in self.entries),
            "skipped": self.skipped,
            "policy": self.policy_used(),
        }

    def policy_used(self) -> dict[str, Any]:
        """The policy entries in force on the campaign date (every piece of a bundle shares
        them), with their documents and sources, and any doubt about their freshness."""
        day, unconfirmed = self.campaign.day, self.campaign.unconfirmed_figures
        try:
            entries = [e.described() for e in policy_at(day, unconfirmed=unconfirmed).used]
        except UserError as exc:
            return {"entries": [], "checks": [{"severity": "error", "vi": exc.vi, "en": exc.en}]}
        checks = [c.to_dict() for c in freshness_checks(day, unconfirmed=unconfirmed)]
        return {"entries": entries, "checks": checks}

    def _write_csv(self, path: Path) -> None:
        # utf-8-sig: a BOM, so Excel opens the Vietnamese text as UTF-8.
        with (
            atomic_output(path, sync_folder=False) as temp,
            open(temp, "w", encoding="utf-8-sig", newline="") as out,
        ):
            writer = csv.DictWriter(
                out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n"
            )
            writer.writeheader()
            for entry in self.entries:
                record = {**asdict(entry), **entry.stats}
                writer.writerow({key: neutralise_cell(record.get(key, "")) for key in CSV_COLUMNS})

    def close(self, make_zip: bool = False) -> Path:
        """Write the manifests (streamed: flat memory for any row count) and sync the
        folder once; with `make_zip`, the folder also goes into a .zip beside it."""
        write_json_atomic(self.folder / "manifest.json", self.manifest(), sync_folder=False)
        self._write_csv(self.folder / "manifest.csv")
        fsync_folder(self.folder)
        if not make_zip:
            return self.folder
        target = self.folder.with_suffix(".zip")
        with (
            atomic_output(target) as temp,
            zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for path in sorted(self.folder.iterdir()):
                archive.write(path, f"{self.folder.name}/{path.name}")
        return target
