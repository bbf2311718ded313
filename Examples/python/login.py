#!/usr/bin/env python3
"""login.py — log an enterprise in with its electronic business license (电子营业执照扫码登录).

    python3 login.py CONFIG PURPOSE [GRANT_FILE]

Prints the QR content to show (a web page would show session.qr_png as an image, see
webapp.py), waits for the enterprise to confirm in its e-license app, prints who logged in and,
with GRANT_FILE, saves the grant for fetch_license.py and material.py.
"""

import sys
from typing import List

import elicense


def progress(state: elicense.LoginState, elapsed_ms: int) -> bool:
    """Called after every poll; True goes on waiting (False would cancel the wait)."""
    print("\rstate %s after %d ms   " % (state.name.lower(), elapsed_ms), end="", file=sys.stderr, flush=True)
    return True


def main(argv: List[str]) -> int:
    if len(argv) < 3:
        print("usage: %s CONFIG PURPOSE [GRANT_FILE]" % argv[0], file=sys.stderr)
        return 2
    try:
        with elicense.Client(argv[1]) as client:
            session = client.login_start(argv[2])
            print("login_id: %s" % session.id)
            print("qr_content: %s" % session.qr_content)
            print("confirmation_code: %s" % (session.confirmation_code or "-"), flush=True)

            # The login id is a plain string: a web application keeps it in its session and
            # may wait or poll from another request.
            status = client.login_wait(session.id, timeout=300, progress=progress)
            print(file=sys.stderr)
    except elicense.ElicenseError as error:
        print("\nerror: %s" % error, file=sys.stderr)
        return 1

    if status.state == elicense.LoginState.AUTHORIZED:
        print("enterprise: %s %s" % (status.subject_uscc, status.subject_name))
        role = status.operator_role
        print("operator: %s (%s)" % (status.operator_name, role.label_zh if role else "-"))
        if len(argv) > 3:
            with open(argv[3], "w", encoding="utf-8") as out:
                out.write(status.require_grant() + "\n")
        return 0
    if status.state == elicense.LoginState.DENIED:
        print("the enterprise denied the login")
    else:
        print("the login expired")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
