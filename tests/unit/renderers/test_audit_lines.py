"""The audit trail in words: who, what, about whom, and which fields changed."""

from __future__ import annotations

from datetime import UTC, datetime

from netmap.models import AuditEvent
from netmap.renderers.audit_lines import audit_lines, changed_fields, concerns

AT = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


def _event(
    seq: int, action: str, entity: str, entity_id: str, before=None, after=None, **extra
) -> AuditEvent:  # type: ignore[no-untyped-def]
    return AuditEvent(
        seq=seq, at=AT, actor="amy", action=action, entity=entity, entity_id=entity_id,
        case_id="c-1", before=before, after=after, **extra,
    )  # fmt: skip


def test_lines_come_newest_first_with_the_person_named() -> None:
    events = [
        _event(1, "member.add", "membership", "c-1|p-nan", after={"role_label": "Nan"}),
        _event(2, "member.update", "membership", "c-1|p-nan", {"role_label": "Nan"}, {"role_label": "Gran"}),
    ]
    lines = audit_lines(events, {"p-nan": "Maureen"})
    assert [(x.seq, x.what, x.about, x.changes) for x in lines] == [
        (2, "changed in the map", "Maureen", "role label: Nan → Gran"),
        (1, "added to the map", "Maureen", ""),
    ]
    assert lines[0].when == "1 Jun 2026, 10:30"  # British Summer Time


def test_someone_no_longer_in_the_map_is_named_as_the_trail_last_recorded_them() -> None:
    events = [
        _event(
            1, "person.update", "person", "p-kyle", {"name": "Kyle A"}, {"name": "Kyle Ashby", "known_as": ""}
        ),
        _event(2, "member.remove", "membership", "c-1|p-kyle", before={"role_label": "brother"}),
    ]
    assert [line.about for line in audit_lines(events, {})] == ["Kyle Ashby", "Kyle Ashby"]


def test_a_relationship_names_both_ends_and_concerns_each() -> None:
    tie = _event(3, "tie.add", "tie", "t-1", after={"from_id": "p-a", "to_id": "p-b", "valence": "positive"})
    [line] = audit_lines([tie], {"p-a": "Ann", "p-b": "Bo"})
    assert line.about == "Ann – Bo"
    assert concerns(tie, "p-a") and concerns(tie, "p-b") and not concerns(tie, "p-c")
    member = _event(4, "member.add", "membership", "c-1|p-c")
    assert concerns(member, "p-c") and not concerns(member, "c-1")


def test_values_the_reader_may_not_see_and_unknown_actions() -> None:
    hidden = _event(5, "person.update", "person", "p-a")  # before and after taken out by the service
    assert changed_fields(hidden.before, hidden.after) == ""
    odd = _event(6, "something.new", "note", "n-1", outcome="refused")
    [line] = audit_lines([odd], {})
    assert (line.what, line.about, line.outcome) == ("something.new", "note", "refused")
    sso = _event(7, "login.sso.oidc", "user", "amy")
    assert audit_lines([sso], {})[0].what == "signed in through oidc"


def test_long_values_are_cut_and_lists_shown_as_written() -> None:
    text = changed_fields({"notes": "x" * 100, "tags": []}, {"notes": "y\n\tz", "tags": ["a"]})
    # one line, for the table and the shell
    assert text == f'notes: {"x" * 59}… → y z; tags: (none) → ["a"]'
