"""Spiders: one per way of discovering articles; they route, the cores do the work."""
