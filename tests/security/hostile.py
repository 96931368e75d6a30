"""The hostile strings and the checks that tell whether a rendered output would run any of them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

from tests.paths import PAYLOADS

# Elements that run script, load something, or take over a page when a browser meets them.
ACTIVE_TAGS = frozenset(
    "script iframe frame frameset object embed applet img image svg math a link meta style base form input "
    "button body html video audio source details marquee isindex template foreignobject use animate set "
    "textarea plaintext xss".split()
)
_URL_ATTRS = frozenset({"href", "src", "action", "xlink:href", "formaction", "data", "background", "dynsrc"})
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data|livescript):", re.I)
FORMULA_START = tuple("=+-@\t\r")


def hostile_strings() -> list[str]:
    """Every payload once: the XSS list, the CSV-injection lists and the Big List of Naughty Strings."""
    found: list[str] = []
    for name in ("xss/generated-xss.txt", "csv-injection/PayloadsAllTheThings_CSV-Injection_extracted.txt",
                 "csv-injection/payloadbox_csv-payload.txt"):  # fmt: skip
        found += (PAYLOADS / name).read_text(encoding="utf-8").splitlines()
    found += json.loads((PAYLOADS / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
    return list(dict.fromkeys(s for s in found if s.strip()))


class _Active(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        _count(self.found, tag, attrs)


def _count(found: Counter[str], tag: str, attrs: list[tuple[str, str | None]]) -> None:
    tag = tag.lower().rsplit("}", 1)[-1]
    if tag in ACTIVE_TAGS:
        found[f"<{tag}>"] += 1
    for name, value in attrs:
        name = name.lower().rsplit("}", 1)[-1]
        if name.startswith("on"):
            found[f"{name}="] += 1
        if (name in _URL_ATTRS or name == "href") and value and _SCRIPT_URL.match(value):
            found[f"{name}=script:"] += 1


def active_html(page: str) -> Counter[str]:
    """Active elements and handlers a browser would build from ``page``.

    vis-network shows string titles with ``innerText``; only pyvis's optional tooltip mode uses
    ``innerHTML``, so that mode is counted, and so is any raw ``<`` in the embedded vis data.
    """
    parser = _Active()
    parser.feed(page)
    parser.close()
    parser.found["innerHTML tooltip"] += page.count("popup.innerHTML")
    for data in re.findall(r"new vis\.DataSet\((.*)\);$", page, re.M):
        parser.found["raw < in vis data"] += data.count("<")
    return +parser.found


def active_xml(document: str | bytes) -> Counter[str]:
    """Active elements and handlers in an SVG/XML document, which must be well formed."""
    found: Counter[str] = Counter()
    for element in ET.fromstring(document).iter():
        if isinstance(element.tag, str):
            _count(found, element.tag, list(element.attrib.items()))
    return found


def formulas(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would run as a formula."""
    return [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_START)]
