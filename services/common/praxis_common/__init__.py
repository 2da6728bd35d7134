"""Praxis shared kernel: the parts every service needs once, and no domain code."""
