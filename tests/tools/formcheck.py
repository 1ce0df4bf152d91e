#!/usr/bin/env python3
"""formcheck.py - check a rendered report against its source with real tools.

usage: formcheck.py RAINGAN SOURCE.xml OUT.pdf KIND [ACHIEVED...]

KIND is "indicators" or "summary".  Checks:
  1. qpdf --check is clean; pdffonts: every font embedded, subset, Unicode map.
  2. Every text of the source (each text node, whitespace removed) comes back
     from pdftotext -raw and from mutool, in order, allowing it to be cut
     only where a page or a table cell breaks (at most a few pieces, each
     found within a short distance after the previous one).
  3. From `raingan render --dump-layout`: no glyph run outside the page's
     margins; for indicator forms, each form starts on a new page, and the
     check mark lies inside the achieved level's cell (ACHIEVED gives the
     expected level per form, in order); tables whose header repeats do so
     on each page they continue on (KIND-specific header text).
Prints "ok   - ..." / "FAIL - ..." and "N passed, N failed"."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, __import__("os").path.dirname(__file__))
from checklib import check, finish, nows as squash, run  # noqa: E402


NS = "{urn:raingan:report:1}"


def source_texts(path):
    """Text of every element that holds text directly, whitespace removed."""
    root = ET.parse(path).getroot()
    out = []
    skip = {NS + "meta", NS + "template"}

    def walk(e, hidden):
        hid = hidden or e.tag in skip
        if e.text and e.text.strip() and not hid:
            out.append(squash(e.text))
        for c in e:
            walk(c, hid)
            if c.tail and c.tail.strip() and not hid:
                out.append(squash(c.tail))
    walk(root, False)
    return [t for t in out if t]


def found_in_order(text, hay, start):
    """Find text in hay from start, allowing it to be cut into a few pieces
    with other text between them (page and table-cell breaks).  The first
    piece may occur in several places; each is tried.  Returns the end
    position or -1."""
    def longest(i, lo_pos, window):
        seg = hay[lo_pos:lo_pos + window] if window else hay[lo_pos:]
        lo, hi = 0, len(text) - i
        best, at = 0, -1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            k = seg.find(text[i:i + mid])
            if k >= 0:
                lo, best, at = mid, mid, k
            else:
                hi = mid - 1
        return best, (lo_pos + at if best else -1)

    first, _ = longest(0, start, 0)
    if first == 0:
        return -1
    probe = text[:first]
    k = hay.find(probe, start)
    tries = 0
    while k >= 0 and tries < 200:
        tries += 1
        pos, i, pieces = k + first, first, 1
        while i < len(text) and pieces <= 12:
            best, at = longest(i, pos, 6000)
            if best == 0:
                break
            pos, i, pieces = at + best, i + best, pieces + 1
        if i >= len(text):
            return pos
        k = hay.find(probe, k + 1)
    return -1


def main():
    raingan, src, pdf, kind = sys.argv[1:5]
    achieved = [int(a) for a in sys.argv[5:]]

    rc, out, err = run("qpdf", "--check", pdf)
    check("qpdf --check is clean", rc == 0 and "WARNING" not in out + err, (out + err)[-300:])
    rc, out, _ = run("pdffonts", pdf)
    rows = [l.split() for l in out.splitlines()[2:] if l.strip()]
    check("pdffonts lists fonts", rows)
    check("every font is embedded, subset and has a Unicode map",
          all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows), out)

    texts = source_texts(src)
    for tool, cmd in (("pdftotext", ["pdftotext", "-raw", pdf, "-"]),
                      ("mutool", ["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf])):
        rc, out, _ = run(*cmd)
        hay = squash(out)
        missing = []
        for t in texts:
            if found_in_order(t, hay, 0) < 0:
                missing.append(t[:40])
        check("%s returns every source text (%d texts), cut only at page/cell breaks"
              % (tool, len(texts)), not missing, "missing: %r" % missing[:5])

    rc, dump, err = run(raingan, "render", "--dump-layout", src)
    check("raingan render --dump-layout works", rc == 0, err[-300:])
    pages = []
    for line in dump.splitlines():
        m = re.match(r"page (\d+) ([\d.]+)x([\d.]+)", line)
        if m:
            pages.append({"w": float(m.group(2)), "h": float(m.group(3)), "boxes": []})
            continue
        pages[-1]["boxes"].append(line.strip())
    # Margins: indicator template 3 cm / 2 cm, summary 2 cm / 2 cm; top and
    # bottom as the templates say (page numbers sit in the top margin).
    left = 85.03 if kind == "indicators" else 56.68
    right_m = 56.68
    over = []
    for n, p in enumerate(pages, 1):
        for b in p["boxes"]:
            m = re.match(r'glyphs ([\d.]+),([\d.]+) w=([\d.]+) \S+ [\d.]+pt n=\d+ "(.*)"$', b)
            if not m:
                continue
            x, y, w = float(m.group(1)), float(m.group(2)), float(m.group(3))
            if x < left - 0.02 or x + w > p["w"] - right_m + 0.02 or y > p["h"] - 20:
                over.append((n, x, w, m.group(4)[:20]))
    check("no text outside the margins", not over, "%r" % over[:5])

    if kind == "indicators":
        title = "รายงานผลการปฏิบัติราชการตาม"
        starts = [n for n, p in enumerate(pages, 1)
                  if any(title in b for b in p["boxes"][:3])]
        check("every form starts on a new page (%d forms)" % len(achieved),
              len(starts) == len(achieved) and starts[0] == 1, "form pages: %r" % starts)
        # The check mark inside the achieved level's cell.
        marks = []
        for n, p in enumerate(pages, 1):
            rects = []
            for b in p["boxes"]:
                m = re.match(r"rect ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+)", b)
                if m:
                    rects.append(tuple(float(v) for v in m.groups()))
            for b in p["boxes"]:
                m = re.match(r"mark check ([\d.]+),([\d.]+) size=([\d.]+)", b)
                if not m:
                    continue
                mx, my, ms = (float(v) for v in m.groups())
                cx, cy = mx + ms / 2, my + ms / 2
                cell = [r for r in rects if r[0] <= cx <= r[0] + r[2] and r[1] <= cy <= r[1] + r[3]]
                if not cell:
                    marks.append((n, None))
                    continue
                c = cell[-1]
                row = sorted(r for r in rects if abs(r[1] - c[1]) < 0.01 and abs(r[3] - c[3]) < 0.01)
                marks.append((n, row.index(c) + 1 if len(row) == 5 else None))
        got = [lvl for _, lvl in marks]
        check("one check mark per form, inside the cell of the achieved level %r" % achieved,
              got == achieved, "marks (page, column): %r" % marks)
        header = "ค่าเฉลี่ย"
    else:
        header = "ปัญหา/อุปสรรคในการดำเนินงาน"
    # A table's header repeats on every page it continues on: for the summary
    # every page; for the indicator forms every page after the first that
    # shows a row of the satisfaction table.
    rc, out, _ = run("pdfinfo", pdf)
    npages = int(re.search(r"Pages:\s+(\d+)", out).group(1))
    check("the PDF has as many pages as the layout (%d)" % len(pages), npages == len(pages))
    per_page = []
    for n in range(1, npages + 1):
        rc, t, _ = run("pdftotext", "-f", str(n), "-l", str(n), pdf, "-")
        per_page.append(squash(t))
    if kind == "summary":
        missing = [n for n, t in enumerate(per_page, 1) if "ชื่อตัวชี้วัด" not in t or squash(header) not in t]
        check("the table header is on every one of the %d pages" % npages, not missing and npages > 1,
              "pages without it: %r" % missing)
    else:
        rows = ["4.81", "4.05", "4.47"]
        with_rows = [n for n, t in enumerate(per_page, 1) if any(r in t for r in rows)]
        missing = [n for n in with_rows if squash(header) not in per_page[n - 1]]
        check("the satisfaction table's header is on each of its pages %r" % with_rows,
              len(with_rows) >= 2 and not missing, "pages without it: %r" % missing)
    return 0


if __name__ == "__main__":
    main()
    finish()
