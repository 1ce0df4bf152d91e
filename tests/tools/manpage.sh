#!/usr/bin/env bash
# manpage.sh - raingan(1) and the bash completion against the program:
# every option of every command's --help is described in the manual (in
# the command's section or under COMMON OPTIONS) and every option the
# manual gives a command is in its --help; every command has a section;
# the manual has the sections a Debian user looks for and groff reads it
# without a warning; the completion completes commands, options, option
# values (alignments, indicator numbers, templates) and files.
source "$(dirname "$0")/lib.bash" "$@"
MAN=$SRC/docs/raingan.1
COMP=$SRC/docs/raingan.bash

# The manual as plain lines: \- is -, font escapes dropped.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$MAN" >"$tmp/man.txt"
# man_options SECTION-START-REGEX: the options of the .TP tags of that
# section (up to the next .SS or .SH).
man_options() {
  awk -v start="$1" '
    $0 ~ start { on = 1; next }
    on && /^\.(SS|SH)/ { on = 0 }
    on && tag { print; tag = 0 }
    on && /^\.TP/ { tag = 1 }' "$tmp/man.txt" | grep -o -- '\(^\| \)-[-a-zA-Z0-9]*' | tr -d ' ' | sort -u
}
help_options() { # the options a --help lists
  grep -- '^ *-' | grep -o -- '\(^\| \)-[-a-zA-Z0-9]*\b' | tr -d ' ' | sort -u
}
commands=$("$RG" help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
ok "raingan help lists commands ($(echo $commands))" '[ "$(echo "$commands" | wc -l)" -ge 7 ]'
man_options '^\.SH COMMON OPTIONS' >"$tmp/common"
for cmd in $commands; do
  if ! grep -q "^\.SS \"raingan $cmd\( \|\"\)" "$tmp/man.txt"; then
    ok "the manual has a section for $cmd" false; continue
  fi
  "$RG" "$cmd" --help | help_options >"$tmp/help-$cmd"
  man_options "^\\.SS \"raingan $cmd( |\")" >"$tmp/man-$cmd"
  missing=$(comm -23 "$tmp/help-$cmd" <(sort -u "$tmp/man-$cmd" "$tmp/common"))
  ok "every option of 'raingan $cmd --help' is in the manual ($(wc -l <"$tmp/help-$cmd"))" '[ -z "$missing" ] || { echo "#  missing: $missing"; false; }'
  extra=$(comm -13 "$tmp/help-$cmd" "$tmp/man-$cmd")
  ok "every option the manual gives $cmd is in its --help" '[ -z "$extra" ] || { echo "#  not in --help: $extra"; false; }'
done
"$RG" --help | help_options >"$tmp/help-main" 2>/dev/null
for o in -h --help -V --version; do
  ok "the manual describes raingan $o" 'grep -q -- "$o" "$tmp/man.txt"'
done
for s in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
  ok "the manual has a $s section" 'grep -q "^\.SH \"\?$s\"\?$" "$tmp/man.txt"'
done
for v in $("$RG" --help | sed -n '/^environment:/,/^$/p' | grep -o '[A-Z][A-Z_]*[A-Z]'); do
  ok "the manual's ENVIRONMENT describes $v" 'sed -n "/^\.SH ENVIRONMENT/,/^\.SH/p" "$tmp/man.txt" | grep -qx "\.B $v"'
done
for n in 0 1 2 3 4; do
  ok "the manual's EXIT STATUS gives $n" 'sed -n "/^\.SH EXIT STATUS/,/^\.SH/p" "$tmp/man.txt" | grep -qx "\.B $n"'
done
if command -v groff >/dev/null; then
  ok "groff reads the manual without a warning" '[ -z "$(groff -man -Tutf8 -ww -z "$MAN" 2>&1)" ]'
fi

# ---- bash completion ----------------------------------------------------------
mkdir "$tmp/bin" "$tmp/w" "$tmp/w/sub"
ln -s "$RG" "$tmp/bin/raingan"
touch "$tmp/w/a.xml" "$tmp/w/b.txt" "$tmp/w/c.pdf" "$tmp/w/f.ttf" "$tmp/w/p.icc"
cp "$SRC/samples/indicators-2562.xml" "$tmp/w/ind.xml"
complete_line() { # words...: what completing the last word offers, one a line, sorted
  (cd "$tmp/w" && PATH=$tmp/bin:$PATH bash -c 'source "$1"; shift
     COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _raingan; printf "%s\n" "${COMPREPLY[@]}"' _ "$COMP" "$@") |
    sort -u
}
ok "bash -n reads the completion" 'bash -n "$COMP"'
ok "completes commands" '[ "$(complete_line raingan ren)" = render ]'
ok "completes every command" '[ "$(complete_line raingan "" | grep -cv "^-")" -eq "$(echo "$commands" | wc -l)" ]'
ok "completes help's command" '[ "$(complete_line raingan help arc)" = archive ]'
ok "completes a command's long options" '[ "$(complete_line raingan render --ou)" = --output ]'
got=$(complete_line raingan batch -)
ok "completes a command's options from its --help" 'for o in -o --per-indicator -q --data-dir --words; do grep -qx -- "$o" <<<"$got" || exit 1; done'
ok "completes --align's values" '[ "$(complete_line raingan typeset b.txt -a th)" = thai-distributed ]'
ok "completes the indicator numbers of the source on the line" \
   '[ "$(complete_line raingan render ind.xml -i 1. | tr "\n" " ")" = "1.1 1.2 " ]'
ok "completes sources: *.xml and folders" '[ "$(complete_line raingan render "" | tr "\n" " ")" = "a.xml ind.xml sub " ]'
ok "completes typeset's text files" '[ "$(complete_line raingan typeset "" | tr "\n" " ")" = "b.txt sub " ]'
ok "completes -o with PDFs and folders" '[ "$(complete_line raingan render a.xml -o "" | tr "\n" " ")" = "c.pdf sub " ]'
ok "completes batch -o with folders only" '[ "$(complete_line raingan batch a.xml -o "" | tr "\n" " ")" = "sub " ]'
ok "completes fonts" '[ "$(complete_line raingan render a.xml --font "" | tr "\n" " ")" = "f.ttf sub " ]'
ok "completes ICC profiles" '[ "$(complete_line raingan archive a.xml --icc "" | tr "\n" " ")" = "p.icc sub " ]'
tpl=$(cd "$tmp/w" && PATH=$tmp/bin:$PATH bash -c 'source "$1"; COMP_WORDS=(raingan x --template ind); COMP_CWORD=3; _raingan_templates; printf "%s\n" "${COMPREPLY[@]}"' _ "$COMP" | sort | tr '\n' ' ')
ok "completes template names from the data folder ($tpl)" '[ "$tpl" = "indicator indicator-9m " ]'

finish
