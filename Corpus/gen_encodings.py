"""Corpus cases for payloads wrapped in encodings and obfuscation (base64 plain, marked,
wrapped, reversed and with a swapped symbol; hex; repeating-key XOR; an in-band XOR key
after the IDAT-loader marker; a byte-reversed ELF; base64 of an XOR'd ELF).

Called from generate.py. Each expected finding is the wrapper (its offset, length and
SHA-256 are those of the encoded bytes in the file) with the decoded payload as a child
whose offset and length count in the decoded stream and whose SHA-256 is the original's.
"""
from __future__ import annotations

import base64
import hashlib


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _wrap(text: bytes, width: int = 76) -> bytes:
    return b"\r\n".join(text[i:i + width] for i in range(0, len(text), width))


def _xor(data: bytes, key: bytes) -> bytes:
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))


def add_cases(c, img: dict, jpeg_seg, jpeg_insert, png_chunk, png_insert_before_iend) -> None:
    """Adds the encoded-payload files to corpus `c` (generate.py's Corpus)."""

    def child(elf: str, via: str) -> dict:
        """The expected decoded ELF: the whole program, at offset 0 of the decoded stream."""
        finding = c.finding(elf, 0, via, c.elf_bytes[elf])
        finding["via"] = via
        return finding

    def wrapper(kind: str, data: bytes, offset: int, length: int, region: str, children: list,
                metadata: dict | None = None) -> dict:
        return {
            "type": kind, "offset": offset, "length": length,
            "sha256": _sha256(data[offset:offset + length]), "truncated": False,
            "region": region, "metadata": metadata or {}, "labels": ["encoded"],
            "children": children,
        }

    # base64 between <<BASE64_START>>/<<BASE64_END>> markers, CRLF-wrapped, after EOI.
    elf = "payload-x86_64"
    base = img["jpeg-baseline.jpg"]
    symbols = base64.b64encode(c.elf_bytes[elf])
    text = _wrap(symbols)
    data = base + b"<<BASE64_START>>" + text + b"<<BASE64_END>>"
    start = len(base) + len(b"<<BASE64_START>>")
    c.add_file("payload/jpeg-eoi-base64-marked-elf.jpg", "jpeg",
               "x86-64 miner-like ELF as CRLF-wrapped base64 between <<BASE64_START>> and "
               "<<BASE64_END>> markers after the EOI (the 2023- loader pattern)",
               data, len(base),
               [wrapper("base64", data, start, len(text), "overlay", [child(elf, "base64")],
                        {"marker": "<<BASE64_START>>", "encodedLength": len(symbols)})])

    # reversed base64 in a PNG tEXt chunk.
    elf = "hello-x86_64-stripped"
    reversed_text = base64.b64encode(c.elf_bytes[elf])[::-1]
    chunk = png_chunk(b"tEXt", b"Comment\0" + reversed_text)
    data, pos = png_insert_before_iend(img["png-rgb.png"], chunk)
    c.add_file("payload/png-text-reversed-base64-elf.png", "png",
               "stripped hello-world ELF as reversed base64 in the text of a tEXt 'Comment' chunk",
               data, len(data),
               [wrapper("base64", data, pos + 8 + len(b"Comment\0"), len(reversed_text), "chunk:tEXt",
                        [child(elf, "base64-reversed")], {"encodedLength": len(reversed_text)})])

    # base64 with 'A' swapped for '#' in a COM segment.
    elf = "min-arm-le"
    swapped = base64.b64encode(c.elf_bytes[elf]).replace(b"A", b"#")
    data, pos = jpeg_insert(img["jpeg-progressive.jpg"], jpeg_seg(0xFE, swapped))
    c.add_file("payload/jpeg-com-base64-swapped-elf.jpg", "jpeg",
               "hand-made ARM ELF as base64 whose 'A' is written '#' (Evil MSI background style) in a "
               "COM segment", data, len(data),
               [wrapper("base64", data, pos + 4, len(swapped), "segment:COM", [child(elf, "base64:#=A")],
                        {"encodedLength": len(swapped)})])

    # hex after IEND.
    elf = "min-mips-seg-past-sht"
    base = img["png-grayscale.png"]
    hex_text = c.elf_bytes[elf].hex().encode()
    data = base + hex_text
    c.add_file("payload/png-iend-hex-elf.png", "png",
               "hand-made MIPS ELF as lowercase hex text after IEND", data, len(base),
               [wrapper("hex", data, len(base), len(hex_text), "overlay", [child(elf, "hex")])])

    # single-byte and multi-byte repeating XOR after EOI / IEND.
    for rel, fmt, base, elf, key in (
        ("payload/jpeg-eoi-xor5a-elf.jpg", "jpeg", img["jpeg-optimized.jpg"], "payload-aarch64", b"\x5a"),
        ("payload/png-iend-xor7-elf.png", "png", img["png-palette-trns.png"], "payload-i686",
         bytes.fromhex("13579bdf02468a")),
    ):
        cipher = _xor(c.elf_bytes[elf], key)
        data = base + cipher
        c.add_file(rel, fmt,
                   f"{elf} XOR'd with the {len(key)}-byte key {key.hex()} after the end of the picture "
                   "(Witchetty style); the key is recovered from the ELF header", data, len(base),
                   [wrapper("xor", data, len(base), len(cipher), "overlay", [child(elf, f"xor:{key.hex()}")],
                            {"key": key.hex(), "keyLength": len(key)})])

    # IDAT-loader style: marker C6 A5 79 EA + 4-byte key + XOR'd ELF in a private chunk.
    elf = "min-x86_64-sht-mid"
    key = bytes.fromhex("a1b2c3d4")
    body = bytes.fromhex("c6a579ea") + key + _xor(c.elf_bytes[elf], key)
    data, pos = png_insert_before_iend(img["png-rgba.png"], png_chunk(b"ldRx", body))
    c.add_file("payload/png-chunk-inband-xor-elf.png", "png",
               "hand-made x86-64 ELF XOR'd with a 4-byte key that follows the IDAT-loader marker "
               "C6 A5 79 EA, as the data of a private 'ldRx' chunk", data, len(data),
               [wrapper("xor", data, pos + 8, len(body), "chunk:ldRx", [child(elf, "xor:a1b2c3d4")],
                        {"key": "a1b2c3d4", "keyLength": 4, "marker": "IDAT loader"})])

    # a byte-reversed ELF after EOI.
    elf = "payload-ppc64"
    base = img["jpeg-restart.jpg"]
    data = base + c.elf_bytes[elf][::-1]
    c.add_file("payload/jpeg-eoi-reversed-elf.jpg", "jpeg",
               "big-endian PowerPC64 miner-like ELF written byte-reversed after the EOI", data, len(base),
               [wrapper("reversed", data, len(base), len(c.elf_bytes[elf]), "overlay", [child(elf, "reversed")])])

    # base64 of an XOR'd ELF: two layers.
    elf = "min-ppc64-be"
    key = b"\x33"
    inner = _xor(c.elf_bytes[elf], key)
    outer = base64.b64encode(inner)
    base = img["png-rgb16.png"]
    data = base + outer
    xor_layer = {
        "type": "xor", "offset": 0, "length": len(inner), "sha256": _sha256(inner), "truncated": False,
        "region": "base64", "via": "base64", "metadata": {"key": "33", "keyLength": 1}, "labels": ["encoded"],
        "children": [child(elf, "xor:33")],
    }
    c.add_file("payload/png-iend-base64-xor-elf.png", "png",
               "hand-made PowerPC64 ELF XOR'd with 0x33, then base64-encoded, after IEND (two layers)",
               data, len(base),
               [wrapper("base64", data, len(base), len(outer), "overlay", [xor_layer], {"encodedLength": len(outer)})])
