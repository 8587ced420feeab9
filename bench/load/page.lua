-- wrk script: GET the URL given to wrk, with the Cookie header from the COOKIE environment variable when it
-- is set (a signed-in page), and a RESULT line at the end (report.lua).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")
local cookie = os.getenv("COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
