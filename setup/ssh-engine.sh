#!/usr/bin/env bash
# An sshd of our own on 127.0.0.2:2522, standing for a remote host whose Docker engine is reached over ssh (the Docker
# CLI's ssh://user@host:port contexts, which run `docker system dial-stdio` on the host). 127.0.0.2 stands for that
# host's own address: the tests probe it there, never at 127.0.0.1. Its own config, host key, pid file and user
# (infratests-ssh, key auth only, no forwarding, no password, no root); the user may use the second engine's socket
# only (an ACL on /run/infratests-engine2/docker.sock), and its sessions get DOCKER_HOST pointing there. The system's
# own sshd, if there is one, is never touched: its config, keys and service stay as they are.
# The client side lives in /var/lib/infratests/ssh-client (0700): a key, known_hosts holding our host key, and an ssh
# config naming them, for INFRATESTS_SSH_CONFIG; and the Docker context infratests-ssh (ssh://infratests-ssh@127.0.0.2:2522).
# Idempotent; run as root (by setup/prepare.sh, after setup/second-engine.sh).
set -euo pipefail

ADDR=127.0.0.2 PORT=2522 USER_NAME=infratests-ssh CONTEXT=infratests-ssh
STATE=/var/lib/infratests/sshd CLIENT=/var/lib/infratests/ssh-client HOME_DIR=/var/lib/infratests/ssh-home
RUN=/run/infratests-sshd LOG=/var/log/infratests/sshd.log ENGINE_SOCK=/run/infratests-engine2/docker.sock

say() { printf '%-9s %s\n' "$1:" "$2"; }
die() { echo "ssh-engine: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "ssh-engine: needs root: run 'sudo $0'" >&2; exit 2; }
for c in /usr/sbin/sshd ssh ssh-keygen setfacl docker; do command -v "$c" >/dev/null || die "$c is missing: run setup/prepare.sh"; done
[ -S "$ENGINE_SOCK" ] || die "$ENGINE_SOCK is not there: run setup/second-engine.sh first"

# 1. The user: a system account whose only business is `docker system dial-stdio` on the second engine.
id "$USER_NAME" >/dev/null 2>&1 || { useradd --system --home-dir "$HOME_DIR" --create-home --shell /bin/sh "$USER_NAME"; say user "created $USER_NAME"; }
install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$HOME_DIR"
# No password at all ('*'), yet not locked ('!'): sshd without PAM refuses a locked account even with a key.
[ "$(getent shadow "$USER_NAME" | cut -d: -f2)" = '*' ] || usermod -p '*' "$USER_NAME"
# The socket is made anew when the engine starts: give the user its ACL every time (the docker group would also open
# the first engine).
setfacl -m "u:$USER_NAME:rw" "$ENGINE_SOCK"

# 2. Keys: our host key, the client's key, the client's known_hosts and config. Made once, kept.
install -d -m 0755 "$STATE" "$STATE/authorized_keys"
install -d -m 0700 "$CLIENT" "$RUN"
[ -f "$STATE/host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "infratests-sshd" -f "$STATE/host_ed25519_key"
[ -f "$CLIENT/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "infratests-ssh-client" -f "$CLIENT/id_ed25519"
install -m 0644 "$CLIENT/id_ed25519.pub" "$STATE/authorized_keys/$USER_NAME"
printf '[%s]:%s %s\n' "$ADDR" "$PORT" "$(cut -d' ' -f1,2 "$STATE/host_ed25519_key.pub")" >"$CLIENT/known_hosts"
cat >"$CLIENT/config" <<EOF
# The client side of setup/ssh-engine.sh: give it to infratests with INFRATESTS_SSH_CONFIG=$CLIENT/config.
Host $ADDR
  User $USER_NAME
  Port $PORT
  IdentityFile $CLIENT/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $CLIENT/known_hosts
  GlobalKnownHostsFile /dev/null
EOF

# 3. The daemon: our config, restarted only when it changed or is not running.
config=$(cat <<EOF
ListenAddress $ADDR:$PORT
HostKey $STATE/host_ed25519_key
PidFile $RUN/sshd.pid
AuthorizedKeysFile $STATE/authorized_keys/%u
AllowUsers $USER_NAME
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
StrictModes yes
AllowTcpForwarding no
AllowStreamLocalForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
PermitTTY no
SetEnv DOCKER_HOST=unix://$ENGINE_SOCK DOCKER_API_VERSION=1.41
LogLevel VERBOSE
EOF
)
restart=""
[ "$(cat "$STATE/sshd_config" 2>/dev/null)" = "$config" ] || { printf '%s\n' "$config" >"$STATE/sshd_config"; restart=1; }
running() { [ -f "$RUN/sshd.pid" ] && kill -0 "$(cat "$RUN/sshd.pid")" 2>/dev/null && [ "$(cat "/proc/$(cat "$RUN/sshd.pid")/comm" 2>/dev/null)" = sshd ]; }
if running && [ -z "$restart" ]; then
  say sshd "listening on $ADDR:$PORT (pid $(cat "$RUN/sshd.pid")), config $STATE/sshd_config"
else
  if running; then kill "$(cat "$RUN/sshd.pid")"; for _ in $(seq 50); do running || break; sleep 0.1; done; fi
  # sshd wants its privilege separation folder; the system's sshd makes the same one, so it is shared, never removed.
  install -d -m 0755 /run/sshd
  /usr/sbin/sshd -t -f "$STATE/sshd_config" || die "sshd refused $STATE/sshd_config"
  # sshd detaches by itself and writes its pid file; -E: its log is ours.
  /usr/sbin/sshd -f "$STATE/sshd_config" -E "$LOG"
  for _ in $(seq 50); do running && break; sleep 0.1; done
  running || { tail -5 "$LOG" >&2; die "sshd did not start (log: $LOG)"; }
  say sshd "started on $ADDR:$PORT (pid $(cat "$RUN/sshd.pid")), config $STATE/sshd_config, log $LOG"
fi

# 4. Proof and context: the engine answers through our sshd, as the Docker CLI reaches it (`docker system dial-stdio`).
version=$(ssh -F "$CLIENT/config" -o BatchMode=yes "$ADDR" docker version --format '{{.Server.Version}}' 2>&1 </dev/null) ||
  die "the second engine does not answer through ssh: $version (log: $LOG)"
docker context inspect "$CONTEXT" >/dev/null 2>&1 ||
  docker context create "$CONTEXT" --description "InfraTests second engine over ssh (setup/ssh-engine.sh)" \
    --docker "host=ssh://$USER_NAME@$ADDR:$PORT" >/dev/null
say ssh "engine $version answers through ssh; context $CONTEXT (ssh://$USER_NAME@$ADDR:$PORT); client key, known_hosts and config in $CLIENT"
