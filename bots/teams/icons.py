"""The app icons of the Teams package, drawn in code so no image file lives in the repository.

Teams asks for a 192×192 full-colour icon and a 32×32 outline icon that is white
on a transparent background. Both show a calendar page with a grid of days.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

Colour = tuple[int, int, int, int]  # red, green, blue, alpha

ACCENT: Colour = (0x1F, 0x6F, 0x78, 0xFF)
WHITE: Colour = (0xFF, 0xFF, 0xFF, 0xFF)
TRANSPARENT: Colour = (0, 0, 0, 0)
COLOR_ICON_SIZE = 192
OUTLINE_ICON_SIZE = 32
ACCENT_HEX = "#{:02X}{:02X}{:02X}".format(*ACCENT[:3])


@dataclass
class Canvas:
    """An RGBA image as rows of pixels, enough to draw rectangles and save a PNG."""

    width: int
    height: int
    background: Colour = TRANSPARENT
    pixels: list[list[Colour]] = field(init=False)

    def __post_init__(self) -> None:
        self.pixels = [[self.background] * self.width for _ in range(self.height)]

    def fill(self, left: int, top: int, right: int, bottom: int, colour: Colour) -> None:
        """Fill the rectangle from (left, top) up to, not including, (right, bottom)."""
        for y in range(max(top, 0), min(bottom, self.height)):
            for x in range(max(left, 0), min(right, self.width)):
                self.pixels[y][x] = colour

    def frame(
        self, left: int, top: int, right: int, bottom: int, width: int, colour: Colour
    ) -> None:
        """Draw the rectangle's border, `width` pixels thick, inside its bounds."""
        self.fill(left, top, right, top + width, colour)
        self.fill(left, bottom - width, right, bottom, colour)
        self.fill(left, top, left + width, bottom, colour)
        self.fill(right - width, top, right, bottom, colour)

    def png(self) -> bytes:
        rows = b"".join(
            b"\x00" + bytes(channel for pixel in row for channel in pixel) for row in self.pixels
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 6, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 9))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


def draw_calendar(canvas: Canvas, colour: Colour, *, margin: int, line: int) -> None:
    """Draw a calendar page: a frame, a solid header band and a 3×3 grid of days."""
    left, top = margin, margin + line
    right, bottom = canvas.width - margin, canvas.height - margin
    canvas.frame(left, top, right, bottom, line, colour)
    header_bottom = top + (bottom - top) // 4
    canvas.fill(left, top, right, header_bottom, colour)
    for ring_x in (left + (right - left) // 3, left + 2 * (right - left) // 3):
        canvas.fill(ring_x - line // 2, margin, ring_x + line - line // 2, top + line, colour)
    cell_width = (right - left - 2 * line) // 3
    cell_height = (bottom - header_bottom - line) // 3
    day = max(line, min(cell_width, cell_height) // 2)
    for row in range(3):
        for column in range(3):
            x = left + line + column * cell_width + (cell_width - day) // 2
            y = header_bottom + row * cell_height + (cell_height - day) // 2
            canvas.fill(x, y, x + day, y + day, colour)


def color_icon() -> bytes:
    canvas = Canvas(COLOR_ICON_SIZE, COLOR_ICON_SIZE, background=ACCENT)
    draw_calendar(canvas, WHITE, margin=36, line=8)
    return canvas.png()


def outline_icon() -> bytes:
    canvas = Canvas(OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE)
    draw_calendar(canvas, WHITE, margin=3, line=2)
    return canvas.png()
