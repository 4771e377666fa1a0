"""Evidence for OIT items: checking that the published links still answer."""
