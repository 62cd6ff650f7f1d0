#!/usr/bin/env python3
"""Overload: each input driven past what the server sustains for minutes, with a bounded heap.

  bench/overload.py                                  # tcp, http and udp, ~5 minutes each, -Xmx1g
  bench/overload.py --inputs tcp --tcp-count 5000000 # a short try

For each input a fresh `./watchfloor serve` (default configuration, free ports, -Xmx1g -XX:+ExitOnOutOfMemoryError so
an OutOfMemoryError ends the run visibly) gets, from the load generator:
  tcp   --tcp-connections connections flat out: the senders outrun the pipeline, so TCP back-pressure (reads paused on a
        full ring) must slow them with nothing lost: journal seqcheck complete, no duplicates;
  http  --http-clients clients flat out with batches of --http-batch lines, more in flight than the ring holds: the
        server answers 503 + Retry-After, the clients retry; every acknowledged line must be in the journal
        (seqcheck --acknowledged against the generator's --acked-out ranges);
  udp   datagrams paced at --udp-rate: sent = journaled + dropped by Watchfloor + dropped by the kernel
        (/api/stats kernel_drops), within 0.1 %.
Every second the server's resident memory is sampled from /proc: anonymous memory (heap, metaspace, thread stacks,
direct buffers) must stay under the heap limit + 512 MiB; file-backed memory (the memory-mapped journal) is reported
apart. One JSON line per input goes to --results (default bench/results/overload.jsonl). A benchmark, not a test.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("side_by_side", os.path.join(ROOT, "bench", "side-by-side.py"))
sbs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sbs)

MIB = 1024 * 1024


class MemorySampler(threading.Thread):
    """Samples VmRSS, RssAnon and RssFile of a process every second until stopped or the process ends."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.samples = []
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                fields = {}
                for line in open(f"/proc/{self.pid}/status"):
                    key, _, value = line.partition(":")
                    if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                        fields[key] = int(value.split()[0]) * 1024
                self.samples.append((time.monotonic(), fields))
            except (FileNotFoundError, ProcessLookupError):
                return
            self.stopped.wait(1.0)

    def peak(self, key):
        return max((s[1].get(key, 0) for s in self.samples), default=0)


def heap_bytes(spec):
    units = {"k": 1024, "m": MIB, "g": 1024 * MIB}
    return int(spec[:-1]) * units[spec[-1].lower()] if spec[-1].lower() in units else int(spec)


