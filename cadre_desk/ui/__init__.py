"""The Qt layer: thin widgets and models over the services. Only this package imports PySide6."""

from __future__ import annotations

import ctypes
import sys

# Measured with PySide6 6.12.0 on CPython 3.11: every call of a void Qt method from Python
# (setText, painter.save, processEvents...) hands back None without taking a reference to it. On
# 3.12+ None is immortal and that is harmless; on 3.11 each call takes one reference from None,
# a full paint of the main window about 120, and the interpreter aborts ("none_dealloc:
# deallocating None") once None's count reaches zero: after a few hundred repaints, or at exit.
# Give None a count that cannot run out, as 3.12 does (PEP 683), before any Qt call is made.
# pyproject excludes 6.12.0 (6.11.3 does not leak: checked, and the whole suite passes on it);
# the reserve stays for machines that already have 6.12.0 installed.
NONE_REFERENCE_RESERVE = 1 << 48


def reserve_none_references() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: the first field of every object
    if count.value < NONE_REFERENCE_RESERVE:
        count.value += NONE_REFERENCE_RESERVE


reserve_none_references()
