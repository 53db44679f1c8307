"""The Qt-free core: domain, storage, jobs. Runs headless and in every test."""
