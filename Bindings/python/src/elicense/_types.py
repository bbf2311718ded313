"""The numeric constants of elicense.h as IntEnums.

Every value mirrors a ``#define`` in ``Include/elicense.h``; ``Tests/bindings/check_status_codes.py``
fails when the two lists differ.
"""

from __future__ import annotations

import enum

__all__ = [
    "Status",
    "LoginState",
    "OperatorRole",
    "RegistrationState",
    "MaterialState",
    "LicenseField",
]


class Status(enum.IntEnum):
    """``elic_status``: ``ELIC_OK`` and the ``ELIC_E_*`` codes, without the prefix.

    Ranges: 1–99 usage, 100–199 login/grant/license/material, 200–299 network,
    300–399 security, 900+ internal. Codes are never renumbered.
    """

    OK = 0
    # 1–99: the caller's usage
    INVALID_ARGUMENT = 1
    INVALID_UTF8 = 2
    INVALID_JSON = 3
    INVALID_CONFIG = 4
    IO_ERROR = 5
    CANCELLED = 6
    INVALID_USCC = 7
    INVALID_PURPOSE = 8
    NOT_FOUND = 9
    PAYLOAD_TOO_LARGE = 10
    # 100–199: login, grant, license, material
    LOGIN_NOT_FOUND = 100
    LOGIN_EXPIRED = 101
    LOGIN_DENIED = 102
    SLOW_DOWN = 103
    GRANT_MISSING = 104
    GRANT_INVALID = 105
    GRANT_EXPIRED = 106
    SCOPE_DENIED = 107
    ENTERPRISE_NOT_FOUND = 108
    MATERIAL_NOT_FOUND = 109
    MATERIAL_REVOKED = 110
    # 200–299: network and transport
    NETWORK = 200
    TIMEOUT = 201
    TLS = 202
    BAD_RESPONSE = 203
    UNAVAILABLE = 204
    UPSTREAM_FAILED = 205
    UPSTREAM_TIMEOUT = 206
    RATE_LIMITED = 207
    # 300–399: security and signatures
    APP_UNKNOWN = 300
    APP_DISABLED = 301
    SIGNATURE_INVALID = 302
    TIMESTAMP_SKEW = 303
    NONCE_REPLAYED = 304
    ADDRESS_FORBIDDEN = 305
    RESPONSE_SIGNATURE_INVALID = 306
    KEY_INVALID = 307
    PROFILE_MISMATCH = 308
    PERMISSION_DENIED = 309
    UNAUTHENTICATED = 310
    # 900+: internal
    INTERNAL = 900
    AUDIT_UNAVAILABLE = 901

    @property
    def c_name(self) -> str:
        """The name in elicense.h, e.g. ``ELIC_E_TIMEOUT``."""
        return "ELIC_OK" if self is Status.OK else "ELIC_E_" + self.name


class LoginState(enum.IntEnum):
    """``ELIC_LOGIN_*``: where a login stands. Denied and expired are states, not errors."""

    PENDING = 0
    SCANNED = 1
    AUTHORIZED = 2
    DENIED = 3
    EXPIRED = 4

    @property
    def is_final(self) -> bool:
        """True for AUTHORIZED, DENIED and EXPIRED: the state never changes again."""
        return self >= LoginState.AUTHORIZED


class OperatorRole(enum.IntEnum):
    """``ELIC_ROLE_*``: who confirmed a login for the enterprise."""

    LEGAL_REPRESENTATIVE = 1  # 法定代表人（负责人）
    LICENSE_ADMINISTRATOR = 2  # 证照管理员
    AGENT = 3  # 经办人

    @property
    def label_zh(self) -> str:
        return _ROLE_ZH[self]


_ROLE_ZH = {
    OperatorRole.LEGAL_REPRESENTATIVE: "法定代表人",
    OperatorRole.LICENSE_ADMINISTRATOR: "证照管理员",
    OperatorRole.AGENT: "经办人",
}


class RegistrationState(enum.IntEnum):
    """``ELIC_STATE_*``: 登记状态. A state, never an error: the caller decides what it accepts."""

    OTHER = 0  # another state; License.state_text has the text
    SUBSISTING = 1  # 存续
    OPERATING = 2  # 在业
    MOVED_OUT = 3  # 迁出
    REVOKED = 4  # 吊销
    DEREGISTERED = 5  # 注销

    @property
    def in_business(self) -> bool:
        """True for 存续 and 在业, the states in which an entity normally does business."""
        return self in (RegistrationState.SUBSISTING, RegistrationState.OPERATING)


class MaterialState(enum.IntEnum):
    """``ELIC_MATERIAL_*``: the verdict of ``Client.verify``."""

    UNKNOWN = 0
    VALID = 1
    REVOKED = 2
    EXPIRED = 3


class LicenseField(enum.IntEnum):
    """``ELIC_LICENSE_*``: license fields by the market regulator's names."""

    UNISCID = 1  # 统一社会信用代码
    ENTNAME = 2  # 名称
    ENTTYPE = 3  # 类型
    LEREP = 4  # 法定代表人
    REGCAP = 5  # 注册资本（万）
    REGCAPCUR = 6  # 注册资本币种
    ESTDATE = 7  # 成立日期
    OPFROM = 8  # 营业期限自
    OPTO = 9  # 营业期限至 (None: 长期)
    DOM = 10  # 住所
    OPSCOPE = 11  # 经营范围
    REGORG = 12  # 登记机关
    APPRDATE = 13  # 核准日期
    REGSTATE = 14  # 登记状态
