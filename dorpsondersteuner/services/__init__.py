"""Use cases of the core: each takes a Session and returns plain frozen dataclasses."""
