-- One page under load for wrk (bench/web_latency.py runs it): every request carries the session cookie given
-- after `--`, answers other than 200 are counted (a lost session would answer 302), and the latency
-- percentiles are printed as one line starting with "JSON ".
-- Usage: wrk -t 1 -c 10 -d 30s --timeout 30s -s bench/wrk_page.lua http://127.0.0.1:PORT/PATH -- "name=value"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["Cookie"] = args[1]
  request_text = wrk.format("GET")
  not_200 = 0
end

function request()
  return request_text
end

function response(status, headers, body)
  if status ~= 200 then
    not_200 = not_200 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_200")
  end
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "not_200": %d, "socket_errors": %d, "timeouts": %d, ' ..
    '"mean_us": %.1f, "median_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, bad, e.connect + e.read + e.write, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max))
end
