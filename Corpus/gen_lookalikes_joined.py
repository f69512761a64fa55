"""Corpus cases for metadata that a JPEG splits over several segments, and PNG's caBX:

- Extended XMP (XMP Specification Part 3, 1.1.3.1): APP1 segments with
  `http://ns.adobe.com/xmp/extension/\\0`, a GUID (uppercase hex MD5 of the whole extension),
  the full length and each piece's offset; the main XMP names the GUID in
  `xmpNote:HasExtendedXMP`. The legitimate case carries Google depth/portrait pictures
  (`GDepth:Data`, `GImage:Data`, base64) split over pieces stored out of order.
- C2PA content credentials: a JUMBF manifest store (ISO/IEC 19566-5 boxes, C2PA 2.1 section
  11) in APP11 packets (`JP`, box instance, sequence number, repeated box header) and in a
  PNG `caBX` chunk. The claim's signature is a placeholder: StegCarve checks the box
  structure, not the cryptography.

Each legitimate file has lying variants: a GUID that is not the MD5 with an ELF split over
the pieces, a JUMBF box that declares more than its packets hold, an ELF split over APP11
packets inside a well-formed store, a claim thumbnail declared image/jpeg that is an ELF, a
caBX chunk that is an ELF.
"""
from __future__ import annotations

import base64
import hashlib
import struct

XMP_EXT_ID = b"http://ns.adobe.com/xmp/extension/\0"
ISO_SUFFIX = bytes.fromhex("00110010800000aa00389b71")
EMBEDDED_FILE_UUID = bytes.fromhex("40cb0c32bb8a489da70b2ad6f47f4369")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_ranges(start: int, length: int, pieces: list[tuple[int, int]]) -> list[dict]:
    """The file ranges holding bytes start..start+length of the stream joined from
    `pieces` ((file offset, length) in stream order)."""
    out, stream = [], 0
    for offset, size in pieces:
        low, high = max(start, stream), min(start + length, stream + size)
        if low < high:
            out.append({"offset": offset + low - stream, "length": high - low})
        stream += size
    assert sum(r["length"] for r in out) == length
    return out


def node(kind: str, data: bytes, offset: int, length: int, region: str, metadata: dict, labels: list,
         via: str | None = None, children: list | None = None, ranges: list | None = None) -> dict:
    found = {"type": kind, "offset": offset, "length": length, "sha256": _sha256(data[offset:offset + length]),
             "truncated": False, "region": region, "metadata": metadata, "labels": labels}
    if via is not None:
        found["via"] = via
    if children is not None:
        found["children"] = children
    if ranges is not None:
        found["fileRanges"] = ranges
    return found


# ------------------------------------------------------------------ Extended XMP

def _main_xmp(guid: bytes) -> bytes:
    return (b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
            b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' "
            b"xmlns:xmpNote='http://ns.adobe.com/xmp/note/' "
            b"xmlns:GDepth='http://ns.google.com/photos/1.0/depthmap/' "
            b"xmlns:GImage='http://ns.google.com/photos/1.0/image/' "
            b"GDepth:Format='RangeInverse' GDepth:Near='0.25' GDepth:Far='4.5' GDepth:Mime='image/jpeg' "
            b"GImage:Mime='image/jpeg' xmpNote:HasExtendedXMP='" + guid + b"'/></rdf:RDF></x:xmpmeta>")


def _extension_packet(depth: bytes, image: bytes) -> bytes:
    return (b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
            b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' "
            b"xmlns:GDepth='http://ns.google.com/photos/1.0/depthmap/' "
            b"xmlns:GImage='http://ns.google.com/photos/1.0/image/' "
            b"GDepth:Data='" + base64.b64encode(depth) + b"' "
            b"GImage:Data='" + base64.b64encode(image) + b"'/></rdf:RDF></x:xmpmeta>")


