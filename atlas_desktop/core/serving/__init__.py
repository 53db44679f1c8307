"""Serving: the OpenAI-compatible gateway (gateway.py), its client keys (keys.py), sticky weighted
routing (routing.py), the inference servers behind it (backends.py), local telemetry
(telemetry.py) and the project's serving settings (settings.py). Nothing is imported here, so the
catalogue can be read without the web stack."""
