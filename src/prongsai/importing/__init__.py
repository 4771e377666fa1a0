"""Adapters that read result files (CSV, XLSX, JSON) into validated ResultSets."""
