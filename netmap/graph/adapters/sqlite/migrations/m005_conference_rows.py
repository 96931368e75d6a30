"""Migration 5: a conference write (its plan included) raises its case's generation too.

A case's kept evidence for the service's figures is computed from its conferences and plan items
as well as its network, so their writes make the case's kept rows stale like any other.
"""

from __future__ import annotations

from netmap.graph.adapters.sqlite.migrations.m004_cohort_rows import case_scoped

__all__ = ["CONFERENCE_ROWS"]

CONFERENCE_ROWS = case_scoped("conference")
