"""netmap's own JSON format: a whole store or one case, canonical so equal data gives equal bytes."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from netmap.errors import ImportFailed
from netmap.models import Dataset

__all__ = ["MAX_BYTES", "dumps", "loads", "read", "validation_sentence", "write"]

MAX_BYTES = 200 * 1024 * 1024


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


def dumps(dataset: Dataset) -> str:
    """Canonical JSON: every list sorted by id, keys sorted, two-space indent, final newline."""
    data = dataset.model_dump(mode="json")
    for value in data.values():
        if isinstance(value, list):
            value.sort(key=lambda row: row["id"])
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write(dataset: Dataset, path: Path) -> None:
    Path(path).write_text(dumps(dataset), encoding="utf-8")
