#!/usr/bin/env bash
# serve.sh - the render service through a real HTTP client (curl) on
# loopback: every endpoint (the PDFs byte-identical to the CLI's), the
# studio's file API (atomic saves, conflicts), access rules (Host, Origin,
# token), then hostile requests (huge and endless bodies, a slow sender,
# malformed multipart, path traversal, a flood of connections, a burst of
# renders) after each of which the server still answers, the engine's files
# read once (strace), and a clean stop
# on SIGTERM that finishes the request in flight.
# Bounded by counts, never by time.  $1: the raingan binary, $2: the source tree.
source "$(dirname "$0")/lib.bash" "$@"
pids=()
at_exit() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
CLIENT="python3 $SRC/tests/tools/serve_client.py"
S="$SRC/samples/indicators-2562.xml"; SUM="$SRC/samples/summary-2564.xml"
mkdir "$tmp/dir" && cp "$S" "$SUM" "$tmp/dir/"
unset RAINGAN_TOKEN

# start NAME ARGS...: run a server in the background on a free port; sets
# PORT and B (its base URL) once it prints where it listens.
. "$SRC/tests/serve_start.bash"
start() {
    local name=$1; shift
    serve_start "$RG" "$tmp/$name.log" "$@"
    pids+=("$SERVE_PID"); echo "$SERVE_PID" >"$tmp/$name.pid"
    PORT=$SERVE_PORT
    B="http://127.0.0.1:$PORT"
}
# code URL ARGS...: the HTTP status of a request (body to $tmp/body).
code() { local u=$1; shift; curl -s -o "$tmp/body" -w '%{http_code}' "$@" "$u"; }
jqb() { jq -r "$1" "$tmp/body" 2>/dev/null; }

start main "$tmp/dir" --workers 2 --queue 4 --max-body 262144 --timeout 3 --max-connections 48
ok "the server starts on a free loopback port and says where" '[ -n "$PORT" ]'

# ---- endpoints ----------------------------------------------------------------
ok "GET /health: 200 status ok with 2 workers" \
   '[ "$(code $B/health)" = 200 ] && [ "$(jqb .status)" = ok ] && [ "$(jqb .workers)" = 2 ]'
ok "GET /version: the CLI's version and the limits in force" \
   '[ "$(code $B/version)" = 200 ] && [ "raingan $(jqb .raingan)" = "$("$RG" --version)" ] && [ "$(jqb .limits.max_body)" = 262144 ]'
(cd "$SRC/samples" && "$RG" render indicators-2562.xml -o "$tmp/cli.pdf" 2>/dev/null)
ok "POST /render (XML body, ?name=): 200 application/pdf, the same bytes as raingan render" \
   '[ "$(code "$B/render?name=indicators-2562.xml" --data-binary @"$S" -H "Content-Type: application/xml")" = 200 ] && cmp -s "$tmp/body" "$tmp/cli.pdf"'
(cd "$SRC/samples" && "$RG" preview indicators-2562.xml -i 1.2 -o "$tmp/cli12.pdf" 2>/dev/null)
curl -s -D "$tmp/h" -o "$tmp/body" --data-binary @"$S" "$B/render?indicator=1.2&name=indicators-2562.xml"
ok "?indicator=1.2 renders that form only, as raingan preview -i 1.2 (and says its pages)" \
   'cmp -s "$tmp/body" "$tmp/cli12.pdf" && grep -qi "^X-Raingan-Pages: 6" "$tmp/h"'
ok "and says where its time went: Server-Timing receive, queue, load, render (in that order)" \
   'grep -i "^Server-Timing: " "$tmp/h" | tr -d "\r" | grep -Eq "^[^:]*: receive;dur=[0-9.]+, queue;dur=[0-9.]+, load;dur=[0-9.]+, render;dur=[0-9.]+\$"'
curl -s -D "$tmp/h" -o /dev/null --data-binary @"$S" "$B/check"
ok "POST /check's Server-Timing: receive, queue, load, scores" \
   'grep -i "^Server-Timing: " "$tmp/h" | tr -d "\r" | grep -Eq "^[^:]*: receive;dur=[0-9.]+, queue;dur=[0-9.]+, load;dur=[0-9.]+, scores;dur=[0-9.]+\$"'
