#!/usr/bin/env bash
# Write or repair a revision patch, setup/revisions/SAMPLE/ROLE.patch: the difference between the sample as
# committed (HEAD:samples/SAMPLE) and the revision prepare.sh publishes under that role's tag.
#   setup/revisions/revise.sh SAMPLE ROLE       unpack HEAD's sample into DIR/a and DIR/b, apply the patch to DIR/b
#                                               as far as it still applies (the rest left in *.rej), print DIR
#   setup/revisions/revise.sh SAMPLE ROLE DIR   after editing DIR/b: write the patch from DIR/a -> DIR/b, check it
#                                               applies to HEAD, remove DIR
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ $# = 2 ] || [ $# = 3 ] || { echo "usage: $0 SAMPLE ROLE [DIR]" >&2; exit 2; }
sample=$1 role=$2 patch=setup/revisions/$1/$2.patch
g() { git -c safe.directory="$ROOT" -C "$ROOT" "$@"; }
# git apply inside DIR only: never the repository a temporary folder might sit in.
apply_in() { (cd "$1" && shift && GIT_CEILING_DIRECTORIES=$(dirname "$PWD") git apply "$@"); }
unpack() { mkdir "$1" && g archive "HEAD:samples/$sample" | tar -x -C "$1"; }
g cat-file -e "HEAD:samples/$sample/Dockerfile" 2>/dev/null || { echo "revise: samples/$sample is not committed" >&2; exit 2; }

if [ $# = 2 ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/revise-$sample-$role.XXXXXX")
  unpack "$dir/a"; unpack "$dir/b"
  if [ -f "$ROOT/$patch" ]; then
    if apply_in "$dir/b" --reject "$ROOT/$patch" 2>"$dir/apply.log"; then echo "revise: $patch applied cleanly to $dir/b"
    else echo "revise: $patch applied in part: resolve and delete these in $dir/b:"; (cd "$dir/b" && find . -name '*.rej'); fi
  else
    echo "revise: no $patch yet: $dir/b is HEAD's samples/$sample"
  fi
  echo "revise: edit $dir/b into the $role revision, then run: $0 $sample $role $dir"
  exit 0
fi

dir=$(cd "$3" && pwd)
[ -d "$dir/a" ] && [ -d "$dir/b" ] || { echo "revise: $dir has no a/ and b/ (made by '$0 $sample $role')" >&2; exit 2; }
rejects=$(cd "$dir/b" && find . -name '*.rej' -o -name '*.orig')
[ -z "$rejects" ] || { echo "revise: resolve and delete first:" $rejects >&2; exit 1; }
mkdir -p "$ROOT/setup/revisions/$sample"
# --no-prefix with folders named a and b gives the usual a/PATH b/PATH headers (git apply, patch -p1).
rc=0; (cd "$dir" && git diff --no-index --no-prefix --no-ext-diff --no-color a b >"$ROOT/$patch.new") || rc=$?
[ "$rc" = 1 ] || { rm -f "$ROOT/$patch.new"
  [ "$rc" = 0 ] && echo "revise: $dir/b is the same as HEAD: nothing to write" >&2 || echo "revise: git diff failed" >&2; exit 1; }
mkdir "$dir/check"; g archive "HEAD:samples/$sample" | tar -x -C "$dir/check"
apply_in "$dir/check" --check "$ROOT/$patch.new" ||
  { rm -f "$ROOT/$patch.new"; echo "revise: the new patch does not apply to HEAD; $dir kept" >&2; exit 1; }
mv "$ROOT/$patch.new" "$ROOT/$patch"; rm -rf "$dir"
echo "revise: wrote $patch ($(grep -c '^diff --git' "$ROOT/$patch") files); setup/prepare.sh publishes it"
