"""What a page tells a person after they act: one plain sentence for a problem, a message after success."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import streamlit as st
from pydantic import ValidationError

from netmap.errors import ConflictError, NetmapError
from netmap.renderers.escape import markdown_text

__all__ = ["attempt", "flash", "problem_sentence", "seen", "show_flash"]

T = TypeVar("T")
_FLASH = "flash-messages"
_SEEN = "seen-"
CONFLICT = "Someone else saved a change first: the page now shows their version; try again."


def problem_sentence(exc: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """The first problem pydantic found, as one sentence naming the field.

    ``labels`` maps a field name to the words the form shows for it.

    >>> from netmap.models import Person
    >>> try:
    ...     Person(id="p-1", name="  ")
    ... except ValidationError as exc:
    ...     print(problem_sentence(exc))
    Name: must not be blank.
    >>> try:
    ...     Person(id="p-1", name="Ann", birth_year=1990, deceased=True, death_year=1950)
    ... except ValidationError as exc:
    ...     print(problem_sentence(exc))
    Death year is before birth year.
    """
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ").rstrip(".")
    if not field:  # a rule across fields ("death_year is before birth_year"): its own words name them
        message = message.replace("_", " ")
        return f"{message[:1].upper()}{message[1:]}."
    label = (labels or {}).get(field) or field.replace("_", " ").replace(".", " ").capitalize()
    return f"{label}: {message}."


def flash(level: str, text: str) -> None:
    """Keep a message (``success``, ``warning`` or ``error``) to show after the next rerun."""
    st.session_state.setdefault(_FLASH, []).append((level, text))


def show_flash(*, toast: bool = False) -> None:
    """Show, escaped, the messages kept by ``flash`` and forget them (also as a toast, for phones)."""
    for level, text in st.session_state.pop(_FLASH, []):
        getattr(st, level)(markdown_text(text))
        if toast:
            st.toast(markdown_text(text))


def seen(key: str, value: T) -> T:
    """The ``value`` this person first saw for ``key`` (a version, a status): a save is based on it.

    A save that finds the record changed since then fails with a conflict instead of overwriting.
    """
    return st.session_state.setdefault(_SEEN + key, value)  # type: ignore[no-any-return]


def _forget_seen() -> None:
    for key in [k for k in st.session_state if str(k).startswith(_SEEN)]:
        del st.session_state[key]


def attempt(write: Callable[[], T], done: str | Callable[[T], None], *, conflict: str = "") -> None:
    """Run one service call; on success flash ``done`` (or call it) and rerun, else show one sentence.

    ``conflict`` replaces the standard words shown when someone else saved first.
    """
    _forget_seen()
    try:
        result = write()
    except ConflictError as exc:
        st.error(markdown_text(conflict or f"{exc} {CONFLICT}"))
    except ValidationError as exc:
        st.error(markdown_text(problem_sentence(exc)))
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
    else:
        if isinstance(done, str):
            flash("success", done)
        else:
            done(result)
        st.rerun()