printf 'evidence' >"$tmp/evidence.txt"
ok "multipart: the source with an attachment renders the same PDF" \
   '[ "$(code "$B/render" -F "source=@$S;filename=indicators-2562.xml" -F "att=@$tmp/evidence.txt")" = 200 ] && cmp -s "$tmp/body" "$tmp/cli.pdf"'
(cd "$SRC/samples" && "$RG" score --json indicators-2562.xml | jq -S '.files[0]' >"$tmp/cli-scores")
ok "POST /check of a good source: valid, no errors, and the scores of raingan score --json" \
   '[ "$(code "$B/check?name=indicators-2562.xml" --data-binary @"$S")" = 200 ] && [ "$(jqb .valid)" = true ] && [ "$(jqb .errors)" = 0 ] && [ "$(jqb "[.scores.indicators[].number]|join(\",\")")" = "1.1,1.2,2,4.2,4.3" ] && jq -S .scores "$tmp/body" | cmp -s - "$tmp/cli-scores"'
sed 's/weight="20"/weight="200"/' "$S" >"$tmp/bad.xml"
# (English messages; a " [code]" the CLI may add is compared apart)
LC_ALL=C.UTF-8 LANG=C.UTF-8 "$RG" check "$tmp/bad.xml" 2>&1 | sed "s|$tmp/||; s/ \[[a-z-]*\]\$//" | grep ': error: ' >"$tmp/cli-errors"
code "$B/check?name=bad.xml" --data-binary @"$tmp/bad.xml" >/dev/null
jq -r '.diagnostics[] | select(.severity=="error") | "\(.location): error: \(.message)"' "$tmp/body" >"$tmp/srv-errors"
ok "POST /check of a broken source: the CLI's errors as JSON with file:line:col and codes" \
   '[ "$(jqb .valid)" = false ] && [ -s "$tmp/cli-errors" ] && cmp -s "$tmp/cli-errors" "$tmp/srv-errors" && [ "$(jqb ".diagnostics[0].code")" = out-of-range ]'
LC_ALL=C.UTF-8 LANG=C.UTF-8 "$RG" check --lang th "$tmp/bad.xml" 2>&1 | sed "s|$tmp/||; s/ \[[a-z-]*\]\$//" | grep ': ข้อผิดพลาด: ' >"$tmp/cli-th"
code "$B/check?name=bad.xml&lang=th" --data-binary @"$tmp/bad.xml" >/dev/null
jq -r '.diagnostics[] | select(.severity=="error") | "\(.location): ข้อผิดพลาด: \(.message)"' "$tmp/body" >"$tmp/srv-th"
ok "POST /check?lang=th: the messages in Thai, as raingan check --lang th prints them" \
   '[ "$(jqb .language)" = th ] && [ -s "$tmp/cli-th" ] && cmp -s "$tmp/cli-th" "$tmp/srv-th"'
ok "Accept-Language: th-TH asks for Thai too; none gives English" \
   '[ "$(code "$B/check" --data-binary @"$tmp/bad.xml" -H "Accept-Language: th-TH,th;q=0.9,en;q=0.8")" = 200 ] && [ "$(jqb .language)" = th ] && code "$B/check" --data-binary @"$tmp/bad.xml" >/dev/null && [ "$(jqb .language)" = en ]'
ok "POST /render of a broken source: 422 with the first error's file, line and message" \
   '[ "$(code "$B/render?name=bad.xml" --data-binary @"$tmp/bad.xml")" = 422 ] && [ "$(jqb .error)" = invalid-source ] && [ "$(jqb .file):$(jqb .line)" = "bad.xml:114" ] && jqb .message | grep -q "^bad.xml:114:27: error: weight"'
printf '<report xmlns="urn:raingan:report:1"><meta>' >"$tmp/trunc.xml"
ok "POST /render of XML that is not well formed: 422 naming the line" \
   '[ "$(code "$B/render" --data-binary @"$tmp/trunc.xml")" = 422 ] && [ "$(jqb .line)" = 1 ]'
