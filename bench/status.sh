#!/usr/bin/env bash
# infratests status over five hosts on two engines (three on the machine's engine, two on setup/second-engine.sh's),
# each after a rollout of the rbldnsd sample (so every host has a recorded revision, compared file by file), against two
# baselines measured in the same run: `docker ps` of both engines and `infratests rollout --dry-run` of the same hosts.
# Prints a Markdown table and writes it to bench/results/status.md. Timings are for people to read, never asserted.
#   RUNS=5 (median of RUNS for every row).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
IMAGE=127.0.0.1:5000/samples/rbldnsd:stable SECOND=infratests-engine2
export DOCKER_API_VERSION=1.41 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
. bench/lib.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-bench-status.XXXXXX")
fleet=bench-status-$$
cleanup() {
  for ctx in default "$SECOND"; do
    docker --context "$ctx" ps -aq --filter "label=infratests.fleet=$fleet" | xargs -r docker --context "$ctx" rm -f >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

"$ROOT/infratests" --help >/dev/null
infratests() { "$ROOT/infratests" "$@"; }

say "starting five hosts"
for n in 1 2 3 4 5; do
  ctx=default; [ "$n" -le 3 ] || ctx=$SECOND
  docker --context "$ctx" run -d -q --name "$fleet-host-$n" --label infratests=true --label infratests.bench=true \
    --label "infratests.fleet=$fleet" -p 127.0.0.1::53/udp "$IMAGE" >/dev/null
done
targets=(--label "infratests.fleet=$fleet" --context default --context "$SECOND")
say "rolling the sample's HEAD out to them"
infratests rollout --root samples/rbldnsd "${targets[@]}" --records "$work/records" --no-probe >/dev/null 2>&1

ps=() dry=() status=()
for run in $(seq "$RUNS"); do
  t=$(now); docker --context default ps -q >/dev/null; docker --context "$SECOND" ps -q >/dev/null; ps+=("$(since "$t")")
  t=$(now); infratests rollout --root samples/rbldnsd "${targets[@]}" --records "$work/records" --no-probe --dry-run >/dev/null 2>&1; dry+=("$(since "$t")")
  t=$(now); code=0; infratests status --root samples/rbldnsd "${targets[@]}" --records "$work/records" >"$work/status.txt" 2>&1 || code=$?
  status+=("$(since "$t")")
  say "run $run: status exited $code in ${status[-1]} s"
done
cat "$work/status.txt" >&2

p=$(median "${ps[@]}") d=$(median "${dry[@]}") s=$(median "${status[@]}")
table="| what (five hosts, two engines; median of $RUNS) | wall time | status against it |
|---|---|---|
| \`docker ps\` of both engines | $p s | status is $(ratio "$s" "$p")x |
| \`infratests rollout --dry-run\` (find and inspect the hosts) | $d s | status is $(ratio "$s" "$d")x |
| \`infratests status\` (digests, records, revision and image trees, drift, health: MONITOR_METHOD and a stats sample per host) | $s s | 1.00x |"
echo "$table"
{
  echo "# infratests status: wall time over five hosts on two engines"
  echo
  echo "$(machine); $(date -u '+%Y-%m-%d %H:%M UTC'), Docker $(docker version -f '{{.Server.Version}}' 2>/dev/null)."
  echo
  echo "\`bench/status.sh\` (RUNS=$RUNS) at $(git rev-parse --short=12 HEAD); every host after a rollout"
  echo "of samples/rbldnsd's HEAD, so each status reads the recorded revision's tree (git archive) and the image's baked tree,"
  echo "and each host's health: its MONITOR_METHOD run in it and one stats sample (the engine answers that after its next reading)."
  echo
  echo "$table"
} > bench/results/status.md
