"""GIF, BMP, WebP, TIFF/BigTIFF and ICO files for the StegCarve corpus.

Called once from generate.py (`gen_containers.generate(c, gen)` with the Corpus object and
the generate module). Clean pictures come from tools nobody on the StegCarve team wrote
(netpbm `pamtogif`, `ppmtobmp`, `pnmtotiff`, `pnmtopng`; libwebp `cwebp`, `webpmux`) or are
packed field by field here with `struct` from the published layouts (BMP v3/v5, TIFF,
BigTIFF, ICO). Payload placements put the corpus ELFs after each format's end and into
the hiding places each format offers. Every imageEnd below comes from a structural walk
written here in Python, independent of the Swift decoders.

Requirements: apt-get install -y netpbm webp   (--check also uses giftopnm, bmptopnm,
tifftopnm, winicontopam and dwebp from the same packages).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

TOOLS = ["pamtogif", "ppmtobmp", "pnmtotiff", "pnmtopng", "cwebp", "webpmux"]
CHECK_TOOLS = ["giftopnm", "bmptopnm", "tifftopnm", "winicontopam", "dwebp"]
HINT = "apt-get install -y netpbm webp"


# ------------------------------------------------------------------ pixels

def ppm(width: int, height: int, seed: int, levels: int = 6) -> bytes:
    """A binary PPM (P6): gradients quantised to `levels` steps per channel (at most
    levels^3 colours, so it fits a GIF palette) plus a diagonal band."""
    step = 255 // (levels - 1)
    out = bytearray(f"P6\n{width} {height}\n255\n".encode())
    for y in range(height):
        for x in range(width):
            r = (x * (levels - 1) // max(1, width - 1)) * step
            g = (y * (levels - 1) // max(1, height - 1)) * step
            b = (((x + y + seed) // 4) % levels) * step
            if abs(x - y) < 3:
                r, g, b = 255 - r, 255 - g, b
            out += bytes((r, g, b))
    return bytes(out)


def ppm_pixels(data: bytes) -> tuple[int, int, bytes]:
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    assert m
    return int(m.group(1)), int(m.group(2)), data[m.end():]


# ---------------------------------------------------------- structure walks

def gif_walk(data: bytes) -> tuple[int, list]:
    """One past the trailer, and [(kind, label, first-sub-block offset, [(offset, len)])]
    for every extension and image data chain (GIF89a §§17-27)."""
    assert data[:6] in (b"GIF87a", b"GIF89a")
    packed = data[10]
    i = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    blocks = []

    def chain(j: int) -> tuple[int, list]:
        pieces = []
        while data[j]:
            pieces.append((j + 1, data[j]))
            j += 1 + data[j]
        return j + 1, pieces

    while True:
        b = data[i]
        if b == 0x3B:
            return i + 1, blocks
        if b == 0x2C:
            p = data[i + 9]
            i += 10 + (3 << ((p & 7) + 1) if p & 0x80 else 0)
            end, pieces = chain(i + 1)
            blocks.append(("image", None, i, pieces))
            i = end
        elif b == 0x21:
            end, pieces = chain(i + 2)
            blocks.append(("extension", data[i + 1], i, pieces))
            i = end
        else:
            raise ValueError(f"GIF: byte {b:#x} at {i}")


def bmp_end(data: bytes) -> int:
    """max(pixel array end, V5 profile end) for the uncompressed bitmaps built here."""
    off_bits = struct.unpack_from("<I", data, 10)[0]
    hsize, w, h, _, bpp, comp = struct.unpack_from("<IiiHHI", data, 14)
    assert comp in (0, 3)
    end = off_bits + ((w * bpp + 31) // 32 * 4) * abs(h)
    if hsize == 124:
        cstype = data[14 + 56:14 + 60]
        pdata, psize = struct.unpack_from("<II", data, 14 + 112)
        if cstype == b"DEBM" and psize:  # 'MBED' stored little-endian
            end = max(end, 14 + pdata + psize)
    return end


def riff_chunks(data: bytes) -> tuple[int, list]:
    """8 + RIFF size, and [(fourcc, chunk offset, data offset, data length)]."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    end = 8 + struct.unpack_from("<I", data, 4)[0]
    i = 12
    chunks = []
    while i < end:
        fourcc = data[i:i + 4]
        size = struct.unpack_from("<I", data, i + 4)[0]
        chunks.append((fourcc, i, i + 8, size))
        i += 8 + size + (size & 1)
    assert i == end, "chunks do not tile the RIFF body"
    return end, chunks


