#!/usr/bin/env python3
"""Pixel- and coefficient-steganography samples, made with tools StegCarve's authors did not write.

Needs Pillow, numpy, scikit-image (real photographs as covers), jpeglib (JPEG coefficients),
stegano (`pip install pillow numpy scikit-image jpeglib stegano`) and Debian's `steghide` and
`outguess` (`apt-get install -y steghide outguess`), unlike generate.py (standard library
only), so generate.py does not call it; run it by hand:  python3 Corpus/gen_stego.py
The generated files are committed, so tests and CI need none of these tools.

Writes Corpus/stego/* and Corpus/stego/expected.json: for every file the expected `findings`
(layout, kind, offset, a prefix of the bytes, and for payloads length + sha256) and the
expected statistical `signal` (`detected`, `none`, ...) with its `domain` (`pixels`, `dct`).

Samples:
- stegano-*: PyPI stegano's `lsb.hide` ("<length>:<message>" into R,G,B LSBs, row-major, MSB-first).
- lsb-seq-<rate>.png: our own sequential LSB replacement on a photograph crop (scikit-image's
  coffee), layout planes:b0,rgb,msb-first,xy: a small ELF (Corpus/elf/min-x86_64-sht-mid.elf)
  followed by random bytes up to <rate> bits per channel sample.
- lsb-elf-*.png: the miner-like ELF (Corpus/elf/payload-x86_64.elf) in other default layouts.
- bmp-lsb-elf-file-order.bmp: the small ELF in a 24-bit BMP's LSBs in file byte order.
- jsteg-elf.jpg: JSteg-style embedding written here through jpeglib's coefficient API: the LSBs
  of coefficients other than 0 and 1, MCU order, zigzag within blocks, a 5-bit width + length
  header, then the small ELF, MSB-first.
  `signal` is `any` where the rate is below what the calibrated detectors promise to flag.
- steghide-text.jpg, outguess-text.jpg: Debian's steghide and outguess with a passphrase (keyed:
  neither is extracted; both preserve first-order statistics, so no signal is expected).
- f5-comment.jpg: a clean JPEG carrying F5's encoder comment (fingerprint only).
- tiff-*, webp-*: gen_stego_formats.py (the same embedding in TIFF and WebP pictures).
"""
import hashlib, json, math, os, random, shutil, subprocess, tempfile
import numpy as np
from PIL import Image
import jpeglib
import skimage.data
from stegano import lsb
import gen_stego_tools

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stego")
MESSAGE = "StegCarve corpus: stegano LSB sample, benign text only. Meet at the old mill at dawn."
F5_COMMENT = b"JPEG Encoder Copyright 1998, James R. Weeks and BioElectroMech."
ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
          12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
          35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
          58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]


def cover(width, height, seed):
    rng = random.Random(seed)
    img = Image.new("RGB", (width, height))
    px = img.load()
    for y in range(height):
        for x in range(width):
            vals = []
            for c in range(3):
                u, v = x / (width - 1), y / (height - 1)
                base = 0.5 + 0.25 * math.sin(6 * u + 1.3 * c) * math.cos(4 * v - 1.3 * c) + 0.2 * (u - v)
                g = min(max(base, 0), 1) ** 1.8
                noise = sum(rng.uniform(-1.5, 1.5) for _ in range(3))
                vals.append(int(min(max(round(g * 230 + 12 + noise), 0), 255)))
            px[x, y] = tuple(vals)
    return img


def bits_of(data, msb_first=True):
    for byte in data:
        for i in range(8):
            yield (byte >> (7 - i)) & 1 if msb_first else (byte >> i) & 1


def embed_pixels(array, data, planes, channels, msb_first):
    """Write `data` into `array` (H x W x C uint8) along a planes:… layout, row-major."""
    out = array.copy()
    h, w, _ = out.shape
    bits = bits_of(data, msb_first)
    order = {"r": 0, "g": 1, "b": 2, "a": 3}
    done = False
    for y in range(h):
        for x in range(w):
            for ch in channels:
                c = order[ch]
                for plane in reversed(planes):
                    bit = next(bits, None)
                    if bit is None:
                        done = True
                        break
                    out[y, x, c] = (int(out[y, x, c]) & ~(1 << plane) & 0xFF) | (bit << plane)
                if done:
                    return out
    return out


