#!/bin/bash
# VALIDATE_METHOD: checks the tree at SERVICE_ROOT with BIND's own parsers (named.conf in both
# roles, every zone the primary serves) and ldns-verify-zone (signatures of signed zones), without touching the running named. Prints every
# problem as `path:line: message` and exits 1; prints `ok:` lines and exits 0 when clean.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

failed=0
if out=$(check_readable); then echo "ok: tree readable by named"; else printf '%s\n' "$out"; failed=1; fi
for role in master slave; do
	if out=$(check_conf "$role"); then
		echo "ok: named.conf ($role mode)"
	else
		printf '%s\n' "$out"
		failed=1
	fi
done
# A broken named.conf hides the zone list; the problem above says why.
((failed == 0)) || exit 1

while read -r zone type file; do
	[[ $type == master || $type == primary ]] || continue
	if out=$(check_zone "$zone" "$file") && serial=$out && out=$(verify_zone "$zone" "$file"); then
		echo "ok: ${file#"$ROOT"/} ($zone, serial $serial)"
	else
		printf '%s\n' "$out"
		failed=1
	fi
done <<<"$(zones master)"
exit "$failed"
