# PyInstaller runtime hook: runs before the bundle's own code. Offline by construction: the
# Hugging Face libraries read these variables when they are imported, so they are set here,
# before anything can import them (the same list `atlas doctor` checks).
from atlas_desktop.core.offline import enforce_offline_env

enforce_offline_env()
