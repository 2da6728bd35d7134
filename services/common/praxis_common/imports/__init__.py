"""Bulk imports as asynchronous jobs (docs/imports.md): the job resource and its table (jobs.py), reading CSV files
with their line numbers (files.py), the worker that runs queued jobs a batch per transaction (runner.py) and the REST
routes every importing service mounts (http.py)."""
