#!/usr/bin/python3
"""An independent implementation of Kavach's device protocol messages (docs/devices/protocol.md).

Written from the protocol text and the RFCs (RFC 7515 JWS, RFC 7516 JWE, RFC 7518 RSA-OAEP-256/A256GCM/RS256) with
Debian's `cryptography` and `jwcrypto` only, so the .NET protocol code is checked against code that shares nothing
with it. Every command reads one JSON object on stdin (PEM texts inline) and prints one JSON object on stdout.

  device_protocol.py jwe-encrypt      {cert, kid, plaintext}           -> {token}
  device_protocol.py jwe-decrypt      {key, token}                     -> {header, plaintext}
  device_protocol.py jws-sign         {key, cert, typ, payload}        -> {token}      RS256, x5c [cert], kid hex SHA-256
  device_protocol.py jws-verify       {token, typ}                     -> {header, payload}  signature by x5c[0]
  device_protocol.py uplink           {deviceKey, deviceCert, serverCert, kid, payload}  -> {token}  sign, then encrypt
  device_protocol.py downlink-verify  {token, root, requestJti, serialNo}                -> {payload}

Exit status: 0 on success, 2 when a token is refused (the reason on stderr), 1 on a usage error.
"""
import base64, hashlib, json, sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from jwcrypto import jwe, jwk, jws
from jwcrypto.common import json_encode

JWE_MEMBERS = {"alg", "enc", "kid", "cty"}
JWS_MEMBERS = {"alg", "typ", "x5c", "kid"}


class Refused(Exception):
    """A check failed; the message says which."""


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cert_of(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode())


def key_of(pem: str):
    return serialization.load_pem_private_key(pem.encode(), password=None)


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def header_of(token: str) -> dict:
    return json.loads(b64u_decode(token.split(".")[0]))


def jwe_encrypt(plaintext: bytes, recipient: x509.Certificate, kid: str) -> str:
    header = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": kid, "cty": "JWT"}
    token = jwe.JWE(plaintext, protected=json_encode(header))
    token.add_recipient(jwk.JWK.from_pyca(recipient.public_key()))
    return token.serialize(compact=True)


def jwe_decrypt(token: str, private_key) -> tuple[dict, bytes]:
    if token.count(".") != 4:
        raise Refused("JWE is not five parts")
    header = header_of(token)
    if set(header) != JWE_MEMBERS or header["alg"] != "RSA-OAEP-256" or header["enc"] != "A256GCM" or header["cty"] != "JWT":
        raise Refused("JWE header is not exactly {alg RSA-OAEP-256, enc A256GCM, kid, cty JWT}")
    parts = token.split(".")
    if len(b64u_decode(parts[2])) != 12 or len(b64u_decode(parts[4])) != 16:
        raise Refused("JWE IV or tag has the wrong size")
    message = jwe.JWE()
    message.allowed_algs = ["RSA-OAEP-256", "A256GCM"]
    try:
        message.deserialize(token, jwk.JWK.from_pyca(private_key))
    except Exception as error:
        raise Refused(f"JWE does not decrypt ({type(error).__name__})")
    return header, message.payload


def jws_sign(payload: bytes, key, cert: x509.Certificate, typ: str) -> str:
    header = {
        "alg": "RS256",
        "typ": typ,
        "x5c": [base64.b64encode(der(cert)).decode()],
        "kid": hashlib.sha256(der(cert)).hexdigest(),
    }
    token = jws.JWS(payload)
    token.add_signature(jwk.JWK.from_pyca(key), alg="RS256", protected=json_encode(header))
    return token.serialize(compact=True)


def jws_verify(token: str, typ: str, max_certs: int = 1) -> tuple[dict, bytes, list]:
    if token.count(".") != 2:
        raise Refused("JWS is not three parts")
    header = header_of(token)
    if not set(header) <= JWS_MEMBERS or not {"alg", "typ", "x5c"} <= set(header):
        raise Refused("JWS header is not exactly {alg, typ, x5c, kid?}")
    if header["alg"] != "RS256":
        raise Refused("JWS alg is not RS256")
    if header["typ"] != typ:
        raise Refused("JWS typ is not the expected one")
    chain = header["x5c"]
    if not isinstance(chain, list) or not 1 <= len(chain) <= max_certs:
        raise Refused("x5c is not an array of the allowed length")
    certs = [x509.load_der_x509_certificate(base64.b64decode(entry, validate=True)) for entry in chain]
    message = jws.JWS()
    message.deserialize(token)
    try:
        message.verify(jwk.JWK.from_pyca(certs[0].public_key()), alg="RS256")
    except Exception as error:
        raise Refused(f"JWS signature does not verify ({type(error).__name__})")
    return header, message.payload, certs


def issued_by(child: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        issuer.public_key().verify(child.signature, child.tbs_certificate_bytes, padding.PKCS1v15(), child.signature_hash_algorithm)
        return child.issuer == issuer.subject
    except InvalidSignature:
        return False


def downlink_verify(request: dict) -> dict:
    header, payload, certs = jws_verify(request["token"], "dm-resp+jwt", max_certs=4)
    root = cert_of(request["root"])
    path = certs + [root]
    if not all(issued_by(path[i], path[i + 1]) for i in range(len(path) - 1)):
        raise Refused("signer does not chain to the pinned root")
    body = json.loads(payload)
    if body.get("inResponseTo") != request["requestJti"]:
        raise Refused("inResponseTo is not the request's jti")
    if body.get("aud") != request["serialNo"]:
        raise Refused("aud is not the device serial")
    return {"payload": body}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 1
    command, request = sys.argv[1], json.load(sys.stdin)
    try:
        if command == "jwe-encrypt":
            result = {"token": jwe_encrypt(request["plaintext"].encode(), cert_of(request["cert"]), request["kid"])}
        elif command == "jwe-decrypt":
            header, plaintext = jwe_decrypt(request["token"], key_of(request["key"]))
            result = {"header": header, "plaintext": plaintext.decode()}
        elif command == "jws-sign":
            result = {"token": jws_sign(request["payload"].encode(), key_of(request["key"]), cert_of(request["cert"]), request["typ"])}
        elif command == "jws-verify":
            header, payload, _ = jws_verify(request["token"], request["typ"])
            result = {"header": header, "payload": payload.decode()}
        elif command == "uplink":
            inner = jws_sign(request["payload"].encode(), key_of(request["deviceKey"]), cert_of(request["deviceCert"]), "dm-" + json.loads(request["payload"])["kind"] + "+jwt")
            result = {"token": jwe_encrypt(inner.encode(), cert_of(request["serverCert"]), request["kid"])}
        elif command == "downlink-verify":
            result = downlink_verify(request)
        else:
            print(__doc__, file=sys.stderr)
            return 1
    except Refused as refusal:
        print(f"refused: {refusal}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
