"""Lead finder: propose the people named in pasted case-file text, with their kinship terms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from netmap.errors import ValidationFailed
from netmap.models import Certainty, Gender, Person, Sector
from netmap.planning.lead_words import (
    AFTER_COMMA_NAME,
    COUPLES,
    DETERMINERS,
    INFORMAL,
    KIN_TERMS,
    LINKS,
    MODIFIERS,
    NOT_NAMES,
    NOT_PEOPLE_AFTER,
    PARENT_KIN,
    PARTICLES,
    PLURALS,
    POSSESSIVES,
    PREFIXES,
    SERVICE_WORDS,
    TITLES,
)

__all__ = ["MAX_TEXT", "Lead", "find_leads"]

MAX_TEXT = 200_000

_TOKEN = re.compile(r"[^\W\d_](?:[\w’'\-]*[^\W_])?|\d+|[^\w\s]")


class Lead(BaseModel):
    """A person proposed from case-note text, for the coordinator to accept or reject.

    ``matches`` holds the ids of existing people whose names fit; ``start``/``end`` locate the
    mention in the pasted text; ``excerpt`` is the sentence it came from.
    """

    model_config = ConfigDict(frozen=True)
    name: str
    known_as: str = ""
    term: str
    relation: str
    side: str = ""
    sector: Sector
    gender: Gender = Gender.UNKNOWN
    deceased: bool = False
    confidence: Certainty
    excerpt: str
    start: int
    end: int
    matches: list[str] = []


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        """Lower case, hyphens and a possessive 's removed: the form the vocabularies use."""
        text = self.text.replace("’", "'").lower()
        return text.removesuffix("'s").replace("-", "")

    @property
    def possessive(self) -> bool:
        return self.text.replace("’", "'").lower().endswith("'s")

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


class _Name(NamedTuple):
    name: str
    known_as: str
    gender: Gender
    start: int
    end: int


def find_leads(text: str, people: Sequence[Person] = ()) -> list[Lead]:
    """People named or referred to by kinship in ``text``, linked to ``people`` whose names match.

    Bare names without a relation are not proposed: a case file is full of place and service names.

    >>> [(lead.name, lead.term) for lead in find_leads("We spoke to his maternal aunt Sharon Miles.")]
    [('Sharon Miles', 'maternal aunt')]
    >>> find_leads("The review took place on Monday at the Civic Hall.")
    []
    """
    if len(text) > MAX_TEXT:
        raise ValidationFailed(
            f"The case-note text is too long ({len(text)} characters); paste at most {MAX_TEXT} at a time."
        )
    toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    leads: list[Lead] = []
    i = 0
    while i < len(toks):
        found = _relation_at(toks, i)
        if found is None:
            i += 1
            continue
        leads.extend(_leads_for(text, toks, i, *found))
        i = found[0]
    return _link(_merge(leads), people)


def _relation_at(toks: list[_Tok], i: int) -> tuple[int, str, tuple[str, Sector, Gender], bool] | None:
    """(index after the relation, prefix, relation info, plural) for a relation starting at ``i``."""
    for width in (2, 1):
        words = [t.low for t in toks[i : i + width]]
        if len(words) < width or not all(w.isalpha() for w in words) or (width == 2 and toks[i].possessive):
            continue
        joined = " ".join(words)
        plural = joined in PLURALS
        joined = PLURALS.get(joined, joined)
        if joined in KIN_TERMS:
            return i + width, "", KIN_TERMS[joined], plural
        if width == 1:
            for prefix in PREFIXES:
                rest = joined.removeprefix(prefix)
                if (
                    rest != joined
                    and rest in KIN_TERMS
                    and (KIN_TERMS[rest][1] is Sector.FAMILY or rest in COUPLES)
                ):
                    return i + 1, prefix, KIN_TERMS[rest], False
    return None


