"""My map: the young person's own map first, edited by finger or keyboard; then adding people, saying in
their own words how they see each one, and choosing who is shared."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.models import (
    ContactFrequency,
    MapPlace,
    Membership,
    Network,
    Person,
    PersonKind,
    Perspective,
    Role,
    Sector,
    Sharing,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
    new_id,
)
from netmap.renderers.escape import markdown_text
from netmap.services.access import Actor
from netmap.views.components.ecomap_editor import ecomap_editor, editor_memory
from netmap.views.components.map_list import map_list
from netmap.views.feedback import attempt, show_flash
from netmap.views.pages.my_checkin import questions_section
from netmap.views.session import current_actor, get_services, select_case

__all__ = [
    "CLOSENESS_WORDS",
    "FEELING_WORDS",
    "HELP_WORDS",
    "HOW_OFTEN_WORDS",
    "KNOW_THEM",
    "RING_WORDS",
    "WHO_HELPS_WORDS",
    "differences",
    "render",
    "view_of",
]

_CONFLICT = (
    "Someone else changed how this is recorded while you were filling it in, so your answers "
    "were not saved yet. Check them and press save again."
)

# Each scale maps one-to-one onto the model, so what they chose is what they see next time.
CLOSENESS_WORDS = {3: "Really close", 2: "Quite close", 1: "Not close"}
FEELING_WORDS = {
    Valence.POSITIVE: "Good for me",
    Valence.MIXED: "Mixed: good and bad",
    Valence.STRESSFUL: "Stresses me out",
    Valence.HARMFUL: "Harmful: it hurts me",
}
HOW_OFTEN_WORDS: dict[ContactFrequency | None, str] = {
    None: "Not sure",
    ContactFrequency.DAILY: "Every day",
    ContactFrequency.WEEKLY: "Every week",
    ContactFrequency.MONTHLY: "Every month",
    ContactFrequency.FEW_TIMES_A_YEAR: "A few times a year",
    ContactFrequency.YEARLY: "About once a year",
    ContactFrequency.RARELY: "Hardly ever",
    ContactFrequency.NONE: "Not at the moment",
}
WHO_HELPS_WORDS = {
    SupportDirection.TO_EGO: "They help me",
    SupportDirection.FROM_EGO: "I help them",
    SupportDirection.BOTH: "We help each other",
    SupportDirection.NONE: "Neither, or not sure",
}
HELP_WORDS = {
    SupportDomain.EMOTIONAL: "Someone to talk to about how I feel",
    SupportDomain.PRACTICAL: "Everyday things, like lifts or food",
    SupportDomain.HOUSING: "Somewhere to live or stay",
    SupportDomain.MONEY: "Money",
    SupportDomain.EDUCATION_WORK: "School, college or work",
    SupportDomain.HEALTH: "My health",
    SupportDomain.ADVICE: "Advice",
    SupportDomain.LEISURE: "Fun and free time",
}
# how they know someone → (sector, person or place)
KNOW_THEM = {
    "Family, or someone who feels like family": (Sector.FAMILY, PersonKind.PERSON),
    "A friend": (Sector.FRIENDS, PersonKind.PERSON),
    "Someone from school, work, sport, faith or where I live": (Sector.PEERS_COMMUNITY, PersonKind.PERSON),
    "A worker, like a social worker, adviser or probation officer": (Sector.PROFESSIONALS, PersonKind.PERSON),
    "A place or service, like a home I lived in or a youth club": (Sector.SERVICES, PersonKind.SERVICE),
}
RING_WORDS = {1: "Very close", 2: "Close", 3: "Not very close", 4: "Not close at all"}
_RATE = "my-map-rate"
_PROMPTS = (
    "**Start with the good things.**",
    "- Who do you trust?",
    "- Who has helped you, even once?",
    "- Where have you lived, and who made it feel OK?",
)


def view_of(ties: list[Tie], ego_id: str, person_id: str, perspective: Perspective) -> Tie | None:
    """The tie between the young person and ``person_id`` recorded from ``perspective``, if any.

    >>> tie = Tie(id="t-1", case_id="c-1", from_id="p-me", to_id="p-nan", perspective="young_person")
    >>> view_of([tie], "p-me", "p-nan", Perspective.YOUNG_PERSON).id
    't-1'
    >>> view_of([tie], "p-me", "p-nan", Perspective.PRACTITIONER) is None
    True
    """
    pair = {ego_id, person_id}
    found = [t for t in ties if {t.from_id, t.to_id} == pair and t.perspective is perspective]
    return min(found, key=lambda t: t.id) if found else None


def differences(mine: Tie, theirs: Tie) -> list[tuple[str, str, str]]:
    """Where the worker's view differs from the young person's: (what, in their words, in the worker's).

    >>> me = Tie(id="t-1", case_id="c", from_id="a", to_id="b", valence="positive", strength=3)
    >>> worker = Tie(id="t-2", case_id="c", from_id="a", to_id="b", valence="stressful", strength=3)
    >>> differences(me, worker)
    [('Is it good for you?', 'Good for me', 'Stresses me out')]
    """
    rows = [
        ("How close?", CLOSENESS_WORDS[mine.strength], CLOSENESS_WORDS[theirs.strength]),
        ("Is it good for you?", FEELING_WORDS[mine.valence], FEELING_WORDS[theirs.valence]),
        ("How often?", HOW_OFTEN_WORDS[mine.frequency], HOW_OFTEN_WORDS[theirs.frequency]),
        ("Who helps who?", WHO_HELPS_WORDS[mine.direction], WHO_HELPS_WORDS[theirs.direction]),
    ]
    return [row for row in rows if row[1] != row[2] and "Not sure" not in row[1:]]


def _own_network(actor: Actor) -> Network | None:
    services = get_services()
    own = [c for c in services.cases.list_cases(actor) if c.ego_id == actor.person_id]
    if not own:
        st.info("Your map has not been started yet. Your coordinator will set it up with you.")
        return None
    select_case(own[0].id)
    return services.cases.get_network(actor, own[0].id)


def _add_form(actor: Actor, network: Network) -> None:
    st.markdown("\n".join(_PROMPTS))
    with st.form("my-map-add", clear_on_submit=True):
        st.markdown("**Add someone, or somewhere, to your map**")
        name = st.text_input("Their name, or the name of the place", max_chars=120)
        know = st.selectbox("How do you know them?", list(KNOW_THEM))
        ring = st.radio(
            "How close do you feel to them?", list(RING_WORDS), format_func=RING_WORDS.get, index=1
        )
        if st.form_submit_button("Add to my map"):
            sector, kind = KNOW_THEM[know or next(iter(KNOW_THEM))]

            def write() -> None:
                person = Person(id=new_id("p"), name=name, kind=kind)
                place = MapPlace(sector=sector, ring=ring or 2)
                # where they put someone is their own view, kept apart from the practitioner's placement
                membership = Membership.make(
                    network.case.id, person.id, sector=sector, ring=ring or 2, young_person_place=place
                )
                get_services().network.add_member(actor, network.case.id, person, membership)
                st.session_state[_RATE] = person.id

            attempt(
                write,
                f"{name.strip()} is on your map. You can say how you see them below.",
                conflict=_CONFLICT,
            )


def _view_inputs(tie: Tie | None, key: str) -> dict[str, object]:
    """The young person's own scale, filled from their earlier answer when there is one."""
    strength = st.radio(
        "How close are you?",
        list(CLOSENESS_WORDS),
        index=list(CLOSENESS_WORDS).index(tie.strength) if tie else 1,
        format_func=CLOSENESS_WORDS.get,
        key=f"{key}-strength",
    )
    valence = st.radio(
        "Is this relationship good for you?",
        list(FEELING_WORDS),
        index=list(FEELING_WORDS).index(tie.valence) if tie else 0,
        format_func=FEELING_WORDS.get,
        key=f"{key}-valence",
    )
    frequency = st.selectbox(
        "How often do you see or talk to them?",
        list(HOW_OFTEN_WORDS),
        index=list(HOW_OFTEN_WORDS).index(tie.frequency) if tie else 0,
        format_func=HOW_OFTEN_WORDS.__getitem__,
        key=f"{key}-frequency",
    )
    direction = st.radio(
        "Who helps who?",
        list(WHO_HELPS_WORDS),
        index=list(WHO_HELPS_WORDS).index(tie.direction) if tie else 3,
        format_func=WHO_HELPS_WORDS.get,
        key=f"{key}-direction",
    )
    st.markdown("What do they help you with?")
    domains = [
        domain
        for domain, words in HELP_WORDS.items()
        if st.checkbox(words, value=bool(tie and domain in tie.domains), key=f"{key}-{domain.value}")
    ]
    notes = st.text_area(
        "In your own words (you can leave this empty)",
        value=tie.notes if tie else "",
        max_chars=1000,
        key=f"{key}-notes",
    )
    return {
        "strength": strength,
        "valence": valence,
        "frequency": frequency,
        "direction": direction,
        "domains": domains,
        "notes": notes,
    }


def _save_view(
    actor: Actor, network: Network, person_id: str, mine: Tie | None, version: int, fields: dict[str, object]
) -> None:
    services = get_services()
    if mine is None:
        tie = Tie(
            id=new_id("t"),
            case_id=network.case.id,
            from_id=network.case.ego_id,
            to_id=person_id,
            perspective=Perspective.YOUNG_PERSON,
            source=actor.username,
            recorded_on=date.today(),
            **fields,  # type: ignore[arg-type]
        )
        services.network.add_tie(actor, tie)
    else:
        changed = {**mine.model_dump(), **fields, "version": version, "recorded_on": date.today()}
        services.network.update_tie(actor, Tie.model_validate(changed))


def _compare(mine: Tie | None, theirs: Tie | None) -> None:
    if mine is None or theirs is None:
        return
    rows = differences(mine, theirs)
    if not rows:
        return
    st.markdown("**Your worker noted this a little differently**")
    st.caption(
        "That's OK: people can see the same relationship in different ways. Your view is kept as yours, "
        "next to theirs. You could talk about it with your coordinator if you want to."
    )
    st.dataframe(
        pd.DataFrame(rows, columns=["", "You said", "Your worker noted"]),
        hide_index=True,
        width="stretch",
    )


def _rate_section(actor: Actor, network: Network) -> None:
    ego_id = network.case.ego_id
    others = sorted(
        (p for p in network.people if p.id != ego_id),
        key=lambda p: ((m.ring if (m := network.membership(p.id)) else 4), p.display_name.casefold()),
    )
    st.subheader("How you see the people on your map")
    if not others:
        st.info("Add someone above, then you can say how you see them here.")
        return
    names = {p.id: p.display_name for p in others}
    if st.session_state.get(_RATE) not in names:
        st.session_state[_RATE] = others[0].id
    person_id = st.selectbox(
        "Who do you want to talk about?", list(names), format_func=names.__getitem__, key=_RATE
    )
    mine = view_of(network.ties, ego_id, person_id, Perspective.YOUNG_PERSON)
    theirs = view_of(network.ties, ego_id, person_id, Perspective.PRACTITIONER)
    # the version they saw when they opened this person; saving on top of a newer one fails, never overwrites
    seen_key = f"my-map-seen-{mine.id if mine else person_id}"
    version = st.session_state.setdefault(seen_key, mine.version if mine else 0)
    _compare(mine, theirs)
    with st.form(f"my-view-{person_id}"):
        st.markdown(f"**You and {markdown_text(names[person_id])}**")
        fields = _view_inputs(mine, f"my-view-{person_id}")
        if st.form_submit_button("Save how I see it"):
            st.session_state.pop(seen_key, None)
            attempt(
                lambda: _save_view(actor, network, person_id, mine, version, fields),
                f"Saved how you see {names[person_id]}.",
                conflict=_CONFLICT,
            )
    said = [
        (names[p], t)
        for p in names
        if (t := view_of(network.ties, ego_id, p, Perspective.YOUNG_PERSON)) is not None
    ]
    if said:
        st.markdown("**What you have said so far**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Who": who,
                        "How close": CLOSENESS_WORDS[t.strength],
                        "Good for you?": FEELING_WORDS[t.valence],
                    }
                    for who, t in said
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _sharing_form(actor: Actor, network: Network) -> None:
    case = network.case
    names = {p.id: p.display_name for p in network.people if p.id != case.ego_id}
    # the version seen when the form was first shown: a save fails if the map's settings changed since
    seen = st.session_state.setdefault("sharing-seen-version", case.version)
    st.subheader("Who practitioners can see")
    # safety before privacy, said before they choose: who stays visible, and why
    for reason in get_services().cases.cannot_hide(actor, case.id).values():
        st.info(markdown_text(reason))
    with st.form("sharing"):
        st.caption(
            "Your coordinator always sees your whole map. People you choose here are left off the map for "
            "probation, prison, leaving-care and other practitioners."
        )
        hidden = st.multiselect(
            "Keep these people private from every practitioner",
            list(names),
            default=[p for p in case.sharing.hidden_people if p in names],
            format_func=names.__getitem__,
        )
        hidden_from: dict[str, list[str]] = {}
        for username, described in get_services().cases.sharing_audience(actor, case.id):
            chosen = st.multiselect(
                markdown_text(f"Keep private from {described}"),
                list(names),
                default=[p for p in case.sharing.hidden_from.get(username, []) if p in names],
                format_func=names.__getitem__,
                key=f"hide-from-{username}",
            )
            if chosen:
                hidden_from[username] = sorted(chosen)
        if st.form_submit_button("Save my choices"):
            st.session_state.pop("sharing-seen-version", None)
            sharing = Sharing(hidden_people=sorted(hidden), hidden_from=hidden_from)
            attempt(
                lambda: get_services().cases.set_sharing(actor, case.id, sharing, seen),
                "Your choices are saved.",
                conflict=_CONFLICT,
            )


def _rename_form(actor: Actor, network: Network) -> None:
    """Put right a name they typed: only for people they added themselves (a person's record is
    shared by every map they are in, so the service refuses anyone else's, saying why)."""
    theirs = {
        m.person_id: network.person(m.person_id)
        for m in network.memberships
        if m.added_by == actor.username and m.person_id != network.case.ego_id
    }
    if not theirs:
        return
    with st.form("my-map-rename", clear_on_submit=True):
        st.markdown("**Put right a name you typed**")
        person_id = st.selectbox(
            "Who", list(theirs), format_func=lambda pid: theirs[pid].display_name, key="my-map-rename-who"
        )
        name = st.text_input("Their name, as it should be", max_chars=120, key="my-map-rename-name")
        if st.form_submit_button("Save the name") and person_id is not None:
            person = theirs[person_id]
            attempt(
                lambda: get_services().network.update_person(
                    actor, network.case.id, person.model_copy(update={"name": name.strip(), "known_as": ""})
                ),
                f"{name.strip()} is the name on your map now.",
                conflict=_CONFLICT,
            )


def _forget_answers_the_map_changed(case_id: str) -> None:
    """After a change on the map, the forms below start again from what is stored about those people."""
    memory = editor_memory(case_id, Perspective.YOUNG_PERSON)
    if not memory.touched:
        return
    stale = tuple(f"my-view-{person_id}-" for person_id in memory.touched)
    for key in [k for k in st.session_state if str(k).startswith(stale) or str(k).startswith("my-map-seen-")]:
        del st.session_state[key]
    memory.touched.clear()


@st.fragment
def _my_map(actor: Actor) -> None:
    """Everything under the title: a change on the map runs only this part of the page again."""
    try:
        network = _own_network(actor)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    if network is None:
        return
    # on a phone the form they used is far below the top of the page: a toast too
    show_flash(toast=True)
    ecomap_editor(actor, network, view=Perspective.YOUNG_PERSON, key="my-map-editor")
    _forget_answers_the_map_changed(network.case.id)
    st.caption(
        "Your map, as you see it. Your coordinator sees what you save here; further down you choose who "
        "else can see each person."
    )
    with st.expander("Change your map with the keyboard"):
        map_list(actor, network, view=Perspective.YOUNG_PERSON, add_form=False)
    _add_form(actor, network)
    _rename_form(actor, network)
    _rate_section(actor, network)
    questions_section(actor, network)
    _sharing_form(actor, network)


def render() -> None:
    actor = current_actor()
    assert actor is not None
    if actor.role is not Role.YOUNG_PERSON:
        st.info("This page is the young person's own view of their map.")
        return
    st.title("My map")
    _my_map(actor)