TIFF_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8}


def tiff_referenced(data: bytes) -> list[tuple[int, int]]:
    """Every (offset, length) the header and IFDs reference: IFDs, out-of-line values,
    strips/tiles, SubIFD/Exif/GPS/Interop IFDs."""
    bo = "<" if data[:2] == b"II" else ">"
    version = struct.unpack_from(bo + "H", data, 2)[0]
    big = version == 43
    csize, esize, osize = (8, 20, 8) if big else (2, 12, 4)
    ofmt, cfmt = ("Q", "Q") if big else ("I", "H")
    first = struct.unpack_from(bo + ofmt, data, 8 if big else 4)[0]
    refs = [(0, 16 if big else 8)]
    queue, seen = [first], set()
    while queue:
        off = queue.pop(0)
        if off == 0 or off in seen:
            continue
        seen.add(off)
        n = struct.unpack_from(bo + cfmt, data, off)[0]
        refs.append((off, csize + n * esize + osize))
        arrays = {}
        for k in range(n):
            e = off + csize + k * esize
            tag, typ = struct.unpack_from(bo + "HH", data, e)
            count = struct.unpack_from(bo + ofmt, data, e + 4)[0]
            nbytes = count * TIFF_SIZES[typ]
            voff = e + 4 + osize
            if nbytes > osize:
                voff = struct.unpack_from(bo + ofmt, data, voff)[0]
                refs.append((voff, nbytes))
            if typ in (3, 4, 13, 16, 18):
                fmt = {3: "H", 4: "I", 13: "I", 16: "Q", 18: "Q"}[typ]
                arrays[tag] = list(struct.unpack_from(bo + fmt * count, data, voff))
        for o_tag, c_tag in ((273, 279), (324, 325), (513, 514)):
            for o, ln in zip(arrays.get(o_tag, []), arrays.get(c_tag, [])):
                if ln:
                    refs.append((o, ln))
        for tag in (330, 34665, 34853, 40965):
            queue += arrays.get(tag, [])
        queue.append(struct.unpack_from(bo + ofmt, data, off + csize + n * esize)[0])
    return refs


def tiff_end(data: bytes) -> int:
    return max(o + n for o, n in tiff_referenced(data))


def ico_end(data: bytes) -> int:
    count = struct.unpack_from("<H", data, 4)[0]
    end = 6 + 16 * count
    for k in range(count):
        size, off = struct.unpack_from("<II", data, 6 + 16 * k + 8)
        end = max(end, off + size)
    return end


# ------------------------------------------------------------------ builders

