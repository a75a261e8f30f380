#!/usr/bin/env bash
# A second Docker engine on this machine, standing for a second host in rollout tests. Beside the first engine and
# never touching it: its own socket, data root, exec root (its own managed containerd lives there), pid file, engine
# ID, containerd namespace and bridge infratests1 (172.30.99.1/24); no iptables (the first engine owns them) and never
# `--bridge none`, which deletes the first engine's docker0. Published ports go through its userland proxy.
# It also listens on 127.0.0.1:2376 with TLS and client certificates (its own CA), as a remote host would.
# Also: the Docker CLI contexts infratests-engine2 (socket) and infratests-engine2-tls (TCP + TLS), and the rbldnsd
# sample's production image pulled onto it.
# Idempotent; starting anything needs root, checking does not. Called by setup/prepare.sh.
set -euo pipefail

NAME=infratests-engine2 BRIDGE=infratests1 ADDR=172.30.99.1/24
RUN=/run/$NAME DATA=/var/lib/infratests/engine2 LOG=/var/log/infratests/dockerd-engine2.log
SOCK=/run/$NAME/docker.sock IMAGE=127.0.0.1:5000/samples/rbldnsd:stable
# It also listens on 127.0.0.1:2376 behind TLS with client certificates, as a remote engine would (context $NAME-tls).
TCP=127.0.0.1:2376 TLS=/var/lib/infratests/engine2-tls
export DOCKER_API_VERSION=1.41  # the docker client on PATH is newer than Debian's engine (API 1.41)

say() { printf '%-9s %s\n' "$1:" "$2"; }
die() { echo "second-engine: $*" >&2; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || { echo "second-engine: $1 needs root: run 'sudo $0'" >&2; exit 2; }; }
for c in dockerd docker curl ip; do command -v "$c" >/dev/null || die "$c is missing: run setup/prepare.sh"; done

# 1. Bridge -----------------------------------------------------------------------------------------
did=""  # what this run changed, for the report line
ip link show "$BRIDGE" >/dev/null 2>&1 || { need_root "creating bridge $BRIDGE"; ip link add "$BRIDGE" type bridge; did+=", created"; }
ip -4 -o addr show dev "$BRIDGE" | grep -qF " $ADDR " || { need_root "addressing $BRIDGE"; ip addr add "$ADDR" dev "$BRIDGE"; did+=", addressed"; }
ip -o link show "$BRIDGE" | grep -q '[<,]UP[,>]' || { need_root "bringing $BRIDGE up"; ip link set "$BRIDGE" up; did+=", set up"; }
say bridge "$BRIDGE $ADDR up${did:+ (${did#, })}"

# 2. TLS material: a CA of its own, the engine's server certificate (IP 127.0.0.1), a client certificate -------------
tls_ok() { [ -s "$TLS/$1" ] && openssl x509 -in "$TLS/$1" -noout -checkend 2592000 >/dev/null 2>&1; }
if tls_ok ca.pem && tls_ok server-cert.pem && tls_ok cert.pem && [ -s "$TLS/key.pem" ] && [ -s "$TLS/server-key.pem" ]; then
  say tls "engine2 CA, server and client certificates in $TLS"
else
  need_root "making engine2's TLS certificates"
  mkdir -p "$TLS"; chmod 700 "$TLS"
  ( cd "$TLS" && umask 077
    openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=InfraTests engine2 CA" -keyout ca-key.pem -out ca.pem
    openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -sha256 -days 365 -in server.csr -CA ca.pem -CAkey ca-key.pem -set_serial "0x$(openssl rand -hex 16)" -extfile server.ext -out server-cert.pem
    openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=infratests-client" -keyout key.pem -out client.csr
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -sha256 -days 365 -in client.csr -CA ca.pem -CAkey ca-key.pem -set_serial "0x$(openssl rand -hex 16)" -extfile client.ext -out cert.pem
    rm -f server.csr client.csr server.ext client.ext ) >/dev/null 2>&1 || die "making engine2's TLS certificates failed in $TLS"
  say tls "made engine2's CA, server certificate (IP 127.0.0.1) and client certificate in $TLS"
fi
tls_version() { curl -fsS -m 2 --cacert "$TLS/ca.pem" --cert "$TLS/cert.pem" --key "$TLS/key.pem" "https://$TCP/version" 2>/dev/null |
  sed -n 's/.*"Version":"\([^"]*\)","ApiVersion":"\([^"]*\)".*/\1, API \2/p' | grep .; }

# 3. Engine -----------------------------------------------------------------------------------------
version() { curl -fsS -m 2 --unix-socket "$SOCK" http://engine2/version 2>/dev/null |
  sed -n 's/.*"Version":"\([^"]*\)","ApiVersion":"\([^"]*\)".*/\1, API \2/p' | grep .; }
