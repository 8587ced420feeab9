#!/usr/bin/env bash
# Article page speed against the Release build on 127.0.0.1 (SQLite): the starter article with 200
# approved comments, served by the app and, side by side, a saved copy of the same page served by
# nginx (wrk -t2 -c64, 10 s each, loopback). Usage: bench/load/article.sh  (PORT=5199 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-5199}
NGINX_PORT=$((PORT + 1))
WORK=$(mktemp -d /tmp/gutskin-article-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers read the saved page from here
B="http://127.0.0.1:$PORT"
SLUG=the-gut-skin-axis
APP=""
cleanup() {
  [ -f "$WORK/nginx.pid" ] && nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
  [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet publish src/GutSkin.Web -c Release -o "$WORK/app" -nologo -v quiet >/dev/null
export ConnectionStrings__GutSkin="Data Source=$WORK/gutskin.db" Email__PickupDirectory="$WORK/mail" Comments__UploadDirectory="$WORK/uploads" \
  Comments__RateLimit=100000 Comments__BackgroundJobs=false Logging__LogLevel__Default=Warning \
  Site__BaseUrl="$B" # Production refuses to serve without its public address; other Host headers get 400
echo "benchmark-password" | dotnet "$WORK/app/GutSkin.Web.dll" admin add admin@bench.test --password-stdin >/dev/null
(cd "$WORK" && exec dotnet app/GutSkin.Web.dll --urls "$B" > "$WORK/app.log" 2>&1) &
APP=$!
for _ in $(seq 1 120); do curl -sf "$B/" -o /dev/null && break; sleep 0.5; done

# 200 comments through the API, approved by the admin through the moderation API.
TOKEN=$(curl -sf -X POST "$B/api/auth/login" -H 'content-type: application/json' -d '{"email":"admin@bench.test","password":"benchmark-password"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
for i in $(seq 1 200); do
  id=$(curl -sf -X POST "$B/api/articles/$SLUG/comments" -H 'content-type: application/json' \
    -d "{\"name\":\"Reader $i\",\"email\":\"reader$i@bench.test\",\"body\":\"Comment number $i. I logged my redness for six weeks, notes at https://example.org/notes/$i\\n\\nA second paragraph for comment $i.\"}" \
    | sed -E 's/.*"id":([0-9]+).*/\1/')
  curl -sf -o /dev/null -X POST "$B/api/moderation/comments/$id/approve" -H "Authorization: Bearer $TOKEN"
done
echo "approved comments: $(curl -sf "$B/api/articles/$SLUG/comments" | grep -o '"id"' | wc -l)"

mkdir -p "$WORK/www/blog"
curl -sf "$B/blog/$SLUG" -o "$WORK/www/blog/$SLUG.html"
echo "page size: $(wc -c < "$WORK/www/blog/$SLUG.html") bytes"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { default_type text/html; try_files \$uri.html =404; }
  }
}
CONF
nginx -c "$WORK/nginx.conf"
curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/blog/$SLUG"

echo "== warm-up"
wrk -t2 -c64 -d3s "$B/blog/$SLUG" >/dev/null
echo "== the app: GET /blog/$SLUG"
wrk -t2 -c64 -d10s --latency "$B/blog/$SLUG"
echo "== nginx: the saved copy"
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$NGINX_PORT/blog/$SLUG"
