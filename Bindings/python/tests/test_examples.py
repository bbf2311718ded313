"""Examples/python/{login,fetch_license,material}.py run as a department's developer runs them,
with the same arguments as the C examples."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from conftest import DEMO_USCC, PURPOSE, ROOT, Front

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
