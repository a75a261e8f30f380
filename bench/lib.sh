# Helpers the bench scripts share (sourced, not run): progress on stderr, wall-clock timing, medians and ratios.
say() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$(now)"; }
median() { python3 -c "import sys, statistics; print(f'{statistics.median(float(x) for x in sys.argv[1:]):.3f}')" "$@"; }
over() { python3 -c "import sys; print(f'{float(sys.argv[1]) - float(sys.argv[2]):+.2f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
# bounded SECONDS CMD…: CMD, ended (TERM, then KILL 10 s later) if it runs longer than SECONDS.
bounded() { timeout --kill-after=10 "$@"; }
# stamp: every line of stdin, prefixed with the time it came (seconds since the epoch).
stamp() { python3 -uc 'import sys, time
for line in sys.stdin: sys.stdout.write(f"{time.time():.3f} {line}")'; }
# machine: the machine a result was measured on, for the results files' headers.
machine() {
  echo "Machine \`$(uname -n)\`: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, kernel $(uname -r)"
}
# needs COMMAND:PACKAGE…: every COMMAND on PATH, or exit 2 with one line naming what is missing and how to get it. As
# root on Debian the missing packages are installed first (apt, 10 min at most); a PACKAGE with a / in it is not one but
# what to run (e.g. dotnet:setup/prepare.sh).
needs() {
  local entry apt=() missing=()
  for entry in "$@"; do command -v "${entry%%:*}" >/dev/null || [[ ${entry#*:} == */* ]] || apt+=("${entry#*:}"); done
  if [ ${#apt[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${apt[*]} (Debian)"
    DEBIAN_FRONTEND=noninteractive bounded 600 apt-get install -y -qq "${apt[@]}" >/dev/null 2>&1 || true
  fi
  for entry in "$@"; do command -v "${entry%%:*}" >/dev/null || missing+=("${entry%%:*} (${entry#*:})"); done
  [ ${#missing[@]} -eq 0 ] || { say "missing: ${missing[*]}: install, or run setup/prepare.sh as root, then run the bench again"; exit 2; }
}
# answers PORT NAME TYPE EXPECTED SECONDS: until `dig` at 127.0.0.1:PORT answers NAME TYPE with EXPECTED in it; each
# question has 1 s, the whole wait SECONDS. Returns 1 with one line when the daemon never answered.
answers() {
  local deadline=$((SECONDS + $5))
  until bounded 5 dig +short +time=1 +tries=1 @127.0.0.1 -p "$1" "$2" "$3" 2>/dev/null | grep -qF -- "$4"; do
    [ $SECONDS -lt $deadline ] || { say "no answer '$4' to $2 $3 from 127.0.0.1:$1 within $5 s"; return 1; }
    sleep 0.1
  done
}
# service_repo DIR: the rbldnsd sample as an operator keeps it, a git repository at DIR with HEAD's files (nothing committed).
service_repo() {
  mkdir -p "$1"
  git archive HEAD:samples/rbldnsd | tar -x -C "$1"
  git -C "$1" init -q -b main
}
# list_entry REPO NAME: a new blocklist entry NAME at the end of REPO's zones/bl, committed.
list_entry() {
  printf '$DATASET dnset:senderhost senderhost\n%s :127.0.0.2:Benchmark entry\n' "$2" >>"$1/zones/bl"
  git -C "$1" add -A && git -C "$1" -c user.name=bench -c user.email=bench@example.net commit -q -m "list $2"
}
