"""The keycreation scenario: base keys made on demand (getCertificate for a new referenceId, as MOSIP clients do) by
one and by two server replicas sharing one PostgreSQL database and one HSM token, plus a race of both replicas on the
same new pairs. See bench/README.md."""

import copy
import datetime
import os
import secrets
import statistics
import subprocess
import threading
import time

from common import APP, REPO, TMP, die, log, output
from machine import busy_seconds, ensure_packages, machine_facts, process_seconds, wait_idle
from report import result_place, write_result
from server import Server, stop_all
from source import build, describe_changes, source_tree, uncommitted_changes
from stores import CLUSTER_NOTE, PgCluster, pg_version_line, psql

PREFIX = "kc"  # every referenceId this scenario makes starts with it (the check below counts rows by it)


def start_token(directory):
    """A throw-away SoftHSM2 token (scripts/softhsm-test-token.sh) both replicas log in to: the production shape,
    where replicas share the HSM and the database, not a data directory. Returns (server env, stop action)."""
    script = os.path.join(REPO, "scripts", "softhsm-test-token.sh")
    env = dict(os.environ, KAVACH_SOFTHSM_DIR=directory)
    exports = {}
    for line in output([script, "start"], env=env).splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export "):].partition("=")
            exports[key] = value.strip("'")
    server_env = {
        "SOFTHSM2_CONF": exports["SOFTHSM2_CONF"],
        "Kavach__Vault__Type": "Pkcs11",
        "Kavach__Vault__Pkcs11__Library": exports["KAVACH_TEST_PKCS11_LIBRARY"],
        "Kavach__Vault__Pkcs11__TokenLabel": exports["KAVACH_TEST_PKCS11_TOKEN"],
        "Kavach__Vault__Pkcs11__PinFile": exports["KAVACH_TEST_PKCS11_PIN_FILE"],
    }
    return server_env, lambda: subprocess.run([script, "stop"], env=env, capture_output=True)


def create(server, ref):
    """One getCertificate for a new pair: (seconds, certificate or None, error text or None)."""
    started = time.time()
    status, body = server.call("GET", "/getCertificate?applicationId=%s&referenceId=%s" % (APP, ref))
    elapsed = time.time() - started
    if status != 200 or not isinstance(body, dict) or body.get("errors") or not (body.get("response") or {}).get("certificate"):
        return elapsed, None, "HTTP %s %s" % (status, str(body)[:300])
    return elapsed, body["response"]["certificate"], None


def client_tokens(cli, data_dir, env, count):
    """One token per client (`kavach token issue` on replica A's data directory, the same database and token): the
    key-creation limiter lets one caller create one key at a time per process, so a single caller measures that gate.
    REGISTRATION_ADMIN: by default allowed on getCertificate and bound to REGISTRATION for creating its keys (machine
    onboarding: a registration client's key is made on its first request)."""
    tokens = []
    for i in range(count):
        token = subprocess.run(["dotnet", cli, "token", "issue", "--sub", "bench-keycreation-%02d" % i, "--roles", "REGISTRATION_ADMIN",
                                "--ttl", "2h", "--data-dir", data_dir], env=env, check=True, text=True, capture_output=True).stdout.strip()
        tokens.append(token)
    return tokens


def as_caller(server, token):
    view = copy.copy(server)
    view.token = token
    return view


def phase(servers, refs, clients, db, tokens=None):
    """Creates a key for each ref with `clients` concurrent clients, client i talking to servers[i % len(servers)], as
    caller tokens[i] when given (else with the server's admin token: one caller)."""
    lock = threading.Lock()
    queue = list(refs)
    latencies, errors = [], []

    def client(i):
        server = servers[i % len(servers)]
        if tokens:
            server = as_caller(server, tokens[i])
        while True:
            with lock:
                if not queue:
                    return
                ref = queue.pop(0)
            elapsed, _, error = create(server, ref)
            with lock:
                latencies.append(elapsed)
                if error:
                    errors.append("%s on %s: %s" % (ref, server.base, error))

    cpu0 = [process_seconds(s.pid) for s in servers]
    db0, busy0, wall0 = db.cpu_seconds(), busy_seconds(), time.time()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - wall0
    server_cpu = sum(process_seconds(s.pid) - c for s, c in zip(servers, cpu0))
    db_cpu = db.cpu_seconds() - db0
    busy = busy_seconds() - busy0
    n = len(refs)
    latencies.sort()
    return {
        "replicas": len(servers), "callers": "one per client" if tokens else "one (admin token)", "keys": n, "clients": clients, "errors": len(errors), "error_samples": errors[:3],
        "seconds": wall, "rate": n / wall if wall else 0.0,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else 0.0,
        "server_cpu_ms_per_key": 1000 * server_cpu / n, "db_cpu_ms_per_key": 1000 * db_cpu / n,
        "server_cores": server_cpu / wall, "db_cores": db_cpu / wall,
        "other_cores": max(0.0, (busy - server_cpu - db_cpu) / wall),  # includes this script's client threads
    }


