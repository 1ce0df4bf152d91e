#!/usr/bin/env bash
# archmem.sh - an archive's memory does not follow its pages or its
# sources (issue #14): the writer sends each page to the output file once
# it is drawn (render/pdf_output.c), and the archive keeps of each source
# only a digest for the front matter, loading the whole document again
# from its file when its forms are drawn and embedding the file from disk
# (api/archive.c), so no source's model or bytes stay.
# Bounded by counts, not time: the peak RSS of a 300-form archive (about
# 1,660 pages) exceeds that of a 30-form one (about 160 pages), one thread
# each, by less than 50 KiB a form, and is under 1.5 times it.  What still
# grows is the front matter (one row per form in the score summary, the
# approval table and the contents, laid out before it is written) and a
# few hundred bytes a page in the writer: about 30 KiB a form.  With every
# model and source kept until the end (before) it grew 160 KiB a form, 2.9
# times; with every page kept as well, 3.3 times.  test_pdfstream bounds
# the writer alone (heap bytes per page), test_archive the re-reading
# (same bytes; a source changed between the passes is an error).  Also:
# both archives are sound PDFs (qpdf --check) whose cross-reference table
# points at every object, pages and outline intact, equal bytes with one
# thread and with several.
# $1: the raingan binary, $2: the source folder.
set -u
RG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; SRC="$2"
PY=/usr/bin/python3
fail=0; pass=0
ok() { if eval "$2"; then pass=$((pass+1)); echo "ok   - $1"; else fail=$((fail+1)); echo "FAIL - $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
asan=0
if ldd "$RG" 2>/dev/null | grep -q libasan; then asan=1; fi

for n in 30 300; do
    "$PY" "$SRC/bench/gen.py" split $n "$tmp/s$n" >/dev/null
    /usr/bin/time -f "%M" -o "$tmp/rss$n" "$RG" archive -j 1 "$tmp/s$n" -o "$tmp/a$n.pdf" 2>"$tmp/err$n"
    rc=$?
    ok "the $n-form archive is written (exit 0)" '[ $rc -eq 0 ] && [ -s "$tmp/a$n.pdf" ]'
    ok "the $n-form archive passes qpdf --check" 'qpdf --check "$tmp/a$n.pdf" >"$tmp/check$n" 2>&1'
done
p30=$(qpdf --show-npages "$tmp/a30.pdf"); p300=$(qpdf --show-npages "$tmp/a300.pdf")
ok "the 300-form archive has about ten times the pages ($p30, $p300)" \
   '[ "$p300" -ge $((p30 * 9)) ] && [ "$p300" -le $((p30 * 11)) ]'

# Every cross-reference entry points at its own "N 0 obj" (pages were
# written long before the table), and the pages come before the catalog.
"$PY" - "$tmp/a300.pdf" >"$tmp/xref" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
m = re.match(rb"xref\n0 (\d+)\n", data[start:])
n, pos = int(m.group(1)), start + m.end()
bad = 0
offs = {}
for i in range(n):
    e = data[pos + 20 * i: pos + 20 * (i + 1)]
    off = int(e[:10])
    if i and not data.startswith(b"%d 0 obj\n" % i, off):
        bad += 1
    offs[i] = off
root = int(re.search(rb"/Root (\d+) 0 R", data[start:]).group(1))
pages = [int(x) for x in re.findall(rb"(\d+) 0 obj\n<<\n/Type /Page\n", data)]
print(n, bad, sum(1 for p in pages if offs[p] < offs[root]), len(pages))
EOF
read -r nobj badx early npg <"$tmp/xref"
ok "every one of the $nobj cross-reference entries points at its object" '[ "$badx" -eq 0 ] && [ "$nobj" -gt 1000 ]'
ok "all $npg pages are written before the catalog (streamed, not kept)" \
   '[ "$npg" -eq "$p300" ] && [ "$early" -eq "$npg" ]'
ok "the outline still opens pages (mutool: first form entries)" \
   '[ "$(mutool show "$tmp/a300.pdf" outline | grep -c "#page=")" -ge 300 ]'
pdftotext -f "$p300" -l "$p300" "$tmp/a300.pdf" "$tmp/last.txt"
ok "the last page has its text" '[ "$(wc -w <"$tmp/last.txt")" -gt 5 ]'

"$RG" archive -j 2 "$tmp/s30" -o "$tmp/one.pdf" 2>/dev/null
ok "equal bytes with one thread and with two" 'cmp -s "$tmp/one.pdf" "$tmp/a30.pdf"'

r30=$(cat "$tmp/rss30"); r300=$(cat "$tmp/rss300")
echo "  measured: 30 forms ($p30 pages) $((r30 / 1024)) MiB, 300 forms ($p300 pages) $((r300 / 1024)) MiB"
if [ $asan = 1 ]; then
    echo "skip - peak RSS under AddressSanitizer says nothing of the writer"
else
    per=$(( (r300 - r30) / 270 ))
    echo "  growth: $per KiB a form"
    ok "peak RSS grows less than 50 KiB a form from 30 to 300 forms ($per KiB)" \
       '[ "$per" -lt 50 ]'
    ok "peak RSS of 300 forms < 1.5 x that of 30 forms ($((r300 / 1024)) vs $((r30 / 1024)) MiB)" \
       '[ $((2 * r300)) -lt $((3 * r30)) ]'
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
