"""An integrator's program as mypy --strict sees it (make test-python type-checks this file;
it is not run): every public name it uses must be exported and every result precisely typed,
with no ``# type: ignore`` and no cast."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import List, Optional

import elicense
from elicense import Client, LicenseState, LoginState, MaterialVerdict


def on_progress(state: LoginState, elapsed_ms: int) -> bool:
    return elapsed_ms < 60_000 and state in (LoginState.PENDING, LoginState.SCANNED)


def onboard(client: Client, purpose: str, out: Path) -> List[str]:
    me: elicense.Whoami = client.whoami()
    session: elicense.LoginSession = client.login_start(purpose, timeout=5)
    session.save_qr(out.with_suffix(".png"))
    expires: Optional[dt.datetime] = session.expires_at
    interval_ms: int = session.poll_interval_ms
    status: elicense.LoginStatus = client.login_wait(session, timeout=300, progress=on_progress)
    grant: str = status.require_grant()
    grant_expires: Optional[dt.datetime] = status.grant_expires_at
    license: elicense.License = client.license(grant, timeout=5.0)
    capital: Optional[Decimal] = license.registered_capital
    if not license.in_business:
        state: LicenseState = license.state
        return ["%s: %s (%s)" % (license.name, license.state_text, state.label_zh)]
    material: elicense.Material = client.issue_material(grant, purpose, format="pdf", timeout=10)
    material.save(out)
    in_business: bool = material.in_business
    verdict: MaterialVerdict = client.verify(material.code, timeout=None)
    return [me.app_name, str(expires), str(interval_ms), str(grant_expires), license.uscc,
            str(capital), material.id, str(in_business), verdict.name]


def main(argv: List[str]) -> int:
    report: elicense.UsccReport = elicense.validate_uscc(argv[2])
    if not report.valid:
        print(report.message, [p.message_en for p in report.problems], file=sys.stderr)
    try:
        with Client.from_file(argv[1]) as client:
            print("\n".join(onboard(client, "企业开办", Path(argv[3]))))
    except elicense.NetworkTimeoutError as error:
        retry: Optional[int] = error.retry_after_ms
        print("timed out, retry after %s ms" % retry, file=sys.stderr)
        return 1
    except elicense.ElicenseError as error:
        request_id: Optional[str] = error.request_id
        print("%s %s [%s]" % (error.code, error.message, request_id), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
