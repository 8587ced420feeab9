#!/usr/bin/env bash
# Volume benchmark (issue #17): does GutSkin stay as fast with thousands of members' journals in the database,
# and how many bytes does a member-year cost? One command, everything on 127.0.0.1:
#   1. the Release build on a throwaway PostgreSQL cluster (production-like durability), one instance;
#   2. the benchmark member (member@bench.test) gets two years of journal, nobody else has any ("empty");
#   3. five wrk scenarios for that member: today (GET /today), history (GET /history), insights (GET /insights),
#      export (GET /api/journal/export?format=csv) and put (PUT /api/journal/{date});
#   4. MEMBERS more members get two years each, written by SQL (bench/volume/journal.sql) in batches ("volume");
#   5. the same scenarios again, then the p99 of each at volume against empty, and the journal's table and
#      index sizes per member-year.
# Usage: bench/volume/run.sh   (MEMBERS=5000 DAYS=730 DURATION=15 BATCH=250 by default; KEEP_WORK=1 keeps the
# cluster's folder, APP_DIR reuses a publish output). Needs wrk, curl, PostgreSQL (installed when run as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
MEMBERS=${MEMBERS:-5000}
DAYS=${DAYS:-730}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
BATCH=${BATCH:-250}
export PROVIDER=postgres
source bench/load/stack.sh

stack_tools
echo "GutSkin volume benchmark: $MEMBERS members x $DAYS days, $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + local changes'), $(date -u '+%F %H:%M UTC')"
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg); wrk, the app and PostgreSQL share these cores"
stack_publish
stack_postgres
stack_settings 0
stack_admin
stack_instance
URL="http://127.0.0.1:${APP_PORTS[0]}"
seed_member "$URL"
psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d gutskin -v ON_ERROR_STOP=1 -q "$@"; }
MEMBER_ID=$(psql_ -At -c "select \"Id\" from \"AspNetUsers\" where \"Email\" = 'member@bench.test'")

# The benchmark member's own two years (replacing the one day seed_member wrote).
psql_ -v days="$DAYS" <<SQL
DELETE FROM "JournalDays" WHERE "UserId" = '$MEMBER_ID';
CREATE TEMP TABLE batch AS SELECT '$MEMBER_ID'::text AS user_id, 7 AS seed;
\i bench/volume/journal.sql
SQL
# Each run is told apart from the other by its label; the put scenario writes days before 2010, removed after.
scenarios() { # LABEL
  local label=$1 name conns path lua cookie
  # A fresh token: the full export asks for a recent sign-in.
  TOKEN=$(curl -sf -X POST "$URL/api/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"member@bench.test\",\"password\":\"$PASSWORD\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  export TOKEN
  echo "== $label: wrk -t2, ${WARMUP} s warm-up + ${DURATION} s measured per scenario; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for name in today history insights export put; do
    case "$name" in
      today) conns=32 path=/today lua=bench/load/page.lua cookie=$COOKIE ;;
      history) conns=32 path=/history lua=bench/load/page.lua cookie=$COOKIE ;;
      insights) conns=32 path=/insights lua=bench/load/page.lua cookie=$COOKIE ;;
      export) conns=8 path="/api/journal/export?format=csv" lua=bench/volume/bearer.lua cookie="" ;;
      put) conns=32 path="" lua=bench/load/journal-put.lua cookie="" ;;
    esac
    COOKIE=$cookie wrk -t2 -c"$conns" -d"${WARMUP}s" -s "$lua" "$URL$path" >/dev/null 2>&1
    COOKIE=$cookie run_wrk "$name $label" "$conns" "$DURATION" "$URL$path" "$lua"
  done
  psql_ -c "DELETE FROM \"JournalDays\" WHERE \"UserId\" = '$MEMBER_ID' AND \"Date\" < '2010-01-01'"
}
psql_ -c "VACUUM ANALYZE"
scenarios empty

