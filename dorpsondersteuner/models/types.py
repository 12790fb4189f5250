"""Column helpers for the domain's vocabularies."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

from sqlalchemy import Dialect, Enum, Integer, TypeDecorator


def text_enum(enum_cls: type[StrEnum]) -> Enum:
    """A StrEnum stored as its value in a short text column.

    Python checks the value on the way in; the column has room for values added later
    without a migration, and no database constraint that a new value would break.
    """
    return Enum(
        enum_cls,
        name=enum_cls.__name__.lower(),
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class FlagSet(TypeDecorator[IntFlag]):
    """An IntFlag stored as an integer (bit tests work in every SQL dialect)."""

    impl = Integer
    cache_ok = True

    def __init__(self, flag_cls: type[IntFlag]) -> None:
        super().__init__()
        self.flag_cls = flag_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else int(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> IntFlag | None:
        return None if value is None else self.flag_cls(value)
