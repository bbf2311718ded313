"""Sandbox front systems for the binding's tests, started the way Tests/sdk/run.sh starts them:
`elicense-front unit add Examples/front/access-form.yaml` into a temporary data directory, then
`elicense-front serve --sandbox` on a free loopback port; the client configuration the front
issued is the department's. `ELICENSE_LIBRARY` defaults to out/sdk/lib/libelicense.so.1
(`make sdk`); `ELICENSE_FRONT` to .build/debug/elicense-front.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[3]
SDK_LIBRARY = ROOT / "out" / "sdk" / "lib" / "libelicense.so.1"
if "ELICENSE_LIBRARY" not in os.environ and SDK_LIBRARY.exists():
    os.environ["ELICENSE_LIBRARY"] = str(SDK_LIBRARY)
FRONT = Path(os.environ.get("ELICENSE_FRONT", str(ROOT / ".build" / "debug" / "elicense-front")))
ACCESS_FORM = ROOT / "Examples" / "front" / "access-form.yaml"

#: The sandbox's default demo enterprise (docs/protocol.md §5.2) and two in other states.
DEMO_USCC = "91370102MA01ELC161"
DEMO_NAME = "济南明泉数字科技有限公司"
REVOKED_USCC = "91370202MA02ELC25N"  # 吊销
PURPOSE = "企业开办"

import elicense  # noqa: E402  (after ELICENSE_LIBRARY is set)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post_json(url: str, body: Dict[str, Any]) -> Dict[str, Any]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode("utf-8"), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


class Front:
    """One sandbox front system process and the client configuration it issued."""

    def __init__(self, directory: Path, yaml: Optional[str] = None) -> None:
        if not FRONT.exists():
            pytest.fail("%s not built: run `swift build --product elicense-front` (make test-python does)" % FRONT)
        self.directory = directory
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        options: List[str] = []
        if yaml:
            (directory / "front.yaml").write_text(yaml + "\n", "utf-8")
            options = ["--config", str(directory / "front.yaml")]
        env = dict(os.environ, ELICENSE_FRONT_PORT=str(self.port))
        data = str(directory / "data")
        unit = subprocess.run(
            [str(FRONT), "unit", "add", *options, "--sandbox", "--data-dir", data,
             "--out-dir", str(directory / "clients"), str(ACCESS_FORM)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
        )
        if unit.returncode != 0:
            pytest.fail("elicense-front unit add failed:\n" + unit.stdout.decode("utf-8", "replace"))
        issued = sorted((directory / "clients").glob("app-*.json"))
        self.config_path = directory / "client.json"
        shutil.copy(issued[0], self.config_path)
        self.log_path = directory / "front.log"
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(FRONT), "serve", *options, "--sandbox", "--data-dir", data],
            env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("elicense-front exited:\n" + self.log_path.read_text("utf-8", "replace"))
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        pytest.fail("elicense-front did not answer /healthz:\n" + self.log_path.read_text("utf-8", "replace"))

    @property
    def config(self) -> Dict[str, Any]:
        return json.loads(self.config_path.read_text("utf-8"))

    def variant(self, name: str, **settings: Any) -> Path:
        """A copy of the client configuration with settings replaced."""
        config = self.config
        config.update(settings)
        path = self.directory / name
        path.write_text(json.dumps(config), "utf-8")
        return path

    def scan(self, qr_content: str, decision: str = "confirm", uniscid: str = DEMO_USCC,
             role: str = "legal_representative") -> Dict[str, Any]:
        """Plays the enterprise's e-license app (POST /sandbox/scan)."""
        body: Dict[str, Any] = {"qr_content": qr_content, "decision": decision, "role": role}
        if decision == "confirm":
            body["uniscid"] = uniscid
        return post_json(self.url + "/sandbox/scan", body)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    # Generous rate limit: the suite makes a few hundred calls a minute from one app.
    running = Front(tmp_path_factory.mktemp("front"), "default_rate_limit_per_minute: 100000")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def short_front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    """A second front whose logins expire after 5 seconds."""
    running = Front(tmp_path_factory.mktemp("short"), "login_ttl_seconds: 5")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def client(front: Front) -> Iterator[elicense.Client]:
    """One client shared by the whole session, as a web application would share it."""
    with elicense.Client(str(front.config_path)) as shared:
        yield shared


def login(client: elicense.Client, front: Front, uniscid: str = DEMO_USCC,
          role: str = "legal_representative") -> elicense.LoginStatus:
    """A complete sandbox login: start, confirm in the 'app', wait."""
    session = client.login_start(PURPOSE)
    front.scan(session.qr_content, "confirm", uniscid=uniscid, role=role)
    status = client.login_wait(session.id, timeout=30)
    assert status.state == elicense.LoginState.AUTHORIZED
    return status


@pytest.fixture(scope="session")
def grant(client: elicense.Client, front: Front) -> str:
    """The grant of one authorized login of the demo enterprise, for license and material tests."""
    status = login(client, front)
    assert status.grant
    return status.grant


@pytest.fixture(scope="session")
def dead_config(front: Front) -> Path:
    """A front URL nobody listens on."""
    return front.variant("dead.json", front_url="http://127.0.0.1:%d" % free_port(), retries=0)


@pytest.fixture(scope="session")
def stall_config(front: Front) -> Iterator[Path]:
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: List[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield front.variant(
        "stall.json", front_url="http://127.0.0.1:%d" % server.getsockname()[1], timeout_ms=1000, retries=0
    )
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.fixture(scope="session")
def forged_config(front: Front, short_front: Front) -> Path:
    """The main front's configuration pinning another front's key: every answer is 'forged'."""
    return front.variant("forged.json", front_public_keys_pem=short_front.config["front_public_keys_pem"])
