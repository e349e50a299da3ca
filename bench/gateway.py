"""The gateway scenario (bench/run.py --scenario gateway): the sample service reached directly and through the Kavach
gateway, per profile, in one run. Reports the server CPU per request of the gateway process and of the service (from
/proc), the RSA private operations each request costs the gateway, and openssl speed rsa2048 as the reference; the
target is a gateway CPU per request of at most 1.25 x its RSA private operations.

Requests are signed (and encrypted) by the independent Python implementation (tests/interop/partner_channel.py) in
batches made just before they are sent (each is valid once, within the time window); only the sending is measured.
"""

import base64
import json
import os
import signal
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.request

from common import REPO, TMP, die, log
from load import perf_report
from machine import TICK, process_seconds, reference_point
from report import result_place, write_result
from server import free_port
from source import build, start_scenario, uncommitted_changes

sys.path.insert(0, os.path.join(REPO, "tests", "interop"))
import partner_channel as pc  # noqa: E402 - the independent implementation, found through the path above

# (scenario, gateway profile or None for the service reached directly, IDA field encryption, RSA private ops per request
# on the gateway: mosip signs the response; field decryption unwraps one session key; kavach decrypts and signs.)
SCENARIOS = [("direct", None, False, 0), ("mosip", "mosip", False, 1), ("mosip + IDA fields", "mosip", True, 2),
             ("kavach", "kavach", False, 2)]
TARGET = 1.25
LOAD_CLIENT = None  # the built bench/Kavach.Bench.Load, set by gateway_run


