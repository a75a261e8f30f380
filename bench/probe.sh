#!/usr/bin/env bash
# A rollout's probe asked inside the target (no published DNS port: Swarm tasks, hosts behind a firewall), against the
# same probe at a published port, measured in the same run: two rbldnsd hosts of each kind on the machine's engine, the
# sample's checks file (4 checks, a few dozen questions), a new blocklist entry committed each run. Prints a Markdown
# table and writes it to bench/results/probe.md. Timings are for people to read, never asserted.
#   RUNS=5 (median of RUNS for every row).
# Needs the set-up (setup/prepare.sh: engine, registry, images).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
IMAGE=127.0.0.1:5000/samples/rbldnsd:stable
export DOCKER_API_VERSION=1.41 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
. bench/lib.sh
needs docker:docker.io python3:python3

work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-bench-probe.XXXXXX")
fleet=bench-probe-$$
cleanup() {
  docker ps -aq --filter "label=infratests.fleet=$fleet" | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$ROOT/infratests" --help >/dev/null  # the command from this checkout, built once
infratests() { bounded 300 "$ROOT/infratests" "$@"; }

# Two hosts publish their DNS port on 127.0.0.1 (probed there), two publish nothing (probed inside, through the engine).
for n in 1 2; do
  docker run -d -q --name "$fleet-published-$n" --label infratests=true --label infratests.bench=true --label "infratests.fleet=$fleet" \
    --label "bench.probe=published" -p 127.0.0.1::53/udp "$IMAGE" >/dev/null
  docker run -d -q --name "$fleet-inside-$n" --label infratests=true --label infratests.bench=true --label "infratests.fleet=$fleet" \
    --label "bench.probe=inside" "$IMAGE" >/dev/null
done

repo=$work/repo
service_repo "$repo"
commit() { list_entry "$repo" "$1"; }  # commit NAME: a new blocklist entry, committed

# probe_of KIND: the median probe time of the last rollout's targets, and how it was reached.
probe_of() {
  infratests rollout show latest --records "$work/records-$1" --json >"$work/record.json"
  python3 - "$work/record.json" <<'PY'
import json, sys, statistics
targets = json.load(open(sys.argv[1]))["targets"]
def seconds(t):
    h, m, s = t.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
assert all(t["state"] == "updated" for t in targets), [t["state"] for t in targets]
print(f'{statistics.median(seconds(t["probe"]) for t in targets):.3f} {targets[0]["probedAt"]}')
PY
}

published=() inside=()
for i in $(seq "$RUNS"); do
  commit "probe$i.example.net"
  for kind in published inside; do
    infratests rollout --root "$repo" --label "bench.probe=$kind" --records "$work/records-$kind" --listed "probe$i.example.net" \
      >"$work/rollout.out" 2>&1 || { cat "$work/rollout.out" >&2; exit 1; }
    read -r seconds where <<<"$(probe_of "$kind")"
    [ -n "$seconds" ] || { say "no probe time in the $kind rollout's record"; exit 1; }
    [ "$i" -gt 1 ] || say "$kind: probed $where"
    [ "$kind" = published ] && published+=("$seconds") || inside+=("$seconds")
  done
done
say "probe at the published port: ${published[*]}"
say "probe inside the target: ${inside[*]}"

p=$(median "${published[@]}") n=$(median "${inside[@]}")
{
  echo "# bench/probe.sh"
  echo
  echo "$(machine); $(date -u '+%Y-%m-%d %H:%M UTC'), Docker $(docker version -f '{{.Server.Version}}' 2>/dev/null), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "A rollout's probe (the sample's checks file and \`--listed\` the new entry) per host; two hosts of each kind on the machine's engine, one at a time. Median of $RUNS runs."
  echo
  echo "| measured | value | against the baseline |"
  echo "| --- | ---: | --- |"
  echo "| probe at the host's published DNS port on 127.0.0.1 (baseline) | $p s | 1.00 |"
  echo "| probe inside the target: questions relayed by execs, those that wait going together in the next exec | $n s | $(ratio "$n" "$p") × baseline |"
} | tee bench/results/probe.md
