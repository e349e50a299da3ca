#!/usr/bin/env python3
"""Checks a switch from MOSIP's key manager to Kavach on the same database and HSM (docs/migrating-from-mosip.md).

  --before  (against MOSIP, before it is stopped): records the keys per application, the certificate thumbprint of
            every current ROOT and module key, and a canary encrypted with one base key; writes --state.
  --after   (against Kavach, once /health/ready is 200): checks that every recorded key is still in key_alias, that
            Kavach returns the same certificate for each recorded ROOT/module key, and that the canary decrypts.

The database is reached with psql and the usual PG* variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD or
~/.pgpass); the key manager with --url (…/v1/keymanager) and a bearer token (--token, or the KEYMANAGER_TOKEN variable).
Prints one line per check; exits 1 if any check fails, 2 on a usage or connection error. Python 3 standard library only.
"""

import argparse
import base64
import datetime
import hashlib
import json
import os
import secrets
import ssl
import subprocess
import sys
import urllib.parse
import urllib.request

CURRENT_KEYS_SQL = """
SELECT id, app_id, coalesce(ref_id, ''), cert_thumbprint FROM keymgr.key_alias
WHERE coalesce(ref_id, '') = '' AND cert_thumbprint IS NOT NULL
  AND key_gen_dtimes <= now() AT TIME ZONE 'UTC' AND key_expire_dtimes > now() AT TIME ZONE 'UTC'
ORDER BY app_id
"""


def psql(sql):
    result = subprocess.run(
        ["psql", "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"check-migration: psql failed: {result.stderr.strip()}")
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def call(args, method, path, request=None):
    url = args.url.rstrip("/") + path
    body = None
    if request is not None:
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        body = json.dumps({"id": "string", "version": "string", "requesttime": now, "metadata": {}, "request": request}).encode()
    headers = {"Content-Type": "application/json"}
    if args.cookie:
        headers["Cookie"] = "Authorization=" + args.token
    else:
        headers["Authorization"] = "Bearer " + args.token
    context = ssl.create_default_context(cafile=args.cacert) if args.cacert else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers, method=method), context=context, timeout=60) as response:
            envelope = json.load(response)
    except OSError as error:
        raise SystemExit(f"check-migration: {method} {path}: {error}")
    if envelope.get("errors"):
        return None, envelope["errors"][0].get("errorCode", "?")
    return envelope.get("response"), None


def certificate_thumbprint(args, app_id, ref_id):
    query = urllib.parse.urlencode({"applicationId": app_id, "referenceId": ref_id})
    response, error = call(args, "GET", "/getCertificate?" + query)
    if error:
        return None, error
    pem = response["certificate"]
    der = base64.b64decode("".join(line for line in pem.splitlines() if not line.startswith("-----")))
    return hashlib.sha256(der).hexdigest().upper(), None


def before(args):
    state = {
        "counts": {app: int(n) for app, n in psql("SELECT app_id, count(*) FROM keymgr.key_alias GROUP BY app_id")},
        "aliases": [row[0] for row in psql("SELECT id FROM keymgr.key_alias")],
        "current": [{"id": i, "appId": a, "refId": r, "thumbprint": t} for i, a, r, t in psql(CURRENT_KEYS_SQL)],
    }
    ok = True
    for key in state["current"]:
        served, error = certificate_thumbprint(args, key["appId"], key["refId"])
        good = served == key["thumbprint"]
        ok &= good
        print(f"{'ok  ' if good else 'FAIL'} {key['appId']}: the key manager serves the certificate key_alias names" + (f" ({error})" if error else ""))
    if args.canary:
        app_id, _, ref_id = args.canary.partition(":")
        plaintext = b64url(secrets.token_bytes(32))
        response, error = call(args, "POST", "/encrypt", {"applicationId": app_id, "referenceId": ref_id, "timeStamp": now_iso(), "data": plaintext})
        if error:
            raise SystemExit(f"check-migration: the canary could not be encrypted: {error}")
        state["canary"] = {"appId": app_id, "refId": ref_id, "data": response["data"], "plaintext": plaintext}
        print(f"ok   canary encrypted with {app_id}/{ref_id}")
    with open(args.state, "w", encoding="utf-8") as file:
        json.dump(state, file, indent=1)
    print(f"recorded {len(state['aliases'])} keys, {len(state['current'])} current ROOT/module keys in {args.state}")
    return ok


def after(args):
    with open(args.state, encoding="utf-8") as file:
        state = json.load(file)
    ok = True
    aliases = {row[0] for row in psql("SELECT id FROM keymgr.key_alias")}
    lost = [alias for alias in state["aliases"] if alias not in aliases]
    ok &= not lost
    print(f"{'ok  ' if not lost else 'FAIL'} every key recorded before is still in key_alias ({len(lost)} missing)")
    counts = {app: int(n) for app, n in psql("SELECT app_id, count(*) FROM keymgr.key_alias GROUP BY app_id")}
    for app, count in sorted(state["counts"].items()):
        print(f"info {app}: {count} keys before, {counts.get(app, 0)} now")
    for key in state["current"]:
        served, error = certificate_thumbprint(args, key["appId"], key["refId"])
        good = served == key["thumbprint"]
        ok &= good
        print(f"{'ok  ' if good else 'FAIL'} {key['appId']}: Kavach serves MOSIP's certificate" + (f" ({error})" if error else ""))
    canary = state.get("canary")
    if canary:
        response, error = call(args, "POST", "/decrypt", {
            "applicationId": canary["appId"], "referenceId": canary["refId"], "timeStamp": now_iso(), "data": canary["data"]})
        good = error is None and response.get("data") == canary["plaintext"]
        ok &= good
        print(f"{'ok  ' if good else 'FAIL'} the canary made by MOSIP decrypts on Kavach" + (f" ({error})" if error else ""))
    return ok


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--before", action="store_true", help="record the state on MOSIP's key manager")
    mode.add_argument("--after", action="store_true", help="check Kavach against the recorded state")
    parser.add_argument("--url", required=True, help="the key manager's base URL, ending in /v1/keymanager")
    parser.add_argument("--token", default=os.environ.get("KEYMANAGER_TOKEN"), help="bearer token (default: $KEYMANAGER_TOKEN)")
    parser.add_argument("--cookie", action="store_true", help="send the token as MOSIP's Authorization cookie instead of a header")
    parser.add_argument("--cacert", help="CA certificate file for an HTTPS URL")
    parser.add_argument("--canary", metavar="APP:REF", help="with --before: the base key to encrypt a canary with")
    parser.add_argument("--state", required=True, help="the state file --before writes and --after reads")
    args = parser.parse_args()
    if not args.token:
        parser.error("no token: pass --token or set KEYMANAGER_TOKEN")
    ok = before(args) if args.before else after(args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
