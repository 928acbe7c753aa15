"""A small PNG reader for tests: size and pixels of 8-bit RGB/RGBA/grey images, no Pillow."""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel


def size(data: bytes) -> tuple[int, int]:
    assert data[:8] == SIGNATURE, "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pixels(data: bytes, limit: int | None = None) -> list[bytes]:
    """Rows of raw samples, unfiltered (the first `limit` rows only, when given)."""
    assert data[:8] == SIGNATURE, "not a PNG"
    offset, idat, header = 8, b"", b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and interlace == 0 and colour in _CHANNELS, "only 8-bit, non-interlaced"
    step = _CHANNELS[colour]
    stride = width * step
    raw = zlib.decompress(idat)
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(min(height, limit or height)):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows


def distinct_colours(data: bytes, limit: int | None = None) -> int:
    """How many different pixel values the image (or its first `limit` rows) has; 1 when blank."""
    step = _CHANNELS[data[25]]
    colours: set[bytes] = set()
    for row in pixels(data, limit):
        colours.update(row[i:i + step] for i in range(0, len(row), step))
    return len(colours)
