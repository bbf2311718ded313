"""The behaviours both bindings share: every line of Tests/bindings/semantics.tsv is a test here,
and the Java binding's SemanticsTest reads the same lines."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, Callable, Dict, Iterator, List, Type

import pytest

import elicense
from conftest import PURPOSE, ROOT, Front

TABLE = ROOT / "Tests" / "bindings" / "semantics.tsv"


def _lines() -> List[List[str]]:
    return [line.split("\t") for line in TABLE.read_text("utf-8").splitlines() if line and not line.startswith("#")]


LINES = _lines()


def rows(kind: str) -> List[Any]:
    found = [pytest.param(*line[1:], id="-".join(line[1:3])) for line in LINES if line[0] == kind]
    assert found, "no %s line in %s" % (kind, TABLE)
    return found


def error_class(name: str) -> Type[elicense.ElicenseError]:
    """The table's exception name as this binding spells it (see the table's head)."""
    return getattr(elicense, "NetworkTimeoutError" if name == "Timeout" else name + "Error")


KINDS = {"progress", "closed", "close_twice", "exception", "client_closed", "error_field", "front_error",
         "whoami", "enum", "no_type", "constructor"}


def test_every_kind_of_line_is_asserted() -> None:
    assert {line[0] for line in LINES} == KINDS


# -- the login progress callback -------------------------------------------------------------


@pytest.mark.parametrize("returns,outcome", rows("progress"))
def test_progress_callback(client: elicense.Client, front: Front, returns: str, outcome: str) -> None:
    answer = {"true": True, "false": False}[returns]
    session = client.login_start(PURPOSE)
    seen: List[elicense.LoginState] = []

    def progress(state: elicense.LoginState, elapsed_ms: int) -> bool:
        seen.append(state)
        if len(seen) == 1 and outcome == "go_on":
            front.scan(session.qr_content, "confirm")
        return answer

    if outcome == "cancel":
        with pytest.raises(elicense.CancelledError) as caught:
            client.login_wait(session.id, timeout=30, progress=progress)
        assert caught.value.status == elicense.Status.CANCELLED
        assert seen == [elicense.LoginState.PENDING]
    else:
        assert outcome == "go_on"
        assert client.login_wait(session.id, timeout=30, progress=progress).authorized
        assert seen[0] == elicense.LoginState.PENDING and seen[-1] == elicense.LoginState.AUTHORIZED


# -- a closed client ------------------------------------------------------------------------

CALLS: Dict[str, Callable[[elicense.Client], Any]] = {
    "whoami": lambda c: c.whoami(),
    "login_start": lambda c: c.login_start(PURPOSE),
    "login_poll": lambda c: c.login_poll("lg_x"),
    "login_wait": lambda c: c.login_wait("lg_x", timeout=1),
    "license": lambda c: c.license("gr_x"),
    "issue_material": lambda c: c.issue_material("gr_x", PURPOSE),
    "verify": lambda c: c.verify("AAAA-BBBB-CCCC"),
}


@pytest.fixture()
def closed_client(front: Front) -> Iterator[elicense.Client]:
    client = elicense.Client.from_file(front.config_path)
    client.close()
    yield client


def test_the_table_names_every_method_of_the_client() -> None:
    methods = {name for name, member in inspect.getmembers(elicense.Client, inspect.isfunction)
               if not name.startswith("_")} - {"close"}
    assert methods == {line[1] for line in LINES if line[0] == "closed"}


@pytest.mark.parametrize("method,java_method", rows("closed"))
def test_a_closed_client_raises_client_closed(closed_client: elicense.Client, method: str, java_method: str) -> None:
    with pytest.raises(elicense.ClientClosedError) as caught:
        CALLS[method](closed_client)
    assert caught.value.status == elicense.Status.INVALID_ARGUMENT
    assert "客户端已关闭" in caught.value.message and "the client is closed" in caught.value.message


@pytest.mark.parametrize("outcome", rows("close_twice"))
def test_close_twice(front: Front, outcome: str) -> None:
    assert outcome == "no_op"
    client = elicense.Client.from_file(front.config_path)
    client.close()
    client.close()
    assert client.closed


@pytest.mark.parametrize("name,ancestors,status", rows("client_closed"))
def test_the_closed_client_exception(name: str, ancestors: str, status: str) -> None:
    cls = error_class(name)
    assert cls is elicense.ClientClosedError
    assert all(issubclass(cls, error_class(a)) for a in ancestors.split())
    assert issubclass(cls, elicense.ElicenseError)
    assert elicense.Status.INVALID_ARGUMENT == int(status)


# -- exceptions -------------------------------------------------------------------------------


@pytest.mark.parametrize("status,code,name,ancestors", rows("exception"))
def test_exception_of_a_status(status: str, code: str, name: str, ancestors: str) -> None:
    cls = elicense._abi.error_class(int(status))
    assert cls is error_class(name)
    for ancestor in ancestors.split():
        if ancestor != "-":
            assert issubclass(cls, error_class(ancestor)), ancestor
    assert issubclass(cls, elicense.ElicenseError)
    if code != "-":
        assert elicense.Status(int(status)).wire_code == code
        assert cls(int(status), elicense.Status(int(status)).name, "m").code == code


@pytest.mark.parametrize("field", rows("error_field"))
def test_what_an_exception_exposes(client: elicense.Client, field: str) -> None:
    with pytest.raises(elicense.ElicenseError) as caught:
        client.license("gr_forged")
    assert hasattr(caught.value, field)


@pytest.mark.parametrize("call,code,request_id,retry_after", rows("front_error"))
def test_a_failure_the_front_reports(client: elicense.Client, call: str, code: str, request_id: str,
                                     retry_after: str) -> None:
    with pytest.raises(elicense.ElicenseError) as caught:
        if call == "license":
            client.license("gr_forged")
        elif call == "login_poll":
            client.login_poll("lg_unknown")
        else:
            assert call == "login_poll_again"
            session = client.login_start(PURPOSE)
            client.login_poll(session.id)
            client.login_poll(session.id)
    error = caught.value
    assert error.code == code
    assert error.request_id is not None and error.request_id.startswith(request_id)
    if retry_after == "none":
        assert error.retry_after_ms is None
    else:
        assert retry_after == "positive"
        assert error.retry_after_ms is not None and error.retry_after_ms > 0


# -- results and enumerations -----------------------------------------------------------------


def test_whoami_has_the_fields_of_the_table_and_no_other() -> None:
    table = [line[1] for line in LINES if line[0] == "whoami"]
    assert [f.name for f in dataclasses.fields(elicense.Whoami) if f.name != "raw"] == table


@pytest.mark.parametrize("field", rows("whoami"))
def test_whoami_field(client: elicense.Client, field: str) -> None:
    value = getattr(client.whoami(), field)
    assert value is not None and value != ""


@pytest.mark.parametrize("type_name,member,value", rows("enum"))
def test_enumeration(type_name: str, member: str, value: str) -> None:
    assert getattr(elicense, type_name)[member] == int(value)


@pytest.mark.parametrize("name", rows("no_type"))
def test_name_no_longer_used(name: str) -> None:
    assert not hasattr(elicense, name)


# -- constructors -----------------------------------------------------------------------------


@pytest.mark.parametrize("method,java_method,given,name", rows("constructor"))
def test_constructor_takes_one_kind_of_input(front: Front, method: str, java_method: str, given: str,
                                             name: str) -> None:
    argument = front.config_path.read_text("utf-8") if given == "json_text" else str(front.config_path)
    assert given in ("json_text", "path")
    with pytest.raises(error_class(name)):
        getattr(elicense.Client, method)(argument)
    # …and the right kind of input makes a working client.
    right = str(front.config_path) if given == "json_text" else front.config_path.read_text("utf-8")
    with getattr(elicense.Client, method)(right) as client:
        assert client.whoami().profile == "sandbox"

