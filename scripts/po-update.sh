#!/usr/bin/env bash
# Extract every translatable message of src/ (xgettext) and merge the new
# ones into po/th.po (msgmerge), then list those still without a Thai
# translation.  docs/messages.md says how to mark and translate messages.
#   bash scripts/po-update.sh          update po/th.po, list what is missing
#   bash scripts/po-update.sh --check  change nothing; exit 1 if a message
#                                      has no translation (tests/tools/po.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
# The functions whose argument N is an English message (the catalogue's
# msgid): rg_diag's format is its 8th argument and its hint the 7th (a
# second pass: xgettext takes one argument per function), loader_diag's
# format its 5th, template.c's terr its 4th, terr_at and terr_fmt their 3rd; the CLI's cli_say and cli_tr
# their 1st (cli/common.h); N_() marks any other message (hints passed on,
# labels, help texts).  A new helper that hands its format to
# rg_vdiag or rg_context_translate must be added here.
KEYWORDS=(--keyword=N_ --keyword=rg_diag:8 --keyword=loader_diag:5 --keyword=terr:4 --keyword=terr_at:3 --keyword=terr_fmt:3
  --keyword=rg_context_translate:2 --keyword=xreport:5 --keyword=perr:4
  --keyword=cli_say --keyword=cli_tr)
HINTS=(--keyword=rg_diag:7 --keyword=perr:3 --keyword=xreport:4)
pot=$(mktemp --suffix=.pot)
pot2=$(mktemp --suffix=.pot)
po=$(mktemp --suffix=.po)
trap 'rm -f "$pot" "$pot2" "$po"' EXIT
xg() {
  find src -name '*.[ch]' | LC_ALL=C sort | xargs xgettext --language=C --from-code=UTF-8 \
    --no-location --sort-output --add-comments=TRANSLATORS: --package-name=raingan \
    --msgid-bugs-address=raingan "$@"
}
xg "${KEYWORDS[@]}" -o "$pot"
xg "${HINTS[@]}" -o "$pot2"
msgcat --use-first --sort-output "$pot" "$pot2" -o "$pot"
# A bare "%s" passes a message on already translated: not a message.
sed -i "s/charset=CHARSET/charset=UTF-8/" "$pot"
msggrep --invert-match --msgid --regexp="^%s\$" "$pot" -o "$pot"
msgmerge --quiet --no-fuzzy-matching --no-location --sort-output --no-wrap "po/th.po" "$pot" -o "$po"
sed -i '/^"POT-Creation-Date: /d; /^"Report-Msgid-Bugs-To: /d' "$po"
missing=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when anything is listed.
[ "$missing" -gt 0 ] && missing=$((missing - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
# The msgids of a .po on stdin, one a line (a msgid of several lines, such
# as a help text, joined), without the header's empty one.
msgids() {
  awk '/^msgid /{on=1; s=""} /^msgstr /{if (on && s != "\"\"") print "msgid " s; on=0}
       on {x=$0; sub(/^msgid /, "", x); s = (s == "" || s == "\"\"") ? x : substr(s, 1, length(s)-1) substr(x, 2)}'
}
if [ "${1:-}" = "--check" ]; then
  if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "po/th.po: $missing messages without a Thai translation, $fuzzy fuzzy:"
    msgattrib --untranslated --no-obsolete --no-wrap "$po" | msgids
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" | msgids
    echo "add them to po/th.po (bash scripts/po-update.sh; docs/messages.md)"
    exit 1
  fi
  echo "po/th.po: every message translated"
  exit 0
fi
msgattrib --no-obsolete --no-wrap "$po" -o po/th.po
echo "po/th.po: $missing messages without a Thai translation, $fuzzy fuzzy"
[ "$missing" -eq 0 ] || msgattrib --untranslated --no-obsolete --no-wrap po/th.po | msgids || true
