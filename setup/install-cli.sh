#!/usr/bin/env bash
# Installs the `infratests` .NET tool the way a service repo's machine would: from the InfraTests NuGet feed. It packs and
# publishes this checkout first (setup/pack.sh: a no-op when the feed has its version), then runs `dotnet tool install`
# with a NuGet config naming that feed alone, so `infratests` is on PATH.
# As root: into /opt/infratests/tool, linked from /usr/local/bin; as a user: into ~/.local/share/infratests/tool,
# linked from ~/.local/bin. Idempotent: when the installed version is this checkout's, it does nothing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FEED_URL=${INFRATESTS_FEED_URL:-http://127.0.0.1:5580}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
say() { printf '%-9s %s\n' "$1:" "$2"; }

if [ "$(id -u)" = 0 ]; then tool_path=/opt/infratests/tool bin_dir=/usr/local/bin
else tool_path=$HOME/.local/share/infratests/tool bin_dir=$HOME/.local/bin; fi

# setup/pack.sh's version names the commit, plus a fingerprint of uncommitted changes to what is packed, so a
# reinstall happens exactly when what would be packed differs from what is installed.
version=$("$ROOT/setup/pack.sh" --version)
if [ -d "$tool_path/.store/infratests.cli/$version" ] && [ -x "$bin_dir/infratests" ]; then
  say cli "infratests $version already installed ($bin_dir/infratests)"
  exit 0
fi

"$ROOT/setup/pack.sh"
# The feed alone: InfraTests.Cli and its runtime-specific package come from there or not at all. Plain HTTP on loopback
# needs allowInsecureConnections (NuGet refuses http:// sources otherwise); a shop's feed is https and needs none.
config=$ROOT/artifacts/pack/tool-nuget.config
cat >"$config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="infratests" value="$FEED_URL/v3/index.json" allowInsecureConnections="true" />
  </packageSources>
</configuration>
XML
dotnet tool uninstall InfraTests.Cli --tool-path "$tool_path" >/dev/null 2>&1 || true
start=$SECONDS
dotnet tool install InfraTests.Cli --tool-path "$tool_path" --version "$version" --configfile "$config" >"$ROOT/artifacts/cli-install.log" 2>&1 \
  || { tail -20 "$ROOT/artifacts/cli-install.log" >&2; echo "install-cli: dotnet tool install failed (log: artifacts/cli-install.log)" >&2; exit 1; }
mkdir -p "$bin_dir"
ln -sfn "$tool_path/infratests" "$bin_dir/infratests"
say cli "installed infratests $version from $FEED_URL in $((SECONDS - start)) s: $bin_dir/infratests"
case ":$PATH:" in *":$bin_dir:"*) ;; *) say cli "note: $bin_dir is not on PATH: add it, or run $bin_dir/infratests" ;; esac
