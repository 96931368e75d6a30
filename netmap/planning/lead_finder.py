"""Lead finder: propose the people named in pasted case-file text, with their relation to the young person."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from netmap.errors import ValidationFailed
from netmap.models import Certainty, Gender, Person, Sector
from netmap.planning.kin_paths import HALF_SIBLING, KINDS, Path, reduce, relation_name, side_of, with_side
from netmap.planning.lead_names import Found, Name, Tok, name_before, names_after, tokenize
from netmap.planning.lead_phrases import (
    Term,
    died_after,
    modifiers_start,
    mods_side,
    owner_after,
    owner_before,
    side_phrase,
    term_at,
    term_relation,
)
from netmap.planning.lead_referents import Mention, Referents
from netmap.planning.lead_words import INFORMAL, INFORMAL_AFTER, MODIFIERS, NOT_PEOPLE_AFTER, TITLES

__all__ = ["MAX_TEXT", "Lead", "find_leads"]

MAX_TEXT = 200_000


class Lead(BaseModel):
    """A person proposed from case-note text, for the coordinator to accept or reject.

    ``relation`` is relative to the young person, in the words of ``netmap.planning.kin_paths``
    ("aunt", "half-brother", "mother's ex-partner", "foster carer"), or "relative" when the text
    names a relative of someone it does not place; ``side`` is "maternal" or "paternal" when known;
    ``term`` is the kinship wording as written. ``matches`` holds the ids of existing people whose
    names fit; ``start``/``end`` locate the mention in the pasted text; ``excerpt`` is the
    sentence it came from.
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

    @property
    def label(self) -> str:
        """The relation to show: "maternal aunt", "cousin", "mother's ex-partner" (a chain carries its side).

        >>> find_leads("Her mum's sister Jo rang.")[0].label
        'maternal aunt'
        """
        return f"{self.side} {self.relation}" if self.side and "'s " not in self.relation else self.relation


def find_leads(text: str, people: Sequence[Person] = (), ego: Person | None = None) -> list[Lead]:
    """People named or referred to by kinship in ``text``, with their relation to the young person ``ego``.

    Leads are linked to ``people`` whose names match. Bare names without a relation are not proposed:
    a case file is full of place and service names. Without ``ego``, a possessive name ("Kai's") is
    taken to be the young person's.

    >>> [(lead.name, lead.relation) for lead in find_leads("We spoke to his maternal aunt Sharon Miles.")]
    [('Sharon Miles', 'aunt')]
    >>> kai = Person(id="p-kai", name="Kai Holloway", gender=Gender.MALE)
    >>> leads = find_leads("Kai's aunt Michelle came with her son Tyler.", ego=kai)
    >>> [(lead.name, lead.relation) for lead in leads]
    [('Michelle', 'aunt'), ('Tyler', 'cousin')]
    >>> [(lead.name, lead.relation, lead.deceased) for lead in find_leads("His dad, the late Tom Corrigan.")]
    [('Tom Corrigan', 'father', True)]
    >>> find_leads("The review took place on Monday at the Civic Hall.")
    []
    """
    if len(text) > MAX_TEXT:
        raise ValidationFailed(
            f"The case-note text is too long ({len(text)} characters); paste at most {MAX_TEXT} at a time."
        )
    toks = tokenize(text)
    referents = Referents(text, toks, ego)
    leads: list[Lead] = []
    i = 0
    while i < len(toks):
        term = term_at(toks, i)
        if term is None or _qualifies_next(toks, term):
            i += 1
            continue
        found, i = _leads_for(text, toks, term, referents)
        leads.extend(found)
    kept = [lead for lead in leads if not referents.is_ego(lead.name.split())]
    return _link(_merge(kept), people)


def _qualifies_next(toks: list[Tok], term: Term) -> bool:
    """Whether the term only qualifies the term after it: "his mother's sister", "his twin brother"."""
    nxt = term.end
    if toks[nxt - 1].possessive:
        while nxt < len(toks) and toks[nxt].low in MODIFIERS:
            nxt += 1
    elif toks[term.start].low not in MODIFIERS:
        return False
    return nxt < len(toks) and term_at(toks, nxt) is not None


