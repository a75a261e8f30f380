#!/usr/bin/env bash
# Installs the `infratests` .NET tool from this checkout: packs it into artifacts/packages (setup/pack.sh, with
# the libraries, under one version) and installs that package (dotnet tool install) so `infratests` is on PATH.
# As root: into /opt/infratests/tool, linked from /usr/local/bin; as a user: into ~/.local/share/infratests/tool,
# linked from ~/.local/bin. Idempotent: when the installed version is this checkout's, it does nothing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
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

packages=$ROOT/artifacts/packages
"$ROOT/setup/pack.sh"
dotnet tool uninstall InfraTests.Cli --tool-path "$tool_path" >/dev/null 2>&1 || true
dotnet tool install InfraTests.Cli --tool-path "$tool_path" --add-source "$packages" --version "$version" >"$ROOT/artifacts/cli-install.log" 2>&1 \
  || { tail -20 "$ROOT/artifacts/cli-install.log" >&2; echo "install-cli: dotnet tool install failed (log: artifacts/cli-install.log)" >&2; exit 1; }
mkdir -p "$bin_dir"
ln -sfn "$tool_path/infratests" "$bin_dir/infratests"
say cli "installed infratests $version: $bin_dir/infratests"
case ":$PATH:" in *":$bin_dir:"*) ;; *) say cli "note: $bin_dir is not on PATH: add it, or run $bin_dir/infratests" ;; esac
