#!/usr/bin/python3
"""Regenerates the transform oracle fixtures with OpenCV 4.6 and Pillow 9.4 (Debian bookworm:
apt-get install python3-opencv python3-pil; run with /usr/bin/python3 from this folder).

Format of every .txt file: '#' comment lines, then 'width height channels', then one line per image row
with width*channels numbers. Float fixtures hold float32 values printed with 9 significant digits (exact
round trip); 8-bit fixtures hold integers 0..255."""
import math

import cv2
import numpy as np
from PIL import Image

cv2.setNumThreads(1)


def save(name, array, comment):
    array = np.asarray(array)
    h, w = array.shape[:2]
    c = 1 if array.ndim == 2 else array.shape[2]
    with open(name, "w") as f:
        f.write(f"# {comment}\n{w} {h} {c}\n")
        for row in array.reshape(h, w * c):
            if array.dtype == np.uint8:
                f.write(" ".join(str(int(v)) for v in row) + "\n")
            else:
                f.write(" ".join(f"{float(v):.9g}" for v in row) + "\n")


rng = np.random.RandomState(20261121)
yy, xx = np.mgrid[0:12, 0:16].astype(np.float64)
smooth = 0.5 + 0.3 * np.sin(xx / 3.0) * np.cos(yy / 4.0)
src = np.clip(smooth + 0.1 * rng.rand(12, 16), 0, 1).astype(np.float32)
save("resize_input.txt", src, "16x12 float32 input of the resize, blur and warp fixtures")

for (w, h) in [(24, 20), (7, 5)]:
    save(f"resize_bilinear_{w}x{h}.txt", cv2.resize(src, (w, h), interpolation=cv2.INTER_LINEAR),
         f"cv2.resize(resize_input, ({w}, {h}), interpolation=cv2.INTER_LINEAR)")
save("resize_bicubic_opencv_24x20.txt", cv2.resize(src, (24, 20), interpolation=cv2.INTER_CUBIC),
     "cv2.resize(resize_input, (24, 20), interpolation=cv2.INTER_CUBIC)  # a = -0.75")
for (w, h) in [(8, 6), (6, 5)]:
    save(f"resize_area_{w}x{h}.txt", cv2.resize(src, (w, h), interpolation=cv2.INTER_AREA),
         f"cv2.resize(resize_input, ({w}, {h}), interpolation=cv2.INTER_AREA)")
pil = Image.fromarray(src, mode="F")
save("resize_antialiased_pillow_6x5.txt", np.asarray(pil.resize((6, 5), Image.BILINEAR), dtype=np.float32),
     "PIL.Image.fromarray(resize_input, 'F').resize((6, 5), Image.BILINEAR)  # antialiased triangle")
save("resize_bicubic_pillow_24x20.txt", np.asarray(pil.resize((24, 20), Image.BICUBIC), dtype=np.float32),
     "PIL.Image.fromarray(resize_input, 'F').resize((24, 20), Image.BICUBIC)  # a = -0.5, edges renormalised")

sigma = 1.5
radius = math.ceil(3 * sigma)
save("blur_sigma1.5.txt",
     cv2.GaussianBlur(src, (2 * radius + 1, 2 * radius + 1), sigma, sigmaY=sigma, borderType=cv2.BORDER_REPLICATE),
     f"cv2.GaussianBlur(resize_input, ({2 * radius + 1}, {2 * radius + 1}), 1.5, borderType=cv2.BORDER_REPLICATE)")

# The SpineKit transform (continuous coordinates, pixel centres at +0.5): rotate 30 degrees counter-clockwise on
# screen about (8, 6), scale 1.1 about (8, 6), translate (0.7, -0.4). OpenCV indexes pixel centres at integers,
# so its matrix is shift(-0.5) . T . shift(+0.5).
a = math.radians(30)
c, s = math.cos(a) * 1.1, math.sin(a) * 1.1
linear = np.array([[c, s], [-s, c]])
centre = np.array([8.0, 6.0])
offset = centre - linear @ centre + np.array([0.7, -0.4])
m = np.hstack([linear, (offset + linear @ np.array([0.5, 0.5]) - 0.5)[:, None]])
save("warp_rotate30_scale1.1.txt",
     cv2.warpAffine(src, m, (16, 12), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0.25),
     "cv2.warpAffine(resize_input, M, (16, 12), INTER_LINEAR, BORDER_CONSTANT 0.25); M = Rotation(30, (8,6)) "
     "then Scale(1.1, (8,6)) then Translation(0.7, -0.4), shifted to OpenCV's integer pixel centres")

yy, xx = np.mgrid[0:30, 0:40].astype(np.float64)
grey = np.clip(60 + 2.5 * xx + 1.5 * yy * (xx > 20) + 25 * rng.randn(30, 40), 0, 255).astype(np.uint8)
grey[5:12, 3:9] = 30
save("clahe_input.txt", grey, "40x30 uint8 input of the CLAHE and equalisation fixtures")
save("equalize.txt", cv2.equalizeHist(grey), "cv2.equalizeHist(clahe_input)")
save("clahe_clip2_tiles3x4.txt", cv2.createCLAHE(clipLimit=2.0, tileGridSize=(3, 4)).apply(grey),
     "cv2.createCLAHE(clipLimit=2.0, tileGridSize=(3, 4)).apply(clahe_input)  # 40x30 not divisible: padded")
save("clahe_clip40_tiles4x3.txt", cv2.createCLAHE(clipLimit=40.0, tileGridSize=(4, 3)).apply(grey),
     "cv2.createCLAHE(clipLimit=40.0, tileGridSize=(4, 3)).apply(clahe_input)")
save("clahe_clip1_tiles2x2.txt", cv2.createCLAHE(clipLimit=1.0, tileGridSize=(2, 2)).apply(grey),
     "cv2.createCLAHE(clipLimit=1.0, tileGridSize=(2, 2)).apply(clahe_input)")
