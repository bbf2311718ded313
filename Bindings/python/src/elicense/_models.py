"""Results as frozen dataclasses, built by copying everything out of a library handle.

The builders read a handle through the scalar getters of elicense.h (and its JSON for ``raw``)
and never keep it: the caller frees the handle right after, so a result owns no C memory.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import enum
import json
import os
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, Optional, Tuple, Type, TypeVar, Union, cast

from . import _native
from ._native import lib
from ._abi import LicenseField, LicenseState, LoginState, OperatorRole, Status

__all__ = [
    "Whoami",
    "LoginSession",
    "LoginStatus",
    "License",
    "Material",
    "UsccProblem",
    "UsccReport",
]

PathLike = Union[str, "os.PathLike[str]"]


def _timestamp(seconds: int) -> Optional[_dt.datetime]:
    return _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc) if seconds > 0 else None


def _rfc3339(text: Optional[str]) -> Optional[_dt.datetime]:
    """An RFC 3339 timestamp of the protocol ("2026-11-25T08:35:00Z") as an aware datetime."""
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    if "." in text:  # Python < 3.11 accepts only 3 or 6 fractional digits
        head, _, rest = text.partition(".")
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = head + "." + (rest[:digits] + "000000")[:6] + rest[digits:]
    return _dt.datetime.fromisoformat(text)


def _date(text: Optional[str]) -> Optional[_dt.date]:
    return _dt.date.fromisoformat(text) if text else None


def _save(path: PathLike, data: bytes) -> None:
    """Writes data to path like the library's save functions: through a temporary file in the
    same directory renamed over path, mode 0644. Any failure (a missing directory, no
    permission) raises FileError, status IO_ERROR as in C, the system's error as its cause."""
    name = os.fspath(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=".elicense-", dir=os.path.dirname(name) or ".")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise _native.binding_error(
            Status.IO_ERROR, "无法写入 %s" % name, "cannot write %s: %s" % (name, error.strerror or error)
        ) from error


E = TypeVar("E", bound=enum.IntEnum)


def _enum(cls: Type[E], value: int) -> E:
    """The member for value; a value this binding does not know (a newer library may add
    states) stays a plain int rather than failing."""
    try:
        return cls(value)
    except ValueError:
        return cast(E, value)


def _json(raw: Optional[bytes]) -> Dict[str, Any]:
    return json.loads(raw.decode("utf-8")) if raw else {}


@dataclass(frozen=True)
class Whoami:
    """Who the front system takes this application for (``Client.whoami()``)."""

    app_id: str
    app_name: str
    unit_name: str
    profile: str
    key_id: str
    server_time: Optional[_dt.datetime]
    #: The front system that answered: its name, level ("city" 市级 or "province" 省级), region
    #: (6-digit 行政区划代码 and name) and instance; "" from a front that sends none.
    front_name: str
    level: str
    region_code: str
    region_name: str
    instance: str
    raw: Dict[str, Any] = field(repr=False, compare=False, hash=False)

    @classmethod
    def _from_json(cls, text: str) -> "Whoami":
        data = json.loads(text)
        return cls(
            app_id=data.get("app_id", ""),
            app_name=data.get("app_name", ""),
            unit_name=data.get("unit_name", ""),
            profile=data.get("profile", ""),
            key_id=data.get("key_id", ""),
            server_time=_rfc3339(data.get("server_time")),
            front_name=data.get("front_name", ""),
            level=data.get("level", ""),
            region_code=data.get("region_code", ""),
            region_name=data.get("region_name", ""),
            instance=data.get("instance", ""),
            raw=data,
        )


@dataclass(frozen=True)
class LoginSession:
    """A login just started (``Client.login_start``): show the QR code, keep ``id``.

    ``id`` is a plain string: keep it in the server-side web session (never take it back from the
    browser) and poll or wait later, possibly from another request or process. Show
    ``confirmation_code`` next to the QR code: the e-license app shows the same code, so the
    enterprise can recognise a QR code relayed from someone else's screen (``None`` from a front
    that sends none).
    """

    id: str
    state: LoginState
    qr_content: str
    confirmation_code: Optional[str]
    qr_png: bytes = field(repr=False)
    expires_at: Optional[_dt.datetime]
    #: How long the front advised to wait before polling (ms); polling sooner is SLOW_DOWN.
    poll_interval_ms: int
    raw: Dict[str, Any] = field(repr=False, compare=False, hash=False)

    @property
    def qr_data_url(self) -> str:
        """The QR code as a ``data:image/png;base64,…`` URL for an ``<img src>``."""
        return "data:image/png;base64," + base64.b64encode(self.qr_png).decode("ascii")

    def save_qr(self, path: PathLike) -> None:
        """Writes the QR code's PNG to path, as ``elic_login_qr_save`` does (created or
        replaced atomically, mode 0644); :class:`FileError` when it cannot be written."""
        _save(path, self.qr_png)

    @classmethod
    def _from_handle(cls, handle: _native.LoginHandle) -> "LoginSession":
        return cls(
            id=_native.borrowed(lib.elic_login_id(handle)) or "",
            state=_enum(LoginState, lib.elic_login_state(handle)),
            qr_content=_native.borrowed(lib.elic_login_qr_content(handle)) or "",
            confirmation_code=_native.borrowed(lib.elic_login_code(handle)),
            qr_png=_native.borrowed_bytes(lib.elic_login_qr_png, handle),
            expires_at=_timestamp(lib.elic_login_expires_at(handle)),
            poll_interval_ms=lib.elic_login_poll_interval_ms(handle),
            raw=_json(lib.elic_login_json(handle)),
        )


