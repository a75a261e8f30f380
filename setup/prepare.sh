#!/usr/bin/env bash
# Make this machine ready for InfraTests: a Docker engine, the base image infratests/debian:bookworm,
# a registry on 127.0.0.1:5000, every sample's images (production, previous, next) pushed to it, a
# TLS + basic-auth registry on 127.0.0.1:5443, a second engine for the rollout tests
# (setup/second-engine.sh), a one-node swarm on the first engine, Podman's Docker-compatible API on its own socket (setup/podman.sh), a NuGet feed on
# 127.0.0.1:5580 with the InfraTests packages, and the infratests command installed from it as a .NET tool.
# Idempotent: on a ready machine it changes nothing and takes a few seconds. Run as root on a fresh
# machine (CI); as a user it works only if the engine and everything needing root are already there.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOG=/var/log/infratests CACHE=/var/cache/infratests STATE=/var/lib/infratests RUN=/run/infratests
REG=127.0.0.1:5000 BASE=infratests/debian:bookworm
# The docker client on PATH may be newer than the engine and lack buildx: use the classic builder.
export DOCKER_BUILDKIT=0

say() { printf '%-9s %s\n' "$1:" "$2"; }
die() { echo "prepare: $*" >&2; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || { echo "prepare: $1 needs root: run 'sudo $0'" >&2; exit 2; }; }
[ "$(id -u)" = 0 ] && mkdir -p "$LOG" "$CACHE" "$STATE" "$RUN"

# apt_install COMMAND PACKAGE...: install the PACKAGEs if COMMAND is missing; refresh the lists only if needed.
apt_install() {
  command -v "$1" >/dev/null && return
  local command=$1; shift
  need_root "installing $*"; say apt "installing $* (for $command)"
  local guard="" st=0  # keep maintainer scripts from starting services (dockerd, a registry on *:5000, podman.socket)
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d; guard=1; }
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q --no-install-recommends "$@" || { apt-get update -q &&
      apt-get install -y -q --no-install-recommends "$@"; }; } >>"$LOG/apt.log" 2>&1 || st=$?
  [ -z "$guard" ] || rm -f /usr/sbin/policy-rc.d
  [ "$st" = 0 ] || { tail -5 "$LOG/apt.log" >&2; die "apt-get install $* failed (log: $LOG/apt.log)"; }
}

# 1. Engine ------------------------------------------------------------------------------------
engine_version() { docker version --format '{{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null; }
if v=$(engine_version); then say engine "running ($v)"
else
  [ "$(id -u)" = 0 ] || { echo "prepare: no Docker engine answers; start one or run 'sudo $0'" >&2; exit 2; }
  apt_install dockerd docker.io
  apt_install curl curl
  # Debian's engine programs iptables; where the nft backend cannot, the legacy one usually can.
  if ! iptables -t nat -S >/dev/null 2>&1 && iptables-legacy -t nat -S >/dev/null 2>&1; then
    update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
    update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
    say engine "iptables (nft) unusable here: switched to iptables-legacy"
  fi
  # setsid+nohup: the engine outlives this script and its terminal.
  setsid nohup dockerd >>"$LOG/dockerd.log" 2>&1 </dev/null & pid=$!
  for _ in $(seq 300); do v=$(engine_version) && break
    kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  [ -n "$v" ] || { tail -15 "$LOG/dockerd.log" >&2; die "dockerd did not answer (log: $LOG/dockerd.log)"; }
  say engine "started dockerd pid $pid ($v), log $LOG/dockerd.log"
fi

# 2. Base image -----------------------------------------------------------------------------------
# The Debian mirror this machine's apt uses for bookworm (deb822 .sources or one-line .list).
apt_mirror() {
  { awk 'BEGIN{RS=""} /(^|\n)Types:[^\n]*[ \t]deb([ \t\n]|$)/ && /(^|\n)Suites:[^\n]*[ \t]bookworm([ \t\n]|$)/ &&
         !/(^|\n)Enabled:[ \t]*no/ { if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) {
         u = substr($0, RSTART, RLENGTH); sub(/.*URIs:[ \t]*/, "", u); print u } }' \
      /etc/apt/sources.list.d/*.sources 2>/dev/null || true
    awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while (i <= NF && $(i - 1) !~ /\]$/) i++
         if ($(i + 1) == "bookworm") print $i }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true
  } | head -n1
}
if docker image inspect "$BASE" >/dev/null 2>&1; then say base "$BASE present"
elif timeout 20 docker pull -q debian:bookworm >/dev/null 2>&1; then
  docker tag debian:bookworm "$BASE"; say base "$BASE tagged from pulled debian:bookworm"
