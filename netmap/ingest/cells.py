"""Cell values as netmap reads and writes them: text, yes/no, vocabulary words, lists and formula quoting."""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "FALSE_WORDS",
    "TRUE_WORDS",
    "cell_text",
    "is_truthy",
    "neutralise",
    "split_list",
    "unquote",
    "vocab",
]

TRUE_WORDS = frozenset({"yes", "y", "true", "1", "x", "ego"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", ""})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_truthy(value: object) -> bool:
    """Spreadsheet-style yes/no: ``yes``, ``y``, ``true``, ``1``, ``x`` are true.

    >>> is_truthy(" Yes "), is_truthy(""), is_truthy(None)
    (True, False, False)
    """
    if value is None:
        return False
    return str(value).strip().lower() in TRUE_WORDS


def cell_text(value: object) -> str:
    """A cell as text; empty for blanks and NaN, integers without a trailing ``.0``.

    >>> cell_text(None), cell_text(3.0), cell_text(float("nan")), cell_text("  Ann ")
    ('', '3', '', 'Ann')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer():
            return str(int(value))
    if hasattr(value, "isoformat") and not isinstance(value, str):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value).strip()


def neutralise(value: object) -> str:
    """A cell safe to open in a spreadsheet: text starting with = + - @ tab or CR gets a leading quote.

    >>> neutralise("=HYPERLINK(1)"), neutralise("Ann"), neutralise(3)
    ("'=HYPERLINK(1)", 'Ann', '3')
    """
    text = cell_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def unquote(value: Any) -> Any:
    """Undo :func:`neutralise`, so a sheet netmap wrote reads back exactly.

    >>> unquote("'=1+1"), unquote("'quoted")
    ('=1+1', "'quoted")
    """
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in _FORMULA_START:
        return value[1:]
    return value


def vocab(value: object) -> str:
    """A vocabulary word from what people type: ``"Few times a year"`` -> ``few_times_a_year``.

    >>> vocab(" Safety-checked "), vocab(None)
    ('safety_checked', '')
    """
    return re.sub(r"[\s/-]+", "_", cell_text(value).lower())


def split_list(value: object) -> list[str]:
    """Items of a list cell separated by ``;``, ``,`` or ``|``, as vocabulary words.

    >>> split_list("Emotional; housing|money")
    ['emotional', 'housing', 'money']
    """
    return [vocab(v) for v in re.split(r"[;,|]", cell_text(value)) if v.strip()]
