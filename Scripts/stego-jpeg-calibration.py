#!/usr/bin/env python3
"""Calibrates the JPEG coefficient chi-square (README, "Pixel-level steganography", JPEG
calibration). Needs Pillow, numpy, scikit-image and jpeglib and a built `stegcarve` (default
.build/debug/stegcarve; pass another path as the first argument).

Clean: the 648 crops of stego-calibration.py saved as JPEG at quality 75 and 90 (1,296 files).
Stego: every fourth crop embedded JSteg-style (gen_stego.py's jsteg_embed: sequential, length
header, random bytes) over about 10%, 40% and 100% of its usable coefficients. Prints how many
reports of each set have `stego.signal == "detected"`.
"""
import importlib.util, json, os, random, subprocess, sys, tempfile
import numpy as np
import jpeglib
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Corpus"))
from gen_stego import jsteg_embed

spec = importlib.util.spec_from_file_location("calibration", os.path.join(HERE, "stego-calibration.py"))
calibration = importlib.util.module_from_spec(spec)
spec.loader.exec_module(calibration)


def pixel_flags(tool):
    """`--pixels always` where the CLI has it (directory sweeps skip pixel analysis by default)."""
    usage = subprocess.run([tool, "scan", "--help"], capture_output=True, text=True)
    return ["--pixels", "always"] if "--pixels" in usage.stdout + usage.stderr else []


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", ".build", "debug", "stegcarve")
    sets = ["clean", "jsteg-10", "jsteg-40", "jsteg-100"]
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as root:
        for folder in sets:
            os.makedirs(os.path.join(root, folder))
        for index, (name, a) in enumerate(calibration.pictures()):
            for quality in (75, 90):
                path = os.path.join(root, "clean", f"{name}-{quality}.jpg")
                Image.fromarray(a).save(path, quality=quality)
                if index % 4:
                    continue
                image = jpeglib.read_dct(path)
                usable = sum(int(np.count_nonzero((c != 0) & (c != 1))) for c in (image.Y, image.Cb, image.Cr) if c is not None)
                for share in (10, 40, 100):
                    size = usable * share // 100 // 8 - 4
                    if size >= 16:
                        try:
                            jsteg_embed(path, os.path.join(root, f"jsteg-{share}", f"{name}-{quality}.jpg"), rng.randbytes(size))
                        except Exception:
                            pass
        for folder in sets:
            run = subprocess.run([tool, "scan", "--format", "jsonl", *pixel_flags(tool), os.path.join(root, folder)], capture_output=True, text=True)
            reports = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
            detected = [r for r in reports if (r.get("stego") or {}).get("signal") == "detected"]
            print(f"{folder}: {len(detected)} of {len(reports)} detected ({100 * len(detected) / max(1, len(reports)):.2f}%)")
            if folder == "clean":
                for r in detected:
                    print("   ", os.path.basename(r["path"]))


if __name__ == "__main__":
    main()
