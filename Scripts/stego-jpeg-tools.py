#!/usr/bin/env python3
"""Measures what the JPEG steganalysis makes of real keyed embedders (README, "Pixel-level
steganography", JPEG tools). Needs Pillow, numpy, scikit-image, Debian's `outguess` (0.4) and
`steghide`, and a built `stegcarve` (default .build/debug/stegcarve; pass another path as the
first argument).

Covers: 256x256 crops of scikit-image's photographs saved as JPEG (quality 75 and 90). Each
cover is embedded with OutGuess and steghide at about 10% and about 90% of the capacity the tool
reports (random bytes, key `corpus`), and with JSteg-style sequential embedding (gen_stego.py's
jsteg_embed: 5-bit width + length header, then random bytes) over about 10%, 40% and 100% of the
usable coefficients; every set is scanned with `--format jsonl` and the script prints how many
reports have `stego.signal == "detected"` or any fingerprint.
"""
import json, os, random, re, subprocess, sys, tempfile
import numpy as np
import jpeglib
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Corpus"))
from gen_stego import jsteg_embed
from stego_photographs import photograph
from PIL import Image

NAMES = ["astronaut", "camera", "coffee", "chelsea", "coins", "moon", "page", "gravel", "brick",
         "hubble_deep_field", "retina", "rocket", "immunohistochemistry", "horse", "grass"]


def covers(root):
    rng = random.Random(7)
    paths = []
    for name in NAMES:
        img = photograph(name)
        h, w = img.shape[:2]
        for quality in (75, 90):
            for index in range(2):
                if h < 256 or w < 256:
                    continue
                y, x = rng.randrange(0, h - 255), rng.randrange(0, w - 255)
                path = os.path.join(root, "clean", f"{name}-{quality}-{index}.jpg")
                Image.fromarray(np.ascontiguousarray(img[y:y + 256, x:x + 256])).save(path, quality=quality)
                paths.append(path)
    return paths


def outguess_capacity(cover, root):
    probe = os.path.join(root, "probe.bin")
    with open(probe, "wb") as f:
        f.write(b"x")
    run = subprocess.run(["outguess", "-k", "corpus", "-d", probe, cover, os.path.join(root, "probe.jpg")],
                         capture_output=True, text=True)
    match = re.search(r"Correctable message size: (\d+) bits", run.stderr + run.stdout)
    return int(match.group(1)) // 8 if match else 0


def steghide_capacity(cover):
    run = subprocess.run(["steghide", "info", "-p", "", cover], capture_output=True, text=True, input="n\n")
    match = re.search(r"capacity:\s*([\d.]+)\s*(Byte|KB)", run.stdout + run.stderr)
    if not match:
        return 0
    value = float(match.group(1))
    return int(value * 1024) if match.group(2) == "KB" else int(value)


def pixel_flags(tool):
    """`--pixels always` where the CLI has it (directory sweeps skip pixel analysis by default)."""
    usage = subprocess.run([tool, "scan", "--help"], capture_output=True, text=True)
    return ["--pixels", "always"] if "--pixels" in usage.stdout + usage.stderr else []


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "stegcarve")
    sets = ["clean", "outguess-10", "outguess-90", "steghide-10", "steghide-90", "jsteg-10", "jsteg-40", "jsteg-100"]
    with tempfile.TemporaryDirectory() as root:
        for folder in sets:
            os.makedirs(os.path.join(root, folder))
        rng = random.Random(8)
        for cover in covers(root):
            base = os.path.basename(cover)
            og, sh = outguess_capacity(cover, root), steghide_capacity(cover)
            for share in (10, 90):
                for tool_name, capacity in (("outguess", og), ("steghide", sh)):
                    size = capacity * share // 100
                    if size < 16:
                        continue
                    message = os.path.join(root, "message.bin")
                    with open(message, "wb") as f:
                        f.write(rng.randbytes(size))
                    out = os.path.join(root, f"{tool_name}-{share}", base)
                    if tool_name == "outguess":
                        cmd = ["outguess", "-k", "corpus", "-d", message, cover, out]
                    else:
                        cmd = ["steghide", "embed", "-q", "-f", "-cf", cover, "-ef", message, "-p", "corpus", "-sf", out]
                    subprocess.run(cmd, capture_output=True)
        for cover in sorted(os.listdir(os.path.join(root, "clean"))):
            path = os.path.join(root, "clean", cover)
            im = jpeglib.read_dct(path)
            usable = sum(int(np.count_nonzero((c != 0) & (c != 1))) for c in (im.Y, im.Cb, im.Cr) if c is not None)
            for share in (10, 40, 100):
                size = usable * share // 100 // 8 - 4
                if size < 16:
                    continue
                try:
                    jsteg_embed(path, os.path.join(root, f"jsteg-{share}", cover), rng.randbytes(size))
                except (ValueError, StopIteration):
                    pass
        for folder in sets:
            run = subprocess.run([tool, "scan", "--format", "jsonl", *pixel_flags(tool), os.path.join(root, folder)], capture_output=True, text=True)
            reports = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
            detected = [r for r in reports if (r.get("stego") or {}).get("signal") == "detected"]
            printed = [r for r in reports if (r.get("stego") or {}).get("fingerprints")]
            print(f"{folder}: {len(detected)} of {len(reports)} detected ({100 * len(detected) / max(1, len(reports)):.1f}%), "
                  f"{len(printed)} with a fingerprint")
            for r in detected + printed:
                stego = r.get("stego") or {}
                print(f"    {os.path.basename(r['path'])}: {stego.get('signal')} {stego.get('fingerprints')} {stego.get('meaning')}")


if __name__ == "__main__":
    main()
