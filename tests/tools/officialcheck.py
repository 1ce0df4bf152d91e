#!/usr/bin/env python3
"""officialcheck.py - what official.sh asks of a PDF, read with qpdf's JSON
and poppler's pixels, independent of raingan:

  links PDF          one line per link to a named destination:
                     "PAGE NAME DEST_PAGE DEST_Y" (pages 1-based, y in PDF points)
  dests PDF          one line per named destination: "NAME PAGE Y"
  pdfa PDF           PDF/A-3b rules an archive with pictures and attachments must
                     keep: every annotation printable (F has Print, not Hidden/NoView),
                     non-link annotations with an /AP /N appearance, no image with an
                     /SMask or a transparency group anywhere, every embedded file with a
                     MIME /Subtype and /Params /Size, every file specification with
                     /AFRelationship and in the catalog's /AF; prints "ok" or the faults
  box PPM R G B [Y]  the bounding box "X0 Y0 X1 Y1" (pixels, inclusive) of the pixels
                     within 40 of colour R G B in a binary PPM (pdftoppm's output), from
                     row Y (default 0) down, or "none"
  pixel PPM X Y      the colour "R G B" at (X, Y)
"""
import json
import subprocess
import sys


def objects(pdf):
    out = subprocess.run(["qpdf", "--json=2", pdf], capture_output=True, check=False).stdout
    return json.loads(out)["qpdf"][1]


def val(objs, ref):
    """The value of an object or reference."""
    if isinstance(ref, str) and ref.endswith(" R"):
        o = objs.get("obj:" + ref, {})
        return o.get("value", o.get("stream", {}).get("dict"))
    return ref


def pages(objs):
    """Page object refs in order, walking the page tree."""
    trailer = objs["trailer"]["value"]
    root = val(objs, trailer["/Root"])
    out = []

    def walk(ref):
        node = val(objs, ref)
        if node.get("/Type") == "/Pages":
            for k in node["/Kids"]:
                walk(k)
        else:
            out.append(ref)
    walk(root["/Pages"])
    return out


def name_tree(objs, node, acc):
    node = val(objs, node)
    names = node.get("/Names", [])
    for i in range(0, len(names), 2):
        acc[names[i][2:] if names[i].startswith("u:") else names[i]] = names[i + 1]
    for k in node.get("/Kids", []):
        name_tree(objs, k, acc)
    return acc


def dests(objs):
    root = val(objs, objs["trailer"]["value"]["/Root"])
    nd = val(objs, root.get("/Names", {})) or {}
    if "/Dests" not in nd:
        return {}
    return name_tree(objs, nd["/Dests"], {})


def cmd_links(pdf):
    objs = objects(pdf)
    pl = pages(objs)
    d = dests(objs)
    for i, p in enumerate(pl, 1):
        for a in val(objs, val(objs, p).get("/Annots", [])) or []:
            a = val(objs, a)
            if a.get("/Subtype") != "/Link" or "/Dest" not in a:
                continue
            name = a["/Dest"][2:]
            target = val(objs, d.get(name))
            if target is None:
                print(i, name, "missing", "-")
            else:
                print(i, name, pl.index(target[0]) + 1, target[3])


def cmd_dests(pdf):
    objs = objects(pdf)
    pl = pages(objs)
    for name, target in sorted(dests(objs).items()):
        target = val(objs, target)
        print(name, pl.index(target[0]) + 1, target[3])


def cmd_pdfa(pdf):
    objs = objects(pdf)
    faults = []
    root = val(objs, objs["trailer"]["value"]["/Root"])
    af = set(root.get("/AF", []))
    for key, o in objs.items():
        if not key.startswith("obj:"):
            continue
        ref = key[4:]
        d = o.get("value") if "value" in o else o.get("stream", {}).get("dict")
        if not isinstance(d, dict):
            continue
        if d.get("/Type") == "/Annot" or d.get("/Subtype") in ("/Link", "/FileAttachment"):
            f = d.get("/F", 0)
            if not f & 4 or f & (1 | 2 | 32):
                faults.append(f"{ref}: annotation flags {f}")
            if d.get("/Subtype") != "/Link" and "/N" not in (val(objs, d.get("/AP")) or {}):
                faults.append(f"{ref}: {d.get('/Subtype')} without an /AP /N appearance")
        if d.get("/Subtype") == "/Image" and ("/SMask" in d or "/Mask" in d):
            faults.append(f"{ref}: image with a mask")
        if d.get("/Group") and val(objs, d["/Group"]).get("/S") == "/Transparency":
            faults.append(f"{ref}: transparency group")
        if d.get("/Type") == "/EmbeddedFile":
            if not d.get("/Subtype"):
                faults.append(f"{ref}: embedded file without a MIME type")
            if "/Size" not in (val(objs, d.get("/Params")) or {}):
                faults.append(f"{ref}: embedded file without /Params /Size")
        if d.get("/Type") == "/Filespec":
            if "/AFRelationship" not in d:
                faults.append(f"{ref}: file specification without /AFRelationship")
            if ref not in af:
                faults.append(f"{ref}: file specification not in the catalog's /AF")
    print("\n".join(faults) if faults else "ok")


def ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        parts.append(data[start:pos])
    w, h = int(parts[1]), int(parts[2])
    return w, h, data[pos + 1:]


def cmd_box(path, r, g, b, from_y=0):
    w, h, px = ppm(path)
    want = (int(r), int(g), int(b))
    x0 = y0 = 10 ** 9
    x1 = y1 = -1
    for y in range(int(from_y), h):
        row = px[y * w * 3:(y + 1) * w * 3]
        for x in range(w):
            c = row[x * 3:x * 3 + 3]
            if all(abs(c[i] - want[i]) <= 40 for i in range(3)):
                x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    print("none" if x1 < 0 else f"{x0} {y0} {x1} {y1}")


def cmd_pixel(path, x, y):
    w, h, px = ppm(path)
    i = (int(y) * w + int(x)) * 3
    print(px[i], px[i + 1], px[i + 2])


if __name__ == "__main__":
    cmd = {"links": cmd_links, "dests": cmd_dests, "pdfa": cmd_pdfa, "box": cmd_box,
           "pixel": cmd_pixel}[sys.argv[1]]
    cmd(*sys.argv[2:])
