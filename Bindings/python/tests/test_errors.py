"""Misuse and failures: every one is a Python exception with the library's status and its
bilingual message, never a crash of the interpreter."""

from __future__ import annotations

import json
import pickle
import re
import time
from pathlib import Path
from typing import Any, Callable

import pytest

import elicense
from conftest import DEMO_USCC, PURPOSE, Front
from elicense import Status

CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_bilingual(error: elicense.ElicenseError) -> None:
    assert CJK.search(error.message), error.message
    assert re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", error.message), error.message
    assert error.status_name in str(error)
    assert error.message in str(error)


# --- the client's life cycle ------------------------------------------------------------------


def test_with_block_closes_the_client(front: Front) -> None:
    with elicense.Client(str(front.config_path)) as client:
        assert not client.closed
        client.whoami()
    assert client.closed
    with pytest.raises(elicense.ClientClosedError) as caught:
        client.whoami()
    assert isinstance(caught.value, ValueError)
    assert caught.value.status == Status.INVALID_ARGUMENT
    assert "客户端已关闭" in caught.value.message and "the client is closed" in caught.value.message


def test_config_as_json_text(front: Front) -> None:
    with elicense.Client.from_json(json.dumps(front.config)) as client:
        assert client.whoami().profile == "sandbox"
    with elicense.Client.from_file(front.config_path) as client:
        assert client.whoami().profile == "sandbox"
    with elicense.Client(front.config) as client:  # a mapping works as config
        assert client.whoami().profile == "sandbox"


def test_json_text_is_never_taken_for_a_path_or_the_reverse(front: Front) -> None:
    with pytest.raises(elicense.FileError):
        elicense.Client(json.dumps(front.config))  # a path that does not exist, not a guess
    with pytest.raises(elicense.InvalidConfigError):
        elicense.Client.from_json(str(front.config_path))


def test_unclosed_client_is_freed_by_the_garbage_collector(front: Front) -> None:
    import gc
    import weakref

    client = elicense.Client(str(front.config_path))
    finalizer = client._finalizer
    reference = weakref.ref(client)
    del client
    gc.collect()
    assert reference() is None and not finalizer.alive


# --- wrong types and values, refused before C -------------------------------------------------


@pytest.mark.parametrize("value", [None, 42, b"bytes", 3.5, ["list"]])
def test_wrong_types_raise_type_error(client: elicense.Client, value: Any) -> None:
    calls: list = [
        lambda: client.login_start(value),
        lambda: client.login_poll(value),
        lambda: client.login_wait(value, timeout=1),
        lambda: client.license(value),
        lambda: client.issue_material(value, PURPOSE),
        lambda: client.issue_material("gr_x", value),
        lambda: client.issue_material("gr_x", PURPOSE, format=value),
        lambda: client.verify(value),
        lambda: elicense.validate_uscc(value),
    ]
    for call in calls:
        with pytest.raises(TypeError):
            call()


@pytest.mark.parametrize("value", [None, 42, b"{}", 1.5])
def test_wrong_config_types_raise_type_error(value: Any) -> None:
    with pytest.raises(TypeError):
        elicense.Client(value)


def test_wrong_timeout_and_progress(client: elicense.Client) -> None:
    with pytest.raises(TypeError):
        client.login_wait("lg_x", timeout="10")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        client.login_wait("lg_x", timeout=0)
    with pytest.raises(TypeError):
        client.login_wait("lg_x", timeout=1, progress="print")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.login_start("企业\ud800开办"),
        lambda c: c.login_poll("lg_\udcff"),
        lambda c: c.license("gr_\udfff"),
        lambda c: c.issue_material("gr_x", "企业开办\ud83d"),
        lambda c: c.verify("\ud800"),
        lambda c: elicense.validate_uscc("91370102MA01ELC16\udc80"),
    ],
)
def test_lone_surrogates_are_invalid_utf8(client: elicense.Client, call: Callable[[Any], Any]) -> None:
    with pytest.raises(elicense.InvalidArgumentError) as caught:
        call(client)
    assert isinstance(caught.value, ValueError)
    assert caught.value.status == Status.INVALID_UTF8
    assert_bilingual(caught.value)


def test_embedded_nul_is_refused_before_c(client: elicense.Client) -> None:
    with pytest.raises(elicense.InvalidArgumentError) as caught:
        client.login_start("企业开办\x00ignored")
    assert caught.value.status == Status.INVALID_ARGUMENT
    assert "NUL" in caught.value.message
    assert_bilingual(caught.value)


