#!/usr/bin/env bash
# stages.sh - the pipeline's folders only look down (README "Design",
# docs/architecture.md): a file of src/STAGE includes headers of its own
# stage or of stages before it, never of one after it (layout never sees
# api/'s engine; the renderer never the model).  Only load/ reads XML
# (libxml2), layout never loads a template itself.  libharu's struct headers
# are included by render/hpdf_imp.c alone, and nothing but render/
# includes <hpdf.h>.
# $1: the raingan binary (unused), $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"

# Each stage and what it may include, in pipeline order; the two drivers
# over the API (the command and the server) share a rank.
order=(util model load text layout render api serve cli)
rank() { case "$1" in util) echo 0;; model) echo 1;; load) echo 2;; text) echo 3;;
    layout) echo 4;; render) echo 5;; api) echo 6;; serve|cli) echo 7;; *) echo 99;; esac; }
allowed() { # allowed STAGE INCLUDED -> 0 when STAGE may include INCLUDED
    [ "$(rank "$2")" -le "$(rank "$1")" ]
}
for stage in "${order[@]}"; do
    bad=""
    for f in "$SRC"/src/"$stage"/*.[ch]; do
        for inc in $(sed -n 's|^#include "\([a-z]*\)/.*|\1|p' "$f" | sort -u); do
            [ -d "$SRC/src/$inc" ] || continue
            allowed "$stage" "$inc" || bad="$bad ${f#"$SRC"/}->$inc"
        done
    done
    ok "src/$stage includes no later stage${bad:+ (found:$bad)}" '[ -z "$bad" ]'
done
# The check above must be able to fail: layout including api is refused.
ok "the order refuses layout -> api" '! allowed layout api'

# Input is read by the load stage alone: nothing after it parses XML, and
# layout gets its templates loaded and checked (load/template.c), never
# loading one itself.
xml=$(grep -l '#include <libxml' "$SRC"/src/{text,layout,render}/*.[ch] 2>/dev/null | \
    sed "s|$SRC/||" | tr '\n' ' ')
ok "text/, layout/ and render/ never include libxml2${xml:+ (found: $xml)}" '[ -z "$xml" ]'
tload=$(grep -lE '\<(template_load|templates_load)\>' "$SRC"/src/layout/*.[ch] 2>/dev/null | \
    sed "s|$SRC/||" | tr '\n' ' ')
ok "layout/ never loads a template${tload:+ (found: $tload)}" '[ -z "$tload" ]'

internals=$(grep -l '#include <hpdf_\(doc\|objects\|pages\|catalog\|streams\)\.h>' \
    "$SRC"/src/*/*.[ch] | sed "s|$SRC/||" | tr '\n' ' ')
ok "only render/hpdf_imp.c includes libharu's struct headers (found: $internals)" \
   '[ "$internals" = "src/render/hpdf_imp.c " ]'
outside=$(grep -l '#include <hpdf' "$SRC"/src/*/*.[ch] | grep -v '/src/render/' | tr '\n' ' ')
ok "nothing outside render/ includes libharu${outside:+ (found: $outside)}" '[ -z "$outside" ]'
content=$(grep -c 'hpdf\|HPDF' "$SRC/src/render/content.c" "$SRC/src/render/content.h" | \
    awk -F: '{s += $2} END {print s}')
ok "content.c and content.h never mention libharu" '[ "$content" -eq 0 ]'

finish
