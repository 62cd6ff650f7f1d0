#!/usr/bin/env python3
"""Side-by-side ingestion benchmark: Watchfloor against rsyslog, syslog-ng and the raw loopback path.

Same box, same input files, one run: every receiver gets the same pre-built numbered syslog file over loopback TCP
from the same C sender (tcpblast), and is timed from its first byte sent to its last message accepted, through the
harness in ../shared/bench-peers (bench.py, gen_syslog.py, tools/). A benchmark, not a test: CI never runs it.

  bench/side-by-side.py                          # 5,000,000 msgs, 3 reps, 1 and 4 connections, 4 data sets, HTTP
  bench/side-by-side.py --count 1000000 --reps 1 --data s5424.lf --conns 1
  bench/perf-report.py                           # docs/PERFORMANCE.md from the results

Receivers (--peers):
  tcpsink               the harness's C sink that only counts frames: the raw loopback limit
  rsyslog-imtcp         rsyslog imtcp -> file, defaults
  rsyslog-filter-regex  rsyslog imptcp -> file plus a POSIX regex rule -> 2nd file
  syslog-ng             syslog-ng network() -> file (LF data); syslog() -> file for RFC 5424 octet-counted data
  watchfloor            ./watchfloor serve with the default configuration (parse, attribution, journal, starter rules,
                        coverage), a fresh data directory per rep; accepted = journaled (GET /api/stats), and after
                        each rep the journal is checked with `watchfloor journal seqcheck` (holes, duplicates)
  watchfloor-http       HTTP NDJSON through the load generator: batches of --http-batch lines from --http-clients
                        clients, each answered after the journal; seqcheck as above

Data sets (--data): s5424.lf, s5424.oc, s3164.lf, s3164.oc (RFC 5424/3164, LF or octet-counted), generated once per
--count into $BENCH_TMP/data-N by gen_syslog.py (~200 B per message, ~1 GB per file at 5 M).

Before each Watchfloor rep the server gets --warmup numbered messages (tagged run=warmup, excluded from the count and
the sequence check) so the JIT has compiled the hot path, as a long-running server has. Every peer run waits for the
box to be quiet first (--max-foreign, % of one core used by other processes) and is flagged contaminated otherwise.

Results: one JSON line per run appended to --results (default bench/results/side-by-side.jsonl), the harness's
fields (msgs_per_s, wall_s, peer_cpu_pct, loss, foreign_cpu_pct ...) plus session, and for Watchfloor seqcheck_*
fields; a "machine" line per session describes the box. Needs: rsyslog and syslog-ng (bench-peers/install_peers.sh,
as root), gcc and make, a JDK 17+, python3, curl.
"""
import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA_SETS = {"s5424.lf": ("rfc5424", "lf"), "s5424.oc": ("rfc5424", "octet"),
             "s3164.lf": ("rfc3164", "lf"), "s3164.oc": ("rfc3164", "octet")}
ALL_PEERS = ["tcpsink", "rsyslog-imtcp", "rsyslog-filter-regex", "syslog-ng", "watchfloor", "watchfloor-http"]
SEQ_PATTERN = r"(?<!warmup) seq=(\d{10})$"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def bench_peers_dir():
    for d in (os.environ.get("BENCH_PEERS"), os.path.join(ROOT, "..", "shared", "bench-peers"),
              "/work/shared/bench-peers"):
        if d and os.path.isfile(os.path.join(d, "bench.py")):
            return os.path.abspath(d)
    sys.exit("bench-peers harness not found: set BENCH_PEERS to the directory holding bench.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(n):
    ports = set()
    while len(ports) < n:
        ports.add(free_port())
    return sorted(ports)


def run(argv, **kw):
    log("+", " ".join(argv))
    return subprocess.run(argv, check=True, **kw)


def version_line(argv, env=None):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=20, env=env)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return None


def machine(bp):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    sng = os.path.join(os.environ.get("PEERS_DIR", "/opt/peers"), "syslog-ng", "usr")
    sng_env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(sng, "lib", "syslog-ng"))
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return dict(kind="machine", cpu=cpu, cores=os.cpu_count(), mem_gib=round(mem_kb / 1048576, 1),
                kernel=platform.release(), os=platform.platform(),
                java=version_line(["java", "-version"]), rsyslog=version_line(["rsyslogd", "-v"]),
                syslog_ng=version_line([shutil.which("syslog-ng") or os.path.join(sng, "sbin", "syslog-ng"),
                                        "--version"], sng_env),
                commit=commit + ("-dirty" if dirty else ""), bench_peers=bp)


