#!/bin/sh
# UPDATE_METHOD: make the running rbldnsd serve the zones now under $SERVICE_ROOT, and return only when
# it answers from them. Exit 1 with a message if the new data does not load or the reload times out.
# `update.sh --stage-only` (start.sh) stages the first copy for a daemon that is not running yet.
#
# How "answers from them" is proven: every update writes a new generation number N into a marker
# file zones/NAME.generation that belongs to the same dataset as zones/NAME (`NAME.rbl:combined:
# zones/NAME,zones/NAME.generation`). rbldnsd reads all files of a dataset in one pass and swaps the
# result in whole, so once `_generation.NAME.rbl TXT` answers "N", that zone answers from the bytes
# staged with N. rbldnsd reloads a dataset only if a file's mtime (whole seconds) or size changed: each
# update gives its files an mtime no earlier update used, so even a same-size edit within the same
# second is reloaded.
set -eu
. "$(dirname "$0")/common.sh"
TIMEOUT=10
mkdir -p "$STAGE/zones"
exec 9>"$STAGE/update.lock"
flock 9  # one update at a time: generations and mtimes stay in order

# wait_for N [M]: until every zone answers generation N (or M); sets $got to the one it answered.
# Fails after TIMEOUT seconds, or on SERVFAIL (a zone did not load) unless $servfail is "ok".
wait_for() {
  end=$(( $(date +%s) + TIMEOUT ))
  for z in $ZONES; do
    while :; do
      # drill waits 15 s for a daemon that is not there: cap each try at 1 s.
      reply=$(timeout 1 drill -p "$PORT" "_generation.$z.rbl" @127.0.0.1 TXT 2>&1 || true)
      case "$reply" in  # the TXT is the only quoted text in drill's output
        *"rcode: NOERROR"*"\"$1\""*) got=$1; break ;;
        *"rcode: NOERROR"*"\"${2:-$1}\""*) got=${2:-$1}; break ;;
        *"rcode: SERVFAIL"*)
          [ "$servfail" != ok ] || break
          echo "update: rbldnsd does not serve $z.rbl (SERVFAIL): the reload failed, see docker logs" >&2; exit 1 ;;
      esac
      [ "$(date +%s)" -lt "$end" ] || {
        echo "update: rbldnsd did not answer generation $1 for $z.rbl within ${TIMEOUT}s, see docker logs" >&2; exit 1; }
      sleep 0.01
    done
  done
}

got=$(cat "$STAGE/generation" 2>/dev/null || echo 0)  # the generation last signalled
if [ "${1:-}" != --stage-only ]; then
  # Before any SIGHUP the daemon must serve what it was last given: its handler is set up only after
  # the first load (an early SIGHUP kills it), and staging during a reload could mix old and new files.
  # (got+1: a previous update stopped between its signal and writing the generation file.)
  # A zone that failed to load (SERVFAIL) is up too, and this update may repair it.
  servfail=ok; wait_for "$got" "$((got + 1))"
fi
gen=$((got + 1))

tmp=$(mktemp -d "$STAGE/zones/.new.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/zones"
for z in $ZONES; do
  cp "$SERVICE_ROOT/zones/$z" "$tmp/zones/$z" || { echo "update: cannot read zones/$z" >&2; exit 1; }
done
# Refuse data that rbldnsd would not load at all (it would stop serving the zone): check the copy with
# the daemon's own loader first. Lines it merely skips are VALIDATE_METHOD's business. (At start there
# is nothing to protect: rbldnsd itself refuses to start on such data, with the same messages.)
# shellcheck disable=SC2046
if [ "${1:-}" != --stage-only ] && ! errors=$(rbldnsd -d -w "$tmp" $(zone_args) 2>&1 >/dev/null); then
  printf '%s\n' "$errors" | sed -e 's/^rbldnsd: file \([^(]*\)(\([0-9]*\)): /\1:\2: /' -e 's/^rbldnsd: //' >&2
  echo "update: rbldnsd cannot load the new zones; still serving generation $got" >&2
  exit 1
fi

# An mtime no earlier update used: one second past the last, or now if later. Recorded first, so even
# an update that fails half-way never hands the same mtime out twice.
last=$(cat "$STAGE/mtime" 2>/dev/null || echo 0)
now=$(date +%s)
mtime=$(( now > last ? now : last + 1 ))
echo "$mtime" > "$STAGE/mtime"

# Stage: write each file beside its final name, then rename it over (atomic: rbldnsd never reads a
# half-written file; a reload already reading the old file keeps reading the old inode).
for z in $ZONES; do
  printf '$DATASET generic:generation @\n_generation TXT "%s"\n' "$gen" > "$tmp/zones/$z.generation"
  chmod 0644 "$tmp/zones/$z" "$tmp/zones/$z.generation"
  touch -d "@$mtime" "$tmp/zones/$z" "$tmp/zones/$z.generation"
  mv -f "$tmp/zones/$z" "$STAGE/zones/$z"
  mv -f "$tmp/zones/$z.generation" "$STAGE/zones/$z.generation"
done

[ "${1:-}" = --stage-only ] || kill -HUP "$(cat "$PIDFILE")"
echo "$gen" > "$STAGE/generation"
[ "${1:-}" != --stage-only ] || exit 0
servfail=fail; wait_for "$gen"
echo "updated: rbldnsd serves generation $gen of zones/{$(echo $ZONES | tr ' ' ,)} from $SERVICE_ROOT"
