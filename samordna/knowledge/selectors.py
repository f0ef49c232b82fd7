"""Reads of the knowledge bank."""

from django.db.models import F, Q, QuerySet

from samordna.core.permissions import get_access, visible_to

from .models import KnowledgeItem, KnowledgeItemTag

ORDERING = (F("published_on").desc(nulls_last=True), "title", "pk")


def _base() -> QuerySet[KnowledgeItem]:
    return KnowledgeItem.objects.select_related("publisher", "county").prefetch_related(
        "tags", "sub_goal_links"
    )


def knowledge_items_public() -> QuerySet[KnowledgeItem]:
    """Published items (national and every county's), newest first, with tags preloaded."""
    return _base().filter(published=True).order_by(*ORDERING)


def knowledge_items_for_user(
    user,
    *,
    q: str = "",
    kind: str = "",
    violence_form: str = "",
    target_group: str = "",
    sub_goal: int | None = None,
    county_code: str = "",
) -> QuerySet[KnowledgeItem]:
    """Items the user may see (published ones, plus unpublished ones of the counties whose
    staff they are), filtered. ``q`` is a plain substring filter; ranked Swedish full-text
    search lives in the search app."""
    queryset = visible_to(_base(), user)
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(publisher__name__icontains=q)
        )
    if kind:
        queryset = queryset.filter(kind=kind)
    if violence_form:
        queryset = queryset.filter(
            pk__in=KnowledgeItemTag.objects.filter(
                category=KnowledgeItemTag.Category.VIOLENCE_FORM, value=violence_form
            ).values("item_id")
        )
    if target_group:
        queryset = queryset.filter(
            pk__in=KnowledgeItemTag.objects.filter(
                category=KnowledgeItemTag.Category.TARGET_GROUP, value=target_group
            ).values("item_id")
        )
    if sub_goal:
        queryset = queryset.filter(sub_goal_links__number=sub_goal)
    if county_code == "national":
        queryset = queryset.filter(county__isnull=True)
    elif county_code:
        queryset = queryset.filter(Q(county__code=county_code) | Q(county__isnull=True))
    return queryset.order_by(*ORDERING)


# Full-text matches considered per query (the knowledge bank is small; pages are sliced from
# these).
MAX_TEXT_MATCHES = 2000


def knowledge_item_search_for_user(user, q: str, **filters) -> list[KnowledgeItem]:
    """Items matching ``q`` by Swedish full-text search (stemmed, ranked best first) that the
    user may see, narrowed by the same filters as ``knowledge_items_for_user``."""
    from samordna.search.selectors import search_documents_for_user

    ranked_ids = list(
        search_documents_for_user(user, q=q, kind="knowledge").values_list("object_id", flat=True)[
            :MAX_TEXT_MATCHES
        ]
    )
    by_id = knowledge_items_for_user(user, **filters).in_bulk(ranked_ids)
    return [by_id[pk] for pk in ranked_ids if pk in by_id]


def knowledge_item_get_for_user(user, pk: int) -> KnowledgeItem | None:
    """One item if the user may see it, else ``None`` (→ 404 for the public)."""
    return visible_to(_base(), user).filter(pk=pk).first()


def knowledge_item_can_edit(user, item: KnowledgeItem) -> bool:
    access = get_access(user)
    if item.county_id is None:
        return access.is_superuser
    return access.can_edit_county(item.county_id)
