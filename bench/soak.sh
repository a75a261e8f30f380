#!/usr/bin/env bash
# The whole suite under load, again and again (issue 13, "Under load"): ROUNDS rounds in a row; in each, two lanes of test
# suites run in parallel beside a CPU hog (one `sha256sum /dev/zero` per core), so every wait a test makes is tried on a
# machine busier than CI's. Prints the rounds that were green, each suite's passed and failed totals and the name of every
# test that failed, with its round. Nothing is asserted about time; a suite is bounded, not timed.
#   ROUNDS=10       how many rounds (ROUNDS=1 for a quick check).
#   SUITES="Rbldnsd+Unit+Rollout Bind+Cli+Docs"
#                   the two lanes, separated by a space; a lane runs its suites (tests/<Suite>'s test executable, the
#                   whole class list of it) one after another, `+` between them. The default is every test project the
#                   README's `dotnet test` runs, built once here, split into two lanes of similar length. Two copies of
#                   one suite, as .ci/run runs the rbldnsd suite, are SUITES="Rbldnsd Rbldnsd"; a quick check
#                   SUITES="Unit Unit".
#   HOG=<cores>     how many CPU hogs (default: one per core, `nproc`; HOG=0 for none).
#   SUITE_TIMEOUT=2400  seconds one suite may run before it is stopped and counted as failed.
#   NO_BUILD=1      skip the build (the executables must be there).
# Needs the set-up (setup/prepare.sh: engines, registries, images, the feed). A lane with Cli publishes this checkout's
# packages to the feed first (setup/pack.sh, a no-op when the feed has them), as .ci/run does for the init tests.
# Only a full run (ROUNDS >= 10, the default SUITES) writes bench/results/soak.md; the logs of a round with a failure are
# kept and named at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-10} SUITES=${SUITES:-Rbldnsd+Unit+Rollout Bind+Cli+Docs} HOG=${HOG:-$(nproc)}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-2400} NO_BUILD=${NO_BUILD:-}
DEFAULT_SUITES="Rbldnsd+Unit+Rollout Bind+Cli+Docs"
# As .ci/run: snapshot tests never accept or write under CI.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 CI=true
. bench/lib.sh

