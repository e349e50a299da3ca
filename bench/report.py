"""The result file: the markdown report (workload table, ratios to openssl and MOSIP, scaling, targets, profiles,
micro-benchmarks), its raw JSON twin, and where both are written."""

import json
import os

from common import REPO, RESULTS, TMP, log
from stores import parse_stores

# MOSIP 1.2.0 performance report, one pod with one CPU (shared/spec/mosip-reference.md §3, run 1).
MOSIP = {"encrypt": 292.7, "decrypt": 143.5, "jwtSign": 155.1, "jwtVerify": 439.6, "getCertificate": 98.1}
RSA_BOUND = ("decrypt", "jwtSign")


def fmt_ms(us):
    return "%.2f" % (us / 1000.0)


def verdict(ok):
    return "PASS" if ok else "FAIL"


def report(ctx):
    sign = ctx["openssl_sign"]
    lines = []
    add = lines.append
    add("# Kavach benchmark — %s, commit %s%s" % (ctx["date"], ctx["commit"], " (quick smoke run)" if ctx["quick"] else ""))
    add("")
    add("Command: `%s`  " % ctx["command"])
    add("Code: %s. Store: %s. Server: %s, default configuration except %s; fresh data directory." % (
        ctx["source"], ctx["store"], ctx["launch"], ", ".join("`%s=%s`" % kv for kv in sorted(ctx["server_env"].items()))))
    m = ctx["machine"]
    add("Machine: %d cores (`nproc`), %s, %s GiB; load generator (wrk, %d threads) on the same cores. %s; %s; %s." % (
        m["nproc"], m["cpu"] or "unknown CPU", m["memory_gib"], ctx["threads"], m["dotnet"] and ".NET SDK " + m["dotnet"], m["openssl"], m["wrk"]))
    add("Load: HTTP/1.1 keep-alive, %d connections, %d s per workload after %d s of warm-up." % (ctx["connections"], ctx["duration"], ctx["warmup"]))
    add("")
    add("Reference: `openssl speed -seconds %d rsa2048`, single core: **%.0f sign/s** (%.0f verify/s). Load average at start: %s." % (
        ctx["openssl_seconds"], sign, ctx["openssl_verify"], ctx["loadavg"]))
    add("")
    if ctx.get("pg_note"):
        add(ctx["pg_note"] + ".")
        add("")
    stores = ctx.get("stores") or [{"label": ctx["store"], "results": ctx["results"], "peak_rss": ctx["peak_rss"],
                                    "scaling": ctx["scaling"], "profiles": ctx["profiles"], "skipped": ctx["skipped"]}]
    for store in stores:
        sub = dict(ctx, results=store["results"], peak_rss=store["peak_rss"], scaling=store["scaling"],
                   profiles=store["profiles"], skipped=store["skipped"], external_db=store.get("store") == "postgres")
        store_sections(sub, add, " — " + store["label"] if len(stores) > 1 else "")
    if len(stores) > 1:
        comparison(ctx, stores, add)
    if ctx.get("micro"):
        add("## Micro-benchmarks (BenchmarkDotNet, in-process)")
        add("")
        add(ctx["micro"])
        add("")
    add("Raw wrk output, server logs and request files of this run: `%s` (not committed)." % os.path.relpath(ctx["run_dir"], REPO))
    add("")
    return "\n".join(lines)


def result_place(args, commit, started, changes):
    """(directory, file name without extension, why there) of this run's result. Only a full run on a clean tree, the same at the
    start and at the end of the run, goes to bench/results/ (committed), named by date and commit; anything else goes
    to the git-ignored bench/results/tmp/, so a result that cannot be reproduced from a commit is never committed."""
    stores = parse_stores(args)
    suffix = (("-" + "-".join(stores) if stores != ["sqlite"] else "") + ("-pgoptions" if getattr(args, "pg_options", "") else "") + ("-env" if args.server_env else "") + ("-quick" if args.quick else "")
              + ("-profile" if args.profile else ""))
    # A dirty tree is not named by its commit alone: `-dirty` says so, the time tells such runs apart.
    if changes or commit.endswith("-dirty"):
        commit = (commit if commit.endswith("-dirty") else commit + "-dirty") + started.strftime("-%H%M")
    name = "%s-%s%s" % (started.strftime("%Y-%m-%d"), commit, suffix)
    if args.quick or args.no_save:
        return TMP, name, "a %s run is never a result to commit" % ("--quick" if args.quick else "--no-save")
    if changes:
        return TMP, name, "uncommitted changes in the tree: not a result to commit"
    return RESULTS, name, "clean tree at commit %s" % commit


