"""netmap's own JSON format: a whole store or one case, canonical so equal data gives equal bytes."""

from __future__ import annotations

import functools
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, get_args

import orjson
from pydantic import BaseModel

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
    """The canonical JSON of ``dataset`` in pieces, a page of records at a time, so a whole store can
    be written without holding its text (or a dict of it) in memory. ``"".join`` of the pieces is
    :func:`dumps`: keys sorted, every list sorted by id, two-space indent, final newline.
    """

    def value_of(name: str) -> Any:
        value = getattr(dataset, name)
        if not isinstance(value, list):
            return value
        return (record.model_dump(mode="json") for record in sorted(value, key=lambda record: record.id))

    return iter_tables(value_of, tables=set(DATASET_FIELDS.values()))


# Records written by one call of orjson (a snapshot holds a whole network).
_PAGE = 100
_KINDS = {name: kind for kind, name in DATASET_FIELDS.items()}


def iter_tables(value_of: Callable[[str], Any], *, tables: set[str]) -> Iterator[str]:
    """The canonical JSON of a dataset whose fields ``value_of(name)`` gives, each asked for once and
    in turn: for a name in ``tables`` the JSON values (``model_dump(mode="json")``) of its records
    sorted by id, which may be read from a store page by page (``DataService.export_json``);
    otherwise a plain value.

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
        values = iter(value_of(name))
        page = list(itertools.islice(values, _PAGE))
        if not page:
            yield f"  {json.dumps(name)}: []{comma}\n"
            continue
        yield f"  {json.dumps(name)}: [\n"
        while page:
            text = _page_text(page, _KINDS[name])
            page = list(itertools.islice(values, _PAGE))
            yield text + (",\n" if page else "\n")
        yield f"  ]{comma}\n"
    yield "}\n"


# orjson writes what ``json.dumps(..., sort_keys=True, indent=2, ensure_ascii=False)`` writes, in Rust,
# except a float in exponent form (1e-05 as 0.00001, NaN as null) and text or numbers it cannot
# encode (a lone surrogate, an int past 64 bits): those records go through ``json`` itself.
_INDENTED = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2


def _plain_float(value: float) -> bool:
    return not value or 1e-4 <= abs(value) < 1e16


def _all_plain(value: Any) -> bool:
    """Whether every float in ``value`` (JSON-ready, at any depth) is written alike by both."""
    if type(value) is float:
        return _plain_float(value)
    if isinstance(value, dict):
        return all(_all_plain(item) for item in value.values())
    if isinstance(value, list):
        return all(_all_plain(item) for item in value)
    return True


def _types_in(annotation: Any) -> list[Any]:
    return [annotation, *(found for arg in get_args(annotation) for found in _types_in(arg))]


@functools.cache
def _float_fields(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel] | None], ...]:
    """The fields of ``model`` that can hold a float, each with the one model to look into, or None
    to look at the whole value: so a record is checked along those paths only (a snapshot's
    network has floats in its memberships' placements and nowhere else).

    >>> from netmap.models import Membership, Person, Snapshot
    >>> _float_fields(Person), _float_fields(Snapshot), [name for name, _ in _float_fields(Membership)]
    ((), (('network', <class 'netmap.models.network.Network'>),), ['map_point', 'young_person_place'])
    """
    fields: list[tuple[str, type[BaseModel] | None]] = []
    for name, info in model.model_fields.items():
        kinds = _types_in(info.annotation)
        inner = {k for k in kinds if isinstance(k, type) and issubclass(k, BaseModel) and _float_fields(k)}
        if any(k is float or k is Any or k is object for k in kinds) or len(inner) > 1:
            fields.append((name, None))
        elif inner:
            fields.append((name, inner.pop()))
    return tuple(fields)


def _floats_plain(data: dict[str, Any], model: type[BaseModel]) -> bool:
    """``_all_plain`` of ``data``, a dump of ``model``, looking only where a float can be."""
    for name, inner in _float_fields(model):
        value = data.get(name)
        if inner is None or not isinstance(value, dict | list):
            if not _all_plain(value):
                return False
        elif isinstance(value, dict):
            if not _floats_plain(value, inner):
                return False
        elif not all(
            _floats_plain(item, inner) if isinstance(item, dict) else _all_plain(item) for item in value
        ):
            return False
    return True


def record_text(record: Record) -> str:
    """One record's canonical text: ``json.dumps(..., sort_keys=True, indent=2, ensure_ascii=False)``.

    Written by orjson, which gives the same bytes in Rust (Python's ``json`` with an indent, and
    sorting the keys in Python, were most of a whole-store export); the rare record it would write
    differently goes through ``json`` itself.

    >>> from netmap.models import Person
    >>> ann = Person(id="p-1", name="Ann \u00e9")
    >>> record_text(ann) == json.dumps(ann.model_dump(mode="json"), sort_keys=True, indent=2, ensure_ascii=False)
    True
    """
    return _value_text(record.model_dump(mode="json"), type(record))


def _value_text(data: dict[str, Any], kind: type[Record]) -> str:
    if _floats_plain(data, kind):
        try:
            return orjson.dumps(data, option=_INDENTED).decode("utf-8")
        except orjson.JSONEncodeError:
            pass
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


# What orjson writes around the records of a page given as {"": page}, at the indent of a table's.
_PAGE_HEAD, _PAGE_TAIL = len(b'{\n  "": [\n'), len(b"\n  ]\n}")


def _page_text(page: list[dict[str, Any]], kind: type[Record]) -> str:
    """The canonical texts of a page of ``kind`` records' JSON values, in a table at its indent, one
    after another with a comma between: as a rule one call of orjson writes the whole page."""
    if not _float_fields(kind) or all(_floats_plain(data, kind) for data in page):
        try:
            return orjson.dumps({"": page}, option=_INDENTED)[_PAGE_HEAD:-_PAGE_TAIL].decode("utf-8")
        except orjson.JSONEncodeError:
            pass
    return ",\n".join("    " + _value_text(data, kind).replace("\n", "\n    ") for data in page)


def dumps(dataset: Dataset) -> str:
    """Canonical JSON: every list sorted by id, keys sorted, two-space indent, final newline."""
    return "".join(iter_json(dataset))


def write(dataset: Dataset, path: Path) -> None:
    with Path(path).open("w", encoding="utf-8") as out:
        out.writelines(iter_json(dataset))