def test_empty_purpose_is_invalid_purpose(client: elicense.Client) -> None:
    with pytest.raises(elicense.InvalidArgumentError) as caught:
        client.login_start("")
    assert caught.value.status == Status.INVALID_PURPOSE
    assert_bilingual(caught.value)


# --- bad configurations -----------------------------------------------------------------------


def test_missing_config_file_is_file_error(tmp_path: Path) -> None:
    with pytest.raises(elicense.FileError) as caught:
        elicense.Client(str(tmp_path / "missing.json"))
    assert isinstance(caught.value, OSError) and isinstance(caught.value, elicense.UsageError)
    assert caught.value.status == Status.IO_ERROR
    assert "missing.json" in caught.value.message
    assert_bilingual(caught.value)


def test_malformed_json_config(tmp_path: Path) -> None:
    with pytest.raises(elicense.InvalidConfigError) as caught:
        elicense.Client.from_json('{"front_url": ')
    assert caught.value.status == Status.INVALID_CONFIG and isinstance(caught.value, ValueError)
    assert_bilingual(caught.value)
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", "utf-8")
    with pytest.raises(elicense.InvalidConfigError):
        elicense.Client(str(broken))


def test_incomplete_config(front: Front) -> None:
    config = front.config
    del config["app_id"]
    with pytest.raises(elicense.InvalidConfigError):
        elicense.Client(config)


def test_unreadable_private_key_is_key_invalid(front: Front) -> None:
    config = front.config
    config["private_key_pem"] = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"
    with pytest.raises(elicense.SecurityError) as caught:
        elicense.Client(config)
    assert caught.value.status == Status.KEY_INVALID


# --- failures of the network and of security ---------------------------------------------------


def test_dead_server_is_network_error(dead_config: Path) -> None:
    with elicense.Client(str(dead_config)) as client:
        with pytest.raises(elicense.NetworkError) as caught:
            client.whoami()
    assert isinstance(caught.value, ConnectionError)
    assert caught.value.status == Status.NETWORK
    assert_bilingual(caught.value)


def test_stalled_server_is_timeout(stall_config: Path) -> None:
    with elicense.Client(str(stall_config)) as client:
        with pytest.raises(elicense.NetworkTimeoutError) as caught:
            client.whoami()
    assert isinstance(caught.value, TimeoutError) and isinstance(caught.value, ConnectionError)
    assert caught.value.status == Status.TIMEOUT


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.whoami(timeout=0.2),
        lambda c: c.login_start(PURPOSE, timeout=0.2),
        lambda c: c.login_poll("lg_x", timeout=0.2),
        lambda c: c.license("gr_x", timeout=0.2),
        lambda c: c.issue_material("gr_x", PURPOSE, timeout=0.2),
        lambda c: c.verify("AAAA-BBBB-CCCC", timeout=0.2),
    ],
    ids=["whoami", "login_start", "login_poll", "license", "issue_material", "verify"],
)
def test_timeout_argument_bounds_the_call_then_is_restored(
    stall_config: Path, call: Callable[[elicense.Client], Any]
) -> None:
    # The stalled server's configuration allows 1 s a call: timeout= shortens this one call,
    # and the next call on the thread (after the exception) has the configured 1 s again.
    with elicense.Client(str(stall_config)) as client:
        started = time.monotonic()
        with pytest.raises(elicense.NetworkTimeoutError):
            call(client)
        assert time.monotonic() - started < 0.8
        started = time.monotonic()
        with pytest.raises(elicense.NetworkTimeoutError):
            client.whoami()
        assert time.monotonic() - started >= 0.9


def test_wrong_timeout_argument(client: elicense.Client) -> None:
    with pytest.raises(TypeError):
        client.whoami(timeout="1")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        client.verify("AAAA-BBBB-CCCC", timeout=-1)


def test_wrong_pinned_key_is_security_error(forged_config: Path) -> None:
    with elicense.Client(str(forged_config)) as client:
        with pytest.raises(elicense.SecurityError) as caught:
            client.whoami()
    assert caught.value.status == Status.RESPONSE_SIGNATURE_INVALID
    assert caught.value.status_name == "ELIC_E_RESPONSE_SIGNATURE_INVALID"
    assert_bilingual(caught.value)


