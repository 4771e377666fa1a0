"""Scoring a whole country at once: the bulk reader, the one engine, and up to a few processes."""
