"""Executable and script payloads for the StegCarve corpus: Windows PE (built with MinGW),
hand-built Mach-O (thin and fat) and scripts, placed in pictures the way campaigns hid them.

Called from generate.py (`gen_executables.generate(corpus, images, generate_module)`); it
reuses generate.py's helpers and its Corpus object, and writes only Corpus/payload/*-pe-*,
*-macho-* and *-script-* files plus their manifest entries.

Requirements (Debian 12):

    apt-get install -y gcc-mingw-w64-x86-64 gcc-mingw-w64-i686

Every expected length, digest and metadata value is computed here from the bytes written,
by parsers independent of the Swift code (and, for PE, checked against objdump -p/-f).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from types import ModuleType

MINGW_HINT = "apt-get install -y gcc-mingw-w64-x86-64 gcc-mingw-w64-i686"

# name -> (compiler, extra link flags, description)
PE_BUILDS = {
    "hello-win-x86_64": ("x86_64-w64-mingw32-gcc", ["-s"],
                         "src/hello_win.c, x86_64-w64-mingw32-gcc -O2 -s, PE32+ console executable"),
    "hello-win-i686": ("i686-w64-mingw32-gcc", ["-Wl,--strip-debug"],
                       "src/hello_win.c, i686-w64-mingw32-gcc -O2 -Wl,--strip-debug, PE32 console "
                       "executable that keeps its COFF symbol and string tables after the last section"),
}

PE_MACHINES = {0x14C: "x86", 0x8664: "x86-64", 0xAA64: "ARM64", 0x1C0: "ARM", 0x1C4: "ARMv7", 0x200: "IA-64"}
PE_SUBSYSTEMS = {2: "windows-gui", 3: "windows-console"}
OBJDUMP_SUBSYSTEMS = {"Windows GUI": 2, "Windows CUI": 3}


# ----------------------------------------------------------------------- PE

def pe_parse(b: bytes) -> dict:
    """Independent PE parser: the true size (headers, section raw data, COFF symbol +
    string table, certificate table) and the header fields the manifest expects."""
    if b[:2] != b"MZ":
        raise ValueError("no MZ")
    (lfanew,) = struct.unpack_from("<I", b, 0x3C)
    if b[lfanew:lfanew + 4] != b"PE\0\0":
        raise ValueError("no PE signature")
    machine, nsect, stamp, symptr, nsyms, optsize, chars = struct.unpack_from("<HHIIIHH", b, lfanew + 4)
    opt = lfanew + 24
    (magic,) = struct.unpack_from("<H", b, opt)
    wide = magic == 0x20B
    entry = struct.unpack_from("<I", b, opt + 16)[0]
    image_base = struct.unpack_from("<Q", b, opt + 24)[0] if wide else struct.unpack_from("<I", b, opt + 28)[0]
    size_of_headers = struct.unpack_from("<I", b, opt + 60)[0]
    subsystem = struct.unpack_from("<H", b, opt + 68)[0]
    ndirs = struct.unpack_from("<I", b, opt + (108 if wide else 92))[0]
    dirs_at = opt + (112 if wide else 96)
    dirs = [struct.unpack_from("<II", b, dirs_at + 8 * k) for k in range(min(ndirs, 16))]
    end = max(size_of_headers, opt + optsize + 40 * nsect)
    for k in range(nsect):
        _, _, raw_size, raw_ptr = struct.unpack_from("<IIII", b, opt + optsize + 40 * k + 8)
        if raw_size and raw_ptr:
            end = max(end, raw_ptr + raw_size)
    if symptr and nsyms:
        sym_end = symptr + 18 * nsyms
        (strsize,) = struct.unpack_from("<I", b, sym_end)
        end = max(end, sym_end + max(strsize, 4))
    cert = dirs[4] if len(dirs) > 4 and dirs[4][1] else None
    if cert:
        end = max(end, cert[0] + cert[1])
    clr = dirs[14] if len(dirs) > 14 else (0, 0)
    return {
        "size": end,
        "metadata": {
            "class": "PE32+" if wide else "PE32",
            "machine": PE_MACHINES[machine],
            "subsystem": PE_SUBSYSTEMS[subsystem],
            "timestamp": stamp,
            "isDLL": bool(chars & 0x2000),
            "sections": nsect,
            "entryPoint": entry,
            "imageBase": image_base,
            "hasCertificate": cert is not None,
            "isDotNet": clr[0] != 0 and clr[1] != 0,
        },
    }


def pe_check_objdump(g: ModuleType, path: Path, meta: dict) -> None:
    """objdump -p / -f must agree with pe_parse on every metadata field it shows."""
    tool = "x86_64-w64-mingw32-objdump"
    p = g.run([tool, "-p", str(path)], what=tool)
    f = g.run([tool, "-f", str(path)], what=tool)

    def field(label: str) -> str:
        m = re.search(rf"^{re.escape(label)}\s+(.*?)\s*$", p, re.M)
        if not m:
            g.die(f"objdump -p {path}: no {label}")
        return m.group(1)

    checks = {
        "class": field("Magic").split("(")[1].rstrip(")"),
        "entryPoint": int(field("AddressOfEntryPoint"), 16),
        "imageBase": int(field("ImageBase"), 16),
        "subsystem": PE_SUBSYSTEMS[OBJDUMP_SUBSYSTEMS[field("Subsystem").split("(")[1].rstrip(")")]],
        "machine": "x86-64" if "i386:x86-64" in f else "x86",
        "hasCertificate": int(re.search(r"^Entry 4 \S+ (\S+)", p, re.M).group(1), 16) != 0,
    }
    for key, value in checks.items():
        if meta[key] != value:
            g.die(f"{path}: objdump says {key}={value!r}, pe_parse says {meta[key]!r}")


def build_pes(g: ModuleType) -> dict[str, bytes]:
    """Build src/hello_win.c with MinGW, reproducibly (no timestamp, fixed seeds and paths)."""
    g.require_tools([v[0] for v in PE_BUILDS.values()] + ["x86_64-w64-mingw32-objdump"], MINGW_HINT)
    build = g.WORK / "build-pe"
    build.mkdir(parents=True)
    (build / "hello_win.c").write_bytes((g.SRC / "hello_win.c").read_bytes())
    out = {}
    for name, (cc, ldextra, _) in PE_BUILDS.items():
        cflags = ["-O2", "-g0", f"-ffile-prefix-map={build}=.", f"-frandom-seed={name}"]
        g.run([cc, *cflags, "-c", "hello_win.c", "-o", f"{name}.o"], cwd=build, what=cc)
        g.run([cc, f"{name}.o", "-o", f"{name}.exe", "-Wl,--no-insert-timestamp", *ldextra], cwd=build, what=cc)
        data = (build / f"{name}.exe").read_bytes()
        info = pe_parse(data)
        if info["size"] != len(data):
            g.die(f"{name}.exe: true PE size {info['size']} != file size {len(data)}")
        pe_check_objdump(g, build / f"{name}.exe", info["metadata"])
        out[name] = data
    return out


def pe_with_certificate_table(pe: bytes) -> bytes:
    """The PE plus a certificate table: one WIN_CERTIFICATE (revision 0x0200, type
    PKCS_SIGNED_DATA) holding a fake DER blob, 8-byte aligned after the last byte, with data
    directory 4 pointing at it. Structurally an Authenticode table; cryptographically nothing."""
    (lfanew,) = struct.unpack_from("<I", pe, 0x3C)
    opt = lfanew + 24
    wide = struct.unpack_from("<H", pe, opt)[0] == 0x20B
    body = pe + b"\0" * (-len(pe) % 8)
    blob = b"\x30\x82\x00\x3c" + b"StegCarve corpus: not a real signature".ljust(60, b"\0")
    cert = struct.pack("<IHH", 8 + len(blob), 0x0200, 0x0002) + blob
    cert += b"\0" * (-len(cert) % 8)
    at = opt + (112 if wide else 96) + 8 * 4
    out = bytearray(body + cert)
    out[at:at + 8] = struct.pack("<II", len(body), len(cert))
    return bytes(out)


# ------------------------------------------------------------------ findings

URL_RE = re.compile(rb"(?i)(https?|ftp|tcp|udp|stratum\+(tcp|ssl|tls|udp))://[A-Za-z0-9]")
IPV4_RE = re.compile(rb"(?<![0-9.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![0-9.])")


def network_labels(payload: bytes) -> list[str]:
    """`network-indicators` when the payload holds a URL or a dotted quad (octets <= 255)."""
    if URL_RE.search(payload):
        return ["network-indicators"]
    for m in IPV4_RE.finditer(payload):
        if all(int(x) <= 255 for x in m.groups()):
            return ["network-indicators"]
    return []


def finding(g: ModuleType, ptype: str, data: bytes, offset: int, payload: bytes, region: str,
            metadata: dict, labels: list[str], declared: int | None = None) -> dict:
    length = len(payload)
    if data[offset:offset + length] != payload:
        g.die(f"{ptype} finding at {offset}: bytes do not match")
    return {
        "type": ptype, "offset": offset, "length": length,
        "sha256": g.sha256(payload),
        "truncated": declared is not None and declared > length,
        "region": region, "metadata": metadata,
        "labels": sorted(set(labels + network_labels(payload))),
    }


# ---------------------------------------------------------------------- main

def generate(c, img: dict[str, bytes], g: ModuleType) -> None:
    print("building src/hello_win.c (MinGW) and assembling executables ...")
    pes = build_pes(g)
    x64, x86 = pes["hello-win-x86_64"], pes["hello-win-i686"]
    signed = pe_with_certificate_table(x64)
    if pe_parse(signed)["size"] != len(signed):
        g.die("certificate table not counted")

    def pe_finding(data, offset, pe, region, declared=None):
        return finding(g, "pe", data, offset, pe, region, pe_parse(pe)["metadata"], ["executable"], declared)

    # PE32+ after a JPEG's EOI (the MyKings "Taylor Swift" picture carried one).
    base = img["jpeg-baseline.jpg"]
    data = base + x64
    c.add_file("payload/jpeg-eoi-pe-x86_64.jpg", "jpeg",
               "MinGW PE32+ x86-64 console hello (src/hello_win.c, stripped) appended after the EOI "
               "of a baseline JPEG", data, len(base), [pe_finding(data, len(base), x64, "overlay")])

    # PE32 with COFF symbols inside a private ancillary PNG chunk.
    data, pos = g.png_insert_before_iend(img["png-palette-trns.png"], g.png_chunk(b"exEc", x86))
    c.add_file("payload/png-chunk-exEc-pe-i686.png", "png",
               "MinGW PE32 x86 console hello with its COFF symbol/string tables (the true end is the "
               "end of the string table, after the last section) as the data of a private 'exEc' "
               "chunk before IEND of a palette PNG", data, len(data),
               [pe_finding(data, pos + 8, x86, "chunk:exEc")])

    # A PE with an overlay: only the PE is the finding, the overlay stays unexplained.
    base = img["jpeg-grayscale.jpg"]
    tail = b"OVRL" + g.junk(1020, "jpeg-eoi-pe-overlay")
    data = base + x64 + tail
    c.add_file("payload/jpeg-eoi-pe-overlay.jpg", "jpeg",
               "PE32+ x86-64 followed by a 1024-byte PE overlay ('OVRL' + pseudo-random bytes), after "
               "the EOI of a grayscale JPEG: only the PE is a finding, so the overlay is not explained",
               data, len(base), [pe_finding(data, len(base), x64, "overlay")])

    # A PE whose certificate table lies after its sections.
    base = img["png-grayscale.png"]
    data = base + signed
    c.add_file("payload/png-iend-pe-certificate.png", "png",
               "PE32+ x86-64 with a certificate table (data directory 4: one WIN_CERTIFICATE, fake "
               "PKCS#7 blob) after its last section, appended after IEND: the finding ends at the end "
               "of the certificate table", data, len(base),
               [pe_finding(data, len(base), signed, "overlay")])

    # A truncated PE: cut in the middle of its last section.
    base = img["png-rgb.png"]
    cut = len(x64) - 300
    data = base + x64[:cut]
    f = finding(g, "pe", data, len(base), x64[:cut], "overlay", pe_parse(x64)["metadata"], ["executable"], len(x64))
    c.add_file("payload/png-iend-pe-truncated.png", "png",
               "PE32+ x86-64 cut 300 bytes before its end, appended after IEND of an RGB PNG: "
               "reported truncated with the bytes that remain", data, len(base), [f])
