#!/bin/sh
# render.sh FROM TO: renders the wiki tree FROM (pages/, templates/page.html) into the new, empty folder TO: each page
# as TO/<its URL>/index.html, every other file under pages/ as it is, sitemap.xml and 404.html. Prints every problem as
# `pages/x.md:LINE: problem` (paths relative to FROM) and exits 1 if a page cannot be rendered; TO is then incomplete.
set -eu
. "$(dirname "$0")/common.sh"
from=$1 to=$2
umask 022
template=$from/templates/page.html
[ -r "$template" ] || { echo "templates/page.html:1: cannot read the page template"; exit 1; }
grep -q '^[[:space:]]*{{content}}[[:space:]]*$' "$template" ||
  { echo "templates/page.html:1: no line {{content}}: the page's HTML goes on a line of its own"; exit 1; }

# fill TITLE SOURCE FRAGMENT: the template with {{title}} and {{source}} (HTML-escaped) and the fragment's lines at
# {{content}}.
fill() {
  TITLE=$1 SOURCE=$2 CONTENT=$3 awk '
    function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s); return s }
    function put(s, key, val,   out, i) { out = ""; while ((i = index(s, key)) > 0) { out = out substr(s, 1, i - 1) val; s = substr(s, i + length(key)) } return out s }
    BEGIN { title = esc(ENVIRON["TITLE"]); source = esc(ENVIRON["SOURCE"]) }
    /^[ \t]*\{\{content\}\}[ \t]*$/ { while ((getline line < ENVIRON["CONTENT"]) > 0) print line; next }
    { print put(put($0, "{{title}}", title), "{{source}}", source) }' "$template"
}

mkdir "$to"
failed=0 urls=$to/.urls
: > "$urls"
(cd "$from" && find pages -type f ! -name '.*' | LC_ALL=C sort) > "$to/.files"
while IFS= read -r file; do
  rel=${file#pages/}
  case "$file" in
    *.md)
      title=$(front_matter "$from/$file" "$file") || { printf '%s\n' "$title"; failed=1; continue; }
      url=$(page_url "$rel")
      [ ! -e "$to${url}index.html" ] || { echo "$file:1: renders to $url, as another page does: keep one of them"; failed=1; continue; }
      mkdir -p "$to$url"
      body "$from/$file" | cmark > "$to/.fragment" || { echo "$file:1: cmark could not render it"; failed=1; continue; }
      fill "$title" "$file" "$to/.fragment" > "$to${url}index.html"
      echo "$url" >> "$urls" ;;
    *) mkdir -p "$(dirname "$to/$rel")"; cp "$from/$file" "$to/$rel" ;;
  esac
done < "$to/.files"
[ "$failed" = 0 ] || exit 1

printf '<h1>Page not found</h1>\n<p>No page here. Start again from <a href="/">the front page</a>.</p>\n' > "$to/.fragment"
fill "Page not found" "" "$to/.fragment" > "$to/404.html"
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
  LC_ALL=C sort "$urls" | while IFS= read -r url; do echo "  <url><loc>${SITE_URL%/}$url</loc></url>"; done
  echo '</urlset>'
} > "$to/sitemap.xml"
rm -f "$to/.fragment" "$to/.files" "$urls"