else
  tarball=$CACHE/debian-bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    need_root "building $BASE with debootstrap"
    apt_install debootstrap debootstrap
    mirror=$(apt_mirror); [ -n "$mirror" ] || die "no bookworm mirror found in /etc/apt/sources*"
    say base "no registry to pull from: debootstrap minbase bookworm from $mirror (~1 min)"
    dir=$(mktemp -d /var/tmp/infratests-rootfs.XXXXXX); trap 'rm -rf "$dir"' EXIT
    debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$LOG/debootstrap.log" 2>&1 ||
      { tail -5 "$LOG/debootstrap.log" >&2; die "debootstrap failed (log: $LOG/debootstrap.log)"; }
    # Dockerfiles FROM this image apt-get install from the machine's mirror, without starting services.
    echo "deb $mirror bookworm main" >"$dir/etc/apt/sources.list"
    printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"; chmod 755 "$dir/usr/sbin/policy-rc.d"
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/dev/* "$dir"/proc/* "$dir"/sys/*
    tar --numeric-owner -C "$dir" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$dir"; trap - EXIT
  fi
  docker import --change 'CMD ["bash"]' "$tarball" "$BASE" >/dev/null
  say base "$BASE imported from $tarball"
fi

# 3. Registry on 127.0.0.1:5000 ----------------------------------------------------------------------
if curl -fsS -m 2 "http://$REG/v2/" >/dev/null 2>&1; then say registry "$REG answering"
else
  need_root "starting the registry"
  apt_install docker-registry docker-registry
  apt_install curl curl
  # Debian's own service listens on every interface and wants htpasswd: keep it stopped and disabled.
  if [ -d /run/systemd/system ]; then systemctl disable --now docker-registry >/dev/null 2>&1 || true
  else
    service docker-registry stop >/dev/null 2>&1 || true
    update-rc.d docker-registry disable >/dev/null 2>&1 || true
  fi
  mkdir -p "$STATE/registry"; chown -R docker-registry: "$STATE/registry"  # the package's user
  cat >"$STATE/registry.yml" <<EOF
# Written by setup/prepare.sh: loopback only, no auth, our own storage.
version: 0.1
log: {fields: {service: registry}}
storage: {filesystem: {rootdirectory: $STATE/registry}, delete: {enabled: true}}
http: {addr: "$REG"}
EOF
  # start-stop-daemon: detached (setsid), pid file, not root; it survives this script.
  start-stop-daemon --start --background --make-pidfile --pidfile "$RUN/registry.pid" \
    --chuid docker-registry --output "$LOG/registry.log" --exec /usr/bin/docker-registry -- serve "$STATE/registry.yml"
  for _ in $(seq 100); do curl -fsS -m 1 "http://$REG/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fsS -m 1 "http://$REG/v2/" >/dev/null 2>&1 ||
    { tail -5 "$LOG/registry.log" >&2; die "registry did not answer on $REG (log: $LOG/registry.log)"; }
  say registry "started on $REG (pid $(cat "$RUN/registry.pid")), storage $STATE/registry"
fi

# 4. Images in the registry -----------------------------------------------------------------------
# Every sample under each tag its infratests.yaml names. production is what was committed (HEAD's tree, not the
# working tree); every other role (previous, next) is that tree with setup/revisions/<sample>/<role>.patch applied,
# so the revisions differ without any git history (CI clones are shallow). Docker's build cache keeps a rerun cheap.
# published REF: the digest the registry gives REF's tag, if the engine's image of that name was pushed as it.
published() {
  local repo=${1%:*} digest
  digest=$(curl -fsSI -m 2 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://${repo%%/*}/v2/${repo#*/}/manifests/${1##*:}" 2>/dev/null | tr -d '\r' | sed -n 's/^docker-content-digest: *//Ip')
  [ -n "$digest" ] && docker image inspect --format '{{join .RepoDigests "\n"}}' "$1" | grep -qxF "$repo@$digest" && echo "$digest"
}
push() {  # push REF unless the registry has it already, print it with the digest the registry gave it
  local digest
  if digest=$(published "$1"); then say pushed "$1 $digest (already there)"; return; fi
  docker push "$1" >"$LOG/push.log" 2>&1 || { tail -5 "$LOG/push.log" >&2; die "push $1 failed"; }
  say pushed "$1 $(sed -n 's/^.*: digest: \(sha256:[0-9a-f]*\) .*$/\1/p' "$LOG/push.log")"
}
docker tag "$BASE" "$REG/$BASE"; push "$REG/$BASE"  # an image without the contract, for tests
# git as root in a checkout another user owns (CI) needs safe.directory, or it refuses the repo.
# tar.umask 022: files keep the modes git records (644, 755), not 664 from the default umask 002.
g() { git -c safe.directory="$ROOT" -c tar.umask=0022 -C "$ROOT" "$@"; }
yaml() { sed -n "s/^$1:[[:space:]]*//p" "$2" | sed 's/[[:space:]]#.*//; s/^["'\'']//; s/["'\'']\{0,1\}[[:space:]]*$//' | head -n1; }
# tags FILE: "role tag" for each entry under `tags:`, production first.
tags() {
  sed -n '/^tags:/,/^[^[:space:]#]/p' "$1" | sed -n 's/^[[:space:]]\{1,\}\([A-Za-z0-9_.-]\{1,\}\):[[:space:]]*\([^#]*\).*$/\1 \2/p' |
    sed 's/["'\'']//g; s/[[:space:]]*$//' | awk '$1 == "production" { print; next } NF == 2 { rest = rest $0 "\n" } END { printf "%s", rest }'
}
# git apply inside DIR only, never in a repository a temporary folder might sit in.
apply_in() { (cd "$1" && shift && GIT_CEILING_DIRECTORIES=$(dirname "$PWD") git apply "$@"); }
work=$(mktemp -d "${TMPDIR:-/tmp}/infratests-samples.XXXXXX"); trap 'rm -rf "$work"' EXIT
for dir in "$ROOT"/samples/*/; do
  name=$(basename "$dir"); [ -f "$dir/Dockerfile" ] && [ -f "$dir/infratests.yaml" ] || continue
  image=$(yaml image "$dir/infratests.yaml") roles=$(tags "$dir/infratests.yaml")
  [ -n "$image" ] && [ "${roles%% *}" = production ] || die "samples/$name/infratests.yaml: needs image: and tags.production:"
  src=$work/$name/production; mkdir -p "$src"
  if command -v git >/dev/null && g cat-file -e "HEAD:samples/$name/Dockerfile" 2>/dev/null; then
    [ -z "$(g status --porcelain -- "samples/$name")" ] ||
      say "$name" "note: uncommitted changes in samples/$name are in none of its tags (built from HEAD)"
    g archive HEAD:"samples/$name" | tar -x -C "$src"
    source="HEAD:samples/$name $(g rev-parse --short=12 HEAD:"samples/$name")"
  else
    say "$name" "WARNING: samples/$name is not committed: building its tags from the working tree"
    cp -a "$dir/." "$src"; source="working tree of samples/$name"
  fi
  while read -r role tag <&3; do
    ctx=$src revision=$source
    if [ "$role" != production ]; then
      patch=setup/revisions/$name/$role.patch ctx=$work/$name/$role
      [ -f "$ROOT/$patch" ] || die "samples/$name/infratests.yaml names tags.$role, but $patch is missing: write it with setup/revisions/revise.sh $name $role"
      command -v git >/dev/null || die "applying $patch needs git: install git"
      cp -a "$src" "$ctx"
      apply_in "$ctx" "$ROOT/$patch" 2>"$LOG/apply.log" || die "$patch no longer applies to $source" \
        "($(head -n1 "$LOG/apply.log" | sed 's/^error: //')): regenerate it with setup/revisions/revise.sh $name $role"
      revision="$source + $patch $(git hash-object "$ROOT/$patch" | cut -c1-12)"
    fi
    # The label tells the tags apart in `docker inspect`: which tree, which patch.
    docker build --label "org.opencontainers.image.revision=$revision" -t "$image:$tag" "$ctx" >"$LOG/build-$name-$role.log" 2>&1 ||
      { tail -5 "$LOG/build-$name-$role.log" >&2; die "build of $image:$tag (samples/$name, $role) failed (log: $LOG/build-$name-$role.log)"; }
    push "$image:$tag"
  done 3<<<"$roles"
done
rm -rf "$work"; trap - EXIT
# 5. Secured registry on 127.0.0.1:5443 ------------------------------------------------------------
# Production pulls from a registry behind TLS with basic auth, on loopback: this one has the same shape. Its CA is
# trusted through the engine's certs.d (no restart, no insecure-registries); the user running this set-up is logged
# in with ordinary Docker credentials (~/.docker/config.json); the rbldnsd sample's production image is pushed to it.
SREG=127.0.0.1:5443 SUSER=infratests TLS=$STATE/registry-tls AUTH=$STATE/registry-auth
SSRC=$REG/samples/rbldnsd:stable SDST=$SREG/samples/rbldnsd:stable
SPID=$RUN/registry-secured.pid CERTS_D=/etc/docker/certs.d/$SREG
# secured_status [CURL ARGS]: the HTTP status of /v2/, the certificate checked against our CA ("000": no answer).
secured_status() { curl -s -o /dev/null -w '%{http_code}' -m 3 --cacert "$TLS/ca.crt" "$@" "https://$SREG/v2/" 2>/dev/null || true; }
# as_user: curl config naming the user and password, read through a pipe so the password is never in any argv.
as_user() { printf 'user = "%s:%s"\n' "$SUSER" "$(cat "$AUTH/password")"; }
valid_30d() { [ -s "$1" ] && openssl x509 -in "$1" -noout -checkend 2592000 >/dev/null 2>&1; }
restart=""
if [ "$(id -u)" != 0 ]; then
  # A user can only look: the keys, the password and the engine's trust store are root's.
  [ "$(secured_status)" = 401 ] || need_root "setting up the secured registry $SREG"
  say secured "$SREG answering (asks for credentials); not root, so nothing checked or changed beyond that"
else
  apt_install docker-registry docker-registry
  apt_install htpasswd apache2-utils
  apt_install curl curl
  # CA and server certificate, reused while valid for 30 more days. Keys are 0600; the registry's user reads its own.
  install -d -m 755 "$TLS"
  if valid_30d "$TLS/ca.crt" && [ -s "$TLS/ca.key" ]; then say tls "CA $TLS/ca.crt valid until $(openssl x509 -in "$TLS/ca.crt" -noout -enddate | cut -d= -f2)"
  else
    (umask 077; openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days 3650 -subj "/CN=InfraTests registry CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$TLS/ca.key" -out "$TLS/ca.crt" 2>"$LOG/openssl.log") || die "making the CA failed (log: $LOG/openssl.log)"
    chmod 644 "$TLS/ca.crt"; rm -f "$TLS/server.crt"
    say tls "made CA $TLS/ca.crt (10 years), key $TLS/ca.key"
  fi
  if valid_30d "$TLS/server.crt" && [ -s "$TLS/server.key" ] &&
     openssl verify -CAfile "$TLS/ca.crt" "$TLS/server.crt" >/dev/null 2>&1; then
    say tls "server certificate $TLS/server.crt valid until $(openssl x509 -in "$TLS/server.crt" -noout -enddate | cut -d= -f2)"
  else
    (umask 077; openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=$SREG" -keyout "$TLS/server.key" \
       -out "$TLS/server.csr" 2>"$LOG/openssl.log" &&
     openssl x509 -req -sha256 -days 365 -in "$TLS/server.csr" -CA "$TLS/ca.crt" -CAkey "$TLS/ca.key" \
       -set_serial "0x$(openssl rand -hex 16)" -out "$TLS/server.crt" 2>>"$LOG/openssl.log" \
       -extfile <(printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
                    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth")) ||
      die "making the server certificate failed (log: $LOG/openssl.log)"
    rm -f "$TLS/server.csr"; chmod 644 "$TLS/server.crt"; chown docker-registry: "$TLS/server.key"; restart=1
    say tls "made server certificate $TLS/server.crt for IP 127.0.0.1 and DNS localhost (1 year)"
  fi
  # The engine trusts the CA for this registry the documented way: certs.d, read on each connection.
  if cmp -s "$TLS/ca.crt" "$CERTS_D/ca.crt"; then say trust "engine trusts the CA through $CERTS_D/ca.crt"
  else install -D -m 644 "$TLS/ca.crt" "$CERTS_D/ca.crt"; say trust "installed the CA as $CERTS_D/ca.crt"; fi
  # One user with a random password, made once, root-only; the registry accepts only bcrypt in its htpasswd file.
  install -d -m 750 -g docker-registry "$AUTH"
  if [ -s "$AUTH/password" ]; then say auth "password of $SUSER kept in $AUTH/password (root only)"
  else
    (umask 077; openssl rand -hex 24 >"$AUTH/password.new") && mv "$AUTH/password.new" "$AUTH/password"
    say auth "generated the password of $SUSER into $AUTH/password (root only)"
  fi
  if htpasswd -v -i "$AUTH/htpasswd" "$SUSER" <"$AUTH/password" >/dev/null 2>&1; then say auth "htpasswd $AUTH/htpasswd has $SUSER (bcrypt)"
  else
    # bcrypt cost stays at htpasswd's default: the registry checks it on every request, and the password is random.
    htpasswd -n -i -B "$SUSER" <"$AUTH/password" 2>/dev/null | sed '/^$/d' >"$AUTH/htpasswd.new"
    chmod 640 "$AUTH/htpasswd.new"; chgrp docker-registry "$AUTH/htpasswd.new"; mv "$AUTH/htpasswd.new" "$AUTH/htpasswd"
    restart=1; say auth "wrote $AUTH/htpasswd for $SUSER (bcrypt)"
  fi
  # Its own config, storage, pid file and log, beside the plain registry.
  config=$(cat <<EOF
# Written by setup/prepare.sh: loopback only, TLS, htpasswd auth, our own storage.
version: 0.1
log: {fields: {service: registry-secured}}
storage: {filesystem: {rootdirectory: $STATE/registry-secured}, delete: {enabled: true}}
http: {addr: "$SREG", tls: {certificate: $TLS/server.crt, key: $TLS/server.key}}
auth: {htpasswd: {realm: infratests, path: $AUTH/htpasswd}}
EOF
)
  if [ "$(cat "$STATE/registry-secured.yml" 2>/dev/null)" != "$config" ]; then
    printf '%s\n' "$config" >"$STATE/registry-secured.yml"; restart=1
  fi
  mkdir -p "$STATE/registry-secured"; chown docker-registry: "$STATE/registry-secured"
  if start-stop-daemon --status --pidfile "$SPID" && [ -z "$restart" ] && [ "$(secured_status)" = 401 ]; then
    say registry "$SREG answering (TLS, htpasswd), pid $(cat "$SPID")"
  else
    start-stop-daemon --stop --quiet --oknodo --retry 5 --pidfile "$SPID" --exec /usr/bin/docker-registry
    start-stop-daemon --start --background --make-pidfile --pidfile "$SPID" --chuid docker-registry \
      --output "$LOG/registry-secured.log" --exec /usr/bin/docker-registry -- serve "$STATE/registry-secured.yml"
    for _ in $(seq 100); do [ "$(secured_status)" = 401 ] && break; sleep 0.1; done
    [ "$(secured_status)" = 401 ] ||
      { tail -5 "$LOG/registry-secured.log" >&2; die "secured registry did not answer on $SREG (log: $LOG/registry-secured.log)"; }
    say registry "started on $SREG (pid $(cat "$SPID")), TLS and htpasswd, storage $STATE/registry-secured"
  fi
  # An anonymous request is refused, the user's is accepted, and the certificate verifies against our CA.
  anonymous=$(secured_status) authenticated=$(as_user | secured_status -K -)
  [ "$anonymous" = 401 ] && [ "$authenticated" = 200 ] ||
    die "secured registry $SREG answered $anonymous anonymously and $authenticated to $SUSER (want 401 and 200; log: $LOG/registry-secured.log)"
  say checked "https://$SREG/v2/: anonymous 401, $SUSER 200, certificate verified with $TLS/ca.crt"
  # Ordinary Docker credentials for whoever runs this: docker login, the password on stdin.
  dockercfg=${DOCKER_CONFIG:-$HOME/.docker}/config.json
  if grep -qsFf <(printf '"%s"\n' "$(printf '%s:%s' "$SUSER" "$(cat "$AUTH/password")" | base64 -w0)") "$dockercfg"; then
    say login "$SUSER already logged in to $SREG in $dockercfg"
  else
    docker login "$SREG" -u "$SUSER" --password-stdin <"$AUTH/password" >"$LOG/login.log" 2>&1 ||
      { tail -3 "$LOG/login.log" >&2; die "docker login $SREG failed (log: $LOG/login.log)"; }
    say login "logged $SUSER in to $SREG: credentials in $dockercfg"
  fi
  # The sample's production image, pushed unless the registry already has the same image under that tag.
  want=$(docker image inspect -f '{{.Id}}' "$SSRC" 2>/dev/null) || die "$SSRC is not in the engine: section 4 should have built it"
  have=$( { as_user | curl -fsS -m 5 --cacert "$TLS/ca.crt" -K - \
              -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "https://$SREG/v2/samples/rbldnsd/manifests/stable" |
            sed -n 's/.*"config":[^}]*"digest": *"\(sha256:[0-9a-f]*\)".*/\1/p; /"config"/,/}/s/.*"digest": *"\(sha256:[0-9a-f]*\)".*/\1/p' | head -n1; } 2>/dev/null || true)
  if [ "$have" = "$want" ]; then say secured "$SDST is $SSRC (image ${want:7:12})"
  else
    docker tag "$SSRC" "$SDST"
    docker push "$SDST" >"$LOG/push-secured.log" 2>&1 || { tail -5 "$LOG/push-secured.log" >&2; die "push $SDST failed"; }
    say pushed "$SDST $(sed -n 's/^.*: digest: \(sha256:[0-9a-f]*\) .*$/\1/p' "$LOG/push-secured.log")"
  fi
