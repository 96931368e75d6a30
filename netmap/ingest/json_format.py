"""netmap's own JSON format: a whole store or one case, canonical so equal data gives equal bytes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pydantic_core

from netmap.ingest.json_stream import MAX_BYTES, iter_records, open_records, validation_sentence
from netmap.ingest.report import ImportReport
from netmap.models import DATASET_FIELDS, Dataset, Record

__all__ = [
    "MAX_BYTES",
    "dumps",
    "iter_json",
    "iter_tables",
    "loads",
    "read",
    "record_text",
    "validation_sentence",
    "write",
]


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


def read(
    path: Path,
    *,
    case_id: str | None = None,
    ego_id: str | None = None,
    report: ImportReport | None = None,
    young_person: str | None = None,
) -> Dataset:
    """Read a netmap JSON file; ``case_id``, ``ego_id`` and ``young_person`` are ignored (the file names
    its own cases and their young people).

    netmap's own format is a backup: it is restored whole or not at all, so any bad record refuses
    the file whatever ``report`` is given.

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

    def value_of(name: str) -> Any:
        value = getattr(dataset, name)
        return sorted(value, key=lambda record: record.id) if isinstance(value, list) else value

    return iter_tables(value_of, tables=set(DATASET_FIELDS.values()))


def iter_tables(value_of: Callable[[str], Any], *, tables: set[str]) -> Iterator[str]:
    """The canonical JSON of a dataset whose fields ``value_of(name)`` gives, each asked for once and
    in turn: for a name in ``tables`` an iterable of records sorted by id, which may be read from a
    store page by page (``DataService.export_json``); otherwise a plain value.

    >>> tables = set(DATASET_FIELDS.values())
    >>> "".join(iter_tables(lambda name: getattr(Dataset(), name), tables=tables)) == dumps(Dataset())
    True
    """
    names = sorted(Dataset.model_fields)
    yield "{\n"
    for n, name in enumerate(names):
        comma = "," if n < len(names) - 1 else ""
        if name not in tables:
            yield f"  {json.dumps(name)}: {json.dumps(value_of(name), ensure_ascii=False)}{comma}\n"
            continue
        records = iter(value_of(name))
        record = next(records, None)
        if record is None:
            yield f"  {json.dumps(name)}: []{comma}\n"
            continue
        yield f"  {json.dumps(name)}: [\n"
        while record is not None:
            following = next(records, None)
            text = record_text(record)
            yield "    " + text.replace("\n", "\n    ") + (",\n" if following is not None else "\n")
            record = following
        yield f"  ]{comma}\n"
    yield "}\n"


class _NotPlain(Exception):
    """A value whose text ``json`` writes differently from pydantic's writer (a float in exponent form)."""


def _sorted(value: Any) -> Any:
    """``value`` (a JSON-ready dict or list) with every dict's keys in sorted order, at any depth;
    raises ``_NotPlain`` for a float ``json`` would write in exponent form (see ``_plain``)."""
    if isinstance(value, dict):
        return {key: _plain(value[key]) for key in sorted(value)}
    return [_plain(item) for item in value]


def _plain(value: Any) -> Any:
    if isinstance(value, dict | list):
        return _sorted(value)
    if type(value) is float and value and not 1e-4 <= abs(value) < 1e16:
        raise _NotPlain
    return value


def record_text(record: Record) -> str:
    """One record's canonical text: ``json.dumps(..., sort_keys=True, indent=2, ensure_ascii=False)``.

    pydantic's writer (in Rust) gives the same bytes as Python's ``json`` with an indent, which runs
    in Python and was most of a whole-store export; the rare record it would write differently (a
    float in exponent form, text it cannot encode) goes through ``json`` itself.

    >>> from netmap.models import Person
    >>> ann = Person(id="p-1", name="Ann \u00e9")
    >>> record_text(ann) == json.dumps(ann.model_dump(mode="json"), sort_keys=True, indent=2, ensure_ascii=False)
    True
    """
    data = record.model_dump(mode="json")
    try:
        return pydantic_core.to_json(_sorted(data), indent=2).decode("utf-8")
    except (_NotPlain, pydantic_core.PydanticSerializationError):
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


def dumps(dataset: Dataset) -> str:
    """Canonical JSON: every list sorted by id, keys sorted, two-space indent, final newline."""
    return "".join(iter_json(dataset))


def write(dataset: Dataset, path: Path) -> None:
    with Path(path).open("w", encoding="utf-8") as out:
        out.writelines(iter_json(dataset))
