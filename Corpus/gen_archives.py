"""Archive and compression placements for the StegCarve corpus (called from generate.py).

Every archive or compressed stream is built here with the Python standard library
(zipfile, gzip, bz2, lzma, zlib, tarfile, all with fixed timestamps), the Debian `zstd`
CLI (zstd frames, content checksum on) and the p7zip `7z` CLI (one member with a fixed
mtime, single-threaded, no timestamps stored); RAR 4 and RAR 5 archives and the GIF are
hand-built here, byte by byte, with their CRCs. Each is placed after a JPEG EOI or a PNG
IEND (or, for the polyglot, appended with file-relative ZIP offsets). Expected lengths are
the lengths of the bytes built here, so the manifest stays independent of the Swift code.

Requirements beyond generate.py's: `apt-get install -y zstd p7zip-full`.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import lzma
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import zipfile
import zlib
from pathlib import Path

FIXED_MTIME = 1700000000  # 2023-11-14T22:13:20Z, as generate.py's SOURCE_DATE_EPOCH
ZIP_DATE = (2023, 11, 14, 22, 13, 20)


def die(msg: str) -> None:
    print(f"gen_archives.py: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def sha256(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def text(label: str, repeats: int = 40) -> bytes:
    return (f"StegCarve corpus {label}: benign text, no indicators. " * repeats).encode()


# ------------------------------------------------------------------ builders

def zip_archive(members: list[tuple[str, bytes, int]], comment: bytes = b"", prefix: bytes = b"") -> bytes:
    """A ZIP of (name, data, method) members. With `prefix`, the ZIP is appended to it in
    zipfile's append mode, so directory offsets count from the start of the prefix
    (what `zip -A` makes of a JPEG+ZIP polyglot); the result includes the prefix."""
    buf = io.BytesIO(prefix)
    buf.seek(0, io.SEEK_END)
    with zipfile.ZipFile(buf, "a" if prefix else "w") as zf:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
        zf.comment = comment
    return buf.getvalue()


def gzip_member(data: bytes, name: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=FIXED_MTIME, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def tar_archive(members: list[tuple[str, bytes]]) -> bytes:
    """A POSIX ustar archive (tarfile pads it to a 10240-byte record)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = FIXED_MTIME
            info.mode = 0o644
            info.uid = info.gid = 1000
            info.uname = info.gname = "stegcarve"
            tf.addfile(info, io.BytesIO(data))
    out = buf.getvalue()
    if len(out) % tarfile.RECORDSIZE:
        die("tar output is not a whole record")
    return out


def zstd_frame(data: bytes, work: Path) -> bytes:
    if shutil.which("zstd") is None:
        die("missing tool zstd; install with: apt-get install -y zstd")
    src = work / "zstd-input.txt"
    src.write_bytes(data)
    out = subprocess.run(["zstd", "-19", "-q", "-c", "--check", "--no-progress", str(src)],
                         capture_output=True, check=True).stdout
    if out[:4] != b"\x28\xb5\x2f\xfd" or (out[4] & 0x04) == 0:
        die("zstd did not write a frame with a content checksum")
    return out


