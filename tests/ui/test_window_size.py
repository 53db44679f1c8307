"""The window fits a 1280×720 screen in both languages (issue #14 item 16), on every page."""

from __future__ import annotations

import pytest

from atlas_desktop.core.data.pipeline import import_files
from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
from atlas_desktop.ui.pages.catalog import PAGE_KEYS


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_window_and_the_wizard_fit_1280_by_720(make_window, ws, lang: str) -> None:  # noqa: ANN001
    name, _ = ensure_demo_project(ws)
    import_files(ws, name, [SAMPLE_CONVERSATIONS])
    w = make_window(ws, lang)
    for key in PAGE_KEYS:  # a page shown once stays in the window's stack: its minimum counts from then on
        w.show_page(key)
        smallest = w.minimumSizeHint().expandedTo(w.minimumSize())
        assert smallest.width() <= 1280 and smallest.height() <= 720, (key, smallest.toTuple())
    data = w.show_page("data")
    data.open_wizard(sample=True)
    wiz = data.wizard
    smallest = wiz.minimumSizeHint().expandedTo(wiz.minimumSize())
    assert smallest.width() <= 1280 and smallest.height() <= 720
    assert wiz.frameGeometry().height() <= w.screen().availableGeometry().height()  # its title bar fits too
    wiz.reject()