def gen_data(bp, data_dir, count, names):
    os.makedirs(data_dir, exist_ok=True)
    for name in names:
        path = os.path.join(data_dir, name)
        meta = path + ".meta.json"
        if os.path.exists(path) and os.path.exists(meta) and json.load(open(meta))["count"] == count:
            continue
        fmt, framing = DATA_SETS[name]
        run([sys.executable, os.path.join(bp, "gen_syslog.py"), "-n", str(count), "-o", path, "--format", fmt,
             "--framing", framing], stdout=subprocess.DEVNULL)


def cpu_busy_pct(window_s):
    def ticks():
        f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
        return sum(f), f[3] + f[4]
    t0, i0 = ticks()
    time.sleep(window_s)
    t1, i1 = ticks()
    return (1 - (i1 - i0) / max(1, t1 - t0)) * 100 * (os.cpu_count() or 1)


def wait_quiet(max_pct, max_wait_s=300):
    deadline = time.monotonic() + max_wait_s
    while True:
        busy = cpu_busy_pct(3)
        if busy < max_pct or time.monotonic() > deadline:
            return busy
        log(f"waiting for a quiet box: {busy:.0f} % of a core busy (limit {max_pct} %)")


class Watchfloor:
    """One ./watchfloor serve process with the default configuration on free ports and its own data directory."""

    def __init__(self, work, java_opts):
        self.work = work
        self.tcp, self.udp, self.http, self.api = free_ports(4)
        self.conf_dir = os.path.join(work, "config")
        self.data_dir = os.path.join(work, "data")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "config"), self.conf_dir)
        self._set_ports(os.path.join(self.conf_dir, "watchfloor.yaml"))
        self.env = dict(os.environ)
        if java_opts:
            self.env["WATCHFLOOR_JAVA_OPTS"] = java_opts
        self.proc = None

    def _set_ports(self, path):
        out, section = [], None
        for line in open(path):
            key = line.split(":", 1)[0]
            if line[:1].isalpha():
                section = key
            stripped = key.strip()
            indent = line[:len(line) - len(line.lstrip())]
            value = {("listeners", "tcp_port"): self.tcp, ("listeners", "udp_port"): self.udp,
                     ("listeners", "port"): self.http, ("api", "port"): self.api}.get((section, stripped))
            if value is not None:
                line = f"{indent}{stripped}: {value}\n"
            out.append(line)
        open(path, "w").write("".join(out))

    def start(self):
        self.log = open(os.path.join(self.work, "server.log"), "w")
        self.proc = subprocess.Popen([os.path.join(ROOT, "watchfloor"), "serve", "--config",
                                      os.path.join(self.conf_dir, "watchfloor.yaml"), "--data-dir", self.data_dir],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"watchfloor exited rc={self.proc.returncode}, see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.api}/readyz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("watchfloor did not become ready in 120 s")

    def stats(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.api}/api/stats", timeout=10) as r:
            return json.load(r)

    def journaled(self, listener="syslog_tcp"):
        return self.stats()["listeners"][listener]["journaled"]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        self.log.close()

    def seqcheck(self, pattern, first, last):
        out = subprocess.run([os.path.join(ROOT, "watchfloor"), "journal", "seqcheck", "--data-dir", self.data_dir,
                              "--pattern", pattern, "--expect-first", str(first), "--expect-last", str(last)],
                             capture_output=True, text=True, cwd=ROOT, env=self.env)
        return json.loads(out.stdout.strip().splitlines()[-1])


def load_generator(args):
    jar = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
    out = subprocess.run(["java", "-cp", jar, "io.watchfloor.bench.load.LoadGenerator"] + args,
                         capture_output=True, text=True)
    lines = [l for l in out.stdout.strip().splitlines() if l.startswith("{")]
    if not lines:
        raise RuntimeError(f"load generator failed rc={out.returncode}: {out.stderr.strip()[-500:]}")
    return json.loads(lines[-1])


def seq_fields(check):
    return dict(seqcheck_count=check["count"], seqcheck_distinct=check["distinct"],
                seqcheck_holes=check["holes"]["count"], seqcheck_duplicates=check["duplicates"]["count"],
                seqcheck_head_loss=check["head_loss"], seqcheck_tail_loss=check["tail_loss"],
                seqcheck_complete=check["complete"])


def append(path, record):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "a") as f:
        f.write(json.dumps(record) + "\n")


def bench_py(bp, env, args):
    return subprocess.run([sys.executable, os.path.join(bp, "bench.py")] + args, env=env)


