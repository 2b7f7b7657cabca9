"""Cited, extractive answers to Danish and English questions over Danish public-sector texts."""

__version__ = "0.1.0"