@dataclass(frozen=True)
class LoginStatus:
    """Where a login stands (``Client.login_poll``, ``Client.login_wait``).

    Once ``state`` is AUTHORIZED: the enterprise (``subject_uscc``, ``subject_name``), the person
    who confirmed (``operator_role``, ``operator_name`` masked, e.g. 周**) and the ``grant``
    token, to keep server-side (never in the browser, a URL or a log: it is left out of repr).
    DENIED and EXPIRED are states, not errors.
    """

    id: str
    state: LoginState
    expires_at: Optional[_dt.datetime]
    #: How long the front advised to wait before the next poll (ms); polling sooner is SLOW_DOWN.
    poll_interval_ms: int
    subject_uscc: Optional[str] = None
    subject_name: Optional[str] = None
    operator_role: Optional[OperatorRole] = None
    operator_name: Optional[str] = None
    grant: Optional[str] = field(default=None, repr=False)
    #: When the grant expires (then license and issue_material raise GrantError: log in again).
    grant_expires_at: Optional[_dt.datetime] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False, hash=False)

    @property
    def authorized(self) -> bool:
        return self.state == LoginState.AUTHORIZED

    def require_grant(self) -> str:
        """The grant of an authorized login, typed ``str``; otherwise raises :class:`LoginError`
        (LOGIN_DENIED, LOGIN_EXPIRED) or, for a login still pending or scanned,
        :class:`GrantError` (GRANT_MISSING). ``grant`` itself stays Optional: a type checker
        cannot tie it to ``authorized``."""
        if self.state == LoginState.AUTHORIZED and self.grant:
            return self.grant
        if self.state == LoginState.DENIED:
            raise _native.binding_error(Status.LOGIN_DENIED, "登录 %s 被拒绝" % self.id, "login %s denied" % self.id)
        if self.state == LoginState.EXPIRED:
            raise _native.binding_error(Status.LOGIN_EXPIRED, "登录 %s 已过期" % self.id, "login %s expired" % self.id)
        raise _native.binding_error(
            Status.GRANT_MISSING,
            "登录 %s 尚未授权" % self.id,
            "login %s is not authorized (%s)" % (self.id, getattr(self.state, "name", self.state)),
        )

    @classmethod
    def _from_handle(cls, handle: _native.LoginHandle) -> "LoginStatus":
        role = lib.elic_login_operator_role(handle)
        return cls(
            id=_native.borrowed(lib.elic_login_id(handle)) or "",
            state=_enum(LoginState, lib.elic_login_state(handle)),
            expires_at=_timestamp(lib.elic_login_expires_at(handle)),
            poll_interval_ms=lib.elic_login_poll_interval_ms(handle),
            subject_uscc=_native.borrowed(lib.elic_login_subject_uscc(handle)),
            subject_name=_native.borrowed(lib.elic_login_subject_name(handle)),
            operator_role=_enum(OperatorRole, role) if role > 0 else None,
            operator_name=_native.borrowed(lib.elic_login_operator_name(handle)),
            grant=_native.borrowed(lib.elic_login_grant(handle)),
            grant_expires_at=_timestamp(lib.elic_login_grant_expires_at(handle)),
            raw=_json(lib.elic_login_json(handle)),
        )


