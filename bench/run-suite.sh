#!/usr/bin/env bash
# Runs the full JMH suite of the bench module and writes machine-readable results.
#
#   bench/run-suite.sh [JMH options...]
#
# Builds bench/target/benchmarks.jar with the modules it measures (reactor build), then runs every benchmark
# with its own @Fork/@Warmup/@Measurement and
#   -prof gc -rf json -rff bench/target/jmh-results.json
# Extra arguments go to JMH after those, e.g. a benchmark regex and shorter settings:
#   bench/run-suite.sh DetectionEngineEvaluateBenchmark
#   bench/run-suite.sh -f 1 -wi 1 -i 2 -w 1s -r 1s
# Results: bench/target/jmh-results.json (JMH JSON: primaryMetric.score is the throughput, ops/us;
# secondaryMetrics["gc.alloc.rate.norm"].score the bytes allocated per op) and bench/target/jmh-summary.tsv
# (benchmark, params, ops/us, B/op), also printed at the end. The full suite takes about 8 minutes on 2 cores.
#
# The host JVM starts with the Chronicle flags (the root pom's chronicle.jvm.flags) and the quiet flags; JMH
# forks inherit them. Run from anywhere: the script works from the repository root, where the detection
# benchmark finds config/rules. Set SKIP_BUILD=1 to reuse an existing jar.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    ./mvnw -B -q -pl bench -am package -DskipTests
fi

source "$root/bench/chronicle-flags.sh"
results=bench/target/jmh-results.json
summary=bench/target/jmh-summary.tsv

java "${chronicle_flags[@]}" -jar bench/target/benchmarks.jar -prof gc -rf json -rff "$results" "$@"

if command -v python3 >/dev/null; then
    python3 - "$results" "$summary" <<'PY'
import json, sys
rows = []
for r in json.load(open(sys.argv[1])):
    params = ",".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
    norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    rows.append((r["benchmark"].replace("io.watchfloor.bench.", ""), params, r["primaryMetric"]["score"],
                 r["primaryMetric"]["scoreUnit"], norm))
with open(sys.argv[2], "w") as out:
    out.write("benchmark\tparams\tscore\tunit\tgc.alloc.rate.norm_B_per_op\n")
    for b, p, s, u, n in rows:
        out.write(f"{b}\t{p}\t{s:.4f}\t{u}\t{'' if n is None else f'{n:.1f}'}\n")
for b, p, s, u, n in rows:
    print(f"{b:<70} {p:<24} {s:>12.3f} {u:<7} {'-' if n is None else f'{n:10.1f} B/op'}")
PY
fi
echo "results: $results${summary:+ and $summary}"