def write_result(ctx, text, directory, name, why):
    """Writes <name>.md (the report) and <name>.json (the raw numbers) into `directory`; returns the .md path."""
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name + ".md")
    with open(path, "w") as f:
        f.write(text)
    raw = {k: v for k, v in ctx.items() if k not in ("micro", "run_dir")}
    with open(os.path.join(directory, name + ".json"), "w") as f:
        json.dump(raw, f, indent=1, default=str)
    log("wrote %s (%s)" % (os.path.relpath(path, REPO), why))
    return path


def store_sections(ctx, add, suffix):
    """The workload table, scaling, targets and profiles of one store's part of the run."""
    r = ctx["results"]
    sign = ctx["openssl_sign"]
    add("## Workloads%s" % suffix)
    add("")
    add("| workload | req/s | p50 ms | p99 ms | errors (non-2xx / `errors`≠null / socket) | server CPU µs/req | database CPU µs/req | cores: server / db / wrk / other | RSS after MiB | × openssl 1-core sign/s | × MOSIP (1 pod) |")
    add("|---|---:|---:|---:|---|---:|---:|---|---:|---:|---:|")
    for name in ctx["order"]:
        if name not in r:
            continue
        d = r[name]
        ratio = "%.2f" % (d["rps"] / sign) if name in RSA_BOUND else ""
        mosip = "%.0f×" % (d["rps"] / MOSIP[name]) if name in MOSIP else ""
        db = "in server"
        if ctx.get("external_db"):
            db = "%.0f" % d["db_cpu_us_per_request"]
            if d.get("db_transactions_per_request") is not None:
                db += " (%.3f transactions)" % d["db_transactions_per_request"]
        add("| %s | %.0f | %s | %s | %d (%d / %d / %d) | %.0f | %s | %.2f / %.2f / %.2f / %.2f | %.0f | %s | %s |" % (
            name, d["rps"], fmt_ms(d["p50_us"]), fmt_ms(d["p99_us"]), d["errors"], d["non2xx"], d["business_errors"],
            d["socket_errors"], d["server_cpu_us_per_request"], db, d["server_cores"], d.get("db_cores", 0.0), d["wrk_cores"], d["other_cores"],
            d.get("rss_after_mib") or 0, ratio, mosip))
    for name, why in sorted(ctx["skipped"].items()):
        add("| %s | skipped: %s | | | | | | | | | |" % (name, why.replace("|", "/")))
    add("")
    noisy = [n for n in ctx["order"] if n in r and r[n]["other_cores"] > 0.2]
    add("*server CPU µs/req* is the server process's CPU time divided by the requests served: the cost of one request, "
        "independent of how the cores were shared (the openssl reference is %.0f µs per RSA-2048 private operation). "
        "*database CPU µs/req* is the same for the PostgreSQL cluster's processes (postmaster and its children), which do "
        "outside the server what SQLite does inside it; in brackets the database transactions per request "
        "(`pg_stat_database`: a statement outside a transaction is one, an audit batch one for all its requests). "
        "*cores* splits the machine's busy CPU between the server, the database cluster, wrk, and everything else." % (1e6 / sign))
    if noisy:
        add("")
        add("**Noise: other processes used more than 0.2 cores during %s** (machine load at start: %s); req/s and latency "
            "of those rows are lower than on a quiet machine, the µs/req column much less so." % (", ".join(noisy), ctx["loadavg"]))
    add("")
    add("Server peak RSS (VmHWM of the server process at the end of the workloads): **%.0f MiB**." % ctx["peak_rss"])
    samples = {n: r[n]["sample"] for n in r if r[n]["errors"] and r[n].get("sample")}
    for name, sample in samples.items():
        add("")
        add("First error response of %s: `%s`" % (name, sample[:300].replace("`", "'")))
    add("")

    sc = ctx.get("scaling")
    if sc:
        add("## Scaling: decrypt with 10 base keys vs many%s" % suffix)
        add("")
        seed = sc["seed"]
        add("| store | keys decrypted | req/s | p50 ms | p99 ms | errors | server CPU µs/req | other cores |")
        add("|---|---|---:|---:|---:|---:|---:|---:|")
        rows = [("10 base keys (main server)", "the 10", sc["small"]), ("%d base keys" % sc["keys_in_store"], "the same 10", sc["large"])]
        if "spread" in sc:
            rows.append(("%d base keys" % sc["keys_in_store"], "%d random ones" % sc["spread_keys"], sc["spread"]))
        for label, which, d in rows:
            add("| %s | %s | %.0f | %s | %s | %d | %.0f | %.2f |" % (label, which, d["rps"], fmt_ms(d["p50_us"]), fmt_ms(d["p99_us"]),
                                                                 d["errors"], d["server_cpu_us_per_request"], d["other_cores"]))
        add("")
        add("Peak RSS of the server on the large store: %.0f MiB." % sc.get("rss", {}).get("VmHWM", 0.0))
        add("")
        api, pool = seed["api"], seed.get("pool", {})
        api_rate = api["keys"] / api["seconds"] if api.get("seconds") else 0
        add("Seeding (cached in `bench/results/tmp/seed-cache/`, reused and extended by later runs; %.0f s in this run):" % seed.get("this_run_seconds", 0))
        add("")
        if api.get("keys"):
            add("- %d keys through the API path (`CertificateService.GetCertificateAsync`, as `getCertificate` makes them) in %.0f s: "
                "**%.1f keys/s** — %d keys that way would take %.1f h." % (
                    api["keys"], api["seconds"], api_rate, sc["target_keys"], sc["target_keys"] / api_rate / 3600 if api_rate else 0))
        if pool.get("keys"):
            add("- %d keys through the same library code (CertificateFactory + VaultSignatureGenerator + BaseKeyWrapper + store write scopes) "
                "with RSA key pairs from a pool of %d pairs generated up front (%.0f s), %.0f s for the rows: every row is a distinct, "
                "MOSIP-format wrapped key with its own certificate and thumbprint that passes the loader's integrity checks." % (
                    pool["keys"], pool.get("distinct_pairs", 0), pool.get("pool_seconds", 0), pool["seconds"]))
        if sc["keys_in_store"] < sc["target_keys"]:
            add("- **Only %d of the %d keys asked for are in the store** (seeding budget reached)." % (sc["keys_in_store"], sc["target_keys"]))
        add("")

    add("## Targets (issue 5)%s" % suffix)
    add("")
    add("| target | measured | result |")
    add("|---|---|---|")
    t = []

    def target(label, measured, ok):
        t.append(ok)
        add("| %s | %s | %s |" % (label, measured, "n/a" if ok is None else verdict(ok)))

    for name, label in (("decrypt", "decrypt (RSA-2048 unwrap) ≥ 1.2 × openssl single-core sign/s"),
                        ("jwtSign", "jwtSign RS256 ≥ 1.2 × openssl single-core sign/s")):
        if name in r:
            ratio = r[name]["rps"] / sign
            target(label, "%.0f req/s = %.2f × %.0f (need %.0f)" % (r[name]["rps"], ratio, sign, 1.2 * sign), ratio >= 1.2)
    for name, need, label in (("encrypt", 10000, "encrypt 1 KiB ≥ 10,000 req/s"), ("jwtVerify", 10000, "jwtVerify ≥ 10,000 req/s"),
                              ("getCertificate", 15000, "getCertificate ≥ 15,000 req/s")):
        if name in r:
            target(label, "%.0f req/s (%.0f%% of target)" % (r[name]["rps"], 100 * r[name]["rps"] / need), r[name]["rps"] >= need)
    measured = [n for n in ctx["order"] if n in r]
    if measured:
        worst = max(measured, key=lambda n: r[n]["p99_us"])
        over = [n for n in measured if r[n]["p99_us"] > 25000]
        target("p99 latency at %d connections, any workload ≤ 25 ms" % ctx["connections"],
               "worst %s %s ms%s" % (worst, fmt_ms(r[worst]["p99_us"]), ("; over: " + ", ".join("%s %s" % (n, fmt_ms(r[n]["p99_us"])) for n in over)) if over else ""),
               not over if ctx["connections"] == 64 else None)
    if sc:
        diff = (sc["large"]["rps"] - sc["small"]["rps"]) / sc["small"]["rps"] if sc["small"]["rps"] else 0
        enough = sc["keys_in_store"] >= sc["target_keys"]
        target("decrypt with %d keys stored within 10 %% of 10 keys" % sc["target_keys"],
               "%.0f vs %.0f req/s (%+.1f %%)%s" % (sc["large"]["rps"], sc["small"]["rps"], 100 * diff,
                                                   "" if enough else "; only %d keys stored" % sc["keys_in_store"]),
               (abs(diff) <= 0.10 or diff > 0) and enough)
    target("server peak RSS during the run ≤ 300 MiB", "%.0f MiB" % ctx["peak_rss"], ctx["peak_rss"] <= 300)
    total_errors = sum(r[n]["errors"] for n in measured)
    target("zero errors (every workload)", "%d" % total_errors, total_errors == 0)
    add("")
    if ctx["quick"]:
        add("A quick run uses short durations and few connections: its numbers are a smoke test, not a measurement.")
        add("")

    if ctx.get("profiles"):
        add("## Profiles (perf, cpu-clock, server process only, during the measured run)%s" % suffix)
        add("")
        for name, top in ctx["profiles"].items():
            add("### %s" % name)
            add("")
            add("```")
            add(top)
            add("```")
            add("")


