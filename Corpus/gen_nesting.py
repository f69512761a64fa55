"""Corpus cases for nesting and its limits: a gzip inside a ZIP inside a JPEG overlay, a
reversed-base64 PE in a PNG text chunk, a base64 picture in XMP (a legitimate look-alike),
gzip nested ten deep (stops at the depth limit) and a gzip bomb (stops at the ratio limit).

Called from generate.py after the other generators, whose files and helpers it reuses.
Expected findings nest as `children` with offsets in the unpacked or decoded stream; a
file's expected `limits` name the limits its scan must report.
"""
from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add_cases(c, img: dict, archives, jpeg_seg, jpeg_insert, png_chunk, png_insert_before_iend) -> None:
    """Adds the nesting files to corpus `c`; `archives` is gen_archives (ZIP/gzip builders)."""
    elf_name = "min-x86_64-sht-mid"
    elf = c.elf_bytes[elf_name]

    def elf_child(via: str) -> dict:
        found = c.finding(elf_name, 0, via, elf)
        found["via"] = via
        return found

    def node(kind: str, data: bytes, offset: int, length: int, region: str, metadata: dict, labels: list,
             via: str | None = None, children: list | None = None) -> dict:
        found = {"type": kind, "offset": offset, "length": length, "sha256": _sha256(data[offset:offset + length]),
                 "truncated": False, "region": region, "metadata": metadata, "labels": labels}
        if via is not None:
            found["via"] = via
        if children is not None:
            found["children"] = children
        return found

    # gzip inside a ZIP inside a JPEG overlay.
    inner = archives.gzip_member(elf, "inner.elf")
    zipped = archives.zip_archive([("inner.elf.gz", inner, zipfile.ZIP_STORED)])
    base = img["jpeg-grayscale.jpg"]
    data = base + zipped
    gz = node("gzip", inner, 0, len(inner), "zip:inner.elf.gz", {"originalName": "inner.elf", "isize": len(elf)},
              ["compressed"], via="zip:inner.elf.gz", children=[elf_child("gzip")])
    c.add_file("payload/jpeg-eoi-zip-gzip-elf.jpg", "jpeg",
               "hand-made x86-64 ELF, gzipped, stored in a ZIP appended after the EOI (two unpacking layers)",
               data, len(base),
               [node("zip", data, len(base), len(zipped), "overlay", {"entries": 1, "encrypted": False}, ["archive"],
                     children=[gz])])

    # reversed base64 of the MinGW PE in a PNG tEXt chunk.
    pe_file = next(f for f in c.files if f["path"] == "payload/jpeg-eoi-pe-x86_64.jpg")
    pe_finding = pe_file["findings"][0]
    pe = (Path(__file__).resolve().parent / pe_file["path"]).read_bytes()[pe_finding["offset"]:pe_finding["offset"] + pe_finding["length"]]
    encoded = base64.b64encode(pe)[::-1]
    data, pos = png_insert_before_iend(img["png-grayscale.png"], png_chunk(b"tEXt", b"Comment\0" + encoded))
    start = pos + 8 + len(b"Comment\0")
    pe_child = node("pe", pe, 0, len(pe), "base64-reversed", {"class": "PE32+", "machine": "x86-64"}, ["executable"],
                    via="base64-reversed")
    c.add_file("payload/png-text-reversed-base64-pe.png", "png",
               "MinGW x86-64 PE as reversed base64 in a tEXt 'Comment' chunk", data, len(data),
               [node("base64", data, start, len(encoded), "chunk:tEXt", {"encodedLength": len(encoded)}, ["encoded"],
                     children=[pe_child])])

    # A base64 thumbnail in XMP (xmpGImg:image): a declared picture, benign.
    thumb = img["part-exif-thumb.jpg"]
    thumb_b64 = base64.b64encode(thumb)
    xmp = (b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
           b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
           b"xmlns:xmp='http://ns.adobe.com/xap/1.0/' xmlns:xmpGImg='http://ns.adobe.com/xap/1.0/g/img/'>"
           b"<xmp:Thumbnails><rdf:Alt><rdf:li rdf:parseType='Resource'><xmpGImg:format>JPEG</xmpGImg:format>"
           b"<xmpGImg:image>" + thumb_b64 + b"</xmpGImg:image></rdf:li></rdf:Alt></xmp:Thumbnails>"
           b"</rdf:Description></rdf:RDF></x:xmpmeta>")
    data, pos = jpeg_insert(img["jpeg-optimized.jpg"], jpeg_seg(0xE1, xmp))
    start = pos + 4 + xmp.index(thumb_b64)
    picture = node("jpeg", thumb, 0, len(thumb), "base64", {}, [], via="base64")
    c.add_file("lookalike/jpeg-xmp-base64-thumbnail.jpg", "jpeg",
               "JPEG whose XMP packet carries a base64 JPEG thumbnail (xmpGImg:image): a declared picture, "
               "reported as a nested image and judged benign-extra", data, len(data),
               [node("base64", data, start, len(thumb_b64), "segment:APP1:XMP", {"encodedLength": len(thumb_b64)},
                     ["encoded"], children=[picture])], verdict="benign-extra")

    # gzip nested ten deep: the scan stops unpacking at the depth limit (8).
    layers = [elf]
    for depth in range(10):
        layers.append(archives.gzip_member(layers[-1], f"layer{depth}"))
    base = img["png-rgb.png"]
    data = base + layers[-1]

    def chain(level: int, depth: int) -> dict:
        """The expected finding for gzip layer `level` (10 = outermost), found `depth` deep;
        unpacking stops at depth 8, whose finding has no children."""
        payload = layers[level]
        if depth == 0:
            found = node("gzip", data, len(base), len(payload), "overlay", {"originalName": f"layer{level - 1}"},
                         ["compressed"])
        else:
            found = node("gzip", payload, 0, len(payload), "gzip", {"originalName": f"layer{level - 1}"},
                         ["compressed"], via="gzip")
        if depth < 8:
            found["children"] = [chain(level - 1, depth + 1)] if level > 1 else [elf_child("gzip")]
        else:
            found["children"] = []
        return found

    c.add_file("payload/png-iend-gzip-10-deep.png", "png",
               "hand-made x86-64 ELF gzipped ten times after IEND: unpacking stops at the depth limit (8), "
               "which the report names", data, len(base), [chain(10, 0)], limits=["max-depth"])

    # A gzip bomb: 4 MiB of zeros (about 1020:1) after EOI stops at the ratio limit (1000:1).
    zeros = archives.gzip_member(bytes(4 << 20), "zeros.bin")
    base = img["jpeg-baseline.jpg"]
    data = base + zeros
    c.add_file("payload/jpeg-eoi-gzip-bomb.jpg", "jpeg",
               "gzip of 4 MiB of zeros (ratio over 1000:1) after the EOI: unpacking stops at the ratio limit",
               data, len(base),
               [node("gzip", data, len(base), len(zeros), "overlay", {"originalName": "zeros.bin", "isize": 4 << 20},
                     ["compressed"], children=[])], limits=["max-ratio"])


