"""The machine under the benchmark: Debian packages, the openssl RSA-2048 reference, machine facts, CPU accounting."""

import os
import re
import shutil
import subprocess
import time

from common import die, log, output, run


def ensure_packages(packages):
    """Installs missing Debian packages (idempotent: dpkg-query first)."""
    missing = []
    for package in packages:
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
        if "install ok installed" not in status.stdout:
            missing.append(package)
    if not missing:
        return
    log("installing " + " ".join(missing))
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(sudo + ["apt-get", "update", "-q"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    run(sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends"] + missing, env=env,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)



def openssl_speed(seconds, bits=2048):
    """openssl's single-core RSA sign and verify rates for the key size: (sign/s, verify/s)."""
    log("openssl speed -seconds %d rsa%d (single core)" % (seconds, bits))
    text = subprocess.run(["openssl", "speed", "-seconds", str(seconds), "rsa%d" % bits], check=True, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
    match = re.search(r"^rsa\s+%d bits\s+\S+s\s+\S+s\s+([\d.]+)\s+([\d.]+)" % bits, text, re.M)
    if not match:
        die("cannot read openssl speed output:\n" + text)
    return float(match.group(1)), float(match.group(2))


def machine_facts():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "nproc": int(output(["nproc"]).strip()),
        "cpu": cpu,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30, 1),
        "kernel": os.uname().release,
        "dotnet": output(["dotnet", "--version"]).strip(),
        "openssl": output(["openssl", "version"]).strip(),
        # The gateway and devices scenarios run without wrk.
        "wrk": (subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines() or [""])[0]
        if shutil.which("wrk") else "",
    }


# ---------------------------------------------------------------------------------------------------- CPU accounting

TICK = os.sysconf("SC_CLK_TCK")


def busy_seconds():
    """CPU seconds spent by the whole machine (all cores, anything but idle and iowait) since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    total = sum(fields[:8])
    return (total - fields[3] - fields[4]) / TICK


def process_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def children_seconds():
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_idle(limit):
    """Waits (at most `limit` s) until the machine is quiet: under 0.3 cores busy over a 2-s window."""
    deadline = time.time() + limit
    while True:
        before = busy_seconds()
        time.sleep(2)
        cores = (busy_seconds() - before) / 2
        if cores < 0.3:
            return cores
        if time.time() >= deadline:
            log("machine still busy (%.1f cores in use by other processes); measuring anyway" % cores)
            return cores
        log("waiting for a quiet machine (%.1f cores busy)" % cores)


def reference_point(args, bits=2048):
    """What a result is measured against, taken just before the measured phases: the machine, its load average (after
    waiting for it to settle with --wait-idle) and openssl's single-core RSA rates. Returns (machine, loadavg, sign/s,
    verify/s)."""
    machine = machine_facts()
    if args.wait_idle:
        wait_idle(args.wait_idle)
    with open("/proc/loadavg") as f:
        loadavg = " ".join(f.read().split()[:3])
    sign, verify = openssl_speed(args.openssl_seconds, bits)
    log("openssl rsa%d: %.0f sign/s (%.0f us per private operation), %.0f verify/s (single core); nproc %d"
        % (bits, sign, 1e6 / sign, verify, machine["nproc"]))
    return machine, loadavg, sign, verify
