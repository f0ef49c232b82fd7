"""Writes for plans: the plan itself, its areas, activities, contacts and copying to a new year."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, ValidationFailed
from samordna.organisations.models import Person
from samordna.strategy.models import SubGoal
from samordna.strategy.selectors import strategy_for_county_year

from .models import (
    DEFAULT_AREAS,
    YEAR_MAX,
    YEAR_MIN,
    ActionPlan,
    Activity,
    Area,
    IntroductionCourse,
    PlanContact,
)

PLAN_FIELDS = [
    "title",
    "foreword",
    "introduction",
    "target_groups",
    "final_target_groups",
    "closing_text",
    "contacts_heading",
]
ACTIVITY_FIELDS = [
    "kind",
    "title",
    "description",
    "target_groups",
    "target_group_categories",
    "outcome",
    "responsible",
    "months",
    "start_date",
    "end_date",
    "financing_note",
    "financed_by_municipal_association",
    "url",
    "status",
    "follow_up",
    "participant_count",
    "assessment",
]
TEXT_ACTIVITY_FIELDS = {
    "description",
    "target_groups",
    "outcome",
    "responsible",
    "financing_note",
    "url",
    "follow_up",
    "assessment",
}


def _county_code(plan: ActionPlan) -> str:
    return plan.county.code


def _check_year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Enter a year as a number."), field="year") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(
            _("The year must be between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
            field="year",
        )
    return year


def default_plan_title(county, year: int, kind: str) -> str:
    if kind == ActionPlan.Kind.COMPETENCE:
        return _("Regional competence-development plan %(year)s") % {"year": year}
    return _("Action plan %(year)s – %(board)s") % {"year": year, "board": county.board_name}


# --- plans ------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor,
    county,
    year: int,
    kind: str = ActionPlan.Kind.ACTION,
    title: str = "",
    default_areas: bool = True,
    **values,
) -> ActionPlan:
    """Create a county's plan for a year, linked to the strategy covering the year; an action
    plan starts with the five default areas."""
    year = _check_year(year)
    if kind not in ActionPlan.Kind.values:
        raise ValidationFailed(_("Choose a kind of plan."), field="kind")
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Unknown plan fields: {sorted(unknown)}")
    if ActionPlan.objects.filter(county=county, year=year, kind=kind).exists():
        raise Conflict(
            _("%(county)s already has a plan of this kind for %(year)s.")
            % {"county": county.name, "year": year},
            field="year",
        )
    plan = ActionPlan.objects.create(
        county=county,
        year=year,
        kind=kind,
        title=(title or "").strip() or default_plan_title(county, year, kind),
        strategy=strategy_for_county_year(county, year),
        **{field: (value or "").strip() for field, value in values.items()},
    )
    if default_areas and kind == ActionPlan.Kind.ACTION:
        Area.objects.bulk_create(
            Area(plan=plan, name=name, position=index) for index, name in enumerate(DEFAULT_AREAS)
        )
    log_action(actor=actor, action="plans.plan.created", obj=plan, county_code=county.code)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, **values) -> ActionPlan:
    """Change the plan's title and texts (foreword, introduction, target groups, …)."""
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Unknown plan fields: {sorted(unknown)}")
    cleaned = {field: (value or "").strip() for field, value in values.items()}
    if "title" in cleaned and not cleaned["title"]:
        raise ValidationFailed(_("The plan needs a title."), field="title")
    changes = model_changes(plan, PLAN_FIELDS, cleaned)
    for field, value in cleaned.items():
        setattr(plan, field, value)
    plan.save()
    log_action(
        actor=actor,
        action="plans.plan.updated",
        obj=plan,
        county_code=_county_code(plan),
        data=changes,
    )
    return plan


