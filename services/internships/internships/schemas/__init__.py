"""Request and response bodies of the internships service, a module per resource.

Both edges use them: a REST route takes the body as one of these models, a gRPC servicer builds the same model
from the protobuf message (so the same rules give the same errors), and the model's one mapping method builds
the handler's command (`to_command()`, or the domain values a handler takes as arguments)."""
