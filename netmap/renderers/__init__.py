"""Pure renderers: the ecomap (HTML, SVG, PNG), the genogram (SVG) and the conference pack (PDF).

No Streamlit and no store: each takes domain records and returns text or bytes.
"""