read -r -a lanes <<<"$SUITES"
[ ${#lanes[@]} -ge 1 ] || { say "SUITES names no lane"; exit 2; }
# executable SUITE: the test executable of tests/SUITE (named after its project).
executable() {
  local project
  project=$(find "tests/$1" -maxdepth 1 -name '*.csproj' -print -quit 2>/dev/null)
  [ -n "$project" ] || { say "tests/$1 has no test project: SUITES names suites by their folder under tests/"; exit 2; }
  echo "tests/$1/bin/Debug/net10.0/$(basename "$project" .csproj)"
}
all_suites=$(tr ' +' '\n\n' <<<"$SUITES" | awk 'NF && !seen[$0]++')
for suite in $all_suites; do executable "$suite" >/dev/null; done

work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-soak.XXXXXX")
hogs=() lane_pids=()
stop_hogs() { for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${hogs[@]}"; do wait "$pid" 2>/dev/null || true; done; hogs=(); }
cleanup() {
  # Only what this script started: the lanes (each in a process group of its own) and the hogs.
  for pid in "${lane_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  stop_hogs
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$NO_BUILD" ]; then
  say "building InfraTests.sln once (the rounds run the built test executables)"
  bounded 1800 dotnet build InfraTests.sln -nologo -v q >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; say "the build failed"; exit 1; }
fi
for suite in $all_suites; do [ -x "$(executable "$suite")" ] || { say "$(executable "$suite") is not built"; exit 1; }; done
if grep -qx Cli <<<"$all_suites"; then
  say "setup/pack.sh: this checkout's packages on the feed, for the init tests in Cli"
  bounded 900 setup/pack.sh >"$work/pack.log" 2>&1 || { tail -20 "$work/pack.log" >&2; say "setup/pack.sh failed"; exit 1; }
fi

# run_lane ROUND LANE: the lane's suites one after another, each bounded, each log in $work/ROUND/.
run_lane() {
  local round=$1 lane=$2 suite status
  for suite in ${lane//+/ }; do
    status=0
    bounded "$SUITE_TIMEOUT" "$(executable "$suite")" -noColor -noLogo >"$work/$round/$suite.$BASHPID.log" 2>&1 || status=$?
    echo "$status" >"$work/$round/$suite.$BASHPID.status"
  done
}

# tally LOG STATUS: "passed failed" and the failed tests' names on the lines after, from xunit v3's output: the summary
# line "Total: T, Errors: E, Failed: F, Skipped: S, Not Run: N" and one "<Class.Method…> [FAIL]" line per failed test.
tally() {
  python3 - "$1" "$2" "$SUITE_TIMEOUT" <<'EOF'
import re, sys
log, status, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = re.sub(r"\x1b\[[0-9;]*m", "", open(log, errors="replace").read())
failed = [m.group(1) for m in re.finditer(r"^\s+(\S.*?) \[FAIL\]\s*$", text, re.M)]
summary = re.findall(r"Total: (\d+), Errors: (\d+), Failed: (\d+), Skipped: (\d+), Not Run: (\d+)", text)
if summary:
    total, errors, fail, skipped, not_run = map(int, summary[-1])
    passed, failing = total - errors - fail - skipped - not_run, errors + fail
else:
    passed, failing = 0, 1
if status == 124 or status == 137:
    failed.append(f"(the suite was stopped after {limit} s)")
elif not summary:
    failed.append(f"(no summary: the suite exited {status})")
elif status != 0 and not failed:
    failed.append(f"(the suite exited {status} with {failing} failure(s) and no [FAIL] line)")
failing = max(failing, len(failed))
print(passed, failing)
for name in failed: print(name)
EOF
}

declare -A passed=() failed=() runs=()
failures=() green=0 load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "$ROUNDS round(s); lanes in parallel: ${lanes[*]}; $HOG CPU hog(s) beside them; logs in $work"
for round in $(seq "$ROUNDS"); do
  mkdir -p "$work/$round"
  for _ in $(seq "$HOG"); do sha256sum /dev/zero >/dev/null 2>&1 & hogs+=($!); done
  s=$(now) lane_pids=()
  for lane in "${lanes[@]}"; do
    (set +e; exec setsid bash -c "$(declare -f run_lane executable say bounded); SUITE_TIMEOUT=$SUITE_TIMEOUT work=$work run_lane \"\$@\"" _ "$round" "$lane") & lane_pids+=($!)
  done
  # Each lane ends by itself: every suite in it is bounded by SUITE_TIMEOUT.
  for pid in "${lane_pids[@]}"; do wait "$pid" || true; done
  lane_pids=()
  stop_hogs
  round_green=1
  for statusfile in "$work/$round"/*.status; do
    log=${statusfile%.status}.log suite=$(basename "$statusfile" | cut -d. -f1)
    { read -r p f; mapfile -t names; } < <(tally "$log" "$(cat "$statusfile")")
    passed[$suite]=$(( ${passed[$suite]:-0} + p )) failed[$suite]=$(( ${failed[$suite]:-0} + f )) runs[$suite]=$(( ${runs[$suite]:-0} + 1 ))
    [ "$f" = 0 ] || round_green=0
    for name in "${names[@]}"; do failures+=("round $round, $suite: $name"); done
  done
  if [ "$round_green" = 1 ]; then green=$((green + 1)); rm -rf "${work:?}/$round"; fi
  say "round $round/$ROUNDS: $([ "$round_green" = 1 ] && echo green || echo "FAILED (logs in $work/$round)") in $(since "$s") s, load $(cut -d' ' -f1 /proc/loadavg)"
done

report() {
  echo "rounds green: $green/$ROUNDS"
  echo "lanes: ${lanes[*]} (in parallel), $HOG CPU hog(s) beside them; load average (1, 5, 15 min) at the start $load_at_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  for suite in $all_suites; do echo "$suite: ${passed[$suite]:-0} passed, ${failed[$suite]:-0} failed in ${runs[$suite]:-0} run(s)"; done
  if [ ${#failures[@]} -gt 0 ]; then echo "failures:"; printf '  %s\n' "${failures[@]}"; else echo "failures: none"; fi
}
if [ "$ROUNDS" -ge 10 ] && [ "$SUITES" = "$DEFAULT_SUITES" ]; then
  mkdir -p bench/results
  { echo "# bench/soak.sh"; echo; echo "$(machine); $(date -u '+%Y-%m-%d %H:%M UTC')."; echo; echo '```'; report; echo '```'; } >bench/results/soak.md
fi
report
[ "$green" = "$ROUNDS" ] || { say "logs of the failed rounds: $work"; exit 1; }
rm -rf "$work"
