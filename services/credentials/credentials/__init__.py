"""Credentials: Open Badges 3.0 credentials co-signed by a school and a host enterprise (docs/credentials.md)."""
