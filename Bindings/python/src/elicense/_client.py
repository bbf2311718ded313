"""``Client``, the thread-safe connection to a city front system, and ``validate_uscc``."""

from __future__ import annotations

import json
import os
import signal
import threading
import weakref
from ctypes import byref, c_int32, c_void_p
from typing import Any, Callable, List, Mapping, Optional, Union

from . import _native
from ._abi import ClientClosedError, ElicenseError, LoginState, MaterialVerdict, Status
from ._models import License, LoginSession, LoginStatus, Material, UsccReport, Whoami
from ._native import lib

__all__ = ["Client", "validate_uscc", "ProgressCallback", "Config"]

#: ``progress(state, elapsed_ms)`` for :meth:`Client.login_wait`: return True (or None) to go
#: on waiting, False to cancel — as in Java's ``LoginProgress`` and Swift.
ProgressCallback = Callable[[LoginState, int], Optional[bool]]

#: A configuration: the path of the JSON file the front issued, or a mapping of its settings.
Config = Union[str, "os.PathLike[str]", Mapping[str, Any]]

_INT32_MAX = 2**31 - 1


def _path_arg(path: Any) -> bytes:
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
        if isinstance(path, bytes):
            raise TypeError("config path must be str, not bytes")
    if not isinstance(path, str):
        raise TypeError("config must be a path or a mapping, not %s" % type(path).__name__)
    return _native.text_arg(path, "path")


