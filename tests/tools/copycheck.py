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
from checklib import check, finish, run  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def lines(text):
    return [ln for ln in text.replace("\f", "\n").split("\n") if ln.strip()]


def main():
    pdf, srcpath, label = sys.argv[1:4]
    want = lines(open(srcpath, encoding="utf-8").read())
    readers = {
        "poppler (pdftotext -raw)": ("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"),
        "MuPDF (mutool draw -F txt)": ("mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf),
        "pdf.js (Firefox's copy)": ("node", os.path.join(HERE, "..", "pdfjs", "extract.mjs"),
                                    pdf),
    }
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
