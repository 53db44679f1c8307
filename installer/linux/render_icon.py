"""Render the SVG icon to a square PNG: render_icon.py SOURCE.svg TARGET.png SIZE (Qt, offscreen)."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

app = QGuiApplication([])
source, target, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
image = QImage(size, size, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
QSvgRenderer(source).render(painter)
painter.end()
sys.exit(0 if image.save(target) else 1)
