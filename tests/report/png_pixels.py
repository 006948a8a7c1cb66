"""A small PNG reader for the browser test: 8-bit RGB or RGBA pixels, scanline filters undone."""

from __future__ import annotations

import struct
import zlib


def _paeth(left: int, up: int, corner: int) -> int:
    guess = left + up - corner
    near_left, near_up, near_corner = abs(guess - left), abs(guess - up), abs(guess - corner)
    if near_left <= near_up and near_left <= near_corner:
        return left
    return up if near_up <= near_corner else corner


def pixels(png: bytes) -> list[bytes]:
    """Every pixel of an 8-bit RGB(A) PNG as its bytes, row by row."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, data = 8, b""
    width = height = channels = 0
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        body = png[offset + 8:offset + 8 + length]
        offset += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"depth {depth}, colour type {colour}"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            data += body
    raw = zlib.decompress(data)
    stride = width * channels
    previous = bytearray(stride)
    out: list[bytes] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + previous[i]) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + previous[i]) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, previous[i], corner)) & 0xFF
        out += [bytes(line[i:i + 3]) for i in range(0, stride, channels)]
        previous = line
    return out
