-- wrk script for the payment benchmark (run by benchmark/bench.py, see docs/benchmarks.md).
--
-- Every request pays one pay order: POST /pay-orders/{id}/balance-payments {"password":...}.
-- Pay orders are one-shot, so the ids come from a file prepared beforehand (one id a line) and each
-- wrk thread takes its own share: thread t of T pays the ids at positions t, t+T, t+2T, ...
-- A thread that runs out of ids stops (and the run is flagged as exhausted by bench.py).
--
-- Environment: BENCH_IDS_FILE (the ids), BENCH_PASSWORD (the users' pay password),
--              BENCH_RESULT_FILE (where done() writes the JSON summary).

local threads = {}
local counter = 0

function setup(thread)
   thread:set("index", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   ids = {}
   sent = 0
   ok = 0
   exhausted = 0
   statuses = {}
   paid = {}
   local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
   local i = 0
   for line in io.lines(os.getenv("BENCH_IDS_FILE")) do
      if line ~= "" then
         if i % nthreads == index then
            ids[#ids + 1] = line
         end
         i = i + 1
      end
   end
   body = '{"password":"' .. os.getenv("BENCH_PASSWORD") .. '"}'
   headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
end

function request()
   if sent >= #ids then
      exhausted = 1
      wrk.thread:stop()
      -- wrk wants a request from this call; this one is harmless and counted apart by bench.py
      return wrk.format("GET", "/mode")
   end
   sent = sent + 1
   return wrk.format("POST", "/pay-orders/" .. ids[sent] .. "/balance-payments", headers, body)
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if status == 200 then
      local no = string.match(body, '"payOrderNo":"([^"]+)"')
      if no then
         ok = ok + 1
         paid[ok] = no
      end
   end
end

local function quote(s)
   return '"' .. string.gsub(tostring(s), '"', '\\"') .. '"'
end

function done(summary, latency, requests)
   local out = assert(io.open(os.getenv("BENCH_RESULT_FILE"), "w"))
   local paid_out = assert(io.open(os.getenv("BENCH_RESULT_FILE") .. ".paid", "w"))
   local status_total = {}
   local sent_total, ok_total, exhausted_threads = 0, 0, 0
   local sent_per_thread = {}
   for _, thread in ipairs(threads) do
      local s = thread:get("sent") or 0
      sent_total = sent_total + s
      sent_per_thread[#sent_per_thread + 1] = tostring(s)
      ok_total = ok_total + (thread:get("ok") or 0)
      exhausted_threads = exhausted_threads + (thread:get("exhausted") or 0)
      for k, v in pairs(thread:get("statuses") or {}) do
         status_total[k] = (status_total[k] or 0) + v
      end
      for _, no in ipairs(thread:get("paid") or {}) do
         paid_out:write(no, "\n")
      end
   end
   paid_out:close()
   local st = {}
   for k, v in pairs(status_total) do
      st[#st + 1] = quote(k) .. ":" .. v
   end
   local e = summary.errors
   out:write("{",
      '"duration_us":', summary.duration, ",",
      '"requests":', summary.requests, ",",
      '"bytes":', summary.bytes, ",",
      '"sent":', sent_total, ",",
      '"sent_per_thread":[', table.concat(sent_per_thread, ","), "],",
      '"ok":', ok_total, ",",
      '"exhausted_threads":', exhausted_threads, ",",
      '"errors":{"connect":', e.connect, ',"read":', e.read, ',"write":', e.write,
      ',"status":', e.status, ',"timeout":', e.timeout, "},",
      '"statuses":{', table.concat(st, ","), "},",
      '"latency_us":{"min":', latency.min, ',"mean":', latency.mean, ',"max":', latency.max,
      ',"p50":', latency:percentile(50), ',"p90":', latency:percentile(90),
      ',"p95":', latency:percentile(95), ',"p99":', latency:percentile(99), "}",
      "}\n")
   out:close()
end
