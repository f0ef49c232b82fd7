"""Writes for regional strategies, their sub-goals and affiliated organisations."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, ValidationFailed

from .models import Affiliation, NationalGoal, Strategy, SubGoal

YEAR_MIN = 2000
YEAR_MAX = 2100
STRATEGY_FIELDS = ["name", "period_start_year", "period_end_year", "text"]
SUBGOAL_FIELDS = ["number", "title", "text", "national_goals", "gender_equality_goal_6"]


def _check_year(value, field: str) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Enter a year as a number."), field=field) from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(
            _("The year must be between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
            field=field,
        )
    return year


def _clean_strategy(values: dict) -> dict:
    cleaned = dict(values)
    cleaned["name"] = (values.get("name") or "").strip()
    if not cleaned["name"]:
        raise ValidationFailed(_("The strategy needs a name."), field="name")
    cleaned["period_start_year"] = _check_year(values.get("period_start_year"), "period_start_year")
    cleaned["period_end_year"] = _check_year(values.get("period_end_year"), "period_end_year")
    if cleaned["period_end_year"] < cleaned["period_start_year"]:
        raise ValidationFailed(
            _("The last year cannot be before the first year."), field="period_end_year"
        )
    cleaned["text"] = (values.get("text") or "").strip()
    return cleaned


@transaction.atomic
def strategy_create(
    *, actor, county, name: str, period_start_year: int, period_end_year: int, text: str = ""
) -> Strategy:
    """Create a county's regional strategy (unpublished)."""
    cleaned = _clean_strategy(
        {
            "name": name,
            "period_start_year": period_start_year,
            "period_end_year": period_end_year,
            "text": text,
        }
    )
    strategy = Strategy.objects.create(county=county, **cleaned)
    log_action(
        actor=actor, action="strategy.strategy.created", obj=strategy, county_code=county.code
    )
    return strategy


@transaction.atomic
def strategy_update(*, actor, strategy: Strategy, **values) -> Strategy:
    """Change a strategy's name, period or text."""
    unknown = set(values) - set(STRATEGY_FIELDS)
    if unknown:
        raise ValueError(f"Unknown strategy fields: {sorted(unknown)}")
    merged = {field: getattr(strategy, field) for field in STRATEGY_FIELDS} | values
    cleaned = _clean_strategy(merged)
    changes = model_changes(strategy, STRATEGY_FIELDS, cleaned)
    for field, value in cleaned.items():
        setattr(strategy, field, value)
    strategy.save()
    log_action(
        actor=actor,
        action="strategy.strategy.updated",
        obj=strategy,
        county_code=strategy.county.code,
        data=changes,
    )
    return strategy


@transaction.atomic
def strategy_set_published(*, actor, strategy: Strategy, published: bool) -> Strategy:
    """Publish (show to everyone) or unpublish a strategy."""
    strategy.published = published
    strategy.published_at = timezone.now() if published else None
    strategy.save(update_fields=["published", "published_at", "updated_at"])
    log_action(
        actor=actor,
        action="strategy.strategy.published" if published else "strategy.strategy.unpublished",
        obj=strategy,
        county_code=strategy.county.code,
    )
    return strategy


def _clean_subgoal(strategy: Strategy, values: dict, *, exclude_pk=None) -> dict:
    cleaned = dict(values)
    try:
        number = int(values.get("number"))
    except (TypeError, ValueError):
        raise ValidationFailed(_("Enter the sub-goal's number."), field="number") from None
    if not 1 <= number <= 99:
        raise ValidationFailed(_("The sub-goal's number must be between 1 and 99."), field="number")
    clash = SubGoal.objects.filter(strategy=strategy, number=number)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationFailed(
            _("The strategy already has a sub-goal number %(number)s.") % {"number": number},
            field="number",
        )
    cleaned["number"] = number
    cleaned["title"] = (values.get("title") or "").strip()
    if not cleaned["title"]:
        raise ValidationFailed(_("The sub-goal needs a title."), field="title")
    cleaned["text"] = (values.get("text") or "").strip()
    goals = []
    for goal in values.get("national_goals") or []:
        try:
            goal = int(goal)
        except (TypeError, ValueError):
            goal = None
        if goal not in NationalGoal.values:
            raise ValidationFailed(
                _("Choose national goals between 1 and 4."), field="national_goals"
            )
        goals.append(goal)
    cleaned["national_goals"] = sorted(set(goals))
    cleaned["gender_equality_goal_6"] = bool(values.get("gender_equality_goal_6", True))
    return cleaned


