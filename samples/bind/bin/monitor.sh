#!/bin/bash
# MONITOR_METHOD: a Nagios plugin. Asks the running named for the SOA of every zone of its role,
# without recursion: OK when each answers NOERROR authoritatively (flag aa) with one SOA, WARNING when
# an answer took longer than WARN seconds, CRITICAL when named does not answer or answers otherwise,
# UNKNOWN when the zone list cannot be read. The time judged is dig's own query time (question sent to
# answer read), not the plugin's: on a busy host starting dig can take longer than named takes to
# answer. WARN and CRIT come from MONITOR_WARN_SECONDS and MONITOR_CRITICAL_SECONDS (0.5 and 2 unset). A signed zone (one the rendered config signs with a
# dnssec-policy, or any that answers with RRSIGs) is also asked with the DO bit: CRITICAL when a zone
# to be signed answers without signatures or when the SOA's or DNSKEY's signatures expire within
# SIG_CRIT days, WARNING within SIG_WARN days (the sample's policy re-signs 5 days before expiry, so
# fewer days left means re-signing has stalled: the classic DNSSEC outage, seen days ahead). One
# line, then `|` and perfdata: the slowest answer time, the number of zones served, and the days
# the soonest-expiring signature has left.
set -uo pipefail
here=$(dirname "$0")
source "$here/lib.sh"
WARN=${MONITOR_WARN_SECONDS:-0.5} CRIT=${MONITOR_CRITICAL_SECONDS:-2}  # seconds; named answers from memory in a few milliseconds
SIG_WARN=${MONITOR_SIGNATURES_WARN_DAYS:-4} SIG_CRIT=${MONITOR_SIGNATURES_CRIT_DAYS:-2}

slowest=0 served=0 soonest="" soonest_zone=""
say() {
	local sig=""
	[[ -z $soonest ]] || sig=" signatures=${soonest}d;$SIG_WARN;$SIG_CRIT;0"
	echo "BIND $1 - $2 | time=${slowest}s;$WARN;$CRIT;0 zones=$served;;;0$sig"
	exit "$3"
}
# The zones the rendered config signs (their file is a link in SIGNED_DIR, lib.sh).
to_sign=" $(sed -n "s|^[[:space:]]*file \"$SIGNED_DIR/\([^\"]*\)\";.*|\1|p" "$ROOT"/conf/named_*_zones 2>/dev/null | tr '\n' ' ') "
now=$(date -u +%s)
# Days (one decimal) until the soonest RRSIG in a dig answer expires, and that expiry; nothing when none.
soonest_signature() {
	awk '$4 == "RRSIG" { print $9 }' | sort | head -n1 | while read -r exp; do
		local at
		at=$(date -u -d "${exp:0:8} ${exp:8:2}:${exp:10:2}:${exp:12:2}" +%s) || continue
		awk -v s="$((at - now))" -v e="$exp" 'BEGIN { printf "%.1f %s-%s-%s %s:%s:%s UTC\n", s / 86400, substr(e,1,4), substr(e,5,2), substr(e,7,2), substr(e,9,2), substr(e,11,2), substr(e,13,2) }'
	done
}
role=${SERVICE_ROLE:-master}
zone_lines=$(zones "$role") && [[ -n $zone_lines ]] || say UNKNOWN "cannot read the $role zones from $ROOT/named.conf" 3

while read -r zone _ _; do
	reply=$(dig +norec +time="$CRIT" +tries=1 -p 53 @127.0.0.1 "$zone" SOA 2>&1)
	took=$(sed -n 's/^;; Query time: \([0-9]*\) msec.*/\1/p' <<<"$reply")  # milliseconds
	slowest=$(awk -v a="$slowest" -v b="$took" 'BEGIN { b /= 1000; printf "%.3f", (b > a ? b : a) }')
	status=$(sed -n 's/.*status: \([A-Z]*\),.*/\1/p' <<<"$reply")
	[[ -n $status ]] || say CRITICAL "named did not answer $zone SOA on port 53 within ${CRIT}s" 2
	[[ $status == NOERROR ]] || say CRITICAL "named answered $status to $zone SOA" 2
	grep -q '^;; flags:[^;]* aa' <<<"$reply" || say CRITICAL "named answered $zone SOA, but not authoritatively (no aa flag)" 2
	serial=$(awk -v z="$zone." '$1 == z && $4 == "SOA" { print $7 }' <<<"$reply")
	[[ -n $serial ]] || say CRITICAL "named answered $zone SOA with no SOA record" 2
	served=$((served + 1))

	signed=$( (dig +norec +dnssec +time="$CRIT" +tries=1 -p 53 @127.0.0.1 "$zone" SOA; dig +norec +dnssec +time="$CRIT" +tries=1 -p 53 @127.0.0.1 "$zone" DNSKEY) 2>&1 | soonest_signature)
	if [[ -z $signed ]]; then
		[[ $to_sign != *" $zone "* ]] || say CRITICAL "$zone is to be signed (dnssec-policy), but named answers its SOA and DNSKEY without signatures" 2
		continue
	fi
	read -r days expiry <<<"$signed"
	if [[ -z $soonest ]] || awk -v a="$days" -v b="$soonest" 'BEGIN { exit !(a < b) }'; then
		soonest=$days soonest_zone="$zone" soonest_expiry=$expiry
	fi
done <<<"$zone_lines"

if [[ -n $soonest ]]; then
	if awk -v d="$soonest" -v c="$SIG_CRIT" 'BEGIN { exit !(d < c) }'; then
		say CRITICAL "the signatures of $soonest_zone expire in $soonest days ($soonest_expiry): named is not re-signing it" 2
	fi
	if awk -v d="$soonest" -v w="$SIG_WARN" 'BEGIN { exit !(d < w) }'; then
		say WARNING "the signatures of $soonest_zone expire in $soonest days ($soonest_expiry), under $SIG_WARN: re-signing is late" 1
	fi
fi

if awk -v t="$slowest" -v w="$WARN" 'BEGIN { exit !(t > w) }'; then
	say WARNING "named answers $served zones, but slowly (${slowest}s)" 1
fi
say OK "named answers SOA for all $served $role zones authoritatively" 0
