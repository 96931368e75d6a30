"""The sample cases as Networks, for renderer tests that must hold on every real-looking map."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from netmap.models import Dataset, Network

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"
SAMPLE_FILES = tuple(sorted(p.name for p in SAMPLES.glob("*.json")))


@cache
def sample_network(name: str) -> Network:
    """The one case in ``data/samples/<name>`` with its people, memberships, family links and ties."""
    data = Dataset.model_validate_json((SAMPLES / name).read_text(encoding="utf-8"))
    (case,) = data.cases
    ids = {m.person_id for m in data.memberships if m.case_id == case.id}
    return Network(
        case=case,
        people=[p for p in data.people if p.id in ids],
        memberships=[m for m in data.memberships if m.case_id == case.id],
        kin=[k for k in data.kin if k.from_id in ids and k.to_id in ids],
        ties=[t for t in data.ties if t.case_id == case.id],
    )
