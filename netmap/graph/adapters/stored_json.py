"""A stored record's JSON value read from the text a store holds, without building the record when
that text is already what the record would give: the read of a whole-store export
(``GraphStore.each_json``).

Every store writes a record as ``record.model_dump_json()`` of a validated record, so for today's
models the text read back is the record's value: validating it and dumping it again
(``model_dump(mode="json")``) gives the same value. That holds for what netmap itself wrote, and only
while the models have not changed since. So the text is taken as it is only when it has exactly the
fields today's model has, at every depth (a row written before a field was added is validated, which
fills the field's default in), its numbers are of the field's type (orjson reads an integer past 64
bits as a float), and no validator of today's would change a value it holds (``_UNCHANGED``); any
other text is validated as ``GraphStore.each`` validates it.

A new validator that changes a value it accepts (rather than only refusing it) has to be looked at
here: rows stored before it may hold values it would change. tests/unit/graph/test_stored_json.py
lists every validator of the records' models, and fails on one it does not know.

A stored value that today's validation would refuse (netmap writes none) is exported as stored,
where ``each`` would raise: the export does not check records, the import of its file does.
"""

from __future__ import annotations

import functools
import math
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, Union, get_args, get_origin

import orjson
from pydantic import BaseModel

from netmap.models import STORED, MapPoint

__all__ = ["has_shape", "stored_json"]

RecordT = TypeVar("RecordT", bound=BaseModel)


def _same_float(a: float, b: float) -> bool:
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


# Today's validators that may change a value they accept, with the test a stored value passes when
# validation leaves it as it is. A stored angle may not be in today's range: 180.0, which netmap
# before 2026-12-07 stored for -180.00000000000003, is read back as -180.0.
_UNCHANGED: dict[tuple[type[BaseModel], str], Callable[[Any], bool]] = {
    (MapPoint, "angle"): lambda angle: _same_float(MapPoint._half_turn_each_side(angle), angle),
}


@dataclass(frozen=True)
class _Shape:
    """What a model's JSON value holds: its field names; the types each number field's value may
    have; the fields holding a model (or a list of them, or None); the values to test."""

    names: frozenset[str]
    numbers: tuple[tuple[str, frozenset[type]], ...]
    models: tuple[tuple[str, _Shape, frozenset[type]], ...]
    unchanged: tuple[tuple[str, Callable[[Any], bool]], ...]


def _parts(annotation: Any) -> tuple[Any, ...]:
    """The alternatives of ``X | Y | None`` (``X`` alone otherwise)."""
    return get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else (annotation,)


def _mentions(annotation: Any, wanted: Callable[[Any], bool]) -> bool:
    return wanted(annotation) or any(_mentions(arg, wanted) for arg in get_args(annotation))


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@functools.cache
def _shape(model: type[BaseModel]) -> _Shape | None:
    """``model``'s shape; None for a model this module cannot check (its records are always validated).

    A field may hold one model (``M``, ``M | None``, ``list[M]``), an int or a float (``| None``), or
    anything else that is neither (text, dates, words of a vocabulary, lists and dicts of them).
    """
    numbers: list[tuple[str, frozenset[type]]] = []
    models: list[tuple[str, _Shape, frozenset[type]]] = []
    for name, info in model.model_fields.items():
        parts = _parts(info.annotation)
        held = frozenset({type(None)} if type(None) in parts else set())
        rest = [part for part in parts if part is not type(None)]
        if not _mentions(info.annotation, lambda a: _is_model(a) or a in (int, float, Any, object)):
            continue
        if len(rest) != 1:
            return None
        (part,) = rest
        if part in (int, float):
            numbers.append((name, held | {part}))
        elif _is_model(part) or (get_origin(part) is list and _is_model(next(iter(get_args(part)), None))):
            inner = _shape(part if _is_model(part) else get_args(part)[0])
            if inner is None:
                return None
            models.append((name, inner, held | {dict if _is_model(part) else list}))
        else:
            return None
    return _Shape(
        names=frozenset(model.model_fields),
        numbers=tuple(numbers),
        models=tuple(models),
        unchanged=tuple((name, test) for (kind, name), test in _UNCHANGED.items() if kind is model),
    )


def has_shape(model: type[BaseModel]) -> bool:
    """Whether records of ``model`` can be read without validation at all."""
    return _shape(model) is not None


def _fits(value: dict[str, Any], shape: _Shape) -> bool:
    # The same test as ``value.keys() == shape.names``, several times faster.
    if len(value) != len(shape.names) or not shape.names.issuperset(value):
        return False
    for name, held in shape.numbers:
        if type(value[name]) not in held:
            return False
    for name, test in shape.unchanged:
        if not test(value[name]):
            return False
    for name, inner, held in shape.models:
        item = value[name]
        kind = type(item)
        if kind not in held:
            return False
        if kind is dict:
            if not _fits(item, inner):
                return False
        elif kind is list:
            for each in item:
                if type(each) is not dict or not _fits(each, inner):
                    return False
    return True


def stored_json(
    kind: type[RecordT], text: str, decode: Callable[[str], RecordT] | None = None
) -> dict[str, Any]:
    """The JSON value (``model_dump(mode="json")``) of the ``kind`` record a store holds as ``text``:
    ``text`` read as it is when it is that value already, else validated as the store reads it
    (``decode``; by default ``kind.model_validate_json`` with the context ``STORED``) and dumped.
    The value is the caller's own, to change.

    >>> from netmap.models import Person
    >>> ann = Person(id="p-1", name="Ann")
    >>> stored_json(Person, ann.model_dump_json()) == ann.model_dump(mode="json")
    True
    >>> stored_json(Person, '{"id": "p-1", "name": "Ann"}')["kind"]
    'person'
    """
    shape = _shape(kind)
    if shape is not None:
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            value = None
        if type(value) is dict and _fits(value, shape):
            return value
    record = kind.model_validate_json(text, context=STORED) if decode is None else decode(text)
    return record.model_dump(mode="json")
