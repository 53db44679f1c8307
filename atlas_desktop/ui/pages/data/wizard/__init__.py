"""The import wizard: files -> columns -> validation -> redaction review -> duplicates ->
quality -> split -> save.

One widget per step (files.py ... save.py) over a shared model of the import (model.py), in a
window that only navigates and shows the running job (dialog.py). The analysis, the changes that
touch every conversation (keep N per cluster, split again) and the save run in a child process
(core.data.pipeline's jobs) with progress, counts and Cancel; the window reads the import draft
they leave a page at a time and never holds the analysis, so it stays light and responsive
whatever the size of the import."""

from atlas_desktop.ui.pages.data.wizard.common import ConversationView, Step
from atlas_desktop.ui.pages.data.wizard.dialog import STEP_CLASSES, STEPS, ImportWizard, step_title
from atlas_desktop.ui.pages.data.wizard.fix_dialog import FixDialog
from atlas_desktop.ui.pages.data.wizard.model import ImportModel

__all__ = ["STEPS", "STEP_CLASSES", "ConversationView", "FixDialog", "ImportModel", "ImportWizard", "Step", "step_title"]
