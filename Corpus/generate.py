#!/usr/bin/env python3
"""Regenerate the StegCarve test corpus (Corpus/clean, Corpus/payload, Corpus/elf,
Corpus/manifest.json) deterministically.

Requirements (Debian 12; Python 3.11 standard library only, no Pillow):

    apt-get install -y gcc libjpeg-dev libpng-dev gcc-aarch64-linux-gnu \
        gcc-i686-linux-gnu gcc-mips-linux-gnu gcc-powerpc64-linux-gnu

  gcc + libjpeg-dev (libjpeg62-turbo) + libpng-dev  build src/mkimages.c
  gcc, <arch>-linux-gnu-gcc                         build src/payload.c, src/hello.c
  readelf, file (binutils, file)                    fill the "elves" metadata

For `--check` additionally:

    apt-get install -y libjpeg-turbo-progs pngcheck

Usage:

    python3 Corpus/generate.py            # rebuild everything
    python3 Corpus/generate.py --check    # rebuild, then decode/validate every output

The script fails loudly (non-zero exit, message on stderr) when a tool is missing
or any self-check fails. Scratch files go to Corpus/.work/ (gitignored), which is
wiped on every run; Corpus/clean, Corpus/payload and Corpus/elf are wiped and
rewritten too. Running it twice gives byte-identical outputs (the compilers run
with fixed flags, SOURCE_DATE_EPOCH, a clean environment, relative source names
and -ffile-prefix-map; everything else is assembled here from fixed inputs).

Every number in manifest.json is computed here from the bytes that were written,
so the manifest is an oracle independent of the Swift code under test. See
Corpus/README.md for the layout and the manifest schema.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import gen_archives
import gen_containers
import gen_encodings
import gen_pixeldata
import gen_executables
import gen_lookalikes
import gen_nesting

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
WORK = HERE / ".work"
BUILD = WORK / "build"
IMG = WORK / "img"
OUT_DIRS = ("clean", "payload", "lookalike", "elf")

SOURCE_DATE_EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
APT_HINT = (
    "apt-get install -y gcc libjpeg-dev libpng-dev gcc-aarch64-linux-gnu "
    "gcc-i686-linux-gnu gcc-mips-linux-gnu gcc-powerpc64-linux-gnu"
)

# ELF builds of src/payload.c and src/hello.c:
#   name -> (compiler, source, extra link flags, labels, description)
ELF_BUILDS = {
    "payload-x86_64": ("gcc", "payload.c", [], ["cryptominer"],
                       "src/payload.c, native gcc, x86-64 PIE, dynamic, not stripped"),
    "payload-aarch64": ("aarch64-linux-gnu-gcc", "payload.c", [], ["cryptominer"],
                        "src/payload.c, aarch64-linux-gnu-gcc, dynamic, not stripped"),
    "payload-i686": ("i686-linux-gnu-gcc", "payload.c", [], ["cryptominer"],
                     "src/payload.c, i686-linux-gnu-gcc (ELF32 little endian), dynamic, not stripped"),
    "payload-mips": ("mips-linux-gnu-gcc", "payload.c", [], ["cryptominer"],
                     "src/payload.c, mips-linux-gnu-gcc (ELF32 big endian), dynamic, not stripped"),
    "payload-ppc64": ("powerpc64-linux-gnu-gcc", "payload.c", [], ["cryptominer"],
                      "src/payload.c, powerpc64-linux-gnu-gcc (ELF64 big endian, ELFv1), dynamic, not stripped"),
    "hello-x86_64-stripped": ("gcc", "hello.c", ["-s"], [],
                              "src/hello.c, native gcc, x86-64 PIE, dynamic, stripped (-s)"),
    "hello-x86_64-static": ("gcc", "hello.c", ["-static"], [],
                            "src/hello.c, native gcc -static (non-PIE), not stripped; contains "
                            "the bytes 7f 45 4c 46 at several places inside (glibc's own ELF checks)"),
}
STATIC_LIMIT = 1 << 20  # skip the static build if it is not smaller than 1 MiB

READELF_MACHINES = {
    "Advanced Micro Devices X86-64": "x86-64",
    "AArch64": "AArch64",
    "Intel 80386": "x86",
    "MIPS R3000": "MIPS",
    "PowerPC64": "PowerPC64",
    "PowerPC": "PowerPC",
    "ARM": "ARM",
}


def die(msg: str) -> "NoReturn":  # type: ignore[name-defined]
    print(f"generate.py: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def sha256(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def clean_env() -> dict:
    return {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "LC_ALL": "C",
        "LANG": "C",
        "TZ": "UTC",
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
    }


def run(cmd: list, cwd: Path | None = None, what: str = "") -> str:
    try:
        p = subprocess.run(cmd, cwd=cwd, env=clean_env(), capture_output=True, text=True)
    except FileNotFoundError:
        die(f"tool not found: {cmd[0]} ({what or 'needed'}); install with: {APT_HINT}")
    if p.returncode != 0:
        die(f"command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stdout}{p.stderr}")
    return p.stdout


def require_tools(tools: list[str], hint: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        die(f"missing tools: {', '.join(missing)}; install with: {hint}")


def junk(n: int, seed: str) -> bytes:
    """Deterministic pseudo-random bytes (SHA-256 in counter mode) with no ELF magic."""
    out = bytearray()
    ctr = 0
    while len(out) < n:
        out += hashlib.sha256(f"{seed}:{ctr}".encode()).digest()
        ctr += 1
    b = bytes(out[:n])
    if b"\x7fELF" in b:
        die(f"junk stream {seed} happens to contain ELF magic; pick another seed")
    return b


# --------------------------------------------------------------------- JPEG

def jpeg_seg(marker: int, payload: bytes) -> bytes:
    if len(payload) + 2 > 0xFFFF:
        die(f"JPEG segment FF{marker:02X} payload too large: {len(payload)} > 65533")
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_header_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, offset, total length) of the marker segments between SOI and SOS."""
    if data[:2] != b"\xff\xd8":
        die("not a JPEG (no SOI)")
    segs = []
    i = 2
    while True:
        if data[i] != 0xFF:
            die(f"JPEG: expected marker at {i}")
        m = data[i + 1]
        (ln,) = struct.unpack(">H", data[i + 2:i + 4])
        segs.append((m, i, ln + 2))
        if m == 0xDA:
            return segs
        i += ln + 2


def jpeg_strip_app0(data: bytes) -> bytes:
    segs = jpeg_header_segments(data)
    m, off, ln = segs[0]
    if m == 0xE0 and data[off + 4:off + 9] == b"JFIF\0":
        return data[:off] + data[off + ln:]
    return data


def jpeg_insert(data: bytes, segments: bytes) -> tuple[bytes, int]:
    """Insert segments after SOI and a leading APP0 (JFIF), if any. Returns (new, insert offset)."""
    segs = jpeg_header_segments(data)
    pos = 2
    if segs[0][0] == 0xE0:
        pos = segs[0][1] + segs[0][2]
    return data[:pos] + segments + data[pos:], pos


