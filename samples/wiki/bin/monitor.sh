#!/bin/sh
# MONITOR_METHOD: a Nagios plugin. Asks the running nginx for / and for /_generation.txt (the marker update.sh writes
# into each generation): OK when / answers 200 and nginx serves the generation last staged, WARNING when an answer
# took longer than WARN seconds, CRITICAL when nginx does not answer, answers / with another status or serves another
# generation, UNKNOWN when it cannot ask at all. Prints one line, then `|` and the slowest answer time as perfdata.
set -u
. "$(dirname "$0")/common.sh"
WARN=0.5 CRIT=2  # seconds; a static page from nginx takes a few milliseconds

say() { echo "WIKI $1 - $2 | time=${slowest}s;$WARN;$CRIT;0"; exit "$3"; }
slowest=0
command -v busybox >/dev/null || say UNKNOWN "busybox (for wget) is not in the image" 3
# An update switches the generation while it holds this lock: read it when no update is half-way.
exec 9>>"$STAGE/update.lock" && flock -s -w 10 9 || say UNKNOWN "an update held $STAGE/update.lock for 10 s" 3
gen=$(cat "$STAGE/generation" 2>/dev/null) || say UNKNOWN "nothing staged in $STAGE: did start.sh run?" 3
body=$(mktemp) || say UNKNOWN "cannot make a temporary file" 3
trap 'rm -f "$body"' EXIT

# ask PATH: sets $status (the HTTP status line's code, empty if no answer) and $answer (the body), and times it.
ask() {
  start=$(date +%s%N)
  # -S prints the response headers to stderr; the body goes to a file. `timeout`, not wget's -T: Debian's busybox 1.35
  # wget crashes (SIGSEGV) on -T.
  headers=$(timeout "$CRIT" busybox wget -S -q -O "$body" "http://127.0.0.1:$PORT$1" 2>&1)
  took=$(( ($(date +%s%N) - start) / 1000000 ))  # milliseconds
  slowest=$(awk -v a="$slowest" -v b="$took" 'BEGIN { b /= 1000; printf "%.3f", (b > a ? b : a) }')
  status=$(printf '%s\n' "$headers" | sed -n 's/^ *HTTP\/[0-9.]* \([0-9][0-9][0-9]\).*/\1/p' | tail -n1)
  answer=$(cat "$body")
}

ask /
[ -n "$status" ] || say CRITICAL "nginx did not answer / on port $PORT within ${CRIT}s" 2
[ "$status" = 200 ] || say CRITICAL "nginx answered / with $status, not 200" 2
ask /_generation.txt
[ "$status" = 200 ] || say CRITICAL "nginx answered /_generation.txt with ${status:-no answer}, but generation $gen is staged" 2
[ "$answer" = "$gen" ] || say CRITICAL "nginx serves generation $answer, but generation $gen is staged" 2
if awk -v t="$slowest" -v w="$WARN" 'BEGIN { exit !(t > w) }'; then
  say WARNING "nginx serves generation $gen, but slowly (${slowest}s)" 1
fi
say OK "nginx serves generation $gen: / answers 200" 0
