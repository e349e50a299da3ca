"""The workloads: keys made through the API and the pre-generated request files wrk cycles through."""

import base64
import json
import os
import subprocess

from common import API, APP, HOT_REFS, JWT_PAYLOAD, REQUEST_TIME, die, run

SKIPPED = {}  # workload -> why it was not measured (shown in the report)


def envelope(request):
    return json.dumps({"id": "bench", "version": "1.0", "requesttime": REQUEST_TIME, "metadata": {}, "request": request},
                      separators=(",", ":"))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def write_lines(path, lines):
    with open(path, "w") as f:
        for line in lines:
            f.write(line + "\n")
    return path


def encrypt_bodies(refs, count, size, rng):
    bodies = []
    for i in range(count):
        ref = refs[i % len(refs)]
        data = rng.randbytes(size)
        bodies.append({"applicationId": APP, "referenceId": ref, "timeStamp": REQUEST_TIME, "data": b64url(data),
                       "salt": None, "aad": None})
    return bodies


def make_ciphertexts(server, refs, count, size, rng):
    bodies = []
    for request in encrypt_bodies(refs, count, size, rng):
        response = server.must("POST", "/encrypt", request)
        bodies.append(dict(request, data=response["data"]))
    return bodies


def prepare(server, work, args, rng):
    """Creates the keys and pre-generates the request files; returns {workload: (method, path, file)}."""
    for ref in HOT_REFS:
        server.must("GET", "/getCertificate?applicationId=%s&referenceId=%s" % (APP, ref))
    sign_request = {"dataToSign": JWT_PAYLOAD, "applicationId": "KERNEL", "referenceId": "SIGN",
                    "includePayload": False, "includeCertificate": True, "includeCertHash": False}
    workloads = {}
    enc = encrypt_bodies(HOT_REFS, 100, args.size, rng)
    workloads["encrypt"] = ("POST", API + "/encrypt", write_lines(os.path.join(work, "encrypt.txt"), map(envelope, enc)))
    dec = make_ciphertexts(server, HOT_REFS, args.ciphertexts, args.size, rng)
    workloads["decrypt"] = ("POST", API + "/decrypt", write_lines(os.path.join(work, "decrypt.txt"), map(envelope, dec)))
    workloads["jwtSign"] = ("POST", API + "/jwtSign", write_lines(os.path.join(work, "jwtSign.txt"), [envelope(sign_request)]))
    tokens = set()
    for _ in range(5):  # RS256 is deterministic: the same request gives the same token
        tokens.add(server.must("POST", "/jwtSign", sign_request)["jwtSignedData"])
    verify = [{"jwtSignatureData": t, "actualData": JWT_PAYLOAD, "applicationId": "KERNEL", "referenceId": "SIGN",
               "validateTrust": False} for t in sorted(tokens)]
    check = server.must("POST", "/jwtVerify", verify[0])
    if not check.get("signatureValid"):
        die("jwtVerify of a fresh token says invalid: %s" % check)
    workloads["jwtVerify"] = ("POST", API + "/jwtVerify", write_lines(os.path.join(work, "jwtVerify.txt"), map(envelope, verify)))
    paths = [API + "/getCertificate?applicationId=%s&referenceId=%s" % (APP, ref) for ref in HOT_REFS]
    workloads["getCertificate"] = ("GET", "", write_lines(os.path.join(work, "getCertificate.txt"), paths))
    workloads.update(prepare_zk(server, work, rng))
    return workloads


def prepare_zk(server, work, rng):
    """zkEncrypt/zkDecrypt with 10 attributes of 1 KiB, if the server has them (else a skip note)."""
    attributes = [{"identifier": "attr%02d" % i, "value": b64url(rng.randbytes(768))}
                  for i in range(10)]  # 768 random bytes -> 1,024 characters
    request = {"id": "4868362516", "zkDataAttributes": attributes}
    # zkEncrypt wraps the random key for the IDA recipients (IDA/PUBLIC_KEY by default). In MOSIP that is ID
    # Authentication's certificate, uploaded as another domain's: do the same with a certificate made here.
    key, cert = os.path.join(work, "ida.key"), os.path.join(work, "ida.pem")
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "365",
         "-subj", "/C=IN/O=Kavach bench/CN=IDA PUBLIC_KEY"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(cert) as f:
        status, body = server.call("POST", "/uploadOtherDomainCertificate",
                                   {"applicationId": "IDA", "referenceId": "PUBLIC_KEY", "certificateData": f.read()})
    if status != 200 or not isinstance(body, dict) or body.get("errors"):
        SKIPPED["zkEncrypt"] = SKIPPED["zkDecrypt"] = "uploading the IDA certificate answered HTTP %s %s" % (status, json.dumps(body)[:200])
        return {}
    status, body = server.call("POST", "/zkEncrypt", request)
    if status in (404, 405):
        SKIPPED["zkEncrypt"] = SKIPPED["zkDecrypt"] = "no /zkEncrypt endpoint on this build (HTTP %d)" % status
        return {}
    if status != 200 or not isinstance(body, dict) or body.get("errors"):
        SKIPPED["zkEncrypt"] = SKIPPED["zkDecrypt"] = "/zkEncrypt answered HTTP %s %s" % (status, json.dumps(body)[:200])
        return {}
    result = {"zkEncrypt": ("POST", API + "/zkEncrypt", write_lines(os.path.join(work, "zkEncrypt.txt"), [envelope(request)]))}
    decrypts = []
    for i in range(20):
        ids = "48683625%02d" % i
        encrypted = server.must("POST", "/zkEncrypt", dict(request, id=ids))
        decrypts.append({"id": ids, "zkDataAttributes": encrypted["zkDataAttributes"]})
    status, body = server.call("POST", "/zkDecrypt", decrypts[0])
    if status != 200 or not isinstance(body, dict) or body.get("errors"):
        SKIPPED["zkDecrypt"] = "/zkDecrypt answered HTTP %s %s" % (status, json.dumps(body)[:200])
    else:
        result["zkDecrypt"] = ("POST", API + "/zkDecrypt", write_lines(os.path.join(work, "zkDecrypt.txt"), map(envelope, decrypts)))
    return result
