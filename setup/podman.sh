#!/usr/bin/env bash
# Podman's Docker-compatible API beside the Docker engines, for the suites that run on the engines users have: Debian's
# podman (rootful), `podman system service` on its own socket /run/infratests-podman/podman.sock (pid file beside it, log
# /var/log/infratests/podman.log), the local plain-HTTP registry 127.0.0.1:5000 allowed in a registries.conf.d drop-in,
# and the images the rbldnsd suite needs pulled from it. Podman keeps its own storage (/var/lib/containers), its own
# bridge podman0 (10.88.0.0/16, netavark) and its own iptables chains (NETAVARK-*); the Docker engines, their bridges
# and their chains are never touched, and `docker run` on both engines is proved to work afterwards.
# Idempotent: a service that answers is kept. Starting anything needs root, checking does not. Called by setup/prepare.sh
# after it installed podman.
set -euo pipefail

RUN=/run/infratests-podman LOG=/var/log/infratests/podman.log
SOCK=$RUN/podman.sock PIDFILE=$RUN/podman.pid REG=127.0.0.1:5000
REGISTRIES=/etc/containers/registries.conf.d/50-infratests.conf LIMITS=/etc/containers/containers.conf.d/50-infratests.conf
IMAGES=("$REG/samples/rbldnsd:stable" "$REG/samples/rbldnsd:previous" "$REG/samples/rbldnsd:next" "$REG/infratests/debian:bookworm")
export DOCKER_API_VERSION=1.41  # the docker client on PATH is newer than Debian's engines (API 1.41)

say() { printf '%-9s %s\n' "$1:" "$2"; }
die() { echo "podman: $*" >&2; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || { echo "podman: $1 needs root: run 'sudo $0'" >&2; exit 2; }; }
for c in podman curl docker; do command -v "$c" >/dev/null || die "$c is missing: run setup/prepare.sh"; done
version() { curl -fsS -m 2 --unix-socket "$SOCK" http://podman/version 2>/dev/null |
  sed -n 's/.*"Version":"\([^"]*\)","ApiVersion":"\([^"]*\)".*/\1, API \2/p' | grep .; }
# write_if_changed FILE TEXT: writes TEXT to FILE unless it holds it already; true when it wrote.
write_if_changed() { [ "$(cat "$1" 2>/dev/null)" = "$2" ] && return 1; need_root "writing $1"; mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" >"$1"; }

# 1. The local registry over plain HTTP, as Docker allows 127.0.0.0/8 by default ------------------------------------
if write_if_changed "$REGISTRIES" "# Written by setup/podman.sh: the local registry speaks plain HTTP.
[[registry]]
location = \"$REG\"
insecure = true"; then say config "wrote $REGISTRIES ($REG insecure)"; else say config "$REGISTRIES allows $REG over HTTP"; fi

# 2. The service ---------------------------------------------------------------------------------------------------
start() {
  need_root "starting podman system service"
  mkdir -p "$RUN" "$(dirname "$LOG")"
  # setsid+nohup: the service outlives this script and its terminal. --time=0: it never exits for being idle.
  setsid nohup podman system service --time=0 "unix://$SOCK" >>"$LOG" 2>&1 </dev/null & echo $! >"$PIDFILE"
  for _ in $(seq 150); do v=$(version) && break; kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break; sleep 0.2; done
  [ -n "${v:-}" ] || { tail -15 "$LOG" >&2; die "podman system service did not answer GET /version on $SOCK within 30 s (log: $LOG)"; }
}
stop() {
  local pid; pid=$(cat "$PIDFILE" 2>/dev/null || true)
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = podman ] || return 0
  kill "$pid"; for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}
if v=$(version); then how="running"; else start; how="started pid $(cat "$PIDFILE")"; fi

# 3. Container limits the service can grant ----------------------------------------------------------------------------
# Rootful podman gives every container nofile and nproc limits of 1048576 unless told otherwise; where the service may
# not raise its own limits that far (no CAP_SYS_RESOURCE in a sandbox), runc fails with "error setting rlimit ...:
# operation not permitted". Give containers the limits the service itself runs with: the same on an ordinary machine.
pid=$(cat "$PIDFILE" 2>/dev/null || true)
if [ -n "$pid" ] && [ -r "/proc/$pid/limits" ]; then
  nofile=$(awk '/^Max open files/ {print $5}' "/proc/$pid/limits") nproc=$(awk '/^Max processes/ {print $4}' "/proc/$pid/limits")
  if write_if_changed "$LIMITS" "# Written by setup/podman.sh: the limits podman system service runs with ($SOCK).
[containers]
default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]"; then
    stop; start; how="restarted pid $(cat "$PIDFILE")"; say limits "wrote $LIMITS: containers get nofile $nofile, nproc $nproc"
  else say limits "containers get nofile $nofile, nproc $nproc ($LIMITS)"; fi
else say limits "service pid unknown (not started by this script): $LIMITS left as it is"; fi
say podman "$how at $SOCK ($v), log $LOG"

# 4. The images the rbldnsd suite runs, from the local registry ----------------------------------------------------
for image in "${IMAGES[@]}"; do
  before=$(podman image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  out=$(podman pull -q "$image" 2>&1) || die "pull of $image onto podman failed: $out"
  after=$(podman image inspect -f '{{.Id}}' "$image")
  if [ "$before" = "$after" ]; then say podman "$image up to date (image ${after:0:12})"; else say podman "pulled $image (image ${after:0:12})"; fi
done

# 5. Podman's bridge and chains beside Docker's: both engines still run containers and publish on 127.0.0.1 --------
docker run --rm --entrypoint true -p 127.0.0.1::53/udp "$REG/samples/rbldnsd:stable" >/dev/null 2>&1 ||
  die "after podman, \`docker run\` on the first engine fails: check its bridge docker0 and its iptables chains"
docker --context infratests-engine2 run --rm --entrypoint true "$REG/samples/rbldnsd:stable" >/dev/null 2>&1 ||
  die "after podman, \`docker run\` on the second engine (context infratests-engine2) fails: check its bridge infratests1"
say checked "docker run --rm works on both Docker engines beside podman's bridge podman0"
