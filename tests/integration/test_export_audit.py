"""Every export is audited as it is made: who took what out of netmap, and in what form; a refused one is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from netmap.bootstrap import Services
from netmap.errors import AccessDenied
from netmap.models import AuditEvent
from netmap.services.access import Actor
from netmap.services.files import EXPORT_FORMATS
from netmap.services.users import SYSTEM_ACTOR

CASE = "c-fgc-jade"


def _exports(services: Services) -> list[AuditEvent]:
    return [e for e in services.store.audit_log() if e.action.startswith("export.")]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_each_format_of_one_case_leaves_one_line_naming_the_case_and_the_actor(
    sample_services: Services, demo_actors: dict[str, Actor], fmt: str, tmp_path: Path
) -> None:
    before = len(_exports(sample_services))
    facilitator = demo_actors["facilitator"]
    sample_services.files.export_files(facilitator, fmt, CASE, tmp_path)
    new = _exports(sample_services)[before:]
    assert [(e.actor, e.case_id) for e in new] == [(facilitator.username, CASE)]
    assert new[0].action == ("export.pack" if fmt == "pack" else "export.case")
    if fmt != "pack":
        form = "netmap JSON" if fmt == "json" else "another tool's format"
        assert new[0].after == {"form": form}


def test_the_whole_store_export_is_audited_as_such(sample_services: Services, tmp_path: Path) -> None:
    before = len(_exports(sample_services))
    sample_services.files.export_files(SYSTEM_ACTOR, "json", None, tmp_path)
    new = _exports(sample_services)[before:]
    assert [(e.action, e.entity_id, e.case_id) for e in new] == [("export.all", "all", None)]


def test_a_refused_export_leaves_no_line(
    sample_services: Services, demo_actors: dict[str, Actor], tmp_path: Path
) -> None:
    before = len(_exports(sample_services))
    for who, case in (("practitioner", CASE), ("facilitator", "c-always-hope"), ("coordinator", None)):
        with pytest.raises(AccessDenied):
            sample_services.files.export_files(demo_actors[who], "json", case, tmp_path)
    with pytest.raises(AccessDenied):
        sample_services.files.export_files(demo_actors["practitioner"], "csv", CASE, tmp_path)
    assert len(_exports(sample_services)) == before