def jpeg_picture_end(data: bytes, start: int = 0) -> int:
    """Walk one JPEG from SOI at `start` to one past its EOI (independent structural check)."""
    if data[start:start + 2] != b"\xff\xd8":
        die(f"JPEG: no SOI at {start}")
    i = start + 2
    while True:
        if data[i] != 0xFF:
            die(f"JPEG: expected a marker at {i}")
        while data[i] == 0xFF:
            i += 1
        m = data[i]
        i += 1
        if m == 0xD9:
            return i
        if 0xD0 <= m <= 0xD7 or m == 0x01:
            continue
        (ln,) = struct.unpack(">H", data[i:i + 2])
        i += ln
        if m == 0xDA:  # entropy-coded data follows
            while True:
                j = data.index(b"\xff", i)
                n = data[j + 1]
                if n == 0x00 or 0xD0 <= n <= 0xD7:
                    i = j + 2
                elif n == 0xFF:
                    i = j + 1
                else:
                    i = j
                    break


# ---------------------------------------------------------------------- PNG

PNG_SIG = b"\x89PNG\r\n\x1a\n"


def png_chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, offset, total length) of every chunk; verifies CRCs; stops after IEND."""
    if data[:8] != PNG_SIG:
        die("not a PNG")
    out = []
    i = 8
    while True:
        (ln,) = struct.unpack(">I", data[i:i + 4])
        ctype = data[i + 4:i + 8]
        body = data[i + 8:i + 8 + ln]
        (crc,) = struct.unpack(">I", data[i + 8 + ln:i + 12 + ln])
        if crc != zlib.crc32(ctype + body):
            die(f"PNG: bad CRC in {ctype!r} at {i}")
        out.append((ctype, i, ln + 12))
        i += ln + 12
        if ctype == b"IEND":
            return out


def png_end(data: bytes) -> int:
    t, off, ln = png_chunks(data)[-1]
    return off + ln


def png_insert_before_iend(data: bytes, chunk: bytes) -> tuple[bytes, int]:
    t, off, ln = png_chunks(data)[-1]
    assert t == b"IEND"
    return data[:off] + chunk + data[off:], off


# --------------------------------------------------------------------- TIFF

TIFF_TYPES = {"BYTE": (1, 1), "ASCII": (2, 1), "SHORT": (3, 2), "LONG": (4, 4),
              "RATIONAL": (5, 8), "UNDEFINED": (7, 1)}


def tiff_value(bo: str, typ: str, value) -> tuple[int, int, bytes]:
    code, size = TIFF_TYPES[typ]
    if typ == "ASCII":
        raw = value.encode("ascii") + b"\0"
    elif typ in ("BYTE", "UNDEFINED"):
        raw = bytes(value)
    elif typ == "SHORT":
        raw = b"".join(struct.pack(bo + "H", v) for v in value)
    elif typ == "LONG":
        raw = b"".join(struct.pack(bo + "I", v) for v in value)
    elif typ == "RATIONAL":
        raw = b"".join(struct.pack(bo + "II", n, d) for n, d in value)
    else:
        raise ValueError(typ)
    return code, len(raw) // size, raw


def tiff_ifd(bo: str, offset: int, entries: list, next_ifd: int) -> bytes:
    """An IFD placed at `offset` (relative to the TIFF header), with its out-of-line
    values right after it. entries: (tag, type, value), sorted by tag."""
    tags = [e[0] for e in entries]
    if tags != sorted(tags) or len(set(tags)) != len(tags):
        die("TIFF: IFD tags must be unique and ascending")
    head = struct.pack(bo + "H", len(entries))
    values = b""
    value_base = offset + 2 + 12 * len(entries) + 4
    for tag, typ, value in entries:
        code, count, raw = tiff_value(bo, typ, value)
        if len(raw) <= 4:
            field = raw.ljust(4, b"\0")
        else:
            field = struct.pack(bo + "I", value_base + len(values))
            values += raw
            if len(values) % 2:
                values += b"\0"
        head += struct.pack(bo + "HHI", tag, code, count) + field
    return head + struct.pack(bo + "I", next_ifd) + values


def tiff_ifd_size(entries: list) -> int:
    return len(tiff_ifd("<", 0, entries, 0))


# ----------------------------------------------------------------- metadata

def build_exif_jpeg(main: bytes, thumb: bytes) -> tuple[bytes, dict]:
    """Camera-style JPEG: SOI, APP1 Exif (IFD0 -> Exif IFD, IFD1 -> thumbnail JPEG), ..."""
    bo = "<"
    thumb = jpeg_strip_app0(thumb)
    ifd0 = [
        (0x010F, "ASCII", "StegCarve"),
        (0x0110, "ASCII", "Corpus Camera 1"),
        (0x0112, "SHORT", [1]),
        (0x011A, "RATIONAL", [(72, 1)]),
        (0x011B, "RATIONAL", [(72, 1)]),
        (0x0128, "SHORT", [2]),
        (0x0131, "ASCII", "StegCarve Corpus/generate.py"),
        (0x0213, "SHORT", [1]),
        (0x8769, "LONG", [0]),  # ExifIFDPointer, patched below
    ]
    exif = [
        (0x9000, "UNDEFINED", b"0232"),
        (0x9101, "UNDEFINED", b"\x01\x02\x03\x00"),
        (0xA000, "UNDEFINED", b"0100"),
        (0xA001, "SHORT", [1]),
        (0xA002, "LONG", [160]),
        (0xA003, "LONG", [120]),
    ]
    ifd1 = [
        (0x0103, "SHORT", [6]),
        (0x011A, "RATIONAL", [(72, 1)]),
        (0x011B, "RATIONAL", [(72, 1)]),
        (0x0128, "SHORT", [2]),
        (0x0201, "LONG", [0]),  # JPEGInterchangeFormat, patched below
        (0x0202, "LONG", [len(thumb)]),
    ]
    off_ifd0 = 8
    off_exif = off_ifd0 + tiff_ifd_size(ifd0)
    off_ifd1 = off_exif + tiff_ifd_size(exif)
    off_thumb = off_ifd1 + tiff_ifd_size(ifd1)
    ifd0[-1] = (0x8769, "LONG", [off_exif])
    ifd1[4] = (0x0201, "LONG", [off_thumb])
    tiff = (b"II*\0" + struct.pack("<I", off_ifd0)
            + tiff_ifd(bo, off_ifd0, ifd0, off_ifd1)
            + tiff_ifd(bo, off_exif, exif, 0)
            + tiff_ifd(bo, off_ifd1, ifd1, 0))
    assert len(tiff) == off_thumb
    tiff += thumb
    app1 = jpeg_seg(0xE1, b"Exif\0\0" + tiff)
    body = jpeg_strip_app0(main)
    out, pos = jpeg_insert(body, app1)
    tiff_start = pos + 4 + 6
    thumb_abs = tiff_start + off_thumb
    assert out[thumb_abs:thumb_abs + len(thumb)] == thumb
    assert jpeg_picture_end(out, thumb_abs) == thumb_abs + len(thumb)
    embedded = [{"kind": "exif-thumbnail", "offset": thumb_abs, "length": len(thumb)}]
    return out, {"embedded": embedded}


def s15f16(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def icc_profile() -> bytes:
    """A small but complete ICC v4.3 RGB display profile (sRGB-like primaries,
    gamma 2.2), with a correct declared size and profile ID (MD5)."""
    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + s15f16(x) + s15f16(y) + s15f16(z)

    def mluc(text):
        s = text.encode("utf-16-be")
        return b"mluc\0\0\0\0" + struct.pack(">II", 1, 12) + b"enUS" + struct.pack(">II", len(s), 28) + s

    curv = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233)  # gamma 2.2 (u8Fixed8)
    chad = b"sf32\0\0\0\0" + b"".join(s15f16(v) for v in (
        1.0479, 0.0229, -0.0502, 0.0296, 0.9904, -0.0171, -0.0093, 0.0151, 0.7519))
    tags = [
        (b"desc", mluc("StegCarve corpus RGB")),
        (b"cprt", mluc("No copyright, test data")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"chad", chad),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curv),
        (b"gTRC", curv),  # shares rTRC's data
        (b"bTRC", curv),  # shares rTRC's data
    ]
    table = b""
    data = b""
    base = 128 + 4 + 12 * len(tags)
    placed: dict[bytes, int] = {}
    for sig, blob in tags:
        if blob not in placed:
            placed[blob] = base + len(data)
            data += blob
            data += b"\0" * (-len(data) % 4)
        table += sig + struct.pack(">II", placed[blob], len(blob))
    size = base + len(data)
    header = (struct.pack(">I", size) + b"\0\0\0\0" + struct.pack(">I", 0x04300000)
              + b"mntr" + b"RGB " + b"XYZ " + struct.pack(">6H", 2023, 11, 14, 22, 13, 20)
              + b"acsp" + b"\0\0\0\0" + struct.pack(">I", 0) + b"\0\0\0\0" + b"\0\0\0\0"
              + b"\0" * 8 + struct.pack(">I", 0) + s15f16(0.9642) + s15f16(1.0) + s15f16(0.8249)
              + b"StCv" + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    prof = bytearray(header + struct.pack(">I", len(tags)) + table + data)
    assert len(prof) == size and size % 4 == 0
    prof[84:100] = hashlib.md5(bytes(prof)).digest()  # flags/intent/ID are zero already
    return bytes(prof)


XMP_PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmp:CreatorTool="StegCarve Corpus/generate.py"
    xmp:CreateDate="2023-11-14T22:13:20Z">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">StegCarve test picture</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Synthetic gradient; metadata only, no payload.</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def build_meta_jpeg(main: bytes) -> tuple[bytes, dict]:
    """SOI, APP0 JFIF, APP1 XMP, APP2 ICC_PROFILE (1 of 1), COM, ..."""
    xmp_hdr = b"http://ns.adobe.com/xap/1.0/\0"
    prof = icc_profile()
    com = b"StegCarve corpus: a plain comment segment.\0"
    app1 = jpeg_seg(0xE1, xmp_hdr + XMP_PACKET)
    app2 = jpeg_seg(0xE2, b"ICC_PROFILE\0" + bytes([1, 1]) + prof)
    cseg = jpeg_seg(0xFE, com)
    out, pos = jpeg_insert(main, app1 + app2 + cseg)
    xmp_off = pos + 4 + len(xmp_hdr)
    icc_off = pos + len(app1) + 4 + 14
    assert out[icc_off + 36:icc_off + 40] == b"acsp"
    assert struct.unpack(">I", out[icc_off:icc_off + 4])[0] == len(prof)
    embedded = [
        {"kind": "xmp", "offset": xmp_off, "length": len(XMP_PACKET)},
        {"kind": "icc-profile", "offset": icc_off, "length": len(prof)},
    ]
    return out, {"embedded": embedded}


# ---------------------------------------------------------------------- MPO

def mpf_segment(bo: str, entries: list[tuple[int, int, int, int, int]]) -> bytes:
    """APP2 'MPF\\0' + TIFF header + MP Index IFD (MPFVersion, NumberOfImages,
    MPEntry) whose next-IFD link points to the first image's MP Attribute IFD
    (MPFVersion, MPIndividualNum). entries: (attribute, size, offset, dep1, dep2)."""
    n = len(entries)
    mp_entry = b"".join(struct.pack(bo + "IIIHH", *e) for e in entries)
    index = [
        (0xB000, "UNDEFINED", b"0100"),
        (0xB001, "LONG", [n]),
        (0xB002, "UNDEFINED", mp_entry),
    ]
    attr = [
        (0xB000, "UNDEFINED", b"0100"),
        (0xB101, "LONG", [1]),
    ]
    off_index = 8
    off_attr = off_index + tiff_ifd_size(index)
    hdr = (b"II*\0" if bo == "<" else b"MM\0*") + struct.pack(bo + "I", off_index)
    tiff = hdr + tiff_ifd(bo, off_index, index, off_attr) + tiff_ifd(bo, off_attr, attr, 0)
    return jpeg_seg(0xE2, b"MPF\0" + tiff)


def build_mpo(parts: list[bytes], bo: str, attrs: list[int]) -> tuple[bytes, dict]:
    """First JPEG gets an APP2 MPF segment after its APP0; the other JPEGs follow
    its EOI directly. MP entry offsets are relative to the MPF TIFF header; the
    first entry has offset 0 and its size includes the MPF segment itself."""
    n = len(parts)
    dummy = mpf_segment(bo, [(0, 0, 0, 0, 0)] * n)
    first, pos = jpeg_insert(parts[0], dummy)
    tiff_start = pos + 4 + 4
    starts = [0]
    for p in [first] + parts[1:-1]:
        starts.append(starts[-1] + len(p))
    sizes = [len(first)] + [len(p) for p in parts[1:]]
    entries = []
    for k in range(n):
        off = 0 if k == 0 else starts[k] - tiff_start
        entries.append((attrs[k], sizes[k], off, 0, 0))
    seg = mpf_segment(bo, entries)
    assert len(seg) == len(dummy)
    first, pos2 = jpeg_insert(parts[0], seg)
    assert pos2 == pos
    out = first + b"".join(parts[1:])
    # independent check: every entry lands on a complete JPEG, and they tile the file
    embedded = []
    for k, (attr, size, off, _, _) in enumerate(entries):
        a = 0 if k == 0 else tiff_start + off
        if out[a:a + 2] != b"\xff\xd8" or jpeg_picture_end(out, a) != a + size:
            die(f"MPO: entry {k} does not delimit a JPEG")
        embedded.append({"kind": "mpo-picture", "offset": a, "length": size})
    assert embedded[-1]["offset"] + embedded[-1]["length"] == len(out)
    return out, {"embedded": embedded, "pictures": n}


# ---------------------------------------------------------------------- ELF

def elf_true_size(b: bytes) -> int:
    """max(end of ELF header, end of PHT, end of SHT, every segment's
    p_offset+p_filesz, every non-NOBITS section's sh_offset+sh_size)."""
    if b[:4] != b"\x7fELF" or b[4] not in (1, 2) or b[5] not in (1, 2):
        raise ValueError("not an ELF")
    is64 = b[4] == 2
    bo = "<" if b[5] == 1 else ">"
    if is64:
        (_, _, _, _, phoff, shoff, _, ehsize, phentsize, phnum, shentsize, shnum, _) = \
            struct.unpack_from(bo + "HHIQQQIHHHHHH", b, 16)
    else:
        (_, _, _, _, phoff, shoff, _, ehsize, phentsize, phnum, shentsize, shnum, _) = \
            struct.unpack_from(bo + "HHIIIIIHHHHHH", b, 16)
    end = ehsize
    if phnum:
        end = max(end, phoff + phnum * phentsize)
        for k in range(phnum):
            o = phoff + k * phentsize
            if is64:
                _, _, p_off, _, _, p_filesz, _, _ = struct.unpack_from(bo + "IIQQQQQQ", b, o)
            else:
                _, p_off, _, _, p_filesz, _, _, _ = struct.unpack_from(bo + "IIIIIIII", b, o)
            if p_filesz:
                end = max(end, p_off + p_filesz)
    if shoff:
        fmt = bo + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII")
        if shnum == 0:  # extended numbering: count in section 0's sh_size
            shnum = struct.unpack_from(fmt, b, shoff)[5]
        end = max(end, shoff + shnum * shentsize)
        for k in range(shnum):
            _, sh_type, _, _, sh_off, sh_size, *_ = struct.unpack_from(fmt, b, shoff + k * shentsize)
            if sh_type not in (0, 8) and sh_size:
                end = max(end, sh_off + sh_size)
    return end


def compile_elves() -> dict[str, Path]:
    """Build src/payload.c and src/hello.c reproducibly into .work/build."""
    BUILD.mkdir(parents=True)
    for f in ("payload.c", "hello.c"):
        shutil.copyfile(SRC / f, BUILD / f)
    built = {}
    for name, (cc, src, ldextra, _, _) in ELF_BUILDS.items():
        cflags = ["-O2", "-g0", f"-ffile-prefix-map={BUILD}=.", f"-frandom-seed={name}"]
        run([cc, *cflags, "-c", src, "-o", f"{name}.o"], cwd=BUILD, what=cc)
        run([cc, f"{name}.o", "-o", name, "-Wl,--build-id=sha1", *ldextra], cwd=BUILD, what=cc)
        out = BUILD / name
        if name.endswith("-static") and out.stat().st_size >= STATIC_LIMIT:
            print(f"  skipping {name}: {out.stat().st_size} bytes >= 1 MiB", file=sys.stderr)
            continue
        built[name] = out
    return built


# ------------------------------------------------------- minimal hand-made ELFs

EM = {"x86-64": 62, "AArch64": 183, "ARM": 40, "MIPS": 8, "PowerPC64": 21}
EXIT_CODE = {  # exit(0) via a raw system call, per architecture
    "x86-64": bytes.fromhex("b83c000000" "31ff" "0f05"),
    "AArch64": struct.pack("<3I", 0xD2800000, 0xD2800BA8, 0xD4000001),
    "ARM": struct.pack("<3I", 0xE3A00000, 0xE3A07001, 0xEF000000),
    "MIPS": struct.pack(">4I", 0x24040000, 0x24020FA1, 0x0000000C, 0),
    "PowerPC64": struct.pack(">3I", 0x38600000, 0x38000001, 0x44000002),
}


def build_min_elf(name: str, cls: int, endian: str, machine: str, e_flags: int, layout: str) -> bytes:
    """A minimal static ELF executable: ELF header, PHT (PT_LOAD + PT_GNU_STACK),
    .text/.rodata/.comment/.bss(NOBITS)/.shstrtab and a section header table.
    layout:
      normal        EH PHT .text .rodata .comment .shstrtab SHT
      sht-mid       EH PHT .text .rodata .shstrtab SHT .comment   (a section past the SHT)
      seg-past-sht  EH PHT .text .rodata .comment .shstrtab SHT tail (2nd PT_LOAD past the SHT,
                    covering bytes that belong to no section)
      pht-last      EH .text .rodata .comment .shstrtab SHT PHT   (the PHT is the last thing)
    .bss is NOBITS with sh_offset+sh_size far beyond the file, to trap size calculations."""
    is64 = cls == 64
    bo = "<" if endian == "little" else ">"
    ehsize, phentsize, shentsize = (64, 56, 64) if is64 else (52, 32, 40)
    base = 0x400000
    word = 8 if is64 else 4
    code = EXIT_CODE[machine]
    rodata = f"StegCarve minimal ELF {name}: benign, exits with status 0.\0".encode()
    comment = b"StegCarve Corpus/generate.py (hand-assembled)\0"
    tail = b"segment-only bytes past the section header table\0".ljust(64, b"\0")
    bss_size = 0x2000
    names = [b"", b".text", b".rodata", b".comment", b".bss", b".shstrtab"]
    shstrtab = b""
    name_off = {}
    for n in names:
        name_off[n] = len(shstrtab)
        shstrtab += n + b"\0"
    nph = 3 if layout == "seg-past-sht" else 2
    nsh = len(names)

    buf = bytearray(ehsize)
    pos: dict[str, int] = {}

    def place(key: str, blob_len: int, align: int) -> int:
        while len(buf) % align:
            buf.append(0)
        pos[key] = len(buf)
        buf.extend(b"\0" * blob_len)
        return pos[key]

    def put(key: str, blob: bytes, align: int) -> None:
        o = place(key, len(blob), align)
        buf[o:o + len(blob)] = blob

    if layout != "pht-last":
        place("pht", nph * phentsize, word)
    put(".text", code, 16)
    put(".rodata", rodata, 8)
    load_end = len(buf)
    bss_off = (load_end + 15) & ~15
    if layout != "sht-mid":
        put(".comment", comment, 1)
    put(".shstrtab", shstrtab, 1)
    place("sht", nsh * shentsize, word)
    if layout == "sht-mid":
        put(".comment", comment, 1)
    if layout == "seg-past-sht":
        put("tail", tail, 16)
    if layout == "pht-last":
        place("pht", nph * phentsize, word)

    entry = base + pos[".text"]

    def phdr(p_type, flags, off, vaddr, filesz, memsz, align):
        if is64:
            return struct.pack(bo + "IIQQQQQQ", p_type, flags, off, vaddr, vaddr, filesz, memsz, align)
        return struct.pack(bo + "IIIIIIII", p_type, off, vaddr, vaddr, filesz, memsz, flags, align)

    phs = [phdr(1, 7, 0, base, load_end, bss_off + bss_size, 0x1000)]  # PT_LOAD RWX
    if layout == "seg-past-sht":
        phs.append(phdr(1, 4, pos["tail"], base + 0x100000 + pos["tail"], len(tail), len(tail), 0x1000))
    phs.append(phdr(0x6474E551, 6, 0, 0, 0, 0, 16))  # PT_GNU_STACK RW
    pht = b"".join(phs)
    buf[pos["pht"]:pos["pht"] + len(pht)] = pht

    def shdr(nm, sh_type, flags, addr, off, size, link, info, align, entsize):
        fmt = bo + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII")
        return struct.pack(fmt, name_off[nm], sh_type, flags, addr, off, size, link, info, align, entsize)

    shs = [
        shdr(b"", 0, 0, 0, 0, 0, 0, 0, 0, 0),
        shdr(b".text", 1, 0x6, base + pos[".text"], pos[".text"], len(code), 0, 0, 16, 0),
        shdr(b".rodata", 1, 0x2, base + pos[".rodata"], pos[".rodata"], len(rodata), 0, 0, 8, 0),
        shdr(b".comment", 1, 0x30, 0, pos[".comment"], len(comment), 0, 0, 1, 1),
        shdr(b".bss", 8, 0x3, base + bss_off, bss_off, bss_size, 0, 0, 16, 0),
        shdr(b".shstrtab", 3, 0, 0, pos[".shstrtab"], len(shstrtab), 0, 0, 1, 0),
    ]
    sht = b"".join(shs)
    buf[pos["sht"]:pos["sht"] + len(sht)] = sht

    ident = b"\x7fELF" + bytes([2 if is64 else 1, 1 if endian == "little" else 2, 1, 0, 0]) + b"\0" * 7
    if is64:
        eh = struct.pack(bo + "16sHHIQQQIHHHHHH", ident, 2, EM[machine], 1, entry, pos["pht"],
                         pos["sht"], e_flags, ehsize, phentsize, nph, shentsize, nsh, nsh - 1)
    else:
        eh = struct.pack(bo + "16sHHIIIIIHHHHHH", ident, 2, EM[machine], 1, entry, pos["pht"],
                         pos["sht"], e_flags, ehsize, phentsize, nph, shentsize, nsh, nsh - 1)
    buf[0:ehsize] = eh
    out = bytes(buf)
    if elf_true_size(out) != len(out):
        die(f"{name}: true size {elf_true_size(out)} != built size {len(out)}")
    sht_end = pos["sht"] + nsh * shentsize
    if layout in ("sht-mid", "seg-past-sht", "pht-last") and sht_end >= len(out):
        die(f"{name}: the SHT was supposed not to be last")
    return out


MIN_ELVES = {
    # name: (class, endian, machine, e_flags, layout, description)
    "min-x86_64-sht-mid": (64, "little", "x86-64", 0, "sht-mid",
                           "hand-made ELF64 LE x86-64 (runs, exits 0); .comment data lies AFTER the "
                           "section header table"),
    "min-aarch64-pht-last": (64, "little", "AArch64", 0, "pht-last",
                             "hand-made ELF64 LE AArch64; the program header table is the last thing "
                             "in the file"),
    "min-ppc64-be": (64, "big", "PowerPC64", 0, "normal",
                     "hand-made ELF64 BE PowerPC64, conventional layout (SHT last)"),
    "min-arm-le": (32, "little", "ARM", 0x05000200, "normal",
                   "hand-made ELF32 LE ARM (EABI5), conventional layout (SHT last)"),
    "min-mips-seg-past-sht": (32, "big", "MIPS", 0x50001001, "seg-past-sht",
                              "hand-made ELF32 BE MIPS; a second PT_LOAD covers 64 bytes AFTER the "
                              "section header table that belong to no section"),
}


# ------------------------------------------------------------ ELF metadata

def elf_metadata(path: Path) -> dict:
    """Metadata from readelf (-h -l -d -n -S) and file(1); they must agree."""
    h = run(["readelf", "-h", "-W", str(path)], what="readelf")
    l = run(["readelf", "-l", "-W", str(path)], what="readelf")
    d = run(["readelf", "-d", "-W", str(path)], what="readelf")
    n = run(["readelf", "-n", "-W", str(path)], what="readelf")
    s = run(["readelf", "-S", "-W", str(path)], what="readelf")
    f = run(["file", "-b", str(path)], what="file")

    def field(label: str) -> str:
        m = re.search(rf"^\s*{re.escape(label)}:\s*(.*?)\s*$", h, re.M)
        if not m:
            die(f"readelf -h {path}: no '{label}'")
        return m.group(1)

    cls = {"ELF64": 64, "ELF32": 32}[field("Class")]
    endian = "little" if "little endian" in field("Data") else "big"
    mname = field("Machine")
    if mname not in READELF_MACHINES:
        die(f"unknown readelf machine {mname!r} in {path}")
    etype = field("Type").split()[0]
    entry = int(field("Entry point address"), 16)
    m = re.search(r"\[Requesting program interpreter: (.*?)\]", l)
    interp = m.group(1) if m else None
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.*?)\]", d)
    m = re.search(r"Build ID: ([0-9a-f]+)", n)
    build_id = m.group(1) if m else None
    has_symtab = re.search(r"\]\s+\.symtab\s", s) is not None
    static = interp is None and not needed
    stripped = not has_symtab
    # cross-check with file(1)
    if ("statically linked" in f) != static or ("dynamically linked" in f) == static:
        die(f"file(1) and readelf disagree on static linking for {path}: {f}")
    if (", stripped" in f) != stripped:
        die(f"file(1) and readelf disagree on stripping for {path}: {f}")
    if build_id and build_id not in f:
        die(f"file(1) does not show build id {build_id} for {path}")
    # the true size a second way, from readelf's view of the headers
    def num(label: str) -> int:
        return int(field(label).split()[0])

    rsize = num("Size of this header")
    if num("Number of program headers"):
        rsize = max(rsize, num("Start of program headers")
                    + num("Number of program headers") * num("Size of program headers"))
    if num("Start of section headers"):
        rsize = max(rsize, num("Start of section headers")
                    + num("Number of section headers") * num("Size of section headers"))
    for m in re.finditer(r"^\s+[A-Z_]\S*\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+"
                         r"0x([0-9a-f]+)\s+0x[0-9a-f]+", l, re.M):
        if int(m.group(2), 16):
            rsize = max(rsize, int(m.group(1), 16) + int(m.group(2), 16))
    for m in re.finditer(r"^\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)\s", s, re.M):
        if int(m.group(1)) == 0 or m.group(3) == "NOBITS":
            continue
        rsize = max(rsize, int(m.group(4), 16) + int(m.group(5), 16))
    # cross-check with the Python parser and the file size
    data = path.read_bytes()
    tsize = elf_true_size(data)
    if not (tsize == rsize == len(data)):
        die(f"{path}: true ELF size {tsize} (python) / {rsize} (readelf) != file size {len(data)}")
    if int(field("Start of section headers").split()[0]) != struct.unpack_from(
            ("<" if endian == "little" else ">") + ("Q" if cls == 64 else "I"), data,
            40 if cls == 64 else 32)[0]:
        die(f"{path}: e_shoff mismatch with readelf")
    return {
        "class": cls, "endian": endian, "machine": READELF_MACHINES[mname], "type": etype,
        "interpreter": interp, "static": static, "stripped": stripped, "needed": needed,
        "buildID": build_id, "entry": entry,
    }


