#!/usr/bin/env python3
"""Writes docs/PERFORMANCE.md from the benchmark results files; the document is never edited by hand.

  bench/perf-report.py                      # latest session of bench/results/side-by-side.jsonl
  bench/perf-report.py --session 2026-12-04T10:00:00 --out -

Reads:
  bench/results/side-by-side.jsonl   bench/side-by-side.py: machine line, one line per run (peers, Watchfloor, HTTP)
  bench/target/jmh-summary.tsv       bench/run-suite.sh (optional): JMH throughput and gc.alloc.rate.norm
  bench/results/overload.jsonl       bench/overload.py (optional): the latest session
  bench/target/crash-trials/results.json, bench/target/durability-cost/summary.json (optional): their totals
  bench/results/notes.md             (optional) the analysis of the session, appended verbatim
Medians are over the runs of one session that were not contaminated by other load on the box (all runs when none
was clean, then marked); ratios compare medians measured in the same session.
"""
import argparse
import csv
import json
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA_ORDER = ["s5424.lf", "s5424.oc", "s3164.lf", "s3164.oc"]
DATA_NAMES = {"s5424.lf": "RFC 5424, LF framing", "s5424.oc": "RFC 5424, octet-counted",
              "s3164.lf": "RFC 3164, LF framing", "s3164.oc": "RFC 3164, octet-counted"}
PEER_ORDER = ["tcpsink", "rsyslog-imtcp", "rsyslog-filter-regex", "syslog-ng-network", "syslog-ng-syslog",
              "watchfloor"]
PEER_NAMES = {"tcpsink": "raw loopback (C sink, counts frames)", "rsyslog-imtcp": "rsyslog imtcp → file",
              "rsyslog-filter-regex": "rsyslog imptcp → file + regex rule",
              "syslog-ng-network": "syslog-ng network() → file", "syslog-ng-syslog": "syslog-ng syslog() → file",
              "watchfloor": "**Watchfloor**, default configuration"}
TARGET_RSYSLOG = 3.0
TARGET_SYSLOG_NG = 10.0
TARGET_HTTP = 750_000


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def usable(runs):
    """Runs without errors; the clean ones when there are any. @return (runs, all_contaminated)"""
    ok = [r for r in runs if "error" not in r and r.get("msgs_per_s")]
    clean = [r for r in ok if not r.get("contaminated")]
    return (clean, False) if clean else (ok, bool(ok))


def fmt_int(v):
    return "—" if v is None else f"{v:,.0f}"


def fmt_ratio(v):
    return "—" if v is None else f"{v:.2f}×"


def summarize(runs):
    ok, dirty = usable(runs)
    if not ok:
        return None
    rate = median([r["msgs_per_s"] for r in ok])
    cpu = median([r.get("peer_cpu_pct") for r in ok])
    cpu = None if cpu is None else round(cpu, 1)
    loss = [r.get("loss") for r in ok if r.get("loss") is not None]
    seq = [r for r in ok if "seqcheck_complete" in r or "seq_verified" in r]
    seq_ok = all(r.get("seqcheck_complete", r.get("seq_verified")) for r in seq) if seq else None
    dups = sum(r.get("seqcheck_duplicates", 0) for r in ok)
    return dict(rate=rate, mb=median([r.get("mb_per_s") for r in ok]), cpu=cpu,
                us=(cpu / 100 / rate * 1e6) if cpu and rate else None, runs=len(ok), of=len(runs),
                loss=max(loss) if loss else None, seq_ok=seq_ok, dups=dups, dirty=dirty,
                foreign=median([r.get("foreign_cpu_pct") for r in ok]),
                rates=sorted(r["msgs_per_s"] for r in ok))


def machine_section(m, out):
    out.append("## Machine\n")
    out.append("| | |\n|---|---|")
    m = dict(m, rsyslog=(m.get("rsyslog") or "?").split(" compiled")[0])
    for key, label in [("cpu", "CPU"), ("cores", "cores"), ("mem_gib", "memory (GiB)"), ("kernel", "kernel"),
                       ("os", "OS"), ("java", "Java"), ("rsyslog", "rsyslog"), ("syslog_ng", "syslog-ng"),
                       ("commit", "Watchfloor commit"), ("session", "session started")]:
        out.append(f"| {label} | {m.get(key, '?')} |")
    out.append("")


