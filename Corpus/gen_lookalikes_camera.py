"""Corpus cases for a camera's own pictures inside its files, and a cursor:

- a Nikon-style JPEG: APP1 Exif with IFD0 (Make NIKON CORPORATION), an Exif IFD whose
  MakerNote is a Nikon type-3 maker note ("Nikon\\0", version 0x0210, its own big-endian TIFF
  header; tag 0x0011 PreviewIFD -> PreviewImageStart/Length, offsets from the maker note's
  TIFF header, as ExifTool's Nikon::PreviewIFD reads them) holding a 160x120 preview JPEG, and
  IFD1 with a 64x48 EXIF thumbnail (JPEGInterchangeFormat/Length). Both pictures are the
  file's declared parts: no finding, verdict clean. Checked with `exiftool -v3`.
- a Windows cursor (ICONDIR type 2, hotspot instead of planes/bit count) with one 32x32
  32-bit DIB image, and the same cursor with an ELF appended. Checked by hand: `file` reads
  "MS Windows cursor resource - 1 icon, 32x32, hotspot @3x1"; netpbm's winicontopam reads
  icons only, and decodes the same bytes with the type set to 1 and planes/bit count restored.
"""
from __future__ import annotations

import struct

import gen_containers


def nikon_maker_note(gen, preview: bytes) -> bytes:
    """A Nikon type-3 maker note: header, TIFF header (offsets count from it), main IFD
    (MakerNoteVersion, Quality, PreviewIFD), the preview IFD and the preview JPEG."""
    bo = ">"
    main = [(0x0001, "UNDEFINED", b"0210"), (0x0004, "ASCII", "FINE   "), (0x0011, "LONG", [0])]
    preview_ifd = [(0x0103, "SHORT", [6]), (0x0201, "LONG", [0]), (0x0202, "LONG", [len(preview)])]
    off_main = 8
    off_preview_ifd = off_main + gen.tiff_ifd_size(main)
    off_image = off_preview_ifd + gen.tiff_ifd_size(preview_ifd)
    main[2] = (0x0011, "LONG", [off_preview_ifd])
    preview_ifd[1] = (0x0201, "LONG", [off_image])
    tiff = (b"MM\0*" + struct.pack(">I", off_main) + gen.tiff_ifd(bo, off_main, main, 0)
            + gen.tiff_ifd(bo, off_preview_ifd, preview_ifd, 0))
    assert len(tiff) == off_image
    return b"Nikon\0" + b"\x02\x10\0\0" + tiff + preview


