"""The events the mentors service listens to, each mapped to a command and applied by its use case (through the
unit the kernel's consumer opened and claimed the event in): placements (internships) and project teams."""
