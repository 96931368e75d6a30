"""netmap's own JSON format: a whole store or one case, canonical so equal data gives equal bytes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from netmap.errors import ImportFailed
from netmap.models import Dataset

__all__ = ["MAX_BYTES", "dumps", "iter_json", "loads", "read", "validation_sentence", "write"]

# A backup of a whole regional service is hundreds of MB; uploads in the app have their own cap.
MAX_BYTES = 2 * 1024 * 1024 * 1024


def validation_sentence(where: str, error: ValidationError) -> str:
    """One plain sentence for the first problem in ``error``, e.g. ``f.json people[2].name: …``."""
    first = error.errors()[0]
    path = ""
    for part in first["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    message = first["msg"].removeprefix("Value error, ")
    count = error.error_count()
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return f"{where} {path or 'top level'}: {message}{more}."


def loads(text: str | bytes, *, where: str = "JSON input") -> Dataset:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"{where} line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})."
        ) from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{where}: not UTF-8 text.") from None
    if not isinstance(data, dict):
        raise ImportFailed(f'{where} top level: expected a JSON object with "format": "netmap".')
    try:
        return Dataset.model_validate(data)
    except ValidationError as exc:
        raise ImportFailed(validation_sentence(where, exc)) from None


def read(path: Path, *, case_id: str | None = None, ego_id: str | None = None) -> Dataset:
    """Read a netmap JSON file; ``case_id`` and ``ego_id`` are ignored (the file names its own cases)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailed(
                f"{path.name}: the file is {size // 2**20} MB, larger than the {MAX_BYTES // 2**20} MB limit."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot be read ({exc.strerror}).") from None
    return loads(raw, where=path.name)


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
