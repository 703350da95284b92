"""A log-log line chart written as PNG with zlib and struct only (no plotting dependency).

Enough for ``compare.py``'s "memory vs N" figure: decade grid lines with labels,
one polyline with dot markers per series, a legend. Text uses a 3x5 pixel font
covering digits and the lowercase letters the labels need.
"""

from __future__ import annotations

import itertools
import math
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

__all__ = ["log_log_chart"]

Color = tuple[int, int, int]

_GLYPHS = {
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111",
    "4": "101101111001001", "5": "111100111001111", "6": "111100111101111", "7": "111001001010010",
    "8": "111101111101111", "9": "111101111001111", ".": "000000000000010", " ": "000000000000000",
    "(": "010100100100010", ")": "010001001001010", "/": "001001010100100", "-": "000000111000000",
    "a": "000011101101011", "b": "100110101101110", "e": "000111111100111", "i": "010000010010010",
    "k": "100101110101101", "l": "010010010010011", "m": "000111111101101", "n": "000110101101101",
    "o": "000111101101111", "p": "000111101111100", "r": "000111100100100", "s": "000011110001110",
    "t": "010111010010011", "w": "000101101111111", "y": "000101111001110", "v": "000101101101010",
    "g": "000111101111001", "h": "100100111101101", "c": "000111100100111", "d": "001011101101011",
    "u": "000101101101111", "f": "011100110100100", "x": "000101010010101",
}  # fmt: skip

WHITE: Color = (255, 255, 255)
GRID: Color = (225, 225, 225)
INK: Color = (40, 40, 40)


class _Canvas:
    __slots__ = ("height", "pixels", "width")

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = [bytearray(bytes(WHITE) * width) for _ in range(height)]

    def dot(self, x: int, y: int, color: Color) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            self.pixels[y][3 * x : 3 * x + 3] = bytes(color)

    def square(self, x: int, y: int, radius: int, color: Color) -> None:
        for dy in range(-radius, radius + 1):
            for dx in range(-radius, radius + 1):
                self.dot(x + dx, y + dy, color)

    def line(self, x0: int, y0: int, x1: int, y1: int, color: Color, width: int = 0) -> None:
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in range(steps + 1):
            x = round(x0 + (x1 - x0) * i / steps)
            y = round(y0 + (y1 - y0) * i / steps)
            self.square(x, y, width, color)

    def text(self, x: int, y: int, text: str, color: Color = INK, scale: int = 2) -> None:
        for ch in text.lower():
            glyph = _GLYPHS.get(ch, _GLYPHS[" "])
            for row in range(5):
                for col in range(3):
                    if glyph[3 * row + col] == "1":
                        for sy in range(scale):
                            for sx in range(scale):
                                self.dot(x + col * scale + sx, y + row * scale + sy, color)
            x += 4 * scale

    def png(self) -> bytes:
        raw = b"".join(b"\x00" + bytes(row) for row in self.pixels)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


def _decades(low: float, high: float) -> list[int]:
    return list(range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1))


def _label(exponent: int) -> str:
    value = 10.0**exponent
    return f"{value:g}" if exponent < 6 else f"1e{exponent}"


def log_log_chart(
    path: Path,
    series: Sequence[tuple[str, Color, Sequence[tuple[float, float]]]],
    *,
    title: str,
    x_label: str,
    width: int = 720,
    height: int = 480,
) -> Path:
    """Draw ``series`` (name, color, points with x, y > 0) on log-log axes and write a PNG."""
    points = [p for _, _, pts in series for p in pts if p[0] > 0 and p[1] > 0]
    if not points:
        raise ValueError("nothing to plot")
    xs = _decades(min(p[0] for p in points), max(p[0] for p in points))
    ys = _decades(min(p[1] for p in points), max(p[1] for p in points))
    if len(xs) < 2:
        xs.append(xs[0] + 1)
    if len(ys) < 2:
        ys.append(ys[0] + 1)
    left, right, top, bottom = 90, width - 30, 60, height - 60
    canvas = _Canvas(width, height)

    def px(x: float) -> int:
        return round(left + (math.log10(x) - xs[0]) / (xs[-1] - xs[0]) * (right - left))

    def py(y: float) -> int:
        return round(bottom - (math.log10(y) - ys[0]) / (ys[-1] - ys[0]) * (bottom - top))

    for e in xs:
        canvas.line(px(10.0**e), top, px(10.0**e), bottom, GRID)
        canvas.text(px(10.0**e) - 8, bottom + 10, _label(e))
    for e in ys:
        canvas.line(left, py(10.0**e), right, py(10.0**e), GRID)
        label = _label(e)
        canvas.text(left - 10 - 8 * len(label), py(10.0**e) - 5, label)
    canvas.line(left, bottom, right, bottom, INK)
    canvas.line(left, top, left, bottom, INK)
    canvas.text(left, 20, title, scale=3)
    canvas.text((left + right) // 2 - 4 * len(x_label), bottom + 32, x_label)
    for rank, (name, color, pts) in enumerate(series):
        good = sorted(p for p in pts if p[0] > 0 and p[1] > 0)
        for (x0, y0), (x1, y1) in itertools.pairwise(good):
            canvas.line(px(x0), py(y0), px(x1), py(y1), color, width=1)
        for x, y in good:
            canvas.square(px(x), py(y), 3, color)
        canvas.square(left + 20, top + 16 + 20 * rank, 5, color)
        canvas.text(left + 34, top + 11 + 20 * rank, name, color)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(canvas.png())
    return path