def run_peer(a, bp, env, peer, data, conns, session):
    name = peer
    framing = DATA_SETS[os.path.basename(data)][1]
    if peer == "syslog-ng":
        if os.path.basename(data) == "s3164.oc":
            log("syslog-ng: no octet-counted RFC 3164 source in the harness; skipped")
            return
        name = "syslog-ng-syslog" if framing == "octet" else "syslog-ng-network"
    tmp = tempfile.NamedTemporaryFile(prefix="sbs-", suffix=".jsonl", delete=False).name
    bench_py(bp, env, ["run", "--peer", name, "--data", data, "--conns", str(conns), "--reps", str(a.reps),
                       "--port", str(free_port()), "--results", tmp, "--max-foreign", str(a.max_foreign)])
    for line in open(tmp):
        r = json.loads(line)
        r.update(session=session, kind="peer")
        append(a.results, r)
    os.remove(tmp)


def run_watchfloor(a, bp, env, data, conns, session):
    meta = json.load(open(data + ".meta.json"))
    n = meta["count"]
    for rep in range(1, a.reps + 1):
        wf = Watchfloor(os.path.join(a.tmp, "watchfloor"), a.java_opts)
        tmp = tempfile.NamedTemporaryFile(prefix="sbs-", suffix=".jsonl", delete=False).name
        try:
            wf.start()
            if a.warmup > 0:
                load_generator(["--transport", "tcp", "--port", str(wf.tcp), "--count", str(a.warmup),
                                "--connections", str(conns), "--tag", "warmup", "--api-port", str(wf.api)])
            base = wf.journaled()
            busy = wait_quiet(a.max_foreign)
            count_cmd = (f"curl -s 127.0.0.1:{wf.api}/api/stats | grep -o '\"syslog_tcp\":{{[^}}]*' "
                         f"| grep -o '\"journaled\":[0-9]*' | cut -d: -f2 | awk '{{print $1 - {base}}}'")
            bench_py(bp, env, ["external", "--name", "watchfloor", "--port", str(wf.tcp), "--pid", str(wf.proc.pid),
                               "--data", data, "--conns", str(conns), "--reps", "1", "--count-cmd", count_cmd,
                               "--poll", str(a.poll), "--results", tmp])
            rec = json.loads(open(tmp).read().strip().splitlines()[-1])
            stats = wf.stats()["listeners"]["syslog_tcp"]
            wf.stop()
            check = wf.seqcheck(SEQ_PATTERN, 0, n - 1)
            rec.update(seq_fields(check), journaled=stats["journaled"] - base, parse_errors=stats["parse_errors"],
                       rep=rep, busy_before_pct=round(busy, 1), warmup=a.warmup,
                       java_opts=a.java_opts or "", config="default")
        except Exception as e:  # record the failure and go on with the next rep
            rec = dict(peer="watchfloor", data=meta["file"], conns=conns, rep=rep, n=n, error=str(e)[:500])
        finally:
            wf.stop() if wf.proc else None
            os.remove(tmp)
        rec.update(session=session, kind="peer", contaminated=rec.get("foreign_cpu_pct", 0) >= a.max_foreign)
        log(json.dumps({k: rec.get(k) for k in ("peer", "data", "conns", "rep", "msgs_per_s", "loss",
                                                "seqcheck_complete", "peer_cpu_pct", "foreign_cpu_pct", "error")}))
        append(a.results, rec)
        shutil.rmtree(wf.data_dir, ignore_errors=True)


def run_http(a, session):
    for rep in range(1, a.reps + 1):
        wf = Watchfloor(os.path.join(a.tmp, "watchfloor"), a.java_opts)
        try:
            wf.start()
            if a.warmup > 0:
                load_generator(["--transport", "http", "--port", str(wf.http), "--count", str(a.warmup),
                                "--batch", str(a.http_batch), "--connections", str(a.http_clients),
                                "--tag", "warmup", "--api-port", str(wf.api)])
            busy = wait_quiet(a.max_foreign)
            cpu0 = proc_cpu_s(wf.proc.pid)
            summary = load_generator(["--transport", "http", "--port", str(wf.http), "--count", str(a.http_count),
                                      "--batch", str(a.http_batch), "--connections", str(a.http_clients),
                                      "--tag", "http", "--api-port", str(wf.api)])
            cpu = proc_cpu_s(wf.proc.pid) - cpu0
            wf.stop()
            check = wf.seqcheck(r"run=http seq=(\d+)", 0, a.http_count - 1)
            rec = dict(peer="watchfloor-http", proto="http", n=a.http_count, batch=a.http_batch,
                       clients=a.http_clients, rep=rep, busy_before_pct=round(busy, 1), warmup=a.warmup,
                       java_opts=a.java_opts or "", config="default", **seq_fields(check))
            rec["msgs_per_s"] = summary.get("journaled_rate_per_sec") or summary["rate_per_sec"]
            rec["acked_per_s"] = summary["rate_per_sec"]
            rec["peer_cpu_pct"] = round(cpu / max(1e-9, summary["duration_ms"] / 1000) * 100, 1)
            rec["failed"] = summary["failed"]
            rec["ack_latency_us"] = summary.get("ack_latency_us")
            rec["loadgen"] = summary
        except Exception as e:
            rec = dict(peer="watchfloor-http", proto="http", n=a.http_count, rep=rep, error=str(e)[:500])
        finally:
            wf.stop() if wf.proc else None
        rec.update(session=session, kind="peer", ts=time.strftime("%Y-%m-%dT%H:%M:%S"))
        log(json.dumps({k: rec.get(k) for k in ("peer", "rep", "msgs_per_s", "seqcheck_complete", "error")}))
        append(a.results, rec)
        shutil.rmtree(wf.data_dir, ignore_errors=True)


