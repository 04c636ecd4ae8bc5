#!/usr/bin/python3
"""Builds small synthetic DICOM fixtures and their dcmtk renderings (needs the dcmtk package).

A hand-written explicit VR little endian file per case is re-encoded by dcmtk (dcmconv, dcmcrle) into the other
transfer syntaxes; dcmj2pnm +on2 -W renders NAME.ref16.png (16 bits after the modality transform, MONOCHROME1
inverted) as the independent oracle. The patient attributes hold obviously fake text so tests can check that the
reader never exposes them. Run from this folder: /usr/bin/python3 generate.py
"""
import random, struct, subprocess, os

rng = random.Random(20261121)
UID_ROOT = '1.2.826.0.1.3680043.10.999'
LONG_VRS = {'OB', 'OW', 'SQ', 'UN', 'UT', 'OF', 'OD', 'OL', 'UC', 'UR'}

def pad(value, vr):
    if isinstance(value, str):
        value = value.encode('ascii')
        if len(value) % 2: value += b'\0' if vr == 'UI' else b' '
    elif len(value) % 2: value += b'\0'
    return value

def element(group, elem, vr, value):
    value = pad(value, vr)
    head = struct.pack('<HH', group, elem) + vr.encode()
    if vr in LONG_VRS: return head + b'\0\0' + struct.pack('<I', len(value)) + value
    return head + struct.pack('<H', len(value)) + value

def us(*values): return b''.join(struct.pack('<H', v) for v in values)

def sequence(group, elem, items):
    body = b''.join(struct.pack('<HHI', 0xFFFE, 0xE000, 0xFFFFFFFF) + item + struct.pack('<HHI', 0xFFFE, 0xE00D, 0) for item in items)
    return struct.pack('<HH', group, elem) + b'SQ\0\0' + struct.pack('<I', 0xFFFFFFFF) + body + struct.pack('<HHI', 0xFFFE, 0xE0DD, 0)

def write(name, rows, cols, samples, photometric, bits_alloc, bits_stored, high_bit, signed, pixels, extra=(), frames=1, planar=None):
    instance = f'{UID_ROOT}.{rng.randint(1, 10**9)}'
    sop_class = '1.2.840.10008.5.1.4.1.1.7'
    meta_body = (element(0x0002, 0x0001, 'OB', b'\0\1') + element(0x0002, 0x0002, 'UI', sop_class) +
                 element(0x0002, 0x0003, 'UI', instance) + element(0x0002, 0x0010, 'UI', '1.2.840.10008.1.2.1') +
                 element(0x0002, 0x0012, 'UI', UID_ROOT))
    meta = element(0x0002, 0x0000, 'UL', struct.pack('<I', len(meta_body))) + meta_body
    items = [
        (0x0008, 0x0016, 'UI', sop_class), (0x0008, 0x0018, 'UI', instance), (0x0008, 0x0060, 'CS', 'DX'),
        (0x0010, 0x0010, 'PN', 'SYNTHETIC^NOTAPATIENT'), (0x0010, 0x0020, 'LO', 'FAKE-ID-0000'),
        (0x0010, 0x0030, 'DA', '19000101'), (0x0018, 0x0015, 'CS', 'SPINE'), (0x0018, 0x5101, 'CS', 'AP'),
        (0x0020, 0x0062, 'CS', 'L'), (0x0028, 0x0002, 'US', us(samples)), (0x0028, 0x0004, 'CS', photometric),
        (0x0028, 0x0010, 'US', us(rows)), (0x0028, 0x0011, 'US', us(cols)), (0x0028, 0x0100, 'US', us(bits_alloc)),
        (0x0028, 0x0101, 'US', us(bits_stored)), (0x0028, 0x0102, 'US', us(high_bit)), (0x0028, 0x0103, 'US', us(1 if signed else 0)),
    ]
    if frames > 1: items.append((0x0028, 0x0008, 'IS', str(frames)))
    if planar is not None: items.append((0x0028, 0x0006, 'US', us(planar)))
    raw = []
    for e in items + list(extra):
        raw.append(((e[0] << 16) | e[1], e[3] if e[2] == 'RAW' else element(*e)))
    raw.append((0x7FE00010, element(0x7FE0, 0x0010, 'OW' if bits_alloc > 8 else 'OB', pixels)))
    body = b''.join(v for _, v in sorted(raw, key=lambda t: t[0]))
    with open(name + '.dcm', 'wb') as f:
        f.write(b'\0' * 128 + b'DICM' + meta + body)

def cells(values, bits_alloc, high_bit, bits_stored):
    shift = high_bit - bits_stored + 1
    mask = (1 << bits_stored) - 1
    if bits_alloc == 8: return bytes(((v & mask) << shift) for v in values)
    # Junk in the unused high bits checks that the reader masks them off.
    junk = lambda: (rng.randint(0, 15) << (high_bit + 1)) & 0xFFFF if high_bit < 15 else 0
    return b''.join(struct.pack('<H', (((v & mask) << shift) | junk()) & 0xFFFF) for v in values)

