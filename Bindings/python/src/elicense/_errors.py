"""Exceptions: one ``ElicenseError`` carrying the library's status, subclassed per status range.

Each subclass also derives from the builtin exception a Python programmer would reach for, so
``except ValueError`` / ``except ConnectionError`` / ``except TimeoutError`` keep working::

    ElicenseError                                   .status .status_name .message
    ├── UsageError                                  1–99, the caller's usage
    │   ├── InvalidArgumentError (ValueError)       1–4, 7, 8, 10 and unknown usage codes
    │   │   ├── InvalidConfigError                  4 ELIC_E_INVALID_CONFIG
    │   │   └── InvalidUSCCError                    7 ELIC_E_INVALID_USCC
    │   ├── FileError (OSError)                     5 ELIC_E_IO_ERROR
    │   ├── CancelledError                          6 ELIC_E_CANCELLED
    │   └── NotFoundError (LookupError)             9 ELIC_E_NOT_FOUND
    ├── BusinessError                               100–199, login/grant/license/material
    │   ├── LoginError                              100–103 (login not found, expired, denied, slow down)
    │   ├── GrantError                              104–107 (grant missing, invalid, expired, scope)
    │   ├── EnterpriseNotFoundError (LookupError)   108
    │   └── MaterialError                           109–110
    ├── NetworkError (ConnectionError)              200–299
    │   └── NetworkTimeoutError (TimeoutError)      201 ELIC_E_TIMEOUT, 206 ELIC_E_UPSTREAM_TIMEOUT
    ├── SecurityError                               300–399
    │   └── PermissionDeniedError (PermissionError) 301, 305, 309
    └── InternalError                               900+ (and codes outside every range)

A status this binding does not know (a newer library) gets the class of its range.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple, Type, Union

from ._types import Status

__all__ = [
    "ElicenseError",
    "UsageError",
    "InvalidArgumentError",
    "InvalidConfigError",
    "InvalidUSCCError",
    "FileError",
    "CancelledError",
    "NotFoundError",
    "BusinessError",
    "LoginError",
    "GrantError",
    "EnterpriseNotFoundError",
    "MaterialError",
    "NetworkError",
    "NetworkTimeoutError",
    "SecurityError",
    "PermissionDeniedError",
    "InternalError",
]


class ElicenseError(Exception):
    """A failed elicense call.

    - ``status``: the ``elic_status`` code, a :class:`Status` member when this binding knows it
      (an ``int`` otherwise);
    - ``status_name``: its name in elicense.h, e.g. ``"ELIC_E_GRANT_EXPIRED"``;
    - ``message``: the library's message — 中文 first, English after, then the detail and the
      front system's request id (the one its audit log holds).
    """

    def __init__(self, status: int, status_name: str, message: str) -> None:
        super().__init__(message)
        try:
            self.status: Union[Status, int] = Status(status)
        except ValueError:
            self.status = int(status)
        self.status_name = status_name
        self.message = message

    def __str__(self) -> str:
        return "%s [%s]" % (self.message, self.status_name)

    def __repr__(self) -> str:
        return "%s(%d, %r, %r)" % (type(self).__name__, self.status, self.status_name, self.message)

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (int(self.status), self.status_name, self.message))


class UsageError(ElicenseError):
    """1–99: the call was made wrongly (argument, configuration, file, cancellation)."""


class InvalidArgumentError(UsageError, ValueError):
    """An argument the library refuses: NULL, invalid UTF-8, malformed JSON, a closed client…"""


class InvalidConfigError(InvalidArgumentError):
    """The client configuration is malformed or incomplete (ELIC_E_INVALID_CONFIG)."""


class InvalidUSCCError(InvalidArgumentError):
    """Not a valid 统一社会信用代码 (ELIC_E_INVALID_USCC)."""


class FileError(UsageError, OSError):
    """A file could not be read or written (ELIC_E_IO_ERROR)."""


class CancelledError(UsageError):
    """The caller cancelled the call, e.g. a login_wait progress callback (ELIC_E_CANCELLED)."""


class NotFoundError(UsageError, LookupError):
    """A resource does not exist (ELIC_E_NOT_FOUND)."""


class BusinessError(ElicenseError):
    """100–199: login, grant, license and material errors."""


class LoginError(BusinessError):
    """Login session not found, expired or denied, or polled too fast (ELIC_E_SLOW_DOWN)."""


class GrantError(BusinessError):
    """The enterprise's grant is missing, invalid, expired or does not cover the call."""


class EnterpriseNotFoundError(BusinessError, LookupError):
    """No business license exists for the entity (ELIC_E_ENTERPRISE_NOT_FOUND)."""


class MaterialError(BusinessError):
    """License material not found or revoked."""


class NetworkError(ElicenseError, ConnectionError):
    """200–299: the front system (or the provincial system behind it) could not be used."""


class NetworkTimeoutError(NetworkError, TimeoutError):
    """A request, or a login_wait, ran out of time (ELIC_E_TIMEOUT, ELIC_E_UPSTREAM_TIMEOUT)."""


class SecurityError(ElicenseError):
    """300–399: authentication, signatures, keys, profiles and permissions."""


class PermissionDeniedError(SecurityError, PermissionError):
    """The application, or its source address, may not do this."""


class InternalError(ElicenseError):
    """900+: a fault inside the library or the front system."""


_BY_STATUS: Dict[int, Type[ElicenseError]] = {
    Status.INVALID_CONFIG: InvalidConfigError,
    Status.IO_ERROR: FileError,
    Status.CANCELLED: CancelledError,
    Status.INVALID_USCC: InvalidUSCCError,
    Status.NOT_FOUND: NotFoundError,
    Status.LOGIN_NOT_FOUND: LoginError,
    Status.LOGIN_EXPIRED: LoginError,
    Status.LOGIN_DENIED: LoginError,
    Status.SLOW_DOWN: LoginError,
    Status.GRANT_MISSING: GrantError,
    Status.GRANT_INVALID: GrantError,
    Status.GRANT_EXPIRED: GrantError,
    Status.SCOPE_DENIED: GrantError,
    Status.ENTERPRISE_NOT_FOUND: EnterpriseNotFoundError,
    Status.MATERIAL_NOT_FOUND: MaterialError,
    Status.MATERIAL_REVOKED: MaterialError,
    Status.TIMEOUT: NetworkTimeoutError,
    Status.UPSTREAM_TIMEOUT: NetworkTimeoutError,
    Status.APP_DISABLED: PermissionDeniedError,
    Status.ADDRESS_FORBIDDEN: PermissionDeniedError,
    Status.PERMISSION_DENIED: PermissionDeniedError,
}


def error_class(status: int) -> Type[ElicenseError]:
    """The exception class for a status: by code when known, else by range."""
    known = _BY_STATUS.get(status)
    if known is not None:
        return known
    if 1 <= status <= 99:
        return InvalidArgumentError
    if 100 <= status <= 199:
        return BusinessError
    if 200 <= status <= 299:
        return NetworkError
    if 300 <= status <= 399:
        return SecurityError
    return InternalError  # 900+, and anything outside the ranges


def error_for(status: int, status_name: str, message: str) -> ElicenseError:
    return error_class(status)(status, status_name, message)