if v=$(version) && ! tls_version >/dev/null; then
  # Started by an older set-up without its TLS listener: restart it with one (it runs nothing of ours between runs).
  need_root "restarting the second engine with its TLS listener"
  pid=$(cat "$RUN/docker.pid" 2>/dev/null || true)
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  for _ in $(seq 150); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  say engine2 "stopped dockerd pid ${pid:-?} to add its TLS listener on $TCP"
fi
if v=$(version); then say engine2 "running at $SOCK and $TCP (TLS) ($v)"
else
  [ "$(id -u)" = 0 ] || [ ! -S "$SOCK" ] || [ -w "$SOCK" ] || die "$SOCK is there but $(id -un) may not use it: run as root"
  need_root "starting the second engine"
  mkdir -p "$RUN" "$DATA" "$(dirname "$LOG")"
  # Its own config file, so /etc/docker/daemon.json (the first engine's) never applies to it, and its own trust key,
  # so it has its own engine ID (`docker info`): both are /etc/docker's otherwise.
  config="{\"deprecated-key-path\": \"$DATA/key.json\"}"
  [ "$(cat "$DATA/daemon.json" 2>/dev/null)" = "$config" ] || printf '%s\n' "$config" >"$DATA/daemon.json"
  pid=$(cat "$RUN/docker.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then how="dockerd pid $pid was already starting"
  else
    # setsid+nohup: the engine outlives this script and its terminal.
    setsid nohup dockerd --host "unix://$SOCK" --host "tcp://$TCP" --tlsverify --tlscacert "$TLS/ca.pem" \
      --tlscert "$TLS/server-cert.pem" --tlskey "$TLS/server-key.pem" --data-root "$DATA" --exec-root "$RUN/exec" --pidfile "$RUN/docker.pid" \
      --config-file "$DATA/daemon.json" --bridge "$BRIDGE" --iptables=false --ip-masq=false \
      --containerd-namespace "$NAME" --containerd-plugins-namespace "$NAME-plugins" >>"$LOG" 2>&1 </dev/null & pid=$!
    how="started dockerd pid $pid"
  fi
  for _ in $(seq 300); do v=$(version) && tls_version >/dev/null && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  [ -n "${v:-}" ] && tls_version >/dev/null || { tail -15 "$LOG" >&2; die "the second engine did not answer on $SOCK and $TCP (log: $LOG)"; }
  say engine2 "$how at $SOCK and $TCP (TLS) ($v), log $LOG"
fi

# 4. Docker CLI contexts -----------------------------------------------------------------------------
host=$(docker context inspect -f '{{.Endpoints.docker.Host}}' "$NAME" 2>/dev/null || true)
if [ "$host" = "unix://$SOCK" ]; then say context "$NAME is unix://$SOCK"
elif [ -n "$host" ]; then out=$(docker context update --docker "host=unix://$SOCK" "$NAME" 2>&1) || die "$out"
  say context "$NAME pointed at unix://$SOCK (was $host)"
else out=$(docker context create --description "InfraTests second engine (setup/second-engine.sh)" \
    --docker "host=unix://$SOCK" "$NAME" 2>&1) || die "$out"
  say context "created $NAME: unix://$SOCK"
fi

# The same engine over TCP with TLS: the context store keeps copies of the CA and the client certificate and key.
if [ "$(docker context inspect -f '{{.Endpoints.docker.Host}}' "$NAME-tls" 2>/dev/null || true)" = "tcp://$TCP" ]; then
  say context "$NAME-tls is tcp://$TCP with TLS client certificates"
else
  docker context rm -f "$NAME-tls" >/dev/null 2>&1 || true
  out=$(docker context create --description "InfraTests second engine over TLS (setup/second-engine.sh)" \
    --docker "host=tcp://$TCP,ca=$TLS/ca.pem,cert=$TLS/cert.pem,key=$TLS/key.pem" "$NAME-tls" 2>&1) || die "$out"
  say context "created $NAME-tls: tcp://$TCP with TLS client certificates"
fi

# 5. The samples' production images the tests run on this engine (rbldnsd, the wiki), so that the first test does not
# pay for the pull, and a tag rebuilt since the last set-up is not run from an older copy here --------------------------
d2() { docker --context "$NAME" "$@"; }
for image in "$IMAGE" 127.0.0.1:5000/samples/wiki:stable; do
  before=$(d2 image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  out=$(d2 pull -q "$image" 2>&1) || die "pull of $image onto $NAME failed: $out"
  after=$(d2 image inspect -f '{{.Id}}' "$image")
  if [ "$before" = "$after" ]; then say engine2 "$image up to date (image ${after:7:12})"
  else say engine2 "pulled $image (image ${after:7:12})"; fi
done
