"""Schema helpers shared by the routers."""

from typing import Literal


def choices_literal(choices) -> type:
    """A ``Literal`` of a TextChoices' values, for API schemas.

    Model choices are nested classes with shared names (``Kind``, ``Status``); used directly,
    OpenAPI would publish one ``Kind`` component for all of them. A Literal is inlined per field,
    so every parameter documents its own values."""
    return Literal[tuple(choices.values)]  # type: ignore[return-value]
