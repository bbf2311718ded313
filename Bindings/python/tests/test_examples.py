"""Examples/python/{login,fetch_license,material}.py run as a department's developer runs them,
with the same arguments as the C examples; quickstart.py, the README's program, as written."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

import elicense
from conftest import DEMO_NAME, DEMO_USCC, PURPOSE, REVOKED_USCC, ROOT, Front

EXAMPLES = ROOT / "Examples" / "python"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def test_examples_login_fetch_license_material(front: Front, tmp_path: Path) -> None:
    grant_file = tmp_path / "grant.txt"
    output = tmp_path / "login.out"
    with open(output, "wb") as out:
        login = subprocess.Popen(
            [sys.executable, str(EXAMPLES / "login.py"), str(front.config_path), PURPOSE, str(grant_file)],
            stdout=out, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        qr = ""
        while not qr:
            assert time.monotonic() < deadline and login.poll() is None, output.read_text("utf-8")
            for line in output.read_text("utf-8").splitlines():
                if line.startswith("qr_content: "):
                    qr = line[len("qr_content: "):]
            time.sleep(0.05)
        front.scan(qr, "confirm", role="agent")
        _, err = login.communicate(timeout=60)
    printed = output.read_text("utf-8")
    assert login.returncode == 0, printed + err.decode("utf-8")
    assert "enterprise: %s 济南明泉数字科技有限公司" % DEMO_USCC in printed
    assert "operator: 欧*** (经办人)" in printed
    assert grant_file.read_text("utf-8").startswith("gr_")

    license = run(str(EXAMPLES / "fetch_license.py"), str(front.config_path), str(grant_file))
    text = license.stdout.decode("utf-8")
    assert license.returncode == 0, license.stderr.decode("utf-8")
    assert "统一社会信用代码 %s" % DEMO_USCC in text and "500万 CNY" in text and "至 长期" in text

    pdf = tmp_path / "material.pdf"
    material = run(str(EXAMPLES / "material.py"), str(front.config_path), str(grant_file), PURPOSE, str(pdf))
    text = material.stdout.decode("utf-8")
    assert material.returncode == 0, material.stderr.decode("utf-8")
    assert "verified: valid" in text and pdf.read_bytes().startswith(b"%PDF")


def test_examples_report_errors_and_usage(front: Front, tmp_path: Path) -> None:
    usage = run(str(EXAMPLES / "fetch_license.py"))
    assert usage.returncode == 2 and b"usage:" in usage.stderr
    grant_file = tmp_path / "grant.txt"
    grant_file.write_text("gr_" + "0" * 64 + "\n", "utf-8")
    failed = run(str(EXAMPLES / "fetch_license.py"), str(front.config_path), str(grant_file))
    assert failed.returncode == 1
    assert "企业授权凭据无效" in failed.stderr.decode("utf-8")
    assert "ELIC_E_GRANT_INVALID" in failed.stderr.decode("utf-8")


QUICKSTART = EXAMPLES / "quickstart.py"
README = ROOT / "Bindings" / "python" / "README.md"


def run_quickstart(monkeypatch: pytest.MonkeyPatch, directory: Path, front: Optional[Front] = None,
                   uniscid: str = DEMO_USCC) -> None:
    """Runs quickstart.py in this process, in directory, with the sandbox's e-license app
    confirming the login it starts (when front is given)."""
    start = elicense.Client.login_start

    def login_start(client: elicense.Client, purpose: str, timeout: Optional[float] = None) -> elicense.LoginSession:
        session = start(client, purpose, timeout)
        if front is not None:
            threading.Timer(0.2, front.scan, (session.qr_content, "confirm", uniscid)).start()
        return session

    monkeypatch.setattr(elicense.Client, "login_start", login_start)
    monkeypatch.chdir(directory)
    namespace: Dict[str, Any] = {"__name__": "__main__"}
    exec(compile(QUICKSTART.read_text("utf-8"), str(QUICKSTART), "exec"), namespace)


def test_readme_program_is_quickstart_py_and_at_most_10_lines() -> None:
    text = QUICKSTART.read_text("utf-8")
    assert "```python\n" + text + "```\n" in README.read_text("utf-8")
    assert len(text.splitlines()) <= 10


@pytest.mark.parametrize("uniscid, shown", [(DEMO_USCC, "存续 True"), (REVOKED_USCC, "吊销 False")])
def test_quickstart_logs_in_and_verifies_material(
    front: Front, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    uniscid: str, shown: str,
) -> None:
    shutil.copy(front.config_path, tmp_path / "elicense.json")
    run_quickstart(monkeypatch, tmp_path, front, uniscid)
    printed = capsys.readouterr().out
    assert printed.endswith(" %s VALID\n" % shown), printed
    if uniscid == DEMO_USCC:
        assert printed.startswith(DEMO_NAME)
    assert (tmp_path / "login.png").read_bytes().startswith(b"\x89PNG")


def test_quickstart_reports_errors_bilingually(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as caught:
        run_quickstart(monkeypatch, tmp_path)  # no elicense.json here
    error = caught.value.code
    assert isinstance(error, elicense.FileError) and "elicense.json" in str(error)
    assert "ELIC_E_IO_ERROR" in str(error)
