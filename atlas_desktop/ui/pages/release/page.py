"""Release: the model versions with their lineage and evaluation; the release plan and where the
release stands, as a timeline; each check of the stage green, red or waiting with its reason and
its chart; Promote, Pause, Rollback (and a drill, and the final review's sign-off), each after a
confirmation that says what will happen; the alias history and the release's events; the launch
checklist. The controller itself runs in the gateway (core/release/controller.py); this page reads
the database every few seconds while visible (a handful of indexed queries) and acts in one
transaction, naming the revision it showed, so a release that changed meanwhile is not acted on
blindly (the page says what happened instead)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog, QGridLayout, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget,
)

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.release import aliases, checklist, controller, registry
from atlas_desktop.core.release.plan import load_plan
from atlas_desktop.ui.context import AppContext, Changes
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.release.text import (
    STATE_COLORS, alias_name, check_name, check_state, event_name, release_state, target, version_stage,
)
from atlas_desktop.ui.pages.release.widgets import CURRENT, DONE, PENDING, STOPPED, Bar, CompareBars, Timeline
from atlas_desktop.ui.widgets.bidi import embedded
from atlas_desktop.ui.widgets.tables import fill_table, make_table

REFRESH_MS = 3000
RELEASE_TAB, VERSIONS_TAB, HISTORY_TAB, CHECKLIST_TAB = range(4)
CAND, PROD = "#1f5fa8", "#95a5a6"


class ReleasePage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.status: Any = None  # the ReleaseStatus shown
        heading = QLabel(tr("Release"))
        heading.setObjectName("pageHeading")
        self.note = QLabel()
        self.note.setObjectName("releaseNote")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)

        # --- the release tab
        self.summary = QLabel()
        self.summary.setObjectName("releaseSummary")
        self.summary.setWordWrap(True)
        self.timeline = Timeline()
        self.checks_box = QWidget()
        self.checks_grid = QGridLayout(self.checks_box)
        self.checks_grid.setContentsMargins(0, 0, 0, 0)
        self.checks_grid.setColumnStretch(2, 1)
        self.check_rows: dict[str, tuple[QLabel, QLabel, CompareBars]] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.checks_box)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        self.start_btn = QPushButton(tr("Start a release…"))
        self.promote_btn = QPushButton(tr("Promote…"))
        self.pause_btn = QPushButton(tr("Pause…"))
        self.sign_btn = QPushButton(tr("Sign the final review…"))
        self.drill_btn = QPushButton(tr("Rollback drill…"))
        self.rollback_btn = QPushButton(tr("Roll back…"))
        self.rollback_btn.setObjectName("dangerButton")
        self.rollback_btn.setStyleSheet("QPushButton:enabled { color: #a93226; font-weight: bold; }")
        for name, b, slot in (("startRelease", self.start_btn, self._on_start), ("promote", self.promote_btn, self._on_promote),
                              ("pause", self.pause_btn, self._on_pause), ("sign", self.sign_btn, self._on_sign),
                              ("drill", self.drill_btn, self._on_drill), ("rollback", self.rollback_btn, self._on_rollback)):
            if not b.objectName():
                b.setObjectName(name)
            b.clicked.connect(slot)
        buttons = QHBoxLayout()
        for b in (self.start_btn, self.promote_btn, self.pause_btn, self.sign_btn, self.drill_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.rollback_btn)
        release_tab = QWidget()
        rl = QVBoxLayout(release_tab)
        rl.addWidget(self.summary)
        rl.addWidget(self.timeline)
        rl.addWidget(scroll, 1)
        rl.addLayout(buttons)

        # --- versions, history, checklist
        self.versions = make_table([tr("Version"), tr("Name"), tr("Stage"), tr("Aliases"), tr("Base model"), tr("Dataset"),
                                    tr("Evaluation"), tr("Gate"), tr("Created by"), tr("Created")], user_columns=(1, 3, 4, 8))
        self.versions.setObjectName("releaseVersions")
        self.moves = make_table([tr("When"), tr("Alias"), tr("From"), tr("To"), tr("By"), tr("Why")], user_columns=(1, 4, 5))
        self.moves.setObjectName("aliasHistory")
        self.events = make_table([tr("When"), tr("Stage"), tr("What"), tr("Who"), tr("Note")], user_columns=(3, 4))
        self.events.setObjectName("releaseEvents")
        history_tab = QWidget()
        hl = QVBoxLayout(history_tab)
        hl.addWidget(QLabel(tr("Where each alias pointed, and why it moved")))
        hl.addWidget(self.moves, 1)
        hl.addWidget(QLabel(tr("What happened in this release")))
        hl.addWidget(self.events, 1)
        self.checklist = QLabel()
        self.checklist.setObjectName("launchChecklist")
        self.checklist.setWordWrap(True)
        self.checklist.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        checklist_tab = QScrollArea()
        checklist_tab.setWidgetResizable(True)
        checklist_tab.setWidget(self.checklist)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("releaseTabs")
        self.tabs.addTab(release_tab, tr("Release"))
        self.tabs.addTab(self.versions, tr("Versions"))
        self.tabs.addTab(history_tab, tr("History"))
        self.tabs.addTab(checklist_tab, tr("Launch checklist"))

        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.note)
        lay.addWidget(self.tabs, 1)
        self.note.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        ctx.project_changed.connect(lambda _n: self.refresh())
        ctx.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ reading
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt naming
        self.timer.stop()
        super().hideEvent(event)

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.project == self.ctx.current_project and (changes.models or changes.evaluations):
            self.refresh()

    def refresh(self) -> None:
        project = self.ctx.current_project
        if not project:
            self.summary.setText(tr("Choose or create a project on the Projects page."))
            self._enable(None)
            return
        ws, tab = self.ctx.ws, self.tabs.currentIndex()
        try:
            self.status = controller.status(ws, project)  # the buttons and their dialogs act on it
            # the other tabs' data only while that tab is shown (refreshed every few seconds; the
            # checklist counts the project's telemetry): a change of tab refreshes
            if tab == RELEASE_TAB:
                self._show_release(self.status)
            elif tab == VERSIONS_TAB:
                self._show_versions(registry.versions(ws, project))
            elif tab == HISTORY_TAB:
                self._show_history(aliases.history(ws, project), self.status)
            elif tab == CHECKLIST_TAB:
                self._show_checklist(checklist.checklist(ws, project))
        except AtlasError as exc:
            self._say(localize(exc, self.ctx))
            return
        self._enable(self.status)

    def _show_release(self, st: Any) -> None:
        ctx = self.ctx
        if st is None:
            self.summary.setText(tr("No release yet. Start one from a release plan: the playbook's YAML works as written "
                                    "(the model to release, and stages with their traffic and checks)."))
            self.timeline.show_stages([])
            self._show_checks([])
            return
        sep = "، " if ctx.settings.language == "ar" else ", "
        shares = sep.join(f"{target(t)} {ctx.percent(v / 10000)}" for t, v in st.shares.items())
        self.summary.setText(tr("Release {number}: {model} replacing {previous} · {state} · stage {stage} of {stages} · traffic now: {shares}").format(
            number=ctx.num(st.number), model=target(st.model), previous=target(st.previous), state=release_state(st.state),
            stage=ctx.num(st.stage + 1), stages=ctx.num(len(st.plan.stages)), shares=shares))
        last = next((e for e in reversed(st.events) if e.kind in ("rolled_back", "rolled_back_after", "completed", "paused", "drill")), None)
        if last is not None and not st.active or st.state in ("paused", "drill"):
            if last is not None:
                self.summary.setText(self.summary.text() + "\n" + tr("{what} by {who} at {when}: {note}").format(
                    what=event_name(last.kind), who=embedded(last.actor), when=self._when(last.at), note=embedded(last.note or "—")))
        stages = []
        for i, s in enumerate(st.plan.stages):
            if st.state == "completed" or i < st.stage:
                state = DONE
            elif i == st.stage:
                state = STOPPED if st.state in ("rolled_back", "drill") else CURRENT
            else:
                state = PENDING
            checks = " · ".join(check_name(c) for c in s.checks) or tr("no checks")
            stages.append((tr("Stage {n}: {traffic}\n{checks}").format(n=ctx.num(i + 1), traffic=ctx.percent(s.traffic / 100), checks=checks),
                           state))
        self.timeline.show_stages(stages)
        results = {r.check: r for r in st.results}
        shown = [(c, results.get(c)) for c in st.current.checks] if st.active else []
        self._show_checks(shown)

    def _show_checks(self, shown: list[tuple[str, Any]]) -> None:
        while self.checks_grid.count():
            item = self.checks_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.check_rows = {}
        ctx = self.ctx
        if not shown:
            return
        for row, (check, result) in enumerate(shown):
            state = result.state if result is not None else "waiting"
            badge = QLabel(f"<span style='color:{STATE_COLORS[state]}; font-size:14pt'>●</span> <b>{check_name(check)}</b>: {check_state(state)}")
            badge.setObjectName(f"check_{check}")
            reason = QLabel(localize(result.reason, ctx) if result is not None else tr("not evaluated yet: the gateway evaluates the checks "
                                                                                       "while it runs (or: atlas release tick)"))
            reason.setWordWrap(True)
            reason.setObjectName(f"reason_{check}")
            chart = CompareBars()
            chart.setObjectName(f"chart_{check}")
            self._chart(check, result, chart)
            self.checks_grid.addWidget(badge, row, 0, Qt.AlignmentFlag.AlignTop)
            self.checks_grid.addWidget(reason, row, 1, 1, 2, Qt.AlignmentFlag.AlignTop)
            self.checks_grid.addWidget(chart, row, 3)
            self.check_rows[check] = (badge, reason, chart)
        self.checks_grid.setColumnMinimumWidth(3, 260)
        self.checks_grid.setRowStretch(len(shown), 1)

    def _chart(self, check: str, result: Any, chart: CompareBars) -> None:
        st, ctx = self.status, self.ctx
        f = result.figures if result is not None else {}
        cand, prod = target(st.model), target(st.previous)
        if check == "latency" and "candidate_p95_ms" in f:
            unit = tr("{ms} ms")
            chart.show_bars([Bar(prod, f["production_p95_ms"], unit.format(ms=ctx.num(round(f["production_p95_ms"]))), PROD),
                             Bar(cand, f["candidate_p95_ms"], unit.format(ms=ctx.num(round(f["candidate_p95_ms"]))), CAND)],
                            f["limit_ms"], tr("limit {ms} ms").format(ms=ctx.num(round(f["limit_ms"]))))
        elif check == "quality" and f.get("candidate_rate") is not None and f.get("production_rate") is not None:
            chart.show_bars([Bar(prod, f["production_rate"], tr("{share} thumbs down").format(share=ctx.percent(f["production_rate"])), PROD),
                             Bar(cand, f["candidate_rate"], tr("{share} thumbs down").format(share=ctx.percent(f["candidate_rate"])), CAND)])
        elif check == "support_tickets" and "candidate_per_1000" in f:
            chart.show_bars([Bar(prod, f["production_per_1000"], tr("{n} per 1,000").format(n=ctx.fixed(f["production_per_1000"], 1)), PROD),
                             Bar(cand, f["candidate_per_1000"], tr("{n} per 1,000").format(n=ctx.fixed(f["candidate_per_1000"], 1)), CAND)])
        elif "candidate_answered" in f:  # waiting for requests: how far each side has come
            need = max(1, int(f.get("need") or 1))  # bars as progress towards the requests needed (full at the line)
            chart.show_bars([Bar(prod, min(need, f["production_answered"]), f"{ctx.num(f['production_answered'])}/{ctx.num(need)}", PROD),
                             Bar(cand, min(need, f["candidate_answered"]), f"{ctx.num(f['candidate_answered'])}/{ctx.num(need)}", CAND)], need,
                            tr("needed: {n}").format(n=ctx.num(need)))
        else:
            chart.show_bars([])
            chart.setFixedHeight(4)

    def _show_versions(self, rows: list[Any]) -> None:
        ctx = self.ctx
        fill_table(self.versions, [[f"v{r.number}", r.name, version_stage(r.stage), ", ".join(alias_name(a) for a in r.aliases) or "—",
                                    r.base_model, f"v{r.dataset_version}", "—" if r.evaluation_id is None else ctx.num(r.evaluation_id),
                                    "—" if r.gate is None else tr("passed") if r.gate else tr("failed"), r.created_by, ctx.date(r.created_at)]
                                   for r in rows])

    def _show_history(self, moves: list[Any], st: Any) -> None:
        ctx = self.ctx
        when = self._when
        fill_table(self.moves, [[when(m.moved_at), alias_name(m.alias), "—" if m.from_number is None else target(aliases.target_name(m.from_number)),
                                 tr("(removed)") if m.to_number is None else target(aliases.target_name(m.to_number)), m.moved_by,
                                 localize(m.reason, ctx)]
                                for m in reversed(moves)])
        events = [] if st is None else [e for e in reversed(st.events)]
        fill_table(self.events, [[when(e.at), ctx.num(e.stage + 1), event_name(e.kind), e.actor, e.note] for e in events])

    def _when(self, at: Any) -> str:
        local = at.astimezone()  # the date and the time of this machine's clock, both
        return f"{self.ctx.date(local)} {self.ctx.digits(local.strftime('%H:%M:%S'))}"

    def _show_checklist(self, lines: list[Any]) -> None:
        from atlas_desktop.core.messages import Msg

        parts = []
        for line in lines:
            mark = "<span style='color:#1e8449'>✔</span>" if line.done else "<span style='color:#c0392b'>✘</span>"
            parts.append(f"<p>{mark} <b>{html.escape(localize(Msg(f'checklist.{line.key}'), self.ctx))}</b><br/>"
                         f"<span style='color:#444'>{html.escape(localize(line.detail, self.ctx))}</span></p>")
        done = sum(1 for x in lines if x.done)
        head = tr("{done} of {total} done. Computed from the project's state; nothing here is ticked by hand.").format(
            done=self.ctx.num(done), total=self.ctx.num(len(lines)))
        self.checklist.setText(f"<p>{head}</p>" + "".join(parts))

    def _enable(self, st: Any) -> None:
        project = bool(self.ctx.current_project)
        active = st is not None and st.active
        running = active and st.state == "running"
        self.start_btn.setEnabled(project and not active)
        passed = running and (all(r.state == "pass" for r in st.results) and (bool(st.results) or not st.current.checks))
        self.promote_btn.setEnabled(passed)
        self.promote_btn.setToolTip("" if passed or not running else tr("Every check of the stage must pass first."))
        self.pause_btn.setEnabled(active and st.state in ("running", "paused", "drill"))
        self.pause_btn.setText(tr("Pause…") if not active or st.state == "running" else tr("Resume…"))
        self.sign_btn.setEnabled(active and "final_review" in st.current.checks)
        self.drill_btn.setEnabled(running)
        self.rollback_btn.setEnabled(project and (active or (st is not None and st.state == "completed")))

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    # ------------------------------------------------------------------ acting (the dialogs, then the same calls tests make)
    def _act(self, fn: Any, done: str) -> bool:
        try:
            fn()
        except AtlasError as exc:
            self._say(localize(exc, self.ctx))
            self.refresh()
            return False
        self._say(done)
        self.ctx.changed.emit(Changes(project=self.ctx.current_project, models=True))
        self.refresh()
        return True

    def _seen(self) -> tuple[int | None, str]:
        """The revision and state of the release as shown now: taken before a dialog opens (its
        event loop keeps the refresh timer running), so the action is refused if the release
        changed while the user was deciding."""
        return (self.status.revision, self.status.state) if self.status is not None else (None, "")

    def start_plan(self, path: Path) -> bool:
        def go() -> None:
            controller.start(self.ctx.ws, self.ctx.current_project, load_plan(path))

        return self._act(go, tr("Release started: the first stage's share of the traffic goes to the candidate now."))

    def promote(self, seen: tuple[int | None, str] | None = None) -> bool:
        rev, _state = seen or self._seen()
        return self._act(lambda: controller.promote(self.ctx.ws, self.ctx.current_project, rev), tr("Promoted."))

    def pause_or_resume(self, reason: str = "", seen: tuple[int | None, str] | None = None) -> bool:
        rev, state = seen or self._seen()
        if state == "running":
            return self._act(lambda: controller.pause(self.ctx.ws, self.ctx.current_project, reason, rev), tr("Paused."))
        return self._act(lambda: controller.resume(self.ctx.ws, self.ctx.current_project, reason, rev), tr("Resumed."))

    def rollback(self, reason: str, drill: bool = False, seen: tuple[int | None, str] | None = None) -> bool:
        rev, _state = seen or self._seen()
        return self._act(lambda: controller.rollback(self.ctx.ws, self.ctx.current_project, reason, rev, drill=drill),
                         tr("Rollback drill under way: all traffic is on the previous version until you resume.") if drill
                         else tr("Rolled back: all traffic is on the previous version."))

    def sign(self, note: str, seen: tuple[int | None, str] | None = None) -> bool:
        rev, _state = seen or self._seen()
        return self._act(lambda: controller.sign(self.ctx.ws, self.ctx.current_project, note, rev), tr("Final review signed."))

    def _confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_start(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose a release plan"), str(Path.home()), tr("Release plans (*.yaml *.yml)"))
        if not path:
            return
        try:
            plan = load_plan(Path(path))
        except AtlasError as exc:
            self._say(localize(exc, self.ctx))
            return
        arrow = " ← " if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else " → "
        stages = arrow.join(self.ctx.percent(s.traffic / 100) for s in plan.stages)
        if self._confirm(tr("Start a release"), tr(
                "Release {model} in stages {stages}? The first stage sends {first} of the traffic to it at once; each stage is "
                "promoted when its checks pass, and rolled back if one keeps failing.").format(
                model=embedded(plan.model), stages=stages, first=self.ctx.percent(plan.stages[0].traffic / 100))):
            self.start_plan(Path(path))

    @Slot()
    def _on_promote(self) -> None:
        st, seen = self.status, self._seen()
        if st is None:
            return
        if st.stage + 1 < len(st.plan.stages):
            nxt = st.plan.stages[st.stage + 1]
            text = tr("Promote to stage {n}: {traffic} of the traffic to {model}? Users already on it stay on it.").format(
                n=self.ctx.num(st.stage + 2), traffic=self.ctx.percent(nxt.traffic / 100), model=target(st.model))
        else:
            text = tr("Finish the release: {model} becomes production for all traffic, and {previous} stays ready to roll back to?").format(
                model=target(st.model), previous=target(st.previous))
        if self._confirm(tr("Promote"), text):
            self.promote(seen)

    @Slot()
    def _on_pause(self) -> None:
        st, seen = self.status, self._seen()
        if st is None:
            return
        if st.state == "running":
            text = tr("Pause the release? The traffic stays as it is; nothing is promoted or rolled back until you resume.")
        elif st.state == "drill":
            text = tr("End the drill and resume? {model} gets its stage's share of the traffic again, and the stage is watched afresh.").format(
                model=target(st.model))
        else:
            text = tr("Resume the release? The checks are acted on again.")
        if self._confirm(tr("Pause") if st.state == "running" else tr("Resume"), text):
            self.pause_or_resume(seen=seen)

    @Slot()
    def _on_sign(self) -> None:
        seen = self._seen()
        note, ok = QInputDialog.getMultiLineText(self, tr("Sign the final review"), tr(
            "What did you review? Your sign-off is recorded with your name; it counts only if you neither trained the candidate "
            "nor started the release."))
        if ok:
            self.sign(note, seen)

    @Slot()
    def _on_drill(self) -> None:
        st, seen = self.status, self._seen()
        if st is None:
            return
        if self._confirm(tr("Rollback drill"), tr(
                "Run a rollback drill? All traffic goes back to {previous} in one step, as a real rollback would, until you resume "
                "the release. The drill is recorded for the launch checklist.").format(previous=target(st.previous))):
            self.rollback(tr("rollback drill"), drill=True, seen=seen)

    @Slot()
    def _on_rollback(self) -> None:
        st, seen = self.status, self._seen()
        if st is None:
            return
        back_to = st.previous
        reason, ok = QInputDialog.getText(self, tr("Roll back"), tr(
            "Roll back now? All traffic goes to {previous} in one step; requests already running finish. Why (for the audit trail)?").format(
            previous=target(back_to)))
        if ok:
            self.rollback(reason, seen=seen)
