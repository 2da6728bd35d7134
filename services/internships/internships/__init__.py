"""Praxis internships service."""
