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
