#!/usr/bin/env python3
"""Verifies a license material offline, as docs/protocol.md §3.4 describes, with nothing but
Python and the openssl command: the issuer's signature over the license data, the front's
signature over the material record, and each document's size and SM3 digest.

usage: verify-material-offline.py RECORD.json --front-key FRONT.pub [--front-key …]
                                  --issuer-key ISSUER.pub [--document FORMAT=FILE …]

Exit status 0 when everything verifies; 1 with the reason otherwise. Prints whether the
material is rehearsal data (生产演练, docs/upstream.md §9).
"""
import argparse
import base64
import datetime
import hashlib
import json
import os
import subprocess
import sys
import tempfile

LICENSE_FIELDS = ["uniscid", "entname", "enttype", "lerep", "regcap", "regcapcur", "estdate", "opfrom",
                  "opto", "dom", "opscope", "regorg", "apprdate", "regstate"]
# The SM2 distinguishing identifier every signature of the protocol uses (GB/T 32918 default).
DISTID = "1234567812345678"


def record(tag, fields):
    """A canonical record: the tag, then `name=value` (or the name alone for null) per line."""
    def escape(value):
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    lines = [tag] + [name if value is None else f"{name}={escape(str(value))}" for name, value in fields]
    return ("\n".join(lines) + "\n").encode()


def sm3(data):
    return hashlib.new("sm3", data).hexdigest()


def verifies(data, signature_b64, key_file):
    with tempfile.TemporaryDirectory() as tmp:
        data_file, sig_file = os.path.join(tmp, "data"), os.path.join(tmp, "sig")
        with open(data_file, "wb") as f:
            f.write(data)
        with open(sig_file, "wb") as f:
            f.write(base64.b64decode(signature_b64))
        done = subprocess.run(["openssl", "dgst", "-sm3", "-verify", key_file, "-sigopt", f"distid:{DISTID}",
                               "-signature", sig_file, data_file], capture_output=True)
        return done.returncode == 0


def key_ids(files):
    """Key files by key id: the first 16 hex digits of the SM3 of the key's DER (protocol §2.1)."""
    keys = {}
    for path in files:
        der = subprocess.run(["openssl", "pkey", "-pubin", "-in", path, "-outform", "DER"],
                             capture_output=True, check=True).stdout
        keys[sm3(der)[:16]] = path
    return keys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("record")
    parser.add_argument("--front-key", action="append", required=True)
    parser.add_argument("--issuer-key", action="append", required=True)
    parser.add_argument("--document", action="append", default=[], help="FORMAT=FILE")
    args = parser.parse_args()
    with open(args.record, encoding="utf-8") as f:
        material = json.load(f)
    signed, issuer_sig, front_sig = material["signed_license"], material["signed_license"]["issuer_signature"], \
        material["signature"]

    license_record = record("ELIC-LICENSE-V1", [("issuer_key_id", issuer_sig["key_id"]),
                                                ("signed_at", issuer_sig["signed_at"])]
                            + [(name, signed["license"].get(name)) for name in LICENSE_FIELDS])
    issuer = key_ids(args.issuer_key).get(issuer_sig["key_id"])
    if not issuer or not verifies(license_record, issuer_sig["value"], issuer):
        sys.exit(f"签发方签名无效 issuer signature does not verify (key {issuer_sig['key_id']})")

    fields = [(name, material[name]) for name in ("id", "code", "app_id", "purpose", "issued_at", "expires_at",
                                                   "verify_url")]
    fields += [("key_id", front_sig["key_id"]), ("signed_at", front_sig["signed_at"]),
               ("license_sm3", sm3(license_record))]
    for document in sorted(material["documents"], key=lambda d: d["format"]):
        fields += [(f"document.{document['format']}.{name}", document[name]) for name in ("content_type", "size",
                                                                                          "sm3")]
    front = key_ids(args.front_key).get(front_sig["key_id"])
    if not front or not verifies(record("ELIC-MATERIAL-V1", fields), front_sig["value"], front):
        sys.exit(f"前置系统签名无效 front signature does not verify (key {front_sig['key_id']})")

    described = {d["format"]: d for d in material["documents"]}
    for given in args.document:
        fmt, _, path = given.partition("=")
        with open(path, "rb") as f:
            data = f.read()
        entry = described.get(fmt)
        if not entry or entry["size"] != len(data) or entry["sm3"] != sm3(data):
            sys.exit(f"文档与签名记录不符 the {fmt} document is not the one the record signs")

    expires = datetime.datetime.strptime(material["expires_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)
    if expires <= datetime.datetime.now(datetime.timezone.utc):
        sys.exit(f"证照材料已过期 the material expired at {material['expires_at']}")
    print(f"离线核验通过 verified offline: material {material['id']} of {signed['license']['entname']}, "
          f"issuer key {issuer_sig['key_id']}, front key {front_sig['key_id']}, "
          f"documents {', '.join(a.partition('=')[0] for a in args.document) or 'none given'}")
    if signed.get("rehearsal"):
        print("生产演练数据 REHEARSAL data: not a real license")


if __name__ == "__main__":
    main()