def camera_jpeg(gen, main_jpeg: bytes, thumb: bytes, preview: bytes) -> tuple[bytes, list]:
    """The main picture with an APP1 Exif segment (IFD0 -> Exif IFD with the maker note, IFD1
    -> thumbnail); returns the file and the embedded pictures' extents."""
    bo = "<"
    thumb = gen.jpeg_strip_app0(thumb)
    preview = gen.jpeg_strip_app0(preview)
    note = nikon_maker_note(gen, preview)
    ifd0 = [
        (0x010F, "ASCII", "NIKON CORPORATION"),
        (0x0110, "ASCII", "NIKON D-STEGCARVE"),
        (0x0112, "SHORT", [1]),
        (0x011A, "RATIONAL", [(300, 1)]),
        (0x011B, "RATIONAL", [(300, 1)]),
        (0x0128, "SHORT", [2]),
        (0x0131, "ASCII", "StegCarve Corpus/gen_lookalikes_camera.py"),
        (0x0213, "SHORT", [2]),
        (0x8769, "LONG", [0]),
    ]
    exif = [
        (0x829A, "RATIONAL", [(1, 250)]),
        (0x829D, "RATIONAL", [(56, 10)]),
        (0x9000, "UNDEFINED", b"0230"),
        (0x927C, "UNDEFINED", note),
        (0xA001, "SHORT", [1]),
        (0xA002, "LONG", [160]),
        (0xA003, "LONG", [120]),
    ]
    ifd1 = [
        (0x0103, "SHORT", [6]),
        (0x011A, "RATIONAL", [(72, 1)]),
        (0x011B, "RATIONAL", [(72, 1)]),
        (0x0128, "SHORT", [2]),
        (0x0201, "LONG", [0]),
        (0x0202, "LONG", [len(thumb)]),
    ]
    off_ifd0 = 8
    off_exif = off_ifd0 + gen.tiff_ifd_size(ifd0)
    off_ifd1 = off_exif + gen.tiff_ifd_size(exif)
    off_thumb = off_ifd1 + gen.tiff_ifd_size(ifd1)
    ifd0[-1] = (0x8769, "LONG", [off_exif])
    ifd1[4] = (0x0201, "LONG", [off_thumb])
    tiff = (b"II*\0" + struct.pack("<I", off_ifd0) + gen.tiff_ifd(bo, off_ifd0, ifd0, off_ifd1)
            + gen.tiff_ifd(bo, off_exif, exif, 0) + gen.tiff_ifd(bo, off_ifd1, ifd1, 0))
    assert len(tiff) == off_thumb
    tiff += thumb
    out, pos = gen.jpeg_insert(gen.jpeg_strip_app0(main_jpeg), gen.jpeg_seg(0xE1, b"Exif\0\0" + tiff))
    tiff_start = pos + 4 + 6
    thumb_at = tiff_start + off_thumb
    preview_at = out.index(note) + len(note) - len(preview)
    for at, picture in ((thumb_at, thumb), (preview_at, preview)):
        assert out[at:at + len(picture)] == picture and gen.jpeg_picture_end(out, at) == at + len(picture)
    return out, [{"kind": "exif-thumbnail", "offset": thumb_at, "length": len(thumb)},
                 {"kind": "maker-note-preview", "offset": preview_at, "length": len(preview)}]


def cursor(rgb: bytes, size: int, hotspot: tuple[int, int]) -> bytes:
    """ICONDIR type 2 with one 32-bit DIB (BITMAPINFOHEADER with doubled height, BGRA rows
    bottom-up, 1-bit AND mask); the entry's planes/bit count fields hold the hotspot."""
    xor = b""
    for y in reversed(range(size)):
        for x in range(size):
            r, g, b = rgb[(y * size + x) * 3:(y * size + x) * 3 + 3]
            xor += bytes((b, g, r, 0xFF))
    mask = b"\0" * ((size + 31) // 32 * 4 * size)
    dib = struct.pack("<IiiHHIIiiII", 40, size, 2 * size, 1, 32, 0, len(xor) + len(mask), 0, 0, 0, 0) + xor + mask
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, hotspot[0], hotspot[1], len(dib), 6 + 16)
    return struct.pack("<HHH", 0, 2, 1) + entry + dib


def add_cases(c, img: dict, gen) -> None:
    data, embedded = camera_jpeg(gen, img["part-exif-main.jpg"], img["part-exif-thumb.jpg"], img["jpeg-baseline.jpg"])
    c.add_file("clean/jpeg-camera-makernote-preview.jpg", "jpeg",
               "camera-style JPEG (Make NIKON CORPORATION): APP1 Exif with a Nikon type-3 maker note whose PreviewIFD "
               "points at a 160x120 preview JPEG, and IFD1 with a 64x48 EXIF thumbnail: both the picture's own declared "
               "parts, no finding", data, len(data), [], embedded=embedded)

    width, height, rgb = gen_containers.ppm_pixels(gen_containers.ppm(32, 32, 5))
    assert (width, height) == (32, 32)
    cur = cursor(rgb, 32, (3, 1))
    assert gen_containers.ico_end(cur) == len(cur)
    gen_containers.add(c, gen, "clean/cur-arrow.cur", "cur",
                       "Windows cursor (ICONDIR type 2) with one 32x32 32-bit DIB image and hotspot (3, 1)",
                       cur, len(cur), [], header={"width": 32, "height": 32})
    elf_name = "min-arm-le"
    data = cur + c.elf_bytes[elf_name]
    gen_containers.add(c, gen, "payload/cur-overlay-elf.cur", "cur",
                       "hand-made ARM ELF appended after the image of a Windows cursor", data, len(cur),
                       [c.finding(elf_name, len(cur), "overlay", data)])
