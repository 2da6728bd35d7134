pytest_plugins = ["praxis_common.testing.plugin"]
