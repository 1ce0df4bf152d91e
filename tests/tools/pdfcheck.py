#!/usr/bin/env python3
"""pdfcheck.py - check one `raingan typeset` PDF with the real PDF tools.

    pdfcheck.py PDF SOURCE.txt DUMP WIDTH [--emergency]

DUMP is rg_textdump's output for the same text and options (what the
engine laid out).  The checks, one sentence each, as in testhelp.h:

  1. qpdf --check reports no errors and no warnings;
  2. pdffonts: every font embedded, subset (6-letter tag), with a Unicode
     map, CID TrueType, Identity-H;
  3. pdftotext and mutool draw -F txt return the source: equal after
     removing all whitespace, and every space-separated source token is
     found intact, in order, in the output with line ends removed;
  4. mutool trace: the text glyphs sit where HarfBuzz put them (0.01 pt),
     with the subset glyph ids of the engine's glyphs, and spell the source
     in content order; each glyph the engine marks CID_AS_PATH is drawn as
     a path at its place, and no other path is drawn;
  5. every line end (engine lines, pdftotext lines, mutool lines) falls on
     a break opportunity of the breaker, or, only with --emergency, on a
     grapheme boundary inside a token wider than the line; no glyph
     overflows the line; justified lines end flush unless the engine
     left them short (every gap at its cap).

Prints "ok   - ..." / "FAIL - ..." lines and "N passed, N failed"; exits 1
when anything failed.  Only the standard library is used."""
import re
import subprocess
import sys

MARGIN_L = 85.039
TOL = 0.01

sys.path.insert(0, __import__("os").path.dirname(__file__))
from checklib import check, counts, finish, nows, run, truetype_fonts  # noqa: E402


def load_dump(path):
    d = {"fonts": {}, "paras": [], "brk": {}, "lines": [], "glyphs": []}
    pending = []
    for rec in open(path, encoding="utf-8"):
        f = rec.split()
        if not f:
            continue
        if f[0] == "width":
            d["width"] = float(f[1])
        elif f[0] == "font":
            d["fonts"][int(f[1])] = f[2]
        elif f[0] == "para":
            d["paras"].append((int(f[1]), int(f[2])))
        elif f[0] == "brk":
            d["brk"][int(f[1])] = f[2]
        elif f[0] == "line":
            # A line record follows its glyphs.
            d["lines"].append(dict(page=int(f[1]), start=int(f[2]), end=int(f[3]),
                                   x0=float(f[4]), x1=float(f[5]), hard=int(f[6]),
                                   glyphs=pending))
            pending = []
        elif f[0] == "g":
            g = dict(page=int(f[1]), x=float(f[2]), y=float(f[3]), font=int(f[4]),
                     gid=int(f[5]), path=int(f[6]), cluster=int(f[7]))
            d["glyphs"].append(g)
            pending.append(g)
    return d


def width_aliases(pdf):
    """{font name as mutool names it: {alias gid: the gid it draws}} for the
    width aliases raingan appends to each subset (src/render/sfnt.c): the
    trailing glyphs that are one component at (0, 0) with flags 0x0003, or
    empty (an alias of a space; it maps to None: what it draws is unknown)."""
    res = {}
    for name, glyf, loca, u16, u32 in truetype_fonts(pdf) or []:
        m = {}
        for g in range(len(loca) - 2, 0, -1):
            at, ln = glyf + loca[g], loca[g + 1] - loca[g]
            if ln == 0:
                m[g] = None
            elif ln >= 18 and u16(at) == 0xFFFF and u16(at + 10) == 3 and u32(at + 14) == 0:
                m[g] = u16(at + 12)
            else:
                break
        res[name[1:]] = m
    return res


