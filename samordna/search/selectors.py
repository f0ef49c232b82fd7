"""Reads of the search index, scoped by county and publication like the source objects."""

from django.db.models import QuerySet

from samordna.core.permissions import visible_to

from . import fulltext
from .models import SearchDocument


def search_documents_for_user(user, *, q: str, kind: str = "") -> QuerySet[SearchDocument]:
    """Documents matching ``q`` that the user may see, best match first. Unpublished documents
    only for staff of their county and the national role."""
    queryset = visible_to(SearchDocument.objects.select_related("county"), user)
    if kind:
        queryset = queryset.filter(kind=kind)
    return fulltext.matching(queryset, q)


def search_snippets(documents, q: str) -> dict[int, str]:
    """Highlighted, HTML-escaped snippets for the documents of one page."""
    return fulltext.snippets(documents, q)