def add_split_cases(c, img: dict, jpeg_seg, jpeg_insert, png_chunk, png_insert_before_iend) -> None:
    """A payload split over consecutive segments or chunks of one kind: carved whole from
    the joined stream (offsets count within it; `fileRanges` list the pieces)."""
    elf_name = "payload-mips"
    elf = c.elf_bytes[elf_name]

    # Three consecutive COM segments.
    thirds = [elf[:2000], elf[2000:4000], elf[4000:]]
    segments = b"".join(jpeg_seg(0xFE, piece) for piece in thirds)
    data, pos = jpeg_insert(img["jpeg-cmyk.jpg"], segments)
    ranges, cursor = [], pos
    for piece in thirds:
        ranges.append({"offset": cursor + 4, "length": len(piece)})
        cursor += 4 + len(piece)
    found = c.finding(elf_name, 0, "joined:segment:COM", elf)
    found["fileRanges"] = ranges
    c.add_file("payload/jpeg-com-split-elf.jpg", "jpeg",
               "MIPS miner-like ELF split over three consecutive COM segments: carved whole from the joined "
               "segment data", data, len(data), [found])

    # Two consecutive private PNG chunks.
    elf_name = "min-aarch64-pht-last"
    elf = c.elf_bytes[elf_name]
    halves = [elf[:300], elf[300:]]
    chunks = b"".join(png_chunk(b"spLt", half) for half in halves)
    data, pos = png_insert_before_iend(img["png-rgb.png"], chunks)
    ranges = [{"offset": pos + 8, "length": len(halves[0])},
              {"offset": pos + 12 + len(halves[0]) + 8, "length": len(halves[1])}]
    found = c.finding(elf_name, 0, "joined:chunk:spLt", elf)
    found["fileRanges"] = ranges
    c.add_file("payload/png-chunks-split-elf.png", "png",
               "hand-made AArch64 ELF split over two consecutive private 'spLt' chunks: carved whole from the "
               "joined chunk data", data, len(data), [found])
