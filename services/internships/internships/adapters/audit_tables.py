"""The kernel's audit_entry table on the service's metadata (praxis_common.audit; alembic owns the schema)."""

from internships.adapters.orm import metadata
from praxis_common.audit import audit_entry_table

audit_entry = audit_entry_table(metadata)
