"""The recipe's form, built from the one description of a recipe (core/training/recipe.FIELDS):
each key's widget, limits, default, label and help come from there, as the recipe check's do.
Numbers show in the ui's digits; words the core uses (auto, cosine...) in the ui's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from atlas_desktop.core.arabic import to_eastern_number, to_latin_number
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.catalogue import CATALOGUE
from atlas_desktop.core.training.recipe import FIELD, FIELDS, Field, Recipe
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize

INT_MAX = 2**31 - 1  # a spin box's limit


class RecipeForm(QWidget):
    """One row per form field of the recipe, grouped by section; ``changed`` when the user edits one."""

    changed = Signal()

    def __init__(self, ctx: AppContext, head: list[tuple[str, QWidget]] = ()) -> None:  # type: ignore[assignment]
        super().__init__()
        self.ctx = ctx
        self.widgets: dict[str, QWidget] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a long label above its field, not beside it
        for label, widget in head:  # the rows the recipe form starts with (preset, base model, dataset)
            self.layout_.addRow(label, widget)
        section = ""
        for f in FIELDS:
            if not f.form:
                continue
            if f.section != section:
                section = f.section
                title = QLabel(f"<b>{localize(Msg(f'recipe.section.{section}'), ctx)}</b>")
                title.setObjectName(f"section_{section}")
                self.layout_.addRow(title)
            w = self._widget(f)
            w.setObjectName(f.path)
            w.setToolTip(localize(f.help, ctx))
            self.widgets[f.path] = w
            if isinstance(w, QCheckBox):
                self.layout_.addRow("", w)
            else:
                self.layout_.addRow(localize(f.label, ctx), w)

    def _l(self, code: str) -> str:
        return localize(Msg(code), self.ctx)

    def _widget(self, f: Field) -> QWidget:
        if f.kind == "bool":
            box = QCheckBox(localize(f.label, self.ctx))
            box.toggled.connect(lambda _on: self.changed.emit())
            return box
        if f.kind == "choice":
            combo = QComboBox()
            for value in f.choices:
                code = f"recipe.choice.{value}"
                combo.addItem(self._l(code) if code in CATALOGUE else value, value)  # bf16, fp16...: as they are
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            return combo
        if f.kind == "int":
            spin = QSpinBox()
            spin.setGroupSeparatorShown(False)
            low = int(f.low or 0)
            if f.special or f.default is None:  # one below the minimum: "automatic", or "no cap"
                low -= 1
                spin.setSpecialValueText(self._l("recipe.choice.auto" if f.special == "auto" else "recipe.choice.no_cap"))
            spin.setRange(low, min(int(f.high if f.high is not None else INT_MAX), INT_MAX))
            spin.setSingleStep(int(f.step))
            spin.valueChanged.connect(lambda _v: self.changed.emit())
            return spin
        if f.kind == "float" and f.high is not None:
            spin = QDoubleSpinBox()
            spin.setDecimals(f.decimals)
            spin.setRange(float(f.low or 0.0), float(f.high))
            spin.setSingleStep(f.step)
            spin.valueChanged.connect(lambda _v: self.changed.emit())
            return spin
        edit = QLineEdit()  # a float with no upper bound (the learning rate: 0.0002 or 2e-4), or a list of names
        edit.textChanged.connect(lambda _t: self.changed.emit())
        return edit

    def set_recipe(self, r: Recipe) -> None:
        """Show ``r``'s values (without emitting ``changed``)."""
        sections = {"train": r.train, "lora": r.lora, "validation": r.validation}
        for path, w in self.widgets.items():
            f = FIELD[path]
            value = sections[f.section].get(f.key, f.default)
            w.blockSignals(True)
            try:
                self._show(f, w, value)
            finally:
                w.blockSignals(False)

    def _show(self, f: Field, w: QWidget, value: Any) -> None:
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(str(value))))
        elif isinstance(w, QSpinBox):
            w.setValue(w.minimum() if value is None or value == f.special else int(value))
        elif isinstance(w, QDoubleSpinBox):
            w.setValue(float(value))
        elif f.kind == "names":
            w.setText(value if isinstance(value, str) else ", ".join(value))
        else:
            text = f"{value:g}" if isinstance(value, float) else str(value)
            w.setText(to_eastern_number(text) if self.ctx.settings.uses_arabic_digits() else text)

    def values(self) -> dict[str, dict[str, Any]]:
        """{section: {key: value}} of every form field, as the recipe's YAML writes them."""
        out: dict[str, dict[str, Any]] = {}
        for path, w in self.widgets.items():
            f = FIELD[path]
            out.setdefault(f.section, {})[f.key] = self._value(f, w)
        return out

    def _value(self, f: Field, w: QWidget) -> Any:
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QSpinBox):
            if w.value() == w.minimum() and (f.special or f.default is None):
                return f.special or None
            return w.value()
        if isinstance(w, QDoubleSpinBox):
            return round(w.value(), f.decimals)
        text = w.text().strip()
        if f.kind == "names":
            return text if text == f.special else [x.strip() for x in text.replace("،", ",").split(",") if x.strip()]
        return to_latin_number(text)

