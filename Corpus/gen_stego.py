#!/usr/bin/env python3
"""Pixel-steganography samples made by a tool StegCarve's authors did not write.

Needs Pillow and stegano (`pip install stegano`), unlike generate.py (standard library only),
so generate.py does not call it; run it by hand:  python3 Corpus/gen_stego.py
Writes Corpus/stego/*.png and Corpus/stego/expected.json (the outcome StegoAnalyzer must give).
The cover is drawn here from a fixed seed; stegano.lsb writes "<length>:<message>" into the
LSBs of R, G, B, row-major, MSB-first (layout planes:b0,rgb,msb-first,xy).
"""
import json, math, os, random, hashlib
from PIL import Image
from stegano import lsb

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stego")
MESSAGE = "StegCarve corpus: stegano LSB sample, benign text only. Meet at the old mill at dawn."

def cover(width, height, seed):
    rng = random.Random(seed)
    img = Image.new("RGB", (width, height))
    px = img.load()
    for y in range(height):
        for x in range(width):
            vals = []
            for c in range(3):
                u, v = x / (width - 1), y / (height - 1)
                base = 0.5 + 0.25 * math.sin(6 * u + 1.3 * c) * math.cos(4 * v - 1.3 * c) + 0.2 * (u - v)
                g = min(max(base, 0), 1) ** 1.8
                noise = sum(rng.uniform(-1.5, 1.5) for _ in range(3))
                vals.append(int(min(max(round(g * 230 + 12 + noise), 0), 255)))
            px[x, y] = tuple(vals)
    return img

def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    clean = cover(160, 120, 1)
    clean.save(os.path.join(OUT, "stegano-clean-cover.png"))
    expected["stegano-clean-cover.png"] = {"findings": []}
    secret = lsb.hide(cover(160, 120, 1), MESSAGE)
    secret.save(os.path.join(OUT, "stegano-lsb-text.png"))
    framed = f"{len(MESSAGE)}:{MESSAGE}".encode()
    expected["stegano-lsb-text.png"] = {"findings": [{
        "layout": "planes:b0,rgb,msb-first,xy", "kind": "text", "offset": 0,
        "prefix": framed.decode(), "prefix_sha256": hashlib.sha256(framed).hexdigest()}]}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")

if __name__ == "__main__":
    main()
