# Shared by production.sh and soak.sh (source it from the repository root): the tools they need, the
# published Release build, a throwaway PostgreSQL cluster, app instances, an nginx reverse proxy, the seed
# data (200 approved comments, a member with a bearer token and a login cookie), wrk runs that end in one
# machine-readable RESULT line, peak RSS, and a cleanup trap that stops everything started here.
# Everything binds 127.0.0.1 only.
#
# Settings (environment):
#   PROVIDER  sqlite (default) | postgres
#   APP_DIR   an existing `dotnet publish` output to reuse instead of publishing again
#   APP_ENV   extra app settings, "Key=Value" pairs separated by spaces, given to every instance after the
#             script's own (so they win), e.g. APP_ENV="Logging__LogLevel__Default=Warning Accounts__RateLimits__LogIn__PerIp=0"
#   KEEP_WORK=1  keep the temporary directory (logs, database, nginx config) after the run

set -euo pipefail

PROVIDER=$(echo "${PROVIDER:-sqlite}" | tr '[:upper:]' '[:lower:]')
case "$PROVIDER" in sqlite | postgres) ;; *) echo "PROVIDER must be sqlite or postgres, not '$PROVIDER'" >&2; exit 2 ;; esac
SLUG=the-gut-skin-axis
PASSWORD=benchmark-password

WORK=$(mktemp -d /tmp/gutskin-load.XXXXXX)
chmod 755 "$WORK" # the postgres user and nginx's workers reach their folders through it
APP_PIDS=()
APP_PORTS=()
NGINX_PID=""
PG_BIN=""
PG_DATA=""
BACKGROUND_PIDS=() # samplers and the like, stopped first

stack_cleanup() {
  local status=$?
  set +e
  for pid in "${BACKGROUND_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null
  for pid in "${APP_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${APP_PIDS[@]}" $NGINX_PID; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null
  done
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1
  fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap stack_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# free_port FROM -> the first port from FROM upwards that nothing listens on (127.0.0.1), skipping ones handed out already
HANDED_OUT=" "
free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    case "$HANDED_OUT" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then HANDED_OUT="$HANDED_OUT$port "; echo "$port"; return; fi
  done
  echo "no free port from $1" >&2; return 1
}

# --- tools -------------------------------------------------------------------------------------
stack_tools() { # extra Debian packages the caller needs, e.g. nginx
  local missing=() want
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  [ "$PROVIDER" = postgres ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && missing+=(postgresql)
  for want in "$@"; do
    case "$want" in nginx) command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx) ;; esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "== installing ${missing[*]} from Debian"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "Missing: ${missing[*]}. Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
  fi
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is missing (see global.json)." >&2; exit 1; }
  export PATH="$PATH:/usr/sbin"
}

# --- the app -----------------------------------------------------------------------------------
stack_publish() {
  if [ -n "${APP_DIR:-}" ]; then
    [ -f "$APP_DIR/GutSkin.Web.dll" ] || { echo "APP_DIR=$APP_DIR has no GutSkin.Web.dll" >&2; exit 1; }
    echo "== using the published build in $APP_DIR"
    return
  fi
  echo "== publishing the Release build (dotnet publish -c Release -r linux-x64 --self-contained false)"
  APP_DIR="$WORK/app"
  dotnet publish src/GutSkin.Web -c Release -r linux-x64 --self-contained false -o "$APP_DIR" -nologo -v quiet >/dev/null
}

