#!/usr/bin/python3
"""Builds the PNG decoder fixtures with independent encoders (ImageMagick/libpng and Pillow).

Each case writes NAME.png plus NAME.txt holding the pixel values the file must decode to:
a first line "width height channels bitdepth", then every sample, row-major, channels interleaved.
The expected values are the source samples handed to the encoder, in the decoder's output convention
(low bit-depth grey scaled to 0..255, palettes expanded to RGB/RGBA, a tRNS key turned into alpha).
Run from this folder: /usr/bin/python3 generate.py (needs imagemagick and python3-pil).
"""
import random, struct, subprocess, zlib, os, tempfile
from PIL import Image

rng = random.Random(20261121)
filters_seen = set()

def sample(maxval, x, y, c, w, h):
    # Gradients with noise: gives the encoder's adaptive filter choice something to work with.
    base = ((x * 7 + y * 5 + c * 31) * maxval) // (w * 7 + h * 5 + 93)
    return min(maxval, max(0, base + rng.randint(-maxval // 8, maxval // 8)))

def ihdr(path):
    data = open(path, 'rb').read()
    w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', data[16:29])
    return w, h, depth, ctype, interlace

def record_filters(path):
    data = open(path, 'rb').read()
    pos, idat = 8, b''
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4]); t = data[pos + 4:pos + 8]
        if t == b'IDAT': idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    w, h, depth, ctype, interlace = ihdr(path)
    raw = zlib.decompress(idat)
    spp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] if interlace else [(0, 0, 1, 1)]
    at = 0
    for x0, y0, dx, dy in passes:
        pw = (w - x0 + dx - 1) // dx if w > x0 else 0
        ph = (h - y0 + dy - 1) // dy if h > y0 else 0
        if pw == 0 or ph == 0: continue
        rb = (pw * spp * depth + 7) // 8
        for _ in range(ph):
            filters_seen.add(raw[at]); at += 1 + rb

def write_expected(name, w, h, channels, depth, samples):
    with open(name + '.txt', 'w') as f:
        f.write(f'{w} {h} {channels} {depth}\n')
        for i in range(0, len(samples), channels * w):
            f.write(' '.join(str(s) for s in samples[i:i + channels * w]) + '\n')

def magick(name, w, h, raw_format, raw_depth, raw, ctype, depth, interlace, extra=()):
    with tempfile.NamedTemporaryFile(suffix='.raw', delete=False) as t:
        t.write(raw); src = t.name
    cmd = ['convert', '-size', f'{w}x{h}', '-depth', str(raw_depth), '-endian', 'MSB', f'{raw_format}:{src}',
           '-define', f'png:color-type={ctype}', '-define', f'png:bit-depth={depth}', *extra,
           '-interlace', 'PNG' if interlace else 'None', f'PNG:{name}.png']
    subprocess.run(cmd, check=True)
    os.unlink(src)
    got = ihdr(name + '.png')
    assert got == (w, h, depth, ctype, 1 if interlace else 0), (name, got)
    record_filters(name + '.png')

def pack(samples, depth):
    if depth == 16: return b''.join(struct.pack('>H', s) for s in samples)
    return bytes(samples)

def grey(depth, interlace, w=13, h=11):
    levels = (1 << depth) - 1
    scale = 255 // levels if depth < 8 else 1
    vals = [sample(levels, x, y, 0, w, h) for y in range(h) for x in range(w)]
    name = f'grey{depth}{"-adam7" if interlace else ""}' + ('' if (w, h) == (13, 11) else f'-{w}x{h}')
    raw_depth = 16 if depth == 16 else 8
    magick(name, w, h, 'gray', raw_depth, pack([v * scale for v in vals], raw_depth), 0, depth, interlace)
    write_expected(name, w, h, 1, 16 if depth == 16 else 8, [v * scale for v in vals])