# ---------------------------------------------------------------- main

def expected_elf_labels(source_labels: list) -> list:
    """Label names StegCarve must give an ELF finding: every valid ELF is an executable;
    the miner-like payload.c builds also reference a pool, wallet and miner names (the
    cryptominer rule) and a URL and IP address (network indicators)."""
    labels = ["executable"]
    if "cryptominer" in source_labels:
        labels += ["cryptominer", "network-indicators"]
    return labels


class Corpus:
    def __init__(self) -> None:
        self.files: list[dict] = []
        self.elves: dict[str, dict] = {}   # name -> manifest entry (+ private keys)
        self.elf_bytes: dict[str, bytes] = {}

    def write(self, rel: str, data: bytes) -> None:
        p = HERE / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        # Never an execute bit in the corpus, ELFs included: nothing here is meant to run
        # by accident. `--check` runs the native builds from an executable scratch copy.
        p.chmod(0o644)

    def finding(self, elf: str, offset: int, region: str, data: bytes, truncated_to: int | None = None) -> dict:
        meta = self.elves[elf]
        full = self.elf_bytes[elf]
        length = len(full) if truncated_to is None else truncated_to
        if data[offset:offset + length] != full[:length]:
            die(f"finding {elf} at {offset}: bytes do not match")
        return {
            "type": "elf", "offset": offset, "length": length,
            "sha256": sha256(data[offset:offset + length]),
            "truncated": truncated_to is not None,
            "region": region,
            # Type-specific metadata the scanner must report (a subset of its metadata).
            "metadata": {"class": meta["class"], "endian": meta["endian"], "machine": meta["machine"]},
            # The exact set of label names expected on the finding.
            "labels": expected_elf_labels(meta["labels"]),
        }

    def add_file(self, rel: str, fmt: str, description: str, data: bytes, image_end: int,
                 findings: list, pictures: int = 1, embedded: list | None = None,
                 decoy_at: int | None = None, limits: list | None = None, verdict: str | None = None,
                 anomalies: list | None = None) -> None:
        # structural cross-checks of image_end
        if fmt == "jpeg":
            end = 0
            for _ in range(pictures):
                end = jpeg_picture_end(data, end)
            if end != image_end:
                die(f"{rel}: imageEnd {image_end} != structural end {end}")
        else:
            if png_end(data) != image_end:
                die(f"{rel}: imageEnd {image_end} != IEND end {png_end(data)}")
        overlay = None if image_end == len(data) else {"offset": image_end, "length": len(data) - image_end}
        clean = rel.startswith("clean/")
        if clean and (findings or overlay):
            die(f"{rel}: clean files have no findings and no overlay")
        # every ELF magic in the file must be explained
        # (a finding in a joined stream spans its file ranges, from the first to the last)
        spans = [(f["fileRanges"][0]["offset"], f["fileRanges"][-1]["offset"] + f["fileRanges"][-1]["length"])
                 if f.get("fileRanges") else (f["offset"], f["offset"] + f["length"]) for f in findings]
        for m in re.finditer(rb"\x7fELF", data):
            o = m.start()
            if any(o == a for a, _ in spans):
                continue
            if any(a < o < b for a, b in spans):
                die(f"{rel}: ELF magic at {o} nested inside a finding")
            if o == decoy_at:  # the near miss's fake magic, deliberately not a finding
                continue
            die(f"{rel}: unexplained ELF magic at {o}")
        self.write(rel, data)
        self.files.append({
            "path": rel, "format": fmt, "description": description, "clean": clean,
            "imageEnd": image_end, "overlay": overlay, "pictures": pictures,
            "findings": findings, "embedded": embedded or [],
            "size": len(data), "sha256": sha256(data),
            # limits the scan must report (name only), and a verdict when the contents alone
            # do not imply it (a declared look-alike)
            **({"limits": limits} if limits else {}),
            **({"verdict": verdict} if verdict else {}),
            # anomaly codes the scan must report (only where a test needs them)
            **({"anomalies": anomalies} if anomalies else {}),
        })


