"""Request and response models of the mentors service, a module per resource. Each input model has one
`to_command()`: REST validates a body with it, gRPC a dict built from the message, and both call the handler with
the command it builds."""