ok "?indicator= of no indicator: 400 with the library's code and message" \
   '[ "$(code "$B/render?indicator=9.9" --data-binary @"$S")" = 400 ] && [ "$(jqb .code)" = no-such-indicator ] && [ "$(jqb .diagnostics[0].location)" = source.xml ] && jqb .message | grep -q "9.9"'
# An archive is one agency's: two departments of the sample's agency.
mkdir "$tmp/agency"; cp "$S" "$tmp/agency/"
sed 's|<department>[^<]*</department>|<department>กองที่สอง</department>|' "$S" >"$tmp/agency/dept2.xml"
(cd "$tmp/agency" && "$RG" archive indicators-2562.xml dept2.xml -o "$tmp/cli-arch.pdf" 2>/dev/null)
ok "POST /archive (two sources): the same PDF/A-3b bytes as raingan archive" \
   '[ "$(code "$B/archive" -F "a=@$S" -F "b=@$tmp/agency/dept2.xml")" = 200 ] && cmp -s "$tmp/body" "$tmp/cli-arch.pdf"'
ok "POST /archive of two agencies' sources: 422, nothing made" \
   '[ "$(code "$B/archive" -F "a=@$S" -F "b=@$SUM")" = 422 ]'
ok "POST /archive with a broken source: 422, nothing made" \
   '[ "$(code "$B/archive" -F "a=@$S" -F "b=@$tmp/bad.xml")" = 422 ] && [ "$(jqb .file)" = bad.xml ]'
# ---- the files a source names: the request's parts, else the folder, never outside
O="$SRC/samples/official-2562.xml"; E="$SRC/samples/evidence"
parts=(-F "source=@$O;filename=official-2562.xml" -F "a=@$E/order-03-2562.pdf"
       -F "b=@$E/meeting-photo.jpg" -F "c=@$E/survey-results.csv" -F "d=@$E/signature.png")
(cd "$SRC/samples" && "$RG" render official-2562.xml -o "$tmp/cli-off.pdf" 2>/dev/null)
ok "POST /render multipart: evidence files, photo and signature as parts give raingan render's PDF" \
   '[ "$(code "$B/render" "${parts[@]}")" = 200 ] && cmp -s "$tmp/body" "$tmp/cli-off.pdf"'
ln=$(grep -n 'file="evidence/order-03-2562.pdf"' "$O" | head -1 | cut -d: -f1)
ok "without the parts (and not in the folder): 422 at the line naming the first file" \
   '[ "$(code "$B/render" -F "source=@$O;filename=official-2562.xml")" = 422 ] && [ "$(jqb .code)" = missing-file ] && [ "$(jqb .line)" = "$ln" ]'
(cd "$SRC/samples" && "$RG" archive official-2562.xml -o "$tmp/cli-offa.pdf" 2>/dev/null)
ok "POST /archive with the parts: raingan archive's PDF/A-3b, byte for byte" \
   '[ "$(code "$B/archive" "${parts[@]}")" = 200 ] && cmp -s "$tmp/body" "$tmp/cli-offa.pdf"'
mkdir "$tmp/detach" && pdfdetach -saveall -o "$tmp/detach" "$tmp/body" >/dev/null 2>&1
ok "pdfdetach gives back the evidence files sent, identical" \
   'cmp -s "$tmp/detach/1.1-1-order-03-2562.pdf" "$E/order-03-2562.pdf" && cmp -s "$tmp/detach/1.1-3-meeting-photo.jpg" "$E/meeting-photo.jpg" && cmp -s "$tmp/detach/1.1-5-survey-results.csv" "$E/survey-results.csv"'
# A source naming files by paths that leave the folder, or a link out of it.
ev() { sed "s|หนังสือเวียน.pdf|$1|" "$SRC/tests/data/messages/missing-evidence-file.xml" >"$tmp/ev.xml"; }
ev "../../../../../../../../etc/hostname"
ok "a path out of the folder, no part of that name: 422 file-outside, nothing read" \
   '[ "$(code "$B/render?name=ev.xml" --data-binary @"$tmp/ev.xml")" = 422 ] && [ "$(jqb .code)" = file-outside ]'
ev "/etc/hostname"
ok "an absolute path: 422 file-outside" \
   '[ "$(code "$B/render?name=ev.xml" --data-binary @"$tmp/ev.xml")" = 422 ] && [ "$(jqb .code)" = file-outside ]'