def run_input(a, kind, session):
    wf = sbs.Watchfloor(os.path.join(a.tmp, "overload"), f"-Xmx{a.heap} -XX:+ExitOnOutOfMemoryError {a.java_opts}")
    rec = dict(kind="overload", input=kind, session=session, heap=a.heap, ts=time.strftime("%Y-%m-%dT%H:%M:%S"))
    acked = os.path.join(a.tmp, "overload-acked.txt")
    try:
        wf.start()
        sampler = MemorySampler(wf.proc.pid)
        sampler.start()
        cpu0 = sbs.proc_cpu_s(wf.proc.pid)
        if kind == "tcp":
            n = a.tcp_count
            args = ["--transport", "tcp", "--port", str(wf.tcp), "--count", str(n),
                    "--connections", str(a.tcp_connections), "--tag", "overload"]
        elif kind == "http":
            n = a.http_count
            args = ["--transport", "http", "--port", str(wf.http), "--count", str(n), "--batch", str(a.http_batch),
                    "--connections", str(a.http_clients), "--tag", "overload", "--acked-out", acked]
        else:
            n = a.udp_rate * a.duration_secs
            args = ["--transport", "udp", "--port", str(wf.udp), "--count", str(n), "--rate", str(a.udp_rate),
                    "--tag", "overload"]
        t0 = time.monotonic()
        summary = sbs.load_generator(args + ["--api-port", str(wf.api), "--timeout-secs", str(a.duration_secs * 4)])
        wall = time.monotonic() - t0
        time.sleep(2)  # let the ring drain and the kernel drop counter be sampled
        alive = wf.proc.poll() is None
        stats = wf.stats()["listeners"] if alive else {}
        cpu = sbs.proc_cpu_s(wf.proc.pid) - cpu0 if alive else None
        sampler.stopped.set()
        listener = {"tcp": "syslog_tcp", "http": "http", "udp": "syslog_udp"}[kind]
        s = stats.get(listener, {})
        rec.update(count=n, wall_s=round(wall, 1), sent=summary.get("sent"), failed=summary.get("failed"),
                   rate_per_sec=summary.get("rate_per_sec"), journaled=s.get("journaled"), received=s.get("received"),
                   rejected=s.get("rejected"), dropped=s.get("dropped"), kernel_drops=s.get("kernel_drops"),
                   retries_503=summary.get("retries_503"), server_alive=alive,
                   server_cpu_pct=round(cpu / wall * 100, 1) if cpu is not None else None,
                   peak_rss_mib=round(sampler.peak("VmRSS") / MIB), peak_anon_mib=round(sampler.peak("RssAnon") / MIB),
                   peak_file_mib=round(sampler.peak("RssFile") / MIB),
                   anon_limit_mib=round((heap_bytes(a.heap) + 512 * MIB) / MIB))
        rec["memory_ok"] = rec["peak_anon_mib"] <= rec["anon_limit_mib"]
        out_of_memory = "OutOfMemoryError" in open(os.path.join(wf.work, "server.log")).read()
        rec["out_of_memory"] = out_of_memory
        wf.stop()
        if kind == "tcp":
            check = wf.seqcheck(r"run=overload seq=(\d+)", 0, n - 1)
            rec.update(sbs.seq_fields(check))
            rec["loss_ok"] = check["complete"] and check["duplicates"]["count"] == 0
        elif kind == "http":
            out = subprocess.run([os.path.join(ROOT, "watchfloor"), "journal", "seqcheck", "--data-dir", wf.data_dir,
                                  "--pattern", r"run=overload seq=(\d+)", "--acknowledged", acked],
                                 capture_output=True, text=True, cwd=ROOT, env=wf.env)
            check = json.loads(out.stdout.strip().splitlines()[-1])
            ack = check.get("acknowledged") or {}
            rec.update(sbs.seq_fields(check), acknowledged=ack.get("count"), acknowledged_missing=ack.get("missing"))
            # 503-refused lines are resent, so numbers may repeat; what counts is that nothing acknowledged is missing
            rec["loss_ok"] = ack.get("count", 0) > 0 and ack.get("missing") == 0
        else:
            sent = summary.get("sent") or 0
            accounted = (s.get("journaled") or 0) + (s.get("dropped") or 0) + (s.get("kernel_drops") or 0)
            rec["unaccounted"] = sent - accounted
            rec["loss_ok"] = sent > 0 and abs(sent - accounted) <= 0.001 * sent
        rec["passed"] = alive and not out_of_memory and rec["memory_ok"] and rec["loss_ok"]
    except Exception as e:  # record the failure and go on with the next input
        rec.update(error=str(e)[:500], passed=False)
    finally:
        if wf.proc:
            wf.stop()
    sbs.append(a.results, rec)
    sbs.log(json.dumps(rec))
    return rec


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--inputs", default="tcp,http,udp")
    p.add_argument("--duration-secs", type=int, default=300, help="UDP run length; sizes the default counts")
    p.add_argument("--heap", default="1g")
    p.add_argument("--tcp-count", type=int, help="default: 250,000/s x duration (flat out takes about that long)")
    p.add_argument("--tcp-connections", type=int, default=4)
    p.add_argument("--http-count", type=int, help="default: 200,000/s x duration")
    p.add_argument("--http-clients", type=int, default=16)
    p.add_argument("--http-batch", type=int, default=10_000, help="16 x 10,000 lines in flight > 65,536 ring slots")
    p.add_argument("--udp-rate", type=int, default=500_000, help="datagrams/s, ~10x what UDP sustains without drops")
    p.add_argument("--results", default=os.path.join(ROOT, "bench", "results", "overload.jsonl"))
    p.add_argument("--tmp", default=os.environ.get("BENCH_TMP", "/tmp/syslog-bench"))
    p.add_argument("--java-opts", default="")
    p.add_argument("--skip-build", action="store_true")
    a = p.parse_args()
    a.tcp_count = a.tcp_count or 250_000 * a.duration_secs
    a.http_count = a.http_count or 200_000 * a.duration_secs
    if not a.skip_build:
        sbs.run([os.path.join(ROOT, "mvnw"), "-B", "-o", "-q", "-DskipTests", "-pl", "server,bench", "-am",
                 "package"], cwd=ROOT)
    session = time.strftime("%Y-%m-%dT%H:%M:%S")
    results = [run_input(a, kind, session) for kind in a.inputs.split(",") if kind]
    sys.exit(0 if all(r.get("passed") for r in results) else 1)


if __name__ == "__main__":
    main()
