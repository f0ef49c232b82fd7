"""Reads of process support, actor visits and support needs, scoped to what the user may read:
the county's own staff see their county, the national role sees all, nobody else sees any."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna.accounts.models import COUNTY_ROLES, User
from samordna.core.errors import NotPermitted, ValidationFailed
from samordna.core.permissions import get_access
from samordna.organisations.models import County, Municipality, Organisation

from .models import ActorVisit, Need, SupportEngagement


def _scoped(queryset: QuerySet, user) -> QuerySet:
    """Rows of the counties whose internal data the user may read (none for non-staff)."""
    access = get_access(user)
    readable = access.readable_county_ids()
    if readable is None:
        return queryset
    return queryset.filter(county_id__in=readable)


def _apply_filters(
    queryset: QuerySet,
    *,
    organisation_field: str,
    text_fields: tuple[str, ...],
    county_code: str = "",
    organisation_code: str = "",
    municipality_code: str = "",
    status: str = "",
    q: str = "",
) -> QuerySet:
    if county_code:
        queryset = queryset.filter(county__code=county_code)
    if organisation_code:
        queryset = queryset.filter(**{f"{organisation_field}__code": organisation_code})
    if municipality_code:
        queryset = queryset.filter(
            **{f"{organisation_field}__municipality__code": municipality_code}
        )
    if status:
        queryset = queryset.filter(status=status)
    if q:
        condition = Q()
        for name in text_fields:
            condition |= Q(**{f"{name}__icontains": q})
        queryset = queryset.filter(condition)
    return queryset


def engagements_for_user(
    user,
    *,
    county_code: str = "",
    organisation_code: str = "",
    municipality_code: str = "",
    status: str = "",
    process: str = "",
    year: int | None = None,
    q: str = "",
) -> QuerySet[SupportEngagement]:
    """Process support the user may read; ``year`` keeps engagements active during that year."""
    queryset = _apply_filters(
        _scoped(SupportEngagement.objects.all(), user),
        organisation_field="organisation",
        text_fields=("title", "description", "notes", "follow_up", "organisation__name"),
        county_code=county_code,
        organisation_code=organisation_code,
        municipality_code=municipality_code,
        status=status,
        q=q,
    )
    if process:
        queryset = queryset.filter(process=process)
    if year:
        queryset = queryset.filter(start_date__lte=datetime.date(year, 12, 31)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(year, 1, 1))
        )
    return (
        queryset.select_related("county", "organisation", "organisation__municipality")
        .prefetch_related("staff")
        .order_by("-start_date", "-id")
    )


def visits_for_user(
    user,
    *,
    county_code: str = "",
    organisation_code: str = "",
    municipality_code: str = "",
    year: int | None = None,
    q: str = "",
) -> QuerySet[ActorVisit]:
    """Actor visits the user may read, newest first."""
    queryset = _apply_filters(
        _scoped(ActorVisit.objects.all(), user),
        organisation_field="organisation",
        text_fields=(
            "topic",
            "participants",
            "notes",
            "follow_up_actions",
            "organisation__name",
        ),
        county_code=county_code,
        organisation_code=organisation_code,
        municipality_code=municipality_code,
        q=q,
    )
    if year:
        queryset = queryset.filter(visit_date__year=year)
    return (
        queryset.select_related("county", "organisation", "organisation__municipality")
        .prefetch_related("staff")
        .annotate(need_count=Count("needs"))
        .order_by("-visit_date", "-id")
    )


def needs_for_user(
    user,
    *,
    county_code: str = "",
    organisation_code: str = "",
    municipality_code: str = "",
    status: str = "",
    category: str = "",
    source: str = "",
    year: int | None = None,
    forwarded: bool | None = None,
    theme: str = "",
    q: str = "",
) -> QuerySet[Need]:
    """The needs register as the user may read it; ``year`` is the year the need was raised."""
    queryset = _apply_filters(
        _scoped(Need.objects.all(), user),
        organisation_field="raised_by",
        text_fields=(
            "title",
            "description",
            "response",
            "forwarding_note",
            "national_theme",
            "raised_by__name",
        ),
        county_code=county_code,
        organisation_code=organisation_code,
        municipality_code=municipality_code,
        status=status,
        q=q,
    )
    if category:
        queryset = queryset.filter(category=category)
    if source:
        queryset = queryset.filter(source=source)
    if year:
        queryset = queryset.filter(raised_on__year=year)
    if forwarded is not None:
        queryset = queryset.filter(forward_to_national=forwarded)
    if theme:
        queryset = queryset.filter(national_theme__iexact=theme)
    return queryset.select_related(
        "county", "raised_by", "raised_by__municipality", "visit"
    ).order_by("-raised_on", "-id")


def forwarded_needs_for_user(
    user, *, county_code: str = "", category: str = "", theme: str = "", year: int | None = None
) -> QuerySet[Need]:
    """Needs forwarded to national level: all counties for the national role, the own county's
    for county staff; newest forwarding first."""
    return needs_for_user(
        user,
        county_code=county_code,
        category=category,
        theme=theme,
        year=year,
        forwarded=True,
    ).order_by("-forwarded_at", "-id")


API_LOGIN_REQUIRED = gettext_lazy("Log in with an API token to read the needs register.")


def needs_for_api(user, *, county_code: str = "", **filters) -> QuerySet[Need]:
    """The needs register for an API client: county staff and the national role only; asking
    for a county the user may not read is refused rather than answered with an empty list."""
    access = get_access(user)
    if not access.is_staff:
        raise NotPermitted(_("Only county staff and the national role can read support needs."))
    if county_code:
        county = County.objects.filter(code=county_code).first()
        if county is None:
            raise ValidationFailed(
                _("Unknown county code %(code)s.") % {"code": county_code}, field="county"
            )
        if not access.can_read_county(county.pk):
            raise NotPermitted(
                _("You cannot read the support needs of %(county)s.") % {"county": county.name}
            )
    return needs_for_user(user, county_code=county_code, **filters)


def category_counts(needs: QuerySet[Need]) -> list[dict]:
    """Number of needs per category (every category, also those with none), in choice order."""
    counts = dict(
        needs.order_by()
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Need.Category.choices
    ]


def national_themes(user) -> list[str]:
    """The distinct national themes of the forwarded needs the user may read."""
    themes = (
        needs_for_user(user, forwarded=True)
        .exclude(national_theme="")
        .order_by()
        .values_list("national_theme", flat=True)
        .distinct()
    )
    return sorted(set(themes), key=str.casefold)


def engagement_get_for_user(user, pk: int) -> SupportEngagement | None:
    return engagements_for_user(user).filter(pk=pk).first()


def visit_get_for_user(user, pk: int) -> ActorVisit | None:
    return visits_for_user(user).filter(pk=pk).first()


def need_get_for_user(user, pk: int) -> Need | None:
    return needs_for_user(user).filter(pk=pk).first()


def needs_of_visit(visit: ActorVisit) -> QuerySet[Need]:
    return visit.needs.select_related("raised_by").order_by("-raised_on", "-id")


# --- choices for forms and filters -----------------------------------------------------------


def readable_counties(user) -> QuerySet[County]:
    readable = get_access(user).readable_county_ids()
    counties = County.objects.order_by("code")
    return counties if readable is None else counties.filter(pk__in=readable)


def editable_counties(user) -> QuerySet[County]:
    access = get_access(user)
    if access.is_superuser:
        return County.objects.order_by("code")
    return County.objects.filter(pk__in=access.edit_county_ids).order_by("code")


def county_staff(counties) -> QuerySet[User]:
    """Editors and admins of these counties (who can be responsible staff)."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role__in=COUNTY_ROLES,
            role_assignments__county__in=counties,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def organisations_in_counties(counties) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(county__in=counties, is_active=True)
        .select_related("county")
        .order_by("county__code", "name")
    )


