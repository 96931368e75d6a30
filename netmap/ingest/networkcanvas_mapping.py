"""How Network Canvas variables map onto netmap: names, closeness, frequency, support, gender and
which edge types are left out; a caller may override any entry of :data:`DEFAULT_MAPPING`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netmap.ingest.cells import cell_text, is_truthy, vocab
from netmap.models import Sector

__all__ = ["DEFAULT_MAPPING", "gender", "is_sensitive", "pick", "sector"]

DEFAULT_MAPPING: dict[str, Any] = {
    "name": ["name", "alter_name", "label", "nickname", "first_name"],
    "relationship": ["relationship", "relation", "rel", "relationship_type", "role"],
    "closeness": ["closeness", "relstrength", "rel_strength", "tie_strength", "strength", "close"],
    "frequency": ["contactfreq", "contact_freq", "contact_frequency", "frequency"],
    "support_to_ego": ["support_received", "gives_support", "support_from_alter"],
    "support_from_ego": ["support_given", "receives_support", "support_to_alter"],
    "domains": {
        d: [f"support_{d}", f"{d}_support", f"{d}support"]
        for d in (
            "emotional",
            "practical",
            "housing",
            "money",
            "education_work",
            "health",
            "advice",
            "leisure",
        )
    },
    "gender": ["gender", "sex"],
    "ego_name": ["ego_name", "name"],
    "closeness_values": {
        "very_close": 1,
        "extremely_close": 1,
        "close": 2,
        "somewhat_close": 2,
        "not_very_close": 3,
        "distant": 3,
        "not_close_at_all": 4,
        "not_close": 4,
    },
    "frequency_values": {
        "daily": "daily",
        "weekly": "weekly",
        "less_than_weekly": "monthly",
        "monthly": "monthly",
        "few_times_a_year": "few_times_a_year",
        "yearly": "yearly",
        "less_than_yearly": "rarely",
        "rarely": "rarely",
        "never": "none",
    },
    "relationship_sectors": {
        "family": [
            "mother",
            "father",
            "parent",
            "sister",
            "brother",
            "sibling",
            "aunt",
            "uncle",
            "cousin",
            "grand",
            "nan",
            "family",
            "son",
            "daughter",
        ],
        "professionals": [
            "worker",
            "officer",
            "teacher",
            "doctor",
            "professional",
            "coordinator",
            "advisor",
            "mentor",
            "keyworker",
        ],
    },
    # Edge types recording sex partners or drug use: research data, never support; left out.
    "sensitive_edge_types": ["sex", "drug", "needle", "inject", "substance"],
}


def pick(attrs: Mapping[str, Any], names: list[str], values: Mapping[str, Any] | None = None) -> Any:
    """The first of ``names`` that has a value (one of ``values``, when given)."""
    lowered = {k.lower(): v for k, v in attrs.items()}
    found = (lowered[n] for n in names if cell_text(lowered.get(n)))
    return next((v for v in found if values is None or vocab(v) in values), None)


GENDER_WORDS = {
    "female": "female",
    "woman": "female",
    "f": "female",
    "male": "male",
    "man": "male",
    "m": "male",
    "non_binary": "nonbinary",
    "nonbinary": "nonbinary",
    "genderqueer": "nonbinary",
    "agender": "nonbinary",
}


def gender(attrs: Mapping[str, Any], mapping: Mapping[str, Any]) -> str:
    value = vocab(pick(attrs, mapping["gender"], GENDER_WORDS))
    if not value:
        flags = [
            vocab(k.split("_", 1)[1])
            for k, v in attrs.items()
            if k.lower().startswith("gender_") and is_truthy(v)
        ]
        value = flags[0] if len(flags) == 1 else ""
    return GENDER_WORDS.get(value, "")


def sector(relationship: str, mapping: Mapping[str, Any]) -> str:
    word = relationship.lower()
    for sector, hints in mapping["relationship_sectors"].items():
        if any(h in word for h in hints):
            return sector
    return Sector.FRIENDS.value


def is_sensitive(edge_type: str, mapping: Mapping[str, Any]) -> bool:
    """Whether an edge type records something netmap never imports as support (sex, drug use).

    >>> is_sensitive("SexTie", DEFAULT_MAPPING), is_sensitive("Close", DEFAULT_MAPPING)
    (True, False)
    """
    word = edge_type.lower()
    return any(hint in word for hint in mapping["sensitive_edge_types"])
