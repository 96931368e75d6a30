"""XML for the importers: tag names without namespaces (parsing itself refuses DTDs and entities, and
streams: see :mod:`netmap.ingest.graphml_parse` and :mod:`netmap.ingest.tables`)."""

from __future__ import annotations

__all__ = ["local_name"]


def local_name(tag: str) -> str:
    """An XML tag or attribute name without its ``{namespace}``.

    >>> local_name("{http://graphml.graphdrawing.org/xmlns}node"), local_name("edge")
    ('node', 'edge')
    """
    return tag.rsplit("}", 1)[-1]
