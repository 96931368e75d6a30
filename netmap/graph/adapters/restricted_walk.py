"""Where restricted values sit in records and in audit entries' before/after, and a change applied
to each of them (sealing, opening, looking): the walks ``EncryptedStore`` makes."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

from netmap import models
from netmap.models import AuditEvent, restricted_fields

__all__ = ["RESTRICTED_KEYS", "Change", "changed_event", "has_secrets", "walk", "walk_dict", "walk_json"]

ModelT = TypeVar("ModelT", bound=BaseModel)
# (model, field name, value) -> new value
Change = Callable[[BaseModel, str, str], str]


@functools.cache
def _restricted(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(restricted_fields(model))


def _all_restricted_names() -> frozenset[str]:
    found: set[str] = set()
    for _, cls in inspect.getmembers(models, inspect.isclass):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            found |= _restricted(cls)
    return frozenset(found)


# Audit before/after are plain dicts (model dumps), so restricted values are found by key name.
RESTRICTED_KEYS = _all_restricted_names()


def _models_in(annotation: Any) -> set[type[BaseModel]]:
    """The model classes an annotation can hold (``list[Tie]``, ``Network | None`` …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    found: set[type[BaseModel]] = set()
    for arg in get_args(annotation):
        found |= _models_in(arg)
    return found


@functools.cache
def _secret_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Fields that are restricted or can hold a model with restricted fields: the only ones worth walking.

    >>> from netmap.models import Network, Tie
    >>> _secret_fields(Tie), "ties" in _secret_fields(Network), "people" in _secret_fields(Network)
    ((), False, True)
    """
    return tuple(
        name
        for name, info in model.model_fields.items()
        if name in _restricted(model) or any(_secret_fields(m) for m in _models_in(info.annotation))
    )


def walk(obj: ModelT, change: Change) -> ModelT:
    """``obj`` with ``change`` applied to every restricted str field at any depth (copies, no validation).
    Empty values, most of them, are passed over: empty stays empty whatever ``change`` does."""
    updates: dict[str, Any] = {}
    restricted = _restricted(type(obj))
    for name in _secret_fields(type(obj)):
        value = getattr(obj, name)
        if name in restricted and isinstance(value, str):
            new = change(obj, name, value) if value else value
            if new != value:
                updates[name] = new
        elif isinstance(value, BaseModel):
            sub = walk(value, change)
            if sub is not value:
                updates[name] = sub
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            items = [walk(v, change) if isinstance(v, BaseModel) else v for v in value]
            if any(new is not old for new, old in zip(items, value, strict=True)):
                updates[name] = items
    return obj.model_copy(update=updates) if updates else obj


@functools.cache
def _secret_parts(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel] | None], ...]:
    """``_secret_fields`` of ``model``, each with the one model it holds (None: a restricted text).

    >>> from netmap.models import Network
    >>> _secret_parts(Network)[:2]
    (('case', <class 'netmap.models.cases.Case'>), ('people', <class 'netmap.models.people.Person'>))
    """
    parts: list[tuple[str, type[BaseModel] | None]] = []
    for name in _secret_fields(model):
        if name in _restricted(model):
            parts.append((name, None))
            continue
        held = [m for m in _models_in(model.model_fields[name].annotation) if _secret_fields(m)]
        if len(held) != 1:
            raise TypeError(f"{model.__name__}.{name} may hold more than one model with restricted fields")
        parts.append((name, held[0]))
    return tuple(parts)


def has_secrets(model: type[BaseModel]) -> bool:
    """Whether a record of ``model`` can hold a restricted value (at any depth)."""
    return bool(_secret_fields(model))


def walk_json(value: dict[str, Any], model: type[BaseModel], change: Callable[[str], str]) -> None:
    """``change`` applied in place to every restricted str of ``value``, ``model``'s JSON value
    (``model_dump(mode="json")``), at any depth: what ``walk`` changes in the model itself. Empty
    values are passed over."""
    for name, inner in _secret_parts(model):
        item = value.get(name)
        if inner is None:
            if item and isinstance(item, str):
                value[name] = change(item)
        elif isinstance(item, dict):
            walk_json(item, inner, change)
        elif isinstance(item, list):
            for each in item:
                if isinstance(each, dict):
                    walk_json(each, inner, change)


def walk_dict(value: Any, change: Callable[[str], str], restricted_only: bool) -> Any:
    """``value`` with ``change`` applied to the str values at any depth (only under a restricted key
    with ``restricted_only``); what nothing changes in is returned as it is, not copied (an imported
    snapshot's audit entry holds a whole network)."""
    if isinstance(value, dict):
        out: dict[str, Any] | None = None
        for key, item in value.items():
            if isinstance(item, str):
                if restricted_only and key not in RESTRICTED_KEYS:
                    continue
                new = change(item)
            elif isinstance(item, dict | list):
                new = walk_dict(item, change, restricted_only)
            else:
                continue
            if new is not item:
                out = dict(value) if out is None else out
                out[key] = new
        return value if out is None else out
    if isinstance(value, list):
        items = [
            walk_dict(item, change, restricted_only) if isinstance(item, dict | list) else item
            for item in value
        ]
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items
    return value


def changed_event(event: AuditEvent, change: Callable[[dict[str, Any]], dict[str, Any]]) -> AuditEvent:
    """``event`` with ``change`` applied to its before/after; the same event when neither changes."""
    updates = {
        side: new
        for side in ("before", "after")
        if (old := getattr(event, side)) is not None and (new := change(old)) is not old
    }
    return event.model_copy(update=updates) if updates else event
