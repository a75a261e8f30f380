#!/bin/sh
# VALIDATE_METHOD: check the pages under $SERVICE_ROOT. Prints one `pages/dns/index.md:12: message` line per problem
# and exits 1, or one `ok: ...` line and exits 0. Writes nothing under SERVICE_ROOT.
#
# Problems: a front matter that is missing, never closed, has a line that is not `key: value` or has no title; an
# internal link (or image) to a page or file that does not exist; two files that render to the same URL; a page
# template without its {{content}} line. Links are read by cmark's own parser (its XML with source positions), so a
# link inside a code block is no link, reference links count, and every line number is the renderer's.
# A link resolves as a browser resolves it on the rendered site: pages/dns/bind.md is /dns/bind/, so from there
# `../rbldnsd/` is /dns/rbldnsd/ and `/runbooks/` is pages/runbooks/index.md or pages/runbooks.md.
set -eu
. "$(dirname "$0")/common.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SERVICE_ROOT"
: > "$tmp/problems"
find pages -type f ! -name '.*' 2>/dev/null | LC_ALL=C sort > "$tmp/files" || true
[ -s "$tmp/files" ] || echo "pages:1: no pages under $SERVICE_ROOT/pages: add pages/index.md" >> "$tmp/problems"
[ -r templates/page.html ] || echo "templates/page.html:1: cannot read the page template" >> "$tmp/problems"
[ ! -r templates/page.html ] || grep -q '^[[:space:]]*{{content}}[[:space:]]*$' templates/page.html ||
  echo "templates/page.html:1: no line {{content}}: the page's HTML goes on a line of its own" >> "$tmp/problems"

# exists PATH: is there a page or a file at this URL path of the rendered site?
exists() {
  case "$1" in
    /) [ -f pages/index.md ] ;;
    /sitemap.xml|/404.html) true ;;
    */) [ -f "pages${1}index.md" ] || [ -f "pages${1%/}.md" ] ;;
    *) [ -f "pages$1" ] || [ -f "pages$1.md" ] || [ -f "pages$1/index.md" ] ;;  # nginx redirects /dns to /dns/
  esac
}

# resolve BASE LINK: the URL path LINK names on the page at URL path BASE (which ends in /), dot segments removed;
# nothing for a link that leaves the site (a scheme, //host, #fragment only) and `..` for one above the root.
resolve() {
  awk -v base="$1" -v link="$2" 'BEGIN {
    if (link ~ /^[A-Za-z][A-Za-z0-9+.-]*:/ || link ~ /^\/\// || link ~ /^#/ || link == "") exit
    sub(/[?#].*/, "", link)
    path = (link ~ /^\//) ? link : base link
    n = split(path, part, "/"); out = ""
    for (i = 2; i <= n; i++) {
      if (part[i] == ".") { if (i == n) out = out "/"; continue }
      if (part[i] == "..") { if (depth == 0) { print ".."; exit } sub(/\/[^\/]*$/, "", out); depth--; if (i == n) out = out "/"; continue }
      out = out "/" part[i]; if (part[i] != "") depth++
    }
    if (out == "") out = "/"
    gsub(/\/\/+/, "/", out)
    print out
  }'
}

pages=0 links=0
while IFS= read -r file; do
  case "$file" in *.md) ;; *) continue ;; esac
  pages=$((pages + 1))
  front_matter "$file" "$file" > "$tmp/fm" || cat "$tmp/fm" >> "$tmp/problems"
  url=$(page_url "${file#pages/}")
  # Two files for one URL: nginx would serve one, and which one would depend on the order of rendering.
  if [ "${file##*/}" != index.md ] && [ -f "${file%.md}/index.md" ]; then
    echo "$file:1: renders to $url, as ${file%.md}/index.md does: keep one of them" >> "$tmp/problems"
  fi
  # `<link sourcepos="12:5-12:30" destination="/dns/">`: line and destination of every link and image.
  body "$file" | cmark -t xml --sourcepos | sed -n 's/^ *<\(link\|image\) sourcepos="\([0-9]*\):[^"]*" destination="\([^"]*\)".*/\2 \3/p' |
    sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'\''/g; s/&amp;/\&/g' > "$tmp/links"
  while read -r line link; do
    target=$(resolve "$url" "$link")
    [ -n "$target" ] || continue
    links=$((links + 1))
    if [ "$target" = .. ]; then
      echo "$file:$line: link to $link leaves the site: from $url there is no folder above /" >> "$tmp/problems"
    elif ! exists "$target"; then
      case "$target" in
        */) want="pages${target}index.md or pages${target%/}.md" ;;
        *.*) want="pages$target" ;;  # a file such as /img/logo.png
        *) want="pages$target, pages$target.md or pages$target/index.md" ;;
      esac
      [ "$target" = / ] && want="pages/index.md"
      echo "$file:$line: link to $link: no page at $target (no $want)" >> "$tmp/problems"
    fi
  done < "$tmp/links"
done < "$tmp/files"

[ ! -s "$tmp/problems" ] || { LC_ALL=C sort -t: -k1,1 -k2,2n -k3 -u "$tmp/problems"; exit 1; }
echo "ok: $pages pages under pages/, $links internal links resolve"
