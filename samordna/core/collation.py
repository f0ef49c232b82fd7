"""Swedish alphabetical order on both databases.

Code-point order puts Ä before Å and sorts "Örebro" correctly only by luck; Swedish readers expect
… X Y Z Å Ä Ö. ``swedish(field)`` is an ``order_by`` expression that uses PostgreSQL's ICU
collation ``sv-SE-x-icu`` and, on SQLite, a collation named ``swedish`` that this module registers
on every new connection (see ``CoreConfig.ready``).
"""

from __future__ import annotations

import functools
import unicodedata

from django.db.models.functions import Collate

SQLITE_COLLATION = "swedish"
POSTGRESQL_COLLATION = "sv-SE-x-icu"

# Å, Ä, Ö (and the Danish/Norwegian/Finnish forms Swedish dictionaries file with them) come after
# Z; characters above every letter keep them there.
_AFTER_Z = {"å": "\uffe1", "ä": "\uffe2", "æ": "\uffe2", "ö": "\uffe3", "ø": "\uffe3"}


@functools.lru_cache(maxsize=8192)
def swedish_sort_key(text: str) -> tuple[str, str]:
    """Primary key: case-folded letters with accents removed except Å/Ä/Ö; ties are broken by
    the original text so the order is total and stable."""
    primary = []
    for char in text.casefold():
        if char in _AFTER_Z:
            primary.append(_AFTER_Z[char])
            continue
        base = unicodedata.normalize("NFD", char)[0]
        primary.append(base)
    return "".join(primary), text


def _compare(left: str, right: str) -> int:
    a, b = swedish_sort_key(left), swedish_sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: teach each SQLite connection the Swedish order."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


class Swedish(Collate):
    """``order_by(Swedish("name"))`` sorts in Swedish alphabetical order on either database."""

    def __init__(self, expression):
        super().__init__(expression, SQLITE_COLLATION)

    def as_postgresql(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(POSTGRESQL_COLLATION)
        return self.as_sql(compiler, connection, **extra_context)


def swedish(field: str) -> Swedish:
    return Swedish(field)