def grey_values(rows, cols, lo, hi):
    return [min(hi, max(lo, lo + ((x * 11 + y * 17) * (hi - lo)) // (cols * 11 + rows * 17) + rng.randint(-(hi - lo) // 20, (hi - lo) // 20)))
            for y in range(rows) for x in range(cols)]

def run(*cmd): subprocess.run(cmd, check=True)

def reference(name, frame=None):
    run('dcmj2pnm', '+on2', '-W', *(['+F', str(frame)] if frame else []), name + '.dcm', name + '.ref16.png')

# 1. 12 of 16 bits, rescale, windows, pixel spacing: the base for every transfer syntax variant.
vals = grey_values(20, 24, 0, 4095)
write('mono2-u12', 20, 24, 1, 'MONOCHROME2', 16, 12, 11, False, cells(vals, 16, 11, 12), extra=[
    (0x0028, 0x0030, 'DS', '0.139\\0.143'), (0x0018, 0x1164, 'DS', '0.2\\0.2'),
    (0x0028, 0x1050, 'DS', '1800\\900'), (0x0028, 0x1051, 'DS', '2000\\600'),
    (0x0028, 0x1052, 'DS', '-100'), (0x0028, 0x1053, 'DS', '0.5')])
reference('mono2-u12')
run('dcmconv', '+ti', 'mono2-u12.dcm', 'mono2-u12-implicit.dcm')
run('dcmconv', '+tb', 'mono2-u12.dcm', 'mono2-u12-bigendian.dcm')
run('dcmconv', '+td', 'mono2-u12.dcm', 'mono2-u12-deflated.dcm')
run('dcmcrle', 'mono2-u12.dcm', 'mono2-u12-rle.dcm')
run('dcmconv', '-F', '+ti', 'mono2-u12.dcm', 'mono2-u12-bare-implicit.dcm')
run('dcmconv', '-F', '+te', 'mono2-u12.dcm', 'mono2-u12-bare-explicit.dcm')

# 2. Signed 16-bit MONOCHROME1 with slope/intercept, sigmoid VOI function.
vals = grey_values(16, 18, -30000, 30000)
write('mono1-s16', 16, 18, 1, 'MONOCHROME1', 16, 16, 15, True, b''.join(struct.pack('<h', v) for v in vals), extra=[
    (0x0028, 0x1050, 'DS', '0'), (0x0028, 0x1051, 'DS', '40000'), (0x0028, 0x1056, 'CS', 'SIGMOID'),
    (0x0028, 0x1052, 'DS', '7'), (0x0028, 0x1053, 'DS', '3'), (0x0018, 0x1164, 'DS', '0.15\\0.15')])
reference('mono1-s16')
run('dcmcrle', 'mono1-s16.dcm', 'mono1-s16-rle.dcm')

# 3. Signed 10 of 16 bits with a high bit below the top, MONOCHROME1, no rescale.
vals = grey_values(9, 11, -512, 511)
write('mono1-s10', 9, 11, 1, 'MONOCHROME1', 16, 10, 12, True, cells(vals, 16, 12, 10))
reference('mono1-s10')

# 4. Modality LUT sequence (10-bit input, 12-bit output) and a VOI LUT sequence.
vals = grey_values(12, 14, 0, 1023)
lut = [min(4095, int(4095 * (i / 1023) ** 0.6)) for i in range(1000)]
voi = [int(255 * (i / 4095) ** 1.5) for i in range(4096)]
mlut = element(0x0028, 0x3002, 'US', us(1000, 10, 12)) + element(0x0028, 0x3003, 'LO', 'GAMMA') + element(0x0028, 0x3006, 'OW', us(*lut))
vlut = element(0x0028, 0x3002, 'US', us(4096, 0, 8)) + element(0x0028, 0x3006, 'OW', us(*voi))
# Unrelated nesting the reader must walk past: a sequence inside a sequence, and an undefined-length UN element
# whose items are implicit VR (PS3.5 6.2.2), as archives write unknown sequences.
inner = element(0x0008, 0x1150, 'UI', '1.2.840.10008.5.1.4.1.1.1') + element(0x0008, 0x1155, 'UI', UID_ROOT + '.7')
nested = sequence(0x0008, 0x114A, [inner, inner]) + element(0x0008, 0x1150, 'UI', '1.2.840.10008.5.1.4.1.1.1')
implicit_item = struct.pack('<HHI', 0x0008, 0x1150, 26) + pad('1.2.840.10008.5.1.4.1.1.1', 'UI')
un_body = struct.pack('<HHI', 0xFFFE, 0xE000, 0xFFFFFFFF) + implicit_item + struct.pack('<HHI', 0xFFFE, 0xE00D, 0) + struct.pack('<HHI', 0xFFFE, 0xE0DD, 0)
un = struct.pack('<HH', 0x0008, 0x2112) + b'UN\0\0' + struct.pack('<I', 0xFFFFFFFF) + un_body
write('mono2-lut', 12, 14, 1, 'MONOCHROME2', 16, 10, 9, False, cells(vals, 16, 9, 10), extra=[
    (0x0028, 0x3000, 'RAW', sequence(0x0028, 0x3000, [mlut])), (0x0028, 0x3010, 'RAW', sequence(0x0028, 0x3010, [vlut])),
    (0x0008, 0x1140, 'RAW', sequence(0x0008, 0x1140, [nested])), (0x0008, 0x2112, 'RAW', un)])
reference('mono2-lut')
# dcmconv writes sequences and items with explicit lengths by default: the defined-length paths, in both byte orders.
run('dcmconv', '+ti', 'mono2-lut.dcm', 'mono2-lut-implicit.dcm')
run('dcmconv', '+tb', 'mono2-lut.dcm', 'mono2-lut-bigendian.dcm')

# 5. 8-bit MONOCHROME2, three frames, RLE with an offset table.
vals = [v for f in range(3) for v in grey_values(10, 12, 20 * f, 200 + 20 * f)]
write('mono2-u8-frames', 10, 12, 1, 'MONOCHROME2', 8, 8, 7, False, bytes(vals), frames=3)
for frame in (1, 2, 3):
    run('dcmj2pnm', '+on2', '-W', '+F', str(frame), 'mono2-u8-frames.dcm', f'mono2-u8-frames.f{frame}.ref16.png')
run('dcmcrle', 'mono2-u8-frames.dcm', 'mono2-u8-frames-rle.dcm')

# 6. RGB colour-by-plane, and YBR_FULL interleaved (samples kept for the colour tests).
rgb = [rng.randint(0, 255) for _ in range(7 * 9 * 3)]
planes = [rgb[p * 3 + c] for c in range(3) for p in range(7 * 9)]
write('rgb-planar', 7, 9, 3, 'RGB', 8, 8, 7, False, bytes(planes), planar=1)
with open('rgb-planar.rgb.txt', 'w') as f: f.write(' '.join(map(str, rgb)) + '\n')
run('dcmcrle', 'rgb-planar.dcm', 'rgb-planar-rle.dcm')
ybr = []
for p in range(0, len(rgb), 3):
    r, g, b = rgb[p:p + 3]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    ybr += [round(y), min(255, max(0, round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b))), min(255, max(0, round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)))]
