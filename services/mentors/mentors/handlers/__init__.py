"""Use cases of the mentors service: one async function per command or query, each in a unit of work.

REST, gRPC and the event consumers call these; they take already-validated commands and a Principal, and reach
the repositories as attributes of the unit (`u.mentors`, `u.assignments`, ...: adapters.unit_of_work.MentorsUnit)."""
