#!/usr/bin/env python3
"""Measures false alarms of the tool framing (wbStego, Camouflage, OpenStego) and of the palette
index layouts on clean pictures (README, "Pixel-level steganography", Tool framing). Needs
Pillow, numpy and scikit-image and a built `stegcarve` (default .build/debug/stegcarve; pass
another path as the first argument).

The calibration crops of stego-calibration.py are written as 24-bit BMP (rows without padding
and with), 8-bit palette BMP, GIF and palette PNG (256 colours, no dithering); every set is
scanned with `--format jsonl` and the script prints how many reports have a finding in the
pixels, a `stego:` finding or a tool fingerprint. Recall check: the same crops as PNG with an
English message in `planes:b0,rgb,msb-first,xy` and in `planes:b0-3,rgb,msb-first,xy`, counted
when a `text` finding is reported.
"""
import importlib.util, json, os, subprocess, sys, tempfile
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("calibration", os.path.join(HERE, "stego-calibration.py"))
calibration = importlib.util.module_from_spec(spec)
spec.loader.exec_module(calibration)


def all_findings(findings):
    for finding in findings:
        yield finding
        yield from all_findings(finding.get("children", []))


def pixel_flags(tool):
    """`--pixels always` where the CLI has it (directory sweeps skip pixel analysis by default)."""
    usage = subprocess.run([tool, "scan", "--help"], capture_output=True, text=True)
    return ["--pixels", "always"] if "--pixels" in usage.stdout + usage.stderr else []


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", ".build", "debug", "stegcarve")
    sets = {"bmp24": ".bmp", "bmp24-padded": ".bmp", "bmp8": ".bmp", "gif": ".gif", "png-palette": ".png",
            "text-b0": ".png", "text-b0-3": ".png"}
    message = (b"Meet me at the old mill at dawn; bring the second key and the ledger. "
               b"The shipment moves on Thursday, not Friday.")
    with tempfile.TemporaryDirectory() as root:
        for folder in sets:
            os.makedirs(os.path.join(root, folder))
        for name, a in calibration.pictures():
            image = Image.fromarray(a).convert("RGB")
            image.save(os.path.join(root, "bmp24", name + ".bmp"))
            image.crop((0, 0, image.width - 1, image.height)).save(os.path.join(root, "bmp24-padded", name + ".bmp"))
            paletted = image.quantize(256, dither=Image.Dither.NONE)
            paletted.save(os.path.join(root, "bmp8", name + ".bmp"))
            paletted.save(os.path.join(root, "gif", name + ".gif"), optimize=False)
            paletted.save(os.path.join(root, "png-palette", name + ".png"))
            rgb = np.asarray(image).copy()
            for folder, planes in (("text-b0", 1), ("text-b0-3", 4)):
                flat = rgb.reshape(-1).copy()
                bits = np.unpackbits(np.frombuffer(message, dtype=np.uint8))
                if bits.size > flat.size * planes:
                    continue
                values = bits.reshape(-1, planes).dot(1 << np.arange(planes - 1, -1, -1)) if planes > 1 else bits
                mask = (1 << planes) - 1
                flat[:values.size] = (flat[:values.size] & np.uint8(0xFF ^ mask)) | values.astype(np.uint8)
                Image.fromarray(flat.reshape(rgb.shape)).save(os.path.join(root, folder, name + ".png"))
        for folder in sets:
            run = subprocess.run([tool, "scan", "--format", "jsonl", *pixel_flags(tool), os.path.join(root, folder)], capture_output=True, text=True)
            reports = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
            if folder.startswith("text"):
                found = sum(1 for r in reports if any(f["type"] == "text" for f in r.get("findings", [])))
                print(f"{folder}: text found in {found} of {len(reports)}")
                continue
            flagged = []
            for r in reports:
                findings = list(all_findings(r.get("findings", [])))
                fingerprints = set((r.get("stego") or {}).get("fingerprints", []))
                if any(f["region"].startswith("pixels:") or f["type"].startswith("stego:") for f in findings) \
                        or fingerprints & {"wbstego-header", "camouflage-trailer", "openstego-header"}:
                    flagged.append(os.path.basename(r["path"]))
            analysed = sum(1 for r in reports if r.get("stego"))
            print(f"{folder}: {len(flagged)} of {len(reports)} flagged ({analysed} analysed)")
            for path in flagged:
                print("   ", path)


if __name__ == "__main__":
    main()
