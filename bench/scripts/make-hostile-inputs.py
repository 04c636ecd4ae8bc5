#!/usr/bin/env python3
"""Writes the hostile and broken inputs of the hostile-input issue into a folder (argument 1).

Every file is generated here from the bundled sample or from nothing, so the corpus needs no data beside
the checkout: truncated copies of the sample, header bombs (JPEG, PNG, deflated DICOM), an empty .dcm,
a FIFO, links to /dev/zero and /dev/urandom, a directory-link loop and a sparse file over 1 GiB.
"""
import os
import struct
import sys
import zlib

out = sys.argv[1]
sample = sys.argv[2]
os.makedirs(out, exist_ok=True)
whole = open(sample, "rb").read()


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


# 1. The sample cut at 24 points (4 % .. 96 %), and cut to 10 % and to half, as the probe did.
for i in range(1, 25):
    write(f"truncated-{i:02d}.jpg", whole[: len(whole) * i // 25])

# 2. A 426-byte-class JPEG whose frame header claims 16384x16384: the sample's headers with SOF0 patched.
sof = whole.index(b"\xff\xc0")
bomb = bytearray(whole[: whole.index(b"\xff\xda") + 200])
struct.pack_into(">HH", bomb, sof + 5, 16384, 16384)
write("bomb-16384.jpg", bytes(bomb) + b"\xff\xd9")


# 3. A valid 16000x16000 8-bit grey PNG (all black, ~250 KB): legal, but far over the pixel budget.
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


width = height = 16000
compressor = zlib.compressobj(9)
row = b"\x00" * (width + 1)
idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
write("bomb-16000.png", png)


# 4. A deflated DICOM (~1 MB) whose dataset inflates to 1 GiB: one huge OB element of zeros.
def element(group, elem, vr, value):
    if vr in (b"OB", b"OW", b"UN", b"SQ"):
        return struct.pack("<HH", group, elem) + vr + b"\x00\x00" + struct.pack("<I", len(value)) + value
    return struct.pack("<HH", group, elem) + vr + struct.pack("<H", len(value)) + value


syntax = b"1.2.840.10008.1.2.1.99\x00"
meta_body = element(0x0002, 0x0001, b"OB", b"\x00\x01") + element(0x0002, 0x0010, b"UI", syntax)
meta = element(0x0002, 0x0000, b"UL", struct.pack("<I", len(meta_body))) + meta_body
compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
huge = 1 << 30
head = struct.pack("<HH", 0x0009, 0x0010) + b"OB\x00\x00" + struct.pack("<I", huge)
parts = [compressor.compress(head)]
block = b"\x00" * (1 << 20)
for _ in range(huge >> 20):
    parts.append(compressor.compress(block))
parts.append(compressor.flush())
write("bomb-deflated.dcm", b"\x00" * 128 + b"DICM" + meta + b"".join(parts))

# 5. Files that are not what their names say, and folders that never end.
write("empty.dcm", b"")
fifo = os.path.join(out, "pipe.jpg")
if not os.path.exists(fifo):
    os.mkfifo(fifo)
for name, target in (("zero.jpg", "/dev/zero"), ("urandom.dcm", "/dev/urandom")):
    link = os.path.join(out, name)
    if not os.path.lexists(link):
        os.symlink(target, link)
loop = os.path.join(out, "loop")
if not os.path.lexists(loop):
    os.symlink(".", loop)
with open(os.path.join(out, "huge.jpg"), "wb") as f:
    f.write(b"\xff\xd8\xff")
    f.truncate((1 << 30) + 4096)  # sparse: no disk used
