"""Corpus cases for trailers that software appends after a JPEG's EOI and finds from the end
of the file, laid out as ExifTool reads them (Image::ExifTool::AFCP, ::FotoStation,
::PhotoMechanic; checked with `exiftool -v3`):

- AFCP: header `AXS!` (big-endian), version, entry count, checksum; 12-byte directory entries
  (tag, size, absolute offset); the values; end record `AXS!` + the header's absolute offset +
  checksum as the file's last 12 bytes.
- FotoStation: records appended back to back, each data + tag (2) + size incl. the 10-byte
  footer (4) + `A1 B2 C3 D4`.
- Photo Mechanic: IPTC soft-edit data sets padded with zeros to 2 KiB, the length (4) and
  `cbipcbbl`.

Legitimate trailers are declared regions (benign-extra); a trailer whose records lie is a
`declared-content-invalid` anomaly, and an ELF hidden in one is a finding.
"""
from __future__ import annotations

import struct


def iptc(record: int, dataset: int, value: bytes) -> bytes:
    """One IPTC-IIM data set (tag marker 0x1C, record, data set, 16-bit length)."""
    assert len(value) < 0x8000
    return bytes([0x1C, record, dataset]) + struct.pack(">H", len(value)) + value


IPTC_CAPTION = (iptc(1, 90, b"\x1b%G")                     # coded character set: UTF-8
                + iptc(2, 0, struct.pack(">H", 4))        # record version
                + iptc(2, 120, b"StegCarve corpus picture with an appended metadata trailer")
                + iptc(2, 80, b"StegCarve Corpus/gen_lookalikes_trailers.py")
                + iptc(2, 25, b"test") + iptc(2, 25, b"trailer"))


def afcp(start: int, entries: list[tuple[bytes, bytes]], signature: bytes = b"AXS!") -> bytes:
    """An AFCP trailer placed at absolute file offset `start`."""
    order = ">" if signature == b"AXS!" else "<"
    directory_end = start + 12 + 12 * len(entries)
    directory, values = b"", b""
    for tag, value in entries:
        directory += tag + struct.pack(order + "II", len(value), directory_end + len(values))
        values += value
    header = signature + b"\x00\x01" + struct.pack(order + "H", len(entries)) + b"\0\0\0\0"
    return header + directory + values + signature + struct.pack(order + "I", start) + b"\0\0\0\0"


def afcp_thumbnail(jpeg: bytes) -> bytes:
    """A `Nail` value: a 10-byte header, 8 bytes of padding, the JPEG (ExifTool looks for
    the SOI after the header, else assumes 8 bytes of padding)."""
    return b"\0" * 10 + b"\0" * 8 + jpeg


def fotostation(records: list[tuple[int, bytes]]) -> bytes:
    return b"".join(data + struct.pack(">HII", tag, len(data) + 10, 0xA1B2C3D4) for tag, data in records)


def fotostation_soft_edit() -> bytes:
    """Original width/height, colour planes, resolution*1000, rotation, the validity word
    0x11222211, crop left/top/right/bottom (per mille*100), and two more words."""
    return struct.pack(">12i", 160, 120, 3, 72000, 0, 0x11222211, 0, 0, 100000, 100000, 0, 0)


def photo_mechanic(padding_to: int = 0x800) -> bytes:
    data = (iptc(2, 216, struct.pack(">i", 0))      # rotation
            + iptc(2, 221, struct.pack(">i", 1))    # tagged
            + iptc(2, 222, struct.pack(">i", 3))    # colour class: superior
            + iptc(2, 223, struct.pack(">i", 4)))   # rating
    data += b"\0" * (padding_to - len(data))
    return data + struct.pack(">I", len(data)) + b"cbipcbbl"


