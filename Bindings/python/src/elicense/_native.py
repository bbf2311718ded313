"""Loading libelicense and declaring every function of elicense.h for ctypes.

Nothing here is public. The library is looked for, in order:

1. the path in the ``ELICENSE_LIBRARY`` environment variable (when set, nothing else is tried);
2. ``libelicense.so.1`` next to this package (a vendored copy);
3. ``libelicense.so.1`` through the system loader (``LD_LIBRARY_PATH``, ld.so.cache).

Importing fails with an ``ImportError`` that says what was tried when none loads, and when the
library's ``elic_abi_version()`` is not the ABI this binding was written for.

Conventions (docs/ABI.md): functions returning ``elic_status`` get an ``errcheck`` that raises
the matching ``ElicenseError`` from ``elic_last_error()`` (read at once, on the calling thread);
owned ``char *`` results come back through ``POINTER(c_void_p)`` and are read with
:func:`take_string`, which frees them; handles are distinct ``c_void_p`` subclasses so that a
handle of one kind cannot be passed where another is expected.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, c_char_p, c_int32, c_int64, c_size_t, c_uint8, c_void_p
from typing import Any, Callable, List, Optional, Sequence, Tuple

from . import _errors
from ._types import Status

#: The ABI version (ELIC_ABI_VERSION) this binding was written for.
ABI_VERSION = 1

LIBRARY_ENV = "ELICENSE_LIBRARY"
SONAME = "libelicense.so.1"


# --- handles ------------------------------------------------------------------------------


class _Handle(c_void_p):
    """An opaque handle; only an instance of the same class is accepted as an argument."""

    @classmethod
    def from_param(cls, obj: Any) -> Any:
        if isinstance(obj, cls):
            return obj
        raise TypeError("expected %s, got %s" % (cls.__name__, type(obj).__name__))


class ClientHandle(_Handle):
    """elic_client *"""


class LoginHandle(_Handle):
    """elic_login *"""


class LicenseHandle(_Handle):
    """elic_license *"""


class MaterialHandle(_Handle):
    """elic_material *"""


#: int32_t (*elic_progress_cb)(int32_t state, int64_t elapsed_ms, void *payload)
PROGRESS_CB = ctypes.CFUNCTYPE(c_int32, c_int32, c_int64, c_void_p)


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


def make_error(status: int, message: Optional[str] = None) -> _errors.ElicenseError:
    """The exception for status; message defaults to the library's description of it."""
    if not message:
        message = status_str(status)
    return _errors.error_for(status, status_name(status), message)


def binding_error(status: int, detail_zh: str, detail_en: str) -> _errors.ElicenseError:
    """An error the binding finds before calling C, worded like the library's own messages:
    "参数无效 (invalid argument): 客户端已关闭 (the client is closed)"."""
    description = status_str(status).split(":", 1)[-1].strip()
    return make_error(status, "%s: %s (%s)" % (description, detail_zh, detail_en))


def last_error() -> str:
    return _text(lib.elic_last_error())


def raise_status(status: int) -> None:
    """Raises the error for a failed call, with this thread's elic_last_error()."""
    raise make_error(status, last_error())


def _check_status(result: int, func: Any, args: Tuple[Any, ...]) -> Tuple[Any, ...]:
    if result != Status.OK:
        raise_status(result)
    return args


def _check_uscc(result: int, func: Any, args: Tuple[Any, ...]) -> int:
    # elic_uscc_validate fills *out on ELIC_E_INVALID_USCC as well: the caller must free it.
    if result not in (Status.OK, Status.INVALID_USCC):
        raise_status(result)
    return result


# --- declarations: every function of elicense.h -------------------------------------------

_STATUS = c_int32
_Prototype = Tuple[str, Any, Sequence[Any], Optional[Callable[..., Any]]]

PROTOTYPES: List[_Prototype] = [
    # name, restype, argtypes, errcheck
    ("elic_abi_version", c_int32, [], None),
    ("elic_version", c_char_p, [], None),
    ("elic_status_str", c_char_p, [c_int32], None),
    ("elic_last_error", c_char_p, [], None),
    ("elic_free", None, [c_void_p], None),
    ("elic_uscc_validate", _STATUS, [POINTER(c_void_p), c_char_p], _check_uscc),
    # client
    ("elic_client_new", _STATUS, [POINTER(ClientHandle), c_char_p], _check_status),
    ("elic_client_free", None, [ClientHandle], None),
    ("elic_client_whoami", _STATUS, [POINTER(c_void_p), ClientHandle], _check_status),
    # login
    ("elic_login_start", _STATUS, [POINTER(LoginHandle), ClientHandle, c_char_p], _check_status),
    ("elic_login_poll", _STATUS, [POINTER(LoginHandle), ClientHandle, c_char_p], _check_status),
    (
        "elic_login_wait",
        _STATUS,
        [POINTER(LoginHandle), ClientHandle, c_char_p, c_int32, PROGRESS_CB, c_void_p],
        _check_status,
    ),
    ("elic_login_free", None, [LoginHandle], None),
    ("elic_login_id", c_char_p, [LoginHandle], None),
    ("elic_login_state", c_int32, [LoginHandle], None),
    ("elic_login_expires_at", c_int64, [LoginHandle], None),
    ("elic_login_qr_content", c_char_p, [LoginHandle], None),
    ("elic_login_code", c_char_p, [LoginHandle], None),
    ("elic_login_qr_png", POINTER(c_uint8), [LoginHandle, POINTER(c_size_t)], None),
    ("elic_login_subject_uscc", c_char_p, [LoginHandle], None),
    ("elic_login_subject_name", c_char_p, [LoginHandle], None),
    ("elic_login_operator_role", c_int32, [LoginHandle], None),
    ("elic_login_operator_name", c_char_p, [LoginHandle], None),
    ("elic_login_grant", c_char_p, [LoginHandle], None),
    ("elic_login_json", c_char_p, [LoginHandle], None),
    # license
    ("elic_license_fetch", _STATUS, [POINTER(LicenseHandle), ClientHandle, c_char_p], _check_status),
    ("elic_license_free", None, [LicenseHandle], None),
    ("elic_license_get", c_char_p, [LicenseHandle, c_int32], None),
    ("elic_license_state", c_int32, [LicenseHandle], None),
    ("elic_license_json", c_char_p, [LicenseHandle], None),
    # material
    (
        "elic_material_fetch",
        _STATUS,
        [POINTER(MaterialHandle), ClientHandle, c_char_p, c_char_p, c_char_p],
        _check_status,
    ),
    ("elic_material_free", None, [MaterialHandle], None),
    ("elic_material_id", c_char_p, [MaterialHandle], None),
    ("elic_material_code", c_char_p, [MaterialHandle], None),
    ("elic_material_verify_url", c_char_p, [MaterialHandle], None),
    ("elic_material_expires_at", c_int64, [MaterialHandle], None),
    ("elic_material_document", POINTER(c_uint8), [MaterialHandle, POINTER(c_size_t)], None),
    ("elic_material_json", c_char_p, [MaterialHandle], None),
    ("elic_material_save", _STATUS, [MaterialHandle, c_char_p], _check_status),
    ("elic_material_verify", _STATUS, [POINTER(c_int32), ClientHandle, c_char_p], _check_status),
]


def _declare() -> None:
    missing = []
    for name, restype, argtypes, errcheck in PROTOTYPES:
        try:
            func = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        func.restype = restype
        func.argtypes = list(argtypes)
        if errcheck is not None:
            func.errcheck = errcheck
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
