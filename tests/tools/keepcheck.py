#!/usr/bin/env python3
"""keepcheck.py - page-break control, checked where each thing lands.

usage: keepcheck.py RAINGAN TMPDIR

Generates sources whose natural page break falls on every line of a
region in turn (form k of a report has k one-line filler paragraphs
before the thing under test, so some form puts it exactly at the foot of
a page), renders them and reads each page with pdftotext -f N -l N:

  - a target table's conclusion line is never the first line of a page,
    and its page holds the table's last row;
  - a heading (an all-bold paragraph), a lead-in ending in "ดังนี้", and a
    form's section label are never the last line of a page: the line after
    them is on their page;
  - a summary group's heading row is never the last row of a page;
  - keep="together" (p, table, ol) puts the whole block on one page and
    keep="with-next" keeps a paragraph with the next; <page-break/> starts
    a page (none blank); a kept block taller than a page warns at its
    file:line:col and breaks normally.

Each case also renders a twin without the keep (no conclusion, a plain
paragraph, an ordinary item) and requires that for some form the twin
breaks right after the line while the real one moved it on: the sweep
reached the case the keep is for, so the test could fail.
Prints "ok   - ..." / "FAIL - ..." and "N passed, N failed"."""
import os
import re
import subprocess
import sys

RG, TMP = sys.argv[1], sys.argv[2]
passed = failed = 0


