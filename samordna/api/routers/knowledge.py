from datetime import date
from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.api.schemas import choices_literal
from samordna.knowledge import selectors
from samordna.knowledge.models import KnowledgeItem, ViolenceForm
from samordna.organisations.models import Person
from samordna.search import fulltext

KnowledgeKind = choices_literal(KnowledgeItem.Kind)
TargetGroupValue = choices_literal(Person.TargetGroup)

router = Router(tags=["knowledge"])


class KnowledgeFilters(Schema):
    q: Annotated[str, Field(max_length=200, description="Swedish search words")] = ""
    kind: KnowledgeKind | None = None
    violence_form: ViolenceForm | None = None
    target_group: TargetGroupValue | None = None
    sub_goal: Annotated[int | None, Field(ge=1, le=5)] = None


class KnowledgeItemOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    snippet: str = Field(description="HTML: escaped summary with matching words in <mark>")
    publisher: str | None = None
    published_on: date | None = None
    link: str = ""
    file_url: str = ""
    county_code: str | None = None
    violence_forms: list[str] = []
    target_groups: list[str] = []
    sub_goals: list[int] = []


class KnowledgePagination(Pagination):
    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request=request, **params)
        query_stems = fulltext.parse_query(params["filters"].q).stems
        result["items"] = [_item_out(request, item, query_stems) for item in result["items"]]
        return result


def _item_out(request, item: KnowledgeItem, query_stems: set[str]) -> dict:
    return {
        "kind": item.kind,
        "id": item.pk,
        "title": item.title,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "snippet": fulltext.highlight(item.summary, query_stems),
        "publisher": item.publisher.name if item.publisher else None,
        "published_on": item.published_on,
        "link": item.url,
        "file_url": request.build_absolute_uri(item.get_file_url()) if item.file else "",
        "county_code": item.county.code if item.county else None,
        "violence_forms": item.violence_forms,
        "target_groups": item.target_groups,
        "sub_goals": item.sub_goals,
    }


@router.get(
    "/knowledge",
    response=list[KnowledgeItemOut],
    summary="Knowledge bank",
    description="Web courses, method support, reports, laws and government assignments, good "
    "examples and materials. With q, ranked by Swedish full-text search.",
)
@paginate(KnowledgePagination)
def knowledge_list(request, filters: Query[KnowledgeFilters]):
    user = api_user(request)
    narrowing = {
        "kind": filters.kind or "",
        "violence_form": filters.violence_form or "",
        "target_group": filters.target_group or "",
        "sub_goal": filters.sub_goal,
    }
    q = filters.q.strip()
    if not q:
        return selectors.knowledge_items_for_user(user, **narrowing)
    return selectors.knowledge_item_search_for_user(user, q, **narrowing)
