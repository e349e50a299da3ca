#!/usr/bin/env python3
"""Kavach load benchmark: builds Release, starts a server on a data directory of its own, drives each workload
with wrk over HTTP/1.1 keep-alive, measures the openssl RSA-2048 reference, and writes bench/results/<date>-<commit>.md.

    bench/run.py                 full run: workloads, scaling run, micro-benchmarks
    bench/run.py --quick         smoke run (short, few connections; no scaling, no micro; result under bench/results/tmp/)
    bench/run.py --scenario gateway   the sample service directly vs through the partner gateway, per profile
    bench/run.py --scenario devices   a fleet of simulated devices enrolling and checking in against the device server
    bench/run.py --help          every option

Committed results come only from clean trees: with uncommitted changes (git status, bench/results/tmp aside) at the
start or the end of the run, the result goes to the git-ignored bench/results/tmp/ instead, and the run says so.

See bench/README.md for what each workload is and how to read the results.
"""

import sys

# Importing the modules beside this script must not leave bench/__pycache__ behind: an untracked directory would make
# the tree dirty, and the next run's result would not count as a clean-tree result.
sys.dont_write_bytecode = True

import argparse  # noqa: E402 - after the bytecode switch on purpose
import copy  # noqa: E402
import datetime  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402

from common import TMP, die, log  # noqa: E402
from load import drive  # noqa: E402
from machine import ensure_packages, reference_point, wait_idle  # noqa: E402
from microbench import micro  # noqa: E402
from report import report, result_place, write_result  # noqa: E402
from scaling import scaling  # noqa: E402
from server import LAUNCHES, Server, stop_all  # noqa: E402
from stores import CLUSTER_NOTE, LABELS, PgCluster, parse_stores, pg_version_line  # noqa: E402
from source import build, describe_changes, source_tree, uncommitted_changes  # noqa: E402
from workloads import SKIPPED, prepare  # noqa: E402

CLEANUPS = []  # stop actions for what the run started besides servers (PostgreSQL clusters)


