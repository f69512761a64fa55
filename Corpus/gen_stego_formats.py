#!/usr/bin/env python3
"""Pixel-steganography samples in TIFF and WebP (Corpus/stego/tiff-*, webp-*).

Called by gen_stego.py; also runs alone (python3 Corpus/gen_stego_formats.py), then it updates
only its own entries of Corpus/stego/expected.json. Needs Pillow (with libtiff and libwebp),
numpy, scikit-image, and libtiff's `tiffcp` (`apt-get install -y libtiff-tools`) for the tiled,
planar file Pillow cannot write.

Samples (embedding through gen_stego.embed_pixels, layouts named as StegCarve reports them):
- tiff-lsb-elf-rgb.tif: uncompressed strips, the small ELF in planes:b0,rgb,msb-first,xy.
- tiff-lsb-elf-lzw-b0-1.tif: LZW with the horizontal predictor, the miner-like ELF in
  planes:b0-1,rgb,msb-first,xy (the pixels are in no file byte: only decoding finds it).
- tiff-lsb-elf-tiled-planar.tif: the first file re-tiled (64x64) into separate colour planes
  with Deflate by tiffcp.
- tiff-lsb-seq-040.tif: sequential LSB at 0.4 bits per sample (detected by the detectors).
- tiff-clean-photo.tif: a photograph crop, Deflate (no finding, no signal).
- webp-lossless-lsb-elf.webp: lossless WebP, the small ELF in planes:b0,rgb,msb-first,xy.
- webp-lossless-rgba-lsb-elf.webp: lossless WebP with varying alpha (`exact`), the small ELF in
  planes:b0,rgba,msb-first,xy.
- webp-lossy-clean.webp: lossy WebP of the same crop (pixels swept, detectors do not apply).
Outside expected.json (no stego section, no decode status): webp-animated-clean.webp, two
frames; tiff-jpeg-clean.tif, the clean photo re-coded as JPEG-in-TIFF by tiffcp (a codec the
shim does not decode); tiff-lzw-samples-elf.tif, an LZW TIFF whose decoded sample bytes start
with the small ELF (found by the decoded-pixel search, region `pixels`, via `decode:tiff`).
"""
import json, os, random, subprocess, sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_stego  # noqa: E402  (embed_pixels, photo, payload_entry)

OUT = os.path.join(HERE, "stego")


def main(expected):
    elf_small = open(os.path.join(HERE, "elf", "min-x86_64-sht-mid.elf"), "rb").read()
    elf_miner = open(os.path.join(HERE, "elf", "payload-x86_64.elf"), "rb").read()
    embed, entry = gen_stego.embed_pixels, gen_stego.payload_entry
    coffee = gen_stego.photo("coffee", 40, 120, 256)
    chelsea = gen_stego.photo("chelsea", 20, 100, 192)

    def save(array, name, **options):
        Image.fromarray(array).save(os.path.join(OUT, name), **options)

    save(embed(coffee, elf_small, [0], "rgb", True), "tiff-lsb-elf-rgb.tif")
    expected["tiff-lsb-elf-rgb.tif"] = {"domain": "pixels", "signal": "any",
                                        "findings": [entry("planes:b0,rgb,msb-first,xy", elf_small)]}
    save(embed(chelsea, elf_miner, [0, 1], "rgb", True), "tiff-lsb-elf-lzw-b0-1.tif",
         compression="tiff_lzw", tiffinfo={317: 2})
    expected["tiff-lsb-elf-lzw-b0-1.tif"] = {"domain": "pixels", "signal": "any",
                                             "findings": [entry("planes:b0-1,rgb,msb-first,xy", elf_miner)]}
    subprocess.run(["tiffcp", "-t", "-w", "64", "-l", "64", "-p", "separate", "-c", "zip",
                    os.path.join(OUT, "tiff-lsb-elf-rgb.tif"), os.path.join(OUT, "tiff-lsb-elf-tiled-planar.tif")],
                   check=True)
    expected["tiff-lsb-elf-tiled-planar.tif"] = {"domain": "pixels", "signal": "any",
                                                 "findings": [entry("planes:b0,rgb,msb-first,xy", elf_small)]}

    rng = random.Random(40)
    total = coffee.shape[0] * coffee.shape[1] * 3 * 4 // 10 // 8
    data = elf_small + bytes(rng.getrandbits(8) for _ in range(total - len(elf_small)))
    save(embed(coffee, data, [0], "rgb", True), "tiff-lsb-seq-040.tif", compression="tiff_adobe_deflate")
    expected["tiff-lsb-seq-040.tif"] = {"domain": "pixels", "rate": 0.4, "signal": "detected",
                                        "findings": [entry("planes:b0,rgb,msb-first,xy", elf_small)]}
    save(gen_stego.photo("astronaut", 0, 160, 256), "tiff-clean-photo.tif", compression="tiff_adobe_deflate")
    expected["tiff-clean-photo.tif"] = {"findings": [], "domain": "pixels", "signal": "none"}

    save(embed(coffee, elf_small, [0], "rgb", True), "webp-lossless-lsb-elf.webp", lossless=True)
    expected["webp-lossless-lsb-elf.webp"] = {"domain": "pixels", "signal": "any",
                                              "findings": [entry("planes:b0,rgb,msb-first,xy", elf_small)]}
    alpha = (np.indices(coffee.shape[:2]).sum(axis=0) % 56 + 200).astype(np.uint8)
    rgba = np.dstack([coffee, alpha])
    save(embed(rgba, elf_small, [0], "rgba", True), "webp-lossless-rgba-lsb-elf.webp", lossless=True, exact=True)
    expected["webp-lossless-rgba-lsb-elf.webp"] = {"domain": "pixels", "signal": "any",
                                                   "findings": [entry("planes:b0,rgba,msb-first,xy", elf_small)]}
    save(coffee, "webp-lossy-clean.webp", quality=85)
    expected["webp-lossy-clean.webp"] = {"findings": [], "domain": "pixels", "signal": "no-estimate"}

    subprocess.run(["tiffcp", "-c", "jpeg:90", "-r", "16", os.path.join(OUT, "tiff-clean-photo.tif"),
                    os.path.join(OUT, "tiff-jpeg-clean.tif")], check=True)

    samples = gen_stego.photo("coffee", 0, 0, 64).copy()
    flat = samples.reshape(-1)
    flat[:len(elf_small)] = np.frombuffer(elf_small, dtype=np.uint8)
    save(flat.reshape(samples.shape), "tiff-lzw-samples-elf.tif", compression="tiff_lzw")

    frames = [Image.fromarray(coffee), Image.fromarray(coffee[::-1].copy())]
    frames[0].save(os.path.join(OUT, "webp-animated-clean.webp"), save_all=True, append_images=frames[1:],
                   duration=100, lossless=True)


if __name__ == "__main__":
    path = os.path.join(OUT, "expected.json")
    with open(path) as f:
        manifest = json.load(f)
    main(manifest)
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
