"""The local model store now; model versions, aliases and release plans later."""
