#!/usr/bin/env python3
"""copycheck.py - the text of a PDF as three readers copy it, against its
source, line for line.

    copycheck.py PDF SOURCE.txt LABEL

The readers: poppler (`pdftotext -raw`, content order), MuPDF
(`mutool draw -F txt`) and Firefox's pdf.js (tests/pdfjs/extract.mjs, the
viewer's getTextContent joined as its copy handler joins it).  SOURCE's
lines must each fit on one typeset line; every reader must give back
exactly those lines (empty lines and form feeds aside), so a space inside
a word, a lost or doubled character or a reordered mark fails."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from checklib import check, finish, run, truetype_fonts  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def lines(text):
    return [ln for ln in text.replace("\f", "\n").split("\n") if ln.strip()]


def empty_glyphs(pdf):
    """Glyphs of the embedded TrueType fonts that hold data but no contours
    (numberOfContours 0): they draw nothing where a glyph was meant."""
    fonts = truetype_fonts(pdf)
    if fonts is None:
        return ["qpdf --json failed"]
    bad = []
    for name, glyf, loca, u16, _ in fonts:
        for g in range(len(loca) - 1):
            if loca[g + 1] > loca[g] and u16(glyf + loca[g]) == 0:
                bad.append("%s glyph %d" % (name, g))
    return bad


def main():
    pdf, srcpath, label = sys.argv[1:4]
    want = lines(open(srcpath, encoding="utf-8").read())
    readers = {
        "poppler (pdftotext -raw)": ("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"),
        "MuPDF (mutool draw -F txt)": ("mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf),
        "pdf.js (Firefox's copy)": ("node", os.path.join(HERE, "..", "pdfjs", "extract.mjs"),
                                    pdf),
    }
    bad = empty_glyphs(pdf)
    check("%s: every glyph of the embedded fonts that holds data draws contours" % label,
          not bad, ", ".join(bad[:5]))
    for name, cmd in readers.items():
        rc, out, err = run(*cmd)
        got = lines(out) if rc == 0 else []
        bad = [(w, g) for w, g in zip(want, got) if w != g]
        detail = err.strip()[-300:] if rc else (
            "%d lines, want %d" % (len(got), len(want)) if len(got) != len(want) else
            "want %r\n       got  %r" % bad[0] if bad else "")
        check("%s: %s gives back the source exactly" % (label, name),
              rc == 0 and got == want, detail)
    finish()


main()
