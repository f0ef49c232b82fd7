"""Reads of plans, their areas and activities."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from samordna.core.permissions import visible_to

from .models import ActionPlan, Activity, Area, IntroductionCourse


def plans_for_user(
    user, *, county_code: str = "", year: int | None = None, kind: str = ""
) -> QuerySet[ActionPlan]:
    """Published plans for everyone, drafts for the owning county's staff and national."""
    queryset = visible_to(ActionPlan.objects.select_related("county"), user)
    if county_code:
        queryset = queryset.filter(county__code=county_code)
    if year is not None:
        queryset = queryset.filter(year=year)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("county__code", "-year", "kind")


def _with_content(queryset: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    activities = Activity.objects.prefetch_related("subgoals").order_by("position", "id")
    return queryset.select_related("county", "strategy").prefetch_related(
        Prefetch(
            "areas",
            queryset=Area.objects.order_by("position", "id").prefetch_related(
                Prefetch("activities", queryset=activities)
            ),
        ),
        "contacts",
    )


def plan_get_for_user(user, pk: int) -> ActionPlan | None:
    """One plan with areas, activities and sub-goals loaded, or None when not visible."""
    return _with_content(plans_for_user(user)).filter(pk=pk).first()


def plan_get_with_content(pk: int) -> ActionPlan | None:
    """One plan with everything loaded, without permission scoping (for staff editing)."""
    return _with_content(ActionPlan.objects.all()).filter(pk=pk).first()


@dataclass
class WheelItem:
    """Something shown on the annual wheel: a title in one or more months, coloured by area."""

    title: str
    months: list[int]
    group: str
    kind: str = "activity"
    period: str = ""
    extra: dict = field(default_factory=dict)


def activity_months(activity: Activity, year: int) -> list[int]:
    """The months of the plan year an activity falls in: its months, else its dates."""
    if activity.months:
        return list(activity.months)
    start, end = activity.start_date, activity.end_date or activity.start_date
    if start is None:
        return []
    if start.year > year or end.year < year:
        return []
    first = start.month if start.year == year else 1
    last = end.month if end.year == year else 12
    return list(range(first, last + 1))


def introduction_courses_of(organisation) -> QuerySet[IntroductionCourse]:
    return IntroductionCourse.objects.filter(organisation=organisation).select_related(
        "course", "course__plan"
    )


def base_courses_for_county(county) -> QuerySet[Activity]:
    """The base-knowledge web courses of the county's competence-development plans."""
    return (
        Activity.objects.filter(
            plan__county=county,
            plan__kind=ActionPlan.Kind.COMPETENCE,
            kind=Activity.ItemKind.WEB_COURSE,
        )
        .select_related("plan")
        .order_by("-plan__year", "position", "id")
    )


def web_courses_with_inclusion_counts(plan: ActionPlan) -> list[Activity]:
    """The plan's web courses, each with ``inclusion_count`` organisations that include it."""
    return list(
        Activity.objects.filter(plan=plan, kind=Activity.ItemKind.WEB_COURSE)
        .annotate(inclusion_count=Count("introduction_inclusions"))
        .order_by("area__position", "position", "id")
    )
