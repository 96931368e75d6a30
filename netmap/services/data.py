"""Import and export of whole datasets: JSON backup/restore, foreign formats, the sample cases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from netmap.errors import ImportFailed
from netmap.graph.store import Put, WriteBatch, record_label
from netmap.ingest import ImportReport, Problem, json_format
from netmap.ingest.json_stream import DatasetSource, RecordSource
from netmap.ingest.moved_dates import move_day, moved
from netmap.models import (
    DATASET_FIELDS,
    Case,
    Conference,
    ContactEvent,
    Dataset,
    Grant,
    Kin,
    Membership,
    Network,
    Person,
    PersonKind,
    Record,
    Snapshot,
    Tie,
    User,
    redact,
)
from netmap.services.access import Action, Actor, allowed, require, visible_network, visible_past
from netmap.services.base import Service, audit_event
from netmap.services.collection_pace import collecting_slowly
from netmap.services.import_merge import kin_key, meet

if TYPE_CHECKING:
    from netmap.ingest.record_index import RecordIndex

__all__ = ["IMPORT_BATCH", "SAMPLES_DIR", "STORY_DAY", "DataService", "ImportSummary"]

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "data" / "samples"
# The day the sample files tell their story as of (data/samples/README.md).
STORY_DAY = date(2026, 11, 24)
# Records per batch handed to ``GraphStore.apply_all`` (a snapshot counts its network's records):
# small enough to bound memory, large enough that a store's per-batch work stays negligible.
IMPORT_BATCH = 2000


class ImportSummary(BaseModel):
    """What an import did (or, for a dry run, would do), per table."""

    added: dict[str, int]
    unchanged: dict[str, int]
    dry_run: bool
    updated: dict[str, int] = Field(default_factory=dict)
    conflicts: int = 0

    def sentence(self) -> str:
        verb = "would add" if self.dry_run else "added"
        added = ", ".join(f"{n} {table}" for table, n in sorted(self.added.items()) if n) or "nothing"
        same = sum(self.unchanged.values())
        text = f"{verb.capitalize()} {added}; {same} record{'s' if same != 1 else ''} already present"
        if self.updated:
            changed = ", ".join(f"{n} {table}" for table, n in sorted(self.updated.items()))
            text += f"; {'would update' if self.dry_run else 'updated'} {changed}"
        if self.conflicts:
            text += (
                f"; {self.conflicts} changed in netmap since the export and left as they are (see the report)"
            )
        return text + "."


class DataService(Service):
    def export_dataset(self, actor: Actor, case_id: str | None = None) -> Dataset:
        """The whole store (admin) or one case as this actor may see it, with versions kept."""
        if case_id is None:
            require(actor, Action.EXPORT_ALL)
            return Dataset.model_validate(
                {name: self.store.list(kind) for kind, name in DATASET_FIELDS.items()}
            )
        self._case(actor, case_id, Action.EXPORT_CASE)
        self._exported(actor, case_id, "netmap JSON")
        now = self.store.get_network(case_id)
        network = visible_network(actor, now)
        snapshots = self.store.list(Snapshot, case_id=case_id)
        return Dataset(
            people=network.people,
            cases=[network.case],
            memberships=network.memberships,
            kin=network.kin,
            ties=network.ties,
            contact_events=self.store.list(ContactEvent, case_id=case_id),
            conferences=self.store.list(Conference, case_id=case_id),
            snapshots=[
                s.model_copy(update={"network": visible_past(actor, now, s.network)}) for s in snapshots
            ],
        )

    def export_json(self, actor: Actor, case_id: str | None = None) -> Iterator[str]:
        """``export_dataset`` as netmap's canonical JSON text, in pieces.

        The whole store is read a page of records at a time and written as it is read, so memory
        holds a page rather than the store (``json_format.iter_tables``); each record as the JSON
        value its stored text holds (``GraphStore.each_json``), not built and dumped again.
        """
        if case_id is not None:
            yield from json_format.iter_json(self.export_dataset(actor, case_id))
            return
        require(actor, Action.EXPORT_ALL)
        self._exported(actor, None, "netmap JSON")
        kinds = {name: kind for kind, name in DATASET_FIELDS.items()}
        header = Dataset()
        yield from json_format.iter_tables(
            lambda name: self.store.each_json(kinds[name]) if name in kinds else getattr(header, name),
            tables=set(kinds),
        )

    def export_network(self, actor: Actor, case_id: str) -> Network:
        """One case's network for another tool's format: as this actor may see it, never restricted fields.

        Spreadsheets, genealogy and mapping tools have no access rules of their own, so
        addresses, phone numbers and safeguarding notes never leave netmap in them.
        """
        self._case(actor, case_id, Action.EXPORT_CASE)
        self._exported(actor, case_id, "another tool's format")
        return redact(visible_network(actor, self.store.get_network(case_id)))

    def _exported(self, actor: Actor, case_id: str | None, form: str) -> None:
        """Audit an export as it is made: what left netmap, for whom, and in what form."""
        action = "export.case" if case_id else "export.all"
        self.store.append_audit(
            [self._event(actor, action, Case.table, case_id or "all", case_id=case_id, after={"form": form})]
        )

    @collecting_slowly
    def import_dataset(
        self,
        actor: Actor,
        dataset: Dataset | RecordSource,
        *,
        dry_run: bool = False,
        source: str = "",
        report: ImportReport | None = None,
    ) -> ImportSummary:
        """Add every record of ``dataset`` in one all-or-nothing unit.

        ``dataset`` is a ``Dataset`` in memory or any ``RecordSource``: a whole-store file is
        given as ``json_stream.open_records(path)``, so memory holds its ids, never its records.
        Records already stored with identical content are left alone, so importing the same file
        twice changes nothing; a record whose id exists with different content, a record given
        twice with different content, or a reference to nothing refuses the whole import.
        Versions are kept, so export → import → export gives identical bytes. Two passes: the
        first validates and indexes ids; the second checks each record against the store and
        feeds ``GraphStore.apply_all`` batch by batch, in dependency order.

        With a ``report`` (another tool's file, read leniently) a record whose id exists is met as
        ``import_merge.meet`` says: unchanged, an update checked against its version, or a
        conflict listed in the report; a kin link already recorded under another id is unchanged.
        """
        # Here rather than at the top: the index needs numpy, which no other command loads.
        from netmap.ingest.record_index import RecordIndex

        records = DatasetSource(dataset) if isinstance(dataset, Dataset) else dataset
        require(actor, Action.IMPORT)
        where = f"{source} " if source else ""
        index = RecordIndex.build(records.scan(), where, records.dumped)
        if (index.count(User) or index.count(Grant)) and not allowed(actor, Action.USERS_MANAGE):
            require(actor, Action.USERS_MANAGE)
        self._check_case_access(actor, index)
        summary = ImportSummary(added={}, unchanged={}, dry_run=dry_run)
        batches = self._import_batches(actor, records, index, where, summary, report)
        if dry_run:
            for _ in batches:
                pass
        else:
            self.store.apply_all(batches)
        return summary

    def _import_batches(
        self,
        actor: Actor,
        records: RecordSource,
        index: RecordIndex,
        where: str,
        summary: ImportSummary,
        report: ImportReport | None,
    ) -> Iterator[WriteBatch]:
        """The import's writes, ``IMPORT_BATCH`` records at a time, counted into ``summary`` as they go."""
        now = self.clock()
        batch = WriteBatch()
        weight = 0
        new_cases: list[str] = []
        new_people: set[str] = set()

        def add(record: Record) -> None:
            nonlocal weight
            summary.added[record.table] = summary.added.get(record.table, 0) + 1
            batch.puts.append(Put(record, restore=True))
            batch.audit.append(audit_event(now, actor, "import", None, record))
            weight += _weight(record)
            if isinstance(record, Person) and not actor.is_admin:  # an admin reaches everyone
                new_people.add(record.id)

        known_kin: set[tuple[str, str, str]] | None = None
        # Tables empty when the writing starts hold only what this import writes, each id once
        # (``index.first``): their records need not be looked up one by one (a read per record,
        # which on a server store is a round trip each).
        empty = {table for table, held in self.store.counts().items() if not held}

        def update(stored: Record, record: Record) -> None:
            nonlocal weight
            summary.updated[record.table] = summary.updated.get(record.table, 0) + 1
            batch.puts.append(Put(record, stored.version))
            batch.audit.append(audit_event(now, actor, "import.update", stored, record))
            weight += _weight(record)

        for kind in DATASET_FIELDS:
            for position, record in enumerate(records.table(kind)):
                if not index.first(record, position):
                    continue
                stored = None if record.table in empty else self.store.get(kind, record.id)
                if stored is None and report is not None and isinstance(record, Kin):
                    known_kin = (
                        known_kin if known_kin is not None else {kin_key(k) for k in self.store.each(Kin)}
                    )
                    if kin_key(record) in known_kin:
                        summary.unchanged["kin"] = summary.unchanged.get("kin", 0) + 1
                        continue
                meeting = "new" if stored is None else "unchanged" if stored == record else "refused"
                if meeting == "refused" and stored is not None and report is not None:
                    meeting, record = meet(record, stored)
                if meeting == "refused":
                    raise ImportFailed(
                        f"{where}{record.table} {record.id}: a different record with this id is already "
                        "stored; nothing was imported."
                    )
                self._check_references(record, index, where)
                self._check_people_reached(actor, record, new_people, where)
                if meeting == "conflict" and stored is not None and report is not None:
                    summary.conflicts += 1
                    report.add(_conflict(where, record, stored))
                    continue
                if meeting == "update" and stored is not None:
                    if isinstance(record, Person) and not self._reachable(actor, record.id):
                        raise ImportFailed(
                            f"{where}person {record.id}: already recorded and not in any case you hold; "
                            "nothing was imported."
                        )
                    update(stored, record)
                    continue
                if stored is not None:
                    summary.unchanged[record.table] = summary.unchanged.get(record.table, 0) + 1
                    continue
                add(record)
                if isinstance(record, Case):
                    new_cases.append(record.id)
                if weight >= IMPORT_BATCH:
                    yield batch
                    batch, weight = WriteBatch(), 0
        if not actor.is_admin:
            # Whoever imports a new case must be able to open it afterwards.
            for case_id in new_cases:
                add(Grant.make(actor.username, case_id).model_copy(update={"version": 1}))
        if batch:
            yield batch

    def _check_case_access(self, actor: Actor, index: RecordIndex) -> None:
        """A non-admin may import only into cases they hold, or new cases they create."""
        if actor.is_admin:
            return
        new_cases = {c for c in index.ids(Case) if self.store.get(Case, c) is None}
        for case_id in sorted(index.case_keys - new_cases):
            self._case(actor, case_id, Action.IMPORT)

    def _check_people_reached(self, actor: Actor, record: Record, new_people: set[str], where: str) -> None:
        """The rule for people holds for imports too: a membership or kin link may name someone
        already recorded only if the importer reaches them through a case they hold (or is admin)."""
        if isinstance(record, Membership):
            ends = [("person_id", record.person_id)]
        elif isinstance(record, Kin):
            ends = [("from_id", record.from_id), ("to_id", record.to_id)]
        else:
            return
        for name, person_id in ends:
            if person_id in new_people or self._reachable(actor, person_id):
                continue
            person = self.store.get(Person, person_id)
            if person is not None and person.kind is PersonKind.SERVICE and isinstance(record, Membership):
                continue  # a directory service may be linked into any case
            raise ImportFailed(
                f"{where}{record.table} {record.id} {name}: {person_id} is already recorded and not in "
                "any case you hold; nothing was imported."
            )

    def _check_references(self, record: Record, index: RecordIndex, where: str) -> None:
        """Every id ``record`` points at must be in the import or already stored."""

        def exists(kind: type[Record], record_id: str) -> bool:
            return index.has(kind, record_id) or self.store.get(kind, record_id) is not None

        if isinstance(record, Tie):
            for end in ("from_id", "to_id"):
                pid = getattr(record, end)
                if not exists(Membership, f"{record.case_id}|{pid}"):
                    raise ImportFailed(
                        f"{where}tie {record.id} {end}: {pid} is not a member of case {record.case_id}."
                    )
        for name, kind, target in _references(record):
            if not exists(kind, target):
                raise ImportFailed(f"{where}{record.table} {record.id} {name}: {target} does not exist.")

    def load_samples(
        self, actor: Actor, directory: Path = SAMPLES_DIR, *, told_on: date | None = None
    ) -> list[ImportSummary]:
        """Import every sample case file, its story told as of ``told_on`` (today).

        The files are written as of ``STORY_DAY``; every date in them moves as that day moves to
        ``told_on`` (``moved_dates.moved``), so releases, birthdays and meetings stay as near as the
        story says. A file whose cases are already stored is left alone, edited or not, so a second
        load (even weeks later, after changes in the demo) adds nothing; the files still to load are
        told as of the day the stored ones were.
        """
        require(actor, Action.IMPORT)
        files = sorted(directory.glob("*.json"))
        if not files:
            raise ImportFailed(f"{directory}: no sample files found.")
        today = self.clock().date()
        if told_on is not None and told_on > today:
            raise ImportFailed(
                f"The samples cannot be told as of {told_on.isoformat()}: that is after today, so what "
                "they say has happened would be in the future."
            )
        written = [(path, json_format.read(path)) for path in files]
        loaded = self._loaded_on(dataset for _, dataset in written)
        told_on = loaded or told_on or today
        summaries = []
        for path, dataset in written:
            if dataset.cases and all(self.store.get(Case, case.id) for case in dataset.cases):
                summaries.append(_left_alone(dataset))
            else:
                moved_dataset = moved(dataset, STORY_DAY, told_on)
                summaries.append(self.import_dataset(actor, moved_dataset, source=path.name))
        return summaries

    def _loaded_on(self, datasets: Iterable[Dataset]) -> date | None:
        """The day the samples already in the store were told on, if any are there."""
        for dataset in datasets:
            for case in dataset.cases:
                stored = self.store.get(Case, case.id)
                if stored is not None and stored.referral_date and case.referral_date:
                    return move_day(STORY_DAY, case.referral_date, stored.referral_date)
        return None


def _left_alone(dataset: Dataset) -> ImportSummary:
    """The summary of a sample file whose cases are stored already: every record counted as present."""
    present: dict[str, int] = {}
    for record in DatasetSource(dataset).scan():
        present[record.table] = present.get(record.table, 0) + 1
    return ImportSummary(added={}, unchanged=present, dry_run=False)


def _conflict(where: str, record: Record, stored: Record) -> Problem:
    had = "does not say which version it changed" if not record.version else f"has version {record.version}"
    return Problem(
        file=where.strip(),
        where=f"{record_label(record.table)} {record.id}",
        what="kept as stored",
        why=f"netmap holds version {stored.version}, changed since this file was made; the file {had}",
    )


def _weight(record: Record) -> int:
    """A record's share of a batch: a snapshot (and its audit entry) holds a whole network."""
    if isinstance(record, Snapshot):
        frozen = record.network
        return 2 + len(frozen.people) + len(frozen.memberships) + len(frozen.kin) + len(frozen.ties)
    return 1


def _references(record: Record) -> list[tuple[str, type[Record], str]]:
    """(field, kind, id) of each record ``record`` points at (a tie's ends are checked as members)."""
    if isinstance(record, Case):
        return [("ego_id", Person, record.ego_id)]
    if isinstance(record, Membership):
        return [("case_id", Case, record.case_id), ("person_id", Person, record.person_id)]
    if isinstance(record, Kin):
        return [("from_id", Person, record.from_id), ("to_id", Person, record.to_id)]
    if isinstance(record, Tie | ContactEvent | Conference | Snapshot):
        return [("case_id", Case, record.case_key or "")]
    if isinstance(record, Grant):
        return [("username", User, record.username), ("case_id", Case, record.case_id)]
    return []
