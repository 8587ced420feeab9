#!/usr/bin/env bash
# What the per-request session check costs, against the Release build on 127.0.0.1 (SQLite):
#   1. SQL commands per request and Set-Cookie headers per response for GET /api/account/profile, signed in
#      with the login cookie and with a bearer token (EF Core's command log, counted over 20 requests);
#   2. wrk -t2 -c16 on the same endpoint with each credential.
# Usage: bench/load/sessions.sh [seconds]   (needs wrk: apt-get install wrk). PORT=5299 by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
PORT=${PORT:-5299}
B="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
WORK=$(mktemp -d /tmp/gutskin-sessions.XXXXXX)
APP=""
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
source bench/load/confirm.sh

dotnet publish src/GutSkin.Web -c Release -r linux-x64 --self-contained false -o "$WORK/app" -nologo -v quiet >/dev/null

start() { # extra env for the app...
  # Site__BaseUrl: Production refuses to serve without its public address.
  (cd "$WORK" && exec env Site__BaseUrl="$B" ConnectionStrings__GutSkin="Data Source=$WORK/gutskin.db" Email__PickupDirectory="$WORK/mail" \
    Logging__LogLevel__Default=Warning "$@" dotnet app/GutSkin.Web.dll --urls "$B" > "$WORK/app.log" 2>&1) &
  APP=$!
  for _ in $(seq 1 120); do curl -sf "$B/health/live" -o /dev/null && return; sleep 0.5; done
  echo "the app did not start"; cat "$WORK/app.log"; exit 1
}
stop() { kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""; }

# One run with EF Core's command log on, to count queries; the database file stays for the timed run.
start 'Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information'
curl -sf -X POST "$B/api/auth/register" -H 'content-type: application/json' -d '{"email":"s@bench.test","password":"benchmark-password"}' >/dev/null
confirm s@bench.test
curl -sf -c "$WORK/jar" -X POST "$B/api/auth/login?useCookies=true" -H 'content-type: application/json' -d '{"email":"s@bench.test","password":"benchmark-password"}' >/dev/null
COOKIE="gutskin.auth=$(awk '$6 == "gutskin.auth" {print $7}' "$WORK/jar")"
TOKEN=$(curl -sf -X POST "$B/api/auth/login" -H 'content-type: application/json' -d '{"email":"s@bench.test","password":"benchmark-password"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')

count() { # header -> "N SQL commands and M Set-Cookie per request"
  local before after cookies=0
  before=$(grep -c "Executed DbCommand" "$WORK/app.log" || true)
  for _ in $(seq 1 20); do
    curl -sf -D - -o /dev/null -H "$1" "$B/api/account/profile" | grep -ci '^set-cookie' >> "$WORK/cookies" || true
  done
  after=$(grep -c "Executed DbCommand" "$WORK/app.log" || true)
  cookies=$(awk '{s += $1} END {print s + 0}' "$WORK/cookies"); rm -f "$WORK/cookies"
  echo "$(( (after - before) / 20 )) SQL command(s) and $(awk -v c="$cookies" 'BEGIN {print c / 20}') Set-Cookie per request"
}
echo "== GET /api/account/profile, 20 requests each"
echo "login cookie: $(count "Cookie: $COOKIE")"
echo "bearer token: $(count "Authorization: Bearer $TOKEN")"
stop

start
echo "== wrk -t2 -c16 -d${DURATION}s (after 3 s of warm-up), load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
for credential in "Cookie: $COOKIE" "Authorization: Bearer $TOKEN"; do
  echo "-- ${credential%%:*}"
  wrk -t2 -c16 -d3s -H "$credential" "$B/api/account/profile" >/dev/null
  wrk -t2 -c16 -d"${DURATION}s" --latency -H "$credential" "$B/api/account/profile" | grep -E "Requests/sec|Non-2xx|50%|99%"
done
