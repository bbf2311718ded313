"""The public API as type checkers see it (make test-python also runs mypy --strict on
Examples/python and tests/typed_client.py)."""

from __future__ import annotations

import elicense
from elicense import _abi


def test_all_lists_every_public_name_once() -> None:
    # The generated enums and exceptions are exported through `__all__ += _abi.__all__`.
    assert set(_abi.__all__) <= set(elicense.__all__)
    assert len(set(elicense.__all__)) == len(elicense.__all__)
    for name in elicense.__all__:
        assert getattr(elicense, name) is not None, name
