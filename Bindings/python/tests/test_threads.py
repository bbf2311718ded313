"""One Client shared by 8 threads, as in a threaded web application."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import List

import elicense
from conftest import DEMO_USCC, Front

THREADS = 8
ROUNDS = 5


def test_eight_threads_share_one_client(client: elicense.Client, grant: str) -> None:
    start = threading.Barrier(THREADS)

    def work(index: int) -> List[str]:
        start.wait()
        seen = []
        for _ in range(ROUNDS):
            seen.append(client.whoami().app_id)
            seen.append(client.license(grant).uscc)
            report = elicense.validate_uscc("91350100M000100Y4%d" % (index % 10))
            seen.append("valid" if report.valid else report.problems[0].name)
            try:
                client.license("gr_" + "%064d" % index)
            except elicense.GrantError as error:  # each thread sees its own error message
                seen.append(error.status_name)
        return seen

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    app_id = client.whoami().app_id
    for index, seen in enumerate(results):
        expected_uscc = "valid" if index % 10 == 3 else "check_character_mismatch"
        assert seen == [app_id, DEMO_USCC, expected_uscc, "ELIC_E_GRANT_INVALID"] * ROUNDS


def test_close_while_other_threads_call_is_safe(front: Front) -> None:
    client = elicense.Client(str(front.config_path))
    started = threading.Barrier(THREADS + 1)
    outcomes: List[str] = []
    lock = threading.Lock()

    def work() -> None:
        started.wait()
        for _ in range(20):
            try:
                elicense.validate_uscc(DEMO_USCC)
                client.verify("AAAA-BBBB-CCCC")
                outcome = "ok"
            except elicense.ClientClosedError as error:
                assert "the client is closed" in error.message
                outcome = "closed"
            with lock:
                outcomes.append(outcome)
            if outcome == "closed":
                return

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    started.wait()
    client.close()
    for thread in threads:
        thread.join()
    assert client.closed and not client._finalizer.alive
    assert "closed" in outcomes