# The settings every instance gets, in order: the script's own, then APP_ENV (so APP_ENV wins).
APP_SETTINGS=()
stack_settings() { # behind_proxy: 1 when nginx forwards to the instances
  local connection
  if [ "$PROVIDER" = postgres ]; then
    connection="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=gutskin"
  else
    connection="Data Source=$WORK/gutskin.db"
  fi
  APP_SETTINGS=(
    "ASPNETCORE_ENVIRONMENT=Production"
    "Database__Provider=$([ "$PROVIDER" = postgres ] && echo Postgres || echo Sqlite)"
    "ConnectionStrings__GutSkin=$connection"
    "Email__PickupDirectory=$WORK/mail"
    # Production refuses to serve without its public address; every instance and nginx are reached as 127.0.0.1
    # (host filtering ignores the port).
    "Site__BaseUrl=http://127.0.0.1"
    "Comments__UploadDirectory=$WORK/uploads"
    # Rate limits must not shape the figures: the seeding sends 200 comments from one address, and the
    # log-in/registration limits (Accounts:RateLimits, where the build has them) are switched off (0 = none).
    "Comments__RateLimit=1000000"
    "Accounts__RateLimits__LogIn__PerIp=0" "Accounts__RateLimits__LogIn__PerAccount=0"
    "Accounts__RateLimits__Registration__PerIp=0"
    "Accounts__RateLimits__PasswordReset__PerIp=0" "Accounts__RateLimits__PasswordReset__PerAccount=0"
  )
  # nginx on 127.0.0.1 is the trusted proxy (ForwardedHeaders:KnownProxies, where the build has it).
  [ "${1:-0}" = 1 ] && APP_SETTINGS+=("ForwardedHeaders__KnownProxies__0=127.0.0.1")
  local pair
  for pair in ${APP_ENV:-}; do
    case "$pair" in *=*) APP_SETTINGS+=("$pair") ;; *) echo "APP_ENV: '$pair' is not Key=Value" >&2; exit 2 ;; esac
  done
}

# The admin account (also creates and migrates the database before any instance starts).
stack_admin() {
  echo "$PASSWORD" | (cd "$APP_DIR" && env "${APP_SETTINGS[@]}" dotnet "$APP_DIR/GutSkin.Web.dll" admin add admin@bench.test --password-stdin) >"$WORK/admin.log" 2>&1 \
    || { echo "admin add failed:" >&2; cat "$WORK/admin.log" >&2; exit 1; }
}

# Starts one more instance on a free port and waits until /health/ready answers. One at a time, so the
# first start's migrations and data-protection key are in place before the next instance starts. Like a
# deployment (docs/deploy.md), the working directory is the published folder, so its appsettings.json
# applies (log levels); every path the app writes to is set above, under $WORK.
stack_instance() {
  local n=$((${#APP_PIDS[@]} + 1)) port
  port=$(free_port $((5300 + 10 * n)))
  mkdir -p "$WORK/instance$n"
  (cd "$APP_DIR" && exec env "${APP_SETTINGS[@]}" dotnet "$APP_DIR/GutSkin.Web.dll" --urls "http://127.0.0.1:$port" >"$WORK/instance$n/app.log" 2>&1) &
  APP_PIDS+=($!)
  APP_PORTS+=("$port")
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && { echo "   instance $n: pid ${APP_PIDS[-1]}, http://127.0.0.1:$port"; return; }
    kill -0 "${APP_PIDS[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "instance $n did not become ready; its log:" >&2
  tail -n 40 "$WORK/instance$n/app.log" >&2
  exit 1
}

# --- PostgreSQL --------------------------------------------------------------------------------
stack_postgres() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_PORT=$(free_port 55632)
  PG_DATA="$WORK/pg/data"
  mkdir -p "$WORK/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust >/dev/null
  # Production-like durability: fsync and synchronous_commit keep their defaults (on). max_connections is
  # raised from 100 so two instances' connection pools (up to 100 each, Npgsql's default) fit.
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/log" -w \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=250" start >/dev/null \
    || { echo "PostgreSQL did not start:" >&2; cat "$WORK/pg/log" >&2; exit 1; }
  local show
  show=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -At -c "select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers'), current_setting('max_connections')")
  IFS='|' read -r v f s b m <<<"$show"
  echo "== PostgreSQL $v on 127.0.0.1:$PG_PORT (throwaway cluster): fsync=$f, synchronous_commit=$s (production-like durability: every commit waits for its WAL flush), shared_buffers=$b, max_connections=$m"
}

# --- nginx -------------------------------------------------------------------------------------
# stack_nginx PORT... : a reverse proxy on a free loopback port in front of the given app ports. Runs in
# the foreground (daemon off) as a child of this script, as the current user, with its config, pid, logs
# and temp paths under $WORK/nginx. Sets NGINX_URL.
stack_nginx() {
  local dir="$WORK/nginx" port servers="" p user=""
  mkdir -p "$dir"
  port=$(free_port 5390)
  for p in "$@"; do servers="$servers    server 127.0.0.1:$p;"$'\n'; done
  # As root, nginx would hand its workers to "nobody"; keep them with the current user instead.
  [ "$(id -u)" = 0 ] && user="user $(id -un) $(id -gn);"
  cat >"$dir/nginx.conf" <<CONF
$user
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  # Status and upstream of every request, for the per-instance split and status counts at the end.
  log_format load '\$status \$upstream_addr \$request_method \$request_time';
  access_log $dir/access.log load buffer=256k flush=2s;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  upstream gutskin {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://gutskin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # Room for the article page (~160 KB) in memory rather than a temp file.
      proxy_buffer_size 16k;
      proxy_buffers 32 16k;
    }
  }
}
CONF
  nginx -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || { cat "$dir/error.log" >&2; exit 1; }
  nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  NGINX_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 50); do curl -sf -o /dev/null "$NGINX_URL/health/live" && break; sleep 0.2; done
  curl -sf -o /dev/null "$NGINX_URL/health/ready" || { echo "nginx does not answer:" >&2; cat "$dir/error.log" >&2; exit 1; }
  echo "   nginx: pid $NGINX_PID, $NGINX_URL -> $* (keepalive 64, X-Forwarded-For/Proto)"
}

