#!/usr/bin/env python3
"""Writes the seed corpora Fuzz/Corpus/<target>/ from the docs' examples, the test vectors and
Examples/front/access-form.yaml, in each target's input layout (see its source). Run it again
when the examples change; the output is committed."""
import json
import pathlib
import re
import shutil
import struct
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"
# The type byte of Fuzz/Sources/fuzz-wire, in its order.
WIRE_TYPES = ["LoginRequest", "LoginCreated", "LoginStatus", "LicenseRequest", "LicenseResponse", "MaterialRequest",
              "MaterialIssued", "MaterialRecord", "VerifyRequest", "VerifyResult", "RevokeRequest", "WhoAmI", "KeySet",
              "ErrorBody", "SignedLicense", "Grant", "Subject", "ClientConfig"]
# The endpoint byte of Fuzz/Sources/fuzz-response, in its order.
RESPONSE_TYPES = ["WhoAmI", "KeySet", "LoginCreated", "LoginStatus", "LicenseResponse", "MaterialIssued", "VerifyResult"]


def examples():
    """(type, JSON text) of every `<!-- example: Type -->` block of docs/protocol.md."""
    text = (ROOT / "docs" / "protocol.md").read_text()
    return re.findall(r"<!-- example: (\w+) -->\n```json\n(.*?)\n```", text, re.S)


def pem(*args):
    return subprocess.run(["openssl", *args], check=True, capture_output=True, text=True).stdout


def write(target, name, data):
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    docs = examples()
    for i, (kind, body) in enumerate(docs):
        if kind in WIRE_TYPES:
            write("fuzz-wire", f"docs-{i:02}-{kind}", bytes([WIRE_TYPES.index(kind)]) + body.encode())
        if kind in RESPONSE_TYPES or kind == "ErrorBody":
            endpoint = RESPONSE_TYPES.index(kind) if kind in RESPONSE_TYPES else 3
            status = 429 if kind == "ErrorBody" else 200
            head = b"X-Elic-Request-Id: rq_0805ca99b982346c626d8025\nX-Elic-Timestamp: 1795595400\n"
            for signed in (0, 1):
                write("fuzz-response", f"docs-{i:02}-{kind}-{signed}",
                      bytes([endpoint << 1 | signed]) + struct.pack("<q", status) + head + b"\0" + body.encode())
            if kind == "ErrorBody":  # the retryable answers, whose retry_after sets the wait
                for code, status in (("rate_limited", 429), ("unavailable", 503)):
                    retry = body.replace('"slow_down"', f'"{code}"')
                    write("fuzz-response", f"docs-{i:02}-{code}", bytes([3 << 1 | 1]) + struct.pack("<q", status)
                          + head + b"\0" + retry.encode())
        if kind == "ClientConfig":
            write("fuzz-config", f"docs-{i:02}", body)

    key = pem("genpkey", "-algorithm", "SM2")
    public = subprocess.run(["openssl", "pkey", "-pubout"], input=key, check=True, capture_output=True, text=True).stdout
    config = {"version": 1, "profile": "sandbox", "front_url": "http://127.0.0.1:8443/", "app_id": "fz.amr.food-permit",
              "private_key_pem": key, "front_public_keys_pem": [public], "connect_timeout_ms": 5000,
              "timeout_ms": 30000, "retries": 2, "ca_bundle": "/etc/ssl/certs/ca-certificates.crt"}
    write("fuzz-config", "keys", json.dumps(config, ensure_ascii=False, indent=1))

    usccs = re.findall(r'"([0-9A-Z]{18})"', (ROOT / "Tests" / "ELicenseCoreTests" / "USCCTests.swift").read_text())
    for i, code in enumerate(sorted(set(usccs))):
        write("fuzz-uscc", f"tests-{i:02}", code)
    write("fuzz-uscc", "full-width", " ９１３５０１００Ｍ０００１００Ｙ４３\u3000")
    write("fuzz-uscc", "lower-case", "91350100m000100y43")

    text = (ROOT / "docs" / "protocol.md").read_text()
    request = dict(re.findall(r"^(X-Elic-(?:App-Id|Key-Id|Timestamp|Nonce|Signature)): (.+)$", text, re.M)[:5])
    response = dict(re.findall(r"^(X-Elic-(?:Request-Id|Timestamp|Key-Id|Signature)): (.+)$", text[text.index(
        "X-Elic-Request-Id: rq_"):], re.M)[:4])
    lines = lambda headers: "\n".join(f"{k}: {v}" for k, v in headers.items()).encode()
    body = b'{"purpose":"\xe9\xa3\x9f\xe5\x93\x81\xe7\xbb\x8f\xe8\x90\xa5\xe8\xae\xb8\xe5\x8f\xaf\xe8\xaf\x81\xe7\x94\xb3\xe8\xaf\xb7"}'
    write("fuzz-canonical", "sign", b"\0" + struct.pack("<q", 1795595400) + b"POST\0/v1/logins\0"
          + request["X-Elic-Nonce"].encode() + b"\0" + request["X-Elic-App-Id"].encode() + b"\0" + body)
    write("fuzz-canonical", "request", b"\1POST\0/v1/logins?x=1\0" + lines(request) + b"\0" + body)
    write("fuzz-canonical", "response", b"\2" + struct.pack("<q", 201) + request["X-Elic-Nonce"].encode() + b"\0"
          + lines(response) + b"\0" + body)
    write("fuzz-canonical", "record", b"\3issuer_key_id\0a=b\\c\nd\re\0\xff\0\xe6\xb5\x8e\xe5\x8d\x97")

    form = (ROOT / "Examples" / "front" / "access-form.yaml").read_text()
    write("fuzz-access-form", "example-yaml", form)
    # The same form as JSON with the English keys.
    write("fuzz-access-form", "example-json", json.dumps({
        "name": "济南市行政审批服务局（示例）", "nature": "政府机关", "uscc": "11370000004183422T",
        "address": "山东省济南市市中区站前路1号", "contact_name": "王五", "contact_position": "信息中心 科长",
        "phone": "0531-88888888", "email": "wangwu@example.gov.cn",
        "systems": [{"name": "企业开办一网通办系统", "endpoint": "127.0.0.1:9080",
                     "description": "市场监管；企业设立、变更登记的网上申请与审批", "allowed_addresses": ["127.0.0.1/32"]}],
    }, ensure_ascii=False))

if __name__ == "__main__":
    main()