def _extension_segments(jpeg_seg, guid: bytes, packet: bytes, size: int, order: list[int]) -> tuple[bytes, list]:
    """APP1 extension segments for `packet` cut into `size`-byte pieces, written in `order`
    (indices of the pieces). Returns the segments and, per piece in stream order, (offset of
    its data inside the returned bytes, length)."""
    chunks = [packet[i:i + size] for i in range(0, len(packet), size)]
    assert sorted(order) == list(range(len(chunks)))
    out, where = b"", {}
    for index in order:
        header = XMP_EXT_ID + guid + struct.pack(">II", len(packet), index * size)
        where[index] = (len(out) + 4 + len(header), len(chunks[index]))
        out += jpeg_seg(0xE1, header + chunks[index])
    return out, [where[i] for i in range(len(chunks))]


def _extended_xmp_cases(c, img: dict, gen) -> None:
    depth, image = img["part-exif-thumb.jpg"], img["part-mpo-right.jpg"]
    packet = _extension_packet(depth, image)
    guid = hashlib.md5(packet).hexdigest().upper().encode()
    count = (len(packet) + 2999) // 3000
    assert count >= 3
    segments, pieces = _extension_segments(gen.jpeg_seg, guid, packet, 3000, [0, 2, 1] + list(range(3, count)))
    main = gen.jpeg_seg(0xE1, _main_xmp(guid))
    data, pos = gen.jpeg_insert(img["jpeg-baseline.jpg"], main + segments)
    at = [(pos + len(main) + offset, size) for offset, size in pieces]
    findings = []
    for picture in (depth, image):
        encoded = base64.b64encode(picture)
        start = packet.index(encoded)
        child = node("jpeg", picture, 0, len(picture), "base64", {}, [], via="base64")
        findings.append(node("base64", packet, start, len(encoded), "segment:APP1:ExtendedXMP", {"encodedLength": len(encoded)},
                             ["encoded"], children=[child], ranges=file_ranges(start, len(encoded), at)))
    c.add_file("lookalike/jpeg-extended-xmp-gdepth.jpg", "jpeg",
               f"Google depth photo: the main XMP names GUID {guid.decode()} in xmpNote:HasExtendedXMP; the Extended "
               f"XMP (GDepth:Data and GImage:Data, base64 JPEGs) is split over {len(pieces)} APP1 extension segments, "
               "the second and third stored out of order; the GUID is the MD5 of the joined packet. Reassembled and "
               "checked; the pictures decode from base64 in the joined stream (benign-extra)",
               data, len(data), findings, verdict="benign-extra")

    # A copied header: the GUID is not the MD5 of the pieces, which join to an ELF.
    elf_name = "payload-x86_64"
    elf = c.elf_bytes[elf_name]
    packet = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + elf
    fake = b"0123456789ABCDEF0123456789ABCDEF"
    size = (len(packet) + 1) // 2
    segments, pieces = _extension_segments(gen.jpeg_seg, fake, packet, size, [1, 0])
    main = gen.jpeg_seg(0xE1, _main_xmp(fake))
    data, pos = gen.jpeg_insert(img["jpeg-grayscale.jpg"], main + segments)
    at = [(pos + len(main) + offset, size) for offset, size in pieces]
    found = c.finding(elf_name, packet.index(elf), "segment:APP1:ExtendedXMP", packet)
    found["fileRanges"] = file_ranges(found["offset"], found["length"], at)
    c.add_file("payload/jpeg-extended-xmp-split-elf.jpg", "jpeg",
               "two APP1 Extended XMP segments (stored second piece first) whose GUID is not the MD5 of the joined "
               "bytes, which are the x86-64 miner-like ELF after an xmpmeta tag: an extended-xmp-invalid anomaly, and "
               "the ELF carved whole from the joined stream with the file ranges of both pieces",
               data, len(data), [found], anomalies=["extended-xmp-invalid"])


# ------------------------------------------------------------------------ C2PA

def _box(kind: bytes, content: bytes) -> bytes:
    return struct.pack(">I", 8 + len(content)) + kind + content


def _jumd(uuid: bytes, label: str) -> bytes:
    return _box(b"jumd", uuid + bytes([0x03]) + label.encode() + b"\0")  # requestable, label


def _superbox(uuid: bytes, label: str, *children: bytes) -> bytes:
    return _box(b"jumb", _jumd(uuid, label) + b"".join(children))


