"""The words around a kinship term: whose relative it is, which side of the family, and whether they died."""

from __future__ import annotations

from typing import NamedTuple

from netmap.models import Gender, Sector
from netmap.planning.kin_paths import RELATION_PATHS, Path, Step, with_side
from netmap.planning.lead_names import Tok, is_name_word, names_at
from netmap.planning.lead_referents import Referents
from netmap.planning.lead_words import (
    COUNTS,
    COUPLES,
    DEATH_SKIP,
    DEATH_WORDS,
    KIN_TERMS,
    MODIFIERS,
    PLURALS,
    POSSESSIVES,
    PREFIXES,
    SIDE_WORDS,
    SUBJECT_PRONOUNS,
)

__all__ = [
    "Owner",
    "Term",
    "died_after",
    "modifiers_start",
    "mods_side",
    "owner_after",
    "owner_before",
    "side_phrase",
    "term_at",
    "term_relation",
]


class Term(NamedTuple):
    """A kinship or role word at tokens ``start``..``end``: its relation, sector, gender, and plural."""

    start: int
    end: int
    relation: str
    sector: Sector
    gender: Gender
    plural: bool = False


class Owner(NamedTuple):
    """Whose relative a term names: ``path`` from the young person (None if not known); ``start`` is the
    first token of the owner words, ``chain`` the first of the kinship possessives ("mum's" in "her mum's
    sister"); ``stated`` when the text says whose, rather than the young person by default; ``pronoun``
    and ``via`` say which pronoun (or "whose") gave the owner and what it stood for."""

    path: Path | None
    start: int
    chain: int
    stated: bool
    pronoun: str = ""
    via: Path | None = ()


def term_at(toks: list[Tok], i: int) -> Term | None:
    """The kinship or role term starting at ``i``: "maternal" is not one, "foster carer", "stepdad" are."""
    for width in (2, 1):
        words = [t.low for t in toks[i : i + width]]
        if len(words) < width or not all(w.isalpha() for w in words) or (width == 2 and toks[i].possessive):
            continue
        joined = " ".join(words)
        plural = joined in PLURALS
        joined = PLURALS.get(joined, joined)
        if joined in KIN_TERMS:
            return Term(i, i + width, *KIN_TERMS[joined], plural)
        if width == 1:
            for prefix in PREFIXES:
                rest = joined.removeprefix(prefix)
                if rest != joined and rest in KIN_TERMS:
                    relation, sector, gender = KIN_TERMS[rest]
                    if sector is Sector.FAMILY or relation in COUPLES:
                        return Term(i, i + 1, _prefixed(prefix, relation), sector, gender)
    return None


def _prefixed(prefix: str, relation: str) -> str:
    return f"{prefix.replace('greatgreat', 'great-great')}-{relation}"


def term_relation(term: Term, mods: set[str]) -> tuple[str, Path]:
    """The term's relation and path, with a prefix written apart ("half brother", "ex partner") and a
    side ("maternal aunt")."""
    relation = term.relation
    if relation in COUPLES and mods & {"ex", "former"}:
        relation = f"ex-{relation}"
    for prefix in ("step", "half", "great"):
        if prefix in mods and f"{prefix}-{relation}" in RELATION_PATHS:
            relation = f"{prefix}-{relation}"
    return relation, with_side(RELATION_PATHS.get(relation, (Step(relation),)), mods_side(mods))


def mods_side(mods: set[str]) -> str:
    return "maternal" if "maternal" in mods else "paternal" if "paternal" in mods else ""


def owner_before(toks: list[Tok], j: int, referents: Referents) -> Owner:
    """Whose relative the term at ``j`` is, from the words before it: "her mum's", "Kai's", "his".

    With nothing before it the term is the young person's own relative (``stated`` is then False).
    """
    k, chain = j, Path()
    while k > 0 and toks[k - 1].possessive and (term := _term_ending_at(toks, k)):
        mods_start = modifiers_start(toks, term.start)
        _, step = term_relation(term, {t.low for t in toks[mods_start : term.start]})
        chain, k = step + chain, mods_start
    if k > 0 and toks[k - 1].possessive and is_name_word(toks[k - 1]):
        first = k - 1
        while (
            first > 0 and is_name_word(toks[first - 1]) and not toks[first - 1].possessive and k - first < 3
        ):
            first -= 1
        owner = referents.named([t.text for t in toks[first:k]])
        return Owner(None if owner is None else owner + chain, first, k, True)
    if not chain and k > 1 and toks[k - 1].low in {"and", "or"} and (before := _term_ending_at(toks, k - 1)):
        return owner_before(toks, modifiers_start(toks, before.start), referents)  # "his aunt and cousin"
    if k > 1 and toks[k - 1].low == "whose" and toks[k - 2].text == ",":  # "Edna, whose husband": Edna's
        first = k - 2
        while first > 0 and is_name_word(toks[first - 1]) and k - 2 - first < 4:
            first -= 1
        whose = referents.named([t.text for t in toks[first : k - 2]]) if first < k - 2 else None
        return Owner(None if whose is None else whose + chain, k - 1, k, True, "whose", whose)
    if k > 0 and toks[k - 1].low in POSSESSIVES:
        via = referents.pronoun(k - 1)
        return Owner(None if via is None else via + chain, k - 1, k, True, toks[k - 1].low, via)
    if not chain and (subject := _subject_of_has(toks, k, referents)):
        return Owner(subject[0], k, k, True, subject[1], subject[0])
    return Owner(chain, k, k, bool(chain))


