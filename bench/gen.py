#!/usr/bin/env python3
"""gen.py - benchmark inputs made from samples/indicators-2562.xml.

The sample's five indicator forms are the templates.  Copy k of form i gets
the number "<i's number>.<k>" (numbers must be unique) and, so that no two
copies lay out alike, every paragraph-like element (p, li, level, td with
text) gets a tail of 0-6 words drawn with a seeded generator from the
sample's own words.  The same seed always gives the same files.

  gen.py doc N OUT.xml           one report with N indicator forms
  gen.py split N DIR             N reports of one form each, DIR/form-00001.xml ...
  gen.py html SOURCE.xml OUT.html  the same content as HTML (for WeasyPrint)
  gen.py agency D K DIR          one agency (กรมตัวอย่าง, 2562, round 12) of D
                                 departments (กองที่ 1 ...), DIR/dept-001.xml ...,
                                 each with K indicator forms numbered 1.1 ...

Only the standard library is used.
"""
import html
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "samples", "indicators-2562.xml")
NS = "urn:raingan:report:1"


def read_sample():
    with open(SAMPLE, encoding="utf-8") as f:
        src = f.read()
    src = re.sub(r"<!--.*?-->", "", src, flags=re.S)
    start = src.index("<indicator ")
    end = src.rindex("</indicator>") + len("</indicator>")
    head, body, tail = src[:start], src[start:end], src[end:]
    forms = re.findall(r"<indicator .*?</indicator>", body, flags=re.S)
    words = [w for w in re.findall(r">([^<>]+)<", body) for w in w.split() if len(w) > 1]
    return head, forms, tail, words


# Elements whose text ends right before their closing tag: append there.
TAIL_RE = re.compile(r"([^>\s])(</(?:p|li|level)>)")


def vary(form, k, words):
    rng = random.Random(k * 7919 + len(form))
    form = re.sub(r'(<indicator number=")([^"]+)"', lambda m: '%s%s.%d"' % (m.group(1), m.group(2), k),
                  form, count=1)

    def tail(m):
        n = rng.randint(0, 6)
        extra = " ".join(rng.choice(words) for _ in range(n))
        return m.group(1) + (" " + extra if extra else "") + m.group(2)

    return TAIL_RE.sub(tail, form)