def parse_trace(xml):
    """Pages of text glyphs and path subpaths from `mutool trace`."""
    pages = []
    cur = None
    font = size = None
    in_path = False
    page_h, mat = 0.0, None
    for ln in xml.splitlines():
        m = re.search(r'<page number="(\d+)" mediabox="[-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+)"', ln)
        if m:
            cur = {"glyphs": [], "paths": []}
            page_h = float(m.group(2))
            pages.append(cur)
            continue
        m = re.search(r'<span font="([^"]*)".*trm="([-\d.]+) ', ln)
        if m:
            font, size = m.group(1), float(m.group(2))
            continue
        m = re.search(r'<g unicode="([^"]*)"( glyph="(\d+)")? x="([-\d.]+)" y="([-\d.]+)" '
                      r'adv="([-\d.]+)"', ln)
        if m:
            u = m.group(1)
            u = u.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            u = u.replace("&amp;", "&")
            u = re.sub(r"&#x([0-9a-fA-F]+);", lambda k: chr(int(k.group(1), 16)), u)
            if m.group(3) is None and cur["glyphs"]:
                cur["glyphs"][-1]["text"] += u  # more text of the same glyph
            else:
                cur["glyphs"].append(dict(text=u, gid=int(m.group(3) or -1),
                                          x=float(m.group(4)), y=float(m.group(5)),
                                          adv=float(m.group(6)) * size, font=font))
            continue
        if "<fill_path" in ln or "<stroke_path" in ln:
            in_path = True
            # Points in PDF page space (y up): the path's transform (the
            # page's flip, times a Form XObject's cm) maps them to the
            # device, y down from the page's top.
            t = re.search(r'transform="([^"]*)"', ln)
            mat = [float(v) for v in t.group(1).split()] if t else [1, 0, 0, -1, 0, page_h]
            continue
        if "</fill_path>" in ln or "</stroke_path>" in ln:
            in_path = False
            continue
        if in_path:
            pts = [float(v) for v in re.findall(r'[xy]\d?="([-\d.]+)"', ln)]
            if ln.strip().startswith("<moveto"):
                cur["paths"].append([])
            if cur["paths"] and pts:
                a, b, c, d, e, f = mat
                cur["paths"][-1].extend(
                    (a * x + c * y + e, page_h - (b * x + d * y + f))
                    for x, y in zip(pts[0::2], pts[1::2]))
    return pages


def line_ends(src_nows_offsets, out_text):
    """Source byte offset after the last character of every non-empty
    extracted line (None when the text diverges)."""
    ends = []
    k = 0
    for ln in out_text.replace("\f", "\n").split("\n"):
        n = len(nows(ln))
        if n == 0:
            continue
        k += n
        if k > len(src_nows_offsets):
            return None
        ends.append(src_nows_offsets[k - 1])
    return ends


