#!/bin/bash
# typeset_cli.sh - `raingan typeset` on bad input, and deterministic output.
#   bash typeset_cli.sh RAINGAN SOURCE_DIR [RG_TEXTDUMP]
set -u
RG=$1 SRC=$2
T=$(mktemp -d)
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
pass=0 fail=0
check() { # sentence, then a command that must succeed
    local d=$1; shift
    if "$@"; then pass=$((pass + 1)); echo "ok   - $d"; else fail=$((fail + 1)); echo "FAIL - $d"; fi
}
no_tmp() { [ -z "$(find "$T" -name '*.tmp*' -print -quit)" ]; }
export SOURCE_DATE_EPOCH=0
cp "$SRC/tests/data/text/stress.txt" "$T/in.txt"

# Golden: the same input twice gives byte-identical PDFs.
"$RG" typeset "$T/in.txt" -o "$T/a.pdf" --align justify 2>/dev/null
sleep 1
"$RG" typeset "$T/in.txt" -o "$T/b.pdf" --align justify 2>/dev/null
check "rendering twice with SOURCE_DATE_EPOCH=0 gives byte-identical PDFs" cmp -s "$T/a.pdf" "$T/b.pdf"
check "the PDF's creation date is the epoch" grep -aq "CreationDate (D:19700101000000Z" "$T/a.pdf"

# Missing input file.
echo keep >"$T/existing.pdf"
"$RG" typeset "$T/nope.txt" -o "$T/existing.pdf" 2>"$T/err"; rc=$?
check "a missing input file exits non-zero" [ $rc -ne 0 ]
check "a missing input file is named in the message" grep -q "nope.txt" "$T/err"
check "an existing output is left unchanged when the input is missing" grep -qx keep "$T/existing.pdf"

# Invalid UTF-8 on line 2, column 4.
printf 'ก ข\nabc\xffdef\n' >"$T/bad.txt"
"$RG" typeset "$T/bad.txt" -o "$T/bad.pdf" 2>"$T/err"; rc=$?
check "invalid UTF-8 exits non-zero" [ $rc -ne 0 ]
check "invalid UTF-8 is reported as file:2:4" grep -q "bad.txt:2:4: error" "$T/err"
check "invalid UTF-8 leaves no output file" [ ! -e "$T/bad.pdf" ]

# Unwritable output directory.
mkdir "$T/ro" && chmod a-w "$T/ro"
if [ -w "$T/ro" ]; then
    echo "ok   - (skipped: running as root, the directory stays writable)"
else
    "$RG" typeset "$T/in.txt" -o "$T/ro/out.pdf" 2>"$T/err"; rc=$?
    check "an unwritable output directory exits non-zero" [ $rc -ne 0 ]
    check "an unwritable output directory is named in the message" grep -q "ro/out.pdf\|/ro" "$T/err"
    check "nothing is left in the unwritable directory" [ -z "$(ls -A "$T/ro")" ]
fi
"$RG" typeset "$T/in.txt" -o "$T/nodir/out.pdf" 2>"$T/err"; rc=$?
check "a missing output directory exits non-zero with a message" [ $rc -ne 0 -a -s "$T/err" ]

# Output path equal to the input path.
cp "$T/in.txt" "$T/same.txt"
"$RG" typeset "$T/same.txt" -o "$T/same.txt" 2>"$T/err"; rc=$?
check "output path equal to input exits non-zero" [ $rc -ne 0 ]
check "output path equal to input says so" [ -s "$T/err" ]
check "the input is left unchanged when it is also the output" cmp -s "$T/in.txt" "$T/same.txt"
ln -s same.txt "$T/link.txt"
"$RG" typeset "$T/same.txt" -o "$T/link.txt" 2>"$T/err"; rc=$?
check "output through a symlink to the input is refused too" [ $rc -ne 0 ]
check "the input is left unchanged after the symlink attempt" cmp -s "$T/in.txt" "$T/same.txt"

# An existing output survives a failing run.
cp "$T/a.pdf" "$T/keep.pdf"
"$RG" typeset "$T/bad.txt" -o "$T/keep.pdf" 2>/dev/null
check "an existing output file is unchanged after a failed run" cmp -s "$T/a.pdf" "$T/keep.pdf"
check "no *.tmp* file is left anywhere" no_tmp

# More --words files than the CLI keeps is a usage error, not silently cut.
words=()
for i in $(seq 17); do words+=(--words "$SRC/data/words.txt"); done
"$RG" typeset "$T/in.txt" -o "$T/words.pdf" "${words[@]}" 2>"$T/err"; rc=$?
check "17 --words files: usage error (2) saying the limit" \
    sh -c "[ $rc -eq 2 ] && grep -q 'at most 16 --words files' '$T/err'"
check "17 --words files: no PDF written" [ ! -e "$T/words.pdf" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
