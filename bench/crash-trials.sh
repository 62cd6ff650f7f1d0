#!/usr/bin/env bash
# Crash trials: kill -9 Watchfloor during ingest and check that nothing acknowledged was lost.
#
#   bench/crash-trials.sh [--trials 20] [--count 1000000] [--tcp-trials 3] [--tcp-count 1000000]
#                         [--connections 4] [--batch 1000] [--durability process|fsync] [--seed N] [--out FILE]
#
# HTTP trials (--trials, each on a fresh data directory): `watchfloor serve` (the runnable jar, the shipped
# inventory and rules, free loopback ports) takes --count numbered NDJSON events from --connections clients in
# batches of --batch; the load generator records every acknowledged number; at a random moment (5-95 % acknowledged)
# the server gets SIGKILL. It is restarted on the same journal (a torn last record is counted and skipped), the
# clients resend what was not acknowledged, the server is stopped with SIGTERM, and
#   watchfloor journal seqcheck --acknowledged acked.txt
# must find 0 acknowledged numbers missing and no holes; duplicates (journaled before the crash but never
# acknowledged, then resent) are allowed and counted.
# TCP trials (--tcp-trials): --connections syslog TCP connections flat out, SIGKILL at a random moment; per connection
# the journal must hold an unbroken prefix of what was sent, and written - journaled is the in-flight tail lost.
#
# Result: one JSON file (default bench/target/crash-trials/results.json): per trial and totals; server logs and
# acknowledged ranges under bench/target/crash-trials/trials/ (data directories of passed trials are deleted).
# Exit status 0 when every trial passed. Builds the jars offline unless SKIP_BUILD=1. Runs for a while: a 1M-event
# trial takes about a minute on 2 cores; run the full 20 x 1M on a quiet machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    ./mvnw -B -q -o -pl server,bench -am package -DskipTests
fi

source "$root/bench/chronicle-flags.sh"
flags=("${chronicle_flags[@]}")
major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
[ "${major%%.*}" -ge 23 ] 2>/dev/null && flags+=(--sun-misc-unsafe-memory-access=allow)

exec java "${flags[@]}" -cp bench/target/benchmarks.jar io.watchfloor.bench.load.CrashTrials \
    --jar server/target/watchfloor.jar --config-dir config --work-dir bench/target/crash-trials "$@"
