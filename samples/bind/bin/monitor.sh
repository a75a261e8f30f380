#!/bin/bash
# MONITOR_METHOD: a Nagios plugin. Asks the running named for the SOA of every zone of its role,
# without recursion: OK when each answers NOERROR authoritatively (flag aa) with one SOA, WARNING when
# an answer took longer than WARN seconds, CRITICAL when named does not answer or answers otherwise,
# UNKNOWN when the zone list cannot be read. One line, then `|` and perfdata: the slowest answer
# time and the number of zones served.
set -uo pipefail
here=$(dirname "$0")
source "$here/lib.sh"
WARN=0.5 CRIT=2  # seconds; an authoritative answer from memory takes a few milliseconds

slowest=0 served=0
say() { echo "BIND $1 - $2 | time=${slowest}s;$WARN;$CRIT;0 zones=$served;;;0"; exit "$3"; }
role=${SERVICE_ROLE:-master}
zone_lines=$(zones "$role") && [[ -n $zone_lines ]] || say UNKNOWN "cannot read the $role zones from $ROOT/named.conf" 3

while read -r zone _ _; do
	start=$(date +%s%N)
	reply=$(dig +norec +time="$CRIT" +tries=1 -p 53 @127.0.0.1 "$zone" SOA 2>&1)
	took=$((($(date +%s%N) - start) / 1000000))
	slowest=$(awk -v a="$slowest" -v b="$took" 'BEGIN { b /= 1000; printf "%.3f", (b > a ? b : a) }')
	status=$(sed -n 's/.*status: \([A-Z]*\),.*/\1/p' <<<"$reply")
	[[ -n $status ]] || say CRITICAL "named did not answer $zone SOA on port 53 within ${CRIT}s" 2
	[[ $status == NOERROR ]] || say CRITICAL "named answered $status to $zone SOA" 2
	grep -q '^;; flags:[^;]* aa' <<<"$reply" || say CRITICAL "named answered $zone SOA, but not authoritatively (no aa flag)" 2
	serial=$(awk -v z="$zone." '$1 == z && $4 == "SOA" { print $7 }' <<<"$reply")
	[[ -n $serial ]] || say CRITICAL "named answered $zone SOA with no SOA record" 2
	served=$((served + 1))
done <<<"$zone_lines"

if awk -v t="$slowest" -v w="$WARN" 'BEGIN { exit !(t > w) }'; then
	say WARNING "named answers $served zones, but slowly (${slowest}s)" 1
fi
say OK "named answers SOA for all $served $role zones authoritatively" 0