def parse_args():
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smoke run: 3 s per workload, 16 connections, no scaling or micro unless asked")
    p.add_argument("--stores", metavar="LIST",
                   help="stores to run the workloads on, one after the other in one run, e.g. sqlite,postgres (default sqlite); "
                        "with two, the result compares them (PostgreSQL ÷ SQLite per workload)")
    p.add_argument("--postgres", action="store_true", help="PostgreSQL store only (the same as --stores postgres)")
    p.add_argument("--pg-options", metavar="'K=V;...'", default="",
                   help="Npgsql connection-string settings appended for the server, e.g. 'Max Auto Prepare=32' (shown in the report)")
    p.add_argument("--duration", type=int, help="seconds per measured workload (default 20; quick 3)")
    p.add_argument("--warmup", type=int, help="seconds of warm-up per workload (default 5; quick 1)")
    p.add_argument("--connections", type=int, help="wrk connections (default 64; quick 16)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--workloads", default="encrypt,decrypt,jwtSign,jwtVerify,getCertificate,zkEncrypt,zkDecrypt",
                   help="comma-separated subset (default: all)")
    p.add_argument("--size", type=int, default=1024, help="plaintext bytes for encrypt/decrypt (default 1024)")
    p.add_argument("--ciphertexts", type=int, default=200, help="pre-generated ciphertexts for decrypt (default 200)")
    p.add_argument("--openssl-seconds", type=int, help="openssl speed duration (default 10; quick 2)")
    p.add_argument("--scaling", dest="scaling", action="store_true", default=None, help="run the scaling run (default in a full run)")
    p.add_argument("--no-scaling", dest="scaling", action="store_false")
    p.add_argument("--scaling-keys", type=int, default=100000, help="base keys in the large store (default 100000)")
    p.add_argument("--scaling-spread", type=int, default=1000, help="distinct keys for the spread decrypt (default 1000)")
    p.add_argument("--seed-mode", choices=("pool", "api"), default="pool", help="how seed keys beyond the API sample are made")
    p.add_argument("--seed-distinct", type=int, default=500, help="distinct RSA key pairs in pool mode (default 500)")
    p.add_argument("--seed-api-sample", type=int, default=100, help="keys made through the API path first, for its rate (default 100)")
    p.add_argument("--seed-api-budget", type=int, default=60, help="seconds at most for the API sample (default 60)")
    p.add_argument("--seed-budget", type=int, default=1800, help="seconds at most for seeding in one run (default 1800)")
    p.add_argument("--micro", dest="micro", action="store_true", default=None, help="run the micro-benchmarks (default in a full run)")
    p.add_argument("--no-micro", dest="micro", action="store_false")
    p.add_argument("--micro-filter", default="*", help="BenchmarkDotNet --filter (default '*')")
    p.add_argument("--profile", action="store_true", help="perf-record the server (gateway: the last batch of each scenario) during each measured workload (top symbols in the report)")
    p.add_argument("--launch", choices=sorted(LAUNCHES), default="dll",
                   help="how the server is started: " + "; ".join("%s: %s" % kv for kv in sorted(LAUNCHES.items())))
    p.add_argument("--server-env", action="append", default=[], metavar="KEY=VALUE",
                   help="extra environment for the server, e.g. Logging__LogLevel__Default=Warning (repeatable; shown in the report)")
    p.add_argument("--wait-idle", type=int, default=0, metavar="S",
                   help="before measuring, wait up to S seconds for other processes to leave the CPUs idle")
    p.add_argument("--head", action="store_true", help="build the last commit (git archive HEAD) instead of the working tree")
    p.add_argument("--commit", metavar="REV", help="build that commit (git archive REV) instead of the working tree")
    p.add_argument("--no-save", action="store_true", help="write the result under bench/results/tmp/ even on a clean tree")
    p.add_argument("--scenario", choices=("keymanager", "gateway", "devices", "keycreation"), default="keymanager",
                   help="keymanager (default): the workloads above; gateway: the sample service directly vs through the gateway; "
                        "devices: simulated devices enrolling and checking in against the device server; "
                        "keycreation: base keys made on demand by 1 and 2 replicas on one PostgreSQL database and HSM token, and a race")
    p.add_argument("--keys", type=int, help="keycreation: new keys per phase (default 300; quick 30)")
    p.add_argument("--race-pairs", type=int, help="keycreation: new pairs both replicas are asked for at once (default 100; quick 20)")
    p.add_argument("--keycreation-clients", type=int, default=8, help="keycreation: concurrent clients (default 8)")
    p.add_argument("--devices", type=int, help="devices: simulated devices (default 1000; quick 100)")
    p.add_argument("--device-concurrency", type=int, default=4, help="devices: devices talking to the server at once (default 4)")
    p.add_argument("--device-rounds", type=int, default=2, help="devices: check-in rounds after enrolment (default 2)")
    p.add_argument("--gateway-batch", type=int, help="gateway: requests per signed batch (default 1000; quick 100)")
    p.add_argument("--gateway-batches", type=int, help="gateway: measured batches per scenario (default 4; quick 1)")
    p.add_argument("--gateway-warmup", type=int, help="gateway: warm-up requests per scenario (default 2000; quick 50): fewer leave the JIT compiling in the measured phase")
    p.add_argument("--gateway-connections", type=int, default=32, help="gateway: keep-alive connections of the load client (default 32)")
    args = p.parse_args()
    q = args.quick
    args.duration = args.duration or (3 if q else 20)
    args.warmup = args.warmup if args.warmup is not None else (1 if q else 5)
    args.connections = args.connections or (16 if q else 64)
    args.openssl_seconds = args.openssl_seconds or (2 if q else 10)
    args.scaling = (not q) if args.scaling is None else args.scaling
    args.micro = (not q) if args.micro is None else args.micro
    args.devices = args.devices or (100 if q else 1000)
    args.gateway_batch = args.gateway_batch or (100 if q else 1000)
    args.gateway_batches = args.gateway_batches or (1 if q else 4)
    args.gateway_warmup = args.gateway_warmup or (50 if q else 2000)
    if q:
        args.ciphertexts = min(args.ciphertexts, 50)
        args.scaling_keys = min(args.scaling_keys, 2000)
        args.scaling_spread = min(args.scaling_spread, 100)
    return args


def pg_note(per_store):
    settings = next((s["pg_settings"] for s in per_store if s.get("pg_settings")), None)
    if not settings:
        return ""
    return CLUSTER_NOTE + "; PostgreSQL %s, as measured: %s" % (
        pg_version_line(settings), ", ".join("`%s=%s`" % (k, v) for k, v in sorted(settings.items()) if k != "server_version"))


def cleanup():
    stop_all()
    for fn in reversed(CLEANUPS):
        try:
            fn()
        except Exception:  # noqa: BLE001
            pass


