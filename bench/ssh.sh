#!/usr/bin/env bash
# A rollout to a host whose engine is reached over ssh (`--endpoint ssh://…`, as the Docker CLI reaches one), against the
# same rollout through the engine's own unix socket, measured in the same run: one rbldnsd host on the second engine
# (setup/second-engine.sh), which setup/ssh-engine.sh also serves over ssh at 127.0.0.2:2522; a new blocklist entry
# committed each run. Prints a Markdown table and writes it to bench/results/ssh.md. Timings are for people to read,
# never asserted.
#   RUNS=5 (median of RUNS for every row).
# Needs the set-up (setup/prepare.sh: second engine, its ssh access, registry, images).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
IMAGE=127.0.0.1:5000/samples/rbldnsd:stable SECOND=infratests-engine2 SSH=ssh://infratests-ssh@127.0.0.2:2522
export DOCKER_API_VERSION=1.41 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 INFRATESTS_SSH_CONFIG=/var/lib/infratests/ssh-client/config
. bench/lib.sh
needs docker:docker.io ssh:openssh-client python3:python3
[ -r "$INFRATESTS_SSH_CONFIG" ] || { say "$INFRATESTS_SSH_CONFIG is missing: run setup/prepare.sh as root"; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-bench-ssh.XXXXXX")
fleet=bench-ssh-$$
cleanup() {
  docker --context "$SECOND" ps -aq --filter "label=infratests.fleet=$fleet" | xargs -r docker --context "$SECOND" rm -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$ROOT/infratests" --help >/dev/null  # the command from this checkout, built once
infratests() { bounded 300 "$ROOT/infratests" "$@"; }

docker --context "$SECOND" run -d -q --name "$fleet-host" --label infratests=true --label infratests.bench=true \
  --label "infratests.fleet=$fleet" -p 127.0.0.2::53/udp "$IMAGE" >/dev/null

repo=$work/repo
service_repo "$repo"
commit() { list_entry "$repo" "$1"; }  # commit NAME: a new blocklist entry, committed

# rollout NAME ENGINE-OPTION…: the wall time of one rollout of a new entry NAME (process start included).
rollout() {
  local name=$1 s
  shift
  commit "$name"
  s=$(now)
  infratests rollout --root "$repo" --label "infratests.fleet=$fleet" "$@" --records "$work/records" --listed "$name" \
    >"$work/rollout.out" 2>&1 || { cat "$work/rollout.out" >&2; exit 1; }
  since "$s"
}

local_socket=() over_ssh=()
for i in $(seq "$RUNS"); do
  local_socket+=("$(rollout "local$i.example.net" --context "$SECOND")")
  over_ssh+=("$(rollout "ssh$i.example.net" --endpoint "$SSH")")
done
say "through the engine's unix socket: ${local_socket[*]}"
say "over ssh: ${over_ssh[*]}"

l=$(median "${local_socket[@]}") o=$(median "${over_ssh[@]}")
{
  echo "# bench/ssh.sh"
  echo
  echo "$(machine); $(date -u '+%Y-%m-%d %H:%M UTC'), $(ssh -V 2>&1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "One rbldnsd host on the second engine; \`infratests rollout\` of a new entry (copy, update, validate, probe; process start included). Median of $RUNS runs."
  echo
  echo "| measured | value | against the baseline |"
  echo "| --- | ---: | --- |"
  echo "| rollout through the engine's unix socket (\`--context $SECOND\`, baseline) | $l s | 1.00 |"
  echo "| rollout over ssh (\`--endpoint $SSH\`): one master connection, each API connection a session on it | $o s | $(ratio "$o" "$l") × baseline |"
} | tee bench/results/ssh.md
