-- wrk script for Kavach workloads (driven by bench/run.py).
--
--   wrk -t2 -c64 -d20s --latency -s bench/lua/kavach.lua http://127.0.0.1:PORT -- METHOD PATH FILE TOKEN
--
-- FILE has one entry per line: for POST a JSON request body, for GET a path with its query string (PATH is then
-- ignored). Each thread cycles through the entries, starting at a different offset.
-- Every response is classified: "ok" (2xx and the body has "errors":null, MOSIP's success marker), "business"
-- (2xx but errors filled in: MOSIP answers business errors with HTTP 200) or "non2xx". done() prints one line
-- "WRKJSON {...}" with the counts, totals and latency percentiles (microseconds) for bench/run.py to parse.

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("tid", counter)
   table.insert(threads, thread)
end

local requests = {}
local index = 1
ok = 0
business = 0
non2xx = 0
sample = ""

function init(args)
   local method, path, file, token = args[1], args[2], args[3], args[4]
   local headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json",
   }
   for line in io.lines(file) do
      if #line > 0 then
         if method == "GET" then
            table.insert(requests, wrk.format("GET", line, { ["Authorization"] = headers["Authorization"] }, nil))
         else
            table.insert(requests, wrk.format(method, path, headers, line))
         end
      end
   end
   if #requests == 0 then
      error("no requests in " .. file)
   end
   index = ((tid or 1) * 7919) % #requests + 1
end

function request()
   local r = requests[index]
   index = index + 1
   if index > #requests then
      index = 1
   end
   return r
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      if body ~= nil and string.find(body, '"errors":null', 1, true) then
         ok = ok + 1
      else
         business = business + 1
         if sample == "" and body ~= nil then
            sample = string.sub(body, 1, 300)
         end
      end
   else
      non2xx = non2xx + 1
      if sample == "" and body ~= nil then
         sample = "HTTP " .. status .. " " .. string.sub(body, 1, 300)
      end
   end
end

local function escape(s)
   return (string.gsub(s, '[%c"\\]', function(c)
      return string.format("\\u%04x", string.byte(c))
   end))
end

function done(summary, latency, requests_stats)
   local total_ok, total_business, total_non2xx = 0, 0, 0
   local first_sample = ""
   for _, thread in ipairs(threads) do
      total_ok = total_ok + (thread:get("ok") or 0)
      total_business = total_business + (thread:get("business") or 0)
      total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
      local s = thread:get("sample")
      if first_sample == "" and s ~= nil and s ~= "" then
         first_sample = s
      end
   end
   local e = summary.errors
   io.write(string.format(
      'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"ok":%d,"business_errors":%d,"non2xx":%d,' ..
      '"socket_connect":%d,"socket_read":%d,"socket_write":%d,"socket_timeout":%d,"status_errors":%d,' ..
      '"lat_mean_us":%.1f,"lat_max_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"sample":"%s"}\n',
      summary.requests, summary.duration, summary.bytes, total_ok, total_business, total_non2xx,
      e.connect, e.read, e.write, e.timeout, e.status,
      latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency:percentile(99.9), escape(first_sample)))
end
