"""Writes COUNT random SIZE x SIZE RGB PNGs into DIR (stand-ins for seed 003's sprites in the benchmark)."""
import os
import struct
import sys
import zlib

import numpy as np


def png(pixels):
    h, w, _ = pixels.shape
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    folder, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(0)
    for i in range(count):
        path = os.path.join(folder, f"{i:04d}.png")
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(png(rng.integers(0, 256, (size, size, 3), dtype=np.uint8)))


if __name__ == "__main__":
    main()
