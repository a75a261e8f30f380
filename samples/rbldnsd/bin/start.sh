#!/bin/sh
# Entrypoint: stage a private copy of the zones, then run rbldnsd in the foreground as PID 1.
# With arguments that are not rbldnsd options (e.g. /service/bin/validate.sh), run those instead.
set -eu
case "${1:-}" in ''|-*) ;; *) exec "$@" ;; esac
. "$(dirname "$0")/common.sh"

# First copy; there is no daemon to signal yet.
"$(dirname "$0")/update.sh" --stage-only

# -n: foreground, logging to stdout/stderr (docker logs). -u: drop root after binding port 53.
# -c 0: reload only on SIGHUP from update.sh, never on a timer. -w: file names in log lines read
# zones/bl(12), as they are under SERVICE_ROOT. No -f: with it a fork answers from the old data during
# a reload, but the daemon often waits 0.5 s or more for that fork to stop (seen here: "waiting for
# qchild process: timeout"); without it, queries wait in the socket for the few milliseconds a small
# reload takes and then get the new data.
# shellcheck disable=SC2046
exec rbldnsd -n -c 0 -u rbldns -b "0.0.0.0/$PORT" -p "$PIDFILE" -w "$STAGE" \
  $(zone_args with-generation) "$@"
