#!/bin/bash
# Entrypoint: prepares what named needs outside the (read-only) tree, then runs named in the
# foreground as PID 1, logging to stderr for `docker logs`. Given a command instead (the test
# mode: `docker run IMAGE /srv/named/bin/test.sh`), runs that.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

role=${SERVICE_ROLE:-master}
case "$role" in
	master | slave) ;;
	*) echo "start.sh: SERVICE_ROLE must be master or slave, not '$role'" >&2; exit 2 ;;
esac

ensure_rndc_key
# BIND cannot read the environment: the role becomes the zone list named.conf includes.
zone_list_include "$role" >"$ROLE_INCLUDE"

(($# == 0)) || exec "$@"

check_readable >&2 || exit 1
record_signed_loaded
echo "start.sh: named in $role mode, zones from conf/named_${role}_zones" >&2
# -g: foreground, log to stderr; -u: drop to the bind user once port 53 is bound.
exec named -g -u bind -c "$ROOT/named.conf"
