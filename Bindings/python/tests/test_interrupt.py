"""Ctrl-C during a wait: KeyboardInterrupt reaches the caller, on every supported Python.

A real SIGINT is sent to this process from a timer thread while the main thread waits on a
pending login inside the C call; Python runs its signal handler when the progress callback
next enters Python code, so the interrupt must cross the ctypes callback unharmed.
"""

from __future__ import annotations

import os
import signal
import threading

import pytest

import elicense
from conftest import PURPOSE


def _interrupt_soon() -> threading.Timer:
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.parametrize("with_progress", [False, True], ids=["no-callback", "callback"])
def test_ctrl_c_during_login_wait_raises_keyboard_interrupt(
    client: elicense.Client, capfd: pytest.CaptureFixture[str], with_progress: bool
) -> None:
    session = client.login_start(PURPOSE)
    calls = []
    progress = (lambda state, elapsed: calls.append(state) or True) if with_progress else None
    timer = _interrupt_soon()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.login_wait(session.id, timeout=20, progress=progress)
    finally:
        timer.cancel()
    # Not reported as "Exception ignored on calling ctypes callback function" either.
    assert "Exception ignored" not in capfd.readouterr().err

