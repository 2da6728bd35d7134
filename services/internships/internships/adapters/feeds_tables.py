"""The change log behind `updated_since` feeds (praxis_common.feeds), written only by triggers."""

from internships.adapters.orm import metadata
from praxis_common.feeds import change_log_table

change_log = change_log_table(metadata)
