"""Use cases of the notifications service: webhook endpoints (webhooks.py), deliveries and their worker
(deliveries.py)."""
