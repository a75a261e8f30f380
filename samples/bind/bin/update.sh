#!/bin/bash
# UPDATE_METHOD: makes the running named serve the tree now at SERVICE_ROOT, with no restart.
# Refuses data BIND would reject (named would only log it and go on serving the old zone),
# runs `rndc reload`, and returns once `rndc zonestatus` shows every zone of its role loaded
# from the current files: the file's serial, and the file's mtime as its "last loaded".
set -euo pipefail
here=$(dirname "$0")
source "$here/lib.sh"

role=${SERVICE_ROLE:-master}
timeout=${UPDATE_TIMEOUT:-10}

if ! out=$("$here/validate.sh"); then
	grep -v '^ok: ' <<<"$out" || true
	echo "update.sh: not reloading: the tree has the problems above"
	exit 1
fi

# `serial loaded-at` of ZONE as named has it now; BIND records the mtime of the file it
# loaded as "last loaded" (whole seconds). Empty while named does not know the zone.
zone_state() {
	rndc zonestatus "$1" 2>/dev/null | awk -F': ' '
		$1 == "serial" { s = $2 } $1 == "last loaded" { l = $2 }
		END { if (s != "") { cmd = "date -d \"" l "\" +%s 2>/dev/null"; t = 0; cmd | getline t; print s, t } }'
}

zone_lines=$(zones "$role")
declare -A before
while read -r zone _ _; do before[$zone]=$(zone_state "$zone"); done <<<"$zone_lines"

rndc reload >/dev/null || { echo "update.sh: rndc reload failed: is named running?"; exit 1; }

deadline=$((SECONDS + timeout))
while read -r zone type file; do
	want="" written=0
	if [[ $type == master || $type == primary ]]; then
		want=$(check_zone "$zone" "$file") || { echo "$want"; exit 1; }
		written=$(stat -c %Y "$file")
		if signed_zone "$zone"; then
			# An inline-signed zone's "last loaded" stays at its first load, so its raw serial alone tells a
			# reload; and named keeps serving the old data of a file changed without a higher serial: the
			# same content (a rollout rewrites every data file) is as good as loaded, new content needs one.
			written=0
			if [[ $want == "${before[$zone]%% *}" && "$(sha256sum <"$file" | cut -d' ' -f1)" != "$(cat "$SIGNED_LOADED/$zone" 2>/dev/null)" ]]; then
				echo "update.sh: $zone: the file changed but its serial $want did not: named signs only a higher serial, so it would go on serving the old data; raise the serial"
				exit 1
			fi
		fi
	fi
	until read -r serial loaded <<<"$(zone_state "$zone")" &&
		[[ -n $serial && (-z $want || ($serial == "$want" && $loaded -ge $written)) ]]; do
		if ((SECONDS >= deadline)); then
			echo "update.sh: $zone: named has serial ${serial:-none} from a file written at" \
				"$(date -ud @"${loaded:-0}" +%T), the file has $want written at" \
				"$(date -ud @"$written" +%T); gave up after ${timeout}s"
			exit 1
		fi
		sleep 0.1
	done
	echo "ok: $zone serial $serial"
	# Served here, but a secondary transfers only a higher serial.
	[[ "$serial $loaded" == "${before[$zone]}" || $serial != "${before[$zone]%% *}" ]] ||
		echo "warning: $zone: file changed but serial $serial did not: secondaries keep the old data"
done <<<"$zone_lines"
record_signed_loaded
