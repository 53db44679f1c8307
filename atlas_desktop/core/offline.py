"""Offline by construction.

Atlas never fetches a model or data set at run time. These variables make the
Hugging Face libraries refuse to reach the hub and switch off telemetry; they
are set when the package is imported, before any of those libraries is.
"""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "DO_NOT_TRACK": "1",
    "DISABLE_TELEMETRY": "1",
    "WANDB_DISABLED": "true",
    "WANDB_MODE": "disabled",
}


def enforce_offline_env() -> None:
    """Force offline mode; an explicit "0" from the user is overridden on purpose."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value


def offline_status() -> dict[str, str]:
    return {key: os.environ.get(key, "") for key in OFFLINE_ENV}


def is_offline() -> bool:
    return all(os.environ.get(k) == v for k, v in OFFLINE_ENV.items())
