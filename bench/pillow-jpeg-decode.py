#!/usr/bin/env python3
"""The libjpeg-turbo side of the `jpeg` benchmark: decodes every *.jpg in DIR single-threaded with Pillow.

Usage: python3 bench/pillow-jpeg-decode.py DIR   (needs python3-pil). Prints one JSON line like the C# benchmark,
timing only the decodes (files are read first).
"""
import glob
import io
import json
import sys
import time

from PIL import Image, features

files = sorted(glob.glob(sys.argv[1] + "/*.jpg"))
data = [open(f, "rb").read() for f in files]
Image.open(io.BytesIO(data[0])).load()
wall = time.perf_counter()
cpu = time.process_time()
pixels = 0
for d in data:
    image = Image.open(io.BytesIO(d))
    image.load()
    pixels += image.size[0] * image.size[1]
wall = time.perf_counter() - wall
cpu = time.process_time() - cpu
print(json.dumps({
    "decoder": "libjpeg-turbo %s via Pillow" % features.version("libjpeg_turbo"),
    "images": len(data),
    "megapixels": round(pixels / 1e6, 3),
    "seconds": round(wall, 3),
    "mpx_per_s": round(pixels / 1e6 / wall, 1),
    "cpu_seconds": round(cpu, 3),
}))
