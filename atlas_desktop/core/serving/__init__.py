"""Serving: the OpenAI-compatible gateway (gateway.py, transport.py), its client keys (keys.py),
sticky weighted routing (routing.py), the inference servers behind it (backends.py, merge.py,
backend_main.py), local telemetry (telemetry.py), the project's serving settings (settings.py),
running it from the window (service.py); and monitoring: request features (features.py), drift
(drift.py, drift_settings.py), the Monitor page's queries (monitor.py), the telemetry export
(export.py) and help-desk tickets (tickets.py). Nothing is imported here, so the catalogues can
be read without the web stack."""