def main():
    pdf, srcpath, dumppath, width = sys.argv[1:5]
    emergency = "--emergency" in sys.argv[5:]
    align = next((a.split("=", 1)[1] for a in sys.argv[5:] if a.startswith("--align=")), "left")
    width = float(width)
    src = open(srcpath, encoding="utf-8").read()
    srcb = src.encode("utf-8")
    d = load_dump(dumppath)

    # 1. qpdf
    rc, out, err = run("qpdf", "--check", pdf)
    check("qpdf --check finds no errors and no warnings",
          rc == 0 and "No syntax or stream encoding errors" in out and "WARNING" not in out + err,
          (out + err).strip()[-400:])

    # 2. pdffonts
    rc, out, err = run("pdffonts", pdf)
    rows = out.splitlines()[2:]
    bad = []
    for r in rows:
        m = re.match(r"(\S+)\s+(CID TrueType)\s+(Identity-H)\s+(yes)\s+(yes)\s+(yes)\s+\d+\s+\d+$", r)
        if not m or not re.match(r"[A-Z]{6}\+", m.group(1)):
            bad.append(r)
    check("pdffonts lists at least one font", rc == 0 and len(rows) > 0, out)
    check("every font is an embedded, subset (6-letter tag) CID TrueType font with Identity-H "
          "and a Unicode map", not bad, "\n       ".join(bad))

    # 3. text extraction
    tokens = src.split()
    want = nows(src)
    # Byte offset after each non-whitespace character of the source.
    offs = []
    b = 0
    for ch in src:
        b += len(ch.encode("utf-8"))
        if not ch.isspace():
            offs.append(b)
    extracted = {}
    # pdftotext -raw reads in content order; its default mode is checked
    # apart, below, because it undoes "hyphenation" (see there).
    rc, out, err = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
    extracted["pdftotext"] = out if rc == 0 else ""
    rc, out, err = run("mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf)
    extracted["mutool"] = out if rc == 0 else ""
    for tool, out in extracted.items():
        got = nows(out)
        where = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]),
                     min(len(got), len(want)))
        check(tool + " returns the source text exactly (whitespace removed)", got == want,
              "first difference at char %d: want %r got %r" % (where, want[where:where + 20],
                                                               got[where:where + 20]))
        joined = out.replace("\f", "").replace("\n", "")
        pos, missing = 0, None
        for t in tokens:
            i = joined.find(t, pos)
            if i < 0:
                missing = t
                break
            pos = i + len(t)
        check(tool + " keeps every space-separated token intact and in order", missing is None,
              "token not found intact: %r" % missing)

    # poppler's default mode drops a "-" that ends a line and joins the
    # next line to it (dehyphenation), even for a spaced dash such as
    # "๒๘ - ๓๐" broken after "- ".  That hyphen, and only that, may be lost.
    rc, out, err = run("pdftotext", "-enc", "UTF-8", pdf, "-")
    dropped = {ln["end"] - 1 for ln in d["lines"] if srcb[ln["end"] - 1:ln["end"]] == b"-"}
    want_default, b = [], 0
    for ch in src:
        if not (ch == "-" and b in dropped) and not ch.isspace():
            want_default.append(ch)
        b += len(ch.encode("utf-8"))
    check("pdftotext (default mode) returns the source text exactly, except the hyphens it "
          "removes at line ends", rc == 0 and nows(out) == "".join(want_default))

    # 4. glyph positions against the engine
    rc, xml, err = run("mutool", "trace", pdf)
    pages = parse_trace(xml) if rc == 0 else []
    exp_text = [g for g in d["glyphs"] if not g["path"]]
    exp_path = [g for g in d["glyphs"] if g["path"]]
    # Subset glyph ids: hb-subset renumbers the kept glyphs in the order of
    # their original ids (and may keep composite components), so the map
    # from the engine's ids to the PDF's must be one-to-one and increasing.
    got = [dict(g, page=p + 1) for p, pg in enumerate(pages) for g in pg["glyphs"]]
    check("mutool trace shows as many text glyphs as the engine placed (minus path-drawn)",
          len(got) == len(exp_text), "engine %d, PDF %d" % (len(exp_text), len(got)))
    bad = []
    for e, g in zip(exp_text, got):
        name = d["fonts"][e["font"]]
        if (e["page"] != g["page"] or abs(e["x"] - g["x"]) > TOL or abs(e["y"] - g["y"]) > TOL
                or not g["font"].endswith("+" + name)):
            bad.append("engine p%d (%.3f, %.3f) %s gid %d at byte %d; "
                       "PDF p%d (%.3f, %.3f) %s gid %d" % (
                           e["page"], e["x"], e["y"], name, e["gid"], e["cluster"],
                           g["page"], g["x"], g["y"], g["font"], g["gid"]))
    check("every text glyph sits where HarfBuzz placed it (0.01 pt) with the engine's glyph",
          not bad, "; ".join(bad[:3]) + (" (%d bad)" % len(bad) if bad else ""))
    # A width alias (an extra glyph drawing another with the shaped advance,
    # for PDF/A's /W rule) counts as the glyph it draws.
    aliases = width_aliases(pdf)
    pairs = {}
    for e, g in zip(exp_text, got):
        m = aliases.get(g["font"], {})
        gid = m.get(g["gid"], g["gid"])
        if gid is not None:
            pairs.setdefault((e["font"], e["gid"]), set()).add(gid)
    keys = sorted(pairs)
    mapping_ok = all(len(v) == 1 for v in pairs.values()) and all(
        a[0] != b[0] or min(pairs[a]) < min(pairs[b]) for a, b in zip(keys, keys[1:]))
    check("each engine glyph id maps to one subset glyph id, in increasing order", mapping_ok,
          "%r" % [(k, sorted(v)) for k, v in pairs.items() if len(v) > 1][:5])
    spelled = "".join(g["text"] for g in got)
    check("the text glyphs spell the source in content order (MuPDF, ToUnicode)",
          nows(spelled) == want, "PDF: %r" % spelled[:80])
    # Path-drawn glyphs: every one has an outline near its origin, and every
    # drawn subpath belongs to one of them.
    em = 20.0  # generous box: the outline of a mark is within an em of its origin
    used = set()
    lost = []
    for e in exp_path:
        found = False
        for i, sp in enumerate(pages[e["page"] - 1]["paths"] if e["page"] <= len(pages) else []):
            if sp and all(e["x"] - em <= x <= e["x"] + em and e["y"] - em / 2 <= y <= e["y"] + em * 1.5
                          for x, y in sp):
                used.add((e["page"], i))
                found = True
        if not found:
            lost.append("gid %d at byte %d (%.2f, %.2f)" % (e["gid"], e["cluster"], e["x"], e["y"]))
    check("every glyph the engine marks CID_AS_PATH is drawn as an outline at its place",
          not lost, "; ".join(lost[:5]))
    stray = [(p + 1, i) for p, pg in enumerate(pages) for i in range(len(pg["paths"]))
             if (p + 1, i) not in used]
    check("no outline is drawn except for the CID_AS_PATH glyphs", not stray,
          "%d stray subpaths, first %r" % (len(stray), stray[:3]))

    # 5. line ends and widths
    brk = d["brk"]
    total = len(srcb)

    def legal(p, allow_e):
        # Skip the spaces after the line's last character: they hang.
        while p < total and srcb[p:p + 1] in (b" ", b"\t", b"\n", b"\r"):
            p += 1
        k = brk.get(p)
        if p >= total or k in ("A", "M"):
            return True
        if any(p == s for s, _ in d["paras"]):
            return True  # start of the next paragraph
        return allow_e and k == "E"

    eng_ends = [ln["end"] for ln in d["lines"]]
    bad = [p for p in eng_ends if not legal(p, emergency)]
    n_e = sum(1 for p in eng_ends if brk.get(p) == "E")
    check("every engine line ends at a break opportunity%s" %
          (" or a grapheme boundary of an over-wide token" if emergency else ""), not bad,
          "bad ends at bytes %r: %r" % (bad[:5], [srcb[max(0, p - 12):p + 12].decode("utf-8", "replace")
                                                 for p in bad[:3]]))
    if "--expect-emergency" in sys.argv[5:]:
        check("the over-wide token is broken at least once (emergency break used)", n_e > 0)
    for tool, out in extracted.items():
        ends = line_ends(offs, out)
        if ends is None:
            check(tool + " line ends can be mapped to the source", False)
            continue
        # Extractors also split one line in two at a wide justified space;
        # such a split is not a line end of the engine, so a space there is
        # enough.  Inside a word they may not split.
        bad = [p for p in ends if not legal(p, emergency) and srcb[p:p + 1] not in (b" ", b"\n")]
        check("every %s line ends at a legal break or a space" % tool, not bad,
              "bad ends at bytes %r: %r" % (bad[:5], [srcb[max(0, p - 12):p + 12].decode("utf-8", "replace")
                                                     for p in bad[:3]]))
        missing = sorted(set(eng_ends[:-1]) - set(ends))
        check("every engine line also ends a %s line" % tool, not missing,
              "engine line ends not seen at bytes %r" % missing[:5])
    right = MARGIN_L + width + TOL
    # Marks (zero advance) may have their origin a hair past the pen: their
    # ink lies left of it, so only spacing glyphs are measured.
    over = [g for g in got if g["adv"] > 0 and (g["x"] + g["adv"] > right or g["x"] < MARGIN_L - TOL)]
    check("no glyph in the PDF reaches outside [left margin, left margin + width]", not over,
          "%r" % [(g["text"], g["x"], g["adv"]) for g in over[:5]])
    # Justified lines: every line but a paragraph's last and those ending
    # in a hard break ends flush with the right margin in the PDF.
    if align in ("justify", "thai-distributed"):
        para_ends = {e for _, e in d["paras"]}
        index = {id(g): i for i, g in enumerate(exp_text)}
        ragged = []
        for ln in d["lines"]:
            text_glyphs = [got[index[id(g)]] for g in ln["glyphs"]
                           if id(g) in index and index[id(g)] < len(got)]
            if not text_glyphs or ln["hard"] or ln["end"] in para_ends:
                continue
            if ln["x1"] < MARGIN_L + width - TOL:
                # The engine left it short: every gap at its cap (wider
                # gaps would read as spaces when copied; test_paragraph and
                # test_justify check the caps, the position checks above
                # tie the PDF to the engine).
                continue
            edge = max(g["x"] + g["adv"] for g in text_glyphs if g["adv"] > 0)
            if abs(edge - (MARGIN_L + width)) > TOL:
                ragged.append((ln["start"], round(edge - MARGIN_L, 3)))
        check("every stretched line ends flush with the right margin in the PDF (0.01 pt)",
              not ragged, "line start byte / right edge: %r" % ragged[:5])
    return 0


if __name__ == "__main__":
    main()
    finish()
