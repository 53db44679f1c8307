"""PySide6 6.12.0 returned None from every void method without taking a reference, so on
Python 3.11 (where None is not immortal) a long session eventually crashed with
"Fatal Python error: none_dealloc". This guards the pinned binding against that class of bug."""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and booleans are immortal from Python 3.12")
def test_void_calls_keep_none_and_booleans_alive(qapp) -> None:  # noqa: ANN001
    from PySide6 import QtCore, QtGui

    image = QtGui.QImage(20, 20, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(image)
    pen = QtGui.QPen(QtGui.QColor("#2f6fb3"))
    timer = QtCore.QTimer()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        painter.setPen(pen)
        painter.drawLine(0, 0, 5, 5)
        pen.setWidthF(1.5)
        timer.setSingleShot(True)
    painter.end()
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)