def main() -> None:
    check = "--check" in sys.argv[1:]
    unknown = [a for a in sys.argv[1:] if a != "--check"]
    if unknown:
        die(f"unknown arguments {unknown}; usage: generate.py [--check]")
    if sys.version_info < (3, 11):
        die("Python 3.11 or newer is required")
    compilers = sorted({v[0] for v in ELF_BUILDS.values()})
    require_tools(compilers + ["readelf", "file"], APT_HINT + " binutils file")

    # fresh scratch and output directories
    if WORK.exists():
        shutil.rmtree(WORK)
    IMG.mkdir(parents=True)
    for d in OUT_DIRS:
        if (HERE / d).exists():
            shutil.rmtree(HERE / d)

    # ---- pictures
    print("building src/mkimages.c (libjpeg + libpng) ...")
    mk = WORK / "mkimages"
    p = subprocess.run(["gcc", "-O2", "-Wall", "-o", str(mk), str(SRC / "mkimages.c"), "-ljpeg", "-lpng"],
                       env=clean_env(), capture_output=True, text=True)
    if p.returncode != 0:
        die("cannot build src/mkimages.c; are libjpeg-dev and libpng-dev installed? "
            f"({APT_HINT})\n{p.stderr}")
    run([str(mk), str(IMG)], what="mkimages")
    img = {f.name: f.read_bytes() for f in sorted(IMG.iterdir())}

    c = Corpus()
    jpeg_desc = {
        "jpeg-baseline.jpg": "baseline sequential JPEG with JFIF APP0 (libjpeg, q85, 4:2:0)",
        "jpeg-progressive.jpg": "progressive JPEG (jpeg_simple_progression), JFIF APP0",
        "jpeg-grayscale.jpg": "single-component grayscale baseline JPEG, JFIF APP0",
        "jpeg-cmyk.jpg": "4-component CMYK JPEG with Adobe APP14 (inverted CMYK), no JFIF",
        "jpeg-restart.jpg": "baseline JPEG with a restart interval of 4 MCUs (DRI + RST0-7 markers)",
        "jpeg-arithmetic.jpg": "arithmetic-coded JPEG (SOF9, DAC), JFIF APP0",
        "jpeg-optimized.jpg": "baseline JPEG with optimized Huffman tables",
    }
    png_desc = {
        "png-rgb.png": "8-bit RGB PNG",
        "png-rgba.png": "8-bit RGBA PNG",
        "png-palette-trns.png": "8-bit palette PNG (64 entries) with tRNS",
        "png-rgb16.png": "16-bit RGB PNG",
        "png-grayscale.png": "8-bit grayscale PNG",
        "png-adam7.png": "8-bit RGB PNG, Adam7 interlaced",
        "png-text-chunks.png": "8-bit RGB PNG with tEXt, zTXt and iTXt chunks before IDAT",
    }
    for name, desc in jpeg_desc.items():
        c.add_file(f"clean/{name}", "jpeg", desc + "; made by src/mkimages.c", img[name], len(img[name]), [])
    for name, desc in png_desc.items():
        c.add_file(f"clean/{name}", "png", desc + "; made by src/mkimages.c", img[name], len(img[name]), [])

    exif, ex = build_exif_jpeg(img["part-exif-main.jpg"], img["part-exif-thumb.jpg"])
    c.add_file("clean/jpeg-exif-thumbnail.jpg", "jpeg",
               "camera-style JPEG: APP1 Exif (little-endian TIFF: IFD0 with Make/Model/... and an Exif "
               "IFD pointer, IFD1 with JPEGInterchangeFormat/Length) embedding a 64x48 thumbnail JPEG; "
               "no JFIF APP0", exif, len(exif), [], embedded=ex["embedded"])
    meta, mx = build_meta_jpeg(img["part-meta-main.jpg"])
    c.add_file("clean/jpeg-xmp-icc-com.jpg", "jpeg",
               "JPEG with JFIF APP0, APP1 XMP packet, APP2 ICC_PROFILE (ICC v4.3 display profile, "
               "'acsp', correct size and MD5 profile ID) and a COM segment", meta, len(meta), [],
               embedded=mx["embedded"])
    mpo2, m2 = build_mpo([img["part-mpo-left.jpg"], img["part-mpo-right.jpg"]], ">",
                         [0x20020002, 0x00020002])
    c.add_file("clean/mpo-stereo-2.mpo", "jpeg",
               "MPO stereo pair: first JPEG carries APP2 MPF (big-endian TIFF, MP Index IFD with "
               "MPFVersion/NumberOfImages/MPEntry, MP Attribute IFD); the second JPEG follows its EOI",
               mpo2, len(mpo2), [], pictures=2, embedded=m2["embedded"])
    mpo3, m3 = build_mpo([img["part-mpo3-primary.jpg"], img["part-mpo3-large1.jpg"],
                          img["part-mpo3-large2.jpg"]], "<", [0x20030000, 0x00010001, 0x00010002])
    c.add_file("clean/mpo-3-pictures.mpo", "jpeg",
               "MPO with 3 pictures: baseline MP primary + large thumbnails class 1 and 2 (the last "
               "one progressive); little-endian MPF", mpo3, len(mpo3), [], pictures=3,
               embedded=m3["embedded"])

    # ---- ELF payloads
    print("compiling src/payload.c and src/hello.c ...")
    built = compile_elves()
    elf_desc = {}
    for name, path in built.items():
        data = path.read_bytes()
        c.elf_bytes[name] = data
        elf_desc[name] = (ELF_BUILDS[name][4], ELF_BUILDS[name][3])
        c.write(f"elf/{name}.elf", data)
    for name, (cls, endian, machine, flags, layout, desc) in MIN_ELVES.items():
        data = build_min_elf(name, cls, endian, machine, flags, layout)
        c.elf_bytes[name] = data
        elf_desc[name] = (desc, [])
        c.write(f"elf/{name}.elf", data)
    for name in c.elf_bytes:
        path = HERE / "elf" / f"{name}.elf"
        meta = elf_metadata(path)
        if name in MIN_ELVES:
            cls, endian, machine = MIN_ELVES[name][:3]
            if (meta["class"], meta["endian"], meta["machine"]) != (cls, endian, machine):
                die(f"{name}: readelf sees {meta}, expected {cls} {endian} {machine}")
        data = c.elf_bytes[name]
        c.elves[name] = {"path": f"elf/{name}.elf", "sha256": sha256(data), "size": len(data),
                         **meta, "labels": elf_desc[name][1], "description": elf_desc[name][0]}

    for req in ("payload-x86_64", "payload-aarch64", "payload-i686", "payload-mips", "payload-ppc64",
                "hello-x86_64-stripped"):
        if req not in c.elf_bytes:
            die(f"{req} was not built")

    # ---- placements
    print("assembling placements ...")

    def overlay(rel, fmt, base, elves, desc, tail=b"", pictures=1):
        data = base
        findings = []
        for e in elves:
            findings.append(c.finding(e, len(data), "overlay", data + c.elf_bytes[e]))
            data += c.elf_bytes[e]
        data += tail
        for e, f in zip(elves, findings):
            assert data[f["offset"]:f["offset"] + f["length"]] == c.elf_bytes[e]
        c.add_file(rel, fmt, desc, data, len(base), findings, pictures=pictures)

    overlay("payload/jpeg-eoi-elf-x86_64.jpg", "jpeg", img["jpeg-baseline.jpg"], ["payload-x86_64"],
            "PostgreSQL-miner case: x86-64 miner-like ELF appended after the EOI of a baseline JPEG")
    overlay("payload/jpeg-eoi-elf-aarch64.jpg", "jpeg", img["jpeg-progressive.jpg"], ["payload-aarch64"],
            "AArch64 miner-like ELF appended after the EOI of a progressive JPEG")
    overlay("payload/jpeg-eoi-elf-mips.jpg", "jpeg", img["jpeg-optimized.jpg"], ["payload-mips"],
            "MIPS (ELF32 BE) miner-like ELF appended after the EOI of an optimized-Huffman JPEG")
    overlay("payload/png-iend-elf-x86_64.png", "png", img["png-rgb.png"], ["payload-x86_64"],
            "XMRig-in-PNG case: x86-64 miner-like ELF appended after IEND's CRC of an RGB PNG")
    overlay("payload/png-iend-elf-ppc64.png", "png", img["png-rgba.png"], ["payload-ppc64"],
            "PowerPC64 (ELF64 BE) miner-like ELF appended after IEND of an RGBA PNG")
    overlay("payload/png-iend-elf-i686.png", "png", img["png-palette-trns.png"], ["payload-i686"],
            "i686 (ELF32 LE) miner-like ELF appended after IEND of a palette PNG")
    overlay("payload/jpeg-eoi-elf-junk.jpg", "jpeg", img["jpeg-restart.jpg"], ["payload-x86_64"],
            "x86-64 ELF followed by 4096 bytes of deterministic pseudo-random junk, after the EOI of "
            "a JPEG with restart markers; the finding must stop at the ELF's true end",
            tail=junk(4096, "jpeg-eoi-elf-junk"))
    overlay("payload/jpeg-eoi-minelf-sht-mid-junk.jpg", "jpeg", img["jpeg-arithmetic.jpg"],
            ["min-x86_64-sht-mid"],
            "hand-made ELF whose .comment section lies after the section header table, then junk, "
            "after an arithmetic-coded JPEG; the ELF's true end is the end of .comment, not of the SHT",
            tail=junk(1000, "jpeg-eoi-minelf-sht-mid-junk"))
    overlay("payload/png-iend-minelf-seg-past-sht-junk.png", "png", img["png-grayscale.png"],
            ["min-mips-seg-past-sht"],
            "hand-made ELF32 BE MIPS whose second PT_LOAD extends past the section header table, "
            "then junk, after a grayscale PNG", tail=junk(777, "png-iend-minelf-seg-past-sht-junk"))
    overlay("payload/png-iend-minelf-pht-last-junk.png", "png", img["png-adam7.png"],
            ["min-aarch64-pht-last"],
            "hand-made ELF64 LE AArch64 whose program header table is last, then junk, after an "
            "Adam7 PNG", tail=junk(500, "png-iend-minelf-pht-last-junk"))
    overlay("payload/jpeg-eoi-two-elves.jpg", "jpeg", img["jpeg-cmyk.jpg"],
            ["payload-x86_64", "hello-x86_64-stripped"],
            "two different ELFs back to back after the EOI of a CMYK JPEG: miner-like x86-64, then "
            "a stripped hello world")
    overlay("payload/png-iend-two-minelves.png", "png", img["png-text-chunks.png"],
            ["min-ppc64-be", "min-arm-le"],
            "two hand-made ELFs back to back (ELF64 BE PowerPC64, ELF32 LE ARM) after IEND of a PNG "
            "with text chunks")
    overlay("payload/mpo-eoi-elf-x86_64.mpo", "jpeg", mpo2, ["payload-x86_64"],
            "x86-64 miner-like ELF appended after the second (last) picture of an MPO stereo pair",
            pictures=2)

    # ELF inside a COM segment (ELF at the start of the segment data)
    e = "payload-x86_64"
    com = jpeg_seg(0xFE, c.elf_bytes[e])
    data, pos = jpeg_insert(img["jpeg-baseline.jpg"], com)
    c.add_file("payload/jpeg-com-elf.jpg", "jpeg",
               "x86-64 miner-like ELF as the whole data of a COM segment (after APP0) of a baseline JPEG",
               data, len(data), [c.finding(e, pos + 4, "segment:COM", data)])

    # ELF inside an APP15 segment, after a 16-byte identifier
    e = "hello-x86_64-stripped"
    ident = b"StegCarve-APP15\0"
    app15 = jpeg_seg(0xEF, ident + c.elf_bytes[e])
    data, pos = jpeg_insert(img["jpeg-grayscale.jpg"], app15)
    c.add_file("payload/jpeg-app15-elf.jpg", "jpeg",
               "stripped hello-world ELF inside an APP15 segment (after a 16-byte identifier "
               "'StegCarve-APP15\\0') of a grayscale JPEG", data, len(data),
               [c.finding(e, pos + 4 + len(ident), "segment:APP15", data)])

    # ELF inside a private ancillary PNG chunk before IEND
    e = "payload-i686"
    data, pos = png_insert_before_iend(img["png-rgb16.png"], png_chunk(b"stEg", c.elf_bytes[e]))
    c.add_file("payload/png-chunk-stEg-elf.png", "png",
               "i686 miner-like ELF as the data of a private ancillary 'stEg' chunk (valid CRC) just "
               "before IEND of a 16-bit RGB PNG", data, len(data),
               [c.finding(e, pos + 8, "chunk:stEg", data)])

    # truncated ELFs: cut so that the section header table lies past EOF
    for rel, fmt, base_name, e, desc in (
        ("payload/jpeg-eoi-elf-truncated.jpg", "jpeg", "jpeg-grayscale.jpg", "payload-x86_64",
         "x86-64 ELF appended after a grayscale JPEG, cut short 100 bytes before its section "
         "header table (SHT and the tail of the last section are past EOF)"),
        ("payload/png-iend-elf-truncated-ppc64.png", "png", "png-grayscale.png", "payload-ppc64",
         "PowerPC64 (BE) ELF appended after a grayscale PNG, cut short 100 bytes before its section "
         "header table"),
    ):
        full = c.elf_bytes[e]
        is64 = full[4] == 2
        bo = "<" if full[5] == 1 else ">"
        shoff = struct.unpack_from(bo + ("Q" if is64 else "I"), full, 40 if is64 else 32)[0]
        cut = shoff - 100
        base = img[base_name]
        data = base + full[:cut]
        c.add_file(rel, fmt, desc, data, len(base),
                   [c.finding(e, len(base), "overlay", data, truncated_to=cut)])

    # near miss: ELF magic followed by an invalid e_ident and garbage
    fake = b"\x7fELF" + bytes([0x03, 0x07, 0x09]) + junk(249, "near-miss")
    base = img["jpeg-baseline.jpg"]
    c.add_file("payload/jpeg-eoi-nearmiss.jpg", "jpeg",
               "near miss: '\\x7fELF' + invalid EI_CLASS/EI_DATA/EI_VERSION (3, 7, 9) + garbage after "
               "the EOI of a baseline JPEG; must NOT be reported as an ELF, but the overlay exists",
               base + fake, len(base), [], decoy_at=len(base))

    # ---- encoded and obfuscated payloads
    gen_encodings.add_cases(c, img, jpeg_seg, jpeg_insert, png_chunk, png_insert_before_iend)

    # ---- other containers
    gen_containers.generate(c, sys.modules[__name__])

    # ---- PE, Mach-O, Java, DEX and script payloads
    gen_executables.generate(c, img, sys.modules[__name__])

    # ---- archives, compressed streams and embedded pictures
    gen_archives.add_archives(c, img, WORK / "archives")

    # ---- nesting, its limits, and a declared look-alike
    gen_nesting.add_cases(c, img, gen_archives, jpeg_seg, jpeg_insert, png_chunk, png_insert_before_iend)
    gen_nesting.add_split_cases(c, img, jpeg_seg, jpeg_insert, png_chunk, png_insert_before_iend)

    # ---- legitimate look-alikes (declared trailers, joined metadata, camera parts) and their lies
    gen_lookalikes.add_cases(c, img, sys.modules[__name__])
    gen_pixeldata.add_cases(c, img, png_chunk, icc_profile, tiff_ifd, img["part-exif-thumb.jpg"])

    # ---- manifest
    files = sorted(c.files, key=lambda f: f["path"])
    elves = sorted(c.elves.values(), key=lambda e: e["path"])
    manifest = {"version": 1, "generator": "Corpus/generate.py", "files": files, "elves": elves}
    c.write("manifest.json", (json.dumps(manifest, indent=2) + "\n").encode())

    total = sum(f.stat().st_size for d in OUT_DIRS for f in (HERE / d).iterdir())
    print(f"wrote {len(files)} pictures, {len(elves)} ELFs, manifest.json ({total} bytes of data)")

    if check:
        run_checks(files, elves)


