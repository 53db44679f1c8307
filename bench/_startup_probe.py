"""Child of bench/startup.py: start the app as `atlas gui` does and exit at the first paint."""

import sys
import time


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from atlas_desktop.ui.app import build_window, create_app
    from atlas_desktop.core.workspace import Workspace

    app = create_app()
    ws = Workspace.open()
    window = build_window(app, ws, sys.argv[1] if len(sys.argv) > 1 else None)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: ANN001, N802
            if event.type() == QEvent.Type.Paint:
                print(f"painted {time.time():.6f}", flush=True)
                QTimer.singleShot(0, app.quit)
                obj.removeEventFilter(self)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.resize(1280, 800)
    window.show()
    if app.platformName() == "offscreen":
        window.grab()  # offscreen has no compositor: grabbing is what paints it
    app.exec()
    window.ctx.jobs.shutdown()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