def test_invalid_grant_is_grant_error(client: elicense.Client) -> None:
    with pytest.raises(elicense.GrantError) as caught:
        client.license("gr_" + "0" * 64)
    assert caught.value.status == Status.GRANT_INVALID
    assert isinstance(caught.value, elicense.BusinessError)
    request_id = caught.value.request_id  # the front's, as in its audit log: apart, not parsed
    assert request_id is not None and request_id.startswith("rq_") and request_id in caught.value.message
    assert caught.value.code == "grant_invalid" and caught.value.retry_after_ms is None
    with pytest.raises(elicense.GrantError) as caught:
        client.issue_material("", PURPOSE)
    assert caught.value.status == Status.GRANT_MISSING


# --- USCC ------------------------------------------------------------------------------------


def test_valid_uscc() -> None:
    report = elicense.validate_uscc(DEMO_USCC)
    assert report.valid and report
    assert report.problems == () and report.message == ""
    assert report.parts["organization_code"] == "MA01ELC16"
    assert elicense.validate_uscc("91350100M000100Y43").valid


@pytest.mark.parametrize(
    "code, problem",
    [
        ("91350100M000100Y44", "check_character_mismatch"),
        ("91350100M000100Y4", "wrong_length"),
        ("91350100M0001OOY43", None),
        (" 91350100M000100Y43", "surrounding_whitespace"),
        ("91350100m000100Y43", "lowercase"),
        ("９1350100M000100Y43", None),
        ("", None),
    ],
)
def test_invalid_uscc_explains_why(code: str, problem: str) -> None:
    report = elicense.validate_uscc(code)
    assert not report.valid and not report
    assert report.problems
    if problem:
        assert problem in [p.name for p in report.problems]
    for p in report.problems:
        assert CJK.search(p.message_zh) and p.message_en
    assert report.message.startswith("统一社会信用代码无效 (invalid unified social credit code)")


def test_uscc_suggestion_for_fixable_input() -> None:
    report = elicense.validate_uscc(" 91350100m000100y43")
    assert report.suggestion == "91350100M000100Y43"
    mismatch = elicense.validate_uscc("91350100M000100Y44").problems[0]
    assert (mismatch.position, mismatch.expected) == (18, "3")


# --- the exception classes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, cls, builtin",
    [
        (1, elicense.InvalidArgumentError, ValueError),
        (2, elicense.InvalidArgumentError, ValueError),
        (4, elicense.InvalidConfigError, ValueError),
        (5, elicense.FileError, OSError),
        (6, elicense.CancelledError, Exception),
        (7, elicense.InvalidUSCCError, ValueError),
        (9, elicense.NotFoundError, LookupError),
        (42, elicense.UsageError, Exception),  # unknown usage code: its range's class
        (100, elicense.LoginError, Exception),
        (106, elicense.GrantError, Exception),
        (108, elicense.EnterpriseNotFoundError, LookupError),
        (110, elicense.MaterialError, Exception),
        (150, elicense.BusinessError, Exception),  # unknown business code
        (200, elicense.NetworkError, ConnectionError),
        (201, elicense.NetworkTimeoutError, TimeoutError),
        (206, elicense.NetworkTimeoutError, TimeoutError),
        (250, elicense.NetworkError, ConnectionError),  # unknown network code
        (302, elicense.SecurityError, Exception),
        (309, elicense.PermissionDeniedError, PermissionError),
        (399, elicense.SecurityError, Exception),  # unknown security code
        (900, elicense.InternalError, Exception),
        (955, elicense.InternalError, Exception),  # unknown internal code
        (555, elicense.InternalError, Exception),  # outside every range
    ],
)
def test_error_classes_by_status_and_range(status: int, cls: type, builtin: type) -> None:
    from elicense import _native

    error = _native.make_error(status)
    assert type(error) is cls
    assert isinstance(error, elicense.ElicenseError) and isinstance(error, builtin)
    assert int(error.status) == status
    assert error.status_name.startswith("ELIC_")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls and copy.status == error.status and copy.message == error.message


def test_known_status_is_an_enum_member_unknown_stays_int() -> None:
    from elicense import _native

    assert _native.make_error(201).status is Status.TIMEOUT
    unknown = _native.make_error(77)
    assert unknown.status == 77 and not isinstance(unknown.status, Status)
    assert elicense.status_description(201) == "ELIC_E_TIMEOUT: 请求超时 (request timed out)"
