"""Import and export: every format, a preview of what an import would add, and the CSV column template."""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from netmap.bootstrap import Services
from netmap.errors import NetmapError
from netmap.ingest import READERS
from netmap.ingest.csv_xlsx import template
from netmap.renderers.escape import markdown_text
from netmap.services.access import Action, Actor, allowed
from netmap.services.data import ImportSummary
from netmap.services.files import EXPORT_FORMATS, ImportOutcome
from netmap.views.session import current_actor, get_services, refresh_actor
from netmap.views.widgets import download_button

__all__ = ["UPLOAD_LIMIT", "render"]

UPLOAD_LIMIT = 20 * 1024 * 1024
NO_CASE = "__none__"
WHOLE_STORE = "__all__"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]")
Upload = tuple[str, bytes]


def _safe_name(name: str) -> str:
    return _UNSAFE_NAME.sub("_", Path(name).name).strip(". ") or "upload"


def _import(
    services: Services, actor: Actor, fmt: str, files: list[Upload], choices: dict[str, Any], *, dry_run: bool
) -> ImportOutcome:
    """The uploaded files imported (or previewed) from a private temporary folder, by the one import use case."""
    with tempfile.TemporaryDirectory(prefix="netmap-import-") as folder:
        paths = []
        for name, data in files:
            path = Path(folder) / _safe_name(name)
            path.write_bytes(data)
            paths.append(path)
        main = next((p for p in paths if not p.stem.endswith("_ties")), paths[0])
        return services.files.import_file(actor, fmt, main, dry_run=dry_run, source=files[0][0], **choices)


def _summary_table(summary: ImportSummary) -> pd.DataFrame:
    tables = sorted(set(summary.added) | set(summary.unchanged) | set(summary.updated))
    return pd.DataFrame(
        [
            {
                "Records": t,
                "To add" if summary.dry_run else "Added": summary.added.get(t, 0),
                "To update" if summary.dry_run else "Updated": summary.updated.get(t, 0),
                "Already present": summary.unchanged.get(t, 0),
            }
            for t in tables
        ]
    )


def _import_section(services: Services, actor: Actor, case_ids: dict[str, str]) -> None:
    st.header("Import")
    fmt = st.selectbox("Format", sorted(READERS), key="imp-format")
    uploads = st.file_uploader(
        "File (a CSV with its _ties.csv may be chosen together)", accept_multiple_files=True, key="imp-files"
    )
    target = st.selectbox(
        "Into case",
        [NO_CASE, *case_ids],
        format_func=lambda c: "A new case (as the file says)" if c == NO_CASE else case_ids[c],
        key="imp-case",
    )
    mapping = st.text_input(
        "Column mapping (csv, xlsx, networkcanvas)",
        placeholder="Full name=name; Rel=role_label",
        key="imp-map",
    )
    young_person = st.text_input(
        "Who is the young person in the file (a name or an id; leave empty if the file says)", key="imp-yp"
    )
    strict = st.checkbox("Refuse the whole file at the first record netmap cannot use", key="imp-strict")
    files = [(u.name, u.getvalue()) for u in uploads or []]
    too_big = [name for name, data in files if len(data) > UPLOAD_LIMIT]
    if too_big:
        st.error(markdown_text(f"{too_big[0]}: the file is larger than the 20 MB limit; nothing was read."))
        return
    digest = hashlib.sha256(repr((fmt, target, mapping, young_person, strict, files)).encode()).hexdigest()
    choices: dict[str, Any] = {
        "case_id": None if target == NO_CASE else target,
        "young_person": young_person.strip() or None,
        "mapping": mapping.strip() or None,
        "strict": strict,
    }
    shown = st.session_state.get("imp-preview")
    previewed = shown is not None and shown[0] == digest
    left, right = st.columns(2)
    preview = left.button("Preview", disabled=not files, key="imp-preview-button")
    commit = right.button("Import", type="primary", disabled=not previewed, key="imp-commit")
    if preview or commit:
        st.session_state.pop("imp-preview", None)
        try:
            outcome = _import(services, actor, fmt, files, choices, dry_run=preview)
        except NetmapError as exc:
            st.error(markdown_text(str(exc)))
            return
        if preview:
            # Shown from the session on the next run, where the Import button is enabled for these files.
            st.session_state["imp-preview"] = (digest, outcome)
            st.rerun()
        if outcome.summary.added.get("grant"):
            refresh_actor()  # a new case was granted to its importer: open it without logging in again
        st.success(markdown_text(outcome.summary.sentence()))
        _outcome(outcome)
    elif shown is not None and previewed:
        outcome = shown[1]
        st.info(markdown_text(outcome.summary.sentence()) + " Press Import to commit exactly this.")
        _outcome(outcome)


