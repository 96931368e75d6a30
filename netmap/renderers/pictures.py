"""SVG pictures (ecomap, genogram) as PNG bytes through cairosvg, with nothing fetched from outside."""

from __future__ import annotations

from copy import deepcopy
from importlib import import_module
from types import ModuleType
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from netmap.errors import NetmapError, ValidationFailed

__all__ = [
    "NO_PICTURES",
    "PNG_SIGNATURE",
    "PicturesUnavailable",
    "parse_svg",
    "pictures_problem",
    "split_halos",
    "svg_to_png",
]

NO_PICTURES = "Pictures could not be drawn on this server."
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# cairosvg hands every url()/href it meets to this fetcher; an empty SVG draws nothing.
_NOTHING = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'
_MAX_WIDTH = 8000


class PicturesUnavailable(NetmapError):
    """The server cannot draw pictures (the cairo library or cairosvg is missing)."""


def _cairosvg() -> ModuleType:
    try:
        return import_module("cairosvg")
    except OSError as exc:  # cairocffi raises OSError when libcairo itself cannot be loaded
        raise PicturesUnavailable("Pictures need the cairo library: apt-get install libcairo2.") from exc
    except ImportError as exc:
        raise PicturesUnavailable("Pictures need the cairosvg package: pip install cairosvg.") from exc


def pictures_problem() -> str | None:
    """None when :func:`svg_to_png` can draw on this server, else the sentence saying what is missing.

    >>> pictures_problem() is None or "cairo" in pictures_problem()
    True
    """
    try:
        _cairosvg()
    except PicturesUnavailable as exc:
        return str(exc)
    return None


def _refuse(url: str, resource_type: str) -> bytes:
    """The url fetcher: our SVGs reference nothing outside themselves, so nothing is ever read."""
    return _NOTHING


def parse_svg(svg: str) -> Element:
    """``svg`` parsed with entities and DTDs refused; ValidationFailed when it is not well formed."""
    try:
        root = fromstring(svg.encode("utf-8"), forbid_dtd=True)
    except (DefusedXmlException, ParseError) as exc:
        raise ValidationFailed("The picture is not a well-formed SVG document, so it was not drawn.") from exc
    assert isinstance(root, Element)
    return root


def split_halos(root: Element) -> None:
    """Split each ``paint-order="stroke"`` element into a stroke-only copy and a fill-only one.

    cairosvg and fpdf2 ignore ``paint-order``, so the white halo behind a name would be painted
    over the letters and hide them.
    """
    for parent in list(root.iter()):
        for index in reversed(range(len(parent))):
            child = parent[index]
            if (child.get("paint-order") or "").split()[:1] != ["stroke"]:
                continue
            halo = deepcopy(child)
            halo.set("fill", "none")
            halo.tail = None
            child.set("stroke", "none")
            for element in (halo, child):
                element.attrib.pop("paint-order")
            parent.insert(index, halo)


def svg_to_png(svg: str, *, width: int = 1600) -> bytes:
    """``svg`` drawn as a PNG on white, ``width`` pixels wide, height in proportion.

    Entities and DTDs are refused and no file or URL the SVG names is read, so user text that
    slipped through unescaped still cannot reach the server's files or network.

    Raises
    ------
    PicturesUnavailable
        When the cairo library (or cairosvg) cannot be loaded; callers decide what to show instead.
    ValidationFailed
        When ``svg`` is not a well-formed SVG document without entities, or ``width`` is out of range.

    >>> png = svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"/>', width=200)
    >>> png.startswith(PNG_SIGNATURE)
    True
    """
    if not 1 <= width <= _MAX_WIDTH:
        raise ValidationFailed(f"The picture width must be between 1 and {_MAX_WIDTH} pixels, not {width}.")
    if not svg.strip():
        raise ValidationFailed("The picture is empty, so it was not drawn.")
    cairosvg = _cairosvg()
    root = parse_svg(svg)
    split_halos(root)
    try:
        png = cairosvg.surface.PNGSurface.convert(
            bytestring=tostring(root, encoding="utf-8"),
            output_width=width,
            background_color="white",
            unsafe=False,
            url_fetcher=_refuse,
        )
    except ValueError as exc:
        raise ValidationFailed("The picture is not a well-formed SVG document, so it was not drawn.") from exc
    assert isinstance(png, bytes)
    return png
