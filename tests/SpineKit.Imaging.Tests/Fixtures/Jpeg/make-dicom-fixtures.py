#!/usr/bin/env python3
"""Regenerates the 12/16-bit and lossless JPEG fixtures with DCMTK (its own IJG libjpeg 8/12/16-bit builds).

A synthetic 41x35 greyscale image is wrapped into DICOM with dump2dcm, compressed with dcmcjpeg (extended
sequential, progressive, lossless with selection values 1-7 and a point transform), the JPEG stream is cut out
of the encapsulated pixel data, and dcmdjpeg's decode is stored as the reference (.raw, little-endian samples).
Run from this folder: python3 make-dicom-fixtures.py
"""
import math
import os
import random
import struct
import subprocess
import tempfile

W, H = 41, 35
work = tempfile.mkdtemp()


def run(*args):
    subprocess.run(args, check=True, cwd=work)


def source(bits):
    rng = random.Random(99)
    maxv = (1 << bits) - 1
    values = []
    for y in range(H):
        for x in range(W):
            v = int(maxv * (0.5 + 0.45 * math.sin(x / 4.0) * math.cos(y / 6.0))) + rng.randint(-maxv // 40, maxv // 40)
            values.append(max(0, min(maxv, v)))
    raw = bytes(values) if bits == 8 else b"".join(struct.pack("<H", v) for v in values)
    with open(os.path.join(work, "src%d.raw" % bits), "wb") as f:
        f.write(raw)
    allocated = 8 if bits == 8 else 16
    with open(os.path.join(work, "src%d.dump" % bits), "w") as f:
        f.write("""(0002,0010) UI =LittleEndianExplicit
(0008,0016) UI =SecondaryCaptureImageStorage
(0008,0018) UI [1.2.3.4.%d]
(0028,0002) US 1
(0028,0004) CS [MONOCHROME2]
(0028,0010) US %d
(0028,0011) US %d
(0028,0100) US %d
(0028,0101) US %d
(0028,0102) US %d
(0028,0103) US 0
(7fe0,0010) %s =src%d.raw
""" % (bits, H, W, allocated, bits, bits - 1, "OB" if bits == 8 else "OW", bits))
    run("dump2dcm", "-q", "+E", "src%d.dump" % bits, "src%d.dcm" % bits)


def fixture(name, bits, *options):
    run("dcmcjpeg", *options, "src%d.dcm" % bits, name + ".dcm")
    with open(os.path.join(work, name + ".dcm"), "rb") as f:
        data = f.read()
    start = data.index(b"\xff\xd8\xff")
    end = data.rindex(b"\xff\xd9") + 2
    with open(name + ".jpg", "wb") as f:
        f.write(data[start:end])
    run("dcmdjpeg", name + ".dcm", name + "-decoded.dcm")
    with open(os.path.join(work, name + "-decoded.dcm"), "rb") as f:
        decoded = f.read()
    size = W * H * (1 if bits == 8 else 2)
    # DICOM pads odd-length pixel data with one byte.
    padded = size + (size & 1)
    with open(name + ".raw", "wb") as f:
        f.write(decoded[-padded:][:size])


for bits in (8, 12, 16):
    source(bits)

fixture("extended-12", 12, "+ee")
fixture("progressive-12", 12, "+ep")
fixture("extended-8", 8, "+ee")
for sv in range(1, 8):
    fixture("lossless-16-sv%d" % sv, 16, "+el", "+sv", str(sv))
fixture("lossless-12-sv1", 12, "+el", "+sv", "1")
fixture("lossless-8-sv7", 8, "+el", "+sv", "7")
fixture("lossless-12-sv4-pt2", 12, "+el", "+sv", "4", "+pt", "2")