def make_doc(n):
    head, forms, tail, words = read_sample()
    out = [head]
    for j in range(n):
        out.append(vary(forms[j % len(forms)], j // len(forms) + 1, words))
        out.append("\n  ")
    out.append(tail)
    return "".join(out)


def cmd_doc(n, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(make_doc(n))


def cmd_agency(ndept, k, folder):
    head, forms, tail, words = read_sample()
    head = re.sub(r"<agency>[^<]*</agency>", "<agency>กรมตัวอย่าง</agency>", head)
    os.makedirs(folder, exist_ok=True)
    for d in range(ndept):
        h = re.sub(r"<department>[^<]*</department>", "<department>กองที่ %d</department>" % (d + 1), head)
        body = []
        for j in range(k):
            f = vary(forms[(d + j) % len(forms)], d + 1, words)
            f = re.sub(r'(<indicator number=")[^"]+"', r'\g<1>%d.%d"' % (j // 5 + 1, j % 5 + 1), f, count=1)
            body.append(f)
        with open(os.path.join(folder, "dept-%03d.xml" % (d + 1)), "w", encoding="utf-8") as f:
            f.write(h + "\n  ".join(body) + "\n" + tail)


def cmd_split(n, folder):
    head, forms, tail, words = read_sample()
    os.makedirs(folder, exist_ok=True)
    for j in range(n):
        body = vary(forms[j % len(forms)], j // len(forms) + 1, words)
        with open(os.path.join(folder, "form-%05d.xml" % (j + 1)), "w", encoding="utf-8") as f:
            f.write(head + body + "\n" + tail)


# ---- HTML -------------------------------------------------------------------

SECTION_TITLES = {
    "description": "คำอธิบาย",
    "criteria": "เกณฑ์การให้คะแนน",
    "calculation": "ผลการดำเนินงาน",
    "explanation": "คำชี้แจงการปฏิบัติงาน/มาตรการที่ได้ดำเนินการ",
    "supporting": "ปัจจัยสนับสนุนต่อการดำเนินงาน",
    "obstacles": "อุปสรรคต่อการดำเนินงาน",
    "suggestions": "ข้อเสนอแนะสำหรับการวางแผนในปีงบประมาณต่อไป",
    "evidence": "หลักฐานอ้างอิง",
}
PASS = {"p", "ol", "ul", "li", "table", "tr", "td", "th", "b", "i", "u", "a", "br", "sup", "sub"}


def local(tag):
    return tag.split("}", 1)[1] if "}" in tag else tag


def inline(el):
    """Element content as HTML, tags mapped one to one where HTML has them."""
    out = [html.escape(el.text or "")]
    for c in el:
        name = local(c.tag)
        if name == "date":
            out.append(html.escape(c.get("value", "")))
        elif name in PASS:
            attrs = ""
            if name == "a" and c.get("href"):
                attrs = ' href="%s"' % html.escape(c.get("href"))
            for a in ("colspan", "rowspan"):
                if c.get(a):
                    attrs += ' %s="%s"' % (a, c.get(a))
            out.append("<%s%s>%s</%s>" % (name, attrs, inline(c), name))
        else:
            out.append('<div class="%s">%s</div>' % (name, inline(c)))
        out.append(html.escape(c.tail or ""))
    return "".join(out)


def person(p):
    name = p.find("{%s}name" % NS)
    phones = [x.text or "" for x in p.findall("{%s}phone" % NS)]
    s = html.escape(name.text if name is not None and name.text else "")
    if phones:
        s += " โทร. " + html.escape(", ".join(phones))
    return "<div>%s</div>" % s


def indicator_html(ind):
    out = ['<section class="form">']
    name = ind.find("{%s}name" % NS)
    out.append("<h2>ตัวชี้วัดที่ %s : %s</h2>" % (html.escape(ind.get("number", "")), inline(name)))
    out.append('<p class="w">น้ำหนัก : ร้อยละ %s</p>' % html.escape(ind.get("weight", "")))
    achieved = ind.find("{%s}achieved" % NS)
    level = achieved.get("level") if achieved is not None else None
    for c in ind:
        n = local(c.tag)
        if n in ("supervisor", "collectors"):
            label = "ผู้กำกับดูแลตัวชี้วัด" if n == "supervisor" else "ผู้จัดเก็บข้อมูล"
            out.append("<h3>%s</h3>%s" % (label, "".join(person(p) for p in c)))
        elif n == "criteria":
            out.append("<h3>%s</h3>" % SECTION_TITLES[n])
            out.append('<table class="crit"><tr>%s</tr><tr>%s</tr></table>' % (
                "".join("<th>ระดับ %s</th>" % html.escape(l.get("value", "")) for l in c),
                "".join("<td>%s%s</td>" % ("✓ " if l.get("value") == level else "", inline(l))
                        for l in c)))
        elif n == "calculation":
            out.append("<h3>%s</h3>" % SECTION_TITLES[n])
            rows = []
            for r in c:
                lab = r.find("{%s}label" % NS)
                res = r.find("{%s}result" % NS)
                w, s = float(r.get("weight", "0")), float(r.get("score", "0"))
                rows.append("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.4f</td></tr>" % (
                    inline(lab) if lab is not None else "", inline(res) if res is not None else "",
                    r.get("weight", ""), r.get("score", ""), w * s / 100))
            out.append('<table class="calc"><tr><th>ตัวชี้วัด</th><th>ผลการดำเนินงาน</th>'
                       "<th>น้ำหนัก</th><th>คะแนนที่ได้</th><th>คะแนนถ่วงน้ำหนัก</th></tr>%s</table>"
                       % "".join(rows))
        elif n in SECTION_TITLES:
            out.append("<h3>%s</h3><div>%s</div>" % (SECTION_TITLES[n], inline(c)))
    out.append("</section>")
    return "".join(out)


def cmd_html(src, path):
    root = ET.parse(src).getroot()
    font_dir = os.path.abspath(os.path.join(HERE, "..", "fonts"))
    meta = root.find("{%s}meta" % NS)
    title = meta.find("{%s}title" % NS).text if meta is not None else "รายงาน"
    css = """
@font-face { font-family: Sarabun; src: url(file://%(d)s/Sarabun-Regular.ttf); }
@font-face { font-family: Sarabun; font-weight: bold; src: url(file://%(d)s/Sarabun-Bold.ttf); }
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm;
        @top-center { content: "- " counter(page) " -"; font-family: Sarabun; } }
body { font-family: Sarabun; font-size: 16pt; line-height: 1.25; }
section.form { page-break-before: always; }
h2 { font-size: 16pt; } h3 { font-size: 16pt; margin: 0.4em 0 0; }
table { border-collapse: collapse; width: 100%%; font-size: 14pt; }
td, th { border: 0.5pt solid black; padding: 2pt 4pt; vertical-align: top; }
p { margin: 0; text-indent: 1.5cm; }
""" % {"d": font_dir}
    body = "".join(indicator_html(i) for i in root.findall("{%s}indicator" % NS))
    with open(path, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>%s</title>'
                "<style>%s</style></head><body>%s</body></html>" % (html.escape(title), css, body))


def main(argv):
    if len(argv) == 4 and argv[1] == "doc":
        cmd_doc(int(argv[2]), argv[3])
    elif len(argv) == 4 and argv[1] == "split":
        cmd_split(int(argv[2]), argv[3])
    elif len(argv) == 5 and argv[1] == "agency":
        cmd_agency(int(argv[2]), int(argv[3]), argv[4])
    elif len(argv) == 4 and argv[1] == "html":
        cmd_html(argv[2], argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
