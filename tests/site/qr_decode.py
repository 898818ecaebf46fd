"""A minimal QR code reader for the tests: an SVG made by segno back to its module matrix, and
a byte-mode QR code of version 1–6 back to its text. No error correction (a generated code has
no errors); enough to prove that the teachers' page's QR codes say what they should."""

from __future__ import annotations

import re

FORMAT_MASK = 0b101010000010010
LEVELS = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}
# (version, level) -> data codewords per block
BLOCKS = {
    (1, "L"): [19],
    (1, "M"): [16],
    (1, "Q"): [13],
    (1, "H"): [9],
    (2, "L"): [34],
    (2, "M"): [28],
    (2, "Q"): [22],
    (2, "H"): [16],
    (3, "L"): [55],
    (3, "M"): [44],
    (3, "Q"): [17, 17],
    (3, "H"): [13, 13],
    (4, "L"): [80],
    (4, "M"): [32, 32],
    (4, "Q"): [24, 24],
    (4, "H"): [9] * 4,
    (5, "L"): [108],
    (5, "M"): [43, 43],
    (5, "Q"): [15, 15, 16, 16],
    (5, "H"): [11, 11, 12, 12],
    (6, "L"): [68, 68],
    (6, "M"): [27] * 4,
    (6, "Q"): [19] * 4,
    (6, "H"): [15] * 4,
}
MASKS = [
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
]


def svg_modules(svg: str) -> list[list[bool]]:
    """The dark modules of a segno SVG path (`M x y`, `h n`, `m dx dy`), quiet zone included."""
    background = re.search(r'<path fill="#fff" d="M0 0h(\d+)v\1h-\1z"/>', svg)
    assert background is not None, "no white background (quiet zone) path"
    size = int(background.group(1))
    path = re.search(r'<path class="qrline" stroke="#000" d="([^"]+)"', svg)
    assert path is not None, "no QR path"
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path.group(1)):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for col in range(int(x), int(x) + int(a)):
                grid[int(y)][col] = True
            x += int(a)
    return grid


def trim(grid: list[list[bool]], border: int = 4) -> list[list[bool]]:
    return [row[border : len(row) - border] for row in grid[border : len(grid) - border]]


def format_info(m: list[list[bool]]) -> tuple[str, int]:
    """(error level, mask) from both copies of the format information, which must agree."""
    n = len(m)
    first = [
        (8, 0),
        (8, 1),
        (8, 2),
        (8, 3),
        (8, 4),
        (8, 5),
        (8, 7),
        (8, 8),
        (7, 8),
        (5, 8),
        (4, 8),
        (3, 8),
        (2, 8),
        (1, 8),
        (0, 8),
    ]
    second = [(n - 1 - i, 8) for i in range(7)] + [(8, n - 8 + i) for i in range(8)]
    values = [int("".join("1" if m[r][c] else "0" for r, c in cells), 2) ^ FORMAT_MASK for cells in (first, second)]
    assert values[0] == values[1], "the two copies of the format information differ"
    return LEVELS[values[0] >> 13], (values[0] >> 10) & 7


def _function_module(r: int, c: int, n: int, version: int) -> bool:
    if (r <= 8 and c <= 8) or (r <= 8 and c >= n - 8) or (r >= n - 8 and c <= 8):
        return True  # finders, separators, format information, the dark module
    if r == 6 or c == 6:
        return True  # timing patterns
    return version >= 2 and abs(r - (n - 7)) <= 2 and abs(c - (n - 7)) <= 2  # the one alignment pattern


def decode(m: list[list[bool]]) -> str:
    n = len(m)
    version = (n - 17) // 4
    assert n == 17 + 4 * version and 1 <= version <= 6, f"size {n}: only versions 1–6 are read here"
    level, mask = format_info(m)
    bits: list[int] = []
    col, upward = n - 1, True
    while col > 0:
        if col == 6:
            col -= 1
        for row in range(n - 1, -1, -1) if upward else range(n):
            for c in (col, col - 1):
                if not _function_module(row, c, n, version):
                    bits.append(int(m[row][c]) ^ int(MASKS[mask](row, c)))
        col -= 2
        upward = not upward
    codewords = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - 7, 8)]
    sizes = BLOCKS[(version, level)]
    blocks: list[list[int]] = [[] for _ in sizes]
    stream = iter(codewords)
    for i in range(max(sizes)):
        for index, size in enumerate(sizes):
            if i < size:
                blocks[index].append(next(stream))
    data = "".join(f"{b:08b}" for block in blocks for b in block)
    assert data[:4] == "0100", f"mode {data[:4]}: only byte mode is read here"
    count = int(data[4:12], 2)
    return bytes(int(data[12 + 8 * i : 20 + 8 * i], 2) for i in range(count)).decode("utf-8")
