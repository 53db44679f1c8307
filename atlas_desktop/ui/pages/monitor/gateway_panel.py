"""The gateway as the window shows it: where it listens and the client keys of the project.

Starting and stopping it come with the gateway itself (``atlas serve``,
core/serving/gateway.py): until that module is in the build, the two buttons stay disabled and
say why. Once it is, they are enabled and ask for it through ``start_requested`` and
``stop_requested``, which the page hands on to whatever runs the gateway's child process."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from atlas_desktop.core.serving.monitor import serving_keys
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.tables import fill_table, make_table

DEFAULT_ADDRESS = "http://127.0.0.1:8800/v1"  # `atlas serve`'s default: loopback only


def gateway_available() -> bool:
    return importlib.util.find_spec("atlas_desktop.core.serving.gateway") is not None


class GatewayPanel(QWidget):
    start_requested = Signal()
    stop_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.address = QLabel()
        self.address.setObjectName("gatewayAddress")
        self.address.setWordWrap(True)
        self.start_btn = QPushButton(tr("Start the gateway"))
        self.stop_btn = QPushButton(tr("Stop the gateway"))
        self.start_btn.clicked.connect(self.start_requested)
        self.stop_btn.clicked.connect(self.stop_requested)
        available = gateway_available()
        for b in (self.start_btn, self.stop_btn):
            b.setEnabled(available)
            if not available:
                b.setToolTip(tr("The gateway is not in this build yet: it comes with `atlas serve`."))
        self.keys_title = QLabel()
        self.keys = make_table([tr("Client application"), tr("Key begins"), tr("Created by"), tr("Created"), tr("State")],
                               user_columns=(0, 1, 2))
        self.keys.setObjectName("gatewayKeys")
        self.keys.setMinimumHeight(90)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_btn)
        buttons.addWidget(self.stop_btn)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.address)
        lay.addLayout(buttons)
        lay.addWidget(self.keys_title)
        lay.addWidget(self.keys, 1)

    def reload(self) -> None:
        project = self.ctx.current_project
        self.address.setText(tr("Applications send their requests to {address}; the gateway listens on this machine only unless told otherwise.").format(
            address=f"\u2066{DEFAULT_ADDRESS}\u2069"))
        keys = serving_keys(self.ctx.ws, project) if project else []
        live = sum(1 for k in keys if k.revoked_at is None)
        self.keys_title.setText(tr("Client keys: {n} in use, {r} revoked. Only each key's hash is kept; a key is shown once, when it is made.").format(
            n=self.ctx.num(live), r=self.ctx.num(len(keys) - live)))
        fill_table(self.keys, [[k.name, f"\u2066{k.prefix}…\u2069", k.created_by, self.ctx.date(k.created_at),
                                tr("revoked {date}").format(date=self.ctx.date(k.revoked_at)) if k.revoked_at else tr("in use")] for k in keys])
