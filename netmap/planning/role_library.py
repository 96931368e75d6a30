"""The role library: what each practitioner's role does and does not do, and when it usually ends.

Always Hope found that young adults, and practitioners too, rarely know what each role around a care
leaver in custody is for. Each card is written to be read by the young person; ``role_card`` finds
the card for a role as it is written on a map ("Probation officer", "PA (leaving care)").
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

__all__ = ["ROLE_LIBRARY", "RoleCard", "role_card"]


class RoleCard(BaseModel):
    model_config = ConfigDict(frozen=True)
    key: str
    title: str
    does: tuple[str, ...]
    does_not: tuple[str, ...]
    ends: str
    pattern: str

    def matches(self, role_label: str) -> bool:
        return bool(re.search(self.pattern, role_label, re.IGNORECASE))


# Checked in this order: "community offender manager" is probation before "offender manager" is prison.
ROLE_LIBRARY: tuple[RoleCard, ...] = (
    RoleCard(
        key="probation_practitioner",
        title="Probation practitioner",
        does=(
            "Supervises your licence after release and helps you keep to its conditions.",
            "Checks your release address and plans your first weeks out with the prison.",
            "Refers you to help with housing, work, and drugs or alcohol.",
        ),
        does_not=(
            "Does not give you money or a home themselves.",
            "Cannot overlook a breach of your licence: missed appointments can lead to a recall to prison.",
            "Is not your leaving-care worker.",
        ),
        ends="When your licence (or post-sentence supervision) ends.",
        pattern=r"probation|community offender manager|\bCOM\b",
    ),
    RoleCard(
        key="prison_offender_manager",
        title="Prison offender manager",
        does=(
            "Manages your sentence in prison: your sentence plan, assessments and reviews.",
            "Works out your release with probation and your personal adviser.",
            "Refers you to courses, education and work in prison.",
        ),
        does_not=(
            "Does not supervise you after you leave prison: your probation practitioner does.",
            "Does not decide on parole: the Parole Board does.",
        ),
        ends="On the day you are released.",
        pattern=r"offender manager|\bPOM\b",
    ),
    RoleCard(
        key="personal_adviser",
        title="Personal adviser (leaving care)",
        does=(
            "Keeps your pathway plan with you and reviews it at least every six months.",
            "Helps with the housing, education, work and money you are entitled to as a care leaver.",
            "Keeps in touch while you are in prison and plans your release with prison and probation.",
        ),
        does_not=(
            "Does not supervise your licence or manage your sentence.",
            "Cannot make decisions for you.",
        ),
        ends="At 21, or at 25 if you ask to keep them.",
        pattern=r"personal\s+advis[eo]r|\bPA\b",
    ),
    RoleCard(
        key="lifelong_links_coordinator",
        title="Lifelong Links coordinator",
        does=(
            "Finds people who matter to you (family, former carers, friends) and gets back in touch.",
            "Checks that each person is safe to contact before anyone is approached.",
            "Brings them together, often at a family group conference, to agree lasting support.",
        ),
        does_not=(
            "Does not contact anyone without your say-so.",
            "Does not replace your personal adviser or social worker.",
        ),
        ends="When your network is in place, usually within a year; the people found stay.",
        pattern=r"lifelong\s+links",
    ),
    RoleCard(
        key="fgc_facilitator",
        title="Family group conference facilitator",
        does=(
            "Asks who you want at your family group conference and prepares everyone for it.",
            "Runs the meeting, with private time for your family to make its plan.",
            "Writes up the plan and arranges its review.",
        ),
        does_not=(
            "Does not make the plan: you and your family do.",
            "Does not carry out the plan or take sides.",
        ),
        ends="After the plan has been reviewed.",
        pattern=r"family\s+group\s+conference|\bFGC\b|facilitator",
    ),
    RoleCard(
        key="mentor",
        title="Mentor",
        does=(
            "Meets you regularly, in prison and after release, as someone who is not in charge of you.",
            "Helps with confidence, things to do and getting to appointments.",
        ),
        does_not=(
            "Is not a counsellor, a lawyer or a probation officer.",
            "Has to pass on a worry about your safety or someone else's.",
        ),
        ends="When the mentoring project ends, often after six to twelve months.",
        pattern=r"mentor",
    ),
    RoleCard(
        key="key_worker",
        title="Key worker",
        does=(
            "Is your named worker day to day where you live: on your prison wing, in a home or a hostel.",
            "Checks how you are and helps you raise things with the right person.",
        ),
        does_not=(
            "Does not manage your sentence or your licence.",
            "Does not decide where you live next.",
        ),
        ends="When you leave the prison, home or hostel.",
        pattern=r"key\s*worker|support\s+worker",
    ),
    RoleCard(
        key="social_worker",
        title="Social worker (children's services)",
        does=(
            "Is responsible for the care plan of a child in care, and for keeping them safe.",
            "Arranges where a child lives and their contact with family.",
        ),
        does_not=("Does not stay once you turn 18: leaving care takes over.",),
        ends="At 18, when your personal adviser takes over.",
        pattern=r"social\s+worker",
    ),
    RoleCard(
        key="camhs",
        title="Children's mental health (CAMHS) worker",
        does=("Supports a child's or teenager's mental health.",),
        does_not=("Does not carry on past 18: adult mental health services take over if you need them.",),
        ends="At 18.",
        pattern=r"\bCAMHS\b|child(?:ren)?(?:'s| and adolescent)\s+mental\s+health",
    ),
)


def role_card(role_label: str) -> RoleCard | None:
    """The library's card for a role as written on a map, or None.

    >>> role_card("Probation officer").title, role_card("Prison offender manager").key
    ('Probation practitioner', 'prison_offender_manager')
    >>> role_card("Nan") is None
    True
    """
    return next((card for card in ROLE_LIBRARY if card.matches(role_label)), None)
