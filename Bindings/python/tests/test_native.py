"""The binding against libelicense itself: every generated prototype applied, the
library found (or refused) as documented, memory returned by the library freed."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

import elicense
from elicense import _native

def test_every_prototype_is_applied() -> None:
    # _abi.PROTOTYPES is generated from elicense.h (make check-generated keeps it so).
    for name, restype, argtypes, returns_status in _native.PROTOTYPES:
        function = getattr(_native.lib, name)
        assert function.argtypes == list(argtypes), name
        assert function.restype == restype, name
        assert (getattr(function, "errcheck", None) is not None) == returns_status, name


def test_versions() -> None:
    assert elicense.ABI_VERSION == _native.lib.elic_abi_version()
    assert elicense.__version__ == elicense.library_version()


def test_handles_of_another_kind_are_refused() -> None:
    with pytest.raises(ctypes.ArgumentError):
        _native.lib.elic_login_id(_native.LicenseHandle())
    with pytest.raises(ctypes.ArgumentError):
        _native.lib.elic_license_state(42)
    # NULL handles of the right kind are harmless: the getters answer NULL / -1 / 0.
    assert _native.lib.elic_login_id(_native.LoginHandle()) is None
    assert _native.lib.elic_license_state(_native.LicenseHandle()) == -1
    assert _native.lib.elic_material_expires_at(_native.MaterialHandle()) == 0


def _import_in_subprocess(library: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ELICENSE_LIBRARY=library)
    return subprocess.run(
        [sys.executable, "-c", "import elicense"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def test_missing_library_is_a_clear_import_error(tmp_path: Path) -> None:
    result = _import_in_subprocess(str(tmp_path / "libelicense.so.1"))
    output = result.stdout.decode("utf-8")
    assert result.returncode != 0
    assert "ImportError" in output and "ELICENSE_LIBRARY" in output and "make sdk" in output


def test_library_of_another_abi_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "fake.c"
    source.write_text("int elic_abi_version(void) { return 99; }\n", "utf-8")
    fake = tmp_path / "libelicense.so.1"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(fake), str(source)], check=True)
    result = _import_in_subprocess(str(fake))
    output = result.stdout.decode("utf-8")
    assert result.returncode != 0
    assert "ImportError" in output and "ABI version 99" in output and "needs ABI version 1" in output


def test_library_next_to_the_package_is_found(tmp_path: Path) -> None:
    package = Path(elicense.__file__).parent
    copy = tmp_path / "elicense"
    subprocess.run(["cp", "-r", str(package), str(copy)], check=True)
    os.symlink(os.environ["ELICENSE_LIBRARY"], str(copy / "libelicense.so.1"))
    env = {k: v for k, v in os.environ.items() if k not in ("ELICENSE_LIBRARY", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = str(tmp_path)
    script = "import elicense; print(elicense.library_path())"
    result = subprocess.run([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=str(tmp_path))
    assert result.returncode == 0, result.stdout.decode()
    assert result.stdout.decode().strip() == str(copy / "libelicense.so.1")


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_returned_memory_is_freed() -> None:
    # Each invalid check returns an owned JSON report (~300 bytes) and sets an error message:
    # 40 000 of them would leak over 10 MiB if the binding forgot elic_free.
    code = "91350100M000100Y44"
    for _ in range(2000):
        elicense.validate_uscc(code)
    before = _rss_kib()
    for _ in range(40000):
        elicense.validate_uscc(code)
    grown = _rss_kib() - before
    assert grown < 4096, "RSS grew by %d KiB" % grown


def test_binding_runs_on_python_3_8_syntax() -> None:
    # No match statements, no PEP 604 unions evaluated at run time: compile with the 3.8 grammar.
    import ast

    for path in Path(elicense.__file__).parent.glob("*.py"):
        ast.parse(path.read_text("utf-8"), str(path), feature_version=(3, 8))


def test_last_error_is_per_thread() -> None:
    # elic_last_error is thread-local: a failure on another thread leaves this one's alone.
    import threading

    assert elicense.validate_uscc("91350100M000100Y43").valid
    assert _native.last_error() == ""
    seen = []

    def fail() -> None:
        try:
            _native.lib.elic_uscc_validate(b"bad")
        except elicense.InvalidUSCCError as error:
            seen.append(error.message)

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    assert seen and seen[0].startswith("统一社会信用代码无效")
    assert _native.last_error() == ""