# Per upstream and per status, from nginx's access log since byte OFFSET (the log is buffered: flushed on reopen).
nginx_split() { # OFFSET
  kill -USR1 "$NGINX_PID" 2>/dev/null; sleep 0.5 # reopen = flush the buffer
  tail -c +"$(($1 + 1))" "$WORK/nginx/access.log" | awk '
    { n[$2]++; s[$1]++; t++ }
    END { printf "   via nginx: %d requests;", t; for (u in n) printf " %s %.0f%%", u, 100 * n[u] / t; printf "; status"; for (c in s) printf " %s:%d", c, s[c]
          if (s["499"]) printf " (499: wrk closed those connections when its run ended)"; printf "\n" }'
}
nginx_log_size() { kill -USR1 "$NGINX_PID" 2>/dev/null; sleep 0.5; stat -c %s "$WORK/nginx/access.log" 2>/dev/null || echo 0; }

# --- seed data ---------------------------------------------------------------------------------
# seed_comments URL: 200 comments on the starter article through the API, approved by the admin.
seed_comments() {
  local b=$1 token i id
  token=$(curl -sf -X POST "$b/api/auth/login" -H 'content-type: application/json' -d "{\"email\":\"admin@bench.test\",\"password\":\"$PASSWORD\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  for i in $(seq 1 200); do
    id=$(curl -sf -X POST "$b/api/articles/$SLUG/comments" -H 'content-type: application/json' \
      -d "{\"name\":\"Reader $i\",\"email\":\"reader$i@bench.test\",\"body\":\"Comment number $i. I logged my redness for six weeks, notes at https://example.org/notes/$i\\n\\nA second paragraph for comment $i.\"}" \
      | sed -E 's/.*"id":([0-9]+).*/\1/')
    curl -sf -o /dev/null -X POST "$b/api/moderation/comments/$id/approve" -H "Authorization: Bearer $token"
  done
  local approved
  approved=$(curl -sf "$b/api/articles/$SLUG/comments" | grep -o '"id"' | wc -l)
  [ "$approved" -ge 200 ] || { echo "only $approved approved comments" >&2; exit 1; }
  echo "   article /blog/$SLUG: $approved approved comments, page $(curl -sf "$b/blog/$SLUG" | wc -c) bytes"
}

source bench/load/confirm.sh

# seed_member URL: registers member@bench.test, logs today's 20 values, and sets TOKEN (bearer, through
# /api/auth/login) and COOKIE (the Cookie header after signing in through the real login form with its
# antiforgery token, as a browser does).
seed_member() {
  local b=$1 jar="$WORK/cookies.txt" form verification
  curl -sf -o /dev/null -X POST "$b/api/auth/register" -H 'content-type: application/json' -d "{\"email\":\"member@bench.test\",\"password\":\"$PASSWORD\"}"
  confirm member@bench.test "$b"
  TOKEN=$(curl -sf -X POST "$b/api/auth/login" -H 'content-type: application/json' -d "{\"email\":\"member@bench.test\",\"password\":\"$PASSWORD\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  curl -sf -o /dev/null -X PUT "$b/api/journal/$(date -u +%F)" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d '{"values":{"redness":3,"breakouts":2,"dryness":4,"eczema":1,"psoriasis":0,"itch":2,"bloating":3,"constipation":1,"irregular_digestion":2,"stool_form":4,"probiotic_supplement":1,"fermented_foods":2,"prebiotic_foods":3,"sugary_foods":1,"processed_foods":2,"water":1.75,"stress":5,"sleep":7.5,"antibiotics":0,"illness":0},"note":"a day"}'
  form=$(curl -sf -c "$jar" -b "$jar" "$b/account/login")
  verification=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | sed -E 's/.*value="([^"]*)"/\1/' | head -n 1)
  [ -n "$verification" ] || verification=$(grep -o '__RequestVerificationToken[^>]*value="[^"]*"' <<<"$form" | sed -E 's/.*value="([^"]*)"/\1/' | head -n 1)
  [ -n "$verification" ] || { echo "no antiforgery token in the login form" >&2; exit 1; }
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -X POST "$b/account/login" \
    --data-urlencode "Input.Email=member@bench.test" --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$verification")
  [ "$status" = 302 ] || { echo "signing in through the form answered $status, not 302" >&2; exit 1; }
  # Netscape cookie-jar lines: domain, flag, path, secure, expiry, name, value (#HttpOnly_ prefixes the domain).
  COOKIE=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
  grep -q 'gutskin.auth' <<<"$COOKIE" || { echo "no gutskin.auth cookie after signing in" >&2; exit 1; }
  check_page "$b/today" "$COOKIE" "Today"
  echo "   member: bearer token, and a login cookie from the login form; /today answers 200 signed in"
}

# check_page URL COOKIE TITLE: the page answers 200 (no redirect to the login form) with TITLE in it.
check_page() {
  local status
  status=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -H "Cookie: $2" "$1")
  [ "$status" = 200 ] && grep -q "$3" "$WORK/page.html" || { echo "$1 answered $status (expected 200 with '$3')" >&2; exit 1; }
}

