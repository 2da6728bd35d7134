"""Repositories of the mentors service: rows <-> domain objects, in SQLAlchemy Core statements only; one module
per resource, each bound to the unit of work's connection (adapters.unit_of_work.MentorsUnit).

Capacity is never counted in Python: a seat is taken with one conditional UPDATE (`load < capacity`) and
given back with another; the CHECK constraint load <= capacity stands behind both. Rows are locked
FOR NO KEY UPDATE (keys never change), so inserting a session or history row that references an
assignment (a KEY SHARE lock) does not wait for it.
"""
