"""Techport innovation funnel tracker: the domain, storage and command line (no UI code)."""