# The workloads issue 19 holds PostgreSQL to, and how far it may be from SQLite on them.
PG_TARGETS = ("decrypt", "jwtSign", "encrypt")
PG_TOLERANCE = 0.10


def comparison(ctx, stores, add):
    """PostgreSQL ÷ SQLite per workload: CPU per request (server, and server + database) and req/s, with the verdicts."""
    by = {s["store"]: s["results"] for s in stores}
    if "sqlite" not in by or "postgres" not in by:
        return
    lite, pg = by["sqlite"], by["postgres"]
    add("## PostgreSQL ÷ SQLite")
    add("")
    add("Same build, same openssl reference, each store on a fresh data directory one after the other. Issue 19: PostgreSQL "
        "within %d %% of SQLite for %s — CPU per request at most %.2f × SQLite's (server + database, since the PostgreSQL "
        "cluster does outside the server what SQLite does inside it), req/s at least %.2f ×." % (
            100 * PG_TOLERANCE, ", ".join(PG_TARGETS), 1 + PG_TOLERANCE, 1 - PG_TOLERANCE))
    add("")
    add("| workload | SQLite req/s | PostgreSQL req/s | ÷ | SQLite CPU µs/req | PostgreSQL server + db CPU µs/req | ÷ | server alone ÷ | CPU ≤ %.2f × | req/s ≥ %.2f × |" % (
        1 + PG_TOLERANCE, 1 - PG_TOLERANCE))
    add("|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for name in ctx["order"]:
        if name not in lite or name not in pg:
            continue
        a, b = lite[name], pg[name]
        a_cpu = a["server_cpu_us_per_request"]
        b_cpu = b["server_cpu_us_per_request"] + b.get("db_cpu_us_per_request", 0.0)
        rps_ratio = b["rps"] / a["rps"] if a["rps"] else 0.0
        cpu_ratio = b_cpu / a_cpu if a_cpu else 0.0
        server_ratio = b["server_cpu_us_per_request"] / a_cpu if a_cpu else 0.0
        judged = name in PG_TARGETS
        add("| %s | %.0f | %.0f | %.2f | %.0f | %.0f + %.0f | %.2f | %.2f | %s | %s |" % (
            name, a["rps"], b["rps"], rps_ratio, a_cpu, b["server_cpu_us_per_request"], b.get("db_cpu_us_per_request", 0.0),
            cpu_ratio, server_ratio,
            verdict(cpu_ratio <= 1 + PG_TOLERANCE) if judged else "",
            verdict(rps_ratio >= 1 - PG_TOLERANCE) if judged else ""))
    add("")
    noisy = [n for s in stores for n, d in s["results"].items() if d.get("other_cores", 0) > 0.2]
    if noisy:
        add("Other processes used more than 0.2 cores during some workloads (machine load at start: %s): req/s ratios are "
            "unreliable there; the CPU-per-request ratios much less so." % ctx["loadavg"])
        add("")
