"""The Kavach server process under test: start on its own data directory and port, wait for ready, set-up calls, stop."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from common import API, REQUEST_TIME, die

SERVER_PROCS = []  # every server still running, stopped by stop_all() on the way out


LAUNCHES = {
    "dll": "`dotnet Kavach.Server.dll` of the Release build, from the build directory",
    "datadir": "`dotnet Kavach.Server.dll` of the Release build, from the directory holding the data directory, which is named relatively (an operator's start)",
    "run": "`dotnet run --project src/Kavach.Server` (the README's command: its own build of the same tree)",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    # A per-client rate limit (Kavach:Security:RateLimit, 1,000 req/s by default) would measure the limiter, not the
    # server: all of wrk's connections are one client. Raised for the benchmark; shown in the report; --server-env wins.
    # The workloads use the admin token for key use too: bind it to every application (a production server binds
    # administrators to nothing) and lift the key-creation rate, which would otherwise measure the limiter as well.
    bench_env = {
        "Kavach__Security__RateLimit__AuthenticatedPerSecond": "1000000",
        "Kavach__Security__RateLimit__AuthenticatedBurst": "1000000",
        "Kavach__Security__ApplicationBindings__Roles__KEY_MANAGER_ADMIN": "*",
        "Kavach__Security__KeyCreation__PerMinute": "1000000",
        "Kavach__Security__KeyCreation__Total": "1000000",
    }
    extra_env = {}  # --server-env
    # --launch: how the server is started, as an operator might start it (LAUNCHES in run.py says what each means).
    launch = "dll"
    source_root = None  # the tree `dotnet run` builds (launch "run")

    def __init__(self, dll, data_dir, log_path, db_env, profile):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.data_dir = data_dir
        env = dict(os.environ)
        env.update({
            "Kavach__DataDir": data_dir,
            "ASPNETCORE_URLS": self.base,
            "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
            "DOTNET_NOLOGO": "1",
        })
        env.update(db_env)
        env.update(Server.bench_env)
        env.update(Server.extra_env)
        if profile:
            # perf resolves JIT-compiled frames through /tmp/perf-PID.map; W^X double mapping would hide them.
            env["DOTNET_PerfMapEnabled"] = "1"
            env["DOTNET_EnableWriteXorExecute"] = "0"
        self.log_path = log_path
        self.log_file = open(log_path, "w")
        if Server.launch == "run":
            # The README's command: `dotnet run` builds its own (Debug) configuration of the source tree and starts it.
            command, cwd = ["dotnet", "run", "--project", os.path.join(Server.source_root, "src", "Kavach.Server")], os.path.dirname(data_dir)
        elif Server.launch == "datadir":
            # An operator's start: from the directory holding the data directory, which is named relatively.
            command, cwd = ["dotnet", dll], os.path.dirname(data_dir)
            env["Kavach__DataDir"] = os.path.basename(data_dir)
        else:
            command, cwd = ["dotnet", dll], os.path.dirname(dll)
        self.proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.pid = self.proc.pid  # the serving process: under `dotnet run`, its child (found once ready)
        SERVER_PROCS.append(self)
        self.token = None

    def wait_ready(self, timeout=180):
        if Server.launch == "run":
            timeout += 600  # `dotnet run` builds first
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                die("server exited with %s; log: %s" % (self.proc.returncode, self.log_path))
            try:
                with urllib.request.urlopen(self.base + "/health/ready", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            time.sleep(0.25)
        else:
            die("server not ready after %d s; log: %s" % (timeout, self.log_path))
        if Server.launch == "run":
            self.pid = serving_child(self.proc.pid)
        token_file = os.path.join(self.data_dir, "admin.token")
        for _ in range(40):
            if os.path.isfile(token_file):
                break
            time.sleep(0.25)
        with open(token_file) as f:
            self.token = f.read().strip()

    def status(self):
        """VmRSS and VmHWM (peak) of the server process, in MiB."""
        values = {}
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    key, _, rest = line.partition(":")
                    if key in ("VmRSS", "VmHWM"):
                        values[key] = int(rest.split()[0]) / 1024.0
        except OSError:
            pass
        return values

    def stop(self):
        if self.pid != self.proc.pid:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log_file.close()
        if self in SERVER_PROCS:
            SERVER_PROCS.remove(self)

    # -- HTTP helpers for set-up (not the measured load)

    def call(self, method, path, request=None):
        body = None
        headers = {"Authorization": "Bearer " + self.token}
        if request is not None:
            body = json.dumps({"id": "bench", "version": "1.0", "requesttime": REQUEST_TIME, "metadata": {},
                               "request": request}).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.base + API + path, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, {"raw": raw[:300].decode(errors="replace")}

    def must(self, method, path, request=None):
        status, body = self.call(method, path, request)
        if status != 200 or not isinstance(body, dict) or body.get("errors"):
            die("%s %s failed: HTTP %s %s" % (method, path, status, json.dumps(body)[:500]))
        return body["response"]


def serving_child(pid):
    """The Kavach.Server process started by the `dotnet run` process pid (its CPU and memory are the server's)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
                with open("/proc/%s/cmdline" % entry, "rb") as f:
                    children.setdefault(parent, []).append((int(entry), f.read()))
            except (OSError, ValueError, IndexError):
                pass
    pending = [pid]
    while pending:
        for child, cmdline in children.get(pending.pop(), []):
            if b"Kavach.Server" in cmdline:
                return child
            pending.append(child)
    die("no Kavach.Server process under `dotnet run` (pid %d)" % pid)


def stop_all():
    """Stops every server still running (best effort: this runs on the way out, also after errors)."""
    for server in list(SERVER_PROCS):
        try:
            server.stop()
        except Exception:  # noqa: BLE001 - best effort on the way out
            pass