def _mapping_json(config: Mapping[str, Any]) -> str:
    try:
        return json.dumps(dict(config), ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise TypeError("config mapping is not JSON-serialisable: %s" % error) from None


def _login_id_arg(login: Any) -> bytes:
    if isinstance(login, (LoginSession, LoginStatus)):
        login = login.id
    return _native.text_arg(login, "login_id")


class _SigintDeferred:
    """Holds back SIGINT on the main thread for the duration of a C call that calls back.

    Python 3.11+ runs a pending signal handler as the callback is entered, before any ``try``
    in it, so ctypes would swallow the KeyboardInterrupt (and the wait would end cancelled).
    Inside the block a SIGINT is only recorded (the callback then cancels the wait);
    :meth:`deliver` afterwards runs the handler that was installed, which raises
    KeyboardInterrupt by default. A handler set outside Python (SIG_IGN, SIG_DFL) is left alone.
    """

    def __init__(self) -> None:
        self.received: List[Any] = []  # the frames SIGINT arrived in
        self._previous: Any = None

    def __enter__(self) -> "_SigintDeferred":
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
            if callable(previous):
                self._previous = previous
                signal.signal(signal.SIGINT, lambda signum, frame: self.received.append(frame))
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def deliver(self) -> None:
        if self.received:
            self._previous(signal.SIGINT, self.received[0])


def _milliseconds(timeout: float) -> int:
    """A timeout in seconds (int or float, positive) as milliseconds for C, at least 1."""
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be a number of seconds, not %s" % type(timeout).__name__)
    if not timeout > 0:
        raise ValueError("timeout must be positive, got %r" % (timeout,))
    return min(_INT32_MAX, max(1, int(timeout * 1000)))


def _closed_error() -> ClientClosedError:
    """What every method of a closed client raises, as in Java (ElicenseClientClosedException)."""
    error = _native.binding_error(Status.INVALID_ARGUMENT, "客户端已关闭", "the client is closed")
    return ClientClosedError(error.status, error.status_name, error.message)


class Client:
    """A client of the city front system, configured by the JSON file the front issued.

    ``config`` is that file's path or a mapping of the same settings; :meth:`from_file` and
    :meth:`from_json` (the file's text) say which. Creating a client makes no network call.
    One client is meant to be shared by every thread of a process (connections are pooled);
    calls block the calling thread, with the GIL released, up to the configured limits
    (``timeout_ms`` bounds a whole call, all attempts included). Each network method takes
    ``timeout``: seconds this call may take at most (it only shortens the configured limit;
    running out raises :class:`NetworkTimeoutError`); :meth:`login_wait`'s ``timeout`` bounds
    the whole wait.

    ``with Client(path) as client:`` closes the client at the end of the block. ``close()`` is
    idempotent and safe while other threads are inside a call: the library's client is freed
    when the last of those calls returns. A client never closed is freed when it is
    garbage-collected. Every method of a closed client raises :class:`ClientClosedError`.
    """

    def __init__(self, config: Config) -> None:
        if isinstance(config, Mapping):
            self._open(lib.elic_client_new_from_json, _native.text_arg(_mapping_json(config), "json"))
        else:
            self._open(lib.elic_client_new_from_file, _path_arg(config))

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]"]) -> "Client":
        """A client configured by the JSON file at ``path``; no network call. The argument is
        always a path (JSON text here is a file that does not exist: :class:`FileError`)."""
        client = cls.__new__(cls)
        client._open(lib.elic_client_new_from_file, _path_arg(path))
        return client

    @classmethod
    def from_json(cls, text: str) -> "Client":
        """A client configured by JSON text, the content of the file the front issued; no network
        call. Malformed text, a path too, raises :class:`InvalidConfigError`."""
        client = cls.__new__(cls)
        client._open(lib.elic_client_new_from_json, _native.text_arg(text, "json"))
        return client

    def _open(self, constructor: Callable[..., int], argument: bytes) -> None:
        handle = _native.ClientHandle()
        constructor(byref(handle), argument)
        self._handle: Optional[_native.ClientHandle] = handle
        self._lock = threading.Lock()
        self._calls = 0
        self._closing = False
        self._finalizer = weakref.finalize(self, lib.elic_client_free, handle)
        # At interpreter exit the process ends anyway; freeing then could race daemon threads.
        self._finalizer.atexit = False

    # -- life cycle ---------------------------------------------------------------------------

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._closing

    def close(self) -> None:
        """Closes the client; calls running on other threads finish first. Idempotent."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
            if self._calls:
                return  # the last running call frees it
        self._free()

    def _free(self) -> None:
        self._handle = None
        self._finalizer()

    class _Call:
        """Keeps the handle alive for one call: close() during the call defers the free. With
        a timeout, sets this thread's deadline (elic_set_call_timeout_ms) for the call and
        restores the client's own limits after it, whatever the call raised."""

        __slots__ = ("client", "timeout_ms")

        def __init__(self, client: "Client", timeout_ms: int) -> None:
            self.client = client
            self.timeout_ms = timeout_ms

        def __enter__(self) -> _native.ClientHandle:
            client = self.client
            with client._lock:
                if client._closing or client._handle is None:
                    raise _closed_error()
                client._calls += 1
                handle = client._handle
            if self.timeout_ms:
                lib.elic_set_call_timeout_ms(self.timeout_ms)
            return handle

        def __exit__(self, *exc_info: Any) -> None:
            if self.timeout_ms:
                lib.elic_set_call_timeout_ms(0)
            client = self.client
            with client._lock:
                client._calls -= 1
                free = client._closing and client._calls == 0
            if free:
                client._free()

    def _call(self, timeout: Optional[float] = None) -> "Client._Call":
        return Client._Call(self, 0 if timeout is None else _milliseconds(timeout))

    def __repr__(self) -> str:
        return "<elicense.Client %s>" % ("closed" if self._closing else "open")

    # -- calls --------------------------------------------------------------------------------

    def whoami(self, timeout: Optional[float] = None) -> Whoami:
        """Asks the front who this application is: checks credentials, keys and clock."""
        out = c_void_p()
        with self._call(timeout) as handle:
            lib.elic_client_whoami(byref(out), handle)
        return Whoami._from_json(_native.take_string(out))

    def login_start(self, purpose: str, timeout: Optional[float] = None) -> LoginSession:
        """Starts an e-license login (扫码登录) for purpose, the matter being handled (办理事项).

        Show ``qr_png`` (or ``qr_content`` as a QR code) and keep ``id``.
        """
        argument = _native.text_arg(purpose, "purpose")
        with self._call(timeout) as handle:
            login = _native.LoginHandle()
            lib.elic_login_start(byref(login), handle, argument)
        try:
            return LoginSession._from_handle(login)
        finally:
            lib.elic_login_free(login)

    def login_poll(
        self, login_id: Union[str, LoginSession, LoginStatus], timeout: Optional[float] = None
    ) -> LoginStatus:
        """Asks once where a login stands. Polling sooner than the front's interval
        (``poll_interval_ms`` of the session or the last status) raises :class:`LoginError`
        with status SLOW_DOWN."""
        argument = _login_id_arg(login_id)
        with self._call(timeout) as handle:
            login = _native.LoginHandle()
            lib.elic_login_poll(byref(login), handle, argument)
        try:
            return LoginStatus._from_handle(login)
        finally:
            lib.elic_login_free(login)

    def login_wait(
        self,
        login_id: Union[str, LoginSession, LoginStatus],
        timeout: Optional[float] = None,
        progress: Optional[ProgressCallback] = None,
    ) -> LoginStatus:
        """Waits until a login is authorized, denied or expired, polling as the front advises.

        - ``timeout``: seconds to wait at most; None waits until the login ends (it expires on
          its own, by default 300 s after it started). Running out of time raises
          :class:`NetworkTimeoutError` (also a ``TimeoutError``); the login stays usable.
        - ``progress(state, elapsed_ms)`` is called on this thread after every poll. Returning
          True goes on waiting and False cancels the wait with :class:`CancelledError` (None, a
          callback without ``return``, goes on); an exception it raises cancels the wait and
          propagates unchanged.

        Ctrl-C (SIGINT) ends the wait at its next poll with KeyboardInterrupt, never an
        :class:`ElicenseError`; the login stays usable.

        Returns the final :class:`LoginStatus`; DENIED and EXPIRED are states, not errors.
        """
        argument = _login_id_arg(login_id)
        timeout_ms = _INT32_MAX if timeout is None else _milliseconds(timeout)
        if progress is not None and not callable(progress):
            raise TypeError("progress must be callable, not %s" % type(progress).__name__)

        raised: List[BaseException] = []  # from the callback, re-raised once C has returned

        def on_progress(state: int, elapsed_ms: int, payload: Any) -> int:
            try:
                if interrupted.received:
                    return 1
                if progress is not None:
                    try:
                        value: Any = LoginState(state)
                    except ValueError:
                        value = state
                    # C's callback cancels on non-zero; only False (not 0 or "") cancels here.
                    return 1 if progress(value, elapsed_ms) is False else 0
                return 0
            except BaseException as error:  # noqa: B902 - KeyboardInterrupt too: cancel, re-raise
                raised.append(error)
                return 1

        # Always installed, so that Ctrl-C interrupts a wait at its next poll.
        callback = _native.PROGRESS_CB(on_progress)
        login = _native.LoginHandle()
        failure: Optional[ElicenseError] = None
        with _SigintDeferred() as interrupted:
            try:
                with self._call() as handle:
                    lib.elic_login_wait(byref(login), handle, argument, timeout_ms, callback, None)
            except ElicenseError as error:
                failure = error
        try:
            interrupted.deliver()
            if raised:
                raise raised[0] from None
            if failure is not None:
                raise failure
            return LoginStatus._from_handle(login)
        finally:
            lib.elic_login_free(login)

    def license(self, grant: str, timeout: Optional[float] = None) -> License:
        """The license data (照面信息) of the enterprise behind grant, its issuer signature
        checked. Whatever the 登记状态 (吊销, 注销, 迁出 too): check ``License.in_business``
        before accepting it for a matter."""
        argument = _native.text_arg(grant, "grant")
        with self._call(timeout) as handle:
            license = _native.LicenseHandle()
            lib.elic_license_fetch(byref(license), handle, argument)
        try:
            return License._from_handle(license)
        finally:
            lib.elic_license_free(license)

    def issue_material(
        self, grant: str, purpose: str, format: str = "pdf", timeout: Optional[float] = None
    ) -> Material:
        """Issues license material — the signed, stored replacement for asking the enterprise to
        upload a scan of its paper license — as a PDF (default) or PNG document, watermarked
        with ``purpose``. Each call issues a new signed record (``elic_material_issue``) and is
        not retried. Raises :class:`InvalidArgumentError` (INVALID_PURPOSE), :class:`GrantError`
        and the other errors of :meth:`license`."""
        grant_arg = _native.text_arg(grant, "grant")
        purpose_arg = _native.text_arg(purpose, "purpose")
        format_arg = _native.text_arg(format, "format")
        with self._call(timeout) as handle:
            material = _native.MaterialHandle()
            lib.elic_material_issue(byref(material), handle, grant_arg, purpose_arg, format_arg)
        try:
            return Material._from_handle(material, format)
        finally:
            lib.elic_material_free(material)

    def verify(self, reference: Union[str, Material], timeout: Optional[float] = None) -> MaterialVerdict:
        """Verifies a material by its verification code, its id (mt_…) or its QR text."""
        if isinstance(reference, Material):
            reference = reference.code
        argument = _native.text_arg(reference, "reference")
        verdict = c_int32(MaterialVerdict.UNKNOWN)
        with self._call(timeout) as handle:
            lib.elic_material_verify(byref(verdict), handle, argument)
        try:
            return MaterialVerdict(verdict.value)
        except ValueError:
            return MaterialVerdict.UNKNOWN


def validate_uscc(code: str) -> UsccReport:
    """Checks a 统一社会信用代码 offline (GB 32100-2015 and GB 11714), exactly as given.

    Returns a report whatever the verdict (``report.valid``, ``report.problems`` with Chinese
    and English messages). Raises TypeError for a non-str and InvalidArgumentError for text the
    library cannot take (e.g. lone surrogates, ELIC_E_INVALID_UTF8).
    """
    argument = _native.text_arg(code, "code")
    out = c_void_p()
    lib.elic_uscc_report(byref(out), argument)
    return UsccReport._from_json(_native.take_string(out))
