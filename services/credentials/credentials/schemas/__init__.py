"""Request and response models of the credentials service, shared by REST and gRPC (each input's to_command())."""