def _leads_for(
    text: str,
    toks: list[_Tok],
    i: int,
    after: int,
    prefix: str,
    info: tuple[str, Sector, Gender],
    plural: bool,
) -> list[Lead]:
    relation, sector, gender = info
    head = toks[after - 1]
    if after < len(toks) and toks[after].low in NOT_PEOPLE_AFTER:
        return []
    if head.possessive and after < len(toks) and _relation_at(toks, _skip_modifiers(toks, after)):
        return []  # "his mother's sister Pat": the sister is the lead, found on the next step
    mods_start = i
    while mods_start > 0 and toks[mods_start - 1].low in MODIFIERS and not toks[mods_start - 1].possessive:
        mods_start -= 1
    mods = {t.low for t in toks[mods_start:i]}
    owner = _owner_before(toks, mods_start) if sector is not Sector.PROFESSIONALS else ""
    side = "maternal" if "maternal" in mods else "paternal" if "paternal" in mods else ""
    if owner:
        side = "maternal" if owner == "mother" else "paternal"
        relation, sector = PARENT_KIN.get(relation, f"{owner}'s {relation}"), Sector.FAMILY
    if relation in COUPLES and (prefix == "ex" or mods & {"ex", "former"}):
        relation = f"ex-{relation}"
    elif prefix and prefix != "ex":
        relation = f"{prefix.replace('greatgreat', 'great-great')}-{relation}"
    term_first = mods_start - 1 if owner else mods_start
    term_start = toks[term_first].start
    base = Lead(
        name="",
        term=text[term_start : head.end],
        relation=relation,
        side=side,
        sector=sector,
        gender=gender,
        deceased="late" in mods,
        confidence=Certainty.POSSIBLE,
        excerpt=_excerpt(text, term_start),
        start=term_start,
        end=head.end,
    )
    names = [] if head.possessive else _names_after(toks, after, plural)
    names = _share_surname(names or _name_before(toks, term_first, plural))
    if names:
        return [
            base.model_copy(
                update={
                    "name": n.name,
                    "known_as": n.known_as,
                    "gender": n.gender
                    if n.gender is not Gender.UNKNOWN
                    else (Gender.UNKNOWN if plural else gender),
                    "confidence": Certainty.PROBABLE if " " in n.name else Certainty.POSSIBLE,
                    "start": n.start,
                    "end": n.end,
                }
            )
            for n in names
        ]
    possessed = owner or (term_first > 0 and toks[term_first - 1].low in POSSESSIVES)
    informal = toks[i].text == toks[i].text.capitalize() and toks[i].low in INFORMAL
    return (
        [base] if sector in {Sector.FAMILY, Sector.FRIENDS} and not plural and (possessed or informal) else []
    )


def _skip_modifiers(toks: list[_Tok], k: int) -> int:
    while k < len(toks) and toks[k].low in MODIFIERS:
        k += 1
    return k


def _owner_before(toks: list[_Tok], j: int) -> str:
    """ "mother" in "his mother's sister Pat": the parent a kin term hangs from."""
    if j == 0 or not toks[j - 1].possessive:
        return ""
    rel = KIN_TERMS.get(toks[j - 1].low)
    return rel[0] if rel and rel[0] in {"mother", "father"} else ""


def _names_after(toks: list[_Tok], j: int, plural: bool) -> list[_Name]:
    k = j
    while k < len(toks) and toks[k].low in LINKS and k - j < 3:
        k += 1
    links = {t.text for t in toks[j:k]}
    names: list[_Name] = []
    while True:
        found = _names_at(toks, k)
        if found is None:
            break
        parsed, k = found
        if "(" in links and (k >= len(toks) or toks[k].text != ")"):
            break
        if "," in links and k < len(toks) and toks[k].low not in AFTER_COMMA_NAME and not plural:
            break
        names.extend(parsed)
        if not plural or k >= len(toks) or not _is_list_separator(toks[k]):
            break
        k += 1
    return names


def _names_at(toks: list[_Tok], k: int) -> tuple[list[_Name], int] | None:
    """The name (or a couple, "Mr and Mrs Patel") starting at ``k``, and the index after it."""
    titles: list[_Tok] = []
    start = k
    while k < len(toks) and toks[k].is_cap and toks[k].low in TITLES and len(titles) < 2:
        titles.append(toks[k])
        k += 2 if k + 1 < len(toks) and toks[k + 1].text == "." else 1
        if k + 1 < len(toks) and toks[k].low in {"and", "&"} and toks[k + 1].low in TITLES and not titles[1:]:
            k += 1
            continue
        break
    parts: list[_Tok] = []
    known_as = ""
    while k < len(toks) and len(parts) < 4:
        particle = parts and toks[k].low in PARTICLES and k + 1 < len(toks) and _is_name_word(toks[k + 1])
        if not (_is_name_word(toks[k]) or particle):
            break
        parts.append(toks[k])
        k += 1
        if (
            k + 2 < len(toks)
            and toks[k].text == "("
            and _is_name_word(toks[k + 1])
            and toks[k + 2].text == ")"
        ):
            known_as = toks[k + 1].text
            k += 3
    if not parts or (k < len(toks) and toks[k].is_cap and toks[k].low in SERVICE_WORDS):
        return None
    words = [p.text for p in parts]
    words[-1] = words[-1][:-2] if parts[-1].possessive else words[-1]
    base = " ".join(words)
    if not titles:
        return [_Name(base, known_as, Gender.UNKNOWN, toks[start].start, parts[-1].end)], k
    return [_Name(f"{t.text} {base}", known_as, TITLES[t.low], t.start, parts[-1].end) for t in titles], k


