#!/usr/bin/env python3
"""Drives Examples/java/WebApp.java in headless Chromium as a person would, against a sandbox front.

First the plain command line (`chromium --headless --dump-dom` and `--screenshot`) on a fresh
page; then one browser session with Tests/support/browser.py (DevTools on a pipe), because the
flow needs one cookie jar across page loads and a click:
the page shows the QR code; the e-license app is played through POST /sandbox/scan; the page's
own polling reloads it into the form pre-filled with the license data; a reload keeps the
server-side session; the material button obtains the material and the PDF link serves a PDF;
the application is submitted. Screenshots of each step go to --screenshots.
Ends with "browser: N passed, N failed".
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "support"))
from browser import CHROMIUM_FLAGS, Browser, find_chromium  # noqa: E402

WIDTH, HEIGHT = 1280, 900

passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what + (": " + str(detail)[:2000] if detail != "" else ""))
    sys.stdout.flush()
    return ok


def chromium():
    return find_chromium() or sys.exit("chromium not found (apt-get install chromium)")


def scan(front, qr, uscc, decision="confirm", role="legal_representative"):
    body = json.dumps({"qr_content": qr, "uniscid": uscc, "role": role, "decision": decision}).encode()
    request = urllib.request.Request(front + "/sandbox/scan", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def command_line(args):
    """The plain CLI: a fresh profile, one page load each."""
    profile = args.profile + "-cli"
    dom = subprocess.run([chromium()] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile, "--dump-dom", args.app + "/"],
                         capture_output=True, text=True, timeout=90).stdout
    check("chromium --dump-dom: the first page shows a login QR code and its content",
          'id="qr"' in dom and "data:image/png;base64," in dom and "/sandbox/?t=" in dom and "电子营业执照" in dom, dom[:500])
    shot = os.path.join(args.screenshots, "0-cli-login.png")
    subprocess.run([chromium()] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile, "--screenshot=" + shot,
                                                   "--window-size=%d,%d" % (WIDTH, HEIGHT), args.app + "/"],
                   capture_output=True, timeout=90)
    ok = os.path.exists(shot) and open(shot, "rb").read(4) == b"\x89PNG"
    check("chromium --screenshot of the login page", ok, shot)


def flow(args):
    browser = Browser(chromium(), width=WIDTH, height=HEIGHT)
    try:
        browser.navigate(args.app + "/")  # a page that does not load raises: "ran to the end" fails
        title = browser.evaluate("document.title")
        check("title names the matter", "企业开办" in title, title)
        qr = browser.evaluate("document.getElementById('qr-content').textContent")
        check("QR content shown as text", qr is not None and "/sandbox/?t=" in qr, qr)
        check("QR code image decodes", browser.wait_for(
            "document.getElementById('qr').complete && document.getElementById('qr').naturalWidth > 100", 5))
        check("session cookie is HttpOnly (not visible to scripts)", browser.evaluate("document.cookie") == "")
        shot = browser.screenshot(Path(args.screenshots, "1-login.png"))
        if shutil.which("zbarimg"):  # zbar-tools: the QR code as a phone's camera would see the page
            decoded = subprocess.run(["zbarimg", "-q", "--raw", shot], capture_output=True, text=True).stdout.strip()
            check("the QR code on the rendered page decodes to the QR content", decoded == qr, decoded)

        code = browser.evaluate("document.getElementById('confirmation-code').textContent")
        check("the confirmation code is shown next to the QR code", re.fullmatch(r"[0-9]{4}", code or "") is not None, code)
        with urllib.request.urlopen(qr, timeout=10) as response:
            app_page = response.read().decode("utf-8")
        check("the e-license app shows the same code with the request", '<dd id="code">%s</dd>' % code in app_page)
        check("the login id stays on the server", "lg_" not in browser.evaluate("document.documentElement.outerHTML"))
        # Another browser session (its own cookie) gets its own login, and does not share this one's.
        other = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with other.open(args.app + "/", timeout=10) as response:
            other_page = response.read().decode("utf-8")
        check("another session is shown another QR code", qr not in other_page and "/sandbox/?t=" in other_page)

        check("the e-license app confirms (POST /sandbox/scan)", scan(args.front, qr, args.uscc) == 200)
        with other.open(args.app + "/login/status", timeout=10) as response:
            other_status = response.read().decode("utf-8")
        check("the confirmation logs in only the session that showed the QR code", '"authorized"' not in other_status,
              other_status)
        check("the page's polling reloads it into the pre-filled form",
              browser.wait_for("!!document.getElementById('subject')", 30),
              browser.evaluate("document.body.innerText")[:800])
        browser.reload()
        check("reload keeps the server-side session", browser.wait_for("!!document.getElementById('subject')", 10))
        values = browser.evaluate(
            "(function(){var o={};document.querySelectorAll('#application input[readonly],#application textarea')"
            ".forEach(function(e){o[e.name]=e.value;});return o;})()")
        check("license name pre-filled", values.get("entname") == args.name, values)
        check("USCC pre-filled", values.get("uscc") == args.uscc, values)
        check("every license field filled", all(values.get(k) for k in (
            "enttype", "lerep", "regcap", "estdate", "term", "regstate", "regorg", "apprdate", "dom", "opscope")), values)
        check("operating term 长期 or a date", re.match(r"^\d{4}-\d\d-\d\d 至 (长期|\d{4}-\d\d-\d\d)$", values.get("term", "")),
              values.get("term"))
        html = browser.evaluate("document.documentElement.outerHTML")
        check("the grant never reaches the browser", not re.search(r"gr_[0-9a-f]{16}", html))
        check("the paper-license upload is replaced by the material button",
              browser.evaluate("!!document.getElementById('get-material') && !document.querySelector('input[type=file]')"))
        browser.screenshot(Path(args.screenshots, "2-form.png"))

        # Clicked while the required contact fields are still empty: the button skips form validation.
        browser.click_and_wait("#get-material")
        check("material button obtains the material", browser.wait_for("!!document.getElementById('material-link')", 20),
              browser.evaluate("document.body.innerText")[:800])
        code = browser.evaluate("document.getElementById('material-code').textContent")
        check("material verification code shown", re.match(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code or ""), code)
        pdf = browser.evaluate(
            "fetch(document.getElementById('material-link').href).then(function(r){return r.arrayBuffer().then("
            "function(b){return [r.status, r.headers.get('content-type'),"
            " String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5))), b.byteLength];});})")
        check("material link serves the PDF", pdf[0] == 200 and pdf[1] == "application/pdf" and pdf[2] == "%PDF-"
              and pdf[3] > 1000, pdf)
        verify = browser.evaluate("document.querySelector('a[href*=\"' + document.getElementById('material-code')"
                                  ".textContent + '\"]').href")
        check("online verification link points at the front", (verify or "").startswith(args.front), verify)
        with urllib.request.urlopen(verify, timeout=10) as response:
            page = response.read().decode("utf-8", "replace")
        check("the front confirms the material as valid", response.status == 200 and code in page, page[:300])
        browser.screenshot(Path(args.screenshots, "3-material.png"))

        browser.evaluate("document.querySelector('input[name=contact]').value = '王经办';"
                         "document.querySelector('input[name=phone]').value = '0531-88880000'")
        browser.click_and_wait("#submit")
        check("submitting the application shows the receipt", browser.wait_for(
            "/^QYKB-\\d+-\\d{3}$/.test((document.getElementById('reference')||{}).textContent||'')", 10),
            browser.evaluate("document.body.innerText")[:600])
        receipt = browser.evaluate("document.getElementById('receipt').innerText")
        check("the receipt names the enterprise, the contact and the material", args.name in receipt and "王经办" in receipt
              and code in receipt, receipt)
        browser.screenshot(Path(args.screenshots, "4-submitted.png"))

        browser.click_and_wait("form[action='/logout'] button")
        check("logout ends the session", browser.wait_for("!!document.getElementById('qr-content')", 10))
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--front", required=True)
    parser.add_argument("--uscc", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--profile", required=True, help="where the command-line runs keep their Chromium profile")
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    try:
        command_line(args)
        flow(args)
    except Exception as e:  # a broken step fails the run; the counts say how far it got
        check("browser flow ran to the end", False, repr(e))
    print("browser: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
