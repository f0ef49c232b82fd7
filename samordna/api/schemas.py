"""Schema helpers shared by the routers."""

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator


def choices_literal(choices) -> type:
    """A ``Literal`` of a TextChoices' values, for API schemas.

    Model choices are nested classes with shared names (``Kind``, ``Status``); used directly,
    OpenAPI would publish one ``Kind`` component for all of them. A Literal is inlined per field,
    so every parameter documents its own values."""
    return Literal[tuple(choices.values)]  # type: ignore[return-value]


def _plain_utc(value: datetime.datetime) -> datetime.datetime:
    """Any offset the ISO format allows (up to ±23:59) in UTC, inside the years both databases
    store; PostgreSQL refuses offsets beyond ±15:59 and would fail the request."""
    if value.tzinfo is not None:
        try:
            value = value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValueError("date and time out of range") from None
    if not DATETIME_MIN_YEAR <= value.year <= DATETIME_MAX_YEAR:
        raise ValueError(f"the year must be between {DATETIME_MIN_YEAR} and {DATETIME_MAX_YEAR}")
    return value


DATETIME_MIN_YEAR = 1900
DATETIME_MAX_YEAR = 2200
# A date and time in a request: normalised to UTC when it has an offset, years 1900–2200.
ApiDateTime = Annotated[datetime.datetime, AfterValidator(_plain_utc)]
