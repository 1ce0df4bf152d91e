#!/bin/bash
# breakchars.sh - the soft hyphen and the no-break space, drawn and copied.
#
# Soft hyphen (U+00AD): a line broken at one ends with a drawn hyphen
# after Latin (none after Thai, which breaks words without one) and
# nothing is drawn where no break happens; the hyphen is an outline that
# carries no text and the soft hyphen's character starts the next line's
# text, so poppler (`pdftotext -raw`), MuPDF (`mutool draw -F txt`) and
# pdf.js (tests/pdfjs/extract.mjs) all give back the source, split where
# the line breaks, over the seven Thai fonts of copypaste.sh.
#
# No-break space (U+00A0): never a line break beside it, at any measure;
# poppler gives it back (raingan wraps it and the next character in one
# /ActualText, as poppler reads a lone whitespace character as a space);
# MuPDF and pdf.js give a plain space, which no PDF can change: MuPDF turns
# U+00A0 into a space even inside a longer ToUnicode text, and pdf.js
# reads every whitespace character as one (Firefox's copy also maps NBSP to
# a space).  Those two are asserted as they are, so a change shows.
#   bash breakchars.sh RAINGAN SOURCE_DIR [RG_TEXTDUMP]
set -u
RG=$1 SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=0
exec python3 - "$RG" "$SRC" "$TMP" <<'PY'
import os, sys
rg, src, tmp = sys.argv[1:4]
sys.path.insert(0, os.path.join(src, "tests", "tools"))
from checklib import check, finish, run

SHY, NBSP = "\u00ad", "\u00a0"
FONTS = [os.path.join(src, "fonts", "Sarabun-Regular.ttf"),
         "/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
         "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
         "/usr/share/fonts/truetype/tlwg/Loma.ttf",
         "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
         "/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf",
         os.path.join(src, "tests", "thaifonts", "node_modules", "font-th-sarabun-new", "fonts",
                      "THSarabunNew-webfont.ttf")]
READERS = {
    "poppler": ("pdftotext", "-raw", "-enc", "UTF-8"),
    "MuPDF": ("mutool", "draw", "-q", "-F", "txt", "-o", "-"),
    "pdf.js": ("node", os.path.join(src, "tests", "pdfjs", "extract.mjs")),
}


def lines(text):
    return [ln for ln in text.replace("\f", "\n").split("\n") if ln.strip()]


def typeset(text, font, width, name):
    txt, pdf = os.path.join(tmp, name + ".txt"), os.path.join(tmp, name + ".pdf")
    with open(txt, "w", encoding="utf-8") as f:
        f.write(text)
    rc, _, err = run(rg, "typeset", "-q", txt, "--font", font, "-w", str(width), "-o", pdf)
    bad = [l for l in err.splitlines() if l.strip() and not l.startswith("  hint:")
           and not l.endswith("[fallback-glyph]")]
    check("%s: raingan typesets %s without other diagnostics" % (name, os.path.basename(txt)),
          rc == 0 and not bad, err.strip())
    return pdf


def read(reader, pdf):
    cmd = READERS[reader]
    args = cmd + ((pdf, "-") if reader == "poppler" else (pdf,))
    rc, out, err = run(*args)
    return lines(out) if rc == 0 else ["<%s failed: %s>" % (reader, err.strip()[-200:])]


def paths(pdf):
    """Filled outlines on the page (glyphs drawn as paths: the hyphens)."""
    rc, out, _ = run("mutool", "trace", pdf)
    return out.count("<fill_path") if rc == 0 else -1


# ---- soft hyphen -----------------------------------------------------------
source = "infor" + SHY + "mation\nประสิทธิ" + SHY + "ภาพ\n"
broken = ["infor", SHY + "mation", "ประสิทธิ", SHY + "ภาพ"]
for font in FONTS:
    label = os.path.splitext(os.path.basename(font))[0]
    if not os.path.exists(font):
        check("the font is installed: " + font, False)
        continue
    narrow = typeset(source, font, 60, label + "-shy-60")
    for reader in READERS:
        got = read(reader, narrow)
        check("%s at 60 pt: %s gives the lines infor / SHY+mation / ประสิทธิ / SHY+ภาพ "
              "(the source, split at its soft hyphens)" % (label, reader), got == broken,
              "got %r" % got)
    check("%s at 60 pt: one hyphen is drawn, after infor (none after Thai)" % label,
          paths(narrow) == 1, "%d filled paths" % paths(narrow))
    wide = typeset(source, font, 300, label + "-shy-300")
    for reader in READERS:
        got = read(reader, wide)
        check("%s at 300 pt: %s gives back the source lines, soft hyphens inside"
              % (label, reader), got == lines(source), "got %r" % got)
    check("%s at 300 pt: no line breaks at a soft hyphen, so no hyphen is drawn" % label,
          paths(wide) == 0, "%d filled paths" % paths(wide))

# ---- no-break space --------------------------------------------------------
sarabun = FONTS[0]
nb = "ราคา 100" + NBSP + "บาท ตาม ISO" + NBSP + "9001 ของ ดร." + NBSP + "สมชาย\n"
split_bad = []
for width in range(76, 240, 4):
    pdf = typeset(nb, sarabun, width, "nbsp-%d" % width)
    got = read("poppler", pdf)
    for a, b in zip(got, got[1:]):
        if a.endswith(("100", "ISO", "ดร.")) or b.startswith(("บาท", "9001", "สมชาย")):
            split_bad.append("%d pt: %s | %s" % (width, a, b))
check("no line breaks beside a no-break space at any measure from 76 to 236 pt (each unit fits a line)",
      not split_bad, "; ".join(split_bad[:3]))
pdf = typeset(nb, sarabun, 400, "nbsp-400")
want = {"poppler": [nb.strip()], "MuPDF": [nb.strip().replace(NBSP, " ")],
        "pdf.js": [nb.strip().replace(NBSP, " ")]}
for reader in READERS:
    got = read(reader, pdf)
    what = "gives back U+00A0" if reader == "poppler" else "gives a plain space for U+00A0"
    check("no-break space: %s %s" % (reader, what), got == want[reader], "got %r" % got)
finish()
PY
