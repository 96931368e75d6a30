"""Import and export of whole datasets: JSON backup/restore, foreign formats, the sample cases."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel

from netmap.errors import ImportFailed
from netmap.graph.store import Put, WriteBatch
from netmap.models import (
    DATASET_FIELDS,
    Case,
    Conference,
    ContactEvent,
    Dataset,
    Grant,
    Membership,
    Network,
    Person,
    Record,
    Snapshot,
    User,
    redact,
)
from netmap.services.access import Action, Actor, allowed, require, visible_network, visible_past
from netmap.services.base import Service, audit_event

__all__ = ["SAMPLES_DIR", "DataService", "ImportSummary"]

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "data" / "samples"


class ImportSummary(BaseModel):
    """What an import did (or, for a dry run, would do), per table."""

    added: dict[str, int]
    unchanged: dict[str, int]
    dry_run: bool

    def sentence(self) -> str:
        verb = "would add" if self.dry_run else "added"
        added = ", ".join(f"{n} {table}" for table, n in sorted(self.added.items()) if n) or "nothing"
        same = sum(self.unchanged.values())
        return f"{verb.capitalize()} {added}; {same} record{'s' if same != 1 else ''} already present."


class DataService(Service):
    def export_dataset(self, actor: Actor, case_id: str | None = None) -> Dataset:
        """The whole store (admin) or one case as this actor may see it, with versions kept."""
        if case_id is None:
            require(actor, Action.EXPORT_ALL)
            return Dataset.model_validate(
                {name: self.store.list(kind) for kind, name in DATASET_FIELDS.items()}
            )
        case = self._case(actor, case_id, Action.EXPORT_CASE)
        network = visible_network(actor, self.store.get_network(case_id))
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
                s.model_copy(update={"network": visible_past(actor, case, s.network)}) for s in snapshots
            ],
        )

    def export_network(self, actor: Actor, case_id: str) -> Network:
        """One case's network for another tool's format: as this actor may see it, never restricted fields.

        Spreadsheets, genealogy and mapping tools have no access rules of their own, so
        addresses, phone numbers and safeguarding notes never leave netmap in them.
        """
        self._case(actor, case_id, Action.EXPORT_CASE)
        return redact(visible_network(actor, self.store.get_network(case_id)))

    def import_dataset(
        self, actor: Actor, dataset: Dataset, *, dry_run: bool = False, source: str = ""
    ) -> ImportSummary:
        """Add every record of ``dataset`` in one all-or-nothing unit.

        Records already stored with identical content are left alone, so importing the same file
        twice changes nothing; a record whose id exists with different content refuses the whole
        import. Versions are kept, so export → import → export gives identical bytes.
        """
        require(actor, Action.IMPORT)
        if (dataset.users or dataset.grants) and not allowed(actor, Action.USERS_MANAGE):
            require(actor, Action.USERS_MANAGE)
        self._check_case_access(actor, dataset)
        where = f"{source} " if source else ""
        added: Counter[str] = Counter()
        unchanged: Counter[str] = Counter()
        batch = WriteBatch()
        now = self.clock()
        seen: dict[str, Record] = {}
        for record in dataset.records():
            key = f"{record.table}:{record.id}"
            if key in seen:
                if seen[key] != record:
                    raise ImportFailed(
                        f"{where}{record.table} {record.id}: appears twice with different content."
                    )
                continue
            seen[key] = record
            stored = self.store.get(type(record), record.id)
            if stored is None:
                added[record.table] += 1
                batch.puts.append(Put(record, restore=True))
                batch.audit.append(audit_event(now, actor, "import", None, record))
            elif stored == record:
                unchanged[record.table] += 1
            else:
                raise ImportFailed(
                    f"{where}{record.table} {record.id}: a different record with this id is already stored; "
                    "nothing was imported."
                )
        self._check_references(dataset, where)
        if not actor.is_admin:
            # Whoever imports a new case must be able to open it afterwards.
            new_cases = [p.record for p in batch.puts if isinstance(p.record, Case)]
            for case in new_cases:
                grant = Grant.make(actor.username, case.id).model_copy(update={"version": 1})
                added[grant.table] += 1
                batch.puts.append(Put(grant, restore=True))
                batch.audit.append(audit_event(now, actor, "import", None, grant))
        if not dry_run and batch:
            self.store.apply(batch)
        return ImportSummary(added=dict(added), unchanged=dict(unchanged), dry_run=dry_run)

    def _check_case_access(self, actor: Actor, dataset: Dataset) -> None:
        """A non-admin may import only into cases they hold, or new cases they create."""
        if actor.is_admin:
            return
        new_cases = {c.id for c in dataset.cases if self.store.get(Case, c.id) is None}
        case_ids = {r.case_key for r in dataset.records() if r.case_key} - new_cases
        for case_id in sorted(case_ids):
            self._case(actor, case_id, Action.IMPORT)

    def _check_references(self, dataset: Dataset, where: str) -> None:
        """Every id a record points at must be in the file or already stored."""
        known: dict[type[Record], set[str]] = {}

        def exists(kind: type[Record], record_id: str) -> bool:
            if kind not in known:
                known[kind] = {r.id for r in getattr(dataset, DATASET_FIELDS[kind])}
            return record_id in known[kind] or self.store.get(kind, record_id) is not None

        checks: list[tuple[Record, str, type[Record], str]] = []
        for case in dataset.cases:
            checks.append((case, "ego_id", Person, case.ego_id))
        for m in dataset.memberships:
            checks += [(m, "case_id", Case, m.case_id), (m, "person_id", Person, m.person_id)]
        for k in dataset.kin:
            checks += [(k, "from_id", Person, k.from_id), (k, "to_id", Person, k.to_id)]
        for t in dataset.ties:
            checks += [(t, "case_id", Case, t.case_id)]
            for end in ("from_id", "to_id"):
                pid = getattr(t, end)
                if not exists(Membership, f"{t.case_id}|{pid}"):
                    raise ImportFailed(f"{where}tie {t.id} {end}: {pid} is not a member of case {t.case_id}.")
        for r in [*dataset.contact_events, *dataset.conferences, *dataset.snapshots]:
            checks.append((r, "case_id", Case, r.case_key or ""))
        for g in dataset.grants:
            checks += [(g, "username", User, g.username), (g, "case_id", Case, g.case_id)]
        for record, field, kind, target in checks:
            if not exists(kind, target):
                raise ImportFailed(f"{where}{record.table} {record.id} {field}: {target} does not exist.")

    def load_samples(self, actor: Actor, directory: Path = SAMPLES_DIR) -> list[ImportSummary]:
        """Import every sample case file (idempotent: a second load adds nothing)."""
        from netmap.ingest import json_format

        files = sorted(directory.glob("*.json"))
        if not files:
            raise ImportFailed(f"{directory}: no sample files found.")
        return [self.import_dataset(actor, json_format.read(f), source=f.name) for f in files]
