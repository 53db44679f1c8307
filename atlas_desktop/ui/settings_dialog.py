"""Settings: ui language, font size, digits and database location."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from atlas_desktop.core.settings import Settings
from atlas_desktop.core.storage.db import describe_url
from atlas_desktop.ui.i18n import tr


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, current_db_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self._settings = settings
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("العربية", "ar")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.font_size = QSpinBox()
        self.font_size.setRange(7, 32)
        self.font_size.setValue(settings.font_size)
        self.digits = QComboBox()
        self.digits.addItem(tr("Automatic (Arabic digits in the Arabic interface)"), "auto")
        self.digits.addItem(tr("Latin digits 0123456789"), "latin")
        self.digits.addItem(tr("Arabic digits ٠١٢٣٤٥٦٧٨٩"), "arabic")
        self.digits.setCurrentIndex(max(0, self.digits.findData(settings.digits)))
        self.database = QLineEdit(settings.database_url)
        self.database.setPlaceholderText(tr("Built-in SQLite file (leave empty)"))
        self.database.setLayoutDirection(self.database.layoutDirection().LeftToRight)
        current = QLabel(tr("Now using: {url}").format(url=describe_url(current_db_url)))
        current.setWordWrap(True)
        note = QLabel(tr("A PostgreSQL URL (postgresql://user@host/db) lets a team share one registry and review queue. Database changes take effect when Atlas restarts."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Interface language"), self.language)
        form.addRow(tr("Font size"), self.font_size)
        form.addRow(tr("Digits"), self.digits)
        form.addRow(tr("Database"), self.database)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(current)
        lay.addWidget(note)
        lay.addWidget(buttons)

    def result_settings(self) -> Settings:
        return replace(self._settings, language=self.language.currentData(), font_size=self.font_size.value(),
                       digits=self.digits.currentData(), database_url=self.database.text().strip()).validate()
