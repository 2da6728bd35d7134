"""Test support: real PostgreSQL and NATS JetStream servers for integration tests (pytest plugin in .plugin)."""
