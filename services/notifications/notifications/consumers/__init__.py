"""The events the notifications service listens to: internships' placement and agreement events, queued as
webhook deliveries for the organisations they concern (handlers/deliveries.py)."""