@transaction.atomic
def plan_set_published(*, actor, plan: ActionPlan, published: bool) -> ActionPlan:
    """Publish the plan (a public page and exports) or take it back to draft."""
    plan.published = published
    plan.published_at = timezone.now() if published else None
    plan.save(update_fields=["published", "published_at", "updated_at"])
    log_action(
        actor=actor,
        action="plans.plan.published" if published else "plans.plan.unpublished",
        obj=plan,
        county_code=_county_code(plan),
    )
    return plan


def _shift_year(value: datetime.date | None, years: int) -> datetime.date | None:
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


@transaction.atomic
def plan_copy_to_year(*, actor, plan: ActionPlan, year: int | None = None) -> ActionPlan:
    """Copy a whole plan (texts, areas, activities, contacts) into another year as a draft;
    statuses start over as planned and follow-up is left empty."""
    year = _check_year(plan.year + 1 if year is None else year)
    if ActionPlan.objects.filter(county=plan.county, year=year, kind=plan.kind).exists():
        raise Conflict(
            _("%(county)s already has a plan of this kind for %(year)s.")
            % {"county": plan.county.name, "year": year},
            field="year",
        )
    offset = year - plan.year
    title = plan.title.replace(str(plan.year), str(year))
    copy = ActionPlan.objects.create(
        county=plan.county,
        year=year,
        kind=plan.kind,
        title=title,
        strategy=strategy_for_county_year(plan.county, year) or plan.strategy,
        **{field: getattr(plan, field) for field in PLAN_FIELDS if field != "title"},
    )
    same_strategy = copy.strategy_id == plan.strategy_id
    new_subgoals = (
        {subgoal.number: subgoal for subgoal in copy.strategy.subgoals.all()}
        if copy.strategy_id
        else {}
    )
    for area in plan.areas.all():
        new_area = Area.objects.create(
            plan=copy, name=area.name, description=area.description, position=area.position
        )
        for activity in area.activities.prefetch_related("subgoals").order_by("position", "id"):
            subgoals = list(activity.subgoals.all())
            new_activity = Activity.objects.create(
                plan=copy,
                area=new_area,
                position=activity.position,
                **{
                    field: getattr(activity, field)
                    for field in ACTIVITY_FIELDS
                    if field
                    not in {
                        "status",
                        "follow_up",
                        "participant_count",
                        "assessment",
                        "start_date",
                        "end_date",
                    }
                },
                start_date=_shift_year(activity.start_date, offset),
                end_date=_shift_year(activity.end_date, offset),
            )
            if same_strategy:
                new_activity.subgoals.set(subgoals)
            else:
                new_activity.subgoals.set(
                    [new_subgoals[s.number] for s in subgoals if s.number in new_subgoals]
                )
    PlanContact.objects.bulk_create(
        PlanContact(
            plan=copy,
            name=contact.name,
            role=contact.role,
            email=contact.email,
            phone=contact.phone,
            position=contact.position,
        )
        for contact in plan.contacts.all()
    )
    log_action(
        actor=actor,
        action="plans.plan.copied",
        obj=copy,
        county_code=_county_code(plan),
        data={"from_plan": plan.pk, "from_year": plan.year},
    )
    return copy


# --- areas ------------------------------------------------------------------------------------


def _next_position(queryset) -> int:
    highest = queryset.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def area_create(*, actor, plan: ActionPlan, name: str, description: str = "") -> Area:
    """Add an area at the end of the plan."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("The area needs a name."), field="name")
    area = Area.objects.create(
        plan=plan,
        name=name,
        description=(description or "").strip(),
        position=_next_position(plan.areas.all()),
    )
    log_action(actor=actor, action="plans.area.created", obj=area, county_code=_county_code(plan))
    return area


@transaction.atomic
def area_update(*, actor, area: Area, name: str, description: str = "") -> Area:
    """Rename an area or change its description."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("The area needs a name."), field="name")
    changes = model_changes(
        area, ["name", "description"], {"name": name, "description": description}
    )
    area.name = name
    area.description = (description or "").strip()
    area.save()
    log_action(
        actor=actor,
        action="plans.area.updated",
        obj=area,
        county_code=_county_code(area.plan),
        data=changes,
    )
    return area


