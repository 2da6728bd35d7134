"""`praxis` commands for people: they call a deployment's REST APIs with a bearer token (client.py)."""