def gif_animated(frame1: bytes, frame2: bytes, xmp: bytes) -> bytes:
    """GIF89a from two pamtogif outputs: the first file's header, screen descriptor and
    global table; NETSCAPE2.0 looping and `XMP DataXMP` application extensions; a graphic
    control extension before each frame; the second frame with its own palette as a local
    colour table."""
    def parts(g: bytes):
        packed = g[10]
        gct_end = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
        end, blocks = gif_walk(g)
        image = next(b for b in blocks if b[0] == "image")
        desc = image[2] - 10
        assert g[desc] == 0x2C and not g[desc + 9] & 0x80
        return g[:gct_end], packed, g[desc:end - 1]

    head1, _, image1 = parts(frame1)
    head2, packed2, image2 = parts(frame2)
    lct = head2[13:]
    desc2 = bytearray(image2[:10])
    desc2[9] = 0x80 | (packed2 & 7)
    image2 = bytes(desc2) + lct + image2[10:]
    head = b"GIF89a" + head1[6:]
    netscape = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    magic_trailer = b"\x01" + bytes(range(0xFF, -1, -1)) + b"\x00"
    xmp_ext = b"\x21\xff\x0bXMP DataXMP" + xmp + magic_trailer
    gce = b"\x21\xf9\x04\x04\x32\x00\x00\x00"  # dispose: do not; 0.5 s; no transparency
    return head + netscape + xmp_ext + gce + image1 + gce + image2 + b";"


def gif_with_comment(gif: bytes, text: bytes) -> tuple[bytes, int, list]:
    """Inserts a comment extension holding `text` in 255-byte sub-blocks before the first
    image (GIF89a §24); returns the file, the extension offset and the sub-block pieces."""
    assert gif[:6] in (b"GIF87a", b"GIF89a")
    packed = gif[10]
    at = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    ext = bytearray(b"\x21\xfe")
    pieces = []
    for k in range(0, len(text), 255):
        block = text[k:k + 255]
        ext.append(len(block))
        pieces.append((at + len(ext), len(block)))
        ext += block
    ext.append(0)
    return b"GIF89a" + gif[6:at] + bytes(ext) + gif[at:], at, pieces


def bmp_v3(width: int, height: int, rgb: bytes, off_bits: int | None = None, hidden: bytes = b"") -> bytes:
    """24-bit BITMAPINFOHEADER bitmap, bottom-up, rows padded to 4 bytes; `hidden` sits
    between the headers and the pixels, bfOffBits pointing past it."""
    stride = (width * 24 + 31) // 32 * 4
    rows = b""
    for y in reversed(range(height)):
        row = b"".join(rgb[(y * width + x) * 3:(y * width + x) * 3 + 3][::-1] for x in range(width))
        rows += row.ljust(stride, b"\0")
    off = 54 + len(hidden) if off_bits is None else off_bits
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(rows), 2835, 2835, 0, 0)
    size = off + len(rows)
    return b"BM" + struct.pack("<IHHI", size, 0, 0, off) + info + hidden + rows


def bmp_v5(width: int, height: int, rgb: bytes, icc: bytes) -> bytes:
    """32-bit BITMAPV5HEADER bitmap, BI_BITFIELDS with an alpha mask, top-down (negative
    height), with an embedded ICC profile after the pixels (bV5ProfileData counts from the
    start of the V5 header)."""
    rows = b""
    for y in range(height):
        for x in range(width):
            r, g, b = rgb[(y * width + x) * 3:(y * width + x) * 3 + 3]
            rows += bytes((b, g, r, 0xFF))
    off = 14 + 124
    profile_at = off + len(rows)
    header = struct.pack("<IiiHHIIiiII", 124, width, -height, 1, 32, 3, len(rows), 2835, 2835, 0, 0)
    header += struct.pack("<IIII", 0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)
    header += b"MBED"[::-1]  # bV5CSType PROFILE_EMBEDDED, a DWORD 'MBED'
    header += b"\0" * 36 + b"\0" * 12  # endpoints, gamma
    header += struct.pack("<IIII", 4, profile_at - 14, len(icc), 0)  # LCS_GM_IMAGES
    assert len(header) == 124
    size = profile_at + len(icc)
    return b"BM" + struct.pack("<IHHI", size, 0, 0, off) + header + rows + icc