def sha(data):
    return hashlib.sha256(data).hexdigest()


def payload_entry(layout, data, region="pixels"):
    return {"layout": layout, "kind": "payload:elf", "offset": 0, "length": len(data),
            "sha256": sha(data), "prefix_hex": data[:16].hex(), "domain": region}


def photo(name, top, left, size):
    image = getattr(skimage.data, name)()
    return np.ascontiguousarray(image[top:top + size, left:left + size, :3])


def jsteg_embed(src, dst, message):
    """JSteg-style: 5-bit width w, w-bit byte length, message; LSBs of coefficients not 0/1."""
    im = jpeglib.read_dct(src)
    comps = [im.Y, im.Cb, im.Cr]
    samp = im.samp_factor  # rows: (v? h?) per component
    length = len(message)
    width = length.bit_length()
    header = [(width >> (4 - i)) & 1 for i in range(5)] + [(length >> (width - 1 - i)) & 1 for i in range(width)]
    bits = iter(header + list(bits_of(message)))
    # samp_factor rows are (v, h) in jpeglib; Y is 2x2 for 4:2:0.
    vmax = max(int(s[0]) for s in samp)
    hmax = max(int(s[1]) for s in samp)
    mcu_rows = math.ceil(im.height / (8 * vmax))
    mcu_cols = math.ceil(im.width / (8 * hmax))
    for my in range(mcu_rows):
        for mx in range(mcu_cols):
            for comp, (v, h) in zip(comps, samp):
                v, h = int(v), int(h)
                for by in range(v):
                    for bx in range(h):
                        row, col = my * v + by, mx * h + bx
                        if row >= comp.shape[0] or col >= comp.shape[1]:
                            continue
                        block = comp[row, col]
                        for k in ZIGZAG:
                            value = int(block[k // 8, k % 8])
                            if value in (0, 1):
                                continue
                            bit = next(bits, None)
                            if bit is None:
                                im.Y, im.Cb, im.Cr = comps
                                im.write_dct(dst)
                                return
                            block[k // 8, k % 8] = (value & ~1) | bit
    raise ValueError("message does not fit")


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    elf_small = open(os.path.join(HERE, "elf", "min-x86_64-sht-mid.elf"), "rb").read()
    elf_miner = open(os.path.join(HERE, "elf", "payload-x86_64.elf"), "rb").read()

    # stegano (PyPI), on a drawn cover.
    clean = cover(160, 120, 1)
    clean.save(os.path.join(OUT, "stegano-clean-cover.png"))
    expected["stegano-clean-cover.png"] = {"findings": [], "domain": "pixels", "signal": "none"}
    secret = lsb.hide(cover(160, 120, 1), MESSAGE)
    secret.save(os.path.join(OUT, "stegano-lsb-text.png"))
    framed = f"{len(MESSAGE)}:{MESSAGE}".encode()
    expected["stegano-lsb-text.png"] = {"domain": "pixels", "signal": "none", "findings": [{
        "layout": "planes:b0,rgb,msb-first,xy", "kind": "text", "offset": 0,
        "prefix": framed.decode(), "prefix_sha256": sha(framed)}]}

    # Sequential LSB at several rates on a photograph crop.
    base = photo("coffee", 40, 120, 256)
    Image.fromarray(base).save(os.path.join(OUT, "photo-clean-coffee.png"))
    expected["photo-clean-coffee.png"] = {"findings": [], "domain": "pixels", "signal": "none"}
    rng = random.Random(6)
    capacity_bits = base.shape[0] * base.shape[1] * 3
    for rate in (0.05, 0.1, 0.2, 0.4, 0.7, 1.0):
        total = int(capacity_bits * rate) // 8
        data = elf_small + bytes(rng.getrandbits(8) for _ in range(total - len(elf_small)))
        name = f"lsb-seq-{int(rate * 100):03d}.png"
        Image.fromarray(embed_pixels(base, data, [0], "rgb", True)).save(os.path.join(OUT, name))
        expected[name] = {"domain": "pixels", "rate": rate,
                          "signal": "detected" if rate >= 0.4 else "any",
                          "findings": [payload_entry("planes:b0,rgb,msb-first,xy", elf_small)]}

    # The miner-like ELF in other default layouts.
    cases = [
        ("lsb-elf-bgr-lsb-first.png", photo("astronaut", 0, 160, 256), [0], "bgr", False, "planes:b0,bgr,lsb-first,xy"),
        ("lsb-elf-b0-1-rgb.png", photo("chelsea", 20, 100, 192), [0, 1], "rgb", True, "planes:b0-1,rgb,msb-first,xy"),
    ]
    for name, picture, planes, channels, msb, layout in cases:
        Image.fromarray(embed_pixels(picture, elf_miner, planes, channels, msb)).save(os.path.join(OUT, name))
        expected[name] = {"domain": "pixels", "signal": "any", "findings": [payload_entry(layout, elf_miner)]}

    # A 24-bit BMP with the ELF in the LSBs of its bytes in file order (bottom row first, B,G,R),
    # as BMP LSB tools (wbStego's layout, without its framing) write them.
    picture = photo("rocket", 100, 200, 160)
    flipped = embed_pixels(np.ascontiguousarray(picture[::-1]), elf_small, [0], "bgr", True)[::-1]
    Image.fromarray(np.ascontiguousarray(flipped)).save(os.path.join(OUT, "bmp-lsb-elf-file-order.bmp"))
    expected["bmp-lsb-elf-file-order.bmp"] = {"domain": "pixels", "signal": "any",
                                               "findings": [payload_entry("planes:b0,bgr,msb-first,xy-bottom-up", elf_small)]}

    with tempfile.TemporaryDirectory() as tmp:
        # JPEG cover: a 4:2:0 photograph crop whose sides are multiples of 16.
        cover_jpg = os.path.join(tmp, "cover.jpg")
        Image.fromarray(photo("astronaut", 100, 100, 320)).save(cover_jpg, quality=90)
        shutil.copyfile(cover_jpg, os.path.join(OUT, "jpeg-clean-cover.jpg"))
        expected["jpeg-clean-cover.jpg"] = {"findings": [], "domain": "dct", "signal": "none"}

        jsteg_embed(cover_jpg, os.path.join(OUT, "jsteg-elf.jpg"), elf_small)
        expected["jsteg-elf.jpg"] = {"domain": "dct", "signal": "any", "fingerprints": ["jsteg-length-header"],
                                     "findings": [payload_entry("jsteg,zigzag,msb-first,length-header", elf_small, "dct")]}

        secret_txt = os.path.join(tmp, "secret.txt")
        with open(secret_txt, "w") as f:
            f.write("StegCarve corpus: benign keyed message. " * 8)
        subprocess.run(["steghide", "embed", "-q", "-f", "-cf", cover_jpg, "-ef", secret_txt, "-p", "corpus",
                        "-sf", os.path.join(OUT, "steghide-text.jpg")], check=True)
        expected["steghide-text.jpg"] = {"findings": [], "domain": "dct", "signal": "none",
                                         "note": "keyed (passphrase 'corpus'); steghide keeps first-order statistics: not detected"}
        subprocess.run(["outguess", "-k", "corpus", "-d", secret_txt, cover_jpg, os.path.join(OUT, "outguess-text.jpg")],
                       check=True, capture_output=True)
        expected["outguess-text.jpg"] = {"findings": [], "domain": "dct", "signal": "none",
                                         "note": "keyed (key 'corpus'); OutGuess corrects the histogram: not detected"}

        Image.fromarray(photo("coffee", 0, 0, 160)).save(os.path.join(OUT, "f5-comment.jpg"), quality=80, comment=F5_COMMENT)
        expected["f5-comment.jpg"] = {"findings": [], "domain": "dct", "signal": "detected", "fingerprints": ["f5-comment"]}

    gen_stego_tools.main(expected)
    import gen_stego_formats  # imports this module: loaded here, not at the top
    gen_stego_formats.main(expected)

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
