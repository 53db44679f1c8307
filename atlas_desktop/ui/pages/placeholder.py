"""Pages whose issue has not landed yet say plainly what they will do."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.fonts import content_font
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.bidi import BidiTextEdit


class PlaceholderPage(QWidget):
    def __init__(self, ctx: AppContext, title: str, body: list[str], preview_title: str = "", preview: str = "") -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageHeading")
        lay.addWidget(heading)
        for para in body:
            label = QLabel(para)
            label.setWordWrap(True)
            lay.addWidget(label)
        soon = QLabel(tr("This page is being built; until then, the steps above are not available here."))
        soon.setObjectName("comingSoon")
        soon.setWordWrap(True)
        lay.addWidget(soon)
        if preview:
            box = QGroupBox(preview_title)
            bl = QVBoxLayout(box)
            view = BidiTextEdit(read_only=True)
            view.setObjectName("preview")
            view.setFont(content_font(ctx.settings.font_size))
            view.setPlainText(preview)
            bl.addWidget(view)
            lay.addWidget(box, 1)
        else:
            lay.addStretch(1)