# --- measuring ---------------------------------------------------------------------------------
# run_wrk NAME CONNECTIONS SECONDS URL LUA [extra wrk args]: wrk -t2 --latency; keeps wrk's own output in
# $WORK/wrk-NAME.txt and appends "NAME <RESULT fields>" to $WORK/results.txt.
run_wrk() {
  local name=$1 conns=$2 secs=$3 url=$4 lua=$5
  shift 5
  local out="$WORK/wrk-${name//[^A-Za-z0-9_.-]/_}.txt"
  wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$lua" "$@" "$url" >"$out" 2>&1 || { echo "wrk failed:" >&2; cat "$out" >&2; exit 1; }
  local line
  line=$(grep '^RESULT ' "$out" | tail -n 1)
  [ -n "$line" ] || { echo "wrk printed no RESULT line:" >&2; cat "$out" >&2; exit 1; }
  echo "$name ${line#RESULT }" >>"$WORK/results.txt"
  printf '   %-44s %9s req/s  p50 %7s ms  p99 %7s ms  non-2xx/3xx %s  socket errors %s\n' \
    "$name" "$(result "$name" rps)" "$(result "$name" p50_ms)" "$(result "$name" p99_ms)" "$(result "$name" status_errors)" "$(result "$name" socket_errors)"
}

# result NAME FIELD: one field (rps, p50_ms, status_errors, ...) of run NAME's line in $WORK/results.txt
result() {
  local line
  line=$(grep -F "$1 requests=" "$WORK/results.txt" | tail -n 1)
  sed -E "s/.* $2=([^ ]+).*/\1/" <<<" ${line#"$1"}"
}

# VmHWM / VmRSS of a pid in MB
peak_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

# Unhandled exceptions in the instances' logs (the exception handlers and Kestrel say "unhandled exception";
# crit is fatal; plain console lines or JSON lines): these are app errors whatever the client saw.
app_unhandled() {
  cat "$WORK"/instance*/app.log | grep -ciE '^crit:|"LogLevel": ?"Critical"|unhandled exception' || true
}
# Other error-level lines. EF Core logs "An error occurred using a transaction" (TransactionError, 20205) at
# error level when a request's transaction is cancelled because its client went away: wrk closes its
# connections with requests in flight when a run ends (nginx logs those as 499, PostgreSQL as "canceling
# statement due to user request"). They are shown, not counted as failures.
app_other_errors() {
  cat "$WORK"/instance*/app.log | grep -E '^fail:|"LogLevel": ?"Error"' | grep -vciE 'unhandled exception' || true
}
