#!/usr/bin/env bash
# Throughput cost of journal.durability: process vs fsync, measured in one run.
#
#   bench/durability-cost.sh [--count 1000000] [--rounds 3]
#
# For each round and each mode (alternating, so both see the same machine), starts `watchfloor serve` (the runnable
# jar, the shipped inventory and rules, free loopback ports) on a fresh data directory with
# journal.durability set, runs the load generator over HTTP (--count events, batches of 1000, 4 clients, flat out,
# acknowledged after the journal append - and with fsync after the group commit), reads the sync count from
# /api/stats and stops the server with SIGTERM. Writes bench/target/durability-cost/results.tsv (one line per run)
# and summary.json (median events/s and ack latency per mode, fsync's cost relative to process), and prints both.
# Builds the jars offline unless SKIP_BUILD=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count=1000000
rounds=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        *) echo "error: $1 (expected: --count N or --rounds N)" >&2; exit 2 ;;
    esac
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    ./mvnw -B -q -o -pl server,bench -am package -DskipTests
fi

out=bench/target/durability-cost
rm -rf "$out"
mkdir -p "$out"
server_pid=
cleanup() { [[ -n "$server_pid" ]] && kill -9 "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

printf 'round\tmode\tevents\trate_per_sec\tack_p50_us\tack_p99_us\tsyncs\tevents_per_sync\tmean_sync_ms\n' \
    > "$out/results.tsv"
for round in $(seq 1 "$rounds"); do
    for mode in process fsync; do
        run="$out/$round-$mode"
        mkdir -p "$run"
        cat > "$run/watchfloor.yaml" <<YAML
listeners:
  syslog: {bind_address: 127.0.0.1, tcp_port: 0, udp_port: 0}
  http: {bind_address: 127.0.0.1, port: 0}
api: {bind_address: 127.0.0.1, port: 0}
journal: {durability: $mode}
coverage: {inventory: "$root/config/inventory.yaml"}
detection: {rules: "$root/config/rules"}
YAML
        java -jar server/target/watchfloor.jar serve --config "$run/watchfloor.yaml" --data-dir "$run/data" \
            > "$run/server.log" 2>&1 &
        server_pid=$!
        for _ in $(seq 1 600); do
            grep -q "Watchfloor ready" "$run/server.log" && break
            kill -0 "$server_pid" 2>/dev/null || { cat "$run/server.log" >&2; exit 1; }
            sleep 0.1
        done
        ready=$(grep "Watchfloor ready" "$run/server.log")
        http_port=$(sed -n 's/.* http=\([0-9]*\) .*/\1/p' <<< "$ready")
        api_port=$(sed -n 's/.* api=\([0-9]*\) .*/\1/p' <<< "$ready")
        java -cp bench/target/benchmarks.jar io.watchfloor.bench.load.LoadGenerator --transport http \
            --port "$http_port" --api-port "$api_port" --count "$count" --batch 1000 --connections 4 \
            --tag "$mode$round" --out "$run/load.json" > /dev/null
        stats=$(curl -s "http://127.0.0.1:$api_port/api/stats")
        sync_secs=$(curl -s "http://127.0.0.1:$api_port/metrics" \
            | sed -n 's/^watchfloor_journal_sync_time_seconds_total \(.*\)/\1/p')
        kill -TERM "$server_pid"
        wait "$server_pid" || true
        server_pid=
        python3 - "$run/load.json" "$round" "$mode" "$stats" "$sync_secs" >> "$out/results.tsv" <<'PY'
import json, sys
load = json.load(open(sys.argv[1]))
stats = json.loads(sys.argv[4])
syncs = stats["journal"]["syncs"]
ev = load["sent"]
lat = load["ack_latency_us"]
mean_ms = f"{float(sys.argv[5]) * 1000 / syncs:.2f}" if syncs else ""
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{ev}\t{load['rate_per_sec']}\t{lat['p50']}\t{lat['p99']}\t{syncs}\t"
      f"{round(ev / syncs) if syncs else ''}\t{mean_ms}")
PY
        rm -rf "$run/data"
    done
done

python3 - "$out/results.tsv" "$out/summary.json" <<'PY'
import csv, json, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
summary = {}
for mode in ("process", "fsync"):
    r = [x for x in rows if x["mode"] == mode]
    summary[mode] = {"runs": len(r),
                     "median_rate_per_sec": statistics.median(int(x["rate_per_sec"]) for x in r),
                     "median_ack_p50_us": statistics.median(int(x["ack_p50_us"]) for x in r),
                     "median_ack_p99_us": statistics.median(int(x["ack_p99_us"]) for x in r),
                     "rates": [int(x["rate_per_sec"]) for x in r]}
    if mode == "fsync":
        summary[mode]["median_events_per_sync"] = statistics.median(int(x["events_per_sync"]) for x in r)
        summary[mode]["median_mean_sync_ms"] = statistics.median(float(x["mean_sync_ms"]) for x in r)
summary["fsync_cost"] = round(1 - summary["fsync"]["median_rate_per_sec"] / summary["process"]["median_rate_per_sec"], 3)
json.dump(summary, open(sys.argv[2], "w"), indent=1)
print(open(sys.argv[1]).read())
print(json.dumps(summary, indent=1))
PY
