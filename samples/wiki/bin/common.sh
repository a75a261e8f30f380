# Settings and functions shared by start.sh, update.sh, validate.sh and monitor.sh (sourced, not run).

SERVICE_ROOT=${SERVICE_ROOT:-/service}
# nginx never reads SERVICE_ROOT: tests mount the working tree there read-only and it may change while being read.
# It serves $STAGE/site, a symlink to the generation update.sh rendered last: $STAGE/gen/N.
STAGE=/var/lib/wiki
PORT=80
# The address sitemap.xml gives its pages: set SITE_URL on each container to the name readers use.
SITE_URL=${SITE_URL:-http://wiki.example.org}

# page_url FILE: the URL path of a page file relative to pages/: index.md is /, dns/index.md is /dns/, dns/bind.md is
# /dns/bind/.
page_url() {
  case "$1" in
    index.md) echo / ;;
    */index.md) echo "/${1%index.md}" ;;
    *) echo "/${1%.md}/" ;;
  esac
}

# front_matter FILE NAME: checks the front matter at the top of FILE (NAME is how messages name it). Prints the title
# and exits 0, or prints `NAME:LINE: problem` lines and exits 1. The front matter is `---`, `key: value` lines (one
# of them `title:`), `---`.
front_matter() {
  awk -v name="$2" '
    NR == 1 { if ($0 != "---") { nofm = 1; exit } next }
    closed { next }
    $0 == "---" { closed = NR; next }
    /^[A-Za-z0-9_-]+:([ \t]|$)/ {
      key = $0; sub(/:.*/, "", key); value = $0; sub(/^[^:]*:[ \t]*/, "", value); sub(/[ \t]+$/, "", value)
      if (value ~ /^".*"$/ || value ~ /^\047.*\047$/) value = substr(value, 2, length(value) - 2)
      if (key == "title") { title = value; titled = NR }
      next
    }
    { bad[++bads] = NR ": front matter line is not `key: value`: " $0 }
    END {
      start = "start the page with a line `---`, then `title: ...`, then `---`"
      if (nofm) { print name ":1: no front matter: " start; exit 1 }
      if (NR == 0) { print name ":1: empty page: " start; exit 1 }
      if (!closed) { print name ":1: front matter is never closed: end it with a line `---` after its `key: value` lines"; exit 1 }
      for (i = 1; i <= bads; i++) print name ":" bad[i]
      if (bads) exit 1
      if (!titled) { print name ":" closed ": front matter has no title: add `title: ...` before this line"; exit 1 }
      if (title == "") { print name ":" titled ": front matter title is empty"; exit 1 }
      print title
    }' "$1"
}

# body FILE: the page with its front matter lines blanked, so the markdown keeps its line numbers.
body() {
  awk 'NR == 1 && $0 == "---" { fm = 1; print ""; next } fm { if ($0 == "---") fm = 0; print ""; next } { print }' "$1"
}