def _leads_for(text: str, toks: list[Tok], term: Term, referents: Referents) -> tuple[list[Lead], int]:
    """The leads a term names, and the token index to read on from."""
    i, after = term.start, term.end
    if after < len(toks) and toks[after].low in NOT_PEOPLE_AFTER:
        return [], after
    mods_start = modifiers_start(toks, i)
    mods = {t.low for t in toks[mods_start:i]}
    owner = owner_before(toks, mods_start, referents)
    end = after
    if not owner.stated and (of := owner_after(toks, after, referents)):
        owner, end = owner._replace(path=of[0], stated=True), of[1]
    term_end = toks[end - 1].end
    side = mods_side(mods)
    if phrase := side_phrase(toks, end):
        side, end = phrase
    found = Found([], end) if toks[after - 1].possessive else names_after(toks, end, term.plural)
    if found.names:
        end = found.edge
        if phrase := side_phrase(toks, end):
            side, end = phrase
    elif owner.pronoun != "whose":  # the name before "whose" is the owner's
        found = name_before(toks, owner.start, term.plural)
    relation, side, path = _relative(*term_relation(term, mods), owner.path, side)
    sector = term.sector
    if owner.path is None and sector is not Sector.FAMILY:
        return [], end
    if owner.path and sector is not Sector.PROFESSIONALS:
        sector = Sector.FAMILY if owner.path[0].kind in KINDS else Sector.FRIENDS
    gender = path[-1].gender if path and path[-1].gender is not Gender.UNKNOWN else term.gender
    term_start = toks[owner.chain if owner.chain < mods_start else mods_start].start
    base = Lead(
        name="",
        term=text[term_start:term_end],
        relation=relation,
        side=side,
        sector=sector,
        gender=gender,
        deceased=bool(mods & {"late", "deceased"}) or found.late or died_after(toks, end),
        confidence=Certainty.POSSIBLE,
        excerpt=_excerpt(text, term_start),
        start=term_start,
        end=term_end,
    )
    mention = Mention(end, path, pronoun=owner.pronoun, via=owner.via)
    if found.names:
        leads = [
            _named(base, n, term.plural, owner.path is not None and not found.hedged) for n in found.names
        ]
        for name, lead in zip(found.names, leads, strict=True):
            referents.add(mention._replace(end=name.after, gender=lead.gender, name=lead.name))
        if term.plural:
            referents.add(mention._replace(plural=True))
        return leads, end
    if sector in {Sector.FAMILY, Sector.FRIENDS} and not term.plural and (owner.stated or _informal(toks, i)):
        referents.add(mention._replace(gender=gender))
        return [base], end
    if term.plural:
        referents.add(mention._replace(plural=True))
    return [], end


def _relative(relation: str, path: Path, owner: Path | None, side: str) -> tuple[str, str, Path | None]:
    """(relation, side, path) to the young person of ``relation`` (with ``path``) said of ``owner``."""
    path = with_side(path, side)
    if owner is None:
        return "relative", "", None
    if owner:
        full = reduce(owner + path)
        return relation_name(full), side_of(full), full
    kept = side if path[0].kind == HALF_SIBLING or path[0].kind not in KINDS else ""
    return relation, side_of(path) or kept, path


def _named(base: Lead, name: Name, plural: bool, sure: bool) -> Lead:
    gender = name.gender if name.gender is not Gender.UNKNOWN else (Gender.UNKNOWN if plural else base.gender)
    return base.model_copy(
        update={
            "name": name.name,
            "known_as": name.known_as,
            "gender": gender,
            "confidence": Certainty.PROBABLE if sure and " " in name.name else Certainty.POSSIBLE,
            "start": name.start,
            "end": name.end,
        }
    )


def _informal(toks: list[Tok], i: int) -> bool:
    """ "Nan (Pat)", "Mum attended", "no contact with dad": the young person's own, without "his"."""
    tok = toks[i]
    if tok.low not in INFORMAL:
        return False
    if tok.text == tok.text.capitalize():
        return True
    return tok.text.islower() and i > 0 and toks[i - 1].low in INFORMAL_AFTER


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
        kept, other = (
            (lead, merged[index]) if len(lead.name) > len(merged[index].name) else (merged[index], lead)
        )
        if kept.relation == "relative":
            kept = kept.model_copy(update={"relation": other.relation, "sector": other.sector})
        merged[index] = kept.model_copy(
            update={
                "side": kept.side or other.side,
                "known_as": kept.known_as or other.known_as,
                "deceased": kept.deceased or other.deceased,
            }
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