def colour(kind, ctype, channels, depth, interlace, w=13, h=11):
    maxval = (1 << depth) - 1
    vals = []
    for y in range(h):
        for x in range(w):
            g = sample(maxval, x, y, 0, w, h)
            px = [sample(maxval, x, y, c, w, h) for c in range(3)] if ctype in (2, 6) else [g]
            if ctype in (4, 6): px.append(sample(maxval, x, y, 3, w, h))
            vals.extend(px)
    name = f'{kind}{depth}{"-adam7" if interlace else ""}' + ('' if (w, h) == (13, 11) else f'-{w}x{h}')
    if ctype == 4:
        # ImageMagick has no raw grey+alpha input: hand it RGBA with equal colour samples.
        rgba = []
        for i in range(0, len(vals), 2): rgba.extend([vals[i], vals[i], vals[i], vals[i + 1]])
        magick(name, w, h, 'rgba', depth, pack(rgba, depth), 4, depth, interlace)
    else:
        magick(name, w, h, {2: 'rgb', 6: 'rgba'}[ctype], depth, pack(vals, depth), ctype, depth, interlace)
    write_expected(name, w, h, channels, depth, vals)

def palette(depth, interlace, alpha=False, w=13, h=11):
    count = min(1 << depth, 12)
    colours = [tuple(rng.randint(0, 255) for _ in range(3)) + ((rng.choice([0, 128, 255]) if alpha else 255),) for _ in range(count)]
    if alpha: colours[0] = colours[0][:3] + (0,)
    pixels = [colours[((x // 3) + y * 2 + rng.randint(0, 1)) % count] for y in range(h) for x in range(w)]
    name = f'palette{depth}{"-trns" if alpha else ""}{"-adam7" if interlace else ""}'
    if interlace:
        raw = bytes(v for p in pixels for v in (p if alpha else p[:3]))
        magick(name, w, h, 'rgba' if alpha else 'rgb', 8, raw, 3, depth, interlace)
    else:
        # Pillow writes exact low bit-depth palettes (bits=); it cannot interlace, ImageMagick does that case.
        img = Image.frombytes('P', (w, h), bytes(colours.index(p) for p in pixels))
        img.putpalette([v for c in colours for v in c[:3]])
        options = {'transparency': bytes(c[3] for c in colours)} if alpha else {}
        img.save(name + '.png', bits=depth, **options)
        assert ihdr(name + '.png')[2:4] == (depth, 3), (name, ihdr(name + '.png'))
        record_filters(name + '.png')
    channels = 4 if alpha else 3
    write_expected(name, w, h, channels, 8, [v for p in pixels for v in p[:channels]])

def pillow_key(mode, w=9, h=7):
    # Pillow writes a tRNS colour key for grey and RGB; the decoder must turn it into an alpha channel.
    if mode == 'L':
        vals = [rng.choice([0, 17, 200, 255]) for _ in range(w * h)]
        img = Image.frombytes('L', (w, h), bytes(vals)); key = 17
        img.save('grey8-trns.png', transparency=key)
        expected = [v for s in vals for v in (s, 0 if s == key else 255)]
        write_expected('grey8-trns', w, h, 2, 8, expected)
    else:
        colours = [(10, 20, 30), (200, 100, 50), (0, 0, 0)]
        px = [rng.choice(colours) for _ in range(w * h)]
        img = Image.frombytes('RGB', (w, h), bytes(v for p in px for v in p)); key = (200, 100, 50)
        img.save('rgb8-trns.png', transparency=key)
        expected = [v for p in px for v in (*p, 0 if p == key else 255)]
        write_expected('rgb8-trns', w, h, 4, 8, expected)

for interlace in (False, True):
    for d in (1, 2, 4, 8, 16): grey(d, interlace)
    for d in (8, 16):
        colour('rgb', 2, 3, d, interlace)
        colour('greyalpha', 4, 2, d, interlace)
        colour('rgba', 6, 4, d, interlace)
    for d in ((1, 2, 4, 8) if not interlace else (8,)): palette(d, interlace)
    if not interlace: palette(8, interlace, alpha=True)  # ImageMagick drops tRNS when asked for colour type 3
grey(8, True, 1, 1)
grey(16, True, 3, 2)
colour('rgb', 2, 3, 8, True, 5, 3)
pillow_key('L'); pillow_key('RGB')
print('filters used by the encoders:', sorted(filters_seen))

def pillow_physical():
    # pHYs written by Pillow from dpi: 254 dpi = 10000 px/m (0.1 mm), 127 dpi = 5000 px/m (0.2 mm).
    img = Image.frombytes('L', (6, 4), bytes(range(0, 240, 10)))
    img.save('grey8-phys.png', dpi=(254, 127))
    write_expected('grey8-phys', 6, 4, 1, 8, list(range(0, 240, 10)))

pillow_physical()
