"""Corpus cases for payloads in a PNG's own image data: bytes after the end of the IDAT zlib
stream (inside the last IDAT chunk, or in extra IDAT chunks as IDAT loaders write them, with
the C6 A5 79 EA marker and an in-band XOR key), and an ELF written into the pixel rows of an
absurdly shaped one-row picture, visible only in the inflated scanlines.

Called from generate.py. Expected: the trailing bytes are the `idat-trailing` region and an
`idat-trailing-data` anomaly; the ELF in the pixel rows is a finding of the `scanlines`
stream (`via` = `inflate:IDAT`, offset within the inflated scanlines).

Also the zlib streams of metadata chunks: a real ICC profile in `iCCP` (clean), a PHP block
in compressed `zTXt` text and an ELF posing as the `iCCP` profile (found in the inflated
stream, `via` = `inflate:<chunk>`; the fake profile is an `icc-invalid` anomaly).
"""
from __future__ import annotations

import hashlib
import zlib


def _xor(data: bytes, key: bytes) -> bytes:
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk of a well-formed PNG."""
    out, pos = [], 8
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        ctype = png[pos + 4:pos + 8]
        out.append((ctype, png[pos + 8:pos + 8 + length]))
        pos += 12 + length
        if ctype == b"IEND":
            break
    return out


def add_cases(c, img: dict, png_chunk, icc_profile, tiff_ifd, jpeg_thumbnail: bytes) -> None:
    """Adds the PNG image-data files to corpus `c` (generate.py's Corpus)."""
    signature = b"\x89PNG\r\n\x1a\n"

    def rebuild(chunks: list[tuple[bytes, bytes]]) -> tuple[bytes, list[int]]:
        """The PNG of `chunks` and each chunk's data offset."""
        data, offsets = bytearray(signature), []
        for ctype, body in chunks:
            offsets.append(len(data) + 8)
            data += png_chunk(ctype, body)
        return bytes(data), offsets

    # 1. An ELF after the end of the zlib stream, inside the last IDAT chunk.
    elf = "payload-aarch64"
    chunks = _chunks(img["png-rgb.png"])
    last_idat = max(i for i, (t, _) in enumerate(chunks) if t == b"IDAT")
    stream_tail = len(chunks[last_idat][1])
    chunks[last_idat] = (b"IDAT", chunks[last_idat][1] + c.elf_bytes[elf])
    data, offsets = rebuild(chunks)
    at = offsets[last_idat] + stream_tail
    c.add_file("payload/png-idat-trailing-elf.png", "png",
               "AArch64 miner-like ELF appended to the last IDAT chunk's data, after the end of "
               "the zlib stream: the image still decodes", data, len(data),
               [c.finding(elf, at, "idat-trailing", data)], anomalies=["idat-trailing-data"])

    # 2. IDAT-loader style: an extra IDAT chunk after the image's own stream, holding the
    #    marker, a 4-byte key and the XOR'd ELF.
    elf = "min-x86_64-sht-mid"
    key = bytes.fromhex("5e17c0de")
    body = bytes.fromhex("c6a579ea") + key + _xor(c.elf_bytes[elf], key)
    chunks = _chunks(img["png-grayscale.png"])
    last_idat = max(i for i, (t, _) in enumerate(chunks) if t == b"IDAT")
    chunks.insert(last_idat + 1, (b"IDAT", body))
    data, offsets = rebuild(chunks)
    at = offsets[last_idat + 1]
    child = c.finding(elf, 0, "xor:5e17c0de", c.elf_bytes[elf])
    child["via"] = "xor:5e17c0de"
    c.add_file("payload/png-idat-loader-xor-elf.png", "png",
               "IDAT-loader style: an extra IDAT chunk after the image's zlib stream holds the "
               "marker C6 A5 79 EA, a 4-byte key and the x86-64 ELF XOR'd with it", data, len(data),
               [{"type": "xor", "offset": at, "length": len(body),
                 "sha256": hashlib.sha256(body).hexdigest(), "truncated": False, "region": "idat-trailing",
                 "metadata": {"key": key.hex(), "keyLength": 4, "marker": "IDAT loader"},
                 "labels": ["encoded"], "children": [child]}],
               anomalies=["idat-trailing-data"])

    # 3. An ELF as the pixel bytes of a one-row 8-bit grayscale picture (filter 0): the file
    #    holds only its deflated form; the inflated scanline is the filter byte and the ELF.
    elf = "hello-x86_64-stripped"
    program = c.elf_bytes[elf]
    ihdr = len(program).to_bytes(4, "big") + (1).to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    scanline = b"\x00" + program
    data, _ = rebuild([(b"IHDR", ihdr), (b"IDAT", zlib.compress(scanline, 9)), (b"IEND", b"")])
    finding = c.finding(elf, 1, "scanlines", scanline)
    finding["via"] = "inflate:IDAT"
    c.add_file("payload/png-scanlines-elf.png", "png",
               f"an x86-64 ELF as the pixels of a {len(program)}x1 grayscale picture: only the "
               "inflated scanlines show it", data, len(data), [finding])

    # 4. Compressed metadata chunks, inserted before the first IDAT.
    def with_chunk(base: bytes, ctype: bytes, body: bytes) -> tuple[bytes, int]:
        chunks = _chunks(base)
        first_idat = min(i for i, (t, _) in enumerate(chunks) if t == b"IDAT")
        chunks.insert(first_idat, (ctype, body))
        data, offsets = rebuild(chunks)
        return data, offsets[first_idat]

    profile = icc_profile()
    data, _ = with_chunk(img["png-rgb.png"], b"iCCP", b"sRGB-like\0\0" + zlib.compress(profile, 9))
    c.add_file("clean/png-iccp.png", "png",
               "RGB PNG with a real ICC profile (made by generate.py) in its iCCP chunk", data, len(data), [])

    php = (b"<?php /* StegCarve corpus: inert webshell-shaped text, never served */ "
           b"echo 'compressed text chunk'; ?>")
    text = b"Comment\0\0" + zlib.compress(php, 9)
    data, at = with_chunk(img["png-rgba.png"], b"zTXt", text)
    c.add_file("payload/png-ztxt-script-php.png", "png",
               "PHP block as the compressed text of a zTXt 'Comment' chunk: only inflating shows it",
               data, len(data),
               [{"type": "script", "offset": 0, "length": len(php), "sha256": hashlib.sha256(php).hexdigest(),
                 "truncated": False, "region": "chunk:zTXt", "via": "inflate:zTXt",
                 "metadata": {"language": "php"}, "labels": ["script"]}])

    elf = "min-ppc64-be"
    data, at = with_chunk(img["png-rgb16.png"], b"iCCP", b"ICC Profile\0\0" + zlib.compress(c.elf_bytes[elf], 9))
    finding = c.finding(elf, 0, "chunk:iCCP", c.elf_bytes[elf])
    finding["via"] = "inflate:iCCP"
    c.add_file("payload/png-iccp-elf.png", "png",
               "big-endian PowerPC64 ELF compressed as the 'profile' of an iCCP chunk: no ICC header",
               data, len(data), [finding], anomalies=["icc-invalid"])

    # 5. An ELF as the pixel values of an RGB picture saved with the Sub filter on every row:
    #    neither the file nor the inflated scanlines hold its bytes, only the decoded pixels.
    elf = "payload-mips"
    program = c.elf_bytes[elf]
    width = 64
    row_bytes = width * 3
    height = -(-len(program) // row_bytes)
    pixels = program + bytes(height * row_bytes - len(program))
    rows = []
    for y in range(height):
        raw = pixels[y * row_bytes:(y + 1) * row_bytes]
        rows.append(b"\x01" + bytes((raw[i] - (raw[i - 3] if i >= 3 else 0)) & 0xFF for i in range(row_bytes)))
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    data, _ = rebuild([(b"IHDR", ihdr), (b"IDAT", zlib.compress(b"".join(rows), 9)), (b"IEND", b"")])
    finding = c.finding(elf, 0, "pixels", pixels)
    finding["via"] = "decode:png"
    c.add_file("payload/png-pixels-elf.png", "png",
               f"a MIPS ELF as the pixel values of a {width}x{height} RGB picture whose rows use the Sub "
               "filter: only the decoded pixels (libpng) show it", data, len(data), [finding])

    # 6. Look-alikes that stay clean: APNG frames and an eXIf chunk with a thumbnail.
    def frame(width: int, height: int, shade: int) -> bytes:
        rows = b"".join(b"\x00" + bytes(((x * 7 + y * 3 + shade) & 0xFF) for x in range(width * 3))
                        for y in range(height))
        return zlib.compress(rows, 9)

    def fctl(sequence: int, width: int, height: int) -> bytes:
        return (sequence.to_bytes(4, "big") + width.to_bytes(4, "big") + height.to_bytes(4, "big")
                + bytes(8) + (1).to_bytes(2, "big") + (10).to_bytes(2, "big") + bytes([0, 0]))

    ihdr = (32).to_bytes(4, "big") + (24).to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    data, _ = rebuild([
        (b"IHDR", ihdr), (b"acTL", (2).to_bytes(4, "big") + bytes(4)),
        (b"fcTL", fctl(0, 32, 24)), (b"IDAT", frame(32, 24, 0)),
        (b"fcTL", fctl(1, 32, 24)), (b"fdAT", (2).to_bytes(4, "big") + frame(32, 24, 90)),
        (b"IEND", b""),
    ])
    c.add_file("clean/png-apng.png", "png",
               "two-frame animated PNG (acTL, fcTL, IDAT, fcTL, fdAT): the second frame's zlib stream "
               "is the picture's own", data, len(data), [])

    tiff = b"II*\0" + (8).to_bytes(4, "little")
    ifd0 = [(0x010F, "ASCII", "StegCarve"), (0x0110, "ASCII", "Corpus Camera")]
    ifd0_size = len(tiff_ifd("<", 8, ifd0, 0))
    ifd1_at = 8 + ifd0_size
    ifd1_entries = lambda at: [(0x0201, "LONG", [at]), (0x0202, "LONG", [len(jpeg_thumbnail)])]
    ifd1_size = len(tiff_ifd("<", ifd1_at, ifd1_entries(0), 0))
    thumb_at = ifd1_at + ifd1_size
    exif = (tiff + tiff_ifd("<", 8, ifd0, ifd1_at) + tiff_ifd("<", ifd1_at, ifd1_entries(thumb_at), 0)
            + jpeg_thumbnail)
    chunks = _chunks(img["png-rgb.png"])
    chunks.insert(1, (b"eXIf", exif))
    data, _ = rebuild(chunks)
    c.add_file("clean/png-exif-thumbnail.png", "png",
               "RGB PNG with an eXIf chunk: IFD0 (Make, Model) and IFD1 pointing at a JPEG thumbnail",
               data, len(data), [])