def run_checks(files: list[dict], elves: list[dict]) -> None:
    """Decode every JPEG picture (including MPO pictures and the EXIF thumbnail) with
    djpeg, validate every PNG with pngcheck, run the native benign ELFs."""
    require_tools(["djpeg", "pngcheck"], "apt-get install -y libjpeg-turbo-progs pngcheck")
    tmp = WORK / "check"
    tmp.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in files:
        if f["format"] not in ("jpeg", "png"):
            continue  # gen_containers.check decodes the other formats
        data = (HERE / f["path"]).read_bytes()
        if f["format"] == "png":
            # pngcheck rejects data after IEND, so it checks the picture part (the overlay,
            # if any, is cut off); a file without overlay is checked as it is.
            part = tmp / "part.png"
            part.write_bytes(data[:f["imageEnd"]])
            run(["pngcheck", "-q", str(part)], what="pngcheck")
            n += 1
            continue
        pieces = [(e["offset"], e["length"]) for e in f["embedded"]
                  if e["kind"] in ("mpo-picture", "exif-thumbnail")] or [(0, f["imageEnd"])]
        if any(e["kind"] == "exif-thumbnail" for e in f["embedded"]):
            pieces.append((0, f["imageEnd"]))
        for off, ln in pieces:
            part = tmp / "part.jpg"
            part.write_bytes(data[off:off + ln])
            p = subprocess.run(["djpeg", "-outfile", os.devnull, str(part)], capture_output=True,
                               text=True, env=clean_env())
            if p.returncode != 0 or p.stderr.strip():
                die(f"djpeg failed on {f['path']} [{off}:{off + ln}]: {p.stderr}")
            n += 1
    print(f"check: {n} pictures decoded / validated")
    for e in elves:
        if e["machine"] == "x86-64":
            runnable = WORK / ("run-" + Path(e["path"]).name)
            shutil.copyfile(HERE / e["path"], runnable)
            runnable.chmod(0o755)
            p = subprocess.run([str(runnable)], capture_output=True, text=True, env=clean_env())
            if p.returncode != 0:
                die(f"{e['path']} exited with {p.returncode}")
            print(f"check: ran {e['path']}: {p.stdout.strip()!r}")


if __name__ == "__main__":
    main()
