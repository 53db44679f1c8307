"""Atlas Desktop: fine-tune an Arabic language model on-prem.

Importing the package switches every Hugging Face library to offline mode
before any of them can be imported (see :mod:`atlas_desktop.core.offline`).
"""

from atlas_desktop.core.offline import enforce_offline_env as _enforce_offline_env

_enforce_offline_env()

__version__ = "0.1.0"
