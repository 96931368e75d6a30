"""SVG to PNG with real cairo: sizes, legible names, hostile text, nothing fetched, and the no-cairo path."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree.ElementTree import fromstring

import numpy
import pytest
from PIL import Image

from netmap.errors import NetmapError, ValidationFailed
from netmap.models import Case, Kin, Membership, Network, Person, Tie
from netmap.renderers import pictures
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.genogram import render_genogram
from netmap.renderers.pictures import PNG_SIGNATURE, PicturesUnavailable, pictures_problem, svg_to_png

CASE = "c-pics"
SVG_NS = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    '<image href="file:///etc/passwd"/>',
    "&xxe; &amp; &#0;",
    '<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "]]><script>alert(1)</script>",
    "Zoë Ångström-Øberg 👋 مريم",
]


def hostile_network() -> Network:
    people = [Person(id="p-ego", name="Sam Okafor")] + [
        Person(id=f"p-{i}", name=name) for i, name in enumerate(HOSTILE)
    ]
    memberships = [Membership.make(CASE, f"p-{i}", sector="family") for i in range(len(HOSTILE))]
    return Network(
        case=Case(id=CASE, title='<image href="file:///etc/passwd"/> &xxe;', ego_id="p-ego"),
        people=people,
        memberships=memberships,
        ties=[Tie(id="t-1", case_id=CASE, from_id="p-0", to_id="p-ego", valence="positive", strength=3)],
        kin=[Kin(id="k-1", from_id="p-0", to_id="p-ego", kind="birth_parent")],
    )


def decoded(png: bytes) -> Image.Image:
    assert png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def red_pixels(image: Image.Image) -> int:
    rgb = numpy.asarray(image.convert("RGB")).astype(int)
    return int(((rgb[..., 0] > 200) & (rgb[..., 1] < 80) & (rgb[..., 2] < 80)).sum())


@pytest.mark.parametrize("width", [400, 1600])
def test_ecomap_and_genogram_become_pngs_of_the_requested_width(width):
    network = hostile_network()
    for svg in (ecomap_svg(network), render_genogram(network)):
        image = decoded(svg_to_png(svg, width=width))
        view_box = [float(v) for v in fromstring(svg).get("viewBox").split()]
        assert image.width == width
        assert image.height == pytest.approx(width * view_box[3] / view_box[2], abs=1)


def test_hostile_names_stay_text_and_draw_without_error():
    network = hostile_network()
    for svg in (ecomap_svg(network), render_genogram(network)):
        root = fromstring(svg)
        assert root.find(f".//{SVG_NS}image") is None and root.find(f".//{SVG_NS}script") is None
        texts = " ".join("".join(e.itertext()) for e in root.iter(f"{SVG_NS}text"))
        assert '<image href="file:///etc/passwd"/>' in texts and "&xxe;" in texts
        assert decoded(svg_to_png(svg, width=600)).width == 600


def test_names_with_a_white_halo_are_still_drawn():
    # cairosvg ignores paint-order: without the split the halo would cover the letters
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><text x="10" y="45" font-size="40" '
        'fill="#ff0000" stroke="#ffffff" stroke-width="4" paint-order="stroke">Sam</text></svg>'
    )
    assert red_pixels(decoded(svg_to_png(svg, width=400))) > 100


def test_no_file_named_in_the_svg_is_read(tmp_path: Path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (50, 50), (255, 0, 0)).save(secret)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 50 50">'
        f'<image href="{secret.as_uri()}" width="50" height="50"/>'
        f'<image xlink:href="{secret}" width="50" height="50"/></svg>'
    )
    assert red_pixels(decoded(svg_to_png(svg, width=100))) == 0


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.paths.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_no_url_named_in_the_svg_is_fetched(http_server: str):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 50">'
        f"<style>@import url({http_server}/style.css);</style>"
        f'<image href="{http_server}/image.png" width="50" height="50"/>'
        f'<use href="{http_server}/other.svg#a"/>'
        f'<rect width="50" height="50" fill="url({http_server}/paint.svg#p)"/></svg>'
    )
    svg_to_png(svg, width=100)
    assert _Recorder.paths == []


@pytest.mark.parametrize(
    "svg",
    [
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><text>&xxe;</text></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><text>&xxe;</text></svg>',
        "<svg",
        "   ",
        "<html/>",
    ],
)
def test_entities_and_broken_documents_are_refused_with_a_sentence(svg: str):
    with pytest.raises(ValidationFailed, match=r"^The picture is (not a well-formed SVG document|empty)"):
        svg_to_png(svg)


def test_an_unreasonable_width_is_refused():
    with pytest.raises(ValidationFailed, match="width must be between 1 and 8000 pixels, not 0"):
        svg_to_png("<svg/>", width=0)


def test_without_cairo_a_clear_sentence_is_raised(monkeypatch: pytest.MonkeyPatch):
    def no_cairo(name: str) -> object:
        raise OSError("no library called 'cairo-2' was found")

    monkeypatch.setattr(pictures, "import_module", no_cairo)
    with pytest.raises(
        PicturesUnavailable, match=r"^Pictures need the cairo library: apt-get install libcairo2\.$"
    ):
        svg_to_png(ecomap_svg(hostile_network()))
    assert pictures_problem() == "Pictures need the cairo library: apt-get install libcairo2."
    assert issubclass(PicturesUnavailable, NetmapError)


def test_without_the_cairosvg_package_the_sentence_says_so(monkeypatch: pytest.MonkeyPatch):
    def missing(name: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}")

    monkeypatch.setattr(pictures, "import_module", missing)
    assert pictures_problem() == "Pictures need the cairosvg package: pip install cairosvg."


def test_pictures_are_available_here():
    assert pictures_problem() is None
