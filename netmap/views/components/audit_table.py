"""The audit trail as a table, newest first: the History page's and the Accounts page's."""

from __future__ import annotations

import pandas as pd

from netmap.renderers.audit_lines import AuditLine

__all__ = ["audit_table"]

_COLUMNS = ["When", "Who", "What", "About", "What changed", "Outcome"]


def audit_table(lines: list[AuditLine]) -> pd.DataFrame:
    """One row a line, in plain words (the outcome "done" unless it was refused or a conflict)."""
    return pd.DataFrame(
        [
            {
                "When": line.when,
                "Who": line.who,
                "What": line.what,
                "About": line.about,
                "What changed": line.changes,
                "Outcome": line.outcome or "done",
            }
            for line in lines
        ],
        columns=_COLUMNS,
    )
