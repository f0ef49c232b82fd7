"""Writes of process support, actor visits and support needs. Every change is validated first
(nothing is stored when a rule is broken) and leaves one audit entry."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.accounts.models import COUNTY_ROLES
from samordna.core.audit import log_action, model_changes
from samordna.core.errors import ValidationFailed

from .models import ActorVisit, Need, SupportEngagement

EARLIEST_DATE = datetime.date(2000, 1, 1)
MAX_DAYS_AHEAD = 365


def _today() -> datetime.date:
    return timezone.localdate()


def _check_organisation(county, organisation, *, field: str = "organisation") -> None:
    if organisation is None:
        raise ValidationFailed(_("Choose the organisation."), field=field)
    if organisation.county_id != county.pk:
        raise ValidationFailed(
            _("%(organisation)s is not in %(county)s.")
            % {"organisation": organisation.name, "county": county.name},
            field=field,
        )


def _check_staff(county, staff) -> None:
    for user in staff or []:
        in_county = user.role_assignments.filter(role__in=COUNTY_ROLES, county=county).exists()
        if not in_county:
            raise ValidationFailed(
                _("%(name)s does not work at %(board)s.")
                % {"name": user.get_full_name(), "board": county.board_name},
                field="staff",
            )


def _check_date(value, *, field: str, label: str, allow_future_days: int | None) -> None:
    if value is None:
        return
    if value < EARLIEST_DATE:
        raise ValidationFailed(
            _("%(label)s cannot be before the year 2000.") % {"label": label}, field=field
        )
    if allow_future_days is not None and value > _today() + datetime.timedelta(
        days=allow_future_days
    ):
        if allow_future_days == 0:
            message = _("%(label)s cannot be in the future.") % {"label": label}
        else:
            message = _("%(label)s can be at most a year ahead.") % {"label": label}
        raise ValidationFailed(message, field=field)


def _county_code(obj) -> str:
    return obj.county.code


# --- process support -------------------------------------------------------------------------

ENGAGEMENT_FIELDS = [
    "organisation",
    "title",
    "process",
    "description",
    "start_date",
    "end_date",
    "status",
    "notes",
    "follow_up",
]


def _check_engagement(values: dict, county) -> None:
    _check_organisation(county, values["organisation"])
    if not (values.get("title") or "").strip():
        raise ValidationFailed(_("Enter a title."), field="title")
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        raise ValidationFailed(_("Enter the start date."), field="start_date")
    _check_date(start, field="start_date", label=_("The start date"), allow_future_days=None)
    if end is not None and end < start:
        raise ValidationFailed(_("The end date cannot be before the start date."), field="end_date")
    if values.get("status") == SupportEngagement.Status.COMPLETED and end is None:
        raise ValidationFailed(
            _("Enter the end date of a completed process support."), field="end_date"
        )
    if values.get("status") == SupportEngagement.Status.PLANNED and end and end < _today():
        raise ValidationFailed(
            _("A process support that has already ended cannot be planned. Change the status."),
            field="status",
        )


def engagement_create(
    *,
    actor,
    county,
    organisation,
    title: str,
    start_date: datetime.date,
    process: str = SupportEngagement.Process.OTHER,
    description: str = "",
    end_date: datetime.date | None = None,
    status: str = SupportEngagement.Status.PLANNED,
    staff=(),
    notes: str = "",
    follow_up: str = "",
) -> SupportEngagement:
    """Register process support to an organisation of the county."""
    values = {
        "organisation": organisation,
        "title": title.strip(),
        "process": process,
        "description": description,
        "start_date": start_date,
        "end_date": end_date,
        "status": status,
        "notes": notes,
        "follow_up": follow_up,
    }
    _check_engagement(values, county)
    staff = list(staff or [])
    _check_staff(county, staff)
    with transaction.atomic():
        engagement = SupportEngagement.objects.create(county=county, **values)
        engagement.staff.set(staff)
        log_action(
            actor=actor,
            action="support.engagement.created",
            obj=engagement,
            county_code=county.code,
        )
    return engagement


def engagement_update(*, actor, engagement: SupportEngagement, staff=None, **values):
    """Change process support; the audit entry keeps before and after."""
    values = {k: v for k, v in values.items() if k in ENGAGEMENT_FIELDS}
    merged = {field: getattr(engagement, field) for field in ENGAGEMENT_FIELDS} | values
    if "title" in values:
        merged["title"] = values["title"] = values["title"].strip()
    _check_engagement(merged, engagement.county)
    if staff is not None:
        staff = list(staff)
        _check_staff(engagement.county, staff)
    with transaction.atomic():
        changes = model_changes(engagement, ENGAGEMENT_FIELDS, values)
        for field, value in values.items():
            setattr(engagement, field, value)
        engagement.save()
        if staff is not None:
            before = sorted(engagement.staff.values_list("pk", flat=True))
            engagement.staff.set(staff)
            after = sorted(u.pk for u in staff)
            if before != after:
                changes["staff"] = {"before": before, "after": after}
        log_action(
            actor=actor,
            action="support.engagement.updated",
            obj=engagement,
            county_code=_county_code(engagement),
            data={"changes": changes},
        )
    return engagement


def engagement_delete(*, actor, engagement: SupportEngagement) -> None:
    """Remove process support registered by mistake."""
    with transaction.atomic():
        county_code = _county_code(engagement)
        data = {"id": engagement.pk, "title": engagement.title}
        log_action(
            actor=actor,
            action="support.engagement.deleted",
            obj=engagement,
            county_code=county_code,
            data=data,
        )
        engagement.delete()


# --- actor visits ----------------------------------------------------------------------------

VISIT_FIELDS = [
    "organisation",
    "visit_date",
    "topic",
    "participants",
    "notes",
    "follow_up_actions",
    "follow_up_date",
]


def _check_visit(values: dict, county) -> None:
    _check_organisation(county, values["organisation"])
    visit_date = values.get("visit_date")
    if visit_date is None:
        raise ValidationFailed(_("Enter the date of the visit."), field="visit_date")
    _check_date(
        visit_date,
        field="visit_date",
        label=_("The date of the visit"),
        allow_future_days=MAX_DAYS_AHEAD,
    )
    follow_up_date = values.get("follow_up_date")
    if follow_up_date is not None and follow_up_date < visit_date:
        raise ValidationFailed(
            _("The follow-up date cannot be before the visit."), field="follow_up_date"
        )


def visit_create(
    *,
    actor,
    county,
    organisation,
    visit_date: datetime.date,
    topic: str = "",
    staff=(),
    participants: str = "",
    notes: str = "",
    follow_up_actions: str = "",
    follow_up_date: datetime.date | None = None,
) -> ActorVisit:
    """Register a visit by county staff to an organisation of the county."""
    values = {
        "organisation": organisation,
        "visit_date": visit_date,
        "topic": topic.strip(),
        "participants": participants,
        "notes": notes,
        "follow_up_actions": follow_up_actions,
        "follow_up_date": follow_up_date,
    }
    _check_visit(values, county)
    staff = list(staff or [])
    _check_staff(county, staff)
    with transaction.atomic():
        visit = ActorVisit.objects.create(county=county, **values)
        visit.staff.set(staff)
        log_action(actor=actor, action="support.visit.created", obj=visit, county_code=county.code)
    return visit


def visit_update(*, actor, visit: ActorVisit, staff=None, **values) -> ActorVisit:
    """Change an actor visit; the audit entry keeps before and after."""
    values = {k: v for k, v in values.items() if k in VISIT_FIELDS}
    merged = {field: getattr(visit, field) for field in VISIT_FIELDS} | values
    _check_visit(merged, visit.county)
    if staff is not None:
        staff = list(staff)
        _check_staff(visit.county, staff)
    with transaction.atomic():
        changes = model_changes(visit, VISIT_FIELDS, values)
        for field, value in values.items():
            setattr(visit, field, value)
        visit.save()
        if staff is not None:
            before = sorted(visit.staff.values_list("pk", flat=True))
            visit.staff.set(staff)
            after = sorted(u.pk for u in staff)
            if before != after:
                changes["staff"] = {"before": before, "after": after}
        log_action(
            actor=actor,
            action="support.visit.updated",
            obj=visit,
            county_code=_county_code(visit),
            data={"changes": changes},
        )
    return visit


def visit_delete(*, actor, visit: ActorVisit) -> None:
    """Remove an actor visit; needs raised at it stay in the register without the link."""
    with transaction.atomic():
        log_action(
            actor=actor,
            action="support.visit.deleted",
            obj=visit,
            county_code=_county_code(visit),
            data={"id": visit.pk, "needs_unlinked": visit.needs.count()},
        )
        visit.delete()


# --- support needs ---------------------------------------------------------------------------

NEED_FIELDS = [
    "raised_by",
    "source",
    "visit",
    "category",
    "title",
    "description",
    "raised_on",
    "response",
    "status",
    "forward_to_national",
    "forwarding_note",
    "national_theme",
]


def _check_need(values: dict, county) -> None:
    _check_organisation(county, values["raised_by"], field="raised_by")
    if values.get("category") not in Need.Category.values:
        raise ValidationFailed(_("Choose a category."), field="category")
    if not (values.get("title") or "").strip():
        raise ValidationFailed(_("Summarise the need in a few words."), field="title")
    if not (values.get("description") or "").strip():
        raise ValidationFailed(_("Describe the need."), field="description")
    raised_on = values.get("raised_on")
    if raised_on is None:
        raise ValidationFailed(_("Enter the date the need was raised."), field="raised_on")
    _check_date(raised_on, field="raised_on", label=_("The date raised"), allow_future_days=0)
    visit = values.get("visit")
    if visit is not None:
        if visit.county_id != county.pk:
            raise ValidationFailed(_("The visit belongs to another county."), field="visit")
        if values.get("source") != Need.Source.VISIT:
            raise ValidationFailed(
                _("A need linked to a visit has the source “Actor visit”."), field="source"
            )
        if visit.visit_date > raised_on:
            raise ValidationFailed(
                _("The need cannot be raised before the visit it came from."), field="raised_on"
            )
    if (
        values.get("status") in (Need.Status.ADDRESSED, Need.Status.CLOSED)
        and not (values.get("response") or "").strip()
    ):
        raise ValidationFailed(
            _("Describe the county's response before marking the need as addressed or closed."),
            field="response",
        )
    if values.get("forward_to_national") and not (values.get("forwarding_note") or "").strip():
        raise ValidationFailed(
            _("Write a note to the national level when you forward a need."),
            field="forwarding_note",
        )


def need_create(
    *,
    actor,
    county,
    raised_by,
    category: str,
    title: str,
    description: str,
    raised_on: datetime.date,
    source: str = Need.Source.OTHER,
    visit: ActorVisit | None = None,
    response: str = "",
    status: str = Need.Status.OPEN,
    forward_to_national: bool = False,
    forwarding_note: str = "",
    national_theme: str = "",
    forwarded_at: datetime.datetime | None = None,
) -> Need:
    """Register a support need raised by an actor of the county. ``forwarded_at`` (for imports
    of needs forwarded earlier) defaults to now when the need is forwarded."""
    values = {
        "raised_by": raised_by,
        "source": source,
        "visit": visit,
        "category": category,
        "title": title.strip(),
        "description": description,
        "raised_on": raised_on,
        "response": response,
        "status": status,
        "forward_to_national": bool(forward_to_national),
        "forwarding_note": forwarding_note,
        "national_theme": national_theme.strip(),
    }
    _check_need(values, county)
    if not forward_to_national:
        forwarded_at = None
    elif forwarded_at is None:
        forwarded_at = timezone.now()
    elif forwarded_at > timezone.now() or timezone.localdate(forwarded_at) < raised_on:
        raise ValidationFailed(
            _("The need must be forwarded after it was raised and not in the future."),
            field="forwarded_at",
        )
    with transaction.atomic():
        need = Need.objects.create(county=county, forwarded_at=forwarded_at, **values)
        log_action(
            actor=actor,
            action="support.need.created",
            obj=need,
            county_code=county.code,
            data={"forwarded": need.forward_to_national},
        )
    return need


def need_update(*, actor, need: Need, **values) -> Need:
    """Change a need. Turning on forwarding stamps the time it was forwarded to national level;
    the audit code says whether the need was forwarded, withdrawn or just updated."""
    values = {k: v for k, v in values.items() if k in NEED_FIELDS}
    for key in ("title", "national_theme"):
        if key in values:
            values[key] = values[key].strip()
    merged = {field: getattr(need, field) for field in NEED_FIELDS} | values
    _check_need(merged, need.county)
    was_forwarded = need.forward_to_national
    forwarded = bool(merged["forward_to_national"])
    with transaction.atomic():
        changes = model_changes(need, NEED_FIELDS, values)
        for field, value in values.items():
            setattr(need, field, value)
        if forwarded and not was_forwarded:
            need.forwarded_at = timezone.now()
            action = "support.need.forwarded"
        elif was_forwarded and not forwarded:
            need.forwarded_at = None
            action = "support.need.forwarding_withdrawn"
        else:
            action = "support.need.updated"
        need.save()
        log_action(
            actor=actor,
            action=action,
            obj=need,
            county_code=_county_code(need),
            data={"changes": changes},
        )
    return need


def need_delete(*, actor, need: Need) -> None:
    """Remove a need registered by mistake."""
    with transaction.atomic():
        log_action(
            actor=actor,
            action="support.need.deleted",
            obj=need,
            county_code=_county_code(need),
            data={"id": need.pk, "title": need.title, "category": need.category},
        )
        need.delete()
