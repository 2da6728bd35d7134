"""The credentials domain: pure, no I/O (what a credential says, how it is secured, checked and revoked)."""
