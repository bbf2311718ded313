"""Logins that do not end authorized: denied and expired are states; misuse is an error."""

from __future__ import annotations

import time
import urllib.error

import pytest

import elicense
from conftest import PURPOSE, Front
from elicense import LoginState, Status


def test_denied_login_is_a_final_state(client: elicense.Client, front: Front) -> None:
    session = client.login_start(PURPOSE)
    front.scan(session.qr_content, "deny")
    status = client.login_wait(session.id, timeout=30)
    assert status.state == LoginState.DENIED and status.state.is_final
    assert not status.authorized
    assert status.grant is None and status.subject_uscc is None
    with pytest.raises(elicense.LoginError) as caught:
        status.require_grant()
    assert caught.value.status == Status.LOGIN_DENIED and session.id in caught.value.message


def test_expired_login_is_a_final_state(short_front: Front) -> None:
    with elicense.Client(short_front.config_path) as client:  # a pathlib.Path works as config
        session = client.login_start(PURPOSE)
        started = time.monotonic()
        states = []
        status = client.login_wait(session.id, timeout=30, progress=lambda s, ms: states.append(s))
        assert status.state == LoginState.EXPIRED
        assert 3 <= time.monotonic() - started < 20
        assert states[0] == LoginState.PENDING and states[-1] == LoginState.EXPIRED
        with pytest.raises(urllib.error.HTTPError) as caught:  # the app cannot confirm it any more
            short_front.scan(session.qr_content, "confirm")
        assert caught.value.code == 410
        assert client.login_poll(session.id).state == LoginState.EXPIRED
        with pytest.raises(elicense.LoginError) as caught:
            status.require_grant()
        assert caught.value.status == Status.LOGIN_EXPIRED


def test_require_grant_of_a_pending_login_is_grant_missing(client: elicense.Client) -> None:
    status = client.login_poll(client.login_start(PURPOSE))
    assert status.state == LoginState.PENDING
    with pytest.raises(elicense.GrantError) as caught:
        status.require_grant()
    assert caught.value.status == Status.GRANT_MISSING and "PENDING" in caught.value.message


def test_polling_too_fast_is_slow_down(client: elicense.Client) -> None:
    session = client.login_start(PURPOSE)
    client.login_poll(session.id)
    with pytest.raises(elicense.LoginError) as caught:
        client.login_poll(session.id)
    assert caught.value.status == Status.SLOW_DOWN
    assert caught.value.status_name == "ELIC_E_SLOW_DOWN"
    assert caught.value.retry_after_ms is not None and caught.value.retry_after_ms > 0


def test_unknown_login_id_is_login_not_found(client: elicense.Client) -> None:
    with pytest.raises(elicense.LoginError) as caught:
        client.login_poll("lg_00000000000000000000000000000000")
    assert caught.value.status == Status.LOGIN_NOT_FOUND
    assert "登录会话不存在" in caught.value.message and "login session not found" in caught.value.message
