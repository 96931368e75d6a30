"""Whose relative a kinship word names: the young person, or someone mentioned before it.

"Kai's aunt Michelle and her son Tyler": "her" is Michelle (Kai is a boy), so Tyler is a cousin.
A pronoun stands for the nearest person of its gender mentioned earlier in the same sentence,
the young person by default; "his X and his Y" keeps both on the same person. A possessive name
is the young person's, or that of a relative named earlier in the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from netmap.models import Gender, Person
from netmap.planning.kin_paths import Path
from netmap.planning.lead_names import Tok, sentence_starts
from netmap.planning.lead_words import TITLES

__all__ = ["Mention", "Referents"]

_PRONOUN_GENDER = {"his": Gender.MALE, "her": Gender.FEMALE}


class Mention(NamedTuple):
    """Someone the text has mentioned by token ``end``: their path from the young person (``()`` for the
    young person, None when not known), and the pronoun that gave them an owner, with what it stood for."""

    end: int
    path: Path | None
    gender: Gender = Gender.UNKNOWN
    plural: bool = False
    name: str = ""
    pronoun: str = ""
    via: Path | None = ()


class Referents:
    """The people mentioned so far in one text, for resolving "his", "her", "their" and "Michelle's"."""

    def __init__(self, text: str, toks: Sequence[Tok], ego: Person | None) -> None:
        self.toks = toks
        self.ego = ego
        self.starts = sentence_starts(text, list(toks))
        self.by_sentence: dict[int, list[Mention]] = defaultdict(list)
        self.by_name: dict[tuple[str, ...], Path | None] = {}
        if ego is not None:
            for i, tok in enumerate(toks):
                if self.is_ego([tok.text]):
                    self.add(Mention(i + 1, (), ego.gender))

    def add(self, mention: Mention) -> None:
        """Note a mention; a later person of the same name, or first name, hides an earlier one."""
        self.by_sentence[self.starts[mention.end - 1]].append(mention)
        words = tuple(w for w in map(_plain, mention.name.split()) if w not in TITLES)
        if words:
            self.by_name[words] = self.by_name[words[:1]] = mention.path

    def is_ego(self, words: Sequence[str]) -> bool:
        """Whether ``words`` name the young person: full name, first name or known-as."""
        if self.ego is None or not words:
            return False
        wanted = [_plain(w) for w in words]
        full = [_plain(w) for w in self.ego.name.split()]
        short = {full[0] if full else "", _plain(self.ego.known_as)} - {""}
        return wanted == full or (len(wanted) == 1 and wanted[0] in short)

    def named(self, words: Sequence[str]) -> Path | None:
        """The path to the person a possessive name ("Michelle's") stands for; None if not known.

        Without a young person to compare with, a name is taken to be the young person's.
        """
        if self.ego is None or self.is_ego(words):
            return ()
        return self.by_name.get(tuple(_plain(w) for w in words))

    def subject(self, at: int, *, plural: bool) -> Path | None:
        """The path to the person mentioned last before token ``at`` in its sentence (the young person if none)."""
        return next((m.path for m in self._latest_first(at) if m.plural == plural), ())

    def pronoun(self, at: int, word: str = "") -> Path | None:
        """The path to the person the possessive pronoun at token ``at`` (or ``word`` said there) stands for."""
        word = word or self.toks[at].low
        if word not in {"his", "her", "their"}:
            return ()  # "my", "our": the young person speaking
        wanted = _PRONOUN_GENDER.get(word)
        for mention in self._latest_first(at):
            if mention.plural != (wanted is None):
                continue
            if mention.path == () and wanted is not None:
                if self.ego is not None and self.ego.gender in (wanted, Gender.UNKNOWN):
                    return ()
                continue
            if wanted is None or mention.gender is wanted:
                return mention.via if mention.pronoun == word else mention.path
        return ()

    def _latest_first(self, at: int) -> list[Mention]:
        """The mentions before token ``at`` in its sentence, the nearest first (the later told, on a tie)."""
        earlier = [(m.end, n, m) for n, m in enumerate(self.by_sentence[self.starts[at]]) if m.end - 1 < at]
        return [m for *_, m in sorted(earlier, key=lambda e: e[:2], reverse=True)]


def _plain(word: str) -> str:
    return word.replace("’", "'").removesuffix("'s").casefold()
