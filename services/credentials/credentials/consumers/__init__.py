"""What the credentials service keeps from other services' events (the achievements a credential may describe)."""
