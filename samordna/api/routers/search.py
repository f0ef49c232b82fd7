from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.search import selectors
from samordna.search.providers import PROVIDERS

router = Router(tags=["search"])

SearchKind = Annotated[
    str,
    Field(
        pattern="^(" + "|".join(p.kind for p in PROVIDERS) + ")$",
        description="only documents of this kind: " + ", ".join(p.kind for p in PROVIDERS),
    ),
]


class SearchFilters(Schema):
    q: Annotated[str, Field(min_length=1, max_length=200, description="Swedish search words")]
    kind: SearchKind | None = None


class SearchHitOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    snippet: str = Field(description="HTML: escaped text with the matching words in <mark>")
    meta: str = ""


class SearchPagination(Pagination):
    """The shared pagination, plus highlighted snippets for the documents of the page only."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request=request, **params)
        documents = list(result["items"])
        snippets = selectors.search_snippets(documents, params["filters"].q)
        result["items"] = [
            {
                "kind": d.kind,
                "id": d.object_id,
                "title": d.title,
                "url": request.build_absolute_uri(d.url),
                "snippet": snippets.get(d.pk, ""),
                "meta": d.meta,
            }
            for d in documents
        ]
        return result


@router.get(
    "/search",
    response=list[SearchHitOut],
    summary="Swedish full-text search across the platform",
    description="Ranked matches with Swedish stemming (“våldsutsatta” finds “våldsutsatt”). "
    "Unpublished objects only for staff of their county (bearer token).",
)
@paginate(SearchPagination)
def search(request, filters: Query[SearchFilters]):
    q = filters.q.strip()
    return selectors.search_documents_for_user(api_user(request), q=q, kind=filters.kind or "")
