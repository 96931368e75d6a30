"""The family group conference pack as a PDF (fpdf2): pictures, attendees, the young adult's one plan by
pathway, their own words, the release checklist, who does what, and plan owners' contacts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from fpdf import FPDF
from fpdf.enums import TableCellFillMode, WrapMode
from PIL import Image

from netmap.errors import ValidationFailed
from netmap.models import Conference, InvitationStatus, InviteeNeed, Network, Person
from netmap.planning.integrated_plan import IntegratedPlan, integrated_plan
from netmap.planning.safety import location_withheld
from netmap.renderers.pack_plan import (
    PLAN_HEADINGS,
    PLAN_WIDTHS,
    checklist_rows,
    own_words,
    pathway_rows,
    role_rows,
)
from netmap.renderers.pdf_fonts import FAMILY, add_unicode_font, printable
from netmap.renderers.words import phrase, uk_date, words

__all__ = ["render_pack"]

_LISTED = {InvitationStatus.PROPOSED, InvitationStatus.INVITED, InvitationStatus.ACCEPTED}
_NOT_SHOWN = "Someone not shown"
_WITHHELD = "Through the coordinator"
_HEADING_ROOM = 20
_KEEP_WITH_HEADING = 22  # millimetres: a table's header row and its first row, or two lines of text


class _Pack(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.unicode = add_unicode_font(self)
        self.family = FAMILY if self.unicode else "Helvetica"
        self.pack_title = title
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title("Family group conference pack")
        self.set_creator("netmap")

    def text_of(self, value: object) -> str:
        return printable(value, unicode=self.unicode)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 6, self.text_of(f"Confidential - {self.pack_title} - page {self.page_no()}"), align="C")

    def heading(self, text: str, size: int = 13) -> None:
        # A heading never ends a page: it starts the next one when what follows would not fit under it.
        if self.will_page_break(3 + 7 + _KEEP_WITH_HEADING):
            self.add_page()
        else:
            self.ln(3)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, 7, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.family, "", 10)

    def para(self, text: str) -> None:
        self.set_font(self.family, "", 10)
        self.multi_cell(0, 5, self.text_of(text), new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)

    def rows(self, headings: Sequence[str], rows: list[list[str]], widths: Sequence[int]) -> None:
        self.set_font(self.family, "", 9)
        # Whole words where they fit (a date or a plan's name is not split); a word longer than its
        # column is still broken.
        with self.table(
            col_widths=tuple(widths),
            text_align="LEFT",
            wrapmode=WrapMode.WORD,
            line_height=5,
            padding=1,
            cell_fill_color=245,
            cell_fill_mode=TableCellFillMode.ROWS,
        ) as table:
            for values in [list(headings), *rows]:
                row = table.row()
                for value in values:
                    row.cell(self.text_of(value))
        self.set_font(self.family, "", 10)

    def picture(self, title: str, png: bytes) -> None:
        """``png`` on a page of its own, portrait or landscape, whichever shows it larger."""
        try:
            with Image.open(io.BytesIO(png)) as image:
                self.add_page(orientation=self._orientation(image.width, image.height))
                self.heading(title)
                scale = min(self.epw / image.width, (self.eph - _HEADING_ROOM) / image.height)
                width = image.width * scale
                self.image(image, x=self.l_margin + (self.epw - width) / 2, w=width, h=image.height * scale)
        except Exception as exc:  # fpdf2/Pillow raise many types for bad image bytes
            raise ValidationFailed(
                f"The {title.lower()} picture for the pack is not a readable image."
            ) from exc

    def _orientation(self, width: int, height: int) -> str:
        short, long = min(self.w, self.h), max(self.w, self.h)
        spare_x, spare_y = self.l_margin + self.r_margin, self.t_margin + self.b_margin + _HEADING_ROOM

        def scale(page_w: float, page_h: float) -> float:
            return min((page_w - spare_x) / width, (page_h - spare_y) / height)

        return "L" if scale(long, short) > scale(short, long) else "P"


def render_pack(
    network: Network,
    conference: Conference,
    *,
    ecomap_png: bytes | None,
    genogram_png: bytes | None,
    contacts_visible: bool,
    generated_on: date | None = None,
    pictures_note: str = "",
    plan: IntegratedPlan | None = None,
) -> bytes:
    """The conference pack as PDF bytes.

    ``plan`` is the young adult's one plan (every conference's items); without it, this conference's
    items. ``network`` must already be redacted for the reader. Even so, the pack never prints an
    address for anyone, and never prints phone, e-mail, area or agency for a person whose
    location must not be disclosed. Blocked and declined invitees are left out. ``pictures_note``,
    when given, is printed where the pictures would be (say, why there are none).

    >>> from netmap.models import Case, Person
    >>> net = Network(case=Case(id="c-1", title="Jo's plan", ego_id="p-1"), people=[Person(id="p-1", name="Jo")])
    >>> render_pack(net, Conference(id="f-1", case_id="c-1"), ecomap_png=None, genogram_png=None,
    ...             contacts_visible=False)[:5]
    b'%PDF-'
    """
    people = {p.id: p for p in network.people}
    title = f"{network.case.title}"
    today = generated_on or date.today()
    plan = plan or integrated_plan(network, [conference], today=today)
    pdf = _Pack(title)
    pdf.add_page()
    pdf.heading("Family group conference pack", size=16)
    pdf.heading(title, size=12)
    pdf.para(
        "Confidential: this pack holds personal information about a young person and their family. "
        "Keep it safe and return it to the coordinator after the conference."
    )
    pdf.ln(2)
    for label, value in _summary(conference, today):
        pdf.para(f"{label}: {value}")
    if words_of_their_own := own_words(network):
        pdf.heading(f"In {network.ego.display_name}'s own words" if network.people else "In their own words")
        for label, text in words_of_their_own:
            pdf.para(f"{label}: {text}")
    if conference.agenda.strip():
        pdf.heading("Agenda")
        pdf.para(conference.agenda)
    pdf.heading("Who is coming")
    pdf.rows(
        ["Name", "Role", "Invitation", "Needs", "Information giver"],
        _attendees(network, conference, people),
        (48, 42, 26, 40, 24),
    )
    pdf.heading("The plan")
    if plan.entries:
        pdf.para(
            "One plan for prison, probation, leaving care, the family and the young person, by "
            "resettlement pathway. Each item names the statutory plans it serves."
        )
        for pathway, rows in pathway_rows(network, plan):
            pdf.heading(pathway, size=11)
            pdf.rows(PLAN_HEADINGS, rows, PLAN_WIDTHS)
    else:
        pdf.para("No plan items have been agreed yet.")
    if network.case.release_date:
        pdf.heading("Release")
        pdf.para(f"Release date: {uk_date(network.case.release_date)}")
        for label, day in (
            ("Licence ends", network.case.licence_end),
            ("Sentence ends", network.case.sentence_end),
        ):
            if day:
                pdf.para(f"{label}: {uk_date(day)}")
        pdf.rows(["On release day", "Who", "Status"], checklist_rows(network, plan), (70, 80, 30))
    if roles := role_rows(network):
        pdf.heading("Who does what")
        pdf.rows(
            ["Who", "Their role", "What they do not do", "Until", "How to reach them"],
            [
                [
                    r.name,
                    f"{r.card.title}: {' '.join(r.card.does)}",
                    " ".join(r.card.does_not),
                    r.card.ends,
                    r.reach,
                ]
                for r in roles
            ],
            (28, 58, 44, 26, 24),
        )
    if contacts_visible:
        pdf.heading("Contacts for plan owners")
        owners = list(dict.fromkeys(e.item.owner_id for e in plan.entries))
        pdf.rows(["Name", "Phone", "E-mail"], _contact_rows(network, owners, people), (60, 50, 70))
    if pictures_note:
        pdf.heading("Ecomap and genogram")
        pdf.para(pictures_note)
    if ecomap_png:
        pdf.picture("Ecomap", ecomap_png)
    if genogram_png:
        pdf.picture("Genogram", genogram_png)
    return bytes(pdf.output())


def _summary(conference: Conference, generated_on: date) -> list[tuple[str, str]]:
    items = [
        (
            "Conference date",
            uk_date(conference.conference_on) if conference.conference_on else "to be set",
        ),
        ("Venue", conference.venue or "to be set"),
        ("Stage", words(conference.stage)),
        ("Private family time", "yes" if conference.private_family_time else "no"),
    ]
    if conference.review_on:
        items.append(("Review", uk_date(conference.review_on)))
    items.append(("Pack printed", uk_date(generated_on)))
    return items


def _label(network: Network, people: dict[str, Person], person_id: str) -> str:
    person = people.get(person_id)
    if person is None:
        return _NOT_SHOWN
    if person.agency and not location_withheld(network, person_id):
        return f"{person.display_name} ({person.agency})"
    return person.display_name


def _attendees(network: Network, conference: Conference, people: dict[str, Person]) -> list[list[str]]:
    ego = network.case.ego_id
    rows = []
    if ego in people and all(i.person_id != ego for i in conference.invitees):
        rows.append([people[ego].display_name, "young person", "", "", ""])
    for invitee in conference.invitees:
        if invitee.status not in _LISTED or invitee.person_id not in people:
            continue
        membership = network.membership(invitee.person_id)
        role = invitee.role or (membership.role_label if membership else "")
        if invitee.person_id == ego:
            role = role or "young person"
        rows.append(
            [
                _label(network, people, invitee.person_id),
                role,
                words(InvitationStatus(invitee.status)),
                ", ".join(phrase(InviteeNeed(need)) for need in invitee.needs),
                "yes" if invitee.information_giver else "",
            ]
        )
    return rows


def _contact_rows(network: Network, owners: list[str], people: dict[str, Person]) -> list[list[str]]:
    rows = []
    for owner_id in owners:
        person = people.get(owner_id)
        if person is None:
            continue
        if location_withheld(network, owner_id):
            rows.append([person.display_name, _WITHHELD, _WITHHELD])
        else:
            rows.append([_label(network, people, owner_id), person.phone or "-", person.email or "-"])
    return rows
