"""Praxis projects service."""
