"""Import a file and export files: the one use case behind ``netmap import|export`` and the Import page.

An import names the format, the file, and optionally the case to import into and who the young
person is in the file. netmap's own JSON is a backup: streamed, and refused whole at the first
problem. Another tool's file is read leniently unless ``strict``: what cannot be used is skipped
or repaired and listed in the report, a record netmap already holds is updated or kept (see
``import_merge``), and what is kept is committed all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.errors import ImportFailed, UsageError
from netmap.graph.store import GraphStore
from netmap.ingest import MAPPABLE, ImportReport, read_file, writer
from netmap.ingest.columns import parse_mapping
from netmap.ingest.json_stream import open_records
from netmap.services.access import Action, Actor, require
from netmap.services.base import Clock, Service, utc_now
from netmap.services.conferences import ConferenceService
from netmap.services.data import DataService, ImportSummary

__all__ = ["EXPORT_FORMATS", "FileService", "ImportOutcome"]

EXPORT_FORMATS = ("json", "csv", "xlsx", "gedcom", "kumu", "graphml", "pack")
_SUFFIX = {"gedcom": ".ged", "kumu": ".json", "pack": ".pdf"}


@dataclass
class ImportOutcome:
    """What an import did (or would do) and what it skipped, repaired or left as stored."""

    summary: ImportSummary
    report: ImportReport = field(default_factory=ImportReport)

    def sentences(self) -> list[str]:
        """The summary, then the report's summary when there is anything in it."""
        found = self.report.summary()
        return [self.summary.sentence(), *([found] if found else [])]


class FileService(Service):
    def __init__(
        self, store: GraphStore, clock: Clock = utc_now, *, data: DataService, conferences: ConferenceService
    ) -> None:
        super().__init__(store, clock)
        self.data = data
        self.conferences = conferences

    def import_file(
        self,
        actor: Actor,
        fmt: str,
        path: Path,
        *,
        case_id: str | None = None,
        young_person: str | None = None,
        mapping: str | None = None,
        strict: bool = False,
        dry_run: bool = False,
        source: str | None = None,
    ) -> ImportOutcome:
        """Import ``path`` (``source`` names it in messages: an upload's own name)."""
        require(actor, Action.IMPORT)
        name = source or path.name
        if fmt == "json":
            if case_id or young_person or mapping:
                raise ImportFailed(
                    f"{name}: netmap's JSON names its own cases and people; import it as it is."
                )
            with open_records(path) as records:
                return ImportOutcome(self.data.import_dataset(actor, records, dry_run=dry_run, source=name))
        options: dict[str, Any] = {}
        if mapping:
            if fmt not in MAPPABLE:
                raise ImportFailed(f"A column mapping applies to {', '.join(sorted(MAPPABLE))}, not {fmt}.")
            options["mapping"] = parse_mapping(mapping)
        if case_id is not None:
            options.update(case_id=case_id, ego_id=self._case(actor, case_id, Action.IMPORT).ego_id)
        if young_person:
            options["young_person"] = young_person
        dataset, report = read_file(fmt, path, strict=strict, **options)
        summary = self.data.import_dataset(actor, dataset, dry_run=dry_run, source=name, report=report)
        return ImportOutcome(summary, report)

    def export_files(
        self, actor: Actor, fmt: str, case_id: str | None, folder: Path, *, name: str | None = None
    ) -> list[Path]:
        """Write the export into ``folder`` (as ``name``, or netmap's own name for it); return the files
        written (a CSV's ties file too).

        ``json`` exports the whole store (admin) or one case; every other format one case, as the
        actor may see it and without restricted details; ``pack`` is the conference pack (PDF).
        """
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"Unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}.")
        stem = f"netmap-{case_id or 'all'}"
        if fmt == "json":
            path = folder / (name or f"{stem}.json")
            with path.open("w", encoding="utf-8") as out:
                out.writelines(self.data.export_json(actor, case_id))
            return [path]
        if case_id is None:
            raise ImportFailed(f"Exporting {fmt} needs the case to export.")
        path = folder / (name or f"{stem}{_SUFFIX.get(fmt, f'.{fmt}')}")
        if fmt == "pack":
            path.write_bytes(self.conferences.pack(actor, case_id))
            return [path]
        before = set(folder.iterdir())
        writer(fmt)(self.data.export_network(actor, case_id), path)
        return sorted(set(folder.iterdir()) - before)
