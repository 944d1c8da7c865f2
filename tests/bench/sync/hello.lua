-- wrk: GET /bench/hello (serve --bench-routes), the ceiling of the same server in the same run.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "GET"
wrk.path = "/bench/hello"
