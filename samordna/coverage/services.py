"""Writes of coverage items, goals and manual completion records. Every change is validated
first (nothing is stored when a rule is broken) and leaves one audit entry."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, ValidationFailed
from samordna.knowledge.models import KnowledgeItem
from samordna.organisations.models import Organisation
from samordna.plans.models import Activity

from .models import YEAR_MAX, YEAR_MIN, CoverageGoal, CoverageItem, CoverageRecord

EARLIEST_DATE = datetime.date(YEAR_MIN, 1, 1)

ITEM_FIELDS = ["name", "kind", "description", "support_process", "knowledge_item", "position"]
GOAL_FIELDS = ["item", "target_year", "audience", "description"]


# --- items -----------------------------------------------------------------------------------


def _check_item(values: dict, county, *, events, introduction_courses, exclude_pk=None) -> None:
    if not values["name"]:
        raise ValidationFailed(_("Enter a name."), field="name")
    if values["kind"] not in CoverageItem.Kind.values:
        raise ValidationFailed(_("Choose the kind."), field="kind")
    # Compared in Python: SQLite folds the case of ASCII letters only ("VÅLD" ≠ "våld").
    others = CoverageItem.objects.filter(county=county).exclude(pk=exclude_pk)
    if values["name"].casefold() in {n.casefold() for n in others.values_list("name", flat=True)}:
        raise ValidationFailed(
            _("The county already has an item called %(name)s.") % {"name": values["name"]},
            field="name",
        )
    for event in events:
        if (
            event.county_id != county.pk
            and not event.co_organising_counties.filter(pk=county.pk).exists()
        ):
            raise ValidationFailed(
                _("%(event)s is not organised by %(county)s.")
                % {"event": event.title, "county": county.name},
                field="events",
            )
    for course in introduction_courses:
        if course.plan.county_id != county.pk or course.kind != Activity.ItemKind.WEB_COURSE:
            raise ValidationFailed(
                _("%(course)s is not a web course in a plan of %(county)s.")
                % {"course": course.title, "county": county.name},
                field="introduction_courses",
            )
    knowledge = values.get("knowledge_item")
    if knowledge is not None and knowledge.kind != KnowledgeItem.Kind.WEB_COURSE:
        raise ValidationFailed(_("Choose a web course."), field="knowledge_item")


def item_create(
    *,
    actor,
    county,
    name: str,
    kind: str,
    description: str = "",
    events=(),
    support_process: str = "",
    introduction_courses=(),
    knowledge_item: KnowledgeItem | None = None,
    position: int = 0,
) -> CoverageItem:
    """Add something the county follows up per municipality and region."""
    values = {
        "name": (name or "").strip(),
        "kind": kind,
        "description": description,
        "support_process": support_process or "",
        "knowledge_item": knowledge_item,
        "position": position or 0,
    }
    events = list(events or [])
    introduction_courses = list(introduction_courses or [])
    _check_item(values, county, events=events, introduction_courses=introduction_courses)
    with transaction.atomic():
        item = CoverageItem.objects.create(county=county, **values)
        item.events.set(events)
        item.introduction_courses.set(introduction_courses)
        log_action(
            actor=actor,
            action="coverage.item.created",
            obj=item,
            county_code=county.code,
            data={"events": [e.pk for e in events]},
        )
    return item


def item_update(
    *, actor, item: CoverageItem, events=None, introduction_courses=None, **values
) -> CoverageItem:
    """Change an item; the audit entry keeps before and after."""
    values = {k: v for k, v in values.items() if k in ITEM_FIELDS}
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
    if "support_process" in values:
        values["support_process"] = values["support_process"] or ""
    merged = {field: getattr(item, field) for field in ITEM_FIELDS} | values
    new_events = list(events) if events is not None else list(item.events.all())
    new_courses = (
        list(introduction_courses)
        if introduction_courses is not None
        else list(item.introduction_courses.all())
    )
    _check_item(
        merged,
        item.county,
        events=new_events,
        introduction_courses=new_courses,
        exclude_pk=item.pk,
    )
    with transaction.atomic():
        changes = model_changes(item, ITEM_FIELDS, values)
        for field, value in values.items():
            setattr(item, field, value)
        item.save()
        for name, relation, new in (
            ("events", item.events, events),
            ("introduction_courses", item.introduction_courses, introduction_courses),
        ):
            if new is None:
                continue
            before = sorted(relation.values_list("pk", flat=True))
            relation.set(new)
            after = sorted(obj.pk for obj in new)
            if before != after:
                changes[name] = {"before": before, "after": after}
        log_action(
            actor=actor,
            action="coverage.item.updated",
            obj=item,
            county_code=item.county.code,
            data={"changes": changes},
        )
    return item


def item_delete(*, actor, item: CoverageItem) -> None:
    """Remove an item with its goals and records (asked for confirmation in the view)."""
    with transaction.atomic():
        log_action(
            actor=actor,
            action="coverage.item.deleted",
            obj=item,
            county_code=item.county.code,
            data={
                "id": item.pk,
                "name": item.name,
                "goals": item.goals.count(),
                "records": item.records.count(),
            },
        )
        item.delete()


# --- goals -----------------------------------------------------------------------------------


def _check_goal(values: dict, county, *, exclude_pk=None) -> None:
    item = values.get("item")
    if item is None:
        raise ValidationFailed(_("Choose the item."), field="item")
    if item.county_id != county.pk:
        raise ValidationFailed(
            _("%(item)s is not an item of %(county)s.")
            % {"item": item.name, "county": county.name},
            field="item",
        )
    year = values.get("target_year")
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(
            _("Enter a year between %(first)s and %(last)s.")
            % {"first": YEAR_MIN, "last": YEAR_MAX},
            field="target_year",
        )
    if values.get("audience") not in CoverageGoal.Audience.values:
        raise ValidationFailed(_("Choose who the goal is for."), field="audience")
    clash = CoverageGoal.objects.filter(item=item, target_year=year, audience=values["audience"])
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationFailed(_("This goal already exists."), field="target_year")


def goal_create(
    *,
    actor,
    county,
    item: CoverageItem,
    target_year: int,
    audience: str = CoverageGoal.Audience.MUNICIPALITIES,
    description: str = "",
) -> CoverageGoal:
    """Set a goal, e.g. all municipalities complete an item by the end of a year."""
    values = {
        "item": item,
        "target_year": target_year,
        "audience": audience,
        "description": description,
    }
    _check_goal(values, county)
    with transaction.atomic():
        goal = CoverageGoal.objects.create(county=county, **values)
        log_action(actor=actor, action="coverage.goal.created", obj=goal, county_code=county.code)
    return goal


def goal_update(*, actor, goal: CoverageGoal, **values) -> CoverageGoal:
    """Change a goal; the audit entry keeps before and after."""
    values = {k: v for k, v in values.items() if k in GOAL_FIELDS}
    merged = {field: getattr(goal, field) for field in GOAL_FIELDS} | values
    _check_goal(merged, goal.county, exclude_pk=goal.pk)
    with transaction.atomic():
        changes = model_changes(goal, GOAL_FIELDS, values)
        for field, value in values.items():
            setattr(goal, field, value)
        goal.save()
        log_action(
            actor=actor,
            action="coverage.goal.updated",
            obj=goal,
            county_code=goal.county.code,
            data={"changes": changes},
        )
    return goal


def goal_delete(*, actor, goal: CoverageGoal) -> None:
    """Remove a goal (the item and its completions stay)."""
    with transaction.atomic():
        log_action(
            actor=actor,
            action="coverage.goal.deleted",
            obj=goal,
            county_code=goal.county.code,
            data={"id": goal.pk, "item": goal.item.name, "target_year": goal.target_year},
        )
        goal.delete()


# --- manual completion records ---------------------------------------------------------------


def record_create(
    *,
    actor,
    item: CoverageItem,
    organisation: Organisation,
    completed_on: datetime.date,
    note: str = "",
) -> CoverageRecord:
    """Record a completion the platform cannot see (e.g. a web course the municipality reports)."""
    if organisation is None:
        raise ValidationFailed(_("Choose the organisation."), field="organisation")
    if organisation.county_id != item.county_id or organisation.kind not in (
        Organisation.Kind.MUNICIPALITY,
        Organisation.Kind.REGION,
    ):
        raise ValidationFailed(
            _("Choose a municipality or the region of %(county)s.") % {"county": item.county.name},
            field="organisation",
        )
    if completed_on is None:
        raise ValidationFailed(_("Enter the date."), field="completed_on")
    if completed_on < EARLIEST_DATE:
        raise ValidationFailed(_("The date cannot be before the year 2000."), field="completed_on")
    if completed_on > timezone.localdate():
        raise ValidationFailed(_("The date cannot be in the future."), field="completed_on")
    if CoverageRecord.objects.filter(item=item, organisation=organisation).exists():
        raise Conflict(
            _("A completion of %(item)s is already recorded for %(organisation)s.")
            % {"item": item.name, "organisation": organisation.name},
            field="organisation",
        )
    try:
        with transaction.atomic():
            record = CoverageRecord.objects.create(
                item=item,
                organisation=organisation,
                completed_on=completed_on,
                note=note,
                recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            log_action(
                actor=actor,
                action="coverage.record.created",
                obj=record,
                county_code=item.county.code,
                data={"completed_on": completed_on.isoformat()},
            )
    except IntegrityError as exc:  # a concurrent request recorded it first
        raise Conflict(
            _("A completion of %(item)s is already recorded for %(organisation)s.")
            % {"item": item.name, "organisation": organisation.name},
            field="organisation",
        ) from exc
    return record


def record_delete(*, actor, record: CoverageRecord) -> None:
    """Remove a completion recorded by mistake."""
    with transaction.atomic():
        log_action(
            actor=actor,
            action="coverage.record.deleted",
            obj=record,
            county_code=record.item.county.code,
            data={
                "item": record.item.name,
                "organisation": record.organisation.code,
                "completed_on": record.completed_on.isoformat(),
            },
        )
        record.delete()