def proc_cpu_s(pid):
    total = 0.0
    hz = os.sysconf("SC_CLK_TCK")
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            f = open(f"/proc/{pid}/task/{t}/stat").read().rsplit(")", 1)[1].split()
            total += (int(f[11]) + int(f[12])) / hz
        except FileNotFoundError:
            pass
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--count", type=int, default=5_000_000, help="messages per data set (default 5,000,000)")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--conns", default="1,4", help="comma list of TCP connection counts")
    p.add_argument("--data", default=",".join(DATA_SETS), help="comma list of data sets")
    p.add_argument("--peers", default=",".join(ALL_PEERS), help="comma list of receivers")
    p.add_argument("--results", default=os.path.join(ROOT, "bench", "results", "side-by-side.jsonl"))
    p.add_argument("--tmp", default=os.environ.get("BENCH_TMP", "/tmp/syslog-bench"))
    p.add_argument("--max-foreign", type=float, default=float(os.environ.get("MAX_FOREIGN", 10)),
                   help="%% of one core other processes may use during a run (default 10)")
    p.add_argument("--warmup", type=int, default=500_000, help="Watchfloor warm-up messages per rep")
    p.add_argument("--poll", type=float, default=0.1, help="Watchfloor journaled-count poll interval (s)")
    p.add_argument("--http-count", type=int, default=2_000_000)
    p.add_argument("--http-batch", type=int, default=1000)
    p.add_argument("--http-clients", type=int, default=4)
    p.add_argument("--java-opts", default=os.environ.get("WATCHFLOOR_JAVA_OPTS", ""),
                   help="extra JVM options for the server (default: none, as ./watchfloor serve)")
    p.add_argument("--skip-build", action="store_true")
    a = p.parse_args()
    peers = [x for x in a.peers.split(",") if x]
    unknown = set(peers) - set(ALL_PEERS)
    if unknown:
        sys.exit(f"unknown peers {sorted(unknown)} (known: {ALL_PEERS})")
    data_names = [x for x in a.data.split(",") if x]
    if set(data_names) - set(DATA_SETS):
        sys.exit(f"unknown data sets {sorted(set(data_names) - set(DATA_SETS))} (known: {list(DATA_SETS)})")

    bp = bench_peers_dir()
    build = os.path.join(a.tmp, "build")
    run(["make", "-s", "-C", os.path.join(bp, "tools"), f"BUILD={build}"])
    env = dict(os.environ, BENCH_TMP=a.tmp, BENCH_BUILD=build)
    if any(x.startswith("rsyslog") for x in peers) and not shutil.which("rsyslogd"):
        sys.exit(f"rsyslogd not found: run {bp}/install_peers.sh as root first")
    if not a.skip_build and any(x.startswith("watchfloor") for x in peers):
        run([os.path.join(ROOT, "mvnw"), "-B", "-o", "-q", "-DskipTests", "-pl", "server,bench", "-am", "package"],
            cwd=ROOT)
    data_dir = os.path.join(a.tmp, f"data-{a.count}")
    gen_data(bp, data_dir, a.count, data_names)

    session = time.strftime("%Y-%m-%dT%H:%M:%S")
    m = machine(bp)
    m.update(session=session, count=a.count, reps=a.reps, max_foreign=a.max_foreign, warmup=a.warmup,
             argv=sys.argv[1:])
    append(a.results, m)
    for name in data_names:
        data = os.path.join(data_dir, name)
        for conns in [int(c) for c in a.conns.split(",")]:
            for peer in peers:
                if peer == "watchfloor":
                    run_watchfloor(a, bp, env, data, conns, session)
                elif peer != "watchfloor-http":
                    run_peer(a, bp, env, peer, data, conns, session)
    if "watchfloor-http" in peers:
        run_http(a, session)
    log(f"results: {a.results} (session {session}); docs: bench/perf-report.py")


if __name__ == "__main__":
    main()
