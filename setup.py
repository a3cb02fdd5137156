"""Kept for ``scrapyd-deploy``, which builds eggs with ``setup.py bdist_egg``; see pyproject.toml."""

from setuptools import setup

setup()