def tiff_file(bo: str, width: int, height: int, samples: int, pixels: bytes, rows_per_strip: int,
              big: bool = False, hidden: bytes = b"", exif: bool = False) -> tuple[bytes, int]:
    """Uncompressed strip TIFF (or BigTIFF): header, `hidden` bytes that nothing references,
    the strips, then IFD0 with its out-of-line values (and an Exif IFD). Returns the file and
    the offset of `hidden`."""
    osize, esize, csize = (8, 20, 8) if big else (4, 12, 2)
    ofmt, cfmt = ("Q", "Q") if big else ("I", "H")
    header_size = 16 if big else 8
    stride = width * samples
    strips = [pixels[k:k + rows_per_strip * stride] for k in range(0, len(pixels), rows_per_strip * stride)]
    hidden_at = header_size
    pos = header_size + len(hidden)
    pos += pos & 1
    strip_offsets = []
    body = hidden + (b"\0" if (header_size + len(hidden)) & 1 else b"")
    for s in strips:
        strip_offsets.append(pos)
        body += s
        pos += len(s)
        if pos & 1:
            body += b"\0"
            pos += 1
    ifd_at = pos
    entries = [
        (256, 3, [width]), (257, 3, [height]), (258, 3, [8] * samples), (259, 3, [1]),
        (262, 3, [2 if samples == 3 else 1]), (270, 2, b"StegCarve corpus TIFF\0"),
        (273, 16 if big else 4, strip_offsets), (277, 3, [samples]), (278, 3, [rows_per_strip]),
        (279, 16 if big else 4, [len(s) for s in strips]), (282, 5, [(72, 1)]), (283, 5, [(72, 1)]),
        (284, 3, [1]), (296, 3, [2]), (305, 2, b"StegCarve Corpus/gen_containers.py\0"),
    ]
    if exif:
        entries.append((34665, 4, [0]))  # patched below
    fmt_of = {3: "H", 4: "I", 16: "Q"}

    def raw(typ, value) -> bytes:
        if typ in (2, 7):
            return value
        if typ == 5:
            return b"".join(struct.pack(bo + "II", n, d) for n, d in value)
        return b"".join(struct.pack(bo + fmt_of[typ], v) for v in value)

    def ifd(at: int, ents: list) -> bytes:
        table = struct.pack(bo + cfmt, len(ents))
        values = b""
        value_at = at + csize + esize * len(ents) + osize
        for tag, typ, value in ents:
            r = raw(typ, value)
            count = len(r) // TIFF_SIZES[typ]
            if len(r) <= osize:
                field = r.ljust(osize, b"\0")
            else:
                values += b"\0" * ((value_at + len(values)) & 1)  # values start on a word boundary
                field = struct.pack(bo + ofmt, value_at + len(values))
                values += r
            table += struct.pack(bo + "HH" + ofmt, tag, typ, count) + field
        return table + struct.pack(bo + ofmt, 0) + values

    exif_entries = [(36864, 7, b"0232"), (40961, 3, [1]), (40962, 4, [width]), (40963, 4, [height])]  # Exif 2.32
    ifd0 = ifd(ifd_at, entries)
    if exif:
        exif_at = ifd_at + len(ifd0) + (len(ifd0) & 1)
        entries[-1] = (34665, 4, [exif_at])
        ifd0 = ifd(ifd_at, entries)
        ifd0 += b"\0" * (len(ifd0) & 1)
        assert exif_at == ifd_at + len(ifd0)
        ifd0 += ifd(exif_at, exif_entries)
    if big:
        head = (b"II" if bo == "<" else b"MM") + struct.pack(bo + "HHHQ", 43, 8, 0, ifd_at)
    else:
        head = (b"II" if bo == "<" else b"MM") + struct.pack(bo + "HI", 42, ifd_at)
    return head + body + ifd0, hidden_at


