#!/usr/bin/env bash
# The save → verdict loop and bulk checks, each against a baseline measured in the same run (issue 6). Prints a
# Markdown table and writes it to bench/results/feedback.md. Timings are for people to read, never asserted.
#   RUNS=5 (median of RUNS for every row), CORPUS=100000 (bulk corpus size), SAMPLED=40 (docker exec per name),
#   ROWS=check,save,bulk,testmode (which parts run: check is the shell flow, cold and warm; testmode is BIND's test mode;
#   only a run of all four writes the results file), BEFORE=<version> (the sample's tests also with that InfraTests
#   version from the feed, in the same rounds).
# Needs the set-up (setup/prepare.sh: engine, registry, images, the infratests tool); as root on Debian it installs the
# rest it needs (dig, dnsperf, GNU time), else it names what is missing in one line and exits 2. Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5} CORPUS=${CORPUS:-100000} SAMPLED=${SAMPLED:-40} ROWS=${ROWS:-check,save,bulk,testmode} BEFORE=${BEFORE:-}
IMAGE=127.0.0.1:5000/samples/rbldnsd:stable
NAME=sh8.mailingliststart.com
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_WATCH_SUPPRESS_EMOJIS=1
. bench/lib.sh
needs docker:docker.io dotnet:setup/prepare.sh python3:python3 timeout:coreutils setsid:util-linux
[[ ",$ROWS," != *,bulk,* ]] || needs dig:bind9-dnsutils dnsperf:dnsperf /usr/bin/time:time
bounded 30 docker version >/dev/null 2>&1 || { say "the Docker engine does not answer (DOCKER_HOST=${DOCKER_HOST:-default}): run setup/prepare.sh"; exit 2; }
# times N CMD…: the median wall time of N runs of CMD (2 min at most each), its output discarded (a failing run stops
# the bench).
times() {
  local n=$1 all=() s run=(bounded 120); shift
  [ "$(type -t "$1")" != function ] || run=()   # a function here bounds its own waits
  for _ in $(seq "$n"); do
    s=$(now); "${run[@]}" "$@" >/dev/null 2>&1 || { say "failed: $*"; "${run[@]}" "$@" >&2 || true; exit 1; }; all+=("$(since "$s")")
  done
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

# watch_session NAME DIR [ARGS…]: `dotnet watch test --verbose` in DIR, in its own session, every line stamped with the
# time it came (the stamps give the breakdown; --verbose only adds lines).
export -f stamp
watch_session() {
  local name=$1 dir=$2; shift 2
  (cd "$dir" && exec setsid bash -c 'dotnet watch test --verbose --non-interactive "$@" </dev/null 2>&1 | stamp' _ "$@" >"$work/$name.log") & pids+=($!)
}
# save LOG FILE PATTERN: append a comment to FILE, wait until LOG shows PATTERN once more; prints when the save was made
# and how long until PATTERN came.
save() {
  local seen s
  seen=$(grep -c -- "$3" "$1" || true)
  s=$(now)
  echo "# bench save $s" >>"$2"
  wait_for "$1" "$3" $((seen + 1))
  echo "$s $(since "$s")"
}
# phases LOG SAVES…: per save, where the time went, from the stamped --verbose lines; prints the medians as
# "total reevaluation dotnet_test_until_run test_run".
phases() {
  python3 - "$@" <<'EOF'
import statistics, sys
lines = []
for raw in open(sys.argv[1], errors="replace"):
    stamp, _, text = raw.partition(" ")
    try: lines.append((float(stamp), text))
    except ValueError: pass
def first(since, *patterns):
    return next(t for t, text in lines if t >= since and any(p in text for p in patterns))
rows = []
for save in map(float, sys.argv[2:]):
    evaluated = first(save, "ran for")                     # dotnet watch's re-evaluation (msbuild /restore /t:GenerateWatchList)
    running = first(evaluated, "Running tests from")       # dotnet test: restore, build, the test app started
    summary = first(running, "Test run summary")           # the test app ran, the verdict printed
    rows.append((summary - save, evaluated - save, running - evaluated, summary - running))
print(" ".join(f"{statistics.median(column):.3f}" for column in zip(*rows)))
EOF
}

infratests=$(command -v infratests || echo "$ROOT/infratests")
work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  bounded 30 docker ps -aq --filter label=infratests.bench=true | xargs -r timeout 60 docker rm -f >/dev/null 2>&1 || true
  forget_kept
  rm -rf "$work"
}
trap cleanup EXIT
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
tree=$work/rbldnsd
cp -a samples/rbldnsd "$tree"
rm -rf "$tree/tests"
# forget_kept: remove the containers kept for the bench's own trees, and no one else's.
forget_kept() { for t in "$work"/rbldnsd*; do bounded 60 "$infratests" containers --remove --tree "$t" >/dev/null 2>&1 || true; done; }
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 |"); say "$1: $2 ($3)"; }
wants() { [[ ",$ROWS," == *",$1,"* ]]; }