def _swap(items: list, index: int, direction: str) -> list:
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down"):
        raise ValidationFailed(_("Choose up or down."), field="direction")
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    return items


def _renumber(items, model) -> None:
    for position, item in enumerate(items):
        item.position = position
    model.objects.bulk_update(items, ["position"])


@transaction.atomic
def area_move(*, actor, area: Area, direction: str) -> Area:
    """Move an area one step up or down in the plan."""
    areas = list(area.plan.areas.select_for_update().order_by("position", "id"))
    index = next(i for i, item in enumerate(areas) if item.pk == area.pk)
    _renumber(_swap(areas, index, direction), Area)
    log_action(
        actor=actor,
        action="plans.area.moved",
        obj=area,
        county_code=_county_code(area.plan),
        data={"direction": direction},
    )
    return area


@transaction.atomic
def area_delete(*, actor, area: Area) -> None:
    """Remove an empty area."""
    if area.activities.exists():
        raise Conflict(_("The area still has activities. Move or delete them first."), field="name")
    log_action(
        actor=actor, action="plans.area.deleted", obj=area, county_code=_county_code(area.plan)
    )
    area.delete()


# --- activities -------------------------------------------------------------------------------


def _clean_activity(plan: ActionPlan, values: dict) -> dict:
    cleaned = {}
    for field, value in values.items():
        cleaned[field] = (value or "").strip() if field in TEXT_ACTIVITY_FIELDS else value
    if "title" in values:
        cleaned["title"] = (values["title"] or "").strip()
        if not cleaned["title"]:
            raise ValidationFailed(_("The activity needs a title."), field="title")
    if "kind" in values and values["kind"] not in Activity.ItemKind.values:
        raise ValidationFailed(_("Choose a kind of item."), field="kind")
    if "status" in values and values["status"] not in Activity.Status.values:
        raise ValidationFailed(_("Choose a status."), field="status")
    if "target_group_categories" in values:
        categories = list(values["target_group_categories"] or [])
        if any(category not in Person.TargetGroup.values for category in categories):
            raise ValidationFailed(
                _("Choose target-group categories from the list."),
                field="target_group_categories",
            )
        cleaned["target_group_categories"] = [
            c for c in Person.TargetGroup.values if c in categories
        ]
    if "months" in values:
        months = []
        for month in values["months"] or []:
            try:
                month = int(month)
            except (TypeError, ValueError):
                month = 0
            if not 1 <= month <= 12:
                raise ValidationFailed(_("Months are numbered 1 to 12."), field="months")
            months.append(month)
        cleaned["months"] = sorted(set(months))
    for field in ("start_date", "end_date"):
        value = values.get(field)
        if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
            raise ValidationFailed(
                _("The date must be between the years %(min)s and %(max)s.")
                % {"min": YEAR_MIN, "max": YEAR_MAX},
                field=field,
            )
    start = values.get("start_date")
    end = values.get("end_date")
    if start and end and end < start:
        raise ValidationFailed(_("The end date cannot be before the start date."), field="end_date")
    if "participant_count" in values and values["participant_count"] is not None:
        try:
            count = int(values["participant_count"])
        except (TypeError, ValueError):
            count = -1
        if count < 0:
            raise ValidationFailed(
                _("The number of participants cannot be negative."), field="participant_count"
            )
        cleaned["participant_count"] = count
    if "financed_by_municipal_association" in values:
        cleaned["financed_by_municipal_association"] = bool(
            values["financed_by_municipal_association"]
        )
    return cleaned


