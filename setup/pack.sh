#!/usr/bin/env bash
# Packs the InfraTests packages from this checkout into artifacts/packages, all under one version:
#   InfraTests.Harness, InfraTests.Assertions (FluentAssertions 7), InfraTests.AwesomeAssertions (AwesomeAssertions 9),
#   InfraTests.Rollout (libraries) and InfraTests.Cli (the `infratests` .NET tool).
# The version is 0.1.0-dev.g<commit>[.local<fingerprint of uncommitted changes to what is packed>]: any change gives a
# new version, so NuGet never serves a stale copy of an older pack from ~/.nuget/packages, and the feed keeps only this
# version, so a service repo's floating `0.1.0-dev.*` restores exactly it. Fast when nothing changed: if every package
# of this version is there, nothing is built.
#   setup/pack.sh             pack (or say they are up to date)
#   setup/pack.sh --version   print the version only, pack nothing
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
say() { printf '%-9s %s\n' "$1:" "$2"; }

packages=$ROOT/artifacts/packages
ids=(InfraTests.Harness InfraTests.Assertions InfraTests.AwesomeAssertions InfraTests.Rollout InfraTests.Cli)
projects=(src/Harness/InfraTests.Harness.csproj src/Assertions/InfraTests.Assertions.csproj src/AwesomeAssertions/InfraTests.AwesomeAssertions.csproj
  src/Rollout/InfraTests.Rollout.csproj src/Cli/InfraTests.Cli.csproj)
# Everything that goes into a package: the sources (with the build/ targets shipped in InfraTests.Harness) and the
# repo-wide MSBuild files that set their properties and dependency versions.
inputs=(src Directory.Build.props Directory.Build.targets Directory.Packages.props)

# git as root in a checkout another user owns (CI) needs safe.directory, or it refuses the repo.
g() { git -c safe.directory="$ROOT" -C "$ROOT" "$@"; }
version=0.1.0-dev
if command -v git >/dev/null && g rev-parse --verify -q HEAD >/dev/null; then
  version+=".g$(g rev-parse --short=10 HEAD)"
  # Tracked changes by their diff, untracked files by their content (a diff does not show them).
  dirty=$(g status --porcelain --untracked-files=all -- "${inputs[@]}" | sort)
  if [ -n "$dirty" ]; then
    version+=".local$( { echo "$dirty"; g diff HEAD -- "${inputs[@]}"
      g ls-files -z --others --exclude-standard -- "${inputs[@]}" | sort -z | (cd "$ROOT" && xargs -0 -r sha256sum); } |
      sha256sum | cut -c1-8)"
  fi
fi
if [ "${1:-}" = --version ]; then echo "$version"; exit 0; fi

missing=()
for id in "${ids[@]}"; do [ -f "$packages/$id.$version.nupkg" ] || missing+=("$id"); done
if [ ${#missing[@]} = 0 ]; then
  say pack "${ids[*]} $version already in artifacts/packages"; exit 0
fi

mkdir -p "$packages" "$ROOT/artifacts/pack"
# One build for the five: a solution filter of InfraTests.sln naming only the packable projects.
filter=$ROOT/artifacts/pack/packages.slnf
printf '{"solution":{"path":"../../InfraTests.sln","projects":[%s]}}\n' \
  "$(printf '"%s",' "${projects[@]//\//\\\\}" | sed 's/,$//')" >"$filter"
say pack "packing ${ids[*]} $version into artifacts/packages"
log=$ROOT/artifacts/pack.log
dotnet pack "$filter" -c Release -p:Version="$version" -p:PackageOutputPath="$packages" -nologo -v q >"$log" 2>&1 ||
  { tail -20 "$log" >&2; echo "pack: dotnet pack failed (log: artifacts/pack.log)" >&2; exit 1; }
for id in "${ids[@]}"; do
  [ -f "$packages/$id.$version.nupkg" ] || { echo "pack: $id.$version.nupkg was not produced (log: artifacts/pack.log)" >&2; exit 1; }
  # Only this version stays in the feed: a floating version must not find an older build that sorts higher.
  find "$packages" -maxdepth 1 -name "$id.*.nupkg" ! -name "*.$version.nupkg" -delete
done
say pack "artifacts/packages: $(cd "$packages" && ls "${ids[@]/%/.$version.nupkg}" | tr '\n' ' ')"