write('ybr-full', 7, 9, 3, 'YBR_FULL', 8, 8, 7, False, bytes(ybr), planar=0)
run('dcmj2pnm', '+on', '-W', 'ybr-full.dcm', 'ybr-full.ref8.png')

# 8-bit display references: the file's first window (LINEAR, SIGMOID) and the VOI LUT.
run('dcmj2pnm', '+on', '+Wi', '1', 'mono2-u12.dcm', 'mono2-u12.window.ref8.png')
run('dcmj2pnm', '+on', '+Wi', '1', 'mono1-s16.dcm', 'mono1-s16.window.ref8.png')
run('dcmj2pnm', '+on', '+Wl', '1', 'mono2-lut.dcm', 'mono2-lut.voilut.ref8.png')

# JPEG encapsulations made by dcmtk's own encoders; lossless must decode to the same 16-bit rendering.
run('dcmcjpeg', '+e1', 'mono2-u12.dcm', 'mono2-u12-jpeg-lossless.dcm')
run('dcmcjpeg', '+ee', 'mono2-u12.dcm', 'mono2-u12-jpeg-extended.dcm')
run('dcmj2pnm', '+on2', '-W', 'mono2-u12-jpeg-extended.dcm', 'mono2-u12-jpeg-extended.ref16.png')
run('dcmcjpeg', '+eb', 'mono2-u8-frames.dcm', 'mono2-u8-frames-jpeg-baseline.dcm')
for frame in (1, 3):
    run('dcmj2pnm', '+on2', '-W', '+F', str(frame), 'mono2-u8-frames-jpeg-baseline.dcm', f'mono2-u8-frames-jpeg-baseline.f{frame}.ref16.png')
run('dcmcjpls', 'mono2-u12.dcm', 'mono2-u12-jpegls.dcm')
# Without an offset table (frames found by their SOI markers), and frames split over several fragments.
run('dcmcjpeg', '+eb', '-ot', 'mono2-u8-frames.dcm', 'mono2-u8-frames-jpeg-nobot.dcm')
run('dcmcjpeg', '+e1', '+fs', '1', 'mono2-u12.dcm', 'mono2-u12-jpeg-lossless-fragments.dcm')
run('dcmcrle', '+fs', '1', 'mono2-u12.dcm', 'mono2-u12-rle-fragments.dcm')

def ybr_422():
    # Native 4:2:2: each pixel pair stored as Y1 Y2 Cb Cr (8-bit, even width); dcmtk renders the RGB oracle.
    rows, cols = 5, 8
    data = bytes(v for _ in range(rows * cols // 2) for v in (rng.randint(16, 235), rng.randint(16, 235), rng.randint(16, 240), rng.randint(16, 240)))
    write('ybr-422', rows, cols, 3, 'YBR_FULL_422', 8, 8, 7, False, data, planar=0)
    run('dcmj2pnm', '+on', '-W', 'ybr-422.dcm', 'ybr-422.ref8.png')

ybr_422()
