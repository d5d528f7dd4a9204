#!/usr/bin/env bash
# Installs the report validators the e2e tests run: the official SARIF Multitool and ajv-cli
# (for the GitLab secret-detection schema). Idempotent: when both are already in DIR at the
# pinned versions it returns at once without touching the network.
#
#   tests/tools/install-validators.sh [DIR]     (default: $NHISCAN_TOOLS_DIR or /opt/nhiscan-tools)
#
# The tests look for them in $NHISCAN_TOOLS_DIR (default /opt/nhiscan-tools) and fail when
# they are missing.
set -euo pipefail

DIR="${1:-${NHISCAN_TOOLS_DIR:-/opt/nhiscan-tools}}"
SARIF_VERSION=5.7.0
AJV_CLI_VERSION=5.0.0
AJV_FORMATS_VERSION=3.0.1
STAMP="sarif-multitool@$SARIF_VERSION ajv-cli@$AJV_CLI_VERSION ajv-formats@$AJV_FORMATS_VERSION"

MULTITOOL="$DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
AJV="$DIR/node_modules/.bin/ajv"

if [[ -f "$DIR/.installed" && "$(cat "$DIR/.installed")" == "$STAMP" && -x "$MULTITOOL" && -x "$AJV" ]]; then
    echo "validators already installed in $DIR"
    exit 0
fi

command -v npm >/dev/null || { echo "install-validators: npm is required (apt-get install npm)" >&2; exit 1; }
mkdir -p "$DIR"
cd "$DIR"
[[ -f package.json ]] || echo '{"name": "nhiscan-tools", "private": true}' > package.json
# The multitool's own install script only marks the platform binary executable; npm holds
# such scripts back, so do it here.
npm install --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$SARIF_VERSION" "ajv-cli@$AJV_CLI_VERSION" "ajv-formats@$AJV_FORMATS_VERSION"
chmod u+x "$MULTITOOL"
# A smoke run: the .NET single-file binary needs ICU or invariant globalization.
if ! "$MULTITOOL" --version >/dev/null 2>&1 && ! DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$MULTITOOL" --version >/dev/null 2>&1; then
    echo "install-validators: $MULTITOOL does not run" >&2
    exit 1
fi
"$AJV" help >/dev/null
echo "$STAMP" > .installed
echo "validators installed in $DIR"