def add_cases(c, img: dict, gen) -> None:
    thumb = img["part-exif-thumb.jpg"]

    picture = img["jpeg-baseline.jpg"]
    trailer = afcp(len(picture), [(b"IPTC", IPTC_CAPTION), (b"Nail", afcp_thumbnail(thumb)), (b"TEXT", b"StegCarve\0")])
    c.add_file("lookalike/jpeg-afcp-trailer.jpg", "jpeg",
               "AFCP trailer after the EOI: AXS! header, directory (IPTC, Nail thumbnail JPEG, TEXT), values, end "
               "record pointing back at the header: declared, benign", picture + trailer, len(picture), [],
               verdict="benign-extra")

    picture = img["jpeg-progressive.jpg"]
    trailer = fotostation([(1, IPTC_CAPTION), (2, fotostation_soft_edit()), (3, thumb)])
    c.add_file("lookalike/jpeg-fotostation-trailer.jpg", "jpeg",
               "FotoStation trailer after the EOI: IPTC, soft-edit and thumbnail records, each with its tag, size and "
               "A1B2C3D4 footer: declared, benign", picture + trailer, len(picture), [], verdict="benign-extra")

    picture = img["jpeg-optimized.jpg"]
    c.add_file("lookalike/jpeg-photomechanic-trailer.jpg", "jpeg",
               "Photo Mechanic trailer after the EOI: IPTC soft edits (rotation, tagged, colour class, rating) padded "
               "to 2 KiB, length, cbipcbbl: declared, benign", picture + photo_mechanic(), len(picture), [],
               verdict="benign-extra")

    # Stacked: an AFCP trailer (little-endian), then a Photo Mechanic trailer appended after it.
    picture = img["jpeg-cmyk.jpg"]
    data = picture + afcp(len(picture), [(b"IPTC", IPTC_CAPTION)], signature=b"AXS*") + photo_mechanic()
    c.add_file("lookalike/jpeg-afcp-photomechanic-trailers.jpg", "jpeg",
               "two trailers stacked after the EOI: a little-endian AFCP trailer (AXS*) with an IPTC entry, then a "
               "Photo Mechanic trailer: both declared, benign", data, len(picture), [], verdict="benign-extra")

    # Lies: the records do not hold what their tags say; the ELF inside is a finding.
    elf_name = "payload-x86_64"
    elf = c.elf_bytes[elf_name]
    picture = img["jpeg-grayscale.jpg"]
    data = picture + afcp(len(picture), [(b"IPTC", elf)])
    c.add_file("payload/jpeg-afcp-iptc-elf.jpg", "jpeg",
               "AFCP trailer whose IPTC entry is the x86-64 miner-like ELF, not IPTC data sets: "
               "declared-content-invalid, the trailer stays unexplained overlay, the ELF is a finding",
               data, len(picture), [c.finding(elf_name, len(picture) + 24, "overlay", data)],
               anomalies=["declared-content-invalid"])

    elf_name = "hello-x86_64-stripped"
    elf = c.elf_bytes[elf_name]
    picture = img["jpeg-arithmetic.jpg"]
    data = picture + fotostation([(1, IPTC_CAPTION), (4, elf)])
    c.add_file("payload/jpeg-fotostation-preview-elf.jpg", "jpeg",
               "FotoStation trailer whose preview record (tag 4) is a stripped hello-world ELF, not a JPEG: "
               "declared-content-invalid, and the ELF is a finding", data, len(picture),
               [c.finding(elf_name, len(picture) + len(IPTC_CAPTION) + 10, "overlay", data)],
               anomalies=["declared-content-invalid"])

    elf_name = "min-aarch64-pht-last"
    elf = c.elf_bytes[elf_name]
    picture = img["jpeg-restart.jpg"]
    data = picture + elf + struct.pack(">I", len(elf)) + b"cbipcbbl"
    c.add_file("payload/jpeg-photomechanic-elf.jpg", "jpeg",
               "a Photo Mechanic footer (length, cbipcbbl) whose data is a hand-made AArch64 ELF, not IPTC: "
               "declared-content-invalid, and the ELF is a finding", data, len(picture),
               [c.finding(elf_name, len(picture), "overlay", data)], anomalies=["declared-content-invalid"])

    # A well-formed AFCP trailer with an ELF in its free-text entry: declared, yet a finding.
    elf_name = "min-x86_64-sht-mid"
    elf = c.elf_bytes[elf_name]
    picture = img["jpeg-baseline.jpg"]
    data = picture + afcp(len(picture), [(b"IPTC", IPTC_CAPTION), (b"TEXT", elf)])
    at = len(picture) + 12 + 24 + len(IPTC_CAPTION)
    c.add_file("lookalike/jpeg-afcp-text-elf.jpg", "jpeg",
               "a well-formed AFCP trailer (declared) whose TEXT entry is a hand-made x86-64 ELF: the ELF is a finding "
               "in the declared region", data, len(picture), [c.finding(elf_name, at, "declared:afcp", data)])