def commands_section(m, out):
    argv = " ".join(m.get("argv") or [])
    out.append("## How the numbers are made\n")
    out.append("```")
    out.append(f"bench/side-by-side.py {argv}".rstrip())
    out.append("bench/perf-report.py")
    out.append("```\n")
    out.append(f"* Every receiver gets the same pre-built file of {m.get('count', 0):,} numbered syslog messages "
               "(bench-peers `gen_syslog.py`: realistic sshd, sudo, nginx, postfix, kernel... lines of ~200 B, about "
               "2 % `Failed password`), sent over loopback TCP by the same C sender (`tcpblast`), from "
               "1 or 4 connections. Sender, receiver and poller share the box's cores.")
    out.append("* **msg/s** = messages / (time from the first byte sent to the last message accepted). Accepted "
               "means: written to the output file (rsyslog, syslog-ng), counted (raw sink), **journaled** "
               "(Watchfloor: `journaled` of `GET /api/stats`, polled every 0.1 s).")
    out.append("* Loss: every peer's output is counted and its sequence numbers checked on the first rep; every "
               "Watchfloor rep is checked afterwards with `watchfloor journal seqcheck` (holes, duplicates, tail "
               "loss).")
    out.append(f"* Watchfloor runs `./watchfloor serve` with the shipped configuration (parse, attribution, journal, "
               f"starter rules, coverage; JVM defaults) on free ports and a fresh data directory per rep, after "
               f"{m.get('warmup', 0):,} warm-up messages (excluded from count and check) so the JIT has compiled the "
               "hot path as in a long-running server.")
    out.append(f"* **CPU** = receiver process CPU / wall time (100 % = one core); **µs/msg** = CPU time per message. "
               f"A run during which other processes used more than {m.get('max_foreign', 10):g} % of a core is "
               "*contaminated*; medians use the clean runs when there are any (marked † otherwise).\n")


def tcp_sections(rows, out):
    by = {}
    for r in rows:
        if r.get("kind") == "peer" and r.get("peer") in PEER_NAMES:
            by.setdefault((r.get("data"), r.get("conns")), {}).setdefault(r["peer"], []).append(r)
    summary = []
    out.append("## Syslog over TCP, side by side\n")
    for data in DATA_ORDER:
        for conns in sorted({c for (d, c) in by if d == data}):
            peers = by[(data, conns)]
            s = {p: summarize(runs) for p, runs in peers.items()}
            wf = s.get("watchfloor")
            out.append(f"### {DATA_NAMES[data]}, {conns} connection{'s' if conns > 1 else ''}\n")
            out.append("| receiver | median msg/s | MB/s | runs | CPU % | µs CPU/msg | loss | Watchfloor ÷ this |")
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
            for p in PEER_ORDER:
                if p not in s:
                    continue
                x = s[p]
                if x is None:
                    out.append(f"| {PEER_NAMES[p]} | error | | 0/{len(peers[p])} | | | | |")
                    continue
                ratio = wf["rate"] / x["rate"] if wf and p != "watchfloor" else None
                loss = "0" if x["loss"] == 0 and x["seq_ok"] is not False else (
                    "seq check FAILED" if x["seq_ok"] is False else fmt_int(x["loss"]))
                cpu = "—" if x["cpu"] is None else x["cpu"]
                us = "—" if x["us"] is None else f"{x['us']:.2f}"
                out.append(f"| {PEER_NAMES[p]} | {fmt_int(x['rate'])}{' †' if x['dirty'] else ''} | "
                           f"{x['mb'] or '—'} | {x['runs']}/{x['of']} | {cpu} | {us} | {loss} | {fmt_ratio(ratio)} |")
            out.append("")
            if wf:
                out.append(f"Watchfloor runs: {', '.join(fmt_int(v) for v in wf['rates'])} msg/s; journal sequence "
                           f"check {'complete, no duplicates' if wf['seq_ok'] and not wf['dups'] else 'FAILED'}.\n")
            summary.append((data, conns, s))
    return summary


def ratio_section(summary, out):
    out.append("## Ratios against the targets\n")
    out.append(f"Targets (issue 5): ≥ {TARGET_RSYSLOG:g}× rsyslog and its regex run, ≥ {TARGET_SYSLOG_NG:g}× "
               "syslog-ng; Watchfloor as a fraction of the raw loopback rate.\n")
    out.append("| data | conns | ÷ rsyslog | ÷ rsyslog + regex | ÷ syslog-ng | of raw loopback | targets met |")
    out.append("|---|---:|---:|---:|---:|---:|---|")
    met_all = True
    for data, conns, s in summary:
        wf = s.get("watchfloor")
        if not wf:
            continue

        def r(p):
            return wf["rate"] / s[p]["rate"] if s.get(p) else None
        sng = r("syslog-ng-network") or r("syslog-ng-syslog")
        rs, rx, raw = r("rsyslog-imtcp"), r("rsyslog-filter-regex"), r("tcpsink")
        met = (rs or 0) >= TARGET_RSYSLOG and (rx or 0) >= TARGET_RSYSLOG and (sng or TARGET_SYSLOG_NG) >= TARGET_SYSLOG_NG
        met_all &= met
        out.append(f"| {DATA_NAMES[data]} | {conns} | {fmt_ratio(rs)} | {fmt_ratio(rx)} | {fmt_ratio(sng)} | "
                   f"{'—' if raw is None else f'{raw * 100:.1f} %'} | {'yes' if met else '**no**'} |")
    out.append("")
    return met_all


