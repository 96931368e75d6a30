"""XML for the importers: parsing that refuses DTDs and entities, and tag names without namespaces."""

from __future__ import annotations

from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from netmap.errors import ImportFailed

__all__ = ["local_name", "parse_xml"]


def local_name(tag: str) -> str:
    """An XML tag or attribute name without its ``{namespace}``.

    >>> local_name("{http://graphml.graphdrawing.org/xmlns}node"), local_name("edge")
    ('node', 'edge')
    """
    return tag.rsplit("}", 1)[-1]


def parse_xml(data: bytes, name: str) -> Any:
    """The root element of XML ``data``; DTDs and entities are refused (no XXE, no billion laughs).

    >>> parse_xml(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "x")
    Traceback (most recent call last):
    ...
    netmap.errors.ImportFailed: x: the XML declares a DTD or entities, which netmap refuses for safety.
    >>> parse_xml(b'<?xml version="1.0" encoding="no-such-encoding"?><x/>', "x")
    Traceback (most recent call last):
    ...
    netmap.errors.ImportFailed: x: the file is not readable XML text.
    """
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except SafeET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ImportFailed(f"{name} line {line}, column {column}: the XML is broken or cut short.") from None
    except DefusedXmlException:
        raise ImportFailed(
            f"{name}: the XML declares a DTD or entities, which netmap refuses for safety."
        ) from None
    except (ValueError, UnicodeError, LookupError):
        # LookupError: the XML declaration names an encoding Python does not know.
        raise ImportFailed(f"{name}: the file is not readable XML text.") from None
