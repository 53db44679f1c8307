"""Step 6: intents, dialects and answer lengths as charts, the import's warnings, and the answers
that sound translated."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.glossary import dialect_name, intent_name
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import Step
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.tables import PagedRows, fill_table, make_record_table


class QualityStep(Step):
    key = "quality"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.quality_grid = QGridLayout()
        self.quality_warnings = QLabel()
        self.quality_warnings.setWordWrap(True)
        self.translated_table = make_record_table([tr("Line"), tr("Score"), tr("Why it sounds translated")], user_columns=(0,))
        lay = QVBoxLayout(self)
        lay.addLayout(self.quality_grid)
        lay.addWidget(self.quality_warnings)
        lay.addWidget(self.translated_table, 1)
        model.draft_closing.connect(self._on_draft_closing)

    @staticmethod
    def title() -> str:
        return tr("Quality report")

    def refresh(self) -> None:
        from atlas_desktop.ui.widgets.charts import bar_chart, histogram

        d = self.model.draft
        if d is None:
            return
        while self.quality_grid.count():
            item = self.quality_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        st = d.summary()
        arabic = self.ctx.settings.language == "ar"
        dialects = {dialect_name(k, self.ctx.settings.language): v for k, v in st["dialects"].items()}
        digits = self.ctx.settings.uses_arabic_digits()
        intents = {intent_name(k): v for k, v in st["intents"].items()}
        charts = (bar_chart(tr("Intents"), intents, arabic_digits=digits), bar_chart(tr("Dialects"), dialects, arabic_digits=digits),
                  histogram(tr("Answer length (characters)"), d.get("answer_lengths", []), arabic_digits=digits))
        for column, chart in enumerate(charts):
            chart.setMaximumHeight(260)  # leave the flagged answers' table room to show a screenful
            self.quality_grid.addWidget(chart, 0, column)
        self.quality_warnings.setText("\n".join("• " + localize(w, self.ctx) for w in d.get("warnings", [])) or tr("No warnings."))

        def row(r: tuple) -> list[str]:
            return [self.where(r[0], r[1]), self.ctx.percent(r[2]), ("؛ " if arabic else "; ").join(localize(x, self.ctx) for x in r[3])]

        fill_table(self.translated_table, PagedRows(d.translated_count(), d.translated_page, row))

    @Slot()
    def _on_draft_closing(self) -> None:
        fill_table(self.translated_table, [])
