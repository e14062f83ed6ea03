"""Pure-Python pieces of incident extraction; `incidents.extract` is the entry point."""
