#!/bin/sh
# MONITOR_METHOD: a Nagios plugin. Asks the running rbldnsd for each zone's generation marker
# (_generation.NAME.rbl TXT, see update.sh) and expects the generation last staged: OK when every zone
# answers it, WARNING when an answer took longer than WARN seconds, CRITICAL when rbldnsd does not
# answer, fails a zone (SERVFAIL) or serves another generation, UNKNOWN when it cannot ask at all.
# The time judged is drill's own query time (question sent to answer read), not the plugin's: on a
# busy host starting drill can take longer than rbldnsd takes to answer. WARN and CRIT come from
# MONITOR_WARN_SECONDS and MONITOR_CRITICAL_SECONDS (0.5 and 2 when unset).
# Prints one line, then `|` and the slowest answer time as perfdata.
set -u
. "$(dirname "$0")/common.sh"
WARN=${MONITOR_WARN_SECONDS:-0.5} CRIT=${MONITOR_CRITICAL_SECONDS:-2}  # seconds; rbldnsd answers from memory in a few milliseconds

say() { echo "RBLDNSD $1 - $2 | time=${slowest}s;$WARN;$CRIT;0"; exit "$3"; }
slowest=0
command -v drill >/dev/null || say UNKNOWN "drill is not in the image" 3
# An update swaps the generation while it holds this lock: read it when no update is half-way.
exec 9>>"$STAGE/update.lock" && flock -s -w 10 9 || say UNKNOWN "an update held $STAGE/update.lock for 10 s" 3
gen=$(cat "$STAGE/generation" 2>/dev/null) || say UNKNOWN "nothing staged in $STAGE: did start.sh run?" 3

for z in $ZONES; do
  reply=$(timeout "$CRIT" drill -p "$PORT" "_generation.$z.rbl" @127.0.0.1 TXT 2>&1)
  took=$(echo "$reply" | sed -n 's/^;; Query time: \([0-9]*\) msec.*/\1/p')  # milliseconds
  slowest=$(awk -v a="$slowest" -v b="$took" 'BEGIN { b /= 1000; printf "%.3f", (b > a ? b : a) }')
  case "$reply" in  # the TXT is the only quoted text in drill's output
    *"rcode: NOERROR"*"\"$gen\""*) ;;
    *"rcode: NOERROR"*\"*) say CRITICAL "$z.rbl serves generation $(echo "$reply" | sed -n 's/.*TXT[[:space:]]*"\([^"]*\)".*/\1/p'), but generation $gen is staged" 2 ;;
    *"rcode: "*) say CRITICAL "$z.rbl answered $(echo "$reply" | sed -n 's/.*rcode: \([A-Z]*\).*/\1/p' | head -n1) to _generation.$z.rbl TXT" 2 ;;
    *) say CRITICAL "rbldnsd did not answer _generation.$z.rbl TXT on port $PORT within ${CRIT}s" 2 ;;
  esac
done
if awk -v t="$slowest" -v w="$WARN" 'BEGIN { exit !(t > w) }'; then
  say WARNING "rbldnsd answers generation $gen, but slowly (${slowest}s)" 1
fi
say OK "rbldnsd answers generation $gen for $(echo $ZONES | sed 's/\([a-z]*\)/\1.rbl/g; s/ / and /g')" 0
