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
- palette-*.{gif,bmp,png}: the small ELF in the LSBs of palette indices (layouts `planes:…,index,…`),
  on a photograph quantised to 256 (GIF, PNG, 8-bit BMP) or 16 colours (4-bit BMP, written here
  byte by byte since Pillow writes no 4-bit BMP); ezstego-elf.gif: EzStego-style, the bit in the
  LSB of each index's rank in the palette sorted by luminance (`index-by-luma`).
- wbstego-padded-text.bmp: the plain form (extension `txt`, a text) in a BMP whose rows are padded,
  bit 0 of every pixel-array byte including the padding (`file-order:b0,msb-first`).
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


def wbstego_padded(expected):
    """The plain form in a 24-bit BMP whose rows carry padding (width 161: 483 bytes + 1): the
    bits run through the padding bytes, as wbStego writes them (file-order:b0,msb-first)."""
    text = (b"StegCarve corpus: wbStego-framed note, benign text only. "
            b"The bits of this message run through the row padding bytes of the bitmap.\n") * 3
    stream = len(text).to_bytes(3, "little") + b"txt" + text
    path = os.path.join(OUT, "wbstego-padded-text.bmp")
    Image.fromarray(photo("rocket", 60, 120, 100, 161)).save(path)
    data = bytearray(open(path, "rb").read())
    start = struct.unpack_from("<I", data, 10)[0]
    bits = np.unpackbits(np.frombuffer(stream, dtype=np.uint8))
    assert start + bits.size <= len(data)
    for i, bit in enumerate(bits):
        data[start + i] = (data[start + i] & 0xFE) | int(bit)
    with open(path, "wb") as f:
        f.write(bytes(data))
    expected["wbstego-padded-text.bmp"] = {
        "domain": "pixels", "signal": "detected", "fingerprints": ["wbstego-header"],
        "note": "wbStego plain form with extension 'txt' through row padding (file-order reading)",
        "findings": [tool_entry("stego:wbstego", "file-order:b0,msb-first", 6, text)]}


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


def embed_indices(indices, data, planes, msb_first):
    """Write `data` into the given bit planes of a 2-D index array, row-major, highest plane first."""
    out = indices.copy().reshape(-1)
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="big" if msb_first else "little")
    position = 0
    for i in range(out.size):
        for plane in reversed(planes):
            if position >= bits.size:
                return out.reshape(indices.shape)
            out[i] = (int(out[i]) & ~(1 << plane) & 0xFF) | (int(bits[position]) << plane)
            position += 1
    raise ValueError("does not fit")


def quantised(name, top, left, height, width, colours):
    image = Image.fromarray(photo(name, top, left, height, width)).quantize(colours, dither=Image.Dither.NONE)
    palette = image.getpalette()[:3 * colours]
    palette += [0] * (3 * colours - len(palette))
    return np.array(image, dtype=np.uint8), palette


def palette_image(indices, palette):
    image = Image.fromarray(indices, mode="P")
    image.putpalette(palette)
    return image


def bmp4(indices, palette):
    """A 4-bit BI_RGB BMP, bottom-up, rows padded to 4 bytes, leftmost pixel in the high nibble."""
    h, w = indices.shape
    stride = ((w * 4 + 31) // 32) * 4
    rows = b""
    for y in range(h - 1, -1, -1):
        row = bytes((int(indices[y, x]) << 4) | (int(indices[y, x + 1]) if x + 1 < w else 0) for x in range(0, w, 2))
        rows += row.ljust(stride, b"\x00")
    table = b"".join(bytes([palette[3 * i + 2], palette[3 * i + 1], palette[3 * i], 0]) for i in range(16))
    offset = 14 + 40 + len(table)
    header = b"BM" + struct.pack("<IHHI", offset + len(rows), 0, 0, offset)
    info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 4, 0, len(rows), 2835, 2835, 16, 0)
    return header + info + table + rows


def palettes(expected):
    elf = open(os.path.join(HERE, "elf", "min-x86_64-sht-mid.elf"), "rb").read()

    def entry(name, layout):
        expected[name] = {"domain": "pixels", "signal": "any", "findings": [
            {"kind": "payload:elf", "layout": layout, "offset": 0, "length": len(elf), "sha256": sha(elf),
             "prefix_hex": elf[:16].hex(), "domain": "pixels"}]}

    indices, palette = quantised("astronaut", 0, 100, 96, 128, 256)
    palette_image(embed_indices(indices, elf, [0], True), palette).save(os.path.join(OUT, "palette-elf-index.gif"), optimize=False)
    entry("palette-elf-index.gif", "planes:b0,index,msb-first,xy")

    indices, palette = quantised("coffee", 100, 200, 100, 120, 256)
    palette_image(embed_indices(indices, elf, [0], False), palette).save(os.path.join(OUT, "palette-elf-index.png"))
    entry("palette-elf-index.png", "planes:b0,index,lsb-first,xy")

    indices, palette = quantised("chelsea", 60, 60, 90, 120, 256)
    flipped = embed_indices(np.ascontiguousarray(indices[::-1]), elf, [0], True)[::-1]
    palette_image(np.ascontiguousarray(flipped), palette).save(os.path.join(OUT, "palette-elf-8bit.bmp"))
    entry("palette-elf-8bit.bmp", "planes:b0,index,msb-first,xy-bottom-up")

    indices, palette = quantised("rocket", 120, 180, 64, 90, 16)
    with open(os.path.join(OUT, "palette-elf-4bit.bmp"), "wb") as f:
        f.write(bmp4(embed_indices(indices, elf, [0, 1], True), palette))
    entry("palette-elf-4bit.bmp", "planes:b0-1,index,msb-first,xy")

    # EzStego-style: the bit goes into the LSB of the index's luminance rank.
    indices, palette = quantised("astronaut", 250, 200, 96, 128, 256)
    luma = [(299 * palette[3 * i] + 587 * palette[3 * i + 1] + 114 * palette[3 * i + 2], i) for i in range(256)]
    order = [i for _, i in sorted(luma)]
    rank = {index: r for r, index in enumerate(order)}
    ranks = np.vectorize(lambda i: rank[int(i)])(indices).astype(np.uint8)
    embedded = embed_indices(ranks, elf, [0], True)
    back = np.vectorize(lambda r: order[int(r)])(embedded).astype(np.uint8)
    palette_image(back, palette).save(os.path.join(OUT, "ezstego-elf.gif"), optimize=False)
    entry("ezstego-elf.gif", "planes:b0,index-by-luma,msb-first,xy")


def main(expected):
    os.makedirs(OUT, exist_ok=True)
    wbstego(expected)
    wbstego_padded(expected)
    camouflage(expected)
    palettes(expected)


if __name__ == "__main__":
    manifest = os.path.join(OUT, "expected.json")
    expected = json.load(open(manifest))
    main(expected)
    with open(manifest, "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")
