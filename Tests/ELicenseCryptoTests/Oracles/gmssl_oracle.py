#!/usr/bin/env python3
"""Independent SM2 oracle for the interoperability tests: pure-Python gmssl (PyPI).

  gmssl_oracle.py sign PRIV_HEX POINT_HEX MSG_HEX      -> DER signature, hex
  gmssl_oracle.py verify POINT_HEX SIG_DER_HEX MSG_HEX -> "valid" or "invalid"

POINT_HEX is the uncompressed point 04||X||Y. The distinguishing ID is gmssl's fixed
1234567812345678, the one protocol v1 uses.
"""
import sys

from gmssl import sm2


def crypt(private_hex, point_hex):
    c = sm2.CryptSM2(private_key=private_hex, public_key=point_hex[2:], asn1=True)
    # CryptSM2.__init__ strips "04" with lstrip, corrupting X values that start with 0 or 4.
    c.public_key = point_hex[2:]
    return c


def main(argv):
    if argv[1] == "sign":
        c = crypt(argv[2], argv[3])
        sig = None
        while sig is None:  # gmssl returns None for the rare invalid nonce k
            sig = c.sign_with_sm3(bytes.fromhex(argv[4]))
        print(sig)
    elif argv[1] == "verify":
        c = crypt("", argv[2])
        print("valid" if c.verify_with_sm3(argv[3], bytes.fromhex(argv[4])) else "invalid")
    else:
        raise SystemExit("usage: gmssl_oracle.py sign|verify ...")


if __name__ == "__main__":
    main(sys.argv)
