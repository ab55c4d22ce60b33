#!/usr/bin/env python3
"""gazbin.py FILE ATTACK [ARG] -- damages a compiled gazetteer (src/entities/gazbin.c) the ways
issue 18 attacked it, for tests/sh/robust-model.sh. Attacks whose name ends in "-sealed" also
write fresh checksums, as a crafted file would have: what then stops them is the check of every
reference, not the sums.

  flips N           N random bytes of the body changed (seed 18)
  block             a 64 KiB block of the body inverted, from the entries on
  huge-offset-sealed    an entry's name at offset 0xFFFFFFF0
  self-chain-sealed     a hit whose chain points to itself
  full-slots-sealed     every empty slot filled with a copy of a used one
  bad-slots-sealed      every used slot's hits out of range (checked when a probe takes it)
  no-nuls-sealed        every NUL of the string pool but the last removed
  pool-end-sealed       the last NUL of the pool removed
  counts-sealed         a slot count that is not a power of two
  cut N                 the file cut to N bytes
  longer                a byte added at the end
"""
import random
import struct
import sys

M = (1 << 64) - 1
K = 0x9E3779B97F4A7C15
HDR = struct.Struct("<8sIIQQ6I676I1024QQ")
SIZES = [1, 48, 16, 20, 8]               # pool, entries, hits, slots, spans (gazbin.c elem_size)
SHIFTS = [12, 7, 8, 8, 9]                # gazetteer_private.h gaz_chunk_shift
SPANS = (1 << 16) + (1 << 10) + (1 << 14) + (1 << 10)  # spans, lower_spans, follow, lower_follow (SPAN_TABLE_WORDS)


def gsum(seed, b):
    """datafile_sum (src/core/datafile.c): 16 lanes over 128-byte blocks, the tail a word at a
    time into lanes 0, 1, ..., then a byte at a time into lane 0."""
    def step(h, w):
        h ^= w
        h = (h + (h & 0xFFFFFFFF) * 0x9E3779B8) & M
        h = ((h << 32) | (h >> 32)) & M
        h = (h + (h & 0xFFFFFFFF) * 0x85EBCA76) & M
        return ((h << 32) | (h >> 32)) & M
    h = [seed ^ ((0x243F6A8885A308D3 * (2 * k + 1)) & M) for k in range(16)]
    n = len(b)
    full = n - n % 8
    words = struct.unpack_from("<%dQ" % (full // 8), b, 0)
    for i, w in enumerate(words):
        h[i % 16] = step(h[i % 16], w)
    for i in range(full, n):
        h[0] = ((h[0] ^ b[i]) * 0x100000001B3) & M
    r = n
    for k in range(16):
        r = ((r ^ h[k]) * K) & M
        r ^= r >> 29
    return r


def align8(n):
    return (n + 7) & ~7


class Gaz:
    def __init__(self, data):
        self.d = bytearray(data)
        f = HDR.unpack_from(self.d, 0)
        self.pool_len, self.nentries, self.nhits, self.nslots, self.nused, self.maxprobe = f[5:11]
        self.n = [self.pool_len, self.nentries, self.nhits, self.nslots, SPANS]
        self.off, self.first, o, c = [], [], 0, 0
        for t in range(5):
            self.off.append(o)
            o += align8(self.n[t] * SIZES[t])
            self.first.append(c)
            c += (self.n[t] + (1 << SHIFTS[t]) - 1) >> SHIFTS[t]
        self.first.append(c)
        self.body = HDR.size + 8 * c

    def at(self, t, i=0):
        """file offset of element i of table t"""
        return self.body + self.off[t] + i * SIZES[t]

    def seal(self):
        sums = []
        for t in range(5):
            for c in range(self.first[t], self.first[t + 1]):
                e0 = (c - self.first[t]) << SHIFTS[t]
                e1 = min(e0 + (1 << SHIFTS[t]), self.n[t])
                sums.append(gsum(c, bytes(self.d[self.at(t, e0):self.at(t, e1)])))
        struct.pack_into("<%dQ" % len(sums), self.d, HDR.size, *sums)
        struct.pack_into("<Q", self.d, HDR.size - 8, 0)
        h = gsum(gsum(0, bytes(self.d[:HDR.size])), bytes(self.d[HDR.size:self.body]))
        struct.pack_into("<Q", self.d, HDR.size - 8, h)


def main():
    path, attack = sys.argv[1], sys.argv[2]
    arg = sys.argv[3] if len(sys.argv) > 3 else None
    g = Gaz(open(path, "rb").read())
    d = g.d
    if attack == "flips":
        rnd = random.Random(18)
        for _ in range(int(arg)):
            i = rnd.randrange(g.body, len(d))
            d[i] ^= rnd.randrange(1, 256)
    elif attack == "block":
        # from the entries on, which every name of the text reads (a place a third into the
        # body fell among the slots, where which chunks a text reads depends on the key hashes)
        s = g.at(1)
        for i in range(s, min(s + 65536, len(d))):
            d[i] ^= 0xFF
    elif attack == "huge-offset-sealed":
        struct.pack_into("<I", d, g.at(1, g.nentries // 2), 0xFFFFFFF0)
    elif attack == "self-chain-sealed":
        # a hit of Moskou, which the test's text names: hits are laid out slot by slot, in the
        # order of the key hashes, so a fixed place may hold a hit no probe of the text takes
        def name(e):
            off = g.at(0, struct.unpack_from("<I", d, g.at(1, e))[0])
            return bytes(d[off:d.index(0, off)])
        e = next(e for e in range(g.nentries) if name(e) == b"Moskou")
        i = next(i for i in range(1, g.nhits) if struct.unpack_from("<I", d, g.at(2, i))[0] == e)
        struct.pack_into("<I", d, g.at(2, i) + 4, i)
    elif attack == "full-slots-sealed":
        used = next(j for j in range(g.nslots) if struct.unpack_from("<I", d, g.at(3, j) + 4)[0])
        slot = bytes(d[g.at(3, used):g.at(3, used) + 20])
        for j in range(g.nslots):
            if not struct.unpack_from("<I", d, g.at(3, j) + 4)[0]:
                d[g.at(3, j):g.at(3, j) + 20] = slot
    elif attack == "bad-slots-sealed":
        for j in range(g.nslots):
            if struct.unpack_from("<I", d, g.at(3, j) + 4)[0]:
                struct.pack_into("<I", d, g.at(3, j) + 8, 0xFFFFFFF0)
    elif attack == "no-nuls-sealed":
        for i in range(g.at(0, 1), g.at(0, g.pool_len - 1)):
            if d[i] == 0:
                d[i] = ord("x")
    elif attack == "pool-end-sealed":
        d[g.at(0, g.pool_len - 1)] = ord("x")
    elif attack == "counts-sealed":
        struct.pack_into("<I", d, 44, g.nslots - 1)  # nslots
    elif attack == "cut":
        del d[int(arg):]
    elif attack == "longer":
        d.append(0)
    else:
        sys.exit("unknown attack " + attack)
    if attack.endswith("-sealed"):
        g.seal()
    open(path, "wb").write(d)


if __name__ == "__main__":
    main()
