pytest_plugins = ["praxis_dev.testing.plugin"]
