"""page_check.py — what tests/sh/serve-browser.sh reads from the pages headless Chromium
rendered: the fact rows of a dumped DOM, and how many pixels of a screenshot have a colour.

    python3 tests/index/page_check.py rows PAGE.html        -> one JSON list per fact row:
        [subject, relation cell text, object, [[time, badge text], ...], row class]
    python3 tests/index/page_check.py pixels SHOT.png RRGGBB -> the number of pixels
"""
import json
import re
import struct
import sys
import zlib


def rows(path):
    html = open(path, encoding="utf-8").read()
    out = []
    for attrs, body in re.findall(r"<tr([^>]*)>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        if len(cells) < 3:
            continue
        badges = [list(b) for c in cells for b in
                  re.findall(r'<span class="tijd tijd-([a-z]+)"[^>]*>([^<]*)</span>', c)]
        text = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in cells]
        cls = re.search(r'class="([^"]*)"', attrs)
        out.append([text[0], text[1], text[2], badges, cls.group(1) if cls else ""])
    return out


def pixels(path, rgb):
    """pixels of an 8-bit RGB or RGBA PNG with exactly this colour (scanline filters undone)"""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    assert depth == 8 and ctype in (2, 6) and not interlace, (depth, ctype, interlace)
    bpp = 3 if ctype == 2 else 4
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw, stride = zlib.decompress(idat), w * bpp
    prev, count = bytearray(stride), 0
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        count += sum(1 for x in range(0, stride, bpp) if tuple(line[x:x + 3]) == rgb)
        prev = line
    return count


if __name__ == "__main__":
    if sys.argv[1] == "rows":
        for r in rows(sys.argv[2]):
            print(json.dumps(r, ensure_ascii=False))
    elif sys.argv[1] == "pixels":
        hexrgb = sys.argv[3]
        print(pixels(sys.argv[2], tuple(int(hexrgb[i:i + 2], 16) for i in (0, 2, 4))))
