"""Streamlit's own English texts in the session's language, where Streamlit has no parameter.

The upload button ("Upload"), the uploader's limit line ("200MB per file • CSV, XLSX"), a
selectbox without matches ("No results"), an empty date field's "yyyy" and the "Press Enter to apply/submit" hint under a
focused field are Streamlit's, in English (streamlit/streamlit#13500 asks for the uploader's texts).
A style sheet hides each and shows the catalogue's text in its place; forms also set
``enter_to_submit=False`` so no hint is needed. Screen concerns only: nothing here decides
anything.
"""

from __future__ import annotations

import streamlit as st

from ui import n, t


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def style_sheet() -> str:
    """The style sheet that puts the catalogue's texts in place of Streamlit's English ones."""
    limit = t("app.upload_limit", size=n(int(st.get_option("server.maxUploadSize"))))
    upload = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    instructions = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    empty = 'div[role="option"][style*="contents"] > span:only-child'
    # an empty date field's year part shows "yyyy": the letters of the language instead
    year = '[data-testid="stDateInputField"] [data-type="year"][data-placeholder="true"]'
    return f"""
{upload}, {instructions}, {empty} {{ font-size: 0 !important; }}
{upload}::after {{ content: {_css_text(t("app.upload_button"))}; font-size: 1rem; }}
{instructions}::after {{ content: {_css_text(limit)}; font-size: 0.875rem; }}
{empty}::after {{ content: {_css_text(t("app.no_results"))}; font-size: 1rem; }}
[data-testid="InputInstructions"] {{ display: none !important; }}
{year} {{ font-size: 0 !important; }}
{year}::after {{ content: {_css_text(t("app.year_placeholder"))}; font-size: 1rem; }}
"""


def in_language() -> None:
    """Put the style sheet on the page (call once per run, before the page draws)."""
    st.html(f"<style>{style_sheet()}</style>")