def _clean_subgoals(plan: ActionPlan, subgoals) -> list[SubGoal]:
    """Sub-goals must belong to the plan's strategy (or, without one, to the county's)."""
    result = []
    for subgoal in subgoals or []:
        if not isinstance(subgoal, SubGoal):
            subgoal = SubGoal.objects.filter(pk=subgoal).select_related("strategy").first()
        valid = subgoal is not None and subgoal.strategy.county_id == plan.county_id
        if valid and plan.strategy_id:
            valid = subgoal.strategy_id == plan.strategy_id
        if not valid:
            raise ValidationFailed(
                _("The sub-goal is not part of the county's regional strategy."), field="subgoals"
            )
        result.append(subgoal)
    return result


def subgoals_by_numbers(plan: ActionPlan, numbers) -> list[SubGoal]:
    """The plan's strategy's sub-goals with the given numbers; unknown numbers are an error."""
    if plan.strategy_id is None:
        if numbers:
            raise ValidationFailed(
                _("The plan is not linked to a regional strategy with sub-goals."),
                field="subgoals",
            )
        return []
    found = {s.number: s for s in plan.strategy.subgoals.filter(number__in=list(numbers))}
    missing = sorted(set(numbers) - set(found))
    if missing:
        raise ValidationFailed(
            _("Sub-goal %(number)s is not part of the county's regional strategy.")
            % {"number": missing[0]},
            field="subgoals",
        )
    return [found[number] for number in sorted(found)]


def _check_area(plan: ActionPlan, area: Area) -> None:
    if area is None or area.plan_id != plan.pk:
        raise ValidationFailed(_("Choose an area of this plan."), field="area")


@transaction.atomic
def activity_create(
    *, actor, plan: ActionPlan, area: Area, title: str, subgoals=(), **values
) -> Activity:
    """Add an activity at the end of an area."""
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"Unknown activity fields: {sorted(unknown)}")
    _check_area(plan, area)
    cleaned = _clean_activity(plan, {"title": title, **values})
    subgoal_objects = _clean_subgoals(plan, subgoals)
    activity = Activity.objects.create(
        plan=plan, area=area, position=_next_position(area.activities.all()), **cleaned
    )
    activity.subgoals.set(subgoal_objects)
    log_action(
        actor=actor, action="plans.activity.created", obj=activity, county_code=_county_code(plan)
    )
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, subgoals=None, **values) -> Activity:
    """Change an activity's fields (and, when given, its sub-goals)."""
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"Unknown activity fields: {sorted(unknown)}")
    plan = activity.plan
    merged_dates = {
        "start_date": values.get("start_date", activity.start_date),
        "end_date": values.get("end_date", activity.end_date),
    }
    cleaned = _clean_activity(plan, values | merged_dates)
    subgoal_objects = _clean_subgoals(plan, subgoals) if subgoals is not None else None
    changes = model_changes(activity, ACTIVITY_FIELDS, cleaned)
    if subgoal_objects is not None:
        before = sorted(s.number for s in activity.subgoals.all())
        after = sorted(s.number for s in subgoal_objects)
        if before != after:
            changes["subgoals"] = {"before": before, "after": after}
    for field, value in cleaned.items():
        setattr(activity, field, value)
    activity.save()
    if subgoal_objects is not None:
        activity.subgoals.set(subgoal_objects)
    log_action(
        actor=actor,
        action="plans.activity.updated",
        obj=activity,
        county_code=_county_code(plan),
        data=changes,
    )
    return activity


@transaction.atomic
def activity_move(*, actor, activity: Activity, direction: str) -> Activity:
    """Move an activity one step up or down within its area."""
    siblings = list(
        Activity.objects.select_for_update().filter(area=activity.area).order_by("position", "id")
    )
    index = next(i for i, item in enumerate(siblings) if item.pk == activity.pk)
    _renumber(_swap(siblings, index, direction), Activity)
    log_action(
        actor=actor,
        action="plans.activity.moved",
        obj=activity,
        county_code=_county_code(activity.plan),
        data={"direction": direction},
    )
    return activity


