-- Shared by the wrk scripts (dofile'd): at the end of a run, one machine-readable line that the shell
-- scripts read. wrk counts a response with a status of 400 or more as a status error ("non-2xx/3xx");
-- socket errors are connect, read, write and timeout errors. Latencies come from wrk's histogram, in ms.
function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local extra = ""
  if status_classes then extra = status_classes() end
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f status_errors=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, extra))
end
