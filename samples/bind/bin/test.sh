#!/bin/bash
# TEST_METHOD: the one-shot offline check, run as the command of a fresh container with the
# working tree mounted at SERVICE_ROOT. Checks named.conf as a primary and as a secondary,
# then every zone the primary serves, with BIND's own parsers and ldns-verify-zone (DNSSEC). Stops at the first failure,
# printing BIND's complaint as `path:line: message`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

fail() { echo FAILED; printf '%s\n' "$1"; exit 1; }

printf '>> Checking the tree is readable by named ... '
out=$(check_readable) || fail "$out"
echo ok

for role in master slave; do
	printf '>> Checking named.conf syntax in %s mode ... ' "$role"
	out=$(check_conf "$role") || fail "$out"
	echo ok
done

zone_lines=$(zones master)
while read -r zone type file; do
	[[ $type == master || $type == primary ]] || continue
	printf '>> Checking zone %s (%s) ... ' "$zone" "${file#"$ROOT"/}"
	out=$(check_zone "$zone" "$file") || fail "$out"
	out=$(verify_zone "$zone" "$file") || fail "$out"
	echo ok
done <<<"$zone_lines"
