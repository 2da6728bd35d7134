"""Use cases of the credentials service: each `handler(command, principal, uow=...)`, as every edge calls them."""
