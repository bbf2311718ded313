"""Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe):
one real browser session — cookies, redirects, clicks, screenshots — with the standard library
only (no websocket client, no Selenium). Messages are JSON, each ended by a NUL byte, on the
browser's file descriptors 3 (in) and 4 (out). The one driver of the example web applications'
tests: Examples/python/webapp.py (Bindings/python/tests/test_webapp.py) and
Examples/java/WebApp.java (Bindings/java/webapp_flow.py).
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional


#: Flags of every run, the DevTools session's and the plain command line's (--dump-dom, --screenshot).
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--no-default-browser-check", "--hide-scrollbars", "--lang=zh-CN", "--force-device-scale-factor=1",
]


class BrowserError(RuntimeError):
    pass


def find_chromium() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, executable: str, width: int = 1200, height: int = 900) -> None:
        self.profile = tempfile.mkdtemp(prefix="elicense-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        command = [executable, *CHROMIUM_FLAGS, "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
                   "--window-size=%d,%d" % (width, height), "about:blank"]
        # bash (dash takes single-digit fds only) puts the pipe ends on fds 3 and 4, where
        # --remote-debugging-pipe expects them.
        self.process = subprocess.Popen(
            ["bash", "-c", 'exec "$0" "$@" 3<&%d 4>&%d' % (to_browser_read, from_browser_write)] + command,
            pass_fds=(to_browser_read, from_browser_write),
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.profile, "chromium.log"), "wb"),
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: List[Dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=self.session)
        self.call("Runtime.enable", session=self.session)

    # -- protocol ---------------------------------------------------------------------------

    def _receive(self, deadline: float) -> Dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError("no answer from Chromium in time")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    log = os.path.join(self.profile, "chromium.log")
                    raise BrowserError("Chromium closed the DevTools pipe:\n" + open(log, errors="replace").read()[-3000:])
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message.decode("utf-8"))

    def call(self, method: str, params: Optional[Dict[str, Any]] = None, session: Optional[str] = None,
             timeout: float = 30) -> Dict[str, Any]:
        self._next_id += 1
        message: Dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError("%s: %s" % (method, answer["error"]))
                return answer.get("result", {})
            self.events.append(answer)

    def wait_event(self, method: str, timeout: float = 30) -> Dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[: index + 1]
                    return event
            self.events.clear()
            self.events.append(self._receive(deadline))

    # -- page -------------------------------------------------------------------------------

    def _page(self, method: str, params: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        return self.call(method, params, session=self.session)

    def navigate(self, url: str) -> None:
        self.events.clear()
        self._page("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def reload(self) -> None:
        self.events.clear()
        self._page("Page.reload", {"ignoreCache": True})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self._page("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError("%s: %s" % (expression, result["exceptionDetails"]))
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> bool:
        """Whether `expression` became truthy within `timeout`, evaluated every 0.2 s (also across
        the page's own navigations)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression):
                    return True
            except BrowserError:
                pass  # the page is navigating
            time.sleep(0.2)
        return False

    def click_and_wait(self, selector: str) -> None:
        """Clicks an element that submits a form or follows a link, and waits for the new page."""
        self.events.clear()
        clicked = self.evaluate("(() => { const e = document.querySelector(%s); if (!e) return false; e.click(); return true; })()"
                                % json.dumps(selector))
        if not clicked:
            raise BrowserError("no element %s on %s" % (selector, self.evaluate("location.href")))
        self.wait_event("Page.loadEventFired")

    def text(self) -> str:
        return str(self.evaluate("document.body.innerText"))

    def html(self) -> str:
        return str(self.evaluate("document.documentElement.outerHTML"))

    def screenshot(self, path: Path) -> Path:
        """The whole page as PNG."""
        metrics = self._page("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self._page("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)
