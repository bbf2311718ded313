#!/usr/bin/env python3
"""fetch_license.py — fetch the license data (照面信息) of the enterprise that logged in,
instead of retyping it.

    python3 fetch_license.py CONFIG GRANT_FILE
"""

import sys
from typing import List

import elicense


def main(argv: List[str]) -> int:
    if len(argv) < 3:
        print("usage: %s CONFIG GRANT_FILE" % argv[0], file=sys.stderr)
        return 2
    try:
        with open(argv[2], encoding="utf-8") as f:
            grant = f.readline().strip()
    except OSError as error:
        print("%s: %s" % (argv[2], error.strerror), file=sys.stderr)
        return 2
    try:
        with elicense.Client(argv[1]) as client:
            license = client.license(grant)
    except elicense.ElicenseError as error:
        print("error: %s" % error, file=sys.stderr)
        return 1

    print("统一社会信用代码 %s" % license.uscc)
    print("名称             %s" % license.name)
    print("类型             %s" % license.type)
    print("法定代表人       %s" % license.legal_representative)
    # registered_capital is a Decimal in 万 (10 000) units of the ISO 4217 currency; None: none.
    if license.registered_capital is None:
        print("注册资本         -")
    else:
        print("注册资本         %s万 %s" % (license.registered_capital, license.currency))
    print("营业期限         %s 至 %s" % (license.operating_from, license.operating_to or "长期"))
    print("住所             %s" % license.address)
    print("登记状态         %s" % license.state_text)
    # 吊销, 注销 and 迁出 are states, not errors: the department decides what it accepts.
    if not license.in_business:
        print("注意: 该主体不在存续/在业状态 (not in business)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