def ico_file(bmp_size: int, png: bytes, rgb: bytes) -> bytes:
    """ICONDIR with a 32-bit BMP entry (BITMAPINFOHEADER with doubled height, BGRA XOR
    rows bottom-up, 1-bit AND mask) and a PNG entry, in that order."""
    w = h = bmp_size
    xor = b""
    for y in reversed(range(h)):
        for x in range(w):
            r, g, b = rgb[(y * w + x) * 3:(y * w + x) * 3 + 3]
            xor += bytes((b, g, r, 0xFF))
    and_stride = (w + 31) // 32 * 4
    mask = b"\0" * (and_stride * h)
    dib = struct.pack("<IiiHHIIiiII", 40, w, 2 * h, 1, 32, 0, len(xor) + len(mask), 0, 0, 0, 0) + xor + mask
    pw, ph = struct.unpack(">II", png[16:24])
    first = 6 + 16 * 2
    entries = struct.pack("<BBBBHHII", w % 256, h % 256, 0, 0, 1, 32, len(dib), first)
    entries += struct.pack("<BBBBHHII", pw % 256, ph % 256, 0, 0, 1, 32, len(png), first + len(dib))
    return struct.pack("<HHH", 0, 1, 2) + entries + dib + png


# ---------------------------------------------------------------- generation

def tool(gen, cmd: list, stdin: bytes | None = None) -> bytes:
    try:
        p = subprocess.run(cmd, input=stdin, capture_output=True, env=gen.clean_env())
    except FileNotFoundError:
        gen.die(f"tool not found: {cmd[0]}; install with: {HINT}")
    if p.returncode != 0:
        gen.die(f"command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr.decode(errors='replace')}")
    return p.stdout


def add(c, gen, rel: str, fmt: str, desc: str, data: bytes, image_end: int, findings: list,
        pictures: int = 1, header: dict | None = None) -> None:
    """Writes a file and its manifest entry (the shape Corpus.add_file writes)."""
    overlay = None if image_end == len(data) else {"offset": image_end, "length": len(data) - image_end}
    clean = rel.startswith("clean/")
    if clean and (findings or overlay):
        gen.die(f"{rel}: clean files have no findings and no overlay")
    starts = set()
    for f in findings:
        ranges = f.get("fileRanges") or [{"offset": f["offset"], "length": f["length"]}]
        starts.add(ranges[0]["offset"])
    for m in re.finditer(rb"\x7fELF", data):
        if m.start() not in starts:
            gen.die(f"{rel}: unexplained ELF magic at {m.start()}")
    c.write(rel, data)
    entry = {
        "path": rel, "format": fmt, "description": desc, "clean": clean,
        "imageEnd": image_end, "overlay": overlay, "pictures": pictures,
        "findings": findings, "embedded": [], "size": len(data), "sha256": gen.sha256(data),
    }
    if header:
        entry["header"] = header
    c.files.append(entry)


def generate(c, gen) -> None:
    """Adds the clean container pictures and the payload placements to corpus `c`; with
    `--check` on the command line, also decodes every picture part with netpbm/dwebp."""
    first = len(c.files)
    build(c, gen)
    if "--check" in gen.sys.argv[1:]:
        n = check(gen, c.files[first:])
        print(f"check: {n} GIF/BMP/WebP/TIFF/ICO pictures decoded")


