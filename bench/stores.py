"""The stores a run can use: SQLite (the embedded default, in the server's data directory) and PostgreSQL (a
throw-away cluster from scripts/pg-test-cluster.sh, made durable again), and the CPU its processes spend."""

import os
import re
import subprocess

from common import REPO, die, log, output

STORES = ("sqlite", "postgres")
LABELS = {"sqlite": "SQLite (embedded default)", "postgres": "PostgreSQL (throw-away local cluster)"}

# scripts/pg-test-cluster.sh turns durability off for fast tests. A production database keeps it on, and the benchmark
# compares against SQLite's durable commits, so the bench puts PostgreSQL's defaults back (ALTER SYSTEM, then reload:
# all three take effect without a restart). Stated in every result file.
DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
CLUSTER_NOTE = ("PostgreSQL: a throw-away cluster made by `scripts/pg-test-cluster.sh` on this machine (loopback TCP, "
                "scram-sha-256, `shared_buffers=64MB`, `max_connections=300`), with the script's `fsync`, "
                "`synchronous_commit` and `full_page_writes` set back to `on` (PostgreSQL's defaults) by the bench")


def parse_stores(args):
    """The stores of this run, in order: --stores, else --postgres alone, else SQLite."""
    if args.stores:
        wanted = [s.strip().lower() for s in args.stores.split(",") if s.strip()]
        wanted = ["postgres" if s in ("pg", "postgresql") else s for s in wanted]
        unknown = [s for s in wanted if s not in STORES]
        if unknown or not wanted:
            die("--stores takes a comma-separated list of %s, got %r" % ("/".join(STORES), args.stores))
        return list(dict.fromkeys(wanted))
    return ["postgres"] if args.postgres else ["sqlite"]


def connection_fields(connection):
    return dict(part.split("=", 1) for part in connection.split(";") if "=" in part)


def psql(connection, sql):
    """Runs one statement as the cluster's superuser over loopback; returns its unaligned output."""
    f = connection_fields(connection)
    env = dict(os.environ, PGPASSWORD=f["Password"])
    return output(["psql", "-h", f["Host"], "-p", f["Port"], "-U", f["Username"], "-d", f["Database"], "-v", "ON_ERROR_STOP=1",
                   "-qAt", "-c", sql], env=env)


class PgCluster:
    """One throw-away cluster: started durable, its postmaster's process tree measurable, removed by stop()."""

    def __init__(self, directory):
        self.directory = directory  # under /tmp: the postgres user must reach it
        self.env = dict(os.environ, KAVACH_PG_DIR=directory)
        self.script = os.path.join(REPO, "scripts", "pg-test-cluster.sh")
        self.connection = output([self.script, "start"], env=self.env).strip().splitlines()[-1]
        for name, value in DURABLE.items():
            psql(self.connection, "ALTER SYSTEM SET %s = %s" % (name, value))
        psql(self.connection, "SELECT pg_reload_conf()")
        shown = {name: psql(self.connection, "SHOW " + name).strip() for name in DURABLE}
        if shown != DURABLE:
            die("the bench cluster did not take the durable settings: %s" % shown)
        log("PostgreSQL cluster in %s (%s)" % (directory, ", ".join("%s=%s" % kv for kv in sorted(shown.items()))))

    def server_env(self):
        return {"Kavach__Database__Provider": "PostgreSql", "Kavach__Database__ConnectionString": self.connection}

    def postmaster(self):
        try:
            with open(os.path.join(self.directory, "data", "postmaster.pid")) as f:
                return int(f.readline().strip())
        except (OSError, ValueError):
            return None

    def cpu_snapshot(self):
        """{pid: utime+stime seconds} of the postmaster and its children (the backends serving the pool, WAL writer,
        checkpointer)."""
        root = self.postmaster()
        if root is None:
            return {}
        tick = os.sysconf("SC_CLK_TCK")
        seconds = {}
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % pid) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(pid) == root or int(fields[1]) == root:
                seconds[int(pid)] = (int(fields[11]) + int(fields[12])) / tick
        return seconds

    def cpu_seconds(self):
        """A running total for differences: call it before and after. Per process, so a backend that exits between two
        readings does not make the difference negative; its own time since the first reading is lost (pooled
        connections stay open, so that is rare)."""
        now = self.cpu_snapshot()
        previous = getattr(self, "_last", {})
        self._total = getattr(self, "_total", 0.0) + sum(v - previous.get(pid, 0.0) for pid, v in now.items())
        self._last = now
        return self._total

    def transactions(self):
        """Transactions committed or rolled back in the bench database so far: every statement outside a transaction
        is one, so per request this counts the round trips that are not batched (statistics lag by up to a second)."""
        return int(psql(self.connection, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()").strip())

    def settings(self):
        """The settings a reader needs to judge the numbers."""
        names = list(DURABLE) + ["shared_buffers", "max_connections", "server_version"]
        return {name: psql(self.connection, "SHOW " + name).strip() for name in names}

    def stop(self):
        subprocess.run([self.script, "stop"], env=self.env, capture_output=True)


def pg_version_line(settings):
    return re.sub(r"\s+", " ", settings.get("server_version", ""))