def http_section(rows, out):
    runs = [r for r in rows if r.get("peer") == "watchfloor-http"]
    if not runs:
        return None
    ok, dirty = usable(runs)
    out.append("## HTTP NDJSON, acknowledged after the journal\n")
    if not ok:
        out.append(f"All {len(runs)} runs failed: {runs[0].get('error', '')}\n")
        return None
    r0 = ok[0]
    rate = median([r["msgs_per_s"] for r in ok])
    lat = [r.get("ack_latency_us") or {} for r in ok]
    out.append(f"`LoadGenerator --transport http`: {r0.get('n', 0):,} events per run in batches of "
               f"{r0.get('batch')} from {r0.get('clients')} clients, each request answered after the journal has "
               "every line; the default configuration; events/s = events journaled / time to the last one.\n")
    out.append("| runs | median events/s | each run | ack p50 ms | ack p99 ms | server CPU % | journal check | target |")
    out.append("|---:|---:|---|---:|---:|---:|---|---|")
    p50 = median([l.get("p50") for l in lat])
    p99 = median([l.get("p99") for l in lat])
    seq_ok = all(r.get("seqcheck_complete") for r in ok)
    out.append(f"| {len(ok)}/{len(runs)} | {fmt_int(rate)}{' †' if dirty else ''} | "
               f"{', '.join(fmt_int(r['msgs_per_s']) for r in ok)} | "
               f"{'—' if p50 is None else f'{p50 / 1000:.1f}'} | {'—' if p99 is None else f'{p99 / 1000:.1f}'} | "
               f"{median([r.get('peer_cpu_pct') for r in ok])} | {'complete' if seq_ok else 'FAILED'} | "
               f"≥ {TARGET_HTTP:,}: {'met' if rate >= TARGET_HTTP else '**not met**'} |\n")
    return rate


def jmh_section(path, out):
    if not os.path.exists(path):
        return
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if not rows:
        return
    out.append("## JMH (bench/run-suite.sh)\n")
    out.append(f"From `{os.path.relpath(path, ROOT)}` ({time.strftime('%Y-%m-%d', time.gmtime(os.path.getmtime(path)))}"
               "): throughput per benchmark and bytes allocated per operation (`-prof gc`).\n")
    out.append("| benchmark | params | score | unit | B/op |")
    out.append("|---|---|---:|---|---:|")
    for r in rows:
        out.append(f"| {r['benchmark']} | {r['params']} | {float(r['score']):,.3f} | {r['unit']} | "
                   f"{r.get('gc.alloc.rate.norm_B_per_op') or '—'} |")
    out.append("")


def scalars(d):
    return ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in d.items()
                     if not isinstance(v, (list, dict)))