def _cbor(value) -> bytes:
    """A small CBOR encoder (RFC 8949): unsigned ints, text, bytes, arrays, maps, null."""
    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        if n < 256:
            return bytes([major << 5 | 24, n])
        if n < 65536:
            return bytes([major << 5 | 25]) + struct.pack(">H", n)
        return bytes([major << 5 | 26]) + struct.pack(">I", n)
    if value is None:
        return b"\xf6"
    if isinstance(value, int):
        return head(0, value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        return head(3, len(value.encode())) + value.encode()
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(_cbor(v) for v in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(_cbor(k) + _cbor(v) for k, v in value.items())
    raise TypeError(value)


def manifest_store(thumbnail: bytes, media_type: str = "image/jpeg") -> bytes:
    """A C2PA manifest store: one manifest with an actions assertion, a claim thumbnail
    (embedded-file box: bfdb media type, bidb bytes), the claim and a placeholder signature."""
    actions = _superbox(b"cbor" + ISO_SUFFIX, "c2pa.actions",
                        _box(b"cbor", _cbor({"actions": [{"action": "c2pa.created"}]})))
    thumb = _superbox(EMBEDDED_FILE_UUID, "c2pa.thumbnail.claim.jpeg",
                      _box(b"bfdb", b"\0" + media_type.encode() + b"\0"), _box(b"bidb", thumbnail))
    assertions = _superbox(b"c2as" + ISO_SUFFIX, "c2pa.assertions", actions, thumb)
    claim = _superbox(b"c2cl" + ISO_SUFFIX, "c2pa.claim", _box(b"cbor", _cbor({
        "claim_generator": "StegCarve Corpus/gen_lookalikes_joined.py",
        "dc:format": "image/jpeg",
        "instanceID": "xmp:iid:00000000-0000-4000-8000-000000000001",
        "signature": "self#jumbf=c2pa.signature",
        "assertions": [
            {"url": "self#jumbf=c2pa.assertions/c2pa.actions", "hash": hashlib.sha256(actions).digest()},
            {"url": "self#jumbf=c2pa.assertions/c2pa.thumbnail.claim.jpeg", "hash": hashlib.sha256(thumb).digest()},
        ],
        "alg": "sha256",
    })))
    signature = _superbox(b"c2cs" + ISO_SUFFIX, "c2pa.signature",
                          _box(b"cbor", b"\xd2" + _cbor([_cbor({1: 38}), {}, None, bytes(64)])))  # COSE_Sign1 shape
    manifest = _superbox(b"c2ma" + ISO_SUFFIX, "urn:uuid:00000000-0000-4000-8000-000000000002", assertions, claim, signature)
    return _superbox(b"c2pa" + ISO_SUFFIX, "c2pa", manifest)


def app11_packets(jpeg_seg, box: bytes, size: int, instance: int = 1, drop: int | None = None) -> tuple[bytes, list]:
    """APP11 packets for `box`: its contents cut into `size`-byte parts, each after `JP`, the
    box instance, the sequence number (from 1) and the repeated 8-byte box header. Returns
    the segments and, per packet kept, (offset of its stream piece inside the returned bytes,
    length): the first piece includes the box header."""
    header, contents = box[:8], box[8:]
    parts = [contents[i:i + size] for i in range(0, len(contents), size)]
    out, pieces = b"", []
    for index, part in enumerate(parts):
        if index == drop:
            continue
        prefix = b"JP" + struct.pack(">HI", instance, index + 1)
        piece_at = len(out) + 4 + len(prefix) + (0 if index == 0 else 8)
        pieces.append((piece_at, (8 if index == 0 else 0) + len(part)))
        out += jpeg_seg(0xEB, prefix + header + part)
    return out, pieces


def _c2pa_cases(c, img: dict, gen) -> None:
    thumbnail = img["part-exif-thumb.jpg"]
    store = manifest_store(thumbnail)
    segments, pieces = app11_packets(gen.jpeg_seg, store, 1200)
    assert len(pieces) >= 2
    data, _ = gen.jpeg_insert(img["jpeg-progressive.jpg"], segments)
    c.add_file("lookalike/jpeg-c2pa.jpg", "jpeg",
               f"C2PA content credentials: a JUMBF manifest store (manifest, assertion store with actions and a claim "
               f"thumbnail JPEG, claim, placeholder signature) in {len(pieces)} APP11 packets of box instance 1; "
               "reassembled and parsed; the thumbnail is the store's own picture, not a finding (clean)",
               data, len(data), [], verdict="clean")

    # The same store with its second packet missing: the box declares more than it holds.
    segments, _ = app11_packets(gen.jpeg_seg, store, 1200, drop=1)
    data, _ = gen.jpeg_insert(img["jpeg-optimized.jpg"], segments)
    c.add_file("payload/jpeg-c2pa-missing-packet.jpg", "jpeg",
               "APP11 JUMBF packets of a C2PA store with packet 2 missing: the joined box is shorter than its LBox "
               "declares (jumbf-invalid)", data, len(data), [], anomalies=["jumbf-invalid"], verdict="suspicious")

    # A well-formed store whose embedded file is an ELF split over two packets.
    elf_name = "hello-x86_64-stripped"
    elf = c.elf_bytes[elf_name]
    store = manifest_store(elf, media_type="application/octet-stream")
    start = store.index(elf)
    size = start + len(elf) // 2 - 8  # cut the contents in the middle of the ELF
    segments, pieces = app11_packets(gen.jpeg_seg, store, size)
    data, pos = gen.jpeg_insert(img["jpeg-restart.jpg"], segments)
    at = [(pos + offset, length) for offset, length in pieces]
    found = c.finding(elf_name, start, "segment:APP11:JUMBF", store)
    found["fileRanges"] = file_ranges(start, len(elf), at)
    assert len(found["fileRanges"]) == 2
    c.add_file("payload/jpeg-c2pa-split-elf.jpg", "jpeg",
               "a well-formed C2PA manifest store in APP11 packets whose embedded file (bidb) is a stripped hello-world "
               "ELF split over two packets: carved whole from the reassembled box, with both file ranges",
               data, len(data), [found])

    # A copied label: the claim thumbnail, declared image/jpeg, is an ELF.
    elf_name = "min-arm-le"
    elf = c.elf_bytes[elf_name]
    store = manifest_store(elf)
    segments, pieces = app11_packets(gen.jpeg_seg, store, 60000)
    data, pos = gen.jpeg_insert(img["jpeg-cmyk.jpg"], segments)
    found = c.finding(elf_name, store.index(elf), "segment:APP11:JUMBF", store)
    found["fileRanges"] = file_ranges(found["offset"], len(elf), [(pos + offset, length) for offset, length in pieces])
    c.add_file("payload/jpeg-c2pa-thumbnail-elf.jpg", "jpeg",
               "a C2PA manifest store in one APP11 packet whose claim thumbnail, declared image/jpeg, is a hand-made ARM "
               "ELF: jumbf-invalid, and the ELF is a finding in the joined box", data, len(data), [found],
               anomalies=["jumbf-invalid"])

    # PNG: the store in a caBX chunk; and a caBX chunk that is an ELF.
    store = manifest_store(thumbnail)
    data, _ = gen.png_insert_before_iend(img["png-rgb.png"], gen.png_chunk(b"caBX", store))
    c.add_file("lookalike/png-c2pa-cabx.png", "png",
               "C2PA content credentials in a PNG caBX chunk: the JUMBF manifest store parses (clean)",
               data, gen.png_end(data), [], verdict="clean")
    elf_name = "min-x86_64-sht-mid"
    elf = c.elf_bytes[elf_name]
    data, pos = gen.png_insert_before_iend(img["png-grayscale.png"], gen.png_chunk(b"caBX", elf))
    c.add_file("payload/png-cabx-elf.png", "png",
               "a caBX chunk whose data is a hand-made x86-64 ELF, not a JUMBF box: jumbf-invalid, and the ELF is a "
               "finding", data, gen.png_end(data), [c.finding(elf_name, pos + 8, "chunk:caBX", data)],
               anomalies=["jumbf-invalid"])


def add_cases(c, img: dict, gen) -> None:
    """Adds the Extended XMP and C2PA files to corpus `c`."""
    _extended_xmp_cases(c, img, gen)
    _c2pa_cases(c, img, gen)
