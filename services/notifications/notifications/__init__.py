"""Praxis notifications: webhook subscriptions of organisations and their signed deliveries."""
