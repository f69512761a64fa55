"""Corpus cases for legitimate look-alikes: content after the picture that the file declares
(a Google Motion Photo with its XMP Container directory, a legacy MicroVideo, a Samsung SEF
trailer; AFCP, FotoStation and Photo Mechanic trailers in gen_lookalikes_trailers), metadata
split over segments (Extended XMP, C2PA/JUMBF in gen_lookalikes_joined) and a camera's own
pictures (EXIF thumbnail, maker-note preview, a cursor, in gen_lookalikes_camera), each with
lying variants.

Called from generate.py. Expected: the declared bytes are explained (verdict benign-extra or
clean, no suspicious finding); a lying declaration is an anomaly and a payload hidden in it
a finding.
"""
from __future__ import annotations

import struct

import gen_lookalikes_camera
import gen_lookalikes_joined
import gen_lookalikes_trailers


def _mp4(tag: bytes) -> bytes:
    """A minimal ISO-BMFF file: `ftyp` (isom, mp42) and an `mdat` of deterministic bytes."""
    ftyp = struct.pack(">I", 24) + b"ftyp" + b"isom" + struct.pack(">I", 0x200) + b"isommp42"
    body = bytes((i * 37 + len(tag)) & 0xFF for i in range(600)) + tag
    return ftyp + struct.pack(">I", 8 + len(body)) + b"mdat" + body


def _xmp(description_attributes: bytes, body: bytes = b"") -> bytes:
    return (b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
            b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
            b"xmlns:GCamera='http://ns.google.com/photos/1.0/camera/' "
            b"xmlns:Container='http://ns.google.com/photos/1.0/container/' "
            b"xmlns:Item='http://ns.google.com/photos/1.0/container/item/' "
            + description_attributes + b">" + body + b"</rdf:Description></rdf:RDF></x:xmpmeta>")


def _directory(video_length: int) -> bytes:
    return (b"<Container:Directory><rdf:Seq>"
            b"<rdf:li rdf:parseType='Resource'><Container:Item Item:Mime='image/jpeg' Item:Semantic='Primary' "
            b"Item:Length='0' Item:Padding='0'/></rdf:li>"
            b"<rdf:li rdf:parseType='Resource'><Container:Item Item:Mime='video/mp4' Item:Semantic='MotionPhoto' "
            b"Item:Length='" + str(video_length).encode() + b"' Item:Padding='0'/></rdf:li>"
            b"</rdf:Seq></Container:Directory>")


def _sef(blocks: list[tuple[int, bytes, bytes]]) -> bytes:
    """A Samsung SEF trailer: data blocks (type, name, value), the SEFH directory whose
    entries give each block's distance back from the directory and its size, then the
    directory length and `SEFT`."""
    data = b""
    starts = []
    for kind, name, value in blocks:
        starts.append(len(data))
        data += struct.pack("<HHI", 0, kind, len(name)) + name + value
    sizes = [(starts[i + 1] if i + 1 < len(starts) else len(data)) - starts[i] for i in range(len(starts))]
    directory = b"SEFH" + struct.pack("<II", 107, len(blocks))
    for (kind, _, _), start, size in zip(blocks, starts, sizes):
        directory += struct.pack("<HHII", 0, kind, len(data) - start, size)
    return data + directory + struct.pack("<I", len(directory)) + b"SEFT"


def add_cases(c, img: dict, gen) -> None:
    """Adds the look-alike files and their lying variants to corpus `c`; `gen` is the
    generate module (segment, chunk and TIFF helpers)."""
    _motion_photo_cases(c, img, gen.jpeg_seg, gen.jpeg_insert)
    gen_lookalikes_joined.add_cases(c, img, gen)
    gen_lookalikes_trailers.add_cases(c, img, gen)
    gen_lookalikes_camera.add_cases(c, img, gen)


def _motion_photo_cases(c, img: dict, jpeg_seg, jpeg_insert) -> None:
    """Motion Photo, MicroVideo, Samsung SEF, a lying Motion Photo, an ICC segment that is no
    profile."""
    video = _mp4(b"motion photo")

    xmp = _xmp(b"GCamera:MotionPhoto='1' GCamera:MotionPhotoVersion='1'", _directory(len(video)))
    picture, _ = jpeg_insert(img["jpeg-baseline.jpg"], jpeg_seg(0xE1, xmp))
    c.add_file("lookalike/jpeg-motion-photo.jpg", "jpeg",
               "Google Motion Photo: XMP Container directory (Primary + MotionPhoto video/mp4 with its "
               "Item:Length) and the MP4 (ftyp, mdat) after the EOI: declared, benign",
               picture + video, len(picture), [], verdict="benign-extra")

    legacy = _mp4(b"micro video")
    xmp = _xmp(b"GCamera:MicroVideo='1' GCamera:MicroVideoVersion='1' GCamera:MicroVideoOffset='"
               + str(len(legacy)).encode() + b"'")
    picture, _ = jpeg_insert(img["jpeg-progressive.jpg"], jpeg_seg(0xE1, xmp))
    c.add_file("lookalike/jpeg-microvideo.jpg", "jpeg",
               "legacy Google MicroVideo: GCamera:MicroVideoOffset counts the MP4's bytes from the end of "
               "the file: declared, benign", picture + legacy, len(picture), [], verdict="benign-extra")

    sef = _sef([(0x0A01, b"Image_UTC_Data", b"1700000000000"),
                (0x0A30, b"MotionPhoto_Data", _mp4(b"samsung"))])
    picture = img["jpeg-optimized.jpg"]
    c.add_file("lookalike/jpeg-samsung-sef.jpg", "jpeg",
               "Samsung SEF trailer (Image_UTC_Data and MotionPhoto_Data blocks, SEFH directory, length, "
               "SEFT) after the EOI: declared, benign", picture + sef, len(picture), [], verdict="benign-extra")

    # A copied declaration: the XMP says "motion photo", the bytes are an ELF.
    elf_name = "payload-x86_64"
    elf = c.elf_bytes[elf_name]
    xmp = _xmp(b"GCamera:MotionPhoto='1' GCamera:MotionPhotoVersion='1'", _directory(len(elf)))
    picture, _ = jpeg_insert(img["jpeg-grayscale.jpg"], jpeg_seg(0xE1, xmp))
    data = picture + elf
    c.add_file("payload/jpeg-motion-photo-lying-elf.jpg", "jpeg",
               "XMP copied from a Motion Photo declares a video after the EOI, but the bytes are the x86-64 "
               "miner-like ELF: an anomaly, and the ELF is a finding", data, len(picture),
               [c.finding(elf_name, len(picture), "overlay", data)], anomalies=["declared-content-invalid"])

    # An ICC_PROFILE segment that is no profile (SteamHide hid data this way).
    fake = b"ICC_PROFILE\0" + bytes([1, 1]) + struct.pack(">I", 4096) + bytes((i * 11) & 0xFF for i in range(200))
    data, _ = jpeg_insert(img["jpeg-restart.jpg"], jpeg_seg(0xE2, fake))
    c.add_file("payload/jpeg-icc-not-a-profile.jpg", "jpeg",
               "APP2 ICC_PROFILE segment whose data is not a profile (no 'acsp', declared size 4096, 214 bytes "
               "held): an anomaly", data, len(data), [], anomalies=["icc-invalid"], verdict="suspicious")
