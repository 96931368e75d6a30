"""Pictures at print quality: a PNG at 300 dots per inch, and a one-page PDF that keeps the picture as
vectors, so names, the date and the legend are real text (sharp at any size, and searchable).

Both are sized to the printable part of an A4 page, upright or on its side, whichever shows the
picture larger. The SVG pictures use only what fpdf2 draws (no markers, one ``<text>`` a line).
"""

from __future__ import annotations

import math
import struct
import zlib
from xml.etree.ElementTree import tostring

from fpdf import FPDF

from netmap.errors import ValidationFailed
from netmap.renderers.pdf_fonts import add_unicode_font, printable
from netmap.renderers.pictures import PNG_SIGNATURE, parse_svg, split_halos, svg_to_png

__all__ = ["DPI", "MARGIN_MM", "page_fit", "print_pdf", "print_png"]

DPI = 300
MARGIN_MM = 10.0
_A4 = (210.0, 297.0)
_SVG = "{http://www.w3.org/2000/svg}"


def _view_size(svg: str) -> tuple[float, float]:
    parts = (parse_svg(svg).get("viewBox") or "").split()
    if len(parts) != 4:
        raise ValidationFailed("The picture has no viewBox, so its size on paper is not known.")
    width, height = float(parts[2]), float(parts[3])
    if width <= 0 or height <= 0:
        raise ValidationFailed("The picture has no area, so it was not printed.")
    return width, height


def page_fit(width: float, height: float) -> tuple[str, float, float]:
    """The A4 orientation ("P" or "L") showing a ``width`` by ``height`` picture larger, and the
    picture's size on that page in millimetres within the margins.

    >>> page_fit(1000, 1000)
    ('P', 190.0, 190.0)
    >>> page_fit(2000, 1000)[0]
    'L'
    """
    best = ("P", 0.0, 0.0)
    for orientation, (page_w, page_h) in (("P", _A4), ("L", _A4[::-1])):
        scale = min((page_w - 2 * MARGIN_MM) / width, (page_h - 2 * MARGIN_MM) / height)
        if scale * width > best[1]:
            best = (orientation, round(scale * width, 3), round(scale * height, 3))
    return best


def _with_dpi(png: bytes, dpi: int) -> bytes:
    """``png`` with a pHYs chunk saying how many pixels make an inch, added after its header."""
    per_metre = round(dpi / 0.0254)
    data = struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", len(data)) + b"pHYs" + data + struct.pack(">I", zlib.crc32(b"pHYs" + data))
    header_end = len(PNG_SIGNATURE) + 8 + 13 + 4  # signature, IHDR length and type, IHDR data, its CRC
    return png[:header_end] + chunk + png[header_end:]


def print_png(svg: str) -> bytes:
    """``svg`` as a PNG at 300 dots per inch, as large as it prints on A4 within the margins.

    >>> from PIL import Image; import io
    >>> png = print_png('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"/>')
    >>> image = Image.open(io.BytesIO(png)); round(image.info["dpi"][0]), 3200 < image.width < 3300
    (300, True)
    """
    _, width_mm, _ = page_fit(*_view_size(svg))
    return _with_dpi(svg_to_png(svg, width=math.floor(width_mm / 25.4 * DPI)), DPI)


def _for_print(svg: str, *, unicode: bool) -> bytes:
    """``svg`` ready for fpdf2: halos split, hover titles left out (paper cannot show them), and
    text reduced to Latin-1 when the server has no Unicode font."""
    root = parse_svg(svg)
    split_halos(root)
    for parent in list(root.iter()):
        for child in [c for c in parent if c.tag == f"{_SVG}title"]:
            parent.remove(child)
    for element in root.iter(f"{_SVG}text"):
        element.text = printable(element.text or "", unicode=unicode)
    return tostring(root, encoding="utf-8", xml_declaration=True)


def print_pdf(svg: str, *, title: str) -> bytes:
    """``svg`` on one A4 page as a PDF, drawn as vectors with its text as text.

    The picture carries its own heading, date and legend; ``title`` names the document.
    """
    orientation, width_mm, height_mm = page_fit(*_view_size(svg))
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    unicode = add_unicode_font(pdf)
    pdf.set_auto_page_break(auto=False)
    pdf.set_title(printable(title, unicode=unicode))
    pdf.set_creator("netmap")
    pdf.add_page()
    x = (pdf.w - width_mm) / 2
    pdf.image(_for_print(svg, unicode=unicode), x=x, y=MARGIN_MM, w=width_mm, h=height_mm)
    return bytes(pdf.output())
