"""Field types shared by every record: checked text, ids, past dates and the restricted marker."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator

__all__ = [
    "Id",
    "LongText",
    "Name",
    "PastDate",
    "RestrictedLongText",
    "RestrictedShortText",
    "STORED",
    "ShortText",
    "membership_id",
    "new_id",
    "restricted_choice",
    "restricted_field",
]


# Control characters, lone surrogates and the noncharacters U+FFFE/U+FFFF: none is text a person
# typed, and each breaks a file format netmap writes (XML, XLSX, UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def _one_line(value: str) -> str:
    if value.isprintable():
        # No control character, line break, separator or lone surrogate, and no space but " ":
        # what the lines below would give, without them (every stored name is read through here).
        return value.strip()
    value = value.strip(" \t\n\r")
    if _CONTROL.search(value) or _LINE_BREAKS.search(value):
        raise ValueError("must be one line without control characters")
    return value.strip()


def _clean_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be blank")
    return value


_TODAY: tuple[int, date] = (-1, date.min)


def _today() -> date:
    """``date.today()``, worked out again only when the second has changed: every stored date is read
    through ``_not_future``, and a day begins on a whole second.

    >>> _today() == date.today()
    True
    """
    global _TODAY
    second = int(time.time())
    if _TODAY[0] != second:
        _TODAY = (second, date.fromtimestamp(second))
    return _TODAY[1]


def _not_future(value: date | None) -> date | None:
    if value is not None and value > _today():
        raise ValueError("must not be in the future")
    return value


Name = Annotated[str, AfterValidator(_one_line), AfterValidator(_not_blank), Field(max_length=120)]
ShortText = Annotated[str, AfterValidator(_one_line), Field(max_length=200)]
LongText = Annotated[str, AfterValidator(_clean_text), Field(max_length=5000)]
PastDate = Annotated[date, AfterValidator(_not_future)]
Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:|@-]+$")]


# The validation context a store adapter reads records back with: a restricted field may then hold
# the store's sealed form of the text (longer than the text it hides, which was checked before it
# was sealed). Anything a person types is checked as it stands, whatever it starts with.
STORED: dict[str, Any] = {"stored": True}


def _sealed_or_checked(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    if isinstance(value, str) and isinstance(info.context, dict) and info.context.get("stored"):
        return value
    return handler(value)


RestrictedShortText = Annotated[ShortText, WrapValidator(_sealed_or_checked)]
RestrictedLongText = Annotated[LongText, WrapValidator(_sealed_or_checked)]


def restricted_choice(values: Iterable[str]) -> Any:
    """A restricted text field holding one of ``values`` or nothing (a sealed value passes as stored).

    >>> from pydantic import TypeAdapter, ValidationError
    >>> check = TypeAdapter(restricted_choice(["yes", "no"]))
    >>> check.validate_python("yes"), check.validate_python("")
    ('yes', '')
    >>> try:
    ...     check.validate_python("maybe")
    ... except ValidationError as error:
    ...     print(error.errors()[0]["msg"])
    Value error, must be one of: yes, no
    """
    allowed = tuple(values)

    def one_of(value: str) -> str:
        if value and value not in allowed:
            raise ValueError(f"must be one of: {', '.join(allowed)}")
        return value

    return Annotated[str, AfterValidator(one_of), WrapValidator(_sealed_or_checked)]


def restricted_field(**kwargs: Any) -> Any:
    return Field(json_schema_extra={"restricted": True}, **kwargs)


def new_id(prefix: str) -> str:
    """A fresh identifier such as ``p-3f2a9c1b0d4e``."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def membership_id(case_id: str, person_id: str) -> str:
    return f"{case_id}|{person_id}"


# --------------------------------------------------------------------------- records
