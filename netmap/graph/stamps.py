"""Case stamps: one token per case that changes whenever anything its network or snapshots hold changes.

A stamp is a digest of the id, version and size of every record a case's network is built from
(the case, its memberships, their people, the kin among them, its ties and its snapshots). Every
write raises a record's version, and a deleted or added record changes the set, so an unchanged
stamp means an unchanged case: results derived from it (the cohort rows) can be kept under it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

__all__ = ["SQLITE_CASE_STAMPS", "digest_parts"]

# Each part is "<kind letter><id>@<version>/<size>"; ids never hold a comma (models.Id).
SQLITE_CASE_STAMPS = """
SELECT case_id, group_concat(part, ',') FROM (
    SELECT id AS case_id, 'c' || id || '@' || version || '/' || length(data) AS part FROM "case"
    UNION ALL SELECT case_id, 'm' || id || '@' || version || '/' || length(data) FROM membership
    UNION ALL SELECT case_id, 't' || id || '@' || version || '/' || length(data) FROM tie
    UNION ALL SELECT case_id, 's' || id || '@' || version || '/' || length(data) FROM snapshot
    UNION ALL SELECT m.case_id, 'p' || p.id || '@' || p.version || '/' || length(p.data)
        FROM membership AS m JOIN person AS p ON p.id = m.person_id
    UNION ALL SELECT a.case_id, 'k' || k.id || '@' || k.version || '/' || length(k.data)
        FROM kin AS k
        JOIN membership AS a ON a.person_id = k.from_id
        JOIN membership AS b ON b.person_id = k.to_id AND b.case_id = a.case_id
    ORDER BY case_id, part
) GROUP BY case_id
"""


def digest_parts(parts: Iterable[str]) -> str:
    """A short digest of a case's parts, whatever order they come in.

    >>> digest_parts(["t-1@2/90", "c-1@1/40"]) == digest_parts(["c-1@1/40", "t-1@2/90"])
    True
    >>> digest_parts(["c-1@1/40"]) == digest_parts(["c-1@2/40"])
    False
    """
    return hashlib.blake2b(",".join(sorted(parts)).encode(), digest_size=16).hexdigest()
