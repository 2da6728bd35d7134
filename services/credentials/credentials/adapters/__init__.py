"""The credentials service's adapters: tables, repositories, the key store and the unit of work."""
