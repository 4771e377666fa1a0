"""Adapters that write files: blank input templates and batch score tables."""