def filter_organisations(queryset: QuerySet, organisation_field: str) -> QuerySet[Organisation]:
    """Organisations that occur in ``queryset`` (keeps filter menus short)."""
    ids = queryset.order_by().values_list(f"{organisation_field}_id", flat=True).distinct()
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def filter_municipalities(user) -> QuerySet[Municipality]:
    return Municipality.objects.filter(county__in=readable_counties(user)).order_by("name")


def visits_for_choice(counties) -> QuerySet[ActorVisit]:
    """Recent visits of these counties, for linking a need to the visit it came from."""
    return (
        ActorVisit.objects.filter(county__in=counties)
        .select_related("organisation")
        .order_by("-visit_date", "-id")[:200]
    )


# --- for other modules -----------------------------------------------------------------------


def support_figures(county: County, year: int) -> dict:
    """Figures for a county's annual report: process support active and completed in the year,
    actor visits, needs raised (per category) and needs forwarded to national level."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    engagements = SupportEngagement.objects.filter(county=county, start_date__lte=last).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first)
    )
    needs = Need.objects.filter(county=county, raised_on__year=year)
    return {
        "engagements_active": engagements.count(),
        "engagements_completed": engagements.filter(
            status=SupportEngagement.Status.COMPLETED, end_date__year=year
        ).count(),
        "organisations_supported": engagements.values("organisation").distinct().count(),
        "visits": ActorVisit.objects.filter(county=county, visit_date__year=year).count(),
        "needs_raised": needs.count(),
        "needs_by_category": category_counts(needs),
        "needs_forwarded": Need.objects.filter(
            county=county, forward_to_national=True, forwarded_at__year=year
        ).count(),
    }


@dataclass
class OrganisationSupportSummary:
    engagement_count: int = 0
    visit_count: int = 0
    need_count: int = 0
    open_need_count: int = 0
    forwarded_need_count: int = 0
    engagements: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    needs: list = field(default_factory=list)


def support_summary_for_organisation(
    organisation: Organisation, *, user=None, limit: int = 5
) -> OrganisationSupportSummary | None:
    """Process support, visits and needs of one organisation, for its page in another module.
    Internal data: with ``user`` given, returns None unless the user may read the county."""
    if user is not None and not get_access(user).can_read_county(organisation.county_id):
        return None
    engagements = SupportEngagement.objects.filter(organisation=organisation).order_by(
        "-start_date", "-id"
    )
    visits = ActorVisit.objects.filter(organisation=organisation).order_by("-visit_date", "-id")
    needs = Need.objects.filter(raised_by=organisation).order_by("-raised_on", "-id")
    return OrganisationSupportSummary(
        engagement_count=engagements.count(),
        visit_count=visits.count(),
        need_count=needs.count(),
        open_need_count=needs.filter(
            status__in=[Need.Status.OPEN, Need.Status.IN_PROGRESS]
        ).count(),
        forwarded_need_count=needs.filter(forward_to_national=True).count(),
        engagements=list(engagements[:limit]),
        visits=list(visits[:limit]),
        needs=list(needs[:limit]),
    )
