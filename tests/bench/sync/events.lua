-- wrk: authenticated reads of GET /v1/events (a desktop catching up: a page of 20 after id 0).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "GET"
wrk.path = "/v1/events?after=0&limit=20"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
