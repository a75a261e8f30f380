#!/bin/sh
# Entrypoint: render the pages once, then run nginx in the foreground as PID 1, logging to stdout/stderr.
# With arguments that are not nginx options (e.g. /service/bin/validate.sh), run those instead.
set -eu
case "${1:-}" in ''|-*) ;; *) exec "$@" ;; esac
. "$(dirname "$0")/common.sh"

# The first generation; nginx is not running yet, so there is nothing to wait for.
"$(dirname "$0")/update.sh" --stage-only
exec nginx -c "$SERVICE_ROOT/conf/nginx.conf" "$@"