echo "== generating $MEMBERS members x $DAYS days in batches of $BATCH (SQL, bench/volume/journal.sql)"
started=$(date +%s)
for first in $(seq 1 "$BATCH" "$MEMBERS"); do
  last=$((first + BATCH - 1 < MEMBERS ? first + BATCH - 1 : MEMBERS))
  psql_ -v days="$DAYS" <<SQL
CREATE TEMP TABLE batch AS
WITH added AS (
  INSERT INTO "AspNetUsers" ("Id", "DisplayName", "TimeZone", "CreatedAt", "UserName", "NormalizedUserName", "Email",
    "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed",
    "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "JournalVersion")
  SELECT gen_random_uuid()::text, 'Volume member ' || n, t."TimeZone", now(), 'volume' || n || '@bench.test',
    'VOLUME' || n || '@BENCH.TEST', 'volume' || n || '@bench.test', 'VOLUME' || n || '@BENCH.TEST', true, t."PasswordHash",
    md5(random()::text), gen_random_uuid()::text, false, false, true, 0, 1
  FROM generate_series($first, $last) AS n, (SELECT * FROM "AspNetUsers" WHERE "Id" = '$MEMBER_ID') AS t
  RETURNING "Id")
SELECT "Id" AS user_id, (hashtext("Id") & 1023) AS seed FROM added;
\i bench/volume/journal.sql
SQL
  printf '\r   %d of %d members, %d s' "$last" "$MEMBERS" $(($(date +%s) - started))
done
psql_ -c "VACUUM ANALYZE"
generated=$(($(date +%s) - started))
echo
echo "   generated in $generated s (with VACUUM ANALYZE); load average $(cut -d' ' -f1-3 /proc/loadavg)"
scenarios volume

echo "== p99 at volume against empty (goal: at most 1.5 x)"
for name in today history insights export put; do
  e=$(result "$name empty" p99_ms) v=$(result "$name volume" p99_ms)
  printf '   %-9s empty p99 %8s ms   volume p99 %8s ms   x %s\n' "$name" "$e" "$v" "$(awk -v e="$e" -v v="$v" 'BEGIN { printf "%.2f", v / e }')"
done

echo "== storage (PostgreSQL $(psql_ -At -c "show server_version"))"
psql_ -At -F ' ' <<SQL | while read -r members days values table indexes; do
SELECT (SELECT count(DISTINCT "UserId") FROM "JournalDays"),
       (SELECT count(*) FROM "JournalDays"),
       (SELECT sum(n) FROM bench_volume_values),
       pg_table_size('"JournalDays"'),
       pg_indexes_size('"JournalDays"');
SQL
  years=$(awk -v m="$members" -v d="$DAYS" 'BEGIN { printf "%.1f", m * d / 365 }')
  echo "   $members members with a journal, $days days, $values values ($(awk -v v="$values" -v d="$days" 'BEGIN { printf "%.1f", v / d }') a logged day)"
  echo "   tables $((table / 1048576)) MB, indexes $((indexes / 1048576)) MB over $years member-years:"
  awk -v t="$table" -v i="$indexes" -v y="$years" -v v="$values" 'BEGIN {
    printf "   %.0f KB per member-year (tables %.0f KB, indexes %.0f KB), %.0f bytes per value, %.0f values per member-year\n",
      (t + i) / y / 1024, t / y / 1024, i / y / 1024, (t + i) / v, v / y }'
done
psql_ -At -F ' ' -c "select relname, pg_size_pretty(pg_relation_size(oid)) from pg_class where relname in ('JournalDays', 'PK_JournalDays', 'IX_JournalDays_UserId_Date') order by relname" | sed 's/^/   /'
echo "   generation: $generated s for $MEMBERS members (goal: under 15 minutes)"
[ "$(app_unhandled)" = 0 ] || { echo "the app logged unhandled exceptions" >&2; exit 1; }