fi
# 6. Second engine ---------------------------------------------------------------------------------
# A second Docker engine beside the first, standing for a second host in rollout tests: socket
# /run/infratests-engine2/docker.sock, Docker CLI context infratests-engine2, its own bridge infratests1, and the
# rbldnsd sample's production image pulled onto it; also on 127.0.0.1:2376 with TLS client certificates (context
# infratests-engine2-tls). The first engine, its docker0 and its iptables are never touched.
apt_install ip iproute2
apt_install openssl openssl
"$ROOT/setup/second-engine.sh"
# 6b. An sshd of ours on 127.0.0.2:2522 ---------------------------------------------------------------
# The second engine reached over ssh as a remote host would be (setup/ssh-engine.sh): context infratests-ssh.
apt_install sshd openssh-server
apt_install setfacl acl
"$ROOT/setup/ssh-engine.sh"
# 6c. Swarm on the first engine -------------------------------------------------------------------
# Docker's own orchestrator, for the Swarm target provider and `infratests promote`: a one-node swarm whose manager
# port, gossip and data path listen on loopback only (--listen-addr, --advertise-addr, --data-path-addr). Joining adds
# the overlay network "ingress" and leaves every container and network already there as they were. A swarm the engine
# is already part of (ours or the operator's) is used as it is and never left or re-created.
swarm_state() { docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || true; }
case "$(swarm_state)" in
  active) say swarm "this engine is a swarm manager already ($(docker info --format '{{.Swarm.NodeAddr}}'))" ;;
  inactive)
    [ "$(id -u)" = 0 ] || need_root "creating the swarm"
    docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 --data-path-addr 127.0.0.1 >/dev/null
    say swarm "created: this engine is the manager of a one-node swarm on 127.0.0.1:2377" ;;
  *) die "the engine's swarm state is '$(swarm_state)': finish or leave that swarm (docker swarm leave), then run again" ;;
