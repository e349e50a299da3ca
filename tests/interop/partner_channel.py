#!/usr/bin/python3
"""An independent implementation of Kavach's partner channel (docs/partner-channel.md), both profiles.

Written from the contract and the RFCs (RFC 7515 JWS, RFC 7516 JWE, RFC 9421 HTTP message signatures,
RFC 9530 Content-Digest) and MOSIP IDA's field-level encryption, with Debian's `cryptography` and
`jwcrypto` only, so the .NET SDK and middleware are checked against code that shares nothing with them.

  partner_channel.py client CONFIG.json   partner side: sign (+ encrypt) a request over mutual TLS,
                                          verify (+ decrypt) the response against the pinned certificates
  partner_channel.py serve CONFIG.json    service side: HTTPS with client certificates; verify, check window
                                          and replay, decrypt, answer signed (kavach: and encrypted)

Configuration keys are documented at `client` and `serve` below. Output is JSON on stdout. The client exits 0
on a verified response, 2 when the response fails verification, 3 when the service refused the request.
"""
import base64, datetime, hashlib, hmac, http.client, http.server, json, os, re, ssl, sys, threading, time
import urllib.parse

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID
from jwcrypto import jwe, jwk
from jwcrypto.common import json_encode

WINDOW = 60  # seconds, the contract's default clock skew


class Refused(Exception):
    """A check failed; the message says which (the service answers generically, the client prints it)."""


# ---------------------------------------------------------------- encodings and certificates

def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def lenient_b64(text: str) -> bytes:
    """MOSIP reads x5c with commons-codec: either alphabet, padding optional, whitespace ignored."""
    text = re.sub(r"\s", "", text).replace("-", "+").replace("_", "/").rstrip("=")
    return base64.b64decode(text + "=" * (-len(text) % 4))


