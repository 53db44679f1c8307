"""The item under review: the customer's turn (earlier turns folded away) and the reference answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from atlas_desktop.core.evaluation.types import EvalItem
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.glossary import dialect_name, intent_name
from atlas_desktop.ui.i18n import N_, tr
from atlas_desktop.ui.widgets.bidi import BidiTextEdit, embedded

ROLE_LABELS = {"user": N_("Customer:"), "assistant": N_("Assistant:"), "system": N_("System:")}


class ItemView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.meta = QLabel()  # the item's intent, dialect and source: the page shows it beside the item's number
        self.meta.setObjectName("itemMeta")
        self.toggle = QToolButton()
        self.toggle.setObjectName("earlierTurns")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toggle.toggled.connect(self._on_toggled)
        self.earlier = BidiTextEdit(read_only=True)
        self.earlier.setObjectName("earlierText")
        self.earlier.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.earlier.hide()
        self.prompt = BidiTextEdit(read_only=True)
        self.prompt.setObjectName("promptText")
        self.prompt.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.reference = BidiTextEdit(read_only=True)
        self.reference.setObjectName("referenceText")
        self.reference.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        for view in (self.prompt, self.reference, self.earlier):
            view.setMinimumHeight(40)
        self.meta.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        ask = QFrame()
        ask.setObjectName("reviewBox")
        ask_title = QLabel(tr("Customer's question"))
        ask_title.setObjectName("boxTitle")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(ask_title)
        head.addStretch(1)
        head.addWidget(self.toggle)
        al = QVBoxLayout(ask)
        al.setContentsMargins(6, 4, 6, 4)
        al.setSpacing(2)
        al.addLayout(head)
        al.addWidget(self.earlier, 1)
        al.addWidget(self.prompt, 1)
        ref = QFrame()
        ref.setObjectName("reviewBox")
        ref_title = QLabel(tr("Reference answer"))
        ref_title.setObjectName("boxTitle")
        rl = QVBoxLayout(ref)
        rl.setContentsMargins(6, 4, 6, 4)
        rl.setSpacing(2)
        rl.addWidget(ref_title)
        rl.addWidget(self.reference, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(ask, 1)
        lay.addWidget(ref, 1)

    def show_item(self, item: EvalItem) -> None:
        parts = []
        if item.intent:
            parts.append(tr("intent {i}").format(i=embedded(intent_name(item.intent))))
        if item.dialect:
            parts.append(tr("dialect {d}").format(d=dialect_name(item.dialect, self.ctx.settings.language)))
        parts.append(tr("from the holdout") if item.source == "holdout" else tr("targeted prompt"))
        self.meta.setText(" · ".join(parts))
        self.meta.setToolTip(self.meta.text())  # whole, where the line is too narrow
        turns = [t for t in item.context if t.get("content")]
        self.toggle.setVisible(bool(turns))
        self.toggle.setText(tr("Earlier turns ({n})").format(n=self.ctx.num(len(turns))))
        self.toggle.setChecked(False)
        self.earlier.hide()
        self.earlier.setPlainText("\n".join(f"{tr(ROLE_LABELS.get(t.get('role', ''), ROLE_LABELS['user']))} {t['content']}" for t in turns))
        self.prompt.setPlainText(item.prompt)
        self.reference.setPlainText(item.reference or tr("(no reference answer)"))

    def set_text_font(self, font: QFont) -> None:
        for view in (self.prompt, self.reference, self.earlier):
            view.setFont(font)

    @Slot(bool)
    def _on_toggled(self, shown: bool) -> None:
        self.earlier.setVisible(shown and not self.toggle.isHidden())
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.NoArrow)