ln -s /etc/hostname "$tmp/dir/link.pdf"; ev "link.pdf"
ok "a symbolic link in the folder pointing out of it: 422 file-outside" \
   '[ "$(code "$B/render?name=ev.xml" --data-binary @"$tmp/ev.xml")" = 422 ] && [ "$(jqb .code)" = file-outside ]'
rm -f "$tmp/dir/link.pdf"
mkdir -p "$tmp/dir/evidence" && printf 'inside' >"$tmp/dir/evidence/in.pdf"; ev "evidence/in.pdf"
ok "a file inside the folder, relative to it: 200" \
   '[ "$(code "$B/render?name=ev.xml" --data-binary @"$tmp/ev.xml")" = 200 ]'
printf 'sent with the request' >"$tmp/hostname"
ev "../../../../../../../../etc/hostname"
mkdir "$tmp/detach2"
ok "a part named like the path's last part is used, never the disk: the archive holds the part" \
   '[ "$(code "$B/archive" -F "s=@$tmp/ev.xml;filename=ev.xml" -F "h=@$tmp/hostname")" = 200 ] && pdfdetach -saveall -o "$tmp/detach2" "$tmp/body" >/dev/null 2>&1 && cmp -s "$tmp/detach2/1-1-hostname" "$tmp/hostname"'
rm -rf "$tmp/dir/evidence"
ok "an empty body: 400 empty-body" '[ "$(code "$B/render" -X POST)" = 400 ] && [ "$(jqb .error)" = empty-body ]'
ok "an unknown path: 404 JSON" '[ "$(code "$B/nothing")" = 404 ] && [ "$(jqb .status)" = 404 ]'
ok "a wrong method: 405 with Allow" '[ "$(code "$B/render")" = 405 ] && [ "$(jqb .error)" = method-not-allowed ]'

# ---- the studio's files -----------------------------------------------------------
ok "GET /api/files lists the folder's sources" \
   '[ "$(code "$B/api/files")" = 200 ] && [ "$(jqb "[.files[].name]|join(\",\")")" = "indicators-2562.xml,summary-2564.xml" ]'
curl -s -D "$tmp/h" -o "$tmp/body" "$B/api/file?name=summary-2564.xml"
etag=$(grep -i '^ETag:' "$tmp/h" | tr -d '\r"' | awk '{print $2}')
ok "GET /api/file gives the bytes and their SHA-256 as ETag" \
   'cmp -s "$tmp/body" "$SUM" && [ "$etag" = "$(sha256sum "$SUM" | cut -d" " -f1)" ]'
ino0=$(stat -c %i "$tmp/dir/summary-2564.xml")
sed 's/2564/2565/' "$SUM" >"$tmp/edited.xml"
ok "PUT /api/file with the ETag saves; the answer gives the new ETag" \
   '[ "$(code "$B/api/file?name=summary-2564.xml" -X PUT --data-binary @"$tmp/edited.xml" -H "If-Match: \"$etag\"")" = 200 ] && cmp -s "$tmp/dir/summary-2564.xml" "$tmp/edited.xml" && [ "$(jqb .etag)" = "$(sha256sum "$tmp/edited.xml" | cut -d" " -f1)" ]'
ok "the save replaced the file by a new one (renamed in: new inode), no temporary left" \
   '[ "$(stat -c %i "$tmp/dir/summary-2564.xml")" != "$ino0" ] && [ -z "$(ls -A "$tmp/dir" | grep -v "\.xml$")" ]'
ok "a save with the old ETag (changed on disk since): 409, file unchanged" \
   '[ "$(code "$B/api/file?name=summary-2564.xml" -X PUT --data-binary @"$SUM" -H "If-Match: \"$etag\"")" = 409 ] && [ "$(jqb .error)" = changed-on-disk ] && cmp -s "$tmp/dir/summary-2564.xml" "$tmp/edited.xml"'
ok "a save without If-Match: 428" \
   '[ "$(code "$B/api/file?name=summary-2564.xml" -X PUT --data-binary @"$SUM")" = 428 ]'
