"""The measures plan as a file an officer edits: XLSX, CSV or JSON, read back with row-level validation."""
