"""The Monitor page: traffic per served version over time, request drift with its alerts, and the gateway."""

from atlas_desktop.ui.pages.monitor.page import MonitorPage

__all__ = ["MonitorPage"]