def onboard(cli, work):
    """A data directory with keys and IDA's key policy, a partner PKI made with openssl, and the partner onboarded."""
    data, files = os.path.join(work, "data"), os.path.join(work, "partner")
    os.makedirs(files, exist_ok=True)

    def sh(*cmd, **kw):
        subprocess.run(cmd, check=True, capture_output=True, **kw)

    sh("dotnet", cli, "keys", "bootstrap", "--data-dir", data)
    with sqlite3.connect(os.path.join(data, "kavach.db")) as db:
        db.execute("INSERT INTO key_policy_def (app_id, key_validity_duration, pre_expire_days, access_allowed, is_active, "
                   "cr_by, cr_dtimes, is_deleted) VALUES ('IDA', 1095, 60, 'NA', 1, 'bench', datetime('now'), 0)")
    f = lambda name: os.path.join(files, name)  # noqa: E731
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f("ca.key"), "-out", f("ca.pem"), "-days", "3650",
       "-subj", "/O=Bench/CN=Bench Root CA")
    with open(f("leaf.ext"), "w") as ext:
        ext.write("basicConstraints=CA:FALSE\n")
    for k in ("signing", "encryption"):
        sh("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f(k + ".key"), "-out", f(k + ".csr"), "-subj", "/O=Bench/CN=bench " + k)
        sh("openssl", "x509", "-req", "-in", f(k + ".csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"), "-CAcreateserial", "-days", "730",
           "-out", f(k + ".pem"), "-extfile", f("leaf.ext"))
    sh("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f("tls.key"), "-out", f("tls.csr"), "-subj", "/CN=bench")
    sh("dotnet", cli, "partner", "onboard", "--partner-id", "bench", "--org", "Bench", "--domain", "AUTH", "--ca", f("ca.pem"),
       "--signing-cert", f("signing.pem"), "--encryption-cert", f("encryption.pem"), "--tls-csr", f("tls.csr"),
       "--out", f("onboarded"), "--data-dir", data)
    return data, f


def start(cmd, env, log_path):
    with open(log_path, "w") as out:
        return subprocess.Popen(cmd, env=dict(os.environ, **env), stdout=out, stderr=subprocess.STDOUT)


def wait_ready(url, context=None, limit=180):
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, context=context, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    die("not ready: " + url)


def make_requests(scenario, count, url, f):
    """`count` requests of one scenario: (body, headers); each is signed for its own send (fresh time, nonce)."""
    _, profile, fields, _ = scenario
    out = []
    sign_key, sign_cert = pc.load_key(f("signing.key")), pc.load_cert(f("signing.pem"))
    server_enc = pc.load_cert(os.path.join(f("onboarded"), "server-encryption.pem"))
    for i in range(count):
        document = {"id": "mosip.identity.auth", "version": "1.0", "transactionID": "BENCH%08d" % i,
                    "requestTime": pc.mosip_time(pc.utc_now()), "request": {"otp": "111111", "pad": "x" * 512}}
        if profile == "kavach":
            body = pc.jwe_encrypt(pc.json.dumps(document, separators=(",", ":")).encode(), server_enc)
            digest = pc.content_digest(body)
            params = pc.signature_params(['"@method"', '"@target-uri"', '"content-digest"'], [
                ("created", int(time.time())), ("nonce", pc.b64u(os.urandom(18))), ("keyid", pc.thumbprint(sign_cert)),
                ("alg", "rsa-v1_5-sha256"), ("tag", "kavach-request")])
            base = pc.signature_base([('"@method"', "POST"), ('"@target-uri"', url), ('"content-digest"', digest)], params)
            signature = pc.base64.b64encode(pc.rs256_sign(sign_key, base)).decode()
            headers = {"Content-Type": "application/jose", "Content-Digest": digest, "Signature-Input": "sig1=" + params,
                       "Signature": "sig1=:%s:" % signature}
        else:
            if fields:
                inner = pc.json.dumps(document.pop("request"), separators=(",", ":")).encode()
                pc.encrypt_fields(document, inner, server_enc)
            body = pc.json.dumps(document, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json"}
            if profile == "mosip":
                headers["signature"] = pc.jws_detached(sign_key, sign_cert, body)
        out.append((body, headers))
    return out


def send(requests, host, port, context, connections):
    """Sends the requests over `connections` keep-alive connections with the .NET load client (bench/Kavach.Bench.Load:
    a Python client cannot keep the gateway busy on two cores, and a gateway left waiting between requests pays for
    idling, thread wake-ups and spinning, in its CPU per request); returns the statuses and the sending time (the
    client's start-up left out)."""
    path = os.path.join(TMP, "gateway-requests-%d.jsonl" % os.getpid())
    with open(path, "w") as out:
        for body, headers in requests:
            out.write(json.dumps({"body": base64.b64encode(body).decode(), "headers": headers}) + "\n")
    command = ["dotnet", LOAD_CLIENT, "--url", "%s://%s:%d/echo" % ("https" if context else "http", host, port),
               "--requests", path, "--connections", str(connections)]
    if context:
        command += ["--cert", context.kavach_files[0], "--key", context.kavach_files[1], "--ca", context.kavach_files[2]]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        die("the load client failed")
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    os.remove(path)
    return [int(status) for status, count in answer["statuses"].items() for _ in range(count)], answer["seconds"]


def jit_seconds(pid):
    """CPU seconds of the runtime's tiered-compilation thread (".NET Tiered Com..."): JIT work, not request work."""
    total = 0.0
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                if not f.read().startswith(".NET Tiered"):
                    continue
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        pass
    return total


def measure(scenario, target_pid, service_pid, host, port, context, f, args, profile_path=None):
    """Warm-up, then batches made and sent in turn; CPU of the gateway (or service) and the service during sending only.
    With `profile_path`, perf samples the target process while each batch is sent (not while the next is signed)."""
    url = "%s://%s:%d/echo" % ("https" if context else "http", host, port)
    send(make_requests(scenario, args.gateway_warmup, url, f), host, port, context, args.gateway_connections)
    # On a busy machine tier-1 recompilation can still run after the warm-up; more warm-up rounds (at most 8) until the
    # tiered-compilation thread takes under 2% of the process's CPU over a round.
    for _ in range(8):
        j0, c0 = jit_seconds(target_pid), process_seconds(target_pid)
        send(make_requests(scenario, max(50, args.gateway_warmup // 4), url, f), host, port, context, args.gateway_connections)
        jit, cpu = jit_seconds(target_pid) - j0, process_seconds(target_pid) - c0
        if cpu <= 0 or jit / cpu < 0.02:
            break
        log("%s: JIT still compiling (%.0f%% of the gateway's CPU); warming up further" % (scenario[0], 100 * jit / cpu))
    jit0 = jit_seconds(target_pid)
    cpu = svc = wall = 0.0
    statuses = []
    for i in range(args.gateway_batches):
        batch = make_requests(scenario, args.gateway_batch, url, f)
        perf = None
        if profile_path and i == args.gateway_batches - 1:
            # The last batch is profiled (JIT and caches warm); perf runs only while it is sent, stopped by SIGINT.
            perf = subprocess.Popen(["perf", "record", "-F", "499", "-e", "cpu-clock", "-g", "-p", str(target_pid),
                                     "-o", profile_path + ".data"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)  # perf attaches before the first request
        c0, s0 = process_seconds(target_pid), process_seconds(service_pid)
        sent, seconds = send(batch, host, port, context, args.gateway_connections)
        statuses += sent
        wall += seconds
        cpu += process_seconds(target_pid) - c0
        svc += process_seconds(service_pid) - s0
        if perf:
            perf.send_signal(signal.SIGINT)
            perf.wait(60)
    n = len(statuses)
    ok = sum(1 for s in statuses if s == 200)
    result = {"requests": n, "ok": ok, "rps": n / wall if wall else 0.0, "cpu_us": cpu / n * 1e6, "service_us": svc / n * 1e6,
              "jit_us": (jit_seconds(target_pid) - jit0) / n * 1e6}
    log("%s: gateway %.0f us/req, of which the JIT thread %.0f" % (scenario[0], result["cpu_us"], result["jit_us"]))
    if profile_path:
        result["profile_top"] = perf_report(profile_path)
    return result


def gateway_run(args):
    command = "bench/run.py" + "".join(" " + a for a in sys.argv[1:])
    started, work, changes, root, commit, source, artifacts = start_scenario(args, "gateway")
    gateway_dll = build(root, "src/Kavach.Gateway/Kavach.Gateway.csproj", artifacts)
    service_dll = build(root, "samples/Kavach.Samples.Service/Kavach.Samples.Service.csproj", artifacts)
    cli = build(root, "src/Kavach.Cli/Kavach.Cli.csproj", artifacts, "kavach")
    global LOAD_CLIENT
    LOAD_CLIENT = build(root, "bench/Kavach.Bench.Load/Kavach.Bench.Load.csproj", artifacts)
    data, f = onboard(cli, work)
    machine, loadavg, sign, verify = reference_point(args)
    rsa_us = 1e6 / sign

    service_port = free_port()
    service = start(["dotnet", service_dll, "--urls", "http://127.0.0.1:%d" % service_port], {}, os.path.join(work, "service.log"))
    results = {}
    try:
        wait_ready("http://127.0.0.1:%d/stats" % service_port)
        results["direct"] = measure(SCENARIOS[0], service.pid, service.pid, "127.0.0.1", service_port, None, f, args)
        onboarded = f("onboarded")
        context = ssl.create_default_context(cafile=os.path.join(onboarded, "ca-bundle.pem"))
        context.load_cert_chain(os.path.join(onboarded, "tls-chain.pem"), f("tls.key"))
        context.kavach_files = (os.path.join(onboarded, "tls-chain.pem"), f("tls.key"), os.path.join(onboarded, "ca-bundle.pem"))
        for profile in ("mosip", "kavach"):
            port = free_port()
            env = {"Kavach__DataDir": data, "Kavach__Gateway__Backend": "http://127.0.0.1:%d" % service_port,
                   "Kavach__Gateway__ApplicationId": "IDA", "Kavach__Gateway__Profile": profile,
                   "Logging__LogLevel__Default": "Warning"}
            if args.profile:
                # perf resolves JIT-compiled frames through /tmp/perf-PID.map; W^X double mapping would hide them.
                env.update({"DOTNET_PerfMapEnabled": "1", "DOTNET_EnableWriteXorExecute": "0"})
            gateway = start(["dotnet", gateway_dll, "--urls", "https://127.0.0.1:%d" % port], env,
                            os.path.join(work, "gateway-%s.log" % profile))
            try:
                wait_ready("https://127.0.0.1:%d/health/ready" % port, context)
                for scenario in [s for s in SCENARIOS if s[1] == profile]:
                    log("measuring %s through the gateway (pid %d)" % (scenario[0], gateway.pid))
                    profile_path = (os.path.join(work, "perf-" + scenario[0].replace(" ", "").replace("+", "-"))
                                    if args.profile else None)
                    results[scenario[0]] = measure(scenario, gateway.pid, service.pid, "127.0.0.1", port, context, f, args,
                                                   profile_path)
                    if results[scenario[0]].get("profile_top"):
                        print("== profile: %s ==\n%s" % (scenario[0], results[scenario[0]]["profile_top"]), flush=True)
            finally:
                gateway.terminate()
                gateway.wait(30)
    finally:
        service.terminate()
        service.wait(30)

    lines = ["# Gateway benchmark %s (%s)" % (started.strftime("%Y-%m-%d"), commit), "",
             "Command: `%s`. Source: %s. Machine: %s, nproc %d, load average at start %s." % (
                 command, source, machine.get("cpu", "?"), machine["nproc"], loadavg), "",
             "openssl speed rsa2048 (same run, one core): %.0f private operations/s = **%.0f µs** each." % (sign, rsa_us), "",
             "| scenario | requests (200) | req/s | gateway CPU µs/req | service CPU µs/req | RSA private ops/req | ops × openssl µs | gateway ÷ RSA | target ≤ %.2f |" % TARGET,
             "|---|---|---|---|---|---|---|---|---|"]
    for name, profile, _, ops in SCENARIOS:
        r = results.get(name)
        if not r:
            continue
        if profile is None:
            lines.append("| %s (service alone) | %d (%d) | %.0f | — | %.0f | 0 | — | — | — |" % (name, r["requests"], r["ok"], r["rps"], r["service_us"]))
            continue
        ratio = r["cpu_us"] / (ops * rsa_us)
        lines.append("| %s | %d (%d) | %.0f | %.0f | %.0f | %d | %.0f | %.2f | %s |" % (
            name, r["requests"], r["ok"], r["rps"], r["cpu_us"], r["service_us"], ops, ops * rsa_us, ratio,
            "PASS" if ratio <= TARGET and r["ok"] == r["requests"] else "FAIL"))
    lines += ["", "Gateway CPU per request is the gateway process's utime+stime (/proc) over the requests it served, while "
              "only sending (requests are signed by the Python client between batches); it includes TLS with client "
              "certificates, verification, the replay ledger (SQLite), proxying to the service and the response signature.",
              "RSA private operations: mosip signs the response (1), plus one session-key unwrap with IDA field "
              "encryption (2); kavach decrypts the request JWE and signs the response (2). Run files: `%s`." % os.path.relpath(work, REPO), ""]
    for name, _, _, _ in SCENARIOS:
        if results.get(name, {}).get("profile_top"):
            lines += ["", "perf profile of the gateway, %s (last batch, perf record -F 499 -e cpu-clock -g):" % name, "", "```",
                      results[name]["profile_top"], "```"]
    text = "\n".join(lines)
    print(text)
    ctx = {"command": command, "commit": commit, "source": source, "openssl_sign": sign, "openssl_verify": verify,
           "results": results, "machine": machine, "loadavg": loadavg, "run_dir": work}
    args.postgres, args.server_env = False, []
    directory, name, why = result_place(args, commit, started, changes or uncommitted_changes())
    write_result(ctx, text, directory, name + "-gateway", why)
