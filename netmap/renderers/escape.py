"""Escaping helpers for text a user typed, one per place it can be rendered (HTML, SVG/XML, script JSON)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

__all__ = ["css_length", "html_text", "markdown_text", "script_json", "svg_text", "xml_safe"]

# Characters XML 1.0 forbids even as character references; a name pasted from elsewhere may hold them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}
_LINE_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029"}
# Every ASCII punctuation mark may be backslash-escaped in CommonMark; these are the ones Streamlit's
# Markdown (links, images, emphasis, HTML, :colour[...] directives, $maths$) gives a meaning.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:$&\"'])")
_CSS_LENGTH = re.compile(r"^\d{1,5}(\.\d{1,3})?(px|%|vh|vw|em|rem)$")


def html_text(value: object) -> str:
    """``value`` as text safe inside an HTML element or a quoted attribute.

    >>> html_text('<b onclick="x">Tom & Jerry</b>')
    '&lt;b onclick=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/b&gt;'
    """
    return html.escape(str(value), quote=True)


def xml_safe(value: object) -> str:
    """``value`` with characters that XML 1.0 cannot carry replaced by U+FFFD.

    >>> xml_safe("a\\ufffeb")
    'a\\ufffdb'
    """
    return _XML_INVALID.sub("\ufffd", str(value))


def svg_text(value: object) -> str:
    """``value`` as text safe inside an SVG (XML) element or quoted attribute.

    >>> svg_text("O'Brien <3")
    'O&#x27;Brien &lt;3'
    """
    return html_text(xml_safe(value))


def script_json(value: Any) -> str:
    """``value`` as JSON that cannot end or break out of the ``<script>`` block it is embedded in.

    ``<``, ``>``, ``&`` and ``'`` become ``\\u00XX`` escapes, so ``</script>`` and ``<!--`` never
    appear literally; ``json.loads`` still returns the original text.

    >>> script_json({"label": "</script>"})
    '{"label": "\\\\u003c/script\\\\u003e"}'
    >>> json.loads(script_json("</script>")) == "</script>"
    True
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (_SCRIPT_UNSAFE | _LINE_SEPARATORS).items():
        text = text.replace(raw, escaped)
    return text


def markdown_text(value: object) -> str:
    r"""``value`` as literal text inside Streamlit Markdown (titles, captions, ``st.markdown``).

    Whitespace runs (newlines too) become single spaces, so text cannot start a heading or list.

    >>> print(markdown_text("**Ann** ![x](y)"))
    \*\*Ann\*\* \!\[x\]\(y\)
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def css_length(value: str) -> str:
    """``value`` if it is a plain CSS length such as ``720px`` or ``100%``; ValueError otherwise.

    >>> css_length("720px")
    '720px'
    """
    if not _CSS_LENGTH.match(value):
        raise ValueError(f"height {value!r} is not a CSS length such as '720px' or '80vh'")
    return value
