#!/usr/bin/env bash
# The wiki's scripts tested against the image itself: runs 127.0.0.1:5000/samples/wiki:TAG (stable unless given) from
# the registry, with a copy of this sample's tree mounted at /service as an operator mounts a working tree, publishes
# port 80 on 127.0.0.1 only, and asks it with curl from here. Edits the copy, never this tree. Builds nothing.
#   samples/wiki/tests/scripts.sh [TAG]
# Prints `ok:` or `FAIL:` per check and a summary; exits 1 if any check failed, 2 on bad input. Every wait has a bound;
# the container and the copy are removed at the end, whatever happens.
set -euo pipefail

sample=$(cd "$(dirname "$0")/.." && pwd)
tag=${1:-stable}
case "$tag" in *[!A-Za-z0-9_.-]*|'') echo "scripts.sh: '$tag' is not a tag: give one of stable, previous, next (see infratests.yaml)" >&2; exit 2 ;; esac
image=127.0.0.1:5000/samples/wiki:$tag
for tool in docker curl; do command -v "$tool" >/dev/null || { echo "scripts.sh: needs $tool on PATH" >&2; exit 2; }; done

work=$(mktemp -d "${TMPDIR:-/tmp}/wiki-scripts.XXXXXX")
c=""
cleanup() { [ -z "$c" ] || docker rm -f "$c" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
passed=0 failed=0
ok() { echo "ok:   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# The tree as an operator has it, less the tests; mounted read-only, edited here.
tree=$work/tree
mkdir "$tree"
tar -C "$sample" --exclude=./tests -c . | tar -C "$tree" -x
chmod -R a+rX "$tree"

echo "== $image, $tree mounted at /service"
docker pull -q "$image" >/dev/null 2>&1 || docker image inspect "$image" >/dev/null 2>&1 ||
  { echo "scripts.sh: $image is neither in the registry nor in the engine: run setup/prepare.sh" >&2; exit 2; }
started=$(date +%s%N)
c=$(docker run -d --label "infratests.wiki-scripts=$$" -p 127.0.0.1::80/tcp -v "$tree:/service:ro" "$image")
port=$(docker port "$c" 80/tcp | sed -n 's/^127\.0\.0\.1://p' | head -n1)
[ -n "$port" ] || { echo "scripts.sh: the container published no port on 127.0.0.1"; docker logs "$c"; exit 1; }
base=http://127.0.0.1:$port

# get PATH: GETs base+PATH; sets $code, and the body and headers in $work/body, $work/headers. bound: 5 s a request.
get() { code=$(curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' --max-time 5 "$base$1" || echo 000); }
title() { sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$work/body" | head -n1 | sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g'; }
header() { tr -d '\r' < "$work/headers" | sed -n "s/^$1: *//Ip" | tail -n1; }
in_body() { grep -qF -- "$1" "$work/body"; }

# Ready: the image's own READY_CHECK (a proposal, see README.md), asked through the published port.
ready=$(docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$c" | sed -n 's/^READY_CHECK=//p')
[ -n "$ready" ] && path=/${ready#http://*/} || { fail "the image declares READY_CHECK"; path=/; }
deadline=$(( $(date +%s) + 10 ))  # bound: nginx starts after a render of a few pages, well under a second here
until get "$path"; [ "$code" = 200 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { fail "ready: $ready answered $code for 10 s"; docker logs "$c"; exit 1; }
  sleep 0.05
done
ok "ready: $ready answers 200 through 127.0.0.1:$port, $(ms "$started") ms after docker run"

echo "== infratests.checks.yaml, asked with curl (the image's own view of its checks, beside InfraTests' reader)"
# Each check becomes one line: path, status, title, contains, location, then `Name=value` headers, separated by the
# unit separator (\037): a tab would let `read` merge empty fields.
awk '
  function flush() { if (path != "") print path US status US title US contains US location US headers; path = status = title = contains = location = headers = "" }
  function val(s) { sub(/^[^:]*:[ \t]*/, "", s); return s }
  /^[a-z]+:/ { flush(); section = $1; next }
  section == "http:" && /^  - path:/ { flush(); path = val($0); inh = 0; next }
  section == "http:" && /^    headers:/ { inh = 1; next }
  section == "http:" && inh && /^      [A-Za-z-]+:/ { n = $1; sub(/:$/, "", n); headers = headers (headers == "" ? "" : US) n "=" val($0); next }
  section == "http:" && /^    [a-z]+:/ { inh = 0; k = $1; sub(/:$/, "", k); v = val($0)
    if (k == "status") status = v; else if (k == "title") title = v; else if (k == "contains") contains = v; else if (k == "location") location = v }
  section == "tcp:" && /^  - port:/ { print "tcp" US val($0) }
  END { flush() }' US=$'\037' "$tree/infratests.checks.yaml" > "$work/checks"
[ -s "$work/checks" ] || fail "infratests.checks.yaml has checks"
while IFS=$'\037' read -r p status want_title want_text want_location rest; do
  if [ "$p" = tcp ]; then
    [ "$status" = 80 ] || { fail "tcp port $status is published"; continue; }
    check "tcp: port 80 accepts a connection" timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"
    continue
  fi
  get "$p"; problems=""
  [ "$code" = "$status" ] || problems+=" status $code, not $status;"
  [ -z "$want_title" ] || [ "$(title)" = "$want_title" ] || problems+=" title \"$(title)\", not \"$want_title\";"
  [ -z "$want_text" ] || in_body "$want_text" || problems+=" no \"$want_text\" in the body;"
  [ -z "$want_location" ] || [ "$(header Location)" = "$want_location" ] || problems+=" Location \"$(header Location)\", not \"$want_location\";"
  if [ -n "$rest" ]; then
    IFS=$'\037' read -r -a pairs <<<"$rest"
    for pair in "${pairs[@]}"; do
      [ "$(header "${pair%%=*}")" = "${pair#*=}" ] || problems+=" ${pair%%=*} \"$(header "${pair%%=*}")\", not \"${pair#*=}\";"
    done
  fi
  if [ -z "$problems" ]; then ok "http: GET $p answers $status${want_title:+ with title \"$want_title\"}"
  else fail "http: GET $p:${problems%;}"; fi
done < "$work/checks"

echo "== VALIDATE_METHOD"
out=$(docker exec "$c" /service/bin/validate.sh 2>&1) && rc=0 || rc=$?
check "validate.sh on the committed tree exits 0 with one ok line (exit $rc: $out)" \
  test "$rc" = 0 -a "$(printf '%s\n' "$out" | wc -l)" = 1 -a "${out#ok: }" != "$out"

# A link to a missing page, written on a line we know, and a link inside a code block (no link at all).
cp "$tree/pages/dns/index.md" "$work/dns-index.md"
printf '\nThe resolver has [its own page](/dns/unbound/) now.\n\n```\n[not a link](/nowhere/)\n```\n' >> "$tree/pages/dns/index.md"
line=$(grep -n 'its own page' "$tree/pages/dns/index.md" | cut -d: -f1)
out=$(docker exec "$c" /service/bin/validate.sh 2>&1) && rc=0 || rc=$?
check "validate.sh names a link to a missing page with file and line, and exits 1 (exit $rc: $out)" \
  test "$rc" = 1 -a "$out" = "pages/dns/index.md:$line: link to /dns/unbound/: no page at /dns/unbound/ (no pages/dns/unbound/index.md or pages/dns/unbound.md)"
# The same link made relative, resolved from the page's address /dns/.
sed -i 's|(/dns/unbound/)|(unbound/)|' "$tree/pages/dns/index.md"
out=$(docker exec "$c" /service/bin/validate.sh 2>&1) && rc=0 || rc=$?
check "validate.sh resolves a relative link from the page's address (exit $rc: $out)" \
  test "$rc" = 1 -a "${out%%: no page*}" = "pages/dns/index.md:$line: link to unbound/"
cp "$work/dns-index.md" "$tree/pages/dns/index.md"

# Malformed front matter: a line that is not `key: value`, and one never closed.
cp "$tree/pages/dns/bind.md" "$work/bind.md"; cp "$tree/pages/mail/index.md" "$work/mail.md"
sed -i '2s/^title: /title /' "$tree/pages/dns/bind.md"
sed -i '4{/^---$/d}' "$tree/pages/mail/index.md"
out=$(docker exec "$c" /service/bin/validate.sh 2>&1) && rc=0 || rc=$?
expected="pages/dns/bind.md:2: front matter line is not \`key: value\`: title BIND zones
pages/mail/index.md:1: front matter is never closed: end it with a line \`---\` after its \`key: value\` lines"
check "validate.sh names each malformed front matter with file and line (exit $rc: $out)" test "$rc" = 1 -a "$out" = "$expected"
cp "$work/bind.md" "$tree/pages/dns/bind.md"; cp "$work/mail.md" "$tree/pages/mail/index.md"
out=$(docker run --rm -v "$tree:/service:ro" "$image" /service/bin/validate.sh 2>&1) && rc=0 || rc=$?
check "validate.sh runs as the command of a fresh container (test mode) (exit $rc: $out)" test "$rc" = 0

echo "== UPDATE_METHOD"
gen() { curl -s --max-time 5 "$base/_generation.txt" || true; }
before=$(gen)
sed -i 's/^BIND serves /Since Tuesday, BIND serves /' "$tree/pages/dns/bind.md"
t=$(date +%s%N)
out=$(docker exec "$c" /service/bin/update.sh 2>&1) && rc=0 || rc=$?
took=$(ms "$t")
get /dns/bind/  # no retry: update.sh returns only once nginx serves the new generation
check "an edited page is served when update.sh returns, $took ms after the edit (exit $rc: $out)" \
  test "$rc" = 0 -a "$code" = 200 -a "$(gen)" = "$((before + 1))"
check "the edited page has the edit" in_body "Since Tuesday, BIND serves"

printf -- '---\ntitle: Unbound resolvers\n---\n# Unbound\n\nThe resolvers ask [BIND](../bind/) for our zones.\n' > "$tree/pages/dns/unbound.md"
out=$(docker exec "$c" /service/bin/update.sh 2>&1) && rc=0 || rc=$?
get /dns/unbound/
check "a new page is served at its address with its title (exit $rc: $out)" test "$rc" = 0 -a "$code" = 200 -a "$(title)" = "Unbound resolvers"
get /sitemap.xml
check "sitemap.xml lists the new page" in_body "<loc>http://wiki.example.org/dns/unbound/</loc>"
rm "$tree/pages/dns/unbound.md"
out=$(docker exec "$c" /service/bin/update.sh 2>&1) && rc=0 || rc=$?
get /dns/unbound/
check "a removed page answers 404 once update.sh returns (exit $rc)" test "$rc" = 0 -a "$code" = 404

# A page that cannot be rendered: the update stops before the switch, naming it, and the old site stays served.
served=$(gen)
cp "$tree/pages/dns/rbldnsd.md" "$work/rbldnsd.md"
sed -i '4{/^---$/d}; s/^`senderhost.bl.rbl` lists/NEVER SERVED: `senderhost.bl.rbl` lists/' "$tree/pages/dns/rbldnsd.md"
sed -i 's/^Since Tuesday, BIND serves /Since Wednesday, BIND serves /' "$tree/pages/dns/bind.md"
out=$(docker exec "$c" /service/bin/update.sh 2>&1) && rc=0 || rc=$?
check "update.sh exits 1 naming the page it cannot render (exit $rc: $out)" \
  test "$rc" = 1 -a "$(printf '%s\n' "$out" | head -n1)" = "pages/dns/rbldnsd.md:1: front matter is never closed: end it with a line \`---\` after its \`key: value\` lines"
check "and says which generation it still serves" test "$(printf '%s\n' "$out" | tail -n1)" = "update: the pages cannot be rendered; still serving generation $served"
get /dns/rbldnsd/
check "the old page stays served, with its title and without the unrendered edit" \
  test "$code" = 200 -a "$(title)" = "rbldnsd blocklists" -a "$(gen)" = "$served"
check "the page that did render is not switched in alone either" bash -c "! grep -q 'Since Wednesday' <(curl -s --max-time 5 '$base/dns/bind/')"
cp "$work/rbldnsd.md" "$tree/pages/dns/rbldnsd.md"
out=$(docker exec "$c" /service/bin/update.sh 2>&1) && rc=0 || rc=$?
get /dns/bind/
check "the repaired tree updates, both edits at once (exit $rc)" test "$rc" = 0 && check "with the edit held back" in_body "Since Wednesday"

# Readers during updates: every answer is a whole page, and after each update.sh the page carries that update's edit.
echo "$$" > "$work/reading"
( while [ -f "$work/reading" ]; do
    curl -s --max-time 5 -o "$work/read" -w '%{http_code}\n' "$base/runbooks/deploy/" >> "$work/codes" || echo 000 >> "$work/codes"
    tail -n1 "$work/read" 2>/dev/null >> "$work/lastlines"
  done ) &
reader=$!
stale=0
for i in $(seq 1 20); do  # bound: 20 updates
  sed -i "s/^# Deploying a change.*/# Deploying a change (edit $i)/" "$tree/pages/runbooks/deploy.md"
  docker exec "$c" /service/bin/update.sh >/dev/null 2>&1 || stale=$((stale + 1000))
  curl -s --max-time 5 "$base/runbooks/deploy/" | grep -qF "Deploying a change (edit $i)</h1>" || stale=$((stale + 1))
done
rm -f "$work/reading"; wait "$reader" || true
reads=$(wc -l < "$work/codes")
check "20 updates, each served when update.sh returned (stale answers: $stale)" test "$stale" = 0
check "$reads reads during them: every one 200 ($(sort "$work/codes" | uniq -c | tr -s ' \n' ' '))" test "$(grep -vcx 200 "$work/codes")" = 0 -a "$reads" -gt 0
check "and every one a whole page (ends with </html>)" test "$(grep -vcx '</html>' "$work/lastlines")" = 0

echo "== MONITOR_METHOD"
out=$(docker exec "$c" /service/bin/monitor.sh 2>&1) && rc=0 || rc=$?
check "monitor.sh: OK, exit 0 ($out)" test "$rc" = 0 -a "${out#"WIKI OK - nginx serves generation $(gen): / answers 200 | time="}" != "$out"
# The generation staged is not the one served (what a half-done update would leave).
docker exec "$c" sh -c 'cp /var/lib/wiki/generation /var/lib/wiki/generation.kept && echo 999 > /var/lib/wiki/generation'
out=$(docker exec "$c" /service/bin/monitor.sh 2>&1) && rc=0 || rc=$?
docker exec "$c" mv /var/lib/wiki/generation.kept /var/lib/wiki/generation
check "monitor.sh: CRITICAL, exit 2, when nginx serves another generation than the one staged ($out)" \
  test "$rc" = 2 -a "${out%% |*}" = "WIKI CRITICAL - nginx serves generation $(gen), but generation 999 is staged"
# nginx's worker stopped: connections wait in the backlog and nothing answers.
worker=$(docker exec "$c" sh -c 'for p in /proc/[0-9]*; do case "$(tr "\0" " " < $p/cmdline 2>/dev/null)" in "nginx: worker"*) echo ${p#/proc/};; esac; done' | head -n1)
docker exec "$c" sh -c "kill -STOP $worker"
t=$(date +%s%N)
out=$(timeout 10 docker exec "$c" /service/bin/monitor.sh 2>&1) && rc=0 || rc=$?  # bound: monitor.sh gives up after 2 s
took=$(ms "$t")
docker exec "$c" sh -c "kill -CONT $worker"
check "monitor.sh: CRITICAL, exit 2, when nginx does not answer, after ${took} ms ($out)" \
  test "$rc" = 2 -a "${out%% |*}" = "WIKI CRITICAL - nginx did not answer / on port 80 within 2s"
out=$(docker exec "$c" /service/bin/monitor.sh 2>&1) && rc=0 || rc=$?
check "monitor.sh: OK again once nginx answers ($out)" test "$rc" = 0

echo "== $passed passed, $failed failed ($image)"
[ "$failed" = 0 ]
