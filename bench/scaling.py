"""The scaling run: decrypt with 10 base keys in the store against a store seeded with many more."""

import json
import os
import shutil
import subprocess
import time

from common import API, APP, HOT_REFS, TMP, die, log
from load import drive
from server import Server
from workloads import envelope, make_ciphertexts, write_lines


def seed_store(args, seed_dll, data_dir, db_env, target):
    """Brings the seed data directory to `target` BENCH- keys; returns a record of what was done and how long it took."""
    meta_path = os.path.join(data_dir, "bench-seed.json")
    meta = {"keys": 0, "api": {"keys": 0, "seconds": 0.0}, "pool": {"keys": 0, "seconds": 0.0, "distinct_pairs": 0}}
    if os.path.isfile(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
    base = ["dotnet", seed_dll, "--data-dir", data_dir, "--app", APP, "--prefix", "BENCH-", "--parallel", str(os.cpu_count() or 2)]
    if db_env:
        base += ["--provider", db_env["Kavach__Database__Provider"], "--connection", db_env["Kavach__Database__ConnectionString"]]

    def step(mode, to, budget):
        cmd = base + ["--mode", mode, "--from", str(meta["keys"] + 1), "--to", str(to), "--budget-seconds", str(budget)]
        if mode == "pool":
            cmd += ["--distinct", str(args.seed_distinct)]
        log("seeding %s keys %d..%d (%s mode%s)" % (APP, meta["keys"] + 1, to, mode, ", budget %d s" % budget if budget else ""))
        result = subprocess.run(cmd, text=True, capture_output=True)
        lines = [l for l in result.stdout.splitlines() if l.startswith("{")]
        if not lines:
            die("seed tool failed:\n" + result.stdout[-3000:] + result.stderr[-3000:])
        record = json.loads(lines[-1])
        if record["errors"]:
            die("seed tool reported errors: %s" % record)
        meta["keys"] = record["last"]
        meta[mode]["keys"] = meta[mode].get("keys", 0) + record["created"]
        meta[mode]["seconds"] = round(meta[mode].get("seconds", 0.0) + record["seconds"], 2)
        if mode == "pool":
            meta[mode]["distinct_pairs"] = max(meta[mode].get("distinct_pairs", 0), record["distinct_pairs"])
            meta[mode]["pool_seconds"] = round(meta[mode].get("pool_seconds", 0.0) + record["pool_seconds"], 2)
        with open(meta_path, "w") as f:
            json.dump(meta, f, indent=1)
        return record

    started = time.time()
    # A sample through the faithful API path (getCertificate's own generation), for its rate; then the fast path.
    if meta["api"]["keys"] < args.seed_api_sample and meta["keys"] < target:
        step("api", min(target, meta["keys"] + args.seed_api_sample - meta["api"]["keys"]), args.seed_api_budget)
    if meta["keys"] < target:
        if args.seed_mode == "api":
            step("api", target, args.seed_budget)
        else:
            step("pool", target, args.seed_budget)
    meta["this_run_seconds"] = round(time.time() - started, 1)
    return meta


def scaling(args, server_dll, seed_dll, run_dir, db_env_for, main_server, main_specs, results, rng):
    """Decrypt throughput with the 10 hot keys, with 10 base keys in the store and with N base keys."""
    out = {"target_keys": args.scaling_keys}
    log("scaling: decrypt with the 10 base keys of the main run")
    out["small"] = drive(main_server, "scaling-decrypt-10keys", main_specs["decrypt"], args, run_dir, {})

    cache = os.path.join(TMP, "seed-cache", "sqlite-%s" % APP) if not args.postgres else os.path.join(run_dir, "data-seed")
    db_env = db_env_for("seed")
    os.makedirs(cache, exist_ok=True)
    os.chmod(cache, 0o700)
    meta = seed_store(args, seed_dll, cache, db_env, args.scaling_keys)
    out["seed"] = meta
    data_dir = cache
    if not args.postgres:  # the cache stays pristine: the server runs on a copy
        data_dir = os.path.join(run_dir, "data-scaling")
        shutil.copytree(cache, data_dir, symlinks=True)
        for name in ("admin.token",):
            path = os.path.join(data_dir, name)
            if os.path.exists(path):
                os.remove(path)
    server = Server(server_dll, data_dir, os.path.join(run_dir, "server-scaling.log"), db_env, False)
    server.wait_ready()
    try:
        n = meta["keys"]
        out["keys_in_store"] = n + len(HOT_REFS)
        for ref in HOT_REFS:
            server.must("GET", "/getCertificate?applicationId=%s&referenceId=%s" % (APP, ref))
        dec = make_ciphertexts(server, HOT_REFS, args.ciphertexts, args.size, rng)
        spec = ("POST", API + "/decrypt", write_lines(os.path.join(run_dir, "decrypt-scaling.txt"), map(envelope, dec)))
        log("scaling: decrypt with the same 10 hot keys among %d base keys" % out["keys_in_store"])
        out["large"] = drive(server, "scaling-decrypt-%dkeys" % out["keys_in_store"], spec, args, run_dir, {})
        spread = sorted(rng.sample(range(1, n + 1), min(args.scaling_spread, n)))
        if spread:
            refs = ["BENCH-%06d" % i for i in spread]
            dec = make_ciphertexts(server, refs, len(refs), args.size, rng)
            spec = ("POST", API + "/decrypt", write_lines(os.path.join(run_dir, "decrypt-spread.txt"), map(envelope, dec)))
            log("scaling: decrypt spread over %d different keys among %d" % (len(refs), out["keys_in_store"]))
            out["spread"] = drive(server, "scaling-decrypt-spread%d" % len(refs), spec, args, run_dir, {})
            out["spread_keys"] = len(refs)
        out["rss"] = server.status()
    finally:
        server.stop()
    return out
