"""The Release page's small widgets: the stages as a timeline, and a check's chart (the candidate
against production as two bars, with the limit where there is one). Both are painted by Qt, so
Arabic is shaped, and both follow the window's direction (the timeline and the bars start on the
right in the Arabic window)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from atlas_desktop.ui.i18n import tr

DONE, CURRENT, PENDING, STOPPED = "done", "current", "pending", "stopped"
_STYLE = {DONE: ("#1e8449", "#e9f7ef"), CURRENT: ("#1f5fa8", "#eaf2fb"), PENDING: ("#95a5a6", "#f4f6f6"), STOPPED: ("#c0392b", "#fdedec")}


class Timeline(QWidget):
    """Stage 1 → stage 2 → stage 3, each with its traffic and checks, coloured by where the release is."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("releaseTimeline")
        self.lay = QHBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(6)
        self.shown: list[tuple[str, str]] = []  # (text, state) per stage, as shown

    def show_stages(self, stages: list[tuple[str, str]]) -> None:
        while self.lay.count():
            item = self.lay.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.shown = list(stages)
        arrow = "←" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "→"
        for i, (text, state) in enumerate(stages):
            if i:
                a = QLabel(arrow)
                a.setStyleSheet("color:#7f8c8d; font-size:16pt;")
                self.lay.addWidget(a)
            border, fill = _STYLE[state]
            box = QLabel(text)
            box.setObjectName(f"stage{i + 1}")
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.setWordWrap(True)
            box.setMinimumWidth(130)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            weight = "bold" if state == CURRENT else "normal"
            box.setStyleSheet(f"QLabel {{ border: 2px solid {border}; background: {fill}; border-radius: 6px; padding: 4px; font-weight: {weight}; }}")
            self.lay.addWidget(box, 1)
        if not stages:
            empty = QLabel(tr("No release plan yet."))
            empty.setStyleSheet("color:#7f8c8d;")
            self.lay.addWidget(empty, 1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    color: str


class CompareBars(QWidget):
    """Two (or more) horizontal bars with their values written beside them, and a dashed limit."""

    def __init__(self) -> None:
        super().__init__()
        self.bars: list[Bar] = []
        self.limit: float | None = None
        self.limit_text = ""
        self.setMinimumHeight(54)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(260, 18 * max(2, len(self.bars)) + 18)

    def show_bars(self, bars: list[Bar], limit: float | None = None, limit_text: str = "") -> None:
        self.bars, self.limit, self.limit_text = bars, limit, limit_text
        self.setFixedHeight(18 * max(1, len(bars)) + (18 if limit is not None else 6))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt naming
        if not self.bars:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        fm = p.fontMetrics()
        label_w = max(fm.horizontalAdvance(b.label) for b in self.bars) + 14
        text_w = max(fm.horizontalAdvance(b.text) for b in self.bars) + 8
        w = self.width()
        span = max(10.0, w - label_w - text_w - 4)
        top = max([b.value for b in self.bars] + [self.limit or 0.0]) or 1.0
        line = span * self.limit / top if self.limit is not None else 0.0
        for i, b in enumerate(self.bars):
            y = 2 + i * 18
            length = span * max(0.0, b.value) / top
            room = max(length, line)  # the value is written past the bar and past the limit's line
            if rtl:
                label_rect = QRectF(w - label_w, y, label_w - 4, 16)
                bar = QRectF(w - label_w - length, y + 2, length, 12)
                text_rect = QRectF(w - label_w - room - text_w, y, text_w - 4, 16)
                align_label, align_text = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignRight
            else:
                label_rect = QRectF(0, y, label_w - 4, 16)
                bar = QRectF(label_w, y + 2, length, 12)
                text_rect = QRectF(label_w + room + 4, y, text_w, 16)
                align_label, align_text = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignLeft
            p.setPen(QColor("#333"))
            p.drawText(label_rect, align_label | Qt.AlignmentFlag.AlignVCenter, b.label)
            p.fillRect(bar, QColor(b.color))
            p.drawText(text_rect, align_text | Qt.AlignmentFlag.AlignVCenter, b.text)
        if self.limit is not None:
            x = (w - label_w - span * self.limit / top) if rtl else (label_w + span * self.limit / top)
            y_end = 2 + len(self.bars) * 18
            pen = QPen(QColor("#c0392b"))
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(int(x), 0, int(x), y_end)
            small = QFont(p.font())
            small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
            p.setFont(small)
            tw = p.fontMetrics().horizontalAdvance(self.limit_text) + 4
            x0 = min(max(0.0, x - tw / 2), max(0.0, w - tw))  # under the line, kept inside the widget
            p.drawText(QRectF(x0, y_end, tw, 16), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.limit_text)
        p.end()