ok "If-Match: * overwrites (the user confirmed)" \
   '[ "$(code "$B/api/file?name=summary-2564.xml" -X PUT --data-binary @"$SUM" -H "If-Match: *")" = 200 ] && cmp -s "$tmp/dir/summary-2564.xml" "$SUM"'
ok "If-None-Match: * makes a new source: 201, its bytes on disk, no temporary left" \
   '[ "$(code "$B/api/file?name=new.xml" -X PUT --data-binary @"$SUM" -H "If-None-Match: *")" = 201 ] && cmp -s "$tmp/dir/new.xml" "$SUM" && [ "$(jqb .etag)" = "$(sha256sum "$SUM" | cut -d" " -f1)" ] && [ -z "$(ls -A "$tmp/dir" | grep -v "\.xml$")" ]'
ino1=$(stat -c %i "$tmp/dir/new.xml")
ok "If-None-Match: * over an existing source: 412 exists, the file untouched" \
   '[ "$(code "$B/api/file?name=new.xml" -X PUT --data-binary @"$S" -H "If-None-Match: *")" = 412 ] && [ "$(jqb .error)" = exists ] && cmp -s "$tmp/dir/new.xml" "$SUM" && [ "$(stat -c %i "$tmp/dir/new.xml")" = "$ino1" ] && [ -z "$(ls -A "$tmp/dir" | grep -v "\.xml$")" ]'
ok "If-None-Match: * with a name out of the folder: 400, nothing made" \
   '[ "$(code "$B/api/file?name=..%2Fout.xml" -X PUT --data-binary @"$SUM" -H "If-None-Match: *")" = 400 ] && [ ! -e "$tmp/out.xml" ]'
rm -f "$tmp/dir/new.xml"

# ---- access --------------------------------------------------------------------------
ok "a Host that is not loopback (DNS rebinding): 403" \
   '[ "$(code "$B/health" -H "Host: evil.example")" = 403 ] && [ "$(jqb .error)" = bad-host ]'
ok "a POST from another site (Origin): 403" \
   '[ "$(code "$B/check" --data-binary @"$S" -H "Origin: http://evil.example")" = 403 ]'
"$RG" serve -p 0 --listen 0.0.0.0 "$tmp/dir" 2>"$tmp/err"; rc=$?
ok "listening off loopback without a token is refused (exit 2, says why)" \
   '[ $rc -eq 2 ] && grep -q "needs an access token" "$tmp/err"'
tok=0123456789abcdef-secret-token
printf '%s\n' "$tok" >"$tmp/token"
MAIN_B=$B; MAIN_PORT=$PORT
start tok "$tmp/dir" --token-file "$tmp/token" -q
ok "with a token: no token 401, a wrong one 401, the right one 200" \
   '[ "$(code "$B/health")" = 401 ] && [ "$(code "$B/health" -H "Authorization: Bearer ${tok}x")" = 401 ] && [ "$(code "$B/health" -H "Authorization: Bearer $tok")" = 200 ]'
ok "the studio opened with ?token= sets the cookie that carries it" \
   'curl -s -c "$tmp/jar" -o /dev/null "$B/?token=$tok" && [ "$(code "$B/api/files" -b "$tmp/jar")" = 200 ]'
kill "$(cat "$tmp/tok.pid")"; wait "$(cat "$tmp/tok.pid")" 2>/dev/null
B=$MAIN_B; PORT=$MAIN_PORT

# ---- hostile requests ----------------------------------------------------------------
alive() { [ "$(code "$B/health")" = 200 ]; }
head -c 2000000 /dev/zero | tr '\0' 'x' >"$tmp/huge"
ok "a huge body (2 MB, Content-Length over the bound): 413 too-large, the server serves on" \
   '[ "$(code "$B/render" --data-binary @"$tmp/huge")" = 413 ] && [ "$(jqb .error)" = too-large ] && alive'
r=$($CLIENT chunked "$PORT" 4000000)
ok "an endless chunked body: the connection is closed at the bound, the server serves on" \
   '[ "$r" = closed ] && alive && grep -q "body over 262144 bytes; closed" "$tmp/main.log"'
r=$($CLIENT slow "$PORT")
ok "a slow sender (half a body, then silence): closed by the timeout, the server serves on" \
   '[ "$r" = closed ] && alive'
