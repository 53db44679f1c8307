"""Step 5: clusters of copies, how many of each are kept, and the members of the selected one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget

from atlas_desktop.ui.glossary import count
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import Step
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.bidi import embedded
from atlas_desktop.ui.widgets.tables import PagedRows, fill_table, make_record_table, select_row, selected_row


class DuplicatesStep(Step):
    key = "duplicates"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.dup_summary = QLabel()
        self.dup_summary.setWordWrap(True)
        self.dup_warning = QLabel()
        self.dup_warning.setObjectName("warning")
        self.dup_warning.setWordWrap(True)
        self.keep_all = QSpinBox()
        self.keep_all.setRange(1, 1000)
        self.keep_all.setValue(model.settings["keep_per_cluster"])
        self.keep_all.valueChanged.connect(self._on_keep_all_changed)
        self.keep_one = QSpinBox()
        self.keep_one.setRange(1, 1000)
        apply = QPushButton(tr("Apply"))
        apply.setObjectName("applyKeep")
        apply.clicked.connect(self._on_apply_keep)
        form = QHBoxLayout()
        for label, box in ((tr("Keep of every cluster"), self.keep_all), (tr("Keep of the selected cluster"), self.keep_one)):
            form.addWidget(QLabel(label))
            form.addWidget(box)
            form.addSpacing(16)
        form.addWidget(apply)
        form.addStretch(1)
        self.dup_table = make_record_table([tr("Copies"), tr("Kept"), tr("Representative (kept)"), tr("Text")], user_columns=(2, 3))
        self.dup_table.itemSelectionChanged.connect(self._on_dup_selected)
        self.member_table = make_record_table([tr("Member"), tr("Kind"), tr("Similarity"), tr("Kept"), tr("Text")], user_columns=(0, 4))
        self.cluster_title = QLabel()
        self.cluster_title.setWordWrap(True)
        members = QWidget()
        ml = QVBoxLayout(members)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.cluster_title)
        ml.addWidget(self.member_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.dup_table)
        split.addWidget(members)
        lay = QVBoxLayout(self)
        lay.addWidget(self.dup_summary)
        lay.addWidget(self.dup_warning)
        lay.addLayout(form)
        lay.addWidget(split, 1)
        self.clusters = PagedRows(0, lambda _o, _n: [])
        model.draft_closing.connect(self._on_draft_closing)

    @staticmethod
    def title() -> str:
        return tr("Duplicates")

    def refresh(self) -> None:
        d = self.model.draft
        if d is None:
            return
        dup = d.summary()["duplicates"]
        n = self.ctx.num
        self.dup_summary.setText(tr("{clusters}: {exact} exact and {near} near copies are left out; the earliest conversation of each cluster represents it. Keep more of a cluster when its copies differ in ways worth learning.")
                                 .format(clusters=count(self.ctx, dup["clusters"], "cluster"), exact=n(dup["exact"]), near=n(dup["near"])))
        dominant = d.get("dominant_cluster")
        self.dup_warning.setVisible(bool(dominant))
        if dominant:
            self.dup_warning.setText(tr("One exchange makes up {share} of the data ({size} near-copies of: {text}). A model trained on it learns that exchange above all; keep 1 of it, or check the export.")
                                     .format(share=self.ctx.percent(dominant["share"]), size=n(dominant["size"] - 1), text=embedded(dominant["preview"][:80])))
        self.keep_all.setValue(int(d.get("settings", {}).get("keep_per_cluster", 1)))

        def row(c: dict) -> list[str]:
            kept = n(c["kept"]) + (" ✎" if c["own_keep"] else "")
            return [n(c["size"] - 1), kept, self.where(c["file"], c["line"]), c["preview"][:120]]

        self.clusters = PagedRows(d.cluster_count(), d.cluster_page, row)
        fill_table(self.dup_table, self.clusters)
        fill_table(self.member_table, [])
        self.cluster_title.clear()
        if len(self.clusters):
            select_row(self.dup_table, 0)

    @Slot()
    def _on_draft_closing(self) -> None:
        fill_table(self.dup_table, [])
        fill_table(self.member_table, [])

    @Slot(int)
    def _on_keep_all_changed(self, value: int) -> None:
        self.model.settings["keep_per_cluster"] = value

    @Slot()
    def _on_dup_selected(self) -> None:
        row = selected_row(self.dup_table)
        draft = self.model.draft
        if draft is None or not 0 <= row < len(self.clusters):
            return
        c = self.clusters.raw(row)
        self.keep_one.setValue(c["keep"])
        self.cluster_title.setText(tr("Near-copies ({n}) of: {text}").format(n=self.ctx.num(c["size"] - 1), text=embedded(c["preview"][:160])))
        kinds = {"representative": tr("representative"), "exact": tr("exact"), "near": tr("near")}
        members = draft.cluster_members(c["leader"], limit=50)
        fill_table(self.member_table, [[self.where(m["file"], m["line"]), kinds[m["kind"]], self.ctx.percent(m["similarity"]),
                                        "✓" if m["kept"] else "", m["preview"][:120]] for m in members])

    @Slot()
    def _on_apply_keep(self) -> None:
        row = selected_row(self.dup_table)
        if self.model.draft is None:
            return
        if 0 <= row < len(self.clusters):
            c = self.clusters.raw(row)
            if self.keep_one.value() != c["keep"] or c["own_keep"]:
                key = f"{c['file']}:{c['line']}"
                cluster_keep = self.model.settings["cluster_keep"]
                if self.keep_one.value() == self.keep_all.value():
                    cluster_keep.pop(key, None)
                else:
                    cluster_keep[key] = self.keep_one.value()
        self.model.rearrange()
