#!/usr/bin/env bash
# Runs every GutSkin test: the analysis core, the analyze command (JIT and its Native AOT build), the web
# integration suite on SQLite and again on PostgreSQL, and the browser tests in Debian's Chromium. Installs what
# the tests need when it is missing, starts a throwaway PostgreSQL cluster on a free loopback port, stops it
# afterwards, and ends with one line "N passed, N failed, N skipped" summed over every run.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\n== %s\n' "$*"; }

# --- 1. What the tests need ------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The browser tests drive the headless shell (same Blink, far less CPU); the installed-app test uses the full browser.
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The doctor report's PDF embeds DejaVu Sans.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# A real HEIC for the photo tests is made by heif-enc.
command -v heif-enc >/dev/null 2>&1 || missing+=(libheif-examples)
# The analyze command's native executable (Native AOT) is linked by clang.
command -v clang >/dev/null 2>&1 || missing+=(clang)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "Installing ${missing[*]} from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install ${missing[*]} failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  else
    echo "Missing: ${missing[*]}. Install them with:"
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
fi
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is missing (see global.json)."; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# --- 2. A throwaway PostgreSQL cluster on a free loopback port -------------------------------
RUN_DIR=$(mktemp -d /tmp/gutskin-test.XXXXXX)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_PORT=""
for port in $(seq 55432 55532); do
  if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then PG_PORT=$port; break; fi
done
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$RUN_DIR"
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
log "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
as_pg "$PG_BIN/initdb" -D "$RUN_DIR/data" -U postgres --auth=trust >/dev/null \
  && as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -l "$RUN_DIR/log" -w \
       -o "-p $PG_PORT -k $RUN_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { echo "PostgreSQL did not start:"; cat "$RUN_DIR/log" 2>/dev/null; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
export GUTSKIN_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"

# --- 3. Build once, then run each suite ------------------------------------------------------
log "Building"
dotnet build GutSkin.slnx -c Debug -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

passed=0; failed=0; skipped=0
run_suite() { # name, project, [--filter EXPR], extra env...
  local name=$1 project=$2; shift 2
  local filter=()
  if [ "${1:-}" = "--filter" ]; then filter=(--filter "$2"); shift 2; fi
  log "$name"
  local out="$RUN_DIR/$(echo "$name" | tr ' /' '__').log"
  env "$@" dotnet test "$project" --no-build -nologo "${filter[@]}" 2>&1 | tee "$out" | grep -E "^(Passed!|Failed!|\[xUnit.*(FAIL|ERROR))|error" || true
  local line
  line=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$out" | tail -n 1)
  # What each failed test said (its message and the top of its stack), so a CI log shows why, not just which.
  awk '/^  Failed /{show=30} show>0{print; show--}' "$out" | grep -v "^\s*$" | head -n 200
  if [ -z "$line" ]; then
    echo "$name did not report results; the tail of its output:"; tail -n 40 "$out"
    failed=$((failed + 1)); return
  fi
  local f p s
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

run_suite "Analysis core" tests/GutSkin.Analysis.Tests GUTSKIN_UNUSED=1
run_suite "Analyze command (JIT and Native AOT)" tests/GutSkin.Analyze.Tests GUTSKIN_UNUSED=1
run_suite "Web on SQLite" tests/GutSkin.Web.Tests GUTSKIN_TEST_PROVIDER=Sqlite
# Tests about SQLite alone (the backup command, SQLite start-up locking) carry the trait Provider=Sqlite
# and use a SQLite file whatever the provider: they run in the SQLite pass only.
run_suite "Web on PostgreSQL" tests/GutSkin.Web.Tests --filter "Provider!=Sqlite" GUTSKIN_TEST_PROVIDER=Postgres
# Several instances on one PostgreSQL database (shared keys, background jobs once, concurrent migrations).
run_suite "Several instances on PostgreSQL" tests/GutSkin.Instances.Tests GUTSKIN_TEST_PROVIDER=Postgres
if [ -d tests/GutSkin.Browser.Tests ] && ls tests/GutSkin.Browser.Tests/*.cs >/dev/null 2>&1; then
  run_suite "Browser (Chromium)" tests/GutSkin.Browser.Tests GUTSKIN_CHROMIUM=/usr/bin/chromium
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
