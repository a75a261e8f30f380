#!/usr/bin/env bash
# The save → verdict loop and bulk checks, each against a baseline measured in the same run (issue 6). Prints a
# Markdown table and writes it to bench/results/feedback.md. Timings are for people to read, never asserted.
#   RUNS=5 (median of RUNS for every row), CORPUS=100000 (bulk corpus size), SAMPLED=40 (docker exec per name).
# Needs the set-up (setup/prepare.sh: engine, registry, images, the infratests tool); installs dnsperf when root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5} CORPUS=${CORPUS:-100000} SAMPLED=${SAMPLED:-40}
IMAGE=127.0.0.1:5000/samples/rbldnsd:stable
NAME=sh8.mailingliststart.com
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_WATCH_SUPPRESS_EMOJIS=1
. bench/lib.sh
# times N CMD…: the median wall time of N runs of CMD, its output discarded (a failing run stops the bench).
times() {
  local n=$1 all=() s; shift
  for _ in $(seq "$n"); do s=$(now); "$@" >/dev/null 2>&1 || { say "failed: $*"; "$@" >&2 || true; exit 1; }; all+=("$(since "$s")"); done
  median "${all[@]}"
}
# wait_for FILE PATTERN COUNT: until PATTERN occurs COUNT times in FILE (60 s at most).
wait_for() {
  local deadline=$((SECONDS + 60))
  until [ "$(grep -c -- "$2" "$1" 2>/dev/null || true)" -ge "$3" ]; do
    [ $SECONDS -lt $deadline ] || { say "timed out waiting for '$2' x$3 in $1"; tail -20 "$1" >&2; exit 1; }
    sleep 0.01
  done
}

infratests=$(command -v infratests || echo "$ROOT/infratests")
work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  docker ps -aq --filter label=infratests.bench=true | xargs -r docker rm -f >/dev/null 2>&1 || true
  "$infratests" containers --remove >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
tree=$work/rbldnsd
cp -a samples/rbldnsd "$tree"
rm -rf "$tree/tests"
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 |"); say "$1: $2 ($3)"; }

# 1. The operator's shell flow against `infratests check`, both from a cold start -----------------------------------
# The shell flow as the operator ran it: `docker run` with the work dir mounted, ask blacklist and whitelist with
# `docker exec … dig` (this image ships drill, the same question), `docker rm`. A readiness poll keeps it honest.
shell_flow() {
  local id
  id=$(docker run -d --label infratests.bench=true -v "$tree:/service:ro" "$IMAGE")
  until docker exec "$id" drill -Q -c CH version.bind TXT @127.0.0.1 >/dev/null 2>&1; do sleep 0.02; done
  docker exec "$id" drill -Q "$NAME.senderhost.bl.rbl" TXT @127.0.0.1
  docker exec "$id" drill -Q "$NAME.senderhost.wl.rbl" TXT @127.0.0.1
  docker rm -f "$id"
}
say "shell flow vs infratests check, cold, median of $RUNS"
docker pull -q "$IMAGE" >/dev/null
"$infratests" check "$NAME" --root "$tree" >/dev/null 2>&1   # first run of the tool: its JIT cache, not ours to count
shell=$(times "$RUNS" shell_flow)
cold=$(times "$RUNS" "$infratests" check "$NAME" --root "$tree" --expect listed)
row "operator's shell flow: docker run, 2 × docker exec drill, docker rm (baseline)" "$shell s" "1.00" "–"
row "\`infratests check $NAME\`, cold (new container)" "$cold s" "$(ratio "$cold" "$shell") × shell" "≤ 1.0 (aim 0.7)"

# 2. Cold against warm: the same check reusing a container (INFRATESTS_REUSE=1) -------------------------------------
say "infratests check warm (reused container), median of $RUNS"
INFRATESTS_REUSE=1 "$infratests" check "$NAME" --root "$tree" >/dev/null 2>&1   # creates the reused container
warm=$(times "$RUNS" env INFRATESTS_REUSE=1 "$infratests" check "$NAME" --root "$tree" --expect listed)
row "\`infratests check\`, warm (reused container, updated through UPDATE_METHOD)" "$warm s" "$(ratio "$warm" "$cold") × cold" "≤ 0.2 × cold"
"$infratests" containers --remove >/dev/null 2>&1 || true

