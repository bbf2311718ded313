"""The main job against a sandbox front: login → license → material → verify."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from pathlib import Path
from typing import List, Tuple

import pytest

import elicense
from conftest import DEMO_NAME, DEMO_USCC, PURPOSE, REVOKED_USCC, Front, login
from elicense import LoginState, MaterialVerdict, OperatorRole, LicenseState


def _rfc3339_seconds(text: str) -> dt.datetime:
    return dt.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.timezone.utc)


def test_whoami_names_the_registered_application(client: elicense.Client) -> None:
    me = client.whoami()
    assert me.app_id.startswith("app-")
    assert me.unit_name.startswith("济南市行政审批服务局")
    assert me.app_name == "企业开办一网通办系统"
    assert me.profile == "sandbox"
    assert me.server_time is not None and me.server_time.tzinfo is not None
    assert abs((me.server_time - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 60


def test_full_flow_login_license_material_verify(client: elicense.Client, front: Front, tmp_path: Path) -> None:
    session = client.login_start(PURPOSE)
    assert session.id.startswith("lg_")
    assert session.state == LoginState.PENDING
    assert session.qr_content.startswith(front.url + "/sandbox/")
    assert session.confirmation_code is not None and len(session.confirmation_code) == 4
    assert session.confirmation_code.isdigit() and session.confirmation_code == session.raw["confirmation_code"]
    assert session.qr_png.startswith(b"\x89PNG\r\n\x1a\n")
    assert session.qr_data_url.startswith("data:image/png;base64,iVBORw0KGgo")
    assert session.expires_at is not None and session.expires_at > dt.datetime.now(dt.timezone.utc)
    assert session.poll_interval_ms == 2000  # the sandbox front's interval
    qr = tmp_path / "login.png"
    session.save_qr(qr)
    assert qr.read_bytes() == session.qr_png and qr.stat().st_mode & 0o777 == 0o644

    pending = client.login_poll(session.id)
    assert pending.state == LoginState.PENDING and not pending.authorized
    assert pending.grant is None and pending.subject_uscc is None and pending.operator_role is None
    assert pending.grant_expires_at is None and pending.poll_interval_ms == 2000

    front.scan(session.qr_content, "confirm", role="agent")
    seen: List[Tuple[LoginState, int]] = []
    status = client.login_wait(session, timeout=30, progress=lambda state, ms: seen.append((state, ms)))
    assert status.authorized and status.state == LoginState.AUTHORIZED
    assert seen and seen[-1][0] == LoginState.AUTHORIZED and isinstance(seen[-1][0], LoginState)
    assert status.subject_uscc == DEMO_USCC
    assert status.subject_name == DEMO_NAME
    assert status.operator_role == OperatorRole.AGENT
    assert status.operator_name == "欧***"
    assert status.grant is not None and status.grant.startswith("gr_")
    assert status.grant_expires_at is not None and status.grant_expires_at > dt.datetime.now(dt.timezone.utc)
    assert status.grant_expires_at == _rfc3339_seconds(status.raw["grant"]["expires_at"])
    assert status.grant not in repr(status), "the grant token must not end up in logs"
    assert status.require_grant() == status.grant

    license = client.license(status.grant)
    assert license.uscc == DEMO_USCC
    assert license.name == DEMO_NAME
    assert license.in_business
    assert license.type == "有限责任公司（自然人投资或控股）"
    assert license.legal_representative == "周文博"
    assert license.registered_capital == Decimal("500") and license.currency == "CNY"
    assert license.established_on == dt.date(2019, 3, 18)
    assert license.operating_from == dt.date(2019, 3, 18)
    assert license.operating_to is None  # 长期
    assert license.address.startswith("山东省济南市历下区")
    assert "软件开发" in license.business_scope
    assert license.registration_authority == "济南市历下区市场监督管理局"
    assert isinstance(license.approved_on, dt.date)
    assert license.state == LicenseState.SUBSISTING and license.state.in_business
    assert license.state_text == "存续"
    assert license.raw["signed_license"]["license"]["entname"] == DEMO_NAME

    material = client.issue_material(status.grant, PURPOSE)
    assert material.id.startswith("mt_")
    assert material.in_business
    assert len(material.code) == 14 and material.code.count("-") == 2
    assert material.format == "pdf" and material.content_type == "application/pdf"
    assert material.document.startswith(b"%PDF")
    assert material.verify_url.startswith(front.url + "/verify?code=")
    assert material.expires_at is not None and material.expires_at > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=80)
    assert material.record["id"] == material.id
    assert material.record["signed_license"]["license"]["uniscid"] == DEMO_USCC
    saved = tmp_path / "license.pdf"
    material.save(saved)
    assert saved.read_bytes() == material.document

    assert client.verify(material.code) == MaterialVerdict.VALID
    assert client.verify(material.id) == MaterialVerdict.VALID
    assert client.verify(material.verify_url) == MaterialVerdict.VALID
    assert client.verify(material) == MaterialVerdict.VALID


def test_material_as_png(client: elicense.Client, grant: str, tmp_path: Path) -> None:
    material = client.issue_material(grant, PURPOSE, format="png")
    assert material.document.startswith(b"\x89PNG") and material.content_type == "image/png"
    material.save(tmp_path / "license.png")


def test_material_save_into_a_missing_directory_is_a_file_error(
    client: elicense.Client, grant: str, tmp_path: Path
) -> None:
    material = client.issue_material(grant, PURPOSE)
    target = tmp_path / "missing" / "license.pdf"
    with pytest.raises(elicense.FileError) as caught:
        material.save(target)
    with pytest.raises(elicense.FileError):
        client.login_start(PURPOSE).save_qr(target)
    # The class and status C's elic_material_save gives; still an OSError for generic handlers.
    assert caught.value.status == elicense.Status.IO_ERROR and isinstance(caught.value, OSError)
    assert str(target) in caught.value.message and "无法写入" in caught.value.message
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_verify_unknown_is_a_state_not_an_error(client: elicense.Client) -> None:
    assert client.verify("AAAA-BBBB-CCCC") == MaterialVerdict.UNKNOWN
    assert client.verify("mt_00000000000000000000000000000000") == MaterialVerdict.UNKNOWN


def test_revoked_enterprise_is_a_state_not_an_error(client: elicense.Client, front: Front) -> None:
    status = login(client, front, uniscid=REVOKED_USCC)
    assert status.grant is not None
    license = client.license(status.grant)
    assert license.uscc == REVOKED_USCC
    assert license.state == LicenseState.REVOKED and not license.state.in_business
    assert license.state_text == "吊销" and not license.in_business
    # Material of a revoked enterprise is issued and verifies VALID: in_business says otherwise.
    material = client.issue_material(status.require_grant(), PURPOSE)
    assert not material.in_business and client.verify(material) == MaterialVerdict.VALID


def test_login_poll_sees_the_scan(client: elicense.Client, front: Front) -> None:
    session = client.login_start(PURPOSE)
    front.scan(session.qr_content, "scan")
    assert client.login_poll(session.id).state == LoginState.SCANNED


def test_progress_returning_none_goes_on(client: elicense.Client, front: Front) -> None:
    """True and False are in test_semantics.py; a callback without ``return`` goes on too."""
    session = client.login_start(PURPOSE)
    calls: List[LoginState] = []

    def progress(state: LoginState, elapsed_ms: int) -> None:
        calls.append(state)
        if len(calls) == 1:
            front.scan(session.qr_content, "confirm")

    status = client.login_wait(session.id, timeout=30, progress=progress)
    assert status.authorized
    assert calls[0] == LoginState.PENDING and calls[-1] == LoginState.AUTHORIZED and len(calls) >= 2


def test_wait_cancelled_by_exception_in_progress_propagates_it(client: elicense.Client) -> None:
    session = client.login_start(PURPOSE)

    class Stop(Exception):
        pass

    def progress(state: LoginState, elapsed_ms: int) -> None:
        raise Stop("user clicked cancel")

    with pytest.raises(Stop, match="user clicked cancel"):
        client.login_wait(session.id, timeout=30, progress=progress)


def test_wait_times_out_and_the_login_stays_usable(client: elicense.Client, front: Front) -> None:
    session = client.login_start(PURPOSE)
    with pytest.raises(elicense.NetworkTimeoutError) as caught:
        client.login_wait(session.id, timeout=0.5)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.status == elicense.Status.TIMEOUT
    front.scan(session.qr_content, "confirm")
    # Wait out the front's poll interval first: a wait polls at once, and a poll within 2 s of
    # the previous one is answered slow_down, which lengthens the interval by 5 s (RFC 8628).
    time.sleep(2.2)
    assert client.login_wait(session.id, timeout=30).authorized