# 1. The operator's shell flow against `infratests check`, both from a cold start -----------------------------------
# The shell flow as the operator ran it: `docker run` with the work dir mounted, ask blacklist and whitelist with
# `docker exec … dig` (this image ships drill, the same question), `docker rm`. A readiness poll keeps it honest.
if wants check; then
  shell_flow() {
    local id
    id=$(bounded 60 docker run -d --label infratests.bench=true -v "$tree:/service:ro" "$IMAGE")
    local deadline=$((SECONDS + 30))
    until bounded 10 docker exec "$id" drill -Q -c CH version.bind TXT @127.0.0.1 >/dev/null 2>&1; do
      [ $SECONDS -lt $deadline ] || { say "rbldnsd in $id did not answer within 30 s"; return 1; }
      sleep 0.02
    done
    bounded 30 docker exec "$id" drill -Q "$NAME.senderhost.bl.rbl" TXT @127.0.0.1
    bounded 30 docker exec "$id" drill -Q "$NAME.senderhost.wl.rbl" TXT @127.0.0.1
    bounded 60 docker rm -f "$id"
  }
  say "shell flow vs infratests check, cold, median of $RUNS"
  bounded 300 docker pull -q "$IMAGE" >/dev/null
  bounded 120 "$infratests" check "$NAME" --root "$tree" >/dev/null 2>&1   # first run of the tool: its JIT cache, not ours to count
  shell=$(times "$RUNS" shell_flow)
  cold=$(times "$RUNS" "$infratests" check "$NAME" --root "$tree" --expect listed)
  row "operator's shell flow: docker run, 2 × docker exec drill, docker rm (baseline)" "$shell s" "1.00" "–"
  row "\`infratests check $NAME\`, cold (new container)" "$cold s" "$(ratio "$cold" "$shell") × shell" "≤ 1.0 (aim 0.7)"

  # 2. Cold against warm: the same check reusing a container (INFRATESTS_REUSE=1) -------------------------------------
  say "infratests check warm (reused container), median of $RUNS"
  INFRATESTS_REUSE=1 bounded 120 "$infratests" check "$NAME" --root "$tree" >/dev/null 2>&1   # creates the reused container
  warm=$(times "$RUNS" env INFRATESTS_REUSE=1 "$infratests" check "$NAME" --root "$tree" --expect listed)
  row "\`infratests check\`, warm (reused container, updated through UPDATE_METHOD)" "$warm s" "$(ratio "$warm" "$cold") × cold" "≤ 0.2 × cold"
  forget_kept
fi

