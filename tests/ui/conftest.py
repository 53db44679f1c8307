import pytest


@pytest.fixture
def ws():  # noqa: ANN201
    from atlas_desktop.core.workspace import Workspace

    w = Workspace.open()
    yield w
    w.close()


@pytest.fixture
def make_window(qtbot, qapp):  # noqa: ANN001, ANN201
    """Build the real main window on a workspace, in English or Arabic."""
    from atlas_desktop.ui.app import build_window

    windows = []

    def make(ws, language: str = "en"):  # noqa: ANN001, ANN202
        w = build_window(qapp, ws, language)
        qtbot.addWidget(w)
        w.show()
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.ctx.jobs.shutdown()
    from atlas_desktop.ui.i18n import apply_language

    apply_language(qapp, "en")
