"""Word lists the case-notes lead finder reads: kinship terms, titles, and words that are never names."""

from __future__ import annotations

from netmap.models import Gender, Sector

__all__ = [
    "AFTER_COMMA_NAME",
    "APPOSITION_TITLES",
    "COPULAS",
    "COUNTS",
    "COUPLES",
    "DEATH_SKIP",
    "DEATH_WORDS",
    "DETERMINERS",
    "HEDGES",
    "INFORMAL",
    "INFORMAL_AFTER",
    "KIN_TERMS",
    "LINKS",
    "MODIFIERS",
    "NOT_NAMES",
    "NOT_PEOPLE_AFTER",
    "PARTICLES",
    "PLURALS",
    "POSSESSIVES",
    "PREFIXES",
    "SERVICE_WORDS",
    "SIDE_WORDS",
    "SUBJECT_PRONOUNS",
    "TITLES",
]

F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN
FAM, FRI, PEER, PRO = Sector.FAMILY, Sector.FRIENDS, Sector.PEERS_COMMUNITY, Sector.PROFESSIONALS


def _terms(
    words: str, relation: str, sector: Sector, gender: Gender
) -> dict[str, tuple[str, Sector, Gender]]:
    return dict.fromkeys(words.split("|"), (relation, sector, gender))


