"""Why PySide6 is pinned to 6.11.3: in 6.12.0 every ``emit()`` and ``disconnect()`` called from
Python takes a reference from ``True``/``False``, and every void method one from ``None``; the
interpreter aborts ("bool_dealloc", "none_dealloc") after a few thousand calls — minutes into a
shift with live sync. This test fails on such a
release, so an upgrade cannot bring the bug back unnoticed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Pinger(QObject):
    ping = Signal(object)


def test_signals_do_not_drain_the_bool_singletons(qapp) -> None:
    pinger = Pinger()
    got: list[int] = []
    true_before, false_before, none_before = (sys.getrefcount(x) for x in (True, False, None))
    for i in range(100):  # few enough that a buggy release fails here instead of aborting
        pinger.ping.connect(got.append)
        pinger.ping.emit(i)
        pinger.ping.disconnect(got.append)
        pinger.setObjectName("pinger")
    assert len(got) == 100
    assert sys.getrefcount(True) >= true_before - 10
    assert sys.getrefcount(False) >= false_before - 10
    assert sys.getrefcount(None) >= none_before - 10
