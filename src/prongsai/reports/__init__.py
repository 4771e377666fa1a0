"""Thai documents from the engine objects: the analysis report with its measures plan (O42) and progress (O43)."""
