"""Hand-written case-note sentences and the leads a careful reader would take from them.

Every person here is invented. Each sentence is read for one young person (the case's ego), and
every relation is written relative to that young person, as the lead finder must report it:
``side`` is "maternal" or "paternal" where the sentence says or implies it; ``confidence`` is
"probable" for a full name and "possible" for a first name, an unnamed relative or a hedged
sentence ("believed to be", "might be").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from netmap.models import Certainty, Gender, Person

__all__ = ["SENTENCES", "Expected", "Sentence"]

KAI = Person(id="p-kai", name="Kai Holloway", gender=Gender.MALE)
MAISIE = Person(id="p-maisie", name="Maisie Holloway", gender=Gender.FEMALE)
LEAH = Person(id="p-leah", name="Leah Corrigan", gender=Gender.FEMALE)
JORDAN = Person(id="p-jordan", name="Jordan Reid", gender=Gender.MALE)
JADE = Person(id="p-jade", name="Jade Whitaker", gender=Gender.FEMALE)

PROBABLE, POSSIBLE = Certainty.PROBABLE, Certainty.POSSIBLE


@dataclass(frozen=True)
class Expected:
    name: str
    relation: str
    side: str = ""
    deceased: bool = False
    confidence: Certainty = POSSIBLE


class Sentence(NamedTuple):
    text: str
    leads: list[Expected] = []
    ego: Person = KAI


def _e(name: str, relation: str, side: str = "", *, dead: bool = False, sure: bool = False) -> Expected:
    return Expected(name, relation, side, dead, PROBABLE if sure else POSSIBLE)


SENTENCES: list[Sentence] = [
    Sentence("Kai's aunt Michelle came to the LAC review at Oakridge House.", [_e("Michelle", "aunt")]),
    Sentence(
        "Kai says his nan, Pat Holloway, still lives in Westbrook.",
        [_e("Pat Holloway", "grandmother", sure=True)],
    ),
    Sentence("Mum's brother Dean was in contact until 2019.", [_e("Dean", "uncle", "maternal")]),
    Sentence(
        "The late Tom Corrigan (father) died in 2015.",
        [_e("Tom Corrigan", "father", dead=True, sure=True)],
        LEAH,
    ),
    Sentence(
        "Her mum's sister Jo lives in Leeds and has offered to meet.",
        [_e("Jo", "aunt", "maternal")],
        MAISIE,
    ),
    Sentence(
        "Leah's dad, the late Tom Corrigan, was a roofer in Westbrook.",
        [_e("Tom Corrigan", "father", dead=True, sure=True)],
        LEAH,
    ),
    Sentence(
        "Kai's aunt Michelle Barker has two children; her son Tyler is 17.",
        [_e("Michelle Barker", "aunt", sure=True), _e("Tyler", "cousin")],
    ),
    Sentence(
        "His maternal grandmother, Irene Walsh, is 80 and keen to meet him.",
        [_e("Irene Walsh", "grandmother", "maternal", sure=True)],
        JORDAN,
    ),
    Sentence(
        "Jordan's half-brother Josh Reid is 12 and lives in Sheffield.",
        [_e("Josh Reid", "half-brother", sure=True)],
        JORDAN,
    ),
    Sentence(
        "Her step-mum, Karen Bell, has asked for contact to restart.",
        [_e("Karen Bell", "step-mother", sure=True)],
        LEAH,
    ),
    Sentence(
        "Jordan was placed with foster carer Linda Okafor from 2016 to 2019.",
        [_e("Linda Okafor", "foster carer", sure=True)],
        JORDAN,
    ),
    Sentence(
        "His godmother Lorraine Devlin kept every school photo.",
        [_e("Lorraine Devlin", "godmother", sure=True)],
    ),
    Sentence(
        "Paternal uncle Rob Corrigan is on remand at HMP Leeds.",
        [_e("Rob Corrigan", "uncle", "paternal", sure=True)],
        LEAH,
    ),
    Sentence(
        "Kai's cousin Jess Barker has messaged him on Instagram.",
        [_e("Jess Barker", "cousin", sure=True)],
    ),
    Sentence(
        "Mum's ex-partner, Steve Lowe, is not to have contact with Kai.",
        [_e("Steve Lowe", "mother's ex-partner", "maternal", sure=True)],
    ),
    Sentence(
        "Lee Grant, the ex-partner of mum, was violent in the family home.",
        [_e("Lee Grant", "mother's ex-partner", "maternal", sure=True)],
        JORDAN,
    ),
    Sentence(
        "Kai's grandad, Derek Holloway, has not replied to two letters.",
        [_e("Derek Holloway", "grandfather", sure=True)],
    ),
    Sentence(
        "Kai talks about his great-aunt Brenda, who lives in Coldharbour Bay.",
        [_e("Brenda", "great-aunt")],
    ),
    Sentence(
        "Dad's mother, Sheila Corrigan, died in 2020.",
        [_e("Sheila Corrigan", "grandmother", "paternal", dead=True, sure=True)],
        LEAH,
    ),
    Sentence(
        "Jordan's brother Kyle Reid is on licence with a non-association condition.",
        [_e("Kyle Reid", "brother", sure=True)],
        JORDAN,
    ),
    Sentence(
        "Maternal nan Pat Holloway visits every Sunday.",
        [_e("Pat Holloway", "grandmother", "maternal", sure=True)],
    ),
    Sentence("Kai's mum Stacey has supervised contact once a month.", [_e("Stacey", "mother")]),
    Sentence(
        "Stacey Holloway (mother) attended the LAC review.",
        [_e("Stacey Holloway", "mother", sure=True)],
    ),
    Sentence(
        "His birth father is believed to be Marcus Reid, who lives in Birmingham.",
        [_e("Marcus Reid", "father")],
        JORDAN,
    ),
    Sentence(
        "Kai's uncle Gavin (mum's brother) was located through the electoral roll.",
        [_e("Gavin", "uncle", "maternal")],
    ),
    Sentence(
        "Her foster carer, Janet Price, looked after her from 2019 to 2022.",
        [_e("Janet Price", "foster carer", sure=True)],
        MAISIE,
    ),
    Sentence(
        "Leah's paternal grandparents, John and Mary Corrigan, live in Ireland.",
        [
            _e("John Corrigan", "grandparent", "paternal", sure=True),
            _e("Mary Corrigan", "grandparent", "paternal", sure=True),
        ],
        LEAH,
    ),
    Sentence(
        "Kai's step-dad Gary Tomlin was violent towards him.",
        [_e("Gary Tomlin", "step-father", sure=True)],
    ),
    Sentence(
        "His half-sister Amira Hassan writes to him in custody.",
        [_e("Amira Hassan", "half-sister", sure=True)],
        JORDAN,
    ),
    Sentence(
        "Mum's partner, Lee, is not known to the department.",
        [_e("Lee", "mother's partner", "maternal")],
    ),
    Sentence(
        "Kayleigh, Jordan's girlfriend, is expecting a baby in March.",
        [_e("Kayleigh", "girlfriend")],
        JORDAN,
    ),
    Sentence(
        "Jordan's ex-partner Chelsea Ward has a child arrangements order for their son.",
        [_e("Chelsea Ward", "ex-partner", sure=True), _e("", "son")],
        JORDAN,
    ),
    Sentence("Jade's daughter Ruby was born on 2 April 2026.", [_e("Ruby", "daughter")], JADE),
    Sentence(
        "Nana Irene will travel from Coldharbour Bay for the conference.",
        [_e("Irene", "grandmother")],
        JADE,
    ),
    Sentence(
        "Tom Fletcher, Kai's key worker at Oakridge House, supports the plan.",
        [_e("Tom Fletcher", "key worker", sure=True)],
    ),
    Sentence(
        "Mum's sister's son, Callum, is the same age as Leah.",
        [_e("Callum", "cousin", "maternal")],
        LEAH,
    ),
    Sentence(
        "His grandad on his dad's side, Ron Reid, was a miner.",
        [_e("Ron Reid", "grandfather", "paternal", sure=True)],
        JORDAN,
    ),
    Sentence(
        "Kai's cousins Jess and Tyler Barker live with their mum Michelle.",
        [
            _e("Jess Barker", "cousin", sure=True),
            _e("Tyler Barker", "cousin", sure=True),
            _e("Michelle", "aunt"),
        ],
    ),
    Sentence(
        "The late Raymond Holloway, Kai's grandad, died in 2021.",
        [_e("Raymond Holloway", "grandfather", dead=True, sure=True)],
    ),
    Sentence("His brother Kyle, 19, is in HMP Wetherby.", [_e("Kyle", "brother")], JORDAN),
    Sentence(
        "Maisie says her sister Kayla was adopted in 2014 and lives in Kent.",
        [_e("Kayla", "sister")],
        MAISIE,
    ),
    Sentence(
        "Kai's mum's cousin Tina Ward has offered to host family time.",
        [_e("Tina Ward", "mother's cousin", "maternal", sure=True)],
    ),
    Sentence(
        "He has a younger half-brother, Leo, through his father.",
        [_e("Leo", "half-brother", "paternal")],
        JORDAN,
    ),
    Sentence(
        "His former foster carers, Mr and Mrs Patel, have asked for news.",
        [_e("Mr Patel", "foster carer", sure=True), _e("Mrs Patel", "foster carer", sure=True)],
        JORDAN,
    ),
    Sentence(
        "Kai's social worker, Amira Haddad, is his third this year.",
        [_e("Amira Haddad", "social worker", sure=True)],
    ),
    Sentence(
        "Her adoptive mum, Sue Hart, still sends birthday cards.",
        [_e("Sue Hart", "adoptive mother", sure=True)],
        MAISIE,
    ),
    Sentence(
        "His uncle Dev (dad's brother) used to take him fishing.",
        [_e("Dev", "uncle", "paternal")],
        JORDAN,
    ),
    Sentence(
        "Great-grandmother Edna Price is 94 and lives in a care home in Westbrook.",
        [_e("Edna Price", "great-grandmother", sure=True)],
        LEAH,
    ),
    Sentence(
        "Pat Holloway is Kai's maternal grandmother.",
        [_e("Pat Holloway", "grandmother", "maternal", sure=True)],
    ),
    Sentence(
        "Kai's sister Maisie and her foster carer Carol Dawson came to the meeting.",
        [_e("Maisie", "sister"), _e("Carol Dawson", "sister's foster carer", sure=True)],
    ),
    Sentence("There has been no contact with dad since he went to prison.", [_e("", "father")], JORDAN),
    Sentence(
        "Mum (Stacey Holloway) attended with her sister Michelle.",
        [_e("Stacey Holloway", "mother", sure=True), _e("Michelle", "aunt", "maternal")],
    ),
    Sentence(
        "Her paternal great-uncle, Frank O'Hara, lives in Dublin.",
        [_e("Frank O'Hara", "great-uncle", "paternal", sure=True)],
        LEAH,
    ),
    Sentence(
        "Jordan's son, Mason, was born while Jordan was in custody.",
        [_e("Mason", "son")],
        JORDAN,
    ),
    Sentence("His twin brother Ryan was placed separately in 2016.", [_e("Ryan", "brother")], JORDAN),
    Sentence(
        "Sadly his grandmother Edna passed away in 2022.",
        [_e("Edna", "grandmother", dead=True)],
        JORDAN,
    ),
    Sentence(
        "The probation officer, Daniel Osei, supervises Jordan's licence.",
        [_e("Daniel Osei", "probation officer", sure=True)],
        JORDAN,
    ),
    Sentence("Ollie is Kai's best friend from school.", [_e("Ollie", "best friend")]),
    Sentence("Kai's father is not known.", [_e("", "father")]),
    Sentence("Kai attended the review with his key worker."),
    Sentence("The placement at Oakridge House continues; the review is in March."),
    Sentence(
        "Maisie lives with her foster carer Carol Dawson and her sister Kayla.",
        [_e("Carol Dawson", "foster carer", sure=True), _e("Kayla", "sister")],
        MAISIE,
    ),
    Sentence(
        "Kai's grandparents on mum's side, Pat and Derek Holloway, have offered respite.",
        [
            _e("Pat Holloway", "grandparent", "maternal", sure=True),
            _e("Derek Holloway", "grandparent", "maternal", sure=True),
        ],
    ),
    Sentence(
        "Jade's mum Karen Whitaker and her partner Dave will both attend.",
        [_e("Karen Whitaker", "mother", sure=True), _e("Dave", "mother's partner", "maternal")],
        JADE,
    ),
    Sentence(
        "His nan's sister, Auntie Brenda, sends a card every birthday.",
        [_e("Brenda", "great-aunt")],
    ),
    Sentence(
        "Leah's late mum, Donna Corrigan, died when Leah was six.",
        [_e("Donna Corrigan", "mother", dead=True, sure=True)],
        LEAH,
    ),
    Sentence(
        "His previous social worker thought his dad might be Wayne Price.",
        [_e("Wayne Price", "father")],
    ),
    Sentence(
        "Jordan's nephew Alfie was born in 2025 to his sister Chantelle.",
        [_e("Alfie", "nephew"), _e("Chantelle", "sister")],
        JORDAN,
    ),
    Sentence(
        "Maisie's aunt Michelle and her son Tyler came to contact.",
        [_e("Michelle", "aunt"), _e("Tyler", "cousin")],
        MAISIE,
    ),
    Sentence(
        "Kai's uncle Gavin says his mum is not well enough to meet yet.",
        [_e("Gavin", "uncle"), _e("", "grandmother")],
    ),
    Sentence(
        "A family friend, Sandra Lyle, knew his mum at school.",
        [_e("Sandra Lyle", "family friend", sure=True), _e("", "mother")],
    ),
    Sentence(
        "Kai's maternal aunt, Shell (Michelle Barker), has been safety-checked.",
        [_e("Michelle Barker", "aunt", "maternal", sure=True)],
    ),
    Sentence("Derek (grandad) has not returned calls since October.", [_e("Derek", "grandfather")]),
    Sentence(
        "Kai has an older brother, Connor Holloway, who is 19 and lives in Bristol.",
        [_e("Connor Holloway", "brother", sure=True)],
    ),
    Sentence(
        "Kai's maternal grandparents are Pat and Derek Holloway.",
        [
            _e("Pat Holloway", "grandparent", "maternal", sure=True),
            _e("Derek Holloway", "grandparent", "maternal", sure=True),
        ],
    ),
    Sentence(
        "Her dad's partner, Lisa, has two children of her own.",
        [_e("Lisa", "father's partner", "paternal")],
        LEAH,
    ),
    Sentence(
        "Mum's new partner Craig Dunn has recently moved into the family home.",
        [_e("Craig Dunn", "mother's partner", "maternal", sure=True)],
    ),
    Sentence("Kai's paternal family are not known to the local authority."),
    Sentence(
        "Jordan's mother, Donna Reid, has been in and out of prison.",
        [_e("Donna Reid", "mother", sure=True)],
        JORDAN,
    ),
    Sentence(
        "The foster carers, Carol and Steve Dawson, have offered to stay in touch.",
        [_e("Carol Dawson", "foster carer", sure=True), _e("Steve Dawson", "foster carer", sure=True)],
        MAISIE,
    ),
    Sentence(
        "Kai's uncle on his father's side is believed to live in Spain.",
        [_e("", "uncle", "paternal")],
    ),
    Sentence("Ryan, his younger brother, remains in the same placement.", [_e("Ryan", "brother")], JORDAN),
    Sentence(
        "Kai was visited by his aunt and cousin at the weekend.",
        [_e("", "aunt"), _e("", "cousin")],
    ),
    Sentence(
        "Gran's partner, Ken, is not to be left alone with the children.",
        [_e("Ken", "grandmother's partner")],
    ),
    Sentence("Maisie's birth mum Stacey has monthly supervised contact.", [_e("Stacey", "mother")], MAISIE),
    Sentence(
        "Uncle Gavin and his partner Jo live in Portsmouth with their two children.",
        [_e("Gavin", "uncle"), _e("Jo", "uncle's partner")],
    ),
    Sentence("Kai's mum and dad separated in 2012.", [_e("", "mother"), _e("", "father")]),
    Sentence(
        "Her late grandfather, Albert Price, served in the Army.",
        [_e("Albert Price", "grandfather", dead=True, sure=True)],
        LEAH,
    ),
    Sentence("Tyler (cousin, 17) wants to meet Kai.", [_e("Tyler", "cousin")]),
    Sentence(
        "Kai's step-brother Mason Tomlin is Gary's son.",
        [_e("Mason Tomlin", "step-brother", sure=True)],
    ),
]
