#!/usr/bin/env bash
# Rolling updates (issue 7), each against a baseline measured in the same run: five rbldnsd containers standing for
# five hosts (three on the machine's engine, two on the second engine of setup/second-engine.sh), a new blocklist entry
# committed each run, and the time until all five answer it. Prints a Markdown table and writes it to
# bench/results/rollout.md. Timings are for people to read, never asserted.
#   RUNS=3 (median of RUNS for every row).
# Needs the set-up (setup/prepare.sh: engines, registry, images); installs ldnsutils (drill) when root and missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
IMAGE=127.0.0.1:5000/samples/rbldnsd:stable SECOND=infratests-engine2
export DOCKER_API_VERSION=1.41 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
. bench/lib.sh
command -v drill >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -q ldnsutils >/dev/null; } || { say "drill is missing: apt-get install ldnsutils"; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-bench-rollout.XXXXXX")
fleet=bench-$$ webhook_pid=""
cleanup() {
  [ -z "$webhook_pid" ] || kill -TERM "$webhook_pid" 2>/dev/null || true
  for ctx in default "$SECOND"; do
    docker --context "$ctx" ps -aq --filter "label=infratests.fleet=$fleet" | xargs -r docker --context "$ctx" rm -f >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
rows=()
row() { rows+=("| $1 | $2 | $3 |"); say "$1: $2 ($3)"; }

# The command from this checkout (built once), so the bench measures the code it sits beside.
"$ROOT/infratests" --help >/dev/null
infratests() { "$ROOT/infratests" "$@"; }

# Five hosts: production's image with its baked data, DNS published on 127.0.0.1.
ports=()
for n in 1 2 3 4 5; do
  ctx=default; [ "$n" -le 3 ] || ctx=$SECOND
  docker --context "$ctx" run -d -q --name "$fleet-host-$n" --label infratests=true --label infratests.bench=true \
    --label "infratests.fleet=$fleet" -p 127.0.0.1::53/udp "$IMAGE" >/dev/null
  ports+=("$(docker --context "$ctx" port "$fleet-host-$n" 53/udp | head -1 | sed 's/.*://')")
done
answers() { drill -p "$2" "$1.senderhost.bl.rbl" @127.0.0.1 TXT 2>/dev/null | grep -q 'rcode: NOERROR'; }
# all_answer NAME: until every host answers NAME (120 s at most).
all_answer() {
  local deadline=$((SECONDS + 120))
  for port in "${ports[@]}"; do
    until answers "$1" "$port"; do [ $SECONDS -lt $deadline ] || { say "timed out waiting for $1"; exit 1; }; sleep 0.02; done
  done
}
all_answer sh8.mailingliststart.com

# The service repo as the operator keeps it, and the forge's bare repository pushes land in.
repo=$work/repo forge=$work/forge.git
service_repo "$repo"
commit() { list_entry "$repo" "$1" && git -C "$repo" rev-parse HEAD; }  # commit NAME: a new blocklist entry; prints the commit
commit base.example.net >/dev/null
git clone -q --bare "$repo" "$forge"

# 1. Baseline: the operator's agent, by hand: for each host in turn, copy the zones in and run its UPDATE_METHOD
#    (read with docker inspect), one at a time.
shell_rollout() {
  local n ctx method
  for n in 1 2 3 4 5; do
    ctx=default; [ "$n" -le 3 ] || ctx=$SECOND
    method=$(docker --context "$ctx" inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$fleet-host-$n" | sed -n 's/^UPDATE_METHOD=//p')
    docker --context "$ctx" cp "$repo/zones/." "$fleet-host-$n:/service/zones/"
    docker --context "$ctx" exec "$fleet-host-$n" $method >/dev/null
  done
}
shell=() cli=() push=() update=() total=()
for i in $(seq "$RUNS"); do
  commit "shell$i.example.net" >/dev/null
  s=$(now); shell_rollout; all_answer "shell$i.example.net"; shell+=("$(since "$s")")
done
say "baseline, copy + UPDATE_METHOD by hand: ${shell[*]}"

# 2. `infratests rollout`: the same, plus validation, the DNS probe, restore on failure and the record.
for i in $(seq "$RUNS"); do
  commit "cli$i.example.net" >/dev/null
  s=$(now)
  infratests rollout --root "$repo" --label "infratests.fleet=$fleet" --context default --context "$SECOND" \
    --records "$work/records" --listed "cli$i.example.net" >"$work/rollout.out" 2>&1 || { cat "$work/rollout.out" >&2; exit 1; }
  all_answer "cli$i.example.net"; cli+=("$(since "$s")")
  infratests rollout show latest --records "$work/records" --json >"$work/record.json"
  update+=("$(python3 -c "import json,sys; from statistics import median; t=json.load(open(sys.argv[1]))['targets']; print(median(float(x['update'].split(':')[-1]) for x in t))" "$work/record.json")")
  total+=("$(python3 -c "import json,sys; from statistics import median; t=json.load(open(sys.argv[1]))['targets']; print(median(float(x['total'].split(':')[-1]) for x in t))" "$work/record.json")")
done
say "infratests rollout: ${cli[*]}"

# 3. A signed push to `infratests webhook`: verified, gated in the production image, rolled out; time until all answer.
secret=$work/secret
(umask 077 && head -c 24 /dev/urandom | base64 >"$secret")
infratests webhook --secret-file "$secret" --listen 127.0.0.1:0 --deliveries "$work/deliveries.log" --repository "$forge" \
  --label "infratests.fleet=$fleet" --context default --context "$SECOND" --records "$work/records" >"$work/webhook.out" 2>&1 &
webhook_pid=$!
until grep -q '^listening on ' "$work/webhook.out"; do kill -0 "$webhook_pid" || { cat "$work/webhook.out" >&2; exit 1; }; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$work/webhook.out")
for i in $(seq "$RUNS"); do
  rev=$(commit "push$i.example.net")
  git -C "$repo" push -q "$forge" HEAD:refs/heads/main
  body=$(printf '{"ref":"refs/heads/main","after":"%s","repository":{"full_name":"ops/rbldnsd","clone_url":"file://%s"}}' "$rev" "$forge")
  sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$(cat "$secret")" | sed 's/^.* //')
  s=$(now)
  curl -fsS -o /dev/null -H 'X-GitHub-Event: push' -H "X-GitHub-Delivery: bench-$$-$i" -H "X-Hub-Signature-256: sha256=$sig" --data-binary "$body" "$url"
  all_answer "push$i.example.net"; push+=("$(since "$s")")
  until grep -q "rolled out ${rev:0:12}" "$work/webhook.out"; do sleep 0.05; done
done
say "signed push to all answers: ${push[*]}"

b=$(median "${shell[@]}") c=$(median "${cli[@]}") p=$(median "${push[@]}")
row "operator's agent by hand: per host \`docker inspect\` → UPDATE_METHOD, \`docker cp\` the zones, \`docker exec\` it, one host at a time (baseline)" "$b s" "1.00"
row "\`infratests rollout\` to 5 hosts on 2 engines (copy, update, validate, probe; process start included) → all answer" "$c s" "$(ratio "$c" "$b") × baseline"
row "signed push to \`infratests webhook\` → gate (production image: validation + checks) → rollout → all 5 answer" "$p s" "$(ratio "$p" "$b") × baseline; target < 10 s"
row "per host, UPDATE_METHOD (median over hosts, median over runs)" "$(median "${update[@]}") s" "–"
row "per host, whole turn: copy + update + validate + probe (median over hosts and runs)" "$(median "${total[@]}") s" "–"

{
  echo "# bench/rollout.sh"
  echo
  echo "$(machine); $(date -u '+%Y-%m-%d %H:%M UTC'), Docker $(docker version -f '{{.Server.Version}}' 2>/dev/null)."
  echo "Five hosts: three containers on the machine's engine, two on a second engine; one at a time (batch size 1). Median of $RUNS runs."
  echo
  echo "| measured | value | against the baseline |"
  echo "| --- | ---: | --- |"
  printf '%s\n' "${rows[@]}"
} | tee bench/results/rollout.md
