"""checklib.py - the tiny harness of the Python tool checks: one sentence per
check, "ok"/"FAIL" lines, and the closing "N passed, N failed" line."""
import re
import subprocess
import sys

counts = {"passed": 0, "failed": 0}


def check(descr, cond, detail=""):
    """Record one check; print its sentence, and the detail when it fails."""
    if cond:
        counts["passed"] += 1
        print("ok   - " + descr)
    else:
        counts["failed"] += 1
        print("FAIL - " + descr + ("\n       " + detail if detail else ""))


def run(*args):
    """Run a command; return (exit status, stdout, stderr) as text."""
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def truetype_fonts(pdf):
    """The TrueType fonts embedded in pdf (/FontFile2), each as (its
    /FontName, glyf, loca, u16, u32): glyf the offset of its glyf table in
    the font's bytes, loca the n + 1 glyph offsets, u16 and u32 big-endian
    readers of the bytes.  None when qpdf cannot read the file."""
    import base64
    import json
    rc, out, _ = run("qpdf", "--json", "--json-stream-data=inline", pdf)
    if rc != 0:
        return None
    objs = json.loads(out)["qpdf"][1]
    fonts = []
    for v in objs.values():
        d = v.get("value")
        if not isinstance(d, dict) or "/FontFile2" not in d:
            continue
        f = base64.b64decode(objs["obj:" + d["/FontFile2"]]["stream"]["data"])
        u16 = lambda o, f=f: int.from_bytes(f[o:o + 2], "big")
        u32 = lambda o, f=f: int.from_bytes(f[o:o + 4], "big")
        tab = {f[12 + 16 * i:16 + 16 * i].decode("latin-1"): u32(20 + 16 * i)
               for i in range(u16(4))}
        n, long_loca = u16(tab["maxp"] + 4), u16(tab["head"] + 50)
        loca = [u32(tab["loca"] + 4 * i) if long_loca else 2 * u16(tab["loca"] + 2 * i)
                for i in range(n + 1)]
        fonts.append((d["/FontName"], tab["glyf"], loca, u16, u32))
    return fonts


def nows(s):
    """s without any whitespace."""
    return re.sub(r"\s+", "", s)


def finish():
    """Print the closing line and exit non-zero when anything failed."""
    print("%d passed, %d failed" % (counts["passed"], counts["failed"]))
    sys.exit(1 if counts["failed"] else 0)
