"""Request and response bodies of the projects service, a module per resource. REST reads a request body into
one of these models and gRPC builds the same model from its message; either way the model's `to_command()` is the
one place a request becomes the handler's command.

Scores are numbers from 0 to 100 (two decimals kept, half up); weights numbers from 0 to 1 that sum to 1."""
