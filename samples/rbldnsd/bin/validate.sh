#!/bin/sh
# VALIDATE_METHOD: check the zones under $SERVICE_ROOT with rbldnsd's own parser. Prints one
# `zones/bl:12: message` line per problem and exits 1, or `ok: ...` lines and exits 0.
# Writes nothing under SERVICE_ROOT.
#
# rbldnsd logs a line it cannot parse and skips it: a running daemon keeps serving, so its exit code
# says nothing. `rbldnsd -d` runs the same loader on every zone, logs the same complaints to stderr and
# exits when loading is done: no port, no guessing when it finished. It logs at most 5 complaints per
# zone, so each reported line is blanked out in a private copy (line numbers kept) and the check runs
# again, until it has nothing more to say.
set -eu
. "$(dirname "$0")/common.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/zones"
: > "$tmp/seen"
status=0
for z in $ZONES; do
  cp "$SERVICE_ROOT/zones/$z" "$tmp/zones/$z" 2>/dev/null ||
    { echo "zones/$z:1: cannot read $SERVICE_ROOT/zones/$z" >> "$tmp/seen"; status=1; : > "$tmp/zones/$z"; }
done

seen=$tmp/seen  # the problems found so far
while :; do
  # shellcheck disable=SC2046
  log=$(rbldnsd -d -w "$tmp" $(zone_args) 2>&1 >/dev/null) && rc=0 || rc=$?
  # `rbldnsd: file zones/bl(12): invalid A RR` becomes `zones/bl:12: invalid A RR`;
  # `rbldnsd: file zones/bl: unable to open file...` becomes `zones/bl:1: unable to open file...`.
  problems=$(printf '%s\n' "$log" | sed -n \
    -e 's/^rbldnsd: file \([^(]*\)(\([0-9][0-9]*\)): /\1:\2: /p' \
    -e 's/^rbldnsd: file \([^(:]*\): /\1:1: /p' | grep -vxF -f "$seen" || true)
  [ -z "$problems" ] || { printf '%s\n' "$problems" >> "$seen"; status=1; }
  if [ "$rc" -ne 0 ]; then
    status=1
    # A failure tied to no line: name the zone's file (`zone bl.rbl: ...` is zones/bl).
    [ -n "$problems" ] || printf '%s\n' "$log" | sed -n 's/^rbldnsd: zone \([^.]*\)\.rbl: /zones\/\1:1: /p' >> "$seen"
    break  # the zone stopped loading there: later lines were not read, fix this first
  fi
  # rbldnsd stops listing after 5 complaints per zone ("N more warnings suppressed"): blank out the
  # listed lines (a comment keeps the numbering) and look again.
  case "$log" in *"more warnings suppressed"*) [ -n "$problems" ] || break ;; *) break ;; esac
  printf '%s\n' "$problems" | while IFS=: read -r file line _; do
    sed -i "${line}s/.*/#/" "$tmp/$file"
  done
done

# A host may cap how big a zone it serves (MAX_ZONE_LINES, set on its container: a small host's
# memory). A zone over the cap is a problem on that host only, named at its first line past the cap.
if [ -n "${MAX_ZONE_LINES:-}" ]; then
  for z in $ZONES; do
    lines=$(wc -l < "$tmp/zones/$z" | tr -d ' ')
    [ "$lines" -le "$MAX_ZONE_LINES" ] ||
      { echo "zones/$z:$((MAX_ZONE_LINES + 1)): $lines lines, more than MAX_ZONE_LINES=$MAX_ZONE_LINES on this host" >> "$seen"; status=1; }
  done
fi

# One line per problem, by file and line (and rbldnsd's own words if it named no file at all).
[ -s "$seen" ] || [ "$status" -eq 0 ] || printf '%s\n' "$log" > "$seen"
[ "$status" -eq 0 ] || { sort -t: -k1,1 -k2,2n -u "$seen"; exit 1; }
for z in $ZONES; do
  printf 'ok: zones/%s (%s lines)\n' "$z" "$(wc -l < "$SERVICE_ROOT/zones/$z" | tr -d ' ')"
done
