# Shared by the load scripts: publish the Release build once, start it on 127.0.0.1 with a fresh
# SQLite database (or, with BENCH_POSTGRES=host:port, a fresh database on that PostgreSQL server, trust auth, user
# postgres, dropped at the end), and register members. Source it; it sets B (base URL), APP (pid) and WORK.
set -euo pipefail
PORT=${PORT:-5099}
WORK=$(mktemp -d /tmp/gutskin-bench.XXXXXX)
B="http://127.0.0.1:$PORT"
# Published as an operator would: Release, for linux-x64, ReadyToRun (see the csproj), its content root the published
# folder (its wwwroot: CSS and scripts are served as in production).
# APP_DIR reuses an existing publish output (copied, so the run's database and keys stay in WORK).
if [ -n "${APP_DIR:-}" ]; then
  cp -r "$APP_DIR" "$WORK/app"
else
  dotnet publish "$(git rev-parse --show-toplevel)/src/GutSkin.Web" -c Release -r linux-x64 --self-contained false -o "$WORK/app" -nologo -v quiet >/dev/null
fi
PROVIDER=Sqlite CONNECTION="Data Source=$WORK/gutskin.db" DROP=:
if [ -n "${BENCH_POSTGRES:-}" ]; then
  PG_DB="gutskin_bench_$$"
  PROVIDER=Postgres CONNECTION="Host=${BENCH_POSTGRES%:*};Port=${BENCH_POSTGRES#*:};Username=postgres;Database=$PG_DB"
  DROP="psql -q -h ${BENCH_POSTGRES%:*} -p ${BENCH_POSTGRES#*:} -U postgres -d postgres -c 'DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)'"
fi
# Site__BaseUrl: Production refuses to serve without its public address (and answers 400 to other Host headers).
(cd "$WORK" && Site__BaseUrl="$B" Database__Provider="$PROVIDER" ConnectionStrings__GutSkin="$CONNECTION" Email__PickupDirectory="$WORK/mail" \
  Logging__LogLevel__Default=Warning exec dotnet app/GutSkin.Web.dll --urls "$B" --contentRoot "$WORK/app" > "$WORK/app.log" 2>&1) &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; eval "$DROP"; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "$B/" -o /dev/null && break; sleep 0.5; done

source bench/load/confirm.sh

# register EMAIL -> prints a bearer token
register() {
  curl -sf -X POST "$B/api/auth/register" -H 'content-type: application/json' -d "{\"email\":\"$1\",\"password\":\"benchmark-password\"}" >/dev/null
  confirm "$1"
  curl -sf -X POST "$B/api/auth/login" -H 'content-type: application/json' -d "{\"email\":\"$1\",\"password\":\"benchmark-password\"}" \
    | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}

# percentiles of a column of seconds, printed in ms
summary() { sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, p90 %.1f ms, max %.1f ms (n=%d)\n", a[int((NR+1)/2)]*1000, a[int(NR*0.9)]*1000, a[NR]*1000, NR}'; }