def race(a, b, refs, concurrency):
    """For each ref, both replicas are asked for the new pair at the same moment (a barrier releases the two calls)."""
    lock = threading.Lock()
    queue = list(refs)
    outcome = {"pairs": len(refs), "errors": 0, "different": 0, "samples": []}

    def one(ref):
        barrier = threading.Barrier(2)
        answers = [None, None]

        def call(i, server):
            barrier.wait()
            answers[i] = create(server, ref)

        threads = [threading.Thread(target=call, args=(0, a)), threading.Thread(target=call, args=(1, b))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with lock:
            for _, _, error in answers:
                if error:
                    outcome["errors"] += 1
                    outcome["samples"].append("%s: %s" % (ref, error))
            if all(certificate for _, certificate, _ in answers) and answers[0][1] != answers[1][1]:
                outcome["different"] += 1
                outcome["samples"].append("%s: the replicas answered different certificates" % ref)

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                ref = queue.pop(0)
            one(ref)

    started = time.time()
    workers = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    outcome["seconds"] = time.time() - started
    outcome["samples"] = outcome["samples"][:3]
    return outcome


def rows_per_pair(connection, prefix):
    """{ref_id: key_alias rows} of this scenario's pairs, read from the database itself (not through a server)."""
    text = psql(connection, "SELECT ref_id, count(*) FROM keymgr.key_alias WHERE app_id = '%s' AND ref_id LIKE '%s%%' "
                            "GROUP BY ref_id" % (APP, prefix))
    rows = {}
    for line in text.splitlines():
        ref, _, count = line.partition("|")
        rows[ref] = int(count)
    return rows


def keycreation_run(args):
    command = "bench/run.py" + "".join(" " + a for a in __import__("sys").argv[1:])
    started = datetime.datetime.now()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    run_dir = os.path.join(TMP, "keycreation-" + stamp)
    os.makedirs(run_dir, exist_ok=True)
    ensure_packages(["postgresql", "softhsm2"])
    for item in args.server_env:
        key, sep, value = item.partition("=")
        if not sep:
            die("--server-env wants KEY=VALUE, got " + item)
        Server.extra_env[key] = value
    changes = uncommitted_changes()
    root, commit, source = source_tree(args, changes)
    artifacts = os.path.join(TMP, "build-" + ("head-" + commit if (args.head or args.commit) else "worktree"))
    server_dll = build(root, "src/Kavach.Server/Kavach.Server.csproj", artifacts)
    cli_dll = build(root, "src/Kavach.Cli/Kavach.Cli.csproj", artifacts, "kavach")
    machine = machine_facts()

    keys = args.keys or (30 if args.quick else 300)
    pairs = args.race_pairs or (20 if args.quick else 100)
    clients = args.keycreation_clients
    cleanups = []
    result = {}
    try:
        cluster = PgCluster(os.path.join("/tmp", "kavach-bench-pg-%s-keycreation" % stamp))
        cleanups.append(cluster.stop)
        vault_env, stop_token = start_token(os.path.join("/tmp", "kavach-bench-softhsm-%s" % stamp))
        cleanups.append(stop_token)
        # Replicas sharing a database must share the token-ID salts too (docs/backup.md); fresh ones for this run.
        env = dict(cluster.server_env(), **vault_env)
        env.update({"Kavach__TokenId__UinSalt": secrets.token_hex(16), "Kavach__TokenId__PartnerCodeSalt": secrets.token_hex(16)})

        a = Server(server_dll, os.path.join(run_dir, "data-a"), os.path.join(run_dir, "server-a.log"), env, False)
        a.wait_ready()
        log("replica A ready on %s; warming up (ROOT and module keys, JIT)" % a.base)
        warm = ["%sw-a-%03d" % (PREFIX, i) for i in range(max(4, clients))]
        phase([a], warm, clients, cluster)
        cli_env = dict(os.environ, **env)
        cli_env.update(Server.bench_env)
        cli_env.update(Server.extra_env)
        tokens = client_tokens(cli_dll, a.data_dir, cli_env, clients)
        if args.wait_idle:
            wait_idle(args.wait_idle)
        with open("/proc/loadavg") as f:
            result["loadavg"] = " ".join(f.read().split()[:3])
        result["phases"] = []

        def measured(servers, tag, with_tokens):
            refs = ["%s%s-%05d" % (PREFIX, tag, i) for i in range(keys)]
            log("%d replica%s, %s: %d new keys, %d clients" % (
                len(servers), "" if len(servers) == 1 else "s", "a token per client" if with_tokens else "one caller", keys, clients))
            d = phase(servers, refs, clients, cluster, tokens if with_tokens else None)
            log("  %.1f keys/s, errors %d" % (d["rate"], d["errors"]))
            result["phases"].append(d)
            return d

        measured([a], "1d", True)
        measured([a], "1o", False)
        b = Server(server_dll, os.path.join(run_dir, "data-b"), os.path.join(run_dir, "server-b.log"), env, False)
        b.wait_ready()
        log("replica B ready on %s; warming up" % b.base)
        phase([b], ["%sw-b-%03d" % (PREFIX, i) for i in range(max(4, clients))], clients, cluster)
        if args.wait_idle:
            wait_idle(args.wait_idle)
        measured([a, b], "2d", True)
        measured([a, b], "2o", False)

        log("race: %d new pairs, each asked of both replicas at once" % pairs)
        race_refs = ["%sr-%05d" % (PREFIX, i) for i in range(pairs)]
        result["race"] = race(a, b, race_refs, max(1, clients // 2))
        rows = rows_per_pair(cluster.connection, PREFIX + "r-")
        result["race"]["pairs_with_one_row"] = sum(1 for ref in race_refs if rows.get(ref) == 1)
        result["race"]["pairs_with_more"] = sum(1 for ref in race_refs if rows.get(ref, 0) > 1)
        result["race"]["pairs_missing"] = sum(1 for ref in race_refs if ref not in rows)
        all_rows = rows_per_pair(cluster.connection, PREFIX)
        result["duplicates_overall"] = sum(1 for count in all_rows.values() if count != 1)
        result["pg_settings"] = cluster.settings()
        log("race: %s" % {k: v for k, v in result["race"].items() if k != "samples"})
    finally:
        stop_all()
        for fn in reversed(cleanups):
            try:
                fn()
            except Exception:  # noqa: BLE001 - best effort on the way out
                pass

    ctx = {"date": started.strftime("%Y-%m-%d"), "commit": commit, "quick": args.quick, "command": command, "source": source,
           "machine": machine, "result": result, "run_dir": run_dir,
           "server_env": dict(Server.bench_env, **Server.extra_env)}
    text = keycreation_report(ctx)
    print(text)
    changes_after = uncommitted_changes()
    if changes_after and not changes:
        log("the working tree changed during the run (%s)" % describe_changes(changes_after))
    directory, name, why = result_place(args, commit, started, changes or changes_after)
    write_result(ctx, text, directory, name + "-keycreation", why)


def keycreation_report(ctx):
    r = ctx["result"]
    rc = r["race"]
    by = {(d["replicas"], d["callers"].startswith("one per")): d for d in r["phases"]}
    lines = []
    add = lines.append
    m = ctx["machine"]
    add("# Kavach benchmark, key creation with 1 and 2 replicas — %s, commit %s%s" % (
        ctx["date"], ctx["commit"], " (quick smoke run)" if ctx["quick"] else ""))
    add("")
    add("Command: `%s`  " % ctx["command"])
    add("Code: %s. Servers: Release build, `dotnet Kavach.Server.dll`, each replica on its own port and data directory, "
        "both on one PostgreSQL database and one SoftHSM2 token (PKCS#11, `scripts/softhsm-test-token.sh`), token-ID salts "
        "configured; default configuration except %s." % (
            ctx["source"], ", ".join("`%s=%s`" % kv for kv in sorted(ctx["server_env"].items()))))
    add("%s; PostgreSQL %s, as measured: %s." % (CLUSTER_NOTE, pg_version_line(r["pg_settings"]), ", ".join(
        "`%s=%s`" % (k, v) for k, v in sorted(r["pg_settings"].items()) if k != "server_version")))
    add("Machine: %d cores, %s; the clients (Python threads, one HTTP request per key) on the same cores. Load average "
        "before the measured phases: %s." % (m["nproc"], m["cpu"] or "unknown CPU", r["loadavg"]))
    add("")
    add("Each key is `GET /getCertificate?applicationId=%s&referenceId=<new>`: the base key is made on demand under the "
        "pair's database lock (PostgreSQL advisory lock), its certificate signed by the module key in the token." % APP)
    add("")
    add("The key-creation limiter (`KeyCreationLimiter`) runs one caller's creations for one application one at a time "
        "per process, so each phase runs twice: every client with a token of its own (`kavach token issue`, as many "
        "registration clients or services would be), and all clients with the one admin token.")
    add("")
    add("| replicas | callers | new keys | clients | errors | seconds | keys/s | p50 ms | p99 ms | server CPU ms/key (all replicas) | database CPU ms/key | cores: servers / db / other |")
    add("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for d in r["phases"]:
        add("| %d | %s | %d | %d | %d | %.1f | **%.1f** | %.0f | %.0f | %.1f | %.1f | %.2f / %.2f / %.2f |" % (
            d["replicas"], d["callers"], d["keys"], d["clients"], d["errors"], d["seconds"], d["rate"], d["p50_ms"], d["p99_ms"],
            d["server_cpu_ms_per_key"], d["db_cpu_ms_per_key"], d["server_cores"], d["db_cores"], d["other_cores"]))
    ratios = {}
    for distinct in (True, False):
        one, two = by[(1, distinct)], by[(2, distinct)]
        ratios[distinct] = (two["rate"] / one["rate"] if one["rate"] else 0.0, one, two)
    add("")
    add("Aggregate creation rate, 2 replicas ÷ 1: **%.2f** with a token per client, **%.2f** with one caller. *other* "
        "cores include the Python clients." % (ratios[True][0], ratios[False][0]))
    for d in r["phases"]:
        for sample in d["error_samples"]:
            add("")
            add("Error (%d replica%s): `%s`" % (d["replicas"], "" if d["replicas"] == 1 else "s", sample.replace("`", "'")))
    add("")
    add("## Race: both replicas asked for the same new pair at once")
    add("")
    add("| pairs | errors | pairs answered with different certificates | pairs with exactly one key row | with more | missing | seconds |")
    add("|---:|---:|---:|---:|---:|---:|---:|")
    add("| %d | %d | %d | %d | %d | %d | %.1f |" % (rc["pairs"], rc["errors"], rc["different"], rc["pairs_with_one_row"],
                                                  rc["pairs_with_more"], rc["pairs_missing"], rc["seconds"]))
    for sample in rc["samples"]:
        add("")
        add("Race problem: `%s`" % sample.replace("`", "'"))
    add("")
    add("Rows per pair are counted in `keymgr.key_alias` itself after the run; over every pair this scenario made, %d "
        "had other than exactly one row." % r["duplicates_overall"])
    add("")
    add("## Targets (issue 19)")
    add("")
    add("| target | measured | result |")
    add("|---|---|---|")
    for distinct, label in ((True, "a token per client"), (False, "one caller")):
        ratio, one, two = ratios[distinct]
        add("| 2 replicas create keys for different pairs at least as fast as 1 (aggregate), %s | %.1f vs %.1f keys/s (%.2f ×) | %s |" % (
            label, two["rate"], one["rate"], ratio, "PASS" if ratio >= 1.0 else "FAIL"))
    ok_race = rc["errors"] == 0 and rc["different"] == 0 and rc["pairs_with_one_row"] == rc["pairs"]
    add("| racing replicas make exactly one key per pair, both answer it | %d of %d pairs | %s |" % (
        rc["pairs_with_one_row"] if rc["different"] == 0 else rc["pairs"] - rc["different"], rc["pairs"], "PASS" if ok_race else "FAIL"))
    total = sum(d["errors"] for d in r["phases"]) + rc["errors"]
    add("| zero errors | %d | %s |" % (total, "PASS" if total == 0 else "FAIL"))
    add("")
    if ctx["quick"]:
        add("A quick run makes few keys: its numbers are a smoke test, not a measurement.")
        add("")
    add("Server logs of this run: `%s` (not committed)." % os.path.relpath(ctx["run_dir"], REPO))
    add("")
    return "\n".join(lines)