def seven_zip(name: str, data: bytes, work: Path) -> bytes:
    if shutil.which("7z") is None:
        die("missing tool 7z; install with: apt-get install -y p7zip-full")
    d = work / "7z"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    member = d / name
    member.write_bytes(data)
    member.chmod(0o644)
    os.utime(member, (FIXED_MTIME, FIXED_MTIME))
    subprocess.run(["7z", "a", "-t7z", "-mx=9", "-mmt=1", "-mtm=off", "-mtc=off", "-mta=off",
                    "archive.7z", name], cwd=d, capture_output=True, check=True,
                   env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"})
    out = (d / "archive.7z").read_bytes()
    # Independent check of the extent rule: 32 + NextHeaderOffset + NextHeaderSize.
    off, size = struct.unpack_from("<QQ", out, 12)
    if 32 + off + size != len(out) or zlib.crc32(out[12:32]) != struct.unpack_from("<I", out, 8)[0]:
        die("7z signature header does not describe the file")
    return out


def rar4(files: list[tuple[str, bytes]]) -> bytes:
    """RAR 1.5-4.x: marker block, main header, stored file blocks, end-of-archive block.
    HEAD_CRC is the low 16 bits of the CRC-32 of the header from HEAD_TYPE on."""
    def block(htype: int, flags: int, body: bytes) -> bytes:
        head = struct.pack("<BHH", htype, flags, 7 + len(body)) + body
        return struct.pack("<H", zlib.crc32(head) & 0xFFFF) + head
    out = b"Rar!\x1a\x07\x00" + block(0x73, 0, b"\0" * 6)
    for name, data in files:
        nb = name.encode()
        body = struct.pack("<IIBIIBBHI", len(data), len(data), 2, zlib.crc32(data), 0x5A210000, 20, 0x30,
                           len(nb), 0x20) + nb
        out += block(0x74, 0x8000, body) + data
    return out + block(0x7B, 0x4000, b"")


def vint(v: int) -> bytes:
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def rar5(files: list[tuple[str, bytes]]) -> bytes:
    """RAR 5.0: signature, main archive header, stored file headers with data areas,
    end-of-archive header. Each header: CRC32, vint size, then type/flags/fields."""
    def header(htype: int, flags: int, fields: bytes, data_size: int | None = None) -> bytes:
        body = vint(htype) + vint(flags) + (vint(data_size) if data_size is not None else b"") + fields
        sized = vint(len(body)) + body
        return struct.pack("<I", zlib.crc32(sized)) + sized
    out = b"Rar!\x1a\x07\x01\x00" + header(1, 0, vint(0))
    for name, data in files:
        nb = name.encode()
        fields = vint(0) + vint(len(data)) + vint(0x20) + vint(0) + vint(0) + vint(len(nb)) + nb
        out += header(2, 0x02, fields, len(data)) + data
    return out + header(5, 0, vint(0))


def gif_picture() -> bytes:
    """GIF89a, 4x4, 4-colour global table, graphic control extension, one LZW image."""
    out = b"GIF89a" + struct.pack("<HHBBB", 4, 4, 0x81, 0, 0)
    out += bytes([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255])
    out += b"\x21\xf9\x04\x00\x00\x00\x00\x00"
    out += b"\x2c" + struct.pack("<HHHHB", 0, 0, 4, 4, 0)
    out += b"\x02\x05\x84\x1d\x81\x7a\x50\x00"  # LZW min code size 2, one 5-byte sub-block
    return out + b"\x3b"


# ------------------------------------------------------------------ manifest

def finding(ftype: str, data: bytes, offset: int, length: int, metadata: dict, labels: list,
            truncated: bool = False, region: str = "overlay", children: list | None = None) -> dict:
    f = {"type": ftype, "offset": offset, "length": length,
         "sha256": sha256(data[offset:offset + length]), "truncated": truncated,
         "region": region, "metadata": metadata, "labels": labels}
    if children is not None:
        f["children"] = children
    return f


def add_archives(c, img: dict, work: Path) -> None:
    """Adds every archive placement to the corpus `c` (generate.py's Corpus)."""
    work.mkdir(parents=True, exist_ok=True)
    elf_name = "payload-x86_64"
    elf = c.elf_bytes[elf_name]
    elf_meta = c.elves[elf_name]

    def place(rel: str, fmt: str, base: bytes, parts: list, desc: str, tail: bytes = b"") -> None:
        """Appends `parts` ((type, bytes, metadata, labels, extra) tuples) after `base`."""
        data = base
        findings = []
        for ftype, blob, meta, labels, extra in parts:
            findings.append((ftype, len(data), len(blob), meta, labels, extra))
            data += blob
        data += tail
        out = [finding(t, data, o, n, m, l, **x) for t, o, n, m, l, x in findings]
        c.add_file(rel, fmt, desc, data, len(base), out)

    # ZIP holding the miner-like ELF (deflated) and a note: the ELF is a child finding of
    # the expanded member, at offset 0 of the decompressed bytes.
    note = text("zip note")
    zipped = zip_archive([(f"{elf_name}.elf", elf, zipfile.ZIP_DEFLATED), ("readme.txt", note, zipfile.ZIP_DEFLATED)])
    child = {"via": f"zip:{elf_name}.elf", "type": "elf", "offset": 0, "length": len(elf), "sha256": sha256(elf),
             "truncated": False, "region": f"zip:{elf_name}.elf",
             "metadata": {"class": elf_meta["class"], "endian": elf_meta["endian"], "machine": elf_meta["machine"]},
             "labels": ["executable", "cryptominer", "network-indicators"]}
    place("payload/jpeg-eoi-zip-elf.jpg", "jpeg", img["jpeg-baseline.jpg"],
          [("zip", zipped, {"entries": 2, "encrypted": False, "zip64": False}, ["archive"], {"children": [child]})],
          "ZIP (deflated payload-x86_64.elf + readme.txt) appended after the EOI of a baseline JPEG; "
          "the ELF inside is a child finding of the expanded member (offsets relative to it)")

    # JPEG+ZIP polyglot: zipfile's append mode writes directory offsets from the file start.
    base = img["jpeg-grayscale.jpg"]
    poly = zip_archive([("notes/a.txt", text("polyglot a"), zipfile.ZIP_DEFLATED),
                        ("notes/b.txt", text("polyglot b", 3), zipfile.ZIP_STORED)],
                       comment=b"StegCarve polyglot comment", prefix=base)
    if poly[:len(base)] != base:
        die("polyglot does not start with the picture")
    place("payload/jpeg-zip-polyglot.jpg", "jpeg", base,
          [("zip", poly[len(base):], {"entries": 2, "encrypted": False, "zip64": False}, ["archive"], {})],
          "JPEG+ZIP polyglot: a ZIP appended with offsets relative to the file start (as `zip -A` "
          "leaves them) and an archive comment; carved from its first local header to the comment's end")

    # A ZIP cut short inside its central directory.
    cut_zip = zip_archive([("cut/one.txt", text("cut one"), zipfile.ZIP_DEFLATED),
                           ("cut/two.txt", text("cut two"), zipfile.ZIP_DEFLATED)])
    cut_at = len(cut_zip) - 40
    base = img["png-palette-trns.png"]
    data = base + cut_zip[:cut_at]
    c.add_file("payload/png-iend-zip-truncated.png", "png",
               "ZIP cut 40 bytes before its end (inside the central directory) after IEND of a palette "
               "PNG: reported truncated", data, len(base),
               [finding("zip", data, len(base), cut_at, {}, ["archive"], truncated=True)])

    # gzip: one member after a JPEG, two members back to back after a PNG.
    g1 = gzip_member(text("gzip one"), "notes.txt")
    place("payload/jpeg-eoi-gzip.jpg", "jpeg", img["jpeg-grayscale.jpg"],
          [("gzip", g1, {"originalName": "notes.txt", "mtime": FIXED_MTIME, "isize": len(text("gzip one"))},
            ["compressed"], {})],
          "gzip member (FNAME notes.txt, fixed MTIME) appended after the EOI of a grayscale JPEG")
    g2 = gzip_member(text("gzip two", 80), "second.txt")
    place("payload/png-iend-gzip-two-members.png", "png", img["png-grayscale.png"],
          [("gzip", g1, {"originalName": "notes.txt", "isize": len(text("gzip one"))}, ["compressed"], {}),
           ("gzip", g2, {"originalName": "second.txt", "isize": len(text("gzip two", 80))}, ["compressed"], {})],
          "two gzip members back to back (a multi-member gzip file) after IEND: one finding per member")

    # bzip2, xz, zstd, zlib.
    place("payload/jpeg-eoi-bzip2.jpg", "jpeg", img["jpeg-grayscale.jpg"],
          [("bzip2", bz2.compress(text("bzip2"), 9), {"blockSize": 900000}, ["compressed"], {})],
          "bzip2 stream (level 9) appended after the EOI of a grayscale JPEG")
    place("payload/png-iend-xz.png", "png", img["png-palette-trns.png"],
          [("xz", lzma.compress(text("xz"), format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=6),
            {"check": "CRC64"}, ["compressed"], {})],
          "xz stream (preset 6, CRC64) appended after IEND of a palette PNG")
    zst = zstd_frame(text("zstd"), work)
    place("payload/jpeg-eoi-zstd.jpg", "jpeg", img["jpeg-grayscale.jpg"],
          [("zstd", zst, {"contentSize": len(text("zstd"))}, ["compressed"], {})],
          "Zstandard frame (zstd -19 --check, content size in the header) after the EOI of a grayscale JPEG")
    place("payload/png-iend-zlib.png", "png", img["png-grayscale.png"],
          [("zlib", zlib.compress(text("zlib"), 9), {"level": "maximum"}, ["compressed"], {})],
          "bare zlib stream (level 9, 78 DA) after IEND of a grayscale PNG")

    # tar, 7z, RAR 4, RAR 5.
    tar = tar_archive([("etc/motd", text("tar motd")), ("var/notes.txt", text("tar notes", 30))])
    place("payload/jpeg-eoi-tar.jpg", "jpeg", img["jpeg-grayscale.jpg"],
          [("tar", tar, {"members": 2, "format": "ustar"}, ["archive"], {})],
          "POSIX ustar archive (2 members, padded by tarfile to a 10240-byte record) after the EOI "
          "of a grayscale JPEG; the extent includes the end blocks and the record padding")
    sz = seven_zip("notes.txt", text("7z notes"), work)
    place("payload/png-iend-7z.png", "png", img["png-palette-trns.png"],
          [("7z", sz, {"version": f"{sz[6]}.{sz[7]}"}, ["archive"], {})],
          "7z archive (p7zip, LZMA2, one member, no timestamps) after IEND of a palette PNG")
    files = [("readme.txt", text("rar readme", 5)), ("data.bin", bytes(range(64)))]
    place("payload/jpeg-eoi-rar4.jpg", "jpeg", img["jpeg-grayscale.jpg"],
          [("rar", rar4(files), {"version": 4, "files": 2}, ["archive"], {})],
          "hand-built RAR 4 archive (marker, main header, 2 stored files, end-of-archive block) "
          "after the EOI of a grayscale JPEG")
    place("payload/png-iend-rar5.png", "png", img["png-grayscale.png"],
          [("rar", rar5(files), {"version": 5, "files": 2}, ["archive"], {})],
          "hand-built RAR 5 archive (main header, 2 stored files, end-of-archive header) after "
          "IEND of a grayscale PNG")

    # Pictures after pictures: not declared by any MPF index, so they are findings.
    thumb = img["part-exif-thumb.jpg"]
    place("payload/jpeg-eoi-jpeg.jpg", "jpeg", img["jpeg-grayscale.jpg"], [("jpeg", thumb, {}, [], {})],
          "a second JPEG (64x48) appended after the EOI of a grayscale JPEG with no MPF index: "
          "an undeclared picture in the overlay")
    place("payload/png-iend-png.png", "png", img["png-palette-trns.png"],
          [("png", img["png-grayscale.png"], {}, [], {})],
          "a grayscale PNG appended after IEND of a palette PNG")
    place("payload/jpeg-eoi-gif.jpg", "jpeg", img["jpeg-grayscale.jpg"], [("gif", gif_picture(), {}, [], {})],
          "a hand-built 4x4 GIF89a appended after the EOI of a grayscale JPEG")

    add_hiding_cases(c, img)


def patched_name(data: bytes, old: bytes, new: bytes) -> bytes:
    """`data` with every occurrence of the member name `old` (local and central headers)
    replaced by `new`, of the same length: names zipfile will not write (NUL bytes) or
    writes as directories (a trailing slash)."""
    if len(old) != len(new) or data.count(old) != 2:
        die(f"zip name {old!r}: expected once in a local and once in the central header")
    return data.replace(old, new)


def add_hiding_cases(c, img: dict) -> None:
    """Archives and bombs built to hide an ELF from a scanner that rejects odd member names
    or lets a bomb's extent swallow what follows (issue 18). `unzip`, `7z` and Python's
    zipfile extract every member here; the ELF must be found inside and carved byte-exact."""
    elf_name = "payload-x86_64"
    elf = c.elf_bytes[elf_name]
    elf_meta = c.elves[elf_name]
    elf_labels = ["executable", "cryptominer", "network-indicators"]
    elf_metadata = {"class": elf_meta["class"], "endian": elf_meta["endian"], "machine": elf_meta["machine"]}
    note = text("zip evasion note", 4)

    def elf_child(via: str) -> dict:
        return {"via": via, "type": "elf", "offset": 0, "length": len(elf), "sha256": sha256(elf),
                "truncated": False, "region": via, "metadata": elf_metadata, "labels": elf_labels}

    def zip_case(rel: str, zipped: bytes, elf_member: str, entries: int, desc: str) -> None:
        base = img["jpeg-baseline.jpg"]
        data = base + zipped
        via = f"zip:{elf_member}"
        c.add_file(rel, "jpeg", desc, data, len(base),
                   [finding("zip", data, len(base), len(zipped), {"entries": entries, "encrypted": False, "zip64": False},
                            ["archive"], children=[elf_child(via)])])

    # An extra member with an empty name.
    zipped = zip_archive([("x", note, zipfile.ZIP_STORED), ("payload.elf", elf, zipfile.ZIP_DEFLATED)])
    zip_case("payload/jpeg-eoi-zip-empty-name.jpg",
             empty_named(zipped, b"x"),
             "payload.elf", 2,
             "ZIP after the EOI whose first member has an empty name (zero name length) and whose second is "
             "the deflated x86-64 ELF: the archive is still parsed and the ELF unpacked")
    # An extra member with a NUL byte in its name.
    zipped = zip_archive([("note.txt", note, zipfile.ZIP_STORED), ("payload.elf", elf, zipfile.ZIP_DEFLATED)])
    zip_case("payload/jpeg-eoi-zip-nul-name.jpg", patched_name(zipped, b"note.txt", b"no\x00e.txt"), "payload.elf", 2,
             "ZIP after the EOI whose first member's name holds a NUL byte (no\\0e.txt), second the deflated "
             "x86-64 ELF: names are data, the ELF is unpacked")
    # The ELF in a member whose name ends with a slash but which has data.
    zipped = zip_archive([("payload.elfX", elf, zipfile.ZIP_DEFLATED)])
    zip_case("payload/jpeg-eoi-zip-slash-name.jpg", patched_name(zipped, b"payload.elfX", b"payload.elf/"), "payload.elf/", 1,
             "ZIP after the EOI with one deflated member named payload.elf/ (a trailing slash on a member that "
             "has data): unpacked as a file, as extractors that write it do")
    # Two members of one name: a note, then the ELF.
    zipped = zip_archive([("update.bin", note, zipfile.ZIP_STORED), ("update.bin", elf, zipfile.ZIP_DEFLATED)])
    zip_case("payload/jpeg-eoi-zip-duplicate-name.jpg", zipped, "update.bin", 2,
             "ZIP after the EOI with two members both named update.bin, a note and the deflated x86-64 ELF: "
             "both are unpacked")

    # Bombs before a payload: the bomb's extent ends where its compressed data ends, so the
    # streams after it are carved and unpacked as if it were not there.
    xz_bomb = lzma.compress(bytes(512 << 20), format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=6)
    bz_bomb = bz2.compress(bytes(512 << 20), 9)
    xz_elf = lzma.compress(elf, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=6)
    gz_elf = gzip_member(elf, "payload.elf")
    bombs = [
        ("xz", xz_bomb, {"check": "CRC64"}),
        ("bzip2", bz_bomb, {"blockSize": 900000}),
    ]
    followers = [
        ("xz", xz_elf, {"check": "CRC64"}, "xz"),
        ("gzip", gz_elf, {"originalName": "payload.elf", "isize": len(elf)}, "gzip"),
    ]
    for bomb_type, bomb, bomb_meta in bombs:
        base = img["jpeg-baseline.jpg"]
        data = base + bomb + b"".join(f[1] for f in followers)
        found = [finding(bomb_type, data, len(base), len(bomb), bomb_meta, ["compressed"], children=[])]
        offset = len(base) + len(bomb)
        for follow_type, follower, follow_meta, via in followers:
            found.append(finding(follow_type, data, offset, len(follower), follow_meta, ["compressed"],
                                 children=[elf_child(via)]))
            offset += len(follower)
        c.add_file(f"payload/jpeg-eoi-{bomb_type}-bomb-then-xz-gzip-elf.jpg", "jpeg",
                   f"{bomb_type} of 512 MiB of zeros ({len(bomb)} bytes) after the EOI, then the x86-64 ELF "
                   "xz-compressed and gzip-compressed: the bomb ends where its compressed data ends and both "
                   "ELFs after it are carved and unpacked", data, len(base), found, limits=["max-ratio"])


def empty_named(data: bytes, name: bytes) -> bytes:
    """`data` with the one-byte member name `name` removed from its local and central
    headers (name length 0, offsets after it shifted): a member with an empty name."""
    if len(name) != 1:
        die("empty_named takes a one-byte name")
    out = bytearray()
    i = 0
    removed = 0
    while i < len(data):
        sig = data[i:i + 4]
        if sig == b"PK\x03\x04":
            header = bytearray(data[i:i + 30])
            size = struct.unpack_from("<I", data, i + 18)[0]
            nlen, xlen = struct.unpack_from("<HH", data, i + 26)
            body = data[i + 30:i + 30 + nlen + xlen + size]
            if nlen == 1 and body[:1] == name:
                struct.pack_into("<H", header, 26, 0)
                body = body[1:]
                removed += 1
            out += header + body
            i += 30 + nlen + xlen + size
        elif sig == b"PK\x01\x02":
            header = bytearray(data[i:i + 46])
            nlen, xlen, clen = struct.unpack_from("<HHH", data, i + 28)
            offset = struct.unpack_from("<I", data, i + 42)[0]
            body = data[i + 46:i + 46 + nlen + xlen + clen]
            if nlen == 1 and body[:1] == name:
                struct.pack_into("<H", header, 28, 0)
                body = body[1:]
            elif offset > 0:
                struct.pack_into("<I", header, 42, offset - removed)
            out += header + body
            i += 46 + nlen + xlen + clen
        elif sig == b"PK\x05\x06":
            eocd = bytearray(data[i:])
            size = struct.unpack_from("<I", eocd, 12)[0]
            offset = struct.unpack_from("<I", eocd, 16)[0]
            struct.pack_into("<I", eocd, 12, size - removed)
            struct.pack_into("<I", eocd, 16, offset - removed)
            out += eocd
            break
        else:
            die(f"empty_named: unexpected bytes at {i}")
    if removed != 1:
        die("empty_named: the name was not found exactly once")
    return bytes(out)
