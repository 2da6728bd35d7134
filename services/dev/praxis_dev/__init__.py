"""Praxis for development and tests, never installed in a service image: the embedded default (`praxis up`), dev
tokens (`praxis keygen`, `praxis token`), and the real test servers and service stack (pytest plugin
`praxis_dev.testing.plugin`)."""
