"""Case stamps: one token per case that changes whenever anything its network or snapshots hold changes.

A stamp is a digest of the id and version of every record a case's network is built from (the
case, its memberships, their people, the kin among them, its ties and its snapshots) and of the
newest audit entry filed under the case. Every write raises a record's version, and a deleted or
added record changes the set; a record deleted and created again starts at version 1 again, but
the service that did it filed an audit entry under the case. So an unchanged stamp means an
unchanged case: results derived from it (the cohort rows) can be kept under it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["SQLITE_CASE_STAMPS", "digest_parts", "stamps_from"]

# One query per part of a case, each grouped by case on its own index (one query over their union
# would sort every row); a part is "<id>@<version>", and ids never hold a comma (models.Id). The
# order within a group is the table's, the same from one read to the next unless something changed.
SQLITE_CASE_STAMPS = (
    """SELECT id, id || '@' || version FROM "case" """,
    "SELECT case_id, group_concat(id || '@' || version) FROM membership GROUP BY case_id",
    "SELECT case_id, group_concat(id || '@' || version) FROM tie GROUP BY case_id",
    "SELECT case_id, group_concat(id || '@' || version) FROM snapshot GROUP BY case_id",
    "SELECT m.case_id, group_concat(p.id || '@' || p.version) "
    "FROM membership AS m JOIN person AS p ON p.id = m.person_id GROUP BY m.case_id",
    "SELECT a.case_id, group_concat(k.id || '@' || k.version) FROM kin AS k "
    "JOIN membership AS a ON a.person_id = k.from_id "
    "JOIN membership AS b ON b.person_id = k.to_id AND b.case_id = a.case_id GROUP BY a.case_id",
    "SELECT case_id, max(seq) FROM audit WHERE case_id IS NOT NULL GROUP BY case_id",
)


def digest_parts(parts: Iterable[str]) -> str:
    """A short digest of a case's parts, whatever order they come in.

    >>> digest_parts(["t-1@2", "c-1@1"]) == digest_parts(["c-1@1", "t-1@2"])
    True
    >>> digest_parts(["c-1@1"]) == digest_parts(["c-1@2"])
    False
    """
    return hashlib.blake2b(",".join(sorted(parts)).encode(), digest_size=16).hexdigest()


def stamps_from(results: Iterable[Iterable[Sequence[Any]]]) -> dict[str, str]:
    """Every case's stamp from the rows of the stamp queries, the cases' own query first.

    Each row is (case id, part); a part is text or a list of texts (a Cypher ``collect``). Rows of
    cases that no longer exist (the audit trail still names them) are left out.

    >>> first = stamps_from([[("c-1", "c-1@1")], [("c-1", ["t-2@1", "t-1@3"]), ("c-gone", "x")]])
    >>> first == stamps_from([[("c-1", "c-1@1")], [("c-1", ["t-1@3", "t-2@1"])]])
    True
    """
    results = iter(results)
    parts = {case_id: [str(part)] for case_id, part in next(results)}
    for n, rows in enumerate(results, 1):
        for case_id, part in rows:
            if case_id in parts:
                text = ",".join(sorted(map(str, part))) if isinstance(part, list) else str(part)
                parts[case_id].append(f"{n}:{text}")
    return {case_id: digest_parts(found) for case_id, found in parts.items()}