def build(c, gen) -> None:
    """Adds the clean container pictures and the payload placements to corpus `c`."""
    gen.require_tools(TOOLS, HINT)
    work = gen.WORK / "containers"
    work.mkdir(parents=True, exist_ok=True)
    elf = c.elf_bytes

    # ---- GIF (netpbm pamtogif)
    src1 = ppm(64, 48, 0)
    src2 = ppm(64, 48, 3)
    gif_plain = tool(gen, ["pamtogif"], src1)
    gif_frame2 = tool(gen, ["pamtogif"], src2)
    gif_comment = tool(gen, ["pamtogif", "-interlace", "-comment", "StegCarve corpus: a GIF comment"], src1)
    gif_anim = gif_animated(gif_plain, gif_frame2, gen.XMP_PACKET)
    for rel, data, desc in (
        ("clean/gif-87a.gif", gif_plain, "64x48 GIF made by netpbm pamtogif (GIF87a, global colour table)"),
        ("clean/gif-comment-interlaced.gif", gif_comment,
         "64x48 interlaced GIF89a with a comment extension, made by pamtogif -interlace -comment"),
        ("clean/gif-animated-xmp.gif", gif_anim,
         "two-frame GIF89a assembled from two pamtogif outputs: NETSCAPE2.0 loop and 'XMP DataXMP' "
         "application extensions, a graphic control extension per frame, frame 2 with a local colour table"),
    ):
        end, _ = gif_walk(data)
        assert end == len(data)
        add(c, gen, rel, "gif", desc, data, end, [], header={"width": 64, "height": 48})

    e = "payload-x86_64"
    data = gif_plain + elf[e]
    add(c, gen, "payload/gif-trailer-elf-x86_64.gif", "gif",
        "x86-64 miner-like ELF appended after the trailer of a pamtogif GIF", data, len(gif_plain),
        [c.finding(e, len(gif_plain), "overlay", data)])

    e = "hello-x86_64-stripped"
    prefix = b"StegCarve corpus: "
    data, ext_at, pieces = gif_with_comment(gif_plain, prefix + elf[e])
    joined = b"".join(data[o:o + n] for o, n in pieces)
    assert joined == prefix + elf[e]
    finding = c.finding(e, len(prefix), "extension:comment", joined)
    # The carver reports the offset within the joined sub-block stream and the file ranges
    # whose concatenation is the ELF: the tail of the first sub-block, then whole ones.
    file_ranges = []
    skip, need = len(prefix), len(elf[e])
    for o, n in pieces:
        take_from = o + min(skip, n)
        skip = max(0, skip - n)
        length = min(o + n - take_from, need)
        if length > 0:
            file_ranges.append({"offset": take_from, "length": length})
            need -= length
    assert b"".join(data[r["offset"]:r["offset"] + r["length"]] for r in file_ranges) == elf[e]
    finding["fileRanges"] = file_ranges
    end, _ = gif_walk(data)
    add(c, gen, "payload/gif-comment-elf-split.gif", "gif",
        f"stripped hello-world ELF inside a comment extension after an 18-byte text prefix, split over "
        f"{len(pieces)} sub-blocks of 255 bytes; offset counts within the joined sub-block data",
        data, end, [finding], header={"width": 64, "height": 48})

    # ---- BMP (netpbm ppmtobmp; v3 and v5 packed here)
    w, h, rgb = ppm_pixels(ppm(61, 40, 1))
    bmp8 = tool(gen, ["ppmtobmp", "-windows", "-bpp", "8"], ppm(64, 48, 2))
    bmp3 = bmp_v3(w, h, rgb)
    bmp5 = bmp_v5(w, h, rgb, gen.icc_profile())
    for rel, data, desc in (
        ("clean/bmp-v3-8bit-ppmtobmp.bmp", bmp8, "64x48 8-bit palette BMP (BITMAPINFOHEADER) made by netpbm ppmtobmp -windows -bpp 8"),
        ("clean/bmp-v3-24bit.bmp", bmp3, "61x40 24-bit BITMAPINFOHEADER BMP, bottom-up, rows padded to 184 bytes"),
        ("clean/bmp-v5-icc.bmp", bmp5,
         "61x40 32-bit BITMAPV5HEADER BMP, BI_BITFIELDS with alpha mask, top-down, embedded ICC profile after the pixels"),
    ):
        end = bmp_end(data)
        if end != len(data) or struct.unpack_from("<I", data, 2)[0] != len(data):
            gen.die(f"{rel}: BMP end {end} / bfSize do not match the file size {len(data)}")
        width, height = struct.unpack_from("<ii", data, 18)
        add(c, gen, rel, "bmp", desc, data, end, [], header={"width": width, "height": abs(height)})

    e = "payload-i686"
    data = bmp3 + elf[e]
    add(c, gen, "payload/bmp-overlay-elf-i686.bmp", "bmp", "i686 ELF appended after a 24-bit BMP (bfSize unchanged)",
        data, len(bmp3), [c.finding(e, len(bmp3), "overlay", data)])
    e = "min-x86_64-sht-mid"
    data = bmp_v3(w, h, rgb, hidden=elf[e])
    assert bmp_end(data) == len(data)
    add(c, gen, "payload/bmp-gap-elf.bmp", "bmp",
        "Witchetty-style: hand-made ELF between the BITMAPINFOHEADER and the pixels; bfOffBits points past it "
        "and bfSize counts it, so the file is consistent and the ELF sits in a gap nothing declares",
        data, len(data), [c.finding(e, 54, "gap", data)])

    # ---- WebP (libwebp cwebp, webpmux)
    (work / "in.ppm").write_bytes(ppm(64, 48, 4))
    (work / "in.icc").write_bytes(gen.icc_profile())
    (work / "in.xmp").write_bytes(gen.XMP_PACKET)
    tool(gen, ["cwebp", "-quiet", "-q", "75", "-metadata", "none", str(work / "in.ppm"), "-o", str(work / "lossy.webp")])
    tool(gen, ["cwebp", "-quiet", "-lossless", "-metadata", "none", str(work / "in.ppm"), "-o", str(work / "lossless.webp")])
    tool(gen, ["webpmux", "-set", "icc", str(work / "in.icc"), str(work / "lossy.webp"), "-o", str(work / "icc.webp")])
    tool(gen, ["webpmux", "-set", "xmp", str(work / "in.xmp"), str(work / "icc.webp"), "-o", str(work / "icc-xmp.webp")])
    lossy = (work / "lossy.webp").read_bytes()
    for rel, name, desc in (
        ("clean/webp-lossy.webp", "lossy.webp", "64x48 lossy WebP (VP8) made by cwebp -q 75 -metadata none"),
        ("clean/webp-lossless.webp", "lossless.webp", "64x48 lossless WebP (VP8L) made by cwebp -lossless -metadata none"),
        ("clean/webp-icc-xmp.webp", "icc-xmp.webp", "the lossy WebP with an ICC profile and XMP added by webpmux (VP8X, ICCP, VP8, XMP)"),
    ):
        data = (work / name).read_bytes()
        end, _ = riff_chunks(data)
        assert end == len(data)
        add(c, gen, rel, "webp", desc, data, end, [], header={"width": 64, "height": 48})

    e = "payload-aarch64"
    data = lossy + elf[e]
    add(c, gen, "payload/webp-overlay-elf-aarch64.webp", "webp", "AArch64 ELF appended after the RIFF size of a lossy WebP",
        data, len(lossy), [c.finding(e, len(lossy), "overlay", data)])
    e = "min-arm-le"
    body = elf[e] + (b"\0" if len(elf[e]) & 1 else b"")
    chunk = b"sTeG" + struct.pack("<I", len(elf[e])) + body
    riff = lossy[:4] + struct.pack("<I", len(lossy) - 8 + len(chunk)) + lossy[8:] + chunk
    end, chunks = riff_chunks(riff)
    assert end == len(riff) and chunks[-1][0] == b"sTeG"
    add(c, gen, "payload/webp-chunk-elf.webp", "webp",
        "hand-made ARM ELF as the data of an unknown 'sTeG' chunk at the end of a lossy WebP (RIFF size updated)",
        riff, end, [c.finding(e, chunks[-1][2], "chunk:sTeG", riff)])

    # ---- TIFF (netpbm pnmtotiff; classic and BigTIFF packed here)
    tif_netpbm = tool(gen, ["pnmtotiff", "-truecolor", "-rowsperstrip", "16"], ppm(64, 48, 5))
    w, h, rgb = ppm_pixels(ppm(40, 30, 6))
    gray = bytes(rgb[k] for k in range(0, len(rgb), 3))
    tif_mm, _ = tiff_file(">", w, h, 3, rgb, 8, exif=True)
    tif_big, _ = tiff_file("<", w, h, 1, gray, 10, big=True)
    for rel, data, desc, size in (
        ("clean/tiff-pnmtotiff.tif", tif_netpbm, "64x48 RGB TIFF made by netpbm pnmtotiff -truecolor -rowsperstrip 16", (64, 48)),
        ("clean/tiff-mm-exif.tif", tif_mm, "40x30 RGB big-endian TIFF, 4 uncompressed strips, IFD0 after the strips, with an Exif IFD", (w, h)),
        ("clean/tiff-bigtiff-gray.tif", tif_big, "40x30 8-bit gray little-endian BigTIFF (version 43), 3 strips, LONG8 strip offsets", (w, h)),
    ):
        end = tiff_end(data)
        if end != len(data):
            gen.die(f"{rel}: last referenced byte {end} != file size {len(data)}")
        add(c, gen, rel, "tiff", desc, data, end, [], header={"width": size[0], "height": size[1]})

    e = "payload-mips"
    data = tif_mm + elf[e]
    add(c, gen, "payload/tiff-overlay-elf-mips.tif", "tiff", "MIPS ELF appended after the last referenced byte of a TIFF",
        data, len(tif_mm), [c.finding(e, len(tif_mm), "overlay", data)])
    e = "min-ppc64-be"
    data, at = tiff_file("<", w, h, 1, gray, 10, big=True, hidden=elf[e])
    assert tiff_end(data) == len(data) and all(not (o <= at < o + n) for o, n in tiff_referenced(data)[1:])
    add(c, gen, "payload/tiff-unreferenced-elf.tif", "tiff",
        "hand-made PowerPC64 ELF between the BigTIFF header and the strips, referenced by no IFD",
        data, len(data), [c.finding(e, at, "gap", data)])

    # ---- ICO (a BMP entry and a netpbm pnmtopng entry)
    png = tool(gen, ["pnmtopng", "-compression", "9"], ppm(48, 48, 7))
    _, _, rgb32 = ppm_pixels(ppm(32, 32, 8))
    ico = ico_file(32, png, rgb32)
    assert ico_end(ico) == len(ico)
    add(c, gen, "clean/ico-bmp-png.ico", "ico",
        "icon with a 32x32 32-bit DIB entry (XOR + AND mask) and a 48x48 PNG entry made by pnmtopng",
        ico, len(ico), [], pictures=2, header={"width": 32, "height": 32})
    e = "min-aarch64-pht-last"
    data = ico + elf[e]
    add(c, gen, "payload/ico-overlay-elf.ico", "ico", "hand-made AArch64 ELF appended after the last image of an icon",
        data, len(ico), [c.finding(e, len(ico), "overlay", data)], pictures=2)


def check(gen, files: list) -> int:
    """Decodes the picture part of every container file with netpbm / dwebp."""
    gen.require_tools(CHECK_TOOLS, HINT)
    tmp = gen.WORK / "containers-check"
    tmp.mkdir(parents=True, exist_ok=True)
    n = 0
    decoders = {"gif": ["giftopnm"], "bmp": ["bmptopnm"], "tiff": ["tifftopnm"], "ico": ["winicontopam", "-allimages"]}
    for f in files:
        if f["format"] not in ("gif", "bmp", "tiff", "ico", "webp"):
            continue
        data = (gen.HERE / f["path"]).read_bytes()[:f["imageEnd"]]
        part = tmp / ("part." + f["format"])
        part.write_bytes(data)
        if f["format"] == "webp":
            tool(gen, ["dwebp", "-quiet", str(part), "-o", str(tmp / "out.png")])
        else:
            tool(gen, decoders[f["format"]] + [str(part)])
        n += 1
    return n
