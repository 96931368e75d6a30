"""Driving the ecomap editor in Chromium: where its rings and people are on screen, a mouse and a finger.

A finger is Chromium's own touch input (CDP ``Input.dispatchTouchEvent``): the page receives touch
and pointer events with ``pointerType`` "touch", and CSS ``touch-action`` applies, as on a phone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playwright.sync_api import CDPSession, Locator, Page

__all__ = ["Finger", "MapOnScreen", "Mouse"]

Point = tuple[float, float]


@dataclass
class MapOnScreen:
    """The editor on ``page``: its elements by meaning and points in viewport coordinates."""

    page: Page

    @property
    def box(self) -> Locator:
        return self.page.locator(".nm-editor")

    def node(self, person_id: str) -> Locator:
        return self.page.locator(f".nm-node[data-id='{person_id}']")

    def seq(self) -> str:
        return str(self.box.get_attribute("data-seq"))

    def wait_for_map(self) -> None:
        self.page.locator(".nm-node.nm-ego").wait_for()

    def wait_after(self, seq: str) -> None:
        """Wait until the map drawn after the change that followed ``seq`` is on screen."""
        self.page.locator(f".nm-editor:not([data-seq='{seq}'])[data-busy='false']").wait_for()

    def centre_of(self, person_id: str) -> Point:
        self.show()
        self.node(person_id).scroll_into_view_if_needed()
        box = self.node(person_id).locator(".nm-symbol").bounding_box()
        assert box is not None, f"{person_id} is not drawn"
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def show(self) -> None:
        """Scroll the map to the middle of the screen: the same scroll every time, so points taken one
        after the other stay true together."""
        self.page.locator(".nm-map").evaluate("map => map.scrollIntoView({block: 'center'})")

    def ring_point(self, ring: float, angle: float) -> Point:
        """The point on screen ``ring`` rings out from the centre at ``angle`` degrees (clockwise from east)."""
        self.show()
        svg = self.page.locator(".nm-map").bounding_box()
        orbit = self.page.locator(".nm-orbit").first
        assert svg is not None
        cx, cy, r1 = (float(orbit.get_attribute(name) or 0) for name in ("cx", "cy", "r"))
        rad = math.radians(angle)
        return svg["x"] + cx + ring * r1 * math.cos(rad), svg["y"] + cy + ring * r1 * math.sin(rad)

    def angle_of(self, person_id: str) -> float:
        x, y = self.centre_of(person_id)
        cx, cy = self.ring_point(0, 0)
        return math.degrees(math.atan2(y - cy, x - cx))

    def ring_shown(self, person_id: str) -> int:
        return int(self.node(person_id).get_attribute("data-ring") or 0)


class Mouse:
    def __init__(self, page: Page) -> None:
        self.page = page

    def drag(self, start: Point, end: Point, steps: int = 8) -> None:
        self.page.mouse.move(*start)
        self.page.mouse.down()
        for i in range(1, steps + 1):
            self.page.mouse.move(
                start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps
            )
        self.page.mouse.up()

    def tap(self, point: Point) -> None:
        self.page.mouse.click(*point)


class Finger:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp: CDPSession = page.context.new_cdp_session(page)

    def _touch(self, kind: str, points: list[Point]) -> None:
        touches = [
            {"x": x, "y": y, "id": i, "radiusX": 4, "radiusY": 4, "force": 1}
            for i, (x, y) in enumerate(points)
        ]
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touches})

    def drag(self, start: Point, end: Point, steps: int = 10) -> None:
        self._touch("touchStart", [start])
        for i in range(1, steps + 1):
            self._touch(
                "touchMove",
                [(start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)],
            )
        self._touch("touchEnd", [])

    def tap(self, point: Point) -> None:
        self._touch("touchStart", [point])
        self._touch("touchEnd", [])

    def pinch(self, centre: Point, start_gap: float, end_gap: float, steps: int = 10) -> None:
        """Two fingers either side of ``centre``, moving from ``start_gap`` apart to ``end_gap`` apart."""

        def fingers(gap: float) -> list[Point]:
            return [(centre[0] - gap / 2, centre[1]), (centre[0] + gap / 2, centre[1])]

        self._touch("touchStart", fingers(start_gap))
        for i in range(1, steps + 1):
            self._touch("touchMove", fingers(start_gap + (end_gap - start_gap) * i / steps))
        self._touch("touchEnd", [])
