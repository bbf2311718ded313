"""A signed client of the front written from docs/protocol.md alone, with requests and gmssl, as
a Python integrator would write one without the SDK: the reference `make bench` compares the
Python binding with (§3.2 request signature, §3.3 response signature, the client configuration
of §10). Only GET /v1/whoami is needed for that.

    from integrator_client import IntegratorClient
    print(IntegratorClient("client.json").whoami())
"""
import base64
import json
import secrets
import time

import requests
from gmssl import func, sm2, sm3

DISTINGUISHING_ID = "1234567812345678"  # gmssl's default, the one protocol v1 uses


def sm3_hex(data: bytes) -> str:
    return sm3.sm3_hash(func.bytes_to_list(data))


def pem_der(pem: str) -> bytes:
    lines = [line for line in pem.strip().splitlines() if not line.startswith("-----")]
    return base64.b64decode("".join(lines))


def private_key_hex(pem: str) -> str:
    """The 32-byte scalar of a PKCS#8 SM2 key: the OCTET STRING `04 20 …` of its ECPrivateKey."""
    der = pem_der(pem)
    at = der.index(b"\x02\x01\x01\x04\x20") + 5  # ECPrivateKey: version 1, then privateKey
    return der[at : at + 32].hex()


def public_point_hex(pem: str) -> str:
    """X‖Y of a SubjectPublicKeyInfo PEM: the last 64 bytes of its uncompressed point."""
    return pem_der(pem)[-64:].hex()


class IntegratorClient:
    def __init__(self, config_path: str) -> None:
        config = json.load(open(config_path, encoding="utf-8"))
        self.base = config["front_url"].rstrip("/")
        self.app_id = config["app_id"]
        private = private_key_hex(config["private_key_pem"])
        public = sm2.CryptSM2(private_key=private, public_key="")._kg(int(private, 16), sm2.default_ecc_table["g"])
        self.signer = sm2.CryptSM2(private_key=private, public_key=public, asn1=True)
        self.front_keys = []
        for pem in config["front_public_keys_pem"]:
            verifier = sm2.CryptSM2(private_key="", public_key="", asn1=True)
            verifier.public_key = public_point_hex(pem)  # set after __init__, which lstrips "04" from X
            self.front_keys.append(verifier)
        self.session = requests.Session()  # keep-alive, as any integrator would

    def _sign(self, message: bytes) -> str:
        signature = None
        while signature is None:  # gmssl answers None for the rare unusable nonce k
            signature = self.signer.sign_with_sm3(message)
        return base64.b64encode(bytes.fromhex(signature)).decode()

    def get(self, target: str) -> dict:
        timestamp, nonce = str(int(time.time())), secrets.token_hex(16)
        canonical = "\n".join(["ELIC-SM2-SM3-V1", "GET", target, timestamp, nonce, self.app_id, sm3_hex(b"")])
        reply = self.session.get(
            self.base + target,
            headers={
                "X-Elic-App-Id": self.app_id,
                "X-Elic-Timestamp": timestamp,
                "X-Elic-Nonce": nonce,
                "X-Elic-Signature": self._sign(canonical.encode()),
            },
            timeout=10,
        )
        answer = "\n".join(
            [
                "ELIC-SM2-SM3-V1-RESPONSE",
                str(reply.status_code),
                nonce,
                reply.headers["X-Elic-Request-Id"],
                reply.headers["X-Elic-Timestamp"],
                sm3_hex(reply.content),
            ]
        ).encode()
        signature = base64.b64decode(reply.headers["X-Elic-Signature"]).hex()
        if not any(key.verify_with_sm3(signature, answer) for key in self.front_keys):
            raise RuntimeError("response signature does not verify")
        reply.raise_for_status()
        return reply.json()

    def whoami(self) -> dict:
        return self.get("/v1/whoami")