r=$($CLIENT trickle "$PORT" 120)
ok "a slow-loris (headers one byte every half second, up to 120): cut off, the server serves on" \
   '[ "$r" = closed ] && alive && grep -q "headers were not received within 3 s; closed" "$tmp/main.log"'
bnd=XyZ
mp() { printf '%b' "$1" | sed 's/$/\r/' >"$tmp/mp"; code "$B/render" -H "Content-Type: multipart/form-data; boundary=$bnd" --data-binary @"$tmp/mp"; }
ok "multipart without a closing boundary: 400 bad-multipart" \
   '[ "$(mp "--XyZ\nContent-Disposition: form-data; name=\"source\"\n\n<report/>")" = 400 ] && [ "$(jqb .error)" = bad-multipart ]'
ok "multipart part without Content-Disposition: 400" \
   '[ "$(mp "--XyZ\nContent-Type: text/xml\n\n<report/>\n--XyZ--")" = 400 ] && jqb .message | grep -q Content-Disposition'
ok "multipart with a boundary that never occurs: 400" \
   '[ "$(mp "--Other\nContent-Disposition: form-data; name=\"source\"\n\n<report/>\n--Other--")" = 400 ]'
ok "multipart without a boundary parameter: 400" \
   '[ "$(code "$B/render" -H "Content-Type: multipart/form-data" --data-binary @"$S")" = 400 ]'
ok "multipart with an unclosed quote in a name: 400" \
   '[ "$(mp "--XyZ\nContent-Disposition: form-data; name=\"sour\n\n<report/>\n--XyZ--")" = 400 ]'
ok "path traversal in a part's file name: 400 bad-name" \
   '[ "$(code "$B/render" -F "source=@$S;filename=../../etc/x.xml")" = 400 ] && [ "$(jqb .error)" = bad-name ]'
ok "path traversal in ?name=: 400" '[ "$(code "$B/render?name=../x.xml" --data-binary @"$S")" = 400 ]'
ok "GET /api/file?name=../../etc/passwd: 400, nothing read" \
   '[ "$(code "$B/api/file?name=../../etc/passwd")" = 400 ] && ! grep -q root: "$tmp/body"'
ok "PUT /api/file?name=../escape.xml: 400, nothing written outside" \
   '[ "$(code "$B/api/file?name=../escape.xml" -X PUT --data-binary @"$S" -H "If-Match: *")" = 400 ] && [ ! -e "$tmp/escape.xml" ]'
ln -s /etc/passwd "$tmp/dir/link.xml"
ok "a symbolic link in the folder is not followed: not listed, GET and PUT refused" \
   '[ "$(code "$B/api/files")" = 200 ] && ! grep -q link.xml "$tmp/body" && [ "$(code "$B/api/file?name=link.xml")" = 403 ] && ! grep -q root: "$tmp/body" && [ "$(code "$B/api/file?name=link.xml" -X PUT --data-binary x -H "If-Match: *")" = 403 ] && [ -L "$tmp/dir/link.xml" ]'
rm -f "$tmp/dir/link.xml"
ok "static files: ../ and %2e%2e in the path give 404" \
   '[ "$(code "$B/vendor/pdf/..%2f..%2f..%2fetc/passwd")" = 404 ] && [ "$(code "$B/studio/%2e%2e/%2e%2e/etc/passwd")" = 404 ] && curl -s --path-as-is -o "$tmp/body" "$B/vendor/../../../../etc/passwd" && ! grep -q root: "$tmp/body"'
n=$($CLIENT flood "$PORT" 200)
ok "a flood of 200 idle connections (bound 48): the server serves on after it" \
   '[ "$n" -ge 1 ] && alive'
# A burst: 24 renders, 8 at a time, on 2 workers with 4 queue places: each
# is answered, with the PDF or with 503 busy; none is lost.
seq 1 24 | xargs -P 8 -I{} curl -s -o "$tmp/burst{}.pdf" -w '%{http_code}\n' \
    --data-binary @"$S" "$B/render?indicator=1.2&name=indicators-2562.xml" >"$tmp/codes"
