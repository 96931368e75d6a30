"""What the store keeps for one account alone, forgotten when that account's access ends.

The store keeps derived rows per case and view (``GraphStore.keep_cohort_rows``). The ``full`` view
and the evidence serve everyone who sees whole cases and belong to no account; every other view is
one account's (``cohort_rows.view_of``): its cohort report rows and its partnership entries
(``partnership_rows.partnership_view``). The write that ends an account's access to a case (a grant
removed) or ends the account (an erasure) forgets that view's rows in the same unit
(``WriteBatch.forget``), so no derived data about a case stays for someone who may no longer read
it. Reports never showed such rows (they list only the cases their reader holds); now the store
no longer holds them either. Rows are derived data: forgetting them has no audit entry of its own,
as keeping them has none; the entry of the write that ends the access records why.

One way back remains: a report that read the case before the grant went (or a session whose actor
still names the case, for at most the minute before it reads its grants again:
``views.session.ACCESS_CHECK_SECONDS``) keeps its row after it, as the case's generation has not
moved. That row is never shown to anyone else, is not computed again by an edit
(``kept_fresh``), and goes with the case or the account.
"""

from __future__ import annotations

from collections.abc import Iterable

from netmap.graph.store import ForgetKept
from netmap.models import Role
from netmap.services.access import Actor
from netmap.services.cohort_rows import FULL, view_of
from netmap.services.partnership_rows import partnership_view

__all__ = ["forget_account"]


def forget_account(username: str, role: Role, case_ids: Iterable[str] | None = None) -> list[ForgetKept]:
    """The rows kept for the account's own view, of ``case_ids`` or of every case (None); nothing
    when its view is the shared ``full`` one.

    >>> [(f.view, sorted(f.case_ids or ())) for f in forget_account("pat", Role.PRACTITIONER, ["c-1"])]
    [('practitioner:pat', ['c-1']), ('partnership:practitioner:pat', ['c-1'])]
    >>> forget_account("amy", Role.COORDINATOR, ["c-1"])
    []
    """
    actor = Actor(username, role)
    if view_of(actor) == FULL:
        return []
    cases = None if case_ids is None else frozenset(case_ids)
    return [ForgetKept(view_of(actor), cases), ForgetKept(partnership_view(actor), cases)]
