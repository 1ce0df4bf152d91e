#!/bin/bash
# typeset_cli.sh - `raingan typeset` on bad input, and deterministic output.
#   bash typeset_cli.sh RAINGAN SOURCE_DIR [RG_TEXTDUMP]
source "$(dirname "$0")/lib.bash" "$@"
at_exit() { chmod -R u+w "$tmp"; }
no_tmp() { [ -z "$(find "$tmp" -name '*.tmp*' -print -quit)" ]; }
export SOURCE_DATE_EPOCH=0
cp "$SRC/tests/data/text/stress.txt" "$tmp/in.txt"

# Golden: the same input twice gives byte-identical PDFs.
"$RG" typeset "$tmp/in.txt" -o "$tmp/a.pdf" --align justify 2>/dev/null
sleep 1
"$RG" typeset "$tmp/in.txt" -o "$tmp/b.pdf" --align justify 2>/dev/null
check "rendering twice with SOURCE_DATE_EPOCH=0 gives byte-identical PDFs" cmp -s "$tmp/a.pdf" "$tmp/b.pdf"
check "the PDF's creation date is the epoch" grep -aq "CreationDate (D:19700101000000Z" "$tmp/a.pdf"

# Missing input file.
echo keep >"$tmp/existing.pdf"
"$RG" typeset "$tmp/nope.txt" -o "$tmp/existing.pdf" 2>"$tmp/err"; rc=$?
check "a missing input file exits non-zero" [ $rc -ne 0 ]
check "a missing input file is named in the message" grep -q "nope.txt" "$tmp/err"
check "an existing output is left unchanged when the input is missing" grep -qx keep "$tmp/existing.pdf"

# Invalid UTF-8 on line 2, column 4.
printf 'ก ข\nabc\xffdef\n' >"$tmp/bad.txt"
"$RG" typeset "$tmp/bad.txt" -o "$tmp/bad.pdf" 2>"$tmp/err"; rc=$?
check "invalid UTF-8 exits non-zero" [ $rc -ne 0 ]
check "invalid UTF-8 is reported as file:2:4" grep -q "bad.txt:2:4: error" "$tmp/err"
check "invalid UTF-8 leaves no output file" [ ! -e "$tmp/bad.pdf" ]

# Unwritable output directory.
mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
if [ -w "$tmp/ro" ]; then
    echo "ok   - (skipped: running as root, the directory stays writable)"
else
    "$RG" typeset "$tmp/in.txt" -o "$tmp/ro/out.pdf" 2>"$tmp/err"; rc=$?
    check "an unwritable output directory exits non-zero" [ $rc -ne 0 ]
    check "an unwritable output directory is named in the message" grep -q "ro/out.pdf\|/ro" "$tmp/err"
    check "nothing is left in the unwritable directory" [ -z "$(ls -A "$tmp/ro")" ]
fi
"$RG" typeset "$tmp/in.txt" -o "$tmp/nodir/out.pdf" 2>"$tmp/err"; rc=$?
check "a missing output directory exits non-zero with a message" [ $rc -ne 0 -a -s "$tmp/err" ]

# Output path equal to the input path.
cp "$tmp/in.txt" "$tmp/same.txt"
"$RG" typeset "$tmp/same.txt" -o "$tmp/same.txt" 2>"$tmp/err"; rc=$?
check "output path equal to input exits non-zero" [ $rc -ne 0 ]
check "output path equal to input says so" [ -s "$tmp/err" ]
check "the input is left unchanged when it is also the output" cmp -s "$tmp/in.txt" "$tmp/same.txt"
ln -s same.txt "$tmp/link.txt"
"$RG" typeset "$tmp/same.txt" -o "$tmp/link.txt" 2>"$tmp/err"; rc=$?
check "output through a symlink to the input is refused too" [ $rc -ne 0 ]
check "the input is left unchanged after the symlink attempt" cmp -s "$tmp/in.txt" "$tmp/same.txt"

# An existing output survives a failing run.
cp "$tmp/a.pdf" "$tmp/keep.pdf"
"$RG" typeset "$tmp/bad.txt" -o "$tmp/keep.pdf" 2>/dev/null
check "an existing output file is unchanged after a failed run" cmp -s "$tmp/a.pdf" "$tmp/keep.pdf"
check "no *.tmp* file is left anywhere" no_tmp

# More --words files than the CLI keeps is a usage error, not silently cut.
words=()
for i in $(seq 17); do words+=(--words "$SRC/data/words.txt"); done
"$RG" typeset "$tmp/in.txt" -o "$tmp/words.pdf" "${words[@]}" 2>"$tmp/err"; rc=$?
check "17 --words files: usage error (2) saying the limit" \
    sh -c "[ $rc -eq 2 ] && grep -q 'at most 16 --words files' '$tmp/err'"
check "17 --words files: no PDF written" [ ! -e "$tmp/words.pdf" ]

finish