# 2b. Where a check's time goes (issue 15): `check --timings`, the phases of the median of RUNS runs, cold and warm -----
# check_timings KIND [ENV…]: one row per phase of the run with the median total, with its share (the phases add up to the
# whole process); KIND names the rows (cold, warm), ENV is set for the runs (INFRATESTS_REUSE=1 for warm).
check_timings() {
  local kind=$1 log=$work/$1-timings.txt phase took share; shift
  : >"$log"
  for _ in $(seq "$RUNS"); do
    bounded 120 env "$@" "$infratests" check "$NAME" --root "$tree" --expect listed --timings 2>"$work/$kind-timings.err" >/dev/null \
      || { say "check --timings failed"; tail -5 "$work/$kind-timings.err" >&2; exit 1; }
    grep -E '^  .*[0-9]+\.[0-9]{3} s' "$work/$kind-timings.err" >>"$log" || { say "check --timings printed no phase"; exit 1; }
  done
  while IFS=$'\t' read -r phase took share; do
    row "$kind check, phase: $phase (\`check --timings\`)" "$took s" "$share" "–"
  done < <(python3 - "$log" <<'EOF'
import re, statistics, sys
# The phases of the run whose total is the median one: its rows add up to its total (medians taken phase by phase would
# not, on a busy machine where each slow run is slow in another phase).
runs, run = [], None
for line in open(sys.argv[1]):
    m = re.match(r"^  (.+?)\s+(\d+\.\d{3}) s", line)
    if not m: continue
    if run is None: run = []; runs.append(run)
    run.append((m.group(1), float(m.group(2))))
    if m.group(1) == "total": run = None
runs = [r for r in runs if r and r[-1][0] == "total"]
median = sorted(runs, key=lambda r: r[-1][1])[len(runs) // 2]
total = median[-1][1] or 1
for phase, took in median:
    share = "–" if phase == "total" else f"{100 * took / total:.0f}% of the total"
    print(f"{phase}\t{took:.3f}\t{share}")
EOF
)
}
# warm_floor: what a warm check cannot go below while it is a new process that brings the container up to date: the
# tool's own start (`infratests --version`) and the image's UPDATE_METHOD alone (`docker exec`, a process of its own too).
warm_floor() {
  local kept tool update
  INFRATESTS_REUSE=1 bounded 120 "$infratests" check "$NAME" --root "$tree" >/dev/null 2>&1   # creates the kept container
  kept=$(bounded 30 docker ps -q --filter label=infratests.reuse=true --filter "label=infratests.tree=$tree" | head -1)
  [ -n "$kept" ] || { say "no kept container for $tree: INFRATESTS_REUSE=1 kept nothing"; exit 1; }
  tool=$(times "$RUNS" "$infratests" --version)
  update=$(times "$RUNS" docker exec "$kept" /service/bin/update.sh)
  row "warm floor: the tool's own start, \`infratests --version\`" "$tool s" "$(ratio "$tool" "$cold") × cold" "–"
  row "warm floor: UPDATE_METHOD alone, \`docker exec … update.sh\` on the kept container" "$update s" "$(ratio "$update" "$cold") × cold" "–"
  row "warm floor: the two together (a warm check above it is ours to cut)" "$(python3 -c "print(f'{$tool + $update:.3f}')") s" "$(ratio "$(python3 -c "print($tool + $update)")" "$cold") × cold" "–"
}
if wants check; then
  say "where a check's time goes: check --timings, median of $RUNS, cold then warm"
  check_timings cold
  warm_floor
  check_timings warm INFRATESTS_REUSE=1
  forget_kept
fi

# 3. Save → verdict ---------------------------------------------------------------------------------------------------
# The floor that is not ours: `dotnet test` of an empty xunit v3 project, built, run again. Beside it, the same empty
# project under `dotnet watch test` (a save of a file it watches): what dotnet watch adds on its own, for any project.
if wants save; then
  empty=$work/empty
  mkdir -p "$empty"
  cp global.json "$empty/"
  cat >"$empty/Empty.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="xunit.v3" Version="4.0.2" /><Watch Include="data.txt" /></ItemGroup>
</Project>
EOF
  echo 'public class FloorTests { [Xunit.Fact] public void Nothing() { } }' >"$empty/Empty.cs"
  echo "saved by the bench" >"$empty/data.txt"
  say "building the empty xunit project and the sample's own tests (InfraTests from the feed)"
  bounded 300 bash -c "cd '$empty' && dotnet build -v q" >"$work/empty-build.log" 2>&1 || { tail -5 "$work/empty-build.log" >&2; exit 1; }

  # The sample's own tests as its owner has them (InfraTests from the feed), twice: under `dotnet watch test`, and on a
  # second copy under `dotnet watch test --no-restore`, which docs/packaging.md offers with its cost (dotnet watch then
  # restores nothing, not even in its own evaluation).
  watched=(empty)
  tree2=$work/rbldnsd-no-restore tree3=$work/rbldnsd-before
  if [ -d samples/rbldnsd/tests ]; then
    bounded 900 setup/pack.sh >/dev/null
    copies=("$tree:$ROOT/artifacts/" "$tree2:$ROOT/artifacts/")
    if [ -n "$BEFORE" ]; then
      mkdir -p "$work/before"
      printf '<Project><PropertyGroup><InfraTestsVersion>%s</InfraTestsVersion></PropertyGroup></Project>\n' "$BEFORE" >"$work/before/InfraTestsVersion.props"
      copies+=("$tree3:$work/before/")
    fi
    for entry in "${copies[@]}"; do copy=${entry%%:*}; [ "$copy" = "$tree" ] || cp -a "$tree" "$copy"; done
    for entry in "${copies[@]}"; do
      copy=${entry%%:*} props=${entry#*:}
      cp -a samples/rbldnsd/tests "$copy/tests"
      rm -rf "$copy/tests/bin" "$copy/tests/obj"
      # The copy reads the version setup/pack.sh published where the checkout keeps it (or BEFORE): a service repo pins it.
      sed -i "s|\$(MSBuildThisFileDirectory)../../../artifacts/|$props|g" "$copy/tests/Directory.Packages.props"
      bounded 300 bash -c "cd '$copy/tests' && dotnet build -v q" >"$work/sample-build.log" 2>&1 || { tail -5 "$work/sample-build.log" >&2; exit 1; }
    done
    watch_session sample "$tree/tests"; watch_session sample-no-restore "$tree2/tests" --no-restore; watched+=(sample sample-no-restore)
    [ -z "$BEFORE" ] || { watch_session sample-before "$tree3/tests"; watched+=(sample-before); }
  fi
  watch_session empty "$empty"
  for name in "${watched[@]}"; do wait_for "$work/$name.log" "Test run summary" 1; done
  # One round: the bare floor, a save under watch of the empty project, a save of zones/bl under watch of the sample's
  # tests. Interleaved, so a machine busy with something else weighs on every row of a round alike.
  say "save → verdict: bare dotnet test, then a save under dotnet watch test of the empty project and of the sample, $RUNS rounds"
  floors=() empty_saves=() sample_saves=() no_restore_saves=() before_saves=()
  for _ in $(seq "$RUNS"); do
    sleep 0.3; s=$(now); (cd "$empty" && bounded 120 dotnet test >/dev/null 2>&1) || { say "dotnet test of the empty project failed"; exit 1; }
    floors+=("$(since "$s")")
    sleep 0.3; read -r at _ < <(save "$work/empty.log" "$empty/data.txt" "Test run summary") && empty_saves+=("$at")
    if [ -d "$tree/tests" ]; then
      sleep 0.3; read -r at _ < <(save "$work/sample.log" "$tree/zones/bl" "Test run summary") && sample_saves+=("$at")
      sleep 0.3; read -r at _ < <(save "$work/sample-no-restore.log" "$tree2/zones/bl" "Test run summary") && no_restore_saves+=("$at")
      if [ -n "$BEFORE" ]; then sleep 0.3; read -r at _ < <(save "$work/sample-before.log" "$tree3/zones/bl" "Test run summary") && before_saves+=("$at"); fi
    fi
  done
  [ ${#empty_saves[@]} = "$RUNS" ] || { say "a save under dotnet watch test got no verdict"; exit 1; }
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done; pids=()
  floor=$(median "${floors[@]}")
  read -r empty_total empty_eval empty_test empty_run <<<"$(phases "$work/empty.log" "${empty_saves[@]}")"
  row "bare \`dotnet test\` of an empty xunit v3 project (the floor)" "$floor s" "1.00" "–"
  row "save → verdict, \`dotnet watch test\` of the same empty project (what dotnet watch adds: re-evaluation ${empty_eval} s, dotnet test until the tests run ${empty_test} s, test run ${empty_run} s)" "$empty_total s" "$(over "$empty_total" "$floor") s over the floor" "–"
  if [ -d "$tree/tests" ]; then
    [ ${#sample_saves[@]} = "$RUNS" ] && [ ${#no_restore_saves[@]} = "$RUNS" ] || { say "a save of the sample under dotnet watch test got no verdict"; exit 1; }
    read -r watch_test sample_eval sample_test sample_run <<<"$(phases "$work/sample.log" "${sample_saves[@]}")"
    row "save → verdict, \`dotnet watch test\` of the sample's own tests (re-evaluation ${sample_eval} s, dotnet test until the tests run ${sample_test} s, test run ${sample_run} s)" "$watch_test s" "$(over "$watch_test" "$floor") s over the floor, $(over "$watch_test" "$empty_total") s over the empty project's" "≤ floor + 1 s"
    read -r no_restore nr_eval nr_test nr_run <<<"$(phases "$work/sample-no-restore.log" "${no_restore_saves[@]}")"
    row "save → verdict, \`dotnet watch test --no-restore\` of the sample's own tests: nothing restores, a changed package reference needs \`dotnet restore\` by hand (re-evaluation ${nr_eval} s, dotnet test until the tests run ${nr_test} s, test run ${nr_run} s)" "$no_restore s" "$(over "$no_restore" "$floor") s over the floor, $(over "$no_restore" "$empty_total") s over the empty project's (with restores)" "–"
    if [ -n "$BEFORE" ]; then
      [ ${#before_saves[@]} = "$RUNS" ] || { say "a save of the sample with InfraTests $BEFORE got no verdict"; exit 1; }
      read -r before b_eval b_test b_run <<<"$(phases "$work/sample-before.log" "${before_saves[@]}")"
      row "save → verdict, \`dotnet watch test\` of the sample's own tests with InfraTests $BEFORE, the same rounds (re-evaluation ${b_eval} s, dotnet test until the tests run ${b_test} s, test run ${b_run} s)" "$before s" "$(over "$before" "$floor") s over the floor, $(over "$before" "$empty_total") s over the empty project's" "–"
    fi
    forget_kept
    rm -rf "$tree/tests" "$tree2" "$tree3"
  fi

  say "save → verdict under infratests watch, median of $RUNS"
  ("$infratests" watch --root "$tree" >"$work/watch.log" 2>&1) & pids+=($!)
  wait_for "$work/watch.log" "Watching for saves" 1
  watch_saves=()
  for _ in $(seq "$RUNS"); do sleep 0.3; read -r _ took < <(save "$work/watch.log" "$tree/zones/bl" "checks passed") && watch_saves+=("$took"); done
  [ ${#watch_saves[@]} = "$RUNS" ] || { say "a save under infratests watch got no verdict"; exit 1; }
  watch=$(median "${watch_saves[@]}")
  row "save → verdict, \`infratests watch\` (update + validate + checks file)" "$watch s" "$(ratio "$watch" "$floor") × floor" "≤ 0.3 s"
  kill -TERM "${pids[-1]}" 2>/dev/null || true
fi

# 4. Bulk: a corpus of CORPUS names, each answer verified, against dnsperf and docker exec ---------------------------
if wants bulk; then
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
  bounded 600 /usr/bin/time -f "%M" -o "$work/bulk.mem" "$infratests" check --corpus "$corpus" --expect listed --root "$tree" --json >"$bulk_json" 2>"$work/bulk.err" ||
    { tail -5 "$work/bulk.err" >&2; say "bulk check failed"; exit 1; }
  bulk_wall=$(since "$s")
  read -r bulk_rate bulk_checked bulk_answers <<<"$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(round(d['answersPerSecond']), d['checked'], d['answers'])" "$bulk_json")"
  bulk_mem=$(( $(cat "$work/bulk.mem") / 1024 ))
  # The same process on a tenth of the corpus: memory flat in corpus size means the same peak.
  head -n $((CORPUS / 10)) "$corpus" >"$work/corpus-tenth.txt"
  bounded 600 /usr/bin/time -f "%M" -o "$work/bulk-tenth.mem" "$infratests" check --corpus "$work/corpus-tenth.txt" --expect listed --root "$tree" --json >/dev/null 2>&1
  tenth_mem=$(( $(cat "$work/bulk-tenth.mem") / 1024 ))

  # dnsperf: the same questions to the same kind of published port (dig, from bind9-dnsutils, waits for the data).
  id=$(bounded 60 docker run -d --label infratests.bench=true -p 127.0.0.1::53/udp -v "$tree:/service:ro" "$IMAGE")
  port=$(bounded 30 docker port "$id" 53/udp | head -1 | sed 's/.*://')
  answers "$port" "trap-000000.corpus.example.senderhost.bl.rbl" A 127.0.0.2 60 || exit 1
  if command -v dnsperf >/dev/null; then
    sed 's/$/.senderhost.bl.rbl A/' "$corpus" >"$work/queries.txt"
    bounded 300 dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -n 1 -q 200 -t 2 >"$work/dnsperf.log" 2>&1 || true
    dnsperf_rate=$(sed -n 's/^ *Queries per second: *\([0-9]*\).*/\1/p' "$work/dnsperf.log")
    dnsperf_lost=$(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "$work/dnsperf.log")
  else
    dnsperf_rate=""
  fi
  # One docker exec per name, sampled.
  s=$(now)
  head -n "$SAMPLED" "$corpus" | while read -r n; do bounded 30 docker exec "$id" drill -Q "$n.senderhost.bl.rbl" A @127.0.0.1 >/dev/null; done
  exec_rate=$(python3 -c "print(f'{$SAMPLED / ($(since "$s")):.1f}')")
  bounded 60 docker rm -f "$id" >/dev/null

  row "bulk: one \`docker exec … drill\` per name (sampled, $SAMPLED names)" "$exec_rate answers/s" "–" "–"
  if [ -n "$dnsperf_rate" ]; then
    row "bulk: dnsperf, the same $CORPUS names as A queries, same kind of published port (answers not checked; ${dnsperf_lost:-?} lost)" "$dnsperf_rate answers/s" "1.00" "–"
    row "bulk: \`infratests check --corpus --expect listed\`, $bulk_checked names, $bulk_answers answers each verified (every blocklist and whitelist zone)" "$bulk_rate answers/s" "$(ratio "$bulk_rate" "$dnsperf_rate") × dnsperf" "≥ 0.8 × dnsperf"
  else
    row "bulk: \`infratests check --corpus --expect listed\`, $bulk_checked names, $bulk_answers answers each verified" "$bulk_rate answers/s" "dnsperf not installed" "≥ 0.8 × dnsperf"
  fi
  row "bulk: peak memory of the whole \`check --corpus\` process, $CORPUS names (${bulk_wall} s wall) vs $((CORPUS / 10))" "$bulk_mem MB" "$tenth_mem MB for a tenth" "flat in corpus size"
fi

# 4b. Bulk on ONE container (issue 15): dnsperf, a simple pipelined checker (bench/pipelined-checker.py) and ours, each
# against the same kept container and port, interleaved; then ours' peak memory for two corpus sizes (issue 15 part B).
bulk_same_container() {
  local kept port n pc_window=64 zones_bl="senderhost.bl.rbl senderip.bl.rbl" zones_wl="senderhost.wl.rbl senderip.wl.rbl"
  local ours=(env INFRATESTS_REUSE=1 "$infratests" check --expect listed --root "$tree" --json --corpus)
  bounded 600 "${ours[@]}" "$corpus" >/dev/null 2>&1 || { say "bulk check on the kept container failed"; return 1; }
  kept=$(docker ps -q --filter label=infratests.reuse=true --filter "label=infratests.tree=$tree" | head -1)
  port=$(docker port "$kept" 53/udp | head -1 | sed 's/.*://')
  [ -n "$port" ] || { say "no kept container for $tree: INFRATESTS_REUSE=1 kept nothing"; return 1; }
  local pcs=() ourss=() perfs=() rate
  for _ in 1 2 3; do
    if command -v dnsperf >/dev/null; then
      bounded 300 dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -n 1 -q 200 -t 2 >"$work/dnsperf-same.log" 2>&1 || true
      perfs+=("$(sed -n 's/^ *Queries per second: *\([0-9]*\).*/\1/p' "$work/dnsperf-same.log")")
    fi
    read -r rate pc_checked pc_passed pc_misses pc_answers pc_lost < <(bounded 600 python3 bench/pipelined-checker.py "$port" "$corpus" "$zones_bl" "$zones_wl" "$pc_window")
    pcs+=("$rate")
    bounded 600 "${ours[@]}" "$corpus" >"$work/bulk-same.json" 2>/dev/null || { say "bulk check on the kept container failed"; return 1; }
    ourss+=("$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['answersPerSecond']))" "$work/bulk-same.json")")
  done
  local pc ours_rate perf
  pc=$(printf %.0f "$(median "${pcs[@]}")") ours_rate=$(printf %.0f "$(median "${ourss[@]}")")
  if [ ${#perfs[@]} -gt 0 ]; then
    perf=$(printf %.0f "$(median "${perfs[@]}")")
    row "bulk, one kept container (port $port): dnsperf -q 200, $CORPUS A queries (answers not checked), median of 3" "$perf answers/s" "1.00" "–"
  fi
  row "bulk, the same container: pipelined Python checker (bench/pipelined-checker.py, $pc_window in flight, one socket), $pc_checked names, $pc_answers answers verified, $pc_misses misses, $pc_lost given up, median of 3" "$pc answers/s" "${perf:+$(ratio "$pc" "$perf") × dnsperf}" "–"
  row "bulk, the same container: \`infratests check --corpus --expect listed\`, interleaved with the two above, median of 3" "$ours_rate answers/s" "$(ratio "$ours_rate" "$pc") × the checker${perf:+, $(ratio "$ours_rate" "$perf") × dnsperf}" "≥ 1.0 × checker, ≥ 0.8 × dnsperf"
  # Memory flat in corpus size: the whole process's peak for 10,000 and 200,000 names (the corpus repeated: all listed).
  local mems=()
  for n in 10000 200000; do
    python3 -c "import itertools,sys; names=open(sys.argv[1]).read().split(); sys.stdout.write(''.join(x + '\n' for x in itertools.islice(itertools.cycle(names), int(sys.argv[2]))))" "$corpus" "$n" >"$work/corpus-$n.txt"
    bounded 600 /usr/bin/time -f "%M" -o "$work/bulk-$n.mem" "${ours[@]}" "$work/corpus-$n.txt" >/dev/null 2>&1 || { say "bulk check of $n names failed"; return 1; }
    mems+=("$(( $(cat "$work/bulk-$n.mem") / 1024 ))")
  done
  row "bulk: peak memory (RSS) of \`check --corpus\`, 10,000 names vs 200,000 names, same kept container" "${mems[0]} MB vs ${mems[1]} MB" "$(ratio "${mems[1]}" "${mems[0]}") × for 20 × the names" "flat in corpus size"
  forget_kept
}
if wants bulk; then bulk_same_container; fi

# 5. BIND's test mode: through the harness against a bare `docker run` of the same check ------------------------------
# test_mode: the image's TEST_METHOD over samples/bind, by `docker run --rm` as the operator runs it (the baseline), and
# through the harness's TestModeRun (bench/Bench test-mode: the first run of a process, cold, and the median of RUNS later
# runs in it, each with where its time went).
test_mode() {
  local bind=127.0.0.1:5000/samples/bind:stable bare harness cold measured
  say "BIND test mode: bare docker run vs the harness, median of $RUNS"
  bounded 300 docker pull -q "$bind" >/dev/null
  bounded 300 dotnet build bench/Bench -c Release -v q -nologo >"$work/bench-build.log" 2>&1 || { tail -5 "$work/bench-build.log" >&2; exit 1; }
  bare=$(times "$RUNS" docker run --rm --label infratests.bench=true -v "$ROOT/samples/bind:/srv/named:ro" "$bind" /srv/named/bin/test.sh)
  measured=$(bounded 300 dotnet run --project bench/Bench -c Release --no-build -- test-mode --runs "$RUNS") || { say "the harness's test mode failed"; exit 1; }
  { read -r harness harness_phases; read -r cold cold_phases; } <<<"$measured"
  row "BIND test mode, bare \`docker run --rm\` of TEST_METHOD over samples/bind (baseline)" "$bare s" "1.00" "–"
  row "BIND test mode through the harness (TestModeRun), first run of a process ($cold_phases)" "$cold s" "$(ratio "$cold" "$bare") × bare" "≤ 1 s"
  row "BIND test mode through the harness, later runs in the same process ($harness_phases)" "$harness s" "$(ratio "$harness" "$bare") × bare" "≤ 1 s"
}
if wants testmode; then test_mode; fi

# The report ---------------------------------------------------------------------------------------------------------
mkdir -p bench/results
{
  echo "# bench/feedback.sh"
  echo
  echo "$(machine); $(date -u '+%Y-%m-%d %H:%M UTC'), .NET SDK $(bounded 60 dotnet --version), Docker $(bounded 30 docker version --format '{{.Server.Version}}')."
  echo "Median of $RUNS runs per timed row (bulk rows: one run each). Load average (1, 5, 15 min) at the start $load_at_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| measured | value | against the baseline | target |"
  echo "| --- | ---: | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | if [ "$ROWS" = check,save,bulk,testmode ]; then tee bench/results/feedback.md; else cat; fi
