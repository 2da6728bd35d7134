"""REST routes of the credentials service."""
