# Settings shared by start.sh, update.sh and validate.sh (sourced, not run).

SERVICE_ROOT=${SERVICE_ROOT:-/service}
# Zone NAME is served as NAME.rbl from zones/NAME (a `combined` dataset, so it can hold subzones).
ZONES="bl wl"
# The daemon never reads SERVICE_ROOT: tests mount the working tree there read-only and it may change
# while rbldnsd reads it. It serves a container-private copy, staged here by update.sh.
STAGE=/var/lib/rbldnsd
PIDFILE=$STAGE/rbldnsd.pid
PORT=53

# The zone arguments for rbldnsd, file names relative to the directory it runs in (-w). In the
# daemon each zone also loads zones/NAME.generation, the marker update.sh uses to prove a reload.
zone_args() {  # zone_args [with-generation]
  for z in $ZONES; do
    printf '%s.rbl:combined:zones/%s%s\n' "$z" "$z" "${1:+,zones/$z.generation}"
  done
}