def ok(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   - " + name)
    else:
        failed += 1
        print("FAIL - " + name + (": " + detail if detail else ""))


HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:raingan:report:1">
  <meta><agency>กรม</agency><fiscal-year>2562</fiscal-year><round>12</round></meta>
"""

FILLER = "<p>บรรทัดเติมที่ {i} ของคำชี้แจง</p>"


def indicator(k, body):
    fill = "\n".join(FILLER.format(i=i + 1) for i in range(k))
    return f"""  <indicator number="{k}" weight="1">
    <name>กรณี {k}</name>
    <supervisor><person><name>นาย ก</name></person></supervisor>
    <criteria><level value="1">ก</level><level value="2">ข</level><level value="3">ค</level><level value="4">ง</level><level value="5">จ</level></criteria>
    <achieved level="5"/>
    <calculation><row weight="100" score="5"><label>a</label><result>5</result></row></calculation>
    <explanation>
{fill}
{body}
    </explanation>
  </indicator>
"""


def render(name, xml):
    base = re.sub(r"[^a-z0-9-]+", "-", name)
    src = os.path.join(TMP, base + ".xml")
    pdf = os.path.join(TMP, base + ".pdf")
    with open(src, "w", encoding="utf-8") as f:
        f.write(xml)
    r = subprocess.run([RG, "render", src, "-o", pdf, "-q"], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr)
        return None
    return pdf


PAGENO = re.compile(r"^-\s*\S+\s*-$")


def pages(pdf):
    """The content lines of each page (pdftotext -f N -l N), page numbers
    ("- 2 -") left out, spaces removed."""
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    out = []
    for p in range(1, n + 1):
        t = subprocess.run(["pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-"],
                           capture_output=True, text=True).stdout
        lines = [re.sub(r"\s+", "", l) for l in t.splitlines()]
        out.append([l for l in lines if l and not PAGENO.match(l)])
    return out


def forms(pgs, mark):
    """Split pages into forms: a form starts on a page holding mark."""
    res = []
    for lines in pgs:
        if any(mark in l for l in lines) or not res:
            res.append([])
        res[-1].append(lines)
    return res


def where(form, pred):
    """(page index in the form, line index) of the first line pred accepts."""
    for pi, lines in enumerate(form):
        for li, l in enumerate(lines):
            if pred(l):
                return pi, li
    return None


def sweep(name, body, twin, first, last, ks, mark="ชื่อตัวชี้วัด", make=None):
    """Render form k for every k in ks with body, and its twin; check that
    the line `first` accepts is followed on its page by the line `last`
    accepts (or, when last is None, that first is not a page's last line),
    and that the twin breaks right there for some k."""
    make = make or (lambda k, b: indicator(k, b))
    xml = HEAD + "".join(make(k, body) for k in ks) + "</report>\n"
    pdf = render(name, xml)
    tpdf = pdf
    if twin is not None:
        tpdf = render(name + "-twin", HEAD + "".join(make(k, twin) for k in ks) + "</report>\n")
    ok(f"{name}: the sweep renders", pdf is not None and tpdf is not None)
    if not pdf or not tpdf:
        return
    fs, ts = forms(pages(pdf), mark), forms(pages(tpdf), mark)
    ok(f"{name}: one form per case", len(fs) == len(ks) and len(ts) == len(ks),
       f"{len(fs)}, {len(ts)} forms for {len(ks)} cases")
    bad, reached = [], []
    for k, f, t in zip(ks, fs, ts):
        a = where(f, first)
        if a is None:
            bad.append(f"{k}: not found")
            continue
        pi, li = a
        if last is None:
            if li == len(f[pi]) - 1:
                bad.append(f"{k}: last line of page {pi + 1}")
        else:
            b = where(f, last)
            if b is None or b[0] != pi or b[1] < li:
                bad.append(f"{k}: on page {pi + 1}, its partner on page {b[0] + 1 if b else '?'}")
        # the twin: the same line ends its page, the real one moved on (no
        # twin: the line starts a page after the first, the break fell there)
        ta = where(t, first)
        if twin is None:
            if pi > 0 and li == 0:
                reached.append(k)
        elif ta and ta[1] == len(t[ta[0]]) - 1 and ta[0] < len(t) - 1 and pi == ta[0] + 1:
            reached.append(k)
    ok(f"{name}: kept in every case", not bad, "; ".join(bad[:5]))
    ok(f"{name}: some case breaks there " + ("without the keep" if twin is not None else
                                              "(before the line)") + " (the sweep reached it)",
       reached, "no case")


TARGETS = ('<targets value="{v}"><basic points="50" threshold="71.5"/>'
           '<standard points="75" threshold="82.5"/><advanced points="100" threshold="93.5"/></targets>')

# A conclusion line stays with its table: the twin has no conclusion (no
# value), so its table's last row ends a page where the real one's
# conclusion would have begun the next.  Here "first" is the last row and
# "last" the conclusion.
ks = list(range(14, 40))
xml_c = TARGETS.format(v="95.5") + "\n<p>ข้อความหลังตาราง</p>"
twin_c = TARGETS.replace(' value="{v}"', "") + "\n<p>ข้อความหลังตาราง</p>"
sweep("conclusion", xml_c, twin_c,
      lambda l: l.startswith("71.5") and l.endswith("93.5"),
      lambda l: l.startswith("(ผลการดำเนินงานอยู่ระดับ"), ks)

# A heading (all bold) goes to the next page with its first line.
body_h = "<p><b>หัวข้อย่อยทดสอบ</b></p>\n<p>บรรทัดแรกใต้หัวข้อ</p>"
twin_h = "<p>หัวข้อย่อยทดสอบ</p>\n<p>บรรทัดแรกใต้หัวข้อ</p>"
sweep("heading", body_h, twin_h, lambda l: l == "หัวข้อย่อยทดสอบ",
      lambda l: l.startswith("บรรทัดแรกใต้หัวข้อ"), ks)

# A lead-in ending in "ดังนี้" stays with the list it introduces.
body_l = "<p>ผลการดำเนินงานสรุปได้ดังนี้</p>\n<ol><li>ข้อแรกของรายการ</li><li>ข้อสอง</li></ol>"
twin_l = "<p>ผลการดำเนินงานสรุปได้แล้ว</p>\n<ol><li>ข้อแรกของรายการ</li><li>ข้อสอง</li></ol>"
sweep("lead-in", body_l, twin_l, lambda l: l.startswith("ผลการดำเนินงานสรุปได้"),
      lambda l: "ข้อแรกของรายการ" in l, ks)


# A form's section label (อุปสรรค…) on its own line before a list stays
# with the list's first item (no twin: the label is always kept; the sweep
# must move it to the top of a page at least once).
def with_obstacles(k, body):
    x = indicator(k, "")
    return x.replace("    </explanation>\n", "    </explanation>\n" + body + "\n")


body_s = "    <obstacles><ol><li>อุปสรรคข้อแรก</li><li>ข้อสอง</li></ol></obstacles>"
sweep("section label", body_s, None, lambda l: l.startswith("อุปสรรคต่อการดำเนินงาน"),
      lambda l: "อุปสรรคข้อแรก" in l, ks, make=with_obstacles)


# A summary group's heading row stays with the group's first row: the twin
# has the same row as an ordinary item (not kept).
def summary(k, body):
    items = "".join(f'<item number="{i + 1}."><name>รายการเติม {i + 1}</name><result><p>ผล</p></result></item>'
                    for i in range(k))
    return f"""  <summary><title>สรุปกรณี {k}</title>{items}{body}</summary>\n"""


body_g = ('<group number="ก."><name>กลุ่มทดสอบ</name>'
          '<item number="ก.1"><name>รายการแรกของกลุ่ม</name><result><p>ผล</p></result></item></group>')
twin_g = ('<item number="ก."><name>กลุ่มทดสอบ</name><result><p>ผล</p></result></item>'
          '<item number="ก.1"><name>รายการแรกของกลุ่ม</name><result><p>ผล</p></result></item>')
sweep("summary group", body_g, twin_g, lambda l: "กลุ่มทดสอบ" in l,
      lambda l: "รายการแรกของกลุ่ม" in l, list(range(10, 30)), mark="สรุปกรณี", make=summary)

# ---- what the source asks for: <page-break/>, keep="together|with-next" ----

def same_page(form, preds):
    """The page index every pred's first line is on, or None when they are
    on different pages (or one is missing)."""
    at = [where(form, q) for q in preds]
    if any(a is None for a in at) or len({a[0] for a in at}) != 1:
        return None
    return at[0][0]


def sweep_together(name, body, twin, preds, ks):
    """Every line preds name is on one page in every form; the twin (no
    keep) splits them in some form."""
    pdf = render(name, HEAD + "".join(indicator(k, body) for k in ks) + "</report>\n")
    tpdf = render(name + "-twin", HEAD + "".join(indicator(k, twin) for k in ks) + "</report>\n")
    ok(f"{name}: the sweep renders", pdf is not None and tpdf is not None)
    if not pdf or not tpdf:
        return
    fs, ts = forms(pages(pdf), "ชื่อตัวชี้วัด"), forms(pages(tpdf), "ชื่อตัวชี้วัด")
    bad = [k for k, f in zip(ks, fs) if same_page(f, preds) is None]
    split = [k for k, t in zip(ks, ts) if same_page(t, preds) is None]
    ok(f"{name}: kept on one page in every case", len(fs) == len(ks) and not bad, f"cases {bad[:5]}")
    ok(f"{name}: some case splits without the keep (the sweep reached it)", split, "no case")


LINES = [f"ข้อความบรรทัดที่ {i + 1} ของย่อหน้าที่ต้องอยู่ด้วยกันในหน้าเดียวเสมอ" for i in range(5)]
para = "<br/>".join(LINES)
sweep_together("keep together (p)", f'<p keep="together">{para}</p>', f"<p>{para}</p>",
               [lambda l, t=t: l.startswith(re.sub(r"\s+", "", t)) for t in LINES], ks)

rows = "".join(f"<tr><td>แถวที่ {i + 1}</td><td>{i + 1}0</td></tr>" for i in range(6))
table = '<table widths="1* 1*" header-rows="1"{k}><tr><th>รายการ</th><th>จำนวน</th></tr>' + rows + "</table>"
sweep_together("keep together (table)", table.format(k=' keep="together"'), table.format(k=""),
               [lambda l, i=i: l.startswith(f"แถวที่{i + 1}") for i in range(6)], ks)

items = "".join(f"<li>ข้อที่ {i + 1} ของรายการ</li>" for i in range(5))
sweep_together("keep together (ol)", f'<ol keep="together">{items}</ol>', f"<ol>{items}</ol>",
               [lambda l, i=i: f"ข้อที่{i + 1}ของรายการ" in l for i in range(5)], ks)

sweep("keep with-next", '<p keep="with-next">ย่อหน้าธรรมดานำ</p>\n<p>ย่อหน้าที่ตามมา</p>',
      "<p>ย่อหน้าธรรมดานำ</p>\n<p>ย่อหน้าที่ตามมา</p>", lambda l: l == "ย่อหน้าธรรมดานำ",
      lambda l: l.startswith("ย่อหน้าที่ตามมา"), ks)

# <page-break/>: what follows starts a page, wherever the filler ends; on a
# page still empty (at the top, or a second break) it adds no blank page.
ks2 = list(range(0, 40, 3))
pdf = render("page-break", HEAD + "".join(indicator(k, "<page-break/><p>หลังตัวแบ่งหน้า</p>"
                                                    "<page-break/><page-break/><p>หน้าถัดไปอีก</p>")
                                          for k in ks2) + "</report>\n")
ok("page-break: renders", pdf is not None)
if pdf:
    fs = forms(pages(pdf), "ชื่อตัวชี้วัด")
    bad, blank = [], []
    for k, f in zip(ks2, fs):
        a = where(f, lambda l: l.endswith("หลังตัวแบ่งหน้า"))
        b = where(f, lambda l: l == "หน้าถัดไปอีก")
        if not a or a[1] != 0 or a[0] == 0 or not b or b != (a[0] + 1, 0):
            bad.append(f"{k}: {a}, {b}")
        if any(not lines for lines in f):
            blank.append(k)
    ok("page-break: the next block starts a page, in every case", len(fs) == len(ks2) and not bad,
       "; ".join(bad[:4]))
    ok("page-break: two in a row, or one on an empty page, make no blank page", not blank,
       f"cases {blank}")

# A section whose first block is a page break: the break comes before its
# label, which opens the new page with the section.
pdf = render("page-break-section", HEAD + indicator(3, "").replace(
    "    </explanation>\n", "    </explanation>\n    <supporting><page-break/><p>ปัจจัยบนหน้าใหม่</p></supporting>\n")
    + "</report>\n")
if pdf:
    f = pages(pdf)
    ok("page-break: a section's label goes to the new page with it",
       len(f) == 2 and f[1] and f[1][0].startswith("ปัจจัยสนับสนุน") and "ปัจจัยบนหน้าใหม่" in f[1][0],
       str([p[:1] for p in f]))

# keep="together" on a block taller than a page: a warning naming the
# block's file:line:col, and it breaks normally (every line printed).
long_lines = "<br/>".join(f"บรรทัดยาวที่ {i + 1}" for i in range(60))
src = os.path.join(TMP, "too-tall.xml")
xml = HEAD + indicator(1, f'<p keep="together">{long_lines}</p>') + "</report>\n"
with open(src, "w", encoding="utf-8") as fh:
    fh.write(xml)
line = next(i + 1 for i, l in enumerate(xml.splitlines()) if 'keep="together"' in l)
col = xml.splitlines()[line - 1].index("<p keep") + 1
r = subprocess.run([RG, "render", src, "-o", os.path.join(TMP, "too-tall.pdf")], capture_output=True,
                   text=True)
want = (f'{src}:{line}:{col}: warning: <p keep="together"> is taller than a page')
ok("keep-too-tall: a warning at the block's file:line:col", r.returncode == 0 and want in r.stderr
   and "[keep-too-tall]" in r.stderr, r.stderr.strip()[:300])
if r.returncode == 0:
    f = pages(os.path.join(TMP, "too-tall.pdf"))
    text = "".join("".join(p) for p in f)
    ok("keep-too-tall: it breaks across pages with every line printed",
       len(f) >= 2 and all(f"บรรทัดยาวที่{i + 1}" in text for i in range(60)))


# The working under the calculation table ("ค่าคะแนนที่ได้ = 3 + ...")
# stays with the table's last row: k filler lines in <description> move the
# table down a line at a time; the twin states its score (no working), so
# its table's last row ends a page where the real one's working would have
# begun the next.
def with_calc(k, row):
    fill = "\n".join(FILLER.format(i=i + 1) for i in range(k))
    x = indicator(k, "")
    x = x.replace("    <criteria>", f"    <description>\n{fill}\n    </description>\n    <criteria>")
    return re.sub(r"<calculation>.*?</calculation>", f"<calculation>{row}</calculation>", x)


row_w = ('<row weight="100" method="five-level" value="87.5" thresholds="60 70 80 90 100">'
         '<label>แถวคำนวณทดสอบ</label><result>87.5</result></row>')
row_t = '<row weight="100" score="4.75"><label>แถวคำนวณทดสอบ</label><result>87.5</result></row>'
sweep("calculation working", row_w, row_t, lambda l: l.startswith("แถวคำนวณทดสอบ"),
      lambda l: l.startswith("ค่าคะแนนที่ได้="), list(range(0, 44)), make=with_calc)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
