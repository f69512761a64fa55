#!/usr/bin/env python3
"""False-alarm evaluation over real, clean pictures from Debian packages (issue 19).

Installs the packages below with apt-get (root; `--no-install` skips that), gathers their
pictures (JPEG, PNG, GIF, WebP, TIFF, BMP, ICO, MPO: whatever they ship), and scans them with
`stegcarve` twice: with the default settings (`scan --format jsonl --files-from LIST`, as a
sweep runs) and with `--pixels always --stego default`. Every verdict other than `clean` is
printed with its reasons. A `suspicious` file must be named in the expected list
(Scripts/false-alarm-expected.txt: `<package>:<path inside it>  <why it really is
malformed>`), and a file listed there must still be suspicious.

Pass: no `malicious` at all, and `suspicious` on files not in the expected list at most 0.2%
of the files. `--compare PATH` runs a second build (the YARA build) the same way and fails
unless every file gets the same verdict and score from both. `--markdown` prints the README
table.

Run by hand, not in CI (it downloads about 190 MB of packages):

    swift build -c release && sudo python3 Scripts/false-alarm-evaluation.py .build/release/stegcarve
    swift build -c release --traits YARA --build-path .build-yara
    python3 Scripts/false-alarm-evaluation.py --no-install .build/release/stegcarve --compare .build-yara/release/stegcarve

Python 3 standard library only.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Debian packages that ship pictures and are not image test collections: desktop
# backgrounds, icon themes, documentation screenshots and images, game and TeX data, and
# the bitmaps and icons of an installer toolkit.
PACKAGES = [
    "desktop-base",        # Debian's wallpapers, login and boot themes (PNG, JPEG)
    "gnome-backgrounds",   # GNOME wallpapers (WebP)
    "tango-icon-theme",    # icon theme (PNG)
    "adwaita-icon-theme",  # icon theme (PNG)
    "gimp-data",           # GIMP's patterns, brushes' previews, splash (PNG, JPEG)
    "libgtk-3-doc",        # GTK 3 reference: widget screenshots (PNG)
    "gnome-user-docs",     # GNOME help: screenshots and figures (PNG)
    "imagemagick-6-doc",   # ImageMagick's HTML documentation images (PNG, JPEG, GIF, ICO)
    "python3.11-doc",      # Python's HTML documentation images (PNG)
    "latex2html",          # LaTeX2HTML's navigation icons (GIF, PNG)
    "pingus-data",         # game data (PNG, JPEG)
    "frozen-bubble-data",  # game data (PNG, GIF)
    "freeciv-data",        # game tilesets (PNG)
    "lbreakout2-data",     # game data (PNG)
    "neverball-data",      # game textures (JPEG, PNG)
    "tuxpaint-data",       # drawing program's stamps and brushes (PNG, JPEG, ICO)
    "nsis-common",         # NSIS installer graphics (BMP, ICO)
]

EXTENSIONS = {
    ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp",
    ".tif": "tiff", ".tiff": "tiff", ".bmp": "bmp", ".ico": "ico", ".cur": "ico", ".mpo": "jpeg",
}

# PNG is what most packages ship thousands of; a deterministic, evenly spread sample per
# package keeps the run short while every other format is taken whole.
PNG_PER_PACKAGE = 250

EXPECTED = Path(__file__).with_name("false-alarm-expected.txt")
MAX_SUSPICIOUS_SHARE = 0.002
BATCH = 400


def install() -> None:
    if os.geteuid() != 0:
        sys.exit("installing packages needs root (or pass --no-install when they are installed)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *PACKAGES], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def pictures() -> list[tuple[str, str, Path]]:
    """(package, format by extension, path): every picture of every package, PNGs sampled;
    symbolic links and files with the same bytes as one already taken are left out."""
    chosen: list[tuple[str, str, Path]] = []
    seen: set[str] = set()
    for package in PACKAGES:
        listing = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
        if listing.returncode != 0:
            sys.exit(f"{package} is not installed (run as root without --no-install)")
        files = []
        for line in sorted(set(listing.stdout.splitlines())):
            path = Path(line)
            kind = EXTENSIONS.get(path.suffix.lower())
            if kind and path.is_file() and not path.is_symlink():
                files.append((kind, path))
        png = [entry for entry in files if entry[0] == "png"]
        if len(png) > PNG_PER_PACKAGE:
            step = len(png) / PNG_PER_PACKAGE
            keep = {png[int(index * step)][1] for index in range(PNG_PER_PACKAGE)}
            files = [entry for entry in files if entry[0] != "png" or entry[1] in keep]
        for kind, path in files:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            chosen.append((package, kind, path))
    return chosen


def scan(tool: str, paths: list[Path], extra: list[str]) -> dict[str, dict]:
    """The JSON report of every path, keyed by path."""
    reports: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for start in range(0, len(paths), BATCH):
            listing = Path(scratch) / "files.txt"
            listing.write_text("".join(f"{path}\n" for path in paths[start:start + BATCH]))
            run = subprocess.run([tool, "scan", "--format", "jsonl", *extra, "--files-from", str(listing)],
                                 capture_output=True, text=True)
            for line in run.stdout.splitlines():
                report = json.loads(line)
                reports[report["path"]] = report
    missing = [str(path) for path in paths if str(path) not in reports]
    if missing:
        sys.exit(f"{tool} reported nothing for {len(missing)} files, e.g. {missing[0]}")
    return reports


def load_expected() -> dict[str, str]:
    expected = {}
    for line in EXPECTED.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, why = line.partition("  ")
        expected[name.strip()] = why.strip()
    return expected


RUNS = [("default", []), ("pixels", ["--pixels", "always", "--stego", "default"])]


def evaluate(tool: str, chosen: list[tuple[str, str, Path]]) -> dict[str, dict[str, dict]]:
    paths = [path for _, _, path in chosen]
    return {name: scan(tool, paths, extra) for name, extra in RUNS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stegcarve", nargs="?", default=str(Path(__file__).resolve().parent.parent / ".build/debug/stegcarve"))
    parser.add_argument("--no-install", action="store_true", help="use the packages already installed")
    parser.add_argument("--compare", metavar="STEGCARVE", help="a second build (the YARA build) that must agree on every verdict")
    parser.add_argument("--markdown", action="store_true", help="print the README table")
    args = parser.parse_args()
    if not args.no_install:
        install()
    chosen = pictures()
    package_of = {str(path): f"{package}:{path}" for package, _, path in chosen}
    expected = load_expected()
    results = evaluate(args.stegcarve, chosen)
    failures: list[str] = []

    formats = collections.Counter(kind for _, kind, _ in chosen)
    print(f"{len(chosen)} pictures from {len(PACKAGES)} packages: "
          + ", ".join(f"{kind} {count}" for kind, count in sorted(formats.items())))
    table: dict[str, dict[str, collections.Counter]] = {}
    for run, reports in results.items():
        verdicts = collections.Counter(report["verdict"] for report in reports.values())
        print(f"\n== {run}: " + ", ".join(f"{verdict} {count}" for verdict, count in sorted(verdicts.items())))
        per_format: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for _, kind, path in chosen:
            per_format[kind][reports[str(path)]["verdict"]] += 1
        table[run] = per_format
        unexplained = 0
        for path, report in sorted(reports.items()):
            verdict = report["verdict"]
            if verdict == "clean":
                continue
            name = package_of[path]
            reasons = "; ".join(report.get("reasons", []))
            if verdict == "malicious":
                failures.append(f"{run}: malicious: {name}: {reasons}")
            if verdict == "suspicious":
                if name in expected:
                    print(f"  suspicious (expected: {expected[name]}): {name}: {reasons}")
                    continue
                unexplained += 1
            print(f"  {verdict}: {name}: {reasons}")
        share = unexplained / len(reports)
        print(f"  suspicious on files not in the expected list: {unexplained} ({100 * share:.2f}%)")
        if share > MAX_SUSPICIOUS_SHARE:
            failures.append(f"{run}: {unexplained} unexplained suspicious verdicts ({100 * share:.2f}% > 0.2%)")
        for name in expected:
            path = name.partition(":")[2]
            if path in reports and reports[path]["verdict"] != "suspicious":
                failures.append(f"{run}: {name} is in the expected list but {reports[path]['verdict']}")

    if args.compare:
        other = evaluate(args.compare, chosen)
        for run in results:
            for path, report in results[run].items():
                theirs = other[run][path]
                if (report["verdict"], report.get("score")) != (theirs["verdict"], theirs.get("score")):
                    failures.append(f"{run}: {package_of[path]}: {report['verdict']} ({report.get('score')}) here, "
                                    f"{theirs['verdict']} ({theirs.get('score')}) in {args.compare}")
        print(f"\n{args.compare}: " + ("identical verdicts and scores" if not any(args.compare in f for f in failures) else "differs"))

    if args.markdown:
        verdict_names = ["clean", "benign-extra", "suspicious", "malicious"]
        print("\n| format | files | " + " | ".join(f"default: {v}" for v in verdict_names[1:]) + " | "
              + " | ".join(f"pixels: {v}" for v in verdict_names[1:]) + " |")
        print("|---|---:|" + "---:|" * 6)
        for kind in sorted(formats):
            cells = [str(table[run][kind][v]) for run in ("default", "pixels") for v in verdict_names[1:]]
            print(f"| {kind} | {formats[kind]} | " + " | ".join(cells) + " |")
        totals = [str(sum(table[run][k][v] for k in formats)) for run in ("default", "pixels") for v in verdict_names[1:]]
        print(f"| all | {len(chosen)} | " + " | ".join(totals) + " |")

    if failures:
        print("\nFAIL")
        for failure in failures:
            print("  " + failure)
        return 1
    print("\nPASS: no malicious verdict; unexplained suspicious verdicts within 0.2%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
