"""elicense — the electronic business license (电子营业执照) SDK for Python.

A thin ctypes binding of libelicense (Include/elicense.h): log an enterprise in with its
e-license, fetch its license data (照面信息), and obtain signed license material in place of an
uploaded scan (``Examples/python/quickstart.py``)::

    import elicense

    client = elicense.Client.from_file("/etc/myapp/elicense.json")
    session = client.login_start("企业开办")           # show session.qr_png, keep session.id
    grant = client.login_wait(session).require_grant()  # LoginError: denied or expired
    license = client.license(grant)                     # license.name, license.in_business, …
    material = client.issue_material(grant, "企业开办")  # instead of an uploaded scan

The library is found through ``ELICENSE_LIBRARY``, next to this package, or by the system
loader; importing fails with ImportError when it is missing or of another ABI version.
"""

from __future__ import annotations

from . import _abi, _native
from ._abi import *  # noqa: F401,F403 -- the generated enums and exceptions, listed in _abi.__all__
from ._client import Client, Config, ProgressCallback, validate_uscc
from ._models import License, LoginSession, LoginStatus, Material, UsccProblem, UsccReport, Whoami

#: The version of this binding.
__version__ = "0.1.0"

#: The ABI version (ELIC_ABI_VERSION) this binding was written for, checked at import.
ABI_VERSION = _native.ABI_VERSION


def library_version() -> str:
    """The loaded libelicense's version (``elic_version()``), e.g. ``"0.1.0"``."""
    return _native.borrowed(_native.lib.elic_version()) or ""


def library_path() -> str:
    """The path or name the library was loaded from."""
    return str(_native.lib._name)


def status_description(status: int) -> str:
    """``elic_status_str``: e.g. ``"ELIC_E_TIMEOUT: 请求超时 (request timed out)"``, for any code."""
    return _native.status_str(int(status))


# A literal list extended by `+=` with the generated names: the two forms type checkers
# (mypy --strict) read as re-exports, so a class the generator adds is exported with no edit here.
__all__ = [
    "__version__",
    "ABI_VERSION",
    "library_version",
    "library_path",
    "status_description",
    # client
    "Client",
    "Config",
    "ProgressCallback",
    "validate_uscc",
    # results
    "Whoami",
    "LoginSession",
    "LoginStatus",
    "License",
    "Material",
    "UsccReport",
    "UsccProblem",
]
__all__ += _abi.__all__
