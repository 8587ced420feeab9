#!/usr/bin/env bash
# Skin photos against the published Release build on 127.0.0.1 with SQLite: the app's peak resident memory (VmHWM)
# after start, after one upload of a 12-megapixel JPEG, and after 4 more uploads at once (the issue's 300 MB goal),
# then the time to serve a thumbnail (wrk, one connection, 10 s; the owner's bearer token).
# VIA=page sends the uploads through the capture page (/photos/add: login cookie and antiforgery token, as a phone's
# browser does) instead of POST /api/photos.
# Usage: bench/load/photos.sh    or    VIA=page bench/load/photos.sh
cd "$(dirname "$0")/../.."
source bench/load/common.sh
dotnet run -c Release --project bench/GutSkin.Benchmarks -- --write-photo "$WORK/photo.jpg" >/dev/null
TOKEN=$(register photographer@bench.test)
peak() { awk '/^VmHWM:/ { printf "%.0f MB", $2 / 1024 }' "/proc/$1/status"; }
# common.sh starts the app with exec in its subshell: $APP is the app itself.
PID=$APP
upload() { # DATE -> status and time
  curl -s -o /dev/null -w "%{http_code} in %{time_total} s\n" -X POST "$B/api/photos" -H "Authorization: Bearer $TOKEN" \
    -F "file=@$WORK/photo.jpg;type=image/jpeg" -F "date=$1" -F "area=face"
}
if [ "${VIA:-api}" = page ]; then
  JAR=$WORK/cookies.txt
  token_of() { grep -o '__RequestVerificationToken[^>]*value="[^"]*"' | sed -E 's/.*value="([^"]*)"/\1/' | head -n 1; }
  curl -sf -o /dev/null -c "$JAR" -b "$JAR" -X POST "$B/account/login" --data-urlencode "Input.Email=photographer@bench.test" \
    --data-urlencode "Input.Password=benchmark-password" --data-urlencode "__RequestVerificationToken=$(curl -sf -c "$JAR" -b "$JAR" "$B/account/login" | token_of)"
  FORM_TOKEN=$(curl -sf -c "$JAR" -b "$JAR" "$B/photos/add" | token_of)
  upload() { # the browser's order: the token comes last
    curl -s -o /dev/null -w "%{http_code} in %{time_total} s\n" -X POST "$B/photos/add" -b "$JAR" \
      -F "date=$1" -F "file=@$WORK/photo.jpg;type=image/jpeg" -F "area=face" -F "__RequestVerificationToken=$FORM_TOKEN"
  }
fi
echo "== $(($(wc -c < "$WORK/photo.jpg") / 1024)) KiB, 4000x3000 JPEG, uploaded through the ${VIA:-api}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "peak after start: $(peak "$PID")"
echo "one upload: $(upload 2026-06-13)"
echo "peak after one upload: $(peak "$PID")"
uploads=()
for _ in 1 2 3 4; do upload 2026-06-14 & uploads+=($!); done
wait "${uploads[@]}" # not a bare wait: the app is a background job of this shell too
echo "peak after 4 uploads at once: $(peak "$PID")"
ID=$(curl -sf "$B/api/photos?from=2026-06-13&to=2026-06-13" -H "Authorization: Bearer $TOKEN" | jq -r '.[0].id')
cat > "$WORK/thumb.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
echo "== thumbnail $ID, wrk -t1 -c1 -d10s"
wrk -t1 -c1 -d10s --latency -s "$WORK/thumb.lua" "$B/api/photos/$ID/thumb" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
echo "peak at the end: $(peak "$PID")"
