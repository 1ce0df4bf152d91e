#!/usr/bin/env python3
"""justify.py - how justified Thai reads: gaps, short lines, copied text.

    justify.py RAINGAN RG_TEXTDUMP WORK [--fonts a,b] [--widths 120,200,453]
               [--corpus FILE]

Builds a corpus of Thai paragraphs (tests/data/text, the paragraphs and
cells of samples/*.xml, and the OCR'd seeds in ../shared/seeds when they
are there), typesets it at each measure, in justify and thai-distributed,
in each font, and measures every PDF with tests/tools/justcheck.py.
Prints one Markdown row per font, measure and mode, then the totals:

  gap em    largest gap between two characters with no space between
  space em  largest gap around a space
  short     non-final lines ending short by more than 1 % / 5 % of the measure
  false     spaces read where the source has none: pdftotext / -raw / mutool
            / pdf.js
  order     runs whose extracted text is not complete and in order

Only counts, no timings: it measures the layout, not the speed."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
from justcheck import corpus, measure  # noqa: E402

FONTS = {
    "Sarabun": os.path.join(ROOT, "fonts", "Sarabun-Regular.ttf"),
    "TH Sarabun New": os.path.join(ROOT, "tests", "thaifonts", "node_modules",
                                   "font-th-sarabun-new", "fonts", "THSarabunNew-webfont.ttf"),
    "Laksaman": "/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
    "Garuda": "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "Loma": "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "Noto Sans Thai": "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    "Noto Serif Thai": "/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf",
}


def one(rg, dump, work, src, font, width, align, size=16.0):
    pdf = os.path.join(work, "j.pdf")
    dmp = os.path.join(work, "j.dump")
    args = ["--width", str(width), "--align", align, "--font", font]
    p = subprocess.run([rg, "typeset", "-q", src, "-o", pdf] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("raingan typeset failed: " + p.stderr.decode())
    with open(dmp, "w") as fh:
        subprocess.run([dump, src] + args, stdout=fh, check=True)
    return measure(pdf, src, dmp, float(width), size)


def main():
    rg, dump, work = sys.argv[1:4]
    opts = dict(zip(sys.argv[4::2], sys.argv[5::2]))
    fonts = [f for f in (opts.get("--fonts") or ",".join(FONTS)).split(",")]
    widths = [int(w) for w in opts.get("--widths", "120,200,453").split(",")]
    os.makedirs(work, exist_ok=True)
    src = opts.get("--corpus") or os.path.join(work, "corpus.txt")
    if "--corpus" not in opts:
        n = corpus(ROOT, src, shared=True)
        print("corpus: %d paragraphs, %d characters\n" % (n, len(open(src, encoding="utf-8").read())))
    print("| font | measure pt | mode | lines | gap em | space em | short >1 % | short >5 % "
          "| false spaces (pdftotext / -raw / mutool / pdf.js) | order |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---|---:|")
    tot = {}
    for name in fonts:
        path = FONTS.get(name, name)
        if not os.path.exists(path):
            print("| %s | | | missing: %s |" % (name, path))
            continue
        for w in widths:
            for align in ("justify", "thai-distributed"):
                r = one(rg, dump, work, src, path, w, align)
                ex = r["extract"]
                false = [ex[t].get("false", 0) for t in ("pdftotext", "pdftotext-raw", "mutool", "pdf.js")]
                bad = sum(not ex[t].get("order") for t in ex)
                print("| %s | %d | %s | %d | %.3f | %.3f | %.1f %% | %.1f %% | %s | %d |" % (
                    name, w, align, r["lines"], r["gap_em"], r["space_em"],
                    100.0 * r["short1"] / max(r["lines"], 1), 100.0 * r["short5"] / max(r["lines"], 1),
                    " / ".join(map(str, false)), bad))
                t = tot.setdefault(align, {"lines": 0, "short1": 0, "short5": 0, "gap": 0.0,
                                           "space": 0.0, "false": [0, 0, 0, 0], "order": 0})
                t["lines"] += r["lines"]
                t["short1"] += r["short1"]
                t["short5"] += r["short5"]
                t["gap"] = max(t["gap"], r["gap_em"])
                t["space"] = max(t["space"], r["space_em"])
                t["false"] = [a + b for a, b in zip(t["false"], false)]
                t["order"] += bad
    print()
    print("| mode | lines | largest gap em | largest space em | short >1 % | short >5 % "
          "| false spaces | order |")
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    for align, t in tot.items():
        print("| %s | %d | %.3f | %.3f | %.1f %% | %.1f %% | %s | %d |" % (
            align, t["lines"], t["gap"], t["space"], 100.0 * t["short1"] / max(t["lines"], 1),
            100.0 * t["short5"] / max(t["lines"], 1), " / ".join(map(str, t["false"])), t["order"]))
    json.dump(tot, open(os.path.join(work, "totals.json"), "w"))


if __name__ == "__main__":
    main()
