"""Words and names in case-note text: the tokens the lead finder reads, and the names around a relation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from netmap.models import Gender
from netmap.planning.lead_words import (
    AFTER_COMMA_NAME,
    APPOSITION_TITLES,
    COPULAS,
    DETERMINERS,
    HEDGES,
    KIN_TERMS,
    LINKS,
    NOT_NAMES,
    PARTICLES,
    SERVICE_WORDS,
    TITLES,
)

__all__ = [
    "Found",
    "Name",
    "Tok",
    "is_name_word",
    "name_before",
    "names_after",
    "names_at",
    "sentence_starts",
    "tokenize",
]

_TOKEN = re.compile(r"[^\W\d_](?:[\w’'\-]*[^\W_])?|\d+|[^\w\s]")


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int

    @cached_property
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


class Name(NamedTuple):
    """A name read from the text: ``start``/``end`` are character offsets, ``after`` the token index past it."""

    name: str
    known_as: str
    gender: Gender
    start: int
    end: int
    after: int


class Found(NamedTuple):
    """Names read next to a relation: ``edge`` is the token index just past them (after) or at their start
    (before); ``late`` when written "the late …"; ``hedged`` when "believed to be", "might be" link them."""

    names: list[Name]
    edge: int
    late: bool = False
    hedged: bool = False


def tokenize(text: str) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def sentence_starts(text: str, toks: list[Tok]) -> list[int]:
    """For each token, the index of the first token of its sentence (a full stop after a title is not an end)."""
    starts: list[int] = []
    start = 0
    for i, tok in enumerate(toks):
        if i and "\n" in text[toks[i - 1].end : tok.start]:
            start = i
        starts.append(start)
        ends = tok.text in {".", "!", "?"} and not (tok.text == "." and i and toks[i - 1].low in TITLES)
        if ends:
            start = i + 1
    return starts


def names_after(toks: list[Tok], j: int, plural: bool) -> Found:
    """ "aunt Sharon Miles"; "dad, the late Tom Corrigan,"; "father is believed to be Marcus Reid"."""
    k = j
    while k < len(toks) and toks[k].low in LINKS and k - j < 3:
        k += 1
    links = {t.text for t in toks[j:k]}
    hedged = False
    if not links and (copula := _copula(toks, k, forward=True)):
        k, hedged = copula
        links = {","}  # a name after "is" must end its clause, as after a comma
    late = False
    if links & {",", "("}:
        if k + 1 < len(toks) and toks[k].low == "the" and toks[k + 1].low == "late":
            k, late = k + 2, True
        elif k < len(toks) and toks[k].low == "late":
            k, late = k + 1, True
        if "," in links and k < len(toks) and toks[k].is_cap and toks[k].low in APPOSITION_TITLES:
            k += 1  # "his nan's sister, Auntie Brenda,"
    names: list[Name] = []
    edge = j
    while True:
        found = names_at(toks, k)
        if found is None:
            break
        parsed, k = found
        if "(" in links and (k >= len(toks) or toks[k].text != ")"):
            break
        if "," in links and k < len(toks) and toks[k].low not in AFTER_COMMA_NAME and not plural:
            break
        names.extend(parsed)
        edge = k
        if not plural or k >= len(toks) or not _is_list_separator(toks[k]):
            break
        k += 1
    return Found(_share_surname(names), edge, late and bool(names), hedged and bool(names))


def names_at(toks: list[Tok], k: int) -> tuple[list[Name], int] | None:
    """The name (or a couple, "Mr and Mrs Patel") starting at ``k``, and the index after it."""
    titles: list[Tok] = []
    start = k
    while k < len(toks) and toks[k].is_cap and toks[k].low in TITLES and len(titles) < 2:
        titles.append(toks[k])
        k += 2 if k + 1 < len(toks) and toks[k + 1].text == "." else 1
        if k + 1 < len(toks) and toks[k].low in {"and", "&"} and toks[k + 1].low in TITLES and not titles[1:]:
            k += 1
            continue
        break
    parts: list[Tok] = []
    known_as = ""
    while k < len(toks) and len(parts) < 4:
        particle = parts and toks[k].low in PARTICLES and k + 1 < len(toks) and is_name_word(toks[k + 1])
        if not (is_name_word(toks[k]) or particle):
            break
        parts.append(toks[k])
        k += 1
        if (
            k + 2 < len(toks)
            and toks[k].text == "("
            and is_name_word(toks[k + 1])
            and toks[k + 2].text == ")"
        ):
            known_as = toks[k + 1].text
            k += 3
    if not parts or (k < len(toks) and toks[k].is_cap and toks[k].low in SERVICE_WORDS):
        return None
    if not titles and len(parts) == 1 and (full := _full_name_in_brackets(toks, k)):
        return [full[0]._replace(known_as=parts[0].text)], full[1]  # "Shell (Michelle Barker)"
    words = [p.text for p in parts]
    words[-1] = words[-1][:-2] if parts[-1].possessive else words[-1]
    base = " ".join(words)
    if not titles:
        return [Name(base, known_as, Gender.UNKNOWN, toks[start].start, parts[-1].end, k)], k
    return [Name(f"{t.text} {base}", known_as, TITLES[t.low], t.start, parts[-1].end, k) for t in titles], k


def _full_name_in_brackets(toks: list[Tok], k: int) -> tuple[Name, int] | None:
    if k >= len(toks) or toks[k].text != "(":
        return None
    found = names_at(toks, k + 1)
    if found is None or len(found[0]) != 1 or " " not in found[0][0].name:
        return None
    (name,), end = found
    return (name, end + 1) if end < len(toks) and toks[end].text == ")" else None


def name_before(toks: list[Tok], j: int, plural: bool) -> Found:
    """ "Sharon Miles, his maternal aunt"; "Pat Miles (paternal grandmother)"; "Marcus Reid is his father".

    For a plural relation the names may be a list: "Amy, Jade and Leah Thompson, his cousins".
    """
    k = j
    if k > 0 and toks[k - 1].low in DETERMINERS:
        k -= 1
    hedged = False
    if copula := _copula(toks, k, forward=False):
        k, hedged = copula
        if k > 1 and toks[k - 1].low == "who" and toks[k - 2].text == ",":
            k -= 2
    elif k > 0 and toks[k - 1].text in {",", "("}:
        k -= 1
    else:
        return Found([], j)
    found = _name_ending_at(toks, k)
    if found is None:
        return Found([], j)
    names, first = found
    while plural and first > 1 and _is_list_separator(toks[first - 1]):
        earlier = _name_ending_at(toks, first - 1)
        if earlier is None:
            break
        names = earlier[0] + names
        first = earlier[1]
    late = first > 0 and toks[first - 1].low == "late"
    return Found(_share_surname(names), first, late, hedged)


def _copula(toks: list[Tok], k: int, *, forward: bool) -> tuple[int, bool] | None:
    """The longest "is" / "is believed to be" / "might be" starting (or ending) at ``k``: (far edge, hedged)."""
    for words in COPULAS:
        n = len(words)
        span = toks[k : k + n] if forward else toks[max(k - n, 0) : k]
        if len(span) == n and tuple(t.low for t in span) == words:
            return (k + n if forward else k - n), bool(HEDGES.intersection(words))
    return None


def is_name_word(t: Tok) -> bool:
    if not t.is_cap or t.low in NOT_NAMES or t.low in KIN_TERMS or t.low in TITLES:
        return False
    return not (t.text.isupper() and 1 < len(t.text) <= 4)


def _name_ending_at(toks: list[Tok], k: int) -> tuple[list[Name], int] | None:
    """The name (or titled couple) whose last word is just before ``k``, and the index it starts at."""
    first = k
    while first > 0 and is_name_word(toks[first - 1]) and k - first < 4:
        first -= 1
    if first == k:
        return None
    if first > 1 and toks[first - 1].text == "." and toks[first - 2].low in TITLES:
        first -= 2
    elif first > 0 and toks[first - 1].low in TITLES:
        first -= 1
    if first > 1 and toks[first - 1].low in {"and", "&"} and toks[first - 2].low in TITLES:
        first -= 2
    found = names_at(toks, first)
    return (found[0], first) if found and found[1] == k else None


def _is_list_separator(tok: Tok) -> bool:
    return tok.text in {",", "&"} or tok.low == "and"


def _share_surname(names: list[Name]) -> list[Name]:
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