@transaction.atomic
def activity_move_to_area(*, actor, activity: Activity, area: Area) -> Activity:
    """Move an activity to the end of another area of the same plan."""
    _check_area(activity.plan, area)
    before = activity.area.name
    if area.pk != activity.area_id:
        activity.area = area
        activity.position = _next_position(area.activities.all())
        activity.save(update_fields=["area", "position", "updated_at"])
    log_action(
        actor=actor,
        action="plans.activity.moved_area",
        obj=activity,
        county_code=_county_code(activity.plan),
        data={"area": {"before": before, "after": area.name}},
    )
    return activity


@transaction.atomic
def activity_duplicate(*, actor, activity: Activity) -> Activity:
    """Copy an activity right below itself (status planned, no follow-up)."""
    plan = activity.plan
    later = list(
        Activity.objects.select_for_update()
        .filter(area=activity.area, position__gt=activity.position)
        .order_by("position", "id")
    )
    for item in later:
        item.position += 1
    Activity.objects.bulk_update(later, ["position"])
    copy = Activity.objects.create(
        plan=plan,
        area=activity.area,
        position=activity.position + 1,
        **{
            field: getattr(activity, field)
            for field in ACTIVITY_FIELDS
            if field not in {"status", "follow_up", "participant_count", "assessment"}
        },
    )
    copy.subgoals.set(activity.subgoals.all())
    log_action(
        actor=actor,
        action="plans.activity.duplicated",
        obj=copy,
        county_code=_county_code(plan),
        data={"from_activity": activity.pk},
    )
    return copy


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    """Remove an activity from the plan."""
    log_action(
        actor=actor,
        action="plans.activity.deleted",
        obj=activity,
        county_code=_county_code(activity.plan),
        data={"area": activity.area.name},
    )
    activity.delete()


# --- contacts ---------------------------------------------------------------------------------


@transaction.atomic
def contact_create(
    *, actor, plan: ActionPlan, name: str, role: str = "", email: str = "", phone: str = ""
) -> PlanContact:
    """Add a contact person shown after the plan's tables."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the contact person's name."), field="name")
    contact = PlanContact.objects.create(
        plan=plan,
        name=name,
        role=(role or "").strip(),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        position=_next_position(plan.contacts.all()),
    )
    log_action(
        actor=actor, action="plans.contact.created", obj=contact, county_code=_county_code(plan)
    )
    return contact


@transaction.atomic
def contact_delete(*, actor, contact: PlanContact) -> None:
    """Remove a contact person from the plan."""
    log_action(
        actor=actor,
        action="plans.contact.deleted",
        obj=contact,
        county_code=_county_code(contact.plan),
    )
    contact.delete()


# --- base knowledge in introduction training -------------------------------------------------


@transaction.atomic
def introduction_courses_set(*, actor, organisation, courses) -> list[IntroductionCourse]:
    """Record which base-knowledge web courses the organisation includes in its introduction
    training (replaces the earlier answer for the courses of the same plans)."""
    courses = list(courses)
    for course in courses:
        if course.kind != Activity.ItemKind.WEB_COURSE or (
            organisation.county_id and course.plan.county_id != organisation.county_id
        ):
            raise ValidationFailed(
                _("Choose web courses from the county's competence-development plan."),
                field="courses",
            )
    existing = {
        inclusion.course_id: inclusion
        for inclusion in IntroductionCourse.objects.filter(organisation=organisation)
    }
    wanted = {course.pk for course in courses}
    removed = [pk for pk in existing if pk not in wanted]
    IntroductionCourse.objects.filter(organisation=organisation, course_id__in=removed).delete()
    added = [
        IntroductionCourse(organisation=organisation, course=course, recorded_by=actor)
        for course in courses
        if course.pk not in existing
    ]
    IntroductionCourse.objects.bulk_create(added)
    log_action(
        actor=actor,
        action="plans.introduction_courses.updated",
        obj=organisation,
        county_code=organisation.county.code if organisation.county_id else "",
        data={"added": [c.course_id for c in added], "removed": removed},
    )
    return list(IntroductionCourse.objects.filter(organisation=organisation))
