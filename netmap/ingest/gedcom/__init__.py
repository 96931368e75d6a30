"""GEDCOM 5.5, 5.5.1, 5.5.5 and 7.0 family trees into people and kin, and kin back out as GEDCOM 5.5.1."""

from netmap.ingest.gedcom.reader import read
from netmap.ingest.gedcom.writer import write

__all__ = ["read", "write"]
