#!/usr/bin/env python3
"""Regenerates the JPEG test fixtures and their reference decodes with independent tools.

Encoders: cjpeg/jpegtran (libjpeg-turbo-progs). Reference decodes: djpeg (islow IDCT, fancy upsampling),
written as PGM/PPM next to each fixture; EXIF-orientation references come from Pillow's exif_transpose.
Run from this folder: python3 make-fixtures.py
"""
import math
import random
import subprocess
import struct

from PIL import Image, ImageOps

W, H = 45, 37
rng = random.Random(1234)


def source(path, grey):
    pixels = []
    for y in range(H):
        for x in range(W):
            r = int(127 + 120 * math.sin(x / 5.0) * math.cos(y / 7.0)) + rng.randint(-12, 12)
            g = int(255 * x / (W - 1)) if (x // 9 + y // 9) % 2 else 40 + rng.randint(0, 30)
            b = int(255 * y / (H - 1))
            pixels.append([max(0, min(255, v)) for v in (r, g, b)])
    with open(path, "wb") as f:
        if grey:
            f.write(b"P5\n%d %d\n255\n" % (W, H))
            f.write(bytes(p[0] for p in pixels))
        else:
            f.write(b"P6\n%d %d\n255\n" % (W, H))
            f.write(bytes(v for p in pixels for v in p))


def run(*args):
    subprocess.run(args, check=True)


def encode(name, grey, *options):
    src = "/tmp/fixture-source.pgm" if grey else "/tmp/fixture-source.ppm"
    run("cjpeg", *options, "-outfile", name + ".jpg", src)
    if "-arithmetic" not in options:
        run("djpeg", "-dct", "int", "-pnm", "-outfile", name + (".pgm" if grey else ".ppm"), name + ".jpg")


source("/tmp/fixture-source.pgm", True)
source("/tmp/fixture-source.ppm", False)
with open("/tmp/scans-sequential.txt", "w") as f:
    f.write("0;\n1;\n2;\n")

encode("gray-baseline", True, "-grayscale", "-quality", "85")
encode("gray-progressive", True, "-grayscale", "-progressive", "-quality", "90")
encode("gray-restart", True, "-grayscale", "-restart", "3B", "-quality", "80")
encode("color-444", False, "-sample", "1x1", "-quality", "90")
encode("color-422", False, "-sample", "2x1", "-quality", "90")
encode("color-420", False, "-sample", "2x2", "-quality", "90")
encode("color-440", False, "-sample", "1x2", "-quality", "90")
encode("color-411", False, "-sample", "4x1", "-quality", "90")
encode("color-420-progressive", False, "-sample", "2x2", "-progressive", "-quality", "88")
encode("color-420-restart", False, "-sample", "2x2", "-restart", "1", "-optimize", "-quality", "75")
encode("color-noninterleaved", False, "-sample", "2x2", "-scans", "/tmp/scans-sequential.txt", "-quality", "90")
encode("color-rgb", False, "-rgb", "-quality", "90")
encode("color-arithmetic", False, "-arithmetic")

# EXIF orientation: the grey baseline with an APP1 Exif segment (big-endian TIFF, one IFD entry 0x0112).
with open("gray-baseline.jpg", "rb") as f:
    plain = f.read()
for orientation in range(1, 9):
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    name = "gray-orientation-%d" % orientation
    with open(name + ".jpg", "wb") as f:
        f.write(plain[:2] + segment + plain[2:])
    ImageOps.exif_transpose(Image.open(name + ".jpg")).save(name + ".pgm")

# Adobe CMYK (Pillow writes APP14 with transform 0 and inverted samples). References: Pillow's CMYK decode
# (ink values, already un-inverted) as raw bytes, and Pillow's conversion of it to RGB.
cmyk = Image.open("/tmp/fixture-source.ppm").convert("CMYK")
cmyk.save("color-cmyk.jpg", quality=92)
decoded = Image.open("color-cmyk.jpg")
assert decoded.mode == "CMYK"
with open("color-cmyk.cmyk", "wb") as f:
    f.write(decoded.tobytes())
decoded.convert("RGB").save("color-cmyk.ppm")
