"""Staged releases: the plan, the registry's aliases and their history, the checks, the controller, rollback and the launch checklist (no Qt)."""
