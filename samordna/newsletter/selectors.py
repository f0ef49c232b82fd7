"""Reads of lists, subscribers and issues. Permission-scoped reads are named ``*_for_user``."""

from django.db.models import Count, Prefetch, Q, QuerySet

from samordna.core.permissions import get_access, visible_to
from samordna.organisations.models import County

from .models import Issue, Item, MailingList, Section, Subscriber


def county_get(code: str) -> County | None:
    return County.objects.filter(code=code).first()


def counties_with_archives() -> QuerySet[County]:
    """Counties with at least one published issue, with the number of issues."""
    return (
        County.objects.annotate(
            issue_count=Count("newsletter_issues", filter=Q(newsletter_issues__published=True))
        )
        .filter(issue_count__gt=0)
        .order_by("code")
    )


def lists_of_county(county) -> QuerySet[MailingList]:
    return MailingList.objects.filter(county=county).order_by("-is_main", "name")


def lists_for_user(user) -> QuerySet[MailingList]:
    access = get_access(user)
    queryset = MailingList.objects.select_related("county").annotate(
        confirmed_count=Count("subscribers", filter=Q(subscribers__status="confirmed"))
    )
    if access.is_superuser:
        return queryset
    return queryset.filter(county_id__in=access.edit_county_ids)


def issues_public(*, county) -> QuerySet[Issue]:
    return Issue.objects.filter(county=county, published=True).order_by("-queued_at", "-id")


def issues_for_user(user) -> QuerySet[Issue]:
    """Issues of the counties the user edits (drafts included)."""
    access = get_access(user)
    queryset = Issue.objects.select_related("county", "mailing_list")
    if access.is_superuser:
        return queryset
    return queryset.filter(county_id__in=access.edit_county_ids)


def issue_get_visible(user, pk: int) -> Issue | None:
    """A published issue, or any issue of a county the user may read."""
    queryset = visible_to(Issue.objects.select_related("county", "mailing_list"), user)
    return queryset.filter(pk=pk).first()


def issue_get(pk: int) -> Issue | None:
    return Issue.objects.select_related("county", "mailing_list").filter(pk=pk).first()


def issue_with_content(issue: Issue) -> list[Section]:
    return list(
        issue.sections.prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("position", "id"))
        )
    )


def subscribers_of_county(county, *, q: str = "", status: str = "") -> QuerySet[Subscriber]:
    queryset = Subscriber.objects.filter(mailing_list__county=county).select_related("mailing_list")
    if q:
        queryset = queryset.filter(Q(email__icontains=q) | Q(organisation__icontains=q))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("email", "mailing_list__name")


def subscriber_counts(county) -> dict:
    return dict(
        Subscriber.objects.filter(mailing_list__county=county)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def item_get(pk: int) -> Item | None:
    return Item.objects.select_related("section__issue__county").filter(pk=pk).first()


def section_get(pk: int) -> Section | None:
    return Section.objects.select_related("issue__county").filter(pk=pk).first()


# --- Optional sources (other apps; only used when they exist) -----------------------------------


def knowledge_candidates(limit: int = 30) -> list | None:
    """Recent knowledge-bank items to pick from, or None when the knowledge bank is absent."""
    try:
        from samordna.knowledge import selectors as knowledge_selectors
    except ImportError:
        return None
    function = getattr(knowledge_selectors, "knowledge_items_public", None)
    if function is None:
        return None
    queryset = function()
    if hasattr(queryset, "order_by"):
        queryset = queryset.order_by("-published_on")
    return list(queryset[:limit])


def knowledge_get(pk: int):
    """A published knowledge-bank item by primary key, or None."""
    try:
        from samordna.knowledge.selectors import knowledge_items_public
    except ImportError:
        return None
    return knowledge_items_public().filter(pk=pk).first()


def event_candidates(county, limit: int = 20) -> list | None:
    """Upcoming public events to pick from, or None when the calendar is absent."""
    try:
        from samordna.events import selectors as event_selectors
    except ImportError:
        return None
    function = getattr(event_selectors, "upcoming_public_events", None)
    if function is None:
        return None
    return list(function(county=county, limit=limit))


def event_get(county, pk: int):
    return next(
        (event for event in event_candidates(county, limit=200) or [] if event.pk == pk), None
    )
