"""Pure domain core: ITA frameworks, results, scoring, grading and reconciliation (no framework imports)."""
