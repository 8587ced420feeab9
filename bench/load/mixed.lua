-- wrk script for the soak: a mixed workload in turn on each thread — the article page (anonymous, no
-- cookie), the Today page (signed in: Cookie header from COOKIE) and PUT /api/journal/{date} with 20
-- values (bearer token from TOKEN) — one third each.
--
-- Pacing: when RATE_PER_THREAD is set (requests per second for each wrk thread), every thread keeps a
-- schedule of evenly spaced send times and wrk's delay() holds each request until its slot, so the
-- thread sends at that rate whatever the number of connections (as long as enough connections are
-- free, i.e. rate x latency < connections per thread). If the app falls behind, at most one second of
-- missed slots is made up at once. Latency is measured by wrk from the moment the request is sent, not
-- from its slot (no coordinated-omission correction, unlike wrk2).
-- Without RATE_PER_THREAD it is a plain closed loop (as fast as the app answers): the peak run.
--
-- It also counts responses per status class (1xx-5xx) and adds them to the RESULT line (report.lua);
-- a redirect here means a lost sign-in, so the soak counts 3xx as errors too.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local slug = os.getenv("SLUG") or "the-gut-skin-axis"
local cookie = os.getenv("COOKIE") or ""
local token = os.getenv("TOKEN") or ""
local rate = tonumber(os.getenv("RATE_PER_THREAD") or "")
local body = '{"values":{"redness":3,"breakouts":2,"dryness":4,"eczema":1,"psoriasis":0,"itch":2,' ..
  '"bloating":3,"constipation":1,"irregular_digestion":2,"stool_form":4,"probiotic_supplement":1,' ..
  '"fermented_foods":2,"prebiotic_foods":3,"sugary_foods":1,"processed_foods":2,"water":1.75,' ..
  '"stress":5,"sleep":7.5,"antibiotics":0,"illness":0},"note":"soak day"}'

local threads = {}
local counter = 0
function setup(thread)
  thread:set("offset", counter * 4000)
  counter = counter + 1
  table.insert(threads, thread)
end

local n = 0
function request()
  n = n + 1
  local kind = n % 3
  if kind == 1 then
    return wrk.format("GET", "/blog/" .. slug, {})
  elseif kind == 2 then
    return wrk.format("GET", "/today", { ["Cookie"] = cookie })
  end
  -- Days from 2000-01-01 onward; each thread owns its range and goes round 3,000 days, so the member's
  -- journal stops growing after a while (updates from then on) and memory is not blurred by data growth.
  local t = os.time({ year = 2000, month = 1, day = 1, hour = 12 }) + ((offset or 0) + (n % 3000)) * 86400
  return wrk.format("PUT", "/api/journal/" .. os.date("!%Y-%m-%d", t), {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

c1, c2, c3, c4, c5 = 0, 0, 0, 0, 0
function response(status, headers, body)
  if status < 200 then c1 = c1 + 1
  elseif status < 300 then c2 = c2 + 1
  elseif status < 400 then c3 = c3 + 1
  elseif status < 500 then c4 = c4 + 1
  else c5 = c5 + 1 end
end

function status_classes()
  local t = { 0, 0, 0, 0, 0 }
  for _, thread in ipairs(threads) do
    for i = 1, 5 do t[i] = t[i] + (thread:get("c" .. i) or 0) end
  end
  return string.format(" s1xx=%d s2xx=%d s3xx=%d s4xx=%d s5xx=%d", t[1], t[2], t[3], t[4], t[5])
end

if rate and rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } gutskin_timespec;
    int clock_gettime(int clock_id, gutskin_timespec *tp);
  ]]
  local ts = ffi.new("gutskin_timespec")
  local function now() -- CLOCK_MONOTONIC, seconds
    ffi.C.clock_gettime(1, ts)
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
  end
  local interval = 1 / rate
  local slot = nil
  function delay()
    local t = now()
    if slot == nil or slot < t - 1 then slot = math.max(slot or t, t - 1) end
    local wait = slot - t
    slot = slot + interval
    if wait <= 0 then return 0 end
    return math.floor(wait * 1000 + 0.5)
  end
end
