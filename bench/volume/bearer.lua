-- wrk script: GET the URL given to wrk with the bearer token from the TOKEN environment variable, and a RESULT
-- line at the end (report.lua).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "../load/report.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
