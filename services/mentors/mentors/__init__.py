"""Praxis mentors service."""
