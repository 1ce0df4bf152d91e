#!/usr/bin/env bash
# signals.sh - SIGTERM and SIGHUP while archive and batch write (issue #20
# item 12): the process ends by the signal (status 128 + N), leaves no
# *.tmp* file, and an archive that existed before is unchanged.  Each
# command is stopped a fixed number of times at the moment its output is
# being written (the loop waits, a bounded number of polls, for a temporary
# file or a first output to appear); no time is measured.
source "$(dirname "$0")/lib.bash" "$@"

mkdir "$tmp/src"
# (each copy its own department: a department numbers its indicators once)
for i in $(seq -w 1 24); do
  sed "s|<department>[^<]*</department>|<department>กองที่ $i</department>|" \
      "$SRC/samples/indicators-2562.xml" >"$tmp/src/i$i.xml"
done
cp "$SRC/samples/summary-2564.xml" "$tmp/src/"

# wait_for DIR PATTERN: poll (at most 3000 times) until DIR holds a name
# matching PATTERN or the process $pid has ended.
wait_for() {
  for _ in $(seq 3000); do
    ls "$1" 2>/dev/null | grep -q "$2" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.002
  done
  return 1
}

# stop DIR PATTERN ROUND COMMAND...: run COMMAND, send it SIGTERM (odd
# rounds) or SIGHUP (even ones) once a name matching PATTERN is in DIR;
# counts the rounds caught and those whose status is not 128 + N.
caught=0 badstatus=0
stop() {
  local dir=$1 pattern=$2 r=$3 sig=TERM st want; shift 3
  [ $((r % 2)) = 0 ] && sig=HUP
  "$@" 2>/dev/null & pid=$!
  if wait_for "$dir" "$pattern"; then
    kill -s $sig $pid; caught=$((caught + 1))
    wait $pid 2>/dev/null; st=$?
    want=$((128 + $(kill -l $sig)))
    [ $st = $want ] || { badstatus=$((badstatus + 1)); echo "# round $r: status $st, not $want"; }
  else
    wait $pid
  fi
}

# ---- archive: the PDF is streamed into NAME.tmpPID.XXXXXX ------------------------
mkdir "$tmp/a"
printf 'old archive\n' >"$tmp/a/year.pdf"
rounds=10 left=0 changed=0
for r in $(seq $rounds); do
  stop "$tmp/a" 'year\.pdf\.tmp' $r "$RG" archive --allow-mixed -j 1 "$tmp/src" -o "$tmp/a/year.pdf"
  n=$(ls -a "$tmp/a" | grep -c tmp); left=$((left + n))
  [ "$(cat "$tmp/a/year.pdf")" = "old archive" ] || changed=$((changed + 1))
  rm -f "$tmp"/a/*tmp*
  printf 'old archive\n' >"$tmp/a/year.pdf"
done
ok "archive stopped while writing in $caught of $rounds rounds (at least half)" '[ $caught -ge $((rounds / 2)) ]'
ok "archive: no *.tmp* file left after SIGTERM/SIGHUP ($left found)" '[ $left -eq 0 ]'
ok "archive: the process ends by the signal (status 128 + N)" '[ $badstatus -eq 0 ]'
ok "archive: the old archive is unchanged" '[ $changed -eq 0 ]'

# ---- batch: many short writes ------------------------------------------------------
rounds=20 left=0 caught=0 badstatus=0
for r in $(seq $rounds); do
  rm -rf "$tmp/b"
  stop "$tmp/b" pdf $r "$RG" batch -j 2 "$tmp/src" -o "$tmp/b"
  n=$(ls -a "$tmp/b" 2>/dev/null | grep -c tmp); left=$((left + n))
done
ok "batch stopped while writing in $caught of $rounds rounds (at least half)" '[ $caught -ge $((rounds / 2)) ]'
ok "batch: no *.tmp* file left after SIGTERM/SIGHUP ($left found)" '[ $left -eq 0 ]'
ok "batch: the process ends by the signal (status 128 + N)" '[ $badstatus -eq 0 ]'

# ---- nohup: a SIGHUP ignored at start stays ignored --------------------------------
rm -rf "$tmp/n" && mkdir "$tmp/n"
nohup "$RG" archive --allow-mixed -q -j 1 "$tmp/src" -o "$tmp/n/year.pdf" >/dev/null 2>&1 & pid=$!
hup=0
wait_for "$tmp/n" 'year\.pdf\.tmp' && kill -s HUP $pid && hup=1
wait $pid 2>/dev/null; st=$?
ok "under nohup SIGHUP is still ignored: the archive is written (status $st)" \
   '[ $hup = 1 ] && [ $st = 0 ] && [ "$(pdfinfo "$tmp/n/year.pdf" | awk "/^Pages:/ {print \$2}")" -gt 100 ]'

finish
