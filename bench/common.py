"""Paths, MOSIP request constants and the small process helpers every bench module uses."""

import os
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
RESULTS = os.path.join(BENCH, "results")  # committed results: clean trees only (see source.uncommitted_changes)
TMP = os.path.join(RESULTS, "tmp")  # git-ignored
LUA = os.path.join(BENCH, "lua", "kavach.lua")
API = "/v1/keymanager"
REQUEST_TIME = "2025-01-01T10:00:00.000Z"
APP = "REGISTRATION"
HOT_REFS = ["perf-ref-%02d" % i for i in range(1, 11)]
# MOSIP's perf payload (mosip-performance-tests Keymanager_Test_Script.jmx).
JWT_PAYLOAD = "ewogICAiYW55S2V5IjogIlRlc3QgSnNvbiIKfQ"


def log(message):
    print("bench: " + message, file=sys.stderr, flush=True)


def die(message):
    log("error: " + message)
    sys.exit(1)


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, text=True, **kwargs)


def output(cmd, **kwargs):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs).stdout