def _outcome(outcome: ImportOutcome) -> None:
    """The table of what an import adds, updates and keeps, and the records it skipped or repaired."""
    st.dataframe(_summary_table(outcome.summary), hide_index=True, width="stretch")
    report = outcome.report
    if not report.count:
        return
    st.warning(markdown_text(report.summary()))
    st.dataframe(
        pd.DataFrame(
            [{"Where": p.where, "What netmap did": p.what, "Why": p.why} for p in report.problems],
            columns=["Where", "What netmap did", "Why"],
        ),
        hide_index=True,
        width="stretch",
    )
    download_button(
        st,
        "Download the import report (CSV)",
        report.to_csv(),
        file_name="netmap-import-report.csv",
        mime="text/csv",
        key="imp-report",
    )


def _export_bytes(services: Services, actor: Actor, fmt: str, case_id: str | None) -> tuple[str, bytes, str]:
    """(file name, content, MIME type) of one export; several files (CSV and its ties) come as a zip."""
    with tempfile.TemporaryDirectory(prefix="netmap-export-") as folder:
        paths = services.files.export_files(actor, fmt, case_id, Path(folder))
        return _bundle(paths, f"netmap-{case_id or 'all'}-{fmt}.zip")


_MIME = {".json": "application/json", ".pdf": "application/pdf", ".csv": "text/csv"}


def _bundle(paths: list[Path], zip_name: str) -> tuple[str, bytes, str]:
    if len(paths) == 1:
        return paths[0].name, paths[0].read_bytes(), _MIME.get(paths[0].suffix, "application/octet-stream")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(path, path.name)
    return zip_name, buffer.getvalue(), "application/zip"


def _export_section(services: Services, actor: Actor, case_ids: dict[str, str]) -> None:
    st.header("Export")
    formats = list(EXPORT_FORMATS)
    fmt = st.selectbox("Format", formats, key="exp-format")
    choices = ([WHOLE_STORE] if fmt == "json" and allowed(actor, Action.EXPORT_ALL) else []) + list(case_ids)
    if not choices:
        st.info("You hold no case to export.")
        return
    target = st.selectbox(
        "What to export",
        choices,
        format_func=lambda c: "The whole store" if c == WHOLE_STORE else case_ids[c],
        key="exp-case",
    )
    if not st.button("Prepare the file", key="exp-prepare"):
        return
    try:
        name, data, mime = _export_bytes(services, actor, fmt, None if target == WHOLE_STORE else target)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    download_button(st, f"Download {name}", data, file_name=name, mime=mime, key="exp-download")


def _templates() -> None:
    st.header("Column template")
    st.caption(
        "Fill in the People sheet (and Ties, if you know the relationships), then import it as csv or xlsx."
    )
    with tempfile.TemporaryDirectory(prefix="netmap-template-") as folder:
        template(Path(folder) / "netmap-template.csv")
        name, data, mime = _bundle(sorted(Path(folder).iterdir()), "netmap-template-csv.zip")
        download_button(st, "Download the CSV template", data, file_name=name, mime=mime, key="tpl-csv")
        workbook = Path(folder) / "netmap-template.xlsx"
        template(workbook)
        download_button(
            st,
            "Download the Excel template",
            workbook.read_bytes(),
            file_name=workbook.name,
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="tpl-xlsx",
        )


def render() -> None:
    actor = current_actor()
    assert actor is not None
    services = get_services()
    st.title("Import and export")
    case_ids = {c.id: c.title for c in services.cases.list_cases(actor)}
    if allowed(actor, Action.IMPORT):
        _import_section(services, actor, case_ids)
    if allowed(actor, Action.EXPORT_CASE):
        _export_section(services, actor, case_ids)
    _templates()
