"""Placeholders for hidden relatives, so a family tree with people hidden from a reader stays connected.

A young person may hide people from practitioners. Dropping a hidden mother from the genogram would
leave her parents floating apart from her children, so each hidden person who joins others in the
family is replaced by a placeholder: a person with no name, sex or dates, whose id starts with
:data:`PLACEHOLDER_PREFIX` and says nothing about whom it replaces. Hidden people nobody else hangs
from are left out altogether, so the reader learns no more than the shape of the family needs.
"""

from __future__ import annotations

from collections import defaultdict

from netmap.models import Gender, Kin, Network, Person, PersonKind

__all__ = [
    "PLACEHOLDER_NAME",
    "PLACEHOLDER_PREFIX",
    "is_placeholder",
    "needed_placeholders",
    "with_placeholders",
]

PLACEHOLDER_PREFIX = "not-shown:"
PLACEHOLDER_NAME = "A relative not shown at the young person's request"


def is_placeholder(person_id: str) -> bool:
    """Whether ``person_id`` names a placeholder made by :func:`with_placeholders`.

    >>> is_placeholder("not-shown:1"), is_placeholder("p-ah-donna")
    (True, False)
    """
    return person_id.startswith(PLACEHOLDER_PREFIX)


def _reach(start: str, links: dict[str, set[str]], allowed: set[str]) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for other in links[stack.pop()] & allowed:
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen


def _groups(visible: set[str], links: dict[str, set[str]], allowed: set[str]) -> set[frozenset[str]]:
    """The visible people, grouped by who is joined to whom through ``allowed`` people."""
    groups: set[frozenset[str]] = set()
    done: set[str] = set()
    for person in sorted(visible):
        if person not in done:
            group = frozenset(_reach(person, links, allowed) & visible)
            groups.add(group)
            done |= group
    return groups


def needed_placeholders(network: Network, hidden: set[str]) -> list[str]:
    """The hidden people who must stay as placeholders: without them, visible relatives fall apart.

    Start from every hidden person and drop each one (in id order) whose absence leaves every
    group of visible relatives as connected as in the whole family.

    >>> from netmap.models import Case
    >>> people = [Person(id=i, name=i) for i in ("kid", "mum", "gran", "bro")]
    >>> kin = [Kin(id="k1", from_id="mum", to_id="kid", kind="birth_parent"),
    ...        Kin(id="k2", from_id="gran", to_id="mum", kind="birth_parent"),
    ...        Kin(id="k3", from_id="mum", to_id="bro", kind="birth_parent"),
    ...        Kin(id="k4", from_id="bro", to_id="kid", kind="sibling")]
    >>> net = Network(case=Case(id="c", title="t", ego_id="kid"), people=people, kin=kin)
    >>> needed_placeholders(net, {"mum", "bro"})
    ['mum']
    """
    family = {p.id for p in network.people if p.kind is PersonKind.PERSON}
    links: dict[str, set[str]] = defaultdict(set)
    for link in network.kin:
        if link.from_id in family and link.to_id in family:
            links[link.from_id].add(link.to_id)
            links[link.to_id].add(link.from_id)
    hidden = (hidden & family) - {network.case.ego_id}
    visible = family - hidden
    wanted = _groups(visible, links, family)
    kept = set(hidden)
    for person in sorted(hidden):
        if _groups(visible, links, visible | (kept - {person})) == wanted:
            kept.discard(person)
    return sorted(kept)


def with_placeholders(network: Network, hidden: set[str]) -> Network:
    """``network`` without the ``hidden`` people, with placeholders where the family needs them.

    Placeholders are numbered ``not-shown:1``, ``not-shown:2``… in the order of the people they
    replace, take over those people's family links (under new ids, without their notes), and have no
    membership and no ties. Links to
    hidden people who are not needed are dropped, as are all their memberships and ties.
    """
    hidden = set(hidden) - {network.case.ego_id}
    stand_in = {
        pid: f"{PLACEHOLDER_PREFIX}{i}" for i, pid in enumerate(needed_placeholders(network, hidden), 1)
    }
    shown = [p for p in network.people if p.id not in hidden]
    placeholders = [Person(id=new, name=PLACEHOLDER_NAME, gender=Gender.UNKNOWN) for new in stand_in.values()]
    kin = []
    for link in network.kin:
        ends = [stand_in.get(end, end) for end in (link.from_id, link.to_id)]
        if any(end in hidden for end in ends):
            continue
        if ends == [link.from_id, link.to_id]:
            kin.append(link)
        else:  # a new id: a hand-made one ("k-donna-jordan") would name the hidden person
            new_id = f"{PLACEHOLDER_PREFIX}link-{len(kin) + 1}"
            kin.append(
                Kin(id=new_id, from_id=ends[0], to_id=ends[1], kind=link.kind, certainty=link.certainty)
            )
    return Network(
        case=network.case,
        people=shown + placeholders,
        memberships=[m for m in network.memberships if m.person_id not in hidden],
        kin=kin,
        ties=[t for t in network.ties if t.from_id not in hidden and t.to_id not in hidden],
    )
