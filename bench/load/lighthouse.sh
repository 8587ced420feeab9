#!/usr/bin/env bash
# Lighthouse 12 in its default mobile mode (Moto G emulation, simulated slow 4G and 4x CPU slowdown) with Debian's
# Chromium, against the Release build on 127.0.0.1: Today, History and Insights for a member with the self-check's
# 12-item plan and 120 logged days. Prints each page's performance and accessibility scores, what its first load
# transfers and its largest contentful paint. Lighthouse comes from npm (LIGHTHOUSE=/path/to/lighthouse to reuse one;
# KEEP_REPORTS=DIR keeps the JSON reports).
# Usage: bench/load/lighthouse.sh
cd "$(dirname "$0")/../.."
source bench/load/common.sh
LH=${LIGHTHOUSE:-$WORK/lh/node_modules/.bin/lighthouse}
[ -x "$LH" ] || npm install --prefix "$WORK/lh" --no-audit --no-fund lighthouse@12 >/dev/null
TOKEN=$(register lighthouse@bench.test)
H="Authorization: Bearer $TOKEN"
ITEMS='"redness","breakouts","bloating","constipation","stool_form","probiotic_supplement","fermented_foods","prebiotic_foods","sugary_foods","processed_foods","water","stress"'
curl -sf -o /dev/null -X PUT "$B/api/plan" -H "$H" -H 'content-type: application/json' -d "{\"items\":[$ITEMS]}"
python3 - "$WORK/days.csv" <<'EOF'
import csv, datetime, random, sys
random.seed(12)
today = datetime.date.today()
with open(sys.argv[1], "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["date", "item", "value"])
    for back in range(120, 0, -1):
        day = (today - datetime.timedelta(days=back)).isoformat()
        for key in ["redness", "breakouts", "bloating", "constipation", "stress"]:
            out.writerow([day, key, random.randint(0, 8)])
        out.writerow([day, "stool_form", random.randint(2, 6)])
        out.writerow([day, "probiotic_supplement", random.randint(0, 1)])
        for key in ["fermented_foods", "prebiotic_foods", "sugary_foods", "processed_foods"]:
            out.writerow([day, key, random.randint(0, 3)])
        out.writerow([day, "water", random.choice([1, 1.5, 2, 2.5])])
EOF
curl -sf -o /dev/null -X POST "$B/api/journal/import" -H "$H" -H 'content-type: text/csv' --data-binary @"$WORK/days.csv"
for page in today history insights; do
  CHROME_PATH=${GUTSKIN_CHROMIUM:-/usr/bin/chromium} "$LH" "$B/$page" --quiet --chrome-flags="--headless=new --no-sandbox" \
    --extra-headers "{\"Authorization\":\"Bearer $TOKEN\"}" --only-categories=performance,accessibility \
    --output=json --output-path="$WORK/$page.json" >/dev/null 2>&1 || { echo "lighthouse failed on /$page"; continue; }
  [ -z "${KEEP_REPORTS:-}" ] || { mkdir -p "$KEEP_REPORTS"; cp "$WORK/$page.json" "$KEEP_REPORTS/"; }
  python3 - "$WORK/$page.json" "$page" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]
print(f"/{sys.argv[2]}: performance {round(r['categories']['performance']['score'] * 100)}, "
      f"accessibility {round(r['categories']['accessibility']['score'] * 100)}, "
      f"first load {a['total-byte-weight']['numericValue'] / 1024:.1f} KB transferred, "
      f"LCP {a['largest-contentful-paint']['numericValue'] / 1000:.2f} s, TBT {a['total-blocking-time']['numericValue']:.0f} ms, "
      f"CLS {a['cumulative-layout-shift']['numericValue']:.3f}")
for ref in r["categories"]["accessibility"]["auditRefs"]:
    audit = a[ref["id"]]
    if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
        items = audit.get("details", {}).get("items", [])
        where = "; ".join(i.get("node", {}).get("snippet", "")[:120] for i in items[:3])
        print(f"  accessibility: {ref['id']} ({audit['title']}): {where}")
EOF
done
# A repeat visit: the same profile as a first visit to /today (service worker installed, its files cached), then Today again.
PROFILE="$WORK/profile"
for run in first repeat; do
  CHROME_PATH=${GUTSKIN_CHROMIUM:-/usr/bin/chromium} "$LH" "$B/today" --quiet --disable-storage-reset \
    --chrome-flags="--headless=new --no-sandbox --user-data-dir=$PROFILE" \
    --extra-headers "{\"Authorization\":\"Bearer $TOKEN\"}" --only-categories=performance \
    --output=json --output-path="$WORK/today-$run.json" >/dev/null 2>&1 || { echo "lighthouse failed on the $run visit"; continue; }
  python3 - "$WORK/today-$run.json" "$run" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["audits"]
print(f"/today, {sys.argv[2]} visit with one profile: {a['total-byte-weight']['numericValue'] / 1024:.1f} KB transferred, "
      f"FCP {a['first-contentful-paint']['numericValue'] / 1000:.2f} s, LCP {a['largest-contentful-paint']['numericValue'] / 1000:.2f} s")
PY
done
