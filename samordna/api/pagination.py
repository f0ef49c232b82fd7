"""The API's one pagination: ``?page=&page_size=`` → ``{"items": [...], "count": N}``."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: Annotated[int, Field(ge=1, le=100000)] = 1
        page_size: Annotated[int | None, Field(ge=1, le=200)] = None

    def __init__(self, **kwargs):
        kwargs.setdefault("page_size", 50)
        kwargs.setdefault("max_page_size", 200)
        super().__init__(**kwargs)
