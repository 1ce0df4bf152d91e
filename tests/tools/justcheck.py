#!/usr/bin/env python3
"""justcheck.py - measure how a justified `raingan typeset` PDF reads.

    justcheck.py PDF SOURCE.txt DUMP WIDTH SIZE   -> one JSON object on stdout

DUMP is rg_textdump's output for the same text and options.  Measured from
the PDF (mutool trace gives every glyph's origin and advance; the dump
tells which glyphs make which line and which lines end a paragraph):

  gap_em        the largest gap between two visible characters of a line
                with no space between them (inside or between Thai
                words), in em: the next character's origin minus the
                furthest advance end before it
  space_em      the largest gap around a space: from the end of the
                character before the space(s) to the next one, in em
  lines         non-final lines (not a paragraph's last, not ending in a
                hard break): only these are stretched
  short1/short5 how many of them end short of the measure by more than
                1 % / 5 % of it
  extract       for pdftotext (default), pdftotext -raw, mutool draw -F
                txt and pdf.js (Firefox's copy, tests/pdfjs/extract.mjs): "order" true when the text comes back complete and in
                order (whitespace aside), "false" the spaces read where the
                source has none (a gap taken for a space), "lost" the
                spaces of the source missing inside a line, "hyphens" line
                end hyphens dropped (pdftotext's dehyphenation)

Only the standard library and the PDF tools are used."""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import run  # noqa: E402
from pdfcheck import load_dump, parse_trace  # noqa: E402

MARGIN_L = 85.039
PDFJS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pdfjs", "extract.mjs")
THAI = re.compile("[\u0e00-\u0e7f]")


def corpus(root, path, shared=False, every=1):
    """Write a corpus of Thai paragraphs to path (blank lines between them)
    and return how many: tests/data/text (but the 300-character word), the
    paragraphs, items and cells of samples/*.xml of 60 characters or more
    (every n-th), and with shared the OCR'd seeds of ../shared/seeds (or
    ../../shared/seeds, from a worktree)."""
    paras = []
    for f in sorted(glob.glob(os.path.join(root, "tests", "data", "text", "*.txt"))):
        if "longword" not in f:
            paras += [p.strip() for p in open(f, encoding="utf-8").read().split("\n\n")]
    found = []
    for f in sorted(glob.glob(os.path.join(root, "samples", "*.xml"))):
        for el in ET.parse(f).iter():
            if el.tag.split("}")[-1] in ("p", "li", "td", "th", "name", "title", "description"):
                t = " ".join("".join(el.itertext()).split())
                if len(t) >= 60 and THAI.search(t):
                    found.append(t)
    paras += found[::every]
    if shared:
        seeds = glob.glob(os.path.join(root, "..", "shared", "seeds", "*.txt")) or \
            glob.glob(os.path.join(root, "..", "..", "shared", "seeds", "*.txt"))
        for f in sorted(seeds):
            for ln in open(f, encoding="utf-8"):
                t = " ".join(re.sub(r"<[^>]*>", " ", ln).split())
                if len(t) >= 60 and THAI.search(t):
                    paras.append(t)
    seen, out = set(), []
    for p in paras:
        if p and p not in seen:
            seen.add(p)
            out.append(p)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n\n".join(out) + "\n")
    return len(out)


def read_back(src, out):
    """Compare extracted text with the source: see the module's "extract"."""
    chars, ws_before = [], []
    ws = False
    for ch in src:
        if ch.isspace():
            ws = True
            continue
        chars.append(ch)
        ws_before.append(ws)
        ws = False
    res = {"order": True, "false": 0, "lost": 0, "hyphens": 0}
    k, pending, fresh = 0, False, True  # fresh: at the start of an output line
    for ch in out:
        if ch in "\n\f":
            pending, fresh = False, True
            continue
        if ch.isspace():
            pending = not fresh
            continue
        while k < len(chars) and chars[k] != ch and chars[k] == "-":
            k += 1  # a line-end hyphen poppler's default mode drops
            res["hyphens"] += 1
        if k >= len(chars) or chars[k] != ch:
            res["order"] = False
            break
        if pending and not ws_before[k]:
            res["false"] += 1
        if not pending and not fresh and ws_before[k]:
            res["lost"] += 1
        pending, fresh = False, False
        k += 1
    res["order"] = res["order"] and k == len(chars)
    return res


def measure(pdf, srcpath, dumppath, width, size):
    src = open(srcpath, encoding="utf-8").read()
    d = load_dump(dumppath)
    rc, xml, _ = run("mutool", "trace", pdf)
    got = [g for pg in parse_trace(xml) for g in pg["glyphs"]] if rc == 0 else []
    exp = [g for g in d["glyphs"] if not g["path"]]
    res = {"gap_em": 0.0, "space_em": 0.0, "lines": 0, "short1": 0, "short5": 0,
           "glyphs_match": len(got) == len(exp)}
    if len(got) == len(exp):
        index = {id(g): i for i, g in enumerate(exp)}
        para_ends = {e for _, e in d["paras"]}
        for ln in d["lines"]:
            gl = [got[index[id(g)]] for g in ln["glyphs"] if id(g) in index]
            nonspace_end, spaced = None, False
            for g in gl:
                if g["adv"] <= 0:
                    continue
                if g["text"].isspace():
                    spaced = nonspace_end is not None
                    continue
                if nonspace_end is not None:
                    gap = (g["x"] - nonspace_end) / size
                    key = "space_em" if spaced else "gap_em"
                    res[key] = max(res[key], round(gap, 4))
                nonspace_end = max(nonspace_end or g["x"], g["x"] + g["adv"])
                spaced = False
            if ln["hard"] or ln["end"] in para_ends or not gl:
                continue
            res["lines"] += 1
            edge = max(g["x"] + g["adv"] for g in gl if g["adv"] > 0) - MARGIN_L
            short = (width - edge) / width
            res["short1"] += short > 0.01
            res["short5"] += short > 0.05
    res["extract"] = {}
    for tool, cmd in (("pdftotext", ["pdftotext", "-enc", "UTF-8", pdf, "-"]),
                      ("pdftotext-raw", ["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"]),
                      ("mutool", ["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf]),
                      ("pdf.js", ["node", PDFJS, pdf])):
        rc, out, _ = run(*cmd)
        res["extract"][tool] = read_back(src, out) if rc == 0 else {"order": False}
    return res


if __name__ == "__main__":
    pdf, srcpath, dumppath, width, size = sys.argv[1:6]
    print(json.dumps(measure(pdf, srcpath, dumppath, float(width), float(size))))
