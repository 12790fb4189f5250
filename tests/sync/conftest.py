"""The sync tests use the core tests' registers and factories."""

from tests.core.conftest import intake, people, town, town_template

__all__ = ["intake", "people", "town", "town_template"]