# 3. Save → verdict ---------------------------------------------------------------------------------------------------
# The floor that is not ours: `dotnet test` of an empty xunit v3 project, built, run again.
empty=$work/empty
mkdir -p "$empty"
cp global.json "$empty/"
cat >"$empty/Empty.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="xunit.v3" Version="4.0.2" /></ItemGroup>
</Project>
EOF
echo 'public class FloorTests { [Xunit.Fact] public void Nothing() { } }' >"$empty/Empty.cs"
say "bare dotnet test of an empty xunit project, median of $RUNS"
(cd "$empty" && dotnet build -v q >"$work/empty-build.log" 2>&1) || { tail -5 "$work/empty-build.log" >&2; exit 1; }
floor=$(cd "$empty" && times "$RUNS" dotnet test)
row "bare \`dotnet test\` of an empty xunit v3 project (the floor)" "$floor s" "1.00" "–"

# save_to_verdict LOG PATTERN: append a comment to zones/bl RUNS times, each time measuring until PATTERN shows once more.
save_to_verdict() {
  local log=$1 pattern=$2 seen all=() s
  for i in $(seq "$RUNS"); do
    seen=$(grep -c -- "$pattern" "$log" || true)
    sleep 0.3
    s=$(now)
    echo "# bench save $i" >>"$tree/zones/bl"
    wait_for "$log" "$pattern" $((seen + 1))
    all+=("$(since "$s")")
  done
  median "${all[@]}"
}

if [ -d samples/rbldnsd/tests ]; then
  say "save → verdict under dotnet watch test (samples/rbldnsd/tests on a copy), median of $RUNS"
  setup/pack.sh >/dev/null
  cp -a samples/rbldnsd/tests "$tree/tests"
  rm -rf "$tree/tests/bin" "$tree/tests/obj"
  # The copy reads the version setup/pack.sh published where the checkout keeps it.
  sed -i "s|\$(MSBuildThisFileDirectory)../../../artifacts/|$ROOT/artifacts/|g" "$tree/tests/Directory.Packages.props"
  (cd "$tree/tests" && dotnet build -v q >"$work/sample-build.log" 2>&1) || { tail -5 "$work/sample-build.log" >&2; exit 1; }
  (cd "$tree/tests" && exec setsid dotnet watch test </dev/null >"$work/watch-test.log" 2>&1) & pids+=($!)
  wait_for "$work/watch-test.log" "succeeded:" 1
  watch_test=$(save_to_verdict "$work/watch-test.log" "succeeded:")
  row "save → verdict, \`dotnet watch test\` of the sample's own tests" "$watch_test s" "+$(python3 -c "print(f'{$watch_test - $floor:.2f}')") s over the floor" "≤ floor + 1 s"
  kill -TERM -- "-${pids[-1]}" 2>/dev/null || true
  rm -rf "$tree/tests"
fi

say "save → verdict under infratests watch, median of $RUNS"
("$infratests" watch --root "$tree" >"$work/watch.log" 2>&1) & pids+=($!)
wait_for "$work/watch.log" "Watching for saves" 1
watch=$(save_to_verdict "$work/watch.log" "checks passed")
row "save → verdict, \`infratests watch\` (update + validate + checks file)" "$watch s" "$(ratio "$watch" "$floor") × floor" "≤ 0.3 s"
kill -TERM "${pids[-1]}" 2>/dev/null || true

# 4. Bulk: a corpus of CORPUS names, each answer verified, against dnsperf and docker exec ---------------------------
say "bulk: $CORPUS names into a copy of the sample's data"
corpus=$work/corpus.txt
python3 - "$CORPUS" "$corpus" "$tree/zones/bl" <<'EOF'
import sys
n, corpus, bl = int(sys.argv[1]), sys.argv[2], sys.argv[3]
names = [f"trap-{i:06d}.corpus.example" for i in range(n)]
with open(corpus, "w") as f:
    f.write("\n".join(names) + "\n")
text = open(bl).read()
# Into the senderhost dnset, before the ip4set part: the corpus entries with one reason.
marker = "\n# --- senderip.bl.rbl"
at = text.find(marker)
entries = "".join(f"{name} :127.0.0.2:Spam trap corpus\n" for name in names)
text = text[:at + 1] + entries + text[at + 1:] if at >= 0 else text + entries
open(bl, "w").write(text)
EOF
bulk_json=$work/bulk.json
s=$(now)
/usr/bin/time -f "%M" -o "$work/bulk.mem" "$infratests" check --corpus "$corpus" --expect listed --root "$tree" --json >"$bulk_json" 2>"$work/bulk.err" ||
  { tail -5 "$work/bulk.err" >&2; say "bulk check failed"; exit 1; }