def load_cert(path: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(open(path, "rb").read())


def load_key(path: str):
    return serialization.load_pem_private_key(open(path, "rb").read(), password=None)


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def thumbprint(cert: x509.Certificate) -> str:
    """base64url SHA-256 of the DER: the contract's keyid, JWE kid and IDA thumbprint."""
    return b64u(hashlib.sha256(der(cert)).digest())


def same_cert(a: x509.Certificate, b: x509.Certificate) -> bool:
    return hmac.compare_digest(hashlib.sha256(der(a)).digest(), hashlib.sha256(der(b)).digest())


def cert_from_x5c(entry: str) -> x509.Certificate:
    raw = lenient_b64(entry)
    if raw.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(raw)
    return x509.load_der_x509_certificate(raw)


def rs256_sign(key, data: bytes) -> bytes:
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def rs256_verify(cert: x509.Certificate, signature: bytes, data: bytes) -> None:
    try:
        cert.public_key().verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise Refused("signature does not verify")


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def mosip_time(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def check_window(moment: float, what: str, skew: float) -> None:
    if abs(time.time() - moment) > skew:
        raise Refused(f"{what} outside the ±{skew:g} s window")


def parse_mosip_time(text) -> float:
    if not isinstance(text, str):
        raise Refused("time missing")
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=datetime.timezone.utc).timestamp()
    except ValueError:
        raise Refused("time malformed")


# ---------------------------------------------------------------- profile mosip: detached JWS (RFC 7515)

def jws_detached(key, cert: x509.Certificate, body: bytes, x5c_style="der", header_order="plain") -> str:
    """header..signature; the signing input is base64url(header) '.' base64url(body) (not RFC 7797)."""
    if x5c_style == "der":
        x5c = base64.b64encode(der(cert)).decode()
    else:
        pem = cert.public_bytes(serialization.Encoding.PEM)
        # OpenCRVS: base64url of the PEM text without padding; MOSIP's token seeder: base64.encodebytes(PEM).
        x5c = b64u(pem) if x5c_style == "pem-b64url" else base64.encodebytes(pem).decode()
    if header_order == "esignet":  # what the key manager's jwtSign (jose4j) emits for eSignet
        header = {"x5c": [x5c], "alg": "RS256"}
    else:
        header = {"alg": "RS256", "x5c": [x5c], "x5t#S256": thumbprint(cert)}
    protected = b64u(json.dumps(header, separators=(",", ":")).encode())
    signature = rs256_sign(key, f"{protected}.{b64u(body)}".encode())
    return f"{protected}..{b64u(signature)}"


def jws_verify_detached(token: str, body: bytes) -> tuple[x509.Certificate, bytes]:
    """Returns the certificate in x5c (the caller decides whether it is the right one) and the signature."""
    parts = (token or "").split(".")
    if len(parts) != 3 or parts[1] != "":
        raise Refused("signature is not a detached compact JWS")
    try:
        header = json.loads(b64u_decode(parts[0]))
        cert = cert_from_x5c(header["x5c"][0])
        signature = b64u_decode(parts[2])
    except (ValueError, KeyError, IndexError, TypeError):
        raise Refused("signature header malformed")
    if header.get("alg") != "RS256":
        raise Refused("alg is not RS256")
    rs256_verify(cert, signature, f"{parts[0]}.{b64u(body)}".encode())
    return cert, signature


# ---------------------------------------------------------------- profile mosip: IDA field-level encryption

def aes_gcm_seal(key: bytes, plaintext: bytes) -> bytes:
    """MOSIP's symmetricEncrypt: AES-GCM with a 16-byte IV, output ciphertext || tag || IV, no AAD."""
    iv = os.urandom(16)
    return AESGCM(key).encrypt(iv, plaintext, None) + iv


def aes_gcm_open(key: bytes, sealed: bytes) -> bytes:
    if len(sealed) < 32:
        raise Refused("ciphertext too short")
    return AESGCM(key).decrypt(sealed[-16:], sealed[:-16], None)


OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def encrypt_fields(body: dict, plaintext: bytes, recipient: x509.Certificate) -> dict:
    key = AESGCM.generate_key(bit_length=256)
    digest_hex = hashlib.sha256(plaintext).hexdigest().upper().encode()
    body["request"] = b64u(aes_gcm_seal(key, plaintext))
    body["requestHMAC"] = b64u(aes_gcm_seal(key, digest_hex))
    body["thumbprint"] = thumbprint(recipient)
    body["requestSessionKey"] = b64u(recipient.public_key().encrypt(key, OAEP))
    return body


def decrypt_fields(body: dict, private_key, own_cert: x509.Certificate) -> dict:
    try:
        if not hmac.compare_digest(body["thumbprint"].encode(), thumbprint(own_cert).encode()):
            raise Refused("thumbprint is not our encryption certificate")
        key = private_key.decrypt(b64u_decode(body["requestSessionKey"]), OAEP)
        plaintext = aes_gcm_open(key, b64u_decode(body["request"]))
        claimed = aes_gcm_open(key, b64u_decode(body["requestHMAC"]))
    except Refused:
        raise
    except Exception as error:  # padding, tag or base64 failures all mean the same to the caller
        raise Refused(f"field decryption failed ({type(error).__name__})")
    if not hmac.compare_digest(claimed, hashlib.sha256(plaintext).hexdigest().upper().encode()):
        raise Refused("requestHMAC does not match the request")
    clear = {k: v for k, v in body.items() if k not in ("requestSessionKey", "requestHMAC", "thumbprint")}
    clear["request"] = json.loads(plaintext)
    return clear


# ---------------------------------------------------------------- profile kavach: RFC 9530, RFC 9421, JWE

def content_digest(body: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"


def jwe_encrypt(plaintext: bytes, recipient: x509.Certificate, cty="application/json") -> bytes:
    header = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": thumbprint(recipient), "cty": cty}
    token = jwe.JWE(plaintext, protected=json_encode(header))
    token.add_recipient(jwk.JWK.from_pyca(recipient.public_key()))
    return token.serialize(compact=True).encode()


def jwe_decrypt(token: bytes, private_key, own_cert: x509.Certificate) -> bytes:
    try:
        header = json.loads(b64u_decode(token.decode().split(".")[0]))
        if header.get("alg") != "RSA-OAEP-256" or header.get("enc") != "A256GCM":
            raise Refused("JWE alg/enc not allowed")
        if header.get("kid") != thumbprint(own_cert):
            raise Refused("JWE kid is not our encryption certificate")
        message = jwe.JWE()
        message.allowed_algs = ["RSA-OAEP-256", "A256GCM"]
        message.deserialize(token.decode(), jwk.JWK.from_pyca(private_key))
        return message.payload
    except Refused:
        raise
    except Exception as error:
        raise Refused(f"JWE does not decrypt ({type(error).__name__})")


def sf_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def signature_params(components: list[str], params: list[tuple[str, object]]) -> str:
    """The RFC 9421 §2.3 value: an inner list of component identifiers with parameters."""
    rendered = "".join(f";{k}={v}" if isinstance(v, int) else f";{k}={sf_string(v)}" for k, v in params)
    return "(" + " ".join(components) + ")" + rendered


def signature_base(lines: list[tuple[str, str]], params_value: str) -> bytes:
    """RFC 9421 §2.5: one line per covered component, then "@signature-params", joined by LF."""
    body = "".join(f"{name}: {value}\n" for name, value in lines)
    return (body + f'"@signature-params": {params_value}').encode()


INPUT = re.compile(r'^\s*sig1=(\((?P<items>[^)]*)\)(?P<params>(;[a-z*][a-z0-9_.*-]*=("[^"]*"|-?\d+))*))\s*(,|$)')
ITEM = re.compile(r'"[^"]*"(;[a-z]+(="[^"]*")?)*')
PARAM = re.compile(r';([a-z*][a-z0-9_.*-]*)=("([^"]*)"|(-?\d+))')
SIG = re.compile(r'(?:^|,)\s*sig1=:([A-Za-z0-9+/=]*):\s*(?:,|$)')


def parse_signature(signature_input: str, signature: str) -> tuple[str, list[str], dict, bytes]:
    """Reads member sig1 of Signature-Input and Signature; returns (params value, components, params, bytes)."""
    match, sig = INPUT.match(signature_input or ""), SIG.search(signature or "")
    if not match or not sig:
        raise Refused("Signature-Input or Signature missing or malformed")
    components = [m.group(0) for m in ITEM.finditer(match.group("items"))]
    params = {m.group(1): (m.group(3) if m.group(3) is not None else int(m.group(4)))
              for m in PARAM.finditer(match.group("params"))}
    return match.group(1), components, params, base64.b64decode(sig.group(1))


def require(params: dict, components: list[str], needed: list[str], tag: str, keyid: str, skew: float):
    for component in needed:
        if component not in components:
            raise Refused(f"signature does not cover {component}")
    if params.get("alg") != "rsa-v1_5-sha256" or params.get("tag") != tag:
        raise Refused("signature alg or tag wrong")
    if not isinstance(params.get("keyid"), str) or not hmac.compare_digest(params["keyid"], keyid):
        raise Refused("keyid is not the expected certificate")
    if not isinstance(params.get("created"), int):
        raise Refused("created missing")
    check_window(params["created"], "created", skew)


def component_value(name: str, message: dict) -> str:
    """Values of the components this implementation supports; message holds method/uri/status/headers."""
    if name in ('"@method"', '"@method";req'):
        return message["method"]
    if name in ('"@target-uri"', '"@target-uri";req'):
        return message["uri"]
    if name == '"@status"':
        return str(message["status"])
    if name == '"signature";req;key="sig1"':
        return ":" + base64.b64encode(message["request_signature"]).decode() + ":"
    header = message["headers"].get(name.strip('"').split('"')[0])
    if header is None or not name.endswith('"'):
        raise Refused(f"component {name} unavailable")
    return header.strip()


# ---------------------------------------------------------------- client (partner side)

def client(config: dict) -> int:
    """Config: profile, url, method, body (JSON or null), tlsCert, tlsKey, caBundle, signingKey, signingCert,
    encryptionKey, serverSigningCert, serverEncryptionCert; optional encryptFields (mosip), style ("esignet"),
    x5cStyle ("der" | "pem-b64url" | "pem-encodebytes"), repeat (send the same bytes N times: replay),
    createdOffset (kavach: seconds added to created), tamper ("body": change the body after signing)."""
    profile, method, url = config["profile"], config.get("method", "POST"), config["url"]
    sign_key, sign_cert = load_key(config["signingKey"]), load_cert(config["signingCert"])
    server_sign, server_enc = load_cert(config["serverSigningCert"]), load_cert(config["serverEncryptionCert"])
    skew = config.get("clockSkew", WINDOW)
    headers, payload = {}, config.get("body")
    request_state = {"method": method, "uri": url}
    if profile == "mosip":
        body_obj = dict(payload or {})
        if config.get("style") == "esignet":
            body_obj = esignet_kyc_auth(config, server_enc)
        else:
            body_obj.setdefault("requestTime", mosip_time(utc_now()))
            if config.get("encryptFields"):
                inner = json.dumps(body_obj.get("request", {}), separators=(",", ":")).encode()
                encrypt_fields(body_obj, inner, server_enc)
        body = json.dumps(body_obj, separators=(",", ":")).encode()
        headers["Content-Type"] = "application/json"
        headers["signature"] = jws_detached(sign_key, sign_cert, body, config.get("x5cStyle", "der"),
                                            "esignet" if config.get("style") == "esignet" else "plain")
        if config.get("style") == "esignet":
            headers["Authorization"] = "Authorization"  # eSignet's plugin sends exactly this
        request_state["transactionID"] = body_obj.get("transactionID")
    else:
        body = b""
        if payload is not None:
            body = jwe_encrypt(json.dumps(payload, separators=(",", ":")).encode(), server_enc)
            headers["Content-Type"] = "application/jose"
        headers["Content-Digest"] = content_digest(body)
        params_value = signature_params(['"@method"', '"@target-uri"', '"content-digest"'], [
            ("created", int(time.time()) + int(config.get("createdOffset", 0))),
            ("nonce", b64u(os.urandom(18))), ("keyid", thumbprint(sign_cert)),
            ("alg", "rsa-v1_5-sha256"), ("tag", "kavach-request")])
        base = signature_base([('"@method"', method), ('"@target-uri"', url),
                               ('"content-digest"', headers["Content-Digest"])], params_value)
        request_state["signature"] = rs256_sign(sign_key, base)
        headers["Signature-Input"] = "sig1=" + params_value
        headers["Signature"] = "sig1=:" + base64.b64encode(request_state["signature"]).decode() + ":"
    headers.update(config.get("extraHeaders", {}))
    if config.get("tamper") == "body":  # an attacker on the path changes the body after it was signed
        body = body + b" "

    context = ssl.create_default_context(cafile=config["caBundle"])
    if config.get("tlsCert"):  # without one: the "no client certificate" attack
        context.load_cert_chain(config["tlsCert"], config["tlsKey"])
    target = urllib.parse.urlsplit(url)
    results = []
    for _ in range(int(config.get("repeat", 1))):
        connection = http.client.HTTPSConnection(target.hostname, target.port or 443, context=context, timeout=30)
        path = target.path + ("?" + target.query if target.query else "")
        connection.request(method, path or "/", body=body if body or method != "GET" else None, headers=headers)
        response = connection.getresponse()
        results.append((response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()))
        connection.close()
    status, response_headers, response_body = results[-1]
    outcome = {"status": status, "statuses": [r[0] for r in results]}
    if status >= 300:
        outcome.update(error="service refused the request", body=response_body.decode(errors="replace"))
        print(json.dumps(outcome))
        return 3
    try:
        if profile == "mosip":
            clear = verify_mosip_response(response_headers, response_body, server_sign, request_state, skew)
        else:
            clear = verify_kavach_response(status, response_headers, response_body, server_sign, request_state,
                                           load_key(config["encryptionKey"]), load_cert(config["encryptionCert"]),
                                           skew)
    except Refused as refusal:
        outcome.update(error=f"response refused: {refusal}")
        print(json.dumps(outcome))
        print(outcome["error"], file=sys.stderr)
        return 2
    outcome["body"] = json.loads(clear) if clear else None
    print(json.dumps(outcome))
    return 0


def esignet_kyc_auth(config: dict, ida_cert: x509.Certificate) -> dict:
    """The kyc-auth body eSignet's MOSIP plugin (HelperService/IdaAuthenticatorImpl) builds: Jackson field order,
    compact JSON, nulls written, the inner AuthRequest encrypted with MOSIP's symmetricEncrypt."""
    now = mosip_time(utc_now())
    inner = {"otp": config.get("otp", "111111"), "staticPin": None, "timestamp": now, "biometrics": None,
             "keyBindedTokens": None, "password": None}
    body = {"id": "mosip.identity.kycauth", "version": "1.0", "individualId": config.get("individualId", "4073926307"),
            "individualIdType": None, "transactionID": config.get("transactionID", "TXN-1234567890"),
            "requestTime": now, "specVersion": "1.0", "thumbprint": None, "domainUri": "https://esignet.example",
            "env": "Staging", "consentObtained": True, "request": None, "requestHMAC": None,
            "requestSessionKey": None, "metadata": {}, "allowedKycAttributes": ["name", "birthdate"]}
    return encrypt_fields(body, json.dumps(inner, separators=(",", ":")).encode(), ida_cert)


def verify_mosip_response(headers, body, server_sign, request_state, skew) -> bytes:
    cert, _ = jws_verify_detached(headers.get("response-signature"), body)
    if not same_cert(cert, server_sign):
        raise Refused("response signed by a certificate other than the pinned one")
    try:
        document = json.loads(body)
    except ValueError:
        raise Refused("response body is not JSON")
    expected = request_state.get("transactionID")
    if expected is not None and document.get("transactionID") != expected:
        raise Refused("transactionID differs from the request's")
    if "responseTime" in document:
        check_window(parse_mosip_time(document["responseTime"]), "responseTime", skew)
    return body


def verify_kavach_response(status, headers, body, server_sign, request_state, own_key, own_cert, skew) -> bytes:
    params_value, components, params, signature = parse_signature(headers.get("signature-input"),
                                                                  headers.get("signature"))
    require(params, components, ['"@status"', '"content-digest"', '"@method";req', '"@target-uri";req',
                                 '"signature";req;key="sig1"'], "kavach-response", thumbprint(server_sign), skew)
    if not hmac.compare_digest((headers.get("content-digest") or "").strip(), content_digest(body)):
        raise Refused("Content-Digest does not match the body")
    message = {"status": status, "headers": headers, "request_signature": request_state["signature"],
               **request_state}
    base = signature_base([(c, component_value(c, message)) for c in components], params_value)
    rs256_verify(server_sign, signature, base)
    if not body:
        return b""
    if (headers.get("content-type") or "").split(";")[0].strip() != "application/jose":
        raise Refused("response body is not application/jose")
    return jwe_decrypt(body, own_key, own_cert)


# ---------------------------------------------------------------- serve (service side)

class Service:
    """Config: profile, port (0: any), tlsCert, tlsKey, clientCa, signingKey, signingCert, encryptionKey,
    encryptionCert, partners {id: {signingCert, encryptionCert}}; optional misbehave ("unsigned", "wrong-body",
    "foreign-cert", "replay-response", "wrong-transaction") to prove that the SDK fails closed."""

    def __init__(self, config: dict):
        self.config, self.profile = config, config["profile"]
        self.sign_key, self.sign_cert = load_key(config["signingKey"]), load_cert(config["signingCert"])
        self.enc_key, self.enc_cert = load_key(config["encryptionKey"]), load_cert(config["encryptionCert"])
        self.partners = {pid: {k: load_cert(v) for k, v in entry.items()} for pid, entry in config["partners"].items()}
        self.skew, self.seen, self.lock, self.last = config.get("clockSkew", WINDOW), {}, threading.Lock(), None

    def remember(self, key) -> None:
        now = time.time()
        with self.lock:
            for old in [k for k, expires in self.seen.items() if expires < now]:
                del self.seen[old]
            if key in self.seen:
                raise Refused("replay")
            self.seen[key] = now + 2 * self.skew

    def handle(self, partner_id, method, uri, headers, body) -> tuple[int, dict, bytes]:
        partner = self.partners.get(partner_id)
        if partner is None:
            raise Refused("unknown partner")
        if self.profile == "mosip":
            cert, signature = jws_verify_detached(headers.get("signature"), body)
            if not same_cert(cert, partner["signingCert"]):
                raise Refused("signature certificate is not this partner's")
            try:
                document = json.loads(body)
            except ValueError:
                raise Refused("body is not JSON")
            check_window(parse_mosip_time(document.get("requestTime")), "requestTime", self.skew)
            self.remember((partner_id, hashlib.sha256(signature).hexdigest()))
            if "requestSessionKey" in document:
                document = decrypt_fields(document, self.enc_key, self.enc_cert)
            return self.answer_mosip(partner_id, method, uri, document)
        params_value, components, params, signature = parse_signature(headers.get("signature-input"),
                                                                      headers.get("signature"))
        require(params, components, ['"@method"', '"@target-uri"', '"content-digest"'], "kavach-request",
                thumbprint(partner["signingCert"]), self.skew)
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", str(params.get("nonce", ""))):
            raise Refused("nonce missing or malformed")
        if not hmac.compare_digest((headers.get("content-digest") or "").strip(), content_digest(body)):
            raise Refused("Content-Digest does not match the body")
        message = {"method": method, "uri": uri, "headers": headers}
        rs256_verify(partner["signingCert"], signature,
                     signature_base([(c, component_value(c, message)) for c in components], params_value))
        self.remember((partner_id, params["nonce"]))
        document = None
        if body:
            if (headers.get("content-type") or "").split(";")[0].strip() != "application/jose":
                raise Refused("request body is not application/jose")
            document = json.loads(jwe_decrypt(body, self.enc_key, self.enc_cert))
        return self.answer_kavach(partner, partner_id, method, uri, signature, document)

    def echo(self, partner_id, method, uri, document) -> dict:
        return {"partner": partner_id, "method": method, "uri": uri, "received": document}

    def answer_mosip(self, partner_id, method, uri, document) -> tuple[int, dict, bytes]:
        reply = {"id": document.get("id"), "version": document.get("version"),
                 "transactionID": document.get("transactionID"), "responseTime": mosip_time(utc_now()),
                 "response": self.echo(partner_id, method, uri, document), "errors": None}
        mode = self.config.get("misbehave")
        if mode == "wrong-transaction":
            reply["transactionID"] = "ANOTHER-TXN"
        body = json.dumps(reply, separators=(",", ":")).encode()
        signer_key, signer_cert = self.sign_key, self.sign_cert
        if mode == "foreign-cert":
            signer_key, signer_cert = load_key(self.config["foreignKey"]), load_cert(self.config["foreignCert"])
        headers = {"Content-Type": "application/json"}
        if mode != "unsigned":
            headers["response-signature"] = jws_detached(signer_key, signer_cert, body)
        if mode == "wrong-body":
            body = body.replace(b'"errors":null', b'"errors":[]')
        return 200, headers, body

    def answer_kavach(self, partner, partner_id, method, uri, request_signature, document):
        body = jwe_encrypt(json.dumps(self.echo(partner_id, method, uri, document), separators=(",", ":")).encode(),
                           partner["encryptionCert"])
        digest = content_digest(body)
        mode = self.config.get("misbehave")
        if mode == "replay-response" and self.last is not None:
            return self.last  # the previous request's signed answer, replayed onto this one
        components = ['"@status"', '"content-digest"', '"@method";req', '"@target-uri";req', '"signature";req;key="sig1"']
        params_value = signature_params(components, [("created", int(time.time())), ("keyid", thumbprint(self.sign_cert)),
                                                     ("alg", "rsa-v1_5-sha256"), ("tag", "kavach-response")])
        message = {"status": 200, "method": method, "uri": uri, "headers": {"content-digest": digest},
                   "request_signature": request_signature}
        signature = rs256_sign(self.sign_key, signature_base([(c, component_value(c, message)) for c in components],
                                                             params_value))
        headers = {"Content-Type": "application/jose", "Content-Digest": digest,
                   "Signature-Input": "sig1=" + params_value,
                   "Signature": "sig1=:" + base64.b64encode(signature).decode() + ":"}
        if mode == "unsigned":
            del headers["Signature"], headers["Signature-Input"]
        if mode == "wrong-body":
            body = jwe_encrypt(b'{"swapped":true}', partner["encryptionCert"])
        self.last = (200, headers, body)
        return self.last


def serve(config: dict) -> int:
    service = Service(config)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def dispatch(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > config.get("maxBody", 1 << 20):
                return self.reply(413, {}, b'{"errors":[{"errorCode":"KER-PCH-002"}]}')
            body = self.rfile.read(length)
            subject = self.connection.getpeercert().get("subject", ())
            partner_id = next((v for rdn in subject for k, v in rdn if k == "commonName"), None)
            uri = f"https://{self.headers.get('Host')}{self.path}"
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                status, out_headers, out_body = service.handle(partner_id, self.command, uri, headers, body)
            except Refused as refusal:
                print(json.dumps({"refused": str(refusal), "partner": partner_id}), file=sys.stderr, flush=True)
                return self.reply(401, {"Content-Type": "application/json"},
                                  b'{"errors":[{"errorCode":"KER-PCH-001","message":"Partner request refused."}]}')
            print(json.dumps({"accepted": partner_id, "uri": uri}), file=sys.stderr, flush=True)
            self.reply(status, out_headers, out_body)

        def reply(self, status, headers, body):
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = dispatch

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if config.get("tlsCert"):  # without one: the "no client certificate" attack
        context.load_cert_chain(config["tlsCert"], config["tlsKey"])
    context.load_verify_locations(config["clientCa"])
    context.verify_mode = ssl.CERT_REQUIRED  # no client certificate, or one from another CA: no handshake
    server = http.server.ThreadingHTTPServer(("127.0.0.1", config.get("port", 0)), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    server.serve_forever()
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("client", "serve"):
        print(__doc__, file=sys.stderr)
        return 64
    config = json.load(open(argv[2]))
    return client(config) if argv[1] == "client" else serve(config)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
