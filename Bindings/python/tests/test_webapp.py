"""Examples/python/webapp.py as a person uses it, in headless Chromium: the 企业开办 form, the
e-license login with its QR code, the license data filled in, and the license material obtained
in place of an uploaded scan. Screenshots go to out/test-python/ (ELICENSE_SCREENSHOTS)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

import elicense
from browser import Browser, find_chromium
from conftest import DEMO_NAME, DEMO_USCC, REVOKED_USCC, ROOT, Front, free_port

WEBAPP = ROOT / "Examples" / "python" / "webapp.py"
SCREENSHOTS = Path(os.environ.get("ELICENSE_SCREENSHOTS", str(ROOT / "out" / "test-python")))


class WebApp:
    def __init__(self, front: Front, data_dir: Path) -> None:
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.data_dir = data_dir
        self.log = open(data_dir.parent / "webapp.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, str(WEBAPP), str(front.config_path), "--port", str(self.port), "--data-dir", str(data_dir)],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("webapp.py did not start:\n" + (data_dir.parent / "webapp.log").read_text("utf-8", "replace"))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.log.close()


@pytest.fixture(scope="module")
def webapp(front: Front, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    app = WebApp(front, tmp_path_factory.mktemp("webapp") / "data")
    yield app
    app.stop()


@pytest.fixture()
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.fail("chromium is not installed (scripts/install-deps.sh installs it)")
    running = Browser(executable, width=1100, height=900)
    yield running
    running.close()


def test_form_login_license_and_material_in_a_browser(webapp: WebApp, front: Front, browser: Browser, client: elicense.Client) -> None:
    browser.navigate(webapp.url + "/")
    assert "企业开办登记申请表" in browser.text()
    assert browser.evaluate("document.querySelector('input[name=entname]').value") == ""
    browser.screenshot(SCREENSHOTS / "webapp-1-form.png")

    # 1. the login page: QR code as a PNG data URL, and its text
    browser.click_and_wait("form[action='/login'] button")
    assert browser.evaluate("location.pathname") == "/login"
    qr = browser.evaluate("(() => { const i = document.getElementById('qr'); return [i.src.slice(0, 22), i.naturalWidth]; })()")
    assert qr[0] == "data:image/png;base64," and qr[1] > 50, qr
    qr_content = browser.evaluate("document.getElementById('qr-content').textContent")
    assert qr_content.startswith(front.url + "/sandbox/")
    assert "请使用电子营业执照应用扫描二维码" in browser.text()
    assert browser.evaluate("document.querySelector('meta[http-equiv=refresh]').content") == "3"
    # beside the QR code, the confirmation code the e-license app shows with the request
    code = browser.evaluate("document.getElementById('confirmation-code').textContent")
    assert re.fullmatch(r"[0-9]{4}", code), code
    with urllib.request.urlopen(qr_content, timeout=5) as app_page:
        assert '<dd id="code">%s</dd>' % code in app_page.read().decode("utf-8")
    assert "lg_" not in browser.html(), "the login id stays on the server"
    browser.screenshot(SCREENSHOTS / "webapp-2-login.png")

    # 2. the enterprise confirms in its e-license app; the page, reloaded, shows the form filled in
    front.scan(qr_content, "confirm", role="license_administrator")
    deadline = time.monotonic() + 20
    while DEMO_NAME not in browser.text():
        assert time.monotonic() < deadline, browser.text()
        time.sleep(1)
        browser.reload()
    assert browser.evaluate("location.pathname") == "/"
    assert browser.evaluate("document.querySelector('input[name=entname]').value") == DEMO_NAME
    assert browser.evaluate("document.querySelector('input[name=uniscid]').value") == DEMO_USCC
    assert browser.evaluate("document.querySelector('input[name=lerep]').value") == "周文博"
    assert browser.evaluate("document.querySelector('input[name=entname]').readOnly") is True
    assert "林**（证照管理员）" in browser.text()
    assert "gr_" not in browser.html(), "the grant must never reach the browser"
    browser.screenshot(SCREENSHOTS / "webapp-3-filled.png")

    # 3. license material instead of an uploaded scan
    browser.click_and_wait("#get-material")
    assert "已获取电子营业执照证照材料" in browser.text()
    href = browser.evaluate("document.getElementById('material-link').getAttribute('href')")
    assert href.startswith("/materials/mt_") and href.endswith(".pdf")
    download = browser.evaluate(
        "fetch(%s).then(async r => [r.status, r.headers.get('content-type'),"
        " new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))])" % json.dumps(href)
    )
    assert download == [200, "application/pdf", "%PDF-"], download
    material_id = href[len("/materials/"):-len(".pdf")]
    stored = webapp.data_dir / "materials"
    assert (stored / (material_id + ".pdf")).read_bytes().startswith(b"%PDF")
    record = json.loads((stored / (material_id + ".json")).read_text("utf-8"))
    assert record["id"] == material_id and record["signed_license"]["license"]["uniscid"] == DEMO_USCC
    assert client.verify(record["code"]) == elicense.MaterialVerdict.VALID
    assert browser.evaluate("document.getElementById('submit').disabled") is False
    browser.screenshot(SCREENSHOTS / "webapp-4-material.png")

    # Another browser (no session cookie) cannot download it.
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(webapp.url + href, timeout=5)
    assert caught.value.code == 404


def test_denied_login_returns_to_the_form_with_a_message(webapp: WebApp, front: Front, browser: Browser) -> None:
    browser.navigate(webapp.url + "/")
    browser.click_and_wait("form[action='/login'] button")
    qr_content = browser.evaluate("document.getElementById('qr-content').textContent")
    front.scan(qr_content, "deny")
    deadline = time.monotonic() + 20
    while "企业已拒绝本次登录授权" not in browser.text():
        assert time.monotonic() < deadline, browser.text()
        time.sleep(1)
        browser.reload()
    assert browser.evaluate("location.pathname") == "/"
    assert browser.evaluate("document.querySelector('input[name=entname]').value") == ""


def test_a_revoked_enterprise_gets_no_material(webapp: WebApp, front: Front, browser: Browser) -> None:
    browser.navigate(webapp.url + "/")
    browser.click_and_wait("form[action='/login'] button")
    qr_content = browser.evaluate("document.getElementById('qr-content').textContent")
    front.scan(qr_content, "confirm", uniscid=REVOKED_USCC)
    deadline = time.monotonic() + 20
    while REVOKED_USCC not in browser.text():
        assert time.monotonic() < deadline, browser.text()
        time.sleep(1)
        browser.reload()
    # License.in_business is False: the page says why and offers no material.
    assert "登记状态为“吊销”，不能办理本事项" in browser.evaluate("document.getElementById('not-in-business').textContent")
    assert browser.evaluate("document.getElementById('get-material') === null") is True
    assert browser.evaluate("document.getElementById('submit').disabled") is True


def test_the_login_stays_with_the_browser_session_that_showed_its_qr_code(webapp: WebApp, front: Front, browser: Browser) -> None:
    browser.navigate(webapp.url + "/")
    browser.click_and_wait("form[action='/login'] button")
    qr_content = browser.evaluate("document.getElementById('qr-content').textContent")
    # Another browser session (its own cookie) that got hold of the QR code: the enterprise confirms,
    # but only the session that was shown the QR code logs in; the other has no login to poll.
    other = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    other.open(webapp.url + "/", timeout=5).read()
    front.scan(qr_content, "confirm")
    for path in ("/login", "/login?login_id=lg_0&t=" + qr_content.rpartition("t=")[2]):
        with other.open(webapp.url + path, timeout=5) as reply:
            assert reply.url == webapp.url + "/", "the other session is sent back to the form"
            page_text = reply.read().decode("utf-8")
        assert DEMO_NAME not in page_text and "已认证" not in page_text
    deadline = time.monotonic() + 20
    while DEMO_NAME not in browser.text():
        assert time.monotonic() < deadline, browser.text()
        time.sleep(1)
        browser.reload()
    with other.open(webapp.url + "/", timeout=5) as reply:
        assert DEMO_NAME not in reply.read().decode("utf-8")


def test_post_without_the_session_token_is_refused(webapp: WebApp) -> None:
    request = urllib.request.Request(webapp.url + "/login", data=b"csrf=forged", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    assert caught.value.code == 403