def _subject_of_has(toks: list[Tok], k: int, referents: Referents) -> tuple[Path | None, str] | None:
    """ "Michelle has two children, Jess and Tyler": the relatives are the subject's, not the young person's.

    Returns the subject's path, and the pronoun standing for it ("" for a name), or None when there is
    no "has" before the term.
    """
    h = k
    while h > 0 and (toks[h - 1].low in COUNTS or toks[h - 1].text.isdigit()):
        h -= 1
    if h == k or h == 0 or toks[h - 1].low not in {"has", "have", "had"}:
        return None
    pronoun = toks[h - 2].low if h > 1 else ""
    if pronoun in SUBJECT_PRONOUNS:
        word = SUBJECT_PRONOUNS[pronoun]
        return referents.pronoun(h - 2, word), word
    return referents.subject(h - 1, plural=toks[h - 1].low == "have"), ""


def modifiers_start(toks: list[Tok], i: int) -> int:
    """Where the modifiers before token ``i`` begin: "his late maternal grandmother"."""
    while i > 0 and toks[i - 1].low in MODIFIERS and not toks[i - 1].possessive:
        i -= 1
    return i


def _term_ending_at(toks: list[Tok], k: int) -> Term | None:
    for width in (2, 1):
        if k - width >= 0 and (term := term_at(toks, k - width)) and term.end == k:
            return term
    return None


def owner_after(toks: list[Tok], k: int, referents: Referents) -> tuple[Path | None, int] | None:
    """ "the ex-partner of mum", "the sister of his mother", "son of Michelle": (owner path, index after)."""
    if k >= len(toks) or toks[k].low != "of":
        return None
    m = k + 1
    if m < len(toks) and toks[m].low in POSSESSIVES | {"the"}:
        m += 1
    term = term_at(toks, m)
    if term is not None and term.relation in RELATION_PATHS:
        owner = owner_before(toks, term.start, referents)
        path = RELATION_PATHS[term.relation]
        return (None if owner.path is None else owner.path + path), term.end
    found = names_at(toks, k + 1)
    if found is None:
        return None
    (name, *_), end = found
    return referents.named(name.name.split()), end


def side_phrase(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """ "on his dad's side", "through his mother", "(maternal)": (side, index after)."""
    start = k + 1 if k < len(toks) and toks[k].text == "," else k
    if start + 2 < len(toks) and toks[start].text == "(" and toks[start + 2].text == ")":
        word = toks[start + 1].low
        return (SIDE_WORDS[word], start + 3) if word in {"maternal", "paternal"} else None
    if start >= len(toks) or toks[start].low not in {"on", "through", "via"}:
        return None
    m = start + 1
    if m < len(toks) and (toks[m].low in POSSESSIVES | {"the"} or (toks[m].possessive and toks[m].is_cap)):
        m += 1
    if m >= len(toks) or toks[m].low not in SIDE_WORDS:
        return None
    side, m = SIDE_WORDS[toks[m].low], m + 1
    if m < len(toks) and toks[m].low in {"side", "family", "line"}:
        return side, m + 1
    return None if toks[start].low == "on" else (side, m)


def died_after(toks: list[Tok], k: int) -> bool:
    """Whether the words after a name say the person died: "Tom Corrigan (father) died", "Edna passed away"."""
    for _ in range(4):
        if k < len(toks) and toks[k].low in DEATH_SKIP:
            k += 1
    if k >= len(toks) or toks[k].low not in DEATH_WORDS:
        return False
    return toks[k].low != "passed" or (k + 1 < len(toks) and toks[k + 1].low == "away")