# Lower-case words (hyphens removed) or word pairs -> (relation, sector, gender).
KIN_TERMS: dict[str, tuple[str, Sector, Gender]] = {
    **_terms("mother|mum|mom|mam|mummy|mammy", "mother", FAM, F),
    **_terms("father|dad|daddy", "father", FAM, M),
    **_terms("parent", "parent", FAM, U),
    **_terms("brother", "brother", FAM, M),
    **_terms("sister", "sister", FAM, F),
    **_terms("sibling|twin", "sibling", FAM, U),
    **_terms("grandmother|gran|granny|grandma|nan|nana|nanna|nanny|nain", "grandmother", FAM, F),
    **_terms("grandfather|grandad|granddad|grandpa|gramps|taid", "grandfather", FAM, M),
    **_terms("grandparent", "grandparent", FAM, U),
    **_terms("aunt|auntie|aunty", "aunt", FAM, F),
    **_terms("uncle", "uncle", FAM, M),
    **_terms("cousin", "cousin", FAM, U),
    **_terms("son", "son", FAM, M),
    **_terms("daughter", "daughter", FAM, F),
    **_terms("child", "child", FAM, U),
    **_terms("niece", "niece", FAM, F),
    **_terms("nephew", "nephew", FAM, M),
    **_terms("godmother", "godmother", FAM, F),
    **_terms("godfather", "godfather", FAM, M),
    **_terms("godparent", "godparent", FAM, U),
    **_terms("foster carer", "foster carer", FAM, U),
    **_terms("foster mum|foster mother", "foster mother", FAM, F),
    **_terms("foster dad|foster father", "foster father", FAM, M),
    **_terms("kinship carer", "kinship carer", FAM, U),
    **_terms("special guardian", "special guardian", FAM, U),
    **_terms("adoptive mum|adoptive mother", "adoptive mother", FAM, F),
    **_terms("adoptive dad|adoptive father", "adoptive father", FAM, M),
    **_terms("partner", "partner", FRI, U),
    **_terms("girlfriend", "girlfriend", FRI, F),
    **_terms("boyfriend", "boyfriend", FRI, M),
    **_terms("wife", "wife", FRI, F),
    **_terms("husband", "husband", FRI, M),
    **_terms("friend|mate", "friend", FRI, U),
    **_terms("best friend|best mate", "best friend", FRI, U),
    **_terms("family friend", "family friend", PEER, U),
    **_terms("neighbour", "neighbour", PEER, U),
    **_terms("mentor", "mentor", PEER, U),
    **_terms("coach", "coach", PEER, U),
    **_terms("social worker", "social worker", PRO, U),
    **_terms("personal adviser|personal advisor", "personal adviser", PRO, U),
    **_terms("youth worker", "youth worker", PRO, U),
    **_terms("key worker|keyworker", "key worker", PRO, U),
    **_terms("probation officer", "probation officer", PRO, U),
    **_terms("offender manager", "offender manager", PRO, U),
    **_terms("teacher", "teacher", PRO, U),
}
PLURALS = {
    **{
        word + "s": word
        for word in (
            "cousin|brother|sister|friend|aunt|uncle|grandparent|foster carer|sibling|parent|mate|son|daughter|"
            "niece|nephew|godparent"
        ).split("|")
    },
    "children": "child",
}
COUPLES = {"partner", "girlfriend", "boyfriend", "wife", "husband"}
PREFIXES = ("greatgreat", "great", "step", "half", "ex")
TITLES = {"mr": M, "mrs": F, "ms": F, "miss": F, "mx": U, "dr": U}
POSSESSIVES = set("his her their my your our".split())
DETERMINERS = POSSESSIVES | set("the a an this".split())
LINKS = set("called named known as - – , ( :".split())
AFTER_COMMA_NAME = {",", ".", ")", ";", "(", "who", "whom", "is", "was", "has", "had"}
INFORMAL = set("mum mam dad nan nana nanna gran granny grandad grandma grandpa".split())
# A lower-case "mum" or "dad" after these is the young person's own: "no contact with dad".
INFORMAL_AFTER = set("with to from and by for about than when until where or , (".split())
# Kinship words used as a title in an apposition: "his nan's sister, Auntie Brenda,".
APPOSITION_TITLES = set("auntie aunty aunt uncle nan nana nanna gran granny grandad grandma grandpa".split())
# Words that say which side of the family, in "on his dad's side", "through his mother", "(maternal)".
SIDE_WORDS = {
    **dict.fromkeys("mother mum mom mam mummy maternal".split(), "maternal"),
    **dict.fromkeys("father dad daddy paternal".split(), "paternal"),
}
HEDGES = set("believed thought said understood likely possibly probably might may could".split())
# Links between a name and its relation, longest first: "Marcus Reid is believed to be his father".
COPULAS = sorted(
    [
        *((verb,) for verb in ("is", "was", "are", "were")),
        *(
            (verb, hedge, "to", "be")
            for verb in ("is", "was")
            for hedge in sorted(HEDGES - {"might", "may", "could"})
        ),
        *((verb, "possibly") for verb in ("is", "was")),
        *((modal, "be") for modal in ("might", "may", "could")),
    ],
    key=len,
    reverse=True,
)
# Words between "has" and a kinship term: "has two children", "has an older brother".
COUNTS = set("a an another one two three four five six several older younger new".split())
SUBJECT_PRONOUNS = {"he": "his", "she": "her", "they": "their"}
DEATH_WORDS = {"died", "deceased", "dead", "passed"}
# Words that may stand between a name and the word saying the person died: "Edna, who has sadly died".
DEATH_SKIP = set("( ) , who has had have sadly tragically now is was".split())
PARTICLES = set("van von de der da di du le la bin ibn al el ben".split())
MODIFIERS = set(
    "maternal paternal old former ex late birth biological older younger elder big little great step half "
    "first second twin dear oldest eldest youngest previous new close childhood deceased".split()
)
NOT_PEOPLE_AFTER = set(
    "tongue figure language land country nature earth company ship city church superior christmas time "
    "care placement placements home homes service services team agency panel school prison visits visit "
    "contact work role roles day arrangements protection benefit minding maintenance".split()
)
NOT_NAMES = set(
    "i he she they we you it his her their the a an this that these those and but or so then when while "
    "after before on in at to from with for of as by if there here also who which what monday tuesday "
    "wednesday thursday friday saturday sunday christmas easter court council hmp hmyoi yoi prison street "
    "road hospital school police services service team probation social care family yes no not however "
    "today yesterday tomorrow although because since until during sadly unfortunately both either neither "
    "english irish scottish welsh british polish romanian jamaican nigerian somali pakistani indian "
    "bangladeshi muslim catholic christian sikh hindu jewish".split()
)
# Capitalised words that make the words before them a service or a place: "Leaving Care", "Jordan Court".
SERVICE_WORDS = set(
    "care probation service services team council court school academy college hospital police prison "
    "street road trust unit hall centre".split()
)