esac
# 7. NuGet feed on 127.0.0.1:5580 ------------------------------------------------------------------
# Where the InfraTests packages are published, as a shop publishes its own: a static NuGet v3 feed (service index, flat
# container, registrations, search) in $STATE/nuget, which setup/pack.sh fills through setup/nuget-feed.py, served by
# Debian's nginx on loopback only with a config, pid file and logs of our own. The samples restore from it.
FEED=127.0.0.1:5580 FEED_DIR=$STATE/nuget FEED_PID=$RUN/nuget-feed.pid
feed_status() { curl -s -o /dev/null -w '%{http_code}' -m 3 "http://$FEED/v3/index.json" 2>/dev/null || true; }
if [ "$(id -u)" != 0 ]; then
  [ "$(feed_status)" = 200 ] || need_root "serving the NuGet feed on $FEED"
  say feed "http://$FEED/v3/index.json answering; not root, so nothing checked or changed beyond that"
else
  apt_install /usr/sbin/nginx nginx
  # Debian's own nginx service would listen on *:80: keep it stopped and disabled; ours is started below.
  if [ -d /run/systemd/system ]; then systemctl disable --now nginx >/dev/null 2>&1 || true
  else update-rc.d nginx disable >/dev/null 2>&1 || true; fi
  # nginx's workers run as www-data: the feed must be readable by others, whatever root's umask.
  mkdir -p "$FEED_DIR"; chmod 755 "$STATE" "$FEED_DIR"
  # An empty feed still has a service index; the first setup/pack.sh adds the packages.
  [ -s "$FEED_DIR/v3/index.json" ] || python3 "$ROOT/setup/nuget-feed.py" "$FEED_DIR" "http://$FEED"
  config=$(cat <<EOF
# Written by setup/prepare.sh: the InfraTests NuGet feed, static files, loopback only.
user www-data;
worker_processes 1;
pid $FEED_PID;
error_log $LOG/nuget-feed.log;
events { worker_connections 256; }
http {
  access_log $LOG/nuget-feed-access.log;
  types { application/json json; application/octet-stream nupkg; application/xml nuspec; }
  default_type application/octet-stream;
  sendfile on;
  server {
    listen $FEED;
    root $FEED_DIR;
    location = /v3/search { default_type application/json; try_files /v3/search.json =404; }
    location ~ /\. { return 404; }
  }
}
EOF
)
  restart=""
  [ "$(cat "$STATE/nuget-feed.conf" 2>/dev/null)" = "$config" ] || { printf '%s\n' "$config" >"$STATE/nuget-feed.conf"; restart=1; }
  if start-stop-daemon --status --pidfile "$FEED_PID" && [ -z "$restart" ] && [ "$(feed_status)" = 200 ]; then
    say feed "http://$FEED/v3/index.json answering (nginx pid $(cat "$FEED_PID")), packages in $FEED_DIR"
  else
    start-stop-daemon --stop --quiet --oknodo --retry 5 --pidfile "$FEED_PID" --exec /usr/sbin/nginx
    /usr/sbin/nginx -t -q -e "$LOG/nuget-feed.log" -c "$STATE/nuget-feed.conf" 2>>"$LOG/nuget-feed.log" ||
      { tail -5 "$LOG/nuget-feed.log" >&2; die "nginx refused $STATE/nuget-feed.conf (log: $LOG/nuget-feed.log)"; }
    # nginx detaches by itself and writes its pid file.
    /usr/sbin/nginx -e "$LOG/nuget-feed.log" -c "$STATE/nuget-feed.conf"
    for _ in $(seq 50); do [ "$(feed_status)" = 200 ] && break; sleep 0.1; done
    [ "$(feed_status)" = 200 ] ||
      { tail -5 "$LOG/nuget-feed.log" >&2; die "the NuGet feed did not answer on $FEED (log: $LOG/nuget-feed.log)"; }
    say feed "started nginx on $FEED (pid $(cat "$FEED_PID")): http://$FEED/v3/index.json, packages in $FEED_DIR"
  fi
fi
# 8. Podman ------------------------------------------------------------------------------------------
# Podman's Docker-compatible API on its own socket /run/infratests-podman/podman.sock (setup/podman.sh): Debian's podman
# with netavark (its own bridge podman0 and iptables chains) and aardvark-dns, rootful; the Docker engines untouched.
apt_install podman podman netavark aardvark-dns
"$ROOT/setup/podman.sh"
# 9. The infratests command ------------------------------------------------------------------------
# Packed from this checkout, published to the feed and installed from it as a .NET tool, so `infratests` works in any
# service repo.
"$ROOT/setup/install-cli.sh"
say ready "engine, $BASE, registry $REG, sample images, secured registry $SREG, second engine (context infratests-engine2), swarm manager 127.0.0.1:2377, podman (unix:///run/infratests-podman/podman.sock), NuGet feed http://$FEED, infratests on PATH"
