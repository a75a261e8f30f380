#!/usr/bin/env bash
# Make this machine ready for InfraTests: a Docker engine, the base image infratests/debian:bookworm,
# a registry on 127.0.0.1:5000, and every sample's production image pushed to it.
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

# apt_install COMMAND PACKAGE: install PACKAGE if COMMAND is missing; refresh the lists only if needed.
apt_install() {
  command -v "$1" >/dev/null && return
  need_root "installing $2"; say apt "installing $2"
  local guard="" st=0  # keep maintainer scripts from starting services (dockerd, a registry on *:5000)
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d; guard=1; }
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q --no-install-recommends "$2" || { apt-get update -q &&
      apt-get install -y -q --no-install-recommends "$2"; }; } >>"$LOG/apt.log" 2>&1 || st=$?
  [ -z "$guard" ] || rm -f /usr/sbin/policy-rc.d
  [ "$st" = 0 ] || { tail -5 "$LOG/apt.log" >&2; die "apt-get install $2 failed (log: $LOG/apt.log)"; }
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
push() {  # push REF, print it with the digest the registry gave it
  docker push "$1" >"$LOG/push.log" 2>&1 || { tail -5 "$LOG/push.log" >&2; die "push $1 failed"; }
  say pushed "$1 $(sed -n 's/^.*: digest: \(sha256:[0-9a-f]*\) .*$/\1/p' "$LOG/push.log")"
}
docker tag "$BASE" "$REG/$BASE"; push "$REG/$BASE"  # an image without the contract, for tests
# git as root in a checkout another user owns (CI) needs safe.directory, or it refuses the repo.
g() { git -c safe.directory="$ROOT" -C "$ROOT" "$@"; }
yaml() { sed -n "s/^$1:[[:space:]]*//p" "$2" | sed 's/[[:space:]]#.*//; s/^["'\'']//; s/["'\'']\{0,1\}[[:space:]]*$//' | head -n1; }
for dir in "$ROOT"/samples/*/; do
  name=$(basename "$dir"); [ -f "$dir/Dockerfile" ] && [ -f "$dir/infratests.yaml" ] || continue
  image=$(yaml image "$dir/infratests.yaml")
  tag=$(sed -n '/^tags:/,/^[^[:space:]#]/p' "$dir/infratests.yaml" | sed 's/^[[:space:]]*//' | yaml production /dev/stdin)
  [ -n "$image" ] && [ -n "$tag" ] || die "samples/$name/infratests.yaml: needs image: and tags.production:"
  st=0  # Production is what was committed: build from HEAD's tree, not from the working tree.
  if command -v git >/dev/null && g cat-file -e "HEAD:samples/$name/Dockerfile" 2>/dev/null; then
    [ -z "$(g status --porcelain -- "samples/$name")" ] ||
      say "$name" "note: uncommitted changes in samples/$name are not in $image:$tag"
    g archive HEAD:"samples/$name" | docker build -t "$image:$tag" - >"$LOG/build-$name.log" 2>&1 || st=$?
  else
    say "$name" "WARNING: samples/$name is not committed: building the working tree as $image:$tag"
    docker build -t "$image:$tag" "$dir" >"$LOG/build-$name.log" 2>&1 || st=$?
  fi
  [ "$st" = 0 ] || { tail -5 "$LOG/build-$name.log" >&2; die "build of samples/$name failed (log: $LOG/build-$name.log)"; }
  push "$image:$tag"
done
say ready "engine, $BASE, registry $REG, sample images"
