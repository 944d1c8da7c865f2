-- wrk: Strava webhook POSTs, each a new activity with an object id no other request (thread, or run: RUN_BASE) uses,
-- so that every request is a durable write and none is taken for a retry.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local index = 0
function setup(thread)
  thread:set("base", tonumber(os.getenv("RUN_BASE")) + index * 100000000)
  index = index + 1
end
function init(args)
  counter = 0
  path = "/strava/webhook/" .. os.getenv("WEBHOOK_PATH")
  owner = os.getenv("OWNER_ID")
end
function request()
  counter = counter + 1
  local body = string.format('{"object_type":"activity","object_id":%d,"aspect_type":"create","owner_id":%s,' ..
                             '"subscription_id":1,"event_time":1516126040,"updates":{}}', base + counter, owner)
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
