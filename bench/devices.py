"""The devices scenario (bench/run.py --scenario devices): a fleet of simulated devices (the agent's FleetSimulator, in
bench/Kavach.Bench.Fleet) enrols and checks in against one device management server started from a Release build on a
fresh data directory. Reports enrolments/s and check-ins/s, the server process's CPU per enrolment and per check-in
(utime+stime from /proc over each phase), its RSS, and openssl speed rsa3072 as the floor: the server's keys are
RSA-3072, and a check-in costs it one private decrypt (the JWE key) and one signature.

The server runs with the open routes' per-address limit raised (every simulated device comes from 127.0.0.1) and a
declared clock (no NTP here); the result file says so.
"""

import json
import os
import ssl
import subprocess
import sys

from common import REPO, die, log
from gateway import start, wait_ready
from machine import process_seconds, reference_point
from report import result_place, write_result
from server import free_port
from source import build, start_scenario, uncommitted_changes

SERVER_ARGS = ["--Kavach:DeviceServer:AnonymousPermitsPerWindow=1000000",
               "--Kavach:DeviceServer:Operations:Time:Source=declared",
               "--Kavach:DeviceServer:Operations:Time:DeclaredErrorMs=50",
               "--Logging:LogLevel:Default=Warning"]
CHECKIN_OPS = 2  # RSA-3072 private operations per check-in on the server: JWE key unwrap + response signature


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def devices_run(args):
    command = "bench/run.py" + "".join(" " + a for a in sys.argv[1:])
    started, work, changes, root, commit, source, artifacts = start_scenario(args, "devices")
    server_dll = build(root, "src/Kavach.Devices.Server/Kavach.Devices.Server.csproj", artifacts)
    cli = build(root, "src/Kavach.Cli/Kavach.Cli.csproj", artifacts, "kavach")
    fleet_dll = build(root, "bench/Kavach.Bench.Fleet/Kavach.Bench.Fleet.csproj", artifacts)
    machine, loadavg, sign, verify = reference_point(args, 3072)
    rsa_us = 1e6 / sign

    data = os.path.join(work, "data")
    port = free_port()
    url = "https://127.0.0.1:%d" % port
    server = start(["dotnet", server_dll, "--urls", url, "--Kavach:DataDir=" + data] + SERVER_ARGS, {},
                   os.path.join(work, "server.log"))
    try:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # readiness only; the devices pin the root
        wait_ready(url + "/health/ready", context)
        rss_idle = rss_kib(server.pid)
        admin_token = os.path.join(data, "admin.token")
        approver_token = os.path.join(work, "approver.token")
        token = subprocess.run(["dotnet", cli, "token", "issue", "--sub", "bench-approver", "--roles", "DEVICE_APPROVER",
                                "--ttl", "1d", "--data-dir", data], check=True, text=True, capture_output=True).stdout.strip()
        with open(approver_token, "w") as f:
            f.write(token + "\n")
        os.chmod(approver_token, 0o600)
        log("running %d devices against the server (pid %d)" % (args.devices, server.pid))
        cpu_start = process_seconds(server.pid)
        run = subprocess.run(["dotnet", fleet_dll, "--url", url, "--admin-token", admin_token, "--approver-token", approver_token,
                              "--server-pid", str(server.pid), "--work", os.path.join(work, "fleet"),
                              "--devices", str(args.devices), "--concurrency", str(args.device_concurrency),
                              "--rounds", str(args.device_rounds)], text=True, stdout=subprocess.PIPE, stderr=None)
        if run.returncode != 0:
            die("the fleet run failed (server log: %s)" % os.path.join(work, "server.log"))
        result = json.loads(run.stdout.strip().splitlines()[-1])
        result["rssIdleKib"] = rss_idle
        result["serverCpuTotal"] = process_seconds(server.pid) - cpu_start
    finally:
        server.terminate()
        server.wait(30)

    phases = result["phases"]
    lines = ["# Device management server benchmark %s (%s)" % (started.strftime("%Y-%m-%d"), commit), "",
             "Command: `%s`. Source: %s. Machine: %s, nproc %d, load average at start %s." % (
                 command, source, machine.get("cpu", "?"), machine["nproc"], loadavg), "",
             "Server: `Kavach.Devices.Server` (Release) on a fresh SQLite data directory, started with `%s` (every simulated "
             "device comes from 127.0.0.1, and this machine runs no NTP)." % " ".join(SERVER_ARGS[:3]), "",
             "Fleet: %d simulated L1 devices (`FleetSimulator`, memory keys, chip keys from a pool of %d), %d at a time, in "
             "the same machine as the server; each keeps its session (and keep-alive connection) from enrolment through "
             "its check-ins." % (result["devices"], result["chipKeyPool"], result["concurrency"]), "",
             "openssl speed rsa3072 (same run, one core): %.0f private operations/s = **%.0f µs** each." % (sign, rsa_us), "",
             "| phase | devices | errors | wall s | per s | p50 ms | p95 ms | p99 ms | server CPU µs/op | ÷ openssl RSA-3072 op |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for p in phases:
        cpu_us = p["serverCpuSeconds"] * 1e6 / p["count"] if p.get("serverCpuSeconds") is not None else None
        lines.append("| %s | %d | %d | %.1f | %.1f | %.0f | %.0f | %.0f | %s | %s |" % (
            p["phase"], p["count"], p["errors"], p["wallSeconds"], p["perSecond"], p["p50Ms"], p["p95Ms"], p["p99Ms"],
            "—" if cpu_us is None else "%.0f" % cpu_us, "—" if cpu_us is None else "%.1f" % (cpu_us / rsa_us)))
        for e in p["firstErrors"]:
            lines.append("|  | ↳ %s |  |  |  |  |  |  |  |  |" % e)
    checkins = [p for p in phases if p["phase"].startswith("checkin")]
    if checkins:
        us = sum(p["serverCpuSeconds"] for p in checkins) * 1e6 / sum(p["count"] for p in checkins)
        lines += ["", "Check-in: **%.0f µs** of server CPU = %.2f × the floor of %d RSA-3072 private operations (%.0f µs)." % (
            us, us / (CHECKIN_OPS * rsa_us), CHECKIN_OPS, CHECKIN_OPS * rsa_us)]
    per_k = (result["rssAfterKib"] - result["rssBeforeEnrolKib"]) * 1000.0 / max(1, result["devices"])
    lines += ["", "Server RSS: idle %.0f MiB, before enrolment %.0f MiB, after the last check-in %.0f MiB (%+.1f MiB per 1,000 "
              "devices), peak %.0f MiB. The registry lists %d active devices." % (
                  result["rssIdleKib"] / 1024, result["rssBeforeEnrolKib"] / 1024, result["rssAfterKib"] / 1024, per_k / 1024,
                  result["peakRssKib"] / 1024, result["active"]), "",
              "Server CPU per operation is the server process's utime+stime over the phase divided by the devices; it "
              "includes TLS (a handshake per device at enrolment, keep-alive afterwards), the message checks, the SQLite "
              "writes and the signed answers. The simulator shares the two cores (device key generation at enrolment is "
              "its biggest cost), so wall-clock rates are lower than the server alone would allow. Run files: `%s`." %
              os.path.relpath(work, REPO), ""]
    text = "\n".join(lines)
    print(text)
    ctx = {"command": command, "commit": commit, "source": source, "openssl_rsa3072_sign": sign, "openssl_rsa3072_verify": verify,
           "result": result, "machine": machine, "loadavg": loadavg, "run_dir": work, "server_args": SERVER_ARGS}
    args.postgres, args.server_env = False, []
    directory, name, why = result_place(args, commit, started, changes or uncommitted_changes())
    write_result(ctx, text, directory, name + "-devices", why)
