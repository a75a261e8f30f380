#!/usr/bin/env bash
# Rollouts killed with SIGKILL at random moments (issue 13, "rollouts killed at random moments"), as an operator meets
# them: three real rbldnsd containers (the sample's production image, DNS on 127.0.0.1), a scratch service repo made from
# samples/rbldnsd, and TRIALS times: commit one more listed name, start `infratests rollout`, SIGKILL it after a random
# delay (0.2 s to the length of a whole rollout, measured first), then `infratests rollout show` (exit 1 when it finds a rollout killed half-way, naming host and step; 2 before
# any rollout was recorded), the next
# `infratests rollout` (recovers that host first, then rolls out), and each host's own VALIDATE_METHOD. A trial is green
# when the next rollout exits 0, every host validates and every host lists every name committed so far.
#   TRIALS=10        how many kills.
#   INFRATESTS=…     the command to run (default: infratests on PATH, as setup/prepare.sh installs it).
# Needs the set-up (setup/prepare.sh). Removes only the containers and folders it made. Nothing is timed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
TRIALS=${TRIALS:-10} INFRATESTS=${INFRATESTS:-infratests}
image=127.0.0.1:5000/samples/rbldnsd:stable label="infratests.kill-rollout=$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-kill-rollout.XXXXXX"); chmod 700 "$work"
records=$work/records hosts=()
cleanup() {
  [ ${#hosts[@]} -eq 0 ] || docker rm -f "${hosts[@]}" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

tar -C samples --exclude=rbldnsd/tests --exclude=rbldnsd/.github --exclude=rbldnsd/.forgejo -c rbldnsd | tar -C "$work" -x
repo=$work/rbldnsd
commit() { git -C "$repo" add -A && git -C "$repo" -c user.email=bench@infratests -c user.name=bench commit -qm "$1"; }
git -C "$repo" init -q && commit "the sample as it is"
for i in 1 2 3; do
  hosts+=("$(docker run -d -l "$label" -p 127.0.0.1::53/udp "$image")")
done
# bound: each host answers DNS within a second of its start; 30 s leave room for a loaded engine.
for host in "${hosts[@]}"; do
  bounded 30 sh -c "until docker exec $host sh -c '\$VALIDATE_METHOD' >/dev/null 2>&1; do sleep 0.2; done" ||
    { say "host ${host:0:12} did not validate within 30 s of its start"; exit 1; }
done
say "3 hosts of $image; $TRIALS trials; records in $records"

rollout() { bounded 300 "$INFRATESTS" rollout --root "$repo" --label "$label" --no-probe --records "$records" "$@"; }
line=$(grep -n '^\$DATASET ip4set' "$repo/zones/bl" | cut -d: -f1)
# A whole rollout of the sample as it is, once: its length bounds the moments the kills are drawn from.
started=$(now); rollout >"$work/whole.log" 2>&1 || { say "the first rollout failed: $work/whole.log"; trap - EXIT; exit 1; }
whole=$(since "$started"); say "a whole rollout took $whole s: kills come 0.2-$whole s after a start"
green=0 found=0
for t in $(seq "$TRIALS"); do
  sed -i "${line}i kill-trial-$t.example.net :127.0.0.2:listed in trial $t" "$repo/zones/bl"; line=$((line + 1))
  commit "trial $t"
  # The moment: a random time from 0.2 s to the length of a whole rollout measured before the first trial, so kills land
  # before it starts, inside each host's steps and after it ends. (Its progress lines are no clock: redirected to a file
  # they arrive in blocks.) Not through `bounded`: the kill must reach the rollout itself, not a wrapper it would outlive.
  "$INFRATESTS" rollout --root "$repo" --label "$label" --no-probe --records "$records" >"$work/killed-$t.log" 2>&1 & pid=$!
  moment=$(python3 -c "import random, sys; print(round(random.uniform(0.2, float(sys.argv[1])), 2))" "$whole")
  sleep "$moment"
  kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  last=$(grep -v '^ *$' "$work/killed-$t.log" | tail -1 || true)
  set +e
  bounded 60 "$INFRATESTS" rollout show --records "$records" >"$work/show-$t.log" 2>&1; show=$?
  rollout >"$work/next-$t.log" 2>&1; next=$?
  set -e
  stopped=$(grep -o 'stopped at [a-z]*' "$work/show-$t.log" | head -1 || true)
  [ "$show" != 1 ] || found=$((found + 1))
  valid=yes listed=yes
  for host in "${hosts[@]}"; do
    docker exec "$host" sh -c '$VALIDATE_METHOD' >/dev/null 2>&1 || valid=no
    for n in $(seq "$t"); do
      docker exec "$host" grep -q "^kill-trial-$n.example.net " /service/zones/bl || listed=no
    done
  done
  verdict=red; [ "$next" = 0 ] && [ "$valid" = yes ] && [ "$listed" = yes ] && { verdict=green; green=$((green + 1)); }
  echo "trial $t: killed after ${moment} s (last line: ${last:-none}); show exit $show${stopped:+ ($stopped)}; next rollout exit $next; hosts validate: $valid; every name rolled out: $listed: $verdict"
  [ "$verdict" = green ] || { echo "  logs: $work/killed-$t.log $work/show-$t.log $work/next-$t.log"; trap - EXIT; }
done
echo "trials green: $green/$TRIALS ($found killed half-way, found and recovered by the next rollout)"
[ "$green" = "$TRIALS" ]