@dataclass(frozen=True)
class License:
    """The license data (照面信息), its issuer signature checked by the library.

    ``registered_capital`` is exact (Decimal), in 万 (10 000) units of ``currency`` — as printed
    on the license: ``Decimal("500")`` with ``"CNY"`` is 500万元 (¥5 000 000); both are None for
    an entity without registered capital. ``operating_to`` None means 长期 (no fixed term).
    ``state`` is the 登记状态 as a value, never an error: 吊销, 注销 and 迁出 are returned like
    存续, and the caller decides what it accepts: ``in_business`` (存续 or 在业,
    ``elic_license_in_business``) before accepting the license for a matter; ``state_text`` is
    the text as registered. ``raw`` is the protocol v1 JSON with the regulator's field names.
    """

    uscc: str
    name: str
    type: str
    legal_representative: str
    registered_capital: Optional[Decimal]
    currency: Optional[str]
    established_on: _dt.date
    operating_from: _dt.date
    operating_to: Optional[_dt.date]
    address: str
    business_scope: str
    registration_authority: str
    approved_on: _dt.date
    state: LicenseState
    state_text: str
    in_business: bool
    raw: Dict[str, Any] = field(repr=False, compare=False, hash=False)

    @classmethod
    def _from_handle(cls, handle: _native.LicenseHandle) -> "License":
        def get(which: LicenseField) -> Optional[str]:
            return _native.borrowed(lib.elic_license_get(handle, which))

        def text(which: LicenseField) -> str:
            return get(which) or ""

        capital = get(LicenseField.REGCAP)
        state = lib.elic_license_state(handle)
        return cls(
            uscc=text(LicenseField.UNISCID),
            name=text(LicenseField.ENTNAME),
            type=text(LicenseField.ENTTYPE),
            legal_representative=text(LicenseField.LEREP),
            registered_capital=Decimal(capital) if capital is not None else None,
            currency=get(LicenseField.REGCAPCUR),
            established_on=_date(get(LicenseField.ESTDATE)),  # type: ignore[arg-type]
            operating_from=_date(get(LicenseField.OPFROM)),  # type: ignore[arg-type]
            operating_to=_date(get(LicenseField.OPTO)),
            address=text(LicenseField.DOM),
            business_scope=text(LicenseField.OPSCOPE),
            registration_authority=text(LicenseField.REGORG),
            approved_on=_date(get(LicenseField.APPRDATE)),  # type: ignore[arg-type]
            state=LicenseState(state) if state in LicenseState._value2member_map_ else LicenseState.OTHER,
            state_text=text(LicenseField.REGSTATE),
            in_business=lib.elic_license_in_business(handle) == 1,
            raw=_json(lib.elic_license_json(handle)),
        )


_CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png"}


@dataclass(frozen=True)
class Material:
    """License material (证照材料): the signed, stored replacement for an uploaded scan.

    Store ``record`` (the signed record, JSON) and ``document`` (the PDF or PNG bytes) where
    the scan used to go; anyone can later verify the material by ``code`` or ``id``.
    ``in_business``: the license it was issued on was 存续 or 在业 at issue
    (``elic_material_in_business``); a material of a 吊销 license still verifies VALID.
    """

    id: str
    code: str
    format: str
    verify_url: str
    expires_at: Optional[_dt.datetime]
    in_business: bool
    document: bytes = field(repr=False)
    record: Dict[str, Any] = field(repr=False, compare=False, hash=False)

    @property
    def content_type(self) -> str:
        return _CONTENT_TYPES.get(self.format, "application/octet-stream")

    def save(self, path: PathLike) -> None:
        """Writes the document to path, as ``elic_material_save`` does (created or replaced
        atomically, mode 0644); :class:`FileError` when it cannot be written."""
        _save(path, self.document)

    @classmethod
    def _from_handle(cls, handle: _native.MaterialHandle, format: str) -> "Material":
        return cls(
            id=_native.borrowed(lib.elic_material_id(handle)) or "",
            code=_native.borrowed(lib.elic_material_code(handle)) or "",
            format=format,
            verify_url=_native.borrowed(lib.elic_material_verify_url(handle)) or "",
            expires_at=_timestamp(lib.elic_material_expires_at(handle)),
            in_business=lib.elic_material_in_business(handle) == 1,
            document=_native.borrowed_bytes(lib.elic_material_document, handle),
            record=_json(lib.elic_material_json(handle)),
        )


@dataclass(frozen=True)
class UsccProblem:
    """One problem found in a 统一社会信用代码, in Chinese and English."""

    name: str
    message_zh: str
    message_en: str
    position: Optional[int] = None
    expected: Optional[str] = None


@dataclass(frozen=True)
class UsccReport:
    """The offline check of a 统一社会信用代码 (``validate_uscc``).

    ``valid`` False comes with every ``problems`` found and ``message`` (the library's
    bilingual summary); ``suggestion`` is a normalised form (trimmed, narrowed, upper-cased)
    when that form is valid — the caller decides whether to use it.
    """

    input: str
    valid: bool
    problems: Tuple[UsccProblem, ...]
    suggestion: Optional[str]
    message: str
    parts: Dict[str, Any] = field(repr=False, compare=False, hash=False)

    def __bool__(self) -> bool:
        return self.valid

    @classmethod
    def _from_json(cls, text: str) -> "UsccReport":
        data = json.loads(text)
        problems = tuple(
            UsccProblem(
                name=p.get("name", ""),
                message_zh=p.get("message_zh", ""),
                message_en=p.get("message_en", ""),
                position=p.get("position"),
                expected=p.get("expected"),
            )
            for p in data.get("problems", [])
        )
        return cls(
            input=data.get("input", ""),
            valid=bool(data.get("valid")),
            problems=problems,
            suggestion=data.get("suggestion"),
            message=data.get("message", ""),
            parts=data.get("parts", {}),
        )
