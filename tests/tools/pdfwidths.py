#!/usr/bin/python3
"""pdfwidths.py - ISO 19005-3 6.2.11.5 (and ISO 32000 9.6.7), checked
independently of raingan: for every code a page shows in a CIDFontType2
font, the /W width (or /DW) must equal the advance of the glyph the code
selects (CIDToGIDMap) in the embedded font program's hmtx, within 1 unit
per 1,000 em.

It reads the PDF through `qpdf --json` (streams decoded by qpdf) and the
embedded fonts with fontTools (Debian: python3-fonttools), walks every
page's content stream and Form XObjects, follows Tf to know the font and
collects the codes of every string shown (Tj, TJ, ', ").

usage: pdfwidths.py [--all-w] FILE.pdf...   prints "FILE: N codes in F
fonts, A through width aliases, M mismatches" (A: codes whose glyph is a
composite of one other glyph with another advance, see src/render/sfnt.c) and each mismatch (up to 20); exit 1 if any mismatch
or a font cannot be read, 0 otherwise.  --all-w checks every code each
font's /W lists instead of scanning the pages (a superset of the codes
raingan shows, whose /W lists every code it allocates), for files too big
to walk quickly (a 1,000-form archive's JSON is 250 MB).
"""
import base64
import io
import json
import re
import subprocess
import sys

from fontTools.ttLib import TTFont


PATH = None


def load(path, inline):
    global PATH
    PATH = path
    out = subprocess.run(["qpdf", "--json", "--json-stream-data=" + ("inline" if inline else "none"),
                          path], check=True, capture_output=True).stdout
    return json.loads(out)["qpdf"][1]


def obj(objs, ref):
    """The value (or stream dict) of an indirect reference, else ref itself."""
    if isinstance(ref, str) and ref.endswith(" R"):
        o = objs.get("obj:" + ref)
        if o is None:
            return None
        return o["stream"]["dict"] if "stream" in o else o.get("value")
    return ref


def stream_data(objs, ref):
    st = objs["obj:" + ref]["stream"]
    if "data" in st:
        return base64.b64decode(st["data"])
    return subprocess.run(["qpdf", "--show-object=" + ref.split()[0], "--filtered-stream-data", PATH],
                          check=True, capture_output=True).stdout


def widths(objs, cid):
    """(/W as a dict code -> width, /DW) of a CIDFont dictionary."""
    w = {}
    arr = obj(objs, cid.get("/W")) or []
    i = 0
    while i < len(arr):
        first = arr[i]
        nxt = obj(objs, arr[i + 1])
        if isinstance(nxt, list):
            for k, v in enumerate(nxt):
                w[first + k] = float(obj(objs, v))
            i += 2
        else:
            for c in range(first, nxt + 1):
                w[c] = float(obj(objs, arr[i + 2]))
            i += 3
    return w, float(cid.get("/DW", 1000))


class Font:
    def __init__(self, objs, ref):
        t0 = obj(objs, ref)
        self.name = t0.get("/BaseFont", "?")
        cid = obj(objs, obj(objs, t0["/DescendantFonts"])[0])
        self.ok = cid.get("/Subtype") == "/CIDFontType2"
        if not self.ok:
            return
        self.w, self.dw = widths(objs, cid)
        m = cid.get("/CIDToGIDMap", "/Identity")
        self.c2g = None if m == "/Identity" else stream_data(objs, m)
        desc = obj(objs, cid["/FontDescriptor"])
        tt = TTFont(io.BytesIO(stream_data(objs, desc["/FontFile2"])))
        self.upem = tt["head"].unitsPerEm
        self.order = tt.getGlyphOrder()
        self.hmtx = tt["hmtx"].metrics
        self.glyf = tt["glyf"] if "glyf" in tt else None

    def aliased(self, code):
        """Whether code's glyph is one component drawing another glyph with
        another advance (raingan's width alias)."""
        g = self.gid(code)
        if self.glyf is None or g >= len(self.order):
            return False
        gl = self.glyf[self.order[g]]
        if not gl.isComposite() or len(gl.components) != 1:
            return False
        base = gl.components[0].glyphName
        return self.hmtx[base][0] != self.hmtx[self.order[g]][0]

    def gid(self, code):
        if self.c2g is None:
            return code
        return int.from_bytes(self.c2g[2 * code:2 * code + 2], "big") if 2 * code + 2 <= len(self.c2g) else 0

    def check(self, code):
        """None if code's /W equals the glyph's advance, else a message."""
        g = self.gid(code)
        if g >= len(self.order):
            return "code %d -> glyph %d, beyond the font's %d glyphs" % (code, g, len(self.order))
        adv = self.hmtx[self.order[g]][0] * 1000.0 / self.upem
        w = self.w.get(code, self.dw)
        if abs(w - adv) > 1.0:
            return "code %d: /W %.3f, glyph %d (%s) advance %.3f" % (code, w, g, self.order[g], adv)
        return None


TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\((?:\\.|[^\\)])*\)|/[^\s/\[\]<>()]+|[A-Za-z'\"]+|[-+.\d]+|\[|\]|<<|>>")


def codes_of(content, fonts_of_name, used):
    """Walk a content stream, adding (font ref, code) of every shown hex string."""
    font = None
    operands = []
    for m in TOKEN.finditer(content):
        tok = m.group(0)
        if m.group(1) is not None:
            operands.append(("hex", re.sub(rb"\s", b"", m.group(1))))
        elif tok[:1] == b"/":
            operands.append(("name", tok[1:].decode("latin-1")))
        elif tok in (b"Tf",):
            names = [v for k, v in operands if k == "name"]
            font = fonts_of_name.get("/" + names[-1]) if names else None
            operands = []
        elif tok in (b"Tj", b"TJ", b"'", b'"'):
            for k, v in operands:
                if k == "hex" and font is not None:
                    h = v.decode()
                    for i in range(0, len(h) - 3, 4):
                        used.add((font, int(h[i:i + 4], 16)))
            operands = []
        elif tok in (b"[", b"]") or tok[:1] in b"-+.0123456789":
            continue
        elif tok[:1].isalpha():
            operands = []


def xobjects(objs, res):
    res = obj(objs, res) or {}
    for ref in (obj(objs, res.get("/XObject")) or {}).values():
        d = obj(objs, ref)
        if d and d.get("/Subtype") == "/Form":
            yield ref, d


def main(args):
    all_w = "--all-w" in args
    paths = [a for a in args if a != "--all-w"]
    bad_files = 0
    for path in paths:
        objs = load(path, not all_w)
        fonts, used, seen = {}, set(), set()
        pages = [k[4:] for k, v in objs.items()
                 if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Page"]
        pending = []
        for p in pages:
            d = obj(objs, p)
            cont = d.get("/Contents")
            conts = obj(objs, cont) if isinstance(obj(objs, cont), list) else [cont]
            pending.append((conts, d.get("/Resources")))
        if all_w:
            pending = []
            for k, v in objs.items():
                d = v.get("value")
                if isinstance(d, dict) and d.get("/Subtype") == "/Type0":
                    ref = k[4:]
                    fonts[ref] = Font(objs, ref)
                    used.update((ref, c) for c in getattr(fonts[ref], "w", {}))
        while pending:
            conts, res = pending.pop()
            r = obj(objs, res) or {}
            names = {}
            for name, ref in (obj(objs, r.get("/Font")) or {}).items():
                if ref not in fonts:
                    fonts[ref] = Font(objs, ref)
                names[name] = ref
            for c in conts:
                codes_of(stream_data(objs, c), names, used)
            for ref, d in xobjects(objs, res):
                if ref not in seen:
                    seen.add(ref)
                    pending.append(([ref], d.get("/Resources")))
        problems = []
        aliased = 0
        for font, code in sorted(used):
            f = fonts[font]
            if f.ok:
                aliased += f.aliased(code)
                msg = f.check(code)
                if msg:
                    problems.append("%s %s" % (f.name, msg))
        print("%s: %d codes in %d fonts, %d through width aliases, %d mismatches" % (
            path, len(used), len(fonts), aliased, len(problems)))
        for msg in problems[:20]:
            print("  " + msg)
        bad_files += bool(problems)
    return 1 if bad_files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
