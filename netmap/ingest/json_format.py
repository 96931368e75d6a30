"""netmap's own JSON format: a whole store or one case, canonical so equal data gives equal bytes."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from netmap.ingest.json_stream import MAX_BYTES, iter_records, open_records, validation_sentence
from netmap.models import DATASET_FIELDS, Dataset, Record

__all__ = ["MAX_BYTES", "dumps", "iter_json", "loads", "read", "validation_sentence", "write"]


def _dataset(records: Iterable[Record]) -> Dataset:
    tables: dict[str, list[Record]] = {}
    for record in records:
        tables.setdefault(DATASET_FIELDS[type(record)], []).append(record)
    return Dataset.model_validate(tables)


def loads(text: str | bytes, *, where: str = "JSON input") -> Dataset:
    """A netmap JSON text as a ``Dataset``; ``ImportFailed`` names the first problem.

    >>> loads('{"format": "netmap", "people": [{"id": "p-1", "name": "Ann"}]}').people[0].name
    'Ann'
    """
    data = text.encode(errors="surrogatepass") if isinstance(text, str) else text
    return _dataset(iter_records(io.BytesIO(data), where))


def read(path: Path, *, case_id: str | None = None, ego_id: str | None = None) -> Dataset:
    """Read a netmap JSON file; ``case_id`` and ``ego_id`` are ignored (the file names its own cases).

    The whole file is held as a ``Dataset``: to import a whole store, stream it instead with
    ``DataService.import_dataset(actor, json_stream.open_records(path))``.
    """
    with open_records(path) as records:
        return _dataset(iter_records(records.handle, records.where))


def iter_json(dataset: Dataset) -> Iterator[str]:
    """The canonical JSON of ``dataset`` in pieces, one record at a time, so a whole store can be
    written without holding its text (or a dict of it) in memory. ``"".join`` of the pieces is
    :func:`dumps`: keys sorted, every list sorted by id, two-space indent, final newline.
    """
    tables = sorted(Dataset.model_fields)
    yield "{\n"
    for n, name in enumerate(tables):
        comma = "," if n < len(tables) - 1 else ""
        value = getattr(dataset, name)
        if not isinstance(value, list):
            yield f"  {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}{comma}\n"
            continue
        if not value:
            yield f"  {json.dumps(name)}: []{comma}\n"
            continue
        yield f"  {json.dumps(name)}: [\n"
        records = sorted(value, key=lambda record: record.id)
        for i, record in enumerate(records):
            text = json.dumps(record.model_dump(mode="json"), sort_keys=True, indent=2, ensure_ascii=False)
            yield "    " + text.replace("\n", "\n    ") + (",\n" if i < len(records) - 1 else "\n")
        yield f"  ]{comma}\n"
    yield "}\n"


def dumps(dataset: Dataset) -> str:
    """Canonical JSON: every list sorted by id, keys sorted, two-space indent, final newline."""
    return "".join(iter_json(dataset))


def write(dataset: Dataset, path: Path) -> None:
    with Path(path).open("w", encoding="utf-8") as out:
        out.writelines(iter_json(dataset))
