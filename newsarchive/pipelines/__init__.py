"""Item pipelines: thin adapters that call the cores in order (cleaning, dedup, storage)."""
