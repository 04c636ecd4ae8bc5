#!/usr/bin/python3
"""Tiny JPEGs (written by Pillow/libjpeg) for the ImageReader format-sniffing tests. Run from this folder."""
from PIL import Image
grey = Image.frombytes('L', (10, 6), bytes((x * 25 + y * 7) % 256 for y in range(6) for x in range(10)))
grey.save('grey.jpg', quality=95)
rgb = Image.frombytes('RGB', (8, 5), bytes((i * 37) % 256 for i in range(8 * 5 * 3)))
rgb.save('rgb.jpg', quality=95)
