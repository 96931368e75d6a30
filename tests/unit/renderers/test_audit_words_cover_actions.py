"""Every action a service writes to the audit trail has words on the History page and in `netmap audit`."""

from __future__ import annotations

import ast
from pathlib import Path

from netmap.renderers.audit_lines import ACTION_WORDS

SERVICES = Path(__file__).resolve().parents[3] / "netmap" / "services"
# The calls that name an audited action, and the position of the action among their arguments
# (``self`` not counted): ``self._write(actor, ACTION, …)``, ``audit_event(at, actor, ACTION, …)``…
ACTION_AT = {"_write": 1, "audit_event": 2, "_tombstone": 1, "_audit": 1}


def _literals(node: ast.expr) -> list[str]:
    """The action strings an argument can be: a literal, or either side of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def _written_actions() -> set[str]:
    actions: set[str] = set()
    for path in SERVICES.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                at = ACTION_AT.get(name)
                if at is not None and len(node.args) > at:
                    actions.update(_literals(node.args[at]))
                actions.update(v for k in node.keywords if k.arg == "action" for v in _literals(k.value))
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "action" for t in node.targets
            ):
                actions.update(_literals(node.value))
    return actions


def test_every_action_written_has_words() -> None:
    written = _written_actions()
    assert {"member.add", "user.role", "export.case", "person.erase"} <= written  # the scan finds them
    assert sorted(written - ACTION_WORDS.keys()) == []
