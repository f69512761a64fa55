#!/usr/bin/env python3
"""Steganography tools recognised by their own framing: wbStego (bitmap LSBs) and Camouflage
(a block appended after the picture), and palette-index LSB samples.

The Windows tools cannot run here, so the samples are written from the formats as the public
readers parse them (see Sources/StegCarveStego/WbStegoHeader.swift and CamouflageTrailer.swift
for the references and what they leave open). Called by gen_stego.py (which owns
expected.json), or run alone: python3 Corpus/gen_stego_tools.py (updates expected.json in place).
Needs Pillow, numpy and scikit-image, like gen_stego.py.

Samples:
- wbstego-elf.bmp: wbStego's plain form (3-byte little-endian size, extension `bin`, the file)
  carrying the small ELF, in bit 0 of every pixel-array byte in file order, MSB-first
  (planes:b0,bgr,msb-first,xy-bottom-up: the width is a multiple of 4, so rows have no padding).
- wbstego-4x-rijndael.bmp: the 4.x encrypted form (size, 00 FF 10, a 16-byte inner header whose
  first byte 4 names Rijndael, then `size` random bytes standing in for the ciphertext).
- camouflage-block.jpg: a JPEG with a Camouflage-shaped block appended: two equal FILETIME high
  halves at block offsets 2 and 18, the data length at 0x1A, scrambled (random) data, and a
  281-byte trailer holding the host's original length and ending in four spaces.
"""
import hashlib, json, os, random, struct
import numpy as np
from PIL import Image
import skimage.data

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stego")
LAYOUT_FILE_ORDER = "planes:b0,bgr,msb-first,xy-bottom-up"


def sha(data):
    return hashlib.sha256(data).hexdigest()


def photo(name, top, left, height, width):
    image = getattr(skimage.data, name)()
    return np.ascontiguousarray(image[top:top + height, left:left + width, :3])


def embed_file_order(picture, stream):
    """Bit 0 of every byte of a 24-bit BMP's pixel array in file order (bottom row first,
    B, G, R), the first bit into the first byte, MSB-first. `picture` is H x W x RGB."""
    h, w, _ = picture.shape
    assert (w * 3) % 4 == 0, "rows must have no padding"
    rows = picture[::-1, :, ::-1].reshape(-1).copy()  # file order: bottom-up, BGR
    bits = np.unpackbits(np.frombuffer(stream, dtype=np.uint8))
    assert bits.size <= rows.size
    rows[:bits.size] = (rows[:bits.size] & 0xFE) | bits
    return np.ascontiguousarray(rows.reshape(h, w, 3)[::-1, :, ::-1])


def tool_entry(kind, layout, offset, data, region=None, children=None, domain="pixels"):
    entry = {"kind": kind, "offset": offset, "length": len(data), "sha256": sha(data),
             "prefix_hex": data[:16].hex(), "domain": domain}
    if layout:
        entry["layout"] = layout
    if region:
        entry["region"] = region
    if children:
        entry["children"] = children
    return entry


def wbstego(expected):
    elf = open(os.path.join(HERE, "elf", "min-x86_64-sht-mid.elf"), "rb").read()
    stream = len(elf).to_bytes(3, "little") + b"bin" + elf
    picture = photo("coffee", 150, 300, 120, 160)
    Image.fromarray(embed_file_order(picture, stream)).save(os.path.join(OUT, "wbstego-elf.bmp"))
    expected["wbstego-elf.bmp"] = {
        "domain": "pixels", "signal": "detected", "fingerprints": ["wbstego-header"],
        "note": "wbStego plain form (size, extension 'bin', the file in clear), written from zsteg's reader",
        "findings": [tool_entry("stego:wbstego", LAYOUT_FILE_ORDER, 6, elf, children=[
            {"kind": "payload:elf", "offset": 0, "length": len(elf), "sha256": sha(elf)}])]}

    rng = random.Random(44)
    ciphertext = bytes(rng.getrandbits(8) for _ in range(1200))
    inner = bytes([4]) + bytes(rng.getrandbits(8) for _ in range(15))
    stream = len(ciphertext).to_bytes(3, "little") + bytes([0x00, 0xFF, len(inner)]) + inner + ciphertext
    picture = photo("astronaut", 200, 40, 128, 200)
    Image.fromarray(embed_file_order(picture, stream)).save(os.path.join(OUT, "wbstego-4x-rijndael.bmp"))
    expected["wbstego-4x-rijndael.bmp"] = {
        "domain": "pixels", "signal": "detected", "fingerprints": ["wbstego-header"],
        "note": "wbStego 4.x encrypted form (00 FF, inner header naming Rijndael); random bytes stand in for the ciphertext",
        "findings": [tool_entry("stego:wbstego", LAYOUT_FILE_ORDER, 6 + len(inner), ciphertext)]}


def filetime(year_seconds):
    """A Windows FILETIME (100 ns since 1601) for seconds since 1970."""
    return (year_seconds + 11644473600) * 10_000_000


def camouflage(expected):
    path = os.path.join(OUT, "camouflage-block.jpg")
    Image.fromarray(photo("chelsea", 40, 120, 160, 192)).save(path, quality=85)
    host = open(path, "rb").read()
    rng = random.Random(45)
    created = filetime(1767225600)  # 2026-01-01
    written = created + 37_000_000  # 3.7 s later: same high half
    data = bytes(rng.getrandbits(8) for _ in range(900))
    block = (b"\x00\x00" + struct.pack("<I", created >> 32) + struct.pack("<I", rng.getrandbits(32))
             + struct.pack("<I", created >> 32) + struct.pack("<I", written & 0xFFFFFFFF) + struct.pack("<I", written >> 32)
             + struct.pack("<I", 0) + struct.pack("<I", len(data)) + data)
    name = b"secret.txt".ljust(273, b"\x00")
    block += struct.pack("<I", len(host)) + name + b"    "
    assert block[2:6] == block[18:22] and len(block) > 300 and block[-281:-277] == struct.pack("<I", len(host))
    with open(path, "wb") as f:
        f.write(host + block)
    expected["camouflage-block.jpg"] = {
        "domain": "dct", "signal": "detected", "fingerprints": ["camouflage-trailer"],
        "note": "Camouflage-shaped block written from the checks stegdetect and zsteg publish; the hidden data is scrambled",
        "findings": [tool_entry("stego:camouflage", None, len(host), block, region="overlay", domain="dct")]}


def main(expected):
    os.makedirs(OUT, exist_ok=True)
    wbstego(expected)
    camouflage(expected)


if __name__ == "__main__":
    manifest = os.path.join(OUT, "expected.json")
    expected = json.load(open(manifest))
    main(expected)
    with open(manifest, "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")
