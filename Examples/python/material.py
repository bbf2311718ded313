#!/usr/bin/env python3
"""material.py — obtain verified, signed license material in place of asking the enterprise to
upload a scan of its paper license (one call), store the document and the signed record, then
verify the material as anyone could later.

    python3 material.py CONFIG GRANT_FILE PURPOSE OUT.pdf
"""

import json
import sys
from typing import List

import elicense


def main(argv: List[str]) -> int:
    if len(argv) < 5:
        print("usage: %s CONFIG GRANT_FILE PURPOSE OUT.pdf" % argv[0], file=sys.stderr)
        return 2
    try:
        with open(argv[2], encoding="utf-8") as f:
            grant = f.readline().strip()
    except OSError as error:
        print("%s: %s" % (argv[2], error.strerror), file=sys.stderr)
        return 2
    try:
        with elicense.Client(argv[1]) as client:
            material = client.issue_material(grant, argv[3], format="pdf")
            if not material.in_business:  # issued and valid, but on a 吊销/注销/迁出 license
                print("注意: 该主体不在存续/在业状态 (not in business)", file=sys.stderr)
            material.save(argv[4])
            print("material %s, code %s, %d bytes saved to %s"
                  % (material.id, material.code, len(material.document), argv[4]))
            print("verify at %s" % material.verify_url)
            # Store material.record — the signed record — where the scan used to go.
            print("record: %.80s..." % json.dumps(material.record, ensure_ascii=False))

            verdict = client.verify(material.code)
    except (elicense.ElicenseError, OSError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    print("verified: %s" % ("valid" if verdict == elicense.MaterialVerdict.VALID else "NOT valid"))
    return 0 if verdict == elicense.MaterialVerdict.VALID else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
