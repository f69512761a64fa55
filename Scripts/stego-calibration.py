#!/usr/bin/env python3
"""Measures the pixel steganalysis false-alarm and detection rates (README, "Pixel-level
steganography", Calibration). Needs Pillow, numpy and scikit-image (its bundled pictures) and a
built `stegcarve` (default .build/debug/stegcarve; pass another path as the first argument).

Writes the pictures to a temporary directory, scans each set with `--format jsonl --pixels always`
(a directory sweep otherwise skips decoding and the stego stage) and prints how many reports have
`stego.signal == "detected"`.
"""
import io, json, os, random, subprocess, sys, tempfile
import numpy as np
from stego_photographs import photograph
from PIL import Image

NAMES = ["astronaut", "camera", "coffee", "chelsea", "coins", "moon", "page", "grass", "gravel", "brick",
         "hubble_deep_field", "retina", "rocket", "immunohistochemistry", "cell", "microaneurysms", "clock",
         "horse", "text"]
RATES = ("010", "020", "040", "070")


def pictures():
    rng = random.Random(1)
    for name in NAMES:
        img = photograph(name)
        base = Image.fromarray(img)
        variants = []
        for scale in (1.0, 0.75, 0.5):
            im = base if scale == 1.0 else base.resize((max(8, int(base.width * scale)), max(8, int(base.height * scale))), Image.LANCZOS)
            a = np.asarray(im)
            h, w = a.shape[:2]
            for size in (128, 256):
                for _ in range(6):
                    if h < size or w < size:
                        break
                    y, x = rng.randrange(0, h - size + 1), rng.randrange(0, w - size + 1)
                    variants.append(a[y:y + size, x:x + size])
        for a in variants[:6]:
            buffer = io.BytesIO()
            Image.fromarray(a).save(buffer, "JPEG", quality=85)
            buffer.seek(0)
            variants.append(np.asarray(Image.open(buffer)))
        for index, a in enumerate(variants):
            yield f"{name}-{index}", np.ascontiguousarray(a)


def embed(a, rate, seed):
    flat = a.reshape(-1).copy()
    n = int(len(flat) * rate)
    bits = np.unpackbits(np.frombuffer(random.Random(seed).randbytes((n + 7) // 8), dtype=np.uint8))[:n]
    flat[:n] = (flat[:n] & 0xFE) | bits
    return flat.reshape(a.shape)


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "stegcarve")
    with tempfile.TemporaryDirectory() as root:
        for folder in ("clean",) + tuple("seq" + r for r in RATES):
            os.makedirs(os.path.join(root, folder))
        for index, (name, a) in enumerate(pictures()):
            Image.fromarray(a).save(os.path.join(root, "clean", name + ".png"))
            if index % 2 == 0:
                for rate in RATES:
                    Image.fromarray(embed(a, int(rate) / 100, index)).save(os.path.join(root, "seq" + rate, name + ".png"))
        for folder in ("clean",) + tuple("seq" + r for r in RATES):
            run = subprocess.run([tool, "scan", "--format", "jsonl", "--pixels", "always", os.path.join(root, folder)],
                                 capture_output=True, text=True)
            reports = [json.loads(line) for line in run.stdout.splitlines()]
            detected = [r["path"] for r in reports if (r.get("stego") or {}).get("signal") == "detected"]
            print(f"{folder}: {len(detected)} of {len(reports)} detected ({100 * len(detected) / max(1, len(reports)):.2f}%)")
            if folder == "clean":
                for path in detected:
                    print("   ", os.path.basename(path))


if __name__ == "__main__":
    main()
