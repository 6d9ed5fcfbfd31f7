#!/usr/bin/env python3
"""Writes the inputs of bench/screening.sh: images that are no metaphase, and the BioImLab spreads as image files.

  screening_inputs.py DATA OUT

OUT/noise/    Gaussian and uniform noise, blanks, a gradient and a "photo" of random shapes (800x600 BMP), which
              the farm must refuse; generated with the standard library only, so that any machine can run it.
OUT/bioimlab/ every BioImLab Q-band spread decoded from its labelme JSON (the image is embedded as base64).
OUT/mfish/    links to the M-FISH DAPI spreads (Nim.png).
Nothing here is committed: these are derived from the shared data.
"""
import base64
import json
import math
import os
import random
import struct
import sys

WIDTH, HEIGHT = 800, 600


def write_bmp(path, pixels):
    """8-bit greyscale BMP, bottom-up rows padded to 4 bytes."""
    row = (WIDTH + 3) // 4 * 4
    palette = b"".join(bytes((v, v, v, 0)) for v in range(256))
    offset = 14 + 40 + len(palette)
    size = offset + row * HEIGHT
    with open(path, "wb") as f:
        f.write(b"BM" + struct.pack("<IHHI", size, 0, 0, offset))
        f.write(struct.pack("<IiiHHIIiiII", 40, WIDTH, HEIGHT, 1, 8, 0, row * HEIGHT, 2835, 2835, 256, 0))
        f.write(palette)
        for y in range(HEIGHT - 1, -1, -1):
            line = bytes(pixels[y * WIDTH:(y + 1) * WIDTH])
            f.write(line + b"\0" * (row - WIDTH))


def clamp(v):
    return 0 if v < 0 else 255 if v > 255 else int(v)


def noise_images(out):
    os.makedirs(out, exist_ok=True)
    n = WIDTH * HEIGHT
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        write_bmp(f"{out}/gauss-{seed}.bmp", [clamp(rng.gauss(128, 40)) for _ in range(n)])
    for seed in (4, 5):
        rng = random.Random(seed)
        write_bmp(f"{out}/uniform-{seed}.bmp", [rng.randrange(256) for _ in range(n)])
    write_bmp(f"{out}/blank-white.bmp", [255] * n)
    write_bmp(f"{out}/blank-black.bmp", [0] * n)
    write_bmp(f"{out}/gradient.bmp", [clamp(255 * (i % WIDTH) / WIDTH) for i in range(n)])
    # A "photo": large overlapping soft discs and bars with grain, nothing chromosome-sized or chromosome-shaped.
    rng = random.Random(6)
    pixels = [clamp(150 + 60 * math.sin((i % WIDTH) / 90) + 40 * math.cos((i // WIDTH) / 70) + rng.gauss(0, 12)) for i in range(n)]
    for _ in range(12):
        cx, cy, r, v = rng.randrange(WIDTH), rng.randrange(HEIGHT), rng.randrange(40, 160), rng.randrange(256)
        for y in range(max(0, cy - r), min(HEIGHT, cy + r)):
            for x in range(max(0, cx - r), min(WIDTH, cx + r)):
                if (x - cx) ** 2 + (y - cy) ** 2 < r * r:
                    pixels[y * WIDTH + x] = clamp(v + rng.gauss(0, 12))
    write_bmp(f"{out}/photo.bmp", pixels)


def bioimlab(data, out):
    os.makedirs(out, exist_ok=True)
    folder = os.path.join(data, "metaphase-bioimlab")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name)) as f:
                labelme = json.load(f)
            ext = os.path.splitext(labelme.get("imagePath") or ".png")[1] or ".png"
            with open(os.path.join(out, os.path.splitext(name)[0] + ext), "wb") as f:
                f.write(base64.b64decode(labelme["imageData"]))


def mfish(data, out):
    os.makedirs(out, exist_ok=True)
    folder = os.path.abspath(os.path.join(data, "metaphase-mfish"))
    for name in sorted(os.listdir(folder)):
        if name.endswith("im.png") and not os.path.exists(os.path.join(out, name)):
            os.symlink(os.path.join(folder, name), os.path.join(out, name))


if __name__ == "__main__":
    data, out = sys.argv[1], sys.argv[2]
    noise_images(os.path.join(out, "noise"))
    bioimlab(data, os.path.join(out, "bioimlab"))
    mfish(data, os.path.join(out, "mfish"))
