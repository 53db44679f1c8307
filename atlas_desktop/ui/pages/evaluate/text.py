"""How the Evaluate page writes scores, differences, shares and intervals, in the ui's digits.

The same conventions as the HTML report (core.evaluation.report): scores with two decimals, a
difference with its sign, a share as a percentage with one decimal, an interval's lower end
rounded down (so that it never reads as reaching a margin it misses). In Arabic a signed number
starts with an Arabic letter mark, so that its sign stays on the number's right."""

from __future__ import annotations

import math
from typing import Any

from atlas_desktop.core.arabic import format_number, to_eastern_number
from atlas_desktop.core.messages import Msg
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.glossary import dialect_name, intent_name
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.bidi import embedded

ALM = "\u061c"
NONE = "—"


class Numbers:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @property
    def eastern(self) -> bool:
        return self.ctx.settings.uses_arabic_digits()

    @property
    def arabic(self) -> bool:
        return self.ctx.settings.language == "ar"

    @property
    def sep(self) -> str:
        """Between two parts of a status line: a middle dot beside Eastern digits reads as a zero."""
        return "، " if self.eastern else " · "

    def score(self, x: float | None) -> str:
        return NONE if x is None else format_number(x, self.eastern, 2)

    def signed(self, x: float | None) -> str:
        if x is None:
            return NONE
        x = round(x, 2) + 0.0  # no "-0.00"
        text = f"{x:+,.2f}" if x else f"{x:,.2f}"
        text = to_eastern_number(text) if self.eastern else text
        return ALM + text if self.arabic and x else text

    def pct(self, x: float | None, down: bool = False) -> str:
        if x is None:
            return NONE
        p = math.floor(x * 1000 + 1e-6) / 10 if down else round(x * 100, 1)
        text = format_number(int(p), self.eastern) if p == int(p) else format_number(p, self.eastern, 1)
        return text + ("٪" if self.eastern else "%")

    def interval(self, iv: Any, percent: bool = False) -> str:
        """"low – high" of a stats.Interval: shares (the low end rounded down) or signed differences."""
        if iv is None:
            return NONE
        if percent:
            return f"{self.pct(iv.low, down=True)} – {self.pct(iv.high)}"
        return f"{self.signed(iv.low)} – {self.signed(iv.high)}"

    def difference(self, iv: Any) -> str:
        """A paired difference and its interval: "+0.12 (−0.05 – +0.30)"."""
        return NONE if iv is None else f"{self.signed(iv.estimate)}  ({self.interval(iv)})"

    def msg(self, message: Any) -> str:
        return localize(message, self.ctx)

    def metric(self, name: str) -> str:
        """A metric's name (format, faithfulness, task success), as the report names it."""
        return self.msg(Msg(f"eval.report.metric.{name}"))

    def intent(self, name: str) -> str:
        return intent_name(name)

    def dialect(self, code: str) -> str:
        return dialect_name(code, self.ctx.settings.language)

    def suite(self, name: str, number: int) -> str:
        """A suite version inside a sentence of the ui: "banking v2"."""
        return tr("{name} v{n}").format(name=embedded(name), n=self.ctx.num(number))

    def suite_label(self, label: str) -> str:
        """A suite version as an evaluation names it ("banking v2", suites.SuiteInfo.label)."""
        name, _, number = label.rpartition(" v")
        return self.suite(name, int(number)) if name and number.isdigit() else embedded(label)

    def model(self, name: str, number: int) -> str:
        """A model version: "v3 — atlas-bank-lora-v3"."""
        return tr("v{n} — {name}").format(n=self.ctx.num(number), name=embedded(name))

    def name(self, text: str) -> str:
        """A model's or an item's name inside a sentence of the ui."""
        return embedded(text)
