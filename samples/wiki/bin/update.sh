#!/bin/sh
# UPDATE_METHOD: make nginx serve the pages now under $SERVICE_ROOT, and return only when it does. Exit 1 with a
# message if a page cannot be rendered (the old site stays served) or nginx does not serve the new site in time.
# `update.sh --stage-only` (start.sh) renders the first generation for an nginx that is not running yet.
#
# Never a half-rendered or stale site: every update renders the whole tree into a new folder $STAGE/gen/N, then
# switches the symlink nginx serves ($STAGE/site) to it in one rename (`ln -sfn` to a new name, `mv -T` over the old:
# rename(2) is atomic). A request sees all of generation N-1 or all of N. Each generation holds /_generation.txt
# with its number; update.sh returns once nginx answers N there.
set -eu
. "$(dirname "$0")/common.sh"
TIMEOUT=10  # seconds; bound: nginx reads the new root on the very next request, so this is only ever reached when it is down
mkdir -p "$STAGE/gen"
exec 9>"$STAGE/update.lock"
flock 9  # one update at a time: generations stay in order

last=$(cat "$STAGE/generation" 2>/dev/null || echo 0)
gen=$((last + 1)) new=$STAGE/gen/$((last + 1)) src=$STAGE/src
rm -rf "$new" "$src"  # left by an update that was killed half-way
trap 'rm -rf "$src"' EXIT

# A private copy first: the tree may change while it is read (an editor saving, a rollout writing).
mkdir -p "$src/templates"
cp -R "$SERVICE_ROOT/pages" "$src/pages" 2>/dev/null || { echo "update: cannot read $SERVICE_ROOT/pages" >&2; exit 1; }
cp "$SERVICE_ROOT/templates/page.html" "$src/templates/" 2>/dev/null || true  # render.sh names it if missing
if ! problems=$("$(dirname "$0")/render.sh" "$src" "$new"); then
  rm -rf "$new"
  printf '%s\n' "$problems" >&2
  echo "update: the pages cannot be rendered; still serving generation $last" >&2
  exit 1
fi
echo "$gen" > "$new/_generation.txt"

# The switch: one rename of a symlink over the other.
ln -sfn "gen/$gen" "$STAGE/site.new"
mv -T "$STAGE/site.new" "$STAGE/site"
echo "$gen" > "$STAGE/generation"
pages=$(grep -c '<loc>' "$new/sitemap.xml" || true)
[ "${1:-}" != --stage-only ] || { echo "staged: generation $gen, $pages pages from $SERVICE_ROOT/pages"; exit 0; }

end=$(( $(date +%s) + TIMEOUT ))
# `timeout`, not wget's -T: Debian's busybox 1.35 wget crashes (SIGSEGV) on -T.
until [ "$(timeout 1 busybox wget -q -O - "http://127.0.0.1:$PORT/_generation.txt" 2>/dev/null)" = "$gen" ]; do
  [ "$(date +%s)" -lt "$end" ] ||
    { echo "update: nginx did not serve generation $gen on port $PORT within ${TIMEOUT}s, see docker logs" >&2; exit 1; }
  sleep 0.01
done
# Older generations go once nginx serves the new one; a reader still downloading an old file keeps its open file.
for old in "$STAGE"/gen/*; do [ "$old" = "$new" ] || rm -rf "$old"; done
echo "updated: nginx serves generation $gen, $pages pages from $SERVICE_ROOT/pages"
