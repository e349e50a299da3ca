"""Driving one workload with wrk (and perf when profiling) and accounting where the CPU went."""

import json
import os
import re
import subprocess
import time

from common import LUA, die, log, output
from machine import busy_seconds, children_seconds, process_seconds


def wrk(server, spec, seconds, args, out_path, profile_path=None):
    method, path, file = spec
    cmd = ["wrk", "-t%d" % args.threads, "-c%d" % args.connections, "-d%ds" % seconds, "--latency", "--timeout", "10s",
           "-s", LUA, server.base, "--", method, path or "/", file, server.token]
    perf = None
    if profile_path:
        perf = subprocess.Popen(["perf", "record", "-F", "499", "-e", "cpu-clock", "-g", "-p", str(server.pid),
                                 "-o", profile_path + ".data", "--", "sleep", str(max(1, seconds - 1))],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = getattr(server, "db", None)  # the PostgreSQL cluster's processes do the store's work outside the server
    db0 = db.cpu_seconds() if db else 0.0
    xact0 = db.transactions() if db else 0
    wall0, busy0, server0, child0 = time.time(), busy_seconds(), process_seconds(server.pid), children_seconds()
    text = output(cmd)
    wall, busy = time.time() - wall0, busy_seconds() - busy0
    server_cpu = process_seconds(server.pid) - server0
    db_cpu = (db.cpu_seconds() - db0) if db else 0.0
    xacts = (db.transactions() - xact0) if db else 0
    if perf:
        perf.wait()
    wrk_cpu = children_seconds() - child0  # wrk, and perf when profiling
    with open(out_path, "w") as f:
        f.write(" ".join(cmd[:-1]) + " <token>\n" + text)
    match = re.search(r"^WRKJSON (\{.*\})$", text, re.M)
    if not match:
        die("no WRKJSON line in wrk output:\n" + text)
    data = json.loads(match.group(1))
    seconds_measured = data["duration_us"] / 1e6
    data["rps"] = data["requests"] / seconds_measured if seconds_measured else 0.0
    data["socket_errors"] = data["socket_connect"] + data["socket_read"] + data["socket_write"] + data["socket_timeout"]
    data["errors"] = data["non2xx"] + data["business_errors"] + data["socket_errors"]
    # Where the machine's CPU went during the run: the server, the load generator, and anything else (noise).
    data["server_cores"] = server_cpu / wall
    data["wrk_cores"] = wrk_cpu / wall
    data["db_cores"] = db_cpu / wall
    data["other_cores"] = max(0.0, (busy - server_cpu - wrk_cpu - db_cpu) / wall)
    data["server_cpu_us_per_request"] = 1e6 * server_cpu / data["requests"] if data["requests"] else 0.0
    data["db_cpu_us_per_request"] = 1e6 * db_cpu / data["requests"] if data["requests"] else 0.0
    data["db_transactions_per_request"] = xacts / data["requests"] if db and data["requests"] else None
    return data


def perf_report(profile_path, top=20):
    """Share of samples per library (libcrypto = RSA/AES math, kernel = network, [JIT] = managed code), the top
    self-time symbols outside libcrypto (which has no symbols here), and the Kavach methods with the most inclusive time."""
    data = profile_path + ".data"
    if not os.path.isfile(data):
        return ""

    def report(*extra):
        text = subprocess.run(["perf", "report", "-i", data, "--stdio", "-g", "none"] + list(extra),
                              capture_output=True, text=True).stdout
        lines = []
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            line = re.sub(r"/\* MT: 0x[0-9a-f]+ \*/ ?", "", line)
            line = re.sub(r" {2,}", "  ", line).rstrip()
            line = re.sub(r"\s+-\s+-$", "", line)
            lines.append(line[:220])
        return lines

    dsos = report("--no-children", "--sort", "dso", "--percent-limit", "0.5")
    self_time = [l for l in report("--no-children", "--sort", "dso,symbol", "--percent-limit", "0.3") if "libcrypto" not in l]
    inclusive = [l for l in report("--children", "--sort", "symbol", "--percent-limit", "1") if "Kavach." in l]
    text = ("by library (self time):\n" + "\n".join(dsos[:12]) +
            "\n\ntop symbols by self time, libcrypto excluded:\n" + "\n".join(self_time[:top]) +
            "\n\nKavach methods by inclusive time (async continuations cut some stacks short):\n" + "\n".join(inclusive[:15]))
    with open(profile_path + ".txt", "w") as f:
        f.write(text + "\n")
    return text


def drive(server, name, spec, args, work, results, profile=False):
    log("%s: warm-up %d s, then %d s at %d connections" % (name, args.warmup, args.duration, args.connections))
    if args.warmup > 0:
        wrk(server, spec, args.warmup, args, os.path.join(work, name + ".warmup.txt"))
    profile_path = os.path.join(work, "perf-" + name) if profile else None
    data = wrk(server, spec, args.duration, args, os.path.join(work, name + ".wrk.txt"), profile_path)
    data.update({"rss_after_mib": server.status().get("VmRSS"), "hwm_after_mib": server.status().get("VmHWM")})
    if profile_path:
        data["profile_top"] = perf_report(profile_path)
    results[name] = data
    log("%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d; CPU cores: server %.2f, db %.2f, wrk %.2f, other %.2f; "
        "server %.0f us/req, db %.0f us/req, %s db transactions/req%s" % (
        name, data["rps"], data["p50_us"] / 1000, data["p99_us"] / 1000, data["errors"],
        data["server_cores"], data["db_cores"], data["wrk_cores"], data["other_cores"], data["server_cpu_us_per_request"],
        data["db_cpu_us_per_request"],
        "%.3f" % data["db_transactions_per_request"] if data["db_transactions_per_request"] is not None else "no",
        (" (sample: %s)" % data["sample"][:160]) if data["errors"] else ""))
    return data
