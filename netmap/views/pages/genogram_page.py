"""Genogram page: the young person's family over the generations, as an SVG with downloads for screen and paper."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.models import Network
from netmap.renderers.genogram import render_genogram
from netmap.views.downloads import genogram_downloads, restriction_details
from netmap.views.session import open_case_page

__all__ = ["render"]


def _kin_table(network: Network) -> pd.DataFrame:
    names = {p.id: p.display_name for p in network.people}
    rows = [
        {
            "From": names.get(k.from_id, k.from_id),
            "Relationship": k.kind.value.replace("_", " "),
            "To": names.get(k.to_id, k.to_id),
            "Certainty": k.certainty.value,
        }
        for k in sorted(network.kin, key=lambda k: (k.kind.value, k.from_id, k.to_id))
    ]
    return pd.DataFrame(rows, columns=["From", "Relationship", "To", "Certainty"])


def render() -> None:
    opened = open_case_page("Genogram")
    if opened is None:
        return
    actor, network = opened
    if not network.kin:
        st.info(
            "No family links are recorded for this case yet, so the genogram shows only the young person."
        )
    svg = render_genogram(network, restriction_details=restriction_details(actor))
    # an SVG shown as an image cannot run script, whatever the names in it say
    st.image(svg, width="stretch", alt=f"Genogram of the family of {network.ego.display_name}")
    genogram_downloads(actor, network.case.id)
    st.subheader("Family links")
    st.dataframe(_kin_table(network), hide_index=True)
