#!/usr/bin/env bash
# Packs the InfraTests packages from this checkout under one version and publishes them to the InfraTests NuGet feed:
#   InfraTests.Harness, InfraTests.Assertions (FluentAssertions 7), InfraTests.AwesomeAssertions (AwesomeAssertions 9),
#   InfraTests.Rollout (libraries) and InfraTests.Cli (the `infratests` .NET tool).
# The version comes from git (docs/packaging.md): MinVer's (a tag v1.2.3 on this commit gives 1.2.3, any other commit
# 0.1.0-alpha.0.<height> or the pre-release after the last tag), then .g<commit> unless the commit is a release tag, then
# .local<fingerprint> when what is packed has uncommitted changes. Any change gives a new version, so NuGet never serves
# a stale copy from ~/.nuget/packages.
# The feed is a static NuGet v3 feed in /var/lib/infratests/nuget, served at http://127.0.0.1:5580/v3/index.json
# (setup/prepare.sh starts the server); setup/nuget-feed.py pushes into it and skips versions already there. The packages
# also stay in artifacts/packages (a folder feed), and artifacts/InfraTestsVersion.props names the version for the
# samples' test projects. Fast when nothing changed: if the feed has every package of this version, nothing is built.
#   setup/pack.sh             pack and publish (or say the feed has them)
#   setup/pack.sh --version   print the version only, publish nothing
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FEED_DIR=${INFRATESTS_FEED_DIR:-/var/lib/infratests/nuget} FEED_URL=${INFRATESTS_FEED_URL:-http://127.0.0.1:5580}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
say() { printf '%-9s %s\n' "$1:" "$2"; }
die() { echo "pack: $*" >&2; exit 1; }

packages=$ROOT/artifacts/packages
ids=(InfraTests.Harness InfraTests.Assertions InfraTests.AwesomeAssertions InfraTests.Rollout InfraTests.Cli)
projects=(src/Harness/InfraTests.Harness.csproj src/Assertions/InfraTests.Assertions.csproj src/AwesomeAssertions/InfraTests.AwesomeAssertions.csproj
  src/Rollout/InfraTests.Rollout.csproj src/Cli/InfraTests.Cli.csproj)
# Everything that goes into a package: the sources (with the build/ targets and the icon) and the repo-wide MSBuild
# files that set their properties, versions and dependency versions.
inputs=(src Directory.Build.props Directory.Build.targets Directory.Packages.props)

# git as root in a checkout another user owns (CI) needs safe.directory, or it refuses the repo; MinVer's git too.
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0=$ROOT
g() { git -C "$ROOT" "$@"; }
command -v git >/dev/null && g rev-parse --verify -q HEAD >/dev/null || die "versions come from git: run this in a git checkout with a commit"
commit=$(g rev-parse --short=10 HEAD) fingerprint=""
# Tracked changes by their diff, untracked files by their content (a diff does not show them).
dirty=$(g status --porcelain --untracked-files=all -- "${inputs[@]}" | sort)
if [ -n "$dirty" ]; then
  fingerprint=$( { echo "$dirty"; g diff HEAD -- "${inputs[@]}"
    g ls-files -z --others --exclude-standard -- "${inputs[@]}" | sort -z | (cd "$ROOT" && xargs -0 -r sha256sum); } |
    sha256sum | cut -c1-8)
fi
# A release is a commit tagged v<SemVer> (MinVer's tag prefix): its packages carry the tag's version alone.
tag=$(g tag --points-at HEAD | grep -m1 -E '^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$' || true)
suffix=g$commit release=()
[ -z "$tag" ] || { suffix="" release=(-p:InfraTestsReleaseTag="$tag"); }
[ -z "$fingerprint" ] || suffix=g$commit.local$fingerprint release=()
# MinVer's answer depends on the commit, the version tags and the suffix: remember it per combination.
mkdir -p "$ROOT/artifacts/pack"
key=$(printf '%s\n' "$commit" "$suffix" "$(g for-each-ref --format='%(refname) %(objectname)' 'refs/tags/v*')" | sha256sum | cut -c1-16)
remembered=$ROOT/artifacts/pack/version.$key
version=$(cat "$remembered" 2>/dev/null || true)

if [ "${1:-}" = --version ]; then
  if [ -z "$version" ]; then
    version=$(dotnet msbuild "$ROOT/${projects[0]}" -restore -nologo -t:MinVer -getProperty:PackageVersion \
      -p:Configuration=Release -p:InfraTestsBuildSuffix="$suffix" 2>&1 | tail -n1)
    [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || die "MinVer gave no version: $version"
    echo "$version" >"$remembered"
  fi
  echo "$version"; exit 0
fi

[ -d "$FEED_DIR" ] && [ -w "$FEED_DIR" ] || die "the feed folder $FEED_DIR is missing or not writable: run setup/prepare.sh as root"
# The tool comes as InfraTests.Cli (a pointer) plus one package per runtime (InfraTests.Cli.linux-x64): publish them all.
on_feed() { local id=${1,,} v=${version,,}; [ -f "$FEED_DIR/v3-flatcontainer/$id/$v/$id.$v.nupkg" ]; }
props=$ROOT/artifacts/InfraTestsVersion.props
write_props() {
  printf '%s\n' '<Project>' '  <!-- Written by setup/pack.sh: the InfraTests version it last published to the feed. -->' \
    "  <PropertyGroup><InfraTestsVersion Condition=\"'\$(InfraTestsVersion)' == ''\">$version</InfraTestsVersion></PropertyGroup>" \
    '</Project>' >"$props"
}
if [ -n "$version" ]; then
  missing=0; for id in "${ids[@]}"; do on_feed "$id" || missing=1; done
  if [ "$missing" = 0 ]; then
    grep -qF ">$version<" "$props" 2>/dev/null || write_props
    say pack "${ids[*]} $version already on the feed $FEED_URL"; exit 0
  fi
fi

exec 9>"$ROOT/artifacts/pack/lock"; flock -w 600 9 || die "another setup/pack.sh held artifacts/pack/lock for 10 minutes"
# Source Link and the project URL point at the `origin` remote when it is a web address (credentials stripped).
origin=$(g remote get-url origin 2>/dev/null | sed -E 's#^(https?://)[^/@]*@#\1#; s#\.git$##' || true)
repo=()
if [[ $origin =~ ^https?:// ]]; then repo=(-p:InfraTestsRepositoryUrl="$origin"); say pack "repository $origin (Source Link, project URL)"
else say pack "no http(s) origin remote: Source Link maps nothing; the sources are embedded in the PDBs"; fi

rm -rf "$packages"; mkdir -p "$packages"
# One build for the five: a solution filter of InfraTests.sln naming only the packable projects.
filter=$ROOT/artifacts/pack/packages.slnf
printf '{"solution":{"path":"../../InfraTests.sln","projects":[%s]}}\n' \
  "$(printf '"%s",' "${projects[@]//\//\\\\}" | sed 's/,$//')" >"$filter"
say pack "packing ${ids[*]} (${suffix:+version suffix $suffix}${release:+release $tag})"
log=$ROOT/artifacts/pack.log start=$SECONDS
dotnet pack "$filter" -c Release -p:InfraTestsBuildSuffix="$suffix" "${release[@]}" "${repo[@]}" -p:PackageOutputPath="$packages" \
  -nologo -v q >"$log" 2>&1 || { tail -20 "$log" >&2; die "dotnet pack failed (log: artifacts/pack.log)"; }
version=$(cd "$packages" && ls InfraTests.Harness.*.nupkg | sed 's/^InfraTests\.Harness\.\(.*\)\.nupkg$/\1/')
for id in "${ids[@]}"; do
  [ -f "$packages/$id.$version.nupkg" ] || die "$id.$version.nupkg was not produced (log: artifacts/pack.log)"
done
say pack "$version in $((SECONDS - start)) s: $(cd "$packages" && ls ./*.nupkg | sed 's#^\./##' | tr '\n' ' ')"

start=$(date +%s%N)
( flock -w 60 9 || die "the feed's lock $FEED_DIR/.lock was held for a minute"
  python3 "$ROOT/setup/nuget-feed.py" "$FEED_DIR" "$FEED_URL" "$packages"/*.nupkg ) 9>"$FEED_DIR/.lock"
# The server must answer with the new version: that is what the samples and `dotnet tool install` will ask.
listed=$(curl -fsS -m 5 "$FEED_URL/v3-flatcontainer/infratests.harness/index.json" 2>/dev/null || true)
grep -qF "\"${version,,}\"" <<<"$listed" ||
  die "the feed $FEED_URL does not list InfraTests.Harness $version: is its server running? (setup/prepare.sh starts it)"
# NuGet keeps a feed's version lists in its HTTP cache for 30 minutes and does not ask again when a version is missing
# (seen here: a restore just after a publish took the previous build). Forget what it cached of this feed, nothing else.
http_cache=${NUGET_HTTP_CACHE_PATH:-$HOME/.local/share/NuGet/http-cache}
for f in "$http_cache"/*/service_index.dat; do
  if grep -qsF "\"$FEED_URL/v3-flatcontainer/\"" "$f"; then rm -rf "$(dirname "$f")"; fi
done
echo "$version" >"$remembered"; write_props
say pack "published $version to $FEED_URL/v3/index.json in $((($(date +%s%N) - start) / 1000000)) ms"
