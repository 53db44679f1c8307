"""Step 7: the holdout share and seed, and how the split falls by intent."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout

from atlas_desktop.ui.glossary import intent_name
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import Step, holdout_warning
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.tables import fill_table, make_table


class SplitStep(Step):
    key = "split"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.ratio = QDoubleSpinBox()
        self.ratio.setRange(0.05, 0.5)
        self.ratio.setSingleStep(0.05)
        self.ratio.setValue(model.settings["holdout_ratio"])
        self.ratio.valueChanged.connect(self._on_ratio_changed)
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setValue(model.settings["seed"])
        self.seed.valueChanged.connect(self._on_seed_changed)
        apply = QPushButton(tr("Split again"))
        apply.setObjectName("resplit")
        apply.clicked.connect(self._on_resplit)
        form = QFormLayout()
        form.addRow(tr("Holdout share"), self.ratio)
        form.addRow(tr("Seed (same seed, same split)"), self.seed)
        form.addRow("", apply)
        self.split_table = make_table([tr("Intent"), tr("Train"), tr("Holdout")], user_columns=(0,))
        note = QLabel(tr("Stratified by intent (and dialect where there are enough conversations); look-alike conversations always land on the same side."))
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        self.split_status = QLabel()
        self.split_status.setObjectName("splitStatus")
        self.split_status.setWordWrap(True)
        lay.addWidget(self.split_status)
        lay.addWidget(self.split_table, 1)

    @staticmethod
    def title() -> str:
        return tr("Holdout split")

    def refresh(self) -> None:
        draft = self.model.draft
        if draft is None:
            return
        rows = draft.split_by_intent()
        fill_table(self.split_table, [[intent_name(k), self.ctx.num(train), self.ctx.num(hold)] for k, train, hold in rows])
        st = draft.summary()
        line = tr("Share {share}: {train} for training, {hold} held out.").format(
            share=self.ctx.percent(self.ratio.value()), train=self.ctx.num(st["train"]), hold=self.ctx.num(st["holdout"]))
        warning = holdout_warning(self.model)
        self.split_status.setText(line + (f" <span style='color:#9a6700'>⚠ {warning}</span>" if warning else ""))

    @Slot(float)
    def _on_ratio_changed(self, value: float) -> None:
        self.model.settings["holdout_ratio"] = value

    @Slot(int)
    def _on_seed_changed(self, value: int) -> None:
        self.model.settings["seed"] = value

    @Slot()
    def _on_resplit(self) -> None:
        self.model.rearrange()
