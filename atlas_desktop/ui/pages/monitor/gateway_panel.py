"""The gateway as the window shows it: where it listens and the client keys of the project,
which are made (the key shown once, to copy) and revoked here as with ``atlas serve keys``.

Start runs ``atlas serve`` for the project as a process of its own session
(core/serving/service.py), so the gateway keeps serving when the window closes; Stop ends it
(it stops its backends and writes its telemetry first). Both run off the GUI thread: a start
waits until the gateway answers its health check."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.jobs import JobResult
from atlas_desktop.core.serving import keys as serving_keys_core
from atlas_desktop.core.serving.monitor import serving_keys
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.tables import fill_table, make_table, selected_row

DEFAULT_ADDRESS = "http://127.0.0.1:8800/v1"  # `atlas serve`'s default: loopback only


def gateway_available() -> bool:
    return importlib.util.find_spec("atlas_desktop.core.serving.gateway") is not None


class GatewayPanel(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.address = QLabel()
        self.address.setObjectName("gatewayAddress")
        self.address.setWordWrap(True)
        self.start_btn = QPushButton(tr("Start the gateway"))
        self.stop_btn = QPushButton(tr("Stop the gateway"))
        self.start_btn.clicked.connect(self._on_start)
        self.stop_btn.clicked.connect(self._on_stop)
        self.state = QLabel()
        self.state.setObjectName("gatewayState")
        self.state.setWordWrap(True)
        self.job = None
        available = gateway_available()
        for b in (self.start_btn, self.stop_btn):
            b.setEnabled(available)
            if not available:
                b.setToolTip(tr("The gateway is not in this build yet: it comes with `atlas serve`."))
        self.keys_title = QLabel()
        self.keys = make_table([tr("Client application"), tr("Key begins"), tr("Created by"), tr("Created"), tr("State")],
                               user_columns=(0, 1, 2))
        self.keys.setObjectName("gatewayKeys")
        self.keys.setMinimumHeight(60)
        self.keys.itemSelectionChanged.connect(self._on_key_selected)
        self.new_key_btn = QPushButton(tr("New key…"))
        self.new_key_btn.setObjectName("newKey")
        self.new_key_btn.setToolTip(tr("A key for one client application; it is shown once, to copy into that application."))
        self.revoke_btn = QPushButton(tr("Revoke…"))
        self.revoke_btn.setObjectName("revokeKey")
        self.revoke_btn.setEnabled(False)
        self.new_key_btn.clicked.connect(self._on_new_key)
        self.revoke_btn.clicked.connect(self._on_revoke)
        self.key_note = QLabel()
        self.key_note.setObjectName("keyNote")
        self.key_note.setWordWrap(True)
        self.key_note.hide()  # shown with the outcome of New key… or Revoke…
        self.shown_keys: list = []
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_btn)
        buttons.addWidget(self.stop_btn)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.address)
        lay.addLayout(buttons)
        lay.addWidget(self.state)
        keys_row = QHBoxLayout()
        keys_row.addWidget(self.keys_title, 1)
        keys_row.addWidget(self.new_key_btn)
        keys_row.addWidget(self.revoke_btn)
        lay.addLayout(keys_row)
        lay.addWidget(self.keys, 1)
        lay.addWidget(self.key_note)

    def reload(self) -> None:
        project = self.ctx.current_project
        self.address.setText(tr("Applications send their requests to {address}; the gateway listens on this machine only unless told otherwise.").format(
            address=f"\u2066{DEFAULT_ADDRESS}\u2069"))
        self._show_state()
        keys = serving_keys(self.ctx.ws, project) if project else []
        self.shown_keys = keys
        self.new_key_btn.setEnabled(bool(project))
        live = sum(1 for k in keys if k.revoked_at is None)
        self.keys_title.setText(tr("Client keys: {n} in use, {r} revoked. Only each key's hash is kept; a key is shown once, when it is made.").format(
            n=self.ctx.num(live), r=self.ctx.num(len(keys) - live)))
        fill_table(self.keys, [[k.name, f"\u2066{k.prefix}…\u2069", k.created_by, self.ctx.date(k.created_at),
                                tr("revoked {date}").format(date=self.ctx.date(k.revoked_at)) if k.revoked_at else tr("in use")] for k in keys])
        self._on_key_selected()

    # ------------------------------------------------------------------ client keys
    def selected_key(self):  # noqa: ANN201 - KeyInfo | None
        row = selected_row(self.keys)
        return self.shown_keys[row] if 0 <= row < len(self.shown_keys) else None

    def _note(self, text: str) -> None:
        self.key_note.setText(text)
        self.key_note.show()

    @Slot()
    def _on_key_selected(self) -> None:
        k = self.selected_key()
        self.revoke_btn.setEnabled(k is not None and k.revoked_at is None)

    @Slot()
    def _on_new_key(self) -> None:
        name, ok = QInputDialog.getText(self, tr("New client key"), tr("Which client application is the key for (its name, as people know it)?"))
        if ok:
            secret = self.create_key(name)
            if secret:
                KeyShownDialog(self, name.strip(), secret).exec()

    def create_key(self, name: str) -> str | None:
        """Make a key for ``name``; the secret (to show once), or None when refused (said below the table)."""
        try:
            info, secret = serving_keys_core.create_key(self.ctx.ws, self.ctx.current_project, name)
        except AtlasError as exc:
            self._note(localize(exc, self.ctx))
            return None
        self.reload()
        self._note(tr("Key made for {name}: it works from the gateway's next request.").format(name=info.name))
        return secret

    @Slot()
    def _on_revoke(self) -> None:
        k = self.selected_key()
        if k is None:
            return
        answer = QMessageBox.question(self, tr("Revoke the key"), tr(
            "Revoke the key of {name} (\u2066{prefix}…\u2069)? Within a second the gateway refuses it (401): that application stops "
            "getting answers until it has a new key. This cannot be undone.").format(name=k.name, prefix=k.prefix))
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke_key(k.prefix)

    def revoke_key(self, prefix: str) -> bool:
        try:
            info = serving_keys_core.revoke_key(self.ctx.ws, self.ctx.current_project, prefix)
        except AtlasError as exc:
            self._note(localize(exc, self.ctx))
            return False
        self.reload()
        self._note(tr("Key of {name} revoked.").format(name=info.name))
        return True

    def _running(self):  # noqa: ANN202
        from atlas_desktop.core.serving.service import status

        project = self.ctx.current_project
        return status(self.ctx.ws, project) if project and gateway_available() else None

    def _show_state(self) -> None:
        svc = self._running()
        busy = self.job is not None
        if svc is None:
            self.state.setText(tr("The gateway is not running."))
        else:
            self.state.setText(tr("The gateway is running at {url} (process {pid}); it keeps serving when this window closes.").format(
                url=f"\u2066{svc.url}\u2069", pid=self.ctx.num(svc.pid)))
        if gateway_available():
            self.start_btn.setEnabled(not busy and svc is None)
            self.stop_btn.setEnabled(not busy and svc is not None)

    def _run(self, name: str, fn) -> None:  # noqa: ANN001
        self.job = self.ctx.jobs.run(name, fn)
        self.job.finished.connect(self._on_done)
        self._show_state()

    @Slot()
    def _on_start(self) -> None:
        from atlas_desktop.core.serving.service import start

        ws, project = self.ctx.ws, self.ctx.current_project
        self.state.setText(tr("Starting the gateway…"))
        self._run(tr("Starting the gateway"), lambda _c, _r, _x: start(ws, project))
        self.state.setText(tr("Starting the gateway…"))

    @Slot()
    def _on_stop(self) -> None:
        from atlas_desktop.core.serving.service import stop

        ws, project = self.ctx.ws, self.ctx.current_project
        self._run(tr("Stopping the gateway"), lambda _c, _r, _x: stop(ws, project))
        self.state.setText(tr("Stopping the gateway…"))

    @Slot(object)
    def _on_done(self, result: JobResult) -> None:
        self.job = None
        self._show_state()
        if result.status == "failed":
            self.state.setText(localize(result.error_msg or result.error, self.ctx))


class KeyShownDialog(QDialog):
    """The new key, once: selectable, with Copy; the database keeps only its hash."""

    def __init__(self, parent: QWidget, name: str, secret: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New client key"))
        text = QLabel(tr("The key for {name}. Copy it into that application now: it is not shown again (only its hash is kept).").format(name=name))
        text.setWordWrap(True)
        self.field = QLineEdit(secret)
        self.field.setReadOnly(True)
        self.field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.field.setMinimumWidth(440)
        self.field.selectAll()
        copy = QPushButton(tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(secret))
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(copy)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addLayout(row)
        lay.addWidget(box)
