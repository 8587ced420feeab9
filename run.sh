#!/usr/bin/env bash
# Runs GutSkin on this machine: restores and builds, creates the SQLite database under
# src/GutSkin.Web/data/, applies migrations, seeds the catalog and prints the URL to open.
# Extra arguments go to the app, e.g. ./run.sh --urls http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")"
command -v dotnet >/dev/null 2>&1 || { echo "Install the .NET 10 SDK first (see global.json)."; exit 1; }
exec dotnet run --project src/GutSkin.Web -- "$@"
