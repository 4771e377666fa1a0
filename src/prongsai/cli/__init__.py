"""The `prongsai` command line (Typer + Rich), in Thai."""