@transaction.atomic
def subgoal_create(
    *,
    actor,
    strategy: Strategy,
    number: int,
    title: str,
    text: str = "",
    national_goals: list[int] | None = None,
    gender_equality_goal_6: bool = True,
) -> SubGoal:
    """Add a numbered sub-goal (delmål) to a strategy; numbers are unique per strategy."""
    cleaned = _clean_subgoal(
        strategy,
        {
            "number": number,
            "title": title,
            "text": text,
            "national_goals": national_goals or [],
            "gender_equality_goal_6": gender_equality_goal_6,
        },
    )
    subgoal = SubGoal.objects.create(strategy=strategy, **cleaned)
    log_action(
        actor=actor,
        action="strategy.subgoal.created",
        obj=subgoal,
        county_code=strategy.county.code,
    )
    return subgoal


@transaction.atomic
def subgoal_update(*, actor, subgoal: SubGoal, **values) -> SubGoal:
    """Change a sub-goal's number, title, text or mapping."""
    unknown = set(values) - set(SUBGOAL_FIELDS)
    if unknown:
        raise ValueError(f"Unknown sub-goal fields: {sorted(unknown)}")
    merged = {field: getattr(subgoal, field) for field in SUBGOAL_FIELDS} | values
    cleaned = _clean_subgoal(subgoal.strategy, merged, exclude_pk=subgoal.pk)
    changes = model_changes(subgoal, SUBGOAL_FIELDS, cleaned)
    for field, value in cleaned.items():
        setattr(subgoal, field, value)
    subgoal.save()
    log_action(
        actor=actor,
        action="strategy.subgoal.updated",
        obj=subgoal,
        county_code=subgoal.strategy.county.code,
        data=changes,
    )
    return subgoal


@transaction.atomic
def subgoal_delete(*, actor, subgoal: SubGoal) -> None:
    """Remove a sub-goal; refused while activities are linked to it."""
    if subgoal.activities.exists():
        raise Conflict(
            _("Activities are linked to this sub-goal. Remove the links first."), field="number"
        )
    log_action(
        actor=actor,
        action="strategy.subgoal.deleted",
        obj=subgoal,
        county_code=subgoal.strategy.county.code,
    )
    subgoal.delete()


@transaction.atomic
def affiliation_create(
    *,
    actor,
    strategy: Strategy,
    organisation,
    declaration_date: datetime.date,
    contact_name: str = "",
    contact_email: str = "",
) -> Affiliation:
    """An organisation joins the strategy with a declaration of intent."""
    if declaration_date is None:
        raise ValidationFailed(
            _("Enter the date of the declaration of intent."), field="declaration_date"
        )
    if Affiliation.objects.filter(
        strategy=strategy, organisation=organisation, left_on__isnull=True
    ).exists():
        raise ValidationFailed(
            _("%(organisation)s has already joined the strategy.")
            % {"organisation": organisation.name},
            field="organisation",
        )
    affiliation = Affiliation.objects.create(
        strategy=strategy,
        organisation=organisation,
        declaration_date=declaration_date,
        contact_name=(contact_name or "").strip(),
        contact_email=(contact_email or "").strip(),
    )
    log_action(
        actor=actor,
        action="strategy.affiliation.created",
        obj=affiliation,
        county_code=strategy.county.code,
    )
    return affiliation


@transaction.atomic
def affiliation_leave(*, actor, affiliation: Affiliation, left_on: datetime.date) -> Affiliation:
    """The organisation leaves the strategy; the history of the affiliation is kept."""
    if affiliation.left_on is not None:
        raise Conflict(_("The organisation has already left the strategy."))
    if left_on < affiliation.declaration_date:
        raise ValidationFailed(
            _("The leaving date cannot be before the declaration of intent."), field="left_on"
        )
    affiliation.left_on = left_on
    affiliation.save(update_fields=["left_on", "updated_at"])
    log_action(
        actor=actor,
        action="strategy.affiliation.left",
        obj=affiliation,
        county_code=affiliation.strategy.county.code,
    )
    return affiliation
