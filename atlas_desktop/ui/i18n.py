"""Translations (Qt .ts/.qm) and the right-to-left switch.

Every ui string goes through :func:`tr` with the single context "Atlas";
`build/translations.py` collects them into resources/translations/atlas_ar.ts
and compiles the .qm with pyside6-lrelease.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from atlas_desktop.core.demo import resource_root

CONTEXT = "Atlas"
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def N_(text: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for translation without translating it now (translated later with tr)."""
    return text


def translations_dir() -> Path:
    return resource_root() / "translations"


def apply_language(app: QApplication, language: str) -> None:
    """Install (or remove) the Arabic translators and mirror the whole window."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language == "ar":
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / "atlas_ar.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt_own = QTranslator(app)  # standard dialog buttons (OK, Cancel...)
        if qt_own.load("qtbase_ar", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
        QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.SaudiArabia))
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