bulk_wall=$(since "$s")
read -r bulk_rate bulk_checked bulk_answers <<<"$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(round(d['answersPerSecond']), d['checked'], d['answers'])" "$bulk_json")"
bulk_mem=$(( $(cat "$work/bulk.mem") / 1024 ))
# The same process on a tenth of the corpus: memory flat in corpus size means the same peak.
head -n $((CORPUS / 10)) "$corpus" >"$work/corpus-tenth.txt"
/usr/bin/time -f "%M" -o "$work/bulk-tenth.mem" "$infratests" check --corpus "$work/corpus-tenth.txt" --expect listed --root "$tree" --json >/dev/null 2>&1
tenth_mem=$(( $(cat "$work/bulk-tenth.mem") / 1024 ))

# dnsperf: the same questions to the same kind of published port.
if ! command -v dnsperf >/dev/null && [ "$(id -u)" = 0 ]; then
  say "installing dnsperf (Debian)"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dnsperf >/dev/null 2>&1 || true
fi
id=$(docker run -d --label infratests.bench=true -p 127.0.0.1::53/udp -v "$tree:/service:ro" "$IMAGE")
port=$(docker port "$id" 53/udp | head -1 | sed 's/.*://')
until dig +short +time=1 +tries=1 @127.0.0.1 -p "$port" "trap-000000.corpus.example.senderhost.bl.rbl" A | grep -q 127.0.0.2; do sleep 0.1; done
if command -v dnsperf >/dev/null; then
  sed 's/$/.senderhost.bl.rbl A/' "$corpus" >"$work/queries.txt"
  dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -n 1 -q 200 -t 2 >"$work/dnsperf.log" 2>&1 || true
  dnsperf_rate=$(sed -n 's/^ *Queries per second: *\([0-9]*\).*/\1/p' "$work/dnsperf.log")
  dnsperf_lost=$(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "$work/dnsperf.log")
else
  dnsperf_rate=""
fi
# One docker exec per name, sampled.
s=$(now)
head -n "$SAMPLED" "$corpus" | while read -r n; do docker exec "$id" drill -Q "$n.senderhost.bl.rbl" A @127.0.0.1 >/dev/null; done
exec_rate=$(python3 -c "print(f'{$SAMPLED / ($(since "$s")):.1f}')")
docker rm -f "$id" >/dev/null

row "bulk: one \`docker exec … drill\` per name (sampled, $SAMPLED names)" "$exec_rate answers/s" "–" "–"
if [ -n "$dnsperf_rate" ]; then
  row "bulk: dnsperf, the same $CORPUS names as A queries, same kind of published port (answers not checked; ${dnsperf_lost:-?} lost)" "$dnsperf_rate answers/s" "1.00" "–"
  row "bulk: \`infratests check --corpus --expect listed\`, $bulk_checked names, $bulk_answers answers each verified (every blocklist and whitelist zone)" "$bulk_rate answers/s" "$(ratio "$bulk_rate" "$dnsperf_rate") × dnsperf" "≥ 0.8 × dnsperf"
else
  row "bulk: \`infratests check --corpus --expect listed\`, $bulk_checked names, $bulk_answers answers each verified" "$bulk_rate answers/s" "dnsperf not installed" "≥ 0.8 × dnsperf"
fi
row "bulk: peak memory of the whole \`check --corpus\` process, $CORPUS names (${bulk_wall} s wall) vs $((CORPUS / 10))" "$bulk_mem MB" "$tenth_mem MB for a tenth" "flat in corpus size"

# The report ---------------------------------------------------------------------------------------------------------
mkdir -p bench/results
{
  echo "# bench/feedback.sh"
  echo
  echo "Machine \`$(uname -n)\`, $(date -u '+%Y-%m-%d %H:%M UTC'), .NET SDK $(dotnet --version), $(nproc) × $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), Docker $(docker version --format '{{.Server.Version}}')."
  echo "Median of $RUNS runs per timed row (bulk rows: one run each)."
  echo
  echo "| measured | value | against the baseline | target |"
  echo "| --- | ---: | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee bench/results/feedback.md
