"""The import wizard: files -> columns -> validation -> redaction review -> duplicates ->
quality -> split -> save.

The analysis, the changes that touch every conversation (keep N per cluster, split again) and
the save run in a child process (core.data.pipeline's jobs) with progress, counts and Cancel;
the window reads the import draft they leave a page at a time and never holds the analysis,
so it stays light and responsive whatever the size of the import."""

from atlas_desktop.ui.pages.data.wizard.common import ConversationView
from atlas_desktop.ui.pages.data.wizard.dialog import STEPS, ImportWizard, step_title
from atlas_desktop.ui.pages.data.wizard.fix_dialog import FixDialog

__all__ = ["STEPS", "ConversationView", "FixDialog", "ImportWizard", "step_title"]
