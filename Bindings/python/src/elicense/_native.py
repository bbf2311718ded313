"""Loading libelicense and applying the declarations of _abi.py (generated from elicense.h).

Nothing here is public. The library is looked for, in order:

1. the path in the ``ELICENSE_LIBRARY`` environment variable (when set, nothing else is tried);
2. ``libelicense.so.1`` next to this package (a vendored copy);
3. ``libelicense.so.1`` through the system loader (``LD_LIBRARY_PATH``, ld.so.cache).

Importing fails with an ``ImportError`` that says what was tried when none loads, and when the
library's ``elic_abi_version()`` is not the ABI this binding was written for.

Conventions (docs/ABI.md): functions returning ``elic_status`` get an ``errcheck`` that raises
the matching ``ElicenseError`` from the thread's last error (message, request id, advised
delay; read at once, on the calling thread); owned ``char *`` results come back through
``POINTER(c_void_p)`` and are read with :func:`take_string`, which frees them; handles are
distinct ``c_void_p`` subclasses so that a handle of one kind cannot be passed where another
is expected.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import c_int32, c_size_t, c_void_p
from typing import Any, Callable, List, Optional, Tuple

from ._abi import (
    ABI_VERSION,
    PROGRESS_CB,
    PROTOTYPES,
    ClientHandle,
    ElicenseError,
    LicenseHandle,
    LoginHandle,
    MaterialHandle,
    Status,
    _Handle,
    error_class,
)

__all__ = [
    "ABI_VERSION",
    "PROGRESS_CB",
    "ClientHandle",
    "LicenseHandle",
    "LoginHandle",
    "MaterialHandle",
]

LIBRARY_ENV = "ELICENSE_LIBRARY"
SONAME = "libelicense.so.1"


# --- loading ------------------------------------------------------------------------------


def _candidates() -> List[Tuple[str, str]]:
    explicit = os.environ.get(LIBRARY_ENV)
    if explicit:
        return [(explicit, "%s=%s" % (LIBRARY_ENV, explicit))]
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), SONAME)
    found = [(beside, "next to the package: " + beside)] if os.path.exists(beside) else []
    found.append((SONAME, "the system loader: " + SONAME))
    return found


def _load() -> ctypes.CDLL:
    failures = []
    for path, how in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as error:
            failures.append("  %s (%s)" % (how, error))
    raise ImportError(
        "elicense: 找不到 libelicense 动态库 cannot load libelicense.so.1; tried:\n"
        + "\n".join(failures)
        + "\nBuild it with `make sdk` (out/sdk/lib) or install it (`make install`), then set "
        + LIBRARY_ENV
        + "=/path/to/libelicense.so.1 or add its directory to LD_LIBRARY_PATH."
    )


lib = _load()


# --- error checking -----------------------------------------------------------------------


def _text(raw: Optional[bytes]) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


def status_str(status: int) -> str:
    """``elic_status_str``: ``"ELIC_E_TIMEOUT: 请求超时 (request timed out)"``, any code."""
    return _text(lib.elic_status_str(status))


def status_name(status: int) -> str:
    """The C name of a status, asking the library first so codes newer than this binding
    keep their names."""
    name = status_str(status).split(":", 1)[0].strip()
    if name.startswith("ELIC_"):
        return name
    try:
        return Status(status).c_name
    except ValueError:
        return "ELIC_E_UNKNOWN_%d" % status


def make_error(
    status: int,
    message: Optional[str] = None,
    request_id: Optional[str] = None,
    retry_after_ms: Optional[int] = None,
) -> ElicenseError:
    """The exception for status; message defaults to the library's description of it."""
    if not message:
        message = status_str(status)
    return error_class(status)(status, status_name(status), message, request_id, retry_after_ms)


def binding_error(status: int, detail_zh: str, detail_en: str) -> ElicenseError:
    """An error the binding finds before calling C, worded like the library's own messages:
    "参数无效 (invalid argument): 客户端已关闭 (the client is closed)"."""
    description = status_str(status).split(":", 1)[-1].strip()
    return make_error(status, "%s: %s (%s)" % (description, detail_zh, detail_en))


def last_error() -> str:
    return _text(lib.elic_last_error())


def raise_status(status: int) -> None:
    """Raises the error for a failed call, with this thread's last error and its details."""
    message = last_error()
    request_id = _text(lib.elic_last_error_request_id()) or None
    retry_after_ms = lib.elic_last_error_retry_after_ms()
    raise make_error(status, message, request_id, retry_after_ms if retry_after_ms >= 0 else None)


def _check_status(result: int, func: Any, args: Tuple[Any, ...]) -> Tuple[Any, ...]:
    if result != Status.OK:
        raise_status(result)
    return args


# --- declarations: every function of elicense.h, from _abi.PROTOTYPES ----------------------

def _declare() -> None:
    missing = []
    for name, restype, argtypes, returns_status in PROTOTYPES:
        try:
            func = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        func.restype = restype
        func.argtypes = list(argtypes)
        if returns_status:
            func.errcheck = _check_status
    if missing:
        raise ImportError(
            "elicense: %s lacks %s; it is not the libelicense this binding was written for"
            % (getattr(lib, "_name", "libelicense"), ", ".join(missing))
        )


def _check_abi() -> None:
    try:
        abi_version = lib.elic_abi_version
    except AttributeError:
        raise ImportError(
            "elicense: %s has no elic_abi_version(); it is not libelicense"
            % getattr(lib, "_name", "the library")
        ) from None
    abi_version.restype = c_int32
    abi_version.argtypes = []
    found = abi_version()
    if found != ABI_VERSION:
        raise ImportError(
            "elicense: %s has ABI version %d, this binding needs ABI version %d; "
            "install a matching libelicense or elicense package"
            % (getattr(lib, "_name", "libelicense"), found, ABI_VERSION)
        )


_check_abi()
_declare()


# --- argument and result helpers ----------------------------------------------------------


def text_arg(value: Any, name: str) -> bytes:
    """A str argument as NUL-terminated UTF-8 for C.

    Not a str (None, bytes, int, …) → TypeError; an embedded NUL, which C would silently cut
    the string at → InvalidArgumentError. Lone surrogates are passed through
    (``surrogatepass``) so that the library answers ELIC_E_INVALID_UTF8 itself.
    """
    if not isinstance(value, str):
        raise TypeError("%s must be str, not %s" % (name, type(value).__name__))
    if "\x00" in value:
        raise binding_error(
            Status.INVALID_ARGUMENT, "%s 含有 NUL 字符" % name, "%s contains a NUL character" % name
        )
    return value.encode("utf-8", "surrogatepass")


def borrowed(raw: Optional[bytes]) -> Optional[str]:
    """A borrowed ``const char *`` result (already copied by ctypes) as str; NULL → None."""
    return None if raw is None else raw.decode("utf-8")


def take_string(pointer: c_void_p) -> str:
    """Reads an owned ``char *`` out-parameter and frees it with elic_free."""
    if not pointer.value:
        return ""
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        lib.elic_free(pointer)


def borrowed_bytes(getter: Callable[..., Any], handle: _Handle) -> bytes:
    """Copies a borrowed ``(const uint8_t *, size_t *len)`` buffer."""
    size = c_size_t(0)
    data = getter(handle, ctypes.byref(size))
    if not data or size.value == 0:
        return b""
    return ctypes.string_at(data, size.value)
