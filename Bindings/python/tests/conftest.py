"""The sandbox-front fixture for the binding's tests: the one Tests/support/sandbox-front.sh starts
for this session (main and short fronts, bad servers, client configurations), or the one whose
manifest ELICENSE_TEST_MANIFEST names (started by hand, to run the suite again and again). `ELICENSE_LIBRARY` defaults to
out/sdk/lib/libelicense.so.1 (`make sdk`); `ELICENSE_FRONT` to .build/debug/elicense-front.
Tests/support holds the browser driver (browser.py) the web application's test imports.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[3]
SDK_LIBRARY = ROOT / "out" / "sdk" / "lib" / "libelicense.so.1"
if "ELICENSE_LIBRARY" not in os.environ and SDK_LIBRARY.exists():
    os.environ["ELICENSE_LIBRARY"] = str(SDK_LIBRARY)
FRONT = Path(os.environ.get("ELICENSE_FRONT", str(ROOT / ".build" / "debug" / "elicense-front")))
SANDBOX_FRONT = ROOT / "Tests" / "support" / "sandbox-front.sh"
sys.path.insert(0, str(ROOT / "Tests" / "support"))

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
    """One front of the fixture's manifest and the client configuration it issued."""

    def __init__(self, entry: Dict[str, Any]) -> None:
        self.url: str = entry["url"]
        self.config_path = Path(entry["client_config"])

    @property
    def config(self) -> Dict[str, Any]:
        return json.loads(self.config_path.read_text("utf-8"))

    def scan(self, qr_content: str, decision: str = "confirm", uniscid: str = DEMO_USCC,
             role: str = "legal_representative") -> Dict[str, Any]:
        """Plays the enterprise's e-license app (POST /sandbox/scan)."""
        body: Dict[str, Any] = {"qr_content": qr_content, "decision": decision, "role": role}
        if decision == "confirm":
            body["uniscid"] = uniscid
        return post_json(self.url + "/sandbox/scan", body)


@pytest.fixture(scope="session")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Any]]:
    given = os.environ.get("ELICENSE_TEST_MANIFEST")
    if given:
        yield json.loads(Path(given).read_text("utf-8"))
        return
    if not FRONT.exists():
        pytest.fail("%s not built: run `swift build --product elicense-front` (make test-python does)" % FRONT)
    directory = tmp_path_factory.mktemp("fixture")
    started = subprocess.run([str(SANDBOX_FRONT), "start", str(directory)], env=dict(os.environ, ELICENSE_FRONT=str(FRONT)),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    try:
        if started.returncode != 0:
            pytest.fail("sandbox-front.sh start failed:\n" + started.stdout.decode("utf-8", "replace"))
        yield json.loads((directory / "manifest.json").read_text("utf-8"))
    finally:
        subprocess.run([str(SANDBOX_FRONT), "stop", str(directory)], timeout=60)


@pytest.fixture(scope="session")
def front(manifest: Dict[str, Any]) -> Front:
    return Front(manifest["fronts"]["main"])


@pytest.fixture(scope="session")
def short_front(manifest: Dict[str, Any]) -> Front:
    """A second front whose logins expire after 5 seconds."""
    return Front(manifest["fronts"]["short"])


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
def dead_config(manifest: Dict[str, Any]) -> Path:
    """A front URL nobody listens on."""
    return Path(manifest["configs"]["dead"])


@pytest.fixture(scope="session")
def stall_config(manifest: Dict[str, Any]) -> Path:
    """A server that accepts connections and never answers (1 s timeout)."""
    return Path(manifest["configs"]["stall"])


@pytest.fixture(scope="session")
def forged_config(manifest: Dict[str, Any]) -> Path:
    """The main front's configuration pinning another front's key: every answer is 'forged'."""
    return Path(manifest["configs"]["forged"])
