-- wrk script: PUT /api/journal/{date} with 20 values, a different day on every request.
-- The bearer token comes from the TOKEN environment variable.
local token = os.getenv("TOKEN")
local counter = 0
local body = '{"values":{"redness":3,"breakouts":2,"dryness":4,"eczema":1,"psoriasis":0,"itch":2,' ..
  '"bloating":3,"constipation":1,"irregular_digestion":2,"stool_form":4,"probiotic_supplement":1,' ..
  '"fermented_foods":2,"prebiotic_foods":3,"sugary_foods":1,"processed_foods":2,"water":1.75,' ..
  '"stress":5,"sleep":7.5,"antibiotics":0,"illness":0},"note":"benchmark day"}'

function setup(thread)
  thread:set("offset", counter * 4000)
  counter = counter + 1
end

local n = 0
function request()
  n = n + 1
  -- Days from 2000-01-01 onward; each thread owns its own range so writes spread over many rows.
  local t = os.time({year = 2000, month = 1, day = 1, hour = 12}) + ((offset or 0) + (n % 3000)) * 86400
  local path = "/api/journal/" .. os.date("!%Y-%m-%d", t)
  return wrk.format("PUT", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

-- One machine-readable RESULT line at the end, with the status and socket errors (report.lua).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")