ok "a burst of 24 renders, 8 at a time: all answered, 200 (the PDF) or 503 (busy), some 200" \
   '[ "$(wc -l <"$tmp/codes")" = 24 ] && ! grep -qv "^\(200\|503\)$" "$tmp/codes" && grep -q "^200$" "$tmp/codes"'
okpdfs=0
for f in "$tmp"/burst*.pdf; do cmp -s "$f" "$tmp/cli12.pdf" && okpdfs=$((okpdfs+1)); done
ok "every 200 of the burst is the exact PDF" '[ "$okpdfs" = "$(grep -c "^200$" "$tmp/codes")" ]'
ok "one log line per request (status and path)" \
   'grep -q "127.0.0.1 POST /render 413" "$tmp/main.log" && grep -q "127.0.0.1 GET /health 200" "$tmp/main.log"'

# ---- the engine is loaded once ------------------------------------------------------
# A server on a copy of the data folder, its file opens traced: fonts,
# dictionary and templates are read at the start and never again, request
# after request; a template edited on disk is read again at the next render
# (one stat per render tells).
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
    mkdir "$tmp/data"
    for x in fonts data schema studio; do ln -s "$SRC/$x" "$tmp/data/$x"; done
    cp -r "$SRC/templates" "$tmp/data/templates"
    printf '#!/bin/sh\nexec strace -f -e trace=openat,open -o "%s" "%s" "$@"\n' "$tmp/trace" "$RG" >"$tmp/rg-traced"
    chmod +x "$tmp/rg-traced"
    RAINGAN_DATA_DIR="$tmp/data" serve_start "$tmp/rg-traced" "$tmp/traced.log" --quiet --workers 2 "$tmp/dir"
    pids+=("$SERVE_PID"); tpid=$SERVE_PID; TB="http://127.0.0.1:$SERVE_PORT"
    opens() { grep -c "$tmp/data/$1" "$tmp/trace"; }
    f0=$(opens fonts/); w0=$(opens data/words); t0=$(opens templates/indicator.xml)
    for i in 1 2 3; do code "$TB/render?name=indicators-2562.xml" --data-binary @"$S" >>"$tmp/tcodes"; done
    code "$TB/render?indicator=1.2&name=indicators-2562.xml" --data-binary @"$S" >>"$tmp/tcodes"
    cp "$tmp/body" "$tmp/before.pdf"
    ok "fonts, dictionary and templates read once at the start ($f0, $w0, $t0 opens), not again by 4 renders" \
       '[ "$(cat "$tmp/tcodes")" = 200200200200 ] && cmp -s "$tmp/before.pdf" "$tmp/cli12.pdf" && [ "$f0" -gt 0 ] && [ "$w0" -gt 0 ] && [ "$t0" -gt 0 ] && [ "$(opens fonts/)" = "$f0" ] && [ "$(opens data/words)" = "$w0" ] && [ "$(opens templates/indicator.xml)" = "$t0" ]'
    sed -i 's|label="ชื่อตัวชี้วัด :"|label="TPLEDIT :"|' "$tmp/data/templates/indicator.xml"
    code "$TB/render?indicator=1.2&name=indicators-2562.xml" --data-binary @"$S" >/dev/null
    ok "a template edited on disk is read again by the next render, which shows the change" \
       '[ "$(opens templates/indicator.xml)" -gt "$t0" ] && pdftotext "$tmp/body" - | grep -q "TPLEDIT" && ! pdftotext "$tmp/before.pdf" - | grep -q TPLEDIT'
    kill -TERM $(pgrep -P "$tpid") 2>/dev/null; wait "$tpid" # the server, strace's child
else
    echo "skip - strace unavailable: the engine's reads by syscall trace"
fi

# ---- stop ------------------------------------------------------------------------------
r=$($CLIENT split "$PORT" "$S" "$tmp/main.pid")
wait "$(cat "$tmp/main.pid")"; rc=$?
ok "SIGTERM while a request is half received: it is finished and answered (200, the PDF)" \
   '[ "${r%% *}" = HTTP/1.1 ] && echo "$r" | grep -q " 200 OK "'
ok "then the server stops cleanly (exit 0, says so)" \
   '[ $rc -eq 0 ] && grep -q "SIGTERM: finishing" "$tmp/main.log" && grep -q "stopped after" "$tmp/main.log"'

finish