def overload_section(path, out):
    """bench/overload.py: the latest session, one row per input."""
    if not os.path.exists(path):
        return
    rows = [r for r in load(path) if r.get("kind") == "overload"]
    if not rows:
        return
    session = max(r["session"] for r in rows)
    rows = [r for r in rows if r["session"] == session]
    out.append("## Overload with a bounded heap\n")
    out.append(f"`bench/overload.py` (session {session}): each input driven past what the server sustains, heap "
               f"`-Xmx{rows[0].get('heap')}`; anonymous resident memory must stay under the heap + 512 MiB (the "
               "memory-mapped journal, file-backed, is shown apart); TCP loses nothing, HTTP loses nothing it "
               "acknowledged, UDP accounts for every datagram (journaled + dropped + kernel drops, within 0.1 %).\n")
    out.append("| input | wall s | sent | journaled | 503 retries | dropped | kernel drops | peak anon MiB (limit) | "
               "peak file MiB | OOM | loss check | result |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for r in rows:
        if "error" in r:
            out.append(f"| {r['input']} | | | | | | | | | | | error: {r['error'][:80]} |")
            continue
        if r["input"] == "tcp":
            check = "complete" if r.get("loss_ok") else "FAILED"
        elif r["input"] == "http":
            check = f"{fmt_int(r.get('acknowledged'))} acknowledged, {fmt_int(r.get('acknowledged_missing'))} missing"
        else:
            check = f"unaccounted {fmt_int(r.get('unaccounted'))}"
        out.append(f"| {r['input']} | {r.get('wall_s')} | {fmt_int(r.get('sent'))} | {fmt_int(r.get('journaled'))} | "
                   f"{fmt_int(r.get('retries_503'))} | {fmt_int(r.get('dropped'))} | {fmt_int(r.get('kernel_drops'))} | "
                   f"{fmt_int(r.get('peak_anon_mib'))} ({fmt_int(r.get('anon_limit_mib'))}) | "
                   f"{fmt_int(r.get('peak_file_mib'))} | {'yes' if r.get('out_of_memory') else 'no'} | {check} | "
                   f"{'pass' if r.get('passed') else '**fail**'} |")
    out.append("")


def other_results_section(crash_path, durability_path, out):
    """Crash trials and durability cost, when their scripts (other issue points) left results in bench/target."""
    found = [(p, t) for p, t in ((crash_path, "crash"), (durability_path, "durability")) if os.path.exists(p)]
    if not found:
        return
    out.append("## Crash trials and durability modes\n")
    for path, kind in found:
        d = json.load(open(path))
        day = time.strftime("%Y-%m-%d", time.gmtime(os.path.getmtime(path)))
        out.append(f"From `{os.path.relpath(path, ROOT)}` ({day}, "
                   f"{'bench/crash-trials.sh' if kind == 'crash' else 'bench/durability-cost.sh'}):\n")
        if kind == "crash":
            out.append(f"* {scalars({k: v for k, v in d.items() if k in ('durability', 'seed')})}")
            for part in ("http", "tcp"):
                if isinstance(d.get(part), dict):
                    out.append(f"* {part}: {scalars(d[part])}")
        else:
            for mode, v in d.items():
                out.append(f"* {mode}: {scalars(v) if isinstance(v, dict) else v}")
        out.append("")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--results", default=os.path.join(ROOT, "bench", "results", "side-by-side.jsonl"))
    p.add_argument("--jmh", default=os.path.join(ROOT, "bench", "target", "jmh-summary.tsv"))
    p.add_argument("--session", help="session to report (default: the latest with results)")
    p.add_argument("--overload", default=os.path.join(ROOT, "bench", "results", "overload.jsonl"))
    p.add_argument("--crash", default=os.path.join(ROOT, "bench", "target", "crash-trials", "results.json"))
    p.add_argument("--durability", default=os.path.join(ROOT, "bench", "target", "durability-cost", "summary.json"))
    p.add_argument("--notes", default=os.path.join(ROOT, "bench", "results", "notes.md"),
                   help="hand-written analysis appended verbatim, if the file exists")
    p.add_argument("--out", default=os.path.join(ROOT, "docs", "PERFORMANCE.md"), help="'-' for stdout")
    a = p.parse_args()
    rows = load(a.results)
    sessions = sorted({r["session"] for r in rows if r.get("kind") == "peer" and r.get("session")})
    if not sessions:
        sys.exit(f"no results in {a.results}: run bench/side-by-side.py first")
    session = a.session or sessions[-1]
    rows = [r for r in rows if r.get("session") == session]
    machine = next((r for r in rows if r.get("kind") == "machine"), {"session": session})

    out = ["# Watchfloor performance\n",
           f"Generated by `bench/perf-report.py` from `bench/results/side-by-side.jsonl` (session {session})"
           f"{' and the JMH summary' if os.path.exists(a.jmh) else ''}; do not edit by hand. The benchmark is not "
           "part of the test command or CI: it needs rsyslog, syslog-ng and the box to itself for about an hour.\n"]
    machine_section(machine, out)
    commands_section(machine, out)
    summary = tcp_sections(rows, out)
    met = ratio_section(summary, out)
    http_rate = http_section(rows, out)
    jmh_section(a.jmh, out)
    overload_section(a.overload, out)
    other_results_section(a.crash, a.durability, out)
    if os.path.exists(a.notes):
        out.append(open(a.notes).read().rstrip() + "\n")
    text = "\n".join(out)
    if a.out == "-":
        print(text)
    else:
        os.makedirs(os.path.dirname(a.out), exist_ok=True)
        with open(a.out, "w") as f:
            f.write(text)
        print(f"wrote {a.out}: TCP targets {'met' if met else 'not met'}, HTTP {fmt_int(http_rate)} events/s",
              file=sys.stderr)


if __name__ == "__main__":
    main()