def main():
    args = parse_args()
    if args.scenario in ("gateway", "devices"):
        # The Python partner needs Debian's python3-cryptography and python3-jwcrypto (devices shares gateway.py's helpers).
        if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])
    if args.scenario == "gateway":
        from gateway import gateway_run
        gateway_run(args)
        return
    if args.scenario == "devices":
        from devices import devices_run
        devices_run(args)
        return
    if args.scenario == "keycreation":
        from keycreation import keycreation_run
        keycreation_run(args)
        return
    command = "bench/run.py" + "".join(" " + a for a in sys.argv[1:])
    started = datetime.datetime.now()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    run_dir = os.path.join(TMP, "run-" + stamp)
    os.makedirs(run_dir, exist_ok=True)
    rng = random.Random(5)

    packages = ["wrk"] + (["postgresql"] if "postgres" in parse_stores(args) else []) + (["linux-perf"] if args.profile else [])
    ensure_packages(packages)
    if shutil.which("dotnet") is None:
        die("dotnet not found (the .NET 10 SDK, see global.json)")

    for item in args.server_env:
        key, sep, value = item.partition("=")
        if not sep:
            die("--server-env wants KEY=VALUE, got " + item)
        Server.extra_env[key] = value
    Server.launch = args.launch
    changes = uncommitted_changes()
    if changes and not (args.quick or args.no_save):
        log("the working tree has %s: the result goes to bench/results/tmp/, not bench/results/ "
            "(committed results come only from clean trees)" % describe_changes(changes))
    root, commit, source = source_tree(args, changes)
    Server.source_root = root
    artifacts = os.path.join(TMP, "build-" + ("head-" + commit if (args.head or args.commit) else "worktree"))
    server_dll = build(root, "src/Kavach.Server/Kavach.Server.csproj", artifacts)
    seed_dll = build(root, "bench/Kavach.Bench.Seed/Kavach.Bench.Seed.csproj", artifacts) if args.scaling else None
    micro_dll = build(root, "bench/Kavach.Bench.Micro/Kavach.Bench.Micro.csproj", artifacts) if args.micro else None

    machine, loadavg, sign, verify = reference_point(args)

    stores = parse_stores(args)
    clusters = {}  # label -> PgCluster of this run

    def db_env_for(label, store=None):
        if (store or current["store"]) != "postgres":
            return {}
        cluster = PgCluster(os.path.join("/tmp", "kavach-bench-pg-%s-%s" % (stamp, label)))
        CLEANUPS.append(cluster.stop)
        clusters[label] = cluster
        env = cluster.server_env()
        if args.pg_options:
            env["Kavach__Database__ConnectionString"] += ";" + args.pg_options.strip(";")
        return env

    wanted = [w.strip() for w in args.workloads.split(",") if w.strip()]
    order = [w for w in ("encrypt", "decrypt", "jwtSign", "jwtVerify", "getCertificate", "zkEncrypt", "zkDecrypt") if w in wanted]
    per_store = []
    current = {"store": stores[0]}
    try:
        for store in stores:
            # Each store gets a fresh data directory (and a fresh cluster), the same build and the same openssl reference.
            current["store"] = store
            store_args = copy.copy(args)
            store_args.postgres = store == "postgres"
            label = "main" if len(stores) == 1 else "main-" + store
            store_dir = run_dir if len(stores) == 1 else os.path.join(run_dir, store)
            os.makedirs(store_dir, exist_ok=True)
            results, profiles = {}, {}
            server = Server(server_dll, os.path.join(store_dir, "data-main"), os.path.join(store_dir, "server-main.log"),
                            db_env_for(label), args.profile)
            server.db = clusters.get(label)
            server.wait_ready()
            log("%s: server ready on %s (pid %d); preparing keys and requests" % (LABELS[store], server.base, server.pid))
            if args.wait_idle and len(stores) > 1 and store != stores[0]:
                wait_idle(args.wait_idle)
            specs = prepare(server, store_dir, store_args, rng)
            for name in order:
                if name in specs:
                    drive(server, name, specs[name], store_args, store_dir, results, profile=args.profile)
                    if args.profile and results[name].get("profile_top"):
                        profiles[name] = results[name]["profile_top"]
            peak = server.status().get("VmHWM", 0.0)
            scaling_result = None
            if args.scaling:
                scaling_result = scaling(store_args, server_dll, seed_dll, store_dir, db_env_for, server, specs, results, rng)
            server.stop()
            pg = clusters[label].settings() if label in clusters else None
            per_store.append({"store": store, "label": LABELS[store], "results": results, "profiles": profiles,
                              "peak_rss": peak, "scaling": scaling_result, "skipped": dict(SKIPPED), "pg_settings": pg})
            SKIPPED.clear()
            for cluster_label in list(clusters):
                clusters.pop(cluster_label).stop()
        micro_text = micro(args, micro_dll, run_dir) if args.micro else ""
    finally:
        cleanup()

    first = per_store[0]
    ctx = {
        "date": started.strftime("%Y-%m-%d"), "commit": commit, "quick": args.quick, "command": command, "source": source,
        "store": " and ".join(s["label"] for s in per_store), "stores": per_store,
        "machine": machine, "threads": args.threads, "connections": args.connections, "duration": args.duration,
        "warmup": args.warmup, "openssl_seconds": args.openssl_seconds, "openssl_sign": sign, "openssl_verify": verify,
        "results": first["results"], "order": order, "peak_rss": first["peak_rss"], "scaling": first["scaling"],
        "micro": micro_text, "profiles": first["profiles"], "run_dir": run_dir, "loadavg": loadavg,
        "server_env": dict(Server.bench_env, **Server.extra_env), "launch": LAUNCHES[args.launch], "skipped": first["skipped"],
        "pg_note": pg_note(per_store) + ("; connection-string settings added by `--pg-options`: `%s`" % args.pg_options
                                         if args.pg_options and any(s["pg_settings"] for s in per_store) else ""),
    }
    text = report(ctx)
    print(text)
    # The tree must still be clean at the end: a change made during a long run may already be in the build.
    changes_after = uncommitted_changes()
    if changes_after and not changes and not (args.quick or args.no_save):
        log("the working tree changed during the run (%s): the result goes to bench/results/tmp/, not bench/results/"
            % describe_changes(changes_after))
    directory, name, why = result_place(args, commit, started, changes or changes_after)
    write_result(ctx, text, directory, name, why)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        cleanup()
        sys.exit(130)