def _is_name_word(t: _Tok) -> bool:
    if not t.is_cap or t.low in NOT_NAMES or t.low in KIN_TERMS or t.low in TITLES:
        return False
    return not (t.text.isupper() and 1 < len(t.text) <= 4)


def _name_before(toks: list[_Tok], j: int, plural: bool) -> list[_Name]:
    """ "Sharon Miles, his maternal aunt"; "Pat Miles (paternal grandmother)"; "Marcus Reid is his father".

    For a plural relation the names may be a list: "Amy, Jade and Leah Thompson, his cousins".
    """
    k = j
    if k > 0 and toks[k - 1].low in DETERMINERS:
        k -= 1
    if k > 1 and toks[k - 1].low in {"is", "was", "are", "were"}:
        k -= 2 if toks[k - 2].low == "who" and toks[k - 3 : k - 2] and toks[k - 3].text == "," else 1
    elif k > 0 and toks[k - 1].text in {",", "("}:
        k -= 1
    else:
        return []
    found = _name_ending_at(toks, k)
    if found is None:
        return []
    names, first = found
    while plural and first > 1 and _is_list_separator(toks[first - 1]):
        earlier = _name_ending_at(toks, first - 1)
        if earlier is None:
            break
        names = earlier[0] + names
        first = earlier[1]
    return names


def _name_ending_at(toks: list[_Tok], k: int) -> tuple[list[_Name], int] | None:
    """The name (or titled couple) whose last word is just before ``k``, and the index it starts at."""
    first = k
    while first > 0 and _is_name_word(toks[first - 1]) and k - first < 4:
        first -= 1
    if first == k:
        return None
    if first > 1 and toks[first - 1].text == "." and toks[first - 2].low in TITLES:
        first -= 2
    elif first > 0 and toks[first - 1].low in TITLES:
        first -= 1
    if first > 1 and toks[first - 1].low in {"and", "&"} and toks[first - 2].low in TITLES:
        first -= 2
    found = _names_at(toks, first)
    return (found[0], first) if found and found[1] == k else None


def _is_list_separator(tok: _Tok) -> bool:
    return tok.text in {",", "&"} or tok.low == "and"


def _share_surname(names: list[_Name]) -> list[_Name]:
    """ "Amy, Jade and Leah Thompson": lone first names listed before a full name take its surname.

    The span of each lead stays on the words written for that person.
    """
    if len(names) < 2:
        return names
    words = names[-1].name.split()
    if len(words) < 2 or words[0].lower() in TITLES:
        return names
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in PARTICLES:
        cut -= 1
    surname = " ".join(words[cut:])
    return [n._replace(name=f"{n.name} {surname}") if " " not in n.name else n for n in names]


def _excerpt(text: str, at: int) -> str:
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find(".", at), text.find("\n", at)) if e != -1]
    excerpt = " ".join(text[start : min(ends) + 1 if ends else len(text)].split())
    return excerpt if len(excerpt) <= 200 else excerpt[:197] + "..."


def _merge(leads: list[Lead]) -> list[Lead]:
    """One lead per person: repeats of a name, and unnamed mentions of a relation already named."""
    merged: list[Lead] = []
    for lead in leads:
        index = next((n for n, m in enumerate(merged) if _same_person(m, lead)), None)
        if index is None:
            merged.append(lead)
            continue
        kept = merged[index]
        if len(lead.name) > len(kept.name):
            merged[index] = lead.model_copy(
                update={"side": lead.side or kept.side, "known_as": lead.known_as or kept.known_as}
            )
    return merged


def _same_person(a: Lead, b: Lead) -> bool:
    if a.name and b.name:
        na, nb = a.name.casefold().split(), b.name.casefold().split()
        if na == nb:
            return True
        titled = na[0] in TITLES or nb[0] in TITLES
        return a.relation == b.relation and not titled and na[0] == nb[0] and min(len(na), len(nb)) == 1
    return a.relation == b.relation and not (a.side and b.side and a.side != b.side)


def _norm(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [w for w in re.findall(r"[a-z]+", text) if w not in TITLES]


def _link(leads: list[Lead], people: Sequence[Person]) -> list[Lead]:
    """Fill ``matches``: same full name or known-as; a titled surname; or a lone first name."""
    linked = []
    for lead in leads:
        wanted = _norm(lead.name)
        titled = lead.name.split(" ", 1)[0].lower() in TITLES
        matches = []
        for person in people if wanted else ():
            full, known = _norm(person.name), _norm(person.known_as)
            if wanted in (full, known):
                matches.append(person.id)
            elif len(wanted) == 1 and full and wanted[0] == (full[-1] if titled else full[0]):
                matches.append(person.id)
        linked.append(lead.model_copy(update={"matches": matches}) if matches else lead)
    return linked
